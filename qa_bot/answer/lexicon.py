"""Small word lists of general English that the answer rules share (not words of one corpus).

- ``ORGANISATION_WORDS``: a name that holds one names a body, not a person ("Commerce
  Department", "Human Rights Watch"); among them ``GOVERNMENT_WORDS`` and ``MEDIUM_WORDS``
  (a newspaper or broadcaster), which name no company either.
- ``TITLE_WORDS``: words of a title before a name ("Secretary of State Mike Pompeo").
- ``COMPANY_SUFFIXES``: what a company's name may end in ("Inc.", "Group").
- ``MONEY_MEASURES``: words for one kind of amount ("revenue" is said as "sales"), so that
  an amount answers "what is X's revenue" only when it is said to be one.
- ``countries()``: country names ("in Canada" names no city), from ``countries.txt``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

MONEY_MEASURES = tuple(
    frozenset(group.split())
    for group in (
        "value valuation valued worth",
        "revenue revenues sales turnover income earnings earned earns",
        "profit profits earnings earned net",
        "price prices priced cost costs costing",
        "budget budgets spending spend spends spent",
        "salary salaries pay paid wage wages earns",
        "wealth fortune worth",
    )
)

GOVERNMENT_WORDS = frozenset(
    """
    department ministry agency administration commission committee council congress senate
    house government bureau court parliament
    """.split()
)
MEDIUM_WORDS = frozenset("times news post herald journal press radio tribune gazette".split())
ORGANISATION_WORDS = (
    GOVERNMENT_WORDS
    | MEDIUM_WORDS
    | frozenset(
        """
    company corporation corp inc ltd group office university institute watch exchange network
    service services party bank fund association union organisation organization foundation
    center centre police army force forces airport olympics cup firm
    """.split()
    )
)

TITLE_WORDS = frozenset(
    """
    secretary state president vice minister prime foreign senator representative governor
    mayor chairman chairwoman chief deputy director general judge ambassador professor prof
    mr mrs ms dr sen rep gov ceo cfo coo cto executive chair justice spokesman spokeswoman
    spokesperson
    """.split()
)
# What a company's name may end in, or leave out ("Acme Robotics Inc.").
COMPANY_SUFFIXES = frozenset(
    "inc ltd llc plc corp co corporation company group holdings gmbh ag sa".split()
)


@cache
def countries() -> frozenset[str]:
    """Country names (lower case)."""
    lines = Path(__file__).with_name("countries.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
