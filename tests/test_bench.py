"""The benchmark: synthetic corpora, the report (targets, table, plot) and one quick run."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from qa_bot.bench.corpus import build_corpus, proper_names, rewrite_document
from qa_bot.bench.embedding import padded_tokens, sample_texts
from qa_bot.bench.measure import Stopwatch, _stages, percentile
from qa_bot.bench.report import check_targets, format_table, memory_growth, render_plot
from qa_bot.settings import PROJECT_ROOT
from qa_bot.sources import load_corpus

BUNDLED = PROJECT_ROOT / "corpus"


@pytest.fixture(scope="module")
def bundled_documents() -> list[Any]:
    return load_corpus(BUNDLED).documents


# -- synthetic corpora --------------------------------------------------------------------------
def test_corpus_of_three_copies_ingests_as_three_times_the_paragraphs(tmp_path: Path) -> None:
    corpus = build_corpus(BUNDLED, tmp_path / "c", 3)
    loaded = load_corpus(corpus.folder)
    bundled = load_corpus(BUNDLED)
    assert corpus.files == 3 * len(bundled.documents)
    assert loaded.skipped == []
    assert sum(len(d.paragraphs) for d in loaded.documents) == 3 * sum(
        len(d.paragraphs) for d in bundled.documents
    )


def test_copies_share_no_paragraph_text_with_the_original(tmp_path: Path) -> None:
    corpus = build_corpus(BUNDLED, tmp_path / "c", 3)
    documents = load_corpus(corpus.folder).documents
    original = {
        p.text for d in documents if not d.doc_id.startswith("synthetic") for p in d.paragraphs
    }
    copies = [p.text for d in documents if d.doc_id.startswith("synthetic") for p in d.paragraphs]
    repeated = [text for text in copies if text in original]
    # Only paragraphs without a name, a number or a synonym can repeat ("Hi there, Rob." can't).
    assert len(repeated) <= 0.1 * len(copies)
    assert len(set(copies)) >= 0.9 * len(copies)


def test_corpus_is_the_same_on_every_build(tmp_path: Path) -> None:
    first = build_corpus(BUNDLED, tmp_path / "a", 2)
    second = build_corpus(BUNDLED, tmp_path / "b", 2)
    names = sorted(p.name for p in first.folder.iterdir())
    assert names == sorted(p.name for p in second.folder.iterdir())
    for name in names:
        assert (first.folder / name).read_bytes() == (second.folder / name).read_bytes()


def test_scale_below_one_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        build_corpus(BUNDLED, tmp_path / "c", 0)


def test_proper_names_are_names_not_sentence_openers(bundled_documents: list[Any]) -> None:
    names = proper_names(bundled_documents)
    assert {"Hikvision", "Schmitz", "Pompeo", "Xinjiang", "Inskeep"} <= names
    assert not {"Well", "The", "Hi", "Byline"} & names


def test_rewrite_keeps_paragraphs_and_labels_but_changes_names_and_numbers(
    bundled_documents: list[Any],
) -> None:
    document = next(d for d in bundled_documents if d.meta.kind == "transcript")
    text = rewrite_document(document, proper_names(bundled_documents), random.Random(1))
    paragraphs = text.strip().split("\n\n")
    assert len(paragraphs) == len(document.paragraphs)
    assert "Hikvision" not in text and "SCHMITZ" not in text
    assert "30,000 employees" not in text
    pairs = zip(paragraphs, document.paragraphs, strict=True)
    turns = [text for text, original in pairs if original.speaker]
    assert turns and all(re.match(r"[A-Z][A-Z .'-]*(, [A-Z]+)?: ", turn) for turn in turns)


# -- measurement helpers -----------------------------------------------------------------------
def test_stopwatch_accumulates_per_name_and_restarts_on_take() -> None:
    watch = Stopwatch()
    double = watch.wrap("double", lambda x: 2 * x)
    assert double(4) == 8 and double(5) == 10
    taken = watch.take()
    assert set(taken) == {"double"} and taken["double"] > 0
    assert watch.take() == {}


def test_percentile_interpolates() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([], 95) == 0.0


def test_padded_tokens_follow_the_bare_models_batches() -> None:
    assert padded_tokens([3, 10, 3, 3]) == 4 * 10  # one batch, padded to its longest
    assert padded_tokens([300, 300]) == 600  # 2 x 300 > 512 tokens: two batches
    assert padded_tokens([5] * 40) == 40 * 5  # 32 rows, then 8: no padding
    assert padded_tokens([]) == 0


def test_sample_is_seeded_uniform_and_whole_when_small() -> None:
    texts = [f"text {i}" for i in range(10_000)]
    sample = sample_texts(texts, 1000)
    assert sample == sample_texts(texts, 1000) and len(set(sample)) == 1000
    positions = sorted(int(t.split()[1]) for t in sample)
    assert 4000 < positions[500] < 6000  # spread over the whole list, not one stretch
    assert sample_texts(texts[:50], 1000) == texts[:50]


def test_ingest_stages_add_up_to_the_wall_time() -> None:
    raw = {"load": 1.0, "embed_chunks": 50.0, "upsert": 3.0, "commit": 2.0, "embed_other": 0.5}
    stages = _stages(raw, 57.0)
    assert stages["other"] == pytest.approx(1.0)
    main = ("load", "embed_chunks", "upsert", "commit", "other")
    assert sum(stages[k] for k in main) == pytest.approx(57.0)
    assert stages["embed_words"] == 0.5  # inside the commit


# -- the report ----------------------------------------------------------------------------------
def _size(scale: int, p50: float, rss: float, first: float = 1.2, ratio: float = 0.95) -> dict:
    """Figures of one size; ``rss``: the query process's peak (its baseline is 290 MB)."""
    paragraphs = 48 * scale
    return {
        "scale": scale,
        "paragraphs": paragraphs,
        "chunks": 58 * scale,
        "ingest": {
            "seconds": scale * 0.5,
            "paragraphs_per_s": 96.0,
            "chunks_per_s": 116.0,
            "ingest_vs_bare": ratio,
            "embed_share": 0.95,
            "rss_before_mb": 300.0,
            "peak_rss_mb": rss + 50,
            "embedding": {
                "texts": 384,
                "threads": 2,
                "bare_texts_per_s": 120.0,
                "pipeline_texts_per_s": 114.0,
                "pipeline_vs_bare": 0.95,
            },
        },
        "queries": {
            "p50_ms": p50,
            "p95_ms": p50 * 1.5,
            "retrieval_p50_ms": p50 / 2,
            "pieces_p50_ms": {"embed": 5.0, "dense": 2.0, "lexical": 0.5, "compose": 3.0},
            "recall_at_4": 0.9,
            "rss_before_mb": 290.0,
            "peak_rss_mb": rss,
        },
        "startup": {"first_answer_s": first, "runs_s": [first]},
        "recipe": {
            "chunks": 16 * scale,
            "ingest_s": scale * 0.4,
            "p50_ms": 6.0,
            "recall_at_4": 0.8,
        },
        "comparison": {
            "ingest_ratio": 0.8,
            "latency_ratio": 6.0 / p50,
            "retrieval_latency_ratio": 12.0 / p50,
        },
    }


