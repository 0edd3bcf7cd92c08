"""Search-box queries ("acme founding year", "zentrix ceo name", "acme employees"): no
question word, so the kind of answer asked for is said by the query's last word."""

from __future__ import annotations

import re

MAX_QUERY_WORDS = 8  # longer text without a question word is a statement, not a query ...
MAX_FRAGMENT_WORDS = 14  # ... unless it opens with the kind it asks for ("Exact date ...")

# A query opening like a question or a request is read as one ("name the ...", "is it ...").
_ASKS = re.compile(
    r"\b(?:what|which|who|whom|whose|when|where|why|how)\b|"
    r"^\W*(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|name|list|"
    r"tell|explain|describe|give|show|find)\b",
    re.I,
)
_ROLES = (
    r"ceo|chief(?: executive)?|boss|founder|chair(?:man|woman|person)?|president|head|leader|"
    r"spokes(?:man|woman|person)|director|owner"
)
# "zentrix ceo name", "acme founder": a person holding a role, named in full.
ROLE_QUERY = re.compile(
    r"^(?!.*\b(?:what|which|who|whom|whose|when|where|why|how)\b).*?"
    # "acme ceo - name?", "Beijing's spokesperson on the sanctions - name?"
    rf"\b(?:{_ROLES})(?:['’]s)?(?:(?:\s+(?:on|for|of|at|in|to|with)(?:\s+[\w'’]+){{1,3}})?"
    r"\s*[-–—:,]\s*(?:full\s+)?name|\s+(?:full\s+)?name)?\W*$",
    re.I,
)

_ROLE_WORD = re.compile(rf"\b(?:{_ROLES})\b", re.I)


def queried_role(text: str) -> str | None:
    """The role a search-box query asks a person for: "ceo" of "Acme CEO - name?"."""
    if not ROLE_QUERY.search(text):
        return None
    roles = _ROLE_WORD.findall(text)
    return roles[-1].lower() if roles else None


_LAST_WORD_KINDS = (
    ("year", r"years?"),
    ("date", r"date|day"),
    ("count", r"employees|staff|workforce|headcount|size|population|number"),
    ("money", r"worth|value|valuation|revenues?|price|cost|profits?|budget"),
    ("percent", r"percent|percentage"),
    ("place", r"location|headquarters|hq"),
)


def keyword_kind(text: str) -> str | None:
    """The kind of answer a search-box query asks for by its last word, or None for a
    question (or a query whose last word says no kind: "acme cameras")."""
    if _ASKS.search(text) or len(text.split()) > MAX_FRAGMENT_WORDS:
        return None
    opening = next((kind for kind, pattern in _FIRST_WORDS_KINDS if pattern.match(text)), None)
    if len(text.split()) > MAX_QUERY_WORDS:  # "Exact date Acme was listed on the exchange?"
        return opening
    if ROLE_QUERY.search(text):
        return "person"
    last = re.sub(r"\W+$", "", text).rsplit(None, 1)[-1] if text.strip() else ""
    for kind, pattern in _LAST_WORD_KINDS:
        if re.fullmatch(pattern, last, re.I):
            return kind
    return opening


# "Exact date Acme was listed?", "% drop in its shares?", "Headcount of the Norvale team?":
# a fragment that opens with the kind it asks for.
_FIRST_WORDS_KINDS = tuple(
    (kind, re.compile(r"^\W*(?:the\s+)?(?:exact\s+|precise\s+)?" + pattern, re.I))
    for kind, pattern in (
        ("date", r"(?:date|day)\b"),
        ("year", r"year\b"),
        ("percent", r"(?:%|percent\b|percentage\b)"),
        ("count", r"(?:headcount|number|size|population)\s+of\b"),
        ("money", r"(?:value|valuation|revenue|price|cost)\s+of\b"),
    )
)
