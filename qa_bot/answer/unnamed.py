"""Names the sources never use: a question about "the World Trade Organization" or "the Mona
Lisa" cannot be answered from sources that do not name it, however near some sentence comes
in meaning ("Organization" is not "Administration").

A name here is a run of two or more capitalised words inside the question (its first word and
a sentence's first word may be capitalised for grammar alone), joined perhaps by "of", "the",
"and", "for". One of its words that the sources never use, and that is no misspelling of a word
they do use, shows the name is not theirs.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection

from qa_bot.answer.lexicon import COMPANY_SUFFIXES, TITLE_WORDS
from qa_bot.answer.names import nationality_adjective
from qa_bot.text import STOPWORDS, content_terms, stem

_WORD = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[’'-]\w+)*|[^\w\s]")
_JOINERS = frozenset({"of", "the", "and", "for", "de"})
_SENTENCE_END = frozenset({".", "?", "!", ":"})
# Words a name may carry that the sources may write otherwise or leave out ("Senator" for
# "Sen.", "CEO" for "chief executive", "Inc."): no sign the name is not theirs.
_TITLES_AND_SUFFIXES = frozenset(stem(w) for w in TITLE_WORDS | COMPANY_SUFFIXES)
TYPO_CUTOFF = 0.8  # similarity from which an unknown word is a misspelling of a known one


def proper_names(text: str) -> list[str]:
    """Runs of capitalised words not at the start of a sentence ("the World Trade Organization"
    -> "World Trade Organization")."""
    tokens = _WORD.findall(text)
    names: list[str] = []
    run: list[str] = []
    for index, token in enumerate(tokens):
        opening = index == 0 or tokens[index - 1] in _SENTENCE_END
        if token[:1].isupper() and not opening:
            run.append(token)
        elif run and token.lower() in _JOINERS:
            run.append(token)
            continue
        else:
            _close(run, names)
            run = []
    _close(run, names)
    return names


def _close(run: list[str], names: list[str]) -> None:
    while run and run[-1].lower() in _JOINERS:
        run.pop()
    while run and nationality_adjective(run[0]):
        run.pop(0)  # "the Chinese CCTV firm": a country's adjective before a word
    if sum(1 for token in run if token[:1].isupper()) >= 2:
        names.append(" ".join(run))


def unknown_name(text: str, vocabulary: Collection[str]) -> str | None:
    """The first name in the question with a word the sources never use, if any."""
    tokens = re.findall(r"[A-Za-z][\w’'-]*", text)[1:]
    if sum(1 for w in tokens if w[:1].isupper() and w.lower() in STOPWORDS) >= 2:
        return None  # "How Many Drones Did Acme Sell?": Title Case says nothing of names
    for name in proper_names(text):
        for term in content_terms(name):
            if term in _TITLES_AND_SUFFIXES:
                continue
            if term not in vocabulary and not _misspelt(term, vocabulary):
                return name
    return None


def _misspelt(term: str, vocabulary: Collection[str]) -> bool:
    """ "Uyghur" for "Uighur", "Wnag" for "Wang": near a word the sources use."""
    alike = [word for word in vocabulary if word[:1] == term[:1] or len(term) > 5]
    return bool(difflib.get_close_matches(term, alike, n=1, cutoff=TYPO_CUTOFF))
