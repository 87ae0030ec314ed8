from django.db import migrations
from django.utils import timezone


def create_row(apps, schema_editor):
    apps.get_model("articles", "ContentVersion").objects.get_or_create(pk=1, defaults={"changed_at": timezone.now()})


class Migration(migrations.Migration):
    """The single content-version row exists from the start, so reading it never writes."""

    dependencies = [("articles", "0002_search_index")]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
