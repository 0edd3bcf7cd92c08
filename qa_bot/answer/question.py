"""Question checks and analysis: what is asked (terms) and what kind of answer would fit.

The answer type is read from the question's wh-word and head noun (general English, not this
corpus): a "how many" question wants a number, "when" a time, "who" a name, "where" a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa_bot.answer.tense import OUTCOME, PRESENT, outcome_verb, pending
from qa_bot.errors import BadInput
from qa_bot.text import STOPWORDS, collapse_whitespace, content_terms, normalize, stem, words

QUESTION_WORDS = frozenset(
    """
    what which who whom whose when where why how is are was were do does did can could would
    will should has have had
    per roughly approximately around nearly almost possibly probably exactly
    """.split()
)


# Up to two words before the noun ("which big international events", "which U.S. Commerce
# Secretary"), the second not a verb ("which broadcaster interviewed the secretary").
_MODIFIER = (
    r"(?:(?!(?:is|are|was|were|do|does|did|has|have|had|the|an?|its|their|of)\b)[\w.-]+ )?"
    r"(?:(?:(?-i:[A-Z][\w.]*)|(?![\w.]*ed\b)(?!(?:is|are|was|were|do|does|did|has|have|"
    r"had|the|an?|its|their|of)\b)[\w.]+) )?"
)


def _which(nouns: str) -> str:
    """'which X' / 'what X' / 'which California X' for any of the nouns."""
    return rf"\b(which|what) {_MODIFIER}({'|'.join(nouns.split())})\b"


_PERSON_NOUNS = (
    "person people officials? reporters? correspondents? secretary journalists? host "
    "executives? spokes(?:man|woman|person) ministers? president senators? lawmakers? "
    "researchers? analysts? experts? ceo chief boss founder chairman chairwoman director"
)
_PLACE_NOUNS = "country countries city cities region place state province exchange nations? town"
# Bodies whose names say what they are ("the Senate Foreign Relations Committee").
BODY_NOUNS = "committee commission court council ministry university bureau"
_NAME_NOUNS = (
    "company companies firm organi[sz]ations? agency agencies group department newspapers? "
    "networks? government broadcasters? channels? stations? outlets? publications?"
)
# "What court decision", "which committee hearing": the body names whose decision, and the
# question asks for the decision, not for a body.
_NOT_MODIFIER = (
    r"(?!\s+(?:\w+(?:ion|ions|ing|ings|ment|ments|ance|ances|ence|ences)|case|cases|order|"
    r"orders|vote|votes|date|report|reports|members?)\b)"
)
# "What is the name of Hikvision's chief executive?": a person holding a role.
_NAME_OF_ROLE = (
    r"\bname of (?:the\s+|[\w.]+['’]s\s+)" + _MODIFIER + rf"({'|'.join(_PERSON_NOUNS.split())})\b"
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

# "What is the population of X?", "What was X's share price?": a quantity asked by its name
# wants a number (an amount of money, for a price or a value).
_WHAT_IS = (
    r"\bwhat(?:'s| is| was| are| were)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?"
    r"(?:[\w.]+['’]s\s+)?"
)
_MEASURE = (
    _WHAT_IS + r"(?:\w+\s+)?(population|size|age|total|height|length|number|headcount|workforce)\b"
)
_PRICE = (
    _WHAT_IS + r"(?:\w+\s+)?(?P<measure>price|cost|value|valuation|revenues?|budget|salary|"
    r"turnover|profits?|income|sales|wealth|fortune)\b"
)
# "What was X's revenue?": the kind of amount asked for (``measure``).
PRICE_ASKED = re.compile(_PRICE, re.I)
# "How much did X spend", "What is X worth", "what is it valued at": an amount of money.
_MONEY_ASKED = (
    r"\bhow much\b(?=.*\b(spen[dt]\w*|cost\w*|pa(y|id|ys)|invest\w*|worth|valu\w*|earn\w*|"
    r"rais\w*|sell\w*|sold|charg\w*|money|revenues?|budget|price\w*|fund\w*|fined?|tax\w*|"
    r"pour\w*|lose|lost)\b)|"
    r"^\W*(?:\w+\W+){0,4}?what(?:'s| is| was| are| were)\b[^?]{0,60}\b(worth|valued at)\b|"
    r"\b(worth|valued at)\s+(what|how much)\b|"
    + _which("value valuation price cost sum currency currencies")
    + "|"
    + _PRICE
)

# "Which events ...": several things, answered by a list ("A, B and C").
_WHICH_PLURAL = (
    r"\bwhich "
    + _MODIFIER
    + r"(?!(?:is|was|has|does|its|this|his|us)\b)(?P<things>(?-i:[a-z]{2,}[^s\W]s))\b"
)

# "What big events has it supplied?" (the question's first word: "On what grounds" asks why)
_WHAT_PLURAL = (
    r"^\W*what "
    + _MODIFIER
    + r"(?!(?:is|was|has|does|its|this|his|us)\b)(?P<things>(?-i:[a-z]{2,}[^s\W]s))"
    r"(?:\s+(?:or|and)\s+[a-z]+)?\s+(?:has|have|had|did|do|does|are|were|can|could|will|would)\b"
)

# "What is Maya Wang's job title?", "What is X's position?": the role someone holds.
_ROLE_ASKED = (
    r"\bwhat(?:'s| is| was)\s+(?:[\w.]+\s+){0,3}?[\w.]+['’]s\s+"
    r"(?:(?:exact|official|current|formal|full|precise)\s+)?(?:job\s+)?(title|position|"
    r"role|job|occupation|profession)\b|\bwhat (?:does|did) \w+(?: \w+)? do for a living\b"
)

# "Why", and "what is really behind / driving the move": what it is done for.
_REASON_ASKED = (
    r"\bwhy\b|\bwhat (is|was) the reason\b|\bhow come\b|"
    r"\bwhat\b[^?]*\b(is|was|are|were)\s+(really\s+|actually\s+)?(behind|driving|motivating|"
    r"prompting|fuel?ling)\b|\bwhat(?:'s| is| was)\s+(really\s+)?(behind|driving)\b|"
    r"\bwhat\b[^?]*\b(is|was|are|were)\s+the\s+(?:real\s+|main\s+|actual\s+|true\s+)?reasons?\b"
)

_TYPE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("percent", r"\bby how much\b|" + _which("percentage percent rate proportion")),
        ("money", _MONEY_ASKED),
        (
            "count",
            r"\bhow (many|large|big|long|old)\b|"
            # "how much data", not "how much would it hurt" nor "how much of it"
            r"\bhow much\s+(?!(?:would|will|does|did|do|is|are|was|were|can|could|has|have|had|"
            r"should|might|may|of|an?|the)\b)\w+|"
            + _which("number share amount headcount")
            + "|"
            + _MEASURE
            + r"|\bthe (?:same |total |exact )?number of\b",
        ),
        ("year", r"\b(which|what|in what) year\b"),
        ("time", _WHEN + r"|\bhow soon\b|" + _which("date day month time")),
        ("person", r"\bwho(m|se)?\b|" + _which(_PERSON_NOUNS) + "|" + _NAME_OF_ROLE),
        ("place", r"\bwhere\b|" + _which(_PLACE_NOUNS)),
        ("reason", _REASON_ASKED),
        ("body", _which(BODY_NOUNS) + _NOT_MODIFIER),
        (
            "list",
            r"^\W*(name|list)\s+(some|several|a few|two|three|four|five|the|all|any|an?|one)\b",
        ),
        ("role", _ROLE_ASKED),
        ("name", r"\bname\b|" + _which(_NAME_NOUNS)),
        ("list", _WHICH_PLURAL),
        ("list", _WHAT_PLURAL),
    )
]


@dataclass(frozen=True)
class Question:
    text: str  # cleaned question as searched
    terms: tuple[str, ...]  # stemmed content terms (question words dropped)
    answer_type: (
        str  # percent | money | count | year | time | person | place | reason | name | other
    )
    surfaces: dict[str, str] = field(default_factory=dict)  # term -> word as written
    subject: str | None = None  # X of "What/Who is X?"
    settled: bool = False  # asks what finally happened ("Did they ultimately ...?")
    named_kind: bool = False  # names the kind of answer: "which city", "which official"
    quoted: str | None = None  # X of "What did X say ...?": only X's words answer
    present: bool = False  # asks how things are now ("Where does she work now?")
    names: tuple[str, ...] = ()  # stemmed capitalised words after the first ("Ecuador")
    shares: dict[str, float] = field(default_factory=dict)  # "high-profile": each part half
    specific: str | None = None  # "charges" of "What specific charges ...?": said in detail
    listed: str | None = None  # stemmed "events" of "Which events ...?"
    outcome: str | None = None  # "add" of "Did they ultimately add ...?": what must have happened

    @property
    def strict(self) -> bool:
        """Only a sentence that holds what is asked (``fits``) may answer."""
        if self.named_kind and self.answer_type in ("person", "place"):
            return True  # "which city": a sentence naming no city does not answer
        if self.settled or self.present or self.quoted is not None or self.specific:
            return True
        if self.answer_type == "person" and PERSON_DEED.search(self.text):
            return True  # "who runs the team": a sentence naming no person does not answer
        return self.answer_type in STRICT_TYPES


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
    if subject and answer_type in ("other", "person") and _names_a_thing(subject):
        answer_type = "definition"
    settled = bool(OUTCOME.search(text)) and not pending(text)
    named_kind = bool(NAMED_KIND.get(answer_type) and NAMED_KIND[answer_type].search(text))
    said_by = _SAID_BY.search(text)
    quoted = said_by.group("who").strip() if said_by else None
    present = bool(PRESENT.search(text))
    names = tuple(t for t in _capitalised_terms(text) if t not in FRAMING_WORDS)
    shares = {
        part: 1 / len(parts)
        for word in words(text)
        if "-" in word and len(parts := content_terms(word.replace("-", " "))) > 1
        for part in parts
    }
    specific = _SPECIFIC.search(text)
    return Question(
        text,
        terms,
        answer_type,
        surfaces,
        subject,
        settled,
        named_kind,
        quoted,
        present,
        names,
        shares,
        (specific.group("noun") or specific.group("verb")).lower() if specific else None,
        _listed(text) if answer_type == "list" else None,
        outcome_verb(text) if settled else None,
    )


def _listed(text: str) -> str | None:
    match = re.search(_WHICH_PLURAL, text, re.I) or re.search(_WHAT_PLURAL, text, re.I)
    return stem(match.group("things")) if match else None


# "What specific charges does she face?": not answered by "she faces criminal charges".
_SPECIFIC = re.compile(
    r"\bwhat (?:specific|exact|precise|particular)\s+(?:[\w-]+\s+){0,2}?(?P<noun>[\w-]+)\s+"
    r"(?:do|does|did|is|are|was|were|has|have|had|will|would|can|could)\b|"
    # "What exactly is she charged with?": the charges, in detail
    r"\bwhat (?:exactly|specifically|precisely)\b[^?]*?\b(?P<verb>charged|accused|convicted|"
    r"suspected)\b",
    re.I,
)


def _capitalised_terms(text: str) -> list[str]:
    """Content terms of the capitalised words after the first word ("How much did Ecuador
    pay?" -> ["ecuador"])."""
    found = re.findall(r"(?<=\s)[A-Z][a-z][\w’'-]*", text)  # "TV", "U.S.": no subject
    return [t for word in found for t in content_terms(word) if t not in QUESTION_WORDS]


# "What did Robert Lighthizer say about ...?" asks for words he said, not any mention of him.
_SAID_BY = re.compile(
    r"\b(?i:what (?:did|does|do|has|have|had|would|will))\s+(?P<who>(?:[A-Z][\w’'.-]+\s+){1,3})"
    r"(?:say|tell|think|argue|warn|claim|write|predict|suggest)\b"
)
# "Who runs / founded / interviewed ...": things only a person does, so a person's name answers.
PERSON_DEED = re.compile(
    r"^\W*who(?:m)?\s+(?:\w+\s+)?(runs|ran|leads|led|heads|headed|founded|conducted|"
    r"interviewed|hosts|hosted|chairs|chaired|manages|managed|directs|directed|wrote|"
    r"authored|anchors|anchored)\b",
    re.I,
)
NAMED_KIND = {
    # "Which official ...", "Who is Hikvision's chief executive?": a person holding a role.
    "person": re.compile(
        _which(_PERSON_NOUNS)
        + r"|\bwho(?:'s| is| was| are| were)\s+(?:the\s+|[\w.]+'s\s+)"
        + _MODIFIER
        + rf"({'|'.join(_PERSON_NOUNS.split())})\b|"
        + _NAME_OF_ROLE,
        re.I,
    ),
    "place": re.compile(_which("city cities town towns"), re.I),  # "which region": too vague
}


def asked_role(text: str) -> str | None:
    """The role a person is asked for by: "spokesperson" of "Which government spokesperson
    ...?", "executive" of "Who is X's chief executive?"."""
    match = NAMED_KIND["person"].search(text)
    return match.group(0).split()[-1].lower() if match else None


_NOT_A_THING = re.compile(
    r"['’]s\b|\w+ing\b|^(one|some|many|most|all|each|behind|in|on|at|for|with|from|about)\b|"
    r"[,;]",
    re.I,
)


def _names_a_thing(subject: str) -> bool:
    """ "Who is X?" asks what X is when X is a short name or noun phrase ("Maya Wang", "the
    president of China"), not "one of its largest clients" or "Meng waiting for there"."""
    return len(subject.split()) <= 5 and not _NOT_A_THING.search(subject)


# Trailing symbols ("Who is X? 🤔") do not change the question.
_DEFINITION = re.compile(
    r"^\s*(what|who)\s+(is|are|was|were)\s+(the\s+|an?\s+)?(?P<subject>[^?]{2,60}?)\s*\?*[\W_]*$",
    re.I,
)


# Types whose answer cannot be phrased without its mark: no number, no answer to "how many";
# no time word (a date, "in the coming weeks", "since last year"), no answer to "when".
STRICT_TYPES = frozenset(
    {"percent", "money", "count", "year", "time", "definition", "body", "role"}
)
