"""Idempotent ingest: corpus folder -> documents -> chunks -> vectors + catalog.

Chunk ids come from sha256 of content and position, so a second run embeds nothing, an edited
source re-embeds only its changed chunks and drops the old ones, a removed source disappears.
Order of work (so that a kill at any point loses nothing): embed and upsert new vectors, commit
the catalog atomically, then delete vectors no catalog refers to.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from qa_bot.chunking import chunk_document
from qa_bot.errors import BadInput, SourceError
from qa_bot.models import Chunk, Document
from qa_bot.sources import SUPPORTED_SUFFIXES, load_corpus, load_document
from qa_bot.store.catalog import Catalog, DocumentEntry
from qa_bot.store.chroma import ChunkStore
from qa_bot.text import TOKENIZER_VERSION

if TYPE_CHECKING:
    from qa_bot.settings import Settings

ProgressCallback = Callable[[str, int, int], None]
EMBED_BATCH = 64


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
    """Bring the store in line with the corpus folder; ``paths`` are first added to it."""
    if paths:
        return add_files(settings, store, paths, progress=progress)
    if not settings.corpus_dir.is_dir():
        raise BadInput(f"the corpus folder {settings.corpus_dir} does not exist")
    with store.write_lock():
        loaded = load_corpus(settings.corpus_dir)
        report = IngestReport(skipped=[(p.name, reason) for p, reason in loaded.skipped])
        if rebuild:
            store.reset()
            old = Catalog(embedding_model=store.model_id)
        else:
            old = store.catalog()
        _sync(settings, store, old, loaded.documents, report, progress)
    return report


def add_files(
    settings: Settings,
    store: ChunkStore,
    paths: Sequence[Path],
    *,
    progress: bool | ProgressCallback = False,
) -> IngestReport:
    """Check each file, copy the good ones into the corpus folder, then ingest."""
    rejected: list[tuple[str, str]] = []
    settings.corpus_dir.mkdir(parents=True, exist_ok=True)
    for path in _expand(paths):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            rejected.append(
                (path.name, f"unsupported file type (use {', '.join(SUPPORTED_SUFFIXES)})")
            )
            continue
        try:
            load_document(path)
        except SourceError as exc:
            rejected.append((path.name, str(exc)))
            continue
        target = settings.corpus_dir / path.name
        if path.resolve() != target.resolve():
            shutil.copyfile(path, target)
    report = ingest(settings, store, progress=progress)
    report.skipped = rejected + report.skipped
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
    if report.changed or missing or old.lexical_file != lexical_file_name(new):
        _commit(store, new)
    stale = sorted(stored - {c.chunk_id for c in new.chunks})
    store.delete(stale)


def _embed_and_upsert(
    store: ChunkStore, chunks: Sequence[Chunk], progress: bool | ProgressCallback
) -> None:
    if not chunks:
        return
    report_progress = _progress_reporter(progress, len(chunks))
    done = 0
    embed = getattr(store.embeddings, "embed_array", None)
    for begin in range(0, len(chunks), EMBED_BATCH):
        batch = chunks[begin : begin + EMBED_BATCH]
        texts = [c.index_text for c in batch]
        vectors = embed(texts) if embed else np.asarray(store.embeddings.embed_documents(texts))
        store.upsert(batch, np.asarray(vectors, dtype=np.float32))
        done += len(batch)
        report_progress(done)
    report_progress(-1)


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


def lexical_file_name(catalog: Catalog) -> str:
    """Named by its chunks and the tokenizer version, so a stale index is never reused."""
    ids = "\n".join(c.chunk_id for c in catalog.chunks)
    digest = hashlib.sha256(f"{TOKENIZER_VERSION}\n{ids}".encode()).hexdigest()[:16]
    return f"lexical-{digest}.npz"


def _commit(store: ChunkStore, new: Catalog) -> None:
    """Write the lexical index under a new name, then the catalog that points to it."""
    new.lexical_file = lexical_file_name(new)
    store_dir = store.settings.store_dir
    lexical_path = store_dir / new.lexical_file
    if not lexical_path.exists():
        tmp = lexical_path.with_suffix(".tmp")
        new.lexical.save(tmp)
        tmp.replace(lexical_path)
    store.commit(new)
    for path in store_dir.glob("lexical-*.npz"):
        if path.name != new.lexical_file:
            path.unlink(missing_ok=True)
