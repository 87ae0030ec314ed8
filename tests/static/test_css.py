import re
from pathlib import Path

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"


def test_the_dark_scheme_changes_colours_only():
    # The browser checks test layout (reflow, target size) in the light scheme alone, which holds only while
    # the dark scheme sets nothing but the colour variables.
    css = CSS.read_text()
    blocks = re.findall(r"@media \(prefers-color-scheme: dark\) \{(.*?)\n\}", css, re.DOTALL)
    assert blocks, "the dark scheme is where the browser checks expect it"
    for block in blocks:
        declarations = re.findall(r"([\w-]+)\s*:", re.sub(r"[^{}]*\{|\}", "", block))
        assert declarations and all(name.startswith("--") for name in declarations), declarations
