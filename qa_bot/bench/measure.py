"""Measurements made inside one benchmark process: ingest, warm queries, embedding throughput.

Each function returns a flat dict of figures. The pieces of a query are timed by wrapping the
very objects the answer path calls (``embed_query``, ``dense_search``, ``lexical.top`` ...) on
their instances, so the split is of the real ``QABot.ask`` call, not of a re-enactment.
"""

from __future__ import annotations

import random
import resource
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from qa_bot.settings import Settings

#: Pieces of one answer, in the order the answer path runs them.
QUERY_PIECES = ("embed", "dense", "lexical", "compose")
EMBED_SAMPLE = 384  # texts compared between the pipeline and the bare model (6 ingest batches)
EMBED_ROUNDS = 3


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
        llm="extractive",
    )


# -- ingest -------------------------------------------------------------------------------------
def measure_ingest(settings: Settings) -> dict[str, Any]:
    """A fresh ingest of the corpus folder: time, stages, throughput and peak memory.

    ``ingest_vs_bare`` is the ingest's throughput as a share of the bare model's on the same
    texts: (time inside the embed path / ingest time) x (embed path / bare model, measured
    interleaved). Both factors are ratios within one process and moment, so background load
    on a shared machine slows numerator and denominator alike.
    """
    import qa_bot.ingest as ingest_module
    from qa_bot.service import QABot

    bot = QABot(settings)
    _ = bot.store.collection  # open the model and Chroma before the clock starts
    rss_before = current_rss_mb()
    watch = Stopwatch()
    counted = _hook_ingest(bot, ingest_module, watch)
    try:
        started = time.perf_counter()
        report = bot.ingest(progress=False)
        seconds = time.perf_counter() - started
    finally:
        _unhook_ingest(ingest_module)
    peak = peak_rss_mb()
    counts = bot.status()
    stages = watch.take()
    texts = [chunk.index_text for chunk in bot.store.catalog().chunks]
    embedding = measure_embedding(bot.embeddings, texts, settings.resolved_threads())
    embed_share = stages.get("embed", 0.0) / seconds
    return {
        **counts,
        "embedded": report.embedded,
        "texts_embedded": counted,
        "seconds": seconds,
        "paragraphs_per_s": counts["paragraphs"] / seconds,
        "chunks_per_s": counts["chunks"] / seconds,
        "stages_s": _stages(stages, seconds),
        "embed_share": embed_share,
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak,
        "embedding": embedding,
        "ingest_vs_bare": embed_share * embedding["pipeline_vs_bare"],
    }


_ORIGINALS: dict[str, Any] = {}


def _hook_ingest(bot: Any, module: Any, watch: Stopwatch) -> dict[str, int]:
    """Time the ingest's stages; count the texts embedded for chunks and for other uses."""
    counted = {"chunks": 0, "other": 0}
    phase = ["other"]
    embeddings, store = bot.embeddings, bot.store
    embed = watch.wrap("embed", embeddings.embed_array)

    def counting_embed(texts: Sequence[str]) -> Any:
        counted[phase[0]] += len(texts)
        return embed(texts)

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
    return counted


def _unhook_ingest(module: Any) -> None:
    for name, original in _ORIGINALS.items():
        setattr(module, name, original)
    _ORIGINALS.clear()


def _stages(raw: dict[str, float], seconds: float) -> dict[str, float]:
    """Non-overlapping stages: load, chunk embedding, Chroma upserts, commit (indexes, the
    vocabulary's word vectors, catalog), other. ``embed_all`` also counts the commit's
    embedding of the vocabulary."""
    embed_upsert, upsert = raw.get("embed_upsert", 0.0), raw.get("upsert", 0.0)
    stages = {
        "load": raw.get("load", 0.0),
        "embed_chunks": embed_upsert - upsert,
        "upsert": upsert,
        "commit": raw.get("commit", 0.0),
    }
    stages["other"] = max(0.0, seconds - sum(stages.values()))
    stages["embed_all"] = raw.get("embed", 0.0)
    return stages


