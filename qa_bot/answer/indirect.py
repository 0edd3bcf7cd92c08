"""Indirect questions made direct: "Can you tell me who the CEO of Acme is?" asks "Who is the
CEO of Acme?", and every rule that reads a question reads the direct form.

An embedded question keeps statement order ("how many staff Acme has"), so after its frame is
cut off the verb goes back before the subject: an auxiliary moves ("who the CEO is" -> "who is
the CEO"), any other verb takes "do" ("what Wang said" -> "what did Wang say").
"""

from __future__ import annotations

import re

from qa_bot.answer.names import nationality
from qa_bot.text import sentence_spans

_GREETING = r"(?:(?:hi|hello|hey|ok|okay|so|please|sorry)\b[,!.]?\s+)*"
_FRAME = re.compile(
    _GREETING + r"(?:"
    r"(?:can|could|would|will) (?:you|someone|anyone|somebody) (?:please |kindly )?"
    r"(?:tell|show|remind|explain to|let|help) me(?: know| understand)?|"
    r"(?:can|could|would|will) (?:you|someone|anyone) (?:please |kindly )?(?:explain|say|check)|"
    r"(?:do|does) (?:you|anyone|anybody|someone) (?:happen to )?know|"
    r"(?:please )?(?:tell|show|remind) me|let me know|"
    r"(?:please )?(?:explain|summari[sz]e|describe|outline)(?: to me)?|"
    r"i(?:['’]d| would) (?:like|love|want) to (?:know|find out|understand|learn|ask)|"
    r"i (?:want|need) to (?:know|find out|understand)|"
    r"i(?:['’]m| am)? (?:was )?(?:wondering|curious(?: about| to know| as to)?|"
    r"trying to (?:understand|figure out|find out)|not sure)|"
    r"i wonder(?:ed)?|i don['’]?t (?:know|understand|get)|any idea|help me understand"
    r")[,:]?\s+(?=(?:who|whom|whose|what|which|when|where|why|how|whether|if)\b)",
    re.I,
)
# "Tell me the year ...", "Give me the exact date ...", "Name the official who ...": a request
# for a thing by its noun, which the direct question asks by "what" or "which".
_REQUEST = re.compile(
    _GREETING + r"(?:please\s+)?(?P<verb>(?:tell|give|show|find|get) me|name|identify|state|"
    r"i(?:['’]d| would) like(?: to know)?|i (?:want|need)(?: to know)?)\s+"
    r"(?:the|its|his|her|their)\s+(?=[\w-]+)",
    re.I,
)
# "the official who spoke": the noun, then a relative pronoun the direct question drops
_RELATIVE = re.compile(r"^(?P<noun>(?:[\w.'’-]+\s+){0,3}[\w.'’-]+)\s+(?:who|that|which)\s+")
# Wh-words that may take a noun ("how many staff", "which company", "what year").
_NOUN_HEADS = ("how many", "how much", "what", "which", "whose")
_DETERMINERS = frozenset(
    "the a an its his her their our this that these those he she it they we you i".split()
)
_MEASURES = frozenset("many much long far often old big large soon".split())
# At the end of the clause these are the main verb: "how many staff Acme has".
_MAIN_VERBS = {"has": "have", "have": "have", "had": "have", "does": "do", "do": "do", "did": "do"}
_QUANTIFIERS = frozenset("no any some many much more".split())
_PREPOSITIONS = frozenset("of for in at to from with by on".split())
_NOT_PAST = frozenset("need feed seed shed bred sped weed deed reed bleed speed breed".split())
_AUXILIARIES = frozenset(
    "is are was were has have had do does did can could will would should may might must".split()
)
_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "thought": "think", "knew": "know",
    "gave": "give", "took": "take", "made": "make", "wrote": "write", "meant": "mean",
    "found": "find", "began": "begin", "came": "come", "went": "go", "got": "get",
    "led": "lead", "sold": "sell", "built": "build", "spent": "spend", "saw": "see",
    "felt": "feel", "kept": "keep", "held": "hold", "brought": "bring", "bought": "buy",
    "paid": "pay", "ran": "run", "chose": "choose", "became": "become", "fell": "fall",
    "rose": "rise", "lost": "lose", "won": "win", "left": "leave", "heard": "hear",
}  # fmt: skip
# Verbs of saying and thinking that head an embedded question ("how many US officials think").
_LEXICAL = frozenset(
    "say think know believe estimate claim call mean want plan expect describe see".split()
)


