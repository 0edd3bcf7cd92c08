"""Shape tests on one line: sentence, date line, breadcrumb, headline, byline, end marker."""

from __future__ import annotations

import re

from qa_bot.cleaning.lexicon import (
    ALL_RIGHTS,
    CAPTION_CREDIT,
    CHROME_WORDS,
    COPYRIGHT,
    CREDIT_LINE,
    DATE_WORDS,
    EMBED_ATTRIBUTION,
    word_set,
)
from qa_bot.cleaning.lines import Line
from qa_bot.text import sentence_spans

_SENTENCE_START = re.compile(r"^(?:[\"'“‘(\[¿¡]*[A-Z0-9]|\.\.\.|…)")
_SENTENCE_END = re.compile(r"(?:[.!?…][\"'”’)\]]*|\))$")
_BREADCRUMB_SEPARATOR = re.compile(r"\s(?:/|>|»|›|\|)\s")
# "By A and B", "Written by A", "Story by A", "Reporting by A" (not "by" inside a sentence).
_BYLINE = re.compile(
    r"^(?:(?:Written|Words|Story|Text|Reporting|Reported|Photos|Interview)[ \t]+)?"
    r"(?:By|BY|by)[ \t]+(?P<names>\S.*)$"
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b|\bAND\b)\s*")
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|del|la|le|bin)){1,3}$")
_NOT_NAME_WORDS = word_set(
    """staff writer writers reporter correspondent editor editors news times press associated
    agency wire service updated published bureau contributor team desk"""
)
_NOTICE_NAME_WORD = re.compile(r"^(?:[A-Z0-9][\w&.,'’-]*|and|of|the|&|[-–—|·])$")
_NOTICE_MAX_WORDS = 8


def is_sentence(line: Line) -> bool:
    """Starts like a sentence (capital, digit, quote, ellipsis), ends with terminal punctuation."""
    return bool(_SENTENCE_START.match(line.text) and _SENTENCE_END.search(line.text))


def is_date_line(line: Line) -> bool:
    """Only dates, times and their words ("22 May, 2019 02:11 AM", "Updated 5 mins ago")."""
    tokens = line.tokens
    if not tokens or len(tokens) > 12 or not any(t.isdigit() for t in tokens):
        return False
    return all(t.isdigit() or t in DATE_WORDS for t in tokens)


def is_breadcrumb(line: Line) -> bool:
    """Short items joined by "/", ">", "»" or "|" ("Home / World")."""
    parts = _BREADCRUMB_SEPARATOR.split(line.text)
    return len(parts) >= 2 and all(len(p.split()) <= 4 for p in parts) and not is_sentence(line)


def is_attribution(line: Line) -> bool:
    """The credit line under an embedded post: "— Name (@handle) May 22, 2019"."""
    return line.n_words <= 15 and bool(EMBED_ATTRIBUTION.match(line.text))


def is_widget(line: Line) -> bool:
    """A button or label of at most four words: "Advertisement", "Subscribe to listen", "Save"."""
    if line.n_words > 4 or not line.tokens:
        return False
    return line.chrome_score >= 1 or all(t in CHROME_WORDS for t in line.tokens)


def is_chrome_prose(line: Line) -> bool:
    """A prompt whose words are dense in chrome phrases (subscribe, sign in, premium ...)."""
    return line.chrome_score >= 2 and line.chrome_score / max(1, line.n_words) >= 0.2


def has_caption_credit(line: Line) -> bool:
    """A description followed by a photo credit ("... in Washington. Photo / X")."""
    credit = CAPTION_CREDIT.search(line.text) if line.n_words <= 60 else None
    return credit is not None and len(line.text[: credit.start()].split()) >= 3


def is_headline_shaped(line: Line) -> bool:
    """A title: 3-25 words on one line, no closing period or comma, not a date or breadcrumb."""
    if line.heading and line.n_words >= 1:
        return True
    text = line.text
    if not 3 <= line.n_words <= 25 or len(text) > 150 or line.bullet or line.earlier_copy:
        return False
    if text[-1] in ".,;:" or not (text[0].isupper() or text[0].isdigit() or text[0] in "\"'‘“"):
        return False
    return not (is_date_line(line) or is_breadcrumb(line) or is_widget(line))


def byline_names(text: str) -> list[str]:
    """Author names of a "By A, B and C" line (empty when the line is not a byline)."""
    match = _BYLINE.match(text)
    if not match or len(text.split()) > 16:
        return []
    names = []
    for part in _NAME_SPLIT.split(match.group("names").strip(" .·|-")):
        part = part.strip(" .·")
        words = {w.lower() for w in part.split()}
        if _NAME.match(part) and not words & _NOT_NAME_WORDS:
            names.append(part)
    return names


def copyright_notice_start(text: str) -> int | None:
    """Offset of the first sentence holding a copyright notice ("Copyright X", "(c) 2019 X")."""
    starts = [_sentence_start(text, m.start()) for m in ALL_RIGHTS.finditer(text)]
    for match in COPYRIGHT.finditer(text):
        rest = re.split(r"[.!?](?:\s|$)", text[match.end() :], maxsplit=1)[0].split()
        if 0 < len(rest) <= _NOTICE_MAX_WORDS and all(_NOTICE_NAME_WORD.match(w) for w in rest):
            starts.append(_sentence_start(text, match.start()))
    return min(starts, default=None)


def end_marker_start(line: Line) -> int | None:
    """Where an end-of-story marker starts in the line: copyright notice or credit line."""
    if CREDIT_LINE.match(line.text):
        return 0
    return copyright_notice_start(line.text)


def _sentence_start(text: str, offset: int) -> int:
    for start, end in sentence_spans(text):
        if start <= offset < end:
            return start
    return 0
