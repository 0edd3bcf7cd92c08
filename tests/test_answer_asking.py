"""What a question asks and which sentences answer it: "Which countries does the Norvale Times
name ...?" names its source, "which countries" is answered by any country named, "On which stock
market ...?" asks for a place, "What share of ...?" for a percent and "What does X call Y?" for a
term, "How has X said it will respond?" names a respondent, "the largest X" needs a sentence
that ranks, a scene before the question counts for less, a comma inside quotes ends a scene,
and a headline's capitals name no companies.

Fast unit tests on invented names and texts (no store, no model): catalogs are built by hand,
so the tests pin the general rules rather than one corpus.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.asks import RESPONSE_ASKED, SUPERLATIVE
from qa_bot.answer.attribution import attributed
from qa_bot.answer.holds import holds_asked
from qa_bot.answer.kinds import answer_type, asked_role, asking_sentences
from qa_bot.answer.names import company_names, country_names
from qa_bot.answer.question import SCENE_SHARE, analyse
from qa_bot.store.catalog import Catalog
from qa_bot.text import content_terms
from tests.conftest import fits_question
from tests.test_answer_sources import _catalog, _entry


def _holds(question: str, sentence: str) -> bool:
    """Does the sentence, the only paragraph of a one-document catalog, answer the question?"""
    catalog = _catalog(_entry("doc", "Harbour Radio", [sentence]))
    paragraph = catalog.documents["doc"].paragraphs[0]
    return holds_asked(analyse(question), sentence, paragraph, False, catalog)


# -- 1. "What does <publisher> give / name / report ...?" names its source --------------------

_PUBLISHERS: Catalog = _catalog(
    _entry("times", "Norvale Times", ["Zentrix sells sensors to Peru and Chile."]),
    _entry("radio", "Harbour Radio", ["Dana Korr told Harbour Radio the Zentrix levy was unfair."]),
)


@pytest.mark.parametrize(
    ("question", "doc_id", "publisher_word"),
    [
        (
            "Which countries does the Norvale Times name as buyers of Zentrix sensors?",
            "times",
            "Times",
        ),
        ("What headcount does Harbour Radio give for the Zentrix plant?", "radio", "Radio"),
        ("What did the Norvale Times report about the Zentrix plant closure?", "times", "Times"),
        ("How many staff does Harbour Radio count at the Zentrix plant?", "radio", "Radio"),
        ("What does the Times estimate the levy costs Zentrix?", "times", "Times"),
        ("What did Harbour Radio quote Dana Korr saying about the levy?", "radio", "Radio"),
    ],
)
def test_a_publisher_asked_what_it_gives_restricts_to_its_documents(
    question: str, doc_id: str, publisher_word: str
) -> None:
    found = attributed(question, _PUBLISHERS)
    assert found is not None
    assert found.doc_ids == {doc_id}  # only that publisher's documents, not the other's
    assert publisher_word not in found.question
    assert "Zentrix" in found.question or "Korr" in found.question  # what is asked stays
    assert found.question.endswith("?")


@pytest.mark.parametrize(
    "question",
    [
        "What headcount does Reuters give for the Zentrix plant?",  # publishes nothing here
        "What did Dana Korr say about the Zentrix levy?",  # a person, not a publisher
        "What did Norvale say about the Zentrix levy?",  # a place, not "the Norvale Times"
        "Which countries does Zentrix list as sensor buyers?",  # the company, not a publisher
        "What does the Norvale Times think about the Zentrix levy?",  # no verb of reporting
    ],
)
def test_a_subject_that_is_no_reporting_publisher_is_left_in_the_question(question: str) -> None:
    assert attributed(question, _PUBLISHERS) is None


# -- 2. "Which countries ...?": any country named answers -----------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Buyers of the sensors include Peru, Chile and Norway.",
        "Zentrix sells to clients including Ecuador and Kenya.",
        "Peru buys most of the sensors.",
        "Officials from the United Arab Emirates bought the sensors.",
    ],
)
def test_a_country_named_anywhere_answers_which_countries(sentence: str) -> None:
    assert fits_question("Which countries buy Zentrix sensors?", sentence)


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Which countries buy Zentrix sensors?", "Zentrix opened an office in Norvale."),
        ("Which countries buy Zentrix sensors?", "Zentrix told us the sensors sell well."),
        ("What country hosts the Zentrix plant?", "The Zentrix plant is in the Kell valley."),
        # a country the question already names is no answer
        ("Which nations besides Norway buy Zentrix sensors?", "Zentrix sells sensors to Norway."),
    ],
)
def test_a_sentence_naming_no_new_country_does_not_answer_which_countries(
    question: str, sentence: str
) -> None:
    assert analyse(question).answer_type == "place"
    assert not fits_question(question, sentence)


@pytest.mark.parametrize(
    ("sentence", "countries"),
    [
        ("Buyers include Peru, Chile and Norway.", ["Peru", "Chile", "Norway"]),
        (
            "The US and the United Arab Emirates buy sensors.",
            ["US", "United Arab Emirates"],  # the longer name whole, not "Arab"
        ),
        ("Zentrix told us the sensors sell well.", []),  # "us", the pronoun
        ("Sensors are sold in peru and in Norvale.", []),  # lower case; no country
    ],
)
def test_country_names_are_the_capitalised_countries_of_a_sentence(
    sentence: str, countries: list[str]
) -> None:
    assert country_names(sentence) == countries


# -- 3. what kind of answer the asking words call for ------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "On which stock market do Zentrix's shares trade?",
        "Which market do Acme Robotics' shares trade on?",
    ],
)
def test_which_market_asks_for_a_place(question: str) -> None:
    assert answer_type(question) == "place"


@pytest.mark.parametrize(
    "question",
    [
        "What market share does Zentrix have?",
        "What market capitalization does Zentrix have?",
        "Which market cap did Zentrix reach?",
        "What market value did Zentrix reach?",
    ],
)
def test_market_share_or_value_is_no_place(question: str) -> None:
    assert answer_type(question) != "place"


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Who is Zentrix's largest shareholder?", "shareholder"),
        ("Who is Zentrix's owner?", "owner"),
        ("Which investor backed Zentrix?", "investor"),
        ("Which shareholders sold Zentrix stock?", "shareholders"),
    ],
)
def test_shareholders_owners_and_investors_are_people(question: str, role: str) -> None:
    assert answer_type(question) == "person"
    assert asked_role(question) == role


@pytest.mark.parametrize(
    "question",
    [
        "What share of Zentrix's sales comes from Norvale?",
        "What proportion of Zentrix's staff work in Norvale?",
        "What fraction of Zentrix's revenue comes from sensors?",
        "What portion of the Norvale budget goes to Zentrix?",
    ],
)
def test_what_share_of_asks_for_a_percent(question: str) -> None:
    assert answer_type(question) == "percent"


@pytest.mark.parametrize(
    "question", ["What was the share price?", "What was Zentrix's share price in May?"]
)
def test_a_share_price_is_still_money(question: str) -> None:
    assert answer_type(question) == "money"


@pytest.mark.parametrize(
    "question",
    [
        "What does the government officially call the camps?",
        "What is the scheme called?",
        "What are the camps known as?",
        "What do critics call the Zentrix levy?",
        "What was the scheme dubbed?",
    ],
)
def test_what_something_is_called_asks_for_a_term(question: str) -> None:
    analysed = analyse(question)
    assert analysed.answer_type == "term"
    assert analysed.strict  # a sentence giving no name for it does not answer


@pytest.mark.parametrize(
    ("question", "kind"),
    [("What is the scheme?", "definition"), ("Who called the plan a failure?", "person")],
)
def test_asking_what_it_is_or_who_called_it_is_no_term(question: str, kind: str) -> None:
    assert analyse(question).answer_type == kind


# -- 4. "How has X said it will respond?" names X ---------------------------------------------


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("How has Norvale said it will respond to the tariffs?", "Norvale"),
        ("How did Norvale respond to the tariffs?", "Norvale"),
        ("How has Norvale vowed it would react to the levy?", "Norvale"),
        ("How has Dana Korr said she will reply to the claims?", "Dana Korr"),
    ],
)
def test_how_x_said_it_will_respond_names_x_as_the_respondent(question: str, who: str) -> None:
    match = RESPONSE_ASKED.search(question)
    assert match is not None and match.group("who") == who
    assert analyse(question).responded == who


def test_how_x_said_something_else_will_happen_asks_for_no_reply() -> None:
    question = "How has Norvale said the tariffs will hurt Zentrix?"
    assert RESPONSE_ASKED.search(question) is None
    assert analyse(question).responded is None


# -- 5. "the largest X": only a sentence that ranks answers -----------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What is the largest port in Norvale?",
        "Who is one of Zentrix's biggest customers?",
        "What is the world's largest sensor maker?",
        "Who is Zentrix's top customer?",
    ],
)
def test_a_question_asking_for_the_largest_is_superlative_and_strict(question: str) -> None:
    analysed = analyse(question)
    assert analysed.superlative
    assert analysed.strict


@pytest.mark.parametrize(
    "question", ["What is a port?", "Who are Zentrix's customers?", "What does Zentrix sell?"]
)
def test_a_question_ranking_nothing_is_not_superlative(question: str) -> None:
    assert not analyse(question).superlative


def test_a_question_without_a_ranking_or_a_strict_kind_is_not_strict() -> None:
    assert not analyse("Who are Zentrix's customers?").strict


@pytest.mark.parametrize(
    ("sentence", "ranks"),
    [
        ("Norvale's largest port is Kell.", True),
        ("Acme Robotics makes the best sensors.", True),
        ("Kell is a world-leading port.", True),
        ("Norvale has a port on the coast.", False),
    ],
)
def test_a_ranking_word_is_what_a_sentence_needs(sentence: str, ranks: bool) -> None:
    assert bool(SUPERLATIVE.search(sentence)) is ranks


@pytest.mark.parametrize(
    ("question", "ranking", "not_ranking"),
    [
        (
            "Who is one of Zentrix's biggest customers?",
            "Dana Korr is one of Zentrix's biggest customers.",
            "Dana Korr buys sensors from Zentrix.",
        ),
        (
            "Which company is Zentrix's largest customer?",
            "Brill Instruments is Zentrix's largest customer.",
            "Brill Instruments buys sensors from Zentrix.",
        ),
    ],
)
def test_a_superlative_question_is_answered_only_by_a_sentence_that_ranks(
    question: str, ranking: str, not_ranking: str
) -> None:
    assert _holds(question, ranking)
    assert not _holds(question, not_ranking)


@pytest.mark.parametrize(
    ("sentence", "answers"),
    [("Norvale's largest port is Kell.", True), ("Norvale has a port on the coast.", False)],
)
def test_norvales_largest_port_needs_a_sentence_that_ranks(sentence: str, answers: bool) -> None:
    assert _holds("What is Norvale's largest port?", sentence) is answers


def test_the_largest_port_is_answered_by_a_sentence_that_names_it() -> None:
    assert _holds("What is the largest port in Norvale?", "Norvale's largest port is Kell.")


@pytest.mark.parametrize(
    "sentence", ["Kell is Norvale's busiest port.", "Dana Korr is Zentrix's wealthiest customer."]
)
def test_any_superlative_in_est_ranks(sentence: str) -> None:
    assert SUPERLATIVE.search(sentence)


# -- 6. "What does X call Y?": a sentence giving a name for it ---------------------------------

_CALL_QUESTION = "What does the government officially call the camps?"


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials call them vocational training centres.",
        "The camps are known as training centres.",
        "Critics dubbed the camps re-education centres.",
        "The so-called training centres hold thousands.",
        'Officials describe the camps as "schools".',
        "The sites are officially called learning centres.",
    ],
)
def test_a_sentence_giving_a_name_answers_what_it_is_called(sentence: str) -> None:
    assert fits_question(_CALL_QUESTION, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The camps hold thousands of people.",
        "The government built the camps in 2017.",
        "Dana Korr said the camps were closed.",
    ],
)
def test_a_sentence_giving_no_name_does_not_answer_what_it_is_called(sentence: str) -> None:
    assert not fits_question(_CALL_QUESTION, sentence)


# -- 7. the scene before a question counts for less -------------------------------------------


def test_words_only_in_the_scene_statement_count_half() -> None:
    question = analyse("Dana Korr said sales fell. Why did Zentrix close the plant?")
    scene = set(content_terms("Dana Korr said sales fell."))
    asking = set(content_terms("Why did Zentrix close the plant?"))
    assert {"dana", "korr", "sale", "fell"} <= scene  # the stems the question really has
    for term in scene - asking:
        assert question.shares[term] == SCENE_SHARE == 0.5
    for term in asking:
        assert question.shares.get(term, 1.0) == 1.0


def test_a_word_of_both_scene_and_question_counts_in_full() -> None:
    question = analyse("Zentrix closed the plant. Why did Zentrix close it?")
    assert question.shares.get("zentrix", 1.0) == 1.0
    assert question.shares["plant"] == SCENE_SHARE


def test_a_one_sentence_question_has_no_scene() -> None:
    question = analyse("Why did Zentrix close the plant after sales fell?")
    assert {"zentrix", "plant", "sale", "fell"} <= set(question.terms)
    assert all(question.shares.get(term, 1.0) == 1.0 for term in question.terms)


# -- 8. a scene clause ends at a comma inside closing quotes ----------------------------------


@pytest.mark.parametrize(
    "question",
    [
        'When Korr said "for the record," what had Zentrix claimed?',
        "When Korr said 'for the record,' what had Zentrix claimed?",
        "When Korr said “for the record,” what had Zentrix claimed?",
    ],
)
def test_a_scene_ending_in_a_quoted_comma_does_not_ask_when(question: str) -> None:
    assert asking_sentences(question) == ["what had Zentrix claimed?"]
    assert answer_type(question) != "time"


def test_when_did_someone_say_a_quote_asks_when() -> None:
    question = 'When did Korr say "for the record"?'
    assert asking_sentences(question) == [question]
    assert answer_type(question) == "time"


# -- 9. a headline's capitals name no companies -----------------------------------------------


@pytest.mark.parametrize(
    "headline",
    [
        "Norvale May Ban Zentrix Sensors, Paper Reports",
        'Zentrix Wins Norvale Contract, Says "Big Day"',
    ],
)
def test_a_headline_without_a_full_stop_names_no_companies(headline: str) -> None:
    assert company_names(headline) == []


@pytest.mark.parametrize(
    ("sentence", "companies"),
    [
        (
            "Suppliers include Brill Instruments, Acme Robotics and Kestrel Optics.",
            ["Brill Instruments", "Acme Robotics", "Kestrel Optics"],
        ),
        (
            "Buyers are Acme Robotics, Kestrel Optics and Brill Instruments!",
            ["Acme Robotics", "Kestrel Optics", "Brill Instruments"],
        ),
        # a name that starts like a country but ends unlike its adjective is a company
        (
            "Suppliers include Norwave, Acme Robotics and Perutech.",
            ["Norwave", "Acme Robotics", "Perutech"],
        ),
        ("Chinese suppliers and Canadian firms sell to Acme Robotics.", ["Acme Robotics"]),
    ],
)
def test_a_sentence_listing_companies_names_them(sentence: str, companies: list[str]) -> None:
    assert company_names(sentence) == companies
