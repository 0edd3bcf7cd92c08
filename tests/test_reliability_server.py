"""Issue 6: ``QA_BOT_CHROMA_URL`` switches the store to a Chroma server (``chromadb.HttpClient``).

A real server is started on loopback with the ``chroma run`` command chromadb installs. Ingest,
ask and status work unchanged; the vectors live in the server, the catalog and lexical index in
``QA_BOT_STORE_DIR``. ``QA_BOT_CHROMA_AUTH_HEADER`` is sent on every request (checked through a
small loopback proxy that demands a token, since the open-source server has no auth of its own);
a server that is down or refuses gives one clear line.
"""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from qa_bot.cli import main
from qa_bot.errors import StoreError
from qa_bot.service import QABot
from qa_bot.settings import Settings
from tests.test_reliability_damage import OtherModel
from tests.test_reliability_store import run_cli, small_settings, write_synthetic

CHROMA = str(Path(sys.executable).with_name("chroma"))
TOKEN_HEADER = "X-Chroma-Token"
TOKEN = "s3cret-token"
pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Chroma server on a free loopback port, for this module."""
    root = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = (root / "server.log").open("wb")
    server = subprocess.Popen(
        [CHROMA, "run", "--path", str(root / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert server.poll() is None, (root / "server.log").read_text()
                assert time.monotonic() < deadline, "the Chroma server did not start"
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(30)
        log.close()


class TokenProxy(BaseHTTPRequestHandler):
    """Forwards to the Chroma server only requests that carry the token (else 401)."""

    upstream = ("127.0.0.1", 0)

    def _forward(self) -> None:
        if self.headers.get(TOKEN_HEADER) != TOKEN:
            self.send_error(401, "Unauthorized")
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        upstream = http.client.HTTPConnection(*self.upstream, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        upstream.request(self.command, self.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        upstream.close()

    do_GET = do_POST = do_PUT = do_DELETE = _forward

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def proxy_url(chroma_url: str) -> Iterator[str]:
    host, port = chroma_url.removeprefix("http://").split(":")
    handler = type("Proxy", (TokenProxy,), {"upstream": (host, int(port))})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(autouse=True)
def shared_model(monkeypatch: pytest.MonkeyPatch, embeddings: object) -> None:
    monkeypatch.setattr("qa_bot.embeddings.make_embeddings", lambda settings: embeddings)


def cli(settings: Settings, *args: str) -> tuple[int, str, str]:
    env = {
        "QA_BOT_STORE_DIR": str(settings.store_dir),
        "QA_BOT_CORPUS_DIR": str(settings.corpus_dir),
        "QA_BOT_DATA_DIR": str(settings.data_dir),
        "QA_BOT_COLLECTION": settings.collection,
        "QA_BOT_CHROMA_URL": settings.chroma_url or "",
        "QA_BOT_CHROMA_AUTH_HEADER": settings.chroma_auth_header or "",
    }
    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("the CLI raised instead of exiting") from result.exception
    return result.exit_code, result.stdout, result.stderr


def server_count(url: str, collection: str) -> int:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    host, port = url.removeprefix("http://").split(":")
    client = chromadb.HttpClient(
        host=host, port=int(port), settings=ChromaSettings(anonymized_telemetry=False)
    )
    return int(client.get_collection(collection).count())


def test_ingest_ask_and_status_against_a_chroma_server(chroma_url: str, tmp_path: Path) -> None:
    settings = small_settings(tmp_path, chroma_url=chroma_url, collection="qa_server_test")
    write_synthetic(settings.corpus_dir, [42])
    code, out, err = cli(settings, "ingest", "--quiet")
    assert code == 0, err
    code, out, err = cli(settings, "status", "--json")
    counts = json.loads(out)
    assert code == 0 and counts["documents"] == 2
    code, out, err = cli(settings, "ask", "--json", "How many passengers does the ferry carry?")
    answer = json.loads(out)
    assert code == 0 and answer["citations"][0]["source"] == "ferry"
    assert "120 passengers" in answer["answer"]
    assert server_count(chroma_url, "qa_server_test") == counts["chunks"]
    assert not (settings.store_dir / "chroma").exists()  # no embedded store was made
    assert (settings.store_dir / "catalog.json").exists()  # the catalog stays local
    code, out, _ = cli(settings, "ingest", "--quiet")
    assert code == 0 and "0 chunks embedded" in out  # idempotent against the server too


def test_another_process_commit_is_seen_at_once(
    chroma_url: str, tmp_path: Path, embeddings: Any
) -> None:
    """A running reader (say a web-chat process) and an ingest in another process share the
    server and the store folder: the reader answers from the new documents at once."""
    settings = small_settings(tmp_path, chroma_url=chroma_url, collection="qa_server_share")
    reader = QABot(settings, embeddings=embeddings)
    assert reader.status()["documents"] == 0
    done = run_cli(settings, "ingest", "--quiet")
    assert done.returncode == 0, done.stderr
    assert reader.status()["documents"] == 1
    answer = reader.ask("How many passengers does the ferry carry?")
    assert answer.citations and answer.citations[0].source == "ferry"


def test_the_auth_header_is_sent_and_a_refusal_is_one_line(proxy_url: str, tmp_path: Path) -> None:
    settings = small_settings(
        tmp_path,
        chroma_url=proxy_url,
        chroma_auth_header=f"{TOKEN_HEADER}: {TOKEN}",
        collection="qa_server_auth",
    )
    code, _, err = cli(settings, "ingest", "--quiet")
    assert code == 0, err
    code, out, err = cli(settings, "ask", "--json", "How many passengers does the ferry carry?")
    assert code == 0 and json.loads(out)["citations"], err
    wrong = settings.model_copy(update={"chroma_auth_header": f"{TOKEN_HEADER}: wrong"})
    code, out, err = cli(wrong, "ask", "How many passengers does the ferry carry?")
    assert code == 1 and out == ""
    assert err.startswith("error: the Chroma server at") and "QA_BOT_CHROMA_AUTH_HEADER" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_server_that_is_down_is_one_line(tmp_path: Path) -> None:
    settings = small_settings(tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}")
    (settings.store_dir).mkdir(parents=True)
    code, out, err = cli(settings, "ingest", "--quiet")
    assert code == 1 and out == ""
    assert err.startswith("error: cannot reach the Chroma server") and "is it running" in err
    assert len(err.strip().splitlines()) == 1


def test_another_model_sharing_the_collection_is_refused(chroma_url: str, tmp_path: Path) -> None:
    """Two deployments on one server must not mix vectors: the collection records its model."""
    settings = small_settings(tmp_path, chroma_url=chroma_url, collection="qa_server_mix")
    code, _, err = cli(settings, "ingest", "--quiet")
    assert code == 0, err
    elsewhere = small_settings(
        tmp_path / "elsewhere", chroma_url=chroma_url, collection="qa_server_mix"
    )
    other = QABot(elsewhere, embeddings=OtherModel("tiny-16", 16))  # own folder, same collection
    with pytest.raises(StoreError, match="holds vectors of embeddings 'all-MiniLM"):
        other.ingest(progress=False)
    assert not (elsewhere.store_dir / "catalog.json").exists()
