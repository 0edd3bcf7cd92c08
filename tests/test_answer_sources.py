"""Where answers come from and whose they are: questions naming a publisher ("according to the
Times report"), lower-case questions given the sources' capitals, reasons, bodies, deeds only a
person does, amounts and counts said of what is asked, "she added" after a quote, "its" and
"they" in follow-ups, and roles the sources never name.

Fast unit tests: paragraphs and catalogs are built by hand (no store, no model). Names and
texts are invented, so the tests pin the general rule rather than one corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

import pytest

from qa_bot.answer.attribution import attributed
from qa_bot.answer.counts import holds_count
from qa_bot.answer.extractive import _names_role, _unknown_role, score_sentences
from qa_bot.answer.fits import fits_type, specifies
from qa_bot.answer.followup import resolve
from qa_bot.answer.kinds import PERSON_DEED, STRICT_TYPES, asked_role
from qa_bot.answer.question import analyse
from qa_bot.answer.truecase import truecase
from qa_bot.answer.turns import gives_words_of, split_sentences
from qa_bot.models import Chunk, DocumentMeta, Paragraph
from qa_bot.retrieval.hybrid import Hit
from qa_bot.store.catalog import Catalog, DocumentEntry
from qa_bot.store.terms import SoftMatcher
from qa_bot.text import stem


def _entry(doc_id: str, publisher: str | None, texts: list[str]) -> DocumentEntry:
    """A document of body paragraphs numbered from 1, one chunk per paragraph."""
    paragraphs = tuple(Paragraph(doc_id, i + 1, text, 0, len(text)) for i, text in enumerate(texts))
    meta = DocumentMeta(doc_id, f"{doc_id}.txt", "Title", publisher, (), None, "article", "0" * 64)
    chunks = tuple(
        Chunk(f"{doc_id}:{p.number}", doc_id, p.number, p.number, p.text, p.text)
        for p in paragraphs
    )
    return DocumentEntry(meta, paragraphs, chunks)


def _catalog(*entries: DocumentEntry) -> Catalog:
    return Catalog("model", {entry.meta.doc_id: entry for entry in entries})


def _fits(question: str, sentence: str) -> bool:
    analysed = analyse(question)
    return fits_type(analysed.answer_type, sentence, analysed.text)


def _tidy(question: str) -> str:
    """The question as analysed: "employ ?" and "employ?" are one question."""
    return question.replace(" ?", "?")


# -- 1. a question naming its source ---------------------------------------------------------

_TWO_PUBLISHERS = _catalog(
    _entry("times", "Daily Times", ["Zentrix employs 300 people in Norvale, said Dana Okafor."]),
    _entry("radio", "Harbour Radio", ["Okafor told Harbour Radio the levy was unfair."]),
)


@pytest.mark.parametrize(
    ("question", "doc_id", "phrase_terms"),
    [
        (
            "How many people does Zentrix employ, according to the Daily Times report?",
            "times",
            {"daily", "time", "report"},
        ),
        ("How many people does Zentrix employ, per the Times?", "times", {"time"}),
        (
            "What did Okafor say about the levy in the Harbour Radio interview?",
            "radio",
            {"harbor", "radio", "interview"},
        ),
        (
            "According to Harbour Radio, what did Okafor say about the levy?",
            "radio",
            {"harbor", "radio"},
        ),
    ],
)
def test_a_phrase_naming_a_known_publisher_says_where_to_look(
    question: str, doc_id: str, phrase_terms: set[str]
) -> None:
    found = attributed(question, _TWO_PUBLISHERS)
    assert found is not None
    assert found.doc_ids == {doc_id}  # only that publisher's documents, not the other's
    assert phrase_terms <= found.terms
    rest = _tidy(found.question)
    assert rest in (
        "How many people does Zentrix employ?",
        "What did Okafor say about the levy?",
    )
    assert "Times" not in rest and "Radio" not in rest


def test_times_stands_for_the_daily_times_but_not_for_a_publisher_it_is_not_part_of() -> None:
    times = attributed("How many people does Zentrix employ, per the Times?", _TWO_PUBLISHERS)
    assert times is not None and times.doc_ids == {"times"}
    assert attributed("How many people does Zentrix employ, per the Post?", _TWO_PUBLISHERS) is None


@pytest.mark.parametrize(
    "question",
    [
        "How many people does Zentrix employ, according to Reuters?",  # publishes nothing here
        "According to Reuters, how many people does Zentrix employ?",
        "How many people work at the Zentrix offices in California?",  # a place
        "How many people does Zentrix employ in Brill?",
    ],
)
def test_a_name_that_publishes_nothing_in_the_catalog_is_left_in_the_question(
    question: str,
) -> None:
    assert attributed(question, _TWO_PUBLISHERS) is None


@pytest.mark.parametrize(
    "question",
    [
        "What did the Daily Times report?",
        "What did Okafor say in the Harbour Radio interview?",  # only "Okafor" is left
    ],
)
def test_a_question_left_with_too_few_words_keeps_its_source(question: str) -> None:
    assert attributed(question, _TWO_PUBLISHERS) is None


# -- 2. lower-case questions get the sources' capitals ----------------------------------------

_CASED = _catalog(
    _entry(
        "wire",
        "Harbour Radio",
        [
            "The levy was set by Zentrix, said Dana Okafor of the harbour board.",
            "Harbour Radio reported that the US and Zentrix met in May.",
            "Levies rose again, and Okafor's union objected.",
        ],
    )
)


@pytest.mark.parametrize(
    ("question", "cased"),
    [
        ("what did okafor say about zentrix?", "What did Okafor say about Zentrix?"),
        ("what is zentrix's levy?", "What is Zentrix's levy?"),  # the possessive kept
        ("what did the us tell zentrix?", "What did the US tell Zentrix?"),
        ("can zentrix tell us more?", "Can Zentrix tell us more?"),  # "us" not after "the"
        ("what may zentrix do?", "What may Zentrix do?"),  # "May" is a stopword
        ("what did okafor say about the harbour?", "What did Okafor say about the harbour?"),
        ("why did levies rise?", "Why did levies rise?"),  # capitalised only to open a sentence
    ],
)
def test_a_lower_case_question_gets_capitals_on_words_the_sources_only_capitalise(
    question: str, cased: str
) -> None:
    assert truecase(question, _CASED) == cased


def test_a_question_with_capitals_of_its_own_is_left_as_it_is() -> None:
    question = "what did Okafor say about zentrix?"
    assert truecase(question, _CASED) == question


# -- 3. what the question asks -----------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What is really behind Zentrix's move to Norvale?",
        "What is driving the harbour strike?",
        "What do observers think is the real reason behind the levy?",
    ],
)
def test_what_is_behind_or_driving_something_asks_for_a_reason(question: str) -> None:
    assert analyse(question).answer_type == "reason"


def test_a_body_whose_decision_is_asked_is_no_body_question() -> None:
    decision = analyse("What court decision is she waiting on?")
    assert decision.answer_type != "body"
    assert not decision.strict
    court = analyse("Which court is hearing the case?")
    assert court.answer_type == "body" and court.strict
    assert "body" in STRICT_TYPES


@pytest.mark.parametrize(
    "question",
    [
        "Who runs Zentrix's team in Norvale?",
        "Who founded Zentrix?",
        "Who interviewed Okafor on Harbour TV?",
    ],
)
def test_who_does_what_only_a_person_does_needs_a_person(question: str) -> None:
    asked = analyse(question)
    assert asked.answer_type == "person"
    assert PERSON_DEED.search(question)
    assert asked.strict


def test_who_said_it_is_a_person_question_that_is_not_strict() -> None:
    asked = analyse("Who said the levy was unfair?")
    assert asked.answer_type == "person"
    assert not PERSON_DEED.search(asked.text) and not asked.strict


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("What is the name of Zentrix's chief executive?", "executive"),
        ("Who is Zentrix's ceo?", "ceo"),
    ],
)
def test_the_holder_of_a_named_role_is_a_person(question: str, role: str) -> None:
    asked = analyse(question)
    assert asked.answer_type == "person"
    assert asked.named_kind and asked.strict
    assert asked_role(question) == role


@pytest.mark.parametrize(
    "question",
    [
        "What global headcount does Zentrix claim?",
        "Do the two papers give the same number of Zentrix employees?",
    ],
)
def test_a_headcount_or_the_number_of_something_is_a_count(question: str) -> None:
    asked = analyse(question)
    assert asked.answer_type == "count"
    assert asked.strict


def test_the_role_asked_for_is_the_noun_after_its_modifier() -> None:
    assert asked_role("Which government spokesperson said it?") == "spokesperson"
    assert asked_role("Who said it?") is None


# -- 4. what a sentence holds ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Zentrix has a team headquartered in Norvale.",
        "Zentrix has a North American team.",
        "The team moved to Norvale in May.",
    ],
)
def test_who_runs_the_team_is_not_answered_by_places(sentence: str) -> None:
    assert not _fits("Who runs Zentrix's team in Norvale?", sentence)


def test_who_runs_the_team_is_answered_by_a_persons_name() -> None:
    question = "Who runs Zentrix's team in Norvale?"
    assert _fits(question, "The team is run by Dana Okafor.")
    assert _fits(question, "Dana Okafor runs the team in Norvale.")


def test_who_interviewed_x_is_not_answered_by_x() -> None:
    question = "Who interviewed Okafor on Harbour TV?"
    assert not _fits(question, "Harbour TV spoke to Dana Okafor on Monday.")
    assert _fits(question, "Okafor was interviewed by host Tomas Rivera.")


def test_what_something_is_worth_is_said_of_that_thing() -> None:
    contracts = "How much are Zentrix's contracts with the port worth?"
    assert not _fits(contracts, "It's worth $7 billion.")  # the company, not its contracts
    assert _fits(contracts, "The contracts are worth $2 million.")
    # A name may be called "it": the company's own worth takes "it".
    assert _fits("How much is Zentrix worth?", "It's worth $7 billion.")


def test_a_revenue_is_not_answered_by_an_amount_spent() -> None:
    question = "What was Zentrix's revenue last year?"
    assert analyse(question).answer_type == "money"
    assert not _fits(question, "Norvale has spent billions of dollars on cameras.")
    assert _fits(question, "Zentrix reported sales of $3 billion.")


def test_a_population_is_a_number_said_to_be_one() -> None:
    question = "What is the population of Norvale?"
    assert not _fits(question, "Hundreds of thousands of workers live in Norvale.")
    assert _fits(question, "Norvale has a population of 2 million.")


def test_how_many_work_in_a_place_needs_the_number_near_that_place() -> None:
    question = "How many people work at Zentrix's offices in Norvale?"
    far = (
        "It grew fast, employing hundreds of workers in the east, "
        "setting up offices in Brill and a team in Norvale."
    )
    assert not holds_count(far, question)
    assert not _fits(question, far)
    assert _fits(question, "Some 300 people work in Norvale.")
    # Another place is no sign of a number counted elsewhere when the asked one is absent.
    assert _fits(question, "Some 300 people work there.")


def test_what_specific_crimes_is_not_answered_by_criminal_charges() -> None:
    question = "What specific crimes is Okafor accused of?"
    assert analyse(question).specific == "crimes"
    assert not specifies("crimes", "Okafor faces criminal charges in Norvale.", question)
    assert specifies("crimes", "Okafor faces charges of harbour fraud.", question)


# -- 5. "she added" goes on with the words of the speaker before -------------------------------


def _paragraph(text: str) -> Paragraph:
    return Paragraph("doc", 1, text, 0, len(text))


def test_she_added_gives_the_words_of_the_person_named_before() -> None:
    text = 'Dana Okafor said the plan was sound. She added, "this is a good day."'
    said, added = split_sentences(text)
    assert added.startswith("She added")
    assert gives_words_of("Dana Okafor", said, _paragraph(text))
    assert gives_words_of("Dana Okafor", added, _paragraph(text))


def test_she_added_after_someone_else_gives_no_words_of_the_asked_person() -> None:
    text = 'Tomas Rivera said the plan was sound. She added, "this is a good day."'
    _, added = split_sentences(text)
    assert not gives_words_of("Dana Okafor", added, _paragraph(text))


def test_a_he_sentence_without_saying_gives_nobodys_words() -> None:
    text = "Dana Okafor said the plan was sound. He walked out of the hall."
    _, walked = split_sentences(text)
    assert not gives_words_of("Dana Okafor", walked, _paragraph(text))


# -- 6. follow-ups: "its" and "they" ---------------------------------------------------------

_CALLED = [
    ("Who did the reporter call at Harbour Watch?", "Dana Okafor of Harbour Watch, on Zentrix.")
]


def test_its_is_the_company_the_question_just_named() -> None:
    question = "Does she think the company is honest about how its products are used?"

    def prefers(company: str) -> Callable[[str, str], float]:
        return lambda name, noun: 9.0 if name == company else 0.0

    assert resolve(question, _CALLED, affinity=prefers("Zentrix")) == (
        "Does Dana Okafor think Zentrix is honest about how Zentrix's products are used?"
    )
    # The newest singular name is Harbour Watch: "its" follows "the company", not recency.
    assert resolve(question, _CALLED, affinity=prefers("Harbour Watch")) == (
        "Does Dana Okafor think Harbour Watch is honest about how Harbour Watch's products "
        "are used?"
    )


_GROUP_THEN_COMPANY = [
    ("How did the Keshans react to Zentrix?", "Angrily."),
    ("What does Zentrix plan in Norvale?", "A new plant."),
]


def test_they_takes_the_newest_plural_name_and_it_a_singular_one() -> None:
    assert resolve("Why are they angry?", _GROUP_THEN_COMPANY) == "Why are Keshans angry?"
    assert resolve("Where will it build?", _GROUP_THEN_COMPANY) == "Where will Zentrix build?"
    assert resolve("What do they want from it?", _GROUP_THEN_COMPANY) == (
        "What do Keshans want from Zentrix?"
    )


def test_they_without_a_plural_name_takes_the_newest_thing() -> None:
    history = [("What does Zentrix plan in Norvale?", "A new plant.")]
    assert resolve("What do they plan?", history) == "What do Zentrix plan?"


# -- 7. a role the sources never use -----------------------------------------------------------


class _Synonyms:
    """A stand-in for the word-vector matcher: ``term`` is near each of ``near`` (stemmed)."""

    def __init__(self, term: str, near: set[str]) -> None:
        self.term, self.near = term, near

    def best(self, term: str, words: Iterable[str]) -> float:
        return 0.8 if term == self.term and self.near & set(words) else 0.0


_SPOKESPERSON = "Which Zentrix spokesperson criticised the levy?"
_REPRESENTATIVE = "Zentrix representative Dana Okafor criticised the levy."
_ENGINEER = "Zentrix engineer Tomas Rivera criticised the levy."


def _fitting(catalog: Catalog, matcher: object | None) -> dict[str, bool]:
    hits = [Hit(chunk, 0.5, 0.5, 0.0) for chunk in catalog.chunks]
    scored = score_sentences(analyse(_SPOKESPERSON), hits, catalog, cast(SoftMatcher, matcher))
    return {s.sentence: s.fits for s in scored}


def test_an_unused_role_is_only_held_by_someone_called_a_near_synonym() -> None:
    catalog = _catalog(_entry("wire", "Harbour Radio", [_REPRESENTATIVE, _ENGINEER]))
    assert _unknown_role(analyse(_SPOKESPERSON), catalog) == "spokesperson"
    matcher = _Synonyms("spokesperson", {stem("representative")})
    assert _fitting(catalog, matcher) == {_REPRESENTATIVE: True, _ENGINEER: False}
    # Without word vectors no sentence can be shown to name the role.
    assert _fitting(catalog, None) == {_REPRESENTATIVE: False, _ENGINEER: False}


def test_a_role_the_sources_use_takes_any_full_name() -> None:
    spokesperson = "Zentrix spokesperson Dana Okafor criticised the levy."
    catalog = _catalog(_entry("wire", "Harbour Radio", [spokesperson, _ENGINEER]))
    assert _unknown_role(analyse(_SPOKESPERSON), catalog) is None
    assert _fitting(catalog, None) == {spokesperson: True, _ENGINEER: True}


def test_framing_roles_and_other_questions_ask_for_no_unknown_role() -> None:
    catalog = _catalog(_entry("wire", "Harbour Radio", [_ENGINEER]))
    assert _unknown_role(analyse("Which Harbour Radio reporter called Okafor?"), catalog) is None
    assert _unknown_role(analyse("Why did Zentrix criticise the levy?"), catalog) is None


def test_a_role_is_named_from_a_similarity_of_at_least_the_synonym_threshold() -> None:
    matcher = cast(SoftMatcher, _Synonyms("spokesperson", {"representativ"}))
    assert _names_role("spokesperson", {"zentrix", "representativ"}, matcher)
    assert not _names_role("spokesperson", {"zentrix", "engine"}, matcher)
    assert not _names_role("spokesperson", {"zentrix", "representativ"}, None)


# -- cases a first version of these rules got wrong ------------------------------------------


def test_a_place_named_like_a_publisher_is_still_a_place() -> None:
    catalog = _catalog(
        _entry("times", "Norvale Times", ["Zentrix employs 300 people in Norvale."]),
        _entry("radio", "Harbour Radio", ["Okafor told Harbour Radio the levy was unfair."]),
    )
    assert attributed("How many people does Zentrix employ in Norvale?", catalog) is None


def test_a_number_next_to_the_asked_place_counts_there_whatever_the_company() -> None:
    sentence = "Zentrix grew fast, setting up offices in Brill and employing hundreds in Norvale."
    assert holds_count(sentence, "How many people work at Zentrix's offices in Norvale?")


def test_he_added_goes_on_with_the_person_named_just_before() -> None:
    text = 'Dana Okafor said the plan was sound. Tomas Rivera disagreed. He added, "it is not."'
    added = split_sentences(text)[-1]
    assert not gives_words_of("Dana Okafor", added, _paragraph(text))


def test_they_takes_a_plural_name_ending_in_ers() -> None:
    history = [
        ("How did the Tollers react to Zentrix?", "Angrily."),
        ("What does Zentrix plan in Norvale?", "A new plant."),
    ]
    assert resolve("Why are they angry?", history) == "Why are Tollers angry?"


def test_who_was_behind_something_asks_for_a_person() -> None:
    assert analyse("Who was behind the harbour levy?").answer_type == "person"
