"""Generative answer backends, chosen by one string (``QA_BOT_LLM``).

- ``extractive`` (default): no generative model; the answer quotes source sentences.
- ``llamacpp:/path/model.gguf``: a local GGUF model run in process by the prebuilt
  ``xllamacpp`` binding (``pip install 'qa-bot[llamacpp]'``).
- ``ollama/<model>``: an Ollama server at ``QA_BOT_OLLAMA_URL`` (``pip install 'qa-bot[ollama]'``).
- ``openai/<model>``: any OpenAI-compatible server (vLLM, llama.cpp server, LM Studio, OpenAI)
  at ``QA_BOT_OPENAI_BASE_URL`` with ``QA_BOT_OPENAI_API_KEY`` (``pip install 'qa-bot[openai]'``).

Provider packages are imported only when chosen; nothing here touches the network.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from qa_bot.errors import BadInput

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from qa_bot.settings import Settings

TEMPERATURE = 0.1  # near-greedy: answers should restate the sources, not vary
MAX_TOKENS = 400  # MAX_SENTENCES short sentences with markers fit comfortably

_USAGE = "use extractive, llamacpp:/path/model.gguf, ollama/<model> or openai/<model>"


def parse_backend(spec: str) -> tuple[str, str]:
    """``(kind, argument)`` of a backend string; ``BadInput`` for anything unknown."""
    spec = spec.strip()
    kind, sep, argument = spec.partition(":" if spec.startswith("llamacpp") else "/")
    match kind, bool(sep), argument.strip():
        case "extractive", False, "":
            return "extractive", ""
        case (("llamacpp" | "ollama" | "openai"), True, name) if name:
            return kind, name
        case _:
            raise BadInput(f"unknown answer backend {spec!r}: {_USAGE}")


def make_chat_model(settings: Settings) -> BaseChatModel | None:
    """The chat model ``settings.llm`` names, or None for the extractive default."""
    kind, argument = parse_backend(settings.llm)
    match kind:
        case "extractive":
            return None
        case "llamacpp":
            return _llamacpp(argument, settings)
        case "ollama":
            return _ollama(argument, settings)
        case _:
            return _openai(argument, settings)


def _llamacpp(path: str, settings: Settings) -> BaseChatModel:
    model_path = Path(path).expanduser()
    if not model_path.is_file():
        raise BadInput(f"no GGUF model file at {model_path}")
    if importlib.util.find_spec("xllamacpp") is None:
        raise BadInput("the llamacpp backend needs: pip install 'qa-bot[llamacpp]'")
    from qa_bot.llm.llamacpp import ChatLlamaCpp

    return ChatLlamaCpp(
        model_path=str(model_path),
        threads=settings.resolved_threads(),
        temperature=TEMPERATURE,
        max_tokens=MAX_TOKENS,
    )


def _ollama(model: str, settings: Settings) -> BaseChatModel:
    try:
        from langchain_ollama import ChatOllama
    except ImportError as exc:
        raise BadInput("the ollama backend needs: pip install 'qa-bot[ollama]'") from exc
    return ChatOllama(
        model=model, base_url=settings.ollama_url, temperature=TEMPERATURE, num_predict=MAX_TOKENS
    )


def _openai(model: str, settings: Settings) -> BaseChatModel:
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as exc:
        raise BadInput("the openai backend needs: pip install 'qa-bot[openai]'") from exc
    return ChatOpenAI(
        model=model,
        base_url=settings.openai_base_url,
        api_key=settings.openai_api_key or "not-needed",  # type: ignore[arg-type]
        temperature=TEMPERATURE,
        max_completion_tokens=MAX_TOKENS,
        max_retries=1,
        timeout=300,
    )
