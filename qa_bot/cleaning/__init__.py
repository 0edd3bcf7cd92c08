"""Cleaning: separate a news story from the page chrome around it (jusText-like, line based).

The cleaner reads decoded text one line at a time (HTML is first rendered to text by
``qa_bot.sources.html``; anchors are passed along as link spans). It never looks at line
numbers or at strings of particular pages; its rules are:

1. Lines. Every non-blank line is a unit (``\n``, ``\r\n`` or ``\r`` end a line). Leading
   markdown markup (``#``, ``>``, bullets, emphasis wrapped around the whole line) is outside
   the span. A blank-line-separated block whose lines have the shape of hard-wrapped prose
   (each line but the last ends where the next word would not have fitted, widths 40-100, no
   credit, copyright, speaker label or chrome prompt among them) becomes one unit. A speaker
   label alone on its line ("JANE DOE, HOST:") becomes one unit with the line after it.
2. Classification, one line at a time (``classify``): speaker-labelled transcript turns; repeats
   of text seen above; photo captions (a photo credit, or a sentence repeated right after
   itself); end markers (copyright notice "(c) 2019 X" / "Copyright X" / "All rights
   reserved", credit lines "Written by:", "Photographs by:", "Transcript provided by");
   related-story headings ("Latest from ...", "Discover more", "Related"); chrome that needs
   no context (date/time-only lines, breadcrumbs "Home / World", embedded-post attributions
   "- Name (@handle) date", images, link lines, short bullet items, widgets of at most four
   chrome words such as "Advertisement", "Save", "Subscribe to listen", prompts dense in chrome
   phrases such as subscribe/premium/sign in/cookies); then by length and stopword density,
   as jusText does: good prose (>= 70 chars, stopword density >= 0.25), near-good
   (>= 0.15, or a complete sentence of six or more words), short lines (< 70 chars; short
   lines repeated elsewhere are teasers: bad) and long lines with almost no function words
   (glued menus: bad). Lines without words ("---") are widgets.
3. Story start: the first good line (or turn) whose next piece of evidence (skipping short,
   near-good, widget, caption and related-heading lines) is good as well. If there is none,
   the classifier is relaxed for tiny documents (sentence lines first, then any line of two
   or more words).
4. Head: searching upwards from the story start (at most 40 lines, never past earlier prose),
   a "By A, B and C" line is the byline (it may also sit just below the start); the headline
   is the nearest headline-shaped line (3-25 words, no closing period, not a date, widget or
   breadcrumb; a markdown heading wins when there is no byline) above the byline, or above
   the story start. Everything before the headline is chrome.
5. End: the story ends at the first end marker after its start, or at an author bio (a line
   that begins with a byline author's name followed by "is/was/covers/joined ..."). A marker
   line that carries story text before the notice (a transcript turn ending "Transcript
   provided by X, Copyright X.") is kept as the last paragraph. Everything after is chrome.
6. Related boxes: after a related-stories heading inside the story, lines are dropped until a
   good line directly followed (widgets and captions aside) by another good line or by the
   end marker: the story resumes. Teaser boxes alternate titles and one-line summaries.
7. Context smoothing (jusText): inside the story, good lines, turns, captions, headline and
   byline are kept; chrome is dropped; a near-good line is kept when its nearest evidence on
   either side is story-like; a short line is kept only when it is a sentence and the nearest
   evidence on both sides is story-like (a host's "Hi there, Jane." between two turns, not a
   teaser title between time stamps). Widgets do not count as evidence (ads inside a story).

Speaker labels are parsed by ``speakers.parse_label``; speakers are assigned to paragraphs and
paragraphs numbered in ``qa_bot.paragraphs``. The word lists are in ``lexicon``: English
stopwords and a small generic lexicon of news-page chrome words (advertisement, subscribe,
sign in, share, newsletter, listen, premium, cookie ...), never a site's own strings.
"""

from __future__ import annotations

from qa_bot.cleaning.shapes import byline_names
from qa_bot.cleaning.speakers import SpeakerLabel, parse_label
from qa_bot.cleaning.story import CleanedText, Segment, clean_text

__all__ = ["CleanedText", "Segment", "SpeakerLabel", "byline_names", "clean_text", "parse_label"]
