"""The web chat in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Screenshots go to test-artifacts/ (gitignored) for a human to look at.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from qa_bot.settings import PROJECT_ROOT, Settings
from tests.test_chat_api import serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning"),
]

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
FINISHED = ".qa-answer, .qa-abstain, .qa-notice"  # what a finished reply holds
WAIT_MS = 60_000  # a first answer loads the embedding model
# A source whose answer sentence carries markup that must stay text.
PAYLOAD = (
    '<img src=x onerror=alert(1)> <script>alert("script ran"); window.__pwned = 1;</script> '
    "![pixel](http://example.com/pixel.png) `${window.__pwned = 3}` {{constructor}}"
)
EVIL_SOURCE = f"""Ashford Gazette

Zorblatt festival draws record crowd

By Jane Doe

The Zorblatt festival drew 40,000 visitors to Ashford in May {PAYLOAD} according to organisers.

Organisers said the Zorblatt festival will return next spring with more stalls.
"""


@pytest.fixture(scope="module")
def chat_url(bot: Any) -> Iterator[str]:
    """The chat over the session's read-only bot (bundled corpus)."""
    yield from serve(bot)


@pytest.fixture(scope="module")
def own_chat(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Settings]]:
    """A chat over its own tmp corpus (one hostile source); uploads may change it."""
    from qa_bot.service import QABot

    root = tmp_path_factory.mktemp("browser-own")
    (root / "corpus").mkdir()
    (root / "corpus" / "ashford-zorblatt.txt").write_text(EVIL_SOURCE, encoding="utf-8")
    settings = Settings(
        corpus_dir=root / "corpus", store_dir=root / "store", data_dir=root / "data"
    )
    bot = QABot(settings)
    bot.ingest(progress=False)
    for url in serve(bot):
        yield url, settings


