"""Compound questions: "Who is X's CEO, and what did he say?" asks a first question that the
later parts build on. When the sources cannot answer the first, the answer to the whole is
no answer to it, however near some sentence comes to the rest. Each later part is answered
too, its references ("he", "it") read from the first part; a later part the sources cannot
answer adds nothing."""

from __future__ import annotations

import re

from qa_bot.text import words

# "Who is X, and where does she work?": a second question joined to the first.
_SECOND_PART = re.compile(
    r",?\s+and\s+(?=(?:who|whom|whose|what|which|where|when|why|how|is|are|was|were|did|"
    r"does|do|has|have|had|can|could|will|would)\b)",
    re.I,
)


def question_parts(text: str) -> list[str]:
    """The questions of a compound question ("Who is X, and where does he work?" -> "Who is
    X?", "where does he work?"); [] for a single question ("When and where did he say it?")."""
    pieces = [p.strip(" ,?") for p in _SECOND_PART.split(text) if p.strip(" ,?")]
    if len(pieces) < 2 or not all(len(words(p)) >= 3 for p in pieces):
        return []
    return [p + "?" for p in pieces]
