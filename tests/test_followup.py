from qa_bot.answer.followup import is_person, names_in, resolve


def test_personal_pronoun_takes_the_person_from_the_last_question() -> None:
    history = [("Who is Jessica Batke?", "A former State Department official.")]
    assert resolve("What did she say the step would signal?", history) == (
        "What did Jessica Batke say the step would signal?"
    )


def test_it_takes_the_thing_not_the_person() -> None:
    history = [("What is Hikvision?", "One of the largest makers of cameras.")]
    assert (
        resolve("Which exchange is it listed on?", history)
        == "Which exchange is Hikvision listed on?"
    )


def test_possessives_and_definite_descriptions() -> None:
    history = [("Tell me about Hikvision.", "It makes cameras.")]
    assert resolve("How many employees does the company have?", history) == (
        "How many employees does Hikvision have?"
    )
    assert resolve("What is its stock doing?", history) == "What is Hikvision's stock doing?"
    people = [("Who is Maya Wang?", "A researcher.")]
    assert resolve("What is her view?", people) == "What is Maya Wang's view?"


def test_newest_turn_wins() -> None:
    history = [
        ("Who is Maya Wang?", "A researcher."),
        ("Who is Mike Pompeo?", "Secretary of State."),
    ]
    assert resolve("What did he say?", history) == "What did Mike Pompeo say?"


def test_without_history_or_pronouns_the_question_is_unchanged() -> None:
    assert resolve("What did she say?", []) == "What did she say?"
    history = [("Who is Maya Wang?", "A researcher.")]
    assert resolve("Who is Mike Pompeo?", history) == "Who is Mike Pompeo?"


def test_names_skip_sentence_starts_and_question_words() -> None:
    assert names_in("What is Hikvision?") == ["Hikvision"]
    assert names_in("One of the world's largest makers, says Human Rights Watch.") == [
        "Human Rights Watch"
    ]
    assert (
        is_person("Jessica Batke")
        and not is_person("State Department")
        and not is_person("Hikvision")
    )


def test_the_company_is_the_earlier_name_the_sources_call_a_company() -> None:
    history = [("Who is Maya Wang?", "Someone from Human Rights Watch who spoke about Hikvision.")]
    usage = {("Hikvision", "company"): 9.0, ("Human Rights Watch", "company"): 0.0}
    resolved = resolve(
        "Why does she think the company is not honest?",
        history,
        affinity=lambda name, noun: usage.get((name, noun), 0.0),
    )
    assert resolved == "Why does Maya Wang think Hikvision is not honest?"