# "uighurs who are they", "Maya Wang - who is she?": the topic first, then a question about
# it by a pronoun. Asked directly: "Who are uighurs?".
_TOPIC_FIRST = re.compile(
    r"^\W*(?P<topic>(?!(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|"
    r"does|did|and|but|so|or|then|well|ok|okay|now|tell|please|also|yes|no)\b)(?![^,?:;]*\bme\b)[^,?:;]{2,60}?)\s*[,:;–—-]?\s+(?P<wh>who|what)\s+(?P<verb>is|are|was|were)\s+"
    r"(?:he|she|it|they|this|that|these|those)\W*$",
    re.I,
)


def direct_question(text: str) -> str:
    """The direct question an indirect one asks; any other text unchanged."""
    topic = _TOPIC_FIRST.match(text)
    if topic is not None:
        subject = re.sub(r"^(The|An?)\b", lambda m: m[1].lower(), topic["topic"].strip())
        return f"{topic['wh'].capitalize()} {topic['verb'].lower()} {subject}?"
    frame = _FRAME.match(text)
    if frame is not None:
        return _direct_clause(text[frame.end() :])
    request = _REQUEST.match(text)
    if request is not None:
        # "Tell me the year X was founded" asks "what year ...", "Name the official who spoke"
        # asks "which official spoke"
        wh = "which" if request["verb"].lower() in ("name", "identify") else "what"
        asked = _RELATIVE.sub(r"\g<noun> ", text[request.end() :], count=1)
        return _direct_clause(f"{wh} {asked}")
    return text


def _direct_clause(text: str) -> str:
    """The embedded question a frame opens, made direct ("who X is" -> "Who is X?")."""
    # Only the sentence the frame opens ("Can you tell me who X is? Thanks.")
    spans = sentence_spans(text)
    clause_end = spans[0][1] if spans else 0
    clause = text[:clause_end].strip().rstrip("?.!")
    clause = re.sub(r"[,\s]+(?:please|thanks|thank you)$", "", clause, flags=re.I).rstrip("?.!")
    rest = text[clause_end:].lstrip(".?! ")
    if re.fullmatch(r"(?:please|thanks|thank you|cheers)\W*", rest, re.I):
        rest = ""
    if not clause or "?" in rest:
        return text  # "I'm trying to find out who runs it. Is it X?": the frame sets a scene
    direct = _inverted(clause.split()) or clause
    return direct[0].upper() + direct[1:] + "?" + (" " + rest if rest else "")


def _inverted(tokens: list[str]) -> str | None:
    """ "how many staff Acme has" -> "how many staff does Acme have"; None when the wh-phrase
    is itself the subject ("who wrote it", "which company makes it") or no verb is found."""
    head, rest = _wh_head(tokens)
    at = _verb_at(rest)
    if at is None or rest[0].lower() in _AUXILIARIES or _is_lexical(rest[0].lower(), head):
        return None  # "who is running it": already in order
    noun, subject = _split(rest[:at], head)
    if not subject:
        return None
    verb, after = rest[at], rest[at + 1 :]
    if verb.lower() in _AUXILIARIES and not _is_main(verb.lower(), after):
        moved = [verb.lower(), *subject, *after]
    else:
        moved = [_do_support(verb), *subject, _base_form(verb), *after]
    words = [] if head in ("whether", "if") else head.split()
    return " ".join([*words, *noun, *moved])


def _wh_head(tokens: list[str]) -> tuple[str, list[str]]:
    two = " ".join(tokens[:2]).lower()
    if two.startswith("how ") and two.split()[1] in _MEASURES:
        return two, tokens[2:]
    return tokens[0].lower(), tokens[1:]


