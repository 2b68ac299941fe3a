"""How `casebook new` reads answers: terms by display name, id or number, dates as people write
them; and the interview's notes, with answers given in turn (the terminal itself is driven in
test_new_interactive.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support import make_project

from generator.commands.answers import Choice, Refused, pick_many, pick_one, read_date
from generator.commands.interview import Console
from generator.commands.new import NewRecord, run_new
from generator.content.validate import read_taxonomy, validate_library

SERVICES = [Choice("police", "Police"), Choice("fire", "Fire and rescue"), Choice("ambulance", "Ambulance"),
            Choice("search-and-rescue", "Search and rescue"), Choice("health", "NHS and health")]
REGIONS = [Choice("south-east", "South East"), Choice("south-west", "South West"), Choice("uk-wide", "UK-wide")]


@pytest.mark.parametrize(("typed", "picked"), [
    ("Fire and rescue", "fire"), ("FIRE AND RESCUE", "fire"), ("fire", "fire"), ("2", "fire"),
    ("South West", "south-west"), ("south-west", "south-west"), ("southwest", None), ("uk wide", "uk-wide"),
    ("NHS", "health"), ("Fire & rescue", "fire"),
])
def test_a_term_is_picked_by_name_id_or_number_in_any_case(typed: str, picked: str | None) -> None:
    choices = REGIONS if "south" in typed.lower() or "uk" in typed.lower() else SERVICES
    if picked is None:
        with pytest.raises(Refused, match="is not one of the choices"):
            pick_one(typed, choices)
    else:
        assert pick_one(typed, choices) == picked


@pytest.mark.parametrize(("typed", "why"), [
    ("Ambulence", "'Ambulence' is not one of the choices (did you mean 'Ambulance'?)"),
    ("fire & resue", "'fire & resue' is not one of the choices (did you mean 'Fire and rescue'?)"),
    ("rescue", "'rescue' could be 'Fire and rescue' or 'Search and rescue': type more of the name"),
    ("9", "9 is not one of the numbers 1 to 5"),
    ("  ", "an answer is needed"),
])
def test_an_answer_that_names_no_term_says_why(typed: str, why: str) -> None:
    with pytest.raises(Refused) as refused:
        pick_one(typed, SERVICES)
    assert str(refused.value) == why


@pytest.mark.parametrize(("typed", "why"), [
    ("South Wst", "'South Wst' is not one of the choices (did you mean 'South West'?)"),
    # As near North East as North West: no guess.
    ("NO", "'NO' is not one of the choices: type a name, an id or a number from the list"),
])
def test_a_region_is_suggested_by_its_name_in_any_case(typed: str, why: str) -> None:
    with pytest.raises(Refused) as refused:
        pick_one(typed, [Choice("north-east", "North East"), Choice("north-west", "North West"), *REGIONS])
    assert str(refused.value) == why


def test_several_terms_by_names_or_numbers() -> None:
    assert pick_many("Fire and rescue, Ambulance", SERVICES) == ["fire", "ambulance"]
    assert pick_many("1 3", SERVICES) == ["police", "ambulance"]
    assert pick_many("1, 3, police", SERVICES) == ["police", "ambulance"]
    with pytest.raises(Refused) as refused:
        pick_many("Paramedics, Ambulence", SERVICES)
    assert str(refused.value) == ("'Paramedics' is not one of the choices: type a name, an id or a number from the "
                                  "list; 'Ambulence' is not one of the choices (did you mean 'Ambulance'?)")


@pytest.mark.parametrize(("typed", "value"), [
    ("May 2024", "2024-05"), ("may 2024", "2024-05"), ("2024-05", "2024-05"), ("2024-5", "2024-05"),
    ("1 May 2024", "2024-05-01"), ("1st May 2024", "2024-05-01"), ("May 1, 2024", "2024-05-01"),
    ("Sept 2019", "2019-09"), ("2024", "2024"), ("05/2024", "2024-05"), ("1/5/2024", "2024-05-01"),
    ("2024-05-01", "2024-05-01"),
])
def test_dates_are_read_as_people_write_them(typed: str, value: str) -> None:
    assert read_date(typed) == value


@pytest.mark.parametrize(("typed", "why"), [
    ("Spring 2024", "'Spring 2024' is not a date: write it for example May 2024, 2024-05, 1 May 2024 or 2024"),
    ("31 June 2024", "'31 June 2024' is not a real date: check the month and day"),
    ("Ma 2024", "'Ma 2024' is not a date: write it for example May 2024, 2024-05, 1 May 2024 or 2024"),
])
def test_a_date_that_cannot_be_read_says_why(typed: str, why: str) -> None:
    with pytest.raises(Refused) as refused:
        read_date(typed)
    assert str(refused.value) == why


def test_a_day_is_asked_for_where_the_field_needs_one() -> None:
    with pytest.raises(Refused, match="needs a day too"):
        read_date("May 2024", day_needed=True)


class Typed:
    """A console that answers each prompt with the next line, and keeps what was shown."""

    def __init__(self, answers: list[str]) -> None:
        self.answers, self.shown = list(answers), []

    def read(self, prompt: str) -> str:
        self.shown.append(prompt)
        return self.answers.pop(0)

    def write(self, text: str) -> None:
        self.shown.append(text)


ANSWERS = ["Kent falls response", "Kent firefighters answer falls calls passed on by the ambulance service.",
           "fire, ambulance", "south east", "co-responding", "operational", "promising", "2019",
           # Names: one in other case (written as registered), one not registered (answered again
           # after the note), a third organisation whose service is not listed yet.
           "kent fire and rescue service", "South East Coast Ambulance Service",
           "South East Coast Ambulance Service NHS Foundation Trust", "y", "Kent Police", "police", "n",
           "Ambulance crews took hours to reach people who fell at home without injury.", "",
           "A fire crew with lifting gear answers falls calls the ambulance service passes to it.", "",
           "operational practice", "Crews needed training to judge whether a person was hurt.", "n",
           "self-reported", "Kent Fire and Rescue Service news", "https://www.kent.fire-uk.org/news", "n"]


def test_the_interview_writes_registered_names_and_lists_an_added_organisations_service(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    taxonomy, _ = read_taxonomy(project)
    assert taxonomy is not None
    typed = Typed(ANSWERS)
    request = NewRecord(project, project / "content/case-studies", {}, interactive=True)
    assert run_new(request, taxonomy, Console(typed.read, typed.write)) == 0
    shown = "\n".join(typed.shown)
    assert "  Recorded as: Kent Fire and Rescue Service" in shown
    assert "  Note: organisations[1].name: 'South East Coast Ambulance Service' is not in the organisation register " \
           "(did you mean 'South East Coast Ambulance Service NHS Foundation Trust'?)" in shown
    assert "  Added police to services too." in shown
    text = (project / "content/case-studies/kent-falls-response.yaml").read_text(encoding="utf-8")
    # Each group's fields in the schema's order, however they were answered (a service comes
    # with the name for a chosen service, after it for a later organisation).
    assert text.count("\n  - name: ") == 3 and "\n  - service: " not in text
    data = yaml.safe_load(text)
    assert data["services"] == ["fire", "ambulance", "police"]
    assert [o["name"] for o in data["organisations"]] == [
        "Kent Fire and Rescue Service", "South East Coast Ambulance Service NHS Foundation Trust", "Kent Police"]
    assert validate_library(project).errors == []
