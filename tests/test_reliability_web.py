"""Issue 6, the web chat under load and attack, through raw HTTP on loopback.

- 20 concurrent chat sessions drive the chat's own events (the queue, as the browser does) and
  the ``/ask`` API, each with its own token: every reply holds only its own token, a follow-up
  sees only its own session; p50/p95 latency printed with ``-s``. A full queue answers at once.
- File routes serve nothing the app does not allow (traversal, encoded, absolute, symlinks,
  remote URLs), even with Gradio's upload folder pointed at the parent of our folders.
- Upload size and count limits answer with a message.
- With a login, neither the page, the API, uploads nor the file routes answer before it.
"""

from __future__ import annotations

import http.client
import json
import random
import statistics
import string
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest

from qa_bot.chat import handlers
from qa_bot.chat.cli import parse_auth
from qa_bot.settings import PROJECT_ROOT, Settings
from tests.test_chat_api import free_port, serve
from tests.test_chat_handlers import FakeBot

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning"),
]
SESSIONS = 20


class ChatSession:
    """One browser tab's worth of requests: its own session hash and cookies."""

    def __init__(self, url: str, config: dict[str, Any], auth: tuple[str, str] | None = None):
        self.http = httpx.Client(base_url=url, timeout=120)
        self.hash = uuid.uuid4().hex[:12]
        self.fn = {d["api_name"]: d for d in config["dependencies"]}
        if auth:
            self.http.post("/login", data={"username": auth[0], "password": auth[1]})

    def chat(self, question: str) -> tuple[float, dict[str, Any]]:
        """Type ``question`` and send it: the two events the Ask box triggers."""
        take = self.fn["take_question"]
        trigger = take["targets"][0][0]
        started = time.monotonic()
        sent = self.http.post(
            "/gradio_api/run/predict",
            json={"data": [question], "fn_index": take["id"], "session_hash": self.hash,
                  "trigger_id": trigger, "event_data": None},
        )  # fmt: skip
        sent.raise_for_status()
        result = self.queued(self.fn["respond"]["id"], [None, None], trigger)
        return time.monotonic() - started, result

    def api_ask(self, question: str, history: list[list[str]]) -> tuple[float, dict[str, Any]]:
        started = time.monotonic()
        result = self.queued(self.fn["ask"]["id"], [question, history], None)
        return time.monotonic() - started, result

    def join(self, fn_index: int, data: list[Any], trigger: int | None) -> httpx.Response:
        return self.http.post(
            "/gradio_api/queue/join",
            json={"data": data, "fn_index": fn_index, "session_hash": self.hash,
                  "trigger_id": trigger, "event_data": None},
        )  # fmt: skip

    def queued(self, fn_index: int, data: list[Any], trigger: int | None) -> dict[str, Any]:
        joined = self.join(fn_index, data, trigger)
        joined.raise_for_status()
        return self.result(joined.json()["event_id"])

    def result(self, event_id: str) -> dict[str, Any]:
        """The event's ``process_completed`` message, read from the session's stream."""
        with self.http.stream(
            "GET", "/gradio_api/queue/data", params={"session_hash": self.hash}
        ) as stream:
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed" and (
                    message.get("event_id") == event_id
                ):
                    assert message["success"], message
                    return dict(message["output"])
        raise AssertionError("the stream ended without the result")


def serve_app(bot: Any, auth: list[tuple[str, str]] | None = None) -> Iterator[str]:
    """Like ``tests.test_chat_api.serve``, with a login."""
    from qa_bot.chat.app import build_app, launch_app

    demo = build_app(bot)
    url = launch_app(demo, port=free_port(), auth=auth, prevent_thread_lock=True, quiet=True)
    try:
        yield url
    finally:
        demo.close()


def config(url: str, **kwargs: Any) -> dict[str, Any]:
    return dict(httpx.get(f"{url}config", timeout=30, **kwargs).json())


