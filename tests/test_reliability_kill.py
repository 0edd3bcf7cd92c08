"""Issue 6: ``qa-bot ingest`` killed with SIGKILL at random points, then run again.

Each trial changes the corpus (new, edited and removed stories, ~80 chunks to embed), starts
``qa-bot ingest``, kills it (while it embeds and upserts, once embedding is done and it writes
the indexes, the catalog and deletes stale vectors, or at a random time), checks what a reader
would see right after the kill, then runs ``qa-bot ingest`` again and checks the store is exactly
what the corpus says. At the end the store is compared, byte for byte and vector for vector,
with an uninterrupted ingest of the same corpus into a fresh store.

Reproduce a run: ``RELIABILITY_SEED=<seed printed with -s> pytest tests/test_reliability_kill.py``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from qa_bot.chunking import chunk_document
from qa_bot.settings import Settings
from qa_bot.sources import load_corpus
from tests.test_reliability_store import (
    catalog_bytes,
    catalog_chunk_ids,
    chroma_ids,
    run_cli,
    start_ingest,
    write_synthetic,
)

TRIALS = 10
MODES = ("embedding", "write", "commit", "embedding", "random")
NEW_STORIES = {"embedding": 12, "random": 8}  # ~130 chunks: two batches of 64 and more
KEEP = 12  # stories in the corpus after a change (more are removed: stale vectors to delete)


def expected_ids(settings: Settings) -> list[str]:
    """The chunk ids an uninterrupted ingest of the corpus folder stores, in catalog order."""
    loaded = load_corpus(settings.corpus_dir)
    return [
        c.chunk_id for d in loaded.documents for c in chunk_document(d, settings.chunk_max_chars)
    ]


def change_corpus(settings: Settings, trial: int, rng: random.Random, new: int) -> None:
    """Add ``new`` stories, edit one, remove some (so the ingest embeds and deletes)."""
    corpus = settings.corpus_dir
    existing = sorted(corpus.glob("story-*.txt"))
    edited = rng.choice(existing)
    write_synthetic(corpus, [int(edited.stem.split("-")[1])], edition=trial + 1)
    others = [p for p in existing if p != edited]
    for path in rng.sample(others, min(len(others), max(1, len(existing) + new - KEEP))):
        path.unlink()
    write_synthetic(corpus, range(1000 + 20 * trial, 1000 + 20 * trial + new))


def kill_during(settings: Settings, mode: str, rng: random.Random, typical: float) -> str:
    """Start an ingest, SIGKILL it as ``mode`` says; return where it was when killed."""
    process, progress = start_ingest(settings)
    started = time.monotonic()
    if mode == "embedding":
        progress.wait(lambda dt: dt is not None and 0 < dt[0] < dt[1])
        time.sleep(rng.uniform(0, 0.25))
    elif mode == "write":
        progress.wait(lambda dt: dt is not None and dt[0] == dt[1])
        time.sleep(rng.uniform(0, 0.15))
    elif mode == "commit":  # at once after the new catalog replaces the old one
        catalog = settings.store_dir / "catalog.json"
        version = catalog.stat().st_ino
        while process.poll() is None and catalog.stat().st_ino == version:
            time.sleep(0.0005)
    else:
        time.sleep(rng.uniform(0.2, typical))
    shown = progress.done_total()
    if process.poll() is not None:
        return "finished before the kill"
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    assert process.returncode == -signal.SIGKILL
    elapsed = time.monotonic() - started
    if shown is None:
        return f"starting ({elapsed:.1f} s)"
    if shown[0] < shown[1]:
        return f"embedding and upserting ({shown[0]}/{shown[1]} chunks)"
    return f"writing: indexes, catalog, stale deletes ({elapsed:.2f} s)"


def assert_reader_view_is_whole(settings: Settings, before: bytes | None, after: list[str]) -> str:
    """Right after a kill: the catalog is the old or the new one, every chunk it lists has a
    vector, and no temporary file is taken for a real one."""
    committed = catalog_bytes(settings)
    listed = catalog_chunk_ids(settings)
    stored = set(chroma_ids(settings))
    assert set(listed) <= stored, "the catalog lists chunks that have no vector"
    if committed == before:
        return "old catalog"
    assert sorted(listed) == sorted(after), "a catalog that is neither the old nor the new one"
    return "new catalog, stale vectors left" if stored != set(after) else "new catalog"


def assert_store_matches_corpus(settings: Settings) -> None:
    want = expected_ids(settings)
    listed = catalog_chunk_ids(settings)
    stored = chroma_ids(settings)
    assert listed == want, "the catalog differs from an uninterrupted ingest"
    assert stored == sorted(want), "Chroma holds other vectors than the catalog lists"
    assert len(set(stored)) == len(stored)
    data = json.loads((settings.store_dir / "catalog.json").read_text(encoding="utf-8"))
    corpus_docs = {p.stem for p in settings.corpus_dir.glob("*.txt")}
    assert set(data["documents"]) == corpus_docs  # no document missing, none half there
    files = sorted(p.name for p in settings.store_dir.iterdir())
    assert not [f for f in files if f.endswith(".tmp")], f"temporary files left: {files}"
    assert [f for f in files if f.startswith("lexical-")] == [data["lexical_file"]], files


def vectors(settings: Settings) -> dict[str, np.ndarray]:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(
        path=str(settings.store_dir / "chroma"),
        settings=ChromaSettings(anonymized_telemetry=False, allow_reset=True),
    )
    try:
        got = client.get_collection(settings.collection).get(include=["embeddings"])
        embeddings = got["embeddings"]
        assert embeddings is not None
        return {i: np.asarray(v) for i, v in zip(got["ids"], embeddings, strict=True)}
    finally:
        client.close()  # type: ignore[attr-defined]


@pytest.mark.slow
def test_killed_ingests_end_in_the_state_of_an_uninterrupted_one(tmp_path: Path) -> None:
    seed = int(os.environ.get("RELIABILITY_SEED", time.time_ns() % 100_000))
    rng = random.Random(seed)
    print(f"\nRELIABILITY_SEED={seed}")
    corpus = tmp_path / "corpus"
    write_synthetic(corpus, range(KEEP))
    settings = Settings(corpus_dir=corpus, store_dir=tmp_path / "store", data_dir=tmp_path)
    started = time.monotonic()
    first = run_cli(settings, "ingest", "--quiet")
    assert first.returncode == 0, first.stderr
    typical = time.monotonic() - started
    outcomes: Counter[str] = Counter()
    for trial in range(TRIALS):
        mode = MODES[trial % len(MODES)]
        change_corpus(settings, trial, rng, NEW_STORIES.get(mode, 4))
        before, after = catalog_bytes(settings), expected_ids(settings)
        where = kill_during(settings, mode, rng, typical)
        seen = assert_reader_view_is_whole(settings, before, after)
        rerun = run_cli(settings, "ingest", "--quiet")
        assert rerun.returncode == 0, rerun.stderr
        assert_store_matches_corpus(settings)
        outcomes[f"{where.split(' (')[0]} -> {seen}"] += 1
        print(f"trial {trial + 1}: killed while {where}; then: {seen}; re-run: exact")
    fresh = Settings(corpus_dir=corpus, store_dir=tmp_path / "fresh", data_dir=tmp_path)
    done = run_cli(fresh, "ingest", "--quiet")
    assert done.returncode == 0, done.stderr
    assert catalog_bytes(settings) == catalog_bytes(fresh)
    npz = [sorted((p.name, p.read_bytes()) for p in s.store_dir.glob("*.npz"))
           for s in (settings, fresh)]  # fmt: skip
    assert npz[0] == npz[1]
    killed, clean = vectors(settings), vectors(fresh)
    assert sorted(killed) == sorted(clean)
    worst = max(float(np.abs(killed[i] - clean[i]).max()) for i in clean)
    assert worst < 1e-4
    print(dict(outcomes), f"max vector difference {worst:.2e}")
    embedding = sum(n for k, n in outcomes.items() if k.startswith("embedding"))
    writing = sum(n for k, n in outcomes.items() if k.startswith("writing"))
    assert embedding >= 3 and writing >= 2, outcomes
