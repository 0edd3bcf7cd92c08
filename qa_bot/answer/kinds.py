"""What kind of answer a question asks for, read from its wh-word and head noun (general
English, not this corpus): "how many" wants a number, "when" a time, "who" a name, "where" a
place, "which events" a list.
"""

from __future__ import annotations

import re

from qa_bot.answer.checks import checked_kind
from qa_bot.answer.keywords import ROLE_QUERY as KEYWORD_ROLE
from qa_bot.answer.keywords import keyword_kind, queried_role
from qa_bot.text import content_terms, split_sentences, stem

# Up to two words before the noun ("which big international events", "which U.S. Commerce
# Secretary"), the second not a verb ("which broadcaster interviewed the secretary").
_NOT_MODIFIER_WORDS = (
    r"is|are|was|were|do|does|did|has|have|had|the|an?|its|their|of|and|or|"
    r"would|will|could|can|should|might|may|must"
)
_MODIFIER = (
    rf"(?:(?!(?:{_NOT_MODIFIER_WORDS})\b)[\w.-]+ )?"
    r"(?:(?:(?-i:[A-Z][\w.]*)|(?![\w.]*ed\b)"
    rf"(?!(?:{_NOT_MODIFIER_WORDS})\b)[\w.]+) )?"
)


def _which(nouns: str) -> str:
    """'which X' / 'what X' / 'which California X' for any of the nouns."""
    return rf"\b(which|what) {_MODIFIER}({'|'.join(nouns.split())})\b"


_PERSON_NOUNS = (
    "person people officials? reporters? correspondents? secretary journalists? host "
    "executives? spokes(?:man|woman|person) ministers? president senators? lawmakers? "
    "researchers? analysts? experts? ceo chief boss founder chairman chairwoman director "
    "judges? prosecutors? lawyers? attorneys? ambassadors? governors? mayors? diplomats? "
    "commissioners? professors? editors? anchors? economists? "
    "scholars? envoys? negotiators? advis[eo]rs? shareholders? owners? investors?"
)
_PLACE_NOUNS = (
    "country countries city cities region place state province exchange nations? town "
    "market(?!\\s+(?:share|value|capitali[sz]ation|cap)\\b)"
)
# Bodies whose names say what they are ("the Senate Foreign Relations Committee").
BODY_NOUNS = "committee commission court council ministry university bureau"
_NAME_NOUNS = (
    "company companies co firm organi[sz]ations? agency agencies group department newspapers? "
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

# "The official who spoke, what was his name?": a person, named in full.
_HIS_NAME = r"|\bwhat(?:'s| is| was| were| are)\s+(?:his|her|their)\s+(?:full\s+)?(names?)\b"

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
    r"(?:" + _WHAT_IS + r"|\bhow much\s+)"  # "what was its revenue", "how much revenue"
    r"(?:\w+\s+)?(?P<measure>price|cost|value|valuation|revenues?|budget|salary|"
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
    r"\bwhat\s+(?:it|[\w.]+['’])['’]?s\s+worth\b|"  # "what Hikvision's worth"
    + _which("value valuation price cost sum currency currencies revenues? profits? turnover")
    + "|"
    + _PRICE
)

# "Which events ...": several things, answered by a list ("A, B and C").
# ``kind``: all that names what is listed ("high-profile events and venues").
_WHICH_PLURAL = (
    r"\bwhich (?P<kind>"
    + _MODIFIER
    + r"(?!(?:is|was|has|does|its|this|his|us)\b)(?P<things>(?-i:[a-z]{2,}[^s\W]s))\b"
    r"(?:\s+(?:or|and)\s+(?-i:[a-z]+s)\b)?)"
)

# "What big events has it supplied?" (the question's first word: "On what grounds" asks why)
_WHAT_PLURAL = (
    r"^\W*what (?P<kind>"
    + _MODIFIER
    + r"(?!(?:is|was|has|does|its|this|his|us)\b)(?P<things>(?-i:[a-z]{2,}[^s\W]s))"
    r"(?:\s+(?:or|and)\s+[a-z]+)?)\s+(?:has|have|had|did|do|does|are|were|can|could|will|would)\b"
)

# "What is Maya Wang's job title?", "What is X's position?": the role someone holds.
_ROLE_ASKED = (
    r"\bwhat(?:'s| is| was)\s+(?:[\w.]+\s+){0,3}?[\w.]+['’]s\s+"
    r"(?:(?:exact|official|current|formal|full|precise|actual|real|proper|true)\s+)?(?:job\s+)?(title|"
    r"position(?!\s+(?:on|about|regarding|towards?|over)\b)|role|job|occupation|profession)\b|"
    r"\bwhat (?:does|did) \w+(?: \w+)? do for a living\b"
)

