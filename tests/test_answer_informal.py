"""Questions typed the way people type them: "which firms supply X?" answered by a company's
name (not a country, a ministry or the paper that reports it), shorthand ("govt", "co."),
contractions without their apostrophe ("whats", "didnt"), lower-case questions with an acronym
("US"), "by what %", "how long have ...", "on what date", an elliptical "Why not?", a title in
lower case before a speaker's name, "who are X exactly", and "how many people work for X".

Fast unit tests: sentences and catalogs are built by hand (no store, no model). Names and
texts are invented, so the tests pin the general rule rather than one corpus.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.counts import holds_count
from qa_bot.answer.fits import fits_type
from qa_bot.answer.kinds import answer_type
from qa_bot.answer.question import analyse, clean_question
from qa_bot.answer.truecase import truecase
from qa_bot.models import DocumentMeta, Paragraph
from qa_bot.store.catalog import Catalog, DocumentEntry
from qa_bot.text import words

# -- 1. "which company": a company's name, not a country, a government body or a newspaper ----

_FIRMS = "Which Norvalian firms sell parts to Zentrix?"


@pytest.mark.parametrize(
    "question",
    [
        _FIRMS,
        "Which company makes the sensors for Zentrix?",
        "What brand of sensor does Zentrix buy?",
        "Which chipmakers supply Zentrix?",
        "Which co. supplies Zentrix?",
        "Name the suppliers of Zentrix.",
    ],
)
def test_a_company_question_is_answered_by_a_company_but_not_by_a_country(question: str) -> None:
    assert fits_type("name", "The parts come from Brill Instruments.", question)
    assert not fits_type("name", "The parts come from the US.", question)


@pytest.mark.parametrize(
    "sentence",
    [
        "The parts come from the US.",
        "The parts come from the United States.",
        "The parts come from Chinese suppliers.",  # a nationality, not a name
        "The parts come from Canadian suppliers.",
        "The parts were cleared by the Commerce Department last week.",
        "Sales were reviewed, the Trade Ministry said.",
        "The parts were first listed in The Daily Herald.",
        "Sales rose, the Norvale Times reported.",
        "Norvale May Ban Zentrix Sensors, Paper Reports",  # a headline's capitals
    ],
)
def test_countries_government_bodies_newspapers_and_headlines_name_no_company(
    sentence: str,
) -> None:
    assert not fits_type("name", sentence, _FIRMS)


@pytest.mark.parametrize(
    "sentence",
    [
        "The parts come from Brill Instruments.",
        "The parts come from Brill Instruments and Acme Robotics.",
        "Parts come from Acme's plant in the north.",  # a possessive is the name itself
    ],
)
def test_a_company_not_in_the_question_answers_which_firms(sentence: str) -> None:
    assert fits_type("name", sentence, _FIRMS)


@pytest.mark.parametrize(
    "question", ["Which co. supplies Zentrix?", "Which company supplies Zentrix?"]
)
def test_co_asks_for_a_name_as_company_does(question: str) -> None:
    assert answer_type(question) == "name"


@pytest.mark.parametrize(
    "sentence", ["Parts come from Zentrix's plant.", "Parts come from Zentrix’s plant."]
)
def test_the_company_asked_about_in_the_possessive_is_no_answer(sentence: str) -> None:
    assert not fits_type("name", sentence, _FIRMS)


def test_a_sentence_listing_several_companies_is_no_headline() -> None:
    sentence = "Suppliers include Brill Instruments, Acme Robotics and Kestrel Optics."
    assert fits_type("name", sentence, _FIRMS)


@pytest.mark.parametrize("company", ["Malitron", "Perulux", "Omanix", "Chadwell"])
def test_a_one_word_company_that_starts_like_a_country_is_a_company(company: str) -> None:
    assert fits_type("name", f"The parts come from {company}.", _FIRMS)


# -- 2. shorthand a reader types ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the govt said", ["the", "government", "said"]),
        ("the gov't said", ["the", "government", "said"]),
        ("the gov’t said", ["the", "government", "said"]),
        ("the Zentrix co. said", ["the", "zentrix", "company", "said"]),
        ("parts of Acme Robotics Co.", ["parts", "of", "acme", "robotics", "company"]),
        ("the trade dept said", ["the", "trade", "department", "said"]),
        ("the dept. said", ["the", "department", "said"]),
        ("intl sales", ["international", "sales"]),
        ("Intl. sales", ["international", "sales"]),
    ],
)
def test_shorthand_words_are_read_as_the_words_they_stand_for(
    text: str, expected: list[str]
) -> None:
    assert words(text) == expected


def test_shorthand_matches_the_word_written_in_full() -> None:
    assert set(words("What did the Norvale govt say?")) >= {"government", "norvale"}
    assert "company" in words("Which co. supplies Zentrix?")


def test_co_before_a_comma_is_read_as_company() -> None:
    assert words("Zentrix Co., the supplier") == ["zentrix", "company", "the", "supplier"]


# -- 3. contractions typed without their apostrophe ---------------------------------------------


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("whats the deal with Zentrix?", "what's the deal with Zentrix?"),
        ("Whats Zentrix building?", "What's Zentrix building?"),
        ("whos Dana Korr?", "who's Dana Korr?"),
        ("wheres the Zentrix plant?", "where's the Zentrix plant?"),
        ("hows Acme Robotics doing?", "how's Acme Robotics doing?"),
        ("thats the Norvale plant?", "that's the Norvale plant?"),
        ("why didnt Zentrix sell?", "why didn't Zentrix sell?"),
        ("doesnt Zentrix sell sensors?", "doesn't Zentrix sell sensors?"),
        ("isnt Zentrix in Norvale?", "isn't Zentrix in Norvale?"),
        ("Didnt Dana Korr resign?", "Didn't Dana Korr resign?"),
    ],
)
def test_a_contraction_typed_without_its_apostrophe_gets_it_back(typed: str, cleaned: str) -> None:
    assert clean_question(typed, 10000) == cleaned


@pytest.mark.parametrize(
    "typed",
    [
        "what are its plants in Norvale?",  # "its" is a word of its own
        "why wont Zentrix sell?",  # "wont" (habit) is a word too
        "what whatsoever did Zentrix say?",  # only whole words are contractions
    ],
)
def test_words_that_are_words_of_their_own_are_left_alone(typed: str) -> None:
    assert clean_question(typed, 10000) == typed


# -- 4. a lower-case question with an acronym still gets the sources' capitals -----------------


def _catalog(texts: list[str]) -> Catalog:
    meta = DocumentMeta("wire", "wire.txt", "Title", "Norvale Radio", (), None, "article", "0" * 64)
    paragraphs = tuple(Paragraph("wire", i + 1, t, 0, len(t)) for i, t in enumerate(texts))
    return Catalog("model", {"wire": DocumentEntry(meta, paragraphs, ())})


_CASED = _catalog(
    [
        "Sensors were shipped by Zentrix to the US last spring, said Dana Korr of Acme Robotics.",
        "Officials in Norvale said the Zentrix deal would stand.",
    ]
)


@pytest.mark.parametrize(
    ("question", "cased"),
    [
        ("what did the US say about zentrix?", "What did the US say about Zentrix?"),
        ("did zentrix ship sensors to the US?", "Did Zentrix ship sensors to the US?"),
        ("what did korr tell the US and the UN?", "What did Korr tell the US and the UN?"),
    ],
)
def test_an_acronym_is_no_sign_that_the_question_was_capitalised(question: str, cased: str) -> None:
    assert truecase(question, _CASED) == cased


@pytest.mark.parametrize(
    "question",
    ["what did Korr say about zentrix and the US?", "what did korr say about Zentrix?"],
)
def test_a_question_with_a_capitalised_name_of_its_own_is_left_alone(question: str) -> None:
    assert truecase(question, _CASED) == question


# -- 5. the kind asked: "by what %", "how long", "what date", "Why not?" ------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("By what % did Zentrix sales drop?", "percent"),
        ("by what % did sales drop", "percent"),
        ("What % of the staff work in Norvale?", "percent"),
        ("How long have officials debated the levy?", "time"),
        ("how long did the talks last", "time"),
        ("How long will the ban on Zentrix last?", "time"),
        ("How long is the bridge?", "count"),
        ("On what exact date did the ban start?", "date"),
        ("What day did the talks end?", "date"),
        ("Which date was the vote?", "date"),
        ("Does Dana Korr think so? Why not?", "other"),  # the elliptical "Why not?"
        ("Does Korr agree? How so?", "other"),
        ("Why did Dana Korr leave?", "reason"),
        ("Did Zentrix leave Norvale? Why did it leave?", "reason"),  # a full second question
    ],
)
def test_the_kind_of_answer_asked_for(question: str, kind: str) -> None:
    assert answer_type(question) == kind
    assert analyse(question).answer_type == kind


@pytest.mark.parametrize(
    "question",
    [
        "How long ago did Zentrix leave Norvale?",
        "How long should the talks take?",
    ],
)
def test_how_long_ago_and_how_long_should_ask_for_a_time(question: str) -> None:
    assert answer_type(question) == "time"


# -- 6. "on what date": a day named, not a period nor a year alone -----------------------------

_DATE_ASKED = "On what date did Zentrix close the Norvale plant?"


@pytest.mark.parametrize(
    "sentence",
    [
        "Zentrix closed it on Tuesday.",
        "The plant closed on May 21.",
        "The plant closed on 21 May.",
        "The plant closed yesterday.",
        "The plant closed on 2019-05-21.",
    ],
)
def test_a_day_named_answers_what_date(sentence: str) -> None:
    assert fits_type("date", sentence, _DATE_ASKED)


@pytest.mark.parametrize(
    "sentence",
    [
        "The plant will close in the coming weeks.",
        "The plant closed last year.",
        "The plant closed in 2019.",
        "Zentrix may close 21 plants.",  # the modal "may" and a count are no date
    ],
)
def test_a_period_or_a_year_alone_does_not_answer_what_date(sentence: str) -> None:
    assert not fits_type("date", sentence, _DATE_ASKED)


def test_a_date_question_is_strict() -> None:
    assert analyse(_DATE_ASKED).strict


# -- 7. a title in lower case before the speaker's name ----------------------------------------


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("What did trade representative Dana Korr say about Zentrix?", "Dana Korr"),
        ("What did Dana Korr say about Zentrix?", "Dana Korr"),
        ("What did the company say?", None),
        ("What did they say about Dana Korr?", None),  # Korr is spoken of, not speaking
        ("What did the Norvale Times say?", None),  # "the" is no title: a publisher's report
    ],
)
def test_whose_words_are_asked_for(question: str, quoted: str | None) -> None:
    assert analyse(question).quoted == quoted


@pytest.mark.parametrize(
    "question",
    [
        "What did the trade representative Dana Korr say about Zentrix?",
        "What did its chief Dana Korr say about Zentrix?",
    ],
)
def test_a_title_after_an_article_still_asks_for_the_named_speakers_words(question: str) -> None:
    assert analyse(question).quoted == "Dana Korr"


# -- 8. "who are X exactly" asks what X is ------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("who are the Norvalians exactly", "Norvalians"),
        ("What is Zentrix, exactly?", "Zentrix"),
        ("Who is Dana Korr again?", "Dana Korr"),
        ("Who are the Norvalians?", "Norvalians"),
    ],
)
def test_a_trailing_exactly_or_again_is_not_part_of_the_subject(
    question: str, subject: str
) -> None:
    analysed = analyse(question)
    assert analysed.answer_type == "definition"
    assert analysed.subject == subject


# -- 9. "how many people work for X" counts its workforce --------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "How many people work for Zentrix?",
        "How many people does Zentrix employ?",
        "How many people are employed by Zentrix?",
    ],
)
def test_how_many_people_work_there_is_answered_by_its_workforce_only(question: str) -> None:
    assert holds_count("Zentrix has 5,000 employees.", question)
    assert holds_count("Zentrix employs 5,000 people.", question)
    assert not holds_count("Zentrix sold 5,000 cameras.", question)
    assert not fits_type("count", "Zentrix sold 5,000 cameras.", question)


@pytest.mark.parametrize(
    "question", ["How many people work for Zentrix?", "How many staff does Zentrix have?"]
)
def test_employing_hundreds_counts_workers(question: str) -> None:
    assert holds_count("Zentrix, employing hundreds in Norvale, opened a plant.", question)


@pytest.mark.parametrize(
    "sentence", ["Zentrix sold 5,000 cameras.", "Some 300 came to the rally in Norvale."]
)
def test_how_many_people_attended_takes_any_number(sentence: str) -> None:
    assert holds_count(sentence, "How many people attended?")
