"""Cleaning: exactly which lines of each page are story and which are page chrome."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa_bot.cleaning import clean_text
from qa_bot.models import Document
from qa_bot.sources import load_document
from qa_bot.text import collapse_whitespace
from tests.conftest import BUNDLED_CORPUS

PAGES = Path(__file__).parent / "pages"
NPR = BUNDLED_CORPUS / "npr-us-may-blacklist-chinese-surveillance-firm.txt"
NYT = BUNDLED_CORPUS / "nzherald-trump-administration-could-blacklist-chinese-surveillance-firm.txt"


@pytest.fixture(scope="module")
def npr() -> Document:
    return load_document(NPR)


@pytest.fixture(scope="module")
def nyt() -> Document:
    return load_document(NYT)


def kept_line_numbers(document: Document) -> list[int]:
    """1-based numbers of the raw lines where the paragraphs start."""
    return [document.raw_text.count("\n", 0, p.start) + 1 for p in document.paragraphs]


def texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def summary(document: Document) -> list[tuple[str, str | None, str]]:
    return [(p.role, p.speaker, p.text[:40]) for p in document.paragraphs]


def assert_absent(document: Document, fragments: list[str]) -> None:
    for fragment in fragments:
        hits = [p.text for p in document.paragraphs if fragment in p.text]
        assert not hits, f"chrome {fragment!r} kept in {hits}"


# -- the bundled NPR transcript -----------------------------------------------------------


NPR_KEPT_LINES = [8, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 32, 35, 37, 39, 41, 43, 45, 47]
NPR_KEPT_LINES += [49, 51]

NPR_EXPECTED = [
    ("headline", None, "U.S. May Blacklist Chinese Surveillance "),
    ("body", None, "Officials of the Trump administration ha"),
    ("body", None, "Hi there, Rob."),
    ("turn", "ROB SCHMITZ", "ROB SCHMITZ, BYLINE: Good morning, Steve"),
    ("turn", "INSKEEP", "INSKEEP: What kind of video surveillance"),
    ("turn", "SCHMITZ", "SCHMITZ: Well, Hikvision specializes esp"),
    ("turn", "INSKEEP", "INSKEEP: And you see that stuff all over"),
    ("turn", "SCHMITZ", "SCHMITZ: You see it everywhere, yeah. An"),
    ("turn", "MAYA WANG", "MAYA WANG: I think it would be really go"),
    ("turn", "SCHMITZ", "SCHMITZ: And for the record here, Steve,"),
    ("turn", "INSKEEP", "INSKEEP: Wow. And, of course, it's hard "),
    ("turn", "INSKEEP", "INSKEEP: ...Want to observe, Rob - this "),
    ("turn", "INSKEEP", "INSKEEP: ...Chinese economy, the use of "),
    ("turn", "SCHMITZ", "SCHMITZ: (Laughter)."),
    ("turn", "INSKEEP", "INSKEEP: What is the - what - of those v"),
    ("turn", "SCHMITZ", "SCHMITZ: Yeah. I mean, I'm probably in H"),
    ("turn", "INSKEEP", "INSKEEP: Briefly, how does China respond"),
    ("turn", "SCHMITZ", "SCHMITZ: Well, Hikvision is in trouble. "),
    ("turn", "INSKEEP", "INSKEEP: OK. Rob, thanks very much - rea"),
    ("turn", "SCHMITZ", "SCHMITZ: Thanks, Steve."),
    ("turn", "INSKEEP", "INSKEEP: That's NPR's Rob Schmitz. Trans"),
]


def test_npr_keeps_exactly_the_story_lines(npr: Document) -> None:
    assert kept_line_numbers(npr) == NPR_KEPT_LINES
    assert summary(npr) == NPR_EXPECTED
    assert [p.number for p in npr.paragraphs] == list(range(1, 22))


def test_npr_paragraphs_are_whole_source_lines(npr: Document) -> None:
    lines = {line.strip() for line in NPR.read_text().splitlines()}
    assert all(text in lines for text in texts(npr))


def test_npr_chrome_is_dropped(npr: Document) -> None:
    assert_absent(
        npr,
        [
            "WOSU",  # the station's copyright line at the page top
            "Play Live Radio",
            "Next Up",
            "0:00",  # the audio player
            "Available On Air Stations",
            "J.D. Vance",  # another story's teaser headline
            "based in Berlin",  # the author bio after the transcript
        ],
    )


def test_npr_last_turn_carries_the_copyright_and_ends_the_story(npr: Document) -> None:
    last = npr.paragraphs[-1]
    assert last.text.endswith("Transcript provided by NPR, Copyright NPR.")
    assert (last.role, last.speaker) == ("turn", "INSKEEP")


# -- the bundled NYT article on the NZ Herald page -----------------------------------------

NYT_KEPT_LINES = [345, 347, 364, 368, 370, 372, 374, 376, 381, 383, 385, 390, 392, 395]
NYT_KEPT_LINES += [420, 422, 424, 426, 428, 430, 434, 439, 441, 443, 445, 447, 449]

NYT_EXPECTED_ROLES = ["headline", "byline", "caption"] + ["body"] * 9 + ["caption"]
NYT_EXPECTED_ROLES += ["body"] * 14


def test_nyt_keeps_exactly_the_story_lines(nyt: Document) -> None:
    assert kept_line_numbers(nyt) == NYT_KEPT_LINES
    assert [p.role for p in nyt.paragraphs] == NYT_EXPECTED_ROLES
    assert all(p.speaker is None for p in nyt.paragraphs)
    assert texts(nyt)[:2] == [
        "Trump Administration could blacklist Chinese surveillance technology firm",
        "By Ana Swanson, Edward Wong",
    ]
    assert texts(nyt)[-1].startswith("It has tried to expand into North America")


def test_nyt_every_story_paragraph_is_present(nyt: Document) -> None:
    source_lines = NYT.read_text().splitlines()
    prose = [
        line.strip()
        for number, line in enumerate(source_lines, 1)
        if 368 <= number <= 449 and len(line.strip()) > 100 and "Photo /" not in line
    ]
    assert len(prose) == 22
    assert set(prose) <= set(texts(nyt))
    assert "Administration officials could make a final decision in the coming weeks." in texts(nyt)


def test_nyt_each_caption_is_kept_once(nyt: Document) -> None:
    captions = [p.text for p in nyt.paragraphs if p.role == "caption"]
    assert len(captions) == 2
    assert captions[0].startswith("US President Donald Trump walks to Marine One")
    assert captions[1].startswith("Robert Lighthizer, the US trade representative")
    assert len(set(texts(nyt))) == len(nyt.paragraphs)  # no paragraph twice


@pytest.mark.parametrize(
    ("family", "fragments"),
    [
        ("menus", ["Latest news", "Herald Premium", "All New Zealand", "Sudoku", "NZME Network"]),
        ("weather towns", ["Kaitaia", "Whangārei", "Taumaranui", "Invercargill"]),
        ("advertising", ["Advertisement", "Advertise with NZME"]),
        ("subscription prompts", ["Subscribe", "Sign In", "subscription", "Listening to articles"]),
        ("share widgets", ["Share this article", "Save"]),
        ("breadcrumb and dateline", ["Home / World", "New York Times·", "22 May, 2019", "mins to"]),
        ("inline teasers", ["Discover more", "panicked horse", "segregate and subdue", "panda"]),
        ("teaser time stamps", ["08:01 PM", "09:36 PM", "11:09 PM"]),
        ("tweet attribution", ["Bloomberg Markets (@markets)"]),
        ("credits and copyright", ["Written by:", "Photographs by:", "© 2019", "Copyright 2025"]),
        ("latest from world", ["Latest from World", "Trump confirms timeline", "Manga prophecy"]),
        ("more teasers", ["Jono and Ben", "James Acton", "hardest-hit", "Soroka Hospital"]),
        ("footer", ["About NZ Herald", "Privacy Policy", "Subscriber FAQs", "NZME careers"]),
    ],
)
def test_nyt_chrome_is_dropped(nyt: Document, family: str, fragments: list[str]) -> None:
    assert_absent(nyt, fragments)


def test_nyt_short_chrome_lines_are_not_paragraphs(nyt: Document) -> None:
    for line in ("World", "Home", "TOP", "live", "sponsored", "Premium", "NZ Herald"):
        assert line not in texts(nyt)


def test_embedded_tweet_text_is_body_but_its_attribution_is_not(nyt: Document) -> None:
    tweet = [p for p in nyt.paragraphs if p.text.startswith("Shares of Chinese surveillance")]
    assert [p.role for p in tweet] == ["body"]
    assert not any(p.text.startswith("—") for p in nyt.paragraphs)


# -- synthetic pages of other shapes -------------------------------------------------------

PAGE_EXPECTED: dict[str, list[tuple[str, str | None, str]]] = {
    "wire-pipe-menu.txt": [
        ("headline", None, "Copper prices climb as Chilean mine stri"),
        ("byline", None, "By Laura Mendes and Peter Okafor"),
        ("body", None, "Copper prices rose for a fifth straight "),
        ("body", None, "Workers at the mine walked out on Februa"),
        ("body", None, '"Every week this goes on, the deficit ge'),
        ("body", None, "The strike comes as demand from China, t"),
        ("body", None, "Prices are up."),
        ("body", None, "Traders said stockpiles held in exchange"),
    ],
    "radio-continuation-transcript.txt": [
        ("headline", None, "Flooded farmers in the valley wait for h"),
        ("body", None, "Weeks after the river broke its banks, f"),
        ("turn", "DAVID GREENE", "DAVID GREENE, HOST: The water has gone d"),
        ("turn", "JANE DOE", "JANE DOE, BYLINE: That's right, David. I"),
        ("turn", "TOM BAKER", "TOM BAKER: We lost everything that was i"),
        ("turn", "TOM BAKER", "We had just planted, too. The seed alone"),
        ("turn", "GREENE", "GREENE: And the relief program?"),
        ("turn", "DOE", "DOE: The state set up a fund in January,"),
        ("turn", "DOE", "...Keep hearing the same thing, family a"),
        ("body", None, "(SOUNDBITE OF ARCHIVED RECORDING)"),
        ("turn", "UNIDENTIFIED OFFICIAL", "UNIDENTIFIED OFFICIAL: We are processing"),
        ("body", None, "(SOUNDBITE OF TRACTOR ENGINE)"),
        ("turn", "DOE", "DOE: Officials say the first checks shou"),
        ("turn", "GREENE", "GREENE: Next month."),
        ("turn", "GREENE", "Right."),
        ("turn", "GREENE", "GREENE: Jane Doe, thank you."),
        ("turn", "DOE", "DOE: Thank you, David."),
    ],
    "cookie-banner-related.txt": [
        ("headline", None, "Council approves new library for the eas"),
        ("body", None, "City councillors have approved plans for"),
        ("body", None, "The library will be built on the site of"),
        ("caption", None, "A rendering of the planned library from "),
        ("body", None, "Residents had campaigned for years for a"),
        ("body", None, "It has been a long wait."),
        ("body", None, '"Children on this side of town have had '),
    ],
    "script-page.html": [
        ("headline", None, "Harbour ferry fares to rise by 10 per ce"),
        ("byline", None, "By Rachel Lee"),
        ("body", None, "Ferry fares across the harbour will rise"),
        ("body", None, "A single adult ticket will go from $7.20"),
        ("caption", None, "A ferry leaves the downtown terminal on "),
        ("body", None, "The authority said the increase was the "),
        ("body", None, "Commuter groups said the rise would hit "),
    ],
    "markdown-article.md": [
        ("headline", None, "Small probe finds water ice in a crater "),
        ("byline", None, "By Priya Natarajan"),
        ("caption", None, "A rendering of the probe above the lunar"),
        ("body", None, "A small lunar probe has found signs of w"),
        ("body", None, "The probe, which weighs less than a fami"),
        ("body", None, '"This is the clearest signal we have see'),
        ("body", None, "The ice appears to be mixed into the soi"),
        ("body", None, "The signal was strongest on the crater's"),
        ("body", None, "The team plans to publish the full data "),
    ],
}

# fmt: off
PAGE_CHROME: dict[str, list[str]] = {
    "wire-pipe-menu.txt": [
        "Skip to main content", "Home | World", "morning briefing", "TOP STORIES",
        "Storm closes ports", "Markets > Commodities", "Published March", "Share on",
        "Copy link", "Read more", "Advertisement", "More from Business", "Oil slips",
        "hours ago", "Wire Corp", "Terms of Use",
    ],
    "radio-continuation-transcript.txt": [
        "Listen", "4:12", "Download", "Embed", "Heard on Morning Edition", "5:04 AM",
        "Copyright", "correspondent on the national desk", "More Stories", "Drought returns",
    ],
    "cookie-banner-related.txt": [
        "cookies", "Manage settings", "The Valley Courier", "Obituaries", "Sam Whitfield",
        "12 June 2022", "Related links", "Council budget", "Bus depot site sold",
        "Most read", "kayak", "bakery",
    ],
    "script-page.html": [
        "dataLayer", "display: inline", "Coastal Times", "Subscribe", "Log in",
        "enable JavaScript", "4 May 2023", "NewsArticle", "Advertisement",
        "transport reporter", "Related", "New ferry terminal", "About us", "never shown",
    ],
    "markdown-article.md": [
        "[Home]", "Newsletter", "Sign up", "Published 2024", "probe.jpg", "Key findings",
        "---", "Share on", "More from Space", "Rocket test", "meteor shower", "© 2024",
    ],
}
# fmt: on


def test_synthetic_pages_cover_the_required_shapes() -> None:
    names = sorted(p.name for p in PAGES.iterdir())
    assert names == sorted(PAGE_EXPECTED)
    assert {Path(n).suffix for n in names} == {".txt", ".html", ".md"}


@pytest.mark.parametrize("name", sorted(PAGE_EXPECTED))
def test_synthetic_page_story(name: str) -> None:
    document = load_document(PAGES / name)
    assert summary(document) == PAGE_EXPECTED[name]


@pytest.mark.parametrize("name", sorted(PAGE_CHROME))
def test_synthetic_page_chrome(name: str) -> None:
    assert_absent(load_document(PAGES / name), PAGE_CHROME[name])


def test_markdown_hard_wrapped_lines_become_one_paragraph() -> None:
    document = load_document(PAGES / "markdown-article.md")
    first = document.paragraphs[3]
    assert first.text.startswith("A small lunar probe has found signs of water ice")
    assert first.text.endswith("could shape where future crews choose to land.")
    assert document.raw_text[first.start : first.end].count("\n") == 2


# -- rules on small inputs -----------------------------------------------------------------

LONG_A = "The council voted on Tuesday to approve the budget, which had been delayed for weeks."
LONG_B = "Officials said the money would be spent on roads and schools over the next three years."
LONG_C = "Residents who spoke at the meeting said they were glad the long dispute was over at last."


def kept(text: str) -> list[str]:
    return [collapse_whitespace(text[s.start : s.end]) for s in clean_text(text).segments]


def test_advertisement_between_paragraphs_is_dropped() -> None:
    assert kept(f"{LONG_A}\n\nAdvertisement\n\n{LONG_B}") == [LONG_A, LONG_B]


def test_short_sentence_between_story_paragraphs_is_kept() -> None:
    assert kept(f"{LONG_A}\n\nHe agreed.\n\n{LONG_B}") == [LONG_A, "He agreed.", LONG_B]


def test_teaser_cluster_between_paragraphs_is_dropped() -> None:
    teasers = "World\n\nPanda spotted in the wild\n\n22 May 08:01 PM\n\nWorld\n\nRain on the way"
    assert kept(f"{LONG_A}\n\n{LONG_B}\n\n{teasers}\n\n{LONG_C}") == [LONG_A, LONG_B, LONG_C]


def test_related_box_ends_when_the_story_resumes() -> None:
    box = f"Related stories\n\nPanda spotted in the wild\n\n{LONG_C}\n\nRain on the way"
    assert kept(f"{LONG_A}\n\n{box}\n\n{LONG_B}\n\n{LONG_A} Again.") == [
        LONG_A,
        LONG_B,
        f"{LONG_A} Again.",
    ]


def test_caption_printed_twice_is_kept_once_as_caption() -> None:
    caption = "Council members vote on the budget in the town hall on Tuesday."
    text = f"Budget approved after delay\n\n{caption}\n{caption}\n\n{LONG_A}\n\n{LONG_B}"
    segments = clean_text(text).segments
    assert [(s.role, collapse_whitespace(text[s.start : s.end])) for s in segments] == [
        ("headline", "Budget approved after delay"),
        ("caption", caption),
        ("body", LONG_A),
        ("body", LONG_B),
    ]


def test_photographer_credit_line_is_not_a_caption() -> None:
    text = f"{LONG_A}\n\n{LONG_B}\n\nPhotographs by: Jane Roe, John Doe\n\n{LONG_C}"
    assert kept(text) == [LONG_A, LONG_B]  # a credit line closes the story


def test_copyright_line_ends_the_story() -> None:
    assert kept(f"{LONG_A}\n\n{LONG_B}\n\n© 2020 Daily Paper\n\n{LONG_C}") == [LONG_A, LONG_B]


def test_copyright_word_inside_story_prose_does_not_end_it() -> None:
    text = f"{LONG_A}\n\nCopyright lawyers said the rules were unclear to most people.\n\n{LONG_B}"
    assert kept(text)[-1] == LONG_B


def test_author_bio_after_the_story_is_dropped() -> None:
    text = (
        f"Council backs the new budget plan\n\nBy Jane Roe\n\n{LONG_A}\n\n{LONG_B}\n\n"
        "Jane Roe is a reporter covering the city council since 2015 for the paper."
    )
    assert kept(text) == ["Council backs the new budget plan", "By Jane Roe", LONG_A, LONG_B]


def test_everything_before_the_headline_is_chrome() -> None:
    text = (
        "Home | News | Sport\n\nAnother story teaser here\n\nBudget approved after delay\n\n"
        f"{LONG_A}\n\n{LONG_B}"
    )
    result = clean_text(text)
    assert result.headline is not None and result.headline.text == "Budget approved after delay"
    assert kept(text) == ["Budget approved after delay", LONG_A, LONG_B]


def test_windows_and_old_mac_line_endings() -> None:
    for newline in ("\r\n", "\r"):
        text = newline.join(["Budget approved after delay", "", LONG_A, "", LONG_B])
        assert kept(text) == ["Budget approved after delay", LONG_A, LONG_B]


def test_tiny_document_is_kept_by_the_relaxed_pass() -> None:
    assert kept("Hikvision makes cameras. It is based in Hangzhou.") == [
        "Hikvision makes cameras. It is based in Hangzhou."
    ]


def test_page_of_only_chrome_keeps_nothing() -> None:
    assert kept("  • Home\n  • World\n  • Sport\nAdvertisement\nSubscribe\n") == []


def test_cleaner_uses_no_strings_of_the_bundled_pages() -> None:
    """The rules are generic: no site, outlet or person of the two bundled pages is named."""
    source = "\n".join(p.read_text() for p in Path("qa_bot/cleaning").glob("*.py"))
    names = ("NZME", "Herald", "WOSU", "NPR", "Hikvision", "Schmitz", "Inskeep", "Bloomberg")
    for name in names:
        assert not re.search(rf"\b{name}\b", source, re.IGNORECASE), name


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Ana Swanson, Edward Wong", ["Ana Swanson", "Edward Wong"]),
        ("Written by Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("by Jane Doe", ["Jane Doe"]),
        ("Story by Jane Doe", ["Jane Doe"]),
        ("by the way, this sentence is not a byline at all.", []),
        ("Shares fell by 5% on Monday.", []),
    ],
)
def test_byline_forms_give_their_authors(line: str, names: list[str]) -> None:
    from qa_bot.cleaning import byline_names

    assert byline_names(line) == names
