"""What a sentence says and replies: what a subject is ("X, the ..."), whose words it gives (a
verb of saying or a quotation mark), and a reply said or done ("vowed to retaliate"). General
English patterns, not rules for one corpus.
"""

from __future__ import annotations

import re

from qa_bot.text import content_terms, stem


def defines(subject: str, sentence: str) -> bool:
    """Does the sentence say what ``subject`` is ("X is ...", "X, the ...", "... - X", a title
    before the name: "US President X"), or who holds it ("Secretary of State Mike Pompeo")?"""
    name = re.escape(subject)
    after = rf"\b{name}(?:'s)?\s*(,|\bis\b|\bare\b|\bwas\b|\bwere\b|-|—|\()"
    before = rf"(,|-|—)\s*{name}\b"
    if re.search(after, sentence, re.I) or re.search(before, sentence, re.I):
        return True
    titled = re.search(
        rf"(?<![.!?] )\b(?!(?:The|A|An|This|That)\b)[A-Z][\w.]*\s+{name}\b", sentence
    )
    holder = re.search(rf"\b(?i:{name})\s+[A-Z][a-z]+\s+[A-Z][a-z]+", sentence)
    return bool(titled and titled.start() > 0) or bool(holder)


_ATTRIBUTION = re.compile(
    r"\b(said|says|say|saying|told|tells|according to|warned|warns|argued|argues|added|"
    r"asserted|expressed|stated|wrote|writes|claimed|predicted|suggested|adding|mentioned)\b|"
    r"[\"“”]"
)


def attributes(name: str, sentence: str) -> bool:
    """Does the sentence give words of ``name`` (named with a verb of saying or a quote)?"""
    surname = name.split()[-1].removesuffix("'s").removesuffix("’s")
    named = re.search(rf"\b{re.escape(surname)}\b", sentence, re.I)
    return bool(named) and says(sentence)


def says(sentence: str) -> bool:
    """Does the sentence give someone's words (a verb of saying or a quotation mark)?"""
    return bool(_ATTRIBUTION.search(sentence))


_RESPONSE = re.compile(
    r"\b(respond\w*|response|react(?:s|ed|ing|ions?)?|repl(?:y|ied|ies)|retaliat\w*|"
    r"den(?:y|ied|ies)|reject\w*|condemn\w*|vow\w*|promis\w*|pledg\w*|threaten\w*|"
    r"weighed in|hit back|counter(?:s|ed|ing)|welcom\w*|protest\w*|statement|sued|appeal\w*|"
    r"dismiss\w*|declin(?:ed|es|ing) to|refus\w*)\b",
    re.I,
)


def responds(sentence: str) -> bool:
    """Does the sentence give a reply: words said, or a deed done in answer ("vowed to
    retaliate", "rejected the charges")?"""
    return says(sentence) or bool(_RESPONSE.search(sentence))


def replies_as(sentence: str, who: str) -> bool:
    """Does the sentence name ``who``'s reply ("China has vowed to retaliate")? Its name comes
    first: in "the move would deny ... to Acme" Acme replies nothing."""
    named = set(content_terms(who))
    return any(
        named <= set(content_terms(sentence[: match.start()]))
        for match in _RESPONSE.finditer(sentence)
    )


# The words of "How will X respond / answer / react?" that any named reply says.
REPLY_TERMS = frozenset(
    stem(w) for w in "respond response react reaction reply answer retaliate".split()
)
