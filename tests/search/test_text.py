import string

from hypothesis import given
from hypothesis import strategies as st

from search.text import ENGLISH, SPANISH, fts_token, strip_accents


def test_words_are_letters_and_digits_only_folded_per_language():
    assert ENGLISH.words('What\'s 7-OH? (NEAR) "kratom" * OR: 988!') == [
        "what",
        "s",
        "7",
        "oh",
        "near",
        "kratom",
        "or",
        "988",
    ]
    assert SPANISH.words("¿Recaída, ADICCIÓN y niño?") == ["recaida", "adiccion", "y", "nino"]
    assert ENGLISH.words("Café") == ["café"], "English keeps accents, as PostgreSQL's english configuration does"
    assert ENGLISH.words("\x00withdrawal\x00") == ["withdrawal"]


def test_stems_match_word_forms_in_both_languages():
    assert ENGLISH.stem("relapsing") == ENGLISH.stem("relapse")
    assert ENGLISH.stem("tapering") == ENGLISH.stem("taper")
    assert SPANISH.stem("antojos") == SPANISH.stem("antojo")
    assert SPANISH.stem(SPANISH.fold("recaída")) == SPANISH.stem("recaida")


def test_question_words_never_decide_a_match():
    assert ENGLISH.content_words(ENGLISH.words("how long does kratom stay in urine near me")) == [
        "kratom",
        "stay",
        "urine",
    ]
    assert SPANISH.content_words(SPANISH.words("¿cómo puedo dejar el kratom cerca de mí?")) == ["dejar", "kratom"]


def test_stop_words_include_postgresqls_folded_for_spanish():
    assert {"the", "not", "how"} <= ENGLISH.stop_words
    assert {"esta", "mas", "que"} <= SPANISH.stop_words


@given(st.text())
def test_an_fts_token_is_always_one_plain_ascii_token(text):
    for word in SPANISH.words(text) + ENGLISH.words(text):
        token = fts_token(ENGLISH.stem(word))
        assert token and set(token) <= set(string.ascii_lowercase + string.digits), token


def test_accents_fold_one_character_for_one():
    text = "Adicción, recaída, niño, ÀÉÎÕÜ"
    assert len(strip_accents(text)) == len(text)
    assert strip_accents(text) == "Adiccion, recaida, nino, AEIOU"
