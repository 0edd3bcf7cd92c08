"""Split decoded text into lines with raw spans and the features the classifier reads.

A line's span excludes surrounding whitespace and leading markup (markdown ``#`` headings,
``>`` quotes, list bullets, emphasis wrapped around the whole line), so the paragraph text is
the verbatim slice with whitespace collapsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise

from qa_bot.cleaning.lexicon import (
    CAPTION_CREDIT,
    CHROME_TERM_MAX_WORDS,
    CHROME_TERMS,
    COPYRIGHT,
    CREDIT_LINE,
    STOPWORDS,
)
from qa_bot.cleaning.speakers import is_label_only, parse_label
from qa_bot.text import collapse_whitespace

_NEWLINE = re.compile(r"\r\n|\r|\n")
_HEADING = re.compile(r"#{1,6}[ \t]+")
_QUOTE = re.compile(r"(?:>[ \t]?)+")
_BULLET = re.compile(r"(?:[-*+•·▪◦‣]|\d{1,2}[.)])[ \t]+")
_EMPHASIS = ("**", "__", "*", "_")
_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w.-]+\.(?:com|org|net|co)/\S*")
# Words (camel-case glued menu words are split: "SubscribeSign" -> "Subscribe", "Sign") and numbers.
_TOKEN = re.compile(r"[A-Z]?[a-z]+(?:['’][a-z]+)*|[A-Z]+(?![a-z])|\d+")
_MD_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)")
# A line with one of these is a unit of its own, never part of a wrapped paragraph.
_WRAP_BREAKERS = (CAPTION_CREDIT, COPYRIGHT, CREDIT_LINE)
WRAP_WIDTH = (40, 100)  # hard-wrapped text is wrapped at a width in this range
WRAP_FILL = 0.75  # every line but the last fills at least this much of the width
WRAPPED_MIN_STOPWORDS = 0.15

Span = tuple[int, int]


@dataclass
class Line:
    """One non-blank line: its raw span, markup flags and text features."""

    index: int  # position among the non-blank lines
    start: int  # raw span of ``text`` (markup and outer whitespace excluded)
    end: int
    text: str  # collapsed verbatim text
    block: int  # number of the blank-line-separated block it belongs to
    bullet: bool = False
    heading: bool = False  # a markdown "#" heading
    quote: bool = False  # a markdown ">" quote
    image: bool = False  # a markdown image line
    link_density: float = 0.0
    tokens: tuple[str, ...] = ()  # lower-cased words and numbers, URLs left out
    stop_density: float = 0.0
    chrome_score: int = 0
    copies: int = 1  # how many lines of the document have the same text
    earlier_copy: bool = False  # the same text already appeared above
    kind: str = ""  # set by the classifier (see qa_bot.cleaning.classify)
    reason: str = ""

    @property
    def n_words(self) -> int:
        return len(self.tokens)


def split_lines(text: str, link_spans: Sequence[Span] = ()) -> list[Line]:
    """The non-blank lines of ``text`` with their features (``link_spans``: HTML anchors)."""
    lines: list[Line] = []
    block = 0
    for start, end in _raw_lines(text):
        if not text[start:end].strip():
            block += 1
            continue
        line = _make_line(text, start, end, len(lines), block)
        if line is not None:
            lines.append(line)
    lines = _merge_wrapped(text, _merge_labels(text, lines))
    for index, line in enumerate(lines):
        line.index = index
        line.link_density = max(line.link_density, _anchor_density(line, link_spans))
    return lines


def _raw_lines(text: str) -> Iterator[Span]:
    """Spans of the lines of ``text`` (any of \\n, \\r\\n, \\r ends a line)."""
    start = 0
    for match in _NEWLINE.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _make_line(text: str, start: int, end: int, index: int, block: int) -> Line | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    flags = {"heading": False, "quote": False, "bullet": False}
    for name, pattern in (("quote", _QUOTE), ("heading", _HEADING), ("bullet", _BULLET)):
        marker = pattern.match(text, start, end)
        if marker and marker.end() < end:
            flags[name] = True
            start = marker.end()
    start, end = _strip_emphasis(text, start, end)
    if start >= end:
        return None
    raw = text[start:end]
    line = Line(index=index, start=start, end=end, text=collapse_whitespace(raw), block=block)
    line.heading, line.quote, line.bullet = flags["heading"], flags["quote"], flags["bullet"]
    _add_features(line)
    return line


def _strip_emphasis(text: str, start: int, end: int) -> Span:
    """Drop emphasis markers wrapped around the whole line (``*By Jane Doe*``)."""
    for mark in _EMPHASIS:
        size = len(mark)
        inner = text[start + size : end - size]
        if (
            end - start > 2 * size
            and text.startswith(mark, start)
            and text.endswith(mark, start, end)
            and mark not in inner
            and inner.strip() == inner
        ):
            return start + size, end - size
    return start, end


def _add_features(line: Line) -> None:
    text = line.text
    links = _MD_LINK.findall(text)
    line.image = bool(links) and text.startswith("![")
    line.link_density = sum(len(link) for link in links) / len(text)
    visible = _MD_LINK.sub(lambda m: m.group(0).split("](")[0], text) if links else text
    if "/" in visible:
        visible = _URL.sub(" ", visible)
    line.tokens = tuple(t.lower().replace("’", "'") for t in _TOKEN.findall(visible))
    words = [t for t in line.tokens if not t.isdigit()]
    line.stop_density = sum(t in STOPWORDS for t in words) / max(1, len(words))
    line.chrome_score = chrome_score(line.tokens)


def chrome_score(tokens: Sequence[str]) -> int:
    """Sum of the weights of the chrome terms (single words and phrases) among ``tokens``."""
    score = 0
    for position in range(len(tokens)):
        for size in range(1, CHROME_TERM_MAX_WORDS + 1):
            score += CHROME_TERMS.get(tuple(tokens[position : position + size]), 0)
    return score


def _merge_labels(text: str, lines: list[Line]) -> list[Line]:
    """A speaker label alone on its line ("DAVID GREENE, HOST:") opens the line after it."""
    merged: list[Line] = []
    for line in lines:
        previous = merged[-1] if merged else None
        if previous is not None and is_label_only(previous.text) and parse_label(line.text) is None:
            start, end = previous.start, line.end
            merged[-1] = Line(0, start, end, collapse_whitespace(text[start:end]), line.block)
            _add_features(merged[-1])
        else:
            merged.append(line)
    return merged


def _merge_wrapped(text: str, lines: list[Line]) -> list[Line]:
    """Join the lines of each block that has the shape of hard-wrapped prose into one line."""
    merged: list[Line] = []
    for _, grouped in groupby(lines, key=lambda line: line.block):
        group = list(grouped)
        if not _is_wrapped(group):
            merged.extend(group)
            continue
        start, end = group[0].start, group[-1].end
        joined = Line(0, start, end, collapse_whitespace(text[start:end]), group[0].block)
        _add_features(joined)
        merged.extend([joined] if joined.stop_density >= WRAPPED_MIN_STOPWORDS else group)
    return merged


def _is_wrapped(group: list[Line]) -> bool:
    """Each line but the last ends where the next line's first word would not have fitted."""
    if len(group) < 2 or any(ln.bullet or ln.heading or ln.image for ln in group):
        return False
    if any(ln.quote for ln in group) and not all(ln.quote for ln in group):
        return False
    if len({ln.text.casefold() for ln in group}) < len(group):
        return False  # a doubled caption, not a wrapped paragraph
    if any(pattern.search(ln.text) for pattern in _WRAP_BREAKERS for ln in group):
        return False
    if any(parse_label(ln.text) for ln in group):
        return False
    if any(ln.chrome_score >= 2 or (ln.chrome_score and ln.n_words <= 4) for ln in group):
        return False  # an advertising marker or prompt glued under a paragraph
    width = max(len(ln.text) for ln in group)
    if not WRAP_WIDTH[0] <= width <= WRAP_WIDTH[1]:
        return False
    return all(
        len(line.text) >= WRAP_FILL * width
        and len(line.text) + 1 + len(following.text.split()[0]) > width
        for line, following in pairwise(group)
    )


def _anchor_density(line: Line, link_spans: Sequence[Span]) -> float:
    if not link_spans:
        return 0.0
    covered = sum(max(0, min(end, line.end) - max(start, line.start)) for start, end in link_spans)
    return covered / max(1, line.end - line.start)
