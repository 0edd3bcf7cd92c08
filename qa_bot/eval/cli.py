"""The ``qa-bot eval`` command: run a question set, compare two reports, or convert feedback.

qa-bot eval QUESTIONS.jsonl [--out report.json] [--md report.md] [--plot report.png]
                            [--fail-under METRIC=VALUE ...] [--fail-over METRIC=VALUE ...]
qa-bot eval --compare old.json new.json [--out comparison.json]
qa-bot eval --from-feedback FEEDBACK.jsonl > new.jsonl
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from qa_bot.errors import BadInput, QABotError
from qa_bot.eval.metrics import METRICS
from qa_bot.settings import Settings

_FILE = click.Path(path_type=Path, dir_okay=False)
_OUT = click.Path(path_type=Path, dir_okay=False, allow_dash=True)


def make_bot(settings: Settings) -> Any:
    """The bot under evaluation (a seam for tests)."""
    from qa_bot.service import QABot

    return QABot(settings)


def parse_thresholds(values: Sequence[str], *, higher_is_better: bool) -> dict[str, float]:
    """``METRIC=VALUE`` pairs; BadParameter (a usage error, exit 2) for anything unusable."""
    option = "--fail-under" if higher_is_better else "--fail-over"
    thresholds: dict[str, float] = {}
    for item in values:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or name not in METRICS:
            known = ", ".join(METRICS)
            raise click.BadParameter(f"unknown metric {name!r}: one of {known}", param_hint=option)
        if METRICS[name] != higher_is_better:
            other = "--fail-over" if higher_is_better else "--fail-under"
            raise click.BadParameter(f"{name} is gated with {other}", param_hint=option)
        try:
            value = float(raw)
        except ValueError:
            raise click.BadParameter(
                f"{item!r}: {raw!r} is not a number", param_hint=option
            ) from None
        if not name.endswith("_ms") and not 0 <= value <= 1:
            raise click.BadParameter(f"{item!r}: {name} lies in 0..1", param_hint=option)
        thresholds[name] = value
    return thresholds


def gate_failures(
    summary: Mapping[str, Any], floors: Mapping[str, float], ceilings: Mapping[str, float]
) -> list[str]:
    """One line per broken gate; a metric that was not measured breaks its gate."""
    failures = []
    gates = [(n, v, True) for n, v in floors.items()] + [(n, v, False) for n, v in ceilings.items()]
    for name, limit, higher in gates:
        value = summary.get(name)
        if value is None:
            failures.append(f"{name} was not measured (no questions it applies to)")
        elif (value < limit) if higher else (value > limit):
            failures.append(f"{name} = {value:g} is {'below' if higher else 'above'} {limit:g}")
    return failures


_EPILOG = """\b
Examples:
  qa-bot eval eval/dev_questions.jsonl --out r.json --md r.md --plot r.png
  qa-bot eval eval/dev_questions.jsonl --fail-under answer_accuracy=0.9
  qa-bot eval --compare old.json new.json
  qa-bot eval --from-feedback data/feedback.jsonl > new.jsonl

