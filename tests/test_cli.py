"""The `qa-bot` command through click's runner (and once as a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_bot.cli import main
from qa_bot.settings import Settings
from tests.conftest import make_settings


def _env(settings: Settings) -> dict[str, str]:
    return {
        "QA_BOT_STORE_DIR": str(settings.store_dir),
        "QA_BOT_CORPUS_DIR": str(settings.corpus_dir),
        "QA_BOT_DATA_DIR": str(settings.data_dir),
    }


def run(settings: Settings, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=_env(settings))
    return result.exit_code, result.stdout, result.stderr


def test_ask_json_follows_the_contract(built_settings: Settings) -> None:
    code, out, _ = run(built_settings, "ask", "--json", "Who is Maya Wang?")
    assert code == 0
    data = json.loads(out)
    assert data["question"] == "Who is Maya Wang?" and data["abstained"] is False
    assert data["citations"] and "Maya Wang" in data["citations"][0]["text"]
    assert isinstance(data["latency_ms"], float)


def test_ask_prints_answer_and_numbered_sources(built_settings: Settings) -> None:
    code, out, _ = run(built_settings, "ask", "How many employees does Hikvision have?")
    assert code == 0
    assert "30,000" in out and "[1]" in out and "[2]" in out
    assert "npr-us-may-blacklist-chinese-surveillance-firm ¶" in out
    assert "SCHMITZ: SCHMITZ:" not in out  # a labelled turn is not labelled twice


def test_ask_with_history_file(built_settings: Settings, tmp_path: Path) -> None:
    history = tmp_path / "turns.json"
    history.write_text(json.dumps([["Who is Maya Wang?", "A Human Rights Watch researcher."]]))
    code, out, _ = run(
        built_settings, "ask", "--json", "--history", str(history), "What did she say about it?"
    )
    assert code == 0
    assert "Maya Wang" in json.loads(out)["standalone_question"]


@pytest.mark.parametrize("content", ["not json", '{"a": 1}', '[["only one"]]', "[[1, 2]]"])
def test_bad_history_file_is_exit_2_with_one_line(
    built_settings: Settings, tmp_path: Path, content: str
) -> None:
    history = tmp_path / "turns.json"
    history.write_text(content)
    code, _, err = run(built_settings, "ask", "--history", str(history), "Why?")
    assert code == 2
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("question", ["", "   ", "x" * 1_000_000])
def test_empty_or_huge_question_is_exit_2(built_settings: Settings, question: str) -> None:
    code, out, err = run(built_settings, "ask", question)
    assert code == 2 and out == ""
    assert err.startswith("error: the question") and "Traceback" not in err


def test_status_json(built_settings: Settings) -> None:
    code, out, _ = run(built_settings, "status", "--json")
    assert code == 0
    counts = json.loads(out)
    assert set(counts) == {"documents", "paragraphs", "chunks"} and counts["documents"] == 2


def test_ingest_reports_skipped_files_and_is_idempotent(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    (settings.corpus_dir / "broken.txt").write_bytes(b"\xff\xfe\xfa\x00 not text")
    code, out, err = run(settings, "ingest", "--quiet")
    assert code == 0
    assert "skipped broken.txt:" in err
    assert out.startswith("2 added, 0 updated, 0 unchanged, 0 removed")
    code, out, _ = run(settings, "ingest", "--quiet")
    assert code == 0 and out.startswith("0 added, 0 updated, 2 unchanged, 0 removed; 0 chunks")


def test_ask_before_any_ingest_builds_the_store(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    code, out, err = run(settings, "ask", "--json", "Which exchange is Hikvision listed on?")
    assert code == 0
    assert "ingesting" in err
    assert "Shenzhen" in json.loads(out)["answer"]


def test_missing_corpus_folder_is_exit_2(tmp_path: Path) -> None:
    settings = Settings(corpus_dir=tmp_path / "nowhere", store_dir=tmp_path / "store")
    code, _, err = run(settings, "ingest")
    assert code == 2 and "does not exist" in err


def test_help_explains_the_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "ask", "status"):
        assert command in result.stdout


@pytest.mark.slow
def test_installed_entry_point_answers_and_fails_cleanly(built_settings: Settings) -> None:
    env = {**_env(built_settings), "PATH": str(Path(sys.executable).parent)}
    exe = str(Path(sys.executable).parent / "qa-bot")
    done = subprocess.run(
        [exe, "ask", "--json", "Who is Robert Lighthizer?"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "trade representative" in json.loads(done.stdout)["answer"]
    bad = subprocess.run([exe, "ask", " "], env=env, capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
