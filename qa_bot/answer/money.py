"""Amounts of money that answer the question: of the thing valued ("what are its contracts
worth", not the company) and of the kind asked for ("revenue", not what was spent).
"""

from __future__ import annotations

import re

from qa_bot.answer.kinds import PRICE_ASKED
from qa_bot.answer.lexicon import MONEY_MEASURES
from qa_bot.text import STOPWORDS, stem, words

MONEY = re.compile(
    r"[$€£¥]\s?\d|\b(dollars?|yuan|renminbi|euros?|pounds?|yen|rupees?|cents?|usd|rmb)\b",
    re.I,
)

# "How much are Hikvision's contracts with the police worth?": what is valued (the last word
# before a preposition or "worth").
_WORTH_OF = re.compile(
    r"\bhow much (?:is|are|was|were) (?P<np>(?:(?!\b(?:with|of|for|in|at|to|from|on)\b)[^?])*?)"
    r"(?:\s+(?:with|of|for|in|at|to|from|on)\b[^?]*?)?\s+worth\b",
    re.I,
)
# What the document's company may be called ("it"): "the surveillance company".
_COMPANY_NOUNS = frozenset("company firm maker manufacturer business group corporation".split())
_NOT_VALUED = STOPWORDS | _COMPANY_NOUNS  # "it", "the company": what the sentence may call it


_ADVERB = re.compile(
    r"(?!(?:family|supply|assembly|monopoly|ally|rally|reply|italy|july|anomaly|belly)$)"
    r"[a-z]{2,}ly|now|still|today|currently|then|ever|even",
    re.I,
)


def _values_asked(sentence: str, question: str) -> bool:
    """An amount said of the thing asked about: "it's worth $7 billion" (the company) does not
    answer what the company's contracts are worth. A name ("How much is Acme worth?") may be
    called "it" in the sentence, so only a common noun must be said."""
    match = _WORTH_OF.search(question)
    if match is None or not match.group("np").split():
        return True
    # "How much is Acme supposedly / now worth?": an adverb is not the thing valued
    np = [w for w in match.group("np").split() if not _ADVERB.fullmatch(w)]
    if not np:
        return True
    thing = np[-1].removesuffix("'s").removesuffix("’s")
    if thing[0].isupper() or thing.lower() in _NOT_VALUED:
        return True
    return any(stem(w) == stem(thing.lower()) for w in words(sentence))


def _measure_said(sentence: str, asked: str) -> bool:
    """ "What was X's revenue?" is not answered by what someone spent: the amount must be
    said to be of the kind asked for (in any of its words: "sales" for "revenue")."""
    match = PRICE_ASKED.search(asked)
    if match is None:
        return True
    measure = match.group("measure").lower()
    said = set(words(sentence))
    return any(measure in group and group & said for group in MONEY_MEASURES)


def holds_money(sentence: str, question: str) -> bool:
    """An amount of money, of the thing and of the kind the question asks about."""
    asked = question.lower()
    return (
        bool(MONEY.search(sentence))
        and _values_asked(sentence, question)
        and _measure_said(sentence, asked)
    )
