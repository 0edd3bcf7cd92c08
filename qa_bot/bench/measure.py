"""Measurements made inside one benchmark process: ingest, warm queries, embedding throughput.

Each function returns a flat dict of figures. The pieces of a query are timed by wrapping the
very objects the answer path calls (``embed_query``, ``dense_search``, ``lexical.top`` ...) on
their instances, so the split is of the real ``QABot.ask`` call, not of a re-enactment.
"""

from __future__ import annotations

import resource
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from qa_bot.bench.embedding import measure_embedding
from qa_bot.settings import Settings

#: Pieces of one answer, in the order the answer path runs them.
QUERY_PIECES = ("embed", "dense", "lexical", "compose")


# -- small helpers ------------------------------------------------------------------------------
def peak_rss_mb() -> float:
    """This process's peak resident set size so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values, dtype=np.float64), q)) if values else 0.0


class Stopwatch:
    """Accumulates seconds per named piece; ``wrap`` times every call of a callable."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - started

        return timed

    def take(self) -> dict[str, float]:
        """The seconds so far, then start again from zero."""
        taken = dict(self.seconds)
        self.seconds.clear()
        return taken


def bench_settings(corpus_dir: Path, store_dir: Path, threads: int) -> Settings:
    return Settings(
        corpus_dir=corpus_dir,
        store_dir=store_dir,
        data_dir=store_dir.parent / "data",
        threads=threads,
        llm="extractive",  # the default answer path
        embeddings="minilm-onnx",  # the model the bare runs and the recipe use
        chroma_url=None,  # the embedded store, in this process
    )


# -- ingest -------------------------------------------------------------------------------------
def measure_ingest(settings: Settings) -> dict[str, Any]:
    """A fresh ingest of the corpus folder: time, stages, throughput and peak memory.

    ``ingest_vs_bare`` is the ingest's throughput as a share of the bare model's: the time the
    bare model would need to embed the chunk texts, divided by the ingest's wall time. That
    time is measured, not inferred from our own embedding time: the bare model's median time
    on a uniform random sample of the chunk texts (see ``qa_bot.bench.embedding``), scaled by
    the tokens it would run for all of them (padding included) over those it ran for the
    sample. Everything else the ingest
    does (reading, Chroma upserts, the indexes, the word vectors, the catalog) counts against
    it. ``ingest_vs_bare_by_embed_time`` is a cross-check: (chunk-embedding time x embed
    path / bare model) / wall time.
    """
    import qa_bot.ingest as ingest_module
    from qa_bot.service import QABot

    bot = QABot(settings)
    _ = bot.store.collection  # open the model and Chroma before the clock starts
    rss_before = current_rss_mb()
    watch = Stopwatch()
    counted, calls = _hook_ingest(bot, ingest_module, watch)
    try:
        started = time.perf_counter()
        report = bot.ingest(progress=False)
        seconds = time.perf_counter() - started
    finally:
        _unhook_ingest(ingest_module)
    peak = peak_rss_mb()
    counts = bot.status()
    stages = _stages(watch.take(), seconds)
    texts = [text for call in calls for text in call]
    window = max((len(call) for call in calls), default=0)
    embedding = measure_embedding(bot.embeddings, texts, window, settings.resolved_threads())
    bare_seconds = embedding["bare_s_all_texts"]
    return {
        **counts,
        "embedded": report.embedded,
        "texts_embedded": counted,
        "seconds": seconds,
        "paragraphs_per_s": counts["paragraphs"] / seconds,
        "chunks_per_s": counts["chunks"] / seconds,
        "stages_s": stages,
        "embed_share": stages["embed_chunks"] / seconds,
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak,
        "embedding": embedding,
        "bare_model_chunks_s": bare_seconds,
        "ingest_vs_bare": bare_seconds / seconds,
        "ingest_vs_bare_by_embed_time": stages["embed_chunks"]
        * embedding["pipeline_vs_bare"]
        / seconds,
    }


_ORIGINALS: dict[str, Any] = {}


def _hook_ingest(bot: Any, module: Any, watch: Stopwatch) -> tuple[dict[str, int], list[list[str]]]:
    """Time the ingest's stages; count the texts embedded for chunks and for other uses;
    keep the chunk texts of each embed call, as the calls were made (for the bare model)."""
    counted = {"chunks": 0, "other": 0}
    calls: list[list[str]] = []
    phase = ["other"]
    embeddings, store = bot.embeddings, bot.store
    embed = {
        "chunks": watch.wrap("embed_chunks", embeddings.embed_array),
        "other": watch.wrap("embed_other", embeddings.embed_array),
    }

    def counting_embed(texts: Sequence[str], **limits: Any) -> Any:
        counted[phase[0]] += len(texts)
        if phase[0] == "chunks":
            calls.append(list(texts))
        return embed[phase[0]](texts, **limits)

    def chunk_phase(*args: Any, **kwargs: Any) -> Any:
        phase[0] = "chunks"
        try:
            return embed_and_upsert(*args, **kwargs)
        finally:
            phase[0] = "other"

    embeddings.embed_array = counting_embed
    store.upsert = watch.wrap("upsert", store.upsert)
    # Stage hooks on the ingest module's functions; a stage the module no longer has is
    # simply not reported (the total and the embedding time still are).
    _ORIGINALS.update(
        (name, getattr(module, name))
        for name in ("load_corpus", "_embed_and_upsert", "_commit")
        if hasattr(module, name)
    )
    if "_embed_and_upsert" in _ORIGINALS:
        embed_and_upsert = watch.wrap("embed_upsert", _ORIGINALS["_embed_and_upsert"])
        module._embed_and_upsert = chunk_phase
    for name, stage in (("load_corpus", "load"), ("_commit", "commit")):
        if name in _ORIGINALS:
            setattr(module, name, watch.wrap(stage, _ORIGINALS[name]))
    return counted, calls


