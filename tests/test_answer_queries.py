"""Search-box queries, lower-case history, two sources named, topic-first questions, a company
named by a sentence's first word, "Norvale Zentrix", a count at "Zentrix's Norvale team" and
a list of named items.

Unit tests on each rule (hand-built catalogs), then questions asked end to end of a small
invented corpus in a real store in tmp_path. Names and texts are invented.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.attribution import attributed
from qa_bot.answer.counts import holds_count
from qa_bot.answer.extractive import score_sentences
from qa_bot.answer.holds import holds_asked
from qa_bot.answer.indirect import direct_question
from qa_bot.answer.keywords import MAX_QUERY_WORDS, keyword_kind
from qa_bot.answer.kinds import answer_type
from qa_bot.answer.question import analyse
from qa_bot.retrieval.hybrid import Hit
from qa_bot.service import QABot
from qa_bot.store.catalog import DocumentEntry
from tests.conftest import catalog_of, fits_question, ingested_bot, one_paragraph_doc

# -- 1. a search-box query says the kind asked by its last word ------------------------------


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("acme founding year", "year"),
        ("zentrix ceo name", "person"),
        ("acme founder", "person"),
        ("Acme Robotics CEO's full name", "person"),
        ("acme employees", "count"),
        ("acme employees?", "count"),
        ("zentrix launch date", "date"),
        ("acme revenue", "money"),
        ("acme headquarters", "place"),
    ],
)
def test_a_search_box_query_asks_the_kind_its_last_word_says(query: str, kind: str) -> None:
    assert keyword_kind(query) == kind
    assert answer_type(query) == kind
    assert analyse(query).answer_type == kind


@pytest.mark.parametrize("query", ["zentrix ceo name", "acme founder"])
def test_a_query_for_a_role_asks_for_a_person_named_in_full(query: str) -> None:
    analysed = analyse(query)
    assert analysed.named_kind and analysed.strict


@pytest.mark.parametrize(
    "text",
    [
        "what is the acme founding year",  # a wh-word: a question
        "how many acme employees",
        "is acme revenue",  # opens with an auxiliary
        "did zentrix founder",
        "tell me acme employees",  # a request
        "the union said the plant will cut staff and slow new hiring of employees",  # > 8 words
        "acme cameras",  # a last word that says no kind
    ],
)
def test_questions_statements_and_plain_topics_are_no_typed_query(text: str) -> None:
    assert keyword_kind(text) is None


def test_more_than_eight_words_is_a_statement_however_it_ends() -> None:
    query = "zentrix norvale drone lab opening plant workforce employees"
    assert len(query.split()) == MAX_QUERY_WORDS and keyword_kind(query) == "count"
    assert keyword_kind(f"new {query}") is None


def test_a_question_naming_a_role_is_not_read_as_a_role_query() -> None:
    assert analyse("Who met the president?").answer_type == "person"
    assert not analyse("Who met the president?").named_kind


# -- 3. a question naming two publishers is attributed to neither ----------------------------

_PRESS = catalog_of(
    one_paragraph_doc("radio", "Zentrix employs 300 people.", "Radio One", "transcript"),
    one_paragraph_doc("times", "Zentrix employs 280 people.", "Harbour Times"),
    one_paragraph_doc("post", "Zentrix sells drone cameras.", "Velmar Post"),
)


def test_one_publisher_named_narrows_to_its_documents() -> None:
    found = attributed("How many people does Zentrix employ, according to Radio One?", _PRESS)
    assert found is not None and found.doc_ids == {"radio"}


@pytest.mark.parametrize(
    "question",
    [
        "How many does Radio One say, and how many in the Harbour Times?",
        "How many people does Radio One say Zentrix employs, and how many in the Harbour Times?",
        "How many people does Zentrix employ per the Harbour Times, and per Radio One?",
    ],
)
def test_a_question_naming_two_publishers_is_answered_from_both(question: str) -> None:
    assert attributed(question, _PRESS) is None


def test_a_common_word_ending_another_publishers_name_keeps_the_attribution() -> None:
    question = "How many people did Zentrix employ at the time, according to Radio One?"
    found = attributed(question, _PRESS)
    assert found is not None and found.doc_ids == {"radio"}


# -- 4. the topic first, then "who is she?" --------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "direct"),
    [
        ("zentrix who are they", "Who are zentrix?"),
        ("Dana Okafor - who is she?", "Who is Dana Okafor?"),
        ("The levy: what is it?", "What is the levy?"),
        ("Dana Okafor, who was she?", "Who was Dana Okafor?"),
    ],
)
def test_a_topic_then_who_or_what_is_it_asks_directly(asked: str, direct: str) -> None:
    assert direct_question(asked) == direct


@pytest.mark.parametrize(
    "text",
    [
        "Who are they?",
        "Where did she go - who is she?",  # the topic is itself a question
        "Zentrix said on Monday that it would open a second drone lab in Norvale and hire "
        "more engineers who are they",  # a long statement, no topic
    ],
)
def test_no_topic_first_leaves_the_text_unchanged(text: str) -> None:
    assert direct_question(text) == text


@pytest.mark.parametrize("text", ["and who is she?", "So who are they?"])
def test_a_conjunction_before_who_is_she_is_no_topic(text: str) -> None:
    assert direct_question(text) == text


# -- 5. "Zentrix did not respond." names a company by its first word -------------------------

_RESPONSES = one_paragraph_doc(
    "reply",
    "Drones made by Zentrix and Orbit fly far. Zentrix did not respond to a request for "
    "comment. Officials did not respond.",
)
_NO_REPLY = "Which company did not respond to the request?"


def _holds(question: str, sentence: str, entry: DocumentEntry = _RESPONSES) -> bool:
    return holds_asked(analyse(question), sentence, entry.paragraphs[0], False, catalog_of(entry))


def test_a_first_word_the_sources_only_capitalise_is_a_company() -> None:
    assert _holds(_NO_REPLY, "Zentrix did not respond to a request for comment.")
    assert not _holds(_NO_REPLY, "Officials did not respond.")


def test_a_first_word_the_sources_also_write_in_lower_case_is_no_company() -> None:
    lower = one_paragraph_doc("lower", "Drones made by zentrix fly far. Zentrix did not respond.")
    assert not _holds(_NO_REPLY, "Zentrix did not respond to a request for comment.", lower)


def test_the_company_the_question_names_does_not_answer_which_other_did_not() -> None:
    question = "Which company besides Zentrix did not respond to the request?"
    assert not _holds(question, "Zentrix did not respond to a request for comment.")
    assert _holds(question, "Orbit did not respond to a request for comment.")


def test_a_company_inside_a_longer_question_word_is_not_named_by_it() -> None:
    question = "Which company did not respond to the orbital launch request?"
    assert _holds(question, "Orbit did not respond to a request for comment.")


# -- 6. "Norvale Zentrix" is the Zentrix asked about -----------------------------------------


def test_a_longer_name_of_the_asked_company_is_no_other_company() -> None:
    question = "Which companies supply Zentrix?"
    assert not fits_question(question, "Cameras from Norvale Zentrix are cheap.")
    assert fits_question(question, "The drone maker Norvale Zentrix buys chips from Acme Robotics.")


@pytest.mark.xfail(
    strict=True,
    reason="names.named_in drops any company sharing one word with the question: 'Zentrix "
    "Robotics' shares 'Robotics' with 'Acme Robotics'",
)
def test_a_company_sharing_a_generic_word_with_the_asked_one_is_another() -> None:
    assert fits_question(
        "Which companies supply Acme Robotics?", "It buys chips from Zentrix Robotics."
    )


# -- 7. a count at "Zentrix's Norvale team" is near Norvale ----------------------------------

_TEAM = "How many people work on Zentrix's Norvale team?"
_FAR = (
    "Zentrix has grown fast, employing hundreds of workers in Velmar and Ostria, setting up "
    "offices in Harbourton and building a team in Norvale."
)


def test_a_count_far_from_the_owned_place_does_not_count_there() -> None:
    assert not holds_count(_FAR, _TEAM)
    assert not holds_count(_FAR, "How many people work at Zentrix’s Norvale office?")


def test_a_count_next_to_the_owned_place_counts_there() -> None:
    assert holds_count("Zentrix says its Norvale team of 40 people builds drone chips.", _TEAM)
    assert holds_count("Its Norvale team has 40 employees.", _TEAM)


@pytest.mark.xfail(
    strict=True,
    reason="'How many people work ...' asks for staff, and 'engineers' is no workforce word "
    "(counts.WORKFORCE), whatever the place",
)
def test_a_team_of_engineers_answers_how_many_people_work_there() -> None:
    assert holds_count("Zentrix says its Norvale team of 40 engineers builds chips.", _TEAM)


def test_a_bare_possessive_still_names_the_owned_place() -> None:
    assert not holds_count(_FAR, "How many people work at Acme Robotics' Norvale office?")


# -- 8. a list of named items says the kind listed -------------------------------------------

_NAMED = "Zentrix supplied cameras to the Velmar Games, the Harbour Cup and the Norvale Airport."
_WORD = "Zentrix supplied cameras to big events such as concerts and fairs."
_LISTS = catalog_of(one_paragraph_doc("named", _NAMED), one_paragraph_doc("word", _WORD))


def _scored(question: str) -> dict[str, tuple[float, float]]:
    """sentence -> (score, coverage); the sentence that only says the word is found first."""
    dense = {"named": 0.5, "word": 0.7}
    hits = [Hit(chunk, dense[chunk.doc_id], 0.5, 0.0) for chunk in _LISTS.chunks]
    scored = score_sentences(analyse(question), hits, _LISTS)
    return {s.sentence: (s.score, s.coverage) for s in scored}


def test_named_items_count_as_saying_the_kind_listed() -> None:
    scored = _scored("Which big events has Zentrix supplied?")
    assert scored[_NAMED][1] == pytest.approx(scored[_WORD][1])  # both say "big events"
    assert scored[_NAMED][0] > scored[_WORD][0]


def test_named_companies_get_no_credit_for_the_kind_of_company_asked() -> None:
    scored = _scored("Which American chipmakers supply Zentrix?")
    assert scored[_NAMED][1] < 0.5  # "American chipmakers" is not said
    assert scored[_NAMED][1] == pytest.approx(scored[_WORD][1])


# -- end to end over an invented corpus ------------------------------------------------------

_STORIES = {
    "zentrix.txt": """Zentrix Opens a Drone Lab in Norvale

