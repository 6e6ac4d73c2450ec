"""Each rule is defined once: the README's table, the reasons' rule ids and effects, and the
clinician page all come from src/decisionaid/rulebook.py."""

import re
from pathlib import Path

import pytest

from decisionaid.models import CONTRA_KINDS
from decisionaid.rulebook import EFFECTS, RULES, readme_table, status_of

REPO = Path(__file__).resolve().parent.parent
RULES_SOURCE = (REPO / "src" / "decisionaid" / "rules.py").read_text()
# The contraindication ids the safety pathway uses (see its interface note): a reason can carry them.
SAFETY_IDS = (
    "contraindication.absolute",
    "contraindication.relative",
    "contraindication.sex_unknown",
    "contraindication.unknown_health",
)


def test_readme_rule_table_is_the_generated_one():
    """The README's table is exactly what the rulebook generates (python -m decisionaid.rulebook)."""
    readme = (REPO / "README.md").read_text()
    start = readme.index("<!-- rules table:")
    start = readme.index("\n", start) + 1
    end = readme.index("<!-- end of rules table -->")
    assert readme[start:end].strip() == readme_table().strip()


def test_every_rule_id_a_reason_can_carry_is_defined():
    """Every literal rule id in rules.py, every formatted one, and the safety pathway's ids."""
    literal = set(
        re.findall(
            r'"((?:type|extent|risk|cost|contraindication|preference|no_treatment)\.[a-z_.]+)"',
            RULES_SOURCE,
        )
    )
    assert literal, "the pattern no longer finds rule ids in rules.py"
    formatted = {
        f"cost.{label}.{what}"
        for label in ("upfront", "yearly")
        for what in ("well_beyond", "just_beyond", "may_exceed")
    }
    formatted |= {f"extent.{fit}" for fit in ("outside", "unknown", "covered")}
    formatted |= {f"contraindication.{kind}" for kind in CONTRA_KINDS}
    missing = sorted((literal | formatted | set(SAFETY_IDS)) - set(RULES))
    assert not missing, missing


def test_rules_are_well_formed():
    for rule in RULES.values():
        assert rule.effect in EFFECTS, rule
        assert rule.description.strip() and rule.source.strip(), rule
        assert re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", rule.id), rule


@pytest.mark.parametrize(
    "effects, status",
    [
        ((), "suitable"),
        (("fit", "info"), "suitable"),
        (("fit", "caution"), "caution"),
        (("caution", "excluded", "fit"), "excluded"),
        (("excluded",), "excluded"),
    ],
)
def test_status_of_effects(effects, status):
    assert status_of(effects) == status


def test_clinician_page_lists_every_fired_rule_in_the_rulebooks_words(catalogue):
    """The PDF's clinician page lists each rule that fired (only those), with the
    rulebook's own description, so no copy of a rule's meaning can drift."""
    from decisionaid.answers import Answers
    from decisionaid.report.summary import build_summary
    from decisionaid.rules import recommend

    result = recommend(Answers(hair_loss_type="scarring", age=40, sex="female"), catalogue)
    text = repr(build_summary(result))
    fired = {
        r.rule for o in result.options for r in o.reasons if r.effect in ("excluded", "caution")
    }
    assert fired
    for rule_id in fired:
        assert rule_id in text and RULES[rule_id].description in text, rule_id
