"""CONTRIBUTING.md's "Add a treatment" recipe, followed literally on a copy of the sources."""

import re
import shutil
from pathlib import Path

from decisionaid.answers import parse_answers
from decisionaid.catalogue import open_catalogue
from decisionaid.catalogue.build import build_catalogue
from decisionaid.catalogue.sources import load_sources
from decisionaid.rules import recommend

REPO = Path(__file__).resolve().parent.parent


def test_contributing_names_the_recipes_and_their_commands():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for heading in (
        "Add a treatment",
        "Add a component",
        "Add a health condition",
        "Add a hair-loss type",
        "Add a rule",
        "Add a question",
    ):
        assert f"### {heading}" in text
    for command in ("catalogue check", "catalogue build", "catalogue matrix"):
        assert f"decisionaid {command}" in text


def test_add_a_treatment_by_copying_a_similar_entry(tmp_path):
    """Step 1 (copy a similar entry, set the id to the file name) is enough for a valid catalogue
    in which the new option is decided for every condition and shows up in the results."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    source = (data / "treatments" / "ketoconazole_shampoo.toml").read_text(encoding="utf-8")
    entry = re.sub(r'^id = ".*"$', 'id = "test_lotion"', source, count=1, flags=re.M)
    entry = re.sub(r'^name = ".*"$', 'name = "Test lotion"', entry, count=1, flags=re.M)
    entry = re.sub(r"^also_known_as = \[.*\]$", "also_known_as = []", entry, count=1, flags=re.M)
    (data / "treatments" / "test_lotion.toml").write_text(entry, encoding="utf-8")

    _, problems = load_sources(data)
    assert problems == []
    output = tmp_path / "catalogue.sqlite"
    build_catalogue(data, output)
    catalogue = open_catalogue(output)
    assert "test_lotion" in catalogue.treatments
    answers = parse_answers(
        {
            "format": "decisionaid-answers",
            "version": 2,
            "hair_loss_type": "male_pattern",
            "age": 40,
            "sex": "male",
            "budget": {"upfront_usd": None, "yearly_usd": None},
            "risk_tolerance": "medium",
            "conditions": [],
        }
    )
    assert recommend(answers, catalogue).option("test_lotion") is not None
