"""Verification of a generated answer, one sentence at a time, against the given paragraphs.

A sentence is kept only when the paragraphs it cites support it:

- every marker must name a paragraph given in this turn (``[1]``..``[n]``); others are
  removed and never shown;
- every number in the sentence occurs in the cited paragraphs, and so does every name
  (any capitalised word but a common sentence opener; names from the question also count,
  since a paragraph often says "it" for the subject the user asked about);
- lexical support >= ``LEXICAL_MIN``: the share of the sentence's content words found in
  the cited paragraphs (see ``qa_bot.llm.support``);
- embedding support >= ``EMBEDDING_MIN``: the best cosine between the sentence and a cited
  paragraph (skipped when no embeddings are given);
- it has at least ``MIN_CONTENT_WORDS`` content words, is not a repeat, and repeats no word
  that occurs only in an instruction planted in a source.

A sentence without a (valid) marker, or whose cited paragraphs do not support it, gets the
single given paragraph that supports it best, if that one passes the same checks; otherwise
it is dropped. How the thresholds were chosen: see ``tests/test_llm_thresholds.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qa_bot.llm.sentences import Unit, parse_unit
from qa_bot.llm.support import (
    FRAMING_WORDS,
    STOPWORDS,
    SourceFacts,
    content_stems,
    cosine,
    lexical_support,
    negates,
    numbers,
)
from qa_bot.models import Paragraph
from qa_bot.text import stem

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

LEXICAL_MIN = 0.7
EMBEDDING_MIN = 0.35
MIN_CONTENT_WORDS = 2
_NAME = re.compile(r"\b[A-Z][A-Za-z'’\-]{2,}")
_DANGLING = frozenset(
    "is are was were be in on from by of to at see per and or the a an source sources "
    "paragraph".split()
)
# Words that open a sentence capitalised without being names.
_OPENERS = frozenset(
    "however additionally furthermore moreover overall meanwhile currently instead therefore "
    "thus finally first second third notably specifically also still yet today earlier later "
    "many several another every although though since despite unlike like according "
    "while whether based given".split()
)
_NAME_PREFIX = 5  # "Chinese" is supported by "China", "Uighurs" by "Uighur"


@dataclass(frozen=True)
class Check:
    supported: bool
    reason: str = ""


@dataclass(frozen=True)
class Verdict:
    """What happens to one sentence of the reply."""

    unit: Unit
    cited: tuple[int, ...] = ()  # 1-based positions in the given paragraphs, kept markers
    dropped: str | None = None  # why the sentence is not shown
    repair: str | None = None  # "marker added" / "citation corrected", when it was
    removed: tuple[dict[str, object], ...] = field(default_factory=tuple)

    @property
    def kept(self) -> bool:
        return self.dropped is None


def _dangling(claim: str) -> str | None:
    """A sentence that used its marker as a word ("... is stated in [2].") is broken without it."""
    last = re.findall(r"[\w']+", claim.lower())[-1:]
    return "the sentence leans on its marker" if last and last[0] in _DANGLING else None


def _names(text: str) -> list[str]:
    """Capitalised words: names, and the first word unless it is a common opener."""
    common = STOPWORDS | FRAMING_WORDS | _OPENERS
    return [n for n in _NAME.findall(text) if n.lower() not in common]


def _name_known(name: str, vocabulary: frozenset[str]) -> bool:
    key = stem(name.lower())
    if key in vocabulary:
        return True
    return len(key) >= _NAME_PREFIX and any(v.startswith(key[:_NAME_PREFIX]) for v in vocabulary)


class Verifier:
    """Checks the sentences of one reply against the paragraphs given with the question."""

    def __init__(
        self,
        paragraphs: Sequence[Paragraph],
        embeddings: Embeddings | None = None,
        question: str = "",
    ) -> None:
        self.facts = [SourceFacts.of(p) for p in paragraphs]
        self._embeddings = embeddings
        self._vectors: list[list[list[float]]] | None = None
        self._sentence_vectors: dict[str, list[float]] = {}
        self._question_words = frozenset(content_stems(question))
        self._injected = frozenset().union(*(f.injected for f in self.facts))
        self._seen: set[tuple[str, ...]] = set()

    def verify(self, raw: str) -> Verdict:
        unit = parse_unit(raw)
        count = len(self.facts)
        removed = [
            {"marker": m, "sentence": unit.claim, "reason": "no such source in this turn"}
            for m in unit.markers
            if not 1 <= m <= count
        ]
        valid = tuple(m for m in unit.markers if 1 <= m <= count)
        claim = content_stems(unit.claim)
        if reason := self._unverifiable(claim) or _dangling(unit.claim):
            return Verdict(unit, dropped=reason, removed=tuple(removed))
        self._seen.add(tuple(claim))
        check = self.check(unit.claim, claim, valid) if valid else Check(False, "no marker")
        if check.supported:
            return Verdict(unit, cited=self._prune(claim, valid), removed=tuple(removed))
        return self._recite(unit, claim, valid, check, removed)

    def _unverifiable(self, claim: list[str]) -> str | None:
        if len(claim) < MIN_CONTENT_WORDS:
            return "too short to verify"
        if tuple(claim) in self._seen:
            return "repeats an earlier sentence"
        if planted := sorted(set(claim) & self._injected):
            return f"repeats an instruction planted in a source ({planted[0]!r})"
        return None

    def _recite(
        self,
        unit: Unit,
        claim: list[str],
        valid: tuple[int, ...],
        failed: Check,
        removed: list[dict[str, object]],
    ) -> Verdict:
        """Cite the one given paragraph that supports the sentence, or drop it."""
        for index in self._ranked(claim, exclude=valid):
            if self.check(unit.claim, claim, (index,)).supported:
                removed += [
                    {"marker": m, "sentence": unit.claim, "reason": "does not support it"}
                    for m in valid
                ]
                repair = "citation corrected" if valid else "marker added"
                return Verdict(unit, cited=(index,), repair=repair, removed=tuple(removed))
        reason = failed.reason if valid else "no marker, and no given source supports it"
        return Verdict(unit, dropped=reason, removed=tuple(removed))

    def _ranked(self, claim: list[str], exclude: tuple[int, ...], top: int = 2) -> list[int]:
        scored = [
            (lexical_support(claim, facts.vocabulary), index)
            for index, facts in enumerate(self.facts, start=1)
            if index not in exclude
        ]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [index for score, index in scored[:top] if score >= LEXICAL_MIN]

    def _prune(self, claim: list[str], cited: tuple[int, ...]) -> tuple[int, ...]:
        """Of several markers, keep those whose paragraph shares a word with the sentence."""
        kept = tuple(m for m in cited if lexical_support(claim, self.facts[m - 1].vocabulary) > 0)
        return kept or cited

    def check(self, text: str, claim: list[str], cited: Sequence[int]) -> Check:
        """Do the paragraphs at 1-based positions ``cited`` support ``text``?"""
        facts = [self.facts[i - 1] for i in cited]
        vocabulary = frozenset().union(*(f.vocabulary for f in facts))
        if missing := sorted(numbers(text) - frozenset().union(*(f.numbers for f in facts))):
            return Check(False, f"number {missing[0]} is not in the cited source")
        for name in _names(text):
            if not _name_known(name, vocabulary | self._question_words):
                return Check(False, f"name {name!r} is not in the cited source")
        if negates(text) and not any(f.negated for f in facts):
            return Check(False, "a negation that is not in the cited source")
        lexical = lexical_support(claim, vocabulary)
        if lexical < LEXICAL_MIN:
            return Check(False, f"lexical support {lexical:.2f} < {LEXICAL_MIN}")
        similarity = self._similarity(text, cited)
        if similarity is not None and similarity < EMBEDDING_MIN:
            return Check(False, f"embedding support {similarity:.2f} < {EMBEDDING_MIN}")
        return Check(True)

    def _similarity(self, text: str, cited: Sequence[int]) -> float | None:
        """The best cosine between ``text`` and a cited paragraph or one of its sentences."""
        if self._embeddings is None:
            return None
        if self._vectors is None:
            self._vectors = self._embed_sources(self._embeddings)
        if text not in self._sentence_vectors:
            self._sentence_vectors[text] = self._embeddings.embed_query(text)
        sentence = self._sentence_vectors[text]
        return max(cosine(sentence, v) for i in cited for v in self._vectors[i - 1])

    def _embed_sources(self, embeddings: Embeddings) -> list[list[list[float]]]:
        texts = [[f.paragraph.text, *f.sentences] for f in self.facts]
        flat = embeddings.embed_documents([t for group in texts for t in group])
        vectors, start = [], 0
        for group in texts:
            vectors.append([list(v) for v in flat[start : start + len(group)]])
            start += len(group)
        return vectors
