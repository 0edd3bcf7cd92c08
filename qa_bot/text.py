"""Small text utilities shared by cleaning, chunking and answering.

Sentence splitting keeps character spans so a quoted sentence is always a verbatim slice.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from qa_bot.spelling import american

#: Bump when ``content_terms`` changes: stored lexical indexes are then rebuilt.
TOKENIZER_VERSION = 9

_WS = re.compile(r"\s+")

# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr inc ltd co corp vs etc jan feb mar
    apr jun jul aug sep sept oct nov dec no fig approx dept est
    """.split()
)
# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"([.!?]+|\.\.\.|…)([\"'”’)\]]*)(\s+)")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*")


def collapse_whitespace(text: str) -> str:
    """Runs of whitespace become one space; the only change allowed to verbatim text."""
    return _WS.sub(" ", text).strip()


def _ends_with_abbreviation(text: str) -> bool:
    match = re.search(r"([A-Za-z][A-Za-z.]*)\.$", text)
    if not match:
        return False
    token = match.group(1).lower()
    # Initialisms such as "U.S." or "J.D." and single initials ("E. Wong").
    if "." in token or len(token) == 1:
        return True
    return token in _ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text`` (spans exclude surrounding space)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(2)
        candidate = text[start:end]
        following = text[match.end() : match.end() + 1]
        if match.group(1) == "." and _ends_with_abbreviation(candidate):
            continue
        # A lower-case or dashed continuation ("right? - at airports") is not a new sentence.
        if following and (following.islower() or following in "-–—"):
            continue
        _append_span(text, start, end, spans)
        start = match.end()
    _append_span(text, start, len(text), spans)
    return spans


def _append_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def split_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


# Common abbreviations written several ways, folded to one token so "US" matches "U.S.".
_ALIASES = [
    (
        re.compile(r"\bU\.S\.(?:A\.)?|\bUSA?\b|\bunited states(?: of america)?\b", re.I),
        " unitedstates ",
    ),
    (re.compile(r"\bU\.K\.|\bUK\b|\bunited kingdom\b|\bbritain\b", re.I), " unitedkingdom "),
    (re.compile(r"\bU\.N\.|\bUN\b|\bunited nations\b", re.I), " unitednations "),
    (re.compile(r"\bR\s?&\s?D\b", re.I), " research development "),
]
# Shorthand a reader types for a word ("govt", "co.", "dept", "intl"), in the sources and in
# questions alike (``answer.shorthand`` writes out more of it in questions).
SHORTHAND_WORDS = [
    (re.compile(r"\bgov(?:'|’)?t\b|\bgovt\.", re.I), "government"),
    (re.compile(r"\bcos?\.(?=[\s,;:)]|$)", re.I), "company"),
    (re.compile(r"\bdept\b\.?", re.I), "department"),
    (re.compile(r"\bintl\b\.?", re.I), "international"),
]
_ALIASES += [(pattern, f" {word} ") for pattern, word in SHORTHAND_WORDS]


def words(text: str) -> list[str]:
    """Word tokens, lower-cased, apostrophes normalised; hyphenated words also give their parts."""
    text = normalize(text)
    for pattern, alias in _ALIASES:
        text = pattern.sub(alias, text)
    tokens: list[str] = []
    for word in _WORD.findall(text):
        word = word.replace("’", "'").lower()
        tokens.append(word)
        if "-" in word:
            tokens.extend(part for part in word.split("-") if part)
    return tokens


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match plurals and simple verb forms."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = american(w.strip("'-"))  # "behaviour" matches "behavior"
    if len(w) <= 3 or w.isdigit():
        return w
    for suffix, repl in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                continue
            if suffix == "es" and not w.endswith(("ses", "xes", "zes", "ches", "shes")):
                continue  # "employees" -> "employee", but "taxes" -> "tax"
            w = w[: len(w) - len(suffix)] + repl
            if suffix in ("ing", "ed") and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # "setting" -> "set", "planned" -> "plan"
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def normalize(text: str) -> str:
    """NFKC, no control/format characters (zero-width, bidi, tags): safe for matching.

    Looks up each distinct character once (not every character): ingest normalises every
    chunk text for the lexical index and the word vectors.
    """
    if text.isascii():
        return _ASCII_CONTROL.sub("", text)
    text = unicodedata.normalize("NFKC", text)
    drop = {
        ord(ch): None
        for ch in set(text)
        if unicodedata.category(ch)[0] == "C" and ch not in "\n\t "
    }
    return text.translate(drop) if drop else text


STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves s t don isn aren wasn weren hasn haven didn doesn won't can't
    it's that's there's what's who's say says said tell told according kind sort thing
    things one ones many much like well may might must shall could would should also yet
    still even ever get got i'm i've we're they're you're he's she's let's it'll that'll
    they'll he'll she'll we'll you'll i'll there'll it'd he'd she'd they'd we'd you'd i'd
    that'd who'd they've we've you've who've would've could've should've
    within across toward towards upon among amongst amid amidst via onto besides whilst though
    although
    """.split()
)


@lru_cache(maxsize=200_000)
def content_terms(text: str) -> tuple[str, ...]:
    """Stemmed words that carry meaning (stopwords dropped), in order, duplicates kept.

    Cached: the same paragraphs and sentences are read for many questions.
    """
    return tuple(
        stem(w)
        for w in words(text)
        if (len(w) > 1 or w.isdigit())
        and w not in STOPWORDS
        and (stem(w) not in STOPWORDS or w in _VERB_OF_STOPWORD)
    )


# "state-owned", "who owns it": the verb, unlike the stopword "its own", says something.
_VERB_OF_STOPWORD = frozenset("owned owns owning".split())
