"""Idempotent ingest: corpus folder -> documents -> chunks -> vectors + catalog.

Chunk ids come from sha256 of content and position, so a second run embeds nothing, an edited
source re-embeds only its changed chunks and drops the old ones, a removed source disappears.
Order of work (so that a kill at any point loses nothing): embed and upsert new vectors, commit
the catalog atomically, then delete vectors no catalog refers to.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from qa_bot.chunking import chunk_document
from qa_bot.errors import BadInput, SourceError
from qa_bot.models import Chunk, Document
from qa_bot.sources import (
    SUPPORTED_SUFFIXES,
    is_sidecar,
    load_corpus,
    load_document,
    make_doc_id,
)
from qa_bot.store.catalog import Catalog, DocumentEntry
from qa_bot.store.chroma import ChunkStore
from qa_bot.store.terms import TermVectors, terms_file_name
from qa_bot.text import TOKENIZER_VERSION

if TYPE_CHECKING:
    from qa_bot.settings import Settings

ProgressCallback = Callable[[str, int, int], None]
EMBED_BATCH = 64
UPLOAD_SUFFIX = ".upload.tmp"


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
        accepted, rejected = _check_new_files(settings.corpus_dir, files)
        for path in accepted:
            _copy_atomic(path, settings.corpus_dir / path.name)
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


def _check_new_files(
    corpus_dir: Path, files: Sequence[Path]
) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files that may be added, and each refused one with its reason."""
    known = {  # name -> (sha256, doc id) of the sources already in the corpus
        p.name: (_sha256(p), make_doc_id(p))
        for p in sorted(corpus_dir.iterdir())
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUPPORTED_SUFFIXES
    }
    accepted: list[Path] = []
    rejected: list[tuple[str, str]] = []
    for path in files:
        reason = _refusal(path, known)
        if reason:
            rejected.append((path.name, reason))
            continue
        known[path.name] = (_sha256(path), make_doc_id(path))
        accepted.append(path)
    return accepted, rejected


def _refusal(path: Path, known: dict[str, tuple[str, str]]) -> str | None:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES or is_sidecar(path):
        return f"unsupported file type (use {', '.join(SUPPORTED_SUFFIXES)})"
    try:
        load_document(path)
    except SourceError as exc:
        return str(exc)
    digest, doc_id = _sha256(path), make_doc_id(path)
    for name, (other_digest, other_id) in known.items():
        if name == path.name:
            continue  # the same name replaces that source (or changes nothing)
        if other_digest == digest:
            return f"same content as {name}"
        if other_id == doc_id:
            return f"same document id as {name} (rename the file)"
    return None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy_atomic(source: Path, target: Path) -> None:
    """Copy under a hidden name (never read as a source), then rename into place."""
    if source.resolve() == target.resolve():
        return
    tmp = target.with_name(f".{target.name}{UPLOAD_SUFFIX}")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)


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
    terms_path = store_dir / terms_file_name(new.lexical_file)
    if not terms_path.exists():
        tmp = terms_path.with_suffix(".tmp")
        TermVectors.build((c.index_text for c in new.chunks), _embed_function(store)).save(tmp)
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
