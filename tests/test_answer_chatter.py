"""Chat around a question (``answer/chatter.py``): greetings, filler openings and sign-offs are
cut off before the question is read; a topic before a dash or comma, a context sentence after
the question and a question that is all chat are kept. Names are invented.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.chatter import without_chatter
from qa_bot.service import QABot
from tests.conftest import ingested_bot

# -- greetings and filler openings ----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        (
            "hey, quick question - how many staff does Acme have? thanks!",
            "how many staff does Acme have?",
        ),
        ("sorry if this is obvious but who runs Zentrix?", "who runs Zentrix?"),
        ("random q, but what does Acme make in Norvale?", "what does Acme make in Norvale?"),
        ("ok so what's the Norvale harbour levy?", "what's the Norvale harbour levy?"),
        ("hey who runs Zentrix?", "who runs Zentrix?"),
        ("Hi there, who runs Zentrix?", "who runs Zentrix?"),
        ("Okay, Dana Okafor - who is she?", "Dana Okafor - who is she?"),
    ],
)
def test_greetings_and_filler_openings_are_cut(typed: str, asked: str) -> None:
    assert without_chatter(typed) == asked


# -- sign-offs and remarks after the question -----------------------------------------------


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("Who runs Zentrix? cheers", "Who runs Zentrix?"),
        ("Who runs Zentrix? ty", "Who runs Zentrix?"),
        ("Who runs Zentrix? just curious", "Who runs Zentrix?"),
        ("Who runs Zentrix? appreciate it!", "Who runs Zentrix?"),
        ("Who runs Zentrix? Thanks a lot :)", "Who runs Zentrix?"),
        ("What does Acme make? a list would be great", "What does Acme make?"),
        ("What does Acme make? couldn't find it anywhere", "What does Acme make?"),
    ],
)
def test_sign_offs_and_remarks_after_the_question_are_cut_and_its_mark_kept(
    typed: str, asked: str
) -> None:
    assert without_chatter(typed) == asked


def test_a_sign_off_without_a_question_mark_is_cut_without_adding_one() -> None:
    assert without_chatter("who runs Zentrix thanks") == "who runs Zentrix"
    assert without_chatter("Who runs Zentrix, appreciate it!") == "Who runs Zentrix"


def test_an_opening_and_a_sign_off_are_both_cut() -> None:
    typed = "Hi there, who runs Zentrix? Thanks a lot :)"
    assert without_chatter(typed) == "who runs Zentrix?"


def test_a_sign_off_before_the_question_mark_is_cut_and_the_mark_kept() -> None:
    assert without_chatter("Who runs Zentrix, thanks?") == "Who runs Zentrix?"


# -- what is not chat is kept ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Acme's CEO, who is he?",  # the topic before the comma is asked about
        "Dana Okafor - who is she?",  # the topic before the dash
        "Norvale, what happened there?",
        "Thanks to the levy, what did Acme gain?",  # "thanks to" opens no sign-off
        "What did she say? About the levy.",  # a context sentence after the question
        "Who did Okafor thank?",  # "thank" is what is asked
        "Which firm said thanks?",  # a sign-off word inside the question
        "Who did Dana Okafor say thank you to?",
        "What did Zentrix promise?",
        "Who owns Acme? Zentrix?",
    ],
)
def test_a_topic_or_context_that_is_not_chat_is_kept(text: str) -> None:
    assert without_chatter(text) == text


@pytest.mark.parametrize("text", ["Hi!", "Hello?", "Hi there!", "thanks!"])
def test_a_question_that_is_all_chat_is_returned_unchanged(text: str) -> None:
    assert without_chatter(text) == text


# -- the chain reads the question without its chatter and slang ---------------------------

_STORY = """Zentrix Hires in Norvale

By Pia Lund

Norvale Ledger

Zentrix employs 420 workers at its turbine plant in Norvale, the company said.

Dana Okafor, the chief executive of Zentrix, thanked the Norvale council for its support.
"""


@pytest.fixture(scope="module")
def chatter_bot(tmp_path_factory: pytest.TempPathFactory, embeddings: object) -> QABot:
    """A QABot over one invented story, ingested into a real store in tmp_path."""
    return ingested_bot(tmp_path_factory.mktemp("chatter"), {"zentrix.txt": _STORY}, embeddings)


def test_the_answer_chain_asks_the_question_without_its_chatter(chatter_bot: QABot) -> None:
    answer = chatter_bot.ask(
        "hey, quick question - how many workers does Zentrix employ in Norvale? thanks!"
    )
    assert "hey" not in answer.standalone_question.lower()
    assert "thanks" not in answer.standalone_question.lower()
    assert not answer.abstained and "420" in answer.answer


def test_the_answer_chain_reads_slang_written_out_and_asides_cut(chatter_bot: QABot) -> None:
    answer = chatter_bot.ask("ngl how many workers does Zentrix rly employ in Norvale rn?")
    asked = answer.standalone_question.lower()
    assert "ngl" not in asked and "rly" not in asked and " rn" not in asked
    assert "really" in asked and "now" in asked
    assert not answer.abstained and "420" in answer.answer
