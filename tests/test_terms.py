"""The corpus word vectors: which words get one, and reuse of a previous file's vectors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from qa_bot.store.terms import TermVectors
from qa_bot.text import stem

TEXTS = [
    "Hikvision cameras watch the harbour, officials said in 2019.",
    "The ferry carries 120 passengers across the harbour.",
]


class CountingEmbed:
    """A stand-in model: a fixed vector per word; remembers which words it was asked for."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, words: Sequence[str]) -> np.ndarray:
        self.asked.extend(words)
        rows = [np.random.default_rng(sum(map(ord, w))).standard_normal(384) for w in words]
        return np.asarray(rows, dtype=np.float32).reshape(len(words), 384)


def test_numbers_and_words_of_many_pieces_get_no_vector(embeddings: Any) -> None:
    embed = CountingEmbed()
    vectors = TermVectors.build(TEXTS, embed, pieces=embeddings.count_pieces)
    assert embeddings.count_pieces(["hikvision", "cameras"]) == [3, 1]
    assert vectors.vector(stem("cameras")) is not None
    assert vectors.vector(stem("passengers")) is not None
    assert vectors.vector(stem("hikvision")) is None  # a name: split into 3 pieces
    assert vectors.vector("2019") is None and vectors.vector("120") is None
    assert "hikvision" not in embed.asked and "2019" not in embed.asked
    assert len(vectors.terms) == len(vectors.surfaces) == len(vectors.vectors)


def test_without_a_tokenizer_every_word_but_numbers_gets_a_vector() -> None:
    vectors = TermVectors.build(TEXTS, CountingEmbed())
    assert vectors.vector(stem("hikvision")) is not None
    assert vectors.vector("120") is None


def test_previous_vectors_are_reused_and_the_file_is_byte_for_byte_a_fresh_one(
    embeddings: Any, tmp_path: Path
) -> None:
    """Reuse is safe because a word's vector does not depend on what it was batched with."""
    first = TermVectors.build(TEXTS[:1], embeddings.embed_words, pieces=embeddings.count_pieces)
    first.save(tmp_path / "first.npz")
    previous = TermVectors.load(tmp_path / "first.npz")
    asked: list[str] = []

    def embed(words: Sequence[str]) -> np.ndarray:
        asked.extend(words)
        return np.asarray(embeddings.embed_words(words))

    reused = TermVectors.build(TEXTS, embed, pieces=embeddings.count_pieces, previous=previous)
    fresh = TermVectors.build(TEXTS, embeddings.embed_words, pieces=embeddings.count_pieces)
    assert asked and not set(asked) & set(previous.surfaces)  # only the new words
    assert "ferry" in asked and "cameras" not in asked
    reused.save(tmp_path / "reused.npz")
    fresh.save(tmp_path / "fresh.npz")
    assert (tmp_path / "reused.npz").read_bytes() == (tmp_path / "fresh.npz").read_bytes()