# "Why", and "what is really behind / driving the move": what it is done for.
_REASON_ASKED = (
    r"\bwhy\b|\bwhat (is|was) the reason\b|\bhow come\b|"
    r"\bwhat\b[^?]*\b(is|was|are|were)\s+(really\s+|actually\s+)?(behind|driving|motivating|"
    r"prompting|fuel?ling)\b|\bwhat(?:'s| is| was)\s+(really\s+)?(behind|driving)\b|"
    r"\bwhat\b[^?]*\b(is|was|are|were)\s+the\s+(?:real\s+|main\s+|actual\s+|true\s+)?reasons?\b"
)

# "What does X call Y?", "What is it called?": the word or name used for it.
_TERM_ASKED = (
    r"\bwhat (?:do|does|did)\b[^?]*?\b(?:\w+ly\s+)?call\b(?!\s+(?:for|on|upon|off|in|out|back)\b)|"
    r"\bwhat (?:is|are|was|were)\b[^?]*?\b(?:\w+ly\s+)?(?:called|known as|termed|dubbed)\b"
)

_TYPE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        (
            "percent",
            r"\bby how much\b|\bpercentage[- ]wise\b|\bin percent(?:age)? terms\b|"
            r"\b(?:what|which|how many)\s*%|"  # "by what % did it drop?"
            r"\bwhat (?:share|proportion|fraction|portion|percentage) of\b|"
            r"\bhow (?:big|large|small|much) (?:an?\s+)?(?:share|proportion|fraction|portion|part|"
            r"percentage) of\b|" + _which("percentage percent rate proportion"),
        ),
        ("money", _MONEY_ASKED),
        (
            "count",
            r"\bhow (many|large|big|old)\b|"
            r"\bhow long\b(?!\s+(?:has|have|had|did|does|do|will|would|could|can|should|"
            r"might|may|must|ago)\b)|"
            # "how much data", not "how much would it hurt" nor "how much of it"
            r"\bhow much\s+(?!(?:would|will|does|did|do|is|are|was|were|can|could|has|have|had|"
            r"should|might|may|of|an?|the)\b)\w+|"
            + _which("number share amount headcount")
            + r"|\bhead ?count\b"
            + "|"
            + _MEASURE
            + r"|\bthe (?:same |total |exact )?number of\b|\bwhat size\b",
        ),
        ("year", r"\b(which|what|in what) year\b"),
        ("date", _which("date") + r"|\b(?:which|what) (?:exact |specific |precise )?day\b"),
        ("time", _WHEN + r"|\bhow (?:soon|long)\b|" + _which("month time decade era century")),
        ("person", r"\bwho(m|se)?\b|" + _which(_PERSON_NOUNS) + "|" + _NAME_OF_ROLE + _HIS_NAME),
        ("place", r"\bwhere\b|" + _which(_PLACE_NOUNS)),
        ("reason", _REASON_ASKED),
        ("body", _which(BODY_NOUNS) + _NOT_MODIFIER),
        (
            "list",
            r"^\W*(name|list)\s+(some|several|a few|two|three|four|five|the|all|any|an?|one)\b",
        ),
        ("role", _ROLE_ASKED),
        ("term", _TERM_ASKED),
        ("name", r"(?<!-)\bname\b(?!-)|" + _which(_NAME_NOUNS)),  # not "big-name"
        ("list", _WHICH_PLURAL),
        ("list", _WHAT_PLURAL),
    )
]


# "Who runs / founded / leads ...": a post held, so only a sentence naming its holder answers
# (not whoever speaks of it, as can "Who interviewed ...?").
_LEADS = r"runs|ran|leads|led|heads|headed|founded|chairs|chaired|manages|managed|directs|directed"
LEADER_DEED = re.compile(rf"^\W*who(?:m)?\s+(?:\w+\s+)?({_LEADS})\b", re.I)
# "Who runs / founded / interviewed ...": things only a person does, so a person's name answers.
PERSON_DEED = re.compile(
    rf"^\W*who(?:m)?\s+(?:\w+\s+)?({_LEADS}|conducted|interviewed|hosts|hosted|"
    r"wrote|authored|anchors|anchored)\b",
    re.I,
)
NAMED_KIND = {
    # "Which official ...", "Who is Hikvision's chief executive?": a person holding a role.
    "person": re.compile(
        _which(_PERSON_NOUNS)
        + r"|\bwho(?:'s| is| was| are| were)\s+"
        + r"(?:the\s+[\w.]+['’]s\s+|the\s+|[\w.]+['’]s\s+|(?:its|their|his|her)\s+)"
        + _MODIFIER
        + rf"({'|'.join(_PERSON_NOUNS.split())})\b|"
        + _NAME_OF_ROLE
        + "|"
        + KEYWORD_ROLE.pattern
        + _HIS_NAME,
        re.I,
    ),
    "place": re.compile(_which("city cities town towns"), re.I),  # "which region": too vague
}


