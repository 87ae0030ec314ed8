from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import translation

from articles.models import Article
from search import evaluation
from search.query import plan
from search.results import answers, find


def page_answers(query, language):
    """What the search page shows for a query, as targets, best first."""
    with translation.override(language):
        the_plan = plan(query, language)
        articles, _, _ = find(the_plan, page_size=evaluation.DEPTH)
        return answers(the_plan, articles)


class Command(BaseCommand):
    help = "Measure search against the relevance set: top-3 share and mean reciprocal rank, per language and class."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(evaluation.RELEVANCE_FILE))
        parser.add_argument("--misses", action="store_true", help="List the queries whose answer is not in the top 3.")
        parser.add_argument("--label", default="")

    def handle(self, file, misses, label, **options):
        cases = evaluation.load_cases(file)
        keys = set(Article.objects.published().values_list("language", "translation_key"))
        problems = evaluation.case_problems(cases, keys)
        if problems:
            raise CommandError("The relevance set names what does not exist:\n  " + "\n  ".join(problems))
        figures, missed = evaluation.evaluate(cases, page_answers)
        self.stdout.write(evaluation.report(figures, label or f"Search relevance on {connection.vendor}"))
        if misses:
            for case, found in missed:
                self.stdout.write(
                    f"  miss [{case.language} {case.kind}] {case.query!r}: want {case.expect}, got {found}"
                )
