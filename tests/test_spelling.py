"""British spellings read as American (``spelling.american``), in ``text.stem`` so that a word
spelt either way in a question matches the other in the sources; words that only look like a
British spelling ("four", "promise") are left alone.
"""

from __future__ import annotations

import pytest

from qa_bot.spelling import american
from qa_bot.text import content_terms, stem

_PAIRS = [
    ("behaviour", "behavior"),
    ("catalogue", "catalog"),
    ("organised", "organized"),
    ("centre", "center"),
    ("analyse", "analyze"),
    ("defence", "defense"),
]


@pytest.mark.parametrize(("british", "us"), _PAIRS)
def test_a_british_spelling_is_read_as_the_american_one(british: str, us: str) -> None:
    assert american(british) == us
    assert american(us) == us  # the American spelling is already itself


@pytest.mark.parametrize(
    ("british", "us"),
    [
        *_PAIRS,
        ("colours", "colors"),
        ("favourite", "favorite"),
        ("recognised", "recognized"),
        ("organising", "organizing"),
        ("privatisation", "privatization"),
        ("paralysed", "paralyzed"),
        ("dialogues", "dialogs"),
        ("centres", "centers"),
        ("programme", "program"),
        ("licence", "license"),
    ],
)
def test_british_and_american_spellings_share_a_stem(british: str, us: str) -> None:
    assert stem(british) == stem(us)


def test_a_question_in_british_spelling_has_the_terms_of_an_american_source() -> None:
    asked = content_terms("How has Acme's behaviour at the Norvale centre been analysed?")
    said = content_terms("Analysts analyzed Acme's behavior at the Norvale center.")
    assert {"behavior", "center", "analyz"} <= set(asked) & set(said)


@pytest.mark.parametrize(
    "word",
    [
        "four",
        "hour",
        "tour",
        "rise",
        "wise",
        "promise",
        "surprise",
        "advertise",
        "expertise",
        "exercise",
        "hours",
        "tours",
        "compromise",
        "enterprise",
        "franchise",
        "otherwise",
    ],
)
def test_words_that_only_look_british_are_unchanged(word: str) -> None:
    assert american(word) == word


def test_look_alikes_keep_their_own_terms() -> None:
    terms = content_terms("Zentrix promised four hours of tours, a surprise for Norvale.")
    assert {"promis", "four", "hour", "tour", "surpris"} <= set(terms)


@pytest.mark.parametrize(
    ("british", "us"),
    [
        # five letters: the "-re" rule's own example ("fibre"), and "metre"
        pytest.param("fibre", "fiber", id="fibre-5-letters"),
        pytest.param("metre", "meter", id="metre-5-letters"),
        # "-re" + "d" is "-ered", not "-erd"
        pytest.param("centred", "centered", id="centred"),
        # the plural of a listed word
        pytest.param("defences", "defenses", id="defences-plural"),
        # "-ogued" is "-oged"
        pytest.param("catalogued", "cataloged", id="catalogued"),
    ],
)
def test_short_suffixed_and_plural_british_forms_match(british: str, us: str) -> None:
    assert stem(british) == stem(us)
