"""Questions that set a scene before they ask, and the answers they fit: the asking clause
decides the kind ("When Dana Pruitt spoke, which city ...?"), "percentage-wise" asks for a
percent and "which decade" for a time ("the 1930s"), staff and employees are one count, a
worldwide count is no count of one place, "NPR says X has how many staff?" names its source,
"What did X personally say?" asks for X's words, a run of capitals is one name and a name ends
at its possessive.

Fast unit tests on invented names and texts (no store, no model): they pin the general rules,
not one corpus.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.attribution import attributed
from qa_bot.answer.counts import holds_count
from qa_bot.answer.fits import fits_type, specifies
from qa_bot.answer.kinds import answer_type, asked_role, asking_sentences
from qa_bot.answer.names import person_names
from qa_bot.answer.question import analyse
from qa_bot.store.catalog import Catalog
from qa_bot.text import content_terms
from tests.conftest import fits_question
from tests.test_answer_sources import _entry


def _asking(question: str) -> str:
    return " ".join(asking_sentences(question))


# -- 1. the asking clause decides the kind ---------------------------------------------------


@pytest.mark.parametrize(
    ("question", "clause", "kind"),
    [
        (
            "Acme Robotics opened a plant in Lisbon last year. How many robots does it build?",
            "How many robots does it build?",
            "count",
        ),
        # "when" in the statement asks nothing: the question after it asks for a city
        (
            "Dana Pruitt explained when the plant opened. Which city is it in?",
            "Which city is it in?",
            "place",
        ),
        # "how many" in the statement asks nothing: the question asks for a person
        (
            "Dana Pruitt asked how many robots Acme builds. Who runs Acme?",
            "Who runs Acme?",
            "person",
        ),
        (
            "Lee Moss said sales rose 40 percent. Where is Acme based?",
            "Where is Acme based?",
            "place",
        ),
    ],
)
def test_a_statement_before_the_question_sets_the_scene_and_does_not_decide_the_kind(
    question: str, clause: str, kind: str
) -> None:
    assert _asking(question) == clause
    assert answer_type(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When Dana Pruitt spoke in Lisbon, which city did she praise?", "place"),
        ("While Dana Pruitt was in Lisbon, who did she meet?", "person"),
        ("After the merger closed, how many staff did Acme keep?", "count"),
        ("When Dana Pruitt spoke, she named which city?", "place"),
        ("When Dana Pruitt spoke, was she in Lisbon or Porto?", "other"),  # not a time
    ],
)
def test_a_leading_scene_clause_is_not_what_is_asked(question: str, kind: str) -> None:
    clause = _asking(question)
    assert "Dana Pruitt spoke" not in clause and "merger closed" not in clause
    assert answer_type(question) == kind
    assert answer_type(question) != "time"


@pytest.mark.parametrize(
    "question",
    [
        "When did Acme Robotics open its Lisbon plant?",
        "When was Acme founded, and who founded it?",
        "Acme Robotics opened a plant in Lisbon. When did it open?",
        "When did Dana Pruitt speak, and which city was she in?",
    ],
)
def test_when_followed_by_an_auxiliary_still_asks_for_a_time(question: str) -> None:
    assert answer_type(question) == "time"
    assert _asking(question).startswith("When")  # not taken for a scene


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # a naive split after "U." would leave "Trade Minister did ... meet?", which asks nothing
        ("Which U.S. Trade Minister did Acme Robotics meet?", "person"),
        ("Where did Mr. Lee Moss teach?", "place"),
        ("Where did Dr. Lee Moss teach?", "place"),
    ],
)
def test_an_abbreviation_after_a_capital_ends_no_sentence(question: str, kind: str) -> None:
    assert _asking(question) == question
    assert answer_type(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Where did Mrs. Dana Pruitt meet Lee Moss?", "place"),
        ("Which city did Sen. Dana Pruitt visit?", "place"),
        ("Where did Prof. Dana Pruitt teach?", "place"),
    ],
)
def test_a_lower_case_title_abbreviation_ends_no_sentence(question: str, kind: str) -> None:
    assert _asking(question) == question
    assert answer_type(question) == kind


def test_a_second_question_without_a_kind_keeps_the_kind_of_the_first() -> None:
    question = "How many robots does Acme build? Do Dana Pruitt and Lee Moss agree?"
    assert "Do Dana Pruitt and Lee Moss agree?" in _asking(question)
    assert answer_type(question) == "count"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Where is Acme based? When did it open?", "place"),
        ("Who founded Acme Robotics? How many staff does it have?", "person"),
    ],
)
def test_a_second_question_with_its_own_kind_does_not_override_the_first(
    question: str, kind: str
) -> None:
    assert answer_type(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When Acme hired 1,200 staff, where did it build its plant?", "place"),
        ("When Acme Robotics, the Lisbon firm, opened, which city did it pick?", "place"),
    ],
)
def test_a_comma_inside_the_scene_clause_does_not_make_it_a_when_question(
    question: str, kind: str
) -> None:
    assert answer_type(question) == kind


@pytest.mark.parametrize(
    "question",
    [
        "Percentage-wise, how much did Acme's sales grow?",
        "Percentage wise, how much did Acme's sales grow?",
        "How much did Acme's sales grow percentage-wise?",
        "How much did Acme's sales grow in percentage terms?",
        "How much did Acme's sales grow in percent terms?",
        "How much did Acme pay, in percentage terms?",  # a percent, not an amount of money
    ],
)
def test_percentage_wise_asks_for_a_percent(question: str) -> None:
    assert answer_type(question) == "percent"


def test_how_much_without_percentage_words_is_no_percent_question() -> None:
    assert answer_type("How much did Acme's sales grow?") != "percent"
    assert answer_type("How much did Acme pay for the plant?") == "money"


@pytest.mark.parametrize(
    "question",
    [
        "Which decade did Acme Robotics start in?",
        "What decade did Acme start?",
        "Which era does Dana Pruitt recall?",
        "In which century was Lisbon's harbour built?",
        "Acme Robotics opened a plant in Lisbon in 2019. Which decade did Acme start in?",
    ],
)
def test_which_decade_era_or_century_asks_for_a_time(question: str) -> None:
    assert answer_type(question) == "time"


def test_which_year_still_asks_for_a_year() -> None:
    assert answer_type("Which year did Acme start?") == "year"


# -- 2. what fits: decades, "and other places", a role's holder --------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme Robotics started in the 1930s in Lisbon.",
        "Acme began in the 1990's.",
        "Acme began in the 1990’s.",
        "Acme started in the 2010s.",
    ],
)
def test_a_decade_answers_which_decade(sentence: str) -> None:
    question = "Which decade did Acme Robotics start in?"
    assert analyse(question).answer_type == "time"
    assert fits_type("time", sentence, question)


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme has made robots for decades.",
        "Acme has made robots for a decade.",
        "Acme made robots in the 1990s.",
    ],
)
def test_decades_answer_when(sentence: str) -> None:
    assert fits_type("time", sentence, "When did Acme start making robots?")


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme makes robots in Lisbon.",
        "Acme made robots in the decadent style.",  # "decade" inside another word
    ],
)
def test_a_sentence_without_a_time_does_not_answer_when(sentence: str) -> None:
    assert not fits_type("time", sentence, "When did Acme start making robots?")


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme robots guard stations at airports and other places.",
        "Acme robots are used at airports or other places.",
    ],
)
def test_things_named_before_and_other_places_specify_the_places(sentence: str) -> None:
    assert specifies("places", sentence, "What specific places use Acme robots?")


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme robots are used in other places.",  # nothing named before "other"
        "Acme robots are used in many places.",
        "Acme robots are used in various places.",
    ],
)
def test_places_named_no_closer_do_not_specify_them(sentence: str) -> None:
    assert not specifies("places", sentence, "What specific places use Acme robots?")


@pytest.mark.parametrize(
    "question",
    ["Who is the chief executive of Acme?", "Who is the company's chief executive?"],
)
def test_a_role_is_held_by_a_new_person_named_in_full(question: str) -> None:
    assert asked_role(question) == "executive"
    assert fits_type("person", "The firm is led by Dana Pruitt, it said.", question)
    assert not fits_type("person", "The firm is led by Pruitt, it said.", question)  # one word


def test_a_two_word_name_sharing_a_word_with_the_question_holds_no_role() -> None:
    question = "Who is the chief executive of Acme?"
    assert not fits_type("person", "The firm is led by Shenzhen Acme, it said.", question)
    assert fits_type("person", "Shenzhen Acme is led by Dana Pruitt, it said.", question)


@pytest.mark.parametrize(
    "question", ["Who is Acme's chief executive?", "Who is Acme’s chief executive?"]
)
def test_a_name_sharing_a_possessive_word_with_the_question_holds_no_role(question: str) -> None:
    assert not fits_type("person", "The firm is led by Shenzhen Acme, it said.", question)


# -- 3. counts: one workforce, and a worldwide count is no count of one place -----------------


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("Acme has 12,000 employees.", "How many staff does Acme have?"),
        ("Acme has 12,000 workers.", "How many staff does Acme have?"),
        ("Acme has 12,000 personnel.", "How many employees does Acme have?"),
        ("Acme has 12,000 staffers.", "How many workers does Acme have?"),
        ("Acme employs 12,000 people.", "How many staff does Acme have?"),
    ],
)
def test_staff_employees_and_workers_are_one_count(sentence: str, question: str) -> None:
    assert holds_count(sentence, question)
    assert fits_question(question, sentence)


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("Acme has 12,000 employees.", "How many cameras does Acme sell?"),
        ("Acme sold 12,000 cameras.", "How many staff does Acme have?"),
        ("Acme has 12,000 robots.", "How many employees does Acme have?"),
    ],
)
def test_a_workforce_is_no_count_of_other_things_nor_they_of_it(
    sentence: str, question: str
) -> None:
    assert not holds_count(sentence, question)


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme has 12,000 global employees.",
        "Acme has 12,000 employees worldwide.",
        "Acme has 12,000 employees in total.",
        "Acme has 12,000 employees around the world.",
        "In all, Acme has 12,000 employees.",
        "Globally, Acme has 12,000 employees.",
    ],
)
def test_a_worldwide_count_does_not_answer_how_many_in_a_place_it_does_not_name(
    sentence: str,
) -> None:
    assert not holds_count(sentence, "How many staff does Acme have in Lisbon?")
    assert holds_count(sentence, "How many staff does Acme have?")  # it is still a count


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme has 12,000 employees.",  # may take Lisbon from the sentence before
        "Acme has 12,000 global employees, 900 of them in Lisbon.",  # names the place
    ],
)
def test_a_count_without_a_worldwide_word_or_naming_the_place_may_answer(sentence: str) -> None:
    assert holds_count(sentence, "How many staff does Acme have in Lisbon?")


# -- 4. "NPR says X has how many staff?" names its source -------------------------------------


_PUBLISHERS = Catalog(
    "model",
    {
        entry.meta.doc_id: entry
        for entry in (
            _entry("npr", "NPR", ["Acme Robotics has 12,000 staff, said Dana Pruitt."]),
            _entry("times", "Daily Times", ["Acme Robotics opened a plant in Lisbon."]),
        )
    },
)


@pytest.mark.parametrize(
    ("question", "rest", "doc_id", "phrase_terms"),
    [
        (
            "NPR says Acme Robotics has how many staff?",
            "Acme Robotics has how many staff?",
            "npr",
            {"npr"},
        ),
        (
            "NPR reports that Acme Robotics has how many staff?",
            "Acme Robotics has how many staff?",
            "npr",
            {"npr", "report"},
        ),
        (
            "NPR claimed Acme Robotics has how many staff?",
            "Acme Robotics has how many staff?",
            "npr",
            {"npr"},
        ),
        (
            "The Times reports that Acme Robotics opened a plant in which city?",
            "Acme Robotics opened a plant in which city?",
            "times",
            {"time", "report"},
        ),
    ],
)
def test_a_publisher_that_says_is_taken_out_and_restricts_to_its_documents(
    question: str, rest: str, doc_id: str, phrase_terms: set[str]
) -> None:
    found = attributed(question, _PUBLISHERS)
    assert found is not None
    assert found.question == rest
    assert found.doc_ids == {doc_id}  # only that publisher's, not the other's
    assert phrase_terms <= found.terms
    assert "says" not in found.question and "reports" not in found.question


@pytest.mark.parametrize(
    "question",
    [
        "Acme says it has how many staff?",  # the company, not a publisher
        "Dana Pruitt says Acme has how many staff?",
        "Reuters says Acme Robotics has how many staff?",  # publishes nothing here
        "Lisbon says Acme Robotics has how many staff?",
    ],
)
def test_a_subject_that_publishes_nothing_here_is_left_alone(question: str) -> None:
    assert attributed(question, _PUBLISHERS) is None


# -- 5. whose words are asked, and a run of capitals is one name -------------------------------


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        (
            "What did Trade Minister Dana Pruitt personally say about it?",
            "Trade Minister Dana Pruitt",
        ),
        ("What did Dana Pruitt publicly warn about the plant?", "Dana Pruitt"),
        ("What did Dana Pruitt say about it?", "Dana Pruitt"),
    ],
)
def test_what_did_x_say_asks_for_x_words_even_with_an_adverb(question: str, quoted: str) -> None:
    analysed = analyse(question)
    assert analysed.quoted == quoted
    assert analysed.strict


@pytest.mark.parametrize(
    "question",
    [
        "What did the minister personally say?",  # no name
        "What did Dana Pruitt personally do about it?",  # not a verb of saying
    ],
)
def test_no_named_speaker_or_no_saying_asks_for_no_ones_words(question: str) -> None:
    assert analyse(question).quoted is None


@pytest.mark.parametrize(
    "question", ["What did Dana Pruitt's family say?", "What did Dana Pruitt's ally say?"]
)
def test_a_noun_in_ly_after_a_possessive_is_not_an_adverb(question: str) -> None:
    assert analyse(question).quoted is None


def test_a_run_of_capitals_is_one_name() -> None:
    (united_states,) = content_terms("United States")
    names = analyse("How many robots does Acme sell in the United States?").names
    assert united_states in names
    assert "unit" not in names and "state" not in names and "stat" not in names
    assert "acme" in names


# -- 6. names: a possessive ends a name, and a firm is no person -------------------------------


def test_a_name_ends_at_its_possessive() -> None:
    assert person_names("She read Dana Pruitt's Lisbon Diary.") == ["Dana Pruitt's"]
    # "Times' Reports" would be read as a person's name without the cut
    assert person_names("It ran as 'Lisbon Daily Times' Reports, said Lee Moss.") == ["Lee Moss"]


def test_a_quoted_title_before_its_possessive_is_no_person() -> None:
    assert person_names("It ran as 'Daily Globe' Reports, said Lee Moss.") == ["Lee Moss"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("A deal with Acme Firm was signed.", []),
        ("A deal with Acme Firm was signed by Lee Moss.", ["Lee Moss"]),
        ("She praised Acme Firm and Lee Moss.", ["Lee Moss"]),
    ],
)
def test_a_firm_is_an_organisation(sentence: str, names: list[str]) -> None:
    assert person_names(sentence) == names
    assert all("Firm" not in name for name in person_names(sentence))