# -- embedding throughput: the ingest embed path versus the bare model ---------------------
def measure_embedding(embeddings: Any, texts: Sequence[str], threads: int) -> dict[str, Any]:
    """Texts per second of the pipeline's embed path and of the bare model, interleaved.

    Bare: an onnxruntime session with the same model, threads and batch limits running
    pre-tokenized batches, length-sorted over the whole sample, in a tight loop (the best this
    model does on this machine). Pipeline: ``embed_array`` called as ingest calls it, one
    window of ``EMBED_BATCH`` texts at a time (tokenize, sort, batch, pool, normalise).
    The two alternate window by window, each the best of a few runs, so that background load
    on a shared machine hits both alike.
    """
    from qa_bot.ingest import EMBED_BATCH

    sample = _sample(texts, EMBED_SAMPLE)
    windows = [sample[b : b + EMBED_BATCH] for b in range(0, len(sample), EMBED_BATCH)]
    session, feeds = _bare_model(embeddings, sample, threads)
    groups = [list(g) for g in np.array_split(np.arange(len(feeds)), len(windows))]
    session.run(None, feeds[0])
    embeddings.embed_array(windows[0])  # warm both
    bare = pipeline = 0.0
    for window, group in zip(windows, groups, strict=True):
        bare += _best_of(partial(_run_feeds, session, [feeds[i] for i in group]))
        pipeline += _best_of(partial(embeddings.embed_array, window))
    return {
        "texts": len(sample),
        "tokens": sum(int(f["attention_mask"].sum()) for f in feeds),
        "threads": threads,
        "bare_texts_per_s": len(sample) / bare,
        "pipeline_texts_per_s": len(sample) / pipeline,
        "pipeline_vs_bare": bare / pipeline,
    }


def _run_feeds(session: Any, feeds: list[dict[str, np.ndarray]]) -> None:
    for feed in feeds:
        session.run(None, feed)


def _best_of(run: Callable[[], object], times: int = EMBED_ROUNDS) -> float:
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def _sample(texts: Sequence[str], limit: int) -> list[str]:
    """A contiguous run in ingest order (what one ingest batch sees), from a fixed offset."""
    if len(texts) <= limit:
        return list(texts)
    start = random.Random(0).randrange(0, len(texts) - limit)
    return list(texts[start : start + limit])


def _bare_model(
    embeddings: Any, texts: Sequence[str], threads: int
) -> tuple[Any, list[dict[str, np.ndarray]]]:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    from qa_bot.embeddings.onnx_minilm import MAX_TOKENS, TOKENIZER_PATH, _model_path

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(str(_model_path()), options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    ids = [e.ids for e in tokenizer.encode_batch(list(texts))]
    feeds = []
    for batch in embeddings._batches([len(i) for i in ids]):  # sorted over the whole sample
        rows = [ids[i] for i in batch]
        width = max(len(r) for r in rows)
        input_ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros_like(input_ids)
        for row, tokens in enumerate(rows):
            input_ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1
        feeds.append(
            {
                "input_ids": input_ids,
                "attention_mask": mask,
                "token_type_ids": np.zeros_like(input_ids),
            }
        )
    return session, feeds


# -- warm queries -------------------------------------------------------------------------------
def measure_queries(
    settings: Settings, questions: Sequence[dict[str, Any]], rounds: int
) -> dict[str, Any]:
    """Warm latency of ``QABot.ask`` (p50/p95) split into its pieces, and recall@4."""
    from qa_bot.service import QABot

    bot = QABot(settings)
    chain = bot.chain()
    watch = _hook_answer_path(bot, chain)
    for question in questions:  # warm: first loads of the catalog, index, model pages
        bot.ask(question["question"], question["history"])
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
    recall, queries = _our_recall(bot, chain, questions)
    return {
        "asks": len(totals),
        "p50_ms": percentile(totals, 50),
        "p95_ms": percentile(totals, 95),
        "pieces_p50_ms": {name: percentile(v, 50) for name, v in pieces.items()},
        "retrieval_p50_ms": percentile(pieces["retrieval"], 50),
        "recall_at_4": recall,
        "queries": queries,
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
    bot: Any, chain: Any, questions: Sequence[dict[str, Any]]
) -> tuple[float | None, list[dict[str, Any]]]:
    """Recall@4 over the paragraphs of the top-4 chunks; also the standalone queries used."""
    from qa_bot.answer.question import clean_question
    from qa_bot.eval.metrics import contains_any

    catalog = bot.store.catalog()
    queries: list[dict[str, Any]] = []
    hits = 0
    for question in questions:
        if not question["evidence"]:
            continue
        text = clean_question(question["question"], bot.settings.max_question_chars)
        query = chain._standalone(text, [tuple(turn) for turn in question["history"]])
        top = chain.retriever.search(query).hits[:4]
        paragraphs = [catalog.paragraph(h.chunk.doc_id, h.chunk.paragraph_start).text for h in top]
        found = any(contains_any(p, question["evidence"]) for p in paragraphs)
        hits += found
        queries.append({"query": query, "evidence": question["evidence"]})
    return (hits / len(queries) if queries else None), queries
