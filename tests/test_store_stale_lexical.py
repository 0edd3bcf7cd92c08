"""A store's lexical index written by an older tokenizer (its file named by another tokenizer
version than ``Catalog.current_lexical_file``) is not read with the new one: the catalog builds
the index afresh from its chunks, in memory, until the next ingest writes it again. An index
under the current name is loaded from its file. Names and texts are invented.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from qa_bot.service import QABot
from qa_bot.settings import Settings
from qa_bot.store.catalog import CATALOG_FILE, Catalog
from qa_bot.store.lexical import LexicalIndex
from qa_bot.store.terms import terms_file_name
from tests.conftest import ingested_bot

_STORIES = {
    "turbines.txt": """Zentrix Opens a Turbine Plant in Norvale

By Pia Lund

Norvale Ledger

Zentrix opened a turbine plant in Norvale on Monday, the company said.

The plant will employ 420 workers, according to Dana Okafor, its chief executive.

Okafor said the Norvale harbour levy had delayed the plant by a year.
""",
    "levy.txt": """Norvale Council Defends Its Harbour Levy

By Tomas Rivera

Velmar Post

The Norvale council approved the harbour levy in March after a long debate.

Acme Freight, the largest shipper in Norvale, said the levy would raise its costs.
""",
}
_OLD_LEXICAL = "lexical-0123456789abcdef.npz"  # the name an older tokenizer version gave it


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, embeddings: object) -> Settings:
    """Settings of a small store ingested once for this module (each test copies it)."""
    return ingested_bot(tmp_path_factory.mktemp("stale"), _STORIES, embeddings).settings


def _copy_store(built: Settings, tmp_path: Path) -> Path:
    store_dir = tmp_path / "store"
    shutil.copytree(built.store_dir, store_dir)
    return store_dir


def _catalog_data(store_dir: Path) -> dict:
    return json.loads((store_dir / CATALOG_FILE).read_text(encoding="utf-8"))


def _age(store_dir: Path, old_index: LexicalIndex) -> None:
    """Make the store look written by an older tokenizer: its catalog names ``_OLD_LEXICAL``,
    which holds ``old_index``; the current file is gone (as after an upgrade)."""
    data = _catalog_data(store_dir)
    current = data["lexical_file"]
    old_index.save(store_dir / _OLD_LEXICAL)
    (store_dir / terms_file_name(current)).rename(store_dir / terms_file_name(_OLD_LEXICAL))
    (store_dir / current).unlink()
    data["lexical_file"] = _OLD_LEXICAL
    (store_dir / CATALOG_FILE).write_text(json.dumps(data), encoding="utf-8")


def _counting_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path ``LexicalIndex.load`` reads from, from now on."""
    loaded: list[Path] = []
    real_load = LexicalIndex.load.__func__  # type: ignore[attr-defined]

    def counting_load(cls: type[LexicalIndex], path: Path) -> LexicalIndex:
        loaded.append(path)
        return real_load(cls, path)

    monkeypatch.setattr(LexicalIndex, "load", classmethod(counting_load))
    return loaded


def test_the_ingest_names_the_index_by_the_current_tokenizer(built: Settings) -> None:
    catalog = Catalog.load(built.store_dir, _catalog_data(built.store_dir)["embedding_model"])
    assert catalog.lexical_file == catalog.current_lexical_file
    assert (built.store_dir / catalog.current_lexical_file).exists()


def test_an_index_under_the_current_name_is_loaded_from_its_file(
    built: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_dir = _copy_store(built, tmp_path)
    loaded = _counting_loads(monkeypatch)
    catalog = Catalog.load(store_dir, _catalog_data(store_dir)["embedding_model"])
    index = catalog.lexical
    assert loaded == [store_dir / catalog.current_lexical_file]
    assert index.rows == len(catalog.chunks)
    assert "turbin" in index and "levy" in index


def test_an_index_from_an_older_tokenizer_is_built_afresh_from_the_chunks(
    built: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store_dir = _copy_store(built, tmp_path)
    model = _catalog_data(store_dir)["embedding_model"]
    rows = len(Catalog.load(store_dir, model).chunks)
    # an index whose words the current tokenizer never makes (the same number of rows, so
    # reading it would raise no error: only its words would be wrong)
    _age(store_dir, LexicalIndex.build([f"oldword{row} it'll" for row in range(rows)]))
    loaded = _counting_loads(monkeypatch)
    catalog = Catalog.load(store_dir, model)
    assert catalog.lexical_file == _OLD_LEXICAL != catalog.current_lexical_file
    index = catalog.lexical
    assert loaded == []  # the old file is not read
    assert "oldword0" not in index and "it'll" not in index
    assert "turbin" in index and "levy" in index
    fresh = LexicalIndex.build([c.index_text for c in catalog.chunks])
    assert index.vocabulary == fresh.vocabulary
    terms = ["okafor", "levy"]
    assert index.scores(terms).tolist() == fresh.scores(terms).tolist()


def test_a_damaged_index_under_an_old_name_is_not_read(built: Settings, tmp_path: Path) -> None:
    store_dir = _copy_store(built, tmp_path)
    _age(store_dir, LexicalIndex.build(["x"]))
    (store_dir / _OLD_LEXICAL).write_bytes(b"not an npz file")
    catalog = Catalog.load(store_dir, _catalog_data(store_dir)["embedding_model"])
    assert catalog.lexical.rows == len(catalog.chunks)  # no StoreError: the file is unread


def test_answers_still_work_over_a_store_with_an_old_index(
    built: Settings, tmp_path: Path, embeddings: object
) -> None:
    store_dir = _copy_store(built, tmp_path)
    _age(store_dir, LexicalIndex.build(["x"]))
    # unreadable, so that reading it would fail the question with a StoreError
    (store_dir / _OLD_LEXICAL).write_bytes(b"not an npz file")
    settings = built.model_copy(update={"store_dir": store_dir})
    answer = QABot(settings, embeddings=embeddings).ask(  # type: ignore[arg-type]
        "How many workers will the Zentrix plant in Norvale employ?"
    )
    assert not answer.abstained, answer.answer
    assert "420" in answer.answer
    assert [(c.source, c.paragraph) for c in answer.citations] == [("turbines", 4)]
