"""The default answer: the source sentences that answer the question, each with its citation.

Every sentence of the retrieved chunks is scored by
- ``dense``: cosine similarity of the question and the sentence's chunk (MiniLM);
- ``coverage``: the share of the question's terms, weighted by rarity (BM25 idf), found in the
  sentence (full weight) or elsewhere in its paragraph / the speaker label (half weight);
- ``fits``: whether the sentence holds the kind of thing asked for (a number for "how many" ...).
The best sentence answers; other sentences close to it are added, preferring other documents
so that where the sources disagree both are shown. If the best is weak, or the question's rare
terms appear nowhere in the sources, the answer abstains and cites nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa_bot.answer.checks import checked_figure_terms
from qa_bot.answer.counts import ANY_COUNT, counted_noun, names_workforce, workforce_terms
from qa_bot.answer.holds import holds_asked
from qa_bot.answer.kinds import COMPANY_NAMED, asked_role
from qa_bot.answer.question import FRAMING_WORDS, Question
from qa_bot.answer.sayings import REPLY_TERMS, replies_as
from qa_bot.answer.turns import (
    SPEECH,
    described_speakers,
    is_asked_speaker,
    leads_to,
    split_sentences,
    strip_label,
    with_replies,
)
from qa_bot.coref import refers_to_company, speaks_for_self
from qa_bot.models import Paragraph
from qa_bot.retrieval.hybrid import Hit
from qa_bot.store.catalog import Catalog
from qa_bot.store.terms import SoftMatcher
from qa_bot.text import content_terms, stem, words

# Weights and thresholds (see README "How answers are chosen"); set on the development
# question set as a whole, never for one question.
W_DENSE = 0.55
W_COVERAGE = 0.45
FIT_BONUS = 0.08
MIN_SCORE = 0.36
MIN_COVERAGE = 0.0
KEEP_RATIO = 0.80  # further sentences must score at least this share of the best
# A sentence holding what is asked must say this share of what the best sentence says of the
# question: "today" in a sentence about something else does not date "listed on the exchange".
STRICT_COVERAGE = 0.5
MAX_SENTENCES = 3
SHORT_WORDS = 4  # a sentence this short must share a word with the question to answer it
SPEAKER_BONUS = 0.15  # "what did X say": X's own transcript turns
CONTEXT_WEIGHT = 0.25  # a term found elsewhere in the paragraph counts this much
ASKED_WEIGHT = 0.6  # a term of the interviewer's question that a transcript turn answers
COUNTED_WEIGHT = 0.5  # "people" of "how many people", as a share of its usual weight
MAX_MISSING = 0.5  # abstain when this share of the question is about words the sources lack
# Words the sources lack count less as the sentence nears the question in meaning: fully
# below PARAPHRASE_DENSE - PARAPHRASE_SPAN, not at all from PARAPHRASE_DENSE on (a paraphrase).
PARAPHRASE_DENSE = 0.85
PARAPHRASE_SPAN = 0.20
SYNONYM_MIN = 0.6  # word-vector cosine from which a sentence's word stands in for the question's
COMPARE_RATIO = 0.6  # "do the two reports agree": another document's best, this near the best


# A transcript's note of what is heard, not said: "(Laughter).", "(Crosstalk)".
_STAGE_DIRECTION = re.compile(r"[(\[][\w\s,-]+[)\]]\W*")


@dataclass(frozen=True)
class Scored:
    paragraph: Paragraph
    sentence: str
    score: float
    coverage: float
    dense: float
    position: int  # sentence index within the paragraph
    fits: bool = True  # holds the kind of thing asked for
    missing: float = 0.0  # share of the question's weight in words the sources never use


def score_sentences(
    question: Question,
    hits: list[Hit],
    catalog: Catalog,
    matcher: SoftMatcher | None = None,
    given: frozenset[str] = frozenset(),
) -> list[Scored]:
    """Every sentence of the hits, best first. ``given``: terms every sentence counts as
    saying ("NPR", "report" of "according to the NPR report", when only NPR's documents are
    searched)."""
    weights = {t: catalog.lexical.idf(t) * question.shares.get(t, 1.0) for t in set(question.terms)}
    counted = counted_noun(question.text)
    if counted in ANY_COUNT and stem(counted) in weights and len(weights) > 1:
        # "How many people work for X": people are the answer's unit, X what it is about.
        weights[stem(counted)] *= COUNTED_WEIGHT
    # Words that a sentence says in other words: "employees" for "people work for X",
    # "vowed to retaliate" for "how will X respond".
    implied = workforce_terms(question.text, weights)
    replying = REPLY_TERMS.intersection(weights) if question.responded else frozenset()
    # "Which high-profile events ...": the items listed need not say "events".
    # "Wasn't it worth $10 billion?": a quoted figure may be wrong; the sources' answers.
    quoted = checked_figure_terms(question.text)
    unknown = {
        t
        for t in weights
        if t not in catalog.lexical
        and t not in FRAMING_WORDS
        and t not in question.category
        and t not in quoted
    }
    role = _unknown_role(question, catalog)
    asks_speech = bool(SPEECH.search(question.text))
    described = described_speakers(question, hits, catalog) if asks_speech else set()
    scored: list[Scored] = []
    seen: set[tuple[str, int, str]] = set()
    for hit in with_replies(hits, catalog):
        paragraph = catalog.paragraph(hit.chunk.doc_id, hit.chunk.paragraph_start)
        speaker = set(content_terms(paragraph.speaker or ""))
        context = _context(paragraph, hit, catalog) | dict.fromkeys(speaker, CONTEXT_WEIGHT)
        # "What did X say": X's own turns hold the answer, so X's name counts as said there.
        # (Of "What did X say when Y asked ...?", only X.)
        asked_speaker = asks_speech and (
            is_asked_speaker(paragraph.speaker, question.quoted or question.text)
            or paragraph.speaker in described
        )
        for position, sentence in enumerate(split_sentences(hit.chunk.text)):
            key = (paragraph.doc_id, paragraph.number, sentence)
            if key in seen:
                continue
            seen.add(key)
            said = strip_label(sentence)
            if said.rstrip("\"'”’ )").endswith("?") and not question.asks_question:
                continue  # a question in the source asks, it does not answer
            if _STAGE_DIRECTION.fullmatch(said.strip()):
                continue  # "(Laughter)." is no one's words
            said_terms = set(content_terms(said)) | given
            own = said_terms | (speaker if asked_speaker else set())
            own |= _referred(said, speaker, catalog, paragraph.doc_id)
            if implied and names_workforce(said_terms):
                own |= implied
            if replying and question.responded and replies_as(said, question.responded):
                own |= replying
            if paragraph.role == "byline":  # indexed with what it is: "article written by ..."
                own |= set(content_terms(hit.chunk.index_text))
            elif len(words(said)) <= SHORT_WORDS and not _says_asked(weights, said_terms, matcher):
                continue  # "Yeah.", "Good morning, Steve.": says nothing asked, whoever speaks
            fits = holds_asked(question, said, paragraph, asked_speaker, catalog)
            if fits and role:
                fits = _names_role(role, own | set(context), matcher)
            if fits and question.answer_type == "list" and not COMPANY_NAMED.search(question.text):
                # "the Olympics, the World Cup" are "events" (but only a company's name is one)
                own |= question.category
            coverage, missing = _coverage(weights, own, context, matcher, unknown)
            score = W_DENSE * hit.dense + W_COVERAGE * coverage + (FIT_BONUS if fits else 0.0)
            score += SPEAKER_BONUS if asked_speaker else 0.0
            scored.append(
                Scored(paragraph, sentence, score, coverage, hit.dense, position, fits, missing)
            )
    scored.sort(key=lambda s: -s.score)
    return scored


def _unknown_role(question: Question, catalog: Catalog) -> str | None:
    """The role asked for ("Which government spokesperson ...?") when the sources never use
    its word: then only a sentence saying a near synonym of it (in the sentence or its
    paragraph) names someone holding it."""
    role = asked_role(question.text) if question.answer_type == "person" else None
    if role is None:
        return None
    term = stem(role)
    return None if term in catalog.lexical or term in FRAMING_WORDS else term


def _names_role(role: str, said: set[str], matcher: SoftMatcher | None) -> bool:
    return matcher is not None and matcher.best(role, said) >= SYNONYM_MIN


def _says_asked(weights: dict[str, float], own: set[str], matcher: SoftMatcher | None) -> bool:
    """The sentence's own words hold one of the question's (or a close synonym)."""
    return _coverage(weights, own, {}, matcher, set())[0] > 0


def _referred(sentence: str, speaker: set[str], catalog: Catalog, doc_id: str) -> set[str]:
    """Names the sentence means without writing them: "the company", a speaker's "I"."""
    referred: set[str] = set()
    if refers_to_company(sentence):
        referred |= catalog.company_terms(doc_id)
    if speaker and speaks_for_self(sentence):
        referred |= speaker
    return referred


