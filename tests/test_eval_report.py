"""Markdown and PNG reports, --compare and --from-feedback (handmade reports, no model)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from qa_bot.errors import BadInput
from qa_bot.eval.cli import eval_command
from qa_bot.eval.compare import compare_reports, load_report, render_comparison
from qa_bot.eval.feedback import convert_feedback, feedback_to_question, history_pairs
from qa_bot.eval.metrics import summarize
from qa_bot.eval.plot import SCORE_METRICS, render_plot, score_series
from qa_bot.eval.questions import parse_lines
from qa_bot.eval.report_md import render_markdown

PASSING = {"correct": True, "evidence_cited": True, "citations_valid": True}
CITATION = {
    "marker": 1,
    "source": "npr",
    "paragraph": 4,
    "text": "Pompeo spoke.",
    "speaker": "INSKEEP",
}


def _result(id_: str, kind: str, passed: bool, **fields: Any) -> dict[str, Any]:
    checks = dict(PASSING) if passed else {**PASSING, "correct": False}
    question = f"Question {id_}?"
    return {
        "id": id_, "question": question, "kind": kind, "standalone_question": question,
        "answer": fields.pop("answer", "Pompeo [1]."), "abstained": False, "citations": [CITATION],
        "retrieved": [], "checks": checks, "latency_ms": fields.pop("latency_ms", 100.0),
        "error": None, "history": [], "expect": [["Pompeo"]], "evidence": ["Pompeo"], "extra": {},
        "passed": passed, **fields,
    }  # fmt: skip


def _report(results: list[dict[str, Any]]) -> dict[str, Any]:
    config = {"backend": "extractive", "embedding_model": "m", "k": 8, "store": {"documents": 2}}
    return {
        "summary": summarize(results),
        "config": config,
        "results": results,
        "skipped_lines": [],
    }


@pytest.fixture
def report() -> dict[str, Any]:
    return _report(
        [
            _result("d1", "fact", True),
            _result("d2", "fact", False, answer="Line one [1].\n\nLine two."),
            _result("d3", "followup", True, latency_ms=300.0),
        ]
    )


def test_markdown_has_the_summary_table_then_only_failed_questions(report: dict[str, Any]) -> None:
    text = render_markdown(report)
    assert text.index("## Summary") < text.index("## Failed questions (1 of 3)")
    assert "| metric | all | fact | followup |" in text
    assert "| answer_accuracy | 0.667 | 0.500 | 1.000 |" in text
    assert "| latency_p95_ms | 280.0 |" in text
    assert "### d2 (fact): failed correct" in text
    assert "### d1" not in text and "### d3" not in text
    assert "> Line one [1].\n>\n> Line two." in text  # multi-line answers stay quoted
    assert "- [1] `npr` ¶4 (INSKEEP): Pompeo spoke." in text
    assert "**Expected:** (Pompeo)" in text


def test_markdown_when_everything_passed(report: dict[str, Any]) -> None:
    report["results"] = [r for r in report["results"] if r["passed"]]
    assert "None: every question passed." in render_markdown(report)


def test_plot_series_and_png(report: dict[str, Any], tmp_path: Path) -> None:
    series = score_series(report["summary"])
    assert list(series) == ["all", "fact", "followup"]
    accuracy = SCORE_METRICS.index("answer_accuracy")
    assert series["fact"][accuracy] == 0.5
    assert series["all"][SCORE_METRICS.index("abstention_accuracy")] is None
    path = tmp_path / "plot.png"
    render_plot(report, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000


def test_compare_reports_deltas_and_changed_outcomes(report: dict[str, Any]) -> None:
    new_results = copy.deepcopy(report["results"])
    new_results[0].update(passed=False, checks={**PASSING, "citations_valid": False})  # broken
    new_results[1].update(passed=True, checks=dict(PASSING))  # fixed
    new_results[2]["latency_ms"] = 500.0
    new_results.append(_result("d4", "fact", True))
    new = _report(new_results)
    new["config"]["k"] = 4
    comparison = compare_reports(report, new)
    rows = {(r["kind"], r["metric"]): r for r in comparison["metrics"]}
    latency = rows[(None, "latency_p95_ms")]
    assert latency["delta"] > 0 and latency["better"] is False  # slower is worse
    accuracy = rows[("fact", "answer_accuracy")]
    assert (accuracy["old"], accuracy["new"], accuracy["better"]) == (0.5, 1.0, True)
    changes = {c["id"]: c for c in comparison["changed"]}
    assert set(changes) == {"d1", "d2"}
    assert changes["d1"]["change"] == "broken" and changes["d1"]["failed_now"] == [
        "citations_valid"
    ]
    assert changes["d2"]["change"] == "fixed"
    assert comparison["added"] == ["d4"] and comparison["removed"] == []
    assert comparison["config"] == {"k": [8, 4]}
    text = render_comparison(comparison)
    assert "broken   d1: passed -> citations_valid" in text
    assert "fact/answer_accuracy" in text and "better" in text


def test_compare_same_failure_in_a_new_way_is_listed(report: dict[str, Any]) -> None:
    new_results = copy.deepcopy(report["results"])
    new_results[1]["checks"] = {**PASSING, "evidence_cited": False}
    changes = compare_reports(report, _report(new_results))["changed"]
    assert [(c["id"], c["change"]) for c in changes] == [("d2", "changed")]


def test_compare_cli(report: dict[str, Any], tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(report))
    new.write_text(json.dumps(report))
    result = CliRunner().invoke(eval_command, ["--compare", str(old), str(new)])
    assert result.exit_code == 0
    assert "0 question(s) changed outcome" in result.stdout
    (tmp_path / "bad.json").write_text("{}")
    with pytest.raises(BadInput, match="not a qa-bot eval report"):
        load_report(tmp_path / "bad.json")


FEEDBACK: list[dict[str, Any]] = [
    {"question": "Who is Maya Wang?", "answer": "A bird [1].", "rating": "down",
     "citations": [CITATION], "comment": "wrong person", "history": [["Hi?", "Hello."]]},
    {"question": "Who is Pompeo?", "answer": "Secretary [1].", "rating": "up", "citations": []},
    {"question": "Who is Maya Wang?", "answer": "A bird again.", "rating": "down", "citations": [],
     "history": [["Hi?", "Hello."]]},
    {"question": "What did she say?", "answer": "Nothing.", "rating": "DOWN", "citations": [],
     "history": [{"role": "user", "content": "Who is Batke?"},
                 {"role": "assistant", "content": "A researcher."}]},
]  # fmt: skip


def test_feedback_becomes_question_lines_that_load() -> None:
    lines = [json.dumps(r) for r in FEEDBACK] + ["not json", json.dumps({"question": "x"})]
    converted, problems = convert_feedback(lines)
    assert [p.line for p in problems] == [5, 6]
    assert len(converted) == 2  # thumbs-up dropped, the repeated question kept once
    first = converted[0]
    assert first["kind"] == "feedback" and first["expect"] == [] and first["evidence"] == []
    assert first["rejected_answer"] == {"answer": "A bird [1].", "citations": [CITATION]}
    assert first["feedback"] == {"comment": "wrong person"}
    assert first["id"].startswith("fb-")
    assert converted[1]["history"] == [["Who is Batke?", "A researcher."]]
    questions, load_problems = parse_lines(json.dumps(c) for c in converted)
    assert load_problems == [] and questions[0].extra["rejected_answer"]["answer"] == "A bird [1]."


def test_feedback_ids_are_stable_and_history_is_validated() -> None:
    record = FEEDBACK[0]
    first, again = (
        feedback_to_question(record),
        feedback_to_question(json.loads(json.dumps(record))),
    )
    assert first is not None and again is not None and first["id"] == again["id"]
    other = feedback_to_question({**record, "question": "Who is Mike Pompeo?"})
    assert other is not None and other["id"] != first["id"]
    assert feedback_to_question(FEEDBACK[1]) is None
    with pytest.raises(ValueError, match="history"):
        history_pairs([["only one"]])


def test_from_feedback_cli_prints_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "feedback.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in FEEDBACK) + "\n")
    result = CliRunner().invoke(eval_command, ["--from-feedback", str(path)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["question"] == "Who is Maya Wang?"
    assert "2 question line(s)" in result.stderr


def test_feedback_saved_by_the_web_chat_converts() -> None:
    from qa_bot.chat.feedback import feedback_record
    from qa_bot.models import Answer, Citation

    cited = Citation(1, "npr", 4, "Pompeo spoke.", "INSKEEP", quotes=("Pompeo spoke.",))
    answer = Answer("Who spoke?", "Who spoke?", "Pompeo [1].", False, [cited], 12.5)
    down = feedback_record("down", "Who spoke?", answer, "Pompeo [1].", "extractive")
    up = feedback_record("up", "Who spoke?", answer, "Pompeo [1].", "extractive")
    converted, problems = convert_feedback([json.dumps(up), json.dumps(down)])
    assert problems == [] and len(converted) == 1
    line = converted[0]
    assert line["question"] == "Who spoke?" and line["kind"] == "feedback"
    assert line["rejected_answer"]["answer"] == "Pompeo [1]."
    assert line["rejected_answer"]["citations"] == [cited.to_contract()]
    assert line["feedback"]["backend"] == "extractive" and "time" in line["feedback"]
