"""The Gradio 6 web chat: layout and event wiring around the plain handlers.

Safety: chat messages are HTML built by ``qa_bot.chat.render`` (every user or source text
escaped) and shown with Markdown and LaTeX off, and sanitised by Gradio on top; the HTML panels
get the same escaped markup. The only JavaScript is ours (open a citation, scroll the viewer).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import gradio as gr

from qa_bot.chat import handlers, render
from qa_bot.chat.feedback import FeedbackLog
from qa_bot.chat.security import launch_options
from qa_bot.errors import QABotError
from qa_bot.settings import Settings

EXAMPLES = (  # about the bundled corpus; the last one shows an abstention
    "What would the blacklist deny to Hikvision?",
    "What does Hikvision specialize in?",
    "Where has Hikvision set up offices in the United States?",
    "What is the capital of New Zealand?",
)
# A click on "Open in source viewer" in the Sources panel sends the citation to Python.
OPEN_CITATION_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('[data-cite]');
  if (button) { trigger('click', {cite: button.getAttribute('data-cite')}); }
});
"""
# After the viewer re-renders, bring the cited paragraph into view.
SCROLL_TO_CITED_JS = """
watch('value', () => {
  const cited = element.querySelector('.qa-cited');
  if (cited) { cited.scrollIntoView({block: 'center', behavior: 'instant'}); }
});
"""
PRIVATE = "private"  # UI events are not part of the public API; /ask is


class ChatBlocks(gr.Blocks):
    """The chat's Blocks, carrying the settings ``launch_app`` needs (upload size, folders)."""

    qa_settings: Settings | None = None


@dataclass
class Ui:
    session: gr.State
    pending: gr.State
    status: gr.HTML
    chatbot: gr.Chatbot
    question: gr.Textbox
    send: gr.Button
    clear: gr.Button
    feedback_note: gr.HTML
    sources: gr.HTML
    doc_picker: gr.Dropdown
    viewer: gr.HTML
    files: gr.File
    upload_report: gr.HTML


def build_app(
    bot: handlers.ChatBot,
    *,
    examples: Sequence[str] = EXAMPLES,
    concurrency_limit: int = 2,
    max_queue: int = 32,
) -> gr.Blocks:
    """The chat over ``bot`` (a ``QABot``), queued; launch it with ``launch_app``."""
    data_dir = bot.settings.data_dir
    with ChatBlocks(title="qa-bot: cited answers", analytics_enabled=False) as demo:
        demo.qa_settings = bot.settings
        ui = _layout(bot, examples)
        _wire_chat(bot, ui)
        _wire_sources(bot, ui)
        _wire_feedback(bot, ui, FeedbackLog.in_dir(data_dir))
        _wire_upload(bot, ui)
        demo.load(lambda: _refresh(bot), None, [ui.status, ui.doc_picker], api_visibility=PRIVATE)

        def ask(question: str, history: list[list[str]]) -> dict[str, Any]:
            """Answer a question (with earlier [question, answer] pairs) with citations."""
            try:
                return handlers.api_ask(bot, question, history)
            except QABotError as exc:
                raise gr.Error(str(exc), print_exception=False) from exc

        gr.api(ask, api_name="ask")
    demo.queue(default_concurrency_limit=concurrency_limit, max_size=max_queue)
    return demo


def launch_app(
    demo: gr.Blocks,
    *,
    host: str = "127.0.0.1",
    port: int | None = 7860,
    auth: list[tuple[str, str]] | None = None,
    prevent_thread_lock: bool = False,
    quiet: bool = False,
) -> str:
    """Start the server (our CSS, no SSR, no share link); return the local URL.

    File routes serve only Gradio's uploads (see ``qa_bot.chat.security``); uploads over
    ``QA_BOT_MAX_UPLOAD_MB`` are refused; with ``auth``, nothing answers before a login.
    """
    settings = demo.qa_settings if isinstance(demo, ChatBlocks) else None
    _, url, _ = demo.launch(
        server_name=host,
        server_port=port,
        auth=auth,
        share=False,
        ssr_mode=False,
        prevent_thread_lock=prevent_thread_lock,
        quiet=quiet,
        show_error=False,
        css=render.CSS,
        **launch_options(settings),
    )
    return str(url)


