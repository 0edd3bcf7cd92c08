"""``qa-bot eval --from-feedback FEEDBACK.jsonl``: thumbs-down answers become question lines.

A feedback record (saved by the web chat) has at least ``question``, ``answer``, ``citations``
and ``rating`` ("up" / "down"), optionally ``history``. Each thumbs-down record becomes a line
of kind "feedback" with empty ``expect`` / ``evidence`` for a person to fill in; the rejected
answer is kept in ``rejected_answer`` so the reviewer sees what went wrong.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from qa_bot.eval.questions import LineProblem

FEEDBACK_KIND = "feedback"
#: Fields of the ``ask --json`` reply kept together as the rejected answer.
ANSWER_FIELDS = ("answer", "citations", "abstained", "standalone_question", "verification")
_QUESTION_FIELDS = ("question", "rating", "history")


def feedback_to_question(record: Any) -> dict[str, Any] | None:
    """The question line for one record; None for a thumbs-up; ValueError when malformed."""
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    rating = record.get("rating")
    if not isinstance(rating, str) or rating.strip().lower() not in ("up", "down"):
        raise ValueError('"rating" must be "up" or "down"')
    if rating.strip().lower() == "up":
        return None
    question = record.get("question")
    if not isinstance(question, str) or not question.strip():
        raise ValueError('"question" must be a non-empty string')
    history = history_pairs(record.get("history"))
    line: dict[str, Any] = {"id": feedback_id(question, history), "question": question.strip()}
    line["kind"] = FEEDBACK_KIND
    if history:
        line["history"] = history
    line["expect"] = []
    line["evidence"] = []
    rejected = {"answer": record.get("answer"), "citations": record.get("citations") or []}
    rejected |= {k: record[k] for k in ANSWER_FIELDS if k in record and k not in rejected}
    line["rejected_answer"] = rejected
    other = {k: v for k, v in record.items() if k not in (*ANSWER_FIELDS, *_QUESTION_FIELDS)}
    if other:
        line["feedback"] = other  # e.g. the time, backend or a comment the chat saved
    return line


def history_pairs(value: Any) -> list[list[str]]:
    """``[[question, answer], ...]`` from pairs or from chat messages (``{"role", "content"}``)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError('"history" must be a list')
    if all(isinstance(m, dict) for m in value):
        return _pairs_from_messages(value)
    if all(_is_pair(turn) for turn in value):
        return [list(turn) for turn in value]
    raise ValueError('"history" must hold [question, answer] pairs or chat messages')


def _is_pair(turn: Any) -> bool:
    return isinstance(turn, list) and len(turn) == 2 and all(isinstance(t, str) for t in turn)


def _pairs_from_messages(messages: list[Mapping[str, Any]]) -> list[list[str]]:
    pairs: list[list[str]] = []
    pending: str | None = None
    for message in messages:
        role, content = message.get("role"), message.get("content")
        if not isinstance(content, str):
            raise ValueError('"history" messages need a text "content"')
        if role == "user":
            pending = content
        elif role == "assistant" and pending is not None:
            pairs.append([pending, content])
            pending = None
    return pairs


def feedback_id(question: str, history: list[list[str]]) -> str:
    """Stable per (question, history): converting the same feedback twice gives the same ids."""
    key = json.dumps([question.strip(), history], ensure_ascii=False)
    return "fb-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


def convert_feedback(lines: Iterable[str]) -> tuple[list[dict[str, Any]], list[LineProblem]]:
    """Question lines for the thumbs-down records (one per question and history)."""
    questions: dict[str, dict[str, Any]] = {}
    problems: list[LineProblem] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            line = feedback_to_question(json.loads(raw))
        except json.JSONDecodeError as exc:
            problems.append(LineProblem(number, f"not valid JSON ({exc.msg})"))
            continue
        except ValueError as exc:
            problems.append(LineProblem(number, str(exc)))
            continue
        if line is not None:
            questions.setdefault(line["id"], line)
    return list(questions.values()), problems
