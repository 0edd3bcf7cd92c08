"""When things happen: a question about what finally happened is not answered by what may
happen ("officials could decide"), nor one about now by a role someone has left.
"""

from __future__ import annotations

import re

from qa_bot.answer.names import CALENDAR
from qa_bot.text import words

# "Where does she work now?" is not answered by "a former State Department official".
PRESENT = re.compile(r"\b(now|current|currently|nowadays|these days|at present)\b", re.I)
_PAST_ROLE = re.compile(r"\b(former|formerly|ex-|previously|used to)\b", re.I)


def no_longer(text: str) -> bool:
    """Does the text describe a role someone has left ("a former official")?"""
    return bool(_PAST_ROLE.search(text))


# "What did the court finally decide?" asks for an outcome; "the court awaits a decision",
# "officials could decide" say there was none yet (unless the question is itself hypothetical).
OUTCOME = re.compile(
    r"\b(finally|eventually|ultimately|in the end|end(ed)? up|outcome|result|verdict)\b|"
    # "What did the court decide?": a decision made, not one awaited
    r"\b(?:what|how) did\b[^?]*?\b(?:decide|rule|conclude|determine)\b",
    re.I,
)
_PENDING = re.compile(
    r"\b(?i:would|could|might|awaits?|awaiting|pending|consider(s|ing)?|weigh(s|ing)|"
    r"plans? to|planning|whether|potential|possible|possibly|likely)\b|\bmay\b"
)
# A headline's "U.S. May Blacklist Firm": a capitalised "May" before a capitalised word that
# names.CALENDAR does not read as the month ("In May Trump said", "May 2").
_CAPITAL_MAY = re.compile(r"\bMay\s+[A-Z][a-z]+")


def outcome_verb(text: str) -> str | None:
    """The verb after "finally" / "ultimately" / "end up": "Did they ultimately add X?",
    "Did they end up adding X?" -> "add"."""
    match = re.search(
        r"\b(?:finally|eventually|ultimately|end(?:ed)? up)\s+([a-z]{3,})\b", text, re.I
    )
    if match is None:
        return None
    verb = match.group(1).lower()
    return verb[:-3] if verb.endswith("ing") and len(verb) > 5 else verb


def happened(verb: str, sentence: str) -> bool:
    """Does the sentence use the verb ("add" / "added", "decide" / "decision")?"""
    prefix = verb[: max(3, min(4, len(verb)))]
    return any(w.startswith(prefix) and len(w) <= len(verb) + 4 for w in words(sentence))


def pending(text: str) -> bool:
    """Is the text about something that may happen rather than what happened?"""
    if _PENDING.search(text):
        return True
    months = {m.start() for m in CALENDAR.finditer(text)}
    return any(m.start() not in months for m in _CAPITAL_MAY.finditer(text))
