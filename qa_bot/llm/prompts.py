"""Prompt files, rendered strictly, and the fencing of retrieved paragraphs as data.

Prompts live in ``settings.prompts_dir`` as ``<name>.txt`` and use ``$name`` placeholders
(``string.Template``: no new dependency, no logic in templates). Rendering raises
``BadInput`` when a placeholder has no value or a ``$`` is malformed, and when a value is
passed that the file never uses (a renamed placeholder would otherwise go unnoticed).
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from pathlib import Path

from qa_bot.errors import BadInput
from qa_bot.models import Paragraph

SYSTEM = "system"
ANSWER = "answer-with-citations"
CONDENSE = "condense-followup"

#: The placeholders each prompt file must use, exactly (tests render every file with these).
PROMPT_VARIABLES: dict[str, frozenset[str]] = {
    SYSTEM: frozenset(),
    ANSWER: frozenset({"count", "max_sentences", "sources", "question"}),
    CONDENSE: frozenset({"history", "question"}),
}

# Anything that could close the data fence or open a chat turn inside a source:
# <source ...>, </source>, other role tags, and llama.cpp/ChatML special tokens (<|...|>).
_FENCE_TAG = re.compile(
    r"<\s*/?\s*(source|sources|system|user|assistant|instructions?|im_start|im_end)\b[^>]*>",
    re.IGNORECASE,
)
_SPECIAL_TOKEN = re.compile(r"<\|[^|<>]{0,40}\|>")


def load_prompt(prompts_dir: Path, name: str) -> string.Template:
    path = Path(prompts_dir) / f"{name}.txt"
    try:
        return string.Template(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(f"prompt file missing or unreadable: {path}") from exc


def render(template: string.Template, name: str, **values: object) -> str:
    """Fill every placeholder; a missing, unused or malformed one raises ``BadInput``."""
    if not template.is_valid():
        raise BadInput(f"prompt {name!r} has a malformed '$' placeholder (write $$ for a dollar)")
    used = set(template.get_identifiers())
    if missing := sorted(used - values.keys()):
        raise BadInput(f"prompt {name!r} needs a value for ${missing[0]}")
    if unused := sorted(values.keys() - used):
        raise BadInput(f"prompt {name!r} does not use ${unused[0]}")
    return template.substitute({key: str(value) for key, value in values.items()})


def render_prompt(prompts_dir: Path, name: str, **values: object) -> str:
    return render(load_prompt(prompts_dir, name), name, **values)


def neutralise(text: str) -> str:
    """Defuse tags and special tokens so quoted text cannot leave its <source> fence."""
    text = _FENCE_TAG.sub(lambda m: "(" + m.group(0).strip("<>").strip() + ")", text)
    return _SPECIAL_TOKEN.sub(lambda m: "(" + m.group(0).strip("<>|") + ")", text)


def _attribute(value: object) -> str:
    return re.sub(r"[\"<>&\n]", "", neutralise(str(value)))


def format_sources(paragraphs: Sequence[Paragraph]) -> str:
    """Number the paragraphs [1]..[n] and fence each one as data."""
    blocks = []
    for index, paragraph in enumerate(paragraphs, start=1):
        speaker = f' speaker="{_attribute(paragraph.speaker)}"' if paragraph.speaker else ""
        blocks.append(
            f'<source id="{index}" document="{_attribute(paragraph.doc_id)}"{speaker}>\n'
            f"{neutralise(paragraph.text)}\n</source>"
        )
    return "\n".join(blocks)


def format_history(history: Sequence[tuple[str, str]], max_chars: int = 600) -> str:
    """The conversation so far, oldest first, each turn shortened for the prompt."""
    lines = []
    for user, bot in history:
        lines.append(f"User: {neutralise(_shorten(user, max_chars))}")
        lines.append(f"Assistant: {neutralise(_shorten(bot, max_chars))}")
    return "\n".join(lines)


def _shorten(text: str, max_chars: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"
