"""Errors users can act on. The CLI maps them to exit codes; the chat shows their message."""

from __future__ import annotations


class QABotError(Exception):
    """Base class: the message is one line a user can act on."""

    exit_code = 1


class BadInput(QABotError):
    """The user's input (question, history file, option) is unusable: exit code 2."""

    exit_code = 2


class SourceError(QABotError):
    """A source file that cannot be ingested (empty, binary, not UTF-8 ...)."""

    exit_code = 2


class StoreError(QABotError):
    """The store is missing, damaged, locked by another writer or built by another model."""

    exit_code = 1
