"""The ``qa-bot`` command: ingest sources, ask questions, check the store, serve, evaluate.

Exit codes: 0 done, 2 bad input or usage (one-line reason), 1 failure.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from qa_bot import __version__
from qa_bot.errors import BadInput, QABotError
from qa_bot.settings import Settings


class _Group(click.Group):
    """Turn our errors into a one-line message and the documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QABotError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qa-bot")
@click.option(
    "--store-dir", type=click.Path(path_type=Path), help="Store folder [QA_BOT_STORE_DIR]."
)
@click.option(
    "--corpus-dir", type=click.Path(path_type=Path), help="Sources folder [QA_BOT_CORPUS_DIR]."
)
@click.pass_context
def main(ctx: click.Context, store_dir: Path | None, corpus_dir: Path | None) -> None:
    """Cited answers over news sources, offline by default.

    \b
    Typical use:
      qa-bot ingest                      build or update the store from the corpus folder
      qa-bot ask "Who is Maya Wang?"     answer with numbered citations
      qa-bot ask --json "..."            the same as a JSON object
      qa-bot status                      documents, paragraphs and chunks in the store
      qa-bot serve                       the web chat on http://127.0.0.1:7860
      qa-bot eval QUESTIONS.jsonl        a scored report over a question set
      qa-bot bench --quick               speed and memory figures

    Every option can also be set with a QA_BOT_* environment variable (see the README).
    """
    overrides: dict[str, Any] = {}
    if store_dir:
        overrides["store_dir"] = store_dir
    if corpus_dir:
        overrides["corpus_dir"] = corpus_dir
    try:
        ctx.obj = Settings(**overrides)
    except ValueError as exc:
        raise BadInput(f"bad configuration: {_first_error(exc)}") from exc


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors) and errors():
        first = errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return str(exc).splitlines()[0]


def _bot(settings: Settings) -> Any:
    from qa_bot.service import QABot

    return QABot(settings)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Drop the store and build it again from scratch.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...], rebuild: bool, quiet: bool) -> None:
    """Build or update the store from the corpus folder.

    With PATHS (files or folders), copy those sources into the corpus folder first. Running it
    again changes nothing; edited sources are re-indexed, removed ones disappear.
    """
    if paths and rebuild:
        raise BadInput("use --rebuild alone, without paths")
    report = _bot(settings).ingest(list(paths) or None, rebuild=rebuild, progress=not quiet)
    for name, reason in report.skipped:
        click.echo(f"skipped {name}: {reason}", err=True)
    click.echo(
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.removed)} removed; "
        f"{report.embedded} chunks embedded, {report.chunks} in the store"
    )


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as a JSON object.")
@click.option(
    "--history",
    type=click.Path(path_type=Path, dir_okay=False),
    help="JSON file: a list of [question, answer] pairs of earlier turns.",
)
@click.option("--llm", help="Answer backend for this question [QA_BOT_LLM].")
@click.pass_obj
def ask(
    settings: Settings, question: str, as_json: bool, history: Path | None, llm: str | None
) -> None:
    """Answer QUESTION from the sources, with numbered citations."""
    from qa_bot.answer.question import clean_question

    clean_question(question, settings.max_question_chars)  # refuse bad input before any loading
    if llm:
        settings = settings.model_copy(update={"llm": llm})
    turns = _read_history(history) if history else []
    bot = _bot(settings)
    _ensure_store(bot)
    if as_json:
        answer = bot.ask(question, turns)
        click.echo(json.dumps(answer.to_contract(), ensure_ascii=False, indent=2))
        return
    from qa_bot.models import Answer

    final = None
    for event in bot.stream(question, turns):
        if isinstance(event, Answer):
            final = event
        else:
            click.echo(event, nl=False)
    click.echo()
    if final is not None:
        _print_citations(final)


def _ensure_store(bot: Any) -> None:
    """Before the first ingest, build the store from the corpus folder (and say so)."""
    if bot.status()["documents"] == 0:
        click.echo(f"the store is empty: ingesting {bot.settings.corpus_dir} first", err=True)
        bot.ingest(progress=sys.stderr.isatty())


def _print_citations(answer: Any) -> None:
    if answer.standalone_question != answer.question:
        click.echo(f"(searched: {answer.standalone_question})")
    for citation in answer.citations:
        labelled = not citation.speaker or citation.text.startswith(citation.speaker)
        who = "" if labelled else f" {citation.speaker}:"
        click.echo(
            f"[{citation.marker}] {citation.source} ¶{citation.paragraph}{who} {citation.text}"
        )


def _read_history(path: Path) -> list[tuple[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"cannot read history file {path}: {exc}") from exc
    ok = isinstance(data, list) and all(
        isinstance(t, list | tuple) and len(t) == 2 and all(isinstance(x, str) for x in t)
        for t in data
    )
    if not ok:
        raise BadInput(f"history file {path} must hold a JSON list of [question, answer] pairs")
    return [(q, a) for q, a in data]


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the counts as a JSON object.")
@click.pass_obj
def status(settings: Settings, as_json: bool) -> None:
    """How many documents, paragraphs and chunks the store holds."""
    bot = _bot(settings)
    counts = bot.status()
    if as_json:
        click.echo(json.dumps(counts))
        return
    click.echo(f"store: {settings.store_dir}")
    click.echo(
        f"{counts['documents']} documents, {counts['paragraphs']} paragraphs, "
        f"{counts['chunks']} chunks"
    )
    for meta in bot.documents():
        click.echo(
            f"  {meta.doc_id}: {meta.title} ({meta.publisher or '?'}, {meta.date or 'undated'})"
        )


# Commands that live with their feature; their heavy imports stay inside the commands.
from qa_bot.bench.cli import bench  # noqa: E402
from qa_bot.chat.cli import serve  # noqa: E402
from qa_bot.eval.cli import eval_command  # noqa: E402

main.add_command(serve)
main.add_command(eval_command)
main.add_command(bench)