By Pia Lund

Norvale Ledger

Zentrix makes drone cameras at a lab in the port city of Norvale.

The lab is led by engineer Dana Okafor, who joined Zentrix from Acme Robotics.

Zentrix was founded in 2009 by two students from Velmar.
""",
    "acme.txt": """Acme Robotics Hires Again

By Tomas Rivera

Velmar Post

Acme employees marched through Velmar last spring to ask for higher pay.

Acme has 4,500 employees across three plants, the company said.

The head office of Acme Robotics is in Velmar.
""",
}


@pytest.fixture(scope="module")
def query_bot(tmp_path_factory: pytest.TempPathFactory, embeddings: object) -> QABot:
    """A QABot over the invented stories, ingested into a real store in tmp_path."""
    return ingested_bot(tmp_path_factory.mktemp("queries"), _STORIES, embeddings)


def test_a_count_query_is_answered_by_the_count(query_bot: QABot) -> None:
    answer = query_bot.ask("acme employees")
    assert not answer.abstained and "4,500" in answer.answer
    assert [(c.source, c.paragraph) for c in answer.citations] == [("acme", 4)]


@pytest.mark.parametrize("query", ["acme robotics ceo", "zentrix chief executive"])
def test_a_query_for_a_ceo_the_sources_never_name_abstains(query_bot: QABot, query: str) -> None:
    assert query_bot.ask(query).abstained


def test_a_query_for_a_ceo_name_the_sources_never_give_abstains(query_bot: QABot) -> None:
    assert query_bot.ask("zentrix ceo name").abstained


def test_a_lower_case_earlier_question_names_who_she_is(query_bot: QABot) -> None:
    history = [("dana okafor who", "An engineer at Zentrix.")]
    answer = query_bot.ask("where does she work", history)
    assert "Dana Okafor" in answer.standalone_question
    assert not answer.abstained and ("zentrix", 4) in [
        (c.source, c.paragraph) for c in answer.citations
    ]


def test_and_who_is_she_still_follows_up(query_bot: QABot) -> None:
    history = [("Who leads the Zentrix lab?", "Dana Okafor.")]
    assert "Dana Okafor" in query_bot.ask("and who is she?", history).standalone_question
