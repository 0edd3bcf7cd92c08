"""Questions asked indirectly ("Can you tell me who the CEO of Acme is?") are answered as their
direct form; a question naming an organisation the sources never name abstains; "how many
people work for X" is answered by its workforce in other words ("4,200 employees"); "How will X
answer?" by X's named reply ("vowed to retaliate"); "What did the host ask?" by the host's own
question; "What did X call for?" asks for no name; "the latest X" / "his most recent job" asks
for no ranking.

Unit tests on the rules (``direct_question``, ``proper_names``, ``unknown_name``, the question
analysis), then questions asked end to end of a small invented corpus ingested into a real
store in tmp_path. Names and texts are invented, so the tests pin the general rules rather
than one corpus.
"""

from __future__ import annotations

import re

import pytest

from qa_bot.answer.asks import SUPERLATIVE_ASKED
from qa_bot.answer.indirect import direct_question
from qa_bot.answer.kinds import answer_type
from qa_bot.answer.question import analyse
from qa_bot.answer.unnamed import proper_names, unknown_name
from qa_bot.models import Answer
from qa_bot.service import QABot
from qa_bot.text import content_terms
from tests.conftest import ingested_bot

# -- 1. indirect questions made direct ----------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "direct"),
    [
        # an auxiliary moves before the subject
        ("Can you tell me who the CEO of Acme is?", "Who is the CEO of Acme?"),
        ("Could you tell me who Acme's largest customer is?", "Who is Acme's largest customer?"),
        ("Do you know how old Dana Korr is?", "How old is Dana Korr?"),
        ("I'm curious how much Acme is worth", "How much is Acme worth?"),
        ("Can you tell me when Acme was founded?", "When was Acme founded?"),
        ("Can you tell me what year Acme was founded?", "What year was Acme founded?"),
        ("I was wondering how long the ban will last", "How long will the ban last?"),
        (
            "Can you tell me how long Acme has been in Zorvania?",
            "How long has Acme been in Zorvania?",
        ),
        (
            "Can you tell me where the headquarters of Acme are?",
            "Where are the headquarters of Acme?",
        ),
        ("Do you know who the U.S. ambassador is?", "Who is the U.S. ambassador?"),
        # any other verb takes "do"
        (
            "I'd like to know how many staff Zorvex said Acme has",
            "How many staff did Zorvex say Acme has?",
        ),
        ("Do you know when the plant opened?", "When did the plant open?"),
        ("Do you know where Acme builds its drones?", "Where does Acme build its drones?"),
        ("Can you tell me whose drones Zorvex bought?", "Whose drones did Zorvex buy?"),
        (
            "Do you know what Dana Korr thinks about the levy?",
            "What does Dana Korr think about the levy?",
        ),
        ("Can you explain why the agency banned Acme?", "Why did the agency ban Acme?"),
        (
            "Do you know what Acme's CEO said about the ban?",
            "What did Acme's CEO say about the ban?",
        ),
        ("Can you tell me which firms Acme supplies?", "Which firms does Acme supply?"),
        (
            "Can you tell me how many drones Acme sold last year?",
            "How many drones did Acme sell last year?",
        ),
        ("Do you know who the agency fired?", "Who did the agency fire?"),
        ("I don't know why Acme left Zorvania", "Why did Acme leave Zorvania?"),
        (
            "Do you know how many Zorvan drones the army bought?",
            "How many Zorvan drones did the army buy?",
        ),
        (
            "Do you know how many drones the Zorvan army bought?",
            "How many drones did the Zorvan army buy?",
        ),
        (
            "Can you tell me what Senator Pell Arden called for?",
            "What did Senator Pell Arden call for?",
        ),
        (
            "Can you tell me what the host asked about drones?",
            "What did the host ask about drones?",
        ),
        (
            "Do you know how Zorvania will respond to the tariffs?",
            "How will Zorvania respond to the tariffs?",
        ),
        # yes/no questions: "whether" / "if" give way to the moved verb
        (
            "Do you know whether the agency declined to comment?",
            "Did the agency decline to comment?",
        ),
        (
            "do you know whether the agency declined to comment",
            "Did the agency decline to comment?",
        ),
        ("I wonder whether Acme will appeal.", "Will Acme appeal?"),
        ("Can you tell me if Acme has cut jobs?", "Has Acme cut jobs?"),
        (
            "Do you know whether Zorvex and Acme signed the deal?",
            "Did Zorvex and Acme sign the deal?",
        ),
        # the wh-phrase is the subject: the order stays
        ("Can you tell me who wrote the report?", "Who wrote the report?"),
        (
            "Do you know how many Zorvan firms are supplying Acme?",
            "How many Zorvan firms are supplying Acme?",
        ),
        ("Any idea which company makes the sensors?", "Which company makes the sensors?"),
        ("Do you know who supplies Acme?", "Who supplies Acme?"),
        ("Do you know what caused the fire?", "What caused the fire?"),
        ("Do you know how many people died?", "How many people died?"),
        ("Do you know who called for the ban?", "Who called for the ban?"),
        ("Can you tell me who was fired?", "Who was fired?"),
        ("Can you tell me who is the CEO of Acme?", "Who is the CEO of Acme?"),
        # other frames, greetings, and a trailing "please" / "thanks"
        ("Hi, can you tell me who runs Acme?", "Who runs Acme?"),
        ("Please tell me who owns Acme.", "Who owns Acme?"),
        ("Do you happen to know who the CEO of Acme is?", "Who is the CEO of Acme?"),
        ("I'm not sure who the CEO of Acme is", "Who is the CEO of Acme?"),
        ("Can you tell me who the CEO of Acme is, please?", "Who is the CEO of Acme?"),
        ("Tell me who the CEO of Acme is thank you!", "Who is the CEO of Acme?"),
        (
            "Could you tell me what Acme sells to Zorvania, thanks",
            "What does Acme sell to Zorvania?",
        ),
    ],
)
def test_an_indirect_question_is_made_direct(asked: str, direct: str) -> None:
    assert direct_question(asked) == direct


