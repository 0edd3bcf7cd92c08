"""Numbers that answer "how many": a number of the things asked about ("how many cameras" is
not answered by "hundreds of thousands of Muslims"), of the thing measured ("the population of
X"), and near the place asked about ("offices in California").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from qa_bot.text import STOPWORDS, stem, words

NUMBER = re.compile(
    r"\d[\d,.]*\d|\d|\b(hundreds?|thousands?|millions?|billions?|dozens?|two|three|four|five|six|seven|"
    r"eight|nine|ten|twenty|thirty|half)\b",
    re.I,
)

# "How many Hikvision cameras are ...": what is counted (its last word).
_HOW_MANY = re.compile(
    r"\bhow many\s+(?:[\w'’-]+\s+){0,3}?(?P<noun>[\w'’-]+)\s+"
    r"(?:do|does|did|are|is|was|were|have|has|had|will|would|could|can)\b"
)
ANY_COUNT = frozenset("people persons individuals times ones things".split())
# "How many staff": the people who work there, by any of their names ("30,000 employees").
WORKFORCE = frozenset(
    stem(w) for w in "staff staffers employees workers personnel workforce people employ".split()
)

_EMPLOYED = re.compile(r"\b(work|works|working|worked|employ|employs|employed|on staff)\b", re.I)


def counted_noun(question: str) -> str | None:
    """What "how many" counts: "cameras" of "How many Hikvision cameras are ...", "people" of
    "How many people work ..."."""
    question = question.lower()
    match = _HOW_MANY.search(question) or re.search(r"\bhow many\s+([\w'’-]+)", question)
    return match.group(1 if match.re is not _HOW_MANY else "noun").lower() if match else None


def _asked_count(asked: str) -> str | None:
    """The counted noun, "staff" for "How many people work for Acme?" (its workforce)."""
    counted = counted_noun(asked)
    if counted in ("people", "persons", "individuals") and _EMPLOYED.search(asked):
        return "staff"
    return counted


# A sentence naming a workforce: "people" alone may be anyone.
_WORKFORCE_NAMED = WORKFORCE - {stem("people")}


def workforce_terms(asked: str, terms: Iterable[str]) -> frozenset[str]:
    """Of a question asking for a workforce ("How many people work for X?"), the words that
    ask for it, which any name for a workforce covers ("It has 30,000 employees")."""
    counted = _asked_count(asked)
    if counted is None or stem(counted) not in WORKFORCE:
        return frozenset()
    return frozenset(t for t in terms if t in WORKFORCE or t in ("work", "employ"))


def names_workforce(terms: set[str]) -> bool:
    return bool(terms & _WORKFORCE_NAMED)


def _counts_asked(sentence: str, asked: str) -> bool:
    """For "how many cameras", a number of cameras: "hundreds of thousands of Muslims" counts
    something else. A generic "how many people" takes any number."""
    counted = _asked_count(asked)
    if counted is None or counted in ANY_COUNT:
        return True
    noun = stem(counted)
    same = WORKFORCE if noun in WORKFORCE else {noun}
    for number in NUMBER.finditer(sentence):
        following = words(sentence[number.end() :])[:6]
        # "a workforce of 12,000": the people counted may come just before
        before = words(sentence[: number.start()])[-3:] if noun in WORKFORCE else []
        if any(stem(w) in same for w in following + before):
            return True
    return False


# "What is the population of Shanghai?": the thing measured.
_MEASURED = re.compile(
    r"\b(population|size|age|height|length|area) of (?:the\s+)?(?P<what>[^?,;]+)", re.I
)


def _names_measured(sentence: str, asked: str) -> bool:
    """ "The population of Shanghai" is a number said of Shanghai: the sentence names it, and
    says that it is a population ("hundreds of thousands of Muslims" in Xinjiang is none)."""
    match = _MEASURED.search(asked)
    if match is None:
        return True
    measured = {stem(w) for w in words(match.group("what")) if w not in STOPWORDS}
    said_terms = {stem(w) for w in words(sentence)}
    if measured & WORKFORCE:
        return names_workforce(said_terms)  # "the size of its workforce": "30,000 employees"
    if measured and not measured & said_terms:
        return False
    said = _MEASURE_SAID.get(match.group(1).lower())
    return said is None or bool(re.search(rf"\b({said})\b", sentence, re.I))


# How a sentence says what is measured.
_MEASURE_SAID = {
    "population": r"population|residents|inhabitants|citizens|people live",
    "age": r"age|aged|years? old|year-old",
    "height": r"height|tall|high",
    "length": r"length|long",
    "area": r"area|square",
}


# "in Ohio", "at Acme's Toronto office" ("at Acme" alone is no place)
_ASKED_PLACE = re.compile(
    r"\bin\s+(?P<place>[A-Z][a-z]+)\b|"
    r"\b(?:in|at|on|of)\s+(?:[\w.]+\s+){0,2}[\w.]+(?:['’]s|(?<=s)['’])\s+(?P<owned>[A-Z][a-z]+)\b"
)
PLACE_WINDOW = 8  # words between a number and the place it counts in
# A count of everywhere, which says nothing of one place.
_WORLDWIDE = re.compile(
    r"\b(global(?:ly)?|worldwide|world-wide|around the world|across the world|in total|"
    r"in all)\b",
    re.I,
)


def _counted_there(sentence: str, question: str) -> bool:
    """ "How many people work at its offices in California?": when the sentence names the
    place, the number must be near it ("hundreds of workers in the US and Canada, setting up
    offices in California" counts workers elsewhere). A sentence that does not name the place
    may take it from the sentence before, unless it counts everywhere ("global employees")."""
    tokens = words(sentence)
    numbers = [i for i, w in enumerate(tokens) if NUMBER.fullmatch(w)]
    for asked in _ASKED_PLACE.finditer(question):
        place = (asked.group("place") or asked.group("owned")).lower()
        where = [i for i, w in enumerate(tokens) if w == place]
        if where and not any(abs(i - j) <= PLACE_WINDOW for i in numbers for j in where):
            return False
        if not where and _WORLDWIDE.search(sentence):
            return False  # "34,000 global employees" is no count of those in California
    return True


def holds_count(sentence: str, question: str) -> bool:
    """Is there a number of what the question counts, of the thing measured, counted where
    the question asks?"""
    asked = question.lower()
    return (
        _counts_asked(sentence, asked)
        and _names_measured(sentence, asked)
        and _counted_there(sentence, question)
    )