def _context(paragraph: Paragraph, hit: Hit, catalog: Catalog) -> dict[str, float]:
    """Words around a sentence and how much each counts: its paragraph as indexed and, for a
    transcript turn, the turn before it (the introduction of a quote); when that turn asks a
    question or introduces this speaker, the words of that question or introduction count
    more: it is what this turn answers."""
    terms = dict.fromkeys(content_terms(f"{paragraph.text} {hit.chunk.index_text}"), CONTEXT_WEIGHT)
    previous = catalog.paragraph_index.get((paragraph.doc_id, paragraph.number - 1))
    if paragraph.role == "turn" and previous is not None:
        leads = leads_to(previous, paragraph)
        sentences = split_sentences(previous.text)
        for index, sentence in enumerate(sentences):
            last = index == len(sentences) - 1
            weight = ASKED_WEIGHT if leads and last else CONTEXT_WEIGHT
            for term in content_terms(sentence):
                terms[term] = max(terms.get(term, 0.0), weight)
    return terms


def _coverage(
    weights: dict[str, float],
    own: set[str],
    context: dict[str, float],
    matcher: SoftMatcher | None,
    unknown: set[str],
) -> tuple[float, float]:
    """Share of the question's idf weight found in the sentence: a word itself counts fully, a
    close synonym by its similarity, a word found only elsewhere in the paragraph a little.

    Also the share of the weight in ``unknown`` terms (words the sources never use) that the
    sentence does not match even by a synonym: what the question asks about is not there.
    """
    total = sum(weights.values()) or 1.0
    covered = missing = 0.0
    for term, weight in weights.items():
        if term in own or _near_stem(term, own):
            covered += weight
            continue
        match = context.get(term, 0.0)
        similarity = matcher.best(term, own) if matcher is not None else 0.0
        if similarity >= SYNONYM_MIN:
            match = max(match, similarity)
        elif term in unknown:
            missing += weight
        covered += weight * match
    return covered / total, missing / total


