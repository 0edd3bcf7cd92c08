"""Start the web chat: ``python app.py`` (the same as ``qa-bot serve``).

Settings come from QA_BOT_* environment variables; the chat listens on http://127.0.0.1:7860.
The store is built from the corpus folder first if it is empty.
"""

from __future__ import annotations

import sys

from qa_bot.chat.cli import DEFAULT_HOST, DEFAULT_PORT, run_server
from qa_bot.errors import QABotError
from qa_bot.settings import Settings


def main() -> int:
    try:
        run_server(Settings(), DEFAULT_HOST, DEFAULT_PORT)
    except QABotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
