"""Shorthand a busy user types: "acc. to", "w/", "# of", "govt", "reax", and a name cut to
its letters ("NYT" for the New York Times, "HRW" for Human Rights Watch, "ZX" for Zentrix),
written out before the question is read.

A name is expanded only from the sources' own names, only when the capitals are no word
the sources use ("NPR", "US" stay), and only when exactly one name fits: its initials, or,
for one long name, two of its letters (its first, then another).
"""

from __future__ import annotations

import re

from qa_bot.store.catalog import Catalog
from qa_bot.text import SHORTHAND_WORDS, STOPWORDS

# General English shorthand, not words of one corpus ("govt", "dept" ...: ``SHORTHAND_WORDS``).
_SHORTHAND = (
    *SHORTHAND_WORDS,
    *(
        (re.compile(pattern, re.I), written)
        for pattern, written in (
            (r"\bacc\.?\s+to\b", "according to"),
            (r"\bw/o(?=\s|$)", "without"),
            (r"\bw/(?=\s|$)", "with"),
            (r"#\s*of\b", "number of"),
            (r"\breax\b", "reaction"),
            (r"\bapprox\.", "approximately"),
            (r"\byrs\b", "years"),
            (r"\byr\b", "year"),
            (r"\bppl\b", "people"),
            (r"\best\.", "estimate"),
            (r"\badd['’]l\b", "additional"),
            (r"\badmin\b", "administration"),
            (r"\bexecs\b", "executives"),
            (r"\bexec\b", "executive"),
            (r"\bbiz\b", "business"),
            (r"\becon\b", "economic"),
            (r"\borgs\b", "organizations"),
            (r"\borg\b", "organization"),
            (r"\bre:\s*", "about "),
            (r"\binfo\b", "information"),
            (r"\bb/c\b", "because"),
            (r"\s&\s", " and "),
            # chat's spellings ("rly", "kinda", "abt", "idk", "u"): written out in lower case
            (r"\br(?:l)?ly\b", "really"),
            (r"\bkinda\b", "kind of"),
            (r"\bsorta\b", "sort of"),
            (r"\bwanna\b", "want to"),
            (r"\bgonna\b", "going to"),
            (r"\bgotta\b", "got to"),
            (r"\btryna\b", "trying to"),
            (r"\babt\b", "about"),
            (r"\b(?:bc|cuz|coz|bcuz|bcoz)\b", "because"),
            (r"\bidk\b", "I don't know"),
            (r"\bdunno\b", "don't know"),
            (r"\b(?:rn|atm)\b", "now"),
            (r"\bcams\b", "cameras"),
            (r"\bpics\b", "pictures"),
            (r"(?-i:\bu\b)(?!\.)", "you"),
            (r"(?-i:\bur\b)", "your"),
            (r"(?-i:\br\b)(?![&.])", "are"),
            (r"(?-i:(?<=[a-z] )n(?= [a-z]))", "and"),
            (r"(?-i:^\W*y(?= (?:do|does|did|is|are|was|were|would|has|have)\b))", "why"),
        )
    ),
)
# Capitals that are common abbreviations of their own, never a name cut short here.
_COMMON = frozenset(
    "CEO CFO COO CTO HQ UK EU UN TV IPO GDP AI IT PR HR ID OK PM AM DC NYC USA VP MP".split()
)
_CAPITALS = re.compile(r"\b[A-Z]{2,5}\b")
_NAME = re.compile(r"\b[A-Z][a-z][\w'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’-]*)*")


def expand_shorthand(question: str, catalog: Catalog) -> str:
    """The question with shorthand written out and cut names given in full."""
    for pattern, written in _SHORTHAND:
        question = pattern.sub(written, question)
    names = source_names(catalog)
    vocabulary = catalog.lexical.vocabulary

    def expand(match: re.Match[str]) -> str:
        letters = match.group(0)
        if letters in _COMMON or letters.lower() in vocabulary or letters.lower() in STOPWORDS:
            return letters  # "NPR", "CEO", and "TO" typed for emphasis
        fitting = {name for name in names if _abbreviates(letters, name)}
        return fitting.pop() if len(fitting) == 1 else letters

    return _CAPITALS.sub(expand, question)


def source_names(catalog: Catalog) -> frozenset[str]:
    """The capitalised names the sources use, once per committed store."""
    return catalog.cached("source-names", lambda: _names_in_sources(catalog))


def _names_in_sources(catalog: Catalog) -> frozenset[str]:
    found: set[str] = set()
    for entry in catalog.documents.values():
        for paragraph in entry.paragraphs:
            for match in _NAME.finditer(paragraph.text):
                name = re.sub(r"['’]s$", "", match.group(0)).split()
                while name and name[0].lower() in STOPWORDS:
                    name = name[1:]  # "The New York Times", "In Norvale" opening a sentence
                if name:
                    found.add(" ".join(name))
    return frozenset(found)


def _abbreviates(letters: str, name: str) -> bool:
    """ "NYT" for "New York Times" (initials); "HK" for "Hikvision" (two letters: the first,
    then the other, in one name of six letters or more)."""
    parts = [w for w in name.split() if w.lower() not in ("of", "the")]
    if len(parts) > 1:
        return "".join(w[0] for w in parts).upper() == letters
    word = parts[0] if parts else ""
    if len(letters) != 2 or len(word) < 6 or word[0].upper() != letters[0]:
        return False
    rest = iter(word[1:].lower())
    return all(letter in rest for letter in letters[1:].lower())
