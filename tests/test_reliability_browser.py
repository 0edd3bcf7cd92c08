"""Issue 6: output safety in a real browser, for HTML and Markdown in questions and sources.

Sources hold scripts, event handlers, Markdown images and links and HTML links to another host;
questions hold the same; an uploaded file's name holds markup. In the chat, the Sources panel,
the viewer and the upload report: no script runs (no dialog, no global set), no image or link
to another host is made, and no request leaves 127.0.0.1; the markup is shown as text.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from qa_bot.settings import Settings
from tests.test_browser import EVIL_SOURCE, WAIT_MS, Page
from tests.test_chat_api import serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning"),
]

HOSTILE_MARKUP = (
    '<img src="http://example.com/q.png" onerror="window.__pwned = 1"> '
    "<script>window.__pwned = 2; alert('script ran')</script> "
    "![pixel](http://example.com/md.png) [click me](http://example.com/md-link) "
    '<a href="http://example.com/html-link">html link</a> **bold** <b>tag</b> '
    '<svg onload="window.__pwned = 3"></svg> javascript:alert(4)'
)
MARKDOWN_SOURCE = f"""# Quokka census finds growth

*By Ann Lee*

![A quokka](http://example.com/quokka.jpg)

Rangers counted 12,400 quokkas on Rottnest Island this year, up from 10,000, the island \
authority said. [The full report](http://example.com/report) is online {HOSTILE_MARKUP}.

Volunteers walked the island in teams over three days, the authority said on Monday.
"""
HTML_SOURCE = f"""<html><head><title>Harbour ferry</title>
<script>window.__pwned = 5; fetch('http://example.com/beacon');</script></head><body>
<h1>Harbour town gets an electric ferry</h1><p>By Jane Doe</p>
<p>The harbour town of Eastport received its first electric ferry on Monday, the council said,
<a href="http://example.com/ferry">see the plans</a> <img src="http://example.com/ferry.png">.</p>
<p>The ferry carries 120 passengers and cost 4 million dollars to build
{HOSTILE_MARKUP.replace("<", "&lt;")}.</p>
<iframe src="http://example.com/frame"></iframe></body></html>
"""
SHOWN = "#qa-chat [data-testid='bot'], #qa-chat [data-testid='user'], #qa-sources, #qa-viewer"
LOOKED_AT = f"{SHOWN}, #qa-upload-report"


@pytest.fixture(scope="module")
def hostile_chat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from qa_bot.service import QABot

    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "ashford-zorblatt.txt").write_text(EVIL_SOURCE, encoding="utf-8")
    (corpus / "quokka-census.md").write_text(MARKDOWN_SOURCE, encoding="utf-8")
    (corpus / "harbour-ferry.html").write_text(HTML_SOURCE, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, store_dir=root / "store", data_dir=root / "data")
    bot = QABot(settings)
    assert len(bot.ingest(progress=False).added) == 3
    yield from serve(bot)


def assert_nothing_ran_or_left_the_machine(chat: Page) -> None:
    page = chat.page
    page.wait_for_timeout(1000)  # time for any injected handler to fire
    assert chat.dialogs == []
    assert page.evaluate("() => window.__pwned") is None
    outside = [r for r in chat.requests if urlparse(r).hostname != "127.0.0.1"]
    assert outside == [], outside
    for selector in ("img", "script", "iframe", "svg[onload]", "[onerror]", "[onclick]"):
        found = page.locator(f":is({LOOKED_AT}) {selector}").count()
        assert found == 0, selector
    links = page.eval_on_selector_all(
        f":is({LOOKED_AT}) a[href]", "(links) => links.map((a) => a.href)"
    )
    assert [h for h in links if urlparse(h).hostname != "127.0.0.1"] == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many visitors did the Zorblatt festival draw?", "40,000"),
        ("How many quokkas did rangers count on Rottnest Island?", "12,400"),
        ("How many passengers does the electric ferry carry?", "120 passengers"),
    ],
)
def test_hostile_questions_and_sources_are_shown_as_text(
    browser: Any, hostile_chat: str, question: str, expected: str
) -> None:
    chat = Page(browser, hostile_chat)
    try:
        chat.ask(f"{question} {HOSTILE_MARKUP}")
        assert expected in chat.page.inner_text("#qa-sources")  # the cited paragraph
        user = chat.user_texts()[-1]
        assert "![pixel](http://example.com/md.png)" in user and "<script>" in user
        assert "**bold**" in user  # Markdown is not rendered either
        chat.page.locator("#qa-sources button.qa-open").first.click()
        chat.page.locator("#qa-viewer .qa-cited").wait_for(timeout=WAIT_MS)
        viewer = chat.page.inner_text("#qa-viewer")
        if "quokka" in question:
            assert "![A quokka](http://example.com/quokka.jpg)" in viewer or (
                "[The full report](http://example.com/report)" in viewer
            )
            assert "<script>" in viewer
        assert_nothing_ran_or_left_the_machine(chat)
        chat.screenshot(f"hostile-{expected.split()[0].replace(',', '')}.png")
    finally:
        chat.close()


def test_uploaded_file_names_with_markup_are_text(
    browser: Any, hostile_chat: str, tmp_path: Path
) -> None:
    hostile = tmp_path / "<img src=x onerror=alert(7)> report.txt"
    hostile.write_text(
        "Island News\n\nSeal colony grows\n\nRangers counted 310 seals on the north beach "
        "this winter, up from 250, the island authority said.\n",
        encoding="utf-8",
    )
    rejected = tmp_path / "<svg onload=alert(8)>.pdf"
    rejected.write_bytes(b"%PDF-1.4")
    chat = Page(browser, hostile_chat)
    try:
        chat.page.click("#qa-upload button.label-wrap")
        chat.page.set_input_files("#qa-upload input[type=file]", [str(hostile), str(rejected)])
        chat.page.wait_for_selector("#qa-upload-report .qa-rejected", timeout=WAIT_MS)
        report = chat.page.inner_text("#qa-upload-report")
        # Gradio drops "<" and ">" from uploaded names; the rest is shown as text.
        assert "svg onload=alert(8).pdf: unsupported file type" in report
        assert "Added: img-src-x-onerror-alert-7--report" in report  # the document id
        reply = chat.ask("How many seals did rangers count on the north beach?")
        assert "310" in reply.inner_text()
        assert_nothing_ran_or_left_the_machine(chat)
    finally:
        chat.close()


def test_a_full_queue_and_a_too_large_file_are_messages_in_the_page(
    browser: Any, tmp_path: Path
) -> None:
    from tests.test_chat_handlers import FakeBot
    from tests.test_reliability_web import ChatSession, config

    settings = Settings(
        corpus_dir=tmp_path / "c", store_dir=tmp_path / "s", data_dir=tmp_path / "d",
        max_upload_mb=0.01,
    )  # fmt: skip
    gate = threading.Event()
    fake = FakeBot(settings, gate=gate)
    for url in serve(fake, concurrency_limit=1, max_queue=1):
        app_config = config(url)
        busy, waiting = ChatSession(url, app_config), ChatSession(url, app_config)
        for who in (busy, waiting):  # fill the worker and the queue
            who.http.post(
                "/gradio_api/run/predict",
                json={"data": ["Who?"], "fn_index": who.fn["take_question"]["id"],
                      "session_hash": who.hash},
            ).raise_for_status()  # fmt: skip
        busy.join(busy.fn["respond"]["id"], [None, None], None).raise_for_status()
        assert fake.started.wait(30)
        waiting.join(waiting.fn["respond"]["id"], [None, None], None).raise_for_status()
        chat = Page(browser, url)
        try:
            chat.page.fill("#qa-question textarea", "A third question?")
            chat.page.click("#qa-send")
            toast = chat.page.get_by_text("This application is currently busy").first
            toast.wait_for(timeout=WAIT_MS)
            big = tmp_path / "big.txt"
            big.write_text("x" * 20_000, encoding="utf-8")
            chat.page.click("#qa-upload button.label-wrap")
            chat.page.set_input_files("#qa-upload input[type=file]", [str(big)])
            chat.page.get_by_text("exceed the maximum allowed size").first.wait_for(timeout=WAIT_MS)
            chat.screenshot("full-queue-and-large-upload.png")
        finally:
            gate.set()
            chat.close()
