"""Every page and state a reader can reach, named once, for the whole-site browser checks.

`STATES` is the one list that test_every_state.py walks: axe-core (light and dark), reflow at 320 and 390 CSS
px in both colour schemes, WCAG text spacing (states marked `spacing=True`), and the Nu Html Checker on the
HTML each state was served. A page that is not in this list is not checked, so add every new page here.

To add a page or state, append a `State` to `STATES` (or, for a group, return a list of them from a module of
its own and spread it in, as plan_states.py does):

    State("about", "/about/")                                                    # a plain GET page
    State("check-errors", "/self-check/", drive=submit_form({"craving": "yes"}), status=400)  # a posted state
    State("result-crisis", "/self-check/", drive=my_drive_function, spacing=True)

- `name` is unique and short: it names the parametrized test and the saved HTML file.
- `path` is opened with GET. Without `drive` that is the whole state.
- `drive(page, url)` takes a Playwright page and the state's full URL, puts the page into the state (open the
  form, fill it, submit it) and returns the Playwright `Response` of the document finally shown, as
  `page.goto()` and `page.expect_navigation()` give it. Its served HTML is what the Nu checker validates.
  `submit_form(values, form="main form")` builds one for a form: it opens the URL, sets the named fields
  (radios and checkboxes by value, or a list of values) and presses the submit button of the form the CSS selector `form` finds.
- `status` is the HTTP status the state must answer (404, 400 for errors).
- `spacing=True` adds the state to the text-spacing check: mark the states with the most varied content.
"""

from collections.abc import Callable
from dataclasses import dataclass

from assessment.questions import QUESTIONS
from tests.browser.plan_states import plan_states

QUESTION_IDS = [question.id for question in QUESTIONS]


@dataclass(frozen=True)
class State:
    name: str
    path: str
    drive: Callable | None = None
    status: int = 200
    spacing: bool = False

    def open(self, page, base_url):
        """Put `page` into this state; return the Response of the document it shows."""
        url = base_url + self.path
        response = self.drive(page, url) if self.drive else page.goto(url)
        assert response is not None, f"{self.name}: no document response"
        assert response.status == self.status, f"{self.name}: {response.status} from {response.url}"
        return response

    def __str__(self):
        return self.name


def submit_form(values, form="main form"):
    """A drive that opens the page, sets each named field in `form` and presses its (first) submit button."""

    def drive(page, url):
        page.goto(url)
        page.evaluate(
            """([selector, values]) => {
                const form = document.querySelector(selector);
                for (const [name, value] of Object.entries(values)) {
                    const found = form.elements.namedItem(name);
                    if (!found) throw new Error(`${selector} has no field named ${name}`);
                    for (const field of found instanceof RadioNodeList ? found : [found]) {
                        if (field.type === "radio" || field.type === "checkbox") {
                            field.checked = [].concat(value).includes(field.value);
                        } else {
                            field.value = value;
                        }
                    }
                }
            }""",
            [form, values],
        )
        with page.expect_navigation() as navigation:
            page.locator(form).locator("[type=submit]").first.click()
        return navigation.value

    return drive


def check_answers(yes_count=0, safety="no", rest="no"):
    """Self-check answers: the first `yes_count` questions "yes", the others `rest`, and the safety question."""
    answers = {question_id: "yes" if i < yes_count else rest for i, question_id in enumerate(QUESTION_IDS)}
    return {**answers, "safety": safety}


BANDS = {"none": 0, "mild": 3, "moderate": 5, "severe": 8}
DEPENDENCE_ONLY = {**check_answers(0), "tolerance": "yes", "withdrawal": "yes"}
CHECKS = {"self": "/self-check/", "loved-one": "/self-check/loved-one/"}

