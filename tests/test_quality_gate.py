"""Regression gates on the seventy-six held-out question sets (written blind to the code).

Floors sit one question below what the bot scores today, so a change that makes answers or
abstentions worse on questions it was not tuned on turns CI red.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_bot.eval import cli
from qa_bot.settings import PROJECT_ROOT, Settings

#: set -> (floors, ceilings), one question worse than measured today (`qa-bot eval`):
#: holdout 37/37 answers, 8/8 abstentions, 0/37 false
#: holdout2 32/33 answers, 7/7 abstentions, 0/33 false
#: holdout3 30/38 answers, 10/10 abstentions, 3/38 false
#: holdout4 36/36 answers, 10/10 abstentions, 0/36 false
#: holdout5 37/38 answers, 12/12 abstentions, 1/38 false
#: holdout6 34/38 answers, 12/12 abstentions, 2/38 false
#: holdout7 36/38 answers, 12/12 abstentions, 0/38 false
#: holdout8 36/38 answers, 12/12 abstentions, 0/38 false
#: holdout9 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout10 36/38 answers, 12/12 abstentions, 0/38 false
#: holdout11 35/38 answers, 12/12 abstentions, 2/38 false
#: holdout12 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout13 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout14 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout15 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout16 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout17 36/38 answers, 11/12 abstentions, 1/38 false
#: holdout18 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout19 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout20 37/38 answers, 12/12 abstentions, 1/38 false
#: holdout21 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout22 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout23 38/38 answers, 11/12 abstentions, 0/38 false
#: holdout24 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout25 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout26 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout27 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout28 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout29 36/38 answers, 12/12 abstentions, 0/38 false
#: holdout30 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout31 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout32 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout33 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout34 37/38 answers, 12/12 abstentions, 1/38 false
#: holdout35 36/38 answers, 12/12 abstentions, 1/38 false
#: holdout36 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout37 37/38 answers, 12/12 abstentions, 1/38 false
#: holdout38 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout39 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout40 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout41 34/38 answers, 12/12 abstentions, 1/38 false
#: holdout42 33/38 answers, 11/12 abstentions, 3/38 false
#: holdout43 37/38 answers, 12/12 abstentions, 1/38 false
#: holdout44 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout45 36/38 answers, 12/12 abstentions, 1/38 false
#: holdout46 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout47 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout48 37/38 answers, 12/12 abstentions, 1/38 false
#: holdout49 32/38 answers, 12/12 abstentions, 1/38 false
#: holdout50 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout51 34/38 answers, 12/12 abstentions, 1/38 false
#: holdout52 37/38 answers, 12/12 abstentions, 0/38 false
#: holdout53 36/38 answers, 12/12 abstentions, 0/38 false
#: holdout54 36/38 answers, 12/12 abstentions, 1/38 false
#: holdout55 30/38 answers, 11/12 abstentions, 1/38 false
#: holdout56 35/38 answers, 12/12 abstentions, 1/38 false
#: holdout57 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout58 35/38 answers, 12/12 abstentions, 2/38 false
#: holdout59 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout60 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout61 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout62 28/38 answers, 12/12 abstentions, 6/38 false
#: holdout63 32/38 answers, 12/12 abstentions, 3/38 false
#: holdout64 34/38 answers, 12/12 abstentions, 2/38 false
#: holdout65 35/38 answers, 11/12 abstentions, 2/38 false
#: holdout66 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout67 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout68 36/38 answers, 12/12 abstentions, 0/38 false
#: holdout69 31/38 answers, 12/12 abstentions, 5/38 false
#: holdout70 33/38 answers, 12/12 abstentions, 0/38 false
#: holdout71 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout72 26/38 answers, 12/12 abstentions, 7/38 false
#: holdout73 38/38 answers, 12/12 abstentions, 0/38 false
#: holdout74 36/38 answers, 12/12 abstentions, 1/38 false
#: holdout75 36/38 answers, 11/12 abstentions, 1/38 false
#: holdout76 38/38 answers, 11/12 abstentions, 0/38 false
GATES: dict[str, tuple[dict[str, float], dict[str, float]]] = {
    "holdout_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.87, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout2_questions.jsonl": (
        {"answer_accuracy": 0.93, "abstention_accuracy": 0.85, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.04},
    ),
    "holdout3_questions.jsonl": (
        {"answer_accuracy": 0.76, "abstention_accuracy": 0.9, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.11},
    ),
    "holdout4_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.9, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout5_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout6_questions.jsonl": (
        {"answer_accuracy": 0.86, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.08},
    ),
    "holdout7_questions.jsonl": (
        {"answer_accuracy": 0.92, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout8_questions.jsonl": (
        {"answer_accuracy": 0.92, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout9_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout10_questions.jsonl": (
        {"answer_accuracy": 0.92, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout11_questions.jsonl": (
        {"answer_accuracy": 0.89, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.08},
    ),
    "holdout12_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout13_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout14_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout15_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout16_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout17_questions.jsonl": (
        {"answer_accuracy": 0.92, "abstention_accuracy": 0.83, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout18_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout19_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout20_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout21_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout22_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout23_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.83, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout24_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout25_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout26_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout27_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout28_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout29_questions.jsonl": (
        {"answer_accuracy": 0.92, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout30_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout31_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout32_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout33_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout34_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout35_questions.jsonl": (
        {"answer_accuracy": 0.92, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout36_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout37_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout38_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout39_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout40_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout41_questions.jsonl": (
        {"answer_accuracy": 0.86, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout42_questions.jsonl": (
        {"answer_accuracy": 0.84, "abstention_accuracy": 0.83, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.11},
    ),
    "holdout43_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout44_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout45_questions.jsonl": (
        {"answer_accuracy": 0.92, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout46_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout47_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout48_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout49_questions.jsonl": (
        {"answer_accuracy": 0.81, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout50_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout51_questions.jsonl": (
        {"answer_accuracy": 0.86, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout52_questions.jsonl": (
        {"answer_accuracy": 0.94, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout53_questions.jsonl": (
        {"answer_accuracy": 0.92, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout54_questions.jsonl": (
        {"answer_accuracy": 0.92, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout55_questions.jsonl": (
        {"answer_accuracy": 0.76, "abstention_accuracy": 0.83, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout56_questions.jsonl": (
        {"answer_accuracy": 0.89, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout57_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout58_questions.jsonl": (
        {"answer_accuracy": 0.89, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.08},
    ),
    "holdout59_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout60_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout61_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout62_questions.jsonl": (
        {"answer_accuracy": 0.71, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.19},
    ),
    "holdout63_questions.jsonl": (
        {"answer_accuracy": 0.81, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.11},
    ),
    "holdout64_questions.jsonl": (
        {"answer_accuracy": 0.86, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.08},
    ),
    "holdout65_questions.jsonl": (
        {"answer_accuracy": 0.89, "abstention_accuracy": 0.83, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.08},
    ),
    "holdout66_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout67_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout68_questions.jsonl": (
        {"answer_accuracy": 0.92, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout69_questions.jsonl": (
        {"answer_accuracy": 0.78, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.16},
    ),
    "holdout70_questions.jsonl": (
        {"answer_accuracy": 0.84, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout71_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout72_questions.jsonl": (
        {"answer_accuracy": 0.65, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.22},
    ),
    "holdout73_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
    "holdout74_questions.jsonl": (
        {"answer_accuracy": 0.92, "abstention_accuracy": 0.91, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout75_questions.jsonl": (
        {"answer_accuracy": 0.92, "abstention_accuracy": 0.83, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.06},
    ),
    "holdout76_questions.jsonl": (
        {"answer_accuracy": 0.97, "abstention_accuracy": 0.83, "citation_verbatim": 1.0},
        {"false_abstention_rate": 0.03},
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(GATES))
def test_held_out_sets_meet_their_floors(
    name: str, built_settings: Settings, tmp_path: Path
) -> None:
    floors, ceilings = GATES[name]
    args = [str(PROJECT_ROOT / "eval" / name), "--no-progress", "--out", str(tmp_path / "r.json")]
    for metric, value in floors.items():
        args += ["--fail-under", f"{metric}={value}"]
    for metric, value in ceilings.items():
        args += ["--fail-over", f"{metric}={value}"]
    result = CliRunner().invoke(cli.eval_command, args, obj=built_settings)
    summary = json.loads((tmp_path / "r.json").read_text())["summary"]
    assert result.exit_code == 0, (result.stderr, {k: summary[k] for k in floors})
