"""Is a company a sentence names of the country the question asks about? "Which American
chipmakers sell to Acme?" is not answered by a sentence naming Zentrix when the sources call
Zentrix a Chinese firm anywhere ("the Chinese telecom giant Zentrix", "Chinese companies like
Zentrix"): the sources' own words say where each company is from.
"""

from __future__ import annotations

import re

from qa_bot.answer.kinds import COMPANY_ASKED
from qa_bot.answer.names import company_names, named_in, nationality
from qa_bot.store.catalog import Catalog
from qa_bot.text import split_sentences

WINDOW = 4  # words before a company's name that may say where it is from
_AMERICAN = frozenset("us usa america american americans united".split())
_WORD = re.compile(r"[A-Za-z][\w.'’-]*[\w.]|[A-Za-z]")


def asked_countries(question: str) -> frozenset[str]:
    """The countries whose companies a question asks for: {"us"} for "Which American
    chipmakers ...?", none for "Which companies ...?"."""
    match = COMPANY_ASKED.search(question)
    if match is None:
        return frozenset()
    return frozenset(_country_key(w) for w in _tokens(match.group(0)) if _is_country(w))


def names_company_of_country(sentence: str, question: str, catalog: Catalog) -> bool:
    """Does the sentence name a company (one the question does not) of the country asked: one
    the sources place there, or one they place nowhere in a sentence that names the country
    ("US companies ... firms like Zentrix")?"""
    asked = asked_countries(question)
    countries = company_countries(catalog)
    in_sentence = {_country_key(w) for w in _tokens(sentence) if _is_country(w)}
    for name in company_names(sentence):
        placed = countries.get(name.lower())
        if not named_in(name, question) and (placed or in_sentence) & asked:
            return True
    return False


def company_countries(catalog: Catalog) -> dict[str, frozenset[str]]:
    """``countries_of_companies`` of the catalog, worked out once per committed store."""
    return catalog.cached("company-countries", lambda: countries_of_companies(catalog))


def countries_of_companies(catalog: Catalog) -> dict[str, frozenset[str]]:
    """company name (lower case) -> the countries the sources' words just before it name
    ("Chinese telecom giant Huawei" -> {"chin"})."""
    found: dict[str, set[str]] = {}
    for entry in catalog.documents.values():
        for paragraph in entry.paragraphs:
            for sentence in split_sentences(paragraph.text):
                tokens = _tokens(sentence)
                for name in company_names(sentence):
                    first = _tokens(name)[0]
                    if first not in tokens:
                        continue
                    at = tokens.index(first)
                    before = tokens[max(0, at - WINDOW) : at]
                    keys = {_country_key(w) for w in before if _is_country(w)}
                    found.setdefault(name.lower(), set()).update(keys)
    return {name: frozenset(keys) for name, keys in found.items()}


def _tokens(text: str) -> list[str]:
    """Words as written: "US" is the country, "us" the pronoun."""
    return [re.sub(r"['’]s$", "", w) for w in _WORD.findall(text)]


def _is_country(word: str) -> bool:
    """ "American", "U.S.", "Chinese", "China": capitalised, as a country's name is."""
    if not word[:1].isupper():
        return False
    plain = word.replace(".", "").lower()
    return plain in _AMERICAN or nationality(plain)


def _country_key(word: str) -> str:
    plain = word.replace(".", "").lower()
    return "us" if plain in _AMERICAN else plain[:4]
