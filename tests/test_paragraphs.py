"""Paragraph numbering, the span invariant and the transcript speaker rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_bot.cleaning import Segment, clean_text, parse_label
from qa_bot.cleaning.speakers import byline_speakers, is_label_only
from qa_bot.models import ParagraphRole
from qa_bot.paragraphs import build_paragraphs
from qa_bot.sources import load_corpus, load_document
from qa_bot.text import collapse_whitespace
from tests.conftest import BUNDLED_CORPUS

PAGES = Path(__file__).parent / "pages"
ALL_SOURCES = sorted(BUNDLED_CORPUS.iterdir()) + sorted(PAGES.iterdir())


# -- the span invariant ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_SOURCES, ids=lambda p: p.name)
def test_every_paragraph_is_its_raw_span_with_whitespace_collapsed(path: Path) -> None:
    document = load_document(path)
    assert document.paragraphs
    previous_end = 0
    for number, paragraph in enumerate(document.paragraphs, 1):
        assert paragraph.number == number
        assert paragraph.doc_id == document.doc_id
        assert collapse_whitespace(document.raw_text[paragraph.start : paragraph.end]) == (
            paragraph.text
        )
        assert paragraph.text and paragraph.start >= previous_end  # in order, no overlap
        previous_end = paragraph.end


_LINE = st.one_of(
    st.sampled_from(
        [
            "Advertisement",
            "  • Home",
            "By Jane Roe",
            "Budget approved after delay",
            "INSKEEP: Thanks.",
            "ROB ROE, BYLINE: Good morning.",
            "(SOUNDBITE OF MUSIC)",
            "© 2020 Daily Paper",
            "22 May 08:01 PM",
            "> quoted words here",
            "# A heading line",
            "*By Jane Roe*",
            "The council voted on Tuesday to approve the budget, which had been delayed.",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=120),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINE, max_size=25), st.sampled_from(["\n", "\n\n", "\r\n", " \n \t\n"]))
def test_span_invariant_holds_for_any_text(lines: list[str], separator: str) -> None:
    text = separator.join(lines)
    paragraphs = build_paragraphs("doc", text, clean_text(text).segments)
    for paragraph in paragraphs:
        assert collapse_whitespace(text[paragraph.start : paragraph.end]) == paragraph.text
    assert [p.number for p in paragraphs] == list(range(1, len(paragraphs) + 1))


# -- speaker labels --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("ROB SCHMITZ, BYLINE: Good morning, Steve.", "ROB SCHMITZ", "BYLINE"),
        ("INSKEEP: What kind of video surveillance does Hikvision do?", "INSKEEP", None),
        ("SCHMITZ: (Laughter).", "SCHMITZ", None),
        ("MAYA WANG: I think it would be really good news.", "MAYA WANG", None),
        ("UNIDENTIFIED PERSON #1: Hello.", "UNIDENTIFIED PERSON #1", None),
        ("DAVID GREENE, HOST: The water has gone down.", "DAVID GREENE", "HOST"),
    ],
)
def test_speaker_labels(text: str, speaker: str, role: str | None) -> None:
    label = parse_label(text)
    assert label is not None
    assert (label.speaker, label.role) == (speaker, role)
    assert text[: label.end].rstrip().endswith(":")


@pytest.mark.parametrize(
    "text",
    [
        "NOTE: This story has been updated.",
        "UPDATE: Officials responded on Friday.",
        "Inskeep: mixed case is not a label.",
        "ONE TWO THREE FOUR FIVE: five words is too many for a name.",
        "INSKEEP:",
        "INSKEEP said: no label here.",
        "Hi there, Rob.",
    ],
)
def test_not_speaker_labels(text: str) -> None:
    assert parse_label(text) is None


def test_label_only_lines_and_byline_speakers() -> None:
    assert is_label_only("DAVID GREENE, HOST:")
    assert not is_label_only("DAVID GREENE, HOST: Hello.")
    assert not is_label_only("NOTE:")
    turns = ["ROB SCHMITZ, BYLINE: Hi.", "INSKEEP: Hi.", "ROB SCHMITZ, BYLINE: Again."]
    assert byline_speakers(turns) == ["Rob Schmitz"]


# -- speaker assignment --------------------------------------------------------------------


def paragraphs_of(*parts: tuple[ParagraphRole, str]) -> list[tuple[str, str | None, str]]:
    text = "\n\n".join(part for _, part in parts)
    segments, offset = [], 0
    for role, part in parts:
        segments.append(Segment(offset, offset + len(part), role))
        offset += len(part) + 2
    return [(p.role, p.speaker, p.text) for p in build_paragraphs("doc", text, segments)]


def test_unlabeled_paragraphs_continue_the_previous_turn() -> None:
    assert paragraphs_of(
        ("headline", "A headline"),
        ("body", "Host introduction before any label."),
        ("body", "Hi there."),
        ("turn", "ROB ROE, BYLINE: Good morning."),
        ("body", "I just..."),
        ("body", "...Want to say one more thing."),
        ("turn", "HOST: Thanks."),
    ) == [
        ("headline", None, "A headline"),
        ("body", None, "Host introduction before any label."),
        ("body", None, "Hi there."),
        ("turn", "ROB ROE", "ROB ROE, BYLINE: Good morning."),
        ("turn", "ROB ROE", "I just..."),
        ("turn", "ROB ROE", "...Want to say one more thing."),
        ("turn", "HOST", "HOST: Thanks."),
    ]


def test_captions_do_not_break_a_turn_and_carry_no_speaker() -> None:
    assert paragraphs_of(
        ("turn", "HOST: Question?"),
        ("turn", "GUEST: Answer."),
        ("caption", "A photo of the guest. Photo / Agency"),
        ("body", "More of the answer."),
    )[2:] == [
        ("caption", None, "A photo of the guest. Photo / Agency"),
        ("turn", "GUEST", "More of the answer."),
    ]


def test_stage_direction_has_no_speaker_and_ends_the_turn() -> None:
    assert paragraphs_of(
        ("turn", "HOST: Question?"),
        ("turn", "GUEST: Answer."),
        ("body", "(SOUNDBITE OF ARCHIVED RECORDING)"),
        ("body", "Words from the recording."),
    )[2:] == [
        ("body", None, "(SOUNDBITE OF ARCHIVED RECORDING)"),
        ("body", None, "Words from the recording."),
    ]


def test_a_single_label_is_a_dateline_not_a_transcript() -> None:
    assert paragraphs_of(
        ("body", "WASHINGTON: The president spoke on Monday."),
        ("body", "He said more."),
    ) == [
        ("body", None, "WASHINGTON: The president spoke on Monday."),
        ("body", None, "He said more."),
    ]


def test_bundled_transcript_speakers() -> None:
    loaded = load_corpus(BUNDLED_CORPUS)
    npr = next(d for d in loaded.documents if d.meta.kind == "transcript")
    speakers = [p.speaker for p in npr.paragraphs]
    assert speakers[:3] == [None, None, None]  # headline, introduction, "Hi there, Rob."
    assert set(speakers[3:]) == {"ROB SCHMITZ", "INSKEEP", "SCHMITZ", "MAYA WANG"}
    laughter = next(p for p in npr.paragraphs if p.text == "SCHMITZ: (Laughter).")
    assert (laughter.role, laughter.speaker) == ("turn", "SCHMITZ")
    continued = [p for p in npr.paragraphs if p.text.startswith("INSKEEP: ...")]
    assert [p.speaker for p in continued] == ["INSKEEP", "INSKEEP"]
