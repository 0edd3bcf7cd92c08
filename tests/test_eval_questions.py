"""The question-file loader: malformed lines reported by number, unknown fields kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa_bot.errors import BadInput
from qa_bot.eval.questions import load_questions, parse_lines, parse_question
from qa_bot.settings import PROJECT_ROOT


def _line(**fields: object) -> str:
    return json.dumps({"id": "q1", "question": "Who?", "kind": "fact", **fields})


def test_full_line_is_parsed_into_tuples() -> None:
    question = parse_question(
        {
            "id": "d20",
            "kind": "followup",
            "question": " What did she say? ",
            "history": [["Who is Jessica Batke?", "A researcher."]],
            "expect": [["tangible signal", "action"], ["she"]],
            "evidence": ["tangible signal"],
        },
        line=7,
    )
    assert question.id == "d20"
    assert question.question == "What did she say?"
    assert question.history == (("Who is Jessica Batke?", "A researcher."),)
    assert question.expect == (("tangible signal", "action"), ("she",))
    assert question.evidence == ("tangible signal",)
    assert question.line == 7
    assert question.answerable


def test_optional_fields_default_to_empty_and_abstain_is_not_answerable() -> None:
    question = parse_question({"id": "a", "question": "Capital of NZ?", "kind": "abstain"})
    assert (question.history, question.expect, question.evidence) == ((), (), ())
    assert not question.answerable


def test_unknown_fields_are_kept_not_rejected() -> None:
    questions, problems = parse_lines([_line(source="review 3", rejected_answer={"answer": "x"})])
    assert problems == []
    assert questions[0].extra == {"source": "review 3", "rejected_answer": {"answer": "x"}}


def test_a_bare_string_in_expect_is_a_one_alternative_group() -> None:
    questions, _ = parse_lines([_line(expect=["Hikvision", ["chips", "technology"]])])
    assert questions[0].expect == (("Hikvision",), ("chips", "technology"))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps({"question": "Who?", "kind": "fact"}), '"id"'),
        (json.dumps({"id": "x", "question": "  ", "kind": "fact"}), '"question"'),
        (json.dumps({"id": "x", "question": "Who?"}), '"kind"'),
        (_line(history=[["only the question"]]), '"history"'),
        (_line(history="Who is she?"), '"history"'),
        (_line(expect=[[]]), '"expect"'),
        (_line(expect=[["ok", 3]]), '"expect"'),
        (_line(expect="Hikvision"), '"expect"'),
        (_line(evidence="a string"), '"evidence"'),
        (_line(evidence=[""]), '"evidence"'),
    ],
)
def test_malformed_line_is_reported_with_its_number_and_the_rest_still_load(
    line: str, message: str
) -> None:
    good = json.dumps({"id": "ok", "question": "Fine?", "kind": "fact"})
    questions, problems = parse_lines([good, "", line, good.replace('"ok"', '"ok2"')])
    assert [q.id for q in questions] == ["ok", "ok2"]
    assert len(problems) == 1
    assert problems[0].line == 3  # blank lines count: numbers match the editor
    assert message in problems[0].message
    assert str(problems[0]).startswith("line 3: ")


def test_duplicate_id_keeps_the_first_and_reports_the_second() -> None:
    questions, problems = parse_lines([_line(), _line(question="Again?")])
    assert [q.question for q in questions] == ["Who?"]
    assert problems[0].line == 2 and "duplicate id 'q1'" in problems[0].message


def test_load_reads_utf8_with_bom_and_reports_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    path.write_bytes("\ufeff".encode() + _line(question="Où?").encode() + b"\n")
    questions, problems = load_questions(path)
    assert problems == [] and questions[0].question == "Où?"
    with pytest.raises(BadInput, match="not found"):
        load_questions(tmp_path / "missing.jsonl")


def test_the_bundled_dev_set_loads_cleanly() -> None:
    questions, problems = load_questions(PROJECT_ROOT / "eval" / "dev_questions.jsonl")
    assert problems == []
    assert len(questions) == 21
    assert {q.kind for q in questions} == {"fact", "abstain", "followup"}
