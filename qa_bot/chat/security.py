"""What the chat's web server may serve and accept: file routes and upload size.

Gradio serves files through ``/gradio_api/file=PATH`` (and the older ``/file=PATH``): only
files in its upload folder and cache, never anything outside them (``../``, encoded or
absolute paths get 403). On top of that:

- the store, data, corpus and prompt folders are blocked outright, so that even a
  ``GRADIO_TEMP_DIR`` or ``GRADIO_ALLOWED_PATHS`` pointed at a parent folder cannot expose
  them (``GRADIO_BLOCKED_PATHS`` entries are kept);
- ``/file=<URL>`` and ``/proxy=<URL>`` are refused: Gradio would fetch public URLs on the
  caller's behalf, which makes the chat an open proxy (and it is meant to work offline);
- uploads larger than ``QA_BOT_MAX_UPLOAD_MB`` are refused by Gradio with 413 and a message.
"""

from __future__ import annotations

import os
import re
from typing import Any

from qa_bot.settings import Settings

# /file=<scheme>: anything with a URL scheme (http:, https:, file:, data: ...); /proxy= (a
# route for apps that load other Gradio apps, which this one never does).
_REMOTE_FILE = re.compile(r"/file=\s*[a-z][a-z0-9+.\-]*:|/proxy=", re.IGNORECASE)


def launch_options(settings: Settings | None) -> dict[str, Any]:
    """Keyword arguments for ``gr.Blocks.launch`` that restrict files and uploads."""
    from starlette.middleware import Middleware

    options: dict[str, Any] = {
        "app_kwargs": {"middleware": [Middleware(RefuseRemoteFiles)]},
    }
    blocked = [p.strip() for p in os.environ.get("GRADIO_BLOCKED_PATHS", "").split(",")]
    if settings is not None:
        folders = (settings.store_dir, settings.data_dir, settings.corpus_dir, settings.prompts_dir)
        blocked += [str(folder.resolve()) for folder in folders]
        options["max_file_size"] = int(settings.max_upload_mb * 2**20)
    options["blocked_paths"] = [p for p in blocked if p] or None
    return options


class RefuseRemoteFiles:
    """ASGI middleware: 403 for ``/file=<URL>`` instead of fetching the URL server-side."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") == "http" and _REMOTE_FILE.search(str(scope.get("path", ""))):
            from starlette.responses import PlainTextResponse

            response = PlainTextResponse("File not allowed: remote URLs are not fetched.", 403)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
