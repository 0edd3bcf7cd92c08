"""Quote a speaker's words whole: a transcript turn cut off with "..." goes on in the next
paragraph, and a quotation attributed mid-paragraph goes on in the next sentence."""

from __future__ import annotations

import re
from dataclasses import replace

from qa_bot.answer.extractive import Scored
from qa_bot.answer.turns import OPEN_QUOTES, split_sentences, strip_label
from qa_bot.store.catalog import Catalog


def with_continuations(chosen: list[Scored], catalog: Catalog) -> list[Scored]:
    """Quote a speaker's words whole: a transcript turn cut off with "..." goes on in the next
    paragraph, and a quotation attributed mid-paragraph (' "...," said X. "At the same time,
    ..." ') goes on in the next sentence."""
    result: list[Scored] = []
    for item in chosen:
        if any(_same(r, item) for r in result):
            continue  # already quoted as the continuation of an earlier sentence
        result.append(item)
        following = _continuation(item, catalog)
        if following is not None and not any(_same(r, following) for r in chosen + result):
            result.append(following)
    return result


def _same(a: Scored, b: Scored) -> bool:
    return a.paragraph == b.paragraph and a.sentence == b.sentence


def _continuation(item: Scored, catalog: Catalog) -> Scored | None:
    sentence = item.sentence.rstrip()
    if sentence.endswith(("...", "…")):
        paragraph = catalog.paragraph_index.get((item.paragraph.doc_id, item.paragraph.number + 1))
        if paragraph is None or not strip_label(paragraph.text).startswith(("...", "…")):
            return None
        return replace(
            item, paragraph=paragraph, sentence=split_sentences(paragraph.text)[0], position=0
        )
    if not _ATTRIBUTED.search(sentence):
        return None
    sentences = split_sentences(item.paragraph.text)
    index = sentences.index(item.sentence) if item.sentence in sentences else -1
    if not 0 <= index < len(sentences) - 1:
        return None
    following = sentences[index + 1]
    # A quotation that says who said it is someone's own, not the rest of this one.
    if following.lstrip().startswith(OPEN_QUOTES) and not _ATTRIBUTED.search(following):
        return replace(item, sentence=following, position=index + 1)
    return None


# A quotation followed by who said it: ' "...," said Jessica Batke, a former official.'
_ATTRIBUTED = re.compile(
    r"[,.!?][\"”]\s+(said|says|added|told)\b|[\"”]\s+\w+(\s+\w+)?\s+(said|says)\b"
)
