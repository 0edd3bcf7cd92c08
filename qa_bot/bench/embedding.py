"""Embedding throughput: the ingest's embed path versus the bare model, on the same texts.

The sample is a seeded, uniform random sample of the chunk texts the ingest embedded, so every
length appears in it as often as in the corpus. The bare model is the fastest this model runs
on this machine: an onnxruntime session with the same model file and threads, fed
pre-tokenized batches sorted by length over the whole sample, in a tight loop. The embed path
is what ingest does with the same texts: sort them by length, cut them into windows of the
ingest's size and call ``embed_array`` on each (tokenize, batch, run, pool, normalise).

The two alternate, round after round (which one goes first alternates too), so background
load on a shared machine hits both alike; the ratio is the median of the rounds' ratios. Small
samples get more rounds (each side embeds at least ``EMBED_MIN_TEXTS`` texts).

What the bare model would need for all the chunk texts is its median time on the sample,
scaled by the tokens (padding included) it would run for all of them, sorted together and
batched by its policy, over the tokens it ran for the sample.
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

EMBED_SAMPLE = 1024  # texts compared
EMBED_ROUNDS = 4  # alternating rounds at least ...
EMBED_MIN_TEXTS = 4096  # ... and enough rounds that each side embeds this many texts
EMBED_MAX_ROUNDS = 40
BARE_ROWS, BARE_TOKENS = 32, 512  # the bare model's batches (fastest fixed policy measured)


def measure_embedding(
    embeddings: Any,
    texts: Sequence[str],
    window: int,
    threads: int,
    sample_size: int = EMBED_SAMPLE,
) -> dict[str, Any]:
    """Texts per second of the embed path (``embeddings.embed_array`` on length-sorted windows
    of ``window`` texts, as ingest calls it) and of the bare model on the same sample of
    ``texts``, their ratio, and the bare model's seconds per text."""
    sample = sample_texts(texts, sample_size)
    if not sample:
        return {"texts": 0, "threads": threads, "pipeline_vs_bare": 0.0, "bare_s_all_texts": 0.0}
    session, feeds = _bare_model(sample, threads)
    ordered = sorted(sample, key=len)
    size = max(1, window)
    windows = [ordered[begin : begin + size] for begin in range(0, len(ordered), size)]

    def bare() -> None:
        _run_feeds(session, feeds)

    def pipeline() -> None:
        for texts_window in windows:
            embeddings.embed_array(texts_window)

    bare()  # warm both
    pipeline()
    rounds = min(EMBED_MAX_ROUNDS, max(EMBED_ROUNDS, math.ceil(EMBED_MIN_TEXTS / len(sample))))
    bare_s, pipeline_s = [], []
    for round_ in range(rounds):
        first, second = (bare, pipeline) if round_ % 2 == 0 else (pipeline, bare)
        times = {first: _seconds(first), second: _seconds(second)}
        bare_s.append(times[bare])
        pipeline_s.append(times[pipeline])
    ratios = [b / p for b, p in zip(bare_s, pipeline_s, strict=True)]
    sample_padded = sum(int(f["input_ids"].size) for f in feeds)
    all_padded = padded_tokens([len(e.ids) for e in _tokenizer().encode_batch(list(texts))])
    return {
        "texts": len(sample),
        "tokens": sum(int(f["attention_mask"].sum()) for f in feeds),
        "threads": threads,
        "window": size,
        "rounds": rounds,
        "bare_texts_per_s": len(sample) / statistics.median(bare_s),
        "pipeline_texts_per_s": len(sample) / statistics.median(pipeline_s),
        "pipeline_vs_bare": statistics.median(ratios),
        "pipeline_vs_bare_rounds": ratios,
        "bare_s_per_text": statistics.median(bare_s) / len(sample),
        # all the texts, sorted together, batched as the bare model does: less padding than
        # in the sample (where neighbours in length order are further apart)
        "bare_s_all_texts": statistics.median(bare_s) * all_padded / sample_padded,
        "padded_tokens_sample": sample_padded,
        "padded_tokens_all": all_padded,
    }


def _run_feeds(session: Any, feeds: list[dict[str, np.ndarray]]) -> None:
    for feed in feeds:
        session.run(None, feed)


def _seconds(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def sample_texts(texts: Sequence[str], limit: int = EMBED_SAMPLE) -> list[str]:
    """A seeded uniform random sample of ``limit`` texts (all of them if fewer)."""
    if len(texts) <= limit:
        return list(texts)
    return random.Random(0).sample(list(texts), limit)


def _bare_batches(lengths: Sequence[int]) -> list[list[int]]:
    """Indexes of texts sorted by token length, cut into batches of <= 32 rows and <= 512
    padded tokens: the fastest fixed policy measured for this model on 2 cores (and
    independent of the pipeline's own knobs, so tuning those cannot move the baseline)."""
    batches: list[list[int]] = []
    for index in sorted(range(len(lengths)), key=lengths.__getitem__):
        width = lengths[index]
        last = batches[-1] if batches else None
        if last is None or len(last) >= BARE_ROWS or (len(last) + 1) * width > BARE_TOKENS:
            batches.append([index])
        else:
            last.append(index)
    return batches


def padded_tokens(lengths: Sequence[int]) -> int:
    """Tokens the bare model runs (padding included) for texts of these token lengths."""
    return sum(len(batch) * max(lengths[i] for i in batch) for batch in _bare_batches(lengths))


def _tokenizer() -> Any:
    from tokenizers import Tokenizer

    from qa_bot.embeddings.onnx_minilm import MAX_TOKENS, TOKENIZER_PATH

    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    return tokenizer


def _bare_model(texts: Sequence[str], threads: int) -> tuple[Any, list[dict[str, np.ndarray]]]:
    import onnxruntime as ort

    from qa_bot.embeddings.onnx_minilm import _model_path

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = ort.InferenceSession(str(_model_path()), options, providers=["CPUExecutionProvider"])
    ids = [e.ids for e in _tokenizer().encode_batch(list(texts))]
    feeds = []
    for batch in _bare_batches([len(tokens) for tokens in ids]):
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