def _near_stem(term: str, own: set[str]) -> bool:
    """A word the light stemmer left a letter or two longer ("employ" / "employe")."""
    if len(term) < 5:
        return False
    return any(
        len(word) >= 5
        and 0 < abs(len(word) - len(term)) <= 2
        and (word.startswith(term) or term.startswith(word))
        for word in own
    )


def unexplained(item: Scored) -> float:
    """The share of the question in words the sources lack, discounted as the sentence's
    meaning nears the question's: a close paraphrase ("valued at" / "worth") uses other words
    for the same thing, an unrelated question does not come near any sentence."""
    discount = min(1.0, max(0.0, (PARAPHRASE_DENSE - item.dense) / PARAPHRASE_SPAN))
    return item.missing * discount


def from_each_source(chosen: list[Scored], scored: list[Scored]) -> list[Scored]:
    """For a question comparing the sources: the chosen answer, led by the best sentence of
    each document that has one near it (holding what is asked when the best does)."""
    if not chosen:
        return chosen
    best = chosen[0]
    leads: dict[str, Scored] = {}
    for item in [*chosen, *scored]:
        doc_id = item.paragraph.doc_id
        if doc_id in leads or unexplained(item) >= MAX_MISSING:
            continue
        if item.score >= COMPARE_RATIO * best.score and (item.fits or not best.fits):
            leads[doc_id] = item
    rest = [item for item in chosen if item not in leads.values()]
    return sorted(leads.values(), key=lambda s: -s.score) + rest


def select(scored: list[Scored], strict: bool = False) -> list[Scored]:
    """The sentences that make the answer (empty: abstain).

    ``strict``: the question asks for something every answer must show (a number for "how
    many", a year for "what year"), so only sentences that show it can answer.
    """
    scored = [s for s in scored if unexplained(s) < MAX_MISSING]
    if strict and scored:
        # The sentences most about the question lack what is asked (no time for "when"): a
        # sentence that has it but is far less about the question does not answer it.
        top = scored[0]
        scored = [
            s
            for s in scored
            if s.fits
            and s.score >= KEEP_RATIO * top.score
            and s.coverage >= STRICT_COVERAGE * top.coverage
        ]
    if not scored:
        return []
    best = scored[0]
    if best.score < MIN_SCORE or best.coverage < MIN_COVERAGE:
        return []
    chosen = [best]
    for candidate in scored[1:]:
        if len(chosen) >= MAX_SENTENCES or candidate.score < KEEP_RATIO * best.score:
            break
        if candidate.coverage < MIN_COVERAGE or (best.fits and not candidate.fits):
            continue  # the best holds the kind of thing asked: a runner-up must too
        chosen.append(candidate)
    return chosen
