"""The PNG report: per-kind scores (grouped bars) and the latency distribution (histogram).

Uses matplotlib's object API with the Agg canvas, so no GUI backend or pyplot state is touched.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qa_bot.eval.metrics import METRICS

#: The 0..1 metrics drawn as bars (latency gets its own panel).
SCORE_METRICS = tuple(name for name in METRICS if not name.endswith("_ms"))


def score_series(summary: Mapping[str, Any]) -> dict[str, list[float | None]]:
    """Group label ("all" and each kind) -> one value per SCORE_METRICS entry."""
    groups = {"all": summary, **summary.get("by_kind", {})}
    return {label: [values.get(name) for name in SCORE_METRICS] for label, values in groups.items()}


def render_plot(report: Mapping[str, Any], path: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(13, 5), layout="constrained")
    FigureCanvasAgg(figure)
    scores, latency = figure.subplots(1, 2, width_ratios=[2.2, 1])
    _draw_scores(scores, report["summary"])
    _draw_latency(latency, report["results"], report["summary"])
    config = report.get("config", {})
    figure.suptitle(
        f"qa-bot eval: {report['summary']['questions']} questions, "
        f"backend {config.get('backend')}, k={config.get('k')}"
    )
    figure.savefig(path, format="png", dpi=110)


def _draw_scores(axes: Any, summary: Mapping[str, Any]) -> None:
    series = score_series(summary)
    width = 0.8 / len(series)
    for index, (label, values) in enumerate(series.items()):
        xs = [m + (index - (len(series) - 1) / 2) * width for m in range(len(SCORE_METRICS))]
        heights = [v if v is not None else 0.0 for v in values]
        bars = axes.bar(xs, heights, width, label=label)
        labels = ["" if v is None else f"{v:.2f}" for v in values]
        axes.bar_label(bars, labels=labels, fontsize=6, padding=2, rotation=90)
        for bar, value in zip(bars, values, strict=True):
            if value is None:  # not measured for this group: say so instead of a bare zero
                axes.text(
                    bar.get_x() + width / 2, 0.01, "n/a", ha="center", fontsize=6, rotation=90
                )
    axes.set_xticks(range(len(SCORE_METRICS)))
    axes.set_xticklabels(SCORE_METRICS, rotation=30, ha="right", fontsize=8)
    axes.set_ylim(0, 1.3)  # headroom for the legend
    axes.set_ylabel("score (false_abstention_rate: lower is better)")
    axes.set_title("Scores by kind")
    axes.legend(fontsize=8, ncols=min(len(series), 4), loc="upper center")


def _draw_latency(axes: Any, results: list[Mapping[str, Any]], summary: Mapping[str, Any]) -> None:
    latencies = [r["latency_ms"] for r in results if not r.get("error")]
    if latencies:
        bins: Any = min(20, max(5, len(latencies) // 2))
        low, high = max(min(latencies), 0.01), max(latencies)
        if high / low > 50:  # a long tail: log-spaced bins keep the bulk readable
            import numpy as np

            bins = np.geomspace(low, high, bins + 1)
            axes.set_xscale("log")
        axes.hist(latencies, bins=bins, color="#4c72b0")
    for name, style in (("latency_p50_ms", "--"), ("latency_p95_ms", ":")):
        value = summary.get(name)
        if value is not None:
            axes.axvline(
                value, color="black", linestyle=style, label=f"{name.split('_')[1]} {value:.0f} ms"
            )
    axes.set_xlabel("latency (ms)")
    axes.set_ylabel("questions")
    axes.set_title("Latency distribution")
    if latencies:
        axes.legend(fontsize=8)
