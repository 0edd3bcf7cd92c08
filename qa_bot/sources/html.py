"""HTML -> plain text with the standard library's ``html.parser``.

The text rendition is what a ``.html`` document's ``raw_text`` holds, so paragraph spans refer
to it. Rules: the content of script, style, noscript, template (and of the invisible head,
title, svg, iframe, object, canvas) is dropped; block elements (p, div, headings, list items,
table rows ...) start a new line, with a blank line between blocks; ``<br>`` is a line break;
list items start with "• " so that menus look like the bullet lists they are; runs of
whitespace inside text collapse to one space (kept verbatim inside ``<pre>``); entities and
character references are decoded. The spans of link text (``<a href>``) are recorded so the
cleaner can measure link density.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from qa_bot.cleaning.lexicon import word_set

_DROPPED = word_set("script style noscript template head title svg iframe object canvas")
_BLOCKS = word_set(
    """address article aside blockquote body dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p pre section
    summary table tbody thead tfoot tr ul caption"""
)
_CELLS = frozenset({"td", "th"})
_BULLET = "• "


@dataclass(frozen=True)
class HtmlText:
    """The text rendition of a page and the spans of its link text."""

    text: str
    link_spans: tuple[tuple[int, int], ...]


def html_to_text(markup: str) -> HtmlText:
    """Render ``markup`` as text (see the module docstring for the rules)."""
    renderer = _Renderer()
    renderer.feed(markup)
    renderer.close()
    return renderer.result()


class _Renderer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._out: list[str] = []
        self._length = 0
        self._dropped = 0  # depth inside dropped elements
        self._pre = 0
        self._anchor_start: int | None = None
        self._links: list[tuple[int, int]] = []

    # -- output -----------------------------------------------------------------------------
    def _tail(self, size: int) -> str:
        return "".join(self._out[-3:])[-size:]

    def _write(self, piece: str) -> None:
        if piece:
            self._out.append(piece)
            self._length += len(piece)

    def _trim_trailing_spaces(self) -> None:
        while self._out and self._out[-1].endswith((" ", "\t")):
            last = self._out.pop()
            self._length -= len(last)
            self._write(last.rstrip(" \t"))
            if last.rstrip(" \t"):
                break

    def _break(self, lines: int) -> None:
        """End the current line; ``lines=2`` leaves a blank line (a block boundary)."""
        self._trim_trailing_spaces()
        if not self._out:
            return
        present = len(self._tail(2)) - len(self._tail(2).rstrip("\n"))
        self._write("\n" * max(0, lines - present))

    # -- parser events ----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._dropped += 1
        elif self._dropped:
            return
        elif tag == "br":
            self._break(1)
        elif tag in _BLOCKS:
            self._break(2)
            self._pre += tag == "pre"
            if tag == "li":
                self._write(_BULLET)
        elif tag in _CELLS and not self._tail(1).endswith("\n"):
            self._write(" ")
        elif tag == "a" and dict(attrs).get("href"):
            self._anchor_start = self._length

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _DROPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self._dropped = max(0, self._dropped - 1)
        elif self._dropped:
            return
        elif tag in _BLOCKS:
            self._pre = max(0, self._pre - (tag == "pre"))
            self._break(2)
        elif tag == "a" and self._anchor_start is not None:
            if self._length > self._anchor_start:
                self._links.append((self._anchor_start, self._length))
            self._anchor_start = None

    def handle_data(self, data: str) -> None:
        if self._dropped or not data:
            return
        if not self._pre:
            core = " ".join(data.split())
            lead = " " if data[0].isspace() else ""
            trail = " " if data[-1].isspace() and core else ""
            data = lead + core + trail
            if data.startswith(" ") and self._tail(1) in ("", "\n", " "):
                data = data[1:]
        self._write(data)

    def result(self) -> HtmlText:
        text = "".join(self._out)
        stripped = text.rstrip()
        lead = len(text) - len(text.lstrip())
        links = tuple(
            (max(0, a - lead), min(len(stripped), b) - lead) for a, b in self._links if b > lead
        )
        return HtmlText(stripped[lead:], links)
