"""The benchmark run: for each corpus size, build the corpus, then measure in fresh processes.

Per size: ingest (fresh store; throughput, stages, peak RSS, embed path versus bare model),
warm queries (p50/p95 and their pieces, recall@4), start-up to first answer (median of a few
fresh processes) and the usual recipe on the same corpus. Every measurement runs in its own
process so its peak memory and its start-up are its own.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from qa_bot.bench.corpus import build_corpus
from qa_bot.bench.worker import first_answer_seconds, run_task
from qa_bot.settings import PROJECT_ROOT

QUICK_SIZES = (1, 10)
FULL_SIZES = (1, 100, 1000)
STARTUP_QUESTION = "How many employees does Hikvision have?"


@dataclass
class BenchConfig:
    sizes: tuple[int, ...] = FULL_SIZES
    source_dir: Path = PROJECT_ROOT / "corpus"
    questions: Path = PROJECT_ROOT / "eval" / "dev_questions.jsonl"
    threads: int = 2
    rounds: int = 5  # passes over the questions for the latency percentiles
    startup_runs: int = 3
    recipe_up_to: int | None = None  # largest size the recipe runs at (None: all)
    workdir: Path | None = None  # kept when given; a temporary folder otherwise


Echo = Callable[[str], None]


def run_bench(config: BenchConfig, echo: Echo = print) -> dict[str, Any]:
    """Measure every size; the figures as one JSON-ready dict."""
    questions = load_bench_questions(config.questions)
    figures: dict[str, Any] = {
        "machine": machine_info(config.threads),
        "config": {k: str(v) if isinstance(v, Path) else v for k, v in asdict(config).items()},
        "sizes": [],
    }
    root = config.workdir or Path(tempfile.mkdtemp(prefix="qa-bot-bench-"))
    try:
        for scale in sorted(config.sizes):
            figures["sizes"].append(
                measure_size(config, scale, root / f"x{scale}", questions, echo)
            )
    finally:
        if config.workdir is None:
            shutil.rmtree(root, ignore_errors=True)
    figures["machine"]["loadavg_end"] = _loadavg()
    return figures


def measure_size(
    config: BenchConfig, scale: int, folder: Path, questions: list[dict[str, Any]], echo: Echo
) -> dict[str, Any]:
    corpus = build_corpus(config.source_dir, folder / "corpus", scale)
    if (folder / "store").exists():
        shutil.rmtree(folder / "store")
    args = {
        "corpus_dir": str(corpus.folder),
        "store_dir": str(folder / "store"),
        "threads": config.threads,
    }
    echo(f"{scale}x: {corpus.files} files, {corpus.bytes / 1e6:.1f} MB - ingesting")
    ingest = run_task("ingest", args)
    echo(f"{scale}x: {ingest['chunks']} chunks in {ingest['seconds']:.1f} s - querying")
    queries = run_task("queries", {**args, "questions": questions, "rounds": config.rounds})
    runs = [
        first_answer_seconds({**args, "question": STARTUP_QUESTION})
        for _ in range(config.startup_runs)
    ]
    size: dict[str, Any] = {
        "scale": scale,
        "files": corpus.files,
        "bytes": corpus.bytes,
        "documents": ingest["documents"],
        "paragraphs": ingest["paragraphs"],
        "chunks": ingest["chunks"],
        "ingest": ingest,
        "queries": queries,
        "startup": {"first_answer_s": statistics.median(runs), "runs_s": runs},
        "recipe": None,
    }
    if config.recipe_up_to is None or scale <= config.recipe_up_to:
        echo(f"{scale}x: the usual recipe")
        recipe_args = {
            "corpus_dir": str(corpus.folder),
            "persist_dir": str(folder / "recipe"),
            "threads": config.threads,
            "queries": queries["queries"],
            "rounds": config.rounds,
        }
        shutil.rmtree(folder / "recipe", ignore_errors=True)
        size["recipe"] = recipe = run_task("recipe", recipe_args)
        size["comparison"] = {
            "ingest_ratio": recipe["ingest_s"] / ingest["seconds"],
            "latency_ratio": recipe["p50_ms"] / queries["p50_ms"],
            "retrieval_latency_ratio": recipe["p50_ms"] / queries["retrieval_p50_ms"],
        }
    return size


def load_bench_questions(path: Path) -> list[dict[str, Any]]:
    """The development questions as plain JSON (question, history, evidence)."""
    from qa_bot.eval.questions import load_questions

    questions, _problems = load_questions(path)
    return [
        {
            "question": q.question,
            "history": [list(turn) for turn in q.history],
            "evidence": list(q.evidence) if q.answerable else [],
        }
        for q in questions
    ]


def machine_info(threads: int) -> dict[str, Any]:
    from importlib.metadata import version

    return {
        "cpus": os.cpu_count(),
        "threads": threads,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "onnxruntime": version("onnxruntime"),
        "chromadb": version("chromadb"),
        "loadavg_start": _loadavg(),
    }


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None