@pytest.mark.parametrize(
    "question",
    [
        "Who is the CEO of Acme?",
        "How many staff does Acme have?",
        "Did the agency decline to comment?",
        "Can Acme sell drones to Zorvania?",
        "Can you tell me about Acme?",  # no embedded question
        "Do you know Acme?",
        "Who is the CEO of Acme, do you know?",  # the frame comes after: already direct
    ],
)
def test_a_question_that_is_no_indirect_question_is_unchanged(question: str) -> None:
    assert direct_question(question) == question


def _bug(asked: str, direct: str, reason: str) -> object:
    return pytest.param(asked, direct, marks=pytest.mark.xfail(strict=True, reason=reason))


@pytest.mark.parametrize(
    ("asked", "direct"),
    [
        ("Do you know who the CEO of Acme is? Thank you.", "Who is the CEO of Acme?"),
        (
            "Could you tell me what Acme sells to Zorvania? Thanks",
            "What does Acme sell to Zorvania?",
        ),
        ("I wonder why Acme closed its plant.", "Why did Acme close its plant?"),
        ("Do you know how the agency described the ban?", "How did the agency describe the ban?"),
        ("Do you know how many staff Acme has?", "How many staff does Acme have?"),
        ("I'd like to know what the agency did", "What did the agency do?"),
        ("Do you know what Acme does?", "What does Acme do?"),
        _bug(
            "Do you know whether Acme cut jobs?",
            "Did Acme cut jobs?",
            "the plural noun 'jobs' is taken for the verb: 'Does Acme cut job?'",
        ),
        (
            "Can you tell me which company supplies Acme with chips?",
            "Which company supplies Acme with chips?",
        ),
        ("Do you know who supplies chips to Acme?", "Who supplies chips to Acme?"),
        ("Can you tell me what happened to Acme's shares?", "What happened to Acme's shares?"),
        ("Do you know which of Acme's plants closed?", "Which of Acme's plants closed?"),
        ("Show me where Acme builds drones", "Where does Acme build drones?"),
        ("Could you let me know when the ban takes effect?", "When does the ban take effect?"),
        ("Can you tell me what Acme's revenue was in 2020?", "What was Acme's revenue in 2020?"),
        ("Do you know whether Acme sued the agency?", "Did Acme sue the agency?"),
        _bug(
            "Do you know if Dana Korr quit?",
            "Did Dana Korr quit?",
            "short past tenses are not found: 'If Dana Korr quit?'",
        ),
        ("Do you know what Dr. Korr said?", "What did Dr. Korr say?"),
        _bug(
            "can you tell me how many staff acme has?",
            "How many staff does acme have?",
            "in lower case no subject is found: the rule needs capitals to see where it starts",
        ),
    ],
)
def test_harder_indirect_questions_are_made_direct(asked: str, direct: str) -> None:
    assert direct_question(asked) == direct


