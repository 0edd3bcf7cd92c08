"""Running a question set through a fake bot: report shape, checks from real files, the CLI."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from qa_bot.errors import BadInput
from qa_bot.eval import cli
from qa_bot.eval.questions import parse_lines
from qa_bot.eval.runner import SourceTexts, build_report
from qa_bot.models import Answer, Citation, DocumentMeta, Paragraph, Retrieved
from qa_bot.settings import Settings

RAW = "Cameras Inc.\n\nHikvision   makes\ncameras.\n\nIts largest client is the state.\n"
PARAGRAPHS = ["Cameras Inc.", "Hikvision makes cameras.", "Its largest client is the state."]
QUESTIONS = [
    {"id": "f1", "kind": "fact", "question": "What does Hikvision make?",
     "expect": [["cameras"]], "evidence": ["makes cameras"], "note": "kept"},
    {"id": "f2", "kind": "fact", "question": "Who is the largest client?",
     "expect": [["the state"]], "evidence": ["largest client"]},
    {"id": "a1", "kind": "abstain", "question": "Capital of New Zealand?"},
    {"id": "u1", "kind": "followup", "question": "And its clients?",
     "history": [["What is Hikvision?", "A camera maker."]], "expect": [["state"]]},
]  # fmt: skip


class FakeEmbeddings:
    model_id = "fake-embedder"


class FakeBot:
    """Duck-typed QABot: canned answers keyed by question, one document 'cams'."""

    backend = "fake"
    embeddings = FakeEmbeddings()

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.asked: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def ask(self, question: str, history: Sequence[tuple[str, str]] = ()) -> Answer:
        self.asked.append((question, tuple(history)))
        retrieved = [
            Retrieved("cams", 1, 0.9),
            Retrieved("cams", 1, 0.8),
            Retrieved("cams", 2, 0.5),
        ]
        cite = Citation(1, "cams", 2, PARAGRAPHS[1], None)
        match question:
            case "What does Hikvision make?":
                return Answer(
                    question, question, "It makes cameras [1].", False, [cite], 12.0, retrieved
                )
            case "Who is the largest client?":  # wrong, invented citation text, dangling marker
                invented = Citation(1, "cams", 3, "Its biggest client is the state.", None)
                return Answer(
                    question, question, "The government [2].", False, [invented], 30.0, retrieved
                )
            case "And its clients?":
                return Answer(question, "Hikvision clients?", "No idea.", True, [], 20.0, retrieved)
            case _:
                if len(question) > 50:
                    raise BadInput("question too long")
                return Answer(question, question, "I cannot say.", True, [], 5.0, [])

    def status(self) -> dict[str, int]:
        return {"documents": 1, "paragraphs": 3, "chunks": 3}

    def documents(self) -> list[DocumentMeta]:
        return [DocumentMeta("cams", "Cams.txt", None, None, (), None, "article", "0" * 64)]

    def paragraphs(self, doc_id: str) -> list[Paragraph]:
        if doc_id != "cams":
            raise KeyError(doc_id)
        return [Paragraph("cams", n, t, 0, 0) for n, t in enumerate(PARAGRAPHS, start=1)]


@pytest.fixture
def fake_settings(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "Cams.txt").write_text(RAW, encoding="utf-8")
    return Settings(
        corpus_dir=corpus, store_dir=tmp_path / "store", data_dir=tmp_path / "data", top_k=2
    )


@pytest.fixture
def questions_file(tmp_path: Path) -> Path:
    path = tmp_path / "questions.jsonl"
    lines = [json.dumps(q) for q in QUESTIONS]
    path.write_text("\n".join([lines[0], "{broken", *lines[1:]]) + "\n", encoding="utf-8")
    return path


def _report(settings: Settings) -> dict[str, Any]:
    questions, _ = parse_lines(json.dumps(q) for q in QUESTIONS)
    return build_report(FakeBot(settings), questions, progress=False)


def test_results_carry_the_contract_fields_and_checks(fake_settings: Settings) -> None:
    report = _report(fake_settings)
    f1, f2, a1, u1 = report["results"]
    assert f1["citations"] == [
        {"marker": 1, "source": "cams", "paragraph": 2, "text": PARAGRAPHS[1], "speaker": None}
    ]
    assert f1["retrieved"][0] == {"source": "cams", "paragraph": 1, "score": 0.9}
    assert f1["checks"]["correct"] and f1["checks"]["citations_verbatim"]
    # k=2 distinct paragraphs: cams:1, cams:2 -> the evidence is at rank 2
    assert f1["checks"]["reciprocal_rank"] == 0.5
    assert f1["extra"] == {"note": "kept"} and f1["passed"]
    assert f2["checks"]["citations_verbatim"] is False  # not in the raw file
    assert f2["checks"]["citations_valid"] is False  # [2] resolves to nothing
    assert f2["checks"]["evidence_retrieved"] is False  # paragraph 3 is beyond k=2
    assert not f2["passed"]
    assert a1["checks"]["correct"] and a1["passed"]
    assert u1["standalone_question"] == "Hikvision clients?" and u1["abstained"]
    assert u1["history"] == [["What is Hikvision?", "A camera maker."]]
    assert u1["latency_ms"] == 20.0


def test_summary_and_config(fake_settings: Settings) -> None:
    report = _report(fake_settings)
    summary, config = report["summary"], report["config"]
    assert summary["questions"] == 4 and summary["passed"] == 2
    assert summary["answer_accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert summary["abstention_accuracy"] == 1.0
    assert summary["false_abstention_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert summary["citation_verbatim"] == 0.5
    assert summary["by_kind"]["followup"]["answer_accuracy"] == 0.0
    assert config["backend"] == "fake" and config["embedding_model"] == "fake-embedder"
    assert config["k"] == 2 and config["store"]["documents"] == 1
    assert config["version"]


def test_bad_input_from_the_bot_fails_that_question_only(fake_settings: Settings) -> None:
    questions, _ = parse_lines([json.dumps({"id": "x", "kind": "fact", "question": "Q" * 60})])
    result = build_report(FakeBot(fake_settings), questions, progress=False)["results"][0]
    assert result["error"] == "question too long"
    assert result["passed"] is False


# -- the command, with the fake bot -----------------------------------------------------------
def _invoke(settings: Settings, args: list[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(cli, "make_bot", FakeBot)
    return CliRunner().invoke(cli.eval_command, args, obj=settings)


def test_cli_writes_json_markdown_and_png(
    fake_settings: Settings, questions_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, md, png = tmp_path / "r.json", tmp_path / "r.md", tmp_path / "r.png"
    args = [str(questions_file), "--out", str(out), "--md", str(md), "--plot", str(png)]
    result = _invoke(fake_settings, [*args, "--no-progress"], monkeypatch)
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    assert set(report) == {"summary", "config", "results", "skipped_lines"}
    assert report["skipped_lines"][0]["line"] == 2
    assert "line 2: not valid JSON" in result.stderr
    assert "| answer_accuracy |" in result.stdout
    assert "### f2 (fact): failed" in md.read_text()
    assert png.read_bytes().startswith(b"\x89PNG")


def test_cli_json_to_stdout(
    fake_settings: Settings, questions_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _invoke(
        fake_settings, [str(questions_file), "--out", "-", "--no-progress"], monkeypatch
    )
    assert json.loads(result.stdout)["summary"]["questions"] == 4
    assert "| answer_accuracy |" in result.stderr


@pytest.mark.parametrize(
    ("gates", "code", "message"),
    [
        (["--fail-under", "answer_accuracy=0.3", "--fail-over", "latency_p95_ms=100"], 0, "met"),
        (["--fail-under", "answer_accuracy=0.9"], 1, "answer_accuracy = 0.3333 is below 0.9"),
        (
            ["--fail-over", "false_abstention_rate=0.1"],
            1,
            "false_abstention_rate = 0.3333 is above",
        ),
        (["--fail-under", "accuracy=0.9"], 2, "unknown metric 'accuracy'"),
        (["--fail-under", "latency_p95_ms=900"], 2, "latency_p95_ms is gated with --fail-over"),
        (["--fail-under", "mrr=high"], 2, "not a number"),
        (["--fail-under", "mrr=90"], 2, "lies in 0..1"),
    ],
)
def test_cli_gates(
    gates: list[str],
    code: int,
    message: str,
    fake_settings: Settings,
    questions_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = _invoke(fake_settings, [str(questions_file), "--no-progress", *gates], monkeypatch)
    assert result.exit_code == code, result.output
    assert message in result.stderr


def test_cli_usage_errors(
    fake_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _invoke(fake_settings, [], monkeypatch).exit_code == 2
    missing = _invoke(fake_settings, [str(tmp_path / "nope.jsonl")], monkeypatch)
    assert missing.exit_code == 2 and "question file not found" in missing.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text("{bad\n")
    assert "no usable questions" in _invoke(fake_settings, [str(empty)], monkeypatch).stderr
    plot_with_compare = ["--compare", str(empty), str(empty), "--plot", "x.png"]
    assert _invoke(fake_settings, plot_with_compare, monkeypatch).exit_code == 2


def test_history_reaches_the_bot_after_an_untimed_warm_up(fake_settings: Settings) -> None:
    bot = FakeBot(fake_settings)
    questions, _ = parse_lines(json.dumps(q) for q in QUESTIONS)
    build_report(bot, questions, progress=False)
    assert len(bot.asked) == len(QUESTIONS) + 1 and bot.asked[0] == bot.asked[1]
    assert bot.asked[-1] == ("And its clients?", (("What is Hikvision?", "A camera maker."),))


def test_cli_shows_a_progress_bar_on_stderr(
    fake_settings: Settings, questions_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _invoke(fake_settings, [str(questions_file)], monkeypatch)
    assert "4/4" in result.stderr and "passed=2/4" in result.stderr
    assert "4/4" not in result.stdout


def test_raw_files_are_found_by_catalog_file_name_then_by_stem(fake_settings: Settings) -> None:
    corpus = fake_settings.corpus_dir
    (corpus / "nested").mkdir()
    (corpus / "nested" / "Story One.txt").write_text("Story text.", encoding="utf-8")
    bot = FakeBot(fake_settings)
    story = DocumentMeta("story-1", "nested/Story One.txt", None, None, (), None, "article", "")
    bot.documents = lambda: [story]  # type: ignore[method-assign]
    sources = SourceTexts(bot, corpus)
    assert sources.raw("story-1") == "Story text."
    assert sources.raw("cams") == RAW  # no catalog entry: the lower-cased stem of Cams.txt
    assert sources.raw("gone") is None
    assert sources.paragraph("cams", 2) == PARAGRAPHS[1] and sources.paragraph("gone", 1) == ""
