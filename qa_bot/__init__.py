"""qa-bot: cited question answering over news sources."""

__version__ = "0.1.0"
