"""Sources: decoding, rejection reasons, corpus loading, HTML rendition and metadata."""

from __future__ import annotations

import codecs
import hashlib
import json
from pathlib import Path

import pytest

from qa_bot.errors import SourceError
from qa_bot.sources import SUPPORTED_SUFFIXES, decode, load_corpus, load_document, make_doc_id
from qa_bot.sources.html import html_to_text
from qa_bot.sources.metadata import parse_date
from tests.conftest import BUNDLED_CORPUS

PAGES = Path(__file__).parent / "pages"
NPR = BUNDLED_CORPUS / "npr-us-may-blacklist-chinese-surveillance-firm.txt"
NYT = BUNDLED_CORPUS / "nzherald-trump-administration-could-blacklist-chinese-surveillance-firm.txt"
STORY = (
    "Budget approved after long delay\n\n"
    "The council voted on Tuesday to approve the budget, which had been delayed for weeks.\n\n"
    "Officials said the money would be spent on roads and schools over the next three years.\n"
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


# -- decoding and rejection --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n  ", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (bytes(range(1, 9)) * 20 + b"some text", "binary file"),
        ("Caf\u00e9 story text".encode("latin-1"), "not valid UTF-8"),
        (b"\xff\xfe\x00\xd8", "not valid UTF-16"),  # a lone surrogate after the UTF-16 mark
    ],
)
def test_unusable_files_raise_source_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(SourceError, match=reason) as caught:
        load_document(path)
    assert "\n" not in str(caught.value)  # one line a user can act on


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + STORY.encode("utf-8"),
        STORY.encode("utf-16"),  # with its byte-order mark
        codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"),
        STORY.encode("utf-32"),
    ],
    ids=["utf-8-bom", "utf-16", "utf-16-be", "utf-32"],
)
def test_byte_order_marks_select_the_encoding(tmp_path: Path, encoded: bytes) -> None:
    document = load_document(write(tmp_path, "story.txt", encoded))
    assert document.raw_text.startswith("Budget approved")  # the mark itself is not text
    assert [p.role for p in document.paragraphs] == ["headline", "body", "body"]
    assert document.meta.sha256 == hashlib.sha256(encoded).hexdigest()


def test_decode_keeps_text_verbatim() -> None:
    assert decode("Zoë said “hi”\r\n".encode()) == "Zoë said “hi”\r\n"


def test_unsupported_suffix_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="unsupported file type"):
        load_document(write(tmp_path, "story.pdf", STORY))
    with pytest.raises(SourceError, match="unsupported file type"):
        load_document(write(tmp_path, "story.meta.json", "{}"))
    with pytest.raises(SourceError, match="file not found"):
        load_document(tmp_path / "absent.txt")


def test_oversized_file_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("qa_bot.sources.loader.MAX_BYTES", 10)
    with pytest.raises(SourceError, match="file too large"):
        load_document(write(tmp_path, "story.txt", STORY))


def test_chrome_only_file_has_no_story(tmp_path: Path) -> None:
    path = write(tmp_path, "menu.txt", "  • Home\n  • World\n  • Sport\nAdvertisement\n")
    with pytest.raises(SourceError, match="no story text found"):
        load_document(path)


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".html", ".htm")


@pytest.mark.parametrize(
    ("name", "doc_id"),
    [
        ("npr-us-may-blacklist.txt", "npr-us-may-blacklist"),
        ("My Story (2).TXT", "my-story--2-"),
        ("Ünïcode_file.v2.md", "-n-code_file.v2"),
    ],
)
def test_doc_id_is_the_normalised_stem(name: str, doc_id: str) -> None:
    assert make_doc_id(Path(name)) == doc_id


# -- corpus loading ----------------------------------------------------------------------------


def test_load_corpus_orders_skips_and_reports(tmp_path: Path) -> None:
    write(tmp_path, "b-story.txt", STORY)
    write(tmp_path, "a-story.md", STORY.replace("Tuesday", "Monday"))
    write(tmp_path, "c-copy.txt", STORY)  # same bytes as b-story.txt
    write(tmp_path, "Z Story.htm", "<p>" + STORY.replace("\n\n", "</p><p>") + "</p>")
    write(tmp_path, "z-story.txt", STORY.replace("Tuesday", "Friday"))
    write(tmp_path, "d-notes.pdf", STORY)
    write(tmp_path, "e-empty.txt", "")
    write(tmp_path, "b-story.meta.json", json.dumps({"title": "Sidecar title"}))
    write(tmp_path, ".hidden.txt", STORY)
    (tmp_path / "folder.txt").mkdir()

    loaded = load_corpus(tmp_path)

    assert [d.doc_id for d in loaded.documents] == ["z-story", "a-story", "b-story"]  # sorted
    assert "<p>" not in loaded.documents[0].raw_text  # .htm is rendered to text
    assert loaded.documents[2].meta.title == "Sidecar title"
    assert [(p.name, reason) for p, reason in loaded.skipped] == [
        ("c-copy.txt", "duplicate of b-story.txt"),
        ("d-notes.pdf", "unsupported file type"),
        ("e-empty.txt", "empty file"),
        ("z-story.txt", "same document id as Z Story.htm"),
    ]