Metrics (README, "Evaluation"): answer_accuracy, evidence_cited, recall_at_k, mrr,
citation_validity, citation_verbatim, citation_precision, abstention_accuracy
(--fail-under); false_abstention_rate, latency_p50_ms, latency_p95_ms (--fail-over).
"""


@click.command("eval", epilog=_EPILOG)
@click.argument("questions_file", required=False, type=_FILE)
@click.option("--out", type=_OUT, help="Write the JSON report here ('-': stdout).")
@click.option("--md", "md_path", type=_FILE, help="Write the Markdown report here.")
@click.option("--plot", "plot_path", type=_FILE, help="Write the PNG plot here.")
@click.option("--fail-under", multiple=True, metavar="METRIC=VALUE", help="Exit 1 below this.")
@click.option("--fail-over", multiple=True, metavar="METRIC=VALUE", help="Exit 1 above this.")
@click.option("--compare", nargs=2, type=_FILE, metavar="OLD NEW", help="Diff two JSON reports.")
@click.option("--from-feedback", type=_FILE, help="Turn thumbs-down feedback into questions.")
@click.option("--progress/--no-progress", default=True, help="Progress bar on stderr.")
@click.pass_context
def eval_command(
    ctx: click.Context,
    questions_file: Path | None,
    out: Path | None,
    md_path: Path | None,
    plot_path: Path | None,
    fail_under: tuple[str, ...],
    fail_over: tuple[str, ...],
    compare: tuple[Path, Path] | None,
    from_feedback: Path | None,
    progress: bool,
) -> None:
    """Score the bot on a question set (JSON lines) and report, compare or gate CI on it."""
    modes = [m for m in (questions_file, compare, from_feedback) if m]
    if len(modes) != 1:
        raise click.UsageError(
            "give one of: QUESTIONS_FILE, --compare OLD NEW, --from-feedback FILE"
        )
    if not questions_file and (md_path or plot_path or fail_under or fail_over):
        raise click.UsageError("--md, --plot, --fail-under and --fail-over need QUESTIONS_FILE")
    floors = parse_thresholds(fail_under, higher_is_better=True)
    ceilings = parse_thresholds(fail_over, higher_is_better=False)
    try:
        if compare:
            _compare(compare, out)
        elif from_feedback:
            _from_feedback(from_feedback, out)
        elif questions_file:
            settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
            report = _run(settings, questions_file, out, md_path, plot_path, progress)
            _gate(ctx, report["summary"], floors, ceilings)
    except QABotError as exc:
        click.echo(f"error: {exc}", err=True)
        ctx.exit(exc.exit_code)


def _run(
    settings: Settings,
    questions_file: Path,
    out: Path | None,
    md_path: Path | None,
    plot_path: Path | None,
    progress: bool,
) -> dict[str, Any]:
    from qa_bot.eval.questions import load_questions
    from qa_bot.eval.runner import build_report

    questions, problems = load_questions(questions_file)
    for problem in problems:
        click.echo(f"warning: {questions_file} {problem} (skipped)", err=True)
    if not questions:
        raise BadInput(f"no usable questions in {questions_file}")
    report = build_report(
        make_bot(settings),
        questions,
        problems=problems,
        questions_file=questions_file,
        progress=progress,
    )
    _write_outputs(report, out, md_path, plot_path)
    return report


def _write_outputs(
    report: dict[str, Any], out: Path | None, md_path: Path | None, plot_path: Path | None
) -> None:
    from qa_bot.eval.report_md import render_markdown, summary_table

    to_stdout = out is not None and str(out) == "-"
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if to_stdout:
        click.echo(text, nl=False)
    elif out:
        _write_text(out, text)
    if md_path:
        _write_text(md_path, render_markdown(report))
    if plot_path:
        from qa_bot.eval.plot import render_plot

        plot_path.parent.mkdir(parents=True, exist_ok=True)
        render_plot(report, plot_path)
    click.echo("\n".join(summary_table(report["summary"])), err=to_stdout)
    written = [p for p in (None if to_stdout else out, md_path, plot_path) if p]
    for path in written:
        click.echo(f"wrote {path}", err=True)


def _write_text(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"cannot write {path}: {exc.strerror or exc}") from None


def _gate(
    ctx: click.Context,
    summary: Mapping[str, Any],
    floors: Mapping[str, float],
    ceilings: Mapping[str, float],
) -> None:
    failures = gate_failures(summary, floors, ceilings)
    for failure in failures:
        click.echo(f"FAILED: {failure}", err=True)
    if failures:
        ctx.exit(1)
    if floors or ceilings:
        click.echo(f"all {len(floors) + len(ceilings)} gate(s) met", err=True)


def _compare(paths: tuple[Path, Path], out: Path | None) -> None:
    from qa_bot.eval.compare import compare_reports, load_report, render_comparison

    comparison = compare_reports(load_report(paths[0]), load_report(paths[1]))
    if out and str(out) != "-":
        _write_text(out, json.dumps(comparison, indent=2, ensure_ascii=False) + "\n")
    elif out:
        click.echo(json.dumps(comparison, indent=2, ensure_ascii=False))
        return
    click.echo(render_comparison(comparison), nl=False)


def _from_feedback(path: Path, out: Path | None) -> None:
    from qa_bot.eval.feedback import convert_feedback

    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read feedback file {path}: {exc}") from None
    questions, problems = convert_feedback(lines)
    for problem in problems:
        click.echo(f"warning: {path} {problem} (skipped)", err=True)
    text = "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in questions)
    if out and str(out) != "-":
        _write_text(out, text)
    else:
        click.echo(text, nl=False)
    click.echo(f"{len(questions)} question line(s) from thumbs-down feedback", err=True)
