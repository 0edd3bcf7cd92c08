"""Word lists and patterns the cleaner uses: generic to English news pages, never to one site.

Nothing here names a particular site, story or person; every entry is a word or phrase that
marks page chrome (navigation, subscription and share prompts, advertising, related-story
boxes, credits) on news pages in general.
"""

from __future__ import annotations

import re


def word_set(words: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words of ``words`` (keeps word lists readable)."""
    return frozenset(words.split())


#: English function words (jusText-style stoplist): prose is dense in them, chrome is not.
STOPWORDS = word_set(
    """a about above after again against all also although am an and any are aren't as at
    be because been before being below between both but by can can't cannot could couldn't did
    didn't do does doesn't doing don't down during each either else even ever every few for from
    further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers
    herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its
    itself just let's like many may me might more most much must mustn't my myself neither no nor
    not now of off often on once one only or other others ought our ours ourselves out over own
    per rather really same several shall shan't she she'd she'll she's should shouldn't since so
    some still such than that that's the their theirs them themselves then there there's these
    they they'd they'll they're they've this those though through thus to too under until up upon
    us very was wasn't we we'd we'll we're we've were weren't what what's when when's where
    where's whether which while who who's whom whose why why's will with within without won't
    would wouldn't yes yet you you'd you'll you're you've your yours yourself yourselves well
    said says say already because across along among around away back whose"""
)

#: Chrome terms scored over a line's word tokens, by weight: strong prompts weigh more.
_CHROME_TERMS: dict[int, str] = {
    3: "cookie, cookies",
    2: """advertise, advertisement, advertisements, advertising, sponsored, subscribe,
        subscribed, subscriber, subscribers, subscription, subscriptions, sign in, sign up,
        sign out, log in, log out, login, logout, signin, signup, newsletter, newsletters,
        privacy policy, privacy settings, privacy notice, terms of use, terms of service,
        terms and conditions, all rights reserved, paywall, follow us, download the app,
        download our app""",
    1: """premium, article, articles, listen, listening, text to speech, read more, learn more,
        see more, discover more, explore, share this, share on, share via, unlimited access,
        free trial, min read, mins read, min to read, mins to read, accept, podcast, podcasts""",
}
CHROME_TERMS: dict[tuple[str, ...], int] = {
    tuple(term.split()): weight
    for weight, terms in _CHROME_TERMS.items()
    for term in terms.replace("\n", " ").split(",")
}
CHROME_TERM_MAX_WORDS = max(len(term) for term in CHROME_TERMS)

#: Words that are chrome on their own: a line of at most four words made of these is a widget.
CHROME_WORDS = word_set(
    """advertisement advertise sponsored subscribe subscription subscriptions subscriber sign
    login logout register newsletter newsletters share save print email tweet facebook twitter
    whatsapp linkedin reddit copy link comments comment listen play live radio menu search
    home top back next up more latest video watch podcast podcasts premium related trending
    popular close open skip main content on air stations available accept cookies settings
    follow read min mins"""
)

#: Headings that open a box of links to other stories ("Latest from World", "Related").
RELATED_HEADING = re.compile(
    r"^(?:(?:the )?latest(?: news)?(?: from| in| on)?\b.*|more (?:from|in|on|stories|news)\b.*"
    r"|related(?: stories| articles| content| coverage| links)?|recommended(?: for you)?"
    r"|discover more|you (?:may|might) also like|most (?:read|popular|viewed|shared)"
    r"|read (?:more|next)|more stories|trending(?: now)?|top stories|also read"
    r"|what to read next|editor'?s picks|in other news|elsewhere on .*|next up)\s*:?$",
    re.IGNORECASE,
)

#: Credit that marks a photo caption ("Photo / X", "Photo: X", "(AP Photo/X)", "Getty Images").
CAPTION_CREDIT = re.compile(
    r"\b(?:photo|photograph|image|picture|illustration|graphic)s?\s*(?:/|:|by\b|credit\b)"
    r"|\b(?:credit|source)\s*:\s*\w|\bGetty Images\b|\bAP Photo\b|\bAFP\b\s*(?:/|via)"
    r"|\bReuters\s*/|\bvia Getty\b",
    re.IGNORECASE,
)

#: Copyright notices: "(c) 2019 X", "© X", "Copyright X" (capitalised, as notices are written).
COPYRIGHT = re.compile(r"©|\([cC]\)\s*\d{4}|\bCopyright\b|\bCOPYRIGHT\b")
ALL_RIGHTS = re.compile(r"\bAll [Rr]ights [Rr]eserved\b|\bALL RIGHTS RESERVED\b")

#: Credit lines that close a story ("Written by: X", "Photographs by X", "Transcript provided by").
CREDIT_LINE = re.compile(
    r"^(?:written|photographs?|photos|reporting|additional reporting|edited|produced"
    r"|illustrations?|graphics|video|transcript provided|story)\s+by\b",
    re.IGNORECASE,
)

#: The attribution line of an embedded post: "— Name (@handle) May 22, 2019".
EMBED_ATTRIBUTION = re.compile(r"^[—–―-]{1,2}\s*\S.*(?:\(@\w+\)|\b\w+ \d{1,2}, \d{4})\s*$")

#: Tokens a date or time line is made of ("22 May, 2019 02:11 AM", "Updated 5 mins ago").
DATE_WORDS = word_set(
    """jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
    july august september october november december mon tue wed thu fri sat sun monday tuesday
    wednesday thursday friday saturday sunday am pm a p m gmt utc bst est edt cst cdt pst pdt et pt
    nzst nzdt aest aedt updated published posted first last modified at on by min mins minute
    minutes hour hours hr hrs day days ago read to today yesterday st nd rd th"""
)

#: Words that make "Name is ..." an author's biography when they follow the name.
BIO_VERBS = re.compile(
    r"^\s*(?:is|was|has been|covers|reports|joined|writes|lives)\b", re.IGNORECASE
)

#: Speaker labels that are not speakers ("NOTE:", "UPDATE:", "WATCH:").
NOT_SPEAKERS = word_set(
    """NOTE UPDATE UPDATED CORRECTION CLARIFICATION WATCH READ RELATED PHOTO PHOTOS VIDEO
    LISTEN BREAKING ADVERTISEMENT EDITOR'S SOURCE SOURCES CREDIT WARNING ALERT LIVE MORE
    SEE ALSO PLUS"""
)