def asked_role(text: str) -> str | None:
    """The role a person is asked for by: "spokesperson" of "Which government spokesperson
    ...?", "executive" of "Who is X's chief executive?"."""
    queried = queried_role(text)  # "Acme CEO - name?"
    if queried is not None:
        return queried
    match = NAMED_KIND["person"].search(text)
    if match is None:
        return None
    said = [w.lower() for w in match.group(0).split() if w.lower() not in ("name", "names", "full")]
    # "zentrix ceo name" asks for the CEO; "what was his name" names no role
    return said[-1] if said and said[-1] not in ("his", "her", "their", "is", "was") else None


# Types whose answer cannot be phrased without its mark: no number, no answer to "how many";
# no time word (a date, "in the coming weeks", "since last year"), no answer to "when".
STRICT_TYPES = frozenset(
    {"percent", "money", "count", "year", "date", "time", "definition", "body", "role", "term"}
)


def answer_type(text: str) -> str:
    """percent | money | count | year | date | time | term | person | place | reason | body |
    list | role | name | other: the kind of the first asking sentence that has one ("Where
    is Acme based? When did it open?" asks for a place first)."""
    query_kind = keyword_kind(text)
    if query_kind is not None:
        return query_kind
    for i, asked in enumerate(asking_sentences(text)):
        if i and _ELLIPTICAL.match(asked):
            break  # "Does X think so? Why not?": the reason asked is the first question's
        kind = next((kind for kind, pattern in _TYPE_PATTERNS if pattern.search(asked)), None)
        if kind is not None:
            return kind
    return checked_kind(text) or "other"


# "Why not?", "How so?" after a question ask about its answer, not for a kind of their own.
_ELLIPTICAL = re.compile(r"^\W*(?:and\s+|or\s+)?(?:why(?:\s+not)?|how so|how come)\W*$", re.I)

# "When Pompeo spoke, which decade did he name?": a clause that sets the scene; the question
# follows its comma (a wh-word, an auxiliary or a pronoun).
_SCENE = re.compile(
    r"^\W*(?:when|while|after|before|since|as|once|although|though)\s+"
    r"(?!(?:did|does|do|is|are|was|were|will|would|could|can|should|has|have|had)\b)"
    r"[^?]+?,[\"”’']?\s*(?=(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|did|does|"
    r"do|has|have|had|can|could|will|would|he|she|it|they|in|and)\b)",
    re.I,
)


def asking_sentences(text: str) -> list[str]:
    """The sentences of a question that ask: from the first with a question mark on (a
    statement before it sets the scene), each without a leading scene-setting clause ("When
    NPR's correspondent spoke, was he in China or ...?")."""
    sentences = split_sentences(text.strip()) or [text]
    first = next((i for i, s in enumerate(sentences) if "?" in s), 0)
    return [_SCENE.sub("", s) for s in sentences[first:]]


def listed(text: str) -> tuple[str, frozenset[str]] | None:
    """The stemmed things of "Which events ...?" / "What big events has it ...?", and the
    content terms of the whole kind asked for ("high-profile events and venues"): the
    answer's items are instances of it and need not say it ("the Olympics")."""
    match = re.search(_WHICH_PLURAL, text, re.I) or re.search(_WHAT_PLURAL, text, re.I)
    if match is None:
        return None
    return stem(match.group("things")), frozenset(content_terms(match.group("kind")))


# "Which company / firms / chipmakers ...": a company's name, not a country ("US companies")
# nor a government body ("the Commerce Department may require ...").
# "Which chipmakers ...", "What US firms ...": only a sentence naming a company answers.
COMPANY_NAMED = re.compile(
    _which(r"compan(?:y|ies) firms? brands? \w*makers? manufacturers? suppliers? vendors?"),
    re.I,
)
COMPANY_ASKED = re.compile(
    r"\b(?:which|what|name)\s+(?:[\w.-]+\s+){0,3}?(?:compan(?:y|ies)|co|firms?|brands?|"
    r"\w*makers?|manufacturers?|suppliers?|vendors?|corporations?)\b",
    re.I,
)
