"""A strict answer must say at least ``STRICT_COVERAGE`` of what the best sentence says of the
question (``answer/extractive.select``), and a headline's modal "May" ("Zentrix May Buy Acme")
is pending while the month is not (``answer/tense.pending``). Names are invented.
"""

from __future__ import annotations

import pytest

from qa_bot.answer.extractive import KEEP_RATIO, MIN_SCORE, STRICT_COVERAGE, Scored, select
from qa_bot.answer.tense import pending
from qa_bot.models import Paragraph

# -- strict answers: coverage near the best's ----------------------------------------------------

_TOP_SCORE = 0.9
_TOP_COVERAGE = 0.8
# Within KEEP_RATIO of the best: only the coverage rule can drop it.
_NEAR_SCORE = KEEP_RATIO * _TOP_SCORE + 0.05


def _scored(sentence: str, score: float, coverage: float, fits: bool, number: int) -> Scored:
    paragraph = Paragraph("zentrix", number, sentence, 0, len(sentence))
    return Scored(paragraph, sentence, score, coverage, dense=0.5, position=0, fits=fits)


def _top() -> Scored:
    """The sentence most about the question, which lacks what is asked (no date for "when")."""
    return _scored(
        "Zentrix listed its shares on the Norvale exchange.", _TOP_SCORE, _TOP_COVERAGE, False, 1
    )


def _fitting(coverage: float) -> Scored:
    """A sentence holding what is asked (a date), scoring close to the best."""
    return _scored("Acme opened a depot today.", _NEAR_SCORE, coverage, True, 2)


def test_the_fixture_scores_sit_where_only_the_coverage_rule_decides() -> None:
    assert _NEAR_SCORE >= KEEP_RATIO * _TOP_SCORE and _NEAR_SCORE >= MIN_SCORE
    assert _NEAR_SCORE < _TOP_SCORE


def test_a_fitting_sentence_saying_far_less_of_the_question_is_dropped_when_strict() -> None:
    low = _fitting(STRICT_COVERAGE * _TOP_COVERAGE - 0.05)
    assert select([_top(), low], strict=True) == []


def test_a_fitting_sentence_saying_enough_of_the_question_is_kept_when_strict() -> None:
    enough = _fitting(STRICT_COVERAGE * _TOP_COVERAGE)
    assert select([_top(), enough], strict=True) == [enough]
    more = _fitting(_TOP_COVERAGE)
    assert select([_top(), more], strict=True) == [more]


def test_the_coverage_rule_drops_only_the_low_sentence_among_several() -> None:
    low = _fitting(STRICT_COVERAGE * _TOP_COVERAGE - 0.05)
    enough = _scored("Zentrix listed on the exchange today.", _NEAR_SCORE - 0.01, 0.6, True, 3)
    assert select([_top(), low, enough], strict=True) == [enough]


def test_without_strict_the_low_coverage_sentence_still_joins_the_answer() -> None:
    top, low = _top(), _fitting(STRICT_COVERAGE * _TOP_COVERAGE - 0.05)
    assert select([top, low], strict=False) == [top, low]


# -- a headline's "May" ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Zentrix May Buy Acme",
        "Norvale Regulators May Fine Zentrix",
        "U.S. May Blacklist Zentrix",
    ],
)
def test_a_headlines_modal_may_is_pending(text: str) -> None:
    assert pending(text)


@pytest.mark.parametrize(
    "text",
    [
        "In May Zentrix bought Acme",
        "on May 2 Acme said it had closed the deal",
        "Last May Zentrix Bought Acme",
        "Since May Acme has sold its depots",
        "Zentrix bought Acme",
    ],
)
def test_the_month_may_is_not_pending(text: str) -> None:
    assert not pending(text)


@pytest.mark.parametrize(
    "text", ["After May Zentrix bought Acme", "Before May Acme had sold its depots"]
)
def test_the_month_after_other_prepositions_is_not_pending(text: str) -> None:
    assert not pending(text)