# -- 2. names the sources never use --------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "names"),
    [
        (
            "What did the Global Shipping Council say about Acme?",
            ["Global Shipping Council"],
        ),
        ("What did the Bank of Zorvania do?", ["Bank of Zorvania"]),
        ("Who runs the Bank of the North?", ["Bank of the North"]),
        ("Is Velmar Port of any use?", ["Velmar Port"]),  # a joiner ends no name
        ("What did Dana Korr say?", ["Dana Korr"]),
        (
            "What did the World Trade Board say? And the Global Shipping Council?",
            ["World Trade Board", "Global Shipping Council"],
        ),
        # a capital at a sentence's start is grammar, not a name
        ("Global Shipping Council members said what?", ["Shipping Council"]),
        ("Is Acme in Zorvania? Korr said so.", []),
        # one capitalised word alone is no name here
        ("What did Acme say about Zorvania?", []),
        ("what did the global shipping council say?", []),
    ],
)
def test_proper_names_are_runs_of_capitalised_words_inside_a_sentence(
    question: str, names: list[str]
) -> None:
    assert proper_names(question) == names


def _vocabulary(*sentences: str) -> set[str]:
    """The terms a store built from these sentences would hold."""
    return {term for sentence in sentences for term in content_terms(sentence)}


_SOURCES = _vocabulary(
    "Shipping firms in Velmar fear the drone permits will slow freight.",
    "Regulators at the Velmar Aviation Agency declined to comment.",
    "Zorvex Holdings said Dana Korr would resign.",
    "The Velmar council approved the permits.",  # "council", but never "global"
)


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        (
            "What did the Global Shipping Council say about the drone permits?",
            "Global Shipping Council",
        ),
        ("Why did the Velmar Port Authority object?", "Velmar Port Authority"),
        ("What did Dana Korr tell Marlow News?", "Marlow News"),  # the second name
    ],
)
def test_a_name_with_a_word_the_sources_never_use_is_unknown(question: str, unknown: str) -> None:
    assert unknown_name(question, _SOURCES) == unknown


@pytest.mark.parametrize(
    "question",
    [
        "What did the Velmar Aviation Agency say?",
        "What did Zorvex Holdings say about Dana Korr?",
        "What did the Velmar Aviaton Agency say?",  # misspelt
        "What did Zorvexx Holdings say about Dana Korrr?",
        "What did Quillon say about the permits?",  # one word: no name
        "Global Shipping Council members said what?",  # "Global" is the sentence's capital
        "what did the global shipping council say?",  # no capitals, no names
        "What do shipping firms fear?",
    ],
)
def test_a_name_the_sources_use_or_misspell_or_no_name_is_not_unknown(question: str) -> None:
    assert unknown_name(question, _SOURCES) is None


def test_a_near_misspelling_counts_as_the_word_only_when_it_is_near() -> None:
    vocabulary = _vocabulary("Zorvex Holdings met.")
    assert unknown_name("What did Zorvexx Holdings say?", vocabulary) is None
    assert unknown_name("What did Quorvane Holdings say?", vocabulary) == "Quorvane Holdings"


@pytest.mark.parametrize(
    ("question", "sources"),
    [
        pytest.param(
            "What did Senator Pell Arden call for?",
            ["Sen. Pell Arden called for an inquiry."],
        ),
        pytest.param(
            "What did Zorvex CEO Omar Bell say?",
            ["Omar Bell, chief executive of Zorvex, said prices would fall."],
        ),
        pytest.param(
            "What did Acme Robotics Inc. build in Velmar?",
            ["Acme Robotics builds drones in Velmar."],
        ),
        pytest.param(
            "How Many Drones Did Acme Sell To Zorvania?",
            ["Acme sold 40 drones to Zorvania."],
        ),
    ],
)
def test_a_name_the_sources_write_another_way_is_not_unknown(
    question: str, sources: list[str]
) -> None:
    assert unknown_name(question, _vocabulary(*sources)) is None


# -- 3. what the question asks for ----------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "What did Senator Pell Arden call for?",
        "What did the mayor call on Acme to do?",
        "What did the union call upon Velmar to do?",
        "What did the council call off?",
    ],
)
def test_calling_for_or_on_someone_asks_for_no_term(question: str) -> None:
    assert answer_type(question) != "term"
    assert analyse(question).answer_type != "term"


@pytest.mark.parametrize(
    "question", ["What do critics call the levy?", "What did Arden call the permits?"]
)
def test_what_x_calls_y_still_asks_for_a_term(question: str) -> None:
    assert answer_type(question) == "term"


