from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from assessment.questions import VERSIONS
from assessment.scoring import BAND_ORDER


class DailyCount(models.Model):
    """How many checks were completed on a day, per version, band and language of the page. Nothing else
    is ever recorded: no answer, no address, no time of day."""

    day = models.DateField()
    language = models.CharField(max_length=7, choices=settings.LANGUAGES, default="en")
    version = models.CharField(max_length=20, choices=[(key, key) for key in VERSIONS])
    band = models.CharField(max_length=20, choices=[(band, band) for band in BAND_ORDER])
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "version", "band", "language"], name="one_count_per_day_version_band_language"
            )
        ]
        ordering = ["-day", "version", "band"]

    def __str__(self):
        return f"{self.day} {self.version} {self.band} ({self.language}): {self.count}"

    @classmethod
    def increment(cls, version, band, language=None, day=None):
        """Add one in a single upsert statement, atomic in the database itself, so that concurrent
        submissions (from any number of processes or servers) never lose a count.

        SQLite (3.24+) and PostgreSQL share this syntax; the ORM has no upsert that adds to a column.
        """
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (day, version, band, language, count) VALUES (%s, %s, %s, %s, 1) "  # noqa: S608
                f"ON CONFLICT (day, version, band, language) DO UPDATE SET count = {table}.count + 1",
                [day or timezone.localdate(), version, band, language or settings.LANGUAGE_CODE],
            )