def tokens_in(payload: object, tokens: list[str]) -> set[str]:
    text = json.dumps(payload, ensure_ascii=False)
    return {t for t in tokens if t in text}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# -- load ----------------------------------------------------------------------------------------
def run_sessions(url: str, tokens: list[str]) -> tuple[dict[int, Any], list[float]]:
    """One thread per session, started together: two chat turns and one /ask call each."""
    app_config = config(url)
    results: dict[int, dict[str, Any]] = {}
    latencies: list[float] = []
    start = threading.Barrier(len(tokens))

    def session(index: int) -> None:
        me, token = ChatSession(url, app_config), tokens[index]
        start.wait()
        first = me.chat(f"What does Hikvision make? (ref {token})")
        follow = me.chat(f"Which exchange is it listed on? (ref {token})")
        api = me.api_ask(f"Who is Maya Wang? (ref {token})", [])
        latencies.extend(t for t, _ in (first, follow, api))
        results[index] = {"first": first[1], "follow": follow[1], "api": api[1]}

    threads = [threading.Thread(target=session, args=(i,)) for i in range(len(tokens))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    return results, latencies


def test_twenty_concurrent_sessions_each_see_only_their_own_token(bot: Any) -> None:
    tokens = ["".join(random.choices(string.ascii_uppercase, k=8)) for _ in range(SESSIONS)]
    for url in serve(bot):
        results, latencies = run_sessions(url, tokens)
    assert sorted(results) == list(range(SESSIONS)), "some sessions did not finish"
    for index, got in results.items():
        for name, payload in got.items():
            assert tokens_in(payload, tokens) == {tokens[index]}, (name, index)
        first_chat, follow_chat = got["first"]["data"][0], got["follow"]["data"][0]
        assert len(first_chat) == 2 and len(follow_chat) == 4  # its own earlier turn only
        searched = json.dumps(follow_chat[-1])
        assert "Searched for:" in searched and "Hikvision" in searched  # from its own turn
        api = got["api"]["data"][0]
        assert tokens[index] in api["question"] and tokens[index] in api["standalone_question"]
        assert api["answer"] and isinstance(api["abstained"], bool)
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    print(f"\n{SESSIONS} sessions x 3 requests: p50 {p50 * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")  # fmt: skip
    assert len(latencies) == 3 * SESSIONS and statistics.median(latencies) > 0


def test_a_full_queue_answers_with_a_message_at_once(settings: Settings) -> None:
    gate = threading.Event()
    fake = FakeBot(settings, gate=gate)
    for url in serve(fake, concurrency_limit=1, max_queue=1):
        app_config = config(url)
        busy, waiting, refused = (ChatSession(url, app_config) for _ in range(3))
        take = busy.fn["take_question"]
        for who in (busy, waiting, refused):
            who.http.post(
                "/gradio_api/run/predict",
                json={"data": ["Who?"], "fn_index": take["id"], "session_hash": who.hash},
            ).raise_for_status()
        respond = busy.fn["respond"]["id"]
        first = busy.join(respond, [None, None], None)
        assert fake.started.wait(30)  # the only worker is answering the first question
        second = waiting.join(respond, [None, None], None)
        started = time.monotonic()
        third = refused.join(respond, [None, None], None)
        seconds = time.monotonic() - started
        assert first.status_code == second.status_code == 200
        assert third.status_code == 503 and "Queue is full" in third.json()["detail"]
        assert seconds < 2
        gate.set()
        assert busy.result(first.json()["event_id"])["data"][0]
        assert waiting.result(second.json()["event_id"])["data"][0]
        print(f"\nfull queue refused in {seconds * 1000:.0f} ms: {third.json()['detail']}")


# -- file routes ---------------------------------------------------------------------------------
def raw_get(url: str, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """GET ``path`` exactly as written (no client-side normalisation of ``..``)."""
    parsed = urlparse(url)
    connection = http.client.HTTPConnection(parsed.hostname or "", parsed.port, timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def upload(url: str, name: str, data: bytes, **kwargs: Any) -> httpx.Response:
    return httpx.post(
        f"{url}gradio_api/upload", files={"files": (name, data)}, timeout=30, **kwargs
    )


@pytest.fixture
def exposed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Settings]]:
    """A chat whose Gradio upload folder is the parent of its store, data and corpus folders
    (a careless GRADIO_TEMP_DIR): only the blocked paths keep them private."""
    root = tmp_path / "app"
    settings = Settings(
        corpus_dir=root / "corpus", store_dir=root / "store", data_dir=root / "data"
    )
    for folder, name in ((settings.corpus_dir, "story.txt"), (settings.store_dir, "catalog.json"),
                         (settings.data_dir, "feedback.jsonl")):  # fmt: skip
        folder.mkdir(parents=True)
        (folder / name).write_text(f"SECRET-{name}", encoding="utf-8")
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(root))
    for url in serve(FakeBot(settings)):
        yield url, settings


