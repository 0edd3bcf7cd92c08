"""Sources: read a file, decode it, clean it, number its paragraphs, read its metadata."""

from __future__ import annotations

from qa_bot.sources.loader import (
    SUPPORTED_SUFFIXES,
    CorpusLoad,
    decode,
    is_sidecar,
    load_corpus,
    load_document,
    make_doc_id,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "CorpusLoad",
    "decode",
    "is_sidecar",
    "load_corpus",
    "load_document",
    "make_doc_id",
]
