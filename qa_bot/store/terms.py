"""Word vectors of the corpus vocabulary, for matching a question's words to their synonyms.

A question often says "specialty" where the source says "specializes", or "drones" where it says
"unmanned aerial vehicles". Each stemmed term of the corpus is embedded once at ingest (by its
most frequent surface word, with the same sentence model); at question time a question word
that a sentence lacks can still be matched by the sentence's most similar word.
Stored beside the lexical index as ``terms-<same digest>.npz``.

Only words worth a vector get one: no numbers (matched exactly, they have no synonyms) and,
when the model's tokenizer is at hand, no word it splits into more than ``MAX_PIECES``
WordPiece pieces (mostly names, whose "synonyms" by a sentence model are unreliable; a large
corpus has tens of thousands of them). A word that the previous word-vector file of the store
already holds keeps its vector (the model embeds a text the same alone or in any batch).
"""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from qa_bot.text import STOPWORDS, stem, words

if TYPE_CHECKING:
    from qa_bot.store.catalog import Catalog
    from qa_bot.store.chroma import ChunkStore

EmbedArray = Callable[[Sequence[str]], np.ndarray]
CountPieces = Callable[[Sequence[str]], Sequence[int]]
MAX_PIECES = 1  # WordPiece pieces a word may have and still get a vector
_DIGIT = re.compile(r"\d")


class TermVectors:
    def __init__(self, terms: list[str], surfaces: list[str], vectors: np.ndarray) -> None:
        self.terms = terms
        self.surfaces = surfaces
        self.vectors = vectors.astype(np.float32)
        self.index = {t: i for i, t in enumerate(terms)}

    @classmethod
    def build(
        cls,
        texts: Iterable[str],
        embed: EmbedArray,
        *,
        pieces: CountPieces | None = None,
        previous: TermVectors | None = None,
    ) -> TermVectors:
        """Vectors of the corpus's terms worth one (see the module), each by its most frequent
        surface word; ``pieces`` counts a word's WordPiece pieces, ``previous`` lends the
        vectors it has for the same surface words."""
        surfaces: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            for word in words(text):
                if word not in STOPWORDS and len(word) > 1 and not _DIGIT.search(word):
                    surfaces[stem(word)][word] += 1
        terms = sorted(t for t in surfaces if t not in STOPWORDS)
        shown = [surfaces[t].most_common(1)[0][0] for t in terms]
        if pieces is not None and shown:
            kept = [i for i, n in enumerate(pieces(shown)) if n <= MAX_PIECES]
            terms, shown = [terms[i] for i in kept], [shown[i] for i in kept]
        known = previous.by_surface() if previous is not None else {}
        missing = sorted({w for w in shown if w not in known})
        if missing:
            embedded = np.asarray(embed(missing), dtype=np.float32)
            known = {**known, **dict(zip(missing, embedded, strict=True))}
        vectors = np.stack([known[w] for w in shown]) if shown else np.zeros((0, 384))
        return cls(terms, shown, np.asarray(vectors, dtype=np.float32))

    def by_surface(self) -> dict[str, np.ndarray]:
        return dict(zip(self.surfaces, self.vectors, strict=True))

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


# -- at ingest: the store's vocabulary ---------------------------------------------------------
def store_term_vectors(store: ChunkStore, new: Catalog, embed_texts: EmbedArray) -> TermVectors:
    """The vocabulary's word vectors, reusing those of the committed store's file."""
    embeddings = store.embeddings
    embed = getattr(embeddings, "embed_words", None) or embed_texts
    return TermVectors.build(
        (c.index_text for c in new.chunks),
        embed,
        pieces=getattr(embeddings, "count_pieces", None),
        previous=_committed_terms(store),
    )


def _committed_terms(store: ChunkStore) -> TermVectors | None:
    """The word vectors the committed catalog uses (None if none, or unreadable)."""
    lexical_file = store.catalog().lexical_file
    if not lexical_file:
        return None
    path = store.settings.store_dir / terms_file_name(lexical_file)
    try:
        return TermVectors.load(path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):  # missing or damaged: embed anew
        return None
