"""Answer-type rules, coreference and the sentence filters of the extractive answer."""

from __future__ import annotations

import pytest

from qa_bot.answer.extractive import Scored, _near_stem, select, unexplained
from qa_bot.answer.fits import fits_type
from qa_bot.answer.followup import names_in, resolve
from qa_bot.answer.kinds import STRICT_TYPES
from qa_bot.answer.question import analyse
from qa_bot.answer.tense import pending
from qa_bot.coref import document_company, refers_to_company, speaks_for_self
from qa_bot.models import DocumentMeta, Paragraph
from qa_bot.store.catalog import Catalog, DocumentEntry


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When did the agency add the firm to the list?", "time"),
        ("And when will they decide?", "time"),
        ("What city was the reporter in when he spoke to the host?", "place"),
        ("What is the population of Xinjiang?", "count"),
        ("What was its revenue last year?", "money"),
        ("What is the company worth?", "money"),
        ("What was Hikvision's share price after the report?", "money"),
        ("How much did the firm spend on its new lab?", "money"),
        ("How much has it grown?", "other"),  # a degree, not an amount of something
        ("What is the reason for the ban?", "reason"),
        ("In which California city are its offices?", "place"),
        ("What tariff rate did they impose?", "percent"),
        ("By what percentage did the stock fall?", "percent"),
        ("What did the city say?", "other"),
    ],
)
def test_answer_type_comes_from_the_question_word_not_a_subordinate_when(
    question: str, kind: str
) -> None:
    assert analyse(question).answer_type == kind


def test_time_questions_need_a_time_word_and_the_modal_may_is_none() -> None:
    assert "time" in STRICT_TYPES
    question = "When did it happen?"
    assert fits_type("time", "Officials could decide in the coming weeks.", question)
    assert fits_type("time", "He spoke to Fox News on May 2.", question)
    assert not fits_type("time", "The department may require approval.", question)


def test_a_link_is_no_number() -> None:
    assert not fits_type("count", "Shares are diving https://t.co/hpPasP2PG3", "How many?")
    assert fits_type("count", "Shares fell 7% https://t.co/hpPasP2PG3", "How many?")


def test_hedges_are_not_what_a_question_asks_about() -> None:
    terms = analyse("Roughly how much has Beijing spent, per the report?").terms
    assert "roughly" not in terms and "per" not in terms
    assert "beij" in terms


def test_the_company_is_the_name_written_after_a_company_noun() -> None:
    texts = [
        "China's leaders met. The video surveillance firm Acmevision makes cameras.",
        "Officials may blacklist the company, Acmevision, soon.",
        "It would join the telecom maker Bigcorp.",
    ]
    assert document_company(texts) == "Acmevision"
    meta = DocumentMeta("doc", "doc.txt", "Title", None, (), None, "article", "0" * 64)
    paragraphs = tuple(
        Paragraph("doc", i + 1, t, 0, len(t), "body", None) for i, t in enumerate(texts)
    )
    catalog = Catalog("model", {"doc": DocumentEntry(meta, paragraphs, ())})
    assert catalog.company_terms("doc") == frozenset({"acmevision"})
    assert document_company(["No company is named here."]) is None


def test_references_to_the_company_and_to_oneself() -> None:
    assert refers_to_company("The company says it has 34,000 employees.")
    assert not refers_to_company("Companies say many things.")
    assert speaks_for_self("I mean, I'm probably in its database.")
    assert not speaks_for_self("It is listed in Shenzhen.")


def test_a_person_of_an_organisation_is_two_referents() -> None:
    history = [("Who says the firm is not honest?", "Maya Wang of Human Rights Watch.")]
    assert resolve("What does she point to?", history) == "What does Maya Wang point to?"
    assert names_in("We asked Secretary of State Mike Pompeo.") == [
        "Secretary of State Mike Pompeo"
    ]
    assert names_in("They went to the Bank of America.") == ["Bank of America"]


def test_a_stem_a_letter_or_two_longer_is_the_same_word() -> None:
    assert _near_stem("employ", {"employe"})
    assert not _near_stem("part", {"party"})  # too short to tell
    assert not _near_stem("crack", {"crackdown"})


def _scored(score: float, fits: bool, dense: float = 0.5, missing: float = 0.0) -> Scored:
    paragraph = Paragraph("doc", 1, "text", 0, 4, "body", None)
    return Scored(paragraph, "s", score, 0.5, dense, 0, fits, missing)


def test_strict_question_abstains_when_only_far_weaker_sentences_hold_the_kind_asked() -> None:
    about_it_without_a_date = _scored(0.60, fits=False)
    dated_but_unrelated = _scored(0.43, fits=True)
    assert select([about_it_without_a_date, dated_but_unrelated], strict=True) == []
    dated_and_close = _scored(0.55, fits=True)
    assert select([about_it_without_a_date, dated_and_close], strict=True) == [dated_and_close]


def test_missing_words_count_less_as_the_sentence_nears_the_question() -> None:
    unrelated = _scored(0.5, True, dense=0.2, missing=0.6)
    paraphrase = _scored(0.5, True, dense=0.9, missing=0.6)
    assert unexplained(unrelated) == pytest.approx(0.6)
    assert unexplained(paraphrase) == 0.0
    assert select([unrelated]) == []
    assert select([paraphrase]) == [paraphrase]


def test_the_answer_must_add_what_the_question_does_not_already_say() -> None:
    question = "What tariff rate did they set on the US$200 billion of goods?"
    assert not fits_type("count", "They raised tariffs on US$200 billion of goods.", question)
    assert fits_type("count", "They raised tariffs on US$300 billion of goods.", question)
    assert not fits_type("percent", "They raised tariffs on US$200 billion.", question)
    assert fits_type("percent", "They set a 25% tariff on US$200 billion.", question)
    city = "In which California city are the offices?"
    assert not fits_type("place", "It set up offices in California.", city)
    assert fits_type("place", "It set up offices in Sacramento.", city)


def test_runners_up_must_hold_what_the_best_answer_holds() -> None:
    best = _scored(0.70, fits=True)
    close_but_without_it = _scored(0.68, fits=False)
    close_with_it = _scored(0.60, fits=True)
    assert select([best, close_but_without_it, close_with_it]) == [best, close_with_it]


def test_a_question_about_the_outcome_is_not_answered_by_what_may_happen() -> None:
    settled = analyse("What did the court finally decide about her extradition?")
    assert settled.settled and settled.strict
    assert pending("She awaits a court decision on extradition.")
    assert pending("The department may add the firm to the list.")
    assert not pending("In May the court decided to free her.")
    assert not analyse("How might a ban end up changing its suppliers?").settled  # hypothetical
    # a decision made, not one awaited; "might" asks about one that may come
    assert analyse("What did the court decide?").settled
    assert not analyse("What might the court decide?").settled


def test_a_hyphenated_word_counts_once_by_its_parts() -> None:
    terms = analyse("Does Hikvision rely on American-made parts?").terms
    assert "american" in terms and "made" in terms
    assert not any("-" in term for term in terms)
