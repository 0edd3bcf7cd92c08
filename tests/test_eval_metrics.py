"""The scoring rules, checked on handmade answers (no model, no store)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa_bot.eval.metrics import (
    answer_markers,
    citations_valid,
    contains_any,
    first_hit_rank,
    fold,
    is_verbatim,
    passed,
    percentile,
    question_checks,
    satisfies_expect,
    summarize,
)
from qa_bot.eval.questions import Question
from qa_bot.models import Answer, Citation

HIK = "Hikvision is little-known in the United States."
CHINA = "One of its largest clients is the Chinese government."


def _question(kind: str = "fact", **fields: Any) -> Question:
    return Question(id=fields.pop("id", "q"), question="Q?", kind=kind, **fields)


def _answer(text: str, cited: list[tuple[int, str]], abstained: bool = False) -> dict[str, Any]:
    citations = [Citation(m, "npr", m + 1, t, None) for m, t in cited]
    return Answer("Q?", "Q?", text, abstained, citations).to_contract()


def test_fold_ignores_case_whitespace_and_typographic_quotes() -> None:
    assert fold("  The  COMPANY’s\n\taccess ") == "the company's access"
    assert contains_any("limiting the company’s   access", ["Company's access"])
    assert not contains_any("limiting access", ["company's access"])


def test_expect_needs_every_group_and_any_alternative() -> None:
    expect = (("chips", "technology"), ("Hikvision",))
    assert satisfies_expect("It would deny TECHNOLOGY to hikvision [1].", expect)
    assert not satisfies_expect("It would deny technology [1].", expect)
    assert satisfies_expect("anything", ())


def test_markers_are_read_in_order_including_lists() -> None:
    assert answer_markers("A [1]. B [2, 3]. C [1][4].") == [1, 2, 3, 1, 4]
    assert answer_markers("No markers, [x] or [ 1 ].") == []


def test_citation_validity_needs_resolving_markers_and_used_citations() -> None:
    assert citations_valid("A [1]. B [2].", [1, 2])
    assert not citations_valid("A [1]. B [3].", [1, 2])  # [3] resolves to nothing
    assert not citations_valid("A [1].", [1, 2])  # citation 2 is never used


def test_first_hit_rank_is_one_based_and_none_on_a_miss() -> None:
    paragraphs = ["Nothing here.", CHINA, HIK]
    assert first_hit_rank(paragraphs, ["little-known", "chinese government"]) == 2
    assert first_hit_rank(paragraphs, ["Pompeo"]) is None


def test_verbatim_collapses_whitespace_but_nothing_else() -> None:
    raw = "Headline\n\nHikvision is little-known\n   in the United States.\n"
    assert is_verbatim(HIK, raw)
    assert not is_verbatim(HIK.lower(), raw)  # case is not folded: citations are verbatim
    assert not is_verbatim("", raw)


@given(st.lists(st.floats(0, 1e5), min_size=1, max_size=40), st.sampled_from([0, 50, 95, 100]))
def test_percentile_matches_numpy(values: list[float], q: int) -> None:
    assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))


def test_percentile_of_nothing_is_none() -> None:
    assert percentile([], 50) is None


def test_checks_of_a_correct_cited_answer() -> None:
    question = _question(expect=(("little-known",),), evidence=("little-known",))
    answer = _answer("It is little-known there [1].", [(1, HIK)])
    checks = question_checks(question, answer, ["Other.", HIK], [True])
    assert checks == {
        "correct": True,
        "evidence_cited": True,
        "evidence_retrieved": True,
        "reciprocal_rank": 0.5,
        "evidence_citations": 1,
        "citations_valid": True,
        "citations_verbatim": True,
        "verbatim_citations": 1,
    }


def test_checks_of_a_wrong_answer_with_a_dangling_marker_and_invented_quote() -> None:
    question = _question(expect=(("little-known",),), evidence=("little-known",))
    answer = _answer("Its clients are Chinese [2].", [(1, CHINA)])
    checks = question_checks(question, answer, [CHINA], [False])
    assert checks["correct"] is False
    assert checks["evidence_cited"] is False
    assert checks["evidence_retrieved"] is False and checks["reciprocal_rank"] == 0.0
    assert checks["citations_valid"] is False
    assert checks["citations_verbatim"] is False


def test_an_abstention_is_wrong_for_an_answerable_question_even_if_text_matches() -> None:
    question = _question(expect=(("Hikvision",),))
    checks = question_checks(question, _answer("Hikvision? I cannot say.", [], True), [], [])
    assert checks["correct"] is False
    assert checks["citations_valid"] is None and checks["citations_verbatim"] is None


def test_abstain_questions_are_correct_only_when_abstained() -> None:
    question = _question("abstain", expect=(), evidence=())
    assert question_checks(question, _answer("I cannot say.", [], True), [], [])["correct"]
    answered = question_checks(question, _answer("Wellington [1].", [(1, CHINA)]), [], [True])
    assert answered["correct"] is False
    assert answered["evidence_cited"] is None  # evidence does not apply to abstain questions


def test_answerable_question_without_expect_is_not_scored() -> None:
    checks = question_checks(_question("feedback"), _answer("Yes [1].", [(1, HIK)]), [], [True])
    assert checks["correct"] is None and checks["evidence_cited"] is None


def _result(kind: str, checks: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "id": fields.pop("id", "r"),
        "kind": kind,
        "abstained": fields.pop("abstained", False),
        "citations": fields.pop("citations", [{}]),
        "latency_ms": fields.pop("latency_ms", 10.0),
        "checks": checks,
        **fields,
    }


def _checks(**values: Any) -> dict[str, Any]:
    names = "correct evidence_cited evidence_retrieved reciprocal_rank evidence_citations"
    base = dict.fromkeys([*names.split(), "citations_valid", "citations_verbatim"])
    return {**base, "verbatim_citations": 0, **values}


def _handmade_results() -> list[dict[str, Any]]:
    good = _checks(
        correct=True,
        evidence_cited=True,
        evidence_retrieved=True,
        reciprocal_rank=1.0,
        evidence_citations=1,
        citations_valid=True,
        citations_verbatim=True,
        verbatim_citations=2,
    )
    bad = _checks(
        correct=False,
        evidence_cited=False,
        evidence_retrieved=True,
        reciprocal_rank=0.25,
        evidence_citations=0,
        citations_valid=False,
        citations_verbatim=False,
        verbatim_citations=0,
    )
    return [
        _result("fact", good, citations=[{}, {}], latency_ms=100.0),
        _result("fact", bad, latency_ms=300.0),
        _result("abstain", _checks(correct=True), abstained=True, citations=[], latency_ms=20.0),
        _result(
            "abstain",
            _checks(
                correct=False, citations_valid=True, citations_verbatim=True, verbatim_citations=1
            ),
            latency_ms=50.0,
        ),
        _result("followup", _checks(correct=False), abstained=True, citations=[], latency_ms=40.0),
    ]


def test_summary_metrics_on_handmade_results() -> None:
    summary = summarize(_handmade_results())
    assert summary["questions"] == 5 and summary["passed"] == 2
    # answerable with expect: fact good, fact bad, followup (abstained)
    assert summary["answer_accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert summary["evidence_cited"] == 0.5
    assert summary["recall_at_k"] == 1.0
    assert summary["mrr"] == 0.625
    assert summary["citation_validity"] == pytest.approx(2 / 3, abs=1e-4)
    assert summary["citation_verbatim"] == 0.75  # 3 of the 4 citations
    # 1 of the 3 paragraphs cited by questions with evidence holds it
    assert summary["citation_precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert summary["abstention_accuracy"] == 0.5
    assert summary["false_abstention_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert summary["latency_p50_ms"] == 50.0
    expected_p95 = float(np.percentile([100, 300, 20, 50, 40], 95))
    assert summary["latency_p95_ms"] == pytest.approx(expected_p95, abs=1e-4)


def test_summary_by_kind_on_handmade_results() -> None:
    by_kind = summarize(_handmade_results())["by_kind"]
    assert sorted(by_kind) == ["abstain", "fact", "followup"]
    assert by_kind["fact"]["answer_accuracy"] == 0.5
    assert by_kind["abstain"]["answer_accuracy"] is None  # nothing answerable of that kind
    assert by_kind["abstain"]["abstention_accuracy"] == 0.5
    assert by_kind["followup"]["false_abstention_rate"] == 1.0


def test_errored_results_fail_and_do_not_count_towards_latency() -> None:
    results = [
        _result("fact", _checks(), latency_ms=5.0),
        _result("fact", _checks(), latency_ms=9000.0, error="question too long"),
    ]
    assert passed(results[0]) and not passed(results[1])
    assert summarize(results)["latency_p95_ms"] == 5.0


def test_empty_denominators_give_none_not_zero() -> None:
    summary = summarize([_result("fact", _checks(), citations=[])])
    assert summary["answer_accuracy"] is None
    assert summary["citation_verbatim"] is None
    assert summary["abstention_accuracy"] is None
    assert summary["false_abstention_rate"] == 0.0
