"""What a question asks of its answer beyond its kind: a country by name, a reply by the one
it names ("How did Acme respond?"), each source's account when it compares them, a ranking
("the largest").
"""

from __future__ import annotations

import re

# "Which countries / nations ...": a country named, wherever it stands ("including Ecuador").
COUNTRY_ASKED = re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:countries|country|nations?)\b", re.I)

# "How did Acme respond to the order?", "What was Beijing's reaction?": a reply by the one
# named (``who``), said or done, not any sentence about the order. Only a name: "how did the
# share price react" asks what happened to it.
_NAMED = r"(?-i:[A-Z][\w.'’-]*)(?:\s+(?-i:[A-Z][\w.'’-]*)){0,3}"
RESPONSE_ASKED = re.compile(
    rf"\bhow (?:did|does|do|has|have|will|would|could|might|is|are|was|were)\s+(?:the\s+)?"
    rf"(?P<who>{_NAMED})(?<!['’]s)\s+"
    # "How has China said it will respond?"
    r"(?:(?:said|says|vowed|promised|threatened|signal+ed)\s+(?:it|they|he|she)\s+"
    r"(?:will|would|could|might)\s+)?(?:respond|responding|responded|react|reacting|reacted|"
    r"reply|replying|replied|answer|answering|answered|retaliate|retaliating|retaliated)\b|"
    rf"\bwhat (?:was|is|were|are|has been)\s+(?:the\s+)?(?P<owner>{_NAMED})(?:['’]s|(?<=s)['’])\s+"
    r"(?:\w+\s+)?(?:response|reaction|reply)\b|"
    # a search-box "Beijing reaction?", "Acme's response"
    rf"^\W*(?P<queried>{_NAMED})(?:['’]s)?\s+(?:response|reaction|reply)\W*$|"
    # "What has China said it'll do in response?", "What will Acme do to hit back?"
    rf"\bwhat (?:did|does|do|has|have|will|would|might|could)\s+(?:the\s+)?(?P<doer>{_NAMED})"
    r"(?<!['’]s)\s+(?:(?:said|says?|vow(?:ed|s)?|promise[sd]?|threaten(?:ed|s)?|signal+(?:ed|s)?)"
    r"\s+(?:it|they|he|she)"
    r"(?:\s+(?:will|would|could|might)|['’]ll|['’]d)?\s+)?(?:do|doing|done)\s+(?:about\s+it\s+)?"
    r"(?:in\s+(?:response|reply|return|retaliation)|to\s+(?:respond|retaliate|hit back))\b",
    re.I,
)


# "How do the two reports differ on ...?", "Do NPR and the Times agree?": each source's answer.
COMPARES = re.compile(
    r"\b(differ|differs|differed|difference|differences|compare|compared|comparison|contrast|"
    r"agree|agrees|disagree|disagrees|consistent|respectively|discrepanc\w+|match|matches)\b|"
    r"\bthe same (?:number|figure|count|amount|estimate|total|thing|account)\b|"
    r"\b(?:both|the two|each|either) (?:reports?|sources?|stories|story|articles?|outlets?|"
    r"accounts?|pieces?)\b",
    re.I,
)


# "What is the largest stock exchange ...?", "one of its biggest customers": only a sentence
# that ranks (a superlative of its own) answers.
_SUPERLATIVES = (
    r"largest|biggest|greatest|highest|lowest|smallest|fastest|richest|oldest|newest|latest|"
    r"longest|strongest|leading|top|best|worst|most|least|number one|No\. 1|\w{2,}iest"
)
# Asked for "the latest X" or "his most recent job", a plain account of the newest answers.
_NOT_RANKING = r"(?!(?<=\blatest)|(?<=\bnewest)|(?<=\bmost)\s+recent)"
SUPERLATIVE_ASKED = re.compile(
    rf"\b(?:what|which|who|whom)\b[^?]*?\b(?:the|its|their|his|her|[\w.]+['’]s)\s+"
    rf"(?:(?:single|very|second|third|world['’]s)\s+)?(?:{_SUPERLATIVES})\b{_NOT_RANKING}",
    re.I,
)
SUPERLATIVE = re.compile(rf"\b(?:{_SUPERLATIVES})\b|\b\w+est-\w+", re.I)
