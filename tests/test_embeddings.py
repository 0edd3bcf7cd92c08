"""The bundled MiniLM embed path: batching policy and batch independence of the vectors."""

from __future__ import annotations

from typing import Any

import numpy as np

from qa_bot.embeddings.onnx_minilm import length_batches

LONG = "The council said the electric ferry carries 120 passengers between the two harbours."


def test_a_text_gets_the_same_vector_alone_or_in_any_batch(embeddings: Any) -> None:
    alone = embeddings.embed_array(["surveillance"])[0]
    batched = embeddings.embed_array(["cameras", LONG, "surveillance", LONG * 3])[2]
    wide = embeddings.embed_words(["surveillance", "ferry", "harbour"])[0]
    assert np.array_equal(alone, batched) and np.array_equal(alone, wide)
    assert abs(float(np.linalg.norm(alone)) - 1.0) < 1e-5


def test_batches_are_sorted_by_length_and_respect_both_limits() -> None:
    lengths = [30, 5, 200, 6, 7, 300, 5]
    batches = length_batches(lengths, max_rows=2, max_tokens=512)
    flat = [i for batch in batches for i in batch]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths)
    for batch in batches:
        assert len(batch) <= 2
        assert len(batch) * max(lengths[i] for i in batch) <= 512 or len(batch) == 1
    assert [len(b) for b in length_batches([10] * 70, 32, 512)] == [32, 32, 6]


def test_pieces_are_counted_without_the_special_marks(embeddings: Any) -> None:
    assert embeddings.count_pieces(["the", "ferry", "hikvision"]) == [1, 1, 3]
