"""Run a question set through a bot and build the JSON report (summary, config, results)."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from qa_bot.errors import BadInput
from qa_bot.eval.metrics import is_verbatim, passed, question_checks, summarize
from qa_bot.eval.questions import LineProblem, Question
from qa_bot.models import Answer, DocumentMeta, Paragraph, Retrieved
from qa_bot.settings import Settings


class EvalBot(Protocol):
    """What evaluation needs from ``qa_bot.service.QABot`` (tests pass small fakes)."""

    @property
    def settings(self) -> Settings: ...
    @property
    def backend(self) -> str: ...
    @property
    def embeddings(self) -> Any: ...
    def ask(self, question: str, history: Sequence[tuple[str, str]] = ()) -> Answer: ...
    def status(self) -> dict[str, int]: ...
    def paragraphs(self, doc_id: str) -> list[Paragraph]: ...
    def documents(self) -> list[DocumentMeta]: ...


class SourceTexts:
    """Paragraph texts (from the store) and raw files (from the corpus folder), cached."""

    def __init__(self, bot: EvalBot, corpus_dir: Path) -> None:
        self._bot = bot
        self._corpus_dir = corpus_dir
        self._paragraphs: dict[str, dict[int, str]] = {}
        self._raw: dict[str, str | None] = {}
        self._files: dict[str, Path] | None = None

    def paragraph(self, doc_id: str, number: int) -> str:
        """The paragraph's text, or "" when the store does not know it."""
        if doc_id not in self._paragraphs:
            try:
                found = self._bot.paragraphs(doc_id)
            except KeyError:
                found = []
            self._paragraphs[doc_id] = {p.number: p.text for p in found}
        return self._paragraphs[doc_id].get(number, "")

    def raw(self, doc_id: str) -> str | None:
        """The decoded source file of ``doc_id`` (None when it is gone from the corpus)."""
        if doc_id not in self._raw:
            path = self._file_index().get(doc_id)
            self._raw[doc_id] = _decode(path.read_bytes()) if path else None
        return self._raw[doc_id]

    def _file_index(self) -> dict[str, Path]:
        """doc id -> file: the catalog's file name, else the file whose lower-cased stem it is."""
        if self._files is None:
            files = sorted(p for p in self._corpus_dir.rglob("*") if p.is_file())
            self._files = {}
            for path in files:
                self._files.setdefault(path.stem.lower(), path)
            for meta in self._bot.documents():
                path = self._corpus_dir / meta.filename
                if path.is_file():
                    self._files[meta.doc_id] = path
        return self._files


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def run_questions(
    bot: EvalBot, questions: Sequence[Question], *, progress: bool = True
) -> list[dict[str, Any]]:
    """Ask every question (a progress bar on stderr) and score each answer."""
    from tqdm import tqdm

    sources = SourceTexts(bot, bot.settings.corpus_dir)
    results: list[dict[str, Any]] = []
    bar = tqdm(questions, desc="eval", unit="q", file=sys.stderr, disable=not progress)
    if questions:
        warm_up(bot, questions[0])
    for question in bar:
        results.append(evaluate_question(bot, question, sources))
        bar.set_postfix(passed=f"{sum(r['passed'] for r in results)}/{len(results)}", refresh=False)
    bar.close()
    return results


def warm_up(bot: EvalBot, question: Question) -> None:
    """Ask once untimed, so that loading models is not counted as answering latency."""
    with contextlib.suppress(BadInput):
        bot.ask(question.question, question.history)


def evaluate_question(bot: EvalBot, question: Question, sources: SourceTexts) -> dict[str, Any]:
    """One result record: the ``ask --json`` fields, retrieval, checks and the question."""
    started = time.perf_counter()
    error = None
    try:
        answer = bot.ask(question.question, question.history)
    except BadInput as exc:  # e.g. a question over the length limit: score it as failed
        error = str(exc)
        answer = Answer(question.question, question.question, "", False, [])
    latency = answer.latency_ms or (time.perf_counter() - started) * 1000
    contract = answer.to_contract()
    top_k = _top_paragraphs(answer.retrieved, bot.settings.top_k)
    retrieved_texts = [sources.paragraph(r.source, r.paragraph) for r in top_k]
    verbatim = [_verbatim(c, sources) for c in contract["citations"]]
    result = {
        "id": question.id,
        "question": question.question,
        "kind": question.kind,
        "standalone_question": contract["standalone_question"],
        "answer": contract["answer"],
        "abstained": contract["abstained"],
        "citations": contract["citations"],
        "retrieved": [_retrieved(r) for r in answer.retrieved],
        "checks": question_checks(question, contract, retrieved_texts, verbatim),
        "latency_ms": round(latency, 3),
        "error": error,
        **_question_fields(question),
    }
    if "verification" in contract:
        result["verification"] = contract["verification"]
    result["passed"] = passed(result)
    return result


def _top_paragraphs(retrieved: Sequence[Retrieved], k: int) -> list[Retrieved]:
    """The first ``k`` distinct paragraphs in rank order (recall@k looks at these)."""
    seen: set[tuple[str, int]] = set()
    top: list[Retrieved] = []
    for item in retrieved:
        key = (item.source, item.paragraph)
        if key not in seen:
            seen.add(key)
            top.append(item)
    return top[:k]


def _verbatim(citation: dict[str, Any], sources: SourceTexts) -> bool:
    raw = sources.raw(citation["source"])
    return raw is not None and is_verbatim(citation["text"], raw)


def _retrieved(item: Retrieved) -> dict[str, Any]:
    return {"source": item.source, "paragraph": item.paragraph, "score": round(item.score, 6)}


def _question_fields(question: Question) -> dict[str, Any]:
    """What the question asked for, so a report can be read without the question file."""
    return {
        "history": [list(turn) for turn in question.history],
        "expect": [list(group) for group in question.expect],
        "evidence": list(question.evidence),
        "extra": question.extra,
    }


def eval_config(bot: EvalBot, questions_file: Path | None = None) -> dict[str, Any]:
    from qa_bot import __version__

    embeddings = bot.embeddings
    return {
        "backend": bot.backend,
        "embedding_model": getattr(embeddings, "model_id", None) or bot.settings.embeddings,
        "k": bot.settings.top_k,
        "store": bot.status(),
        "version": __version__,
        "questions_file": str(questions_file) if questions_file else None,
    }


def build_report(
    bot: EvalBot,
    questions: Sequence[Question],
    *,
    problems: Sequence[LineProblem] = (),
    questions_file: Path | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Run the questions and return ``{"summary", "config", "results", "skipped_lines"}``."""
    results = run_questions(bot, questions, progress=progress)
    return {
        "summary": summarize(results),
        "config": eval_config(bot, questions_file),
        "results": results,
        "skipped_lines": [{"line": p.line, "message": p.message} for p in problems],
    }