def _figures(*sizes: dict) -> dict:
    return {"machine": {"threads": 2, "cpus": 2}, "sizes": list(sizes)}


def test_targets_judge_each_figure() -> None:
    rows = check_targets(_figures(_size(1, 12.0, 300), _size(1000, 180.0, 900, first=3.5)))
    verdict = {row["name"]: row["ok"] for row in rows}
    assert verdict["warm answer p50, 1x (ms)"] is True
    assert verdict["warm answer p50, 1000x (ms)"] is False
    assert verdict["start-up to first answer, 1x (s)"] is True
    assert verdict["start-up to first answer, 1000x (s)"] is False
    assert verdict["ingest / bare-model throughput, 1000x"] is True


def test_memory_growth_tells_linear_from_faster_than_the_corpus() -> None:
    linear = [_size(n, 10, 290 + 0.5 * n) for n in (1, 100, 1000)]
    faster = [_size(n, 10, 290 + 0.5 * n * n / 100) for n in (100, 1000)]
    assert memory_growth(linear, "queries") == pytest.approx(1.0)
    assert memory_growth(faster, "queries") == pytest.approx(10.0)
    assert memory_growth(linear[:1], "queries") is None


def test_table_has_a_row_per_size_the_recipe_and_the_targets() -> None:
    table = format_table(_figures(_size(1, 12.0, 300), _size(10, 14.0, 310, ratio=0.5)))
    lines = table.splitlines()
    assert any(line.lstrip().startswith("1x") and "12.0" in line for line in lines)
    assert any(line.lstrip().startswith("10x") and "14.0" in line for line in lines)
    assert "0.90/0.80" in table  # recall@4 ours/theirs
    assert "MISS ingest / bare-model throughput, 10x: 0.5" in table
    assert "ok   warm answer p50, 1x (ms): 12" in table


