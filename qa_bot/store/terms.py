"""Word vectors of the corpus vocabulary, for matching a question's words to their synonyms.

A question often says "specialty" where the source says "specializes", or "drones" where it says
"unmanned aerial vehicles". Each stemmed term of the corpus is embedded once at ingest (by its
most frequent surface word, with the same sentence model); at question time a question word
that a sentence lacks can still be matched by the sentence's most similar word.
Stored beside the lexical index as ``terms-<same digest>.npz``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from qa_bot.text import STOPWORDS, stem, words

EmbedArray = Callable[[Sequence[str]], np.ndarray]


class TermVectors:
    def __init__(self, terms: list[str], surfaces: list[str], vectors: np.ndarray) -> None:
        self.terms = terms
        self.surfaces = surfaces
        self.vectors = vectors.astype(np.float32)
        self.index = {t: i for i, t in enumerate(terms)}

    @classmethod
    def build(cls, texts: Iterable[str], embed: EmbedArray) -> TermVectors:
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            for word in words(text):
                if word not in STOPWORDS and len(word) > 1:
                    surfaces[stem(word)][word] += 1
        terms = sorted(t for t in surfaces if t not in STOPWORDS)
        shown = [surfaces[t].most_common(1)[0][0] for t in terms]
        vectors = embed(shown) if shown else np.zeros((0, 384), dtype=np.float32)
        return cls(terms, shown, np.asarray(vectors, dtype=np.float32))

    def vector(self, term: str) -> np.ndarray | None:
        row = self.index.get(term)
        return None if row is None else self.vectors[row]

    def rows(self, terms: Iterable[str]) -> list[int]:
        return [row for t in terms if (row := self.index.get(t)) is not None]

    def save(self, path: Path) -> None:
        payload = json.dumps({"terms": self.terms, "surfaces": self.surfaces}).encode()
        with path.open("wb") as handle:
            np.savez(
                handle,
                words=np.frombuffer(payload, dtype=np.uint8),
                vectors=self.vectors.astype(np.float16),
            )

    @classmethod
    def load(cls, path: Path) -> TermVectors:
        with np.load(path) as data:
            payload = json.loads(data["words"].tobytes().decode())
            return cls(payload["terms"], payload["surfaces"], data["vectors"])


def terms_file_name(lexical_file: str) -> str:
    """The word-vector file that belongs with a lexical index file."""
    return lexical_file.replace("lexical-", "terms-", 1)


class SoftMatcher:
    """Similarity of a question's terms to the words of one sentence."""

    def __init__(self, vectors: TermVectors, question_vectors: dict[str, np.ndarray]) -> None:
        self._vectors = vectors
        self._question = question_vectors

    @classmethod
    def for_question(
        cls, vectors: TermVectors, surfaces: dict[str, str], embed: EmbedArray
    ) -> SoftMatcher:
        """``surfaces``: stemmed question term -> the word as the question wrote it."""
        known = {t: v for t in surfaces if (v := vectors.vector(t)) is not None}
        unknown = [t for t in surfaces if t not in known]
        if unknown:
            embedded = embed([surfaces[t] for t in unknown])
            known.update(zip(unknown, np.asarray(embedded, dtype=np.float32), strict=True))
        return cls(vectors, known)

    def best(self, term: str, sentence_terms: Iterable[str]) -> float:
        """Highest cosine between the question term and any word of the sentence."""
        query = self._question.get(term)
        rows = self._vectors.rows(sentence_terms)
        if query is None or not rows:
            return 0.0
        return float(np.max(self._vectors.vectors[rows] @ query))
