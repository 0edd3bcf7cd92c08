"""British spellings read as American ones: "behaviour" is "behavior", "catalogue" is
"catalog", "organised" is "organized". Questions and sources go through the same rules, so a
word spelt either way matches the other; a rule that changed a word no other word becomes is
harmless, which is why the rules may be broad.
"""

from __future__ import annotations

import re

_RULES = (
    # "behaviour", "colours", "favoured" (not "four", "hour", "tour": 3+ letters before)
    (re.compile(r"^(\w{3,}?)our(s|ed|ing|ite|ites|able|al|er|ers|ful)?$"), r"\1or\2"),
    # "organise", "recognised", "criticising", "privatisation" (not "rise", "wise", "promise")
    (
        re.compile(
            r"^(\w*(?:al|ar|an|er|on|ic|at|iv|im|og|ym|or|ot|il|rd|gn|it|as|et))"
            r"is(e|es|ed|ing|ation|ations|er|ers|ement|ements)$"
        ),
        r"\1iz\2",
    ),
    (re.compile(r"^(\w+)ys(e|es|ed|ing)$"), r"\1yz\2"),  # "analyse", "paralysed"
    (re.compile(r"^(\w{3,})ogue(s)?$"), r"\1og\2"),  # "catalogue", "dialogues"
    (re.compile(r"^(\w{3,})ogued$"), r"\1oged"),  # "catalogued"
    (re.compile(r"^(\w{2,}[bt])re(s)?$"), r"\1er\2"),  # "centre", "metres", "fibre"
    (re.compile(r"^(\w{2,}[bt])red$"), r"\1ered"),  # "centred"
)
_SINGULARS = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "programme": "program", "grey": "gray", "sceptic": "skeptic", "aluminium": "aluminum",
    "manoeuvre": "maneuver", "aeroplane": "airplane", "tyre": "tire", "enrol": "enroll",
    "fulfil": "fulfill",
}  # fmt: skip
_WORDS = {
    **_SINGULARS,
    **{f"{british}s": f"{american}s" for british, american in _SINGULARS.items()},
    "sceptical": "skeptical", "jewellery": "jewelry", "practise": "practice",
    "practised": "practiced",
}  # fmt: skip


def american(word: str) -> str:
    """The American spelling of a lower-case word (the word itself when it has none)."""
    if word in _WORDS:
        return _WORDS[word]
    if len(word) < 5:
        return word
    for pattern, replacement in _RULES:
        spelt = pattern.sub(replacement, word)
        if spelt != word:
            return spelt
    return word
