"""The catalog: what the store holds, written atomically as the commit point of an ingest.

Vectors live in Chroma; documents, paragraphs, chunk texts and the lexical index live beside it.
An ingest first upserts vectors, then replaces ``catalog.json`` in one ``os.replace``; readers
only trust chunks the catalog lists, so a killed ingest leaves the previous state intact.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, cast

from qa_bot.coref import document_company, speaker_description
from qa_bot.errors import StoreError
from qa_bot.models import Chunk, DocumentMeta, Paragraph
from qa_bot.store.lexical import LexicalIndex
from qa_bot.text import TOKENIZER_VERSION, content_terms

T = TypeVar("T")

SCHEMA_VERSION = 1
CATALOG_FILE = "catalog.json"


@dataclass(frozen=True)
class DocumentEntry:
    meta: DocumentMeta
    paragraphs: tuple[Paragraph, ...]
    chunks: tuple[Chunk, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "meta": self.meta.to_dict(),
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "chunks": [chunk.__dict__ for chunk in self.chunks],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentEntry:
        return cls(
            meta=DocumentMeta.from_dict(data["meta"]),
            paragraphs=tuple(Paragraph.from_dict(p) for p in data["paragraphs"]),
            chunks=tuple(Chunk(**c) for c in data["chunks"]),
        )


@dataclass
class Catalog:
    embedding_model: str
    documents: dict[str, DocumentEntry] = field(default_factory=dict)
    lexical_file: str | None = None
    store_dir: Path | None = None

    # -- lookups used on every question ---------------------------------------------------
    @cached_property
    def chunks(self) -> list[Chunk]:
        """All chunks in a fixed order (the row order of the lexical index)."""
        return [chunk for entry in self.documents.values() for chunk in entry.chunks]

    @cached_property
    def chunk_rows(self) -> dict[str, int]:
        return {chunk.chunk_id: row for row, chunk in enumerate(self.chunks)}

    @cached_property
    def paragraph_index(self) -> dict[tuple[str, int], Paragraph]:
        return {
            (p.doc_id, p.number): p for entry in self.documents.values() for p in entry.paragraphs
        }

    @property
    def current_lexical_file(self) -> str:
        """Named by its chunks and the tokenizer version, so a stale index is never reused."""
        ids = "\n".join(c.chunk_id for c in self.chunks)
        digest = hashlib.sha256(f"{TOKENIZER_VERSION}\n{ids}".encode()).hexdigest()[:16]
        return f"lexical-{digest}.npz"

    @cached_property
    def lexical(self) -> LexicalIndex:
        # An index written by an older tokenizer (before an upgrade, until the next ingest)
        # would miss the terms questions are now read into: built afresh instead.
        if self.store_dir is not None and self.lexical_file == self.current_lexical_file:
            path = self.store_dir / self.lexical_file
            if path.exists():
                return self._load_lexical(path)
        return LexicalIndex.build([c.index_text for c in self.chunks])

    def _load_lexical(self, path: Path) -> LexicalIndex:
        """The persisted BM25 index, or a ``StoreError`` if it is damaged or not this catalog's."""
        try:
            index = LexicalIndex.load(path)
        except Exception as exc:  # numpy/zipfile raise many types for a truncated file
            raise StoreError(
                f"the lexical index {path} is damaged ({type(exc).__name__}): "
                "run `qa-bot ingest --rebuild`"
            ) from exc
        if index.rows != len(self.chunks):
            raise StoreError(
                f"the lexical index {path} does not match the catalog: "
                "run `qa-bot ingest --rebuild`"
            )
        return index

    @cached_property
    def paragraph_chunks(self) -> dict[tuple[str, int], list[Chunk]]:
        """The chunks of each paragraph, in order."""
        chunks: dict[tuple[str, int], list[Chunk]] = {}
        for chunk in self.chunks:
            chunks.setdefault((chunk.doc_id, chunk.paragraph_start), []).append(chunk)
        return chunks

    @cached_property
    def _by_document(self) -> dict[tuple[str, str], Any]:
        return {}

    def _per_document(self, kind: str, doc_id: str, work_out: Callable[[], T]) -> T:
        """What ``work_out`` gives for the document, worked out on first use and kept."""
        key = (kind, doc_id)
        if key not in self._by_document:
            self._by_document[key] = work_out()
        return cast(T, self._by_document[key])

    def cached(self, kind: str, work_out: Callable[[], T]) -> T:
        """What ``work_out`` gives for the whole catalog, worked out on first use and kept."""
        return self._per_document(kind, "", work_out)

    def company_terms(self, doc_id: str) -> frozenset[str]:
        """Stemmed words of the company the document is about (what its "the company" means)."""
        paragraphs = self.documents[doc_id].paragraphs
        return self._per_document(
            "company",
            doc_id,
            lambda: frozenset(content_terms(document_company(p.text for p in paragraphs) or "")),
        )

    def speaker_terms(self, doc_id: str) -> dict[str, frozenset[str]]:
        """Each transcript speaker of the document and the stemmed words that describe them
        ("Human Rights Watch - Maya Wang")."""

        def work_out() -> dict[str, frozenset[str]]:
            paragraphs = self.documents[doc_id].paragraphs
            texts = [p.text for p in paragraphs]
            speakers = {p.speaker for p in paragraphs if p.speaker}
            return {
                s: frozenset(content_terms(" ".join(speaker_description(s, texts))))
                for s in speakers
            }

        return self._per_document("speakers", doc_id, work_out)

    def document_terms(self, doc_id: str) -> frozenset[str]:
        """Stemmed words of the whole document (its paragraphs)."""
        paragraphs = self.documents[doc_id].paragraphs
        return self._per_document(
            "terms", doc_id, lambda: frozenset(content_terms(" ".join(p.text for p in paragraphs)))
        )

    @cached_property
    def publisher_terms(self) -> frozenset[str]:
        """Stemmed words of every document's publisher ("npr", "new", "york", "time")."""
        publishers = " ".join(e.meta.publisher or "" for e in self.documents.values())
        return frozenset(content_terms(publishers))

    def paragraph(self, doc_id: str, number: int) -> Paragraph:
        return self.paragraph_index[(doc_id, number)]

    def counts(self) -> dict[str, int]:
        return {
            "documents": len(self.documents),
            "paragraphs": sum(len(e.paragraphs) for e in self.documents.values()),
            "chunks": sum(len(e.chunks) for e in self.documents.values()),
        }

    # -- persistence ------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "embedding_model": self.embedding_model,
            "lexical_file": self.lexical_file,
            "documents": {doc_id: e.to_dict() for doc_id, e in self.documents.items()},
        }

    def save(self, store_dir: Path) -> None:
        write_atomic(store_dir / CATALOG_FILE, json.dumps(self.to_dict(), ensure_ascii=False))

    @classmethod
    def load(cls, store_dir: Path, embedding_model: str) -> Catalog:
        """The committed catalog, or an empty one for a new store."""
        path = store_dir / CATALOG_FILE
        if not path.exists():
            return cls(embedding_model=embedding_model, store_dir=store_dir)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            schema = int(data["schema"])
            if schema > SCHEMA_VERSION:  # before reading documents: their format may differ
                raise StoreError(
                    f"the store at {store_dir} was written by a newer qa-bot (schema {schema}): "
                    "upgrade qa-bot or run `qa-bot ingest --rebuild`"
                )
            documents = {k: DocumentEntry.from_dict(v) for k, v in data["documents"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise StoreError(
                f"the store at {store_dir} is damaged ({type(exc).__name__}): "
                "run `qa-bot ingest --rebuild`"
            ) from exc
        if data.get("embedding_model") != embedding_model:
            raise StoreError(
                f"the store at {store_dir} was built with embeddings "
                f"{data.get('embedding_model')!r}, not {embedding_model!r}: "
                "run `qa-bot ingest --rebuild` (or set QA_BOT_EMBEDDINGS back)"
            )
        return cls(
            embedding_model=embedding_model,
            documents=documents,
            lexical_file=data.get("lexical_file"),
            store_dir=store_dir,
        )


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that readers see the old or the new content, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
