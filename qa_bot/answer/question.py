"""Question checks and analysis: what is asked (terms) and what kind of answer would fit.

The answer type is read from the question's wh-word and head noun (general English, not this
corpus): a "how many" question wants a number, "when" a time, "who" a name, "where" a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa_bot.errors import BadInput
from qa_bot.text import STOPWORDS, collapse_whitespace, content_terms, normalize, stem, words

QUESTION_WORDS = frozenset(
    """
    what which who whom whose when where why how is are was were do does did can could would
    will should has have had
    per roughly approximately around nearly almost possibly probably exactly
    """.split()
)


_MODIFIER = r"(?:(?!(?:is|are|was|were|do|does|did|has|have|had|the|an?|its|their)\b)\w+ )?"


def _which(nouns: str) -> str:
    """'which X' / 'what X' / 'which California X' for any of the nouns."""
    return rf"\b(which|what) {_MODIFIER}({'|'.join(nouns.split())})\b"


_PERSON_NOUNS = "person people official reporter correspondent secretary journalist host"
_PLACE_NOUNS = "country countries city cities region place state province exchange nations? town"
_NAME_NOUNS = (
    "company companies firm organi[sz]ations? agency agencies group department newspaper "
    "network government"
)
# Words that frame a question rather than name what it asks about ("according to the story",
# "which reporter", "give the number"): never a sign that the sources lack the subject.
FRAMING_WORDS = frozenset(
    stem(w)
    for w in """
    story stories article articles report reports reported reporting reporter reporters
    correspondent journalist newspaper paper outlet interview piece source sources text
    transcript broadcast segment mention mentioned describe described particular specific
    exactly actually really finally number give point evidence idea word words term detail
    details example main major big kind type sort besides apart aside behind let happen
    happened happening thing things way ways name named called regarding concerning
    agree agreed agreement disagree differ different same consistent radio programme program
    site website publication published date day city town place location country person
    individual organisation organization
    """.split()
)

# "When did ..." asks for a time; "the city he was in when he spoke" does not.
_WHEN = (
    r"(^|[,;:]\s*|\b(and|but|so|then)\s+)when\b|"
    r"\bwhen (did|does|do|is|are|was|were|will|would|could|can|should|has|have|had|may|might)\b"
)

# "What is the population of X?": a quantity asked by its name wants a number.
_MEASURE = (
    r"\bwhat(?:'s| is| was| are| were)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?"
    r"(population|size|price|cost|value|valuation|revenue|revenues|budget|salary|age|total|"
    r"height|area|turnover|profit|profits)\b"
)

_TYPE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("percent", r"\bby how much\b|" + _which("percentage percent rate proportion")),
        (
            "count",
            r"\bhow (many|much|large|big|long|old)\b|\bworth\b|"
            + _which("number share amount")
            + "|"
            + _MEASURE,
        ),
        ("year", r"\b(which|what|in what) year\b"),
        ("time", _WHEN + r"|\bhow soon\b|" + _which("date day month time")),
        ("person", r"\bwho(m|se)?\b|" + _which(_PERSON_NOUNS)),
        ("place", r"\bwhere\b|" + _which(_PLACE_NOUNS)),
        ("reason", r"\bwhy\b|\bwhat (is|was) the reason\b|\bhow come\b"),
        ("name", r"\bname\b|" + _which(_NAME_NOUNS)),
    )
]


@dataclass(frozen=True)
class Question:
    text: str  # cleaned question as searched
    terms: tuple[str, ...]  # stemmed content terms (question words dropped)
    answer_type: str  # percent | count | year | time | person | place | reason | name | other
    surfaces: dict[str, str] = field(default_factory=dict)  # term -> word as written
    subject: str | None = None  # X of "What/Who is X?"
    settled: bool = False  # asks what finally happened ("Did they ultimately ...?")

    @property
    def strict(self) -> bool:
        """Only a sentence that holds what is asked (``fits``) may answer."""
        return self.answer_type in STRICT_TYPES or self.settled


def clean_question(raw: str, max_chars: int) -> str:
    """Normalise a user question or refuse it with a one-line reason."""
    if raw is None or not str(raw).strip():
        raise BadInput("the question is empty: type a question about the sources")
    if len(raw) > max_chars:
        raise BadInput(
            f"the question is {len(raw):,} characters long; the limit is {max_chars:,} "
            "(QA_BOT_MAX_QUESTION_CHARS)"
        )
    text = collapse_whitespace(normalize(raw))
    if not text or not any(ch.isalnum() for ch in text):
        raise BadInput("the question has no words: type a question about the sources")
    return text


# Markup typed or pasted around a question ("<b>Who is <i>X</i>?</b>") is not part of it.
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")


def analyse(text: str) -> Question:
    text = collapse_whitespace(_TAG.sub(" ", text)).replace(" ?", "?")
    surfaces = {stem(w): w for w in words(text) if w not in STOPWORDS}
    # A hyphenated word also gives its parts: keep the parts only, or it would count twice.
    terms = tuple(t for t in content_terms(text) if t not in QUESTION_WORDS and "-" not in t)
    answer_type = next((name for name, pattern in _TYPE_PATTERNS if pattern.search(text)), "other")
    surfaces = {t: surfaces.get(t, t) for t in terms}
    definition = _DEFINITION.match(text)
    subject = definition.group("subject").strip() if definition else None
    if subject and answer_type in ("other", "person"):
        answer_type = "definition"
    settled = bool(_OUTCOME.search(text)) and not pending(text)
    return Question(text, terms, answer_type, surfaces, subject, settled)


# "What did the court finally decide?" asks for an outcome; "the court awaits a decision",
# "officials could decide" say there was none yet (unless the question is itself hypothetical).
_OUTCOME = re.compile(
    r"\b(finally|eventually|ultimately|in the end|end(ed)? up|outcome|result|verdict)\b", re.I
)
_PENDING = re.compile(
    r"\b(?i:would|could|might|awaits?|awaiting|pending|consider(s|ing)?|weigh(s|ing)|"
    r"plans? to|planning|whether|potential|possible|possibly|likely)\b|\bmay\b"
)


def pending(text: str) -> bool:
    """Is the text about something that may happen rather than what happened?"""
    return bool(_PENDING.search(text))


# Trailing symbols ("Who is X? 🤔") do not change the question.
_DEFINITION = re.compile(
    r"^\s*(what|who)\s+(is|are|was|were)\s+(the\s+|an?\s+)?(?P<subject>[^?]{2,60}?)\s*\?*[\W_]*$",
    re.I,
)


def defines(subject: str, sentence: str) -> bool:
    """Does the sentence say what ``subject`` is ("X is ...", "X, the ...", "... - X")?"""
    name = re.escape(subject)
    after = rf"\b{name}(?:'s)?\s*(,|\bis\b|\bare\b|\bwas\b|\bwere\b|-|—|\()"
    before = rf"(,|-|—)\s*{name}\b"
    return bool(re.search(after, sentence, re.I) or re.search(before, sentence, re.I))


_NUMBER = re.compile(
    r"\d[\d,.]*\d|\d|\b(hundreds?|thousands?|millions?|billions?|dozens?|two|three|four|five|six|seven|"
    r"eight|nine|ten|twenty|thirty|half)\b",
    re.I,
)
_TIME = re.compile(
    r"\b(1[89]\d\d|20\d\d|today|yesterday|tomorrow|week|weeks|month|months|year|years|since|"
    r"ago|soon|recent|coming|early|late|last|next)\b",
    re.I,
)
# Capitalised, so the modal "may" and the verb "march" are not read as months.
_CALENDAR = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
# A capitalised word that does not start the sentence (or a run of them), or an acronym.
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b|\b(last|next|this) year\b", re.I)
# Types whose answer cannot be phrased without its mark: no number, no answer to "how many";
# no time word (a date, "in the coming weeks", "since last year"), no answer to "when".
STRICT_TYPES = frozenset({"percent", "count", "year", "time"})
_PERCENT = re.compile(r"\d\s*%|\b(percent|per cent|half|third|quarter)\b", re.I)
_NAME = re.compile(r"(?<=[a-z0-9,;:'\"’] )[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*|\b[A-Z]{2,}\b")
_PLACE = re.compile(r"\b(in|at|from|to|on|across|into)\s+(the\s+)?(?P<where>[A-Z][a-z]+)")
_URL = re.compile(r"\b(https?://|www\.|pic\.)\S+")
_REASON = re.compile(
    r"\b(because|due to|so that|in order to|in part|worried|desire|stems? from|reason|aims?|"
    r"motivat\w*)\b",
    re.I,
)


def _adds(pattern: re.Pattern[str], sentence: str, asked: str, group: int | str = 0) -> bool:
    """A match the question does not already hold: "offices in California" does not answer
    "which California city", "US$200 billion" does not answer "what rate on US$200 billion"."""
    return any(m.group(group).lower() not in asked for m in pattern.finditer(sentence))


def fits_type(answer_type: str, sentence: str, question: str, speaker: str | None = None) -> bool:
    """Does the sentence hold the kind of thing the question asks for?"""
    if answer_type == "person" and speaker and speaker.lower() not in question.lower():
        return True  # who said it is itself a name
    sentence = _URL.sub(" ", sentence)  # "t.co/hpPasP2PG3" is no number and no name
    asked = question.lower()
    match answer_type:
        case "percent":
            return _adds(_PERCENT, sentence, asked)
        case "count":
            return _adds(_NUMBER, sentence, asked)
        case "time":
            return _adds(_TIME, sentence, asked) or _adds(_CALENDAR, sentence, asked)
        case "year":
            return _adds(_YEAR, sentence, asked)
        case "person" | "name":
            return _adds(_NAME, sentence, asked)
        case "place":
            return _adds(_PLACE, sentence, asked, group="where")
        case "reason":
            return bool(_REASON.search(sentence))
        case _:
            return True