def test_load_corpus_of_the_bundled_sources() -> None:
    loaded = load_corpus(BUNDLED_CORPUS)
    assert [d.meta.filename for d in loaded.documents] == [NPR.name, NYT.name]
    assert loaded.skipped == []


def test_missing_corpus_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="corpus folder not found"):
        load_corpus(tmp_path / "nowhere")


# -- HTML rendition ----------------------------------------------------------------------------


def test_html_rendition_drops_code_and_decodes_entities() -> None:
    rendition = html_to_text(
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<script>var a = '<p>no</p>';</script><noscript>JS</noscript><template><p>t</p></template>"
        "<h1>Fish &amp; chips</h1><p>One   <b>bold</b>\n word&nbsp;here.</p>"
        "<p>Line<br>break</p><ul><li><a href='/x'>Menu item</a></li></ul></body></html>"
    )
    assert rendition.text == "Fish & chips\n\nOne bold word here.\n\nLine\nbreak\n\n• Menu item"
    assert [rendition.text[a:b] for a, b in rendition.link_spans] == ["Menu item"]


def test_html_document_spans_refer_to_the_rendition() -> None:
    document = load_document(PAGES / "script-page.html")
    assert "<" not in document.raw_text and "gtag" not in document.raw_text
    byline = document.paragraphs[1]
    assert document.raw_text[byline.start : byline.end] == "By Rachel Lee"


# -- metadata ----------------------------------------------------------------------------------


def test_metadata_of_the_npr_transcript() -> None:
    meta = load_document(NPR).meta
    assert meta.to_dict() == {
        "doc_id": "npr-us-may-blacklist-chinese-surveillance-firm",
        "filename": NPR.name,
        "title": "U.S. May Blacklist Chinese Surveillance Firm, 'New York Times' Reports",
        "publisher": "NPR",
        "authors": ["Rob Schmitz"],
        "date": None,
        "kind": "transcript",
        "sha256": hashlib.sha256(NPR.read_bytes()).hexdigest(),
    }


def test_metadata_of_the_nyt_article() -> None:
    meta = load_document(NYT).meta
    assert meta.to_dict() == {
        "doc_id": "nzherald-trump-administration-could-blacklist-chinese-surveillance-firm",
        "filename": NYT.name,
        "title": "Trump Administration could blacklist Chinese surveillance technology firm",
        "publisher": "New York Times",
        "authors": ["Ana Swanson", "Edward Wong"],
        "date": "2019-05-22",
        "kind": "article",
        "sha256": hashlib.sha256(NYT.read_bytes()).hexdigest(),
    }


@pytest.mark.parametrize(
    ("name", "title", "publisher", "authors", "date", "kind"),
    [
        ("wire-pipe-menu.txt", "Copper prices climb as Chilean mine strike drags into third week",
         "Wire Corp", ("Laura Mendes", "Peter Okafor"), "2021-03-03", "article"),
        ("radio-continuation-transcript.txt",
         "Flooded farmers in the valley wait for help that is slow to arrive",
         "NPR", ("Jane Doe",), "2021-03-03", "transcript"),
        ("cookie-banner-related.txt",
         "Council approves new library for the east side after years of delay",
         None, (), "2022-06-12", "article"),
        ("script-page.html", "Harbour ferry fares to rise by 10 per cent from July",
         None, ("Rachel Lee",), "2023-05-04", "article"),
        ("markdown-article.md",
         "Small probe finds water ice in a crater near the moon's south pole", "Orbit News Ltd",
         ("Priya Natarajan",), "2024-02-19", "article"),
    ],
)  # fmt: skip
def test_metadata_of_the_synthetic_pages(
    name: str, title: str, publisher: str | None, authors: tuple[str, ...], date: str, kind: str
) -> None:
    meta = load_document(PAGES / name).meta
    assert (meta.title, meta.publisher, meta.authors, meta.date, meta.kind) == (
        title, publisher, authors, date, kind,
    )  # fmt: skip


def test_sidecar_overrides_the_text(tmp_path: Path) -> None:
    source = write(tmp_path, "story.txt", STORY)
    write(
        tmp_path,
        "story.meta.json",
        json.dumps({"publisher": "Daily Paper", "authors": "Jane Roe", "date": "2020-02-29"}),
    )
    meta = load_document(source).meta
    assert meta.title == "Budget approved after long delay"  # not overridden: from the text
    assert (meta.publisher, meta.authors, meta.date) == ("Daily Paper", ("Jane Roe",), "2020-02-29")


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must hold a JSON object"),
        ('{"headline": "x"}', "unknown keys headline"),
        ('{"date": "22 May 2019"}', "date must be YYYY-MM-DD"),
        ('{"kind": "podcast"}', "kind must be one of"),
        ('{"authors": [1]}', "authors must be a list"),
        ('{"title": 3}', "title must be text"),
    ],
)
def test_invalid_sidecar_is_a_source_error(tmp_path: Path, sidecar: str, reason: str) -> None:
    source = write(tmp_path, "story.txt", STORY)
    write(tmp_path, "story.meta.json", sidecar)
    with pytest.raises(SourceError, match=reason):
        load_document(source)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("22 May, 2019 02:11 AM6 mins to read", "2019-05-22"),
        ("Published March 3, 2021 10:15 a.m. ET", "2021-03-03"),
        ("Updated 2024-02-19", "2024-02-19"),
        ("31 Feb 2020", None),
        ("no date here", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso
