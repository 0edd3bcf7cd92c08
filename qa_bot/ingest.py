"""Idempotent ingest: corpus folder -> documents -> chunks -> vectors + catalog.

Chunk ids come from sha256 of content and position, so a second run embeds nothing, an edited
source re-embeds only its changed chunks and drops the old ones, a removed source disappears.
Order of work (so that a kill at any point loses nothing): embed and upsert new vectors, commit
the catalog atomically, then delete vectors no catalog refers to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from qa_bot.chunking import chunk_document
from qa_bot.errors import BadInput
from qa_bot.models import Chunk, Document
from qa_bot.sources import load_corpus
from qa_bot.store.catalog import Catalog, DocumentEntry
from qa_bot.store.chroma import ChunkStore
from qa_bot.store.terms import store_term_vectors, terms_file_name
from qa_bot.uploads import UPLOAD_SUFFIX, check_new_files, copy_atomic

if TYPE_CHECKING:
    from qa_bot.settings import Settings

ProgressCallback = Callable[[str, int, int], None]
MIN_WINDOW, MAX_WINDOW = 64, 512  # chunks embedded per call and stored per Chroma call


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    embedded: int = 0
    chunks: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def ingest(
    settings: Settings,
    store: ChunkStore,
    *,
    paths: Sequence[Path] | None = None,
    rebuild: bool = False,
    progress: bool | ProgressCallback = True,
) -> IngestReport:
    """Bring the store in line with the corpus folder; ``paths`` are first added to it.

    With ``paths`` of which none can be added, ``BadInput`` lists why (the store unchanged).
    """
    if paths:
        report = add_files(settings, store, paths, progress=progress)
        if not (report.added or report.updated or report.unchanged):
            reasons = "; ".join(f"{name}: {reason}" for name, reason in report.skipped)
            raise BadInput(f"nothing added ({reasons or 'no files'})")
        return report
    if not settings.corpus_dir.is_dir():
        raise BadInput(f"the corpus folder {settings.corpus_dir} does not exist")
    with store.write_lock():
        return _ingest_locked(settings, store, rebuild, progress)


def add_files(
    settings: Settings,
    store: ChunkStore,
    paths: Sequence[Path],
    *,
    progress: bool | ProgressCallback = False,
) -> IngestReport:
    """Check each file, copy the good ones into the corpus folder, then ingest.

    The write lock is taken first, so an upload refused because another process is writing
    changes nothing, not even the corpus folder. Copies are atomic (a kill never leaves half a
    source behind). A file with the same bytes or the same document id as another source
    (with a different name) is refused; the same file added again changes nothing.
    """
    files = _expand(paths)
    settings.corpus_dir.mkdir(parents=True, exist_ok=True)
    with store.write_lock():
        accepted, rejected = check_new_files(settings.corpus_dir, files)
        for path in accepted:
            copy_atomic(path, settings.corpus_dir / path.name)
        if not accepted:
            return IngestReport(skipped=rejected)
        report = _ingest_locked(settings, store, False, progress)
    report.skipped = rejected + report.skipped
    return report


def _ingest_locked(
    settings: Settings, store: ChunkStore, rebuild: bool, progress: bool | ProgressCallback
) -> IngestReport:
    _remove_leftovers(settings)
    loaded = load_corpus(settings.corpus_dir)
    report = IngestReport(skipped=[(p.name, reason) for p, reason in loaded.skipped])
    if rebuild:
        store.reset()
        old = Catalog(embedding_model=store.model_id)
    else:
        old = store.catalog()
    _sync(settings, store, old, loaded.documents, report, progress)
    _remove_unused_indexes(store)
    return report


def _expand(paths: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise BadInput(f"no such file or folder: {path}")
    return files


def _remove_leftovers(settings: Settings) -> None:
    """Temporary files of a writer that was killed (only the lock holder may remove them)."""
    leftovers = [*settings.store_dir.glob("*.tmp"), *settings.corpus_dir.glob(f".*{UPLOAD_SUFFIX}")]
    for path in leftovers:
        path.unlink(missing_ok=True)


def _remove_unused_indexes(store: ChunkStore) -> None:
    """Index files the committed catalog does not use (left by a writer killed after commit).

    They are named ``<kind>-<digest>.npz`` with the digest of the catalog's lexical file.
    """
    lexical_file = store.catalog().lexical_file or ""
    digest = lexical_file.removeprefix("lexical-").removesuffix(".npz")
    for path in store.settings.store_dir.glob("*.npz"):
        if not digest or not path.stem.endswith(f"-{digest}"):
            path.unlink(missing_ok=True)


def _sync(
    settings: Settings,
    store: ChunkStore,
    old: Catalog,
    documents: list[Document],
    report: IngestReport,
    progress: bool | ProgressCallback,
) -> None:
    new = Catalog(embedding_model=store.model_id, store_dir=settings.store_dir)
    for document in documents:
        previous = old.documents.get(document.doc_id)
        chunks = tuple(chunk_document(document, settings.chunk_max_chars))
        new.documents[document.doc_id] = DocumentEntry(document.meta, document.paragraphs, chunks)
        if previous is None:
            report.added.append(document.doc_id)
        elif previous.meta != document.meta or previous.chunks != chunks:
            report.updated.append(document.doc_id)
        else:
            report.unchanged.append(document.doc_id)
    report.removed = sorted(set(old.documents) - set(new.documents))
    stored = store.stored_ids()
    missing = [c for c in new.chunks if c.chunk_id not in stored]
    _embed_and_upsert(store, missing, progress)
    report.embedded = len(missing)
    report.chunks = len(new.chunks)
    if report.changed or missing or old.lexical_file != new.current_lexical_file:
        _commit(store, new)
    stale = sorted(stored - {c.chunk_id for c in new.chunks})
    store.delete(stale)


def _embed_and_upsert(
    store: ChunkStore, chunks: Sequence[Chunk], progress: bool | ProgressCallback
) -> None:
    """Embed the chunks in windows of similar length and store each window's vectors.

    The upserts are not overlapped with the embedding: on 2 cores the model's two threads keep
    both busy, and a Chroma upsert running beside them slowed the embedding by more than the
    upsert's own time (measured with `qa-bot bench`)."""
    if not chunks:
        return
    report_progress = _progress_reporter(progress, len(chunks))
    embed = _embed_function(store)
    done = 0
    for window in embedding_windows(chunks):
        vectors = embed([c.index_text for c in window])
        store.upsert(window, np.asarray(vectors, dtype=np.float32))
        done += len(window)
        report_progress(done)
    report_progress(-1)


