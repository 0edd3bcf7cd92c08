"""Yes/no questions quoting a figure ("Wasn't Acme worth $10 billion?"), requests by a noun
("Tell me the year Acme was founded."), "Summarise / describe what ..." frames, the dummy "it"
of "Is it true he ...", "how big a part of X", companies asked for by their country
("Which American chipmakers ...?") and "Acme CEO - name?" fragments.

Unit tests on each rule (hand-built catalogs), then questions asked end to end of a small
invented corpus in a real store in tmp_path. Names and texts are invented.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.checks import checked_figure_terms, checked_kind, without_checked_figures
from qa_bot.answer.described import asked_countries, countries_of_companies
from qa_bot.answer.extractive import score_sentences
from qa_bot.answer.followup import resolve
from qa_bot.answer.holds import holds_asked
from qa_bot.answer.indirect import _base_form, direct_question
from qa_bot.answer.keywords import keyword_kind
from qa_bot.answer.kinds import answer_type, asked_role
from qa_bot.answer.question import analyse
from qa_bot.models import Paragraph
from qa_bot.retrieval.hybrid import Hit
from qa_bot.service import QABot
from qa_bot.store.catalog import Catalog, DocumentEntry
from tests.conftest import catalog_of, fits_question, ingested_bot, one_paragraph_doc

# -- 1. a yes/no question quoting a figure asks for the sources' figure ----------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Wasn't Acme worth $10 billion?", "money"),
        ("Was Acme worth $10 billion?", "money"),
        ("Did Zentrix raise 5 million euros?", "money"),
        ("Did Zentrix really have 40,000 staff?", "count"),
        ("Did Zentrix cut 300 jobs?", "count"),
        ("Was Acme founded in 1998?", "year"),
        ("Did Acme's share of the drone market reach 30%?", "percent"),
        ("Is Acme's stake in Zentrix 12 percent?", "percent"),
    ],
)
def test_a_yes_no_question_quoting_a_figure_asks_for_its_kind(question: str, kind: str) -> None:
    assert checked_kind(question) == kind
    assert answer_type(question) == kind
    assert analyse(question).strict  # only a sentence giving such a figure answers


@pytest.mark.parametrize(
    "text",
    [
        "What was Acme worth in 2010?",  # a wh-question asks its own kind
        "Acme was worth $10 billion.",  # a statement checks nothing
        "Is Acme worth a lot?",  # no figure quoted
        "Has Acme been in Norvale for 20 years?",  # a length of time is no figure checked
    ],
)
def test_no_yes_no_question_or_no_figure_checks_nothing(text: str) -> None:
    assert checked_kind(text) is None
    assert without_checked_figures(text) == text
    assert checked_figure_terms(text) == frozenset()


def test_the_quoted_figure_is_taken_out_of_the_question() -> None:
    question = "Wasn't Acme worth $10 billion?"
    assert "10" not in without_checked_figures(question)
    assert "Acme worth" in without_checked_figures(question)
    assert checked_figure_terms(question) == {"10", "billion"}
    assert checked_figure_terms("Did Zentrix really have 40,000 staff?") >= {"40"}
    assert "staff" not in checked_figure_terms("Did Zentrix really have 40,000 staff?")


def test_a_negated_auxiliary_is_a_question_word_not_a_term() -> None:
    assert "wasn't" not in analyse("Wasn't Acme worth $10 billion?").terms
    assert "didn't" not in analyse("Didn't Zentrix cut 300 jobs?").terms


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("Wasn't Acme worth $10 billion?", "Acme is worth $7 billion, investors said."),
        ("Wasn't Acme worth $10 billion?", "Acme is worth $10 billion, investors said."),
        ("Did Zentrix really have 40,000 staff?", "Zentrix has 40,000 staff in Norvale."),
        ("Did Zentrix really have 40,000 staff?", "Zentrix has 35,000 staff in Norvale."),
        ("Was Acme founded in 1998?", "Acme was founded in 1998 in Velmar."),
        ("Was Acme founded in 1998?", "Acme was founded in 2004 in Velmar."),
    ],
)
def test_the_sources_figure_answers_whether_or_not_it_is_the_quoted_one(
    question: str, sentence: str
) -> None:
    assert fits_question(question, sentence)


def test_a_sentence_without_a_figure_does_not_answer_the_check() -> None:
    assert not fits_question("Wasn't Acme worth $10 billion?", "Acme is a drone maker in Velmar.")


_WORTH = "Acme is now worth $7 billion, investors said."


def _missing(question: str) -> float:
    catalog = catalog_of(one_paragraph_doc("worth", _WORTH))
    hits = [Hit(chunk, score=0.5, dense=0.6, lexical=0.0) for chunk in catalog.chunks]
    [scored] = score_sentences(analyse(question), hits, catalog)
    return scored.missing


def test_a_quoted_figure_the_sources_never_say_is_not_missing() -> None:
    assert _missing("Wasn't Acme worth $10 billion?") == 0.0
    # the same words not asked as a yes/no question: "10" is a word the sources lack
    assert _missing("Acme worth $10 billion?") > 0.0


def test_a_number_in_a_model_name_is_no_quoted_figure() -> None:
    assert checked_kind("Does Acme still sell its Z320 drones?") is None
    assert answer_type("Does Acme still sell its Z320 drones?") == "other"


def test_a_checked_count_with_a_year_of_context_asks_for_the_count() -> None:
    assert checked_kind("Did Acme really have 40,000 staff in 2019?") == "count"


# -- 2. requests by a noun; "Summarise / describe / outline what ..." ------------------------


@pytest.mark.parametrize(
    ("asked", "direct"),
    [
        ("Tell me the year Acme was founded.", "What year was Acme founded?"),
        ("Please tell me the city Acme moved to.", "What city did Acme move to?"),
        (
            "Give me the exact date Zentrix opened its lab.",
            "What exact date did Zentrix open its lab?",
        ),
        ("Hi, tell me the year Acme was founded.", "What year was Acme founded?"),
        ("I need the date Acme opened.", "What date did Acme open?"),
        (
            "Name the Zentrix spokesperson who criticised the ban.",
            "Which Zentrix spokesperson criticised the ban?",
        ),
        ("Identify the official who approved the deal.", "Which official approved the deal?"),
        ("Identify the firm that bought Zentrix.", "Which firm bought Zentrix?"),
    ],
)
def test_a_request_by_a_noun_asks_what_or_which(asked: str, direct: str) -> None:
    assert direct_question(asked) == direct


def test_a_request_by_a_noun_asks_for_the_kind_its_noun_says() -> None:
    assert answer_type(direct_question("Tell me the year Acme was founded.")) == "year"
    assert answer_type(direct_question("Tell me the date Zentrix opened its lab.")) == "date"
    assert answer_type(direct_question("Get me the price Acme paid for Zentrix.")) == "money"


@pytest.mark.parametrize(
    ("asked", "direct"),
    [
        ("Summarise what Acme said about the ban.", "What did Acme say about the ban?"),
        ("Summarize what Zentrix told its staff.", "What did Zentrix tell its staff?"),
        ("Describe how Zentrix built its lab.", "How did Zentrix build its lab?"),
        ("Outline why Acme left Norvale.", "Why did Acme leave Norvale?"),
        ("Please describe where Acme builds its drones.", "Where does Acme build its drones?"),
    ],
)
def test_summarise_describe_and_outline_frame_a_question(asked: str, direct: str) -> None:
    assert direct_question(asked) == direct


@pytest.mark.parametrize(
    "text",
    [
        "Tell me about Acme.",  # no noun asked for
        "Describe the lab.",  # no embedded question
        "Name three companies that supply Acme.",  # a list, not "the ..."
    ],
)
def test_a_request_for_no_noun_is_unchanged(text: str) -> None:
    assert direct_question(text) == text


@pytest.mark.parametrize(("verb", "base"), [("added", "add"), ("planned", "plan")])
def test_added_keeps_its_double_d(verb: str, base: str) -> None:
    assert _base_form(verb) == base


def test_what_was_added_asks_what_did_add() -> None:
    asked = "Do you know what Zentrix added to its drones?"
    assert direct_question(asked) == "What did Zentrix add to its drones?"


def test_quizzed_is_quiz() -> None:
    assert _base_form("quizzed") == "quiz"


@pytest.mark.xfail(
    strict=True,
    reason="a request for a noun phrase with no clause ('the names of the Acme founders') is "
    "made 'What names of the does Acme founder?': indirect._verb_at takes 'founders' after "
    "'Acme' for a verb",
)
def test_a_request_for_a_noun_phrase_keeps_its_words() -> None:
    direct = direct_question("Tell me the names of the Acme founders.")
    assert "Acme founders" in direct and "does" not in direct


# -- 3. "Is it true he ...": the dummy "it" stands for nothing earlier -----------------------

_LEADS = [("Who leads Zentrix?", "Dana Okafor leads Zentrix.")]


@pytest.mark.parametrize(
    ("asked", "standalone"),
    [
        ("Is it true he left Acme?", "Is it true Dana Okafor left Acme?"),
        ("Is it true that she joined Acme?", "Is it true that Dana Okafor joined Acme?"),
        ("Is it possible she will quit?", "Is it possible Dana Okafor will quit?"),
        (
            "It's possible she quit, is that right?",
            "It's possible Dana Okafor quit, is that right?",
        ),
        ("Is it likely she moves to Velmar?", "Is it likely Dana Okafor moves to Velmar?"),
        ("Is it the case that she quit?", "Is it the case that Dana Okafor quit?"),
        ("Is it true its lab closed?", "Is it true Zentrix's lab closed?"),
    ],
)
def test_the_dummy_it_is_not_resolved_but_other_references_are(asked: str, standalone: str) -> None:
    assert resolve(asked, _LEADS) == standalone


@pytest.mark.parametrize(
    ("asked", "standalone"),
    [
        ("Where is it based?", "Where is Zentrix based?"),
        ("Is it big?", "Is Zentrix big?"),
        ("Is it truly the biggest drone maker?", "Is Zentrix truly the biggest drone maker?"),
    ],
)
def test_an_ordinary_it_still_takes_the_earlier_name(asked: str, standalone: str) -> None:
    assert resolve(asked, _LEADS) == standalone


def test_the_dummy_it_before_an_adverb_is_not_resolved() -> None:
    assert "Zentrix" not in resolve("Is it really true that he left Acme?", _LEADS)


# -- 4. "how big a part of X" asks for a share -----------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "How big a part of its revenue comes from Norvale?",
        "How big a share of its chips does Zentrix buy from Acme?",
        "How large a share of the market does Acme hold?",
        "How small a portion of its parts comes from Acme?",
        "How large a proportion of its staff work in Norvale?",
    ],
)
def test_how_big_a_part_of_asks_for_a_share(question: str) -> None:
    assert answer_type(question) == "percent"
    assert analyse(question).answer_type == "percent"


@pytest.mark.parametrize("question", ["How big is Acme?", "How big a factory did Acme build?"])
def test_how_big_without_a_part_of_still_asks_for_a_number(question: str) -> None:
    assert answer_type(question) == "count"


def test_a_share_in_words_answers_how_big_a_part() -> None:
    question = "How big a part of its revenue comes from Norvale?"
    assert fits_question(question, "Only a small portion of its revenue comes from Norvale.")
    assert fits_question(question, "About 30% of its revenue comes from Norvale.")
    assert not fits_question(
        question, "A small portion of its chips come from Acme."
    )  # another whole
    assert not fits_question(question, "Acme is a big company in Norvale.")


# -- 5. companies of the country asked for ---------------------------------------------------

_ZENTRIX = one_paragraph_doc(
    "zentrix",
    "The Chinese telecom giant Zentrix opened a lab in Norvale. Brill buys chips from Zentrix.",
)
_ACME = one_paragraph_doc(
    "acme",
    "Brill buys chips from Acme and other American suppliers. Brill also buys chips from Korvo.",
)
_ORBEX = one_paragraph_doc(
    "orbex", "The American chipmaker Orbex opened a plant. Brill buys chips from Orbex."
)
_CHIPS = catalog_of(_ZENTRIX, _ACME, _ORBEX)
_AMERICAN = "Which American chipmakers supply Brill?"


def _holds(question: str, sentence: str, entry: DocumentEntry, catalog: Catalog = _CHIPS) -> bool:
    return holds_asked(analyse(question), sentence, entry.paragraphs[0], False, catalog)


@pytest.mark.parametrize(
    ("question", "countries"),
    [
        ("Which American chipmakers supply Brill?", {"us"}),
        ("Which US firms sell drones to Zentrix?", {"us"}),
        ("What U.S. companies sell chips?", {"us"}),
        ("Which Chinese firms supply Acme?", {"chin"}),
        ("Which companies supply Acme?", set()),
        ("Which chipmakers supply Brill?", set()),
    ],
)
def test_the_countries_a_question_asks_companies_of(question: str, countries: set[str]) -> None:
    assert asked_countries(question) == countries


def test_the_sources_words_before_a_company_say_where_it_is_from() -> None:
    found = countries_of_companies(_CHIPS)
    assert found["zentrix"] == {"chin"}
    assert found["orbex"] == {"us"}
    assert found["acme"] == frozenset()  # "Acme and other American suppliers": after, not before


def test_a_company_the_sources_place_in_another_country_does_not_answer() -> None:
    assert not _holds(_AMERICAN, "Brill buys chips from Zentrix.", _ZENTRIX)
    assert not _holds("Which US firms supply Brill?", "Brill buys chips from Zentrix.", _ZENTRIX)


def test_a_company_the_sources_place_in_the_asked_country_answers() -> None:
    assert _holds(_AMERICAN, "Brill buys chips from Orbex.", _ORBEX)


def test_a_company_placed_nowhere_answers_in_a_sentence_naming_the_country() -> None:
    assert _holds(_AMERICAN, "Brill buys chips from Acme and other American suppliers.", _ACME)
    assert not _holds(_AMERICAN, "Brill also buys chips from Korvo.", _ACME)


def test_a_company_placed_elsewhere_stays_there_in_a_sentence_naming_the_country() -> None:
    sentence = "Brill buys chips from Zentrix and from American firms."
    assert not _holds(_AMERICAN, sentence, _ZENTRIX)


def test_a_question_naming_no_country_is_answered_by_any_company() -> None:
    for question in ("Which chipmakers supply Brill?", "Which companies supply Brill?"):
        assert _holds(question, "Brill buys chips from Zentrix.", _ZENTRIX)
        assert _holds(question, "Brill also buys chips from Korvo.", _ACME)


def test_one_company_named_answers_which_chipmakers() -> None:
    analysed = analyse("Which chipmakers supply Brill?")
    assert analysed.answer_type == "list" and analysed.strict
    assert fits_question("Which chipmakers supply Brill?", "Brill buys chips from Orbex.")
    assert not fits_question("Which chipmakers supply Brill?", "Brill buys chips from abroad.")


def test_the_pronoun_us_does_not_place_a_company_in_the_us() -> None:
    entry = one_paragraph_doc(
        "told", "Brill managers told us that Korvo ships chips. Brill buys chips from Korvo."
    )
    catalog = catalog_of(entry)
    assert countries_of_companies(catalog)["korvo"] == frozenset()
    assert not _holds(_AMERICAN, "Brill buys chips from Korvo.", entry, catalog)


def test_the_pronoun_us_is_no_sentence_naming_the_us() -> None:
    sentence = "Last year Korvo sold us chips for the vans, a Brill manager said."
    entry = one_paragraph_doc("sold", f"{sentence} American chipmakers are wary.")
    assert not _holds(_AMERICAN, sentence, entry, catalog_of(entry))


def test_a_byline_names_no_chipmaker() -> None:
    byline = Paragraph("zentrix", 2, "By Tomas Rivera", 0, 15, role="byline")
    question = analyse("Which chipmakers supply Brill?")
    assert not holds_asked(question, "By Tomas Rivera", byline, False, _CHIPS)


# -- 6. "Acme CEO - name?" asks for a person named in full -----------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "Acme CEO - name?",
        "acme ceo, full name?",
        "Zentrix founder: name?",
        "Acme CEO – full name",
        "Acme's spokesperson on the ban - name?",
    ],
)
def test_a_role_then_name_asks_for_a_person_named_in_full(query: str) -> None:
    assert keyword_kind(query) == "person"
    assert answer_type(query) == "person"
    analysed = analyse(query)
    assert analysed.named_kind and analysed.strict


def test_a_role_fragment_is_answered_by_a_full_name_only() -> None:
    assert fits_question("Acme CEO - name?", "Acme is led by chief executive Mara Velde.")
    assert not fits_question("Acme CEO - name?", "Acme named a new chief executive.")
    assert not fits_question("Acme CEO - name?", "Velde leads Acme.")
    assert not fits_question("Acme CEO - name?", "Acme buys its chips from Orbex.")  # no person


@pytest.mark.parametrize("query", ["Acme CEO - salary?", "Acme CEO - age?"])
def test_a_role_then_another_word_asks_for_no_person(query: str) -> None:
    assert keyword_kind(query) is None
    assert answer_type(query) != "person"


@pytest.mark.parametrize(
    ("query", "role"),
    [("Acme CEO - name?", "ceo"), ("Acme's spokesperson on the ban - name?", "spokesperson")],
)
def test_the_role_asked_by_a_fragment_is_the_role_word(query: str, role: str) -> None:
    assert asked_role(query) == role


# -- end to end over an invented corpus ------------------------------------------------------

_STORIES = {
    "acme.txt": """Acme Robotics Grows in Norvale

