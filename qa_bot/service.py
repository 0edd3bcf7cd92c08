"""The application facade: one ``QABot`` per process, shared by the CLI, web chat and eval.

It owns the store, the retriever and the answer chain, and opens them lazily so that
building a ``QABot`` is cheap and touches nothing heavy until the first question.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from qa_bot.errors import StoreError
from qa_bot.models import Answer, DocumentMeta, Paragraph
from qa_bot.settings import Settings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel

    from qa_bot.answer.chain import AnswerChain
    from qa_bot.ingest import IngestReport
    from qa_bot.store.catalog import Catalog
    from qa_bot.store.chroma import ChunkStore

History = Sequence[tuple[str, str]]
ProgressCallback = Callable[[str, int, int], None]


class QABot:
    """Ingest sources, answer questions with citations, describe the store."""

    def __init__(
        self,
        settings: Settings,
        *,
        embeddings: Embeddings | None = None,
        chat_model: BaseChatModel | None = None,
    ) -> None:
        self.settings = settings
        self._embeddings = embeddings
        self._chat_model = chat_model
        self._lock = threading.RLock()
        self._chain: AnswerChain | None = None

    # -- components, opened on first use ------------------------------------------------
    @cached_property
    def embeddings(self) -> Embeddings:
        if self._embeddings is None:
            from qa_bot.embeddings import make_embeddings

            self._embeddings = make_embeddings(self.settings)
        return self._embeddings

    @cached_property
    def store(self) -> ChunkStore:
        """The store; the embedding model loads only when something is embedded or searched."""
        from qa_bot.embeddings import configured_model_id
        from qa_bot.store.chroma import ChunkStore

        if self._embeddings is not None:
            return ChunkStore(self.settings, self._embeddings)
        return ChunkStore(
            self.settings, lambda: self.embeddings, configured_model_id(self.settings)
        )

    @property
    def backend(self) -> str:
        """The answer backend in use, as configured (``extractive`` by default)."""
        return self.settings.llm

    def _catalog(self) -> Catalog:
        return self.store.catalog()

    def chain(self) -> AnswerChain:
        """The answer Runnable over the current store (rebuilt after each ingest)."""
        with self._lock:
            if self._chain is None:
                from qa_bot.answer.chain import build_answer_chain

                catalog = self._catalog()
                if not catalog.documents:
                    raise StoreError(
                        f"the store at {self.settings.store_dir} is empty: run `qa-bot ingest`"
                    )
                self._chain = build_answer_chain(
                    self.settings, self.store, self.embeddings, self._chat_model
                )
                self.store.collection  # noqa: B018 - open Chroma now, not in the first answer
                catalog.lexical  # noqa: B018 - loads the persisted BM25 index
            return self._chain

    # -- questions ------------------------------------------------------------------------
    def ask(self, question: str, history: History = ()) -> Answer:
        """Answer one question (with earlier ``(question, answer)`` turns) with citations.

        ``latency_ms`` is the time to answer, not to open the store on first use.
        """
        chain = self.chain()
        started = time.perf_counter()
        answer = chain.invoke({"question": question, "history": list(history)})
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def stream(self, question: str, history: History = ()) -> Iterator[str | Answer]:
        """Yield answer text as it is produced, then the final verified ``Answer``."""
        chain = self.chain()
        started = time.perf_counter()
        for event in chain.stream_answer(question, list(history)):
            if isinstance(event, Answer):
                event.latency_ms = (time.perf_counter() - started) * 1000
            yield event

    # -- the store ------------------------------------------------------------------------
    def ingest(
        self,
        paths: Sequence[Path] | None = None,
        *,
        rebuild: bool = False,
        progress: bool | ProgressCallback = True,
    ) -> IngestReport:
        """Bring the store in line with the corpus folder (or with ``paths`` added to it)."""
        from qa_bot.ingest import ingest
        from qa_bot.store.chroma import refuse_if_writing

        refuse_if_writing(self.settings.store_dir)  # before loading a model for nothing
        with self._lock:
            report = ingest(
                self.settings, self.store, paths=paths, rebuild=rebuild, progress=progress
            )
            self._chain = None
            return report

    def add_files(
        self, paths: Sequence[Path], progress: bool | ProgressCallback = False
    ) -> IngestReport:
        """Copy uploaded files into the corpus folder and ingest them (others untouched)."""
        from qa_bot.ingest import add_files
        from qa_bot.store.chroma import refuse_if_writing

        refuse_if_writing(self.settings.store_dir)
        with self._lock:
            report = add_files(self.settings, self.store, paths, progress=progress)
            self._chain = None
            return report

    def status(self) -> dict[str, int]:
        return self._catalog().counts()

    def documents(self) -> list[DocumentMeta]:
        return [entry.meta for entry in self._catalog().documents.values()]

    def paragraphs(self, doc_id: str) -> list[Paragraph]:
        """The cleaned, numbered paragraphs of one document (KeyError if unknown)."""
        return list(self._catalog().documents[doc_id].paragraphs)
