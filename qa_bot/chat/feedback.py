"""Thumbs up / down on chat replies, appended as JSON lines to ``data_dir/feedback.jsonl``.

Each line holds the question, the answer and its citations (the ``ask --json`` object), so
that a disliked answer can be turned into an evaluation case.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qa_bot.models import Answer

FEEDBACK_FILE = "feedback.jsonl"


class FeedbackLog:
    """An append-only JSONL file; one lock per log so concurrent sessions never interleave."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    @classmethod
    def in_dir(cls, data_dir: Path) -> FeedbackLog:
        return cls(data_dir / FEEDBACK_FILE)

    def append(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)

    def read(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]


def rating_of(liked: object) -> str | None:
    """``gr.LikeData.liked`` as 'up' / 'down' (None when a vote was taken back)."""
    if liked is True:
        return "up"
    if liked is False:
        return "down"
    return None


def feedback_record(
    rating: str,
    question: str,
    answer: Answer | None,
    shown_reply: str,
    backend: str,
    history: list[list[str]] | None = None,
) -> dict[str, Any]:
    """The stored line: time, rating, backend, the earlier turns (``[question, answer]``, so a
    follow-up can be replayed) and the ``ask --json`` object of the reply.

    A refused question (no ``Answer``) keeps the message that was shown as its answer.
    """
    record: dict[str, Any] = {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "rating": rating,
        "backend": backend,
        "history": history or [],
    }
    if answer is None:
        record.update(
            question=question,
            standalone_question=question,
            answer=shown_reply,
            abstained=False,
            citations=[],
            error=True,
        )
    else:
        record.update(answer.to_contract())
        record["quotes"] = {str(c.marker): list(c.quotes) for c in answer.citations}
    return record