def test_plot_is_a_png(tmp_path: Path) -> None:
    path = tmp_path / "figures.png"
    render_plot(_figures(_size(1, 12.0, 300), _size(10, 14.0, 310)), path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bad_sizes_are_a_usage_error(tmp_path: Path) -> None:
    from qa_bot.cli import main

    result = CliRunner().invoke(
        main, ["--store-dir", str(tmp_path / "s"), "bench", "--sizes", "1,ten"]
    )
    assert result.exit_code == 2
    assert "--sizes" in result.output


# -- one real run ----------------------------------------------------------------------------------
@pytest.mark.slow
def test_quick_bench_writes_sane_figures(tmp_path: Path) -> None:
    from qa_bot.cli import main

    out, plot = tmp_path / "figures.json", tmp_path / "figures.png"
    result = CliRunner().invoke(
        main,
        [
            "--store-dir",
            str(tmp_path / "store"),
            "bench",
            "--quick",
            "--rounds",
            "1",
            "--out",
            str(out),
            "--plot",
            str(plot),
            "--workdir",
            str(tmp_path / "work"),
        ],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text())
    assert {"machine", "config", "sizes", "command"} <= set(figures)
    small, large = figures["sizes"]
    assert (small["scale"], large["scale"]) == (1, 10)
    assert large["paragraphs"] == 10 * small["paragraphs"] > 0
    for size in (small, large):
        ingest, queries, recipe = size["ingest"], size["queries"], size["recipe"]
        assert ingest["chunks_per_s"] > 0 and ingest["peak_rss_mb"] > 50
        assert 0 < ingest["embed_share"] <= 1
        assert 0 < ingest["embedding"]["pipeline_vs_bare"] < 3
        assert 0 < ingest["bare_model_chunks_s"] < ingest["seconds"]  # the rest costs too
        assert ingest["ingest_vs_bare"] == ingest["bare_model_chunks_s"] / ingest["seconds"]
        main = ("load", "embed_chunks", "upsert", "commit", "other")
        assert sum(ingest["stages_s"][k] for k in main) == pytest.approx(ingest["seconds"])
        assert 0 < queries["pieces_p50_ms"]["embed"] <= queries["p50_ms"] <= queries["p95_ms"]
        assert 0 <= queries["recall_at_4"] <= 1 and 0 <= recipe["recall_at_4"] <= 1
        assert 0 < size["startup"]["first_answer_s"] < 60
        assert recipe["chunks"] < size["chunks"]  # 1000-character chunks are fewer
    assert plot.read_bytes()[:4] == b"\x89PNG"
    assert "10x" in result.output and "recall@4" in result.output
