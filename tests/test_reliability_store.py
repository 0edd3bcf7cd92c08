"""Issue 6, the store: one writer across processes, readers keep working and see new commits,
the same ids under any PYTHONHASHSEED. Also the helpers the other reliability tests share.

Figures (printed with ``-s``): how long a refused second writer takes, as a process and in the
chat's upload path.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from qa_bot.chat import handlers
from qa_bot.service import QABot
from qa_bot.settings import Settings
from tests.conftest import make_settings

QA_BOT = str(Path(sys.executable).with_name("qa-bot"))
TOWNS = ("Eastport", "Millbrook", "Ashford", "Lakeside", "Northfield", "Riverton", "Westbury")
THINGS = ("bridge", "library", "ferry", "school", "clinic", "stadium", "market", "tunnel", "park")
NAMES = ("Jane Doe", "Omar Haddad", "Li Wei", "Maria Costa", "Tom Becker", "Aiko Sato")
VERBS = ("approved", "delayed", "rejected", "funded", "reviewed", "expanded", "redesigned")
GROUPS = ("residents", "teachers", "engineers", "shop owners", "nurses", "farmers", "students")
SMALL_STORY = """Harbour Town Gets New Ferry

By Jane Doe

The harbour town of Eastport received its first electric ferry on Monday, the council said.

The ferry carries 120 passengers and cost 4 million dollars to build.
"""


# -- helpers shared by the reliability tests --------------------------------------------------
def synthetic_article(seed: int, edition: int = 0) -> str:
    """A news-like story of 10-14 paragraphs (one chunk each) with a unique project code."""
    rng = random.Random(seed * 1000 + edition)
    town, thing, code = rng.choice(TOWNS), rng.choice(THINGS), f"Project{seed:05d}"
    lines = [f"{town} Council Backs {code} {thing.title()} Plan", "", f"By {rng.choice(NAMES)}", ""]
    for number in range(rng.randint(8, 12)):
        group, verb = rng.choice(GROUPS), rng.choice(VERBS)
        lines += [
            f"The council of {town} {verb} the {code} {thing} on Monday after {group} asked for "
            f"it, officials said. The plan will cost {rng.randint(2, 900)} million dollars and "
            f"should be ready in {rng.randint(2019, 2031)}. Local {group} told reporters that "
            f"section {number + 1} of the {code} work matters because the old {thing} is small.",
            "",
        ]
    return "\n".join(lines)


def write_synthetic(folder: Path, seeds: Iterable[int], edition: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in seeds:
        path = folder / f"story-{seed:05d}.txt"
        path.write_text(synthetic_article(seed, edition), encoding="utf-8")
        paths.append(path)
    return paths


def small_settings(root: Path, **overrides: Any) -> Settings:
    """Settings under ``root`` whose corpus is one short story (fast to ingest)."""
    corpus = root / "src"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "ferry.txt").write_text(SMALL_STORY, encoding="utf-8")
    return make_settings(root, corpus=corpus, **overrides)


def cli_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of a ``qa-bot`` subprocess for ``settings`` (no other QA_BOT_* leaks)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_BOT_")}
    env.update(
        QA_BOT_STORE_DIR=str(settings.store_dir),
        QA_BOT_CORPUS_DIR=str(settings.corpus_dir),
        QA_BOT_DATA_DIR=str(settings.data_dir),
        QA_BOT_COLLECTION=settings.collection,
    )
    if settings.chroma_url:
        env["QA_BOT_CHROMA_URL"] = settings.chroma_url
    env.update(extra)
    return env


def run_cli(
    settings: Settings, *args: str, timeout: float = 300, **extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [QA_BOT, *args],
        env=cli_env(settings, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def cli_in_process(settings: Settings, *args: str) -> tuple[int, str, str]:
    """``qa-bot ARGS`` through click's runner for ``settings``: (exit code, stdout, stderr)."""
    from click.testing import CliRunner

    from qa_bot.cli import main

    env = {k: v for k, v in cli_env(settings).items() if k.startswith("QA_BOT_")}
    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("the CLI raised instead of exiting") from result.exception
    return result.exit_code, result.stdout, result.stderr