def _unhook_ingest(module: Any) -> None:
    for name, original in _ORIGINALS.items():
        setattr(module, name, original)
    _ORIGINALS.clear()


def _stages(raw: dict[str, float], seconds: float) -> dict[str, float]:
    """Stages of the ingest's wall time, not overlapping: load, chunk embedding, Chroma
    upserts, commit (indexes, the vocabulary's word vectors, catalog), other; then
    ``embed_words``, the part of the commit spent embedding the vocabulary."""
    stages = {
        "load": raw.get("load", 0.0),
        "embed_chunks": raw.get("embed_chunks", 0.0),
        "upsert": raw.get("upsert", 0.0),
        "commit": raw.get("commit", 0.0),
    }
    stages["other"] = max(0.0, seconds - sum(stages.values()))
    stages["embed_words"] = raw.get("embed_other", 0.0)
    return stages


# -- warm queries -------------------------------------------------------------------------------
def measure_queries(
    settings: Settings, questions: Sequence[dict[str, Any]], rounds: int
) -> dict[str, Any]:
    """Warm latency of ``QABot.ask`` (p50/p95) split into its pieces, and recall@4."""
    from qa_bot.service import QABot

    bot = QABot(settings)
    _ = bot.store.collection  # the model and Chroma: what any process holds before data
    rss_before = current_rss_mb()
    chain = bot.chain()
    watch = _hook_answer_path(bot, chain)
    standalone = [  # warm: first loads of the catalog, index, model pages
        bot.ask(question["question"], question["history"]).standalone_question
        for question in questions
    ]
    watch.take()
    totals: list[float] = []
    pieces: dict[str, list[float]] = {name: [] for name in (*QUERY_PIECES, "retrieval")}
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            bot.ask(question["question"], question["history"])
            totals.append((time.perf_counter() - started) * 1000)
            taken = watch.take()
            for name in pieces:
                pieces[name].append(taken.get(name, 0.0) * 1000)
    recall, queries = _our_recall(bot, chain, questions, standalone)
    return {
        "asks": len(totals),
        "p50_ms": percentile(totals, 50),
        "p95_ms": percentile(totals, 95),
        "pieces_p50_ms": {name: percentile(v, 50) for name, v in pieces.items()},
        "retrieval_p50_ms": percentile(pieces["retrieval"], 50),
        "recall_at_4": recall,
        "queries": queries,
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak_rss_mb(),
    }


def _hook_answer_path(bot: Any, chain: Any) -> Stopwatch:
    """Wrap, on their instances, the calls each piece of an answer is made of."""
    watch = Stopwatch()
    lexical = bot.store.catalog().lexical
    for owner, name, piece in (
        (bot.embeddings, "embed_query", "embed"),
        (bot.store, "dense_search", "dense"),
        (bot.store, "vectors", "dense"),  # cosine of the hits only BM25 found
        (lexical, "top", "lexical"),
        (chain, "_extractive", "compose"),
        (chain.retriever, "search", "retrieval"),
    ):
        if hasattr(owner, name):  # object.__setattr__: the retriever is a pydantic model
            object.__setattr__(owner, name, watch.wrap(piece, getattr(owner, name)))
    return watch


def _our_recall(
    bot: Any, chain: Any, questions: Sequence[dict[str, Any]], standalone: Sequence[str]
) -> tuple[float | None, list[dict[str, Any]]]:
    """Recall@4 over the paragraphs of the top-4 chunks, for the questions with evidence.

    The query is the standalone question the answer path searched with (follow-ups resolved);
    the same queries go to the usual recipe, so both are judged on the same searches.
    """
    from qa_bot.eval.metrics import contains_any

    catalog = bot.store.catalog()
    queries: list[dict[str, Any]] = []
    found = 0
    for question, query in zip(questions, standalone, strict=True):
        if not question["evidence"]:
            continue
        top = chain.retriever.search(query).hits[:4]
        paragraphs = [catalog.paragraph(h.chunk.doc_id, h.chunk.paragraph_start).text for h in top]
        found += any(contains_any(p, question["evidence"]) for p in paragraphs)
        queries.append({"query": query, "evidence": question["evidence"]})
    return (found / len(queries) if queries else None), queries
