"""Shared fixtures: a network guard, isolated settings and one ingested store per session."""

from __future__ import annotations

import ipaddress
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from qa_bot.models import Chunk, DocumentKind, DocumentMeta, Paragraph
from qa_bot.settings import PROJECT_ROOT, Settings
from qa_bot.store.catalog import Catalog, DocumentEntry

if TYPE_CHECKING:
    from qa_bot.service import QABot

BUNDLED_CORPUS = PROJECT_ROOT / "corpus"


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths and the like never leave the machine
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that tries to reach a host other than this machine."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: object) -> None:
        if not _is_loopback(address):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    def guarded_connect_ex(self: socket.socket, address: object) -> int:
        if not _is_loopback(address):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)


def make_settings(root: Path, corpus: Path | None = None, **overrides: object) -> Settings:
    """Settings whose every folder lives under ``root`` (the corpus is copied there)."""
    corpus_dir = root / "corpus"
    if not corpus_dir.exists():
        shutil.copytree(corpus or BUNDLED_CORPUS, corpus_dir)
    return Settings(
        corpus_dir=corpus_dir,
        store_dir=root / "store",
        data_dir=root / "data",
        **overrides,  # type: ignore[arg-type]
    )


def ingested_bot(root: Path, stories: dict[str, str], embeddings: object) -> QABot:
    """A QABot over invented stories (file name -> text), ingested into a real store in root."""
    from qa_bot.service import QABot

    sources = root / "src"
    sources.mkdir()
    for name, text in stories.items():
        (sources / name).write_text(text, encoding="utf-8")
    bot = QABot(make_settings(root, corpus=sources), embeddings=embeddings)  # type: ignore[arg-type]
    bot.ingest(progress=False)
    return bot


def one_paragraph_doc(
    doc_id: str, text: str, publisher: str | None = None, kind: DocumentKind = "article"
) -> DocumentEntry:
    """A catalog document of one body paragraph and one chunk."""
    paragraph = Paragraph(doc_id, 1, text, 0, len(text))
    meta = DocumentMeta(doc_id, f"{doc_id}.txt", "Title", publisher, (), None, kind, "0" * 64)
    return DocumentEntry(meta, (paragraph,), (Chunk(f"{doc_id}:1", doc_id, 1, 1, text, text),))


def fits_question(question: str, sentence: str, speaker: str | None = None) -> bool:
    """Does the sentence hold the kind of answer the question asks for (as analysed)?"""
    from qa_bot.answer.fits import fits_type
    from qa_bot.answer.question import analyse

    analysed = analyse(question)
    return fits_type(analysed.answer_type, sentence, analysed.text, speaker)


def catalog_of(*entries: DocumentEntry) -> Catalog:
    return Catalog("model", {entry.meta.doc_id: entry for entry in entries})


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture(scope="session")
def embeddings() -> object:
    """The bundled embedding model, loaded once per session."""
    from qa_bot.embeddings.onnx_minilm import MiniLMOnnxEmbeddings

    return MiniLMOnnxEmbeddings(threads=2)


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory, embeddings: object) -> Settings:
    """Settings of a store ingested once for the whole session (read-only in tests)."""
    from qa_bot.service import QABot

    settings = make_settings(tmp_path_factory.mktemp("built"))
    QABot(settings, embeddings=embeddings).ingest(progress=False)  # type: ignore[arg-type]
    return settings


@pytest.fixture(scope="session")
def bot(built_settings: Settings, embeddings: object) -> Iterator[object]:
    """A QABot over the bundled corpus, shared by read-only tests."""
    from qa_bot.service import QABot

    yield QABot(built_settings, embeddings=embeddings)  # type: ignore[arg-type]


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",  # this machine's network is closed: no background calls
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright (scripts/setup.sh --dev installs it)."""
    if not CHROMIUM.exists():
        pytest.fail(
            "no /usr/bin/chromium: run scripts/setup.sh --dev (it installs Debian's chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
