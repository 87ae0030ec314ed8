import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from assessment.chart import daily_rows, stacked_bars
from assessment.models import DailyCount

pytestmark = pytest.mark.django_db


def test_daily_rows_fill_every_day_and_ignore_days_outside_the_window():
    end = datetime.date(2026, 6, 30)
    rows = daily_rows([(end, "mild", 3), (end, "severe", 1), (datetime.date(2026, 1, 1), "none", 9)], end, days=90)
    assert len(rows) == 90 and rows[0].day == end - datetime.timedelta(days=89) and rows[-1].day == end
    assert rows[-1].by_band == {"none": 0, "mild": 3, "moderate": 0, "severe": 1} and rows[-1].total == 4
    assert sum(row.total for row in rows) == 4


def test_bars_stack_and_scale_to_the_busiest_day():
    end = datetime.date(2026, 6, 30)
    rows = daily_rows(
        [(end, "mild", 3), (end, "severe", 1), (end - datetime.timedelta(days=1), "none", 2)], end, days=2
    )
    bars, peak = stacked_bars(rows, width=100, height=200)
    assert peak == 4
    last_day = [bar for bar in bars if bar.x > 50]
    assert sum(bar.height for bar in last_day) == pytest.approx(200)
    assert min(bar.y for bar in last_day) == pytest.approx(0)


def test_staff_see_the_chart_and_table_of_the_last_90_days(client):
    today = timezone.localdate()
    DailyCount.objects.create(day=today, version="self", band="moderate", count=7)
    DailyCount.objects.create(day=today, version="loved_one", band="none", count=2)
    DailyCount.objects.create(day=today - datetime.timedelta(days=120), version="self", band="none", count=50)
    staff = User.objects.create_superuser("owner", "owner@example.org", "a-long-password-1")
    client.force_login(staff)
    response = client.get("/admin/assessment/dailycount/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and html.count("<rect") >= 2
    assert "9 completed checks" in html and "7 self, 2 about a loved one" in html
    assert len(re.findall(r'<th scope="row">', html)) == 90


def test_the_counts_page_is_for_staff_only(client):
    assert client.get("/admin/assessment/dailycount/").status_code == 302
    User.objects.create_user("reader", password="a-long-password-1")
    client.login(username="reader", password="a-long-password-1")
    assert client.get("/admin/assessment/dailycount/").status_code == 302


def test_counts_cannot_be_added_or_changed_by_hand(client):
    row = DailyCount.objects.create(day=timezone.localdate(), version="self", band="none", count=1)
    client.force_login(User.objects.create_superuser("owner", "o@example.org", "a-long-password-1"))
    assert client.get("/admin/assessment/dailycount/add/").status_code == 403
    assert client.post(f"/admin/assessment/dailycount/{row.pk}/delete/").status_code == 403