@pytest.mark.parametrize(
    "question",
    [
        "What is his most recent job?",
        "What was her most recent post?",
        "What is Rhea Volk's latest job?",
        "What is the newest Acme drone?",
        "Which is Acme's most recently opened plant?",
    ],
)
def test_the_latest_or_most_recent_asks_for_no_ranking(question: str) -> None:
    assert SUPERLATIVE_ASKED.search(question) is None
    assert not analyse(question).superlative


@pytest.mark.parametrize(
    "question",
    [
        "What is Acme's most popular drone?",
        "Who is the most senior official?",
        "What is the largest port in Velmar?",
    ],
)
def test_most_with_another_word_still_ranks(question: str) -> None:
    assert analyse(question).superlative


@pytest.mark.parametrize(
    ("question", "who"),
    [
        ("How will Zorvania answer the tariffs?", "Zorvania"),
        ("How did Zorvania retaliate?", "Zorvania"),
        ("How has Zorvania said it will respond to the tariffs?", "Zorvania"),
    ],
)
def test_answering_or_retaliating_asks_for_a_reply(question: str, who: str) -> None:
    assert analyse(question).responded == who


def test_the_answer_to_something_asks_for_no_reply() -> None:
    assert analyse("What is the answer to the riddle?").responded is None


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("What did the host ask about drones?", True),
        ("What did the host ask Teo Brandt?", True),
        ("Which question did Lens put to Brandt?", True),
        ("What did Brandt wonder?", True),
        ("What did Brandt say about drones?", False),
        pytest.param(
            "What did the union ask for?",
            False,
        ),
    ],
)
def test_what_someone_asked_is_answered_by_a_question(question: str, asks: bool) -> None:
    assert analyse(question).asks_question is asks


# -- 4. end to end over an invented corpus ------------------------------------------------------

_STORIES = {
    "acme.txt": """Acme Robotics Hires in Velmar

By Lia Tovar

Acme Robotics builds delivery drones at a plant in the port city of Velmar.

Dana Korr is the CEO of Acme Robotics, which she founded in 2011.

Acme has 4,200 employees.

Some 300 people who work near the Acme plant signed a petition against the drone flights.

Zorvex, a rival drone maker, said Acme has about 5,000 staff.

Regulators at the Velmar Aviation Agency declined to comment on the drone permits.

Senator Pell Arden demanded an inquiry into the drone permits.

Shipping firms in Velmar fear the drone permits will slow freight through the port.
""",
    "tariffs.txt": """Norvale Raises Tariffs on Zorvanian Steel

Norvale imposed new tariffs on steel from Zorvania on Tuesday, citing unfair subsidies.

Zorvania has vowed to retaliate against the tariffs, its trade minister said.

Exporters in Zorvania will have to answer questions from buyers about how the tariffs change prices.

Zorvania's trade minister said officials in Zorvania would meet on Friday to discuss the tariffs.
""",
    "profile.txt": """The Mechanic Who Became a Pilot

Rhea Volk grew up in Velmar and trained as a ferry mechanic.

Rhea Volk's current job is harbour pilot for the port of Velmar.
""",
    "union.txt": """Ferry Workers Seek Raise

What will the ferry workers union ask for next?

The ferry workers union asked the port for a ten percent raise.
""",
    "interview.txt": """Drones Over Velmar

MARA LENS, HOST: Good morning. With me is Teo Brandt, who studies drone rules in Velmar.

MARA LENS, HOST: Teo Brandt, why are people in Velmar worried about delivery drones?

TEO BRANDT: Mostly the noise, and who gets to see the camera footage.

MARA LENS, HOST: Thank you, Teo Brandt.
""",
}


@pytest.fixture(scope="module")
def drone_bot(tmp_path_factory: pytest.TempPathFactory, embeddings: object) -> QABot:
    """A QABot over the invented stories, ingested into a real store in tmp_path."""
    return ingested_bot(tmp_path_factory.mktemp("indirect"), _STORIES, embeddings)


def _quoted(answer: Answer) -> list[str]:
    """The answer's sentences, each without its citation marker."""
    return [s.strip() for s in re.split(r"\s*\[\d+\]\s*", answer.answer) if s.strip()]


