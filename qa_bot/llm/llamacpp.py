"""A LangChain chat model over a local GGUF file, run in process by ``xllamacpp``.

``xllamacpp`` is a prebuilt llama.cpp binding (no compiler needed, works offline).
``Server.handle_chat_completions(dict)`` takes and returns OpenAI-style dicts; with
``"stream": True`` it calls a callback once per chunk, from inside the (blocking) call, and
stops generating when the callback returns True. Streaming therefore runs the call in a
thread and hands chunks over through a queue; closing the stream early stops the model.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import PrivateAttr

from qa_bot.errors import BadInput

_ROLES = {"system": "system", "human": "user", "ai": "assistant", "tool": "tool"}
_DONE = object()


class LlamaCppError(RuntimeError):
    """llama.cpp refused or failed a request (e.g. the prompt exceeds the context)."""


class ChatLlamaCpp(BaseChatModel):
    """Chat completions from a GGUF model loaded once, on first use."""

    model_path: str
    threads: int = 2
    n_ctx: int = 4096
    temperature: float = 0.1
    max_tokens: int = 400
    seed: int = 42
    _server: Any = PrivateAttr(default=None)
    _lock: Any = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "xllamacpp"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": self.model_path, "n_ctx": self.n_ctx, "seed": self.seed}

    def server(self) -> Any:
        with self._lock:
            if self._server is None:
                self._server = self._load()
            return self._server

    def _load(self) -> Any:
        import xllamacpp

        params = xllamacpp.CommonParams()
        params.model.path = self.model_path
        params.n_ctx = self.n_ctx
        params.n_parallel = 1
        params.cpuparams.n_threads = self.threads
        params.cpuparams_batch.n_threads = self.threads
        params.offline = True  # never fetch anything
        params.verbosity = -1  # llama.cpp logs every request to stderr otherwise
        try:
            return xllamacpp.Server(params)
        except Exception as exc:
            raise BadInput(f"cannot load the GGUF model {self.model_path}: {exc}") from exc

    def _payload(self, messages: list[BaseMessage], stop: list[str] | None, stream: bool) -> dict:
        payload: dict[str, Any] = {
            "messages": [{"role": _ROLES.get(m.type, "user"), "content": m.text} for m in messages],
            "max_tokens": self.max_tokens,
            "temperature": self.temperature,
            "seed": self.seed,
            "stream": stream,
        }
        if stop:
            payload["stop"] = stop
        return payload

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        reply = self.server().handle_chat_completions(self._payload(messages, stop, stream=False))
        _raise_for_error(reply)
        choice = reply["choices"][0]
        message = AIMessage(
            content=choice["message"].get("content") or "",
            response_metadata={
                "finish_reason": choice.get("finish_reason"),
                "model_name": "xllamacpp",
            },
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for delta in self._deltas(self._payload(messages, stop, stream=True)):
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
            if run_manager:
                run_manager.on_llm_new_token(delta, chunk=chunk)
            yield chunk

    def _deltas(self, payload: dict[str, Any]) -> Iterator[str]:
        """Text pieces of a streamed completion; stops the model when the caller stops."""
        server = self.server()
        chunks: queue.Queue[Any] = queue.Queue()
        stop = threading.Event()

        def on_chunk(data: Any) -> bool:
            chunks.put(data)
            return stop.is_set()  # True asks llama.cpp to stop generating

        def run() -> None:
            try:
                server.handle_chat_completions(payload, on_chunk)
            except Exception as exc:  # handed to the consumer below
                chunks.put(exc)
            finally:
                chunks.put(_DONE)

        worker = threading.Thread(target=run, name="xllamacpp-stream", daemon=True)
        worker.start()
        try:
            while (item := chunks.get()) is not _DONE:
                if isinstance(item, Exception):
                    raise LlamaCppError(str(item)) from item
                _raise_for_error(item)
                for choice in item.get("choices", []):
                    if text := (choice.get("delta") or {}).get("content"):
                        yield text
        finally:
            stop.set()
            worker.join(timeout=60)


def _raise_for_error(reply: Any) -> None:
    if not isinstance(reply, dict):
        raise LlamaCppError(f"unexpected reply from llama.cpp: {reply!r:.200}")
    error = reply.get("error")
    if error is None and "choices" not in reply and "message" in reply:
        error = reply  # some failures come back as a bare {"code", "message", "type"}
    if error is not None:
        message = error.get("message", error) if isinstance(error, dict) else error
        raise LlamaCppError(f"llama.cpp: {message}")
