"""``qa-bot serve``: start the web chat (Gradio is imported only when the command runs)."""

from __future__ import annotations

from pathlib import Path

import click

from qa_bot.errors import BadInput
from qa_bot.settings import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860


def parse_auth(value: str | None) -> list[tuple[str, str]] | None:
    """``QA_BOT_AUTH``: ``user:password``, or a file with one ``user:password`` a line."""
    if not value:
        return None
    path = Path(value)
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else [value]
    pairs: list[tuple[str, str]] = []
    for line in (line.strip() for line in lines):
        if not line or line.startswith("#"):
            continue
        user, sep, password = line.partition(":")
        if not sep or not user or not password:
            raise BadInput("QA_BOT_AUTH must be user:password or a file of user:password lines")
        pairs.append((user, password))
    return pairs or None


def run_server(
    settings: Settings,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
) -> None:
    """Open the bot (ingesting the corpus if the store is empty) and serve the chat."""
    from qa_bot.chat.app import build_app, launch_app
    from qa_bot.service import QABot

    auth = parse_auth(settings.auth)
    bot = QABot(settings)
    if bot.status()["documents"] == 0:
        click.echo(f"The store is empty: ingesting {settings.corpus_dir} first.", err=True)
        bot.ingest(progress=True)
    demo = build_app(bot)
    try:
        url = launch_app(
            demo, host=host, port=port, auth=auth, prevent_thread_lock=True, quiet=True
        )
    except OSError as exc:
        reason = str(exc).split(". ")[0]
        raise BadInput(f"cannot serve on {host}:{port} ({reason}); choose another --port") from exc
    click.echo(f"qa-bot chat on {url} (Ctrl+C to stop)", err=True)
    demo.block_thread()


@click.command("serve")
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Interface to listen on.")
@click.option(
    "--port",
    default=DEFAULT_PORT,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Start the web chat (on http://127.0.0.1:7860 unless told otherwise)."""
    settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    run_server(settings, host, port)
