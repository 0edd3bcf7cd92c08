"""What a question asks: companies by name, who holds a post, a name in full, money, counts and
shares said in words, a headline's "May", "where'd", a source named by its medium, a byline.

Unit tests on each rule (hand-built catalogs), then questions asked end to end of a small
invented corpus in a real store in tmp_path. Names and texts are invented.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.attribution import attributed
from qa_bot.answer.counts import holds_count
from qa_bot.answer.extractive import score_sentences
from qa_bot.answer.kinds import COMPANY_NAMED
from qa_bot.answer.names import CALENDAR, company_names, person_names
from qa_bot.answer.question import FRAMING_WORDS, analyse, clean_question
from qa_bot.chunking import chunk_document
from qa_bot.models import Document, DocumentMeta, Paragraph
from qa_bot.retrieval.hybrid import Hit
from qa_bot.service import QABot
from qa_bot.store.catalog import DocumentEntry
from qa_bot.text import stem
from tests.conftest import catalog_of, fits_question, ingested_bot, one_paragraph_doc

# -- 1. companies are asked for by name; a modal is no modifier ------------------------------


@pytest.mark.parametrize(
    "question", ["Which US chip companies supply Zentrix?", "Which firm makes the Zentrix chips?"]
)
def test_which_companies_asks_for_names_and_is_strict(question: str) -> None:
    analysed = analyse(question)
    assert analysed.answer_type == "name" and analysed.strict


def test_a_modal_after_what_is_no_modifier_of_the_noun() -> None:
    assert COMPANY_NAMED.search("what would American suppliers need to sell to Zentrix?") is None
    assert COMPANY_NAMED.search("Which American suppliers sell to Zentrix?") is not None
    assert analyse("What would American companies need to win orders?").answer_type != "name"
    assert analyse("What might make people leave Zentrix?").answer_type != "person"


# -- 2. a speaker label or a hyphenated description is no company ----------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "DANA: We buy our chips from Acme Robotics.",
        "DANA OKAFOR: We buy our chips from Acme Robotics.",
        "It sells AI-enabled cameras to Acme Robotics.",
        "Zentrix works with US-based partners like Acme Robotics.",
    ],
)
def test_company_names_skip_speaker_labels_and_descriptions(sentence: str) -> None:
    assert company_names(sentence) == ["Acme Robotics"]


def test_a_sentence_naming_no_company_does_not_answer_which_companies() -> None:
    question = "Which companies supply Zentrix?"
    assert not fits_question(question, "DANA: We make the drones ourselves.")
    assert not fits_question(question, "It buys AI-enabled sensors abroad.")
    assert fits_question(question, "It buys sensors from Acme Robotics.")


# -- 3. who holds a post is not whoever speaks of it -----------------------------------------


@pytest.mark.parametrize("question", ["Who runs Zentrix?", "Who founded Zentrix?"])
def test_a_speakers_turn_naming_no_one_does_not_say_who_leads(question: str) -> None:
    assert not fits_question(question, "We have grown a lot this year.", speaker="Tomas Rivera")
    assert fits_question(
        question, "It is run by chief executive Ines Moreau.", speaker="Tomas Rivera"
    )


@pytest.mark.xfail(strict=True, reason="person_names reads 'the Norvale plant' as a person")
def test_a_speakers_turn_naming_only_a_place_does_not_say_who_runs_it() -> None:
    said = "Zentrix runs the Norvale plant day and night."
    assert not fits_question("Who runs Zentrix?", said, speaker="Lena Marsh")


def test_a_speakers_turn_still_says_who_interviewed_or_who_said_it() -> None:
    assert fits_question(
        "Who interviewed Dana Okafor?", "Good morning, welcome.", speaker="Tomas Rivera"
    )
    assert fits_question(
        "Who said Zentrix was growing?", "We have grown a lot.", speaker="Tomas Rivera"
    )


# -- 4. "what was his name?" asks for a name in full -----------------------------------------


def test_what_was_his_name_needs_a_full_name_the_question_does_not_hold() -> None:
    question = "The official who spoke, what was his name?"
    analysed = analyse(question)
    assert analysed.answer_type == "person" and analysed.named_kind
    assert fits_question(question, "The speech was given by Tomas Rivera.")
    assert not fits_question(question, "The speech was given by Rivera.")
    met = "The official who met Dana Okafor, what was his full name?"
    assert not fits_question(met, "The talks were held with Dana Okafor.")
    assert fits_question(met, "The talks with Dana Okafor were led by Tomas Rivera.")


def test_what_was_her_name_without_who_still_needs_a_full_name() -> None:
    question = "The analyst quoted in the story, what was her name?"
    assert analyse(question).named_kind
    assert not fits_question(question, "The remark came from Rivera.")


# -- 5. money and count kinds ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What annual revenue did Zentrix report?", "money"),
        ("What yearly profit did Acme Robotics make?", "money"),
        ("Any idea what Zentrix's worth?", "money"),
        ("Do you know what it's worth now?", "money"),
        ("What size of workforce does Zentrix have?", "count"),
    ],
)
def test_what_revenue_or_worth_asks_money_and_what_size_a_number(question: str, kind: str) -> None:
    analysed = analyse(question)
    assert analysed.answer_type == kind and analysed.strict


def test_what_annual_revenue_is_answered_by_an_amount() -> None:
    question = "What annual revenue did Zentrix report?"
    assert fits_question(question, "Zentrix reported revenue of $3 billion last year.")
    assert not fits_question(question, "Zentrix reported strong revenue growth.")


# -- 6. a share said in words ----------------------------------------------------------------


@pytest.mark.parametrize("asks", ["share", "proportion"])
def test_what_share_of_its_parts_is_answered_in_words_about_its_parts(asks: str) -> None:
    question = f"What {asks} of Zentrix's parts comes from Canada?"
    assert analyse(question).answer_type == "percent"
    assert fits_question(question, "A small portion of its parts comes from Canada.")
    assert fits_question(question, "The majority of its parts come from Canada.")
    assert not fits_question(question, "A small portion of its sales comes from Canada.")
    assert fits_question(
        question, "About 12% of them come from Canada."
    )  # a plain percentage still


def test_most_of_its_parts_says_a_share_in_words() -> None:
    assert fits_question(
        "What share of Zentrix's parts comes from Canada?", "Most of its parts do."
    )


# -- 7. the size of a workforce --------------------------------------------------------------


def test_the_size_of_a_workforce_is_a_number_of_employees() -> None:
    question = "What is the size of Zentrix's workforce?"
    assert holds_count("It has 12,000 employees.", question)
    assert fits_question(question, "It has 12,000 employees.")
    assert fits_question(question, "Some 12,000 staff work there.")


def test_the_size_of_a_workforce_is_not_a_number_of_customers() -> None:
    question = "What is the size of Zentrix's workforce?"
    assert not holds_count("Zentrix has 12,000 customers.", question)


# -- 8. a headline's "May" is no month -------------------------------------------------------


_MAY_MONTHS = "in May|May 22, 2019|on 22 May|in early May|in mid-May|since May".split("|")


@pytest.mark.parametrize("said", _MAY_MONTHS)
def test_may_with_a_day_or_a_preposition_is_a_month(said: str) -> None:
    assert CALENDAR.findall(f"Zentrix cut jobs {said}.") == ["May"]


def test_may_as_a_headline_modal_is_no_month_and_other_names_stay() -> None:
    assert CALENDAR.findall("Acme May Cut Jobs") == []
    assert CALENDAR.findall("It opened in March, on a Monday.") == ["March", "Monday"]
    assert not fits_question("When will Acme cut jobs?", "Acme May Cut Jobs")
    assert fits_question("When will Acme cut jobs?", "Acme cut jobs in May.")


def test_may_alone_is_still_no_ones_name() -> None:
    assert person_names("The plant reopened after May.") == []
    assert person_names("The plant reopened after Dana Okafor came.") == ["Dana Okafor"]


def test_may_after_a_sentence_initial_in_is_a_month() -> None:
    assert fits_question("When did Zentrix cut jobs?", "In May, Zentrix cut 300 jobs.")


# -- 9. "where'd" is "where did" -------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "cleaned"),
    [
        ("where'd he say the plant is?", "where did he say the plant is?"),
        ("Why'd she quit Zentrix?", "Why did she quit Zentrix?"),
        ("what’d Zentrix buy then?", "what did Zentrix buy then?"),
        ("how'd they build it?", "how did they build it?"),
        ("who'd buy it now?", "who'd buy it now?"),  # "who would", not "who did"
    ],
)
def test_a_wh_words_d_reads_as_did_except_who(asked: str, cleaned: str) -> None:
    assert clean_question(asked, 500) == cleaned


# -- 10. framing words are never missed ------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "framing"),
    [
        ("What is the size of the Zentrix staff?", "size"),
        ("What is the number of Zentrix employees the reporter gave?", "gave"),
        ("What number of employees was given for Zentrix?", "given"),
        ("What number of employees is attributed to Zentrix?", "attributed"),
    ],
)
def test_framing_words_are_not_missed_when_the_sources_lack_them(
    question: str, framing: str
) -> None:
    catalog = catalog_of(one_paragraph_doc("ledger", "Zentrix has a staff of 12,000 employees."))
    assert stem(framing) not in catalog.lexical and stem(framing) in FRAMING_WORDS
    hits = [Hit(chunk, 0.5, 0.5, 0.0) for chunk in catalog.chunks]
    assert score_sentences(analyse(question), hits, catalog)[0].missing == 0.0


# -- 11. a source named by its medium --------------------------------------------------------

_MEDIA = catalog_of(
    one_paragraph_doc("ledger", "Zentrix employs 300 people, said Dana Okafor."),
    one_paragraph_doc("radio", "Okafor said Zentrix employs 280 people.", kind="transcript"),
)
_EMPLOY, _SAY = "How many people does Zentrix employ", "What did Dana Okafor say about Zentrix"


@pytest.mark.parametrize(
    ("question", "doc_id"),
    [
        (f"{_EMPLOY}, according to the newspaper?", "ledger"),
        ("According to the paper, how many people does Zentrix employ?", "ledger"),
        (f"{_EMPLOY}, per the newspaper article?", "ledger"),
        ("What is the number of Zentrix staff the newspaper gave?", "ledger"),
        (f"{_SAY} on the radio?", "radio"),
        (f"{_SAY} in the radio piece?", "radio"),
        (f"{_SAY}, according to the transcript?", "radio"),
    ],
)
def test_the_newspaper_or_the_radio_names_documents_of_that_kind(
    question: str, doc_id: str
) -> None:
    found = attributed(question, _MEDIA)
    assert found is not None and found.doc_ids == {doc_id}
    assert not {"newspaper", "paper", "radio", "transcript"} & set(found.question.lower().split())
    assert found.question.startswith(("How many", "What"))


@pytest.mark.parametrize(
    "question",
    [
        "Which newspaper reported that Zentrix employs 300 people?",  # asks for the source
        "What did Dana Okafor say about the drones in the air?",  # the air is no radio
    ],
)
def test_asking_which_newspaper_or_the_air_names_no_medium(question: str) -> None:
    assert attributed(question, _MEDIA) is None


def test_a_medium_every_document_shares_narrows_nothing() -> None:
    papers = catalog_of(
        one_paragraph_doc("a", "Zentrix employs 300 people."),
        one_paragraph_doc("b", "It has 280 staff."),
    )
    assert attributed(f"{_EMPLOY}, according to the paper?", papers) is None


def test_on_air_names_the_radio() -> None:
    assert attributed(f"{_SAY} on air?", _MEDIA) is not None


def test_did_the_newspaper_say_names_the_newspaper() -> None:
    assert attributed("How many people did the newspaper say Zentrix employs?", _MEDIA) is not None


def test_which_local_newspaper_reported_asks_for_the_source() -> None:
    assert attributed("Which local newspaper reported that Zentrix cut jobs?", _MEDIA) is None


# -- 12. a byline says who wrote the story ---------------------------------------------------


def test_a_bylines_index_text_says_who_wrote_it_and_answers_who_wrote() -> None:
    texts = ["By Tomas Rivera and Pia Lund", "Zentrix makes drone chips."]
    paragraphs = tuple(
        Paragraph("ledger", i + 1, text, 0, len(text), "byline" if i == 0 else "body", None)
        for i, text in enumerate(texts)
    )
    authors = ("Tomas Rivera", "Pia Lund")
    meta = DocumentMeta("ledger", "l.txt", "Chips", "Ledger", authors, None, "article", "0" * 64)
    chunks = tuple(chunk_document(Document(meta, "", paragraphs), 800))
    assert "who wrote it" in chunks[0].index_text
    catalog = catalog_of(DocumentEntry(meta, paragraphs, chunks))
    hits = [Hit(chunk, 0.5, 0.5, 0.0) for chunk in chunks]
    best = score_sentences(analyse("Who wrote the newspaper piece?"), hits, catalog)[0]
    assert best.paragraph.role == "byline" and best.fits and best.coverage > 0


# -- end to end over an invented corpus ------------------------------------------------------

_STORIES = {
    "ledger.txt": """Zentrix Expands Its Chip Plant in Norvale

