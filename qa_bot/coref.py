"""Who a sentence is about when it does not write the name: "the company", "I".

News text names a company once and then says "the company" or "the firm"; a transcript turn
says "I" for its speaker. A sentence that answers "How many people does Hikvision employ?"
with "The company says it has 34,000 employees" holds the name by reference. These rules are
general English, not this corpus: the company a document is about is the name it most often
writes next to a company noun ("the video surveillance firm Hikvision").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_COMPANY_NOUNS = r"(company|firm|group|business|manufacturer|maker|giant|corporation)"
_COMPANY_REFERENCE = re.compile(rf"\b(the|this|that) {_COMPANY_NOUNS}\b", re.I)
_FIRST_PERSON = re.compile(r"\b(I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|myself)\b")
# "the video surveillance firm Hikvision", "maker Hangzhou Hikvision", "the company, Hikvision".
_NAMED_COMPANY = re.compile(rf"\b{_COMPANY_NOUNS},? (?:[A-Z][\w-]+ ){{0,2}}([A-Z][\w-]+)")


def refers_to_company(sentence: str) -> bool:
    return bool(_COMPANY_REFERENCE.search(sentence))


def speaks_for_self(sentence: str) -> bool:
    """A first-person sentence: in a transcript turn, "I" is the speaker."""
    return bool(_FIRST_PERSON.search(sentence))


def document_company(texts: Iterable[str]) -> str | None:
    """The name a document most often writes right after a company noun, if any."""
    counts = Counter(match.group(2) for text in texts for match in _NAMED_COMPANY.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


# Words joining a description to a name: "Human Rights Watch - Maya Wang", "NPR's Rob Schmitz".
_JOINERS = frozenset("- — – , 's ’s of at for the".split())


def speaker_description(speaker: str, texts: Iterable[str]) -> set[str]:
    """Words the text puts right before a transcript speaker's name: the capitalised run that
    describes them ("I spoke to Human Rights Watch - Maya Wang" -> Human, Rights, Watch), so
    that "the Human Rights Watch researcher" finds Maya Wang's turns."""
    name = r"\s+".join(re.escape(w) for w in speaker.split())
    # The label is in capitals ("MARY O'NEIL"): match the name however the text writes it.
    pattern = re.compile(rf"((?:[\w’'-]+|[-—–,]) ){{1,6}}(?=(?i:{name})\b)")
    found: set[str] = set()
    for text in texts:
        for match in pattern.finditer(text):
            found |= _capitalised_run(match.group(0).split())
    return found


def _capitalised_run(tokens: list[str]) -> set[str]:
    """The capitalised words at the end of ``tokens``, through joining words."""
    run: set[str] = set()
    for token in reversed(tokens):
        if token[:1].isupper():
            run.add(token.removesuffix("'s").removesuffix("’s"))
        elif token.lower() not in _JOINERS:
            break
    return run
