"""The catalogue's content: every required treatment and type exists and is complete, and the
references are exactly the ones used."""

import pytest

from decisionaid.catalogue.check import MAX_MEDIAN_GRADE
from decisionaid.catalogue.readability import median_grade, score_texts
from decisionaid.models import HAIR_LOSS_TYPES
from decisionaid.paths import source_data_dir

REQUIRED_TREATMENTS = {
    # regenerative options from the seed documents
    "adipose_svf",
    "perinatal_stem_cells_prp",
    "exosomes",
    "prp",
    "follicle_micrografts",
    "bone_marrow_cells",
    "conditioned_medium",
    "topical_adsc_extract",
    "nanofat",
    "prp_svf",
    "cultured_follicle_cells",
    "growth_factor_serums",
    # standard care
    "minoxidil_topical",
    "minoxidil_oral_low_dose",
    "finasteride_oral",
    "finasteride_topical",
    "dutasteride",
    "spironolactone",
    "ketoconazole_shampoo",
    "low_level_light",
    "microneedling",
    "hair_transplant",
    "steroid_injections",
    "contact_immunotherapy",
    "baricitinib",
    "ritlecitinib",
    "deuruxolitinib",
    "wigs_camouflage",
    "watchful_waiting",
}


@pytest.fixture(scope="module")
def sources(real_sources):
    return real_sources


def test_sources_have_no_problems(sources):
    """`decisionaid catalogue check` passes: no treatment lacks evidence, references, costs,
    contraindications or a summary, and every link resolves."""
    _, problems = sources
    assert not problems, "\n".join(map(str, problems))


def test_every_required_treatment_and_type_exists(sources):
    """Every treatment named in the content issue, and all seven hair-loss types, are there."""
    src, _ = sources
    assert set(src.treatments) >= REQUIRED_TREATMENTS, REQUIRED_TREATMENTS - set(src.treatments)
    assert set(src.hair_loss_types) == set(HAIR_LOSS_TYPES)


@pytest.mark.parametrize("tid", sorted(REQUIRED_TREATMENTS))
def test_each_treatment_is_complete(sources, tid):
    """Summary, evidence with reasons, regulatory status, cost (or 'unknown' with a note),
    contraindications (or a note), routine, harms and questions."""
    t = sources[0].treatments[tid]
    assert len(t["summary"].split()) >= 30
    assert t["evidence"] and all(e["reason"].strip() and e["refs"] for e in t["evidence"])
    assert t["regulatory"]["text"] and t["regulatory"]["refs"]
    assert t["cost"]["known"] or t["cost"]["note"].strip()
    assert t.get("contraindications") or t.get("contraindications_note", "").strip()
    assert t["routine"]["on_stopping"].strip() and t["routine"]["time_to_results"].strip()
    assert t["questions"]
    if tid != "watchful_waiting":
        assert t.get("harms"), "harms get the same space as benefits"
    if t["category"] == "regenerative":
        assert t.get("claims"), "regenerative options set marketing claims against the evidence"


def test_unapproved_cell_products_prompt_the_fda_questions(sources):
    """For unapproved injected or implanted regenerative products, the questions ask about FDA review."""
    src, _ = sources
    for tid, t in src.treatments.items():
        if (
            t["category"] == "regenerative"
            and t["regulatory"]["status"] == "unapproved"
            and t["invasiveness"] in ("injection", "minor_procedure")
        ):
            questions = " ".join(t["questions"]).lower()
            assert "fda" in questions, tid


def test_every_reference_is_used_and_every_used_reference_exists(sources):
    """No orphan references and no dangling citations (also enforced by the checker)."""
    src, problems = sources
    assert not [p for p in problems if "reference" in p.message]
    for ref in src.references.values():
        assert ref["conflict_of_interest"].strip()


def test_patient_texts_read_at_grade_8_or_below(sources):
    """The median Flesch-Kincaid grade of every patient-facing text is 8 or below."""
    scored = score_texts(sources[0])
    assert len(scored) > 300
    assert median_grade(scored) <= MAX_MEDIAN_GRADE


def test_seed_clinic_contraindications_are_represented(sources):
    """The cord-cell clinic's own absolute and relative lists (seed 001) are in the catalogue."""
    t = sources[0].treatments["perinatal_stem_cells_prp"]
    seed = {
        (c["condition"], c["kind"])
        for c in t["contraindications"]
        if "seed-001-cord-clinic" in c["refs"]
    }
    assert {
        ("organ_transplant", "absolute"),
        ("immunocompromised", "absolute"),
        ("pregnant", "absolute"),
        ("glycerol_allergy", "relative"),
        ("cancer_recent", "relative"),
        ("under_12", "relative"),
    } <= seed


def test_about_text_covers_what_ipdas_asks():
    """The About text says how evidence was chosen and graded, who wrote it, funding, updates, reading level."""
    import tomllib

    about = tomllib.loads((source_data_dir() / "catalogue.toml").read_text())["about"].lower()
    for phrase in (
        "how we chose the evidence",
        "grade",
        "who wrote it",
        "who paid",
        "updates",
        "reading level",
    ):
        assert phrase in about, phrase
