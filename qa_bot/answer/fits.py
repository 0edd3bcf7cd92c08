"""What a sentence holds: does it give the kind of thing a question asks for?

"How many" wants a number the question does not already hold, "which city" a place that is
not a country, "which official" a person's name (not an agency's), "What did X say" X's own
words. General English patterns, not rules for one corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from qa_bot.answer.asks import COUNTRY_ASKED
from qa_bot.answer.checks import without_checked_figures
from qa_bot.answer.counts import NUMBER, holds_count
from qa_bot.answer.kinds import (
    BODY_NOUNS,
    COMPANY_ASKED,
    LEADER_DEED,
    NAMED_KIND,
    PERSON_DEED,
)
from qa_bot.answer.lexicon import countries
from qa_bot.answer.money import MONEY, holds_money
from qa_bot.answer.names import (
    CALENDAR,
    CITY,
    MONTHS,
    NAME,
    PLACE,
    WEEKDAYS,
    cities_of_asked,
    company_names,
    country_names,
    named_in,
    person_names,
    without_titles,
)
from qa_bot.text import STOPWORDS, content_terms, stem, words

_TIME = re.compile(
    r"\b(1[89]\d\d|20\d\d|1[89]\d0['’]?s|20\d0['’]?s|today|yesterday|tomorrow|week|weeks|month|"
    r"months|year|years|days?|hours?|decades?|since|ago|soon|recent|coming|early|late|last|next)\b",
    re.I,
)
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b|\b(last|next|this) year\b", re.I)
# "On what date": a day named (a weekday, a month and day, "yesterday"), not "in the coming
# weeks" nor a year alone.
_DATE = re.compile(
    rf"\b(?:{WEEKDAYS}|(?i:today|yesterday|tomorrow|tonight))\b|"
    rf"\b(?:{MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{{1,2}}\b|"
    rf"\b\d{{1,2}} (?:{MONTHS})\b|\b\d{{4}}-\d\d-\d\d\b|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b"
)
_PERCENT = re.compile(r"\d\s*%|\b(percent|per cent|half|third|quarter)\b", re.I)
# "What share of X ...?" is also answered in words: "a small portion", "the majority".
_SHARE_ASKED = re.compile(
    r"\b(?:what|how (?:big|large|small|much)(?:\s+an?)?) (?:share|proportion|fraction|portion|"
    r"part) of\s+"
    r"(?:the\s+|its\s+|their\s+|his\s+|her\s+|[\w.]+['’]s\s+)?(?P<whole>\w+)",
    re.I,
)
_SHARE = re.compile(
    r"\b(?:small|large|tiny|big|sizable|sizeable|significant|substantial|minor|major)\s+"
    r"(?:portion|share|part|fraction|proportion)\b|"
    r"\b(?:the\s+)?(?:majority|minority|bulk)\s+of\b|\bmost\s+of\b",
    re.I,
)


# "Which committee": a name that says it is one ("... Foreign Relations Committee").
_BODY_NAME = re.compile(
    r"\b(?:[A-Z][\w'’-]*\s+(?:(?:of|on|for|and)\s+)?){1,5}(?:"
    + "|".join(w.capitalize() for w in BODY_NOUNS.split())
    + r")\b"
)
# "A, B and C": short items, two separated by a comma, the last by "and" / "or".
_ITEM = r"[\w'’-]+(?:\s+[\w'’-]+){0,3}"
_ENUMERATION = re.compile(rf"{_ITEM},\s+{_ITEM},?\s+(?:and|or)\s+\w")
# "Which chipmakers ...", "Which companies ...": makers, suppliers and firms are named, so a
# list of them is a list of names ("Acme, Brill and Corvo"), not of things.
_AGENTS = re.compile(
    r"\b(which|what|name)\s+(?:[\w.-]+\s+){0,2}?(\w+(?:ers|ors|ists)|companies|firms|brands|"
    r"organi[sz]ations|agencies|governments|events|venues|sites|landmarks|airports|stadiums)\b",
    re.I,
)
_NAME_ITEM = r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}"
_NAMED_ENUMERATION = re.compile(rf"{_NAME_ITEM},\s+{_NAME_ITEM},?\s+(?:and|or)\s+(?:the\s+)?[A-Z]")
# Words for what someone does: "a former State Department official", "the US trade
# representative", "a researcher at ...".
_ROLE = re.compile(
    r"\b(official|officer|representative|researcher|director|president|secretary|minister|"
    r"senator|spokes(?:man|woman|person)|executive|chief|chairman|chairwoman|founder|analyst|"
    r"correspondent|reporter|journalist|editor|host|anchor|professor|lawyer|judge|ambassador|"
    r"adviser|advisor|economist|engineer|manager|leader|head|member|expert|scholar|fellow|"
    r"investigator|activist|advocate|governor|mayor|diplomat|commissioner)s?\b",
    re.I,
)

# "What does X call Y?": a sentence giving a name for it ("known as", "so-called", a name in
# quotes); a quoted statement ("this is stuff that ...") names nothing.
_NAMING = re.compile(
    r"\b(?:called|calls|call it|call them|known as|dubbed|termed|so-called|refer(?:s|red)? to "
    r"(?:it|them) as|named)\b|[\"“](?:\W*[\w'’-]+){1,5}\W*[\"”]",
    re.I,
)

_URL = re.compile(r"\b(https?://|www\.|pic\.)\S+")
_REASON = re.compile(
    r"\b(because|due to|so that|in order to|in part|worried|desire|stems? from|reason|aims?|"
    r"motivat\w*)\b",
    re.I,
)


# "criminal charges", "new charges": words that say no more of what the charges are
_GENERIC = frozenset(
    "criminal federal new several multiple serious various other formal legal unspecified "
    "possible potential further additional".split()
)
_DETAIL_AFTER = frozenset("of for including like such over involving namely about".split())


def specifies(noun: str, sentence: str, question: str) -> bool:
    """Does the sentence give the ``noun`` of "what specific charges" in detail ("charges of
    fraud", "bank fraud charges"), or not mention it at all? "She faces criminal charges" for
    "What specific criminal charges does she face?" only repeats the question, and so does it
    for "What specific crimes ...?" ("criminal charges" are the crimes, named no closer)."""
    target = stem(noun)
    tokens = words(sentence)
    places = []
    for i, word in enumerate(tokens):
        if stem(word) == target:
            places.append(i)
        elif _derived(word, target) and tokens[i + 1 : i + 2]:
            places.append(i + 1)  # "criminal charges": the noun the crimes are said by
    asked = {stem(w) for w in words(question)}
    # "What specific criminal counts ...?": "criminal charges" names them no closer
    generic = _generic_before(noun, question)
    places += [i + 1 for i, word in enumerate(tokens[:-1]) if word == generic]
    for i in places:
        before = tokens[i - 1] if i else ""
        modifier = (
            before
            and before not in STOPWORDS
            and before not in _GENERIC
            and not _derived(before, target)
        )
        if modifier and stem(before) not in asked:
            return True  # "bank fraud charges"
        if tokens[i + 1 : i + 2] and tokens[i + 1] in _DETAIL_AFTER:
            return True
        if i >= 2 and before == "other" and tokens[i - 2] in ("and", "or"):
            return True  # "at airports and other places": the places are named before
        if tokens[i].endswith(("ed", "ing")) and _object_named(tokens[i + 1 : i + 7], asked):
            return True  # "accused the government of discriminating ...": what of, said
    said = {tokens[i] for i in places} | {noun}  # "charges: bribery, fraud" lists them
    return not places or any(re.search(rf"\b{re.escape(w)}\w*\s*:", sentence, re.I) for w in said)


def _generic_before(noun: str, question: str) -> str | None:
    """The generic word before the noun of "what specific criminal charges" ("criminal")."""
    found = re.search(rf"\b([\w-]+)\s+{re.escape(noun)}\b", question, re.I)
    return found.group(1).lower() if found and found.group(1).lower() in _GENERIC else None


def _object_named(after: list[str], asked: set[str]) -> bool:
    """A verb's "of X" / "with X" ("accused ... of fraud", "charged with theft"), X unasked."""
    for i, word in enumerate(after[:-1]):
        if word in ("of", "with"):
            said = after[i + 1]
            return said not in STOPWORDS and stem(said) not in asked
    return False


def _derived(word: str, target: str) -> bool:
    """ "criminal" from "crimes": another word on the same stem."""
    return len(target) >= 4 and word.startswith(target) and stem(word) != target


def _adds(
    pattern: re.Pattern[str],
    sentence: str,
    asked: str,
    group: int | str = 0,
    exclude: frozenset[str] = frozenset(),
) -> bool:
    """A match the question does not already hold: "offices in California" does not answer
    "which California city", "US$200 billion" does not answer "what rate on US$200 billion"."""
    return _any_new((m.group(group) for m in pattern.finditer(sentence)), asked, exclude)


def _any_new(found: Iterable[str], asked: str, exclude: frozenset[str] = frozenset()) -> bool:
    """Is one of ``found`` not in the question? "U.S." and "US" are one name, and "in Canada"
    is already in "which Canadian city"."""
    asked = asked.replace(".", "")
    asked_words = words(asked)
    for text in found:
        text = text.lower().replace(".", "")
        if text in asked or text in exclude:
            continue
        stem_len = max(4, len(text) - 1)  # "Canada" / "Canadian", "China" / "Chinese"
        if (
            len(text) >= 5
            and " " not in text
            and any(w.startswith(text[:stem_len]) for w in asked_words)
        ):
            continue
        return True
    return False


def _share_in_words(sentence: str, question: str) -> bool:
    """ "What share of its parts ...?": "a small portion of its parts" says it in words."""
    asked = _SHARE_ASKED.search(question)
    if asked is None or not _SHARE.search(sentence):
        return False
    return stem(asked["whole"]) in content_terms(sentence)


def fits_type(answer_type: str, sentence: str, question: str, speaker: str | None = None) -> bool:
    """Does the sentence hold the kind of thing the question asks for?"""
    asked = without_checked_figures(question).lower()
    named_role = answer_type == "person" and bool(NAMED_KIND["person"].search(question))
    leader = LEADER_DEED.search(question)
    if (
        answer_type == "person"
        and speaker
        and not (named_role or leader)
        and speaker.lower() not in asked
    ):
        return True  # "who said ...": who said it is itself a name
    sentence = _URL.sub(" ", sentence)  # "t.co/hpPasP2PG3" is no number and no name
    match answer_type:
        case "percent":
            return _adds(_PERCENT, sentence, asked) or _share_in_words(sentence, question)
        case "money":
            return _adds(MONEY, sentence, asked) and holds_money(sentence, question)
        case "count":
            return _adds(NUMBER, sentence, asked) and holds_count(sentence, question)
        case "time":
            return _adds(_TIME, sentence, asked) or _adds(CALENDAR, sentence, asked)
        case "date":
            return _adds(_DATE, sentence, asked)
        case "year":
            return _adds(_YEAR, sentence, asked)
        case "person" if named_role:
            # A role's holder is named in full ("Mike Pompeo"), not "Huawei" or "the Uighurs".
            # A name sharing a word with the question ("Hangzhou Hikvision" for "who is
            # Hikvision's chief?") is what is asked about, not who holds the role.
            names = [without_titles(n) for n in person_names(sentence)]
            return _any_new(
                [n for n in names if len(n.split()) >= 2 and not named_in(n, asked)], asked
            )
        case "person" if PERSON_DEED.search(question):
            names = [without_titles(n) for n in person_names(sentence)]
            return _any_new([n for n in names if not named_in(n, asked)], asked)
        case "name" | "list" if COMPANY_ASKED.search(question):
            # "Hangzhou Acme" is the Acme the question names, not another company
            return _any_new([n for n in company_names(sentence) if not named_in(n, asked)], asked)
        case "person" | "name":
            return _adds(NAME, sentence, asked)
        case "place" if CITY.search(question):
            return _any_new(cities_of_asked(sentence, asked), asked, countries())
        case "place" if COUNTRY_ASKED.search(question):
            return _any_new(country_names(sentence), asked)
        case "place":
            return _adds(PLACE, sentence, asked, group="where")
        case "term":
            return bool(_NAMING.search(sentence))
        case "role":
            return bool(_ROLE.search(sentence))
        case "body":
            return _adds(_BODY_NAME, sentence, asked)
        case "list" if _AGENTS.search(question):
            return bool(_NAMED_ENUMERATION.search(sentence))
        case "list":
            return bool(_ENUMERATION.search(sentence))
        case "reason":
            return bool(_REASON.search(sentence))
        case _:
            return True
