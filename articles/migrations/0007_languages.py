from django.db import migrations, models


def keys_from_slugs(apps, schema_editor):
    # Every existing row is English, and an English row's translation key is its own slug.
    for name in ("Topic", "Article"):
        model = apps.get_model("articles", name)
        model.objects.update(translation_key=models.F("slug"))


def create_spanish_search(apps, schema_editor):
    """Spanish stemming over unaccented words, so that "adiccion" finds "adicción" (PostgreSQL only)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    schema_editor.execute(
        "DO $$ BEGIN "
        "IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'spanish_unaccent') THEN "
        "CREATE TEXT SEARCH CONFIGURATION spanish_unaccent (COPY = spanish); "
        "ALTER TEXT SEARCH CONFIGURATION spanish_unaccent "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem; "
        "END IF; END $$"
    )


def drop_spanish_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS spanish_unaccent")


class Migration(migrations.Migration):
    """One row per language for topics and articles, linked by the English slug (translation_key)."""

    dependencies = [("articles", "0006_reference_fields")]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="language",
            field=models.CharField(choices=[("en", "English"), ("es", "Español")], default="en", max_length=7),
        ),
        migrations.AddField(
            model_name="topic",
            name="translation_key",
            field=models.SlugField(
                default="", help_text="The English topic's slug, in every language.", max_length=80
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="article",
            name="language",
            field=models.CharField(choices=[("en", "English"), ("es", "Español")], default="en", max_length=7),
        ),
        migrations.AddField(
            model_name="article",
            name="translation_key",
            field=models.SlugField(
                default="",
                help_text="The English article's slug, in every language: it links the translations.",
                max_length=100,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="article",
            name="source_hash",
            field=models.CharField(
                blank=True,
                help_text="For a translation: the fingerprint of the English article it was translated from.",
                max_length=12,
            ),
        ),
        migrations.RunPython(keys_from_slugs, migrations.RunPython.noop),
        migrations.AlterField(model_name="topic", name="slug", field=models.SlugField(max_length=80)),
        migrations.AlterField(model_name="article", name="slug", field=models.SlugField(max_length=100)),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(fields=("language", "slug"), name="one_topic_slug_per_language"),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                fields=("language", "translation_key"), name="one_topic_per_key_and_language"
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(fields=("language", "slug"), name="one_article_slug_per_language"),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                fields=("language", "translation_key"), name="one_article_per_key_and_language"
            ),
        ),
        migrations.RunPython(create_spanish_search, drop_spanish_search),
    ]
