"""Hybrid retrieval: dense (Chroma, cosine) and lexical (BM25) fused by reciprocal rank.

Names, numbers and rare words that a sentence embedding blurs are found by BM25; paraphrases
that share no word are found by the embedding. Fusion by rank (RRF, k=60) needs no score
calibration between the two. Each hit keeps both raw scores for the answer step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from qa_bot.models import Chunk
from qa_bot.store.catalog import Catalog
from qa_bot.store.chroma import ChunkStore
from qa_bot.text import content_terms

RRF_K = 60


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float  # fused (RRF)
    dense: float  # cosine similarity to the question
    lexical: float  # BM25


@dataclass(frozen=True)
class Retrieval:
    query: str
    vector: np.ndarray
    hits: list[Hit]


class HybridRetriever(BaseRetriever):
    """A LangChain retriever; ``search`` gives the scored hits the answer step uses."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: Any  # ChunkStore (Any: pydantic need not validate it)
    k: int = 8

    @property
    def chunk_store(self) -> ChunkStore:
        return self.store

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[LCDocument]:
        return [_to_document(hit) for hit in self.search(query).hits]

    def search(
        self,
        query: str,
        extra_terms: Sequence[str] = (),
        k: int | None = None,
        vector: np.ndarray | None = None,
    ) -> Retrieval:
        """The top ``k`` (default ``self.k``) of each of dense and BM25, fused; ``vector``: the
        query's embedding if already known."""
        catalog = self.chunk_store.catalog()
        if vector is None:
            vector = np.asarray(self.chunk_store.embeddings.embed_query(query), dtype=np.float32)
        k = k or self.k
        pool = max(k * 2, 16)
        dense = [
            (row, sim)
            for chunk_id, sim in self.chunk_store.dense_search(vector, pool)
            if (row := catalog.chunk_rows.get(chunk_id)) is not None
        ]
        terms = [*content_terms(query), *extra_terms]
        lexical = catalog.lexical.top(terms, pool)
        hits = _fuse(dense[:k], lexical[:k])
        return Retrieval(query, vector, self._fill_dense(catalog, vector, hits, dict(dense)))

    def _fill_dense(
        self,
        catalog: Catalog,
        vector: np.ndarray,
        hits: list[tuple[int, float, float]],
        dense: dict[int, float],
    ) -> list[Hit]:
        """Cosine similarity for hits that only BM25 found (vectors fetched from Chroma)."""
        chunks = catalog.chunks
        missing = [chunks[row].chunk_id for row, _, _ in hits if row not in dense]
        for chunk_id, stored in self.chunk_store.vectors(missing).items():
            dense[catalog.chunk_rows[chunk_id]] = float(stored @ vector)
        return [Hit(chunks[row], fused, dense.get(row, 0.0), lex) for row, fused, lex in hits]


def _fuse(
    dense: list[tuple[int, float]], lexical: list[tuple[int, float]]
) -> list[tuple[int, float, float]]:
    """The union of both top-k lists, ordered by reciprocal rank fusion.

    A union, not the fused top-k: a chunk that only one method ranks first (a rare name only
    BM25 sees, a paraphrase only the embedding sees) must still reach the answer step.
    """
    fused: dict[int, float] = {}
    for ranking in (dense, lexical):
        for rank, (row, _) in enumerate(ranking):
            fused[row] = fused.get(row, 0.0) + 1.0 / (RRF_K + rank + 1)
    lexical_scores = dict(lexical)
    best = sorted(fused, key=lambda row: -fused[row])
    return [(row, fused[row], lexical_scores.get(row, 0.0)) for row in best]


def _to_document(hit: Hit) -> LCDocument:
    return LCDocument(
        id=hit.chunk.chunk_id,
        page_content=hit.chunk.text,
        metadata={
            **hit.chunk.metadata(),
            "score": hit.score,
            "dense": hit.dense,
            "lexical": hit.lexical,
        },
    )
