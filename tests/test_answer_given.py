"""What a question says must be given in the answer: "Was a date ever set for ...?" needs a
date, "What will X do in response?" X's reply, "accused ... of what" what of, "specific criminal
counts" more than "criminal charges", "which events" named events; "actual job title" asks a
role, "that department" after "Which ... department" is the one answered, and contractions and
prepositions are no search terms. Names and texts are invented.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.checks import checked_kind
from qa_bot.answer.fits import specifies
from qa_bot.answer.followup import resolve
from qa_bot.answer.holds import holds_asked
from qa_bot.answer.kinds import answer_type
from qa_bot.answer.question import analyse
from qa_bot.text import content_terms
from tests.conftest import catalog_of, fits_question, one_paragraph_doc


def holds(question: str, sentence: str) -> bool:
    """Does the sentence, alone in a one-paragraph story, hold what the question asks for?"""
    doc = one_paragraph_doc("story", sentence)
    return holds_asked(analyse(question), sentence, doc.paragraphs[0], False, catalog_of(doc))


# -- (a) "Was a date ever set ...?": only a sentence giving one answers -------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Was a date ever set for the Zentrix hearing?", "time"),
        ("Has Zentrix set a deadline for the bids?", "time"),
        ("Is there a timetable for the Norvale bypass?", "time"),
        ("Did Acme give a figure for its losses?", "count"),
        ("Did Acme give any number for the jobs it will cut?", "count"),
    ],
)
def test_a_yes_no_question_whether_a_figure_was_given_asks_for_it(question: str, kind: str) -> None:
    assert checked_kind(question) == kind
    assert answer_type(question) == kind
    assert analyse(question).strict  # a sentence without one does not answer


@pytest.mark.parametrize(
    "question",
    [
        "When was a date set for the Zentrix hearing?",  # a wh-question asks its own kind
        "What figure did Acme give for its losses?",
        "Was the Zentrix hearing delayed?",  # yes/no, but no date or figure asked about
        "Did Acme give any reason for its losses?",
    ],
)
def test_no_yes_no_question_or_no_such_noun_checks_nothing(question: str) -> None:
    assert checked_kind(question) is None


def test_only_a_sentence_with_a_date_answers_whether_a_date_was_set() -> None:
    question = "Was a date ever set for the Zentrix hearing?"
    assert fits_question(question, "The Zentrix hearing was set for March 3, 2025.")
    assert fits_question(question, "A judge set the Zentrix hearing for next Tuesday.")
    assert not fits_question(question, "No date has been set for the Zentrix hearing.")
    assert not fits_question(question, "The Zentrix hearing drew a large crowd in Norvale.")


def test_only_a_sentence_with_a_figure_answers_whether_one_was_given() -> None:
    question = "Did Acme give a figure for its losses?"
    assert fits_question(question, "Acme put its losses at 4,000 units.")
    assert not fits_question(question, "Acme said its losses were heavy.")


# -- (b) "actual job title" asks a role ------------------------------------------------------


@pytest.mark.parametrize("word", ["actual", "real", "proper", "true"])
def test_an_actual_job_title_asks_a_role(word: str) -> None:
    assert answer_type(f"What's Dana Okafor's {word} job title at Zentrix?") == "role"
    assert answer_type(f"What is Dana Okafor's {word} title at Zentrix?") == "role"


# -- (c) "What will X do in response?" needs X's reply ---------------------------------------


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("What has Acme said it'll do in response to the tariffs?", "Acme"),
        ("What will Zentrix do to hit back?", "Zentrix"),
        ("What has the Norvale Council vowed it will do in retaliation?", "Norvale Council"),
        ("What does Acme say it will do in response?", "Acme"),
        ("What would Zentrix do in response?", "Zentrix"),
    ],
)
def test_what_x_will_do_in_response_names_who_responds(question: str, who: str) -> None:
    responded = analyse(question).responded
    assert responded is not None and who in responded


@pytest.mark.parametrize(
    "question", ["What did Acme do about the tariffs?", "What will Zentrix do next year?"]
)
def test_what_x_will_do_without_a_response_names_no_responder(question: str) -> None:
    assert analyse(question).responded is None


@pytest.mark.parametrize(
    "question",
    [
        "What did Acme promise it would do in response?",
        "What did Acme threaten it would do in retaliation?",
    ],
)
def test_what_x_promised_after_did_names_who_responds(question: str) -> None:
    assert analyse(question).responded == "Acme"


def test_what_x_will_do_in_response_is_answered_by_its_reply_only() -> None:
    question = "What has Acme said it'll do in response to the tariffs?"
    assert holds(question, "Acme said it would cut prices in response to the tariffs.")
    assert not holds(question, "The tariffs took effect in Norvale on Monday.")


# -- (d) "accused ... of what" and "specific criminal counts" --------------------------------

_ACCUSED = "What exactly have the Norvale farmers accused the council of?"
_COUNTS = "What specific criminal counts does Dana Okafor face?"


def test_what_the_council_was_accused_of_is_said_after_of() -> None:
    analysed = analyse(_ACCUSED)
    assert analysed.specific == "accused"
    said = "The Norvale farmers, who have accused the council of neglecting their roads, met."
    assert specifies(analysed.specific, said, analysed.text)
    assert holds(_ACCUSED, said)


@pytest.mark.parametrize(
    "sentence",
    [
        "The farmers have accused the council.",
        "The Norvale farmers have accused the council of Norvale.",  # "of" what was asked
    ],
)
def test_an_accusation_that_does_not_say_what_of_does_not_answer(sentence: str) -> None:
    analysed = analyse(_ACCUSED)
    assert not specifies("accused", sentence, analysed.text)
    assert not holds(_ACCUSED, sentence)


def test_criminal_charges_do_not_name_the_specific_criminal_counts() -> None:
    analysed = analyse(_COUNTS)
    assert analysed.specific == "counts" and analysed.strict
    assert not specifies("counts", "Okafor faces criminal charges in Norvale.", _COUNTS)
    assert not specifies("counts", "Okafor faces criminal counts.", _COUNTS)


@pytest.mark.parametrize(
    "sentence",
    [
        "Okafor faces criminal charges of bribery in Norvale.",
        "Okafor faces charges of bribery in Norvale.",
        "Okafor faces criminal charges including bribery.",
        "Okafor faces bribery charges.",
        "Okafor faces three counts of bribery.",
    ],
)
def test_charges_that_name_the_crimes_give_the_specific_counts(sentence: str) -> None:
    assert specifies("counts", sentence, _COUNTS)


def test_a_list_of_the_crimes_charged_answers_the_specific_counts() -> None:
    assert holds(_COUNTS, "Dana Okafor faces criminal charges of bribery, fraud and theft.")
    assert not holds(_COUNTS, "Dana Okafor faces criminal charges in Norvale and Velmar.")


def test_criminal_charges_listed_after_a_colon_give_the_specific_counts() -> None:
    said = "Dana Okafor faces three criminal charges: bribery, fraud and theft."
    assert specifies("charges", said, "What specific criminal charges does Dana Okafor face?")
    assert specifies("counts", said, _COUNTS)


# -- (e) "Which events ...": events are named ------------------------------------------------

_NAMED_EVENTS = (
    "Zentrix supplied turbines to the Norvale Marathon, the Velmar Expo and the Harbour Festival."
)
_PRODUCTS = "Zentrix supplied turbines, pumps and cables to fairs, concerts and races."


@pytest.mark.parametrize(
    "question",
    [
        "Which big events has Zentrix supplied turbines to?",
        "Which high-profile events has Zentrix supplied turbines to?",
        "Which venues has Zentrix supplied turbines to?",
    ],
)
def test_which_events_are_answered_by_named_ones_not_a_list_of_things(question: str) -> None:
    assert fits_question(question, _NAMED_EVENTS)
    assert not fits_question(question, _PRODUCTS)


def test_which_products_are_still_answered_by_a_list_of_things() -> None:
    assert fits_question("Which products has Zentrix supplied to Norvale?", _PRODUCTS)


# -- (f) "that department" after "Which ... department" --------------------------------------


def test_that_department_is_the_one_the_answer_named() -> None:
    history = [
        ("Which Norvale city council department approved the levy?", "The Planning Department.")
    ]
    standalone = resolve("Did that department say anything about it?", history)
    assert "that department" not in standalone
    assert standalone.startswith("Did Planning Department say anything")


@pytest.mark.xfail(
    strict=True,
    reason="the object 'it' is resolved to the name just put in for the subject "
    "'that department' ('Did Planning Department approve Planning Department ...')",
)
def test_the_object_it_is_not_the_department_just_named_as_subject() -> None:
    history = [
        ("Which Norvale city council department approved the levy?", "The Planning Department.")
    ]
    standalone = resolve("Did that department approve it quickly?", history)
    assert standalone.count("Planning Department") == 1


# -- (g) contractions and prepositions are no search terms -----------------------------------


@pytest.mark.parametrize("word", ["it'll", "they've", "within", "towards", "although", "amid"])
def test_contractions_and_prepositions_are_no_terms(word: str) -> None:
    assert content_terms(f"Zentrix {word} Norvale") == content_terms("Zentrix Norvale")
    assert len(content_terms(f"Zentrix {word} Norvale")) == 2


def test_a_question_with_contractions_keeps_only_its_content_terms() -> None:
    terms = content_terms("What has Acme said it'll do within a year? They've said they'd act.")
    assert set(terms) == {"acme", "year", "act"}
