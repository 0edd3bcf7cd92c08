"""What counts as an answer to "how many X", "Who is X?", "which committee", "Who is the
company's chief executive?", and how much a word the sources never use weighs.

Fast unit tests with invented names: they pin the general rule, not one corpus.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.chain import _strict
from qa_bot.answer.counts import counted_noun
from qa_bot.answer.extractive import score_sentences
from qa_bot.answer.fits import specifies
from qa_bot.answer.followup import is_person, resolve
from qa_bot.answer.holds import _about_named
from qa_bot.answer.kinds import STRICT_TYPES
from qa_bot.answer.question import analyse
from qa_bot.answer.sayings import defines
from qa_bot.answer.tense import happened, no_longer
from qa_bot.models import Chunk, DocumentMeta, Paragraph, ParagraphRole
from qa_bot.retrieval.hybrid import Hit
from qa_bot.store.catalog import Catalog, DocumentEntry
from qa_bot.store.lexical import LexicalIndex
from tests.conftest import fits_question


def test_how_many_things_needs_a_number_of_those_things() -> None:
    question = "How many Zentrix turbines are installed in Norvale?"
    assert fits_question(question, "Norvale has 120 Zentrix turbines on its hills.")
    assert fits_question(question, "It runs more than 4,000 offshore turbines.")
    assert not fits_question(question, "Hundreds of thousands of residents live in Norvale.")


def test_how_many_people_takes_any_number() -> None:
    assert fits_question("How many people does Zentrix employ?", "It has 30,000 employees.")


@pytest.mark.parametrize(
    ("question", "definition"),
    [
        ("Who is Dana Okafor?", True),
        ("What is the harbour levy?", True),
        ("Who is the mayor of Norvale?", True),
        ("Who is one of Zentrix's largest clients?", False),
        ("What is Dana waiting for there?", False),
        ("What is the firm's particular area of expertise, per the report?", False),
    ],
)
def test_who_is_x_asks_what_x_is_only_for_a_short_name_or_noun_phrase(
    question: str, definition: bool
) -> None:
    assert (analyse(question).answer_type == "definition") is definition
    assert "definition" in STRICT_TYPES


@pytest.mark.parametrize(
    "sentence",
    [
        "Dana Okafor, the harbour master, signed the order.",
        "Dana Okafor is the harbour master.",
        "The order came from Harbour Master Dana Okafor on Monday.",
        "Norvale Trust - Dana Okafor - declined to comment.",
    ],
)
def test_a_sentence_defines_a_name_by_apposition_or_a_title_before_it(sentence: str) -> None:
    assert defines("Dana Okafor", sentence)


def test_a_mere_mention_does_not_define_and_the_holder_of_a_title_does() -> None:
    assert not defines("Dana Okafor", "The order came from Dana Okafor on Monday.")
    assert not defines("Dana Okafor", "Dana Okafor walked out.")
    assert defines("mayor of Norvale", "He met Mayor of Norvale Ines Moreau on Monday.")


def test_which_committee_needs_the_name_of_a_committee() -> None:
    question = "Which parliamentary committee did Dana Okafor testify before?"
    assert analyse(question).strict
    assert fits_question(question, "Okafor testified before the Harbour Affairs Committee in May.")
    assert not fits_question(question, "Okafor testified before Parliament on the issue.")


def test_who_is_the_companys_chief_executive_needs_a_persons_name() -> None:
    question = "Who is Zentrix's chief executive?"
    analysed = analyse(question)
    assert analysed.named_kind and analysed.strict
    assert fits_question(question, "Its chief executive, Tomas Rivera, said so.")
    assert not fits_question(question, "Its executives have warned about US sanctions.")
    assert not fits_question(
        question, "Sales to Chinese buyers grew."
    )  # a nationality, not a person


def test_a_speaker_answers_who_said_it_but_not_who_holds_a_role() -> None:
    assert fits_question("Who said the ban would hurt?", "It would hurt.", speaker="DANA OKAFOR")
    assert not fits_question(
        "Who is Zentrix's chief executive?", "It would hurt.", speaker="DANA OKAFOR"
    )


def test_a_word_the_sources_never_use_weighs_as_their_average_word() -> None:
    index = LexicalIndex.build(
        ["turbines turn in the wind", "turbines need wind", "the harbour levy rose"]
    )
    unseen = index.idf("zeppelin")
    seen = [index.idf(t) for t in ("turbin", "wind", "harbor", "levy")]  # stems, US spelling
    assert min(seen) <= unseen <= max(seen)
    assert unseen < index.idf("harbor")  # not more than the rarest word the sources use


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which big events has Zentrix supplied turbines to?", "list"),
        ("Which sites do the guards watch?", "list"),
        ("Which two journalists wrote the report?", "person"),
        ("Which Harbour Trust researcher did they call?", "person"),
        ("What concerns does the mayor have?", "list"),  # "what" + plural first: a list
        ("What big events or venues has Zentrix supplied?", "list"),
        ("On what grounds are they held?", "other"),  # not the question's first word
        ("What is the reason the mayor gave?", "reason"),
    ],
)
def test_which_with_a_plural_noun_asks_for_a_list(question: str, kind: str) -> None:
    assert analyse(question).answer_type == kind


def test_a_list_question_is_best_answered_by_a_list() -> None:
    question = "Which big events has Zentrix supplied turbines to?"
    assert fits_question(
        question, "It supplied the Norvale Games, the Harbour Cup and the Delta Fair."
    )
    parts = "It makes rotors, blades, masts or cables."
    assert fits_question("What parts does Zentrix make?", parts)
    assert not fits_question(question, parts)  # events are named: these lower-case things are not
    assert not fits_question(
        question, "Zentrix is one of the largest makers of turbines in the world."
    )
    assert "list" not in STRICT_TYPES  # a list is preferred, not required


def test_which_city_needs_a_city_tied_to_what_is_asked() -> None:
    question = "In which Delta city are Zentrix's offices located?"
    both = "It set up offices in Delta and a research team headquartered in Norvale."
    assert not fits_question(question, both)  # Norvale is where the team is, not the offices
    assert fits_question("In which city is Zentrix's research team based?", both)
    assert not fits_question(
        "Which city did the mayor visit?", "The mayor's plan works similarly to Norvale's."
    )


def test_now_is_not_answered_by_a_former_role() -> None:
    question = analyse("Where does Dana Okafor work now?")
    assert question.present and question.strict
    assert not analyse("Where did Dana Okafor work?").present
    assert no_longer("said Dana Okafor, a former harbour official in Norvale")
    assert not no_longer("said Dana Okafor, the harbour master in Norvale")


def test_which_currency_asks_for_money() -> None:
    assert analyse("What currency does Norvale use?").answer_type == "money"
    assert fits_question("What currency does Norvale use?", "Prices there are in yuan.")
    assert not fits_question(
        "What currency does Norvale use?", "Norvale trades with its neighbours."
    )


def test_after_asking_for_a_person_he_is_the_person_the_answer_named() -> None:
    history = [("Who is Steve Okafor talking to on the show?", "Harbour News's Tomas Rivera.")]
    assert "Tomas Rivera" in resolve("What does he say about the port?", history)
    named = [("What did Dana Okafor say about the levy?", "That Tomas Rivera was wrong.")]
    assert "Dana Okafor" in resolve("Why does she think so?", named)


def test_a_title_before_a_name_still_makes_a_person() -> None:
    assert is_person("Secretary of State Dana Okafor")
    assert not is_person("Department of Harbour Affairs")
    history = [("Which official spoke on the radio?", "Secretary of State Dana Okafor.")]
    assert resolve("What did he say?", history) == "What did Secretary of State Dana Okafor say?"


def test_the_company_stays_when_no_earlier_name_is_a_company() -> None:
    history = [("Who did the reporter call at Harbour Watch?", "Ines Moreau.")]
    resolved = resolve(
        "Why does she say the company is not honest?", history, affinity=lambda name, noun: 0.0
    )
    assert resolved == "Why does Ines Moreau say the company is not honest?"


def test_name_some_asks_for_a_list_and_a_measure_is_said_of_what_it_measures() -> None:
    assert analyse("Name some places Zentrix has supplied.").answer_type == "list"
    question = "What is the current population of Norvale?"
    assert analyse(question).present
    assert fits_question(question, "Norvale has a population of 40,000.")
    assert not fits_question(question, "Zentrix has more than 34,000 employees.")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Which broadcaster interviewed the harbour secretary?", "name"),
        ("Which big international events did it supply?", "list"),
        ("Which U.S. Harbour Secretary signed the order?", "person"),
    ],
)
def test_a_verb_is_no_modifier_of_the_noun_asked_for(question: str, kind: str) -> None:
    assert analyse(question).answer_type == kind


def test_the_names_of_a_question_skip_its_first_word_and_acronyms() -> None:
    assert analyse("How much did Norvale pay Zentrix for the TV rights?").names == (
        "norval",
        "zentrix",
    )


def test_a_figure_answers_only_from_a_document_that_names_the_subject() -> None:
    catalog, _ = _one_doc_catalog(
        "Norvale has spent hundreds of millions of dollars on harbour cameras."
    )
    assert _about_named(analyse("How much has Norvale spent on cameras?"), "radio", catalog)
    assert not _about_named(analyse("How much did Delta pay for cameras?"), "radio", catalog)
    # The publisher names the source, not the subject.
    assert _about_named(analyse("According to Radio One, how much has it spent?"), "radio", catalog)


def test_a_job_title_question_needs_a_word_for_a_role() -> None:
    question = "What is Dana Okafor's job title at Harbour Watch?"
    assert analyse(question).answer_type == "role" and analyse(question).strict
    assert fits_question(question, "Dana Okafor, a senior researcher at Harbour Watch, said so.")
    assert not fits_question(question, "I spoke to Harbour Watch - Dana Okafor - about it.")


def test_that_agency_after_which_agency_is_the_one_the_answer_named() -> None:
    history = [("Which agency may require approval for Zentrix?", "The Harbour Department.")]
    resolved = resolve("How did that agency respond?", history, affinity=lambda n, noun: 5.0)
    assert resolved == "How did Harbour Department respond?"


def test_name_a_single_thing_is_a_list_question_too() -> None:
    assert analyse("Name a venue Zentrix has supplied.").answer_type == "list"


def test_what_specific_charges_is_not_answered_by_the_words_of_the_question() -> None:
    question = "What specific criminal charges does Dana Okafor face in Norvale?"
    analysed = analyse(question)
    assert analysed.specific == "charges" and analysed.strict
    assert not specifies("charges", "Okafor faces criminal charges in Norvale.", question)
    assert specifies("charges", "Okafor faces charges of harbour fraud.", question)
    assert specifies("charges", "Okafor faces harbour fraud charges.", question)
    assert specifies("charges", "Okafor has left Norvale.", question)  # says nothing of them


def test_how_much_is_a_count_only_when_it_asks_an_amount_of_something() -> None:
    assert analyse("How much data does Zentrix collect?").answer_type == "count"
    assert analyse("How much would a ban hurt Zentrix?").answer_type == "other"
    assert analyse("How much of its parts come from Delta?").answer_type == "other"


def test_a_hyphenated_word_weighs_as_one_word_split_between_its_parts() -> None:
    assert analyse("Which high-profile events did it supply?").shares == {
        "high": 0.5,
        "profil": 0.5,
    }


def test_a_title_does_not_make_a_person_the_question_names_a_new_one() -> None:
    question = "Which Harbour News host interviewed Dana Okafor on May 2?"
    assert not fits_question(
        question, "Secretary of State Dana Okafor spoke to Harbour News on May 2."
    )
    assert fits_question(question, "Host Tomas Rivera interviewed Secretary of State Dana Okafor.")


def _one_doc_catalog(text: str, role: ParagraphRole = "body") -> tuple[Catalog, Paragraph]:
    """A catalog of one document ("radio", published by Radio One) of one paragraph."""
    paragraph = Paragraph("radio", 1, text, 0, len(text), role, None)
    meta = DocumentMeta("radio", "radio.txt", "Title", "Radio One", (), None, "article", "0" * 64)
    chunk = Chunk("radio:1", "radio", 1, 1, text, text)
    catalog = Catalog("model", {"radio": DocumentEntry(meta, (paragraph,), (chunk,))})
    return catalog, paragraph


def test_which_things_the_sources_never_name_must_be_listed() -> None:
    catalog, _ = _one_doc_catalog("Zentrix buys turbines from US companies.")
    assert catalog.lexical  # the index is built from the chunk
    assert _strict(analyse("Which US chipmakers supply Zentrix?"), catalog)
    assert not _strict(analyse("Which turbines does Zentrix buy?"), catalog)
    # companies are asked for by name: a sentence naming none does not answer
    assert _strict(analyse("Which companies supply Zentrix?"), catalog)


def test_a_role_is_held_by_a_full_name() -> None:
    question = "Which harbour spokesperson criticised the levy?"
    assert not fits_question(question, "The levy was criticised by groups like Zentrix.")
    assert fits_question(question, "Spokesperson Ines Moreau criticised the levy.")


def test_the_writers_of_the_story_answer_who_wrote_it_not_which_spokesperson() -> None:
    catalog, _ = _one_doc_catalog("By Ines Moreau, Tomas Rivera", role="byline")
    hits = [Hit(chunk, 0.5, 0.5, 0.0) for chunk in catalog.chunks]

    def fits(question: str) -> bool:
        return score_sentences(analyse(question), hits, catalog)[0].fits

    assert not fits("Which harbour spokesperson criticised the levy?")
    assert fits("Which two journalists wrote the story?")


def test_did_they_ultimately_do_it_needs_a_sentence_that_says_they_did() -> None:
    question = analyse("Did the harbour board ultimately add Zentrix to the list?")
    assert question.outcome == "add" and question.strict
    assert happened("add", "The board added Zentrix to the list in May.")
    assert not happened("add", "The board declined to comment.")
    assert not happened("add", "It faces additional costs.")
    assert happened("decide", "The court's decision is due.")


def test_how_many_people_counts_people_and_is_about_the_rest() -> None:
    assert counted_noun("How many people work for Zentrix?") == "people"
    assert counted_noun("How many Zentrix turbines are there?") == "turbines"
    assert counted_noun("What is Zentrix worth?") is None
