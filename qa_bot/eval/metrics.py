"""The scoring rules, as pure functions: per-question checks and the summary over them.

Every metric is defined in the README ("Evaluation"); the docstrings here repeat the rule.
A metric whose denominator is empty is ``None`` (JSON null), never a misleading 0 or 1.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from qa_bot.eval.questions import ABSTAIN, Question
from qa_bot.text import collapse_whitespace, normalize

#: Metric name -> True when higher is better (the direction --fail-under/--compare use).
METRICS: dict[str, bool] = {
    "answer_accuracy": True,
    "evidence_cited": True,
    "recall_at_k": True,
    "mrr": True,
    "citation_validity": True,
    "citation_verbatim": True,
    "citation_precision": True,
    "abstention_accuracy": True,
    "false_abstention_rate": False,
    "latency_p50_ms": False,
    "latency_p95_ms": False,
}
#: The checks whose False marks a question as failed (None means "not checked").
GATING_CHECKS = ("correct", "evidence_cited", "citations_valid", "citations_verbatim")

_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Case-insensitive, whitespace-folded form used for every text match."""
    return collapse_whitespace(normalize(text).translate(_TYPOGRAPHIC)).casefold()


def contains_any(text: str, needles: Iterable[str]) -> bool:
    folded = fold(text)
    return any(fold(needle) in folded for needle in needles)


def satisfies_expect(answer: str, expect: Sequence[Sequence[str]]) -> bool:
    """Every group matches: some alternative of the group occurs in the answer."""
    return all(contains_any(answer, group) for group in expect)


def answer_markers(answer: str) -> list[int]:
    """The citation numbers used in an answer: ``[1]``, ``[2, 3]`` ... in order of use."""
    return [int(n) for group in _MARKER.findall(answer) for n in group.split(",")]


def citations_valid(answer: str, listed: Iterable[int]) -> bool:
    """Every marker resolves to a listed citation and every listed citation is used."""
    return set(answer_markers(answer)) == set(listed)


def first_hit_rank(paragraphs: Sequence[str], evidence: Sequence[str]) -> int | None:
    """1-based rank of the first paragraph that contains an evidence string, else None."""
    for rank, text in enumerate(paragraphs, start=1):
        if contains_any(text, evidence):
            return rank
    return None


def is_verbatim(citation_text: str, raw_source: str) -> bool:
    """The citation occurs in the raw file once whitespace runs are collapsed on both sides."""
    quote = collapse_whitespace(citation_text)
    return bool(quote) and quote in collapse_whitespace(raw_source)


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default method); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def question_checks(
    question: Question,
    answer: Mapping[str, Any],
    retrieved_texts: Sequence[str],
    verbatim: Sequence[bool],
) -> dict[str, Any]:
    """The checks of one answered question.

    ``answer`` is the ``ask --json`` object, ``retrieved_texts`` the top-k retrieved paragraph
    texts in rank order and ``verbatim`` one flag per citation (found in the raw source file).
    """
    abstained = bool(answer["abstained"])
    cited = [c["text"] for c in answer["citations"]]
    checks: dict[str, Any] = {"correct": _correct(question, answer["answer"], abstained)}
    checks.update(_evidence_checks(question, cited, retrieved_texts))
    checks["citations_valid"] = _validity(answer["answer"], answer["citations"], abstained)
    checks["citations_verbatim"] = all(verbatim) if cited else None
    checks["verbatim_citations"] = sum(verbatim)
    return checks


def _correct(question: Question, text: str, abstained: bool) -> bool | None:
    if not question.answerable:
        return abstained
    if not question.expect:
        return None  # nothing to score the answer against (e.g. fresh feedback lines)
    return not abstained and satisfies_expect(text, question.expect)


def _evidence_checks(
    question: Question, cited: Sequence[str], retrieved_texts: Sequence[str]
) -> dict[str, Any]:
    if not (question.answerable and question.evidence):
        return {
            "evidence_cited": None,
            "evidence_retrieved": None,
            "reciprocal_rank": None,
            "evidence_citations": None,
        }
    rank = first_hit_rank(retrieved_texts, question.evidence)
    holding = sum(contains_any(text, question.evidence) for text in cited)
    return {
        "evidence_cited": holding > 0,
        "evidence_retrieved": rank is not None,
        "reciprocal_rank": 1 / rank if rank else 0.0,
        "evidence_citations": holding,
    }


def _validity(text: str, citations: Sequence[Mapping[str, Any]], abstained: bool) -> bool | None:
    markers = [c["marker"] for c in citations]
    if abstained and not markers and not answer_markers(text):
        return None  # a clean abstention has nothing to validate
    return citations_valid(text, markers)


def passed(result: Mapping[str, Any]) -> bool:
    """A question passes when it ran and none of its gating checks is False."""
    if result.get("error"):
        return False
    return all(result["checks"].get(name) is not False for name in GATING_CHECKS)


def summarize(results: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Every metric over ``results``, then the same per kind under ``by_kind``."""
    summary = metric_values(results)
    kinds = sorted({r["kind"] for r in results})
    summary["by_kind"] = {
        kind: metric_values([r for r in results if r["kind"] == kind]) for kind in kinds
    }
    return summary


def metric_values(results: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    answerable = [r for r in results if r["kind"] != ABSTAIN]
    abstain = [r for r in results if r["kind"] == ABSTAIN]
    latencies = [float(r["latency_ms"]) for r in results if not r.get("error")]
    return {
        "questions": len(results),
        "passed": sum(passed(r) for r in results),
        "answer_accuracy": _mean_check(answerable, "correct"),
        "evidence_cited": _mean_check(answerable, "evidence_cited"),
        "recall_at_k": _mean_check(answerable, "evidence_retrieved"),
        "mrr": _mean_check(answerable, "reciprocal_rank"),
        "citation_validity": _mean_check(results, "citations_valid"),
        "citation_verbatim": _citation_share(results, "verbatim_citations"),
        "citation_precision": _citation_share(answerable, "evidence_citations"),
        "abstention_accuracy": _mean([r["abstained"] for r in abstain]),
        "false_abstention_rate": _mean([r["abstained"] for r in answerable]),
        "latency_p50_ms": _round(percentile(latencies, 50)),
        "latency_p95_ms": _round(percentile(latencies, 95)),
    }


def _mean_check(results: Iterable[Mapping[str, Any]], name: str) -> float | None:
    return _mean([r["checks"][name] for r in results if r["checks"].get(name) is not None])


def _citation_share(results: Iterable[Mapping[str, Any]], count_name: str) -> float | None:
    """Citations counted by ``count_name`` over all citations of the results that have it."""
    counted = total = 0
    for result in results:
        count = result["checks"].get(count_name)
        if count is not None and result["citations"]:
            counted += count
            total += len(result["citations"])
    return _round(counted / total) if total else None


def _mean(values: Sequence[float | bool]) -> float | None:
    return _round(sum(float(v) for v in values) / len(values)) if values else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
