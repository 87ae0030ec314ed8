from django.db import migrations


def drop_title_index(apps, schema_editor):
    # Made by 0005 for the old search's text-only matches, listed A to Z; nothing reads it now.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS articles_article_title")


class Migration(migrations.Migration):
    """The full-text vectors leave articles: search keeps its own index (the search app). The plain text of
    each article (search_text) stays, rendered on save."""

    dependencies = [("articles", "0011_version_history_starts")]

    operations = [
        migrations.RemoveField(model_name="article", name="search_rank_vector"),
        migrations.RemoveField(model_name="article", name="search_vector"),
        migrations.RunPython(drop_title_index, migrations.RunPython.noop),
    ]
