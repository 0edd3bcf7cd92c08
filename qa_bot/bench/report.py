"""The benchmark's figures as targets met or missed, a short text table and a PNG plot.

``figures`` is the JSON the benchmark writes: ``{"machine", "config", "sizes": [...]}``, one
entry per corpus size with ``ingest``, ``queries``, ``startup`` and (optionally) ``recipe``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

#: The issue's targets on 2 cores.
P50_SMALL_MS = 30.0  # warm answer p50 on the bundled corpus
P50_LARGE_MS = 150.0  # ... at 1000x
FIRST_ANSWER_S = 3.0
INGEST_VS_BARE = 0.90
MEMORY_SLACK = 1.10  # memory per paragraph may grow by this much between sizes (noise)


def check_targets(figures: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per target that the measured sizes can judge: name, limit, value, ok."""
    sizes = figures["sizes"]
    rows: list[dict[str, Any]] = []
    for size in sizes:
        scale = size["scale"]
        p50 = size["queries"]["p50_ms"]
        if scale == 1:
            rows.append(
                _row("warm answer p50, 1x (ms)", f"< {P50_SMALL_MS:g}", p50, p50 < P50_SMALL_MS)
            )
        if scale >= 1000:
            rows.append(
                _row(
                    f"warm answer p50, {scale}x (ms)",
                    f"< {P50_LARGE_MS:g}",
                    p50,
                    p50 < P50_LARGE_MS,
                )
            )
        first = size["startup"]["first_answer_s"]
        rows.append(
            _row(
                f"start-up to first answer, {scale}x (s)",
                f"< {FIRST_ANSWER_S:g}",
                first,
                first < FIRST_ANSWER_S,
            )
        )
    largest = max(sizes, key=lambda s: s["scale"])
    ratio = largest["ingest"]["ingest_vs_bare"]
    rows.append(
        _row(
            f"ingest / bare-model throughput, {largest['scale']}x",
            f">= {INGEST_VS_BARE:.0%}",
            ratio,
            ratio >= INGEST_VS_BARE,
        )
    )
    embed = largest["ingest"]["embedding"]["pipeline_vs_bare"]
    rows.append(
        _row("embed path / bare model", f">= {INGEST_VS_BARE:.0%}", embed, embed >= INGEST_VS_BARE)
    )
    for process in ("ingest", "queries"):
        growth = memory_growth(sizes, process)
        if growth is not None:
            name = f"{process} memory growth / corpus growth"
            rows.append(_row(name, f"<= {MEMORY_SLACK:g}", growth, growth <= MEMORY_SLACK))
    return rows


def _row(name: str, target: str, value: float, ok: bool) -> dict[str, Any]:
    return {"name": name, "target": target, "value": value, "ok": bool(ok)}


def memory_growth(sizes: Sequence[Mapping[str, Any]], process: str) -> float | None:
    """Worst ratio of memory per paragraph between a corpus size and the next smaller one.

    Memory per paragraph: the ``process``'s ("ingest" or "queries") peak RSS above its own RSS
    before it read any data (interpreter, libraries, model and Chroma loaded), divided by the
    paragraphs. At most 1.0: memory grows no faster than the corpus. None below two sizes.
    """
    ordered = sorted(sizes, key=lambda s: s["paragraphs"])
    per_paragraph = [
        (s[process]["peak_rss_mb"] - s[process]["rss_before_mb"]) / s["paragraphs"]
        for s in ordered
        if "rss_before_mb" in s[process] and s["paragraphs"] > 0
    ]
    ratios = [large / small for small, large in itertools.pairwise(per_paragraph) if small > 0]
    return max(ratios) if ratios else None


# -- the text table -------------------------------------------------------------------------
_INGEST_COLUMNS = (
    ("size", "{scale}x"),
    ("docs", "{documents}"),
    ("paragraphs", "{paragraphs}"),
    ("chunks", "{chunks}"),
    ("ingest s", "{ingest_s:.1f}"),
    ("paragraphs/s", "{paragraphs_per_s:.0f}"),
    ("embed share", "{embed_share:.0%}"),
    ("embed path/bare", "{embed_vs_bare:.0%}"),
    ("ingest/bare", "{ingest_vs_bare:.0%}"),
    ("peak MB", "{ingest_mb:.0f}"),
)
_QUERY_COLUMNS = (
    ("size", "{scale}x"),
    ("p50 ms", "{p50:.1f}"),
    ("p95 ms", "{p95:.1f}"),
    ("embed", "{embed:.1f}"),
    ("dense", "{dense:.1f}"),
    ("lexical", "{lexical:.1f}"),
    ("compose", "{compose:.1f}"),
    ("peak MB", "{serve_mb:.0f}"),
    ("first answer s", "{first:.2f}"),
)
_RECIPE_COLUMNS = (
    ("size", "{scale}x"),
    ("chunks ours/theirs", "{chunks}/{recipe_chunks}"),
    ("ingest s ours/theirs", "{ingest_s:.1f}/{recipe_ingest_s:.1f}"),
    ("ingest theirs/ours", "{ingest_ratio:.2f}"),
    ("p50 ms ours/theirs", "{p50:.1f}/{recipe_p50:.1f}"),
    ("p50 theirs/ours", "{latency_ratio:.2f}"),
    ("recall@4 ours/theirs", "{recall:.2f}/{recipe_recall:.2f}"),
)


