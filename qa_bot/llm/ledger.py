"""The kept sentences of a generated answer, their renumbered citations and the record.

Markers are renumbered in order of first use (1..m), so the user never sees a gap or a
number the model made up; each citation is the verbatim paragraph with the sentences of it
that support the answer (``quotes``, for highlighting).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from qa_bot.llm.support import SourceFacts, best_quote, content_stems
from qa_bot.llm.verify import Verdict
from qa_bot.models import Citation

_TERMINAL = (".", "!", "?", '"', "'", "”", "’", ")")


@dataclass
class GeneratedAnswer:
    """A verified generated answer: text with markers [1]..[m] and what was checked."""

    answer: str
    citations: list[Citation]
    verification: dict[str, Any] = field(default_factory=dict)


class CitationLedger:
    """Collects verdicts in reply order and renders what the user may see."""

    def __init__(self, facts: Sequence[SourceFacts], backend: str) -> None:
        self._facts = facts
        self._backend = backend
        self._markers: dict[int, int] = {}  # position in the given paragraphs -> shown marker
        self._quotes: dict[int, set[str]] = {}
        self.sentences: list[str] = []
        self.dropped: list[dict[str, Any]] = []
        self.flagged: list[dict[str, Any]] = []
        self.markers_removed: list[dict[str, Any]] = []

    def record(self, verdict: Verdict) -> str | None:
        """The text to show for this sentence (with a leading space after the first), or None."""
        self.markers_removed.extend(verdict.removed)
        claim = verdict.unit.claim
        if not verdict.kept:
            self.dropped.append({"sentence": claim, "reason": verdict.dropped})
            return None
        stems = content_stems(claim)
        shown = [self._cite(position, stems) for position in verdict.cited]
        if verdict.repair:
            cited = "".join(f"[{m}]" for m in shown)
            self.flagged.append({"sentence": claim, "reason": f"{verdict.repair}: {cited}"})
        text = claim if claim.endswith(_TERMINAL) else f"{claim}."
        text = f"{text} " + "".join(f"[{m}]" for m in dict.fromkeys(shown))
        piece = text if not self.sentences else f" {text}"
        self.sentences.append(text)
        return piece

    def _cite(self, position: int, stems: list[str]) -> int:
        marker = self._markers.setdefault(position, len(self._markers) + 1)
        quote = best_quote(stems, self._facts[position - 1])
        if quote:
            self._quotes.setdefault(position, set()).add(quote)
        return marker

    def citations(self) -> list[Citation]:
        cited = []
        for position, marker in sorted(self._markers.items(), key=lambda item: item[1]):
            facts = self._facts[position - 1]
            paragraph = facts.paragraph
            chosen = self._quotes.get(position, set())
            quotes = tuple(s for s in facts.sentences if s in chosen)  # in paragraph order
            cited.append(
                Citation(
                    marker=marker,
                    source=paragraph.doc_id,
                    paragraph=paragraph.number,
                    text=paragraph.text,
                    speaker=paragraph.speaker,
                    quotes=quotes,
                )
            )
        return cited

    def verification(self, error: str | None = None) -> dict[str, Any]:
        record: dict[str, Any] = {
            "backend": self._backend,
            "dropped": list(self.dropped),
            "flagged": list(self.flagged),
            "markers_removed": list(self.markers_removed),
            "fallback": not self.sentences,
        }
        if error:
            record["error"] = error
        return record

    def result(self, error: str | None = None) -> GeneratedAnswer | None:
        if not self.sentences:
            return None
        return GeneratedAnswer(" ".join(self.sentences), self.citations(), self.verification(error))
