"""Hand-labelled sentences used to choose and guard the verification thresholds.

Paragraphs are verbatim from the bundled corpus. ``SUPPORTED`` are sentences a faithful model
writes (paraphrases, shortened quotes, merged clauses); ``UNSUPPORTED`` are invented facts a
model writes about the same paragraph (changed numbers, swapped names, added claims) and
on-topic sentences that the cited paragraph does not state.
Run ``python tests/test_llm_thresholds.py`` to print every score.

How the thresholds were chosen (all-MiniLM-L6-v2 int8, the default embeddings):
- lexical support of the supported sentences: 0.78-1.00; of the invented ones that no
  number/name/negation rule catches: 0.38-0.60. ``LEXICAL_MIN = 0.7`` sits in the gap.
- embedding support (best cosine with the paragraph or one of its sentences) of the
  supported sentences: 0.41-0.95; of sentences about another paragraph: 0.11-0.20.
  Invented facts about the same paragraph score as high as true ones (0.32-0.78), so the
  embedding is only a floor against off-topic sentences: ``EMBEDDING_MIN = 0.35``.
- A claim that reverses the paragraph ("Hikvision denied ...") shares its words and its
  topic; the negation rule catches the plain cases. Lexical and embedding support cannot
  tell entailment from contradiction in general, nor a fluent sentence from a recombination
  of the paragraph's own words: that needs an NLI model, and none ships offline.
"""

from __future__ import annotations

import pytest

from qa_bot.llm.support import content_stems, lexical_support
from qa_bot.llm.verify import EMBEDDING_MIN, LEXICAL_MIN, Verifier
from qa_bot.models import Paragraph

TEXTS = [
    "The Trump Administration is considering limits to a Chinese video surveillance giant's "
    "ability to buy US technology, people familiar with the matter said, the latest attempt to "
    "counter Beijing's global economic ambitions.",
    "The move would effectively place the company, Hikvision, on a US blacklist. It also would "
    "mark the first time the Trump Administration punished a Chinese company for its role in "
    "the surveillance and mass detention of Uighurs, a mostly Muslim ethnic minority.",
    "Hikvision is one of the world's largest manufacturers of video surveillance products and "
    "is central to China's ambitions to be the top global exporter of surveillance systems. The "
    "Commerce Department may require that US companies obtain government approval to supply "
    "components to Hikvision, limiting the company's access to technology that helps power its "
    "equipment.",
    "China has constructed what amounts to a police state in the country's northwest region of "
    "Xinjiang, which Uighurs consider their homeland. That includes extensive surveillance "
    "powered by companies like Hikvision and barbed wire-ringed internment compounds that US "
    "officials estimate have held 800,000 to as many as three million Muslims.",
    "The company says it has more than 34,000 global employees and dozens of divisions "
    "worldwide, and it has supplied products to the Beijing Olympics, the Brazilian World Cup "
    "and the Linate Airport in Milan.",
    "You see it everywhere, yeah. And so it's collecting tons of data, and it's worth $7 "
    "billion. It has 30,000 employees. It's so successful because one of its largest clients is "
    "the Chinese government, as we mentioned.",
    "Secretary of State Mike Pompeo said in an interview with Fox News on May 2 that the "
    'Administration was concerned "that the Chinese are working to put their systems in '
    'networks all across the world so they can steal your information and my information."',
]
PARAGRAPHS = [
    Paragraph(
        "npr" if i == 5 else "nzherald",
        i + 1,
        text,
        0,
        len(text),
        "turn" if i == 5 else "body",
        "SCHMITZ" if i == 5 else None,
    )
    for i, text in enumerate(TEXTS)
]
QUESTION = "What do we know about Hikvision?"

