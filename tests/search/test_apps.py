"""Search sits above articles and the self-check: it reads them, and neither of them imports it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMPORTS_SEARCH = re.compile(r"^\s*(from\s+search[\s.]|import\s+search\b)", re.MULTILINE)


def test_articles_and_assessment_never_import_search():
    offenders = [
        str(path.relative_to(ROOT))
        for app in ("articles", "assessment")
        for path in (ROOT / app).rglob("*.py")
        if IMPORTS_SEARCH.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
