"""One typed settings object, read from ``QA_BOT_*`` environment variables.

Build it once (``Settings()``) at the edge of the program and pass it down;
nothing in the package reads the environment on its own.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The checkout this package lives in (the package is installed editable).
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Everything a user can configure, with defaults that work offline."""

    model_config = SettingsConfigDict(env_prefix="QA_BOT_", extra="ignore")

    corpus_dir: Path = Field(
        default=PROJECT_ROOT / "corpus", description="Folder of source documents to ingest."
    )
    store_dir: Path = Field(
        default=PROJECT_ROOT / "vectorstore", description="Where the Chroma store persists."
    )
    data_dir: Path = Field(
        default=PROJECT_ROOT / "data", description="Feedback and other run-time data."
    )
    prompts_dir: Path = Field(
        default=PROJECT_ROOT / "prompts", description="Prompt templates (generative backends)."
    )
    collection: str = Field(default="qa_bot_chunks", min_length=3)
    chroma_url: str | None = Field(
        default=None,
        description="http://host:port of a Chroma server instead of the embedded store.",
    )
    chroma_auth_header: str | None = Field(
        default=None, description="'Header-Name: value' sent to the Chroma server."
    )
    embeddings: str = Field(
        default="minilm-onnx",
        description="Embedding backend: minilm-onnx | ollama/<m> | openai/<m>.",
    )
    llm: str = Field(
        default="extractive",
        description="Answer backend: extractive | llamacpp:/path.gguf | ollama/<m> | openai/<m>.",
    )
    ollama_url: str = "http://127.0.0.1:11434"
    openai_base_url: str | None = None
    openai_api_key: str | None = None
    threads: int = Field(default=0, ge=0, description="CPU threads for embedding (0: all cores).")
    chunk_max_chars: int = Field(default=400, ge=80)
    top_k: int = Field(default=8, ge=1, le=100, description="Chunks fused from dense + lexical.")
    max_question_chars: int = Field(default=2000, ge=10)
    max_citations: int = Field(default=4, ge=1, le=12)
    auth: str | None = Field(
        default=None, description="user:password (or a file of them) for the web chat."
    )
    max_upload_mb: float = Field(
        default=10.0, gt=0, le=50, description="Largest file the web chat accepts (MB)."
    )
    max_upload_files: int = Field(
        default=20, ge=1, le=1000, description="Most files in one web-chat upload."
    )

    def resolved_threads(self) -> int:
        import os

        return self.threads or max(1, os.cpu_count() or 1)