# (1-based paragraph, sentence)
SUPPORTED = [
    (
        1,
        "The Trump administration is considering limiting a Chinese video surveillance "
        "company's ability to buy US technology.",
    ),
    (1, "The move is the latest attempt to counter Beijing's global economic ambitions."),
    (2, "The move would effectively put Hikvision on a US blacklist."),
    (
        2,
        "It would be the first time the administration punished a Chinese company for its role "
        "in the mass detention of Uighurs.",
    ),
    (2, "Uighurs are a mostly Muslim ethnic minority."),
    (
        3,
        "Hikvision is one of the largest manufacturers of video surveillance products in the "
        "world.",
    ),
    (
        3,
        "The Commerce Department may require US companies to obtain government approval before "
        "supplying components to Hikvision.",
    ),
    (3, "Many US companies may need government approval to supply components to Hikvision."),
    (
        3,
        "Hikvision is central to China's ambition to become the top global exporter of "
        "surveillance systems.",
    ),
    (
        4,
        "US officials estimate that internment compounds in Xinjiang have held 800,000 to three "
        "million Muslims.",
    ),
    (4, "China has built a police state in Xinjiang, which the Uighurs consider their homeland."),
    (5, "Hikvision says it has more than 34,000 employees worldwide."),
    (5, "The company supplied products to the Beijing Olympics and the Brazilian World Cup."),
    (6, "Hikvision is worth $7 billion and has 30,000 employees."),
    (6, "One of its largest clients is the Chinese government."),
    (
        7,
        "Mike Pompeo told Fox News on May 2 that the Chinese are working to put their systems in "
        "networks across the world.",
    ),
    (7, "Pompeo said the Chinese could steal your information."),
]
UNSUPPORTED = [
    (1, "The Trump administration has already banned Hikvision from selling cameras in Europe."),
    (1, "People familiar with the matter said the ban will take effect next year."),
    (2, "Hikvision was placed on the blacklist in 2017 after a vote in Congress."),
    (2, "Hikvision denied any role in the detention of Uighurs."),
    (3, "Hikvision is the world's largest maker of smartphones."),
    (3, "The Commerce Department fined Hikvision 3 billion dollars."),
    (4, "US officials estimate that internment compounds in Xinjiang have held 500,000 Muslims."),
    (4, "Uighurs consider Tibet their homeland."),
    (5, "Hikvision says it has more than 50,000 employees worldwide."),
    (5, "Hikvision supplied cameras to the London Olympics."),
    (6, "Hikvision is worth $9 billion."),
    (6, "Its largest client is the American military."),
    (7, "Mike Pompeo told CNN that Hikvision steals information."),
    (7, "Pompeo announced sanctions against Hikvision on Fox News."),
    # On topic, but stated by another paragraph than the one cited.
    (1, "Hikvision has more than 34,000 global employees."),
    (5, "The move would place Hikvision on a US blacklist."),
]


def _verifier(embeddings: object = None) -> Verifier:
    return Verifier(PARAGRAPHS, embeddings, question=QUESTION)  # type: ignore[arg-type]


def _check(verifier: Verifier, index: int, sentence: str) -> bool:
    return verifier.check(sentence, content_stems(sentence), (index,)).supported


@pytest.mark.parametrize(("index", "sentence"), SUPPORTED)
def test_supported_sentences_pass_the_lexical_checks(index: int, sentence: str) -> None:
    assert _check(_verifier(), index, sentence)


@pytest.mark.parametrize(("index", "sentence"), UNSUPPORTED)
def test_invented_sentences_fail_the_lexical_checks(index: int, sentence: str) -> None:
    assert not _check(_verifier(), index, sentence)


@pytest.fixture(scope="module")
def minilm() -> object:
    from qa_bot.embeddings.onnx_minilm import MiniLMOnnxEmbeddings

    return MiniLMOnnxEmbeddings(threads=2)


@pytest.mark.slow
def test_thresholds_separate_the_labelled_set_with_the_real_embeddings(minilm: object) -> None:
    verifier = _verifier(minilm)
    assert all(_check(verifier, i, s) for i, s in SUPPORTED)
    assert not any(_check(verifier, i, s) for i, s in UNSUPPORTED)
    # The embedding floor keeps a margin below every supported sentence...
    similarities = [verifier._similarity(s, (i,)) or 0.0 for i, s in SUPPORTED]
    assert min(similarities) >= EMBEDDING_MIN + 0.05
    # ...and alone rejects the sentences that the cited paragraph is not about.
    off_topic = [verifier._similarity(s, (i,)) or 0.0 for i, s in UNSUPPORTED[-2:]]
    assert max(off_topic) < EMBEDDING_MIN


def test_lexical_threshold_keeps_a_margin_on_both_sides() -> None:
    verifier = _verifier()
    supported = [
        lexical_support(content_stems(s), verifier.facts[i - 1].vocabulary) for i, s in SUPPORTED
    ]
    assert min(supported) >= LEXICAL_MIN + 0.05
    # Invented sentences that no number, name or negation rule catches sit below it.
    smartphones = UNSUPPORTED[4]
    lexical = lexical_support(content_stems(smartphones[1]), verifier.facts[2].vocabulary)
    assert lexical < LEXICAL_MIN


def _report() -> None:  # pragma: no cover - a calibration aid, run by hand
    from qa_bot.embeddings.onnx_minilm import MiniLMOnnxEmbeddings

    verifier = _verifier(MiniLMOnnxEmbeddings(threads=2))
    for label, cases in (("SUPPORTED", SUPPORTED), ("UNSUPPORTED", UNSUPPORTED)):
        print(label)
        for index, sentence in cases:
            claim = content_stems(sentence)
            lexical = lexical_support(claim, verifier.facts[index - 1].vocabulary)
            similarity = verifier._similarity(sentence, (index,)) or 0.0
            check = verifier.check(sentence, claim, (index,))
            print(f"  [{index}] lex={lexical:.2f} cos={similarity:.2f} {check} {sentence[:60]}")


if __name__ == "__main__":
    _report()
