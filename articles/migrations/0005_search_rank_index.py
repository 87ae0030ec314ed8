from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS articles_article_search_rank_vector_gin "
            "ON articles_article USING GIN (search_rank_vector)"
        )
        schema_editor.execute("CREATE INDEX IF NOT EXISTS articles_article_title ON articles_article (title)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS articles_article_search_rank_vector_gin")
        schema_editor.execute("DROP INDEX IF EXISTS articles_article_title")


class Migration(migrations.Migration):
    """Indexes for the two parts of a PostgreSQL search: title-and-summary matches, then text matches by title."""

    dependencies = [("articles", "0004_search_rank_vector")]

    operations = [migrations.RunPython(create_index, drop_index)]
