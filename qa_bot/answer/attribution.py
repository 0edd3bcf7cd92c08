"""Questions that name the source they ask about: "..., according to the NPR report?",
"Per the Times, what ...?", "NPR says Hikvision has how many staff?".

Such a phrase says where to look, not what to look for: its words are taken out of the
query that retrieval searches, only the named publisher's documents may answer, and every
sentence of theirs counts as saying the phrase's words.
The publisher must be one the catalog knows; otherwise the phrase is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa_bot.store.catalog import Catalog
from qa_bot.text import collapse_whitespace, content_terms

# A capitalised name (up to four words), optionally in the possessive, then a word for the
# kind of text: "according to the NPR report", "per the Times", "in the NPR radio piece".
_SOURCE = (
    r"(?:the\s+)?(?P<source>(?-i:[A-Z][\w.'’&-]*)(?:\s+(?-i:[A-Z][\w.'’&-]*)){0,3}?)"
    # a medium in lower case: "the Harbour Radio interview" is Harbour Radio's
    r"(?:['’]s)?(?:\s+(?-i:radio|news|online|original|print|web|tv|television|full|own|"
    r"broadcast|newspaper))?(?:\s+(?:report|reporting|interview|article|story|transcript|piece|"
    r"conversation|segment|broadcast|account|coverage|version|text))?"
)
_LEAD = r"(?:according\s+to|per|in|from|as\s+reported\s+by|as\s+told\s+by)"
_TRAILING = re.compile(rf"[,;]?\s*\b{_LEAD}\s+{_SOURCE}\s*(?=[?.!]*\s*$)", re.I)
_LEADING = re.compile(rf"^\s*{_LEAD}\s+{_SOURCE}\s*,\s*", re.I)
# "NPR says Hikvision has how many staff?", "The Times reports that ...".
_SAYS = re.compile(
    rf"^\s*{_SOURCE}\s+(?:says|said|reports|reported|writes|wrote|claims|claimed)"
    r"(?:\s+that)?\s+",
    re.I,
)

# "Which countries does the Times name ...?", "What headcount does NPR give?".
_ASKS_OF = re.compile(
    rf"\b(?:does|did|do)\s+{_SOURCE}\s+(?:name|names|say|report|mention|list|give|count|cite|"
    r"describe|estimate|quote|put)\b",
    re.I,
)


# A source named by its medium, not its publisher: "the newspaper", "on the radio" (each
# kind of document a named group).
_MEDIUM = (
    r"(?:the\s+)?(?P<medium>(?P<article>newspaper(?:\s+(?:article|story|piece|report))?|paper|"
    r"print(?:\s+(?:article|story))?)|"
    r"(?P<transcript>radio(?:\s+(?:piece|report|segment|interview|show|broadcast|story))?|"
    r"broadcast|transcript|(?<=\bon )air))\b"
)
_MEDIUM_PATTERNS = (
    re.compile(rf"[,;]?\s*\b(?:{_LEAD}|on)\s+{_MEDIUM}\s*(?=[?.!]*\s*$)", re.I),
    re.compile(rf"^\s*(?:{_LEAD}|on)\s+{_MEDIUM}\s*,\s*", re.I),
    # "the number the newspaper gave", "How many did the paper say ...?"
    re.compile(
        rf"\b(?:that\s+|(?:does|did|do)\s+)?{_MEDIUM}\s+(?:gave|gives|give|reported|reports|"
        r"report|said|says|say|cited|cites|cite|quoted|quotes|quote|used|uses|use|mentioned|"
        r"mentions|mention|put|puts)\b",
        re.I,
    ),
)
# "Which (local) newspaper reported ...?" asks for the source: it names none.
_ASKED_FOR = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}$", re.I)


@dataclass(frozen=True)
class Attribution:
    question: str  # the question without the phrase naming the source
    doc_ids: frozenset[str]  # the documents of the named publisher
    terms: frozenset[str]  # the phrase's words: said by every sentence of those documents


def attributed(question: str, catalog: Catalog) -> Attribution | None:
    """The question without its source phrase and the named publisher's documents, or None
    when the question names no publisher the catalog knows."""
    patterns = (_TRAILING, _LEADING, _SAYS, _ASKS_OF, *_MEDIUM_PATTERNS)
    for pattern in patterns:
        match = pattern.search(question)
        if match is None:
            continue
        if "medium" in pattern.groupindex:
            if _ASKED_FOR.search(question[: match.start("medium")]):
                continue
            doc_ids = _of_kind("article" if match.group("article") else "transcript", catalog)
        else:
            doc_ids = _published_by(match.group("source"), catalog)
        if not doc_ids or len(doc_ids) == len(catalog.documents):
            continue  # names no source, or every one
        rest = question[: match.start()] + " " + question[match.end() :]
        if _names_other_source(rest, doc_ids, catalog):
            return None  # "how many does NPR state, and how many the Times?": both answer
        rest = collapse_whitespace(rest).strip().replace(" ?", "?")
        rest = rest[0].upper() + rest[1:] if rest else rest
        if len(content_terms(rest)) < 2:
            return None  # "What did the Times report?": the source is the subject
        text = rest if rest.endswith("?") else rest.rstrip(" ?") + "?"
        return Attribution(text, doc_ids, frozenset(content_terms(match.group(0))))
    return None


def _published_by(source: str, catalog: Catalog) -> frozenset[str]:
    """Documents whose publisher the name stands for ("Times" for "New York Times"): some of
    the publisher's words, its last one among them."""
    named = set(content_terms(source))
    if not named:
        return frozenset()
    found = []
    for doc_id, entry in catalog.documents.items():
        publisher = content_terms(entry.meta.publisher or "")
        # "the Times" is the New York Times; "in New York" names no newspaper
        if publisher and named <= set(publisher) and publisher[-1] in named:
            found.append(doc_id)
    return frozenset(found)


def _of_kind(kind: str, catalog: Catalog) -> frozenset[str]:
    """Documents of the kind a medium makes: "the newspaper" writes articles, "the radio"
    broadcasts what is transcribed."""
    return frozenset(
        doc_id for doc_id, entry in catalog.documents.items() if entry.meta.kind == kind
    )


def _names_other_source(rest: str, doc_ids: frozenset[str], catalog: Catalog) -> bool:
    """Does the rest of the question name another publisher (its name's last word)?"""
    for doc_id, entry in catalog.documents.items():
        publisher = (entry.meta.publisher or "").split()
        # as written, capitals and all: "the Times", not "at the time"
        if (
            doc_id not in doc_ids
            and publisher
            and re.search(rf"\b{re.escape(publisher[-1])}\b", rest)
        ):
            return True
    return False
