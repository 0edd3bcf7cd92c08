"""Question files: JSON lines of ``{"id", "question", "kind", "history"?, "expect"?, "evidence"?}``.

A malformed line is reported with its line number and skipped so one typo does not sink a
run; fields the format does not know are kept (in ``Question.extra``) and copied to the report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_bot.errors import BadInput

ABSTAIN = "abstain"
KNOWN_FIELDS = ("id", "question", "kind", "history", "expect", "evidence")


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    kind: str
    history: tuple[tuple[str, str], ...] = ()
    expect: tuple[tuple[str, ...], ...] = ()  # every group must match, any alternative in a group
    evidence: tuple[str, ...] = ()  # alternatives: text that a cited paragraph should contain
    extra: dict[str, Any] = field(default_factory=dict)  # unknown fields, kept verbatim
    line: int = 0

    @property
    def answerable(self) -> bool:
        return self.kind != ABSTAIN


@dataclass(frozen=True)
class LineProblem:
    """A line that could not be used, with the 1-based line number users see in editors."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def load_questions(path: Path) -> tuple[list[Question], list[LineProblem]]:
    """Read a question file; BadInput only when the file itself is unusable."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BadInput(f"question file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read question file {path}: {exc}") from None
    return parse_lines(text.splitlines())


def parse_lines(lines: Iterable[str]) -> tuple[list[Question], list[LineProblem]]:
    questions: list[Question] = []
    problems: list[LineProblem] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            question = parse_question(_decode(raw), number)
        except ValueError as exc:
            problems.append(LineProblem(number, str(exc)))
            continue
        if question.id in seen:
            problems.append(
                LineProblem(
                    number, f"duplicate id {question.id!r} (first on line {seen[question.id]})"
                )
            )
            continue
        seen[question.id] = number
        questions.append(question)
    return questions, problems


def _decode(raw: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None


def parse_question(data: Any, line: int = 0) -> Question:
    """Validate one decoded line; ValueError says what is wrong with it."""
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    return Question(
        id=_required_text(data, "id"),
        question=_required_text(data, "question"),
        kind=_required_text(data, "kind"),
        history=_history(data.get("history")),
        expect=_expect(data.get("expect")),
        evidence=_evidence(data.get("evidence")),
        extra={k: v for k, v in data.items() if k not in KNOWN_FIELDS},
        line=line,
    )


def _required_text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f'"{name}" must be a non-empty string')
    return value.strip()


def _history(value: Any) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    error = ValueError('"history" must be a list of [question, answer] pairs of strings')
    if not isinstance(value, list):
        raise error
    turns = []
    for turn in value:
        if not (
            isinstance(turn, list) and len(turn) == 2 and all(isinstance(t, str) for t in turn)
        ):
            raise error
        turns.append((turn[0], turn[1]))
    return tuple(turns)


def _expect(value: Any) -> tuple[tuple[str, ...], ...]:
    if value is None:
        return ()
    error = ValueError('"expect" must be a list of groups, each a non-empty list of strings')
    if not isinstance(value, list):
        raise error
    groups = []
    for group in value:
        alternatives = [group] if isinstance(group, str) else group  # "x" means ["x"]
        if not (isinstance(alternatives, list) and alternatives):
            raise error
        if not all(isinstance(a, str) and a.strip() for a in alternatives):
            raise error
        groups.append(tuple(alternatives))
    return tuple(groups)


def _evidence(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not (isinstance(value, list) and all(isinstance(e, str) and e.strip() for e in value)):
        raise ValueError('"evidence" must be a list of non-empty strings')
    return tuple(value)
