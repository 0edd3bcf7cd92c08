"""Shorthand written out ("acc. to", "w/", "# of", "govt", "reax", "yr", "re:") and names cut to
their letters ("BOG", "ZX") expanded from the sources' own names; fragments opening with the
kind they ask for ("Exact date ...", "% drop in ...", "Headcount of ..."); a count "of Acme's
Norvale team" near Norvale; each part of a compound question answered; "What does X call Y?"
answered by a short name in quotes.

Unit tests on each rule (hand-built catalogs), then questions asked end to end of a small
invented corpus in a real store in tmp_path. Names and texts are invented.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.asks import COMPARES
from qa_bot.answer.compound import question_parts
from qa_bot.answer.counts import holds_count
from qa_bot.answer.fits import fits_type
from qa_bot.answer.keywords import keyword_kind
from qa_bot.answer.kinds import answer_type
from qa_bot.answer.question import analyse
from qa_bot.answer.shorthand import expand_shorthand, source_names
from qa_bot.service import QABot
from qa_bot.store.catalog import Catalog
from tests.conftest import catalog_of, ingested_bot, one_paragraph_doc


def _catalog(*texts: str) -> Catalog:
    return catalog_of(*(one_paragraph_doc(f"doc{i}", text) for i, text in enumerate(texts)))


_PLAIN = _catalog("Acme hired more staff in Norvale last spring, the company said.")

# -- 1. shorthand written out -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("acc. to Acme, how many staff?", "according to Acme, how many staff?"),
        ("Acc to Acme, how many staff?", "according to Acme, how many staff?"),
        ("Acme w/ Norvale partners?", "Acme with Norvale partners?"),
        ("Acme w/o a partner?", "Acme without a partner?"),
        ("# of staff at Acme?", "number of staff at Acme?"),
        ("What did the govt say?", "What did the government say?"),
        ("What did the gov't say?", "What did the government say?"),
        ("Norvale reax to Acme?", "Norvale reaction to Acme?"),
        ("Acme hires last yr?", "Acme hires last year?"),
        ("Acme hires in the last two yrs?", "Acme hires in the last two years?"),
        ("re: Acme hires, who said it?", "about Acme hires, who said it?"),
    ],
)
def test_general_shorthand_is_written_out(typed: str, written: str) -> None:
    assert expand_shorthand(typed, _PLAIN) == written


@pytest.mark.parametrize(
    "text",
    [
        "What did Acme's governor say?",  # "gov" of a longer word is no "govt"
        "Was the court hearing in Norvale?",  # "yr" inside no word
        "Where is the reactor Acme built?",
    ],
)
def test_words_that_merely_contain_shorthand_are_unchanged(text: str) -> None:
    assert expand_shorthand(text, _PLAIN) == text


_NAMES = _catalog(
    "Brill Optics Group bought a stake in Zentrix, the chipmaker based in Tolvanen.",
    "Watertown officials welcomed the deal.",
)


def test_the_sources_names_are_found_without_a_leading_the() -> None:
    names = source_names(_catalog("The Norvale Ledger praised Brill Optics Group."))
    assert {"Norvale Ledger", "Brill Optics Group"} <= names
    assert "The Norvale Ledger" not in names


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("What did BOG buy?", "What did Brill Optics Group buy?"),
        ("Who runs the CEO office of BOG?", "Who runs the CEO office of Brill Optics Group?"),
        ("How many staff does ZX have?", "How many staff does Zentrix have?"),
        ("Where is ZX based?", "Where is Zentrix based?"),
        ("What did WT officials say?", "What did Watertown officials say?"),
    ],
)
def test_a_name_cut_to_its_letters_is_given_in_full(typed: str, written: str) -> None:
    assert expand_shorthand(typed, _NAMES) == written


def test_three_letters_fitting_one_word_in_order_are_no_name() -> None:
    # "WTO" has W, T, O in order in "Watertown", but three letters are initials only
    assert expand_shorthand("What did the WTO say?", _NAMES) == "What did the WTO say?"


def test_capitals_the_sources_use_as_a_word_stay() -> None:
    catalog = _catalog(
        "Brill Optics Group drained a peat bog near Norvale.",
    )
    assert expand_shorthand("Where is the BOG?", catalog) == "Where is the BOG?"


@pytest.mark.parametrize("letters", ["CEO", "HQ"])
def test_a_common_abbreviation_is_no_name_cut_short(letters: str) -> None:
    # "Cora Evans Olsen" has the initials CEO; "Hanquist" has H then Q
    catalog = _catalog("Cora Evans Olsen runs Acme from Hanquist, north of Norvale.")
    question = f"Who is Acme's {letters}?"
    assert expand_shorthand(question, catalog) == question
    assert "Cora Evans Olsen" in source_names(catalog)  # the names are there to fit
    assert expand_shorthand("Where is HT?", catalog) == "Where is Hanquist?"


@pytest.mark.parametrize(
    ("question", "texts"),
    [
        ("What did BOG buy?", ("Acme hired staff in Norvale.",)),  # no name fits
        ("What did QX buy?", ("Zentrix opened a plant in Tolvanen.",)),
        (  # two names fit
            "What did BOG buy?",
            ("Brill Optics Group and Blue Ocean Gas bid for the Norvale port.",),
        ),
        ("Where is ZX based?", ("Zentrix and Zaxford both make chips.",)),
        ("Who runs HK?", ("Hokan said Acme is small.",)),  # a name under six letters
    ],
)
def test_no_name_or_several_names_fitting_leaves_the_capitals(
    question: str, texts: tuple[str, ...]
) -> None:
    assert expand_shorthand(question, _catalog(*texts)) == question


def test_an_emphasised_stopword_is_no_name_cut_short() -> None:
    catalog = _catalog("Acme sells drones to Tolvanen and to Velmar.")
    question = "Does Acme sell drones TO Velmar?"
    assert expand_shorthand(question, catalog) == question


# -- 2. a fragment opening with the kind it asks for ---------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "kind"),
    [
        ("Exact date Acme was listed on the exchange?", "date"),
        ("Exact date Acme Robotics was listed on the Velmar Stock Exchange?", "date"),
        ("Precise day Acme opened its first office in the city of Norvale?", "date"),
        ("Year Acme moved its head office from Velmar to the port of Norvale?", "year"),
        ("% drop in Acme's shares?", "percent"),
        ("Percentage of Acme's revenue that comes from drone sales in the north?", "percent"),
        ("Headcount of Acme's Norvale team?", "count"),
        ("Number of engineers Acme hired for its new plant near the Norvale harbour?", "count"),
        ("Valuation of Acme after the latest funding round led by Zentrix and others?", "money"),
    ],
)
def test_a_fragment_opening_with_its_kind_asks_for_it(fragment: str, kind: str) -> None:
    assert keyword_kind(fragment) == kind
    assert answer_type(fragment) == kind


@pytest.mark.parametrize(
    "text",
    [
        "When exactly was the date Acme was listed on the exchange set?",  # a question word
        "Exact date when Acme was listed on the exchange?",
        "What % drop in Acme's shares?",
        # a statement: longer than any fragment
        "Exact date of the move was never said by Acme or by Zentrix or by the Norvale council.",
        "Acme said the date of its listing would move to the spring of next year.",
    ],
)
def test_a_question_or_a_statement_is_no_kind_fragment(text: str) -> None:
    assert keyword_kind(text) is None


# -- 3. a count "of Acme's Norvale team" is near Norvale -----------------------------------------

_FAR = (
    "Acme employs 900 engineers at its plants, and it also runs a small design studio in the "
    "old harbour district of Norvale."
)
_NEAR = "The Norvale team has 85 engineers, the company said."


def test_a_count_of_an_owned_place_must_be_near_the_place() -> None:
    assert not holds_count(_FAR, "Headcount of Acme's Norvale team?")
    assert not holds_count(_FAR, "What is the number of engineers of Acme's Norvale team?")
    assert holds_count(_NEAR, "Headcount of Acme's Norvale team?")


def test_a_count_asked_of_no_place_is_not_held_to_one() -> None:
    assert holds_count(_FAR, "Headcount of Acme's team?")
    assert holds_count(_FAR, "Headcount of the Acme team?")


# -- 4. compound questions --------------------------------------------------------------------


def test_a_compound_question_has_two_parts() -> None:
    assert question_parts("How many staff does Acme have, and where is it listed?") == [
        "How many staff does Acme have?",
        "where is it listed?",
    ]
    assert question_parts("When and where did Acme list its shares?") == []


def test_do_the_figures_match_compares_the_sources() -> None:
    assert COMPARES.search("How many staff does Zentrix have, and do the two figures match?")
    assert COMPARES.search("Does the Ledger's count match the Post's?")
    assert not COMPARES.search("How many staff does Zentrix have?")


# -- 5. "What does X call Y?" -------------------------------------------------------------------


def _fits(question: str, sentence: str) -> bool:
    analysed = analyse(question)
    return fits_type(analysed.answer_type, sentence, analysed.text, None)


_CALL = "What does Acme call its new farm drone?"


@pytest.mark.parametrize(
    "sentence",
    [
        'Acme unveiled the "Skylark" on Monday.',
        "Acme unveiled the “Grey Skylark Two” on Monday.",
        "Acme's drone, known as the Skylark, flew on Monday.",
    ],
)
def test_a_short_name_in_quotes_names_it(sentence: str) -> None:
    assert analyse(_CALL).answer_type == "term"
    assert _fits(_CALL, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        'Mara Velde said of the drone: "this is a machine that will change how every farm is run".',
        "Mara Velde said: “we built it for farms, and farms will decide what it is worth”.",
        "Acme unveiled its new farm drone on Monday.",
    ],
)
def test_a_long_quoted_statement_names_nothing(sentence: str) -> None:
    assert not _fits(_CALL, sentence)


# -- end to end over an invented corpus ---------------------------------------------------------

_STORIES = {
    "acme.txt": """Acme Robotics Expands in Norvale

