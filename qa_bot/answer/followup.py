"""Follow-up questions: replace references ("she", "it", "that company") by the earlier subject.

Without a generative model this is a rule: the subjects of earlier turns are the capitalised
names in them, newest first (the last question before its answer). Personal pronouns take the
newest name that looks like a person (two or three capitalised words, no organisation word);
"it", "they" and "the company" take the newest other name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from qa_bot.answer.lexicon import ORGANISATION_WORDS, TITLE_WORDS, countries
from qa_bot.text import STOPWORDS

_SKIP_FIRST = frozenset(
    """
    what which who whom whose when where why how is are was were do does did can could would
    will should has have had the a an and but so tell please and
    """.split()
)
_NAME = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:of\s+|the\s+|de\s+)?[A-Z][\w’'.-]*)*")
_PERSONAL = {"she": "", "he": "", "her": "", "him": "", "his": "'s", "hers": "'s"}
_THING = {"it": "", "its": "'s", "they": "", "them": "", "their": "'s"}
_DEFINITE = re.compile(
    r"\b(?:the|that|this)\s+(company|firm|agency|department|organi[sz]ation|group|government|"
    r"maker|manufacturer|official|man|woman|person|reporter|correspondent|paper|newspaper|"
    r"outlet|network|broadcaster)\b",
    re.I,
)
# "Is it true that ...", "it's possible": an "it" that stands for nothing earlier
_DUMMY_IT = (
    r"(?!(?:['’]s|\s+is|\s+was)?(?:\s+(?:\w+ly|also|not|even))?\s+"
    r"(?:true|correct|right|accurate|the\s+case|possible|likely|"
    r"known|clear|fair)\b)"
)
_PRONOUN = re.compile(rf"\b(she|he|her|him|his|hers|it{_DUMMY_IT}|its|they|them|their)\b", re.I)
_PERSON_NOUNS = frozenset(["official", "man", "woman", "person", "reporter", "correspondent"])


def names_in(text: str) -> list[str]:
    """Capitalised names in a text, in order (a sentence's first word only if it is a name)."""
    found: list[str] = []
    for match in _NAME.finditer(text):
        words = match.group(0).rstrip(".").split()
        at_start = not text[: match.start()].strip() or text[: match.start()].rstrip()[-1] in ".!?"
        if at_start and len(words) == 1:
            continue  # a capitalised first word is usually just the start of a sentence
        while words and words[0].lower() in _SKIP_FIRST | STOPWORDS:
            words = words[1:]
        if words and not (len(words) == 1 and words[0].isupper() and len(words[0]) <= 2):
            found.extend(_split_affiliation(" ".join(words)))
    return found


def _split_affiliation(name: str) -> list[str]:
    """ "Maya Wang of Human Rights Watch" is a person and her organisation, not one name
    ("Secretary of State Mike Pompeo" and "Bank of America" stay whole)."""
    person, sep, place = name.partition(" of ")
    if sep and is_person(person) and place:
        return [person, place]
    possessive = re.match(r"(?P<owner>.+?)['’]s (?P<owned>.+)$", name)
    if possessive and is_person(possessive["owned"]):  # "Harbour News's Tomas Rivera"
        return [possessive["owner"], possessive["owned"]]
    return [name]


def is_person(name: str) -> bool:
    """Two or three capitalised words, none an organisation's ("Maya Wang"), or a title before
    such a name ("Secretary of State Mike Pompeo", "US President Donald Trump")."""
    words = name.split()
    if any(w.lower() in TITLE_WORDS for w in words[:-2]):
        words = words[-2:]
    if " ".join(words).lower().removeprefix("the ") in countries():
        return False  # "United States", "New Zealand"
    return 2 <= len(words) <= 3 and not any(w.lower() in ORGANISATION_WORDS for w in words)


def subjects(history: Sequence[tuple[str, str]]) -> list[str]:
    """Candidate referents, newest first: each turn's question names, then its answer names -
    unless the question asked for a person or a body ("Who is Steve Inskeep talking to?",
    "Which agency ...?"): then the one the answer names is the new subject."""
    ordered: list[str] = []
    for question, answer in reversed(history):
        asked, told = names_in(question), names_in(answer)
        turn = [*told, *asked] if _ASKS_WHO_OR_WHICH.search(question) else [*asked, *told]
        for name in turn:
            if name not in ordered:
                ordered.append(name)
    return ordered


_ASKS_WHO_OR_WHICH = re.compile(
    r"^\W*(who|whom)\b(?!(?:\s+(?:is|are|was|were)|['’]s)\s+(?-i:[A-Z][\w'’-]*(\s+[A-Z][\w'’-]*)*)"
    r"\W*$)|"
    r"\b(which|what)\s+(\w+\s+)?(person|official|reporter|correspondent|executive|"
    r"researcher|journalist|spokes\w+|expert|analyst|host|anchor|presenter|interviewer|author|"
    r"writer|editor|leader|minister|secretary|president|founder|director|chief|boss)\b|"
    # "Which agency would ...?": the agency the answer names is the new subject too
    r"^\W*(which|what)\s+([\w.]+\s+){0,3}?(agency|agencies|department|company|companies|firm|"
    r"organi[sz]ation|group|body|ministry|government|outlet|newspaper|paper|network)\b",
    re.I,
)


def resolve(
    question: str,
    history: Sequence[tuple[str, str]],
    affinity: Callable[[str, str], float] | None = None,
) -> str:
    """The question made standalone: references replaced by the subjects they point to.

    ``affinity(name, noun)`` (how often the sources use the name near the noun) picks the
    referent of "the company", "the agency" ... among the earlier names; without it the newest
    name that is not a person is taken.
    """
    candidates = subjects(history)
    if not candidates:
        return question
    person = next((n for n in candidates if is_person(n)), None)
    things = [n for n in candidates if not is_person(n)]
    # "they" agrees with "Muslims", "it" with "NPR": the newest name of the pronoun's number
    plural = next((n for n in things if _plural(n)), None)
    singular = next((n for n in things if not _plural(n)), None)

    named_things: list[str] = []  # "the company" resolved in this question, in order

    def definite(match: re.Match[str]) -> str:
        noun = match.group(1).lower()
        target = _answered(noun, history) or (
            person if noun in _PERSON_NOUNS else _described(noun, candidates, affinity)
        )
        if target and noun not in _PERSON_NOUNS:
            named_things.append(target)
        if target and target.lower() not in question.lower():
            return target
        return match.group(0)

    def pronoun(match: re.Match[str]) -> str:
        word = match.group(1)
        lower = word.lower()
        if lower in _PERSONAL:
            target, suffix = person, _PERSONAL[lower]
            if lower == "her" and _followed_by_noun(question, match.end()):
                suffix = "'s"
        else:
            # "is the company honest about its equipment": "its" is the company just named
            # ... or a name the question gives before it ("Hikvision saying it doesn't know")
            named = [n for n in names_in(resolved[: match.start()]) if not is_person(n)]
            earlier = [t for t in named_things if 0 <= resolved.find(t) < match.start()]
            earlier = earlier or named[-1:]
            agrees = plural if lower in _PLURAL_PRONOUNS else singular
            fallback = agrees or (things[0] if things else None) or person
            target, suffix = (earlier[-1] if earlier else fallback), _THING[lower]
        return f"{target}{suffix}" if target else word

    resolved = _DEFINITE.sub(definite, question)
    return _PRONOUN.sub(pronoun, resolved)


_PLURAL_PRONOUNS = frozenset(["they", "them", "their"])


def _plural(name: str) -> bool:
    """ "Muslims", "Uighurs": a group named in the plural (not "NPR", "Human Rights Watch",
    "United States")."""
    last = name.split()[-1]
    return (
        " " not in name
        and last.endswith("s")
        and not last.endswith(("ss", "us", "is"))
        and not last.isupper()
    )


def _answered(noun: str, history: Sequence[tuple[str, str]]) -> str | None:
    """ "That agency" after "Which agency ...?" is the one the answer named."""
    for question, answer in reversed(history):
        # "that paper" after "Which newspaper ...?"
        if re.search(rf"\b(which|what)\s+(?:[\w.]+\s+){{0,3}}?(?:news)?{noun}\b", question, re.I):
            named = names_in(answer)
            return named[0] if named else None
    return None


def _described(
    noun: str, candidates: list[str], affinity: Callable[[str, str], float] | None
) -> str | None:
    """The earlier name that "the <noun>" most likely means (newest wins a tie)."""
    things = [n for n in candidates if not is_person(n)]
    if not things:
        return None
    if affinity is None:
        return things[0]
    scores = [affinity(name, noun) for name in things]
    best = max(range(len(things)), key=lambda i: (scores[i], -i))
    # No earlier name is ever called that ("Human Rights Watch" is no company): leave "the
    # company" as it is; the answer reads it as the company the document is about.
    return things[best] if scores[best] > 0 else None


def _followed_by_noun(text: str, position: int) -> bool:
    following = re.match(r"\s+([A-Za-z]+)", text[position:])
    return bool(following) and following.group(1).lower() not in STOPWORDS  # type: ignore[union-attr]
