from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from assessment.questions import VERSIONS
from assessment.scoring import BAND_ORDER


class DailyCount(models.Model):
    """How many checks were completed on a day, per version and band. Nothing else is ever recorded."""

    day = models.DateField()
    version = models.CharField(max_length=20, choices=[(key, key) for key in VERSIONS])
    band = models.CharField(max_length=20, choices=[(band, band) for band in BAND_ORDER])
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "version", "band"], name="one_count_per_day_version_band")
        ]
        ordering = ["-day", "version", "band"]

    def __str__(self):
        return f"{self.day} {self.version} {self.band}: {self.count}"

    @classmethod
    def increment(cls, version, band, day=None):
        """Add one, atomically: concurrent submissions never lose a count."""
        day = day or timezone.localdate()
        match = cls.objects.filter(day=day, version=version, band=band)
        if match.update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(day=day, version=version, band=band, count=1)
        except IntegrityError:
            # Another request created today's row between our update and insert.
            match.update(count=F("count") + 1)