def test_file_routes_serve_uploads_and_nothing_else(exposed: tuple[str, Settings]) -> None:
    url, settings = exposed
    stored = upload(url, "note.txt", b"an uploaded note")
    assert stored.status_code == 200
    (uploaded,) = stored.json()
    assert raw_get(url, f"/gradio_api/file={uploaded}") == (200, b"an uploaded note")
    upload_dir = Path(uploaded).parent
    (upload_dir / "link.txt").symlink_to("/etc/passwd")
    port = urlparse(url).port
    attempts = [
        "/gradio_api/file=/etc/passwd",
        "/gradio_api/file=../../../../../../../../etc/passwd",
        "/gradio_api/file=..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/gradio_api/file=%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/gradio_api/file=%252e%252e%252f%252e%252e%252fetc%252fpasswd",
        "/gradio_api/file=%2Fetc%2Fpasswd",
        f"/gradio_api/file={upload_dir}/../../../../../../etc/passwd",
        f"/gradio_api/file={upload_dir}/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        f"/gradio_api/file={upload_dir}/link.txt",
        f"/gradio_api/file={PROJECT_ROOT}/pyproject.toml",
        f"/gradio_api/file={settings.store_dir}/catalog.json",
        f"/gradio_api/file={settings.data_dir}/feedback.jsonl",
        f"/gradio_api/file={settings.corpus_dir}/story.txt",
        f"/gradio_api/file={settings.corpus_dir}/../data/feedback.jsonl",
        f"/gradio_api/file={upload_dir}/../../data/feedback.jsonl",
        "/file=/etc/passwd",
        f"/file={settings.data_dir}/feedback.jsonl",
        "/gradio_api/file/etc/passwd",
        f"/gradio_api/file/{settings.store_dir}/catalog.json",
        "/static/../../../../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/gradio_api/file=file:///etc/passwd",
        f"/gradio_api/file=http://127.0.0.1:{port}/config",
        "/gradio_api/file=https://example.com/pixel.png",
        f"/gradio_api/proxy=http://127.0.0.1:{port}/config",
        "/..%2f..%2f..%2f..%2fetc%2fpasswd",
    ]
    for path in attempts:
        status, body = raw_get(url, path)
        assert status in (403, 404), (path, status, body[:200])
        assert b"root:" not in body and b"SECRET-" not in body and b"[project]" not in body, path
    status, body = raw_get(url, "/gradio_api/file=https://example.com/pixel.png")
    assert b"remote URLs are not fetched" in body  # refused here, never fetched by the server


