from django.core.management.base import BaseCommand

from search import indexing
from search.models import Document, Term


class Command(BaseCommand):
    help = "Make the search index and its vocabulary anew from the published articles."

    def handle(self, **options):
        indexing.rebuild()
        self.stdout.write(f"Indexed {Document.objects.count()} articles; {Term.objects.count()} words known.")
