"""Paragraph-aware chunks: whole sentences of one paragraph, never crossing documents.

A paragraph that fits in ``max_chars`` is one chunk; a longer one is cut between sentences
into pieces of at most ``max_chars`` (a single longer sentence stays whole). Small chunks keep
the dense vector about one point, so a question finds the sentence that answers it.

The indexed text adds the speaker of a transcript turn whose text does not name it, so that
"What did Maya Wang say" finds all her turns, says what a byline is, and names the company
"the company" refers to; the shown text stays verbatim.
"""

from __future__ import annotations

import hashlib

from qa_bot.coref import document_company, refers_to_company
from qa_bot.models import Chunk, Document, Paragraph
from qa_bot.text import sentence_spans


def chunk_document(document: Document, max_chars: int) -> list[Chunk]:
    chunks: list[Chunk] = []
    company = document_company(p.text for p in document.paragraphs)
    for paragraph in document.paragraphs:
        byline = _byline_note(document, paragraph)
        for index, text in enumerate(_pieces(paragraph.text, max_chars)):
            note = byline + _company_note(text, company)
            chunks.append(_make_chunk(paragraph, index, text, note))
    return chunks


def _company_note(text: str, company: str | None) -> str:
    """ "The company says it has 34,000 employees" is about the document's company: say which,
    so that a question naming it finds the chunk."""
    if company is None or company.lower() in text.lower() or not refers_to_company(text):
        return ""
    return f" ({company})"


def _pieces(text: str, max_chars: int) -> list[str]:
    if len(text) <= max_chars:
        return [text]
    pieces: list[str] = []
    start = end = None
    for sent_start, sent_end in sentence_spans(text):
        if start is None:
            start, end = sent_start, sent_end
        elif sent_end - start <= max_chars:
            end = sent_end
        else:
            pieces.append(text[start:end])
            start, end = sent_start, sent_end
    if start is not None:
        pieces.append(text[start:end])
    return pieces


def _byline_note(document: Document, paragraph: Paragraph) -> str:
    """A byline alone says little; indexed with what it is, "who wrote the article" finds it."""
    if paragraph.role != "byline":
        return ""
    meta = document.meta
    authors = ", ".join(meta.authors) or "the authors"
    publisher = meta.publisher or "the publisher"
    return f" (article written by {authors}, who wrote it for {publisher}: {meta.title})"


def _make_chunk(paragraph: Paragraph, index: int, text: str, note: str = "") -> Chunk:
    index_text = text + note
    if paragraph.speaker and not text.upper().startswith(paragraph.speaker.upper()):
        index_text = f"{paragraph.speaker}: {index_text}"
    # Stable across runs and processes: content and position, never Python's hash().
    digest = hashlib.sha256(
        f"{paragraph.doc_id}\x00{paragraph.number}\x00{index}\x00{index_text}".encode()
    ).hexdigest()[:32]
    return Chunk(
        chunk_id=f"{paragraph.doc_id}:{paragraph.number}:{index}:{digest}",
        doc_id=paragraph.doc_id,
        paragraph_start=paragraph.number,
        paragraph_end=paragraph.number,
        text=text,
        index_text=index_text,
    )