# -- upload limits -------------------------------------------------------------------------------
def test_upload_size_and_count_limits_answer_with_a_message(tmp_path: Path) -> None:
    settings = Settings(
        corpus_dir=tmp_path / "corpus", store_dir=tmp_path / "store", data_dir=tmp_path / "data",
        max_upload_mb=0.01, max_upload_files=2,
    )  # fmt: skip
    fake = FakeBot(settings)
    for url in serve(fake):
        assert config(url)["max_file_size"] == int(0.01 * 2**20)
        too_big = upload(url, "big.txt", b"x" * 20_000)
        assert too_big.status_code == 413 and "maximum allowed size" in too_big.text
        assert upload(url, "small.txt", b"x" * 5_000).status_code == 200
    files = []
    for name, size in (("a.txt", 100), ("b.txt", 100), ("c.txt", 100), ("big.txt", 20_000)):
        files.append(tmp_path / name)
        files[-1].write_text("x" * size, encoding="utf-8")
    html, _ = handlers.add_documents(fake, [str(p) for p in files[:3]])
    assert "Not added:" in html and "3 files at once; the limit is 2" in html
    html, _ = handlers.add_documents(fake, [str(files[0]), str(files[3])])
    assert "Added: a" in html and "<b>big.txt</b>: larger than 0.01 MB" in html
    assert "big" not in fake.docs


# -- login ---------------------------------------------------------------------------------------
def test_with_a_login_nothing_answers_before_it(tmp_path: Path) -> None:
    from gradio_client import Client

    users = tmp_path / "users.txt"
    users.write_text("# who may use the chat\nann:first-pass\nbob:second-pass\n", "utf-8")
    settings = Settings(
        corpus_dir=tmp_path / "c", store_dir=tmp_path / "s", data_dir=tmp_path / "d",
        auth=str(users),
    )  # fmt: skip
    auth = parse_auth(settings.auth)
    assert auth == [("ann", "first-pass"), ("bob", "second-pass")]
    for url in serve_app(FakeBot(settings), auth=auth):
        ann = httpx.Client(base_url=url, timeout=30)
        assert ann.post("/login", data={"username": "ann", "password": "wrong"}).status_code >= 400
        assert ann.get("/config").status_code == 401
        assert ann.post("/login", data={"username": "ann", "password": "first-pass"}).is_success
        ask = {d["api_name"]: d["id"] for d in ann.get("/config").json()["dependencies"]}["ask"]
        stored = ann.post("/gradio_api/upload", files={"files": ("n.txt", b"private note")})
        (uploaded,) = stored.json()
        assert ann.get(f"/gradio_api/file={uploaded}").content == b"private note"

        page = httpx.get(url, timeout=30)
        assert page.status_code == 200 and '"auth_required":true' in page.text.replace(" ", "")
        assert "qa-question" not in page.text and "news sources" not in page.text
        stranger = {
            "/config": 401,
            "/gradio_api/info": 401,
            f"/gradio_api/file={uploaded}": 401,
            "/gradio_api/file=/etc/passwd": 401,
        }
        for path, code in stranger.items():
            status, body = raw_get(url, path)
            assert status == code and b"private note" not in body, path
        join = httpx.post(
            f"{url}gradio_api/queue/join",
            json={"data": ["Who?", []], "fn_index": ask, "session_hash": "x"},
            timeout=30,
        )
        assert join.status_code == 401
        assert (
            httpx.post(f"{url}gradio_api/call/ask", json={"data": ["Who?", []]}).status_code == 401
        )
        assert upload(url, "x.txt", b"x").status_code == 401

        with pytest.raises(ValueError, match=r"[Ll]ogin|auth|401"):
            Client(url, verbose=False)
        api = Client(url, auth=("bob", "second-pass"), verbose=False)
        assert api.predict("Who is it?", [], api_name="/ask")["question"] == "Who is it?"


def test_without_a_login_the_same_requests_answer(tmp_path: Path) -> None:
    """The control for the test above: without QA_BOT_AUTH the same requests do answer."""
    settings = Settings(corpus_dir=tmp_path / "c", store_dir=tmp_path / "s", data_dir=tmp_path)
    assert parse_auth(settings.auth) is None
    for url in serve_app(FakeBot(settings)):
        assert "qa-question" in json.dumps(config(url))
        assert raw_get(url, "/gradio_api/info")[0] == 200
        assert upload(url, "x.txt", b"x").status_code == 200
