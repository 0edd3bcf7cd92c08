"""The default extractive answer over the bundled corpus (real store, real embeddings)."""

from __future__ import annotations

import json
import re

import pytest
from langchain_core.documents import Document as LCDocument
from langchain_core.runnables import Runnable

from qa_bot.citations import citations_valid, markers_in
from qa_bot.errors import BadInput
from qa_bot.settings import PROJECT_ROOT
from qa_bot.text import collapse_whitespace

NPR = "npr-us-may-blacklist-chinese-surveillance-firm"
NYT = "nzherald-trump-administration-could-blacklist-chinese-surveillance-firm"


def _raw(bot, source: str) -> str:  # type: ignore[no-untyped-def]
    path = next(bot.settings.corpus_dir.glob(f"{source}.*"))
    return collapse_whitespace(path.read_text(encoding="utf-8"))


def test_answer_cites_the_paragraph_that_holds_the_fact(bot) -> None:  # type: ignore[no-untyped-def]
    answer = bot.ask("Which exchange is Hikvision listed on?")
    assert not answer.abstained
    assert "Shenzhen" in answer.answer
    assert any("Shenzhen exchange" in c.text for c in answer.citations)
    assert citations_valid(answer.answer, answer.citations)


def test_disagreeing_sources_are_both_given_with_their_citations(bot) -> None:  # type: ignore[no-untyped-def]
    answer = bot.ask("How many employees does Hikvision have?")
    assert "30,000" in answer.answer and "34,000" in answer.answer
    sources = {c.source for c in answer.citations}
    assert sources == {NPR, NYT}


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of New Zealand?",
        "What is the weather forecast for Invercargill?",
        "Where was the rare white panda spotted?",
        "Who won the 2019 Cricket World Cup?",
        "In what year was Hikvision founded?",
    ],
)
def test_questions_the_sources_do_not_answer_abstain_without_citations(bot, question) -> None:  # type: ignore[no-untyped-def]
    answer = bot.ask(question)
    assert answer.abstained
    assert answer.citations == []
    assert markers_in(answer.answer) == []
    assert "do not say" in answer.answer


def test_every_citation_is_verbatim_in_its_raw_source(bot) -> None:  # type: ignore[no-untyped-def]
    questions = [
        json.loads(line)["question"]
        for line in (PROJECT_ROOT / "eval" / "dev_questions.jsonl").read_text().splitlines()
    ]
    checked = 0
    for question in questions:
        answer = bot.ask(question)
        for citation in answer.citations:
            assert collapse_whitespace(citation.text) in _raw(bot, citation.source)
            for quote in citation.quotes:
                assert quote in citation.text
            checked += 1
        assert citations_valid(answer.answer, answer.citations)
    assert checked > 10


def test_transcript_citations_carry_their_speaker(bot) -> None:  # type: ignore[no-untyped-def]
    answer = bot.ask("What did Maya Wang say about the crackdown on Hikvision?")
    speakers = {c.speaker for c in answer.citations}
    assert "MAYA WANG" in speakers
    assert "good news" in answer.answer


def test_follow_up_resolves_the_pronoun_before_retrieval(bot) -> None:  # type: ignore[no-untyped-def]
    history = [("Who is Maya Wang?", "A Human Rights Watch researcher.")]
    answer = bot.ask("What did she say about the blacklist?", history)
    assert "Maya Wang" in answer.standalone_question
    assert answer.question == "What did she say about the blacklist?"
    assert any(c.speaker == "MAYA WANG" for c in answer.citations)


def test_contract_has_exactly_the_documented_fields(bot) -> None:  # type: ignore[no-untyped-def]
    data = bot.ask("Who is Robert Lighthizer?").to_contract()
    assert set(data) == {
        "question",
        "standalone_question",
        "answer",
        "abstained",
        "citations",
        "latency_ms",
    }
    assert all(
        set(c) == {"marker", "source", "paragraph", "text", "speaker"} for c in data["citations"]
    )
    assert [c["marker"] for c in data["citations"]] == list(range(1, len(data["citations"]) + 1))
    assert data["latency_ms"] > 0


@pytest.mark.parametrize("question", ["", "   \n\t", "\u200b\u200b", "?!"])
def test_empty_questions_are_refused(bot, question) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BadInput):
        bot.ask(question)


def test_huge_question_is_refused_quickly(bot) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BadInput, match="limit"):
        bot.ask("why " * 250_000)


def test_html_question_is_treated_as_text(bot) -> None:  # type: ignore[no-untyped-def]
    answer = bot.ask("<script>alert(1)</script>")
    assert answer.abstained and not answer.citations


def test_the_answer_path_is_a_langchain_runnable(bot) -> None:  # type: ignore[no-untyped-def]
    chain = bot.chain()
    assert isinstance(chain, Runnable)
    answers = chain.batch(
        [{"question": "Who is Robert Lighthizer?"}, {"question": "Who is Mike Pompeo?"}]
    )
    assert [a.abstained for a in answers] == [False, False]
    documents = chain.retriever.invoke("Hikvision employees")
    assert documents and isinstance(documents[0], LCDocument)
    assert {"source", "paragraph_start", "score"} <= set(documents[0].metadata)


def test_answers_never_cite_page_chrome(bot) -> None:  # type: ignore[no-untyped-def]
    for question in [
        "What is in the latest news from World?",
        "How do I subscribe to Herald Premium?",
    ]:
        answer = bot.ask(question)
        for citation in answer.citations:
            assert not re.search(r"subscri|advertis|premium", citation.text, re.I)


def test_how_many_is_answered_only_by_a_sentence_with_a_number(bot) -> None:  # type: ignore[no-untyped-def]
    answer = bot.ask("How many Muslims have been held in the internment compounds?")
    assert not answer.abstained
    assert "800,000" in answer.answer


def test_an_interviewers_question_is_answered_by_the_next_turn(bot) -> None:  # type: ignore[no-untyped-def]
    answer = bot.ask("How does China respond?")
    assert not answer.abstained
    assert "?" not in answer.answer  # a question in the source is never given as an answer
    assert "Beijing weighed in" in answer.answer
    reply = next(c for c in answer.citations if "Beijing weighed in" in c.text)
    assert reply.speaker == "SCHMITZ"


def test_sentences_of_one_paragraph_share_one_marker_and_one_speaker_label(bot) -> None:  # type: ignore[no-untyped-def]
    answer = bot.ask("What happened to Hikvision's stock?")
    assert answer.answer.count("SCHMITZ:") <= 1
    assert len(set(markers_in(answer.answer))) == len(markers_in(answer.answer))


def test_definition_questions_prefer_the_sentence_that_says_what_it_is(bot) -> None:  # type: ignore[no-untyped-def]
    answer = bot.ask("Who is Jessica Batke?")
    assert "former State Department official" in answer.answer
