"""Issue 6, bad input: each question and source below has a defined outcome.

Questions (``qa-bot ask``, the chat and the ``/ask`` API): a clear one-line refusal with exit 2,
or the answer the clean question gets, or an abstention; never a traceback, the store untouched.
Sources (``qa-bot ingest PATH``): refused with the reason and exit 2, the store and corpus folder
unchanged; or ingested and answerable (exit 0).
"""

from __future__ import annotations

import codecs
import json
import random
from pathlib import Path
from typing import Any

import pytest

from qa_bot.chat import handlers
from qa_bot.errors import BadInput
from qa_bot.service import QABot
from qa_bot.settings import Settings
from tests.test_reliability_store import (
    catalog_bytes,
    chroma_ids,
    small_settings,
    synthetic_article,
)
from tests.test_reliability_store import (
    cli_in_process as cli,
)

CLEAN = "Who is Maya Wang?"
SAME, ABSTAIN = "same answer as the clean question", "abstains (the sources are English)"
QUESTIONS: dict[str, tuple[str, int, str]] = {
    "empty": ("", 2, "the question is empty"),
    "whitespace": (" \t\n  ", 2, "the question is empty"),
    "1 MB": ("Who is Maya Wang? " * 58255, 2, "characters long; the limit is 2,000"),
    "NUL and control characters": ("Who is Ma\x00ya \x07Wang?\x1b\x7f\x9b", 0, SAME),
    "zero-width and bidi characters": ("\u202eWho is Ma\u200bya Wa\u200dng?\u202c\u2066", 0, SAME),
    "Unicode tag characters": ("Who is Maya Wang?\U000e0041\U000e0067\U000e007f", 0, SAME),
    "only invisible characters": ("\u200b\u200d\U000e0041\u202e\x00", 2, "has no words"),
    "emoji": ("Who is Maya Wang? 🤔👀", 0, SAME),
    "only emoji": ("🤔👀🔥", 2, "has no words"),
    "CJK": ("玛雅·王是谁？她对黑名单说了什么？", 0, ABSTAIN),
    "right-to-left": ("من هي مايا وانغ؟", 0, ABSTAIN),
    "HTML around a question": ("<b>Who is <i>Maya Wang</i>?</b>", 0, SAME),
    "pure HTML": ("<script>alert(1)</script><img src=x onerror=alert(2)>", 0, ABSTAIN),
}


@pytest.fixture(autouse=True)
def shared_model(monkeypatch: pytest.MonkeyPatch, embeddings: object) -> None:
    """The CLI's ``QABot(settings)`` gets the session's model instead of loading its own."""
    monkeypatch.setattr("qa_bot.embeddings.make_embeddings", lambda settings: embeddings)


def store_state(settings: Settings) -> tuple[bytes | None, list[str], list[str]]:
    corpus = sorted(p.name for p in settings.corpus_dir.iterdir())
    return catalog_bytes(settings), chroma_ids(settings), corpus


def cited(answer: dict[str, Any]) -> list[tuple[str, int]]:
    return [(c["source"], c["paragraph"]) for c in answer["citations"]]


# -- questions ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def clean_answer(bot: Any) -> dict[str, Any]:
    answer: dict[str, Any] = bot.ask(CLEAN).to_contract()
    assert answer["citations"]
    return answer


@pytest.mark.parametrize("case", list(QUESTIONS))
def test_bad_questions_have_a_defined_outcome_everywhere(
    case: str, built_settings: Settings, bot: Any, clean_answer: dict[str, Any]
) -> None:
    question, exit_code, outcome = QUESTIONS[case]
    before = store_state(built_settings)
    code, out, err = cli(built_settings, "ask", "--json", question)
    assert code == exit_code, err
    assert "Traceback" not in err
    *_, (messages, _, _) = handlers.respond(bot, question, [])
    reply = messages[-1]["content"]
    if exit_code == 2:
        assert out == "" and err.startswith("error: ") and outcome in err
        assert len(err.strip().splitlines()) == 1
        assert "Cannot answer that:" in reply and outcome in reply
        with pytest.raises(BadInput, match=outcome.split(";")[0]):
            handlers.api_ask(bot, question, [])
    else:
        answer = json.loads(out)
        assert answer["question"] == question  # echoed as given (JSON-escaped)
        api = handlers.api_ask(bot, question, [])
        if outcome == SAME:
            assert cited(answer) == cited(clean_answer) == cited(api)
            assert "Maya Wang" in answer["answer"]
        else:
            assert answer["abstained"] and not answer["citations"] and api["abstained"]
    shown = messages[-2]["content"] + reply  # the question and the reply, as chat HTML
    assert "<script" not in shown and "<img" not in shown and "<b>" not in shown
    assert store_state(built_settings) == before


# -- sources ------------------------------------------------------------------------------------
@pytest.fixture
def small(tmp_path: Path) -> Settings:
    settings = small_settings(tmp_path / "bot")
    code, _, err = cli(settings, "ingest", "--quiet")
    assert code == 0, err
    return settings


