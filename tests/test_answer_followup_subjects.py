"""Subjects of follow-ups (``answer/followup.py``): a country is no person a pronoun means;
"Who's X?" names its subject; the agency, paper or host a "Which ...?" answer names is the next
turn's subject ("they", "that paper", "he"). Names are invented.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.followup import is_person, resolve

# -- a country is no person ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["United States", "New Zealand", "the United States"])
def test_a_country_of_two_words_is_no_person(name: str) -> None:
    assert not is_person(name)


@pytest.mark.parametrize("name", ["Dana Okafor", "Tomas Rivera"])
def test_a_person_of_two_words_is_still_a_person(name: str) -> None:
    assert is_person(name)


def test_she_means_the_person_asked_about_not_the_country_the_answer_names() -> None:
    # Held by either rule: the country is no person, and "Who's X?" puts X first.
    history = [("Who's Dana Okafor?", "A Zentrix executive facing charges in the United States.")]
    resolved = resolve("Where is she now?", history)
    assert resolved == "Where is Dana Okafor now?"
    assert "United States" not in resolved


def test_she_skips_a_country_named_in_a_newer_turn() -> None:
    history = [
        ("Who runs Zentrix?", "Dana Okafor, its chief executive."),
        ("What happened in New Zealand?", "Zentrix closed a depot there."),
    ]
    assert resolve("What did she say about it?", history).startswith("What did Dana Okafor say")


# -- "Who's X?" names its subject ---------------------------------------------------------------


def test_whos_x_names_x_not_a_person_its_answer_names() -> None:
    history = [("Who's Dana Okafor?", "The chief executive of Zentrix, hired by Tomas Rivera.")]
    assert resolve("Where is she now?", history) == "Where is Dana Okafor now?"


def test_who_asking_for_a_person_still_takes_the_person_answered() -> None:
    history = [("Who hired Dana Okafor?", "Tomas Rivera, the founder of Zentrix.")]
    assert resolve("When did he found it?", history).startswith("When did Tomas Rivera found")


# -- the agency, paper or host a "Which ...?" answer names --------------------------------------


def test_they_after_which_agency_is_the_agency_answered() -> None:
    history = [("Which agency would fine Zentrix?", "The Norvale Trade Agency.")]
    assert resolve("Did they say anything?", history) == "Did Norvale Trade Agency say anything?"


def test_it_after_which_company_is_the_company_answered() -> None:
    history = [("Which company bought Acme?", "The Zentrix Group, a chipmaker.")]
    assert resolve("When did it buy Acme?", history) == "When did Zentrix Group buy Acme?"


def test_that_paper_after_which_newspaper_is_the_paper_answered() -> None:
    history = [("Which newspaper reported the merger?", "The Norvale Herald.")]
    assert resolve("What else did that paper report?", history) == (
        "What else did Norvale Herald report?"
    )


def test_the_newspaper_after_which_newspaper_is_the_paper_answered() -> None:
    history = [("Which newspaper reported the Zentrix merger?", "The Norvale Herald.")]
    assert resolve("Who wrote for the newspaper?", history) == "Who wrote for Norvale Herald?"


def test_he_after_which_radio_host_is_the_host_answered() -> None:
    history = [("Which radio host interviewed Dana Okafor?", "Tomas Rivera.")]
    assert resolve("What did he ask?", history) == "What did Tomas Rivera ask?"


def test_she_after_which_host_is_not_the_guest_asked_about() -> None:
    history = [("Which host interviewed Tomas Rivera?", "Dana Okafor, on Norvale Radio.")]
    assert resolve("What did she ask him?", history).startswith("What did Dana Okafor ask")
