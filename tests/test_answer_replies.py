"""Replies and the words of a named speaker: "How did X respond?" needs X's reply (X speaking,
or words or a deed in answer), "which high-profile events and venues" is answered by items
that need not say "events", "according to the NPR radio piece" names NPR, "What did X joke /
admit?" asks for X's words, and "(Laughter)." or "Good morning, Steve." answer nothing.

Fast unit tests on invented names and texts (no store, no model): paragraphs and catalogs are
built by hand, so the tests pin the general rules, not one corpus.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.asks import RESPONSE_ASKED
from qa_bot.answer.attribution import _LEADING, _TRAILING, attributed
from qa_bot.answer.extractive import _STAGE_DIRECTION, Scored, score_sentences
from qa_bot.answer.kinds import answer_type, listed
from qa_bot.answer.question import analyse
from qa_bot.answer.sayings import responds
from qa_bot.answer.turns import strip_label
from qa_bot.models import Chunk, DocumentKind, DocumentMeta, Paragraph
from qa_bot.retrieval.hybrid import Hit
from qa_bot.store.catalog import Catalog, DocumentEntry
from qa_bot.text import content_terms, stem


def _entry(
    doc_id: str,
    paragraphs: tuple[Paragraph, ...],
    kind: DocumentKind = "article",
    publisher: str | None = "Harbour Radio",
) -> DocumentEntry:
    meta = DocumentMeta(doc_id, f"{doc_id}.txt", "Title", publisher, (), None, kind, "0" * 64)
    chunks = tuple(
        Chunk(f"{doc_id}:{p.number}", doc_id, p.number, p.number, p.text, p.text)
        for p in paragraphs
    )
    return DocumentEntry(meta, paragraphs, chunks)


def _body(doc_id: str, texts: list[str]) -> tuple[Paragraph, ...]:
    """Body paragraphs numbered from 1."""
    return tuple(Paragraph(doc_id, i + 1, text, 0, len(text)) for i, text in enumerate(texts))


def _turns(doc_id: str, turns: list[tuple[str, str]]) -> tuple[Paragraph, ...]:
    """Transcript turns ``(SPEAKER, text)`` numbered from 1, each written "SPEAKER: text"."""
    paragraphs = []
    for i, (speaker, text) in enumerate(turns):
        written = f"{speaker}: {text}"
        paragraphs.append(Paragraph(doc_id, i + 1, written, 0, len(written), "turn", speaker))
    return tuple(paragraphs)


def _catalog(*entries: DocumentEntry) -> Catalog:
    return Catalog("model", {entry.meta.doc_id: entry for entry in entries})


def _scored(question: str, catalog: Catalog) -> list[Scored]:
    hits = [Hit(chunk, 0.5, 0.5, 0.0) for chunk in catalog.chunks]
    return score_sentences(analyse(question), hits, catalog)


def _fits_by_turn(question: str, catalog: Catalog) -> dict[tuple[str | None, str], bool]:
    """(speaker, sentence without its label) -> does it fit the question?"""
    return {
        (s.paragraph.speaker, strip_label(s.sentence)): s.fits for s in _scored(question, catalog)
    }


# -- 1. "How did X respond?" names a respondent ------------------------------------------------


@pytest.mark.parametrize(
    ("question", "respondent"),
    [
        ("How did Acme respond to the order?", "Acme"),
        ("What was Lisbon's reaction?", "Lisbon"),
        ("What was Lisbon’s reaction?", "Lisbon"),  # a typographic apostrophe
        ("How did Acme Robotics react to the ban?", "Acme Robotics"),
        ("What was Acme's official response to the order?", "Acme"),
        ("What was Dana Pruitt's reply?", "Dana Pruitt"),
        ("How will Acme respond to the order?", "Acme"),
        ("How is Lisbon reacting to the ban?", "Lisbon"),
    ],
)
def test_how_did_x_respond_names_x_and_needs_a_reply(question: str, respondent: str) -> None:
    assert RESPONSE_ASKED.search(question) is not None
    analysed = analyse(question)
    assert analysed.responded == respondent
    assert analysed.strict  # a sentence giving no reply does not answer


@pytest.mark.parametrize(
    "question",
    [
        "How did Acme's share price react?",  # what happened to it, not a reply
        "How did Acme’s share price react?",
        "How did investors react?",  # no name
        "How did the market react to the order?",
        "How did Acme's rivals react?",
        "What was the public's reaction?",
    ],
)
def test_a_reaction_of_no_named_respondent_asks_for_no_reply(question: str) -> None:
    analysed = analyse(question)
    assert analysed.responded is None
    assert not analysed.strict


@pytest.mark.parametrize(
    "question",
    ["What did Acme build in Lisbon?", "When did Acme open its Lisbon plant?"],
)
def test_a_question_about_no_reaction_names_no_respondent(question: str) -> None:
    assert RESPONSE_ASKED.search(question) is None
    assert analyse(question).responded is None


@pytest.mark.parametrize(
    ("question", "respondent"),
    [
        ("How has Acme responded to the order?", "Acme"),
        ("How has Dana Pruitt replied to the critics?", "Dana Pruitt"),
    ],
)
def test_how_has_x_responded_names_x(question: str, respondent: str) -> None:
    assert analyse(question).responded == respondent


def test_a_bare_apostrophe_possessive_names_the_respondent() -> None:
    assert analyse("What was Acme Robotics' reaction to the ban?").responded == "Acme Robotics"


# -- 2. what is a reply -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        '"This order is unfair," Dana Pruitt said.',  # words said
        "Acme told reporters it would comply.",
        "Acme vowed to fight the order in court.",  # deeds in answer
        "Acme rejected the charges.",
        "An Acme spokesperson declined to comment.",
        "Lisbon weighed in on Tuesday.",
        "Acme hit back at the council.",
        "Acme denied any wrongdoing.",
        "Acme condemned the order.",
        "Acme threatened to leave Lisbon.",
        "Acme sued the council.",
    ],
)
def test_words_said_or_a_deed_in_answer_is_a_reply(sentence: str) -> None:
    assert responds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Lisbon council ordered Acme Robotics to halt deliveries.",
        "The order takes effect in March and covers every Acme robot sold in Lisbon.",
        "Acme makes robots in Lisbon.",
        "We will keep building robots in Porto.",  # no reply word: only its speaker can make it one
    ],
)
def test_a_sentence_only_describing_the_order_is_no_reply(sentence: str) -> None:
    assert not responds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The order bans counterfeit Acme robots.",
        "The order shuts down the Acme reactor in Lisbon.",
    ],
)
def test_a_word_that_only_starts_like_a_reply_word_is_no_reply(sentence: str) -> None:
    assert not responds(sentence)


# -- 3. scoring: only a reply, or a turn of the respondent, fits --------------------------------

_ORDER = "The Lisbon council ordered Acme Robotics to halt robot deliveries."
_COVERS = "The order takes effect in March and covers every Acme robot sold in Lisbon."
_VOWED = "Acme Robotics vowed to appeal the order."
_DECLINED = "An Acme Robotics spokesperson declined to comment on the order."
_WIRE = _catalog(_entry("wire", _body("wire", [_ORDER, _COVERS, _VOWED, _DECLINED])))


def test_only_a_reply_fits_how_did_x_respond() -> None:
    scored = _scored("How did Acme Robotics respond to the order?", _WIRE)
    fits = {s.sentence: s.fits for s in scored}
    assert fits == {_ORDER: False, _COVERS: False, _VOWED: True, _DECLINED: True}


def test_without_a_respondent_a_sentence_describing_the_order_still_fits() -> None:
    # control: the same sentences, a question naming no respondent
    scored = _scored("How did the market react to the order?", _WIRE)
    fits = {s.sentence: s.fits for s in scored}
    assert fits[_ORDER] and fits[_COVERS]


_NOW = "We will keep building robots in Porto."
_SHOW = _catalog(
    _entry(
        "show",
        _turns(
            "show",
            [
                ("HOST", "Dana Pruitt, the Lisbon council ordered Acme to halt deliveries."),
                ("DANA PRUITT", _NOW),
                ("LEE MOSS", _NOW),
            ],
        ),
        kind="transcript",
    )
)


def test_the_respondents_own_turn_fits_without_a_reply_word() -> None:
    fits = _fits_by_turn("How did Dana Pruitt respond to the order?", _SHOW)
    assert fits[("DANA PRUITT", _NOW)]
    assert not fits[("LEE MOSS", _NOW)]  # the same words from someone else: no reply of hers
    assert not fits[("HOST", "Dana Pruitt, the Lisbon council ordered Acme to halt deliveries.")]


def test_a_speaker_sharing_only_a_first_name_is_not_the_respondent() -> None:
    catalog = _catalog(
        _entry(
            "show",
            _turns("show", [("DANA PRUITT", "Good to be here, Steve."), ("DANA MOSS", _NOW)]),
            kind="transcript",
        )
    )
    assert not _fits_by_turn("How did Dana Pruitt respond to the order?", catalog)[
        ("DANA MOSS", _NOW)
    ]


# -- 4. "which high-profile events and venues": the kind listed -------------------------------

_HIGH_PROFILE = "Which high-profile events and venues has Acme supplied?"


def test_the_kind_listed_is_all_the_words_of_the_kind_and_nothing_else() -> None:
    found = listed(_HIGH_PROFILE)
    assert found is not None
    things, category = found
    assert things == stem("events")
    expected = {*content_terms("high-profile"), *content_terms("events"), *content_terms("venues")}
    assert expected <= category
    assert not category & {*content_terms("Acme"), *content_terms("supplied"), "has"}
    analysed = analyse(_HIGH_PROFILE)
    assert analysed.answer_type == "list"
    assert analysed.listed == things and analysed.category == category


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which events has Acme supplied?", "events"),
        ("What big events has Acme supplied?", "big events"),
        ("Which high-profile events did Acme supply?", "high-profile events"),
    ],
)
def test_the_kind_listed_ends_before_the_verb(question: str, kind: str) -> None:
    found = listed(question)
    assert found is not None
    assert found[1] == frozenset(content_terms(kind))


def test_a_question_that_lists_nothing_has_no_kind_listed() -> None:
    assert listed("Where is Acme based?") is None
    assert analyse("Where is Acme based?").category == frozenset()


_SUPPLIED = "Acme supplied the Lisbon Marathon and the Porto Opera House."
_EVENTS = _catalog(_entry("wire", _body("wire", [_SUPPLIED, "Acme makes robots in Lisbon."])))


def test_items_that_do_not_say_the_kind_listed_miss_nothing_asked() -> None:
    # the sources never say "high-profile", "events" or "venues": the items are instances
    scored = {s.sentence: s for s in _scored(_HIGH_PROFILE, _EVENTS)}
    assert scored[_SUPPLIED].missing == 0.0


def test_a_word_outside_the_kind_listed_that_the_sources_lack_is_still_missing() -> None:
    scored = {s.sentence: s for s in _scored("Which events has Acme cancelled?", _EVENTS)}
    assert scored[_SUPPLIED].missing > 0.0  # "cancelled" is said nowhere


@pytest.mark.parametrize(
    "question",
    ["Which big-name clients has Acme signed?", "Which big-name events has Acme supplied?"],
)
def test_big_name_does_not_ask_for_a_name(question: str) -> None:
    assert answer_type(question) == "list"


def test_the_word_name_on_its_own_still_asks_for_a_name() -> None:
    assert answer_type("What is the name of Acme's newest robot?") == "name"


def test_the_things_listed_are_the_first_noun_with_or_without_a_modifier() -> None:
    found = listed("Which events and venues has Acme supplied?")
    assert found is not None and found[0] == stem("events")


# -- 5. "according to the NPR radio piece" names NPR ------------------------------------------

_PUBLISHERS = _catalog(
    _entry("npr", _body("npr", ["Acme Robotics builds 500 robots a year."]), publisher="NPR"),
    _entry("radio", _body("radio", ["Dana Pruitt told Harbour Radio it was unfair."])),
    _entry("harbour", _body("harbour", ["Acme opened a Lisbon plant."]), publisher="Harbour"),
)


@pytest.mark.parametrize(
    "question",
    [
        "How many robots does Acme Robotics build, according to the NPR radio piece?",
        "According to the NPR radio piece, how many robots does Acme Robotics build?",
        "How many robots does Acme Robotics build, according to the NPR online article?",
    ],
)
def test_a_lower_case_medium_after_the_name_is_not_part_of_it(question: str) -> None:
    match = _TRAILING.search(question) or _LEADING.search(question)
    assert match is not None and match.group("source") == "NPR"
    found = attributed(question, _PUBLISHERS)
    assert found is not None
    assert found.doc_ids == {"npr"}  # not Harbour Radio's, though it says "radio"
    assert found.question == "How many robots does Acme Robotics build?"


def test_a_capitalised_medium_stays_part_of_the_publishers_name() -> None:
    question = "What did Dana Pruitt say about the order in the Harbour Radio interview?"
    match = _TRAILING.search(question)
    assert match is not None and match.group("source") == "Harbour Radio"
    found = attributed(question, _PUBLISHERS)
    assert found is not None
    assert found.doc_ids == {"radio"}  # not the publisher called just "Harbour"
    assert found.question == "What did Dana Pruitt say about the order?"


def test_a_radio_piece_of_a_publisher_not_in_the_catalog_names_no_source() -> None:
    question = "How many robots does Acme Robotics build, according to the Reuters radio piece?"
    assert attributed(question, _PUBLISHERS) is None


# -- 6. "What did X joke / admit?" asks for X's words ------------------------------------------


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("What did Dana Pruitt joke about the robots?", "Dana Pruitt"),
        ("What did Lee Moss admit?", "Lee Moss"),
        ("What did Lee Moss quip about Lisbon?", "Lee Moss"),
        ("What did Dana Pruitt explain about the plant?", "Dana Pruitt"),
        ("What did Dana Pruitt complain about?", "Dana Pruitt"),
        ("What did Lee Moss publicly admit?", "Lee Moss"),
    ],
)
def test_what_did_x_joke_or_admit_asks_for_x_words(question: str, who: str) -> None:
    analysed = analyse(question)
    assert analysed.quoted == who
    assert analysed.strict


@pytest.mark.parametrize(
    "question",
    [
        "What did Dana Pruitt's family admit?",  # her family's words, not hers
        "What did Lee Moss build in Lisbon?",  # not a verb of saying
        "What did the mayor admit?",  # no name
    ],
)
def test_no_named_speaker_or_no_saying_asks_for_no_ones_words(question: str) -> None:
    assert analyse(question).quoted is None


_ASKED_BY_MOSS = _catalog(
    _entry(
        "show",
        _turns(
            "show",
            [
                ("LEE MOSS", "Dana Pruitt, tell us about the robots in Lisbon."),
                ("DANA PRUITT", "The Lisbon robots are slower than we hoped."),
                ("LEE MOSS", "The Lisbon robots broke down twice last week."),
            ],
        ),
        kind="transcript",
    )
)


def test_only_the_quoted_speakers_turns_count_when_another_is_named_too() -> None:
    question = "What did Dana Pruitt admit when Lee Moss asked about the Lisbon robots?"
    assert analyse(question).quoted == "Dana Pruitt"
    fits = _fits_by_turn(question, _ASKED_BY_MOSS)
    assert fits[("DANA PRUITT", "The Lisbon robots are slower than we hoped.")]
    assert not fits[("LEE MOSS", "The Lisbon robots broke down twice last week.")]


# -- 7. stage directions and greetings answer nothing -----------------------------------------


@pytest.mark.parametrize(
    "text",
    ["(Laughter).", "(Laughter)", "[Crosstalk]", "(Applause, cheering)", "[Inaudible]."],
)
def test_a_note_of_what_is_heard_is_a_stage_direction(text: str) -> None:
    assert _STAGE_DIRECTION.fullmatch(text)


@pytest.mark.parametrize(
    "text",
    [
        "(Laughter) That was a good one.",  # words follow the note
        "The robots (mostly) work.",
        "Good morning, Steve.",
    ],
)
def test_a_sentence_with_words_beyond_a_note_is_no_stage_direction(text: str) -> None:
    assert not _STAGE_DIRECTION.fullmatch(text)


_JOKE = "What did Dana Pruitt joke about the robots?"
_ANSWER = "I joked that the robots run the office now."
_BANTER = _catalog(
    _entry(
        "show",
        _turns(
            "show",
            [
                ("HOST", "Dana Pruitt, welcome to the show."),
                ("DANA PRUITT", f"Good morning, Steve. (Laughter). {_ANSWER}"),
                ("DANA PRUITT", "[Crosstalk]"),
                # long enough to pass the short-sentence check, and it says "robots"
                ("DANA PRUITT", "[Robots beeping and whirring in the background]"),
                ("DANA PRUITT", "Robots, mostly."),
            ],
        ),
        kind="transcript",
    )
)


def test_stage_directions_and_greetings_of_the_asked_speaker_are_never_scored() -> None:
    sentences = {strip_label(s.sentence) for s in _scored(_JOKE, _BANTER)}
    assert _ANSWER in sentences
    for note in (
        "Good morning, Steve.",
        "(Laughter).",
        "[Crosstalk]",
        "[Robots beeping and whirring in the background]",
    ):
        assert note not in sentences


def test_a_short_sentence_of_the_asked_speaker_sharing_a_word_is_still_scored() -> None:
    sentences = {strip_label(s.sentence) for s in _scored(_JOKE, _BANTER)}
    assert "Robots, mostly." in sentences  # short, but it says "robots"
