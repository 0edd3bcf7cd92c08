"""Kinds of answer and whose words answer: money questions, "which city" / "which official",
"What did X say", transcript speakers described instead of named, and quotations kept whole.

Fast unit tests: paragraphs and catalogs are built by hand (no store, no model). Names and
texts are invented where possible, so the tests pin the general rule rather than one corpus.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.extractive import Scored
from qa_bot.answer.fits import fits_type
from qa_bot.answer.kinds import STRICT_TYPES
from qa_bot.answer.lexicon import countries
from qa_bot.answer.question import analyse
from qa_bot.answer.quotes import with_continuations
from qa_bot.answer.sayings import attributes
from qa_bot.answer.turns import described_speakers, gives_words_of, leads_to, split_sentences
from qa_bot.coref import speaker_description
from qa_bot.models import Chunk, DocumentKind, DocumentMeta, Paragraph, ParagraphRole
from qa_bot.retrieval.hybrid import Hit
from qa_bot.store.catalog import Catalog, DocumentEntry


def _paragraph(
    text: str, number: int = 1, doc_id: str = "doc", speaker: str | None = None
) -> Paragraph:
    role: ParagraphRole = "turn" if speaker else "body"
    return Paragraph(doc_id, number, text, 0, len(text), role, speaker)


def _turns(doc_id: str, turns: list[tuple[str, str]]) -> tuple[Paragraph, ...]:
    """Transcript turns ``(SPEAKER, text)`` numbered from 1, each written "SPEAKER: text"."""
    return tuple(
        _paragraph(f"{speaker}: {text}", i + 1, doc_id, speaker)
        for i, (speaker, text) in enumerate(turns)
    )


def _catalog(paragraphs: tuple[Paragraph, ...], kind: DocumentKind = "article") -> Catalog:
    doc_id = paragraphs[0].doc_id
    meta = DocumentMeta(doc_id, f"{doc_id}.txt", "Title", None, (), None, kind, "0" * 64)
    chunks = tuple(
        Chunk(f"{doc_id}:{p.number}", doc_id, p.number, p.number, p.text, p.text)
        for p in paragraphs
    )
    return Catalog("model", {doc_id: DocumentEntry(meta, paragraphs, chunks)})


def _hits(catalog: Catalog) -> list[Hit]:
    return [Hit(chunk, 0.5, 0.5, 0.0) for chunk in catalog.chunks]


def _scored(paragraph: Paragraph, sentence: str, position: int = 0) -> Scored:
    return Scored(paragraph, sentence, 0.6, 0.5, 0.5, position)


# -- 1. the question: money, named kinds, whose words --------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "How much did the Norvale council spend on the new bridge?",
        "How much did the stadium cost?",
        "How much did Zentrix pay for the startup?",
        "How much did the firm invest in research?",
        "What is Brightwell Foods worth?",
        "The harbour company was valued at what?",
        "What value of the merger did the papers report?",
        "What was Brightwell's share price on Monday?",
    ],
)
def test_an_amount_of_money_is_asked_by_spend_cost_pay_worth_value_or_price(
    question: str,
) -> None:
    asked = analyse(question)
    assert asked.answer_type == "money"
    assert asked.strict


def test_how_much_without_a_money_word_is_a_count_and_money_is_strict() -> None:
    assert "money" in STRICT_TYPES
    assert analyse("How much data has it collected?").answer_type == "count"
    # A degree ("how much has it grown") need not be a number: "it tripled".
    assert analyse("How much has the town's population grown?").answer_type == "other"


@pytest.mark.parametrize(
    ("question", "kind", "named"),
    [
        ("Which city did the mayor of Lisbon visit first?", "place", True),
        ("Which town hosts the harvest fair?", "place", True),
        ("Which Canadian city hosts the new plant?", "place", True),
        ("Which official announced the export rules?", "person", True),
        ("Which secretary signed the order?", "person", True),
        ("Which Zentrix executive resigned?", "person", True),
        ("Which region was flooded?", "place", False),
        ("Which countries joined the pact?", "place", False),
    ],
)
def test_naming_the_kind_of_answer_makes_a_city_or_an_official_question_strict(
    question: str, kind: str, named: bool
) -> None:
    asked = analyse(question)
    assert asked.answer_type == kind
    assert asked.named_kind is named
    assert asked.strict is named  # "which region" is too vague to refuse every sentence


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("What did Robert Lighthizer say about the tariffs?", "Robert Lighthizer"),
        ("What did Dana Okafor tell the union?", "Dana Okafor"),
        ("What does Moreau think of the ruling?", "Moreau"),
    ],
)
def test_what_did_x_say_asks_for_the_words_of_a_named_speaker(question: str, who: str) -> None:
    asked = analyse(question)
    assert asked.quoted == who
    assert asked.strict


@pytest.mark.parametrize(
    "question",
    ["What did the administration say about the tariffs?", "What did officials say?"],
)
def test_what_did_they_say_without_a_name_quotes_nobody(question: str) -> None:
    asked = analyse(question)
    assert asked.quoted is None
    assert not asked.strict


# -- 2. what a sentence holds --------------------------------------------------------------


def test_a_money_answer_holds_a_currency_or_an_amount_the_question_does_not() -> None:
    question = "How much did the Norvale council spend on the bridge?"
    assert fits_type("money", "The council spent $7 billion on it.", question)
    assert fits_type("money", "It cost 40 million euros in the end.", question)
    assert fits_type("money", "The bill came to 3.2bn yuan.", question)
    assert not fits_type("money", "Hundreds of workers built the bridge.", question)
    assert not fits_type("money", "The bridge took seven years to build.", question)
    already = "How much of the $7 billion budget did they spend?"
    assert not fits_type("money", "They had a $7 billion budget.", already)
    assert fits_type("money", "They spent $2 billion of it.", already)


def test_which_canadian_city_is_not_answered_by_canada_or_another_country() -> None:
    question = "Which Canadian city hosts the new plant?"
    assert {"canada", "germany"} <= countries()
    assert not fits_type("place", "The plant is in Canada.", question)  # "Canadian" asked
    assert not fits_type("place", "The plant is in Germany.", question)
    assert not fits_type("place", "It is based in the United States.", question)
    assert fits_type("place", "The plant opened in Montreal last year.", question)
    # Without "city" or "town" a country is an answer ("which region").
    assert fits_type("place", "It is based in Germany.", "Which region hosts the plant?")


def test_us_with_and_without_dots_is_one_name() -> None:
    assert not fits_type("place", "The firm is in the US.", "Which U.S. city hosts it?")
    assert not fits_type("place", "The firm is in the U.S.", "Which US city hosts it?")
    assert fits_type("place", "The firm is hosted in Denver.", "Which U.S. city hosts it?")


@pytest.mark.parametrize(
    "sentence",
    [
        "The rules came from the Commerce Department.",
        "The rules came from the Harbour Authority Office.",
        "The rules were drafted by the NTIA.",
        "The rules were drafted in Germany.",
        "The rules name Zentrix's chips.",
    ],
)
def test_an_agency_an_acronym_a_country_or_a_possessive_is_no_officials_name(
    sentence: str,
) -> None:
    assert not fits_type("person", sentence, "Which official announced the export rules?")


@pytest.mark.parametrize(
    "sentence",
    [
        "They were announced by Secretary of State Mike Pompeo.",
        "It was announced by the trade minister Dana Okafor.",
    ],
)
def test_a_persons_name_answers_which_official(sentence: str) -> None:
    assert fits_type("person", sentence, "Which official announced the export rules?")
    assert fits_type("person", sentence, "Which secretary announced the export rules?")


def test_the_official_the_question_already_names_is_no_answer() -> None:
    question = "Which official besides Dana Okafor spoke?"
    assert not fits_type("person", "The rules were read by Dana Okafor.", question)
    assert fits_type("person", "The rules were read by Ines Moreau.", question)


def test_a_quote_or_a_verb_of_saying_gives_a_speakers_words_a_caption_does_not() -> None:
    assert attributes("Jessica Batke", '"This is a signal," said Jessica Batke.')
    assert attributes("Jessica Batke", "Batke told reporters the ban was coming.")
    assert attributes("Ines Moreau", "Moreau's union warned of strikes.")
    caption = "Robert Lighthizer, the US trade representative, leaves a lunch."
    assert not attributes("Robert Lighthizer", caption)
    assert not attributes("Ines Moreau", "Carl Dietz said the ruling was wrong.")


# -- 3. who a transcript speaker is ----------------------------------------------------------


def test_a_speaker_is_described_by_the_capitalised_words_before_the_name() -> None:
    text = "I spoke to Human Rights Watch - Maya Wang about it."
    assert speaker_description("MAYA WANG", [text]) == {"Human", "Rights", "Watch"}
    assert speaker_description("TOMAS RIVERA", ["I called Harbor Trust's Tomas Rivera."]) == {
        "Harbor",
        "Trust",
    }
    assert speaker_description("TOMAS RIVERA", ["Nobody by that name spoke."]) == set()
    assert speaker_description("TOMAS RIVERA", ["Tomas Rivera opened the show."]) == set()


def test_the_catalog_maps_each_speaker_to_stemmed_description_terms() -> None:
    paragraphs = _turns(
        "show",
        [
            ("HOST", "I spoke to Harbor Trust - Tomas Rivera about the strike."),
            ("TOMAS RIVERA", "The workers have a case."),
            ("HOST", "Thanks."),
        ],
    )
    terms = _catalog(paragraphs, "transcript").speaker_terms("show")
    assert terms == {"HOST": frozenset(), "TOMAS RIVERA": frozenset({"harbor", "trust"})}


# -- 4. turns: replies, introductions and described speakers --------------------------------

_SHOW = _turns(
    "show",
    [
        ("HOST", "Good morning. I spoke to Harbor Trust - Tomas Rivera about the strike."),
        ("HOST", "The talks broke down, and here's what Tomas Rivera said."),
        ("TOMAS RIVERA", "The workers have a case."),
        ("HOST", "Did the ministry respond?"),
        ("DANA OKAFOR", "Not yet. We are waiting for the minister."),
        ("HOST", "Thank you for joining us."),
    ],
)


def test_a_question_or_an_introduction_by_name_leads_to_the_next_turn() -> None:
    _, introduces, rivera, asks, okafor, thanks = _SHOW
    assert leads_to(introduces, rivera)
    assert leads_to(asks, okafor)
    assert not leads_to(rivera, asks)  # names nobody, asks nothing
    assert not leads_to(okafor, thanks)
    assert not leads_to(thanks, rivera)  # Rivera is not named in it


def test_article_paragraphs_lead_nowhere() -> None:
    asks = _paragraph("Will the ministry respond?", 1)
    reply = _paragraph("It did not.", 2)
    assert not leads_to(asks, reply)
    assert not leads_to(_SHOW[3], reply)  # a reply must itself be a turn


def test_a_question_describing_a_speaker_finds_them_unless_it_names_one() -> None:
    catalog = _catalog(_SHOW, "transcript")
    hits = _hits(catalog)
    described = analyse("How did the Harbor Trust analyst react to the strike?")
    assert described_speakers(described, hits, catalog) == {"TOMAS RIVERA"}
    named = analyse("What did Dana Okafor say about the Harbor Trust view?")
    assert described_speakers(named, hits, catalog) == set()
    unrelated = analyse("How did the minister react to the strike?")
    assert described_speakers(unrelated, hits, catalog) == set()


def test_a_human_rights_watch_researcher_is_the_speaker_introduced_with_it() -> None:
    paragraphs = _turns(
        "npr",
        [
            ("HOST", "I spoke to Human Rights Watch - Maya Wang about it."),
            ("MAYA WANG", "The ban is overdue."),
        ],
    )
    catalog = _catalog(paragraphs, "transcript")
    question = analyse("How did the Human Rights Watch researcher react?")
    assert described_speakers(question, _hits(catalog), catalog) == {"MAYA WANG"}


_QUOTED = (
    '"Prices will rise," said Ines Moreau, the union leader. "Nobody is ready for it." '
    "The ministry declined to comment."
)


def test_a_quotation_in_a_paragraph_that_attributes_it_gives_the_speakers_words() -> None:
    paragraph = _paragraph(_QUOTED)
    attributed, continued, comment = split_sentences(_QUOTED)
    assert gives_words_of("Ines Moreau", attributed, paragraph)
    assert gives_words_of("Ines Moreau", continued, paragraph)
    assert not gives_words_of("Ines Moreau", comment, paragraph)  # no quotation
    assert not gives_words_of("Carl Dietz", continued, paragraph)  # not his paragraph


# -- 5. quotations kept whole ----------------------------------------------------------------


def test_an_attributed_quotation_goes_on_in_the_next_quoted_sentence() -> None:
    text = (
        ' "Taking this step would be a signal," said Jessica Batke, a former official. '
        '"At the same time, however, the trade war undercuts it." Others disagreed.'
    )
    paragraph = _paragraph(text.strip(), 4)
    catalog = _catalog((paragraph,))
    first, second, _ = split_sentences(paragraph.text)
    result = with_continuations([_scored(paragraph, first)], catalog)
    assert [(r.sentence, r.position, r.paragraph) for r in result] == [
        (first, 0, paragraph),
        (second, 1, paragraph),
    ]


def test_a_sentence_without_attribution_is_not_continued() -> None:
    paragraph = _paragraph('Workers gathered outside the plant. "We are not leaving."')
    catalog = _catalog((paragraph,))
    first, _ = split_sentences(paragraph.text)
    assert with_continuations([_scored(paragraph, first)], catalog) == [_scored(paragraph, first)]


def test_a_turn_cut_off_with_dots_goes_on_in_the_next_paragraph() -> None:
    cut, goes_on, other = _turns(
        "radio",
        [
            ("DANA OKAFOR", "The plant will close, and the workers..."),
            ("DANA OKAFOR", "...will have to move. Nobody knows where."),
            ("HOST", "Thank you."),
        ],
    )
    catalog = _catalog((cut, goes_on, other), "transcript")
    result = with_continuations([_scored(cut, cut.text)], catalog)
    assert [(r.sentence, r.paragraph, r.position) for r in result] == [
        (cut.text, cut, 0),
        ("DANA OKAFOR: ...will have to move.", goes_on, 0),
    ]
    not_cut = with_continuations([_scored(goes_on, "Nobody knows where.", 1)], catalog)
    assert len(not_cut) == 1  # ends with a full stop: nothing follows


def test_dots_not_taken_up_by_the_next_paragraph_are_not_continued() -> None:
    cut, thanks = _turns(
        "radio", [("DANA OKAFOR", "We will see..."), ("HOST", "Thank you, Dana Okafor.")]
    )
    catalog = _catalog((cut, thanks), "transcript")
    assert len(with_continuations([_scored(cut, cut.text)], catalog)) == 1


# -- cases the first version of these rules got wrong ----------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Why do critics think the deal is worth the risk?", "reason"),
        ("When was the firm valued at $2 billion?", "time"),
    ],
)
def test_worth_in_a_why_or_when_question_does_not_ask_for_money(question: str, kind: str) -> None:
    assert analyse(question).answer_type == kind


def test_millions_of_people_is_no_amount_of_money() -> None:
    assert not fits_type("money", "Millions of people cross the bridge.", "What did it cost?")


@pytest.mark.parametrize(
    "sentence",
    [
        "The rules came from the Commerce Department on Friday.",
        "The rules came from the Ministry of Trade.",
    ],
)
def test_a_weekday_or_an_agency_of_something_is_no_officials_name(sentence: str) -> None:
    assert not fits_type("person", sentence, "Which official announced the export rules?")


def test_a_surname_inside_another_word_is_not_the_speaker() -> None:
    assert not attributes("Ann Lee", '"We will go," said officials in Leeds.')


def test_a_speaker_label_with_an_apostrophe_matches_the_name_as_written() -> None:
    text = "I spoke to Harbor Trust's Mary O'Neil about it."
    assert speaker_description("MARY O'NEIL", [text]) == {"Harbor", "Trust"}


def test_the_next_quotation_of_another_speaker_is_no_continuation() -> None:
    text = '"We will appeal," said Ines Moreau. "The ruling is right," said Carl Dietz.'
    paragraph = _paragraph(text)
    first, _ = split_sentences(text)
    assert len(with_continuations([_scored(paragraph, first)], _catalog((paragraph,)))) == 1


def test_a_continuation_that_was_chosen_anyway_is_not_quoted_twice() -> None:
    paragraph = _paragraph(_QUOTED)
    first, second, _ = split_sentences(_QUOTED)
    chosen = [_scored(paragraph, first), _scored(paragraph, second, 1)]
    result = with_continuations(chosen, _catalog((paragraph,)))
    assert [r.sentence for r in result] == [first, second]


def test_a_sentence_before_the_dots_is_quoted_through_to_the_next_paragraph() -> None:
    cut, goes_on = _turns(
        "radio",
        [
            ("DANA OKAFOR", "This brings several worries together. It's all here - the..."),
            ("DANA OKAFOR", "...rents, the wages, the floods. So it goes."),
        ],
    )
    catalog = _catalog((cut, goes_on), "transcript")
    first = split_sentences(cut.text)[0]
    result = with_continuations([_scored(cut, first)], catalog)
    assert [r.sentence for r in result] == [
        first,
        "It's all here - the...",
        "DANA OKAFOR: ...rents, the wages, the floods.",
    ]


def test_another_speakers_dots_are_no_continuation() -> None:
    cut, other = _turns(
        "radio", [("DANA OKAFOR", "The plant will close and..."), ("HOST", "...and then?")]
    )
    catalog = _catalog((cut, other), "transcript")
    assert len(with_continuations([_scored(cut, cut.text)], catalog)) == 1
