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
    """A fresh ingest of the corpus folder: time, stages, throughput and peak memory."""
    import qa_bot.ingest as ingest_module
    from qa_bot.service import QABot

    bot = QABot(settings)
    _ = bot.store.collection  # open the model and Chroma before the clock starts
    rss_before = current_rss_mb()
    watch = Stopwatch()
    embeddings: Any = bot.embeddings
    embeddings.embed_array = watch.wrap("embed", embeddings.embed_array)
    bot.store.upsert = watch.wrap("upsert", bot.store.upsert)  # type: ignore[method-assign]
    load_corpus = ingest_module.load_corpus
    ingest_module.load_corpus = watch.wrap("load", load_corpus)
    commit = ingest_module._commit
    ingest_module._commit = watch.wrap("commit", commit)
    try:
        started = time.perf_counter()
        report = bot.ingest(progress=False)
        seconds = time.perf_counter() - started
    finally:
        ingest_module.load_corpus = load_corpus
        ingest_module._commit = commit
    peak = peak_rss_mb()
    counts = bot.status()
    stages = watch.take()
    stages["other"] = max(0.0, seconds - sum(stages.values()))
    texts = [chunk.index_text for chunk in bot.store.catalog().chunks]
    embed_figures = measure_embedding(bot.embeddings, texts, settings.resolved_threads())
    return {
        **counts,
        "embedded": report.embedded,
        "seconds": seconds,
        "paragraphs_per_s": counts["paragraphs"] / seconds,
        "chunks_per_s": counts["chunks"] / seconds,
        "stages_s": stages,
        "rss_before_mb": rss_before,
        "peak_rss_mb": peak,
        "embedding": embed_figures,
        "ingest_vs_bare": (counts["chunks"] / seconds) / embed_figures["bare_texts_per_s"],
    }


# -- embedding throughput: the ingest embed path versus the bare model ---------------------
def measure_embedding(embeddings: Any, texts: Sequence[str], threads: int) -> dict[str, Any]:
    """Texts per second of the pipeline's embed path and of the bare model, interleaved.

    Bare: an onnxruntime session with the same model and threads running pre-tokenized,
    length-sorted, dynamically padded batches in a tight loop (the hardware's limit for this
    model). Pipeline: ``embed_array`` called as ingest calls it (tokenize, batch, pool,
    normalise). Best of a few interleaved rounds, so background load hits both alike.
    """
    from qa_bot.ingest import EMBED_BATCH

    sample = _sample(texts, EMBED_SAMPLE)
    session, feeds = _bare_model(embeddings, sample, threads)
    session.run(None, feeds[0])
    embeddings.embed_array(sample[:EMBED_BATCH])  # warm both
    bare: list[float] = []
    pipeline: list[float] = []
    for _ in range(EMBED_ROUNDS):
        started = time.perf_counter()
        for feed in feeds:
            session.run(None, feed)
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        for begin in range(0, len(sample), EMBED_BATCH):
            embeddings.embed_array(sample[begin : begin + EMBED_BATCH])
        pipeline.append(time.perf_counter() - started)
    bare_rate, pipeline_rate = len(sample) / min(bare), len(sample) / min(pipeline)
    return {
        "texts": len(sample),
        "tokens": sum(int(f["attention_mask"].sum()) for f in feeds),
        "threads": threads,
        "bare_texts_per_s": bare_rate,
        "pipeline_texts_per_s": pipeline_rate,
        "pipeline_vs_bare": pipeline_rate / bare_rate,
    }


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
    ids = sorted((e.ids for e in tokenizer.encode_batch(list(texts))), key=len)
    batch = int(getattr(embeddings, "_batch_size", 32))
    feeds = []
    for begin in range(0, len(ids), batch):
        rows = ids[begin : begin + batch]
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
    watch = Stopwatch()
    store, embeddings = bot.store, bot.embeddings
    embeddings.embed_query = watch.wrap("embed", embeddings.embed_query)
    store.dense_search = watch.wrap("dense", store.dense_search)
    store.vectors = watch.wrap("dense", store.vectors)  # cosine of BM25-only hits
    lexical = store.catalog().lexical
    lexical.top = watch.wrap("lexical", lexical.top)
    chain._extractive = watch.wrap("compose", chain._extractive)
    retriever = chain.retriever
    object.__setattr__(retriever, "search", watch.wrap("retrieval", retriever.search))
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
