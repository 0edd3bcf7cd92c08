"""The usual recipe, for comparison: the LangChain RAG tutorial's indexing and retrieval.

Fixed 1000-character chunks with 200 overlap (``RecursiveCharacterTextSplitter``) over the
cleaned text of each document, one Chroma collection embedded with the same model and
threads as ours, and dense top-4 retrieval (``similarity_search(k=4)``). Loading and cleaning
use our loader, so both sides index the same text.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from qa_bot.bench.measure import peak_rss_mb, percentile

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4


def build_recipe(corpus_dir: Path, persist_dir: Path, embeddings: Any) -> tuple[Any, int]:
    """Load, split, embed and store the corpus the tutorial way: (vector store, chunks)."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document as LCDocument
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from qa_bot.sources import load_corpus

    documents = [
        LCDocument(
            page_content="\n\n".join(p.text for p in document.paragraphs),
            metadata={"source": document.doc_id},
        )
        for document in load_corpus(corpus_dir).documents
    ]
    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    splits = splitter.split_documents(documents)
    store = Chroma(
        collection_name="recipe",
        embedding_function=embeddings,
        persist_directory=str(persist_dir),
    )
    batch = store._client.get_max_batch_size()  # Chroma refuses larger upserts
    for begin in range(0, len(splits), batch):
        store.add_documents(splits[begin : begin + batch])
    return store, len(splits)


def measure_recipe(
    corpus_dir: Path,
    persist_dir: Path,
    threads: int,
    queries: Sequence[dict[str, Any]],
    rounds: int,
) -> dict[str, Any]:
    """Ingest time, warm top-4 retrieval latency and recall@4 of the tutorial pipeline."""
    from qa_bot.embeddings.onnx_minilm import MiniLMOnnxEmbeddings
    from qa_bot.eval.metrics import contains_any

    embeddings = MiniLMOnnxEmbeddings(threads=threads)
    started = time.perf_counter()
    store, chunks = build_recipe(corpus_dir, persist_dir, embeddings)
    ingest_s = time.perf_counter() - started
    peak_ingest = peak_rss_mb()
    texts = [q["query"] for q in queries]
    for text in texts:  # warm
        store.similarity_search(text, k=TOP_K)
    latencies: list[float] = []
    for _ in range(rounds):
        for text in texts:
            begun = time.perf_counter()
            store.similarity_search(text, k=TOP_K)
            latencies.append((time.perf_counter() - begun) * 1000)
    found = [
        any(
            contains_any(d.page_content, q["evidence"])
            for d in store.similarity_search(q["query"], k=TOP_K)
        )
        for q in queries
    ]
    return {
        "chunks": chunks,
        "ingest_s": ingest_s,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "recall_at_4": sum(found) / len(found) if found else None,
        "peak_rss_mb": max(peak_ingest, peak_rss_mb()),
    }
