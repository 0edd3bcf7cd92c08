"""Cutting a model's streamed reply into whole sentences, each with its citation markers.

Nothing reaches the user before its sentence is complete and verified, so the buffer holds
text back until it is sure a sentence has ended: a boundary followed by the start of the next
sentence (not by a ``[`` that may be this sentence's marker), a new line, or the end of the
reply. Markers written after the full stop ("... in 2019. [2]") belong to the sentence before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa_bot.text import split_sentences

# [1]  [1, 2]  [1][2]  [Source 1]  [sources 1 and 3]
_MARKER = re.compile(
    r"\[\s*(?:sources?\s*)?(\d{1,3}(?:\s*(?:,|;|and|&)\s*(?:sources?\s*)?\d{1,3})*)\s*\]",
    re.IGNORECASE,
)
_LEADING_MARKERS = re.compile(rf"^(?:\s*{_MARKER.pattern})+", re.IGNORECASE)
_LIST_PREFIX = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL | re.IGNORECASE)
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?])")


@dataclass(frozen=True)
class Unit:
    """One sentence of the reply: its text without markers and the markers it carried."""

    raw: str
    claim: str
    markers: tuple[int, ...]


def parse_unit(raw: str) -> Unit:
    markers: list[int] = []
    for match in _MARKER.finditer(raw):
        markers.extend(int(n) for n in re.findall(r"\d+", match.group(1)))
    claim = _MARKER.sub(" ", raw)
    claim = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(claim.split()))
    return Unit(raw=raw, claim=claim.strip(), markers=tuple(dict.fromkeys(markers)))


def split_units(text: str) -> list[str]:
    """Sentences of ``text``; markers that open a sentence are moved to the one before."""
    units: list[str] = []
    for line in _THINK.sub("", text).split("\n"):
        line = _LIST_PREFIX.sub("", line)
        for sentence in split_sentences(line):
            lead = _LEADING_MARKERS.match(sentence)
            if lead and units:
                units[-1] = f"{units[-1]} {lead.group(0).strip()}"
                sentence = sentence[lead.end() :].strip()
            if sentence:
                units.append(sentence)
    return units


class SentenceBuffer:
    """Feed streamed text; get back the sentences that are certainly complete."""

    def __init__(self) -> None:
        self._text = ""
        self._emitted = 0

    def feed(self, piece: str) -> list[str]:
        self._text += piece
        units = split_units(self._text)
        # The last sentence may still grow; one right before a "[" may still get its marker.
        hold = 1
        if units and units[-1].lstrip().startswith("["):
            hold = 2
        if self._text.endswith("\n") and units and not units[-1].lstrip().startswith("["):
            hold = 0
        return self._take(units, max(self._emitted, len(units) - hold))

    def flush(self) -> list[str]:
        """The end of the reply: whatever is left is complete."""
        units = split_units(self._text)
        return self._take(units, len(units))

    def _take(self, units: list[str], upto: int) -> list[str]:
        ready = units[self._emitted : upto]
        self._emitted = max(self._emitted, upto)
        return ready