def table_values(size: Mapping[str, Any]) -> dict[str, Any]:
    ingest, queries = size["ingest"], size["queries"]
    pieces = queries["pieces_p50_ms"]
    values = {
        "scale": size["scale"],
        "documents": size.get("documents", "?"),
        "paragraphs": size["paragraphs"],
        "chunks": size["chunks"],
        "ingest_s": ingest["seconds"],
        "paragraphs_per_s": ingest["paragraphs_per_s"],
        "ingest_vs_bare": ingest["ingest_vs_bare"],
        "embed_share": ingest.get("embed_share", float("nan")),
        "embed_vs_bare": ingest["embedding"]["pipeline_vs_bare"],
        "ingest_mb": ingest["peak_rss_mb"],
        "serve_mb": queries["peak_rss_mb"],
        "p50": queries["p50_ms"],
        "p95": queries["p95_ms"],
        **{name: pieces[name] for name in ("embed", "dense", "lexical", "compose")},
        "first": size["startup"]["first_answer_s"],
        "recall": _number(queries["recall_at_4"]),
    }
    recipe = size.get("recipe")
    if recipe:
        values.update(
            recipe_chunks=recipe["chunks"],
            recipe_ingest_s=recipe["ingest_s"],
            recipe_p50=recipe["p50_ms"],
            recipe_recall=_number(recipe["recall_at_4"]),
            **size["comparison"],
        )
    return values


def _number(value: float | None) -> float:
    return float("nan") if value is None else value


def _grid(columns: Sequence[tuple[str, str]], rows: list[dict[str, Any]]) -> list[str]:
    cells = [[head for head, _ in columns]]
    cells += [[fmt.format(**row) for _, fmt in columns] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    return ["  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in cells]


def format_table(figures: Mapping[str, Any]) -> str:
    rows = [table_values(size) for size in figures["sizes"]]
    lines = ["Ingest (a fresh store; peak MB: the ingest process's peak RSS):"]
    lines += _grid(_INGEST_COLUMNS, rows)
    lines += ["", "Warm answers (p50 ms of each piece; peak MB: the query process's peak RSS):"]
    lines += _grid(_QUERY_COLUMNS, rows)
    recipe_rows = [row for row in rows if "recipe_chunks" in row]
    if recipe_rows:
        lines += [
            "",
            "The usual recipe (1000/200 character chunks, dense top-4) on the same corpus:",
        ]
        lines += _grid(_RECIPE_COLUMNS, recipe_rows)
    embed = max(figures["sizes"], key=lambda s: s["scale"])["ingest"]["embedding"]
    lines += [
        "",
        f"embedding, {embed['texts']} texts, {embed['threads']} threads: bare model "
        f"{embed['bare_texts_per_s']:.0f} texts/s, our embed path "
        f"{embed['pipeline_texts_per_s']:.0f} texts/s ({embed['pipeline_vs_bare']:.0%})",
        "",
    ]
    for row in check_targets(figures):
        mark = "ok  " if row["ok"] else "MISS"
        lines.append(f"{mark} {row['name']}: {row['value']:.3g} (target {row['target']})")
    return "\n".join(lines)


# -- the plot -----------------------------------------------------------------------------------
def render_plot(figures: Mapping[str, Any], path: Path) -> None:
    """Latency, throughput and memory against corpus size (paragraphs, log scale)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import NullLocator

    sizes = sorted(figures["sizes"], key=lambda s: s["paragraphs"])
    x = [s["paragraphs"] for s in sizes]
    figure = Figure(figsize=(14, 4.5), layout="constrained")
    FigureCanvasAgg(figure)
    latency, throughput, memory = figure.subplots(1, 3)
    latency.plot(x, [s["queries"]["p50_ms"] for s in sizes], "o-", label="ours p50")
    latency.plot(x, [s["queries"]["p95_ms"] for s in sizes], "o--", label="ours p95")
    recipe = [(s["paragraphs"], s["recipe"]["p50_ms"]) for s in sizes if s.get("recipe")]
    if recipe:
        latency.plot(*zip(*recipe, strict=True), "s:", label="recipe p50 (retrieval only)")
    latency.set(title="warm query latency", ylabel="ms")
    throughput.plot(
        x, [s["ingest"]["paragraphs_per_s"] for s in sizes], "o-", label="ingest paragraphs/s"
    )
    throughput.plot(x, [s["ingest"]["chunks_per_s"] for s in sizes], "o--", label="ingest chunks/s")
    throughput.plot(
        x,
        [s["ingest"]["embedding"]["bare_texts_per_s"] for s in sizes],
        "s:",
        label="bare model texts/s",
    )
    throughput.set(title="ingest throughput", ylabel="per second")
    memory.plot(x, [s["ingest"]["peak_rss_mb"] for s in sizes], "o-", label="ingest peak RSS")
    memory.plot(x, [s["queries"]["peak_rss_mb"] for s in sizes], "o--", label="query peak RSS")
    memory.set(title="memory", ylabel="MB")
    labels = [f"{s['paragraphs']}\n({s['scale']}x)" for s in sizes]
    for axes in (latency, throughput, memory):
        axes.set_xscale("log")
        axes.xaxis.set_minor_locator(NullLocator())
        axes.set_xticks(x, labels)
        axes.set_xlabel("corpus size (paragraphs)")
        axes.set_ylim(bottom=0)
        axes.grid(True, alpha=0.3)
        axes.legend(fontsize=8)
    machine = figures.get("machine", {})
    figure.suptitle(
        f"qa-bot bench: {machine.get('threads', '?')} threads, {machine.get('cpus', '?')} CPUs"
    )
    figure.savefig(path, format="png", dpi=100)
