"""The Markdown report: run configuration, the summary table, then every failed question."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from qa_bot.eval.metrics import GATING_CHECKS, METRICS

_COUNTS = ("questions", "passed")


def format_value(name: str, value: Any) -> str:
    if value is None:
        return "–"
    if name.endswith("_ms"):
        return f"{value:.1f}"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def summary_table(summary: Mapping[str, Any]) -> list[str]:
    """Metrics as rows; the overall value, then one column per kind."""
    kinds = sorted(summary.get("by_kind", {}))
    header = ["metric", "all", *kinds]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name in (*_COUNTS, *METRICS):
        cells = [summary.get(name)] + [summary["by_kind"][k].get(name) for k in kinds]
        lines.append(f"| {name} | " + " | ".join(format_value(name, c) for c in cells) + " |")
    return lines


def render_markdown(report: Mapping[str, Any]) -> str:
    summary = report["summary"]
    failed = [r for r in report["results"] if not r["passed"]]
    lines = ["# qa-bot evaluation", "", _config_line(report["config"]), "", "## Summary", ""]
    lines += summary_table(summary)
    lines += _skipped(report.get("skipped_lines", []))
    lines += ["", f"## Failed questions ({len(failed)} of {summary['questions']})", ""]
    if not failed:
        lines.append("None: every question passed.")
    for result in failed:
        lines += failed_question(result)
    return "\n".join(lines).rstrip() + "\n"


def _config_line(config: Mapping[str, Any]) -> str:
    store = config.get("store") or {}
    size = ", ".join(f"{v} {k}" for k, v in store.items())
    return (
        f"Backend `{config.get('backend')}`, embeddings `{config.get('embedding_model')}`, "
        f"k = {config.get('k')}, store: {size or 'unknown'}, qa-bot {config.get('version')}."
    )


def _skipped(skipped: Sequence[Mapping[str, Any]]) -> list[str]:
    if not skipped:
        return []
    lines = ["", f"## Skipped lines ({len(skipped)})", ""]
    return lines + [f"- line {s['line']}: {s['message']}" for s in skipped]


def failed_checks(result: Mapping[str, Any]) -> list[str]:
    names = [name for name in GATING_CHECKS if result["checks"].get(name) is False]
    return (["error"] if result.get("error") else []) + names


def failed_question(result: Mapping[str, Any]) -> list[str]:
    lines = [
        f"### {result['id']} ({result['kind']}): failed {', '.join(failed_checks(result))}",
        "",
        f"**Question:** {result['question']}  ",
    ]
    for asked, answered in result.get("history", []):
        lines.append(f"**Earlier turn:** {asked} → {answered}  ")
    if result["standalone_question"] != result["question"]:
        lines.append(f"**Standalone question:** {result['standalone_question']}  ")
    if result.get("expect"):
        groups = " and ".join("(" + " | ".join(g) + ")" for g in result["expect"])
        lines.append(f"**Expected:** {groups}  ")
    if result.get("evidence"):
        lines.append("**Evidence:** " + " | ".join(f"“{e}”" for e in result["evidence"]) + "  ")
    if result.get("error"):
        lines.append(f"**Error:** {result['error']}  ")
    lines += ["", _answer_label(result), "", *_quote(result["answer"] or "(empty)"), ""]
    lines += _citations(result["citations"])
    return [*lines, ""]


def _answer_label(result: Mapping[str, Any]) -> str:
    state = "abstained, " if result["abstained"] else ""
    return f"**Answer** ({state}{result['latency_ms']:.0f} ms):"


def _quote(text: str) -> list[str]:
    return ["> " + line if line else ">" for line in text.splitlines()]


def _citations(citations: Sequence[Mapping[str, Any]]) -> list[str]:
    if not citations:
        return ["No citations."]
    lines = ["**Citations:**", ""]
    for c in citations:
        speaker = f" ({c['speaker']})" if c.get("speaker") else ""
        lines.append(f"- [{c['marker']}] `{c['source']}` ¶{c['paragraph']}{speaker}: {c['text']}")
    return lines
