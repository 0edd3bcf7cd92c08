"""The chunk store: Chroma for vectors (embedded by default, a server by URL) plus the catalog.

Only one process may write a store at a time (Chroma's local store is thread-safe, not
process-safe): writers take an exclusive ``flock`` and a second writer is refused at once.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from qa_bot.embeddings import embedding_model_id
from qa_bot.errors import StoreError
from qa_bot.models import Chunk
from qa_bot.store.catalog import Catalog

if TYPE_CHECKING:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

    from qa_bot.settings import Settings

LOCK_FILE = ".write.lock"


class ChunkStore:
    def __init__(self, settings: Settings, embeddings: Embeddings) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.model_id = embedding_model_id(embeddings)
        self._catalog: Catalog | None = None
        self._catalog_mtime: float | None = None
        self._read_lock = threading.Lock()

    # -- Chroma -------------------------------------------------------------------------------
    @cached_property
    def vectorstore(self) -> Chroma:
        """The LangChain Chroma vector store over our collection (cosine distance)."""
        from langchain_chroma import Chroma

        return Chroma(
            collection_name=self.settings.collection,
            embedding_function=self.embeddings,
            client=self._client(),
            collection_configuration={"hnsw": {"space": "cosine"}},
        )

    def _client(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        if self.settings.chroma_url:
            return _http_client(self.settings.chroma_url, self.settings.chroma_auth_header)
        path = self.settings.store_dir / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        try:
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        except Exception as exc:  # chromadb raises many types for a damaged store
            raise StoreError(
                f"cannot open the Chroma store at {path} ({exc}): run `qa-bot ingest --rebuild`"
            ) from exc

    @property
    def collection(self) -> Any:
        return self.vectorstore._collection

    def stored_ids(self) -> set[str]:
        return set(self.collection.get(include=[])["ids"])

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        self.collection.upsert(
            ids=[c.chunk_id for c in chunks],
            embeddings=vectors,
            documents=[c.text for c in chunks],
            metadatas=[c.metadata() for c in chunks],
        )

    def delete(self, ids: Sequence[str]) -> None:
        for begin in range(0, len(ids), 5000):
            self.collection.delete(ids=list(ids[begin : begin + 5000]))

    def reset(self) -> None:
        """Drop every vector (``ingest --rebuild``)."""
        self.vectorstore.reset_collection()

    def dense_search(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the nearest chunks."""
        result = self.collection.query(
            query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1),
            n_results=k,
            include=["distances"],
        )
        ids, distances = result["ids"][0], result["distances"][0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        result = self.collection.get(ids=list(ids), include=["embeddings"])
        return {
            i: np.asarray(v, dtype=np.float32)
            for i, v in zip(result["ids"], result["embeddings"], strict=True)
        }

    # -- catalog ------------------------------------------------------------------------------
    def catalog(self) -> Catalog:
        """The committed catalog, re-read when another process committed a new one."""
        path = self.settings.store_dir / "catalog.json"
        mtime = path.stat().st_mtime if path.exists() else None
        with self._read_lock:
            if self._catalog is None or mtime != self._catalog_mtime:
                self._catalog = Catalog.load(self.settings.store_dir, self.model_id)
                self._catalog_mtime = mtime
            return self._catalog

    def commit(self, catalog: Catalog) -> None:
        catalog.save(self.settings.store_dir)
        with self._read_lock:
            self._catalog = None

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Hold the store's single-writer lock; refuse at once if another process has it."""
        self.settings.store_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.settings.store_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                raise StoreError(
                    f"another process is writing the store at {self.settings.store_dir}; "
                    "try again when it is done (reading still works)"
                ) from exc
            yield
        finally:
            os.close(fd)


def _http_client(url: str, auth_header: str | None) -> Any:
    from urllib.parse import urlparse

    import chromadb
    from chromadb.config import Settings as ChromaSettings

    parsed = urlparse(url)
    headers = {}
    if auth_header:
        name, _, value = auth_header.partition(":")
        headers[name.strip()] = value.strip()
    return chromadb.HttpClient(
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 8000,
        ssl=parsed.scheme == "https",
        headers=headers,
        settings=ChromaSettings(anonymized_telemetry=False),
    )
