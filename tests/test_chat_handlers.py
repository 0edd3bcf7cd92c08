"""The chat's handlers as plain functions: a fake bot (fast) and the real ``bot`` fixture."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from qa_bot.chat import handlers, render
from qa_bot.chat.cli import parse_auth
from qa_bot.chat.feedback import FeedbackLog
from qa_bot.errors import BadInput, StoreError
from qa_bot.models import Answer, Citation, DocumentMeta, Paragraph
from qa_bot.settings import Settings

XSS = "<img src=x onerror=alert(1)> <script>alert(2)</script>"
DOC = DocumentMeta("npr-test", "npr-test.txt", "U.S. May Blacklist <b>Surveillance</b> Firm",
                   "NPR", ("Rob Schmitz",), "2019-05-22", "transcript", "0" * 64)  # fmt: skip
TURN = f"SCHMITZ: Hikvision makes cameras. It is worth $7 billion. {XSS}"
PARAGRAPHS = [
    Paragraph("npr-test", 1, "The U.S. may blacklist Hikvision.", 0, 33, "headline"),
    Paragraph("npr-test", 2, TURN, 34, 120, "turn", "SCHMITZ"),
    Paragraph("npr-test", 3, "INSKEEP: Thanks, Rob.", 121, 140, "turn", "INSKEEP"),
]


class FakeBot:
    """Duck-types ``QABot`` for the chat: one document, canned answers, records its calls."""

    backend = "fake-extractive"

    def __init__(self, settings: Settings, *, gate: threading.Event | None = None) -> None:
        self.settings = settings
        self.calls: list[tuple[str, list[tuple[str, str]]]] = []
        self.started = threading.Event()
        self.gate = gate  # when set, ``ask`` waits for it (queue tests)
        self.metas = {DOC.doc_id: DOC}
        self.docs = {DOC.doc_id: PARAGRAPHS}

    def ask(self, question: str, history: Sequence[tuple[str, str]] = ()) -> Answer:
        self.calls.append((question, list(history)))
        self.started.set()
        if self.gate is not None:
            self.gate.wait(timeout=30)
        if not question.strip():
            raise BadInput("the question is empty: type a question about the sources")
        if len(question) > self.settings.max_question_chars:
            raise BadInput(f"the question is {len(question):,} characters long")
        if "capital" in question:
            return Answer(question, question, "The sources do not say.", True, [])
        standalone = f"{question} (about {history[-1][0]})" if history else question
        quote = "It is worth $7 billion."
        citation = Citation(1, "npr-test", 2, PARAGRAPHS[1].text, "SCHMITZ", (quote,))
        return Answer(question, standalone, f"{quote} [1]", False, [citation], 12.5)

    def stream(self, question: str, history: Sequence[tuple[str, str]] = ()) -> Iterator[Any]:
        answer = self.ask(question, history)
        yield answer.answer[:8]
        yield answer.answer[8:]
        yield answer

    def add_files(self, paths: Sequence[Path], progress: Any = False) -> SimpleNamespace:
        if callable(progress):
            progress("embedding", 1, 1)
        added, skipped = [], []
        for path in paths:
            if path.suffix in {".txt", ".md", ".html"}:
                doc_id = path.stem
                meta = DocumentMeta(doc_id, path.name, doc_id, None, (), None, "article", "1" * 64)
                self.metas[doc_id] = meta
                self.docs[doc_id] = [Paragraph(doc_id, 1, path.read_text(), 0, 1)]
                added.append(doc_id)
            else:
                skipped.append((path.name, "unsupported file type (use .txt, .html, .md)"))
        return SimpleNamespace(added=added, updated=[], skipped=skipped)

    def status(self) -> dict[str, int]:
        return {"documents": len(self.metas), "paragraphs": 3, "chunks": 3}

    def documents(self) -> list[DocumentMeta]:
        return list(self.metas.values())

    def paragraphs(self, doc_id: str) -> list[Paragraph]:
        return list(self.docs[doc_id])


@pytest.fixture
def fake(settings: Settings) -> FakeBot:
    return FakeBot(settings)


def run(bot: Any, question: str, session: handlers.Session) -> list[handlers.ChatUpdate]:
    return list(handlers.respond(bot, question, session))


def test_reply_streams_then_shows_markers_and_sources(fake: FakeBot) -> None:
    updates = run(fake, "How much is Hikvision worth?", [])
    first_messages, first_session, first_sources = updates[0]
    assert first_session == [] and first_sources == render.SEARCHING_SOURCES
    assert first_messages[0] == {"role": "user", "content": "How much is Hikvision worth?"}
    assert "It is wo" in updates[1][0][1]["content"]  # a partial reply is shown while streaming
    messages, session, sources = updates[-1]
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert '<span class="qa-marker">[1]</span>' in messages[1]["content"]
    assert len(session) == 1 and session[0].answer is not None
    assert "U.S. May Blacklist &lt;b&gt;Surveillance&lt;/b&gt; Firm · NPR" in sources
    assert "paragraph 2" in sources and "speaker: SCHMITZ" in sources
    assert "<mark>It is worth $7 billion.</mark>" in sources
    assert 'data-cite="npr-test#2"' in sources


def test_follow_up_sends_history_and_shows_the_searched_question(fake: FakeBot) -> None:
    session = run(fake, "What does Hikvision make?", [])[-1][1]
    messages, session, _ = run(fake, "How much is it worth?", session)[-1]
    assert fake.calls[-1] == (
        "How much is it worth?",
        [("What does Hikvision make?", session[0].answer.answer)],
    )  # type: ignore[union-attr]
    assert len(messages) == 4
    assert (
        "Searched for: How much is it worth? (about What does Hikvision make?)"
        in messages[3]["content"]
    )
    assert "Searched for" not in messages[1]["content"]  # the first question was searched as asked


def test_abstention_is_not_an_error_and_lists_no_sources(fake: FakeBot) -> None:
    messages, session, sources = run(fake, "What is the capital of New Zealand?", [])[-1]
    assert messages[1]["content"] == '<div class="qa-abstain">The sources do not say.</div>'
    assert "qa-notice" not in messages[1]["content"] and "qa-marker" not in messages[1]["content"]
    assert "qa-source" not in sources and "No sources" in sources
    assert session[0].answer is not None and session[0].answer.abstained


@pytest.mark.parametrize("question", ["", "   ", "x" * 1_000_000])
def test_bad_input_becomes_a_reply_not_a_crash(fake: FakeBot, question: str) -> None:
    messages, session, sources = run(fake, question, [])[-1]
    assert "Cannot answer that:" in messages[1]["content"]
    assert session[0].answer is None and session[0].notice
    assert sources == render.NO_SOURCES
    assert len(messages[0]["content"]) < 2 * render.MAX_SHOWN_QUESTION  # huge question cut short
    assert handlers.history_pairs(session) == []  # a refused turn is not sent as history


def test_an_unexpected_failure_shows_a_message_without_a_traceback(fake: FakeBot) -> None:
    def broken(question: str, history: Any = ()) -> Iterator[Any]:
        raise ValueError("secret internal detail")
        yield  # pragma: no cover

    fake.stream = broken  # type: ignore[method-assign]
    messages, _, _ = run(fake, "Who?", [])[-1]
    assert handlers.INTERNAL_ERROR in messages[1]["content"]
    assert "secret internal detail" not in messages[1]["content"]
    assert "Traceback" not in messages[1]["content"]


def test_html_in_questions_and_sources_is_escaped(fake: FakeBot) -> None:
    messages, session, sources = run(fake, f"Is {XSS} worth $7 billion?", [])[-1]
    viewer = handlers.view_citation(fake, "npr-test#2", session)
    for html in (messages[0]["content"], messages[1]["content"], sources, viewer):
        assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in messages[0]["content"]
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in sources
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in viewer


def test_sessions_are_separate_lists(fake: FakeBot) -> None:
    alice: handlers.Session = []
    bob: handlers.Session = []
    alice_after = run(fake, "What does Hikvision make?", alice)[-1][1]
    bob_messages, bob_after, _ = run(fake, "What is the capital of New Zealand?", bob)[-1]
    assert [t.question for t in bob_after] == ["What is the capital of New Zealand?"]
    assert alice == [] and bob == []  # the handler returns new lists, never mutates state
    assert [t.question for t in alice_after] == ["What does Hikvision make?"]
    assert bob_messages[0]["content"] == "What is the capital of New Zealand?"
    assert fake.calls[-1][1] == []  # Bob's question went without Alice's history


def test_clear_chat_empties_everything() -> None:
    messages, session, sources, viewer = handlers.clear_chat()
    assert (messages, session) == ([], [])
    assert sources == render.EMPTY_SOURCES and viewer == render.EMPTY_VIEWER


def test_viewer_shows_numbered_paragraphs_with_the_cited_one_highlighted(fake: FakeBot) -> None:
    session = run(fake, "How much is Hikvision worth?", [])[-1][1]
    html = handlers.view_citation(fake, "npr-test#2", session)
    assert html.count('class="qa-para') == 3
    assert '<div class="qa-para qa-cited" id="qa-p-2">' in html
    assert "<mark>It is worth $7 billion.</mark>" in html
    assert '<span class="qa-pnum">¶1</span>' in html
    assert handlers.open_document(fake, "npr-test", session) == html  # first cited paragraph
    assert "qa-cited" not in handlers.open_document(fake, "npr-test", [])
    assert "not in the store" in handlers.view_citation(fake, "gone#1", session)
    assert handlers.open_document(fake, None, session) == render.EMPTY_VIEWER


def test_feedback_is_saved_with_question_answer_and_citations(
    fake: FakeBot, tmp_path: Path
) -> None:
    log = FeedbackLog.in_dir(tmp_path / "data")
    session = run(fake, "How much is Hikvision worth?", [])[-1][1]
    session = run(fake, "", session)[-1][1]
    assert "saved" in handlers.record_feedback(log, "fake", session, 1, False)
    assert "saved" in handlers.record_feedback(log, "fake", session, [3], True)
    assert handlers.record_feedback(log, "fake", session, 1, "") == ""  # a vote taken back
    assert "no longer" in handlers.record_feedback(log, "fake", session, 9, True)
    lines = (tmp_path / "data" / "feedback.jsonl").read_text().splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["rating"] == "down" and first["question"] == "How much is Hikvision worth?"
    assert first["answer"] == "It is worth $7 billion. [1]"
    assert first["citations"][0] == {
        "marker": 1, "source": "npr-test", "paragraph": 2,
        "text": PARAGRAPHS[1].text, "speaker": "SCHMITZ",
    }  # fmt: skip
    assert second["rating"] == "up" and second["error"] is True and second["citations"] == []
    assert "empty" in second["answer"]
    assert first["history"] == []
    assert second["history"] == [["How much is Hikvision worth?", "It is worth $7 billion. [1]"]]


def test_upload_reports_added_and_rejected_files_with_progress(
    fake: FakeBot, tmp_path: Path
) -> None:
    good = tmp_path / "new-story.md"
    good.write_text("# A new story\n\nPandas were seen.")
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF")
    seen: list[tuple[str, int, int]] = []
    html, status = handlers.add_documents(fake, [str(good), str(bad)], lambda *a: seen.append(a))
    assert "Added: new-story" in html
    assert "<li><b>scan.pdf</b>: unsupported file type (use .txt, .html, .md)</li>" in html
    assert "<b>2</b> documents loaded" in status and "fake-extractive" in status
    assert seen == [("embedding", 1, 1)]
    assert ("new-story", "new-story") in handlers.document_choices(fake)
    assert handlers.add_documents(fake, None)[0] == "No files chosen."


def test_upload_store_error_is_shown(fake: FakeBot) -> None:
    def locked(paths: Any, progress: Any = False) -> Any:
        raise StoreError("another process is writing the store")

    fake.add_files = locked  # type: ignore[method-assign]
    html, _ = handlers.add_documents(fake, ["a.txt"])
    assert "another process is writing the store" in html and "qa-notice" in html


def test_highlight_and_markers() -> None:
    text = "A <b> B. C & D. E."
    assert render.highlight(text, ["A <b> B.", "B. C & D.", "missing"]) == (
        "<mark>A &lt;b&gt; B. C &amp; D.</mark> E."
    )
    assert render.highlight(text, []) == "A &lt;b&gt; B. C &amp; D. E."
    assert render.markers_html("x [1] y [7]", [1]) == 'x <span class="qa-marker">[1]</span> y [7]'


def test_parse_auth(tmp_path: Path) -> None:
    assert parse_auth(None) is None
    assert parse_auth("ann:secret") == [("ann", "secret")]
    users = tmp_path / "users"
    users.write_text("# who may chat\nann:a:b\nbob:pw\n")
    assert parse_auth(str(users)) == [("ann", "a:b"), ("bob", "pw")]
    with pytest.raises(BadInput):
        parse_auth("no-password")


# -- the real bot ---------------------------------------------------------------------------------
@pytest.mark.slow
def test_real_bot_reply_cites_paragraphs_of_the_corpus(bot: Any) -> None:
    messages, session, sources = run(bot, "Which company might be put on a U.S. blacklist?", [])[-1]
    answer = session[0].answer
    assert answer is not None and not answer.abstained and answer.citations
    assert first_citation_is_verbatim(bot, answer)
    assert '<span class="qa-marker">[1]</span>' in messages[1]["content"]
    first = answer.citations[0]
    assert first.quotes and all(q in first.text for q in first.quotes)
    assert f'data-cite="{render.esc(first.source)}#{first.paragraph}"' in sources
    viewer = handlers.view_citation(bot, f"{first.source}#{first.paragraph}", session)
    assert f'<div class="qa-para qa-cited" id="qa-p-{first.paragraph}">' in viewer


def first_citation_is_verbatim(bot: Any, answer: Answer) -> bool:
    first = answer.citations[0]
    paragraphs = {p.number: p.text for p in bot.paragraphs(first.source)}
    return paragraphs[first.paragraph] == first.text


@pytest.mark.slow
def test_real_bot_follow_up_and_abstention(bot: Any) -> None:
    q, a = "What is Hikvision?", "A maker of video surveillance products."
    session = [handlers.Turn(q, a, Answer(q, q, a, False, []))]
    messages, session, _ = run(bot, "Which exchange is it listed on?", session)[-1]
    assert "Searched for:" in messages[-1]["content"]
    messages, _, sources = run(bot, "Who won the 2019 Cricket World Cup?", [])[-1]
    assert "qa-abstain" in messages[1]["content"] and "qa-source" not in sources
