"""Per-document metadata: what the text says about itself, overridable by a sidecar file.

Read from the text (None / empty where the text does not say it):

- title: the headline the cleaner found;
- authors: the names of the "By A, B and C" byline, or of reporters labelled
  "NAME, BYLINE:" in a transcript (title-cased);
- publisher: the short line right under the byline ("New York Times·"), else the name in
  the story's closing "provided by X" / copyright notice ("Transcript provided by NPR,
  Copyright NPR."); a copyright line of the page around the story is not the story's;
- date: the first date written between the headline and the story's first paragraph
  ("22 May, 2019", "May 22, 2019", "2019-05-22"), as ISO YYYY-MM-DD;
- kind: "transcript" when the paragraphs carry speaker turns, else "article".

A sidecar ``<stem>.meta.json`` next to the source may set title, publisher, authors, date
and kind; its values win.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qa_bot.cleaning import CleanedText
from qa_bot.cleaning.shapes import copyright_notice_start, is_date_line
from qa_bot.errors import SourceError
from qa_bot.models import DocumentMeta, Paragraph

SIDECAR_SUFFIX = ".meta.json"
SIDECAR_KEYS = frozenset({"title", "publisher", "authors", "date", "kind"})
KINDS = ("article", "transcript")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATES = (
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
)
_NAME = r"[A-Z][\w&.'’-]*(?:\s+(?:[A-Z][\w&.'’-]*|of|and|&))*"
_PROVIDED_BY = re.compile(rf"\bprovided by\s+(?P<name>{_NAME})")
_NOTICE_NAME = re.compile(rf"(?:©|\([cC]\)|Copyright|COPYRIGHT)\s*(?:\d{{4}}\s*)?(?P<name>{_NAME})")
_PUBLISHER_TRIM = " \t·•|-–—,:;"


def extract_metadata(
    path: Path, data: bytes, doc_id: str, cleaned: CleanedText, paragraphs: Sequence[Paragraph]
) -> DocumentMeta:
    """Metadata read from the cleaned text (sidecar not applied)."""
    headline = cleaned.headline
    return DocumentMeta(
        doc_id=doc_id,
        filename=path.name,
        title=headline.text if headline else None,
        publisher=_publisher(cleaned),
        authors=tuple(cleaned.authors),
        date=_date(cleaned),
        kind="transcript" if any(p.role == "turn" for p in paragraphs) else "article",
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _publisher(cleaned: CleanedText) -> str | None:
    byline, start = cleaned.byline, cleaned.story_start
    if byline is not None and start is not None and byline.index + 1 < start.index:
        below = cleaned.lines[byline.index + 1]
        name = below.text.strip(_PUBLISHER_TRIM)
        if (
            0 < len(name.split()) <= 5
            and not any(ch.isdigit() for ch in name)
            and not is_date_line(below)
            and all(w[0].isupper() or w in ("of", "and", "&") for w in name.split())
        ):
            return name
    closing = cleaned.end_marker.text if cleaned.end_marker else ""
    for pattern in (_PROVIDED_BY, _NOTICE_NAME):
        match = pattern.search(closing)
        if match and (pattern is _PROVIDED_BY or copyright_notice_start(closing) is not None):
            return re.split(r"\.\s", match.group("name"))[0].strip(_PUBLISHER_TRIM + ".")
    return None


def _date(cleaned: CleanedText) -> str | None:
    """The first valid date written in the head of the story (headline to first paragraph)."""
    for line in cleaned.head_lines():
        found = parse_date(line.text)
        if found:
            return found
    return None


def parse_date(text: str) -> str | None:
    """The first valid date in ``text`` as YYYY-MM-DD, or None."""
    for pattern in _DATES:
        for match in pattern.finditer(text):
            month = match.group("month")
            number = int(month) if month.isdigit() else _MONTHS[month.lower()]
            try:
                day = dt.date(int(match.group("year")), number, int(match.group("day")))
            except ValueError:
                continue
            return day.isoformat()
    return None


def read_sidecar(source: Path) -> dict[str, Any]:
    """The validated overrides of ``<stem>.meta.json`` next to ``source`` ({} when absent)."""
    sidecar = source.with_name(source.stem + SIDECAR_SUFFIX)
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"{sidecar.name} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise SourceError(f"{sidecar.name} must hold a JSON object")
    unknown = sorted(set(data) - SIDECAR_KEYS)
    if unknown:
        raise SourceError(f"{sidecar.name}: unknown keys {', '.join(unknown)}")
    return {key: _check_value(sidecar.name, key, value) for key, value in data.items()}


def _check_value(name: str, key: str, value: Any) -> Any:
    if key == "authors":
        authors = [value] if isinstance(value, str) else value
        if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
            raise SourceError(f"{name}: authors must be a list of names")
        return tuple(a.strip() for a in authors if a.strip())
    if value is not None and not isinstance(value, str):
        raise SourceError(f"{name}: {key} must be text")
    if key == "date" and value is not None and parse_date(value) != value:
        raise SourceError(f"{name}: date must be YYYY-MM-DD, got {value!r}")
    if key == "kind" and value not in KINDS:
        raise SourceError(f"{name}: kind must be one of {', '.join(KINDS)}")
    return value


def apply_sidecar(meta: DocumentMeta, overrides: dict[str, Any]) -> DocumentMeta:
    return dataclasses.replace(meta, **overrides) if overrides else meta
