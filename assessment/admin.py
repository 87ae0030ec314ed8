from django.contrib import admin
from django.db.models import Sum
from django.template.response import TemplateResponse
from django.utils import timezone

from articles.admin import ReadOnlyAdmin
from assessment.chart import BAND_COLOURS, daily_rows, stacked_bars
from assessment.models import DailyCount
from assessment.scoring import BAND_LABELS, BAND_ORDER

CHART_DAYS = 90


@admin.register(DailyCount)
class DailyCountAdmin(ReadOnlyAdmin):
    """Read-only: counts are only ever added by completed checks."""

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            return super().changelist_view(request, extra_context)
        end = timezone.localdate()
        start = end - timezone.timedelta(days=CHART_DAYS - 1)
        counts = (
            DailyCount.objects.filter(day__gte=start, day__lte=end)
            .values_list("day", "band")
            .annotate(total=Sum("count"))
            .order_by()
        )
        rows = daily_rows(counts, end, CHART_DAYS)
        bars, peak = stacked_bars(rows)
        by_version = dict(
            DailyCount.objects.filter(day__gte=start).values_list("version").annotate(total=Sum("count")).order_by()
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Completed self-checks, last {CHART_DAYS} days",
            "opts": self.model._meta,
            "rows": list(reversed(rows)),
            "bars": bars,
            "peak": peak,
            "bands": [(band, BAND_LABELS[band], BAND_COLOURS[band]) for band in BAND_ORDER],
            "total": sum(row.total for row in rows),
            "by_version": by_version,
            "start": start,
            "end": end,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/assessment/dailycount/chart.html", context)
