"""The chat's event handlers as plain functions of (bot, inputs) -> outputs.

Nothing here imports Gradio: ``qa_bot.chat.app`` wires these functions to components, and
tests call them directly. A session's conversation is a list of ``Turn`` kept in a per-session
``gr.State``; handlers never mutate it, they return a new list.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from qa_bot.chat import render
from qa_bot.chat.feedback import FeedbackLog, feedback_record, rating_of
from qa_bot.errors import BadInput, QABotError
from qa_bot.models import Answer, DocumentMeta, Paragraph
from qa_bot.settings import Settings

log = logging.getLogger(__name__)

INTERNAL_ERROR = "something went wrong while answering; the details are in the server log"
Message = dict[str, str]
ChatUpdate = tuple[list[Message], "Session", str]
ProgressFn = Callable[[str, int, int], None]


class ChatBot(Protocol):
    """What the chat needs from ``qa_bot.service.QABot`` (tests pass a small fake)."""

    settings: Settings

    @property
    def backend(self) -> str: ...

    def stream(self, question: str, history: Sequence[tuple[str, str]] = ...) -> Iterator[Any]: ...

    def ask(self, question: str, history: Sequence[tuple[str, str]] = ...) -> Answer: ...

    def add_files(self, paths: Sequence[Path], progress: Any = ...) -> Any: ...

    def status(self) -> dict[str, int]: ...

    def documents(self) -> list[DocumentMeta]: ...

    def paragraphs(self, doc_id: str) -> list[Paragraph]: ...


@dataclass(frozen=True)
class Turn:
    """One question and the reply shown for it (``answer`` is None when it was refused)."""

    question: str
    reply: str  # HTML shown in the chat
    answer: Answer | None = None
    notice: str | None = None  # the plain message of a refused question or a failure


Session = list[Turn]


# -- the conversation ---------------------------------------------------------------------------
def history_pairs(session: Session) -> list[tuple[str, str]]:
    """Earlier answered turns as ``(question, answer)`` pairs for follow-up resolution."""
    return [(t.question, t.answer.answer) for t in session if t.answer is not None]


def chat_messages(session: Session, pending: tuple[str, str] | None = None) -> list[Message]:
    """The Chatbot value (messages format): two messages per turn, user then assistant."""
    messages: list[Message] = []
    turns = [(t.question, t.reply) for t in session]
    if pending is not None:
        turns.append(pending)
    for question, reply in turns:
        messages.append({"role": "user", "content": render.question_html(question)})
        messages.append({"role": "assistant", "content": reply})
    return messages


def respond(bot: ChatBot, question: str, session: Session) -> Iterator[ChatUpdate]:
    """Stream the reply to ``question``; the last update holds the finished turn and sources."""
    question = question or ""
    yield (
        chat_messages(session, (question, render.streaming_html(""))),
        session,
        render.SEARCHING_SOURCES,
    )
    try:
        answer: Answer | None = None
        partial = ""
        for event in bot.stream(question, history_pairs(session)):
            if isinstance(event, Answer):
                answer = event
                break
            partial += str(event)
            pending = (question, render.streaming_html(partial))
            yield chat_messages(session, pending), session, render.SEARCHING_SOURCES
        if answer is None:
            raise RuntimeError("the answer stream ended without an Answer")
        turn = Turn(question, render.reply_html(answer), answer)
    except QABotError as exc:
        turn = Turn(question, render.notice_html(str(exc)), None, str(exc))
    except Exception:
        log.exception("answering %r failed", question[:200])
        turn = Turn(question, render.notice_html(INTERNAL_ERROR), None, INTERNAL_ERROR)
    session = [*session, turn]
    yield chat_messages(session), session, sources_for(bot, turn)


def sources_for(bot: ChatBot, turn: Turn) -> str:
    if turn.answer is None:
        return render.NO_SOURCES
    return render.sources_html(turn.answer, document_metas(bot))


def clear_chat() -> tuple[list[Message], Session, str, str]:
    """Chat, session, Sources panel and viewer back to empty."""
    return [], [], render.EMPTY_SOURCES, render.EMPTY_VIEWER


def latest_answer(session: Session) -> Answer | None:
    return session[-1].answer if session else None


# -- sources and the viewer ---------------------------------------------------------------------
def document_metas(bot: ChatBot) -> dict[str, DocumentMeta]:
    return {meta.doc_id: meta for meta in bot.documents()}


def document_choices(bot: ChatBot) -> list[tuple[str, str]]:
    """(label, doc_id) for every loaded document, by label."""
    metas = document_metas(bot).values()
    return sorted((render.document_label(m, m.doc_id), m.doc_id) for m in metas)


def view_citation(bot: ChatBot, ref: str, session: Session) -> str:
    """The viewer opened at a cited paragraph (``ref`` is ``doc_id#paragraph``)."""
    doc_id, number = render.parse_cite_ref(ref or "")
    return _viewer(bot, doc_id, number, session)


def open_document(bot: ChatBot, doc_id: str | None, session: Session) -> str:
    """The viewer opened at a document; the first paragraph the latest reply cites is marked."""
    if not doc_id:
        return render.EMPTY_VIEWER
    answer = latest_answer(session)
    cited = [c.paragraph for c in answer.citations if c.source == doc_id] if answer else []
    return _viewer(bot, doc_id, cited[0] if cited else None, session)


def _viewer(bot: ChatBot, doc_id: str, number: int | None, session: Session) -> str:
    try:
        paragraphs = bot.paragraphs(doc_id)
    except KeyError:
        return render.notice_html(f"the document {doc_id!r} is not in the store any more")
    quotes: tuple[str, ...] = ()
    answer = latest_answer(session)
    if answer is not None and number is not None:
        for citation in answer.citations:
            if citation.source == doc_id and citation.paragraph == number:
                quotes += citation.quotes
    return render.viewer_html(document_metas(bot).get(doc_id), paragraphs, number, quotes)


# -- feedback, uploads, status ----------------------------------------------------------------
def record_feedback(
    feedback: FeedbackLog, backend: str, session: Session, index: object, liked: object
) -> str:
    """Save a thumbs up / down on the reply at chat message ``index``; return a short note."""
    rating = rating_of(liked)
    if isinstance(index, list | tuple):
        index = index[0] if index else None
    if rating is None or not isinstance(index, int):
        return ""
    turn_index = index // 2  # two messages per turn: question, reply
    if not 0 <= turn_index < len(session):
        return render.esc("That reply is no longer in this chat.")
    turn = session[turn_index]
    shown = turn.notice or (turn.answer.answer if turn.answer else "")
    earlier = [[t.question, t.answer.answer] for t in session[:turn_index] if t.answer]
    feedback.append(feedback_record(rating, turn.question, turn.answer, shown, backend, earlier))
    return render.esc(f"Thanks: feedback ({rating}) saved.")


def add_documents(
    bot: ChatBot, paths: Sequence[str] | None, progress: ProgressFn | None = None
) -> tuple[str, str]:
    """Add uploaded files to the corpus; return the report and the new status note."""
    if not paths:
        return render.esc("No files chosen."), status_note(bot)
    settings = bot.settings
    if len(paths) > settings.max_upload_files:
        message = (
            f"{len(paths)} files at once; the limit is {settings.max_upload_files} "
            "(QA_BOT_MAX_UPLOAD_FILES): upload fewer at a time"
        )
        return render.upload_notice_html(message), status_note(bot)
    files: list[Path] = []
    too_large: list[tuple[str, str]] = []
    for path in map(Path, paths):
        if _size(path) > settings.max_upload_mb * 2**20:
            too_large.append((path.name, f"larger than {settings.max_upload_mb:g} MB"))
        else:
            files.append(path)
    if not files:
        return render.upload_report_html([], [], too_large), status_note(bot)
    try:
        report = bot.add_files(files, progress=progress or False)
    except QABotError as exc:
        return render.upload_notice_html(str(exc)), status_note(bot)
    html = render.upload_report_html(report.added, report.updated, too_large + report.skipped)
    return html, status_note(bot)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # a missing file is reported by add_files


def status_note(bot: ChatBot) -> str:
    try:
        documents = bot.status()["documents"]
    except QABotError as exc:
        return render.notice_html(str(exc))
    return render.status_html(bot.backend, documents)


# -- the API ------------------------------------------------------------------------------------
def api_ask(bot: ChatBot, question: str, history: object) -> dict[str, Any]:
    """The ``/ask`` endpoint: the ``qa-bot ask --json`` object for a question and history."""
    return bot.ask(question or "", parse_history(history)).to_contract()


def parse_history(history: object) -> list[tuple[str, str]]:
    """``[[question, answer], ...]`` (or ``{"question", "answer"}`` objects) as pairs."""
    if history is None:
        return []
    if not isinstance(history, list | tuple):
        raise BadInput("history must be a list of [question, answer] pairs")
    pairs: list[tuple[str, str]] = []
    for item in history:
        if isinstance(item, Mapping):
            item = (item.get("question"), item.get("answer"))
        if not isinstance(item, list | tuple) or len(item) != 2:
            raise BadInput("history must be a list of [question, answer] pairs")
        if not all(isinstance(part, str) for part in item):
            raise BadInput("each history pair must hold two strings: [question, answer]")
        pairs.append((item[0], item[1]))
    return pairs