By Pia Lund

Norvale Ledger

Acme Robotics has 4,200 staff across its three plants.

Acme Robotics is listed on the Velmar Stock Exchange, where it first sold shares in 2011.

Acme Robotics was listed on the exchange on 14 March 2011, according to filings.

Acme shares fell 12% after the recall of its farm drones, traders said.

Acme employs 900 engineers at its plants, and it also runs a small design studio in the old \
harbour district of Norvale.

The Norvale team has 85 engineers, the company said.

Acme calls its new farm drone the "Skylark".

Mara Velde said of the drone: "this is a machine that will change how every farm is run".
""",
    "brill.txt": """Brill Optics Group Buys Into Zentrix

By Tomas Rivera

Velmar Post

Brill Optics Group bought a stake in Zentrix, the chipmaker based in Tolvanen.

The government of Velmar said it would review the deal.

Zentrix has 1,300 employees, a spokesperson said.

The Velmar Post counted about 1,100 people on the Zentrix payroll.

Zentrix is listed on the Tolvanen Stock Exchange.
""",
}
# paragraphs: acme 3 staff, 4 listed, 5 listing date, 6 share drop, 7 engineers (far from
# Norvale), 8 Norvale team, 9 the drone's name, 10 a quoted statement; brill 3 the stake,
# 4 the government, 5 and 6 two staff counts, 7 the Zentrix listing


@pytest.fixture(scope="module")
def shorthand_bot(tmp_path_factory: pytest.TempPathFactory, embeddings: object) -> QABot:
    """A QABot over the invented stories, ingested into a real store in tmp_path."""
    return ingested_bot(tmp_path_factory.mktemp("shorthand"), _STORIES, embeddings)


def _cited(bot: QABot, question: str) -> list[tuple[str, int]]:
    answer = bot.ask(question, [])
    assert not answer.abstained, answer.answer
    return [(c.source, c.paragraph) for c in answer.citations]


def test_a_cut_name_is_asked_in_full(shorthand_bot: QABot) -> None:
    answer = shorthand_bot.ask("How many staff does ZX have?", [])
    assert answer.standalone_question == "How many staff does Zentrix have?"
    assert [(c.source, c.paragraph) for c in answer.citations] == [("brill", 5)]
    answer = shorthand_bot.ask("What did BOG buy?", [])
    assert answer.standalone_question == "What did Brill Optics Group buy?"
    assert ("brill", 3) in [(c.source, c.paragraph) for c in answer.citations]


def test_general_shorthand_is_asked_written_out(shorthand_bot: QABot) -> None:
    answer = shorthand_bot.ask("What did Velmar's govt say re: the deal?", [])
    assert answer.standalone_question == "What did Velmar's government say about the deal?"
    assert [(c.source, c.paragraph) for c in answer.citations] == [("brill", 4)]


def test_a_long_date_fragment_is_answered_by_the_date(shorthand_bot: QABot) -> None:
    cited = _cited(
        shorthand_bot, "Exact date Acme Robotics was listed on the Velmar Stock Exchange?"
    )
    assert cited == [("acme", 5)]


def test_a_percent_fragment_is_answered_by_the_percent(shorthand_bot: QABot) -> None:
    assert _cited(shorthand_bot, "% drop in Acme's shares?") == [("acme", 6)]


def test_a_headcount_of_an_owned_place_is_the_count_there(shorthand_bot: QABot) -> None:
    # not the 900 engineers far from "Norvale" in paragraph 7
    assert _cited(shorthand_bot, "Headcount of Acme's Norvale engineers?") == [("acme", 8)]


def test_each_part_of_a_compound_question_is_answered(shorthand_bot: QABot) -> None:
    cited = _cited(shorthand_bot, "How many staff does Acme have, and where is it listed?")
    assert ("acme", 3) in cited  # the staff
    assert ("acme", 4) in cited  # the listing: "it" read as Acme


def test_the_later_part_reads_it_from_the_first(shorthand_bot: QABot) -> None:
    cited = _cited(shorthand_bot, "How many staff does Zentrix have, and where is it listed?")
    assert cited == [("brill", 5), ("brill", 7)]  # not Acme's listing (acme 4)


@pytest.mark.parametrize(
    "question",
    [
        "Who is Acme's finance chief, and where is it listed?",
        # the second part alone is answered (acme 8): no leader, no answer
        "Who leads the Norvale team, and how many engineers does the Norvale team have?",
    ],
)
def test_an_unanswerable_first_part_abstains(shorthand_bot: QABot, question: str) -> None:
    answer = shorthand_bot.ask(question, [])
    assert answer.abstained and answer.citations == []


def test_a_comparing_question_is_answered_as_a_whole(shorthand_bot: QABot) -> None:
    question = "How many staff does Zentrix have, and do the two figures match?"
    assert _cited(shorthand_bot, question) == [("brill", 5), ("brill", 6)]


def test_what_x_calls_y_is_answered_by_the_name(shorthand_bot: QABot) -> None:
    assert _cited(shorthand_bot, "What does Acme call its new farm drone?") == [("acme", 9)]
