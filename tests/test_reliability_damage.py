"""Issue 6: a damaged or foreign store gives one clear line naming ``qa-bot ingest --rebuild``
(exit 1, never a traceback, never mixed vectors), and ``--rebuild`` recovers from each.

Each case copies one healthy store, damages it, asks (and checks the message), rebuilds and
checks the store is again exactly the healthy one. The CLI runs in this process through click's
runner with the session's embedding model (fast); the case Chroma cannot open at all also runs
through the installed ``qa-bot`` command.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from qa_bot.service import QABot
from qa_bot.settings import PROJECT_ROOT, Settings
from tests.test_reliability_store import (
    catalog_bytes,
    chroma_ids,
    run_cli,
    small_settings,
    write_synthetic,
)
from tests.test_reliability_store import (
    cli_in_process as cli,
)

QUESTION = "How many passengers does the ferry carry?"


class OtherModel(Embeddings):
    """Deterministic vectors of another 'model' (its own id and size)."""

    def __init__(self, model_id: str, dimension: int) -> None:
        self.model_id, self.dimension = model_id, dimension

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")
        vector = np.random.default_rng(seed).normal(size=self.dimension)
        return list(vector / np.linalg.norm(vector))


@pytest.fixture(autouse=True)
def shared_model(monkeypatch: pytest.MonkeyPatch, embeddings: object) -> None:
    """The CLI's ``QABot(settings)`` gets the session's model instead of loading its own."""
    monkeypatch.setattr("qa_bot.embeddings.make_embeddings", lambda settings: embeddings)


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = small_settings(tmp_path_factory.mktemp("healthy"))
    write_synthetic(settings.corpus_dir, [1, 2])
    done = run_cli(settings, "ingest", "--quiet")
    assert done.returncode == 0, done.stderr
    return settings


@pytest.fixture
def copy(healthy: Settings, tmp_path: Path) -> Settings:
    """A copy of the healthy store (same corpus folder) to damage."""
    shutil.copytree(healthy.store_dir, tmp_path / "store")
    return healthy.model_copy(update={"store_dir": tmp_path / "store"})


def assert_refused_with_the_way_out(settings: Settings, *phrases: str) -> str:
    code, out, err = cli(settings, "ask", QUESTION)
    assert code == 1 and out == "", (code, out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: ") and "`qa-bot ingest --rebuild`" in err, err
    for phrase in phrases:
        assert phrase in err, err
    return err.strip()


def assert_rebuild_recovers(settings: Settings, healthy: Settings) -> None:
    code, out, err = cli(settings, "ingest", "--rebuild", "--quiet")
    assert code == 0, err
    code, out, err = cli(settings, "ask", "--json", QUESTION)
    assert code == 0, err
    assert json.loads(out)["citations"][0]["source"] == "ferry"
    assert catalog_bytes(settings) == catalog_bytes(healthy)
    assert chroma_ids(settings) == chroma_ids(healthy)


def truncate(path: Path, keep: float) -> None:
    """Keep the first ``keep`` share of the file (or that many bytes, if ``keep`` >= 1)."""
    data = path.read_bytes()
    path.write_bytes(data[: int(keep if keep >= 1 else len(data) * keep)])


def only(store: Path, pattern: str) -> Path:
    (path,) = store.glob(pattern)
    return path


DAMAGE: dict[str, tuple[Callable[[Path], None], tuple[str, ...]]] = {
    "catalog.json cut in half": (
        lambda store: truncate(store / "catalog.json", 0.5),
        ("is damaged",),
    ),
    "catalog.json emptied": (lambda store: truncate(store / "catalog.json", 0), ("is damaged",)),
    "lexical index cut in half": (
        lambda store: truncate(only(store, "lexical-*.npz"), 0.5),
        ("lexical index", "is damaged"),
    ),
    "Chroma's sqlite file emptied": (
        lambda store: truncate(store / "chroma" / "chroma.sqlite3", 0),
        ("Chroma holds fewer vectors",),
    ),
    "Chroma's sqlite file cut to its first page": (
        lambda store: truncate(store / "chroma" / "chroma.sqlite3", 4096),
        ("cannot open the Chroma store",),
    ),
    "a newer schema": (
        lambda store: _edit_catalog(store, schema=99, documents={"x": {"new": "format"}}),
        ("newer qa-bot (schema 99)",),
    ),
    "another embedding model in the catalog": (
        lambda store: _edit_catalog(store, embedding_model="e5-large"),
        ("built with embeddings 'e5-large'",),
    ),
}


def _edit_catalog(store: Path, **changes: Any) -> None:
    path = store / "catalog.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), **changes}))


@pytest.mark.slow
@pytest.mark.parametrize("case", list(DAMAGE))
def test_damaged_store_names_the_way_out_and_rebuild_recovers(
    case: str, copy: Settings, healthy: Settings
) -> None:
    damage, phrases = DAMAGE[case]
    damage(copy.store_dir)
    message = assert_refused_with_the_way_out(copy, *phrases)
    print(f"\n{case}: {message}")
    assert_rebuild_recovers(copy, healthy)


@pytest.mark.slow
def test_chroma_that_cannot_open_is_a_clean_exit_1_from_the_real_command(
    copy: Settings, healthy: Settings
) -> None:
    (copy.store_dir / "chroma" / "chroma.sqlite3").write_bytes(b"not a database" * 1000)
    done = run_cli(copy, "ask", QUESTION)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "cannot open the Chroma store" in done.stderr and "--rebuild" in done.stderr
    rebuilt = run_cli(copy, "ingest", "--rebuild", "--quiet")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert chroma_ids(copy) == chroma_ids(healthy)


@pytest.fixture
def foreign(tmp_path: Path) -> Iterator[Settings]:
    """A store built by another embedding model of 16 dimensions (same corpus, same ids)."""
    settings = small_settings(tmp_path)
    QABot(settings, embeddings=OtherModel("tiny-16", 16)).ingest(progress=False)
    yield settings


@pytest.mark.slow
def test_store_of_another_model_and_dimension_is_refused_and_rebuilt(
    foreign: Settings, embeddings: Any
) -> None:
    assert_refused_with_the_way_out(foreign, "built with embeddings 'tiny-16'")
    (foreign.store_dir / "catalog.json").unlink()  # only the vectors are left: still refused
    code, _, err = cli(foreign, "ask", QUESTION)  # (ask first builds an empty store)
    assert code == 1 and "'tiny-16' (16 dimensions)" in err and "--rebuild" in err, err
    assert not (foreign.store_dir / "catalog.json").exists()  # nothing was mixed in
    code, _, err = cli(foreign, "ingest", "--rebuild", "--quiet")
    assert code == 0, err
    vector = QABot(foreign, embeddings=embeddings).store.vectors(chroma_ids(foreign)[:1])
    assert next(iter(vector.values())).shape == (384,)


@pytest.mark.slow
def test_collection_of_another_size_made_elsewhere_is_refused(
    copy: Settings, healthy: Settings
) -> None:
    """A collection without our model record (another program made it): Chroma's own
    dimension check becomes the clear message."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    shutil.rmtree(copy.store_dir / "chroma")
    client = chromadb.PersistentClient(
        path=str(copy.store_dir / "chroma"),
        settings=ChromaSettings(anonymized_telemetry=False, allow_reset=True),
    )
    try:
        collection = client.create_collection(copy.collection)
        ids = chroma_ids(healthy)
        collection.add(ids=ids, embeddings=np.ones((len(ids), 8), dtype=np.float32))
    finally:
        client.close()  # type: ignore[attr-defined]
    assert_refused_with_the_way_out(copy, "dimension")
    assert_rebuild_recovers(copy, healthy)


