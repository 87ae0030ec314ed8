from django.db import migrations


def build(apps, schema_editor):
    """The engine's own tables (SQLite's FTS5 tables; PostgreSQL's GIN indexes and Spanish configuration), then
    the index of every published article, so a deploy's `migrate` leaves search working."""
    from search import indexing

    indexing.rebuild(using=schema_editor.connection.alias, article_model=apps.get_model("articles", "Article"))


def unbuild(apps, schema_editor):
    from search.engines import engine_for

    with schema_editor.connection.cursor() as cursor:
        engine_for(schema_editor.connection.alias).drop(cursor)


class Migration(migrations.Migration):
    # It indexes the articles with today's model, so every articles migration comes first.
    dependencies = [("search", "0001_initial"), ("articles", "0012_remove_search_vectors")]

    operations = [migrations.RunPython(build, unbuild)]
