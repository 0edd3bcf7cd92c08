"""Which files an upload (``qa-bot ingest PATH``, the chat's upload) may add, and adding them.

A file is refused with its reason when its type is not supported, it cannot be read as a
source, or it repeats another source's bytes or document id under another name. Copies into
the corpus folder are atomic: a kill never leaves half a source behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from qa_bot.errors import SourceError
from qa_bot.sources import SUPPORTED_SUFFIXES, is_sidecar, load_document, make_doc_id

UPLOAD_SUFFIX = ".upload.tmp"  # the hidden name a copy has until it is renamed into place


def check_new_files(
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


def copy_atomic(source: Path, target: Path) -> None:
    """Copy under a hidden name (never read as a source), then rename into place."""
    if source.resolve() == target.resolve():
        return
    tmp = target.with_name(f".{target.name}{UPLOAD_SUFFIX}")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)
