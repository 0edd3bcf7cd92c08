"""The sentence buffer releases only complete sentences, each with its own markers."""

from __future__ import annotations

import pytest

from qa_bot.llm.sentences import SentenceBuffer, parse_unit, split_units


def _feed_by_char(text: str) -> tuple[list[list[str]], list[str]]:
    buffer = SentenceBuffer()
    steps = [buffer.feed(ch) for ch in text]
    return steps, buffer.flush()


@pytest.mark.parametrize(
    ("raw", "claim", "markers"),
    [
        ("Paris is big [1].", "Paris is big.", (1,)),
        ("Paris is big. [1][2]", "Paris is big.", (1, 2)),
        ("Paris is big [1, 3] and old [3].", "Paris is big and old.", (1, 3)),
        ("Paris is big [Source 2].", "Paris is big.", (2,)),
        ("Paris is big [sources 1 and 4].", "Paris is big.", (1, 4)),
        ("Paris is big.", "Paris is big.", ()),
        ("It cost [about] $5.", "It cost [about] $5.", ()),
    ],
)
def test_parse_unit_separates_markers_from_the_claim(
    raw: str, claim: str, markers: tuple[int, ...]
) -> None:
    unit = parse_unit(raw)
    assert unit.claim == claim
    assert unit.markers == markers


def test_markers_after_the_full_stop_belong_to_the_sentence_before() -> None:
    units = split_units("Hikvision is big. [1] It has 30,000 employees. [2][3] Done.")
    assert units == ["Hikvision is big. [1]", "It has 30,000 employees. [2][3]", "Done."]


def test_lists_and_reasoning_are_cut_away() -> None:
    text = "<think>secret plan</think>- First point [1].\n2. Second point [2]."
    assert split_units(text) == ["First point [1].", "Second point [2]."]


def test_an_unclosed_reasoning_block_is_held_back() -> None:
    assert split_units("Answer [1]. <think>still thinking. More") == ["Answer [1]."]


def test_a_sentence_is_released_only_once_the_next_one_starts() -> None:
    steps, rest = _feed_by_char("Hikvision is big. [1] It has staff [2].")
    released = [(i, units) for i, units in enumerate(steps) if units]
    assert len(released) == 1
    index, units = released[0]
    assert units == ["Hikvision is big. [1]"]
    # Not before the "I" of the next sentence: the marker after the stop had to arrive first.
    assert index == len("Hikvision is big. [1] I") - 1
    assert rest == ["It has staff [2]."]


def test_abbreviations_and_decimals_do_not_end_a_sentence() -> None:
    steps, rest = _feed_by_char("Mr. Smith paid 3.5 million to the U.S. government [1]. Then")
    assert [u for step in steps for u in step] == [
        "Mr. Smith paid 3.5 million to the U.S. government [1]."
    ]
    assert rest == ["Then"]


def test_a_new_line_ends_a_sentence_without_punctuation() -> None:
    buffer = SentenceBuffer()
    assert buffer.feed("First point [1]") == []
    assert buffer.feed("\n") == ["First point [1]"]
    assert buffer.feed("Second") == []
    assert buffer.flush() == ["Second"]


def test_each_sentence_is_released_exactly_once() -> None:
    text = "One is here [1]. Two is here [2]. Three is here [1]."
    steps, rest = _feed_by_char(text)
    assert [u for step in steps for u in step] + rest == [
        "One is here [1].",
        "Two is here [2].",
        "Three is here [1].",
    ]
