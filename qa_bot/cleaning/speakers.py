"""Transcript speaker labels: ``GREENE:``, ``TOM BAKER:``, ``JANE DOE, BYLINE:``.

A label is an upper-case name of one to four words at the start of a line, optionally followed
by a comma and an upper-case role ("BYLINE", "HOST"), then a colon and the spoken text. The
speaker is the name as written, without the role. Words that introduce notes rather than
speech ("NOTE:", "UPDATE:", "WATCH:") are not speakers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa_bot.cleaning.lexicon import NOT_SPEAKERS

# One to four upper-case words; words after the first may be numbers ("PERSON #1").
_NAMES = r"[A-Z][A-Z0-9#.'’-]*(?:[ \t]+[A-Z0-9#][A-Z0-9#.'’-]*){0,3}"
_LABEL = re.compile(rf"(?P<name>{_NAMES})(?:,[ \t]*(?P<role>{_NAMES}))?:[ \t]+(?=\S)")
_LABEL_ONLY = re.compile(rf"{_NAMES}(?:,[ \t]*{_NAMES})?:")


@dataclass(frozen=True)
class SpeakerLabel:
    speaker: str  # the name as written, role removed ("JANE DOE")
    role: str | None  # "BYLINE", "HOST" ... when the label carries one
    end: int  # offset just past the label's colon and spaces


def parse_label(text: str) -> SpeakerLabel | None:
    """The speaker label opening ``text``, or None when it does not open with one."""
    match = _LABEL.match(text)
    if not match:
        return None
    name = match.group("name")
    first_word = name.split()[0].rstrip(".'’")
    if first_word in NOT_SPEAKERS or not any(ch.isalpha() for ch in name):
        return None
    return SpeakerLabel(speaker=name, role=match.group("role"), end=match.end())


def is_label_only(text: str) -> bool:
    """A line that holds only a speaker label ("DAVID GREENE, HOST:"): the turn follows it."""
    return _LABEL_ONLY.fullmatch(text) is not None and parse_label(text + " x") is not None


def byline_speakers(texts: list[str]) -> list[str]:
    """Names of reporters labelled "NAME, BYLINE:" in a transcript, title-cased, in order."""
    names: list[str] = []
    for text in texts:
        label = parse_label(text)
        if label and label.role == "BYLINE":
            name = label.speaker.title()
            if name not in names:
                names.append(name)
    return names
