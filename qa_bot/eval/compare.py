"""``qa-bot eval --compare old.json new.json``: metric deltas and questions that changed outcome."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qa_bot.errors import BadInput
from qa_bot.eval.metrics import GATING_CHECKS, METRICS
from qa_bot.eval.report_md import failed_checks, format_value


def load_report(path: Path) -> dict[str, Any]:
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"report not found: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"cannot read report {path}: {exc}") from None
    if not (isinstance(report, dict) and {"summary", "results"} <= report.keys()):
        raise BadInput(f"{path} is not a qa-bot eval report (no summary/results)")
    return report


def metric_delta(name: str, old: Any, new: Any) -> dict[str, Any]:
    """One row: ``better`` is True/False when the change helps/hurts, None when equal or unknown."""
    delta = None if old is None or new is None else round(new - old, 4)
    better = None
    if delta:
        better = (delta > 0) == METRICS[name]
    return {"metric": name, "old": old, "new": new, "delta": delta, "better": better}


def metric_deltas(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Overall rows (kind None), then per-kind rows for every kind in either report."""
    rows = [{"kind": None, **metric_delta(m, old.get(m), new.get(m))} for m in METRICS]
    old_kinds, new_kinds = old.get("by_kind", {}), new.get("by_kind", {})
    for kind in sorted(old_kinds.keys() | new_kinds.keys()):
        before, after = old_kinds.get(kind, {}), new_kinds.get(kind, {})
        rows += [{"kind": kind, **metric_delta(m, before.get(m), after.get(m))} for m in METRICS]
    return rows


def outcome_change(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any] | None:
    """How one question's outcome moved, or None when it passed/failed the same way."""
    checks = {
        name: [old["checks"].get(name), new["checks"].get(name)]
        for name in GATING_CHECKS
        if old["checks"].get(name) != new["checks"].get(name)
    }
    if old["passed"] == new["passed"] and (new["passed"] or not checks):
        return None
    change = "changed"
    if old["passed"] != new["passed"]:
        change = "fixed" if new["passed"] else "broken"
    return {
        "id": new["id"],
        "question": new["question"],
        "change": change,
        "checks": checks,
        "failed_before": failed_checks(old),
        "failed_now": failed_checks(new),
    }


def compare_reports(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    before = {r["id"]: r for r in old["results"]}
    after = {r["id"]: r for r in new["results"]}
    changed = [outcome_change(before[i], after[i]) for i in after if i in before]
    config_keys = old.get("config", {}).keys() | new.get("config", {}).keys()
    return {
        "metrics": metric_deltas(old["summary"], new["summary"]),
        "changed": [c for c in changed if c is not None],
        "added": [i for i in after if i not in before],
        "removed": [i for i in before if i not in after],
        "config": {
            key: [old.get("config", {}).get(key), new.get("config", {}).get(key)]
            for key in sorted(config_keys)
            if old.get("config", {}).get(key) != new.get("config", {}).get(key)
        },
    }


def render_comparison(comparison: Mapping[str, Any]) -> str:
    lines = [f"{'metric':<32} {'old':<10} {'new':<10} delta"]
    for row in comparison["metrics"]:
        if row["kind"] is not None and (not row["delta"] or row["metric"].endswith("_ms")):
            continue  # per kind: only scores that moved (latency per kind is mostly noise)
        lines.append(_metric_line(row))
    for key, (old, new) in comparison["config"].items():
        lines.append(f"config {key}: {old} -> {new}")
    lines.append("")
    lines.append(f"{len(comparison['changed'])} question(s) changed outcome")
    for change in comparison["changed"]:
        before = ", ".join(change["failed_before"]) or "passed"
        now = ", ".join(change["failed_now"]) or "passed"
        lines.append(f"  {change['change']:<8} {change['id']}: {before} -> {now}")
    if comparison["added"]:
        lines.append("only in new: " + ", ".join(comparison["added"]))
    if comparison["removed"]:
        lines.append("only in old: " + ", ".join(comparison["removed"]))
    return "\n".join(lines) + "\n"


def _metric_line(row: Mapping[str, Any]) -> str:
    name = row["metric"] if row["kind"] is None else f"{row['kind']}/{row['metric']}"
    delta = "" if row["delta"] is None else "0" if row["delta"] == 0 else f"{row['delta']:+.4g}"
    verdict = {True: "better", False: "worse", None: ""}[row["better"]]
    old, new = format_value(name, row["old"]), format_value(name, row["new"])
    return f"{name:<32} {old:<10} {new:<10} {delta:<9} {verdict}".rstrip()