# -- the HNSW index files (written once a collection holds over 1,000 vectors) ------------------
FAKE_MODEL_BOT = """
import sys
from pathlib import Path
from qa_bot.errors import QABotError
from qa_bot.service import QABot
from qa_bot.settings import Settings
from tests.test_reliability_damage import OtherModel

root, action = Path(sys.argv[1]), sys.argv[2]
settings = Settings(corpus_dir=root / "corpus", store_dir=root / "store", data_dir=root / "data")
bot = QABot(settings, embeddings=OtherModel("tiny-16", 16))
try:
    if action != "ask":
        bot.ingest(rebuild=action == "rebuild", progress=False)
    print(bot.ask("What did the council decide about Project00042?").citations[0].source)
except QABotError as exc:
    print(f"error: {exc}", file=sys.stderr)
    sys.exit(exc.exit_code)
"""


def fake_model_bot(root: Path, action: str) -> subprocess.CompletedProcess[str]:
    """The bot with a fast fake model, in its own process (a crash must not end the tests)."""
    return subprocess.run(
        [sys.executable, "-c", FAKE_MODEL_BOT, str(root), action],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hnsw")
    write_synthetic(root / "corpus", range(100))  # ~1,100 chunks
    built = fake_model_bot(root, "ingest")
    assert built.returncode == 0 and built.stdout.startswith("story-"), built.stderr
    assert list((root / "store" / "chroma").glob("*/header.bin"))
    return root


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "size"), [("header.bin", 50), ("data_level0.bin", 1000), ("length.bin", 10)]
)
def test_truncated_hnsw_file_is_a_message_not_a_crash(
    big_store: Path, tmp_path: Path, name: str, size: int
) -> None:
    root = tmp_path / "copy"
    shutil.copytree(big_store, root)
    (path,) = (root / "store" / "chroma").glob(f"*/{name}")
    with path.open("r+b") as handle:
        handle.truncate(size)
    damaged = fake_model_bot(root, "ask")
    assert damaged.returncode == 1, (damaged.returncode, damaged.stderr[-500:])
    assert damaged.stderr.startswith("error: the Chroma index file"), damaged.stderr
    assert "`qa-bot ingest --rebuild`" in damaged.stderr
    rebuilt = fake_model_bot(root, "rebuild")
    assert rebuilt.returncode == 0 and rebuilt.stdout.startswith("story-"), rebuilt.stderr
