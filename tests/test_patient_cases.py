"""Patient cases on the real catalogue: the rules do what a careful clinician would expect."""

import pytest

from decisionaid.answers import Budget
from decisionaid.models import HAIR_LOSS_TYPES
from decisionaid.rules import recommend
from test_rules import answers as person  # a man of 35, male pattern, no budget limit, high risk


def reasons_text(option):
    return " ".join(r.text for r in option.reasons)


def test_pregnant_woman_with_female_pattern_loss(catalogue):
    """Pregnancy excludes the medicines that can harm a baby, with the reason and its source."""
    result = recommend(
        person(
            hair_loss_type="female_pattern",
            age=32,
            sex="female",
            conditions=("pregnant",),
            risk_tolerance="medium",
        ),
        catalogue,
    )
    spiro = result.option("spironolactone")
    assert spiro.status == "excluded"
    contra = next(r for r in spiro.reasons if r.rule == "contraindication.absolute")
    assert "pregnant" in contra.text and contra.refs
    assert result.option("minoxidil_topical").status == "caution"
    assert result.option("finasteride_oral").status == "excluded"
    assert result.option("watchful_waiting").status == "suitable"


def test_organ_transplant_recipient_and_cord_stem_cells(catalogue):
    """The seed clinic's own list excludes cord stem cells after a transplant, citing that clinic."""
    result = recommend(
        person(conditions=("organ_transplant",), hair_loss_type="alopecia_areata"), catalogue
    )
    cord = result.option("perinatal_stem_cells_prp")
    assert cord.status == "excluded"
    reason = next(r for r in cord.reasons if r.rule == "contraindication.absolute")
    assert "seed-001-cord-clinic" in reason.refs
    assert result.option("baricitinib").status == "caution"


def test_person_on_blood_thinners(catalogue):
    """Blood thinners make needle and surgical options 'discuss with care', saying why."""
    result = recommend(person(conditions=("anticoagulants",), risk_tolerance="medium"), catalogue)
    for tid in ("prp", "hair_transplant", "microneedling"):
        option = result.option(tid)
        assert option.status == "caution", tid
        assert "blood thinners" in reasons_text(option).lower()
    assert result.option("finasteride_oral").status == "suitable"


def test_tight_budget(catalogue):
    """A tight budget excludes options far beyond it and keeps free ones."""
    result = recommend(person(budget=Budget(0, 100), risk_tolerance="medium"), catalogue)
    transplant = result.option("hair_transplant")
    assert transplant.status == "excluded"
    assert any(r.kind == "cost" and r.effect == "excluded" for r in transplant.reasons)
    assert result.option("watchful_waiting").status == "suitable"


def test_low_risk_tolerance_excludes_unapproved_and_invasive_options(catalogue):
    """Low risk keeps approved medicines and waiting; cell, exosome and PRP injections are excluded."""
    result = recommend(person(risk_tolerance="low"), catalogue)
    for tid in ("exosomes", "adipose_svf", "prp", "perinatal_stem_cells_prp", "hair_transplant"):
        assert result.option(tid).status == "excluded", tid
    assert result.option("finasteride_oral").status == "suitable"
    assert result.option("minoxidil_topical").status == "suitable"


def test_high_risk_tolerance_still_shows_unproven_options_honestly(catalogue):
    """High risk allows unapproved options, but their certainty and status stay in plain view."""
    option = recommend(person(risk_tolerance="high"), catalogue).option("exosomes")
    assert option.status == "suitable"
    assert option.certainty in ("very_low", "none")
    assert option.regulatory_words == "Not approved"


def test_research_only_options_are_never_offered(catalogue):
    """Lab-grown follicles are research only: excluded for everyone, whatever the risk level."""
    option = recommend(person(risk_tolerance="high"), catalogue).option("cultured_follicle_cells")
    assert option.status == "excluded"
    assert any(r.rule == "risk.research_only" for r in option.reasons)


def test_teenager_with_patchy_loss(catalogue):
    """A 15-year-old: adult-only medicines are excluded and a doctor visit is advised."""
    result = recommend(person(hair_loss_type="alopecia_areata", age=15), catalogue)
    assert result.option("baricitinib").status == "excluded"
    assert any("you are 15" in r.text for r in result.option("baricitinib").reasons)
    assert any("children and teenagers" in n for n in result.notices)


@pytest.mark.parametrize("type_id", HAIR_LOSS_TYPES)
def test_each_hair_loss_type_has_options_and_waiting_with_its_course(catalogue, type_id):
    """Every type lists every option, with waiting shown and the natural course for that type."""
    result = recommend(
        person(hair_loss_type=type_id, risk_tolerance="low", budget=Budget(500, 300)), catalogue
    )
    assert len(result.options) == len(catalogue.treatments)
    waiting = result.option("watchful_waiting")
    assert waiting.status == ("caution" if type_id == "scarring" else "suitable")
    course = catalogue.hair_loss_types[type_id].natural_course
    assert any(course in r.text for r in waiting.reasons)
    assert result.by_status("suitable")


def test_alopecia_areata_adult_sees_the_approved_pills(catalogue):
    """An adult with alopecia areata sees the approved JAK pills as options to weigh."""
    result = recommend(
        person(hair_loss_type="alopecia_areata", age=40, risk_tolerance="low"), catalogue
    )
    for tid in ("baricitinib", "ritlecitinib", "deuruxolitinib"):
        assert result.option(tid).status == "caution", tid


def test_scarring_type_never_suggests_just_waiting(catalogue):
    """With scarring hair loss, waiting is 'discuss with care' and a doctor visit is urged."""
    result = recommend(person(hair_loss_type="scarring"), catalogue)
    assert result.option("watchful_waiting").status == "caution"
    assert result.see_doctor_soon


def test_unsure_person_is_told_to_get_a_diagnosis(catalogue):
    """Not sure: type-specific treatments wait for a diagnosis; safe options remain."""
    result = recommend(person(hair_loss_type="unsure"), catalogue)
    assert result.option("finasteride_oral").status == "excluded"
    assert "diagnosis" in reasons_text(result.option("finasteride_oral"))
    fitting = {o.id for o in result.by_status("suitable")}
    assert {"watchful_waiting", "wigs_camouflage"} <= fitting
