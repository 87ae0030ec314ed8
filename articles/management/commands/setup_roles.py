from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from articles.roles import ROLES, ensure_roles


class Command(BaseCommand):
    help = (
        "Create the editorial roles (groups) Writer, Clinical reviewer and Publisher with their permissions. "
        "Safe to run again: it adds what is missing and removes nothing."
    )

    def handle(self, **options):
        try:
            added = ensure_roles(apps)
        except LookupError as error:
            raise CommandError(str(error)) from error
        for role in ROLES:
            what = ", ".join(added[role]) if added[role] else "nothing missing"
            self.stdout.write(f"  {role}: {what}")
        self.stdout.write("Roles are ready. Give each editor staff status and a role under Users.")
