"""Read source files: bytes -> decoded text -> cleaned paragraphs -> ``Document``.

Decoding: a UTF-8, UTF-16 or UTF-32 byte-order mark selects that encoding; without one the file
must be UTF-8. Rejected with a one-line ``SourceError``: empty or whitespace-only files,
binary files (NUL bytes without a UTF-16/32 mark, or more than 10% control characters), text
that is not valid UTF-8, files over 50 MB, files in which cleaning keeps no paragraph, and
files with a paragraph over 20,000 characters (not prose: a dump or a text without line breaks,
which would become thousands of chunks of one paragraph).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from qa_bot.cleaning import clean_text
from qa_bot.errors import SourceError
from qa_bot.models import Document
from qa_bot.paragraphs import build_paragraphs
from qa_bot.sources.html import html_to_text
from qa_bot.sources.metadata import SIDECAR_SUFFIX, apply_sidecar, extract_metadata, read_sidecar

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = frozenset({".html", ".htm"})
MAX_BYTES = 50 * 1024 * 1024
MAX_CONTROL_SHARE = 0.10
MAX_PARAGRAPH_CHARS = 20_000
_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_DOC_ID_UNSAFE = re.compile(r"[^a-z0-9._-]")


@dataclass
class CorpusLoad:
    """The documents of a corpus folder and the files skipped, with the reason."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def make_doc_id(path: Path) -> str:
    """The file stem, lower-cased, characters outside [a-z0-9._-] replaced by '-'."""
    return _DOC_ID_UNSAFE.sub("-", path.stem.lower())


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def decode(data: bytes) -> str:
    """Bytes -> text, or a ``SourceError`` saying why the bytes are not a text file."""
    if not data:
        raise SourceError("empty file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise SourceError(f"not valid {name} ({exc.reason} at byte {exc.start})") from None
            break
    else:
        if b"\x00" in data:
            raise SourceError("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = data[exc.start]
            raise SourceError(
                f"not valid UTF-8 (byte 0x{byte:02x} at offset {exc.start}); save it as UTF-8"
            ) from None
    if not text.strip():
        raise SourceError("empty file (only whitespace)")
    if len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise SourceError("binary file (mostly control characters)")
    return text


def load_document(path: Path) -> Document:
    """Read, decode, clean and number one source file (``SourceError`` when unusable)."""
    path = Path(path)
    _check_suffix(path)
    return _document(path, _read(path))


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"file too large ({size // 2**20} MB; the limit is 50 MB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError("file not found") from None
    except OSError as exc:
        raise SourceError(f"cannot read the file ({exc.strerror})") from None


def _check_suffix(path: Path) -> None:
    if is_sidecar(path) or path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise SourceError("unsupported file type")


def _document(path: Path, data: bytes) -> Document:
    text = decode(data)
    link_spans: tuple[tuple[int, int], ...] = ()
    if path.suffix.lower() in HTML_SUFFIXES:
        rendition = html_to_text(text)
        text, link_spans = rendition.text, rendition.link_spans
    doc_id = make_doc_id(path)
    cleaned = clean_text(text, link_spans)
    paragraphs = build_paragraphs(doc_id, text, cleaned.segments)
    if not paragraphs:
        raise SourceError("no story text found")
    _check_paragraph_length(max(len(p.text) for p in paragraphs))
    meta = extract_metadata(path, data, doc_id, cleaned, paragraphs)
    return Document(apply_sidecar(meta, read_sidecar(path)), text, paragraphs)


def _check_paragraph_length(longest: int) -> None:
    if longest > MAX_PARAGRAPH_CHARS:
        raise SourceError(
            f"a paragraph of {longest:,} characters (the limit is {MAX_PARAGRAPH_CHARS:,}): "
            "separate its paragraphs with line breaks"
        )


def load_corpus(folder: Path) -> CorpusLoad:
    """Load every source file of ``folder`` in sorted order (subfolders are not read).

    Sidecars (``*.meta.json``) and hidden files (".DS_Store") are not sources: not reported.

    Skipped (with the reason): unsupported suffixes, unusable files, a second file with the
    same bytes as an earlier one ("duplicate of X") or the same document id.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise SourceError(f"corpus folder not found: {folder}")
    result = CorpusLoad()
    by_hash: dict[str, Path] = {}
    by_id: dict[str, Path] = {}
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        if path.name.startswith(".") or is_sidecar(path):
            continue
        try:
            _check_suffix(path)
            data = _read(path)
            digest = hashlib.sha256(data).hexdigest()
            if digest in by_hash:
                raise SourceError(f"duplicate of {by_hash[digest].name}")
            if make_doc_id(path) in by_id:
                raise SourceError(f"same document id as {by_id[make_doc_id(path)].name}")
            document = _document(path, data)
        except SourceError as exc:
            result.skipped.append((path, str(exc)))
            continue
        by_hash[digest] = by_id[document.doc_id] = path
        result.documents.append(document)
    return result
