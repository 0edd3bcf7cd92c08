from qa_bot.text import (
    collapse_whitespace,
    content_terms,
    normalize,
    sentence_spans,
    split_sentences,
    stem,
)


def test_sentences_keep_abbreviations_and_initials_together() -> None:
    text = "The U.S. may act. Ohio Sen. J.D. Vance spoke. Is it true? Yes!"
    assert split_sentences(text) == [
        "The U.S. may act.",
        "Ohio Sen. J.D. Vance spoke.",
        "Is it true?",
        "Yes!",
    ]


def test_sentence_spans_are_verbatim_slices() -> None:
    text = 'He said "no." Then he left...  It ended.'
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == ['He said "no."', "Then he left...", "It ended."]


def test_ellipsis_followed_by_lower_case_does_not_split() -> None:
    assert split_sentences("It's all here - the growing... economy. Next.") == [
        "It's all here - the growing... economy.",
        "Next.",
    ]


def test_stem_matches_simple_inflections() -> None:
    assert stem("employees") == stem("employee")
    assert stem("setting") == stem("set")
    assert stem("offices") == stem("office")
    assert stem("Hikvision's") == "hikvision"


def test_content_terms_fold_us_spellings_and_split_hyphens() -> None:
    assert content_terms("the U.S.") == content_terms("the US") == content_terms("United States")
    assert "speak" in content_terms("Turkic-speaking Uighurs")
    assert "the" not in content_terms("the company")


def test_normalize_drops_invisible_characters() -> None:
    assert normalize("a\u200bb\u202ec\U000e0041") == "abc"
    assert collapse_whitespace(" a \n\t b ") == "a b"


def test_question_mark_followed_by_a_dash_continues_the_sentence() -> None:
    text = "And you see that stuff all over China now - right? - at airports. Yes."
    assert split_sentences(text) == [
        "And you see that stuff all over China now - right? - at airports.",
        "Yes.",
    ]


def test_normalize_matches_its_per_character_definition() -> None:
    import unicodedata

    def reference(text: str) -> str:
        text = unicodedata.normalize("NFKC", text)
        return "".join(c for c in text if unicodedata.category(c)[0] != "C" or c in "\n\t ")

    samples = [
        "plain ASCII\r\n\ttext\x00\x7f",
        "curly ’quotes’ and ﬁ ligature①",
        "a\u200bb\u202ec\U000e0041d\u00ad",
    ]
    for text in samples:
        assert normalize(text) == reference(text)
