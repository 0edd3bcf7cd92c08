"""Chat's slang written out (``answer/shorthand.py``: "rly", "kinda", "abt", "idk", "u", "rn")
and chat's asides cut (``answer/chatter.py``: "ngl", "tbh", "or nah", "..., explain?", "who
even are"). Lower-case slang only: "U.S.", "R&D" and a capital "N" are kept. Names are invented.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.chatter import without_chatter
from qa_bot.answer.indirect import direct_question
from qa_bot.answer.shorthand import expand_shorthand
from qa_bot.store.catalog import Catalog
from tests.conftest import catalog_of, one_paragraph_doc

_PLAIN: Catalog = catalog_of(
    one_paragraph_doc("doc0", "Zentrix opened a depot in Norvale last spring, the company said.")
)


def _written_out(typed: str) -> str:
    return expand_shorthand(typed, _PLAIN)


# -- slang written out -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("is Zentrix rly selling Acme?", "is Zentrix really selling Acme?"),
        ("is Zentrix rlly selling Acme?", "is Zentrix really selling Acme?"),
        ("is Acme kinda small?", "is Acme kind of small?"),
        ("is Acme sorta small?", "is Acme sort of small?"),
        ("what does Zentrix wanna buy?", "what does Zentrix want to buy?"),
        ("is Zentrix gonna buy Acme?", "is Zentrix going to buy Acme?"),
        ("what did Okafor say abt Acme?", "what did Okafor say about Acme?"),
        ("who runs Acme rn?", "who runs Acme now?"),
        ("who runs Acme atm?", "who runs Acme now?"),
        ("where does Zentrix make its cams?", "where does Zentrix make its cameras?"),
        ("did Acme post pics of the depot?", "did Acme post pictures of the depot?"),
    ],
)
def test_chat_spellings_are_written_out(typed: str, written: str) -> None:
    assert _written_out(typed) == written


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("what do u know about Zentrix?", "what do you know about Zentrix?"),
        ("what is ur source on Acme?", "what is your source on Acme?"),
        ("who r the owners of Acme?", "who are the owners of Acme?"),
        ("does Acme make cams n phones?", "does Acme make cameras and phones?"),
    ],
)
def test_lower_case_single_letters_are_written_out(typed: str, written: str) -> None:
    assert _written_out(typed) == written


@pytest.mark.parametrize(
    "text",
    [
        "What did the U.S. say about Zentrix?",
        "what did the u.s. say about Zentrix?",  # "u" before a full stop is no "you"
        "What did Acme spend on R&D?",
        "what did Acme spend on r&d?",  # "r" before "&" is no "are"
        "was Zentrix rated N by Acme?",  # a capital "N" is a letter, not "and"
        "Is U a grade Acme gives?",
        "Did Zentrix buy the R unit?",
    ],
)
def test_capital_letters_and_abbreviations_are_kept(text: str) -> None:
    assert _written_out(text) == text


def test_y_opening_a_question_asks_why() -> None:
    assert _written_out("y does Acme sell cams?") == "why does Acme sell cameras?"
    assert _written_out("y is Zentrix leaving Norvale?") == "why is Zentrix leaving Norvale?"


def test_y_inside_a_question_or_a_capital_y_is_kept() -> None:
    assert _written_out("Acme y does it") == "Acme y does it"
    assert _written_out("Y does Acme sell it?") == "Y does Acme sell it?"


def test_idk_what_x_is_asks_what_x_is() -> None:
    written = _written_out("idk what Zentrix is")
    assert written == "I don't know what Zentrix is"
    assert direct_question(written) == "What is Zentrix?"


# -- chat's asides cut -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("ngl who runs Zentrix?", "who runs Zentrix?"),
        ("who runs Zentrix tbh?", "who runs Zentrix?"),
        ("lowkey who runs Zentrix?", "who runs Zentrix?"),
        ("who runs Zentrix fr?", "who runs Zentrix?"),
        ("tbh who ngl runs Zentrix?", "who runs Zentrix?"),
        ("is Acme hiring in Norvale or nah?", "is Acme hiring in Norvale?"),
        ("who runs Zentrix tho?", "who runs Zentrix?"),
        ("who runs Zentrix tho", "who runs Zentrix"),
        ("What does Acme make, explain?", "What does Acme make?"),
        ("What does Acme make - pls elaborate", "What does Acme make"),
        ("who even are the Norvale owners?", "who are the Norvale owners?"),
        ("who even is Dana Okafor?", "who is Dana Okafor?"),
        ("what even is Zentrix", "what is Zentrix"),
    ],
)
def test_chat_asides_are_cut(typed: str, asked: str) -> None:
    assert without_chatter(typed) == asked


@pytest.mark.parametrize(
    "text",
    [
        "What did she explain?",  # "explain" is what is asked, not a request after it
        "Who did Dana Okafor explain it to?",
        "Though Acme grew, who runs it?",  # only a closing "tho" is an aside
        "Who frowned at the Norvale deal?",  # "fr" inside a word
        "Why is Zentrix even hiring?",  # "even" after no question word
    ],
)
def test_words_that_only_look_like_asides_are_kept(text: str) -> None:
    assert without_chatter(text) == text


@pytest.mark.parametrize("text", ["ngl tbh", "tbh", "lowkey fr", "ngl, explain?"])
def test_a_text_of_only_asides_is_returned_unchanged(text: str) -> None:
    assert without_chatter(text) == text


def test_an_acronym_spelt_like_an_aside_is_kept() -> None:
    assert without_chatter("How much NGL does Zentrix ship?") == "How much NGL does Zentrix ship?"
