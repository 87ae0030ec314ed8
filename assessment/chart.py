"""The daily-count chart, drawn on the server as SVG shapes: no script, no image files."""

import datetime
from dataclasses import dataclass

from assessment.scoring import BAND_ORDER

BAND_COLOURS = {"none": "#2e7d32", "mild": "#8a6d00", "moderate": "#b85c00", "severe": "#b3261e"}


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str


@dataclass(frozen=True)
class DayRow:
    day: datetime.date
    by_band: dict
    total: int


def daily_rows(counts, end, days=90):
    """One row per day from end-days+1 to end, oldest first, with a count per band (all versions)."""
    start = end - datetime.timedelta(days=days - 1)
    table = {start + datetime.timedelta(days=i): dict.fromkeys(BAND_ORDER, 0) for i in range(days)}
    for day, band, count in counts:
        if day in table and band in table[day]:
            table[day][band] += count
    return [DayRow(day, by_band, sum(by_band.values())) for day, by_band in table.items()]


def stacked_bars(rows, width=900, height=240):
    """Bars stacked by band, one per day, scaled to the busiest day."""
    peak = max((row.total for row in rows), default=0) or 1
    slot = width / max(len(rows), 1)
    bars = []
    for index, row in enumerate(rows):
        y = float(height)
        for band in BAND_ORDER:
            value = row.by_band[band]
            if not value:
                continue
            bar_height = value / peak * height
            y -= bar_height
            bars.append(
                Bar(
                    x=round(index * slot + 1, 2),
                    y=round(y, 2),
                    width=round(max(slot - 2, 1), 2),
                    height=round(bar_height, 2),
                    fill=BAND_COLOURS[band],
                    title=f"{row.day:%b %-d}: {value} {band}",
                )
            )
    return bars, peak