class Page:
    """A page of the chat, recording dialogs and every request it makes."""

    def __init__(self, browser: Any, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("dialog", self._on_dialog)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(url)
        self.page.wait_for_selector("#qa-question textarea", timeout=WAIT_MS)

    def _on_dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def ask(self, question: str) -> Any:
        """Type a question, send it, wait for the finished reply; return the reply element."""
        finished = self.page.locator(f"#qa-chat [data-testid='bot'] :is({FINISHED})")
        before = finished.count()
        self.page.fill("#qa-question textarea", question)
        self.page.click("#qa-send")
        self.page.wait_for_function(
            "([selector, n]) => document.querySelectorAll(selector).length > n",
            arg=[f"#qa-chat [data-testid='bot'] :is({FINISHED})", before],
            timeout=WAIT_MS,
        )
        return self.page.locator("#qa-chat [data-testid='bot']").nth(before)

    def bot_texts(self) -> list[str]:
        return self.page.locator("#qa-chat [data-testid='bot']").all_inner_texts()

    def user_texts(self) -> list[str]:
        return self.page.locator("#qa-chat [data-testid='user']").all_inner_texts()

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def page(browser: Any, chat_url: str) -> Iterator[Page]:
    chat = Page(browser, chat_url)
    yield chat
    chat.close()


def test_a_question_gets_a_cited_reply_sources_and_the_viewer(page: Page) -> None:
    assert "documents loaded" in page.page.inner_text("#qa-status")
    page.page.click("#qa-chat button.example >> nth=0")  # an example question
    page.page.wait_for_selector("#qa-sources .qa-source", timeout=WAIT_MS)
    reply = page.page.locator("#qa-chat [data-testid='bot']").last
    markers = reply.locator(".qa-marker").all_inner_texts()
    assert markers and markers[0] == "[1]"
    cards = page.page.locator("#qa-sources .qa-source")
    assert cards.count() == len(set(markers))
    first = cards.first.inner_text()
    assert "[1]" in first and "paragraph " in first
    assert cards.first.locator("mark").count() >= 1  # the sentence that was used
    cards.first.locator("button.qa-open").click()
    cited = page.page.locator("#qa-viewer .qa-cited")
    cited.wait_for(timeout=WAIT_MS)
    assert page.page.locator("#qa-viewer .qa-para").count() > 3
    page.page.wait_for_timeout(300)  # the scroll into view
    assert _inside(page.page, "#qa-viewer .qa-cited", "#qa-viewer .qa-viewer")
    assert page.screenshot("chat-cited-reply.png").stat().st_size > 10_000


def test_follow_up_shows_the_searched_question_and_abstention_has_no_sources(page: Page) -> None:
    page.ask("What is Hikvision?")
    follow_up = page.ask("Which exchange is it listed on?")
    assert "Searched for:" in follow_up.inner_text()
    abstained = page.ask("Who won the 2019 Cricket World Cup?")
    assert abstained.locator(".qa-abstain").count() == 1
    assert abstained.locator(".qa-marker").count() == 0
    assert "Cannot answer" not in abstained.inner_text()  # not shown as an error
    assert page.page.locator("#qa-sources .qa-source").count() == 0
    assert "No sources" in page.page.inner_text("#qa-sources")
    page.screenshot("chat-follow-up-abstention.png")


def test_bad_input_and_clear_chat(page: Page) -> None:
    reply = page.ask("   ?  ")
    assert "Cannot answer that:" in reply.inner_text()
    page.page.click("#qa-clear")
    page.page.wait_for_function(
        "() => !document.querySelector(\"#qa-chat [data-testid='bot']\")", timeout=WAIT_MS
    )
    assert page.bot_texts() == []
    assert "appear here" in page.page.inner_text("#qa-sources")


def test_thumbs_down_is_saved_with_question_answer_and_citations(page: Page, bot: Any) -> None:
    feedback = bot.settings.data_dir / "feedback.jsonl"
    before = feedback.read_text().count("\n") if feedback.exists() else 0
    page.ask("Who is one of Hikvision's largest clients?")
    page.page.locator("#qa-chat button[aria-label='Dislike']").last.click()
    page.page.wait_for_function(
        "() => document.querySelector('#qa-feedback').innerText.includes('saved')",
        timeout=WAIT_MS,
    )
    record = json.loads(feedback.read_text().splitlines()[before])
    assert record["rating"] == "down"
    assert record["question"] == "Who is one of Hikvision's largest clients?"
    assert record["answer"] and record["citations"]


def test_two_sessions_do_not_see_each_other(browser: Any, chat_url: str) -> None:
    alice, bob = Page(browser, chat_url), Page(browser, chat_url)
    try:
        alice.ask("Who is Robert Lighthizer?")
        assert bob.user_texts() == [] and bob.bot_texts() == []
        bob.ask("What is the capital of New Zealand?")
        assert alice.user_texts() == ["Who is Robert Lighthizer?"]
        assert bob.user_texts() == ["What is the capital of New Zealand?"]
        assert "qa-source" in alice.page.inner_html("#qa-sources")
        assert "No sources" in bob.page.inner_text("#qa-sources")
    finally:
        alice.close()
        bob.close()


def test_markup_in_sources_and_questions_is_shown_never_run(
    browser: Any, own_chat: tuple[str, Settings]
) -> None:
    url, _ = own_chat
    chat = Page(browser, url)
    try:
        reply = chat.ask(f"How many visitors did the Zorblatt festival draw? {PAYLOAD}")
        assert "40,000" in reply.inner_text()
        chat.page.locator("#qa-sources button.qa-open").first.click()
        chat.page.locator("#qa-viewer .qa-cited").wait_for(timeout=WAIT_MS)
        chat.page.wait_for_timeout(1000)  # give any injected handler the time to fire
        assert chat.dialogs == []
        assert chat.page.evaluate("() => window.__pwned") is None
        assert not [r for r in chat.requests if urlparse(r).hostname != "127.0.0.1"]
        assert not [r for r in chat.requests if urlparse(r).path in ("/x", "/pixel.png")]
        for where in ("#qa-chat", "#qa-sources", "#qa-viewer"):
            assert "<img src=x onerror=alert(1)>" in chat.page.inner_text(where)
            assert chat.page.locator(f"{where} .qa-answer img, {where} .qa-source img").count() == 0
        assert (
            chat.page.locator("#qa-chat script, #qa-sources script, #qa-viewer script").count() == 0
        )
        chat.screenshot("chat-hostile-source.png")
    finally:
        chat.close()


def test_upload_adds_an_answerable_document_and_lists_rejects(
    browser: Any, own_chat: tuple[str, Settings], tmp_path: Path
) -> None:
    url, settings = own_chat
    story = tmp_path / "quokka-census.txt"
    story.write_text(
        "Island News\n\nQuokka census finds growth\n\n"
        "Rangers counted 12,400 quokkas on Rottnest Island this year, up from 10,000.\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "scan.pdf"
    shutil.copyfile(PROJECT_ROOT / "pyproject.toml", binary)
    chat = Page(browser, url)
    try:
        chat.page.click("#qa-upload button.label-wrap")
        chat.page.set_input_files(
            "#qa-upload input[type=file]", [str(story), str(empty), str(binary)]
        )
        chat.page.wait_for_selector("#qa-upload-report .qa-rejected", timeout=WAIT_MS)
        report = chat.page.inner_text("#qa-upload-report")
        assert "quokka-census" in report
        assert "empty.txt" in report and "scan.pdf" in report
        assert "2 documents loaded" in chat.page.inner_text("#qa-status")
        reply = chat.ask("How many quokkas did rangers count on Rottnest Island?")
        assert "12,400" in reply.inner_text() and reply.locator(".qa-marker").count() >= 1
        assert (settings.corpus_dir / "quokka-census.txt").exists()
        chat.screenshot("chat-upload.png")
    finally:
        chat.close()


def _inside(page: Any, inner: str, outer: str) -> bool:
    """Whether ``inner`` is within the visible box of its scrolling container ``outer``."""
    return bool(
        page.evaluate(
            """([inner, outer]) => {
                const a = document.querySelector(inner).getBoundingClientRect();
                const b = document.querySelector(outer).getBoundingClientRect();
                return a.top >= b.top - 1 && a.top <= b.bottom;
            }""",
            [inner, outer],
        )
    )
