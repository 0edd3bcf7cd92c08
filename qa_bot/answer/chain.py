"""The answer path as a LangChain Runnable: {"question", "history"} -> ``Answer``.

question -> checks -> standalone question (follow-ups resolved) -> hybrid retrieval
-> extractive answer (default) or a generative answer verified against its citations.
A LangChain user can ``invoke``, ``batch`` or compose it like any Runnable.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.runnables import Runnable, RunnableConfig

from qa_bot.answer import extractive, quotes
from qa_bot.answer.asks import COMPARES
from qa_bot.answer.attribution import Attribution, attributed
from qa_bot.answer.chatter import without_chatter
from qa_bot.answer.compose import compose
from qa_bot.answer.compound import question_parts
from qa_bot.answer.followup import resolve
from qa_bot.answer.indirect import direct_question
from qa_bot.answer.question import FRAMING_WORDS, Question, analyse, clean_question
from qa_bot.answer.shorthand import expand_shorthand
from qa_bot.answer.truecase import truecase
from qa_bot.answer.unnamed import unknown_name
from qa_bot.models import Answer, Retrieved
from qa_bot.retrieval.hybrid import HybridRetriever, Retrieval
from qa_bot.store.terms import SoftMatcher, TermVectors, terms_file_name
from qa_bot.text import content_terms

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel

    from qa_bot.settings import Settings
    from qa_bot.store.catalog import Catalog
    from qa_bot.store.chroma import ChunkStore

ABSTAIN_TEXT = "The sources do not say; I found nothing in them that answers this question."


def _strict(question: Question, catalog: Catalog) -> bool:
    """Must the answer hold what is asked? Also "Which chipmakers ...?" when the sources never
    say "chipmaker": only a sentence that lists some may answer."""
    things = question.listed
    unknown = things is not None and things not in catalog.lexical and things not in FRAMING_WORDS
    return question.strict or unknown


WIDER_SEARCH = 3  # times more hits searched when none holds the kind of thing asked


class AnswerChain(Runnable[dict[str, Any], Answer]):
    def __init__(
        self,
        settings: Settings,
        retriever: HybridRetriever,
        generator: Any | None = None,
    ) -> None:
        self.settings = settings
        self.retriever = retriever
        self.generator = generator
        self._terms: tuple[Path, TermVectors | None] | None = None

    @property
    def catalog(self) -> Catalog:
        """The committed catalog (re-read if another process has ingested since)."""
        return self.retriever.chunk_store.catalog()

    def invoke(
        self, input: dict[str, Any], config: RunnableConfig | None = None, **kwargs: Any
    ) -> Answer:
        final: Answer | None = None
        for event in self.stream_answer(input["question"], input.get("history") or []):
            if isinstance(event, Answer):
                final = event
        assert final is not None
        return final

    def stream_answer(
        self, question: str, history: list[tuple[str, str]]
    ) -> Iterator[str | Answer]:
        """Text pieces as they are ready, then the final ``Answer``."""
        catalog = self.catalog  # one committed state for the whole question
        # "hey, quick q - ...? thanks!": the chat around the question is no part of it
        text = without_chatter(clean_question(question, self.settings.max_question_chars))
        text = expand_shorthand(truecase(text, catalog), catalog)  # "HK's # of staff?"
        text = direct_question(text)  # "Can you tell me who X is?"
        # earlier questions typed in lower case ("meng wanzhou who") still name who "she" is
        history = [(truecase(str(q), catalog), a) for q, a in history]
        standalone = self._standalone(text, history)
        source = attributed(standalone, catalog)
        retrieval = self._search(standalone, source)
        answer = self._extractive(question, standalone, retrieval, source, catalog)
        if self.generator is None or answer.abstained:
            yield answer.answer
            yield answer
            return
        yield from self._generate(answer, retrieval)

    def _standalone(self, question: str, history: list[tuple[str, str]]) -> str:
        pairs = [(str(q), str(a)) for q, a in history]
        if not pairs:
            return question
        if self.generator is not None:
            try:
                condensed = self.generator.condense(question, pairs)
            except Exception:  # the model failing must not fail the answer
                condensed = None
            if condensed:
                return str(condensed)
        return resolve(question, pairs, self._affinity)

    def _matcher(self, question: Question, catalog: Catalog) -> SoftMatcher | None:
        """Word vectors of the store's vocabulary (None for a store built without them)."""
        if not catalog.lexical_file or catalog.store_dir is None:
            return None
        path = catalog.store_dir / terms_file_name(catalog.lexical_file)
        if self._terms is None or self._terms[0] != path:
            vectors = TermVectors.load(path) if path.exists() else None
            self._terms = (path, vectors)
        if self._terms[1] is None:
            return None
        embed = self.retriever.chunk_store.embeddings
        embed_array = getattr(embed, "embed_array", None) or (
            lambda texts: np.asarray(embed.embed_documents(list(texts)))
        )
        return SoftMatcher.for_question(self._terms[1], question.surfaces, embed_array)

    def _affinity(self, name: str, noun: str) -> float:
        """How many chunks use the name together with the noun ("Hikvision" ~ "company")."""
        lexical = self.catalog.lexical
        return float(len(lexical.rows_with([*content_terms(name), *content_terms(noun)])))

    def _search(
        self, standalone: str, source: Attribution | None, vector: np.ndarray | None = None
    ) -> Retrieval:
        """Retrieval for the question. For "according to NPR", only NPR's documents, searched
        ``WIDER_SEARCH`` times as widely so that as many of them are found; so too when the
        question's ``vector`` is given (a second, wider look)."""
        wide = source is not None or vector is not None
        query = source.question if source else standalone
        k = self.retriever.k * (WIDER_SEARCH if wide else 1)
        retrieval = self.retriever.search(query, k=k, vector=vector)
        if source is None:
            return retrieval
        hits = [h for h in retrieval.hits if h.chunk.doc_id in source.doc_ids]
        return Retrieval(retrieval.query, retrieval.vector, hits)

    def _extractive(
        self,
        question: str,
        standalone: str,
        retrieval: Retrieval,
        source: Attribution | None,
        catalog: Catalog,
    ) -> Answer:
        retrieved = _retrieved(retrieval)
        parts = question_parts(standalone)
        if parts and not COMPARES.search(standalone):
            chosen = self._choose_parts(parts, source, catalog)
        else:
            # "..., and do the two figures match?": answered as a whole, if its first part is
            chosen = self._choose(standalone, retrieval, source, catalog)
            if parts and chosen and not self._choose_alone(parts[0], source, catalog):
                chosen = []
        if not chosen:
            return Answer(question, standalone, ABSTAIN_TEXT, True, [], retrieved=retrieved)
        text, citations = compose(chosen)
        return Answer(question, standalone, text, False, citations, retrieved=retrieved)

    def _choose_alone(
        self, part: str, source: Attribution | None, catalog: Catalog
    ) -> list[extractive.Scored]:
        """The answer to one part of a compound question, searched for on its own."""
        return self._choose(part, self._search(part, source), source, catalog)

    def _choose_parts(
        self, parts: list[str], source: Attribution | None, catalog: Catalog
    ) -> list[extractive.Scored]:
        """Each part of "How many staff does X have, and where is it listed?" answered; none
        when the first part has no answer ("Who is X's CEO, and what did he say?": no CEO)."""
        first = self._choose_alone(parts[0], source, catalog)
        if not first:
            return []
        chosen = list(first)
        earlier = [(parts[0], compose(first)[0])]
        for part in parts[1:]:
            later = resolve(part, earlier, self._affinity)  # "where is it listed?"
            for item in self._choose_alone(later, source, catalog):
                if all(item.sentence != c.sentence for c in chosen):
                    chosen.append(item)
        return chosen[: self.settings.max_citations]

    def _choose(
        self, standalone: str, retrieval: Retrieval, source: Attribution | None, catalog: Catalog
    ) -> list[extractive.Scored]:
        """The sentences that answer the question (none: abstain)."""
        if unknown_name(standalone, catalog.lexical.vocabulary):
            return []  # "What did the World Trade Organization rule?": a name never used
        analysed = analyse(standalone)
        matcher = self._matcher(analysed, catalog)
        given = source.terms if source else frozenset()
        scored = extractive.score_sentences(analysed, retrieval.hits, catalog, matcher, given)
        strict = _strict(analysed, catalog)
        if strict and not any(s.fits for s in scored):
            # Nothing near the top holds what is asked (no amount for "what is it worth"):
            # look further down before giving up.
            wider = self._search(standalone, source, vector=retrieval.vector)
            scored = extractive.score_sentences(analysed, wider.hits, catalog, matcher, given)
        chosen = extractive.select(scored, strict=strict)
        if COMPARES.search(standalone):
            chosen = extractive.from_each_source(chosen, scored)
        return quotes.with_continuations(chosen, catalog)[: self.settings.max_citations]

    def _generate(self, fallback: Answer, retrieval: Retrieval) -> Iterator[str | Answer]:
        assert self.generator is not None
        paragraphs = []
        for hit in retrieval.hits:
            p = self.catalog.paragraph(hit.chunk.doc_id, hit.chunk.paragraph_start)
            if p not in paragraphs:
                paragraphs.append(p)
        final = None
        for event in self.generator.stream(
            question=fallback.standalone_question, paragraphs=paragraphs
        ):
            if isinstance(event, str):
                yield event
            else:
                final = event
        if final is None:
            record = getattr(self.generator, "last_verification", None) or {}
            fallback.verification = {**record, "backend": self.settings.llm, "fallback": True}
            yield fallback.answer
            yield fallback
            return
        yield Answer(
            fallback.question,
            fallback.standalone_question,
            final.answer,
            False,
            list(final.citations),
            retrieved=fallback.retrieved,
            verification=final.verification,
        )


def _retrieved(retrieval: Retrieval) -> list[Retrieved]:
    seen: dict[tuple[str, int], Retrieved] = {}
    for hit in retrieval.hits:
        key = (hit.chunk.doc_id, hit.chunk.paragraph_start)
        if key not in seen:
            seen[key] = Retrieved(key[0], key[1], round(hit.score, 6))
    return list(seen.values())


def build_answer_chain(
    settings: Settings,
    store: ChunkStore,
    embeddings: Embeddings,
    chat_model: BaseChatModel | None = None,
) -> AnswerChain:
    retriever = HybridRetriever(store=store, k=settings.top_k)
    generator = None
    if chat_model is None and settings.llm != "extractive":
        from qa_bot.llm import make_chat_model

        chat_model = make_chat_model(settings)
    if chat_model is not None:
        from qa_bot.llm.generate import GenerativeAnswerer

        generator = GenerativeAnswerer(chat_model, settings, embeddings)
    return AnswerChain(settings, retriever, generator)