By Pia Lund

Norvale Ledger

Acme Robotics was founded in 2004 by two engineers in the port city of Norvale.

Acme is now worth $7 billion after its latest funding round, investors said.

The chief executive of Acme, Mara Velde, said the company would hire more engineers.

Only a small portion of its revenue comes from drone sales, the company said.

Acme spokesperson Ilse Brandt said the ban on drone exports would hurt sales.

Acme has 35,000 staff across its three plants.
""",
    "chips.txt": """Brill Motors Widens Its Chip Suppliers

By Tomas Rivera

Velmar Post

Brill Motors builds electric vans at a plant in Velmar.

The carmaker buys most of its chips from the Chinese telecom giant Zentrix.

It also buys chips from Orbex and other American suppliers, a Brill manager said.
""",
}


@pytest.fixture(scope="module")
def checks_bot(tmp_path_factory: pytest.TempPathFactory, embeddings: object) -> QABot:
    """A QABot over the invented stories, ingested into a real store in tmp_path."""
    return ingested_bot(tmp_path_factory.mktemp("checks"), _STORIES, embeddings)


def _cited(bot: QABot, question: str, history: list[tuple[str, str]] | None = None) -> list:
    answer = bot.ask(question, history or [])
    assert not answer.abstained, answer.answer
    return [(c.source, c.paragraph) for c in answer.citations]


def test_a_wrong_figure_checked_is_answered_by_the_sources_figure(checks_bot: QABot) -> None:
    answer = checks_bot.ask("Isn't Acme worth $10 billion?")
    assert not answer.abstained and "$7 billion" in answer.answer
    assert [(c.source, c.paragraph) for c in answer.citations] == [("acme", 4)]


def test_the_figure_checked_is_confirmed_by_the_same_figure(checks_bot: QABot) -> None:
    assert _cited(checks_bot, "Is Acme worth $7 billion?") == [("acme", 4)]


def test_a_wrong_year_checked_is_answered_by_the_sources_year(checks_bot: QABot) -> None:
    answer = checks_bot.ask("Was Acme Robotics founded in 1999?")
    assert not answer.abstained and "2004" in answer.answer


def test_a_staff_count_checked_for_a_year_is_answered_by_the_count(checks_bot: QABot) -> None:
    assert ("acme", 8) in _cited(checks_bot, "Did Acme really have 40,000 staff in 2019?")


def test_a_request_by_a_noun_is_answered_as_a_question(checks_bot: QABot) -> None:
    answer = checks_bot.ask("Tell me the year Acme Robotics was founded.")
    assert answer.standalone_question == "What year was Acme Robotics founded?"
    assert not answer.abstained and "2004" in answer.answer
    answer = checks_bot.ask("Name the Acme spokesperson who spoke about the ban.")
    assert answer.standalone_question == "Which Acme spokesperson spoke about the ban?"
    assert [(c.source, c.paragraph) for c in answer.citations] == [("acme", 7)]


def test_summarise_what_is_answered_as_a_question(checks_bot: QABot) -> None:
    answer = checks_bot.ask("Summarise what Ilse Brandt said about the ban.")
    assert answer.standalone_question == "What did Ilse Brandt say about the ban?"
    assert ("acme", 7) in [(c.source, c.paragraph) for c in answer.citations]


def test_is_it_true_keeps_its_it_after_an_earlier_name(checks_bot: QABot) -> None:
    history = [("Where does Zentrix sell chips?", "To Brill Motors.")]
    answer = checks_bot.ask("Is it true that Ilse Brandt spoke about the ban?", history)
    assert answer.standalone_question == "Is it true that Ilse Brandt spoke about the ban?"
    assert ("acme", 7) in [(c.source, c.paragraph) for c in answer.citations]


def test_how_big_a_part_is_answered_by_a_share_in_words(checks_bot: QABot) -> None:
    cited = _cited(checks_bot, "How big a part of Acme's revenue comes from drone sales?")
    assert cited == [("acme", 6)]


def test_american_chipmakers_are_answered_by_the_american_one_only(checks_bot: QABot) -> None:
    cited = _cited(checks_bot, "Which American chipmakers supply Brill Motors?")
    assert cited == [("chips", 5)]  # not Zentrix (4), nor "By Tomas Rivera" placed nowhere (2)


def test_chipmakers_of_no_country_are_answered_by_the_chinese_one(checks_bot: QABot) -> None:
    assert ("chips", 4) in _cited(checks_bot, "Which chipmakers does the carmaker buy from?")


def test_the_byline_does_not_answer_which_chipmakers(checks_bot: QABot) -> None:
    cited = _cited(checks_bot, "Which chipmakers sell chips to Brill Motors?")
    assert ("chips", 2) not in cited


def test_a_role_query_without_a_dash_names_the_ceo(checks_bot: QABot) -> None:
    answer = checks_bot.ask("acme ceo name")
    assert not answer.abstained and "Mara Velde" in answer.answer


@pytest.mark.parametrize(
    ("query", "named"),
    [("Acme CEO - name?", "Mara Velde"), ("Acme's spokesperson on the ban - name?", "Ilse Brandt")],
)
def test_a_role_fragment_names_the_role_holder(checks_bot: QABot, query: str, named: str) -> None:
    answer = checks_bot.ask(query)
    assert not answer.abstained and named in answer.answer
