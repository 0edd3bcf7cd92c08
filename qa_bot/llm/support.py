"""How well a paragraph supports a sentence: the measurements behind verification.

- Lexical support: the share of the sentence's content words (stemmed, stop words and
  attribution words such as "according" or "reported" left out) that occur in the cited
  paragraph (its text and its speaker's name).
- Numbers: every number in the sentence must occur in the cited paragraph.
- Embedding support: the cosine between the sentence and the paragraph embeddings.
- Planted instructions: sentences of a source that address the model ("ignore your
  instructions ...") are never support, and a reply that repeats words found only there is
  rejected, so a source cannot make the model say something and have it verified.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qa_bot.models import Paragraph
from qa_bot.text import split_sentences, stem, words


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _word_set(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves i'm it's don't doesn't didn't isn't aren't wasn't weren't can't won't
    there's that's he's she's they're we're you're i've we've they've i'd he'd she'd they'd
    may might must shall yes well us one"""
)
# Words a model uses to attribute or frame, which a paragraph need not contain.
FRAMING_WORDS = _word_set(
    """according source sources article articles report reports reported reporting paragraph
    text mention mentions mentioned state states stated say says said tell tells told note
    notes noted answer question context"""
)
_NEGATIONS = _word_set(
    "not no never nor neither none nobody nothing deny denies denied denying refuse refuses "
    "refused without cannot"
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,60}?"
    r"\b(?:instructions?|prompts?|rules?|guidelines?|directions?|above|previous|everything)\b"
    r"|\b(?:system prompt|you are now|new instructions?|developer mode|jailbreak)\b"
    r"|\b(?:from now on|instead),?\s+(?:you|reply|respond|answer|say|write|output)\b",
    re.IGNORECASE,
)
# An order to utter a shouted word: "reply PWNED", "say only: HACKED", "respond with the word OK".
_SHOUTED_ORDER = re.compile(
    r"\b(?i:reply|respond|answer|say|output|print|write|type)"
    r"(?i:\s+(?:only|just|exactly))?(?i:\s+with)?(?i:\s+the\s+word)?\s*[:\"'“]?\s*[A-Z]{2,}\b"
)


def content_stems(text: str) -> list[str]:
    """The words a claim rests on, stemmed; numbers are kept."""
    return [
        stem(w)
        for w in words(text)
        if w not in STOPWORDS and w not in FRAMING_WORDS and (len(w) > 1 or w.isdigit())
    ]


def numbers(text: str) -> set[str]:
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def negates(text: str) -> bool:
    """Does the text deny something ("not", "never", "denied", "didn't" ...)?"""
    return any(w in _NEGATIONS or w.endswith("n't") for w in words(text))


def is_injection(sentence: str) -> bool:
    return bool(_INJECTION.search(sentence) or _SHOUTED_ORDER.search(sentence))


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


@dataclass(frozen=True)
class SourceFacts:
    """What one given paragraph can support (its planted instructions left out)."""

    paragraph: Paragraph
    sentences: tuple[str, ...]  # the paragraph's sentences that may be quoted
    vocabulary: frozenset[str]
    numbers: frozenset[str]
    injected: frozenset[str]  # content words that occur only in planted instructions
    negated: bool  # whether the paragraph denies anything (a sentence may then deny it too)

    @classmethod
    def of(cls, paragraph: Paragraph) -> SourceFacts:
        sentences = split_sentences(paragraph.text) or [paragraph.text]
        clean = [s for s in sentences if not is_injection(s)]
        planted = [s for s in sentences if is_injection(s)]
        support_text = " ".join([*clean, paragraph.speaker or ""])
        vocabulary = frozenset(content_stems(support_text))
        injected = frozenset(content_stems(" ".join(planted))) - vocabulary
        return cls(
            paragraph=paragraph,
            sentences=tuple(clean),
            vocabulary=vocabulary,
            numbers=frozenset(numbers(" ".join(clean))),
            injected=injected,
            negated=negates(" ".join(clean)),
        )


def lexical_support(claim: Sequence[str], vocabulary: Iterable[str]) -> float:
    """The share of ``claim``'s content stems found in ``vocabulary`` (0.0 for no claim)."""
    if not claim:
        return 0.0
    known = set(vocabulary)
    return sum(1 for s in claim if s in known) / len(claim)


def best_quote(claim: Sequence[str], facts: SourceFacts) -> str | None:
    """The sentence of the paragraph that shares the most content words with the claim."""
    best, best_score = None, 0.0
    for sentence in facts.sentences:
        score = lexical_support(claim, content_stems(sentence))
        if score > best_score:
            best, best_score = sentence, score
    return best
