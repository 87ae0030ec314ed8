from search.results import excerpt
from search.text import ENGLISH, SPANISH


def stems(language, *words):
    return frozenset({*words, *language.stems(list(words))})


def test_excerpt_marks_every_word_form_and_escapes_everything_else():
    text = "Before <b>tags</b>. " * 10 + "Withdrawal is hard; withdrawing slowly helps. " + "After. " * 30
    html = excerpt(text, stems(ENGLISH, "withdrawal"), "en")
    assert "<mark>Withdrawal</mark>" in html and "<mark>withdrawing</mark>" in html
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.startswith("… ") and html.endswith(" …")


def test_spanish_excerpts_match_without_accents_and_keep_them():
    html = excerpt("Una recaída no es un fracaso.", stems(SPANISH, "recaida"), "es")
    assert "<mark>recaída</mark>" in html


def test_an_excerpt_without_a_match_starts_at_the_beginning():
    assert excerpt("Plain text here.", frozenset({"zzz"}), "en") == "Plain text here."
    assert excerpt("", frozenset(), "en") == ""