def _split(between: list[str], head: str) -> tuple[list[str], list[str]]:
    """The words between the wh-word and the verb: the wh-phrase's noun ("staff" of "how many
    staff"), then the subject."""
    if head not in _NOUN_HEADS:
        return [], between
    if between and re.search(r"\w['’]s$", between[0]):
        return [], between  # "what | Acme's revenue was"
    for index, token in enumerate(between):
        if index and between[index - 1].lower() in _PREPOSITIONS:
            continue  # "which of Acme's plants": the wh-phrase goes on
        if token.lower() in _DETERMINERS:
            return between[:index], between[index:]  # "what | the list is"
        if index and token[:1].isupper() and between[index - 1][:1].islower():
            return between[:index], between[index:]  # "how many staff | Acme has"
    first = between[0] if between else ""
    if len(between) > 1 and re.fullmatch(r"[A-Z][a-z]+s", first):
        return between[:1], between[1:]  # "how many Muslims | US officials think"
    if between and all(t[:1].isupper() for t in between) and not re.search(r"[a-z]s$", first):
        return [], between  # "how much | Acme is worth"
    return between, []  # "which company | makes": the wh-phrase is the subject


def _is_main(verb: str, after: list[str]) -> bool:
    """ "how many staff Acme has", "what Acme does with data": "have" / "do" as the main verb."""
    if verb not in _MAIN_VERBS:
        return False
    following = after[0].lower() if after else ""
    return not following or following in _PREPOSITIONS | _DETERMINERS | _QUANTIFIERS


def _verb_at(tokens: list[str]) -> int | None:
    """The index of the embedded clause's verb: an auxiliary, a verb of saying, a past tense;
    failing those, a present "-s" form after a name or a determiner's noun ("what Acme sells",
    "when the ban takes effect")."""
    for index, token in enumerate(tokens):
        word = token.lower()
        if index and (word in _AUXILIARIES or _is_lexical(word, tokens[index - 1])):
            return index
    for index in range(1, len(tokens)):
        # "Acme builds", "the ban takes": a name, or a determiner and a noun, before it
        before = tokens[index - 1]
        named = before[:1].isupper() and not _adjective(before)  # not "American chipmakers"
        after_subject = named or any(
            t.lower() in _DETERMINERS for t in tokens[max(0, index - 3) : index - 1]
        )
        if re.fullmatch(r"[a-z]{2,}[^su'’]s", tokens[index]) and after_subject:
            return index
    return None


def _adjective(word: str) -> bool:
    return word in ("US", "U.S.", "UK", "EU") or nationality(word.lower())


def _is_lexical(word: str, before: str) -> bool:
    if word in _IRREGULAR or _base_form(word) in _LEXICAL:
        return True
    # "the banned company": a past participle after a determiner describes, it is no verb
    past = len(word) >= 4 and word.endswith("ed") and word not in _NOT_PAST
    return past and before.lower() not in _DETERMINERS


def _do_support(verb: str) -> str:
    word = verb.lower()
    if (word in _IRREGULAR and not word.endswith("s")) or word.endswith(("ed", "had", "did")):
        return "did"
    return "does" if word.endswith("s") else "do"


def _base_form(verb: str) -> str:
    word = verb.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word in _MAIN_VERBS:
        return _MAIN_VERBS[word]
    if word.endswith("ied") or word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("ed"):
        stem = word[:-2]
        if len(stem) <= 2:
            return stem + "e"  # "sued", "used"
        if stem[-1] == stem[-2] and stem[-1] not in "ls" and len(stem) >= 4:
            return stem[:-1]  # "planned"
        if re.search(r"(?:at|iz|is|us|ur|or|os|ib|v|c|g|ir|ut|id|in|as)$", stem):
            return stem + "e"  # "estimated", "described"
        return stem
    if re.search(r"(?:ss|sh|ch|x|z)es$", word):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word
