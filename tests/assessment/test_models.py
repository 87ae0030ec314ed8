import datetime
import threading

import pytest
from django.db import connection, connections
from django.test import Client

from assessment.models import DailyCount
from tests.factories import answers
from tests.markers import postgres_only


@pytest.mark.django_db
def test_increment_creates_then_adds_to_the_days_row():
    day = datetime.date(2026, 5, 1)
    DailyCount.increment("self", "mild", "en", day=day)
    DailyCount.increment("self", "mild", "en", day=day)
    DailyCount.increment("loved_one", "mild", "en", day=day)
    assert DailyCount.objects.get(day=day, version="self", band="mild").count == 2
    assert DailyCount.objects.get(day=day, version="loved_one", band="mild").count == 1


@pytest.mark.django_db
def test_the_count_table_holds_only_day_version_band_language_and_count():
    columns = {
        column.name
        for column in connection.introspection.get_table_description(connection.cursor(), "assessment_dailycount")
    }
    assert columns == {"id", "day", "version", "band", "language", "count"}


@pytest.mark.django_db
def test_each_language_is_counted_apart():
    day = datetime.date(2026, 5, 2)
    DailyCount.increment("self", "severe", "es", day=day)
    DailyCount.increment("self", "severe", "en", day=day)
    DailyCount.increment("self", "severe", "es", day=day)
    counts = dict(DailyCount.objects.filter(day=day).values_list("language", "count"))
    assert counts == {"en": 1, "es": 2}


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_never_lose_a_count():
    threads, per_thread = 12, 10
    errors = []
    start = threading.Barrier(threads)

    def submit(index):
        try:
            client = Client()
            start.wait()
            for n in range(per_thread):
                url = "/self-check/" if (index + n) % 2 else "/self-check/loved-one/"
                response = client.post(url, answers(yes=["craving", "harm"]))
                assert response.status_code == 200
        except Exception as error:  # collected and reported below
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=submit, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors, errors
    counts = {row.version: row.count for row in DailyCount.objects.filter(band="mild")}
    assert counts == {"self": threads * per_thread // 2, "loved_one": threads * per_thread // 2}
