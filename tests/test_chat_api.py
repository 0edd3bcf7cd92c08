"""The chat's ``/ask`` API through ``gradio_client``, against the app on a free loopback port."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from qa_bot.chat import handlers
from qa_bot.errors import BadInput
from qa_bot.settings import Settings
from tests.test_chat_handlers import FakeBot

# Gradio's own monitoring code trips a pandas deprecation warning; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(bot: Any, **options: Any) -> Iterator[str]:
    """Launch the chat for ``bot`` on 127.0.0.1; yield its URL; close it afterwards."""
    from qa_bot.chat.app import build_app, launch_app

    demo = build_app(bot, **options)
    url = launch_app(demo, host="127.0.0.1", port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        yield url
    finally:
        demo.close()


@pytest.fixture(scope="module")
def fake_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("chat-api")
    return Settings(corpus_dir=root / "corpus", store_dir=root / "store", data_dir=root / "data")


@pytest.fixture(scope="module")
def fake_url(fake_settings: Settings) -> Iterator[str]:
    """One server for the fake-bot API tests (launching takes a few seconds)."""
    yield from serve(FakeBot(fake_settings))


def client(url: str) -> Any:
    from gradio_client import Client

    return Client(url, verbose=False, download_files=False)


def test_api_handler_returns_the_ask_json_object(settings: Settings) -> None:
    fake = FakeBot(settings)
    result = handlers.api_ask(fake, "How much is it worth?", [["What is Hikvision?", "A firm."]])
    assert (
        result
        == fake.ask("How much is it worth?", [("What is Hikvision?", "A firm.")]).to_contract()
    )
    assert set(result) == {
        "question", "standalone_question", "answer", "abstained", "citations", "latency_ms"
    }  # fmt: skip
    assert handlers.parse_history([{"question": "q", "answer": "a"}]) == [("q", "a")]
    for bad in ("nope", [["only one"]], [[1, 2]]):
        with pytest.raises(BadInput):
            handlers.parse_history(bad)


@pytest.mark.slow
def test_ask_api_returns_the_ask_json_object(fake_url: str, fake_settings: Settings) -> None:
    result = client(fake_url).predict(
        "How much is it worth?", [["What is Hikvision?", "A maker of cameras."]], api_name="/ask"
    )
    expected = FakeBot(fake_settings).ask(
        "How much is it worth?", [("What is Hikvision?", "A maker of cameras.")]
    )
    assert result == expected.to_contract()
    assert result["standalone_question"] == "How much is it worth? (about What is Hikvision?)"


@pytest.mark.slow
def test_ask_api_reports_bad_input_as_an_error_message(fake_url: str) -> None:
    from gradio_client.exceptions import AppError

    api = client(fake_url)
    with pytest.raises(AppError, match="the question is empty"):
        api.predict("   ", [], api_name="/ask")
    with pytest.raises(AppError, match="characters long"):
        api.predict("x" * 1_000_000, [], api_name="/ask")
    with pytest.raises(AppError, match=r"\[question, answer\] pairs"):
        api.predict("Who?", [["one"]], api_name="/ask")
    assert api.predict("Who?", [], api_name="/ask")["abstained"] is False  # still serving


@pytest.mark.slow
def test_only_ask_is_public(fake_url: str) -> None:
    info = client(fake_url).view_api(print_info=False, return_format="dict")
    assert list(info["named_endpoints"]) == ["/ask"]


@pytest.mark.slow
def test_a_full_queue_tells_the_caller(settings: Settings) -> None:
    from gradio_client.utils import QueueError

    gate = threading.Event()
    bot = FakeBot(settings, gate=gate)
    for url in serve(bot, concurrency_limit=1, max_queue=1):
        api = client(url)
        running = api.submit("first?", [], api_name="/ask")
        assert bot.started.wait(10)  # the only worker is busy with the first question
        waiting = api.submit("second?", [], api_name="/ask")
        _wait_until_queued(waiting)
        with pytest.raises(QueueError, match="Queue is full"):
            api.predict("third?", [], api_name="/ask")
        gate.set()
        assert running.result(timeout=20)["question"] == "first?"
        assert waiting.result(timeout=20)["question"] == "second?"


def _wait_until_queued(job: Any) -> None:
    from gradio_client.utils import Status

    deadline = time.monotonic() + 10
    while job.status().code not in (Status.IN_QUEUE, Status.PROCESSING):
        assert time.monotonic() < deadline, "the second question never reached the queue"
        time.sleep(0.05)


@pytest.mark.slow
def test_ask_api_with_the_real_bot(bot: Any) -> None:
    for url in serve(bot):
        result = client(url).predict(
            "Which company might be put on a U.S. blacklist?", [], api_name="/ask"
        )
        assert not result["abstained"] and result["citations"]
        assert {c["marker"] for c in result["citations"]} == {
            int(m) for m in re.findall(r"\[(\d+)\]", result["answer"])
        }
        paragraphs = {p.number: p.text for p in bot.paragraphs(result["citations"][0]["source"])}
        assert result["citations"][0]["text"] == paragraphs[result["citations"][0]["paragraph"]]
