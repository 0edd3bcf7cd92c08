"""Choosing the answer backend from one string."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qa_bot.errors import BadInput
from qa_bot.llm import make_chat_model, parse_backend
from qa_bot.settings import Settings


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("extractive", ("extractive", "")),
        (" extractive ", ("extractive", "")),
        ("llamacpp:/models/a b.gguf", ("llamacpp", "/models/a b.gguf")),
        ("ollama/qwen2.5:0.5b", ("ollama", "qwen2.5:0.5b")),
        ("openai/gpt-4o-mini", ("openai", "gpt-4o-mini")),
    ],
)
def test_backend_strings_parse(spec: str, expected: tuple[str, str]) -> None:
    assert parse_backend(spec) == expected


@pytest.mark.parametrize(
    "spec", ["", "gpt4", "ollama", "ollama/", "openai:gpt", "llamacpp:", "llamacpp/x.gguf", "hf/x"]
)
def test_unknown_backends_are_bad_input(spec: str) -> None:
    with pytest.raises(BadInput, match="unknown answer backend"):
        make_chat_model(Settings(llm=spec))


def test_extractive_needs_no_model() -> None:
    assert make_chat_model(Settings()) is None


def test_llamacpp_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="no GGUF model file"):
        make_chat_model(Settings(llm=f"llamacpp:{tmp_path / 'missing.gguf'}"))


def test_llamacpp_builds_lazily_without_loading_the_model(tmp_path: Path) -> None:
    pytest.importorskip("xllamacpp")
    model_file = tmp_path / "model.gguf"
    model_file.write_bytes(b"not a model")
    model = make_chat_model(Settings(llm=f"llamacpp:{model_file}", threads=1))
    assert model is not None and model._llm_type == "xllamacpp"
    assert model.model_path == str(model_file)  # type: ignore[attr-defined]
    with pytest.raises(BadInput, match="cannot load the GGUF model"):
        model.invoke("hello")


def test_ollama_uses_the_configured_url() -> None:
    pytest.importorskip("langchain_ollama")
    model = make_chat_model(Settings(llm="ollama/qwen2.5", ollama_url="http://127.0.0.1:9"))
    assert type(model).__name__ == "ChatOllama"
    assert model.model == "qwen2.5"  # type: ignore[union-attr]
    assert model.base_url == "http://127.0.0.1:9"  # type: ignore[union-attr]


def test_openai_uses_the_configured_url_and_a_placeholder_key() -> None:
    pytest.importorskip("langchain_openai")
    settings = Settings(llm="openai/local-model", openai_base_url="http://127.0.0.1:9/v1")
    model = make_chat_model(settings)
    assert type(model).__name__ == "ChatOpenAI"
    assert model.model_name == "local-model"  # type: ignore[union-attr]
    assert model.openai_api_base == "http://127.0.0.1:9/v1"  # type: ignore[union-attr]
    assert model.openai_api_key.get_secret_value() == "not-needed"  # type: ignore[union-attr]
    keyed = make_chat_model(settings.model_copy(update={"openai_api_key": "sk-test"}))
    assert keyed.openai_api_key.get_secret_value() == "sk-test"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("spec", "module", "extra"),
    [("ollama/m", "langchain_ollama", "ollama"), ("openai/m", "langchain_openai", "openai")],
)
def test_a_missing_provider_names_the_extra_to_install(
    monkeypatch: pytest.MonkeyPatch, spec: str, module: str, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes the import fail
    with pytest.raises(BadInput, match=rf"pip install 'qa-bot\[{extra}\]'"):
        make_chat_model(Settings(llm=spec))


def test_a_missing_llamacpp_binding_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import importlib.util

    model_file = tmp_path / "model.gguf"
    model_file.write_bytes(b"x")
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "xllamacpp" else real_find_spec(name, *a),
    )
    with pytest.raises(BadInput, match=r"pip install 'qa-bot\[llamacpp\]'"):
        make_chat_model(Settings(llm=f"llamacpp:{model_file}"))
