"""Question checks and analysis: what is asked (terms) and what kind of answer would fit
(the kind itself is read in ``kinds``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qa_bot.answer.asks import RESPONSE_ASKED, SUPERLATIVE_ASKED
from qa_bot.answer.kinds import (
    COMPANY_NAMED,
    NAMED_KIND,
    PERSON_DEED,
    STRICT_TYPES,
    answer_type,
    asking_sentences,
    listed,
)
from qa_bot.answer.tense import OUTCOME, PRESENT, outcome_verb, pending
from qa_bot.errors import BadInput
from qa_bot.text import STOPWORDS, collapse_whitespace, content_terms, normalize, stem, words

QUESTION_WORDS = frozenset(
    """
    what which who whom whose when where why how is are was were do does did can could would
    will should has have had
    per roughly approximately around nearly almost possibly probably exactly
    isn't aren't wasn't weren't don't doesn't didn't hasn't haven't hadn't wouldn't couldn't
    shouldn't someth anyth someon anyon somebodi anybodi
    """.split()
)


# Words that frame a question rather than name what it asks about ("according to the story",
# "which reporter", "give the number"): never a sign that the sources lack the subject.
FRAMING_WORDS = frozenset(
    stem(w)
    for w in """
    story stories article articles report reports reported reporting reporter reporters
    correspondent journalist newspaper paper outlet interview piece source sources text
    transcript broadcast segment mention mentioned describe described particular specific
    exactly actually really finally number give point evidence idea word words term detail
    details example main major big kind type sort besides apart aside behind let happen
    happened happening thing things way ways name named called regarding concerning
    agree agreed agreement disagree differ different same consistent radio programme program
    site website publication published date day city town place location country person
    individual organisation organization accurate accurately true correct correctly fact
    headcount workforce size tally figure figures gave given attributed supposedly reportedly
    allegedly apparently claim claimed claims press media
    purportedly ostensibly
    """.split()
)


@dataclass(frozen=True)
class Question:
    text: str  # cleaned question as searched
    terms: tuple[str, ...]  # stemmed content terms (question words dropped)
    answer_type: (
        str  # percent | money | count | year | time | person | place | reason | name | other
    )
    surfaces: dict[str, str] = field(default_factory=dict)  # term -> word as written
    subject: str | None = None  # X of "What/Who is X?"
    settled: bool = False  # asks what finally happened ("Did they ultimately ...?")
    named_kind: bool = False  # names the kind of answer: "which city", "which official"
    quoted: str | None = None  # X of "What did X say ...?": only X's words answer
    present: bool = False  # asks how things are now ("Where does she work now?")
    names: tuple[str, ...] = ()  # stemmed capitalised words after the first ("Ecuador")
    shares: dict[str, float] = field(default_factory=dict)  # "high-profile": each part half
    specific: str | None = None  # "charges" of "What specific charges ...?": said in detail
    listed: str | None = None  # stemmed "events" of "Which events ...?"
    category: frozenset[str] = frozenset()  # "high-profile events and venues": the kind listed
    outcome: str | None = None  # "add" of "Did they ultimately add ...?": what must have happened
    responded: str | None = None  # X of "How did X respond?": only X's reply answers
    superlative: bool = False  # "the largest X", "its biggest customers": a ranking answers
    asks_question: bool = False  # "What did X ask?": a question in the source answers

    @property
    def strict(self) -> bool:
        """Only a sentence that holds what is asked (``fits``) may answer."""
        if self.named_kind and self.answer_type in ("person", "place"):
            return True  # "which city": a sentence naming no city does not answer
        if self.settled or self.present or self.quoted is not None or self.specific:
            return True
        if self.responded is not None:
            return True  # "how did X respond": a sentence giving no reply does not answer
        if self.superlative:
            return True  # "the largest exchange": a sentence ranking nothing does not answer
        if self.answer_type == "person" and PERSON_DEED.search(self.text):
            return True  # "who runs the team": a sentence naming no person does not answer
        if self.answer_type in ("name", "list") and COMPANY_NAMED.search(self.text):
            return True  # "which chipmakers": a sentence naming no company does not answer
        return self.answer_type in STRICT_TYPES


def clean_question(raw: str, max_chars: int) -> str:
    """Normalise a user question or refuse it with a one-line reason."""
    if raw is None or not str(raw).strip():
        raise BadInput("the question is empty: type a question about the sources")
    if len(raw) > max_chars:
        raise BadInput(
            f"the question is {len(raw):,} characters long; the limit is {max_chars:,} "
            "(QA_BOT_MAX_QUESTION_CHARS)"
        )
    text = collapse_whitespace(normalize(raw))
    if not text or not any(ch.isalnum() for ch in text):
        raise BadInput("the question has no words: type a question about the sources")
    text = _IS_LEFT_OUT.sub(r"\1's", text)
    text = _DID_SHORT.sub(r"\1 did", text)
    return _NOT_LEFT_OUT.sub(r"\1n't", text)


# "Where'd he say ...?", "what'd she do": "did" (a question's "'d" before a verb).
_DID_SHORT = re.compile(r"\b(what|where|why|how|when)['’]d\b(?=\s+\w+\s+\w)", re.I)
# Contractions typed without their apostrophe ("whats", "didnt"); not "its" nor "wont".
_IS_LEFT_OUT = re.compile(r"\b(what|who|where|when|how|that|there)s\b", re.I)
_NOT_LEFT_OUT = re.compile(
    r"\b(do|does|did|is|was|are|were|has|have|had|could|would|should)nt\b", re.I
)


# How much a word of the scene before a question counts ("When X spoke, ...?", "X said Y.
# Why ...?"), against a word of the question itself.
SCENE_SHARE = 0.5

# Markup typed or pasted around a question ("<b>Who is <i>X</i>?</b>") is not part of it.
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")


def analyse(text: str) -> Question:
    text = collapse_whitespace(_TAG.sub(" ", text)).replace(" ?", "?")
    surfaces = {stem(w): w for w in words(text) if w not in STOPWORDS}
    # A hyphenated word also gives its parts: keep the parts only, or it would count twice.
    terms = tuple(t for t in content_terms(text) if t not in QUESTION_WORDS and "-" not in t)
    kind = answer_type(text)
    surfaces = {t: surfaces.get(t, t) for t in terms}
    definition = _DEFINITION.match(text)
    subject = definition.group("subject").strip() if definition else None
    superlative = bool(SUPERLATIVE_ASKED.search(text))
    if subject and kind in ("other", "person") and _names_a_thing(subject) and not superlative:
        # "What is the largest port in X?" asks which one, not what a largest port is
        kind = "definition"
    settled = bool(OUTCOME.search(text)) and not pending(text)
    named_kind = bool(NAMED_KIND.get(kind) and NAMED_KIND[kind].search(text))
    said_by = _SAID_BY.search(text)
    quoted = said_by.group("who").strip() if said_by else None
    present = bool(PRESENT.search(text))
    names = tuple(t for t in _capitalised_terms(text) if t not in FRAMING_WORDS)
    shares = {
        part: 1 / len(parts)
        for word in words(text)
        if "-" in word and len(parts := content_terms(word.replace("-", " "))) > 1
        for part in parts
    }
    # "Schmitz said X. How many does the Times count?": the scene's words matter less
    asking = set(content_terms(" ".join(asking_sentences(text))))
    own = asking - FRAMING_WORDS - QUESTION_WORDS - {"one", "ones", "them"}
    for term in terms:
        if term not in asking and len(own) >= 2:  # "X did Y. Which ones?" asks about the scene
            shares[term] = shares.get(term, 1.0) * SCENE_SHARE
    specific = _SPECIFIC.search(text)
    things = listed(text) if kind == "list" else None
    return Question(
        text,
        terms,
        kind,
        surfaces,
        subject,
        settled,
        named_kind,
        quoted,
        present,
        names,
        shares,
        (specific.group("noun") or specific.group("verb")).lower() if specific else None,
        things[0] if things else None,
        things[1] if things else frozenset(),
        outcome_verb(text) if settled else None,
        _respondent(text),
        superlative,
        bool(_QUESTION_ASKED.search(text)),
    )


# "What did the host ask?", "Which question did she put to him?"
_QUESTION_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+)?(?:question|questions)\b|"
    r"\bwhat (?:did|does|do|has|had|was|is|were)\b[^?]*?\b(?:ask|asks|asked|asking|inquire|"
    r"inquired|enquire|enquired|wonder|wondered)\b(?!\s+for\b)",  # "ask for" is a request
    re.I,
)


# "What specific charges does she face?": not answered by "she faces criminal charges".
_SPECIFIC = re.compile(
    r"\bwhat (?:specific|exact|precise|particular)\s+(?:[\w-]+\s+){0,2}?(?P<noun>[\w-]+)\s+"
    r"(?:do|does|did|is|are|was|were|has|have|had|will|would|can|could)\b|"
    # "What exactly is she charged with?": the charges, in detail
    r"\bwhat (?:exactly|specifically|precisely)\b[^?]*?\b(?P<verb>charged|accused|convicted|"
    r"suspected)\b",
    re.I,
)


def _respondent(text: str) -> str | None:
    match = RESPONSE_ASKED.search(text)
    if match is None:
        return None
    return match["who"] or match["owner"] or match["queried"] or match["doer"]


def _capitalised_terms(text: str) -> list[str]:
    """Content terms of the capitalised words after the first word ("How much did Ecuador
    pay?" -> ["ecuador"]). A run of them is read as one name ("United States")."""
    # "TV", "U.S.": no subject
    found = re.findall(r"(?<=\s)[A-Z][a-z][\w’'-]*(?:\s+[A-Z][a-z][\w’'-]*)*", text)
    return [t for word in found for t in content_terms(word) if t not in QUESTION_WORDS]


# "What did Robert Lighthizer say about ...?", "What did Commerce Secretary Wilbur Ross
# personally say?", "What did trade representative X say?" ask for words he said, not any
# mention of him.
_SAID_BY = re.compile(
    r"\b(?i:what (?:did|does|do|has|have|had|would|will))\s+"
    # a title in lower case before the name: "trade representative Robert Lighthizer"
    r"(?:(?:the|its|his|her|their)\s+(?:[a-z]+\s+){1,3}|"  # "the trade representative X"
    r"(?:(?!(?:the|an?|its|his|her|their|this|that|these|those|you|we|they)\b)[a-z]+\s+){0,3})"
    r"(?P<who>(?:[A-Z][\w’'.-]+(?<!['’]s)\s+){1,5})"
    r"(?:(?:personally|actually|really|publicly|privately|specifically|exactly|officially|"
    r"originally|initially|recently|first|later|ever)\s+)?"
    r"(?:say|tell|think|argue|warn|claim|write|predict|suggest|joke|quip|admit|complain|"
    r"reply|answer|explain|add|mention|describe|recall)\b"
)

_NOT_A_THING = re.compile(
    r"['’]s\b|\w+ing\b|^(one|some|many|most|all|each|behind|in|on|at|for|with|from|about)\b|"
    r"[,;]",
    re.I,
)


def _names_a_thing(subject: str) -> bool:
    """ "Who is X?" asks what X is when X is a short name or noun phrase ("Maya Wang", "the
    president of China"), not "one of its largest clients" or "Meng waiting for there"."""
    return len(subject.split()) <= 5 and not _NOT_A_THING.search(subject)


# Trailing symbols ("Who is X? 🤔") do not change the question.
_DEFINITION = re.compile(
    r"^\s*(what|who)\s+(is|are|was|were)\s+(the\s+|an?\s+)?(?P<subject>[^?]{2,60}?)"
    r"(?:,?\s+(?:exactly|precisely|again|anyway|really|actually))?\s*\?*[\W_]*$",
    re.I,
)
