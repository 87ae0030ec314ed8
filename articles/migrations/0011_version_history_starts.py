"""Give every existing article and topic a first version, so that the text it has today is in its history
before anyone edits it. New databases have nothing to record here; the import records its own versions."""

from django.core import serializers
from django.db import migrations
from django.utils import timezone

COMMENT = "Version history starts: the text as it was when history began to be kept"
# As articles.history registers them with django-reversion, frozen here.
ARTICLE_DERIVED = {
    "id",
    "body_html",
    "toc_html",
    "search_text",
    "search_vector",
    "search_rank_vector",
    "reading_minutes",
    "imported_hash",
    "text_hash",
    "text_changed_on",
    "updated_at",
}


def first_versions(apps, schema_editor):
    alias = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("reversion", "Revision")
    Version = apps.get_model("reversion", "Version")
    for model_name, skip in (("topic", {"id"}), ("article", ARTICLE_DERIVED)):
        Model = apps.get_model("articles", model_name)
        if not Model.objects.using(alias).exists():
            continue
        content_type, _ = ContentType.objects.using(alias).get_or_create(app_label="articles", model=model_name)
        fields = [field.name for field in Model._meta.local_fields if field.name not in skip]
        recorded = set(
            Version.objects.using(alias).filter(content_type=content_type).values_list("object_id", flat=True)
        )
        for obj in Model.objects.using(alias).order_by("pk").iterator():
            if str(obj.pk) in recorded:
                continue
            revision = Revision.objects.using(alias).create(date_created=timezone.now(), comment=COMMENT)
            Version.objects.using(alias).create(
                revision=revision,
                object_id=str(obj.pk),
                content_type=content_type,
                db=alias,
                format="json",
                serialized_data=serializers.serialize("json", [obj], fields=fields),
                object_repr=obj.title,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_editorial_roles"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Going back leaves the versions: nothing is ever removed from the history.
    operations = [migrations.RunPython(first_versions, migrations.RunPython.noop)]