By Tomas Rivera and Pia Lund

Norvale Ledger

Zentrix makes drone chips at a plant in the port city of Norvale.

Zentrix has 12,000 employees, according to its annual filing.

The Norvale plant is run by engineer Marta Ilves.

In a letter, union leader Ines Moreau wrote that the plant was too crowded.
""",
    "harbour.txt": """Harbour Levy Rises in Velmar

By Lia Tovar

Velmar Post

The Velmar harbour levy rose by a third this spring.
""",
    "radio.txt": """Chips in Norvale

DANA OKAFOR, HOST: Good morning. Zentrix is hiring again in Norvale.

DANA OKAFOR, HOST: Lena Marsh, how many people work at Zentrix now?

LENA MARSH: Zentrix has about 9,000 employees on its payroll today.

LENA MARSH: Zentrix runs the Norvale plant day and night.

DANA OKAFOR, HOST: Thank you, Lena Marsh.
""",
}


@pytest.fixture(scope="module")
def chip_bot(tmp_path_factory: pytest.TempPathFactory, embeddings: object) -> QABot:
    """A QABot over the invented stories, ingested into a real store in tmp_path."""
    return ingested_bot(tmp_path_factory.mktemp("asked"), _STORIES, embeddings)


def _cited(bot: QABot, question: str) -> list[tuple[str, int]]:
    answer = bot.ask(question)
    assert not answer.abstained
    return [(c.source, c.paragraph) for c in answer.citations]


def test_who_wrote_the_newspaper_piece_is_answered_by_its_byline(chip_bot: QABot) -> None:
    assert _cited(chip_bot, "Who wrote the newspaper piece?")[0] == ("ledger", 2)


def test_a_one_author_byline_answers_who_wrote_it(chip_bot: QABot) -> None:
    cited = _cited(chip_bot, "Who wrote the newspaper piece on the Velmar harbour levy?")
    assert cited[0] == ("harbour", 2)


@pytest.mark.parametrize(
    ("medium", "source"), [("according to the newspaper", "ledger"), ("on the radio", "radio")]
)
def test_the_medium_named_picks_the_documents_that_answer(
    chip_bot: QABot, medium: str, source: str
) -> None:
    cited = _cited(chip_bot, f"How many employees does Zentrix have, {medium}?")
    assert {doc for doc, _ in cited} == {source}


def test_who_runs_it_is_not_answered_by_whoever_speaks_of_it(chip_bot: QABot) -> None:
    assert _cited(chip_bot, "Who runs the Norvale plant?") == [("ledger", 5)]  # not Lena's turn
