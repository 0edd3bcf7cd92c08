"""Does a sentence hold what the question asks for (``Scored.fits``)? The kind of thing asked
(``fits.fits_type``), and what the question adds to it: a settled outcome, not a pending one;
the present, not a former post; the speaker whose words are asked; a reply by the one who
responds.
"""

from __future__ import annotations

import re

from qa_bot.answer.asks import SUPERLATIVE
from qa_bot.answer.described import asked_countries, names_company_of_country
from qa_bot.answer.fits import fits_type, specifies
from qa_bot.answer.kinds import COMPANY_ASKED, COMPANY_NAMED
from qa_bot.answer.question import Question
from qa_bot.answer.sayings import defines, responds
from qa_bot.answer.tense import happened, no_longer, pending
from qa_bot.answer.truecase import cased_names
from qa_bot.answer.turns import gives_words_of, is_asked_speaker
from qa_bot.models import Paragraph
from qa_bot.store.catalog import Catalog


def holds_asked(
    question: Question, said: str, paragraph: Paragraph, asked_speaker: bool, catalog: Catalog
) -> bool:
    """Does the sentence hold what the question asks for (``Scored.fits``)?"""
    if question.subject and question.answer_type == "definition":
        fits = defines(question.subject, said)
    else:
        fits = fits_type(question.answer_type, said, question.text, paragraph.speaker)
    if question.settled and pending(said):
        return False  # "What did the court finally decide?": not what may happen
    if question.outcome and not happened(question.outcome, said):
        return False  # "Did they ultimately add it?": a sentence saying they did
    if question.present and no_longer(said):
        return False  # "Where does she work now?": not "a former official"
    # the writers of the story are not "the spokesperson", nor a company
    asks_named = question.named_kind or COMPANY_ASKED.search(question.text)
    if paragraph.role == "byline" and asks_named and not _AUTHORS.search(question.text):
        return False
    if not fits and question.answer_type == "name" and COMPANY_NAMED.search(question.text):
        fits = _opens_with_company(said, question.text, catalog)
    if fits and question.answer_type in ("name", "list") and asked_countries(question.text):
        fits = names_company_of_country(said, question.text, catalog)  # not "Chinese Zentrix"
    if question.specific and fits:
        fits = specifies(question.specific, said, question.text)
    if question.responded and fits:
        # "How did X respond?": X's reply (X speaking, or words or a deed in answer)
        fits = responds(said) or is_asked_speaker(paragraph.speaker, question.responded)
    if question.strict and fits:
        fits = _about_named(question, paragraph.doc_id, catalog)
    if question.superlative and fits:
        fits = bool(SUPERLATIVE.search(said))
    if question.quoted and not asked_speaker:
        fits = fits and gives_words_of(question.quoted, said, paragraph)
    return fits


def _opens_with_company(sentence: str, question: str, catalog: Catalog) -> bool:
    """ "Acme did not respond.": a sentence's first word is a name when the sources only ever
    write it capitalised (``names`` skips first words, which any sentence capitalises)."""
    first = re.match(r"\W*([A-Z][\w’'-]*)", sentence)
    if first is None:
        return False
    word = re.sub(r"['’]s$", "", first.group(1))
    names = cased_names(catalog)
    asked = re.search(rf"\b{re.escape(word)}\b", question, re.I)
    return names.get(word.lower()) == word and asked is None


_AUTHORS = re.compile(r"\b(report\w*|journalist\w*|correspondent\w*|writ\w*|author\w*)\b", re.I)


def _about_named(question: Question, doc_id: str, catalog: Catalog) -> bool:
    """A figure answers "How much did Ecuador pay?" only from a document that names Ecuador
    (publishers aside: "according to NPR" names a source, not a subject)."""
    terms = catalog.document_terms(doc_id)
    return all(t in terms for t in question.names if t not in catalog.publisher_terms)
