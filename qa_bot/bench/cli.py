"""``qa-bot bench``: measure ingest, queries, memory and start-up at growing corpus sizes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from qa_bot.errors import BadInput
from qa_bot.settings import PROJECT_ROOT, Settings


def _sizes(value: str | None) -> tuple[int, ...] | None:
    if not value:
        return None
    try:
        sizes = tuple(sorted({int(part) for part in value.split(",") if part.strip()}))
    except ValueError:
        raise BadInput(f"--sizes takes whole numbers separated by commas, not {value!r}") from None
    if not sizes or sizes[0] < 1:
        raise BadInput("--sizes must be 1 or more (multiples of the bundled corpus)")
    return sizes


def _command_line(ctx: click.Context) -> str:
    """How this run was started (for the README next to its figures)."""
    if Path(sys.argv[0]).name == "qa-bot":
        return " ".join(["qa-bot", *sys.argv[1:]])
    options = [
        f"--{name.replace('_', '-')}" + ("" if value is True else f" {value}")
        for name, value in ctx.params.items()
        if value not in (None, False) and name != "out"
    ]
    return " ".join(["qa-bot bench", *options, f"--out {ctx.params['out']}"])


@click.command()
@click.option("--quick", is_flag=True, help="Small sizes only (1x, 10x): a few minutes, for CI.")
@click.option("--sizes", help="Corpus sizes as multiples of the corpus, e.g. 1,100,1000.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("figures.json"),
    show_default=True,
    help="Where to write the figures (JSON).",
)
@click.option("--plot", type=click.Path(path_type=Path, dir_okay=False), help="Also draw a PNG.")
@click.option(
    "--rounds", type=click.IntRange(1, 100), help="Passes over the questions [5; 3 quick]."
)
@click.option("--recipe-up-to", type=click.IntRange(1), help="Largest size to run the recipe at.")
@click.option(
    "--workdir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Keep the corpora and stores here (default: a temporary folder, removed).",
)
@click.pass_obj
def bench(
    settings: Settings,
    quick: bool,
    sizes: str | None,
    out: Path,
    plot: Path | None,
    rounds: int | None,
    recipe_up_to: int | None,
    workdir: Path | None,
) -> None:
    """Benchmark ingest throughput, warm latency, memory and start-up, next to the usual recipe.

    Builds corpora of N times the corpus folder (default 1x, 100x, 1000x; --quick: 1x, 10x),
    ingests each in a fresh process and prints a table; figures go to --out as JSON.
    """
    from qa_bot.bench.report import format_table, render_plot
    from qa_bot.bench.runner import FULL_SIZES, QUICK_SIZES, BenchConfig, run_bench

    chosen = _sizes(sizes) or (QUICK_SIZES if quick else FULL_SIZES)
    if not settings.corpus_dir.is_dir():
        raise BadInput(f"the corpus folder {settings.corpus_dir} does not exist")
    config = BenchConfig(
        sizes=chosen,
        source_dir=settings.corpus_dir,
        questions=PROJECT_ROOT / "eval" / "dev_questions.jsonl",
        threads=settings.resolved_threads(),
        rounds=rounds or (3 if quick else 5),
        recipe_up_to=recipe_up_to,
        workdir=workdir,
    )
    figures = run_bench(config, echo=lambda line: click.echo(line, err=True))
    figures["command"] = _command_line(click.get_current_context())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if plot:
        render_plot(figures, plot)
    click.echo(format_table(figures))
    click.echo(f"\nfigures: {out}" + (f", plot: {plot}" if plot else ""))
