"""Yes/no questions that quote a figure to check it ("Wasn't Acme worth $10 billion?", "Did
it really have 40,000 staff?"): the answer is the figure the sources give, so they ask for an
amount of money, a share, a number or a year, and the quoted figure itself may confirm it.
So do yes/no questions whether a figure was given ("Was a date ever set for the hearing?"):
only a sentence giving one answers.
"""

from __future__ import annotations

import re

from qa_bot.text import content_terms

_YES_NO = re.compile(
    r"^\W*(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)"
    r"(?:n['’]?t)?\b",
    re.I,
)
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_SCALE = r"(?:\s*(?:million|billion|trillion|thousand|bn|m)\b)?"
_TIME_UNITS = r"(?:years|months|weeks|days|hours|minutes|decades)\b"
# The kind each quoted figure asks for, the most specific first ("40,000 staff in 2019"
# checks the staff).
_FIGURES = (
    ("percent", rf"{_NUMBER}\s*(?:%|percent\b|per cent\b)"),
    ("money", rf"(?:US|USD|NZ|C|A)?[$€£¥]\s*{_NUMBER}{_SCALE}|{_NUMBER}{_SCALE}\s+"
     r"(?:dollars|euros|yuan|pounds|yen)\b"),
    ("count", rf"(?<![\w,.$€£¥]){_NUMBER}{_SCALE}\s+(?!{_TIME_UNITS})(?:[a-z-]+\s+)?"
     rf"(?:people|staff|(?!{_TIME_UNITS})(?-i:[a-z]+s))\b"),
    ("year", r"\b(?:in|since|from|by|until|back in)\s+(?:1[5-9]\d\d|20\d\d)\b(?![,.]?\d)"),
)  # fmt: skip
# The figure itself: "30,000" of "30,000 people", "2001" of "in 2001".
_QUOTED = re.compile(rf"(?:US|USD|NZ|C|A)?[$€£¥]\s*{_NUMBER}{_SCALE}|{_NUMBER}{_SCALE}"
                     r"(?:\s*(?:%|percent\b|per cent\b|dollars\b|euros\b|yuan\b|pounds\b|yen\b))?",
                     re.I)  # fmt: skip


# "Was a date ever set ...?", "Did they give a figure for ...?": the kind of figure asked for.
_GIVEN = re.compile(
    r"\b(?:a|an|any|the)\s+(?:(?:exact|specific|precise|firm|final|new|same)\s+)?"
    r"(?P<noun>date|deadline|time-?line|timetable|time-?frame|figure|number|price|amount|sum)\b",
    re.I,
)
_GIVEN_KINDS = {"figure": "count", "number": "count", "price": "money", "amount": "money",
                "sum": "money"}  # fmt: skip


def checked_kind(question: str) -> str | None:
    """The kind of figure a yes/no question quotes to check or asks whether one was given."""
    if not _YES_NO.search(question):
        return None
    for kind, pattern in _FIGURES:
        if re.search(pattern, question, re.I):
            return kind
    given = _GIVEN.search(question)
    return _GIVEN_KINDS.get(given.group("noun").lower(), "time") if given else None


def without_checked_figures(question: str) -> str:
    """The question without the figures it quotes to check: the sources' figure answers it
    whether or not it is the same one."""
    if checked_kind(question) is None:
        return question
    return _QUOTED.sub(" ", question)


def checked_figure_terms(question: str) -> frozenset[str]:
    """The terms of the figures a yes/no question quotes ("10" of "$10 billion"): that the
    sources never say them is no sign that they lack the answer."""
    unchecked = without_checked_figures(question)
    return frozenset(content_terms(question)) - frozenset(content_terms(unchecked))
