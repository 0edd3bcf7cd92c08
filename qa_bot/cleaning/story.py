"""Find the story among the classified lines and decide, in context, which lines are kept.

See the package docstring (qa_bot/cleaning/__init__.py) for the rules, in order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from qa_bot.cleaning.classify import (
    BAD,
    BYLINE,
    CAPTION,
    GOOD,
    HEADLINE,
    NEAR,
    RELATED,
    SHORT,
    TURN,
    WIDGET,
    classify,
    relax,
)
from qa_bot.cleaning.lexicon import BIO_VERBS
from qa_bot.cleaning.lines import Line, Span, split_lines
from qa_bot.cleaning.shapes import (
    byline_names,
    end_marker_start,
    is_chrome_prose,
    is_headline_shaped,
    is_sentence,
)
from qa_bot.cleaning.speakers import byline_speakers
from qa_bot.models import ParagraphRole

HEAD_WINDOW = 40  # lines above the first story paragraph searched for the headline and byline
BYLINE_BELOW = 3  # lines below the first story paragraph where a byline may still sit
SKIPPED = frozenset({SHORT, NEAR, WIDGET})  # not evidence either way when reading context
STORYLIKE = frozenset({GOOD, TURN, CAPTION, HEADLINE, BYLINE})
HEADLINE_BAD_REASONS = frozenset({"repeated short line", "few function words"})
_ROLES: dict[str, ParagraphRole] = {
    HEADLINE: "headline",
    BYLINE: "byline",
    CAPTION: "caption",
    TURN: "turn",
}


@dataclass(frozen=True)
class Segment:
    """One kept paragraph: its raw span and role (speakers are assigned by paragraphs.py)."""

    start: int
    end: int
    role: ParagraphRole


@dataclass
class CleanedText:
    """The kept segments plus the landmarks metadata is read from."""

    lines: list[Line]
    segments: list[Segment] = field(default_factory=list)
    headline: Line | None = None
    byline: Line | None = None
    story_start: Line | None = None  # the first story paragraph after the head
    end_marker: Line | None = None  # the line that ended the story (kept or not)
    authors: list[str] = field(default_factory=list)

    def head_lines(self) -> list[Line]:
        """Lines from the headline to the first story paragraph (dateline, publisher ...)."""
        if self.story_start is None:
            return []
        first = self.headline.index if self.headline else self.story_start.index
        return self.lines[first : self.story_start.index]


def clean_text(text: str, link_spans: Sequence[Span] = ()) -> CleanedText:
    """Separate the story from page chrome; ``link_spans`` are HTML anchor spans, if any."""
    lines = split_lines(text, link_spans)
    classify(lines)
    start = _story_start(lines)
    for sentences_only in (True, False):
        if start is None and relax(lines, sentences_only=sentences_only):
            start = _story_start(lines)
    if start is None:
        return CleanedText(lines)
    result = CleanedText(lines, story_start=lines[start])
    result.byline, result.headline = _find_head(lines, start)
    result.authors = byline_names(result.byline.text) if result.byline else []
    spoken = [line.text for line in lines[start:] if line.kind == TURN]
    result.authors += [n for n in byline_speakers(spoken) if n not in result.authors]
    end, result.end_marker = _find_end(lines, start, result.authors)
    first = result.headline.index if result.headline else start
    tail = GOOD if result.end_marker is not None else BAD
    _drop_related_boxes(lines, first, end, tail)
    for landmark, kind in ((result.headline, HEADLINE), (result.byline, BYLINE)):
        if landmark is not None:
            landmark.kind = kind
    result.segments = [
        Segment(line.start, line.end, _ROLES.get(line.kind, "body"))
        for line in lines[first:end]
        if _kept(lines, line, first, end, tail)
    ]
    return result


def _neighbour(
    lines: list[Line],
    index: int,
    step: int,
    bounds: tuple[int, int],
    edge: str,
    skipped: Collection[str] = SKIPPED,
) -> str:
    """Kind of the nearest line in ``step`` direction that is evidence (``edge`` past bounds)."""
    position = index + step
    while bounds[0] <= position < bounds[1]:
        if lines[position].kind not in skipped:
            return lines[position].kind
        position += step
    return edge


def _story_start(lines: list[Line]) -> int | None:
    """The first good line (or turn) whose next piece of evidence is good too."""
    candidates = [line.index for line in lines if line.kind in (GOOD, TURN)]
    for index in candidates:
        after = _neighbour(lines, index, 1, (0, len(lines)), BAD, SKIPPED | {CAPTION, RELATED})
        if after in (GOOD, TURN):
            return index
    return candidates[0] if candidates else None


def _find_head(lines: list[Line], start: int) -> tuple[Line | None, Line | None]:
    """(byline, headline): searched upwards from the story start, never past earlier prose."""
    window: list[Line] = []
    for line in reversed(lines[max(0, start - HEAD_WINDOW) : start]):
        if line.kind in (GOOD, TURN):
            break
        window.append(line)
    below = [ln for ln in lines[start + 1 : start + 1 + BYLINE_BELOW] if ln.kind == SHORT]
    byline = next((ln for ln in window + below if byline_names(ln.text)), None)
    candidates = [
        line
        for line in window
        if (byline is None or line.index < byline.index)
        and (line.kind in (SHORT, NEAR) or line.reason in HEADLINE_BAD_REASONS)
        and is_headline_shaped(line)
    ]
    if byline is None:  # a markdown heading, else a line set apart by blank lines
        block_sizes = Counter(line.block for line in lines)
        alone = [c for c in candidates if block_sizes[c.block] == 1]
        candidates = [c for c in candidates if c.heading] or alone or candidates
    return byline, (candidates[0] if candidates else None)


def _find_end(lines: list[Line], start: int, authors: list[str]) -> tuple[int, Line | None]:
    """(end index, marker line): the story stops at a copyright notice, credits or author bio.

    A marker line that carries story text before the notice (a transcript turn ending in
    "Copyright X") is kept as the story's last paragraph.
    """
    for line in lines[start:]:
        if line.kind == CAPTION:
            continue
        offset = end_marker_start(line)
        if offset is not None:
            keep = line.kind == TURN or (offset > 0 and not is_chrome_prose(line))
            if keep and line.kind != TURN:
                line.kind, line.reason = GOOD, "story text before end marker"
            return line.index + int(keep), line
        if line.index > start and _is_author_bio(line, authors):
            return line.index, line
    return len(lines), None


def _is_author_bio(line: Line, authors: list[str]) -> bool:
    text = line.text
    return any(
        text.lower().startswith(name.lower()) and bool(BIO_VERBS.match(text[len(name) :]))
        for name in authors
    )


def _drop_related_boxes(lines: list[Line], first: int, end: int, tail: str) -> None:
    """A related-stories heading drops what follows until two story paragraphs in a row.

    Only widgets and captions may sit between the two: teaser boxes alternate titles (short
    lines) with one-sentence summaries, so they never hold two good lines in a row.
    """
    inside = False
    for line in lines[first:end]:
        if line.kind == RELATED:
            inside = True
        elif inside:
            after = _neighbour(lines, line.index, 1, (first, end), tail, (WIDGET, CAPTION))
            if line.kind in (GOOD, TURN) and after in (GOOD, TURN):
                inside = False
            else:
                line.kind, line.reason = BAD, "related box"


def _kept(lines: list[Line], line: Line, first: int, end: int, tail: str) -> bool:
    """Context rules: near-good needs one story-like neighbour, a short sentence needs two."""
    if line.kind in STORYLIKE:
        return True
    if line.kind not in (NEAR, SHORT):
        return False
    before = _neighbour(lines, line.index, -1, (first, end), BAD)
    after = _neighbour(lines, line.index, 1, (first, end), tail)
    if line.kind == NEAR:
        return before in STORYLIKE or after in STORYLIKE
    return is_sentence(line) and before in STORYLIKE and after in STORYLIKE
