"""Synthetic corpora of N times the bundled one, built offline from the bundled sources.

Copy 0 is the bundled files themselves (so the development questions still have their
answers at every size); every further copy rewrites each bundled document: proper names and
numbers are replaced consistently by new ones, some words by synonyms, and the sentences of
a paragraph are reshuffled. No two copies share a chunk, so the indexes see realistic
vocabularies and no duplicate vectors. The result is ordinary source files in a folder, so
the real ingest path (decode, clean, number, chunk, embed) runs on them.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from qa_bot.models import Document
from qa_bot.sources import load_corpus
from qa_bot.text import sentence_spans

_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+\b")
_NUMBER = re.compile(r"\d+")
_LABEL = re.compile(r"^([A-Z][A-Z .'\-]*(?:, [A-Z]+)?): ")
_ROLE_WORDS = frozenset({"Byline", "Host"})  # transcript labels: "ROB SCHMITZ, BYLINE:"
_SYLLABLES = (
    "ka lo ri ven tal mar sun dor bel qui zan tor lin pe ros ga mi del vor an "
    "sel ta ru fin ho ne bra cos lu ter"
).split()
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "said": ("stated", "noted", "remarked"),
    "says": ("states", "notes"),
    "company": ("firm", "business"),
    "government": ("authorities", "state"),
    "officials": ("authorities", "representatives"),
    "surveillance": ("monitoring",),
    "technology": ("tech", "equipment"),
    "largest": ("biggest",),
    "large": ("big", "sizeable"),
    "would": ("could", "might"),
    "also": ("as well",),
    "about": ("regarding",),
    "growing": ("expanding",),
    "recent": ("latest",),
    "potential": ("possible",),
    "really": ("truly",),
}
_SYNONYM_RE = re.compile(r"\b(" + "|".join(_SYNONYMS) + r")\b")


@dataclass(frozen=True)
class SyntheticCorpus:
    folder: Path
    scale: int
    files: int
    bytes: int


def build_corpus(source_dir: Path, target_dir: Path, scale: int, seed: int = 0) -> SyntheticCorpus:
    """Write ``scale`` copies of the corpus in ``source_dir`` into ``target_dir`` (emptied)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    if target_dir.exists():
        shutil.rmtree(target_dir)
    target_dir.mkdir(parents=True)
    sources = sorted(p for p in source_dir.iterdir() if p.is_file() and not p.name.startswith("."))
    for path in sources:
        shutil.copyfile(path, target_dir / path.name)
    documents = load_corpus(source_dir).documents
    proper = proper_names(documents)
    for copy in range(1, scale):
        for document in documents:
            rng = random.Random(f"{seed}:{copy}:{document.doc_id}")
            text = rewrite_document(document, proper, rng)
            (target_dir / f"synthetic-{copy:05d}-{document.doc_id}.txt").write_text(
                text, encoding="utf-8"
            )
    files = list(target_dir.iterdir())
    return SyntheticCorpus(target_dir, scale, len(files), sum(p.stat().st_size for p in files))


def proper_names(documents: list[Document]) -> set[str]:
    """Names of people, places and companies: capitalised words never written in lower case
    and seen at least once inside a sentence (so "Well" or "Hi" opening a turn are kept)."""
    lower: set[str] = set()
    inside: set[str] = set()
    for document in documents:
        for paragraph in document.paragraphs:
            lower.update(re.findall(r"[a-z][a-z]+", paragraph.text))
            for match in _CAPITALISED.finditer(paragraph.text):
                before = paragraph.text[: match.start()].rstrip(" \"'(")
                if before and before[-1] not in ".?!:":
                    inside.add(match.group(0).capitalize())
        inside.update(
            w.capitalize() for p in document.paragraphs for w in (p.speaker or "").split()
        )
    return {w for w in inside if w.lower() not in lower} - _ROLE_WORDS


def rewrite_document(document: Document, proper: set[str], rng: random.Random) -> str:
    """One new document: the paragraphs of ``document`` with new names, numbers and wording."""
    names: dict[str, str] = {}
    paragraphs = [_rewrite_paragraph(p.text, proper, names, rng) for p in document.paragraphs]
    return "\n\n".join(paragraphs) + "\n"


def _rewrite_paragraph(
    text: str, proper: set[str], names: dict[str, str], rng: random.Random
) -> str:
    label_match = _LABEL.match(text)
    label = label_match.group(0) if label_match else ""
    body = text[len(label) :]
    sentences = [body[a:b] for a, b in sentence_spans(body)]
    if len(sentences) > 1 and rng.random() < 0.5:
        rng.shuffle(sentences)
    body = " ".join(sentences)
    body = _SYNONYM_RE.sub(lambda m: _synonym(m.group(0), rng), body)
    body = _NUMBER.sub(lambda m: _new_number(m.group(0), rng), body)
    return _rename(label, proper, names, rng) + _rename(body, proper, names, rng)


def _rename(text: str, proper: set[str], names: dict[str, str], rng: random.Random) -> str:
    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        key = word.capitalize()
        if key not in proper:
            return word
        if key not in names:
            names[key] = _pseudo_word(rng)
        new = names[key]
        return new.upper() if word.isupper() else new

    return _CAPITALISED.sub(replace, text)


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _synonym(word: str, rng: random.Random) -> str:
    return rng.choice(_SYNONYMS[word]) if rng.random() < 0.5 else word


def _new_number(digits: str, rng: random.Random) -> str:
    if len(digits) == 4 and digits[:2] in ("19", "20"):
        return str(rng.randint(1950, 2030))  # a year stays a plausible year
    low = 10 ** (len(digits) - 1) if len(digits) > 1 else 0
    return str(rng.randint(low, 10 ** len(digits) - 1))
