"""Citation markers: ``[n]`` in the answer text, each resolving to one cited paragraph.

The answer builder gives paragraphs markers in order of first use; ``resolve_markers`` parses
any text (a model's too) back to the paragraphs that were given, dropping markers that do not
resolve, so a citation is never shown that the answer was not given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa_bot.models import Citation, Paragraph

MARKER = re.compile(r"\[(\d{1,3})\]")


def markers_in(text: str) -> list[int]:
    return [int(m) for m in MARKER.findall(text)]


def build_cited_answer(
    parts: Sequence[tuple[str, Paragraph, tuple[str, ...]]],
) -> tuple[str, list[Citation]]:
    """(shown text, paragraph, verbatim quotes) triples -> answer text and its citations."""
    numbers: dict[str, int] = {}
    quotes: dict[str, list[str]] = {}
    paragraphs: dict[str, Paragraph] = {}
    pieces: list[str] = []
    for shown, paragraph, used in parts:
        marker = numbers.setdefault(paragraph.id, len(numbers) + 1)
        paragraphs[paragraph.id] = paragraph
        quotes.setdefault(paragraph.id, []).extend(used)
        pieces.append(f"{shown} [{marker}]")
    citations = [
        Citation(
            marker=numbers[pid],
            source=p.doc_id,
            paragraph=p.number,
            text=p.text,
            speaker=p.speaker,
            quotes=tuple(quotes[pid]),
        )
        for pid, p in paragraphs.items()
    ]
    return " ".join(pieces), citations


def citations_valid(answer: str, citations: Sequence[Citation]) -> bool:
    """Every marker resolves to a listed citation and every listed citation is used."""
    used = set(markers_in(answer))
    listed = {c.marker for c in citations}
    return used == listed


def resolve_markers(text: str, given: int) -> tuple[str, list[int]]:
    """Remove markers outside 1..given; return the cleaned text and the removed numbers."""
    removed: list[int] = []

    def keep(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if 1 <= number <= given:
            return match.group(0)
        removed.append(number)
        return ""

    cleaned = MARKER.sub(keep, text)
    return re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned)).strip(), removed
