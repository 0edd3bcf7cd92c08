"""Chosen source sentences -> answer text with one marker per cited paragraph.

Sentences from the same paragraph are shown together, in the paragraph's own order, followed by
that paragraph's marker; a transcript paragraph's speaker is named once, before its sentences.
Paragraphs appear in the order of their best sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from qa_bot.answer.extractive import Scored
from qa_bot.answer.turns import strip_label
from qa_bot.citations import build_cited_answer
from qa_bot.models import Citation, Paragraph


def compose(chosen: Sequence[Scored]) -> tuple[str, list[Citation]]:
    groups: dict[tuple[str, int], list[Scored]] = {}
    for item in chosen:
        groups.setdefault((item.paragraph.doc_id, item.paragraph.number), []).append(item)
    parts = []
    for items in groups.values():
        ordered = sorted(items, key=lambda s: s.position)
        paragraph = ordered[0].paragraph
        quotes = tuple(s.sentence for s in ordered)
        parts.append((_shown(paragraph, quotes), paragraph, quotes))
    return build_cited_answer(parts)


def _shown(paragraph: Paragraph, quotes: tuple[str, ...]) -> str:
    """The sentences as said: one speaker label in front of a transcript turn's sentences."""
    if not paragraph.speaker:
        return " ".join(quotes)
    said = " ".join(strip_label(q) for q in quotes)
    return f"{paragraph.speaker}: {said}"
