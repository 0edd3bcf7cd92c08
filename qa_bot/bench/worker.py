"""One measurement in its own process, so that its peak memory is its own.

``python -m qa_bot.bench.worker TASK`` reads its arguments as JSON on stdin and prints its
figures as one JSON line (the last line of stdout). The parent side is ``run_task``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from qa_bot.errors import QABotError

TASKS = ("ingest", "queries", "recipe", "first-answer")


def run_task(task: str, args: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Run one task in a fresh Python process and return its figures."""
    done = subprocess.run(
        [sys.executable, "-m", "qa_bot.bench.worker", task],
        input=json.dumps(args),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_child_env(),
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise QABotError(f"benchmark task {task!r} failed: {' | '.join(tail)}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def first_answer_seconds(args: dict[str, Any]) -> float:
    """Process start to first answer: a fresh interpreter opens the built store and answers.

    Measured from just before the process is spawned to the moment it reports its answer
    (interpreter shutdown is not part of the user's wait).
    """
    with tempfile.TemporaryFile("w+") as errors:
        started = time.perf_counter()
        with subprocess.Popen(
            [sys.executable, "-m", "qa_bot.bench.worker", "first-answer"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=_child_env(),
        ) as process:
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(json.dumps(args))
            process.stdin.close()
            line = process.stdout.readline()
            elapsed = time.perf_counter() - started
            process.stdout.read()
        if not line.startswith("{"):
            errors.seek(0)
            tail = errors.read().strip().splitlines()[-3:]
            raise QABotError(f"benchmark task 'first-answer' failed: {' | '.join(tail)}")
    return elapsed


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("ANONYMIZED_TELEMETRY", "False")
    return env


def _settings(args: dict[str, Any]) -> Any:
    from qa_bot.bench.measure import bench_settings

    return bench_settings(Path(args["corpus_dir"]), Path(args["store_dir"]), args["threads"])


def main(task: str) -> dict[str, Any]:
    args = json.loads(sys.stdin.read())
    match task:
        case "first-answer":
            from qa_bot.service import QABot

            answer = QABot(_settings(args)).ask(args["question"])
            return {"abstained": answer.abstained}
        case "ingest":
            from qa_bot.bench.measure import measure_ingest

            return measure_ingest(_settings(args))
        case "queries":
            from qa_bot.bench.measure import measure_queries

            return measure_queries(_settings(args), args["questions"], args["rounds"])
        case "recipe":
            from qa_bot.bench.recipe import measure_recipe

            return measure_recipe(
                Path(args["corpus_dir"]),
                Path(args["persist_dir"]),
                args["threads"],
                args["queries"],
                args["rounds"],
            )
    raise SystemExit(f"unknown task {task!r}: use one of {', '.join(TASKS)}")


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1])), flush=True)
