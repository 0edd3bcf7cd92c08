"""Generative answers with verified citations, streamed one verified sentence at a time.

    gen = GenerativeAnswerer(chat_model, settings, embeddings)
    standalone = gen.condense(question, history)        # None: use the extractive resolution
    for event in gen.stream(question=standalone, paragraphs=paragraphs):
        ...  # str pieces of verified text, then a GeneratedAnswer, or None (nothing survived)

The model's tokens are buffered until a sentence is complete; the sentence is verified
(``qa_bot.llm.verify``) and only then yielded, so unverified text never reaches the user.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Generator, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from qa_bot.errors import QABotError
from qa_bot.llm import prompts
from qa_bot.llm.ledger import CitationLedger, GeneratedAnswer
from qa_bot.llm.sentences import SentenceBuffer
from qa_bot.llm.verify import Verifier
from qa_bot.models import Paragraph

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

    from qa_bot.settings import Settings

__all__ = ["GeneratedAnswer", "GenerativeAnswerer"]

log = logging.getLogger(__name__)

MAX_SOURCES = 6  # paragraphs given to the model, best first
MAX_SOURCE_CHARS = 4000  # ~1000 tokens: on 2 CPU cores reading the prompt dominates
MAX_SENTENCES = 5
HISTORY_TURNS = 4  # turns of history shown to the model when condensing a follow-up
_ENDS_SENTENCE = re.compile(r"([.!?]['\"”’)]*|\])\s*$")
_ANSWER_PREFIX = re.compile(r"^\s*(?:standalone\s+)?question\s*:\s*", re.IGNORECASE)

Event = str | GeneratedAnswer | None


class GenerativeAnswerer:
    """Asks a chat model, verifies every sentence of its reply and cites what survives."""

    def __init__(
        self,
        chat_model: BaseChatModel,
        settings: Settings,
        embeddings: Embeddings | None = None,
    ) -> None:
        self.chat_model = chat_model
        self.settings = settings
        self.embeddings = embeddings
        self.last_verification: dict[str, Any] | None = None

    # -- follow-ups -----------------------------------------------------------------------
    def condense(self, question: str, history: Sequence[tuple[str, str]]) -> str | None:
        """The follow-up rewritten as a standalone question, or None when the model fails."""
        if not history:
            return question
        text = prompts.render_prompt(
            self.settings.prompts_dir,
            prompts.CONDENSE,
            history=prompts.format_history(list(history)[-HISTORY_TURNS:]),
            question=prompts.neutralise(question),
        )
        from langchain_core.messages import HumanMessage

        try:
            reply = self.chat_model.invoke([HumanMessage(content=text)])
        except Exception as exc:  # any provider failure: the caller falls back
            log.warning("condensing the follow-up failed: %s", _one_line(exc))
            return None
        return self._clean_question(reply.text)

    def _clean_question(self, reply: str) -> str | None:
        lines = [line.strip() for line in reply.splitlines() if line.strip()]
        if not lines:
            return None
        question = _ANSWER_PREFIX.sub("", lines[0]).strip().strip("\"'“”*` ").strip()
        if len(question) < 3 or len(question) > self.settings.max_question_chars:
            return None
        return question

    # -- answers --------------------------------------------------------------------------
    def messages(self, question: str, paragraphs: Sequence[Paragraph]) -> list[BaseMessage]:
        from langchain_core.messages import HumanMessage, SystemMessage

        directory = self.settings.prompts_dir
        user = prompts.render_prompt(
            directory,
            prompts.ANSWER,
            count=len(paragraphs),
            max_sentences=MAX_SENTENCES,
            sources=prompts.format_sources(paragraphs),
            question=prompts.neutralise(question),
        )
        system = prompts.render_prompt(directory, prompts.SYSTEM)
        return [SystemMessage(content=system), HumanMessage(content=user)]

    def stream(
        self, question: str, paragraphs: Sequence[Paragraph]
    ) -> Generator[Event, None, None]:
        """Verified text pieces, then the ``GeneratedAnswer`` (None when nothing survived)."""
        given = select_sources(paragraphs)
        self.last_verification = None
        if not given:
            yield None
            return
        messages = self.messages(question, given)
        verifier = Verifier(given, self.embeddings, question)
        ledger = CitationLedger(verifier.facts, self.settings.llm)
        buffer = SentenceBuffer()
        error = None
        try:
            for chunk in self.chat_model.stream(messages):
                for raw in buffer.feed(chunk.text):
                    if piece := ledger.record(verifier.verify(raw)):
                        yield piece
        except QABotError:
            raise
        except Exception as exc:  # the provider failed mid-reply: keep what was verified
            error = f"the model failed: {_one_line(exc)}"
            log.warning("%s", error)
        else:
            yield from _finish(buffer, verifier, ledger)
        self.last_verification = ledger.verification(error)
        yield ledger.result(error)

    def answer(self, question: str, paragraphs: Sequence[Paragraph]) -> GeneratedAnswer | None:
        """The whole verified answer at once (the last event of ``stream``)."""
        final: Event = None
        for event in self.stream(question, paragraphs):
            final = event
        return final if isinstance(final, GeneratedAnswer) else None


def _finish(buffer: SentenceBuffer, verifier: Verifier, ledger: CitationLedger) -> Iterator[str]:
    """Verify what is left at the end of the reply; a cut-off last sentence is dropped."""
    rest = buffer.flush()
    for index, raw in enumerate(rest):
        if index == len(rest) - 1 and not _ENDS_SENTENCE.search(raw):
            ledger.dropped.append({"sentence": raw.strip(), "reason": "incomplete sentence"})
            continue
        if piece := ledger.record(verifier.verify(raw)):
            yield piece


def select_sources(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The paragraphs the model sees: best first, no repeats, within the prompt budget."""
    chosen: list[Paragraph] = []
    seen: set[str] = set()
    used = 0
    for paragraph in paragraphs:
        if paragraph.id in seen:
            continue
        if chosen and (len(chosen) >= MAX_SOURCES or used + len(paragraph.text) > MAX_SOURCE_CHARS):
            break
        chosen.append(paragraph)
        seen.add(paragraph.id)
        used += len(paragraph.text)
    return chosen


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]
