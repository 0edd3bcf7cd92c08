"""Ingest against a real Chroma store in tmp_path: idempotent, edits, removals, refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from qa_bot.errors import StoreError
from qa_bot.service import QABot
from qa_bot.settings import Settings
from tests.conftest import make_settings

STORY_A = """Harbour Town Gets New Ferry

By Jane Doe

The harbour town of Eastport received its first electric ferry on Monday, the council said.

The ferry carries 120 passengers and cost 4 million dollars to build.
"""
STORY_B = """Library Extends Opening Hours

The city library will stay open until ten at night from next month, its director announced.

Readers asked for longer hours in a survey last year, and the council agreed to pay for staff.
"""


@pytest.fixture
def small(tmp_path: Path, embeddings: object) -> tuple[Settings, QABot]:
    corpus = tmp_path / "src"
    corpus.mkdir()
    (corpus / "ferry.txt").write_text(STORY_A, encoding="utf-8")
    (corpus / "library.txt").write_text(STORY_B, encoding="utf-8")
    settings = make_settings(tmp_path, corpus=corpus)
    return settings, QABot(settings, embeddings=embeddings)  # type: ignore[arg-type]


def _stored_ids(bot: QABot) -> list[str]:
    return sorted(bot.store.stored_ids())


def test_second_ingest_changes_nothing(small: tuple[Settings, QABot]) -> None:
    settings, bot = small
    first = bot.ingest(progress=False)
    assert sorted(first.added) == ["ferry", "library"] and first.embedded == first.chunks > 0
    ids = _stored_ids(bot)
    catalog = (settings.store_dir / "catalog.json").read_bytes()
    second = bot.ingest(progress=False)
    assert second.embedded == 0 and not second.changed
    assert sorted(second.unchanged) == ["ferry", "library"]
    assert _stored_ids(bot) == ids
    assert (settings.store_dir / "catalog.json").read_bytes() == catalog


def test_edited_source_replaces_its_old_chunks(small: tuple[Settings, QABot]) -> None:
    settings, bot = small
    bot.ingest(progress=False)
    before = _stored_ids(bot)
    path = settings.corpus_dir / "ferry.txt"
    path.write_text(STORY_A.replace("120 passengers", "150 passengers"), encoding="utf-8")
    report = bot.ingest(progress=False)
    assert report.updated == ["ferry"] and report.embedded == 1
    after = _stored_ids(bot)
    assert len(after) == len(before) and after != before
    texts = [p.text for p in bot.paragraphs("ferry")]
    assert any("150 passengers" in t for t in texts)
    assert not any("120 passengers" in t for t in texts)


def test_removed_source_disappears(small: tuple[Settings, QABot]) -> None:
    settings, bot = small
    bot.ingest(progress=False)
    (settings.corpus_dir / "library.txt").unlink()
    report = bot.ingest(progress=False)
    assert report.removed == ["library"]
    assert bot.status()["documents"] == 1
    assert all(i.startswith("ferry:") for i in _stored_ids(bot))


def test_rebuild_starts_over_with_the_same_ids(small: tuple[Settings, QABot]) -> None:
    _, bot = small
    bot.ingest(progress=False)
    ids = _stored_ids(bot)
    report = bot.ingest(rebuild=True, progress=False)
    assert report.embedded == len(ids) and _stored_ids(bot) == ids


def test_bad_sources_are_skipped_with_a_reason_and_the_rest_ingested(
    small: tuple[Settings, QABot],
) -> None:
    settings, bot = small
    (settings.corpus_dir / "empty.txt").write_text("", encoding="utf-8")
    (settings.corpus_dir / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (settings.corpus_dir / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1") * 10)
    report = bot.ingest(progress=False)
    skipped = dict(report.skipped)
    assert set(skipped) == {"empty.txt", "binary.txt", "latin1.txt"}
    assert all(reason for reason in skipped.values())
    assert sorted(report.added) == ["ferry", "library"]


def test_status_counts_documents_paragraphs_and_chunks(small: tuple[Settings, QABot]) -> None:
    _, bot = small
    assert bot.status() == {"documents": 0, "paragraphs": 0, "chunks": 0}
    bot.ingest(progress=False)
    counts = bot.status()
    assert counts["documents"] == 2
    assert counts["chunks"] >= counts["paragraphs"] >= 6


def test_add_files_copies_good_files_and_lists_rejected_ones(
    small: tuple[Settings, QABot], tmp_path: Path
) -> None:
    settings, bot = small
    bot.ingest(progress=False)
    upload = tmp_path / "upload"
    upload.mkdir()
    (upload / "new.md").write_text(
        "# Bakery Wins Prize\n\nThe corner bakery won the national bread prize for its rye loaf.\n",
        encoding="utf-8",
    )
    (upload / "bad.pdf").write_bytes(b"%PDF-1.4")
    report = bot.add_files([upload / "new.md", upload / "bad.pdf"])
    assert report.added == ["new"]
    assert [name for name, _ in report.skipped] == ["bad.pdf"]
    assert (settings.corpus_dir / "new.md").exists()
    assert not (settings.corpus_dir / "bad.pdf").exists()
    answer = bot.ask("Which prize did the bakery win?")
    assert not answer.abstained and answer.citations[0].source == "new"


def test_a_second_writer_is_refused_at_once(small: tuple[Settings, QABot]) -> None:
    _, bot = small
    with bot.store.write_lock(), pytest.raises(StoreError, match="another process"):
        bot.ingest(progress=False)


def test_damaged_catalog_gives_a_clear_error(small: tuple[Settings, QABot]) -> None:
    settings, bot = small
    bot.ingest(progress=False)
    path = settings.store_dir / "catalog.json"
    path.write_text(path.read_text()[:100], encoding="utf-8")
    with pytest.raises(StoreError, match="--rebuild"):
        QABot(settings, embeddings=bot.embeddings).status()


def test_store_of_another_embedding_model_is_refused(small: tuple[Settings, QABot]) -> None:
    settings, bot = small
    bot.ingest(progress=False)
    path = settings.store_dir / "catalog.json"
    data = json.loads(path.read_text())
    data["embedding_model"] = "some-other-model"
    path.write_text(json.dumps(data))
    with pytest.raises(StoreError, match="built with embeddings"):
        QABot(settings, embeddings=bot.embeddings).status()


def test_store_of_a_newer_schema_is_refused(small: tuple[Settings, QABot]) -> None:
    settings, bot = small
    bot.ingest(progress=False)
    path = settings.store_dir / "catalog.json"
    data = json.loads(path.read_text())
    data["schema"] = 99
    path.write_text(json.dumps(data))
    with pytest.raises(StoreError, match="newer"):
        QABot(settings, embeddings=bot.embeddings).status()


def test_vectors_without_a_committed_catalog_are_not_answered_from(
    small: tuple[Settings, QABot],
) -> None:
    """A kill after upsert and before commit: readers see the previous state only."""
    settings, bot = small
    bot.ingest(progress=False)
    shutil.copy(settings.store_dir / "catalog.json", settings.store_dir / "old.json")
    (settings.corpus_dir / "library.txt").unlink()
    bot.ingest(progress=False)
    shutil.copy(settings.store_dir / "old.json", settings.store_dir / "catalog.json")
    fresh = QABot(settings, embeddings=bot.embeddings)
    assert fresh.status()["documents"] == 2
    report = fresh.ingest(progress=False)
    assert report.removed == ["library"] and fresh.status()["documents"] == 1


def test_chunks_are_embedded_sorted_by_length_in_windows_that_grow_with_the_work() -> None:
    from types import SimpleNamespace

    from qa_bot.ingest import MAX_WINDOW, MIN_WINDOW, embedding_windows

    chunks = [SimpleNamespace(index_text="w" * ((i * 37) % 500 + 1)) for i in range(3000)]
    windows = embedding_windows(chunks)  # type: ignore[arg-type]
    flat = [c for window in windows for c in window]
    assert sorted(map(id, flat)) == sorted(map(id, chunks))  # each chunk once
    assert [len(c.index_text) for c in flat] == sorted(len(c.index_text) for c in chunks)
    assert len(windows[0]) == 3000 // 8
    assert len(embedding_windows(chunks[:130])[0]) == MIN_WINDOW  # type: ignore[arg-type]
    assert len(embedding_windows(chunks * 10)[0]) == MAX_WINDOW  # type: ignore[arg-type]


def test_chroma_holds_vectors_and_metadata_the_catalog_the_text(
    small: tuple[Settings, QABot],
) -> None:
    _, bot = small
    bot.ingest(progress=False)
    got = bot.store.collection.get(include=["documents", "metadatas"])
    assert got["ids"] and all(doc is None for doc in got["documents"])
    assert {m["source"] for m in got["metadatas"]} == {"ferry", "library"}
    hits = bot.chain().retriever.invoke("How many passengers does the ferry carry?")
    assert any("120 passengers" in doc.page_content for doc in hits)


def test_a_second_ingest_embeds_only_the_new_words(
    small: tuple[Settings, QABot], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, bot = small
    bot.ingest(progress=False)
    asked: list[str] = []
    embed_words = bot.embeddings.embed_words  # type: ignore[attr-defined]

    def counting(words: list[str]) -> object:
        asked.extend(words)
        return embed_words(words)

    monkeypatch.setattr(bot.embeddings, "embed_words", counting)
    story = "Tram Line Opens\n\nThe new tram line links the harbour and the stadium downtown.\n"
    (settings.corpus_dir / "tram.txt").write_text(story, encoding="utf-8")
    bot.ingest(progress=False)
    assert "tram" in asked and "stadium" in asked
    assert "ferry" not in asked and "passengers" not in asked  # vectors of the previous file
