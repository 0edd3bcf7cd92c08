from qa_bot.chunking import chunk_document
from qa_bot.models import Document, DocumentMeta, Paragraph


def _document(*texts: str, speaker: str | None = None) -> Document:
    meta = DocumentMeta("doc", "doc.txt", "Title", None, (), None, "article", "0" * 64)
    paragraphs = tuple(
        Paragraph("doc", i + 1, t, 0, len(t), "turn" if speaker else "body", speaker)
        for i, t in enumerate(texts)
    )
    return Document(meta, "\n".join(texts), paragraphs)


def test_short_paragraphs_are_one_chunk_each_and_record_their_paragraph() -> None:
    chunks = chunk_document(_document("One sentence.", "Another one."), max_chars=400)
    assert [(c.paragraph_start, c.paragraph_end, c.text) for c in chunks] == [
        (1, 1, "One sentence."),
        (2, 2, "Another one."),
    ]


def test_long_paragraph_is_cut_between_sentences_only() -> None:
    sentences = [f"Sentence number {i} is here and it says something." for i in range(10)]
    chunks = chunk_document(_document(" ".join(sentences)), max_chars=120)
    assert len(chunks) > 1
    assert all(len(c.text) <= 120 for c in chunks)
    assert " ".join(c.text for c in chunks) == " ".join(sentences)
    assert {c.paragraph_start for c in chunks} == {1}


def test_chunk_ids_are_stable_and_depend_on_content_and_position() -> None:
    first = chunk_document(_document("Alpha.", "Beta."), 400)
    again = chunk_document(_document("Alpha.", "Beta."), 400)
    edited = chunk_document(_document("Alpha.", "Gamma."), 400)
    swapped = chunk_document(_document("Beta.", "Alpha."), 400)
    assert [c.chunk_id for c in first] == [c.chunk_id for c in again]
    assert first[0].chunk_id == edited[0].chunk_id and first[1].chunk_id != edited[1].chunk_id
    assert {c.chunk_id for c in first}.isdisjoint({c.chunk_id for c in swapped})


def test_unlabelled_transcript_turn_is_indexed_with_its_speaker() -> None:
    chunk = chunk_document(_document("...and that is all.", speaker="INSKEEP"), 400)[0]
    assert chunk.text == "...and that is all."
    assert chunk.index_text == "INSKEEP: ...and that is all."


def test_the_company_is_named_in_the_indexed_text_of_a_chunk_that_refers_to_it() -> None:
    document = _document(
        "The surveillance firm Acmevision makes cameras.",
        "The company says it has 34,000 employees.",
    )
    first, second = chunk_document(document, 400)
    assert second.text == "The company says it has 34,000 employees."  # shown verbatim
    assert "Acmevision" in second.index_text
    assert first.index_text == first.text  # names it already
