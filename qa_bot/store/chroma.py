"""The chunk store: Chroma for vectors (embedded by default, a server by URL) plus the catalog.

Only one process may write a store at a time (Chroma's local store is thread-safe, not
process-safe): writers take an exclusive ``flock`` and a second writer is refused at once.
Readers in other processes keep working; when another process commits a new catalog, an
embedded Chroma handle is reopened, because its in-memory HNSW index does not see vectors
written by other processes. Every Chroma failure becomes a one-line ``StoreError``.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import Embeddings as LCEmbeddings

from qa_bot.embeddings import embedding_model_id
from qa_bot.errors import QABotError, StoreError
from qa_bot.models import Chunk
from qa_bot.store.catalog import CATALOG_FILE, Catalog
from qa_bot.store.chroma_support import (
    REBUILD,
    check_index_files,
    forget_failed_system,
    http_client,
    one_line,
    server_error,
)

if TYPE_CHECKING:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

    from qa_bot.settings import Settings

LOCK_FILE = ".write.lock"
CHROMA_DIR = "chroma"
MODEL_KEY = "qa_bot_embedding_model"  # collection metadata: the vectors' model and size
DIMENSION_KEY = "qa_bot_dimension"
FileVersion = tuple[int, int] | None


class ChunkStore:
    def __init__(
        self,
        settings: Settings,
        embeddings: Embeddings | Callable[[], Embeddings],
        model_id: str | None = None,
    ) -> None:
        """``embeddings`` may be a factory, so that reading the catalog (``status``) does not
        load the model; then ``model_id`` names the vectors it will make."""
        self.settings = settings
        self._embeddings = embeddings
        if model_id is None:
            model_id = embedding_model_id(self.embeddings)
        self.model_id = model_id
        self._catalog: Catalog | None = None
        self._catalog_version: FileVersion = None
        self._read_lock = threading.Lock()
        self._chroma_lock = threading.RLock()  # one Chroma call at a time, so reopening is safe
        self._handle: Chroma | None = None
        self._client_obj: Any = None
        self._handle_version: FileVersion = None  # the catalog the open handle has seen

    @cached_property
    def embeddings(self) -> Embeddings:
        source = self._embeddings
        if isinstance(source, LCEmbeddings) or not callable(source):
            return source
        return source()

    # -- Chroma -------------------------------------------------------------------------------
    @property
    def vectorstore(self) -> Chroma:
        """The LangChain Chroma vector store over our collection (cosine distance). It holds
        vectors and metadata only: for LangChain ``Document``s with their text, use the
        retriever (``QABot(settings).chain().retriever``), which reads it from the catalog."""
        with self._chroma_lock:
            if self._handle is None:
                self._open()
            assert self._handle is not None
            return self._handle

    @property
    def collection(self) -> Any:
        return self.vectorstore._collection

    def _open(self) -> None:
        from langchain_chroma import Chroma

        version = _file_version(self._catalog_path)  # before opening: the handle sees this
        client = self._client()
        with self._chroma_errors("open the collection"):
            handle = Chroma(
                collection_name=self.settings.collection,
                embedding_function=self.embeddings,
                client=client,
                collection_configuration={"hnsw": {"space": "cosine"}},
                collection_metadata=self._identity(),
            )
            metadata = dict(handle._collection.metadata or {})
        try:
            self._check_identity(metadata)
        except StoreError:
            _close(client)
            raise
        self._handle, self._client_obj, self._handle_version = handle, client, version

    def _reopen(self) -> None:
        """Drop the handle so the next call opens Chroma again (and sees others' writes)."""
        with self._chroma_lock:
            client, self._handle, self._client_obj = self._client_obj, None, None
            with self._chroma_errors("close the collection"):
                _close(client)

    def _client(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        if self.settings.chroma_url:
            return http_client(self.settings.chroma_url, self.settings.chroma_auth_header)
        path = self._chroma_path
        path.mkdir(parents=True, exist_ok=True)
        check_index_files(path)  # hnswlib would crash on a truncated file, not raise
        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        try:
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        except Exception as exc:  # chromadb raises many types for a damaged store
            forget_failed_system(str(path))
            raise StoreError(
                f"cannot open the Chroma store at {path} ({one_line(exc)}): {REBUILD}"
            ) from exc

    def _identity(self) -> dict[str, Any]:
        identity: dict[str, Any] = {MODEL_KEY: self.model_id}
        dimension = getattr(self.embeddings, "dimension", None)
        if isinstance(dimension, int):
            identity[DIMENSION_KEY] = dimension
        return identity

    def _check_identity(self, metadata: dict[str, Any]) -> None:
        """Refuse a collection whose vectors another embedding model made (never mix them)."""
        stored = metadata.get(MODEL_KEY)
        if stored is not None and stored != self.model_id:
            size = metadata.get(DIMENSION_KEY)
            made_by = f"{stored!r}" + (f" ({size} dimensions)" if size else "")
            raise StoreError(
                f"the Chroma collection {self.settings.collection!r} at {self._where} holds "
                f"vectors of embeddings {made_by}, not {self.model_id!r}: {REBUILD} to replace "
                "them, use another QA_BOT_COLLECTION, or set QA_BOT_EMBEDDINGS back"
            )

    def _stamp_identity(self) -> None:
        """Record the model on a collection made before stores recorded it (writers only)."""
        collection = self.collection
        metadata = dict(collection.metadata or {})
        if metadata.get(MODEL_KEY) is None:
            collection.modify(metadata={**metadata, **self._identity()})

    def stored_ids(self) -> set[str]:
        with self._chroma_errors("list the stored vectors"):
            return set(self.collection.get(include=[])["ids"])

    def upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Vectors and their metadata (source, paragraph range), not the text: the catalog
        holds the text, nothing reads it back from Chroma, and Chroma's full-text index of
        it cost half of each upsert."""
        with self._chroma_errors("store vectors"):
            self._stamp_identity()
            self.collection.upsert(
                ids=[c.chunk_id for c in chunks],
                embeddings=vectors,
                metadatas=[c.metadata() for c in chunks],
            )

    def delete(self, ids: Sequence[str]) -> None:
        with self._chroma_errors("delete vectors"):
            for begin in range(0, len(ids), 5000):
                self.collection.delete(ids=list(ids[begin : begin + 5000]))

    def reset(self) -> None:
        """Drop every vector and the catalog (``ingest --rebuild``), even from a damaged store.

        The catalog goes first, so readers see an empty store, never chunks without vectors.
        An embedded store that this process has not opened is removed from disk (Chroma may
        be unable to open damaged files); otherwise the collection is deleted and recreated.
        """
        (self.settings.store_dir / CATALOG_FILE).unlink(missing_ok=True)
        for path in self.settings.store_dir.glob("*.npz"):  # lexical and term indexes
            path.unlink(missing_ok=True)
        with self._read_lock:
            self._catalog = None
        with self._chroma_lock:
            if self.settings.chroma_url is None and not self._opened_in_process():
                shutil.rmtree(self._chroma_path, ignore_errors=True)
                self._handle = None
                return
            if self._handle is None:
                client = self._client()
                with self._chroma_errors("delete the collection"):
                    if self.settings.collection in [c.name for c in client.list_collections()]:
                        client.delete_collection(self.settings.collection)
                return
            with self._chroma_errors("reset the collection"):
                self._handle.reset_collection()

    def _opened_in_process(self) -> bool:
        """Whether a Chroma client of this process has the embedded store open."""
        if self._handle is not None:
            return True
        from chromadb.api.shared_system_client import SharedSystemClient

        systems = getattr(SharedSystemClient, "_identifier_to_system", {})
        return str(self._chroma_path) in systems

    def dense_search(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the nearest chunks."""
        with self._chroma_errors("search"):
            result = self.collection.query(
                query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1),
                n_results=k,
                include=["distances"],
            )
        ids, distances = result["ids"][0], result["distances"][0]
        listed = len(self._catalog.chunks) if self._catalog is not None else 0
        if len(ids) < min(k, listed):
            raise StoreError(
                f"the store at {self.settings.store_dir} is damaged: the catalog lists {listed} "
                f"chunks but Chroma holds fewer vectors ({len(ids)} found): {REBUILD}"
            )
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        if not ids:
            return {}
        with self._chroma_errors("read vectors"):
            result = self.collection.get(ids=list(ids), include=["embeddings"])
        return {
            i: np.asarray(v, dtype=np.float32)
            for i, v in zip(result["ids"], result["embeddings"], strict=True)
        }

    @contextmanager
    def _chroma_errors(self, action: str) -> Iterator[None]:
        """Chroma's many exception types -> one ``StoreError`` line with the way out."""
        try:
            with self._chroma_lock:
                yield
        except QABotError:
            raise
        except Exception as exc:
            if self.settings.chroma_url:
                raise server_error(self.settings.chroma_url, exc) from exc
            raise StoreError(
                f"Chroma could not {action} in the store at {self.settings.store_dir} "
                f"({one_line(exc)}): {REBUILD}"
            ) from exc

    @property
    def _chroma_path(self) -> Path:
        return self.settings.store_dir / CHROMA_DIR

    @property
    def _catalog_path(self) -> Path:
        return self.settings.store_dir / CATALOG_FILE

    @property
    def _where(self) -> str:
        return self.settings.chroma_url or str(self._chroma_path)

    # -- catalog ------------------------------------------------------------------------------
    def catalog(self) -> Catalog:
        """The committed catalog, re-read when another process committed a new one."""
        version = _file_version(self._catalog_path)
        with self._read_lock:
            if self._catalog is None or version != self._catalog_version:
                self._catalog = Catalog.load(self.settings.store_dir, self.model_id)
                self._catalog_version = version
            catalog = self._catalog
        embedded = self.settings.chroma_url is None
        if embedded and self._handle is not None and version != self._handle_version:
            self._reopen()  # another process committed vectors our HNSW index cannot see
        return catalog

    def commit(self, catalog: Catalog) -> None:
        catalog.save(self.settings.store_dir)
        with self._read_lock:
            self._catalog = None
        if self._handle is not None:
            self._handle_version = _file_version(self._catalog_path)  # our own writes

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Hold the store's single-writer lock; refuse at once if another process has it."""
        with store_write_lock(self.settings.store_dir):
            yield


@contextmanager
def store_write_lock(store_dir: Path) -> Iterator[None]:
    """The single-writer ``flock`` of a store folder (the holder's pid is written into it)."""
    store_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(store_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise StoreError(
                f"another process{_lock_holder(fd)} is writing the store at {store_dir}; "
                "try again when it is done (reading still works)"
            ) from exc
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)


def refuse_if_writing(store_dir: Path) -> None:
    """The writer's refusal now, before loading a model or opening Chroma (a cheap probe; the
    real lock is taken again when writing starts)."""
    with store_write_lock(store_dir):
        pass


def _close(client: Any) -> None:
    close = getattr(client, "close", None)  # HTTP and older clients may have none
    if callable(close):
        close()


def _file_version(path: Path) -> FileVersion:
    """Changes whenever the file is replaced (atomic commits write a new inode)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns)


def _lock_holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""
