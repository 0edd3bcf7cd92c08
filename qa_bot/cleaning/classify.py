"""Context-free classification of each line (the first, jusText-like pass).

Kinds, in the order the tests are applied:

- ``turn``: opens with a transcript speaker label (always story text once inside the story).
- ``bad`` (repeat): the same text already appeared above (repeated teasers, duplicated captions).
- ``caption``: carries a photo credit ("Photo / X", "Getty Images"), or is a sentence of six or
  more words repeated right after itself (pages print a caption twice: under the image and in
  the image's alt text).
- ``marker``: an end-of-story marker (copyright notice, "Written by:" credits).
- ``related``: a heading that opens a box of other stories ("Latest from World", "Discover more").
- ``bad``: date/time-only lines, breadcrumbs, embedded-post attributions, markdown images,
  link lines (link density >= 0.5), short bullet items (menus), long lines with almost no
  function words (glued menus), chrome prompts dense in chrome phrases.
- ``widget``: a button or label of at most four chrome words ("Advertisement", "Save").
- ``good``: at least 70 characters with stopword density >= 0.25 (prose).
- ``near``: at least 70 characters with stopword density >= 0.15.
- ``near`` also: a complete sentence of six or more words under 70 characters with stopword
  density >= 0.25 ("It has been a long wait.").
- ``short``: fewer than 70 characters; decided later from its neighbours.
- ``widget`` also: lines without any word (separators such as "---").
- Text repeated elsewhere in the page that is short (teaser titles, section labels) is ``bad``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from qa_bot.cleaning.lexicon import RELATED_HEADING
from qa_bot.cleaning.lines import Line
from qa_bot.cleaning.shapes import (
    end_marker_start,
    has_caption_credit,
    is_attribution,
    is_breadcrumb,
    is_chrome_prose,
    is_date_line,
    is_sentence,
    is_widget,
)
from qa_bot.cleaning.speakers import parse_label

GOOD, NEAR, SHORT, BAD, WIDGET = "good", "near", "short", "bad", "widget"
TURN, CAPTION, MARKER, RELATED = "turn", "caption", "marker", "related"
HEADLINE, BYLINE = "headline", "byline"

LENGTH_LOW = 70  # characters: shorter lines are judged by their neighbours
STOPWORDS_GOOD = 0.25
STOPWORDS_NEAR = 0.15
LINK_DENSITY_MAX = 0.5
SENTENCE_MIN_WORDS = 6  # a short line that is a full sentence this long counts as near-good
BULLET_PROSE_WORDS = 8  # a bullet item this long and sentence-shaped is story text


def classify(lines: list[Line]) -> None:
    """Set ``kind`` and ``reason`` on every line."""
    _mark_copies(lines)
    for position, line in enumerate(lines):
        following = lines[position + 1] if position + 1 < len(lines) else None
        line.kind, line.reason = _classify_line(line, following)


def _mark_copies(lines: list[Line]) -> None:
    counts = Counter(line.text.casefold() for line in lines)
    seen: set[str] = set()
    for line in lines:
        key = line.text.casefold()
        line.copies = counts[key]
        line.earlier_copy = key in seen
        seen.add(key)


def _classify_line(line: Line, following: Line | None) -> tuple[str, str]:
    if parse_label(line.text) is not None:
        return TURN, "speaker label"
    if not line.tokens:
        return WIDGET, "no words"  # separators such as "---" or "* * *": no evidence
    if line.n_words <= 8 and RELATED_HEADING.match(line.text):
        return RELATED, "related-stories heading"
    if is_widget(line):
        return WIDGET, "widget"
    if line.earlier_copy:
        return BAD, "repeat"
    doubled = following is not None and following.text.casefold() == line.text.casefold()
    if has_caption_credit(line) or (doubled and line.n_words >= 6 and is_sentence(line)):
        return CAPTION, "photo credit" if has_caption_credit(line) else "doubled"
    if end_marker_start(line) is not None:
        return MARKER, "end marker"
    reason = _chrome_reason(line)
    if reason:
        return BAD, reason
    return _prose_kind(line)


def _chrome_reason(line: Line) -> str:
    """Why a line is page chrome regardless of context ('' when it is not)."""
    checks: tuple[tuple[str, Callable[[Line], bool]], ...] = (
        ("date line", is_date_line),
        ("breadcrumb", is_breadcrumb),
        ("embed attribution", is_attribution),
        ("image", lambda ln: ln.image),
        ("links", lambda ln: ln.link_density >= LINK_DENSITY_MAX),
        ("menu item", lambda ln: ln.bullet and not _is_bullet_prose(ln)),
        ("chrome prompt", is_chrome_prose),
    )
    return next((reason for reason, check in checks if check(line)), "")


def _is_bullet_prose(line: Line) -> bool:
    return line.n_words >= BULLET_PROSE_WORDS and is_sentence(line)


def _prose_kind(line: Line) -> tuple[str, str]:
    if len(line.text) < LENGTH_LOW:
        if line.copies > 1:
            return BAD, "repeated short line"
        if (
            line.n_words >= SENTENCE_MIN_WORDS
            and line.stop_density >= STOPWORDS_GOOD
            and is_sentence(line)
        ):
            return NEAR, "short sentence"
        return SHORT, "short"
    if line.stop_density >= STOPWORDS_GOOD:
        return GOOD, "prose"
    if line.stop_density >= STOPWORDS_NEAR:
        return NEAR, "near prose"
    return BAD, "few function words"


def relax(lines: list[Line], *, sentences_only: bool) -> bool:
    """Promote near and short lines to good (for tiny documents); True if any changed."""
    changed = False
    for line in lines:
        if line.kind not in (NEAR, SHORT) or line.n_words < 2:
            continue
        if is_sentence(line) or not sentences_only:
            line.kind, line.reason = GOOD, "relaxed"
            changed = True
    return changed