def embedding_windows(chunks: Sequence[Chunk]) -> list[list[Chunk]]:
    """The chunks sorted by length (characters: a cheap proxy of tokens), cut into windows.

    Sorting all of them, not only within a window, puts texts of nearly the same length in
    every model batch, so little is spent on padding; windows grow with the number of chunks
    (fewer, larger Chroma calls) but stay small enough for a progress bar to move.
    """
    ordered = sorted(chunks, key=lambda c: len(c.index_text))
    size = min(MAX_WINDOW, max(MIN_WINDOW, len(ordered) // 8))
    return [ordered[begin : begin + size] for begin in range(0, len(ordered), size)]


def _progress_reporter(progress: bool | ProgressCallback, total: int) -> Callable[[int], None]:
    if callable(progress):
        callback = progress
        return lambda done: callback("embedding", total if done < 0 else done, total)
    if not progress:
        return lambda done: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc="embedding chunks", unit="chunk")

    def update(done: int) -> None:
        if done < 0:
            bar.close()
        else:
            bar.update(done - bar.n)

    return update


def _commit(store: ChunkStore, new: Catalog) -> None:
    """Write the lexical index under a new name, then the catalog that points to it."""
    new.lexical_file = new.current_lexical_file
    store_dir = store.settings.store_dir
    lexical_path = store_dir / new.lexical_file
    if not lexical_path.exists():
        tmp = lexical_path.with_suffix(".tmp")
        new.lexical.save(tmp)
        tmp.replace(lexical_path)
    terms_path = store_dir / terms_file_name(new.lexical_file)
    if not terms_path.exists():
        tmp = terms_path.with_suffix(".tmp")
        store_term_vectors(store, new, _embed_function(store)).save(tmp)
        tmp.replace(terms_path)
    store.commit(new)
    keep = {new.lexical_file, terms_path.name}
    for path in [*store_dir.glob("lexical-*.npz"), *store_dir.glob("terms-*.npz")]:
        if path.name not in keep:
            path.unlink(missing_ok=True)


def _embed_function(store: ChunkStore) -> Callable[[Sequence[str]], np.ndarray]:
    embed = getattr(store.embeddings, "embed_array", None)
    if embed is not None:
        return embed
    return lambda texts: np.asarray(store.embeddings.embed_documents(list(texts)))
