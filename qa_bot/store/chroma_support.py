"""Chroma plumbing for the chunk store: clients, one-line errors, a check of index files.

Chroma's embedded store keeps its HNSW index in files beside ``chroma.sqlite3``; hnswlib reads
them without checking their sizes, so a truncated ``header.bin`` crashes the process
(segmentation fault) instead of raising. ``check_index_files`` looks at the sizes first.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

from qa_bot.errors import StoreError

REBUILD = "run `qa-bot ingest --rebuild`"
# hnswlib's header.bin, version 1: version, offsetLevel0, max_elements, cur_element_count,
# size_data_per_element, label_offset, offset_data, maxlevel, enterpoint, maxM, maxM0, M,
# mult, ef_construction.
_HEADER = struct.Struct("<IQQQQQQiIQQQdQ")


def check_index_files(chroma_dir: Path) -> None:
    """``StoreError`` if an HNSW index file is shorter than its header says it must be."""
    for header in sorted(chroma_dir.glob("*/header.bin")):
        data = header.read_bytes()
        if len(data) < _HEADER.size:
            raise _damaged(header, f"{len(data)} bytes")
        if len(data) > _HEADER.size:
            continue  # a format this check does not know
        version, _, _, count, per_element, *_ = _HEADER.unpack(data)
        if version != 1:
            continue
        expected = {"data_level0.bin": count * per_element, "length.bin": 4 * count}
        for name, size in expected.items():
            path = header.with_name(name)
            if path.exists() and path.stat().st_size < size:
                raise _damaged(path, f"{path.stat().st_size} of {size} bytes")


def _damaged(path: Path, detail: str) -> StoreError:
    return StoreError(f"the Chroma index file {path} is damaged ({detail}): {REBUILD}")


def forget_failed_system(identifier: str) -> None:
    """Chroma caches a client's system per path even when opening it failed; drop that one,
    so that a later attempt (after ``--rebuild``) opens the files again."""
    from chromadb.api.shared_system_client import SharedSystemClient

    systems = getattr(SharedSystemClient, "_identifier_to_system", {})
    refcounts = getattr(SharedSystemClient, "_identifier_to_refcount", {})
    if identifier not in refcounts:
        systems.pop(identifier, None)


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def server_error(url: str, exc: BaseException) -> StoreError:
    text = one_line(exc)
    name = type(exc).__name__
    if "Auth" in name or any(code in text for code in ("401", "403", "Unauthorized", "Forbidden")):
        return StoreError(
            f"the Chroma server at {url} refused access ({text}): check QA_BOT_CHROMA_AUTH_HEADER"
        )
    if "connect" in text.lower() or "Connect" in name or "Timeout" in name:
        return StoreError(
            f"cannot reach the Chroma server at {url} ({text}): is it running? (QA_BOT_CHROMA_URL)"
        )
    return StoreError(f"the Chroma server at {url} failed ({text})")


def http_client(url: str, auth_header: str | None) -> Any:
    from urllib.parse import urlparse

    import chromadb
    from chromadb.config import Settings as ChromaSettings

    parsed = urlparse(url)
    headers = {}
    if auth_header:
        name, _, value = auth_header.partition(":")
        headers[name.strip()] = value.strip()
    try:
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            headers=headers,
            settings=ChromaSettings(anonymized_telemetry=False),
        )
    except Exception as exc:
        raise server_error(url, exc) from exc
