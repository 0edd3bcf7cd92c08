"""Questions typed in lower case ("what did lighthizer say about hikvision?"): names are
written back with the capitals the sources give them.

Many checks read names from capitals (whose words are asked for, which publisher is named,
which subject a figure must be about). A word that the sources write capitalised when it
does not start a sentence, and never in lower case, is a name: "lighthizer" becomes
"Lighthizer", "npr" "NPR", while "the" or "may" stay as they are.
"""

from __future__ import annotations

import re
from collections import Counter

from qa_bot.store.catalog import Catalog
from qa_bot.text import STOPWORDS

_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_OPENS_SENTENCE = frozenset('.!?:"“”(')


def truecase(question: str, catalog: Catalog) -> str:
    """The question with the sources' capitals on its names, if it has no capitalised word of
    its own after the first (an acronym typed in capitals, "US", is no sign that names were
    capitalised); otherwise the question as it is."""
    if any(w[0].isupper() and not w.isupper() for w in _WORD.findall(question)[1:]):
        return question
    names = cased_names(catalog)

    def recase(match: re.Match[str]) -> str:
        word = match.group(0)
        base, suffix = _split_possessive(word)
        if base == "us" and not question[: match.start()].endswith("the "):
            return word  # "tell us" is the pronoun; "the us" the country
        return names.get(base.lower(), base) + suffix

    cased = _WORD.sub(recase, question)
    return cased[:1].upper() + cased[1:]


def cased_names(catalog: Catalog) -> dict[str, str]:
    """``name_casing`` of the catalog, worked out once per committed store."""
    return catalog.cached("name-casing", lambda: name_casing(catalog))


def name_casing(catalog: Catalog) -> dict[str, str]:
    """lower-case word -> its usual capitalised form, for words the sources only capitalise."""
    capitalised: Counter[str] = Counter()
    lower: set[str] = set()
    forms: dict[str, Counter[str]] = {}
    for entry in catalog.documents.values():
        for paragraph in entry.paragraphs:
            text = paragraph.text
            for match in _WORD.finditer(text):
                base, _ = _split_possessive(match.group(0))
                key = base.lower()
                if base[0].islower():
                    lower.add(key)
                elif not _starts_sentence(text, match.start()):
                    capitalised[key] += 1
                    forms.setdefault(key, Counter())[base] += 1
    return {
        key: forms[key].most_common(1)[0][0]
        for key in capitalised
        if key not in lower and key not in STOPWORDS and len(key) > 1
    }


def _starts_sentence(text: str, position: int) -> bool:
    before = text[max(0, position - 4) : position].rstrip()
    return not before or before[-1] in _OPENS_SENTENCE


def _split_possessive(word: str) -> tuple[str, str]:
    for suffix in ("'s", "’s"):
        if word.lower().endswith(suffix):
            return word[: -len(suffix)], word[-len(suffix) :]
    return word, ""