def chroma_ids(settings: Settings) -> list[str]:
    """Every id in the embedded Chroma collection (opened and closed again)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(
        path=str(settings.store_dir / "chroma"),
        settings=ChromaSettings(anonymized_telemetry=False, allow_reset=True),
    )
    try:
        names = [c.name for c in client.list_collections()]
        if settings.collection not in names:
            return []
        return sorted(client.get_collection(settings.collection).get(include=[])["ids"])
    finally:
        client.close()  # type: ignore[attr-defined]


def catalog_bytes(settings: Settings) -> bytes | None:
    path = settings.store_dir / "catalog.json"
    return path.read_bytes() if path.exists() else None


def catalog_chunk_ids(settings: Settings) -> list[str]:
    data = json.loads((settings.store_dir / "catalog.json").read_text(encoding="utf-8"))
    return [c["chunk_id"] for entry in data["documents"].values() for c in entry["chunks"]]


def wait_for_lock_holder(settings: Settings, pid: int, timeout: float = 120) -> None:
    """Until process ``pid`` holds the store's write lock (it writes its pid into the file)."""
    lock = settings.store_dir / ".write.lock"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text().strip() == str(pid):
            return
        time.sleep(0.02)
    raise AssertionError(f"process {pid} never took the write lock")


class Progress:
    """Reads a subprocess's stderr as it comes (tqdm's "done/total" updates) in a thread."""

    _PATTERN = re.compile(r"(\d+)/(\d+)")

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stderr is not None
        self.process = process
        self.text = ""
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(process.stderr,), daemon=True)
        self._thread.start()

    def _read(self, stream: Any) -> None:
        while chunk := os.read(stream.fileno(), 4096):
            with self._changed:
                self.text += chunk.decode("utf-8", "replace")
                self._changed.notify_all()

    def done_total(self) -> tuple[int, int] | None:
        found = self._PATTERN.findall(self.text)
        return (int(found[-1][0]), int(found[-1][1])) if found else None

    def wait(self, condition: Any, timeout: float = 300) -> bool:
        """Until ``condition(done_total)`` holds; False if the process ended first."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition(self.done_total()):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    return bool(condition(self.done_total()))
                self._changed.wait(0.01)
        return True


def start_ingest(
    settings: Settings, *args: str, **extra: str
) -> tuple[subprocess.Popen[bytes], Progress]:
    """``qa-bot ingest`` with its progress bar, read live."""
    process = subprocess.Popen(
        [QA_BOT, "ingest", *args],
        env=cli_env(settings, **extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return process, Progress(process)


def assert_one_clean_line(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1, stderr


# -- one writer ---------------------------------------------------------------------------------
class GatedEmbeddings(Embeddings):
    """The real model, but documents are embedded only once ``gate`` is set (holds the lock)."""

    def __init__(self, inner: Any, gate: threading.Event) -> None:
        self.inner, self.gate, self.waiting = inner, gate, threading.Event()
        self.model_id, self.dimension = inner.model_id, inner.dimension

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.waiting.set()
        assert self.gate.wait(300)
        return list(self.inner.embed_documents(texts))

    def embed_query(self, text: str) -> list[float]:
        return list(self.inner.embed_query(text))


@pytest.fixture
def reader(tmp_path: Path, embeddings: object) -> QABot:
    """A store holding one short story, opened by this process as a reader (and the chat)."""
    settings = small_settings(tmp_path)
    bot = QABot(settings, embeddings=embeddings)  # type: ignore[arg-type]
    bot.ingest(progress=False)
    assert bot.ask("How many passengers does the ferry carry?").citations
    return bot


@pytest.mark.slow
def test_second_writers_are_refused_at_once_while_readers_keep_working(
    reader: QABot, tmp_path: Path
) -> None:
    settings = reader.settings
    write_synthetic(settings.corpus_dir, range(16))  # ~175 chunks: the writer embeds a while
    corpus_before = sorted(p.name for p in settings.corpus_dir.iterdir())
    catalog_before = catalog_bytes(settings)
    writer, progress = start_ingest(settings)
    try:
        assert progress.wait(lambda dt: dt and 0 < dt[0] < dt[1]), progress.text
        # While the writer embeds and upserts: the chat's upload is refused, readers answer.
        upload = write_synthetic(tmp_path / "upload", [900])[0]
        started = time.monotonic()
        html, status = handlers.add_documents(reader, [str(upload)])
        chat_seconds = time.monotonic() - started
        assert "Not added:" in html and f"another process (pid {writer.pid})" in html
        assert "try again" in html and chat_seconds < 1.0
        assert "<b>1</b> document loaded" in status
        assert reader.status()["documents"] == 1
        assert reader.ask("How many passengers does the ferry carry?").citations
        assert writer.poll() is None, "the writer ended before the checks"
        # Pause the writer (it keeps the lock) for the checks that start processes.
        writer.send_signal(signal.SIGSTOP)
        started = time.monotonic()
        second = run_cli(settings, "ingest", "--quiet")
        cli_seconds = time.monotonic() - started
        assert second.returncode == 1
        assert f"another process (pid {writer.pid}) is writing the store" in second.stderr
        assert_one_clean_line(second.stderr)
        other_reader = run_cli(settings, "status", "--json")
        assert other_reader.returncode == 0 and json.loads(other_reader.stdout)["documents"] == 1
        assert sorted(p.name for p in settings.corpus_dir.iterdir()) == corpus_before
        assert catalog_bytes(settings) == catalog_before
    finally:
        writer.send_signal(signal.SIGCONT)
        writer.wait(600)
    assert writer.returncode == 0, progress.text
    print(f"\nrefused second writer: chat upload {chat_seconds * 1000:.1f} ms, "
          f"qa-bot ingest process {cli_seconds:.2f} s wall (exit 1)")  # fmt: skip
    assert reader.status()["documents"] == 17  # the committed ingest is seen at once


@pytest.mark.slow
def test_an_ingest_is_refused_while_the_chat_uploads(tmp_path: Path, embeddings: object) -> None:
    gate = threading.Event()
    gated = GatedEmbeddings(embeddings, gate)
    bot = QABot(small_settings(tmp_path), embeddings=gated)
    uploads = write_synthetic(tmp_path / "upload", [100, 101])
    result: dict[str, Any] = {}

    def upload() -> None:
        result["html"], _ = handlers.add_documents(bot, [str(p) for p in uploads])

    thread = threading.Thread(target=upload)
    thread.start()
    try:
        assert gated.waiting.wait(120), "the upload never started embedding"
        second = run_cli(bot.settings, "ingest", "--quiet")
        assert thread.is_alive()
        assert second.returncode == 1 and "another process" in second.stderr
        assert_one_clean_line(second.stderr)
    finally:
        gate.set()
        thread.join(300)
    assert "Added: ferry, story-00100, story-00101" in result["html"]
    assert bot.status()["documents"] == 3  # the short story and the two uploads


@pytest.mark.slow
def test_a_reader_sees_what_another_process_committed_in_dense_search(reader: QABot) -> None:
    """The embedded Chroma of a running reader is reopened after another process commits."""
    settings = reader.settings
    ferry = np.asarray(reader.embeddings.embed_query("ferry"))
    assert reader.store.dense_search(ferry, 4)
    write_synthetic(settings.corpus_dir, [4242])
    done = run_cli(settings, "ingest", "--quiet")
    assert done.returncode == 0, done.stderr
    reader.store.catalog()  # what every question does first
    question = "What did the council of the Project04242 plan decide?"
    hits = reader.store.dense_search(np.asarray(reader.embeddings.embed_query(question)), 4)
    assert hits[0][0].startswith("story-04242:"), hits
    answer = reader.ask("How much will the Project04242 plan cost?")
    assert answer.citations and answer.citations[0].source == "story-04242"


# -- the same ids in every process --------------------------------------------------------------
@pytest.mark.slow
def test_ids_and_files_are_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    stores = []
    for seed in ("0", "1", "4242"):
        settings = small_settings(tmp_path / f"seed-{seed}")
        write_synthetic(settings.corpus_dir, [7, 8])
        done = run_cli(settings, "ingest", "--quiet", PYTHONHASHSEED=seed)
        assert done.returncode == 0, done.stderr
        lexical = sorted(settings.store_dir.glob("*.npz"))
        stores.append(
            (
                chroma_ids(settings),
                catalog_bytes(settings),
                [(p.name, p.read_bytes()) for p in lexical],
            )
        )
    first = stores[0]
    assert len(first[0]) > 20 and first[0] == sorted(set(first[0]))
    for other in stores[1:]:
        assert other == first
    print(f"\n{len(first[0])} chunk ids identical under PYTHONHASHSEED=0, 1, 4242")