def ten_mb_paragraph(path: Path) -> None:
    rng = random.Random(6)
    words = "the council said a new bridge would open next year and residents were glad".split()
    sentences = (" ".join(rng.choices(words, k=14)).capitalize() + "." for _ in range(140_000))
    body = " ".join(sentences)
    path.write_text(f"One Long Paragraph\n\nBy Jane Doe\n\n{body[: 10 * 2**20]}\n", "utf-8")


REFUSED_SOURCES: dict[str, tuple[str, Any, str]] = {
    "empty file": ("empty.txt", b"", "empty file"),
    "binary file": ("photo.txt", bytes(range(256)) * 40, "binary file"),
    "binary with another suffix": ("scan.pdf", b"%PDF-1.4\x00\x01" * 50, "unsupported file type"),
    "invalid UTF-8": (
        "latin1.txt",
        "Caf\xe9 cr\xe8me on Monday. ".encode("latin-1") * 20,
        "not valid UTF-8 (byte 0xe9 at offset 3)",
    ),
    "one 10 MB paragraph": ("long.txt", ten_mb_paragraph, "a paragraph of 10,"),
}


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(case, marks=[pytest.mark.slow] if "10 MB" in case else [])
        for case in REFUSED_SOURCES
    ],
)
def test_bad_sources_are_refused_with_the_reason_and_change_nothing(
    case: str, small: Settings, tmp_path: Path
) -> None:
    name, content, reason = REFUSED_SOURCES[case]
    path = tmp_path / name
    if callable(content):
        content(path)
    else:
        path.write_bytes(content)
    before = store_state(small)
    code, out, err = cli(small, "ingest", "--quiet", str(path))
    assert code == 2 and out == "", err
    assert err.startswith(f"error: nothing added ({name}: ") and reason in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert store_state(small) == before


def test_utf16_with_bom_is_ingested_and_answered(small: Settings, tmp_path: Path) -> None:
    path = tmp_path / "utf16-story.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + synthetic_article(77).encode("utf-16-le"))
    code, out, err = cli(small, "ingest", "--quiet", str(path))
    assert code == 0 and out.startswith("1 added"), err
    code, out, err = cli(small, "ask", "--json", "How much will the Project00077 plan cost?")
    assert code == 0 and cited(json.loads(out))[0][0] == "utf16-story", err


def test_the_same_document_twice(small: Settings, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(synthetic_article(5), encoding="utf-8")
    code, out, err = cli(small, "ingest", "--quiet", str(story))
    assert code == 0 and out.startswith("1 added"), err
    state = store_state(small)
    # The same file again: nothing changes.
    code, out, err = cli(small, "ingest", "--quiet", str(story))
    assert code == 0 and out.startswith("0 added, 0 updated, 2 unchanged"), err
    assert store_state(small) == state
    # The same bytes under another name: refused, not stored twice.
    copy = tmp_path / "story-copy.txt"
    copy.write_bytes(story.read_bytes())
    code, out, err = cli(small, "ingest", "--quiet", str(copy))
    assert code == 2 and "story-copy.txt: same content as story.txt" in err, err
    # Twice in one command, next to a new story: the new one is added, the copy skipped.
    other = tmp_path / "other.txt"
    other.write_text(synthetic_article(6), encoding="utf-8")
    code, out, err = cli(small, "ingest", "--quiet", str(other), str(copy))
    assert code == 0 and out.startswith("1 added"), err
    assert "skipped story-copy.txt: same content as story.txt" in err
    assert not (small.corpus_dir / "story-copy.txt").exists()
    # Another file that would get the same document id.
    clash = tmp_path / "Story.md"
    clash.write_text("# Other\n\n" + synthetic_article(8), encoding="utf-8")
    code, _, err = cli(small, "ingest", "--quiet", str(clash))
    assert code == 2 and "same document id as story.txt" in err, err


def test_html_with_scripts_keeps_the_story_and_drops_the_code(
    small: Settings, tmp_path: Path, embeddings: Any
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Quokka census finds growth</title>"
        "<script>var secretToken = 'ZXQ-SCRIPT-991'; alert('pwned');</script>"
        "<style>body { color: red }</style></head><body>"
        "<h1>Quokka census finds growth</h1><p>By Ann Lee</p>"
        "<p>Rangers counted 12,400 quokkas on Rottnest Island this year, up from 10,000, "
        "the island authority said on Monday.</p>"
        "<script>document.write('ZXQ-SCRIPT-992')</script>"
        "<p onclick=\"alert('ZXQ-HANDLER')\">Volunteers helped rangers walk the island "
        "in teams over three days, the authority said.</p></body></html>",
        encoding="utf-8",
    )
    code, out, err = cli(small, "ingest", "--quiet", str(page))
    assert code == 0 and out.startswith("1 added"), err
    paragraphs = QABot(small, embeddings=embeddings).paragraphs("page")
    text = " ".join(p.text for p in paragraphs)
    assert "12,400 quokkas" in text
    stored = (small.store_dir / "catalog.json").read_text(encoding="utf-8")
    assert "ZXQ-" not in stored and "alert(" not in stored and "color: red" not in stored
    code, out, _ = cli(small, "ask", "--json", "How many quokkas did rangers count?")
    assert code == 0 and "12,400" in json.loads(out)["answer"]
