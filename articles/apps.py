from django.apps import AppConfig
from django.db.backends.signals import connection_created


def register_sqlite_functions(sender, connection, **kwargs):
    """SQLite has no unaccent: give it the search's fold() so that Spanish words match without accents."""
    if connection.vendor == "sqlite":
        from articles.search import fold

        connection.connection.create_function(
            "fold", 1, lambda text: None if text is None else fold(text), deterministic=True
        )


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import history, signals  # noqa: F401  (version history; cache invalidation)

        connection_created.connect(register_sqlite_functions)