STATES = [
    State("home", "/"),
    State("article-list", "/articles/"),
    State("topic", "/articles/topic/getting-help/"),
    # A table, long words and long reference addresses.
    State("article", "/articles/dependence-vs-addiction/", spacing=True),
    State("article-glossary", "/articles/glossary/"),
    # The table with the longest cells: on a phone it wraps, or scrolls in its own box, never the page.
    State("article-table", "/articles/signs-of-kratom-addiction/"),
    State("family", "/family/"),
    State("search", "/search/?q=withdrawal"),
    State("search-no-results", "/search/?q=zzzz"),
    State("search-blank", "/search/"),
    # Every state of the search page: a correction, a best bet, danger first, the other edition, no words.
    State("search-correction", "/search/?q=kratim+withdrwal", spacing=True),
    State("search-best-bet", "/search/?q=addiction+quiz"),
    State("search-danger", "/search/?q=overdose", spacing=True),
    State("search-other-language", "/search/?q=s%C3%ADntomas+de+abstinencia"),
    State("search-no-words", "/search/?q=%25%25%25"),
    State("self-check", CHECKS["self"]),
    State("loved-one-check", CHECKS["loved-one"]),
    State(
        "self-check-errors",
        CHECKS["self"],
        drive=submit_form({"craving": "yes"}),
        status=400,
        spacing=True,
    ),
    State("loved-one-check-errors", CHECKS["loved-one"], drive=submit_form({"craving": "unsure"}), status=400),
    *(
        State(f"result-{version}-{band}", path, drive=submit_form(check_answers(yes_count)))
        for version, path in CHECKS.items()
        for band, yes_count in BANDS.items()
    ),
    State(
        "result-crisis",
        CHECKS["self"],
        drive=submit_form(check_answers(2, safety="yes")),
        spacing=True,
    ),
    State("result-loved-one-not-sure", CHECKS["loved-one"], drive=submit_form(check_answers(0, rest="unsure"))),
    # Tolerance and withdrawal alone: a mild result that may be the body's adaptation.
    State("result-self-dependence-only", CHECKS["self"], drive=submit_form(DEPENDENCE_ONLY)),
    State("get-help", "/get-help/", spacing=True),
    State("about", "/about/"),
    State("privacy", "/privacy/"),
    State("not-found", "/no-such-page/", status=404),
    State("bad-request", "/self-check/?answers=in-the-address", status=400),
    *plan_states(State, submit_form),
]

# The Spanish edition: every kind of page and state again, under /es/ with Spanish words and slugs.
CHECKS_ES = {"self": "/es/autoevaluacion/", "loved-one": "/es/autoevaluacion/ser-querido/"}
STATES += [
    State("es-home", "/es/"),
    State("es-article-list", "/es/articulos/"),
    State("es-topic", "/es/articulos/tema/buscar-ayuda/"),
    State("es-article", "/es/articulos/dependencia-y-adiccion/", spacing=True),
    State("es-article-table", "/es/articulos/senales-de-adiccion-al-kratom/"),
    State("es-article-emergency", "/es/articulos/que-hacer-en-una-sobredosis-o-emergencia/"),
    State("es-family", "/es/familia/"),
    State("es-search", "/es/buscar/?q=adiccion"),
    State("es-search-no-results", "/es/buscar/?q=zzzz"),
    State("es-search-correction", "/es/buscar/?q=abstinensia", spacing=True),
    State("es-search-best-bet", "/es/buscar/?q=test+de+adicci%C3%B3n"),
    State("es-search-danger", "/es/buscar/?q=no+respira", spacing=True),
    State("es-search-other-language", "/es/buscar/?q=withdrawal+symptoms"),
    State("es-self-check", CHECKS_ES["self"]),
    State("es-loved-one-check", CHECKS_ES["loved-one"]),
    State("es-self-check-errors", CHECKS_ES["self"], drive=submit_form({"craving": "yes"}), status=400, spacing=True),
    State("es-loved-one-check-errors", CHECKS_ES["loved-one"], drive=submit_form({"craving": "unsure"}), status=400),
    *(
        State(f"es-result-{version}-{band}", path, drive=submit_form(check_answers(yes_count)))
        for version, path in CHECKS_ES.items()
        for band, yes_count in BANDS.items()
    ),
    State("es-result-crisis", CHECKS_ES["self"], drive=submit_form(check_answers(2, safety="yes")), spacing=True),
    State("es-result-loved-one-not-sure", CHECKS_ES["loved-one"], drive=submit_form(check_answers(0, rest="unsure"))),
    State("es-result-self-dependence-only", CHECKS_ES["self"], drive=submit_form(DEPENDENCE_ONLY)),
    State("es-get-help", "/es/ayuda/", spacing=True),
    State("es-about", "/es/acerca-de/"),
    State("es-privacy", "/es/privacidad/"),
    State("es-not-found", "/es/no-existe/", status=404),
    State("es-bad-request", "/es/autoevaluacion/?respuestas=en-la-direccion", status=400),
    *plan_states(State, submit_form, "/es/autoevaluacion/plan/", "/es/familia/plan-de-conversacion/", prefix="es-"),
]

assert len({state.name for state in STATES}) == len(STATES), "state names must be unique"
