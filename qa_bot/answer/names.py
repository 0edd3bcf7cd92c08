"""Names in a sentence: which may be a person's (not an organisation, a place, a country or a
nationality), and which places a sentence ties to what is asked ("the team based in Montreal").
"""

from __future__ import annotations

import re
from functools import cache

from qa_bot.answer.lexicon import (
    GOVERNMENT_WORDS,
    MEDIUM_WORDS,
    ORGANISATION_WORDS,
    TITLE_WORDS,
    countries,
)
from qa_bot.text import STOPWORDS, stem, words

NAME = re.compile(r"(?<=[a-z0-9,;:'\"’–—-] )[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*|\b[A-Z]{2,}\b")


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# Capitalised, so the modal "may" and the verb "march" are not read as months; "May" only
# with a day, a year or a preposition ("U.S. May Blacklist ..." is a headline's modal).
_MAY = (
    r"(?<=\b(?i:in|by|on|of) )May|(?<=\b(?i:late|last|next|this|from|till|into) )May|"
    r"(?<=\b(?i:early|since|until|after|every) )May|(?<=\b(?i:during|before|around) )May|"
    r"(?<=\b(?i:through) )May|(?<=\bmid-)May|"
    r"May(?= \d)|(?<=\d )May"
)
CALENDAR = re.compile(rf"\b({MONTHS.replace('May|', '')}|{WEEKDAYS}|{_MAY})\b")
_CALENDAR_WORD = re.compile(rf"{MONTHS}|{WEEKDAYS}")  # no one's name


def without_titles(name: str) -> str:
    """ "Secretary of State Mike Pompeo" -> "Mike Pompeo": the title is not who it is."""
    kept = [w for w in name.split() if w.lower().strip(".") not in TITLE_WORDS]
    return " ".join(kept)


def person_names(sentence: str) -> list[str]:
    """Names that may be a person's: not an organisation ("Commerce Department", "Ministry of
    Trade"), an acronym, a country, a place ("in Montreal"), a day or month, nor one word in the
    possessive ("Huawei's license")."""
    names: list[str] = []
    for match in NAME.finditer(sentence):
        # "'New York Times' Reports": a name ends at its possessive
        name = re.split(r"(?<=['’])\s+|(?<=['’]s)\s+", match.group(0))[0]
        first, last = name.split()[0].lower(), name.split()[-1].lower().rstrip("'’")
        if name.isupper() or last in ORGANISATION_WORDS or name.lower() in countries():
            continue
        if last.endswith(("an", "ese", "ish")) and nationality(last):
            continue  # "a North American team", "the Chinese": no one's name
        if " " not in name and (
            name.endswith(("'s", "’s", "'", "’"))
            or _CALENDAR_WORD.fullmatch(name)
            or nationality(last)
        ):
            continue
        before = sentence[: match.start()]
        if (
            first in ORGANISATION_WORDS
            or _OF_ORGANISATION.search(before)
            or _ATPLACE.search(before)
        ):
            continue
        names.append(name)
    return names


# "offices in California", "headquartered in Montreal": after these, a name is a place.
_ATPLACE = re.compile(r"\b(in|into|at|across|near|throughout|inside|outside)\s+(the\s+)?$", re.I)
_OF_ORGANISATION = re.compile(r"\b(" + "|".join(sorted(ORGANISATION_WORDS)) + r")\s+of\s+$", re.I)

PLACE = re.compile(
    r"\b(in|at|from|to|on|across|into)\s+(the\s+)?(?P<where>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)"
)
CITY = re.compile(r"\b(city|cities|town|towns)\b", re.I)


def cities_of_asked(sentence: str, asked: str) -> list[str]:
    """Places the sentence ties to what the question is about: a word of the question shortly
    before "in X" ("the team based in Montreal", not "offices in California and a team in
    Montreal" for "which California city are its offices in")."""
    asked_stems = {stem(w) for w in words(asked) if w not in STOPWORDS}
    places = []
    for match in PLACE.finditer(sentence):
        possessive = sentence[match.end() :].startswith(("'s", "’s"))
        if match.group(1).lower() not in ("in", "from", "at") or possessive:
            continue  # "similarly to Huawei's license" names no city
        before = words(sentence[: match.start()])[-CITY_WINDOW:]
        if any(stem(w) in asked_stems for w in before):
            places.append(match.group("where"))
    return places


CITY_WINDOW = 4  # words before "in X" that tie the place to the question


def country_names(sentence: str) -> list[str]:
    """The countries a sentence names, capitalised ("Ecuador", "the United Arab Emirates",
    "US", not the pronoun "us")."""
    return [m.group(0) for m in _country_pattern().finditer(sentence) if m.group(0)[0].isupper()]


@cache
def _country_pattern() -> re.Pattern[str]:
    names = sorted(countries(), key=len, reverse=True)  # "United Arab Emirates" before "Arab"
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)


def nationality(word: str) -> bool:
    """ "Chinese", "Canadian", "American": a country's adjective, not a person."""
    return any(word.startswith(c[: max(4, len(c) - 1)]) for c in countries() if " " not in c)


def nationality_adjective(word: str) -> bool:
    """ "Chinese", "Omani" as written (an adjective's ending), not "China" nor "Indiana"."""
    return bool(_NATIONALITY_END.search(word)) and nationality(word.lower())


def named_in(name: str, asked: str) -> bool:
    """ "Mike Pompeo" is the man of "who interviewed Pompeo": one of his names is asked."""
    asked_words = {w.removesuffix("'s") for w in words(asked)}  # "Acme's" names Acme
    return any(w.removesuffix("'s") in asked_words for w in words(name))


# "the Commerce Department", "the Trade Ministry": government, not a company; "The New York
# Times": the newspaper that reports, not a company asked about.
_GOVERNMENT = re.compile(rf"\b({'|'.join(sorted(GOVERNMENT_WORDS))})\b", re.I)
_MEDIUM = re.compile(rf"\b({'|'.join(sorted(MEDIUM_WORDS))})\b", re.I)


def company_names(sentence: str) -> list[str]:
    """The names in a sentence that could be a company's: not countries or their people
    ("Chinese suppliers"), not government, not the newspaper that reports it."""
    if _title_cased(sentence):
        return []  # a headline's capitals ("May Blacklist Chinese Firm") mark no names
    sentence = _SPEAKER_LABEL.sub("", sentence)  # "SCHMITZ: ..." names who speaks
    names = [re.sub(r"['’]s$", "", name) for name in NAME.findall(sentence)]
    return [
        name
        for name in names
        if name.lower().replace(".", "") not in countries()
        and not _DESCRIBED.search(name)
        and not (" " not in name and nationality_adjective(name))
        and not _GOVERNMENT.search(name)
        and not _MEDIUM.search(name)
    ]


_SPEAKER_LABEL = re.compile(r"^[A-Z][A-Z .'’-]+:\s*")
_DESCRIBED = re.compile(r"-[a-z]+$")  # "AI-enabled", "US-based": a description, no name
_NATIONALITY_END = re.compile(r"(?:ese|an|ish|i)$")  # "Chinese", "Canadian", "Omani"


def _title_cased(sentence: str) -> bool:
    """Is the sentence a headline: most of its longer words capitalised, and no full stop?
    ("Suppliers include Acme Robotics and Brill Optics." is a sentence.)"""
    if re.search(r"[.!?][\"”’')]*\s*$", sentence):
        return False
    longer = [w for w in re.findall(r"[A-Za-z][\w'’-]*", sentence) if len(w) >= 4]
    return len(longer) >= 3 and sum(w[0].isupper() for w in longer) >= 0.7 * len(longer)
