"""Numbered, verbatim paragraphs with raw spans and transcript speakers.

Invariant (tested for every paragraph): ``collapse_whitespace(raw_text[start:end]) == text``.

Speaker rules, applied only to transcripts (two or more distinct speaker labels; a single
label such as a dateline "WASHINGTON:" does not make a transcript):

- a paragraph opening with a label ("INSKEEP:", "ROB SCHMITZ, BYLINE:") is a turn of that
  speaker (the role after the comma is dropped: "ROB SCHMITZ"); the text keeps the label;
- an unlabeled body paragraph after a turn continues that speaker's turn;
- unlabeled paragraphs before the first label have no speaker;
- headline, byline and caption paragraphs never carry a speaker and do not end a turn;
- an upper-case stage direction in brackets ("(SOUNDBITE OF ARCHIVED RECORDING)") is not
  speech: it has no speaker and ends the turn (what follows it unlabeled has no speaker).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa_bot.cleaning import Segment, parse_label
from qa_bot.models import Paragraph, ParagraphRole
from qa_bot.text import collapse_whitespace

_STAGE_DIRECTION = re.compile(r"^[(\[][^a-z()\[\]]*[)\]]\.?$")  # "(SOUNDBITE OF MUSIC)"
_NOT_SPOKEN: frozenset[ParagraphRole] = frozenset({"headline", "byline", "caption"})


def build_paragraphs(
    doc_id: str, raw_text: str, segments: Sequence[Segment]
) -> tuple[Paragraph, ...]:
    """Number the kept segments 1..n in document order and assign roles and speakers."""
    ordered = sorted(segments, key=lambda segment: segment.start)
    texts = [collapse_whitespace(raw_text[s.start : s.end]) for s in ordered]
    labels = [
        parse_label(text) if s.role != "caption" else None
        for s, text in zip(ordered, texts, strict=True)
    ]
    transcript = len({label.speaker for label in labels if label}) >= 2
    paragraphs: list[Paragraph] = []
    speaker: str | None = None
    for number, (segment, text, label) in enumerate(zip(ordered, texts, labels, strict=True), 1):
        role: ParagraphRole = segment.role
        if role in _NOT_SPOKEN:
            turn_speaker = None
        elif transcript and not label and _STAGE_DIRECTION.match(text):
            role, turn_speaker, speaker = "body", None, None
        elif transcript and (label or speaker):
            speaker = label.speaker if label else speaker
            role, turn_speaker = "turn", speaker
        else:
            role, turn_speaker = "body", None
        paragraphs.append(
            Paragraph(doc_id, number, text, segment.start, segment.end, role, turn_speaker)
        )
    return tuple(paragraphs)
