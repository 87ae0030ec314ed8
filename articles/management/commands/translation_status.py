import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.content_files import ORIGINAL_LANGUAGE, read_content, source_fingerprint
from articles.management.commands.import_articles import DEFAULT_DIR, read_languages

TRANSLATED_FROM_RE = re.compile(r"^translated_from:.*$", re.MULTILINE)


class Command(BaseCommand):
    help = (
        "Show, for every English article, whether each language has a translation and whether it is up to "
        "date. With --stamp FILE..., record that those translations now match their English article."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(DEFAULT_DIR))
        parser.add_argument(
            "--stamp",
            nargs="+",
            metavar="FILE",
            help="translation files (such as es/que-es-el-kratom.md) brought up to date with their English article",
        )

    def handle(self, directory, stamp, **options):
        root = Path(directory)
        originals = {values["slug"]: values for values in read_content(root).articles}
        if stamp:
            for name in stamp:
                self._stamp(root, name, originals)
            return
        contents = read_languages(root)
        for language, content in contents.items():
            if language == ORIGINAL_LANGUAGE:
                continue
            translated = {values["translation_key"]: values for values in content.articles}
            counts = {"up to date": 0, "out of date": 0, "missing": 0}
            for slug, original in sorted(originals.items()):
                values = translated.get(slug)
                if values is None:
                    state = "missing"
                elif values["source_hash"] == source_fingerprint(original):
                    state = "up to date"
                else:
                    state = "out of date"
                counts[state] += 1
                if state != "up to date":
                    self.stdout.write(f"  {language}: {slug}: {state}")
            summary = ", ".join(f"{count} {state}" for state, count in counts.items())
            self.stdout.write(f"{language}: {summary}.")

    def _stamp(self, root, name, originals):
        path = root / name
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        match = re.search(r"^translation_of:\s*([a-z0-9-]+)\s*$", text, re.MULTILINE)
        if not match or match.group(1) not in originals:
            raise CommandError(f"{name}: translation_of does not name an English article.")
        line = f"translated_from: {source_fingerprint(originals[match.group(1)])}"
        if TRANSLATED_FROM_RE.search(text):
            text = TRANSLATED_FROM_RE.sub(line, text, count=1)
        else:
            text = text[: match.end()] + "\n" + line + text[match.end() :]
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"  stamped {name}: matches {match.group(1)}.md as it is now.")
