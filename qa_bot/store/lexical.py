"""BM25 over chunk texts, stored with the store as one ``.npz`` so a start-up loads, not rebuilds.

Postings are term-major (CSC-like) so a query touches only its own terms' lists.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from qa_bot.text import content_terms

K1 = 1.2
B = 0.75


class LexicalIndex:
    def __init__(
        self,
        vocabulary: dict[str, int],
        indptr: np.ndarray,
        postings: np.ndarray,
        frequencies: np.ndarray,
        lengths: np.ndarray,
    ) -> None:
        self.vocabulary = vocabulary
        self._indptr = indptr
        self._postings = postings
        self._frequencies = frequencies
        self._lengths = lengths
        count = max(len(lengths), 1)
        self._avg_length = float(lengths.mean()) if len(lengths) else 1.0
        document_frequency = np.diff(indptr).astype(np.float64)
        # BM25+ style idf, always positive.
        self._idf = np.log(1.0 + (count - document_frequency + 0.5) / (document_frequency + 0.5))
        # A word the chunks never use says nothing of how rare it is in the language: weigh it
        # as the chunks' average word is weighed (idf averaged over every word occurrence).
        occurrences = np.repeat(self._idf, np.diff(indptr)) if len(frequencies) else np.zeros(0)
        total = float(frequencies.sum())
        self._unseen_idf = (
            float((occurrences * frequencies).sum()) / total
            if total
            else math.log(1.0 + (count + 0.5) / 0.5)
        )

    @classmethod
    def build(cls, texts: Sequence[str]) -> LexicalIndex:
        vocabulary: dict[str, int] = {}
        rows: list[list[tuple[int, int]]] = []
        lengths = np.zeros(len(texts), dtype=np.float32)
        for row, text in enumerate(texts):
            counts = Counter(content_terms(text))
            lengths[row] = sum(counts.values())
            rows.append([(vocabulary.setdefault(t, len(vocabulary)), n) for t, n in counts.items()])
        by_term: list[list[tuple[int, int]]] = [[] for _ in vocabulary]
        for row, entries in enumerate(rows):
            for term, n in entries:
                by_term[term].append((row, n))
        indptr = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        indptr[1:] = np.cumsum([len(p) for p in by_term])
        flat = [entry for postings in by_term for entry in postings]
        postings = np.array([r for r, _ in flat], dtype=np.int32)
        frequencies = np.array([n for _, n in flat], dtype=np.float32)
        return cls(vocabulary, indptr, postings, frequencies, lengths)

    def idf(self, term: str) -> float:
        """Inverse document frequency of a stemmed term (an unseen term: that of the average
        word occurrence)."""
        index = self.vocabulary.get(term)
        return self._unseen_idf if index is None else float(self._idf[index])

    @property
    def rows(self) -> int:
        """How many chunks the index holds (one row each, in catalog order)."""
        return len(self._lengths)

    def __contains__(self, term: str) -> bool:
        return term in self.vocabulary

    def rows_with(self, terms: Sequence[str]) -> set[int]:
        """Chunks that contain every one of the (stemmed) terms."""
        rows: set[int] | None = None
        for term in set(terms):
            index = self.vocabulary.get(term)
            if index is None:
                return set()
            postings = set(self._postings[self._indptr[index] : self._indptr[index + 1]].tolist())
            rows = postings if rows is None else rows & postings
        return rows or set()

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk for the (stemmed) query terms."""
        scores = np.zeros(len(self._lengths), dtype=np.float32)
        norm = K1 * (1 - B + B * self._lengths / self._avg_length)
        for term in set(terms):
            index = self.vocabulary.get(term)
            if index is None:
                continue
            lo, hi = self._indptr[index], self._indptr[index + 1]
            rows, tf = self._postings[lo:hi], self._frequencies[lo:hi]
            scores[rows] += self._idf[index] * tf * (K1 + 1) / (tf + norm[rows])
        return scores

    def top(self, terms: Sequence[str], k: int) -> list[tuple[int, float]]:
        scores = self.scores(terms)
        if not len(scores):
            return []
        k = min(k, len(scores))
        best = np.argpartition(-scores, k - 1)[:k]
        ranked = sorted(best, key=lambda i: -scores[i])
        return [(int(i), float(scores[i])) for i in ranked if scores[i] > 0]

    def save(self, path: Path) -> None:
        with path.open("wb") as handle:
            np.savez(
                handle,
                vocabulary=np.frombuffer(json.dumps(self.vocabulary).encode(), dtype=np.uint8),
                indptr=self._indptr,
                postings=self._postings,
                frequencies=self._frequencies,
                lengths=self._lengths,
            )

    @classmethod
    def load(cls, path: Path) -> LexicalIndex:
        with np.load(path) as data:
            vocabulary = json.loads(data["vocabulary"].tobytes().decode())
            return cls(
                vocabulary, data["indptr"], data["postings"], data["frequencies"], data["lengths"]
            )
