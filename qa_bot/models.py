"""The data that flows through the pipeline: documents, paragraphs, chunks, answers.

sources -> cleaning -> Paragraph -> Chunk -> store -> retrieval -> Answer (+ Citation)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DocumentKind = Literal["article", "transcript"]
ParagraphRole = Literal["headline", "byline", "body", "caption", "turn"]


@dataclass(frozen=True)
class DocumentMeta:
    """What the text says about itself (None where it does not say)."""

    doc_id: str
    filename: str
    title: str | None
    publisher: str | None
    authors: tuple[str, ...]
    date: str | None  # ISO 8601 (YYYY-MM-DD)
    kind: DocumentKind
    sha256: str  # of the raw file bytes

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["authors"] = list(self.authors)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentMeta:
        return cls(**{**data, "authors": tuple(data.get("authors", ()))})


@dataclass(frozen=True)
class Paragraph:
    """The unit of citation: verbatim text (whitespace runs collapsed) and its raw span."""

    doc_id: str
    number: int  # 1-based within the document
    text: str
    start: int  # character offsets into the decoded raw file
    end: int
    role: ParagraphRole = "body"
    speaker: str | None = None

    @property
    def id(self) -> str:
        return f"{self.doc_id}:{self.number}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paragraph:
        return cls(**data)


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    raw_text: str
    paragraphs: tuple[Paragraph, ...]

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id


@dataclass(frozen=True)
class Chunk:
    """What is embedded and searched: whole sentences of one paragraph, never crossing documents."""

    chunk_id: str
    doc_id: str
    paragraph_start: int  # first and last paragraph number covered
    paragraph_end: int
    text: str  # as shown (verbatim)
    index_text: str  # as embedded / indexed (adds title and speaker for context)

    def metadata(self) -> dict[str, Any]:
        return {
            "source": self.doc_id,
            "paragraph_start": self.paragraph_start,
            "paragraph_end": self.paragraph_end,
        }


@dataclass(frozen=True)
class Citation:
    """One numbered citation: the ``ask --json`` fields plus what the UI highlights."""

    marker: int
    source: str
    paragraph: int
    text: str
    speaker: str | None
    quotes: tuple[str, ...] = ()  # sentences of the paragraph that the answer used

    def to_contract(self) -> dict[str, Any]:
        return {
            "marker": self.marker,
            "source": self.source,
            "paragraph": self.paragraph,
            "text": self.text,
            "speaker": self.speaker,
        }


@dataclass(frozen=True)
class Retrieved:
    """A paragraph that retrieval returned, with its fused score (for evaluation)."""

    source: str
    paragraph: int
    score: float


@dataclass
class Answer:
    question: str
    standalone_question: str
    answer: str
    abstained: bool
    citations: list[Citation]
    latency_ms: float = 0.0
    retrieved: list[Retrieved] = field(default_factory=list)
    verification: dict[str, Any] | None = None

    def to_contract(self) -> dict[str, Any]:
        """The ``qa-bot ask --json`` object (the web chat and evaluation reuse it)."""
        data: dict[str, Any] = {
            "question": self.question,
            "standalone_question": self.standalone_question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_contract() for c in self.citations],
            "latency_ms": round(self.latency_ms, 3),
        }
        if self.verification is not None:
            data["verification"] = self.verification
        return data
