"""Who speaks: transcript turns, the speakers a question asks about, and whose words a
sentence gives.

A question may name a speaker ("What did Maya Wang say") or describe one ("the Human Rights
Watch researcher", from the words the text puts before the name). An interviewer's question,
or a turn that introduces the next speaker by name, is answered by the next turn.
"""

from __future__ import annotations

import re

from qa_bot.answer.question import Question
from qa_bot.answer.sayings import attributes, says
from qa_bot.models import Paragraph
from qa_bot.retrieval.hybrid import Hit
from qa_bot.store.catalog import Catalog
from qa_bot.text import sentence_spans, words

OPEN_QUOTES = ('"', "“")

SPEECH = re.compile(
    r"\b(say|says|said|tell|told|think|thinks|thought|react\w*|respond\w*|view|opinion|feel|"
    r"believe|describe\w*|warn\w*|argue\w*|comment\w*|reply|replied|ask|asked|call\w*|"
    r"according|jok\w*|quip\w*|claim\w*|admit\w*|suggest\w*|mention\w*|put it)\b|"
    r"\bper(?=\s+(?-i:[A-Z]))",  # "per Rob Schmitz": his words
    re.I,
)


DESCRIPTION_MATCH = 2  # words of a speaker's description that identify them in a question


def described_speakers(question: Question, hits: list[Hit], catalog: Catalog) -> set[str]:
    """Speakers the question describes instead of naming ("the Human Rights Watch researcher"),
    unless it names a speaker."""
    asked = set(question.terms)
    speakers: dict[str, frozenset[str]] = {}
    for doc_id in {h.chunk.doc_id for h in hits}:
        speakers |= catalog.speaker_terms(doc_id)
    if any(is_asked_speaker(s, question.text) for s in speakers):
        return set()
    return {s for s, terms in speakers.items() if len(terms & asked) >= DESCRIPTION_MATCH}


def is_asked_speaker(speaker: str | None, question: str) -> bool:
    """The question names this transcript speaker (every word of the label, or the surname)."""
    if not speaker:
        return False
    asked = set(words(question))
    names = [w for w in words(speaker) if w not in {"byline", "host"}]
    return bool(names) and (set(names) <= asked or names[-1] in asked)


def split_sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def strip_label(sentence: str) -> str:
    """A transcript sentence without its "SPEAKER: " label."""
    head, sep, rest = sentence.partition(": ")
    if sep and head.isupper() and len(head) <= 40:
        return rest
    return sentence


def gives_words_of(name: str, sentence: str, paragraph: Paragraph) -> bool:
    """The sentence gives ``name``'s words: it says so, or it is a quotation in a paragraph
    that gives them (' "...," said Batke. "At the same time, ..." '), or it goes on with "he"
    or "she" right after a sentence that gives them ('X said ... He added, "..."').
    """
    if attributes(name, sentence):
        return True
    opening = sentence.lstrip()
    if opening.startswith(OPEN_QUOTES):
        return attributes(name, paragraph.text)
    if _GOES_ON.match(opening) and says(opening):
        before = split_sentences(paragraph.text[: paragraph.text.find(opening)])
        return bool(before) and attributes(name, before[-1])
    return False


_GOES_ON = re.compile(r"(He|She)\b")  # the sentence before says who "he" is


def with_replies(hits: list[Hit], catalog: Catalog) -> list[Hit]:
    """A transcript turn that asks a question, or that introduces the next speaker ("here's
    what Maya Wang said"), is answered by the next turn: consider that too (it may share no
    word with the question: "How does China respond?" -> "Beijing weighed in")."""
    extra: list[Hit] = []
    found = {h.chunk.chunk_id for h in hits}
    for hit in hits:
        paragraph = catalog.paragraph(hit.chunk.doc_id, hit.chunk.paragraph_start)
        following = catalog.paragraph_index.get((paragraph.doc_id, paragraph.number + 1))
        if following is None or not leads_to(paragraph, following):
            continue
        for chunk in catalog.paragraph_chunks.get((following.doc_id, following.number), []):
            if chunk.chunk_id not in found:
                found.add(chunk.chunk_id)
                extra.append(Hit(chunk, hit.score, hit.dense, 0.0))
    return [*hits, *extra]


def leads_to(paragraph: Paragraph, following: Paragraph) -> bool:
    """Is ``following`` the reply to the question ``paragraph`` asks, or the turn it
    introduces by its speaker's name?"""
    if paragraph.role != "turn" or following.role != "turn":
        return False
    return paragraph.text.rstrip().endswith("?") or _introduces(paragraph, following)


def _introduces(paragraph: Paragraph, following: Paragraph) -> bool:
    if not following.speaker or following.speaker == paragraph.speaker:
        return False
    last = split_sentences(paragraph.text)[-1] if paragraph.text.strip() else ""
    name = r"\s+".join(re.escape(w) for w in following.speaker.split())
    return bool(re.search(rf"\b{name}\b", last, re.I))  # "MARY O'NEIL" / "Mary O'Neil"
