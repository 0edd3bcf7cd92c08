"""Chat around a question: "hey, quick question - how many staff does Acme have? thanks!"
asks "how many staff does Acme have?". Greetings, filler openings ("sorry if this is obvious
but", "random q,") and sign-offs ("cheers", "ty", "appreciate it!") are cut off before the
question is read, so that their words are neither searched for nor missed in the sources.

An opening is chatter only when every word of it is one of chat's own words and a separator
(",", "!", " - ", ":", "but") ends it: "Acme's CEO, who is he?" keeps its topic.
"""

from __future__ import annotations

import re

# Words of greetings and filler openings; none names anything a question could be about.
_CHAT_WORDS = frozenset(
    """
    hi hello hey heya hiya yo howdy greetings ok okay k so um umm uh uhh hmm hmmm er well right
    alright oh ah sorry excuse pardon there all folks guys team bot friend again
    quick random silly dumb stupid basic simple small short odd weird naive follow-up followup
    question questions q qq one more another last other
    just only really actually honestly seriously genuinely kinda kind sort of pretty very bit
    a an the this that it is was be might may probably i im i'm i've ive i'd have has got had
    me my ask asking wondering wonder curious interested interesting confusing confused obvious
    if but and hope you can don't mind please now also then next lastly finally btw anyway
    anyways thing things for ugh ooh oops cool nice great gotcha promise totally completely
    unrelated topic subject wait
    """.split()
)
# A remark after the question: "just curious", "a list would be great", "couldn't find it".
_REMARK_WORDS = _CHAT_WORDS | frozenset(
    "checking would be find found couldn't could not anywhere saw seen something about heard read "
    "list answer short long fine thanks".split()
)
MAX_REMARK_WORDS = 6
# "ok so what's ...", "hey who is ...": interjections run into the question without a comma.
_INTERJECTIONS = re.compile(
    r"^\W*(?:(?:hi|hello|hey|ok|okay|so|um+|uh+|er|hmm+|well|oh|ah|ooh|wait)\s+)+"
    r"(?=(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|has|have|"
    r"had|can|could|will|would|should)\b)",
    re.I,
)
# An opening segment: words, then a separator (the comma of "hey,", the dash of "quick q -").
_OPENING = re.compile(
    r"^\W*(?P<segment>[\w'’-]+(?:\s+[\w'’-]+){0,9}?)\s*(?:[,!:;.]+\s*(?:but\b)?|\s[-–—]+|\s+but\b)\s*",
    re.I,
)
# A sign-off after the question: "cheers", "ty", "thanks a lot!", "appreciate it :)".
_SIGN_OFF = re.compile(
    r"(?<=[\w?!.,)\"”’'])(?P<cut>[\s,.!-]*\b(?:thanks|thank\s+you|thx|thnx|ty|tia|cheers|"
    r"much\s+appreciated|appreciated|appreciate\s+it|please|pls|plz|lol|haha)\b"
    r"(?:\s*(?:a\s+lot|so\s+much|in\s+advance|again|you|very\s+much|!+|:\)|:-\)|\.+))*"
    r"[\s!.,?]*(?::\)|:-\)|:D)?\s*)$",
    re.I,
)


_ASIDE_WORDS = "tbh ngl fr frfr lowkey highkey imo imho iirc smh lol lmao omg ikr jk".split()
# Chat's asides anywhere ("ngl", "tbh", "lowkey"), and a closing "tho" or "or nah": none says
# what is asked.
_ASIDES = re.compile(
    # typed in lower case (a first capital aside): "NGL" in capitals may be a name
    r"(?<![\w'’-])(?-i:"
    + "|".join(f"[{w[0]}{w[0].upper()}]{w[1:]}" for w in _ASIDE_WORDS)
    + r")(?![\w'’-])\s*|"
    r"[\s,]+(?:tho|though|or\s+nah|or\s+naw|or\s+nope)(?=\W*$)",
    re.I,
)
# "..., explain?", "... - pls elaborate": a request to answer, after the question
_EXPLAIN = re.compile(
    r"\s*[,-]\s*(?:pls\s+|please\s+)?(?:explain|elaborate)(?:\s+pls|\s+please)?(?=\W*$)", re.I
)
_EVEN = re.compile(
    r"\b(who|what)((?:['’]s|\s+(?:is|are|was|were))?)\s+even\b", re.I
)  # "who even are"


def without_chatter(text: str) -> str:
    """The question without the greetings, filler and sign-offs chatted around it."""
    question = _without_ending(_without_asides(text))
    while (opening := _OPENING.match(question)) is not None:
        said = [w.lower().replace("’", "'") for w in opening.group("segment").split()]
        rest = question[opening.end() :]
        if not all(word in _CHAT_WORDS for word in said) or not re.search(r"\w", rest):
            break
        question = rest
    return _INTERJECTIONS.sub("", question)


def _without_asides(text: str) -> str:
    plain = _EXPLAIN.sub("", _EVEN.sub(r"\1\2", _ASIDES.sub(" ", text)))
    plain = re.sub(r"\s+(?=[?!.,])", "", re.sub(r"\s{2,}", " ", plain)).strip()
    return plain if re.search(r"\w", plain) else text


def _without_ending(text: str) -> str:
    """Sign-offs and remarks after the question, however many ("? cheers, just curious")."""
    while (cut := _without_remark(_without_sign_off(text))) != text:
        text = cut
    return text


def _without_remark(text: str) -> str:
    asked, mark, remark = text.rpartition("?")
    said = [w.lower().replace("’", "'") for w in re.findall(r"[\w'’-]+", remark)]
    if not mark or not re.search(r"\w", asked) or len(said) > MAX_REMARK_WORDS:
        return text
    return asked + mark if all(word in _REMARK_WORDS for word in said) else text


def _without_sign_off(text: str) -> str:
    match = _SIGN_OFF.search(text)
    if match is None or not re.search(r"\w", text[: match.start()]):
        return text
    if "?" in match.group("cut") and not re.match(r"\s*[,.!-]", match.group("cut")):
        return text  # "Which firm said thanks?" asks about the thanks
    kept = text[: match.start()].rstrip()
    asked = text.rstrip().endswith("?") and not kept.endswith(("?", "!", "."))
    return kept + "?" if asked else kept