@pytest.mark.parametrize(
    ("indirect", "direct"),
    [
        (
            "I'd like to know how many staff Zorvex said Acme has",
            "How many staff did Zorvex say Acme has?",
        ),
        ("Can you tell me who founded Acme Robotics?", "Who founded Acme Robotics?"),
        (
            "Could you tell me when Dana Korr founded Acme Robotics?",
            "When did Dana Korr found Acme Robotics?",
        ),
        (
            "I was wondering where Acme Robotics builds its drones.",
            "Where does Acme Robotics build its drones?",
        ),
        (
            "Do you know whether the agency declined to comment?",
            "Did the agency decline to comment?",
        ),
        pytest.param(
            "Can you tell me how many staff Zorvex said Acme has? Thanks.",
            "How many staff did Zorvex say Acme has?",
        ),
        pytest.param(
            "can you tell me how many staff zorvex said acme has?",
            "How many staff did Zorvex say Acme has?",
            marks=pytest.mark.xfail(
                strict=True,
                reason="a lower-case indirect question is not inverted here and abstains: "
                "truecase runs first but leaves this corpus's names in lower case",
            ),
        ),
    ],
)
def test_an_indirect_question_gets_the_answer_of_its_direct_form(
    drone_bot: QABot, indirect: str, direct: str
) -> None:
    asked, plain = drone_bot.ask(indirect), drone_bot.ask(direct)
    assert not plain.abstained
    assert asked.standalone_question == plain.standalone_question
    assert asked.answer == plain.answer
    assert [c.paragraph for c in asked.citations] == [c.paragraph for c in plain.citations]


def test_an_organisation_the_sources_never_name_abstains(drone_bot: QABot) -> None:
    answer = drone_bot.ask("What did the Global Shipping Council say about the drone permits?")
    assert answer.abstained
    assert answer.citations == []
    # the same topic, asked without the unknown name, is answered
    topic = drone_bot.ask("What do shipping firms fear about the drone permits?")
    assert not topic.abstained
    assert "slow freight" in topic.answer


@pytest.mark.parametrize(
    "question",
    [
        "What did the Velmar Aviation Agency decline to do?",
        "What did the Velmar Aviaton Agency decline to do?",  # misspelt
    ],
)
def test_an_organisation_the_sources_name_is_answered(drone_bot: QABot, question: str) -> None:
    answer = drone_bot.ask(question)
    assert not answer.abstained
    assert "declined to comment" in answer.answer


def test_a_company_asked_with_a_legal_suffix_the_sources_omit_is_answered(
    drone_bot: QABot,
) -> None:
    answer = drone_bot.ask("What did Acme Robotics Inc. build in Velmar?")
    assert not answer.abstained
    assert "delivery drones" in answer.answer


def test_how_many_people_work_for_x_is_answered_by_its_employees(drone_bot: QABot) -> None:
    answer = drone_bot.ask("How many people work for Acme?")
    assert not answer.abstained
    # not the petition, though it shares "people" and "work" with the question
    assert _quoted(answer)[0] == "Acme has 4,200 employees."


def test_how_will_x_answer_is_answered_by_xs_named_reply(drone_bot: QABot) -> None:
    answer = drone_bot.ask("How will Zorvania answer the tariffs?")
    assert not answer.abstained
    # not the exporters' answers to buyers, though it says "answer"
    assert _quoted(answer)[0].startswith("Zorvania has vowed to retaliate against the tariffs")
    assert "answer questions" not in answer.answer


def test_how_x_said_it_will_respond_is_answered_by_its_vow_alone(drone_bot: QABot) -> None:
    answer = drone_bot.ask("How has Zorvania said it will respond to the tariffs?")
    assert _quoted(answer)[0].startswith("Zorvania has vowed to retaliate against the tariffs")
    assert "meet on Friday" not in answer.answer  # a meeting is no reply


def test_what_the_host_asked_is_answered_by_the_hosts_question(drone_bot: QABot) -> None:
    answer = drone_bot.ask("What did the host ask about drones?")
    assert not answer.abstained
    assert "why are people in Velmar worried about delivery drones" in answer.answer


def test_what_someone_asked_for_is_answered_by_the_request_not_a_question(
    drone_bot: QABot,
) -> None:
    answer = drone_bot.ask("What did the ferry workers union ask for?")
    assert _quoted(answer)[0] == "The ferry workers union asked the port for a ten percent raise."
    assert "?" not in answer.answer


@pytest.mark.parametrize(
    "question",
    ["What did Senator Pell Arden call for?", "What did Senator Pell Arden call on anyone to do?"],
)
def test_what_x_called_for_is_answered_by_the_demand(drone_bot: QABot, question: str) -> None:
    answer = drone_bot.ask(question)
    assert not answer.abstained
    assert "demanded an inquiry" in answer.answer


@pytest.mark.parametrize(
    "question", ["What is Rhea Volk's most recent job?", "What is Rhea Volk's latest job?"]
)
def test_the_latest_job_needs_no_sentence_that_ranks(drone_bot: QABot, question: str) -> None:
    answer = drone_bot.ask(question)
    assert not answer.abstained
    assert "harbour pilot" in answer.answer