def _layout(bot: handlers.ChatBot, examples: Sequence[str]) -> Ui:
    session, pending = gr.State([]), gr.State("")
    gr.HTML("<h2>qa-bot</h2><p>Ask about the news sources; every answer cites its paragraphs.</p>")
    status = gr.HTML(handlers.status_note(bot), elem_id="qa-status")
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = _chatbot(examples)
            with gr.Row():
                question = gr.Textbox(
                    show_label=False, placeholder="Your question…", scale=5, elem_id="qa-question"
                )
                send = gr.Button("Ask", variant="primary", scale=1, elem_id="qa-send")
            with gr.Row():
                clear = gr.Button("Clear chat", elem_id="qa-clear")
            feedback_note = gr.HTML("", elem_id="qa-feedback")
        with gr.Column(scale=2):
            gr.HTML("<h3>Sources</h3>")
            sources = gr.HTML(
                render.EMPTY_SOURCES, elem_id="qa-sources", js_on_load=OPEN_CITATION_JS
            )
            gr.HTML("<h3>Source viewer</h3>")
            doc_picker = gr.Dropdown(
                choices=_choices(bot), value=None, label="Open a document", elem_id="qa-doc"
            )
            viewer = gr.HTML(
                render.EMPTY_VIEWER, elem_id="qa-viewer", js_on_load=SCROLL_TO_CITED_JS
            )
    limits = f"up to {bot.settings.max_upload_files} files of {bot.settings.max_upload_mb:g} MB"
    title = f"Add documents (.txt, .html, .md; {limits})"
    with gr.Accordion(title, open=False, elem_id="qa-upload"):
        files = gr.File(label="Upload files", file_count="multiple", type="filepath")
        upload_report = gr.HTML("", elem_id="qa-upload-report")
    return Ui(session, pending, status, chatbot, question, send, clear, feedback_note,
              sources, doc_picker, viewer, files, upload_report)  # fmt: skip


def _chatbot(examples: Sequence[str]) -> gr.Chatbot:
    """Replies are escaped HTML: Markdown, LaTeX and custom tags off, Gradio's sanitiser on."""
    return gr.Chatbot(
        label="Chat",
        elem_id="qa-chat",
        height=520,
        render_markdown=False,
        sanitize_html=True,
        allow_tags=False,
        latex_delimiters=[],
        buttons=[],
        examples=[{"text": q} for q in examples],
        placeholder="Ask a question about the documents, or pick an example.",
    )


def _wire_chat(bot: handlers.ChatBot, ui: Ui) -> None:
    def take_question(text: str) -> tuple[str, str]:
        return "", text

    def pick_example(event: gr.SelectData) -> tuple[str, str]:
        value = event.value if isinstance(event.value, dict) else {}
        return "", str(value.get("text", ""))

    def respond(question: str, session: handlers.Session) -> Iterator[handlers.ChatUpdate]:
        yield from handlers.respond(bot, question, session)

    outputs = [ui.chatbot, ui.session, ui.sources]
    take: dict[str, Any] = {
        "outputs": [ui.question, ui.pending],
        "queue": False,
        "api_visibility": PRIVATE,
    }
    answer: dict[str, Any] = {
        "fn": respond,
        "inputs": [ui.pending, ui.session],
        "outputs": outputs,
        "api_visibility": PRIVATE,
    }
    ui.question.submit(take_question, [ui.question], **take).then(**answer)
    ui.send.click(take_question, [ui.question], **take).then(**answer)
    ui.chatbot.example_select(pick_example, None, **take).then(**answer)
    reset = [ui.chatbot, ui.session, ui.sources, ui.viewer]
    ui.clear.click(handlers.clear_chat, None, reset, queue=False, api_visibility=PRIVATE)
    ui.chatbot.clear(handlers.clear_chat, None, reset, queue=False, api_visibility=PRIVATE)


def _wire_sources(bot: handlers.ChatBot, ui: Ui) -> None:
    def open_citation(session: handlers.Session, event: gr.EventData) -> Any:
        ref = event._data.get("cite") if isinstance(event._data, dict) else None
        if not ref:
            return gr.skip()
        return handlers.view_citation(bot, str(ref), session)

    def open_document(doc_id: str | None, session: handlers.Session) -> str:
        return handlers.open_document(bot, doc_id, session)

    ui.sources.click(open_citation, [ui.session], [ui.viewer], api_visibility=PRIVATE)
    ui.doc_picker.change(
        open_document, [ui.doc_picker, ui.session], [ui.viewer], api_visibility=PRIVATE
    )


def _wire_feedback(bot: handlers.ChatBot, ui: Ui, feedback: FeedbackLog) -> None:
    def on_like(session: handlers.Session, like: gr.LikeData) -> str:
        return handlers.record_feedback(feedback, bot.backend, session, like.index, like.liked)

    ui.chatbot.like(on_like, [ui.session], [ui.feedback_note], api_visibility=PRIVATE)


def _wire_upload(bot: handlers.ChatBot, ui: Ui) -> None:
    def upload(paths: list[str] | None, progress: Any = gr.Progress()) -> tuple[str, str, Any]:  # noqa: B008
        def report(stage: str, done: int, total: int) -> None:
            progress((done, total), desc=stage)

        progress(0, desc="reading files")
        html, status = handlers.add_documents(bot, paths, report)
        return html, status, gr.Dropdown(choices=_choices(bot))

    ui.files.upload(
        upload,
        [ui.files],
        [ui.upload_report, ui.status, ui.doc_picker],
        concurrency_limit=1,
        concurrency_id="ingest",
        api_visibility=PRIVATE,
    )


def _choices(bot: handlers.ChatBot) -> list[tuple[str, str]]:
    try:
        return handlers.document_choices(bot)
    except QABotError:
        return []


def _refresh(bot: handlers.ChatBot) -> tuple[str, Any]:
    return handlers.status_note(bot), gr.Dropdown(choices=_choices(bot))
