"""HTML for the chat: replies, the Sources panel, the source viewer and status notes.

Every piece of text that comes from a user or a source is escaped here with ``html.escape``
before it is put into markup, so a question or a paragraph holding ``<script>`` or
``<img onerror=...>`` is shown as text and never parsed. The chat renders these strings as
HTML with Markdown switched off (see ``qa_bot.chat.app``), so Markdown syntax in a source
(``![x](http://...)``) cannot turn into an image request either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from qa_bot.models import Answer, Citation, DocumentMeta, Paragraph

MAX_SHOWN_QUESTION = 600  # characters of a (possibly huge) question echoed in the chat
EMPTY_SOURCES = '<p class="qa-empty">The sources of the latest reply appear here.</p>'
SEARCHING_SOURCES = '<p class="qa-empty">Searching the documents…</p>'
NO_SOURCES = '<p class="qa-empty">No sources for this reply.</p>'
EMPTY_VIEWER = '<p class="qa-empty">Open a cited source to read it here.</p>'
_MARKER = re.compile(r"\[(\d+)\]")

CSS = """
.qa-marker { font-weight: 600; color: var(--color-accent); }
.qa-searched { font-size: 0.85em; opacity: 0.75; font-style: italic; margin-bottom: 0.4em; }
.qa-abstain { font-style: italic; }
.qa-notice { color: var(--body-text-color-subdued); }
.qa-notice-label { font-weight: 600; }
.qa-empty { opacity: 0.7; font-style: italic; }
.qa-source { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 0.5em 0.7em; margin-bottom: 0.6em; }
.qa-source-head { font-weight: 600; }
.qa-source-meta { font-size: 0.85em; opacity: 0.8; }
.qa-source-text { margin: 0.3em 0; }
.qa-source mark, .qa-viewer mark { background: #fde68a; color: #111; padding: 0 2px; }
.qa-open { font-size: 0.85em; text-decoration: underline; cursor: pointer;
  background: none; border: none; padding: 0; color: var(--link-text-color); }
.qa-viewer { max-height: 460px; overflow-y: auto; padding-right: 0.4em; }
.qa-para { padding: 0.25em 0.4em; margin: 0.2em 0; border-left: 3px solid transparent; }
.qa-para.qa-cited { border-left-color: #f59e0b; background: rgba(253, 230, 138, 0.25); }
.qa-pnum { display: inline-block; min-width: 2.2em; opacity: 0.6; font-size: 0.85em; }
.qa-speaker { font-weight: 600; }
.qa-status { font-size: 0.9em; opacity: 0.85; }
"""


def esc(text: object) -> str:
    """Text as HTML text (quotes escaped too, so it is also safe inside attributes)."""
    return escape(str(text), quote=True)


def question_html(question: str) -> str:
    """The user's turn as shown in the chat (a huge question is cut short for display)."""
    if len(question) <= MAX_SHOWN_QUESTION:
        return esc(question)
    shown = esc(question[:MAX_SHOWN_QUESTION])
    return f"{shown}… <em>({len(question):,} characters in all)</em>"


def markers_html(escaped: str, known: Iterable[int] | None = None) -> str:
    """Wrap ``[n]`` markers of already-escaped text in a span (only known markers if given)."""
    wanted = None if known is None else set(known)

    def wrap(match: re.Match[str]) -> str:
        if wanted is not None and int(match.group(1)) not in wanted:
            return match.group(0)
        return f'<span class="qa-marker">{match.group(0)}</span>'

    return _MARKER.sub(wrap, escaped)


def streaming_html(partial: str) -> str:
    """A reply while it is being produced."""
    return f'<div class="qa-streaming">{markers_html(esc(partial))} ▍</div>'


def reply_html(answer: Answer) -> str:
    """A finished reply: the searched question (when it differs), the answer with markers."""
    parts: list[str] = []
    if _differs(answer.standalone_question, answer.question):
        parts.append(
            f'<div class="qa-searched">Searched for: {esc(answer.standalone_question)}</div>'
        )
    if answer.abstained:
        parts.append(f'<div class="qa-abstain">{esc(answer.answer)}</div>')
    else:
        markers = [c.marker for c in answer.citations]
        parts.append(f'<div class="qa-answer">{markers_html(esc(answer.answer), markers)}</div>')
    return "".join(parts)


def notice_html(message: str) -> str:
    """A refused question (``BadInput``) or a failure, shown as the bot's reply."""
    return (
        '<div class="qa-notice"><span class="qa-notice-label">Cannot answer that:</span> '
        f"{esc(message)}</div>"
    )


def upload_notice_html(message: str) -> str:
    """An upload that was refused as a whole (another writer, too many files)."""
    return (
        '<div class="qa-notice"><span class="qa-notice-label">Not added:</span> '
        f"{esc(message)}</div>"
    )


def _differs(standalone: str, question: str) -> bool:
    def norm(text: str) -> str:
        return " ".join(text.lower().split()).rstrip("?.! ")

    return bool(standalone) and norm(standalone) != norm(question)


def highlight(text: str, quotes: Sequence[str]) -> str:
    """Escaped ``text`` with every occurrence of each quote wrapped in ``<mark>``."""
    spans = sorted(
        (match.start(), match.end())
        for quote in quotes
        if quote.strip()
        for match in re.finditer(re.escape(quote.strip()), text)
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    out: list[str] = []
    cursor = 0
    for start, end in merged:
        out.append(esc(text[cursor:start]))
        out.append(f"<mark>{esc(text[start:end])}</mark>")
        cursor = end
    out.append(esc(text[cursor:]))
    return "".join(out)


def document_label(meta: DocumentMeta | None, doc_id: str) -> str:
    """Plain text: 'Title — Publisher' (falling back to the file name)."""
    if meta is None:
        return doc_id
    title = meta.title or meta.filename
    return f"{title} — {meta.publisher}" if meta.publisher else title


def cite_ref(source: str, paragraph: int) -> str:
    return f"{source}#{paragraph}"


def parse_cite_ref(ref: str) -> tuple[str, int | None]:
    source, _, number = ref.rpartition("#")
    if not source or not number.isdigit():
        return ref, None
    return source, int(number)


def sources_html(answer: Answer | None, metas: Mapping[str, DocumentMeta]) -> str:
    """The Sources panel for the latest reply."""
    if answer is None:
        return EMPTY_SOURCES
    if answer.abstained or not answer.citations:
        return (
            '<p class="qa-empty">No sources: the documents do not answer this question, '
            "so nothing is cited.</p>"
        )
    cards = [_source_card(c, metas.get(c.source)) for c in answer.citations]
    return '<div class="qa-sources">' + "".join(cards) + "</div>"


def _source_card(citation: Citation, meta: DocumentMeta | None) -> str:
    title = esc(meta.title or meta.filename) if meta else esc(citation.source)
    publisher = f" · {esc(meta.publisher)}" if meta and meta.publisher else ""
    details = [f"paragraph {citation.paragraph}"]
    if citation.speaker:
        details.append(f"speaker: {esc(citation.speaker)}")
    ref = esc(cite_ref(citation.source, citation.paragraph))
    quoted = highlight(citation.text, citation.quotes)
    return (
        f'<div class="qa-source" data-marker="{citation.marker}">'
        f'<div class="qa-source-head"><span class="qa-marker">[{citation.marker}]</span> '
        f"{title}{publisher}</div>"
        f'<div class="qa-source-meta">{" · ".join(details)}</div>'
        f'<blockquote class="qa-source-text">{quoted}</blockquote>'
        f'<button class="qa-open" data-cite="{ref}">Open in source viewer</button>'
        "</div>"
    )


def viewer_html(
    meta: DocumentMeta | None,
    paragraphs: Sequence[Paragraph],
    cited: int | None = None,
    quotes: Sequence[str] = (),
) -> str:
    """One document as its cleaned, numbered paragraphs; the cited one highlighted."""
    if not paragraphs:
        return EMPTY_VIEWER
    doc_id = paragraphs[0].doc_id
    head = f"<h3>{esc(document_label(meta, doc_id))}</h3>"
    if meta is not None:
        facts = [meta.date or "", ", ".join(meta.authors), meta.filename]
        head += f'<div class="qa-source-meta">{esc(" · ".join(f for f in facts if f))}</div>'
    rows = [_paragraph_row(p, p.number == cited, quotes) for p in paragraphs]
    return f'<div class="qa-viewer" data-doc="{esc(doc_id)}">{head}{"".join(rows)}</div>'


def _paragraph_row(paragraph: Paragraph, is_cited: bool, quotes: Sequence[str]) -> str:
    text = highlight(paragraph.text, quotes) if is_cited else esc(paragraph.text)
    speaker = ""
    # Transcript turns usually start with their speaker label already; add it only if not.
    if paragraph.speaker and paragraph.speaker.lower() not in paragraph.text[:80].lower():
        speaker = f'<span class="qa-speaker">{esc(paragraph.speaker)}:</span> '
    css = "qa-para qa-cited" if is_cited else "qa-para"
    return (
        f'<div class="{css}" id="qa-p-{paragraph.number}">'
        f'<span class="qa-pnum">¶{paragraph.number}</span>{speaker}{text}</div>'
    )


def status_html(backend: str, documents: int) -> str:
    noun = "document" if documents == 1 else "documents"
    return (
        f'<div class="qa-status">Answer backend: <b>{esc(backend)}</b> · '
        f"<b>{documents}</b> {noun} loaded</div>"
    )


def upload_report_html(
    added: Sequence[str], updated: Sequence[str], skipped: Sequence[tuple[str, str]]
) -> str:
    """What an upload changed, and each rejected file with its reason."""
    lines: list[str] = []
    if added:
        lines.append(f"Added: {esc(', '.join(added))}")
    if updated:
        lines.append(f"Updated: {esc(', '.join(updated))}")
    if not added and not updated:
        lines.append("No new documents.")
    html = "".join(f"<div>{line}</div>" for line in lines)
    if skipped:
        items = "".join(f"<li><b>{esc(name)}</b>: {esc(reason)}</li>" for name, reason in skipped)
        html += f'<div class="qa-notice">Rejected:<ul class="qa-rejected">{items}</ul></div>'
    return html
