"""Quote a speaker's words whole: a transcript turn cut off with "..." goes on in the next
paragraph, and a quotation attributed mid-paragraph goes on in the next sentence."""

from __future__ import annotations

import re
from dataclasses import replace

from qa_bot.answer.extractive import Scored
from qa_bot.answer.turns import OPEN_QUOTES, split_sentences, strip_label
from qa_bot.models import Paragraph
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
        for following in _continuation(item, catalog):
            if not any(_same(r, following) for r in chosen + result):
                result.append(following)
    return result


def _same(a: Scored, b: Scored) -> bool:
    return a.paragraph == b.paragraph and a.sentence == b.sentence


MAX_CONTINUED = 2  # sentences of a turn after the chosen one, quoted to reach its "..."


def _continuation(item: Scored, catalog: Catalog) -> list[Scored]:
    sentences = split_sentences(item.paragraph.text)
    index = sentences.index(item.sentence) if item.sentence in sentences else -1
    rest = sentences[index + 1 :] if index >= 0 else []
    turn_goes_on = _goes_on(item, catalog)
    if turn_goes_on is not None and len(rest) <= MAX_CONTINUED:
        # The turn is cut off with "..." and goes on in the next paragraph: quote it through.
        tail = [replace(item, sentence=s, position=index + 1 + i) for i, s in enumerate(rest)]
        first = split_sentences(turn_goes_on.text)[0]
        return [*tail, replace(item, paragraph=turn_goes_on, sentence=first, position=0)]
    if not rest or not _ATTRIBUTED.search(item.sentence):
        return []
    # A quotation that says who said it is someone's own, not the rest of this one.
    if rest[0].lstrip().startswith(OPEN_QUOTES) and not _ATTRIBUTED.search(rest[0]):
        return [replace(item, sentence=rest[0], position=index + 1)]
    return []


def _goes_on(item: Scored, catalog: Catalog) -> Paragraph | None:
    """The next paragraph, if this turn ends with "..." and that one takes it up."""
    paragraph = item.paragraph
    following = catalog.paragraph_index.get((paragraph.doc_id, paragraph.number + 1))
    if not paragraph.text.rstrip().endswith(("...", "…")) or following is None:
        return None
    if following.speaker != paragraph.speaker:
        return None
    return following if strip_label(following.text).startswith(("...", "…")) else None


# A quotation followed by who said it: ' "...," said Jessica Batke, a former official.'
_ATTRIBUTED = re.compile(
    r"[,.!?][\"”]\s+(said|says|added|told)\b|[\"”]\s+\w+(\s+\w+)?\s+(said|says)\b"
)
