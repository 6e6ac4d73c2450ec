"""Every message the catalogue loader can give (``load_sources``: the field checks, the links
between files, the quotes, editors' working notes, the safety entries and the offers data), and
the refusals of ``decisionaid catalogue check``.

Each case breaks one thing in a small valid copy of data/ (see mini_sources.py), loads it the way
``catalogue check`` does, and looks for the exact problem text, place included."""

from __future__ import annotations

import copy
import io
import re
import tomllib

import pytest
from mini_sources import TREATMENTS, mini_tree

from decisionaid import models as m
from decisionaid.catalogue.check import matrix_files, run_check
from decisionaid.catalogue.offers import CLAIM_KINDS, JUDGES, QUESTION_WHEN
from decisionaid.catalogue.sources import load_sources
from decisionaid.catalogue.spec import READ_KINDS
from decisionaid.vocabulary import SCALP_LOSS_EXTENTS

MINOX = "treatments/minoxidil_topical.toml"  # a known cost, numbers per 100
STEROID = "treatments/steroid_injections.toml"  # alopecia areata rows, an unknown cost
ADSC = "treatments/topical_adsc_extract.toml"  # summary quotes, claims, a relaxation
SERUMS = "treatments/growth_factor_serums.toml"  # components only some clinics use
PATTERNS = "offers/claim_patterns.toml"
NAMES = "offers/product_names.toml"
TOPICAL = "components/topical_medicine.toml"
TRANSPLANT = "conditions/organ_transplant.toml"
MALE = "hair_loss_types/male_pattern.toml"
TAK = "references/tak-2020.toml"


@pytest.fixture(scope="module", autouse=True)
def _parse_each_text_once():
    """Every case reads the same hundred source files but one: each distinct file content is
    parsed once (tomllib is deterministic; each read gets its own copy), so a case pays for
    the loader's checks, not for parsing TOML again."""
    parsed: dict[bytes, object] = {}
    load = tomllib.load

    def cached(handle, **kwargs):
        data = handle.read()
        if kwargs or data not in parsed:
            value = load(io.BytesIO(data), **kwargs)  # a parse error is raised every time
            if kwargs:
                return value
            parsed[data] = value
        return copy.deepcopy(parsed[data])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tomllib, "load", cached)
        yield


@pytest.fixture(scope="module")
def mini_written(tmp_path_factory):
    tree = mini_tree(tmp_path_factory.mktemp("mini-work"))
    return tree, tree.write(tmp_path_factory.mktemp("mini") / "data")


@pytest.fixture(scope="module")
def mini(mini_written):
    return mini_written[0]


@pytest.fixture
def broken(mini_written, tmp_path):
    """Apply a change to a fresh copy of the small sources and write it to a folder."""
    base, base_folder = mini_written

    def make(change):
        tree = base.copy()
        change(tree)
        return tree.write_over(base_folder, tmp_path / "data")

    return make


def problems_in(folder) -> list[str]:
    _, problems = load_sources(folder)
    return [str(p) for p in problems]


def test_the_small_copy_is_valid(broken):
    """The starting point has no problem, so each problem below comes from its one change."""
    folder = broken(lambda tree: None)
    assert problems_in(folder) == []
    src, _ = load_sources(folder)
    assert set(src.treatments) == set(TREATMENTS)


# --- helpers that make one change ------------------------------------------------------------


def put(rel, *path_and_value):
    """Set a value: put(file, key, ..., value); the keys may include list indexes."""
    *path, value = path_and_value

    def change(tree):
        obj = tree[rel]
        for key in path[:-1]:
            obj = obj[key]
        obj[path[-1]] = value

    return change


def drop(rel, *path):
    def change(tree):
        obj = tree[rel]
        for key in path[:-1]:
            obj = obj[key]
        del obj[path[-1]]

    return change


def both(*changes):
    def change(tree):
        for one in changes:
            one(tree)

    return change


def first_row_with(rel, table, key):
    """Move the first row of ``table`` that has ``key`` to the front (it becomes row 1)."""

    def change(tree):
        rows = tree[rel][table]
        i = next(i for i, row in enumerate(rows) if key in row)
        rows.insert(0, rows.pop(i))

    return change


def raw(rel, content: bytes):
    def change(tree):
        tree[rel] = content

    return change


def remove(rel):
    def change(tree):
        del tree[rel]

    return change


def one_of(values) -> str:
    return ", ".join(v for v in values if v)


NOT_TOML = b'id = "x"\nname = \n'
NOT_UTF8 = b'id = "caf\xe9"\n'
HARD = (
    "Notwithstanding considerable methodological heterogeneity, contemporaneous randomized "
    "investigations demonstrated statistically indistinguishable pharmacological effectiveness "
    "characteristics."
)
WORKING_NOTE = (
    "in a text people read: name the source as readers know it, or say plainly what we could read"
)

# (change, expected problem); "{root}" stands for the folder; "..." at the end: the rest is an
# error text from Python (the TOML parser, the regular expression compiler).
CASES = {
    # --- one field of one table (every kind of field) ---
    "unknown field": (put(MINOX, "colour", "red"), f"{MINOX}: unknown field 'colour'"),
    "missing field": (drop(MINOX, "summary"), f"{MINOX}: missing field 'summary'"),
    "empty text": (put(MINOX, "name", "  "), f"{MINOX}: 'name' is empty"),
    "refs empty": (
        put(MINOX, "regulatory", "refs", []),
        f"{MINOX} [regulatory]: 'refs' needs at least one reference",
    ),
    "range reversed": (
        put(MINOX, "cost", "yearly_usd", [600, 120]),
        f"{MINOX} [cost]: 'yearly_usd' must be [low, high] with 0 <= low <= high",
    ),
    "range negative": (
        put(MINOX, "cost", "upfront_usd", [-5, 0]),
        f"{MINOX} [cost]: 'upfront_usd' must be [low, high] with 0 <= low <= high",
    ),
    "wrong type: text": (put(MINOX, "name", 3), f"{MINOX}: 'name' has the wrong type (int)"),
    "wrong type: whole number": (
        put(MALE, "order", "1"),
        f"{MALE}: 'order' has the wrong type (str)",
    ),
    "wrong type: true is not a number": (
        put(MALE, "order", True),
        f"{MALE}: 'order' has the wrong type (bool)",
    ),
    "wrong type: number": (
        put(ADSC, "routine", "months_to_results", "2"),
        f"{ADSC} [routine]: 'months_to_results' has the wrong type (str)",
    ),
    "wrong type: yes or no": (
        put(MINOX, "daily_routine", "yes"),
        f"{MINOX}: 'daily_routine' has the wrong type (str)",
    ),
    "wrong type: table": (put(MINOX, "cost", "cheap"), f"{MINOX}: 'cost' has the wrong type (str)"),
    "wrong type: list": (
        put(MINOX, "questions", "Why?"),
        f"{MINOX}: 'questions' has the wrong type (str)",
    ),
    "wrong type: list of numbers": (
        put(MINOX, "questions", [1, 2]),
        f"{MINOX}: 'questions' has the wrong type (list)",
    ),
    "wrong type: refs": (
        put(MINOX, "regulatory", "refs", "tak-2020"),
        f"{MINOX} [regulatory]: 'refs' has the wrong type (str)",
    ),
    "wrong type: date": (
        put(MINOX, "reviewed", "21 November 2026"),
        f"{MINOX}: 'reviewed' has the wrong type (str)",
    ),
    "wrong type: checked date": (
        put(MINOX, "checked", "soon"),
        f"{MINOX}: 'checked' has the wrong type (str)",
    ),
    "wrong type: range": (
        put(MINOX, "cost", "upfront_usd", [100]),
        f"{MINOX} [cost]: 'upfront_usd' has the wrong type (list)",
    ),
    "not an allowed word": (
        put(MINOX, "category", "miracle"),
        f"{MINOX}: 'category' = 'miracle' is not one of {one_of(m.CATEGORIES)}",
    ),
    "not an allowed word, in a different case": (
        put(TOPICAL, "contraindications", 0, "kind", "Relative"),
        f"{TOPICAL} [contraindications 1]: 'kind' = 'Relative' is not one of "
        f"{one_of(m.CONTRA_KINDS)}",
    ),
    "not an allowed word: how a quote was read": (
        put(MINOX, "cost", "quotes", 0, "read", "memory"),
        f"{MINOX} [cost] quote 1: 'read' = 'memory' is not one of {one_of(READ_KINDS)}",
    ),
    "not a hair-loss type id": (
        put(MINOX, "evidence", 0, "hair_loss_type", "baldness"),
        f"{MINOX} [evidence 1]: 'hair_loss_type' = 'baldness' is not one of "
        f"{one_of(m.HAIR_LOSS_TYPES)}",
    ),
    "catalogue.toml field": (
        drop("catalogue.toml", "version"),
        "catalogue.toml: missing field 'version'",
    ),
    "reference field": (
        put(TAK, "kind", "rumour"),
        f"{TAK}: 'kind' = 'rumour' is not one of {one_of(m.REFERENCE_KINDS)}",
    ),
    "condition field": (
        put(TRANSPLANT, "group", "misc"),
        f"{TRANSPLANT}: 'group' = 'misc' is not one of {one_of(m.CONDITION_GROUPS)}",
    ),
    "component field": (drop(TOPICAL, "description"), f"{TOPICAL}: missing field 'description'"),
    # --- files and folders ---
    "not TOML": (
        raw("treatments/broken.toml", NOT_TOML),
        "{root}/treatments/broken.toml: not valid TOML: ...",
    ),
    "not UTF-8": (
        raw("conditions/odd.toml", NOT_UTF8),
        "{root}/conditions/odd.toml: cannot be read: ...",
    ),
    "catalogue.toml missing": (remove("catalogue.toml"), "catalogue.toml: missing or unreadable"),
    "catalogue.toml not TOML": (
        raw("catalogue.toml", NOT_TOML),
        "catalogue.toml: missing or unreadable",
    ),
    "folder missing": (
        lambda tree: tree.remove_folder("components"),
        "{root}/components: folder is missing",
    ),
    "id is not the file name": (
        lambda tree: tree.rename(MINOX, "treatments/minoxidil.toml"),
        "treatments/minoxidil.toml: id 'minoxidil_topical' does not match the file name",
    ),
    "id not lower case": (
        lambda tree: (
            tree.rename("conditions/smoker.toml", "conditions/Smoker.toml"),
            put("conditions/Smoker.toml", "id", "Smoker")(tree),
        ),
        "conditions/Smoker.toml: id 'Smoker' must be lower-case letters, digits and _",
    ),
    # --- links between files ---
    "reference does not exist": (
        put(MINOX, "regulatory", "refs", ["no-such-paper"]),
        f"{MINOX} [regulatory]: reference 'no-such-paper' does not exist in data/references/",
    ),
    "reference without a way to find it": (
        both(drop(TAK, "doi"), drop(TAK, "pmid")),
        f"{TAK}: needs at least one of doi, pmid, url or locator",
    ),
    "reference not used": (
        lambda tree: tree.__setitem__(
            "references/unused-2026.toml", dict(tree[TAK], id="unused-2026")
        ),
        "references/unused-2026.toml: reference is not used by any fact",
    ),
    "hair-loss type without a file": (
        remove("hair_loss_types/scarring.toml"),
        "hair_loss_types: type 'scarring' has no file",
    ),
    "required condition without a file": (
        remove("conditions/glycerol_allergy.toml"),
        "conditions: condition 'glycerol_allergy' has no file",
    ),
    "implies is not a table": (
        put(TRANSPLANT, "implies", ["immunocompromised"]),
        f"{TRANSPLANT}: [[implies]] must be a table",
    ),
    "implies without a reason": (
        drop(TRANSPLANT, "implies", 0, "because"),
        f"{TRANSPLANT} [implies 1]: missing field 'because'",
    ),
    "implies itself": (
        put(TRANSPLANT, "implies", 0, "condition", "organ_transplant"),
        f"{TRANSPLANT}: a condition cannot imply itself",
    ),
    "implies an unknown condition": (
        put(TRANSPLANT, "implies", 0, "condition", "no_such_condition"),
        f"{TRANSPLANT}: implies 'no_such_condition', which does not exist in data/conditions/",
    ),
    "component without safety entries": (
        both(drop(TOPICAL, "contraindications"), drop(TOPICAL, "no_known_concern")),
        f"{TOPICAL}: a component needs [[contraindications]] or [[no_known_concern]]",
    ),
    # --- alopecia areata rows and the amount of scalp lost ---
    "extent on another type": (
        put(MINOX, "evidence", 0, "extent", ["less_than_half"]),
        f"{MINOX} [evidence 1]: 'extent' is only for alopecia_areata rows",
    ),
    "extent missing": (
        drop(STEROID, "evidence", 0, "extent"),
        f"{STEROID} [evidence 1]: an alopecia_areata row needs 'extent', a list of "
        f"{', '.join(SCALP_LOSS_EXTENTS)}",
    ),
    "extent empty": (
        put(STEROID, "evidence", 0, "extent", []),
        f"{STEROID} [evidence 1]: an alopecia_areata row needs 'extent', a list of "
        f"{', '.join(SCALP_LOSS_EXTENTS)}",
    ),
    "extent unknown word": (
        put(STEROID, "evidence", 0, "extent", ["most"]),
        f"{STEROID} [evidence 1]: 'extent' value 'most' is not one of "
        f"{', '.join(SCALP_LOSS_EXTENTS)}",
    ),
    "extent repeated": (
        put(STEROID, "evidence", 0, "extent", ["less_than_half", "less_than_half"]),
        f"{STEROID} [evidence 1]: 'extent' repeats a value",
    ),
    # --- a treatment's tables ---
    "row is not a table": (
        put(MINOX, "evidence", ["strong"]),
        f"{MINOX}: [evidence 1] must be a table",
    ),
    "known cost without upfront": (
        drop(MINOX, "cost", "upfront_usd"),
        f"{MINOX} [cost]: a known cost needs upfront_usd",
    ),
    "known cost without yearly or a note": (
        both(drop(MINOX, "cost", "yearly_usd"), drop(MINOX, "cost", "note")),
        f"{MINOX} [cost]: without yearly_usd (repeat costs unknown), the note must say why",
    ),
    "known cost without refs": (
        drop(MINOX, "cost", "refs"),
        f"{MINOX} [cost]: a known cost needs refs",
    ),
    "unknown cost with numbers": (
        put(STEROID, "cost", "upfront_usd", [0, 100]),
        f"{STEROID} [cost]: an unknown cost must not give numbers",
    ),
    "unknown cost without a note": (
        drop(STEROID, "cost", "note"),
        f"{STEROID} [cost]: an unknown cost needs a note saying why",
    ),
    "no evidence rows": (
        put(MINOX, "evidence", []),
        f"{MINOX}: needs at least one [[evidence]] row",
    ),
    "two evidence rows for one type": (
        lambda tree: tree[MINOX]["evidence"].append(dict(tree[MINOX]["evidence"][0])),
        f"{MINOX}: two [[evidence]] rows for 'male_pattern'",
    ),
    "benefit for a type without evidence": (
        put(MINOX, "benefits", 0, "hair_loss_type", "telogen_effluvium"),
        f"{MINOX} [benefits 1]: hair_loss_type 'telogen_effluvium' has no [[evidence]] row",
    ),
    "one number per 100 without the other": (
        both(
            first_row_with(MINOX, "benefits", "treated_per_100"),
            drop(MINOX, "benefits", 0, "comparison_per_100"),
        ),
        f"{MINOX} [benefits 1]: give treated_per_100 and comparison_per_100 together",
    ),
    "number per 100 above 100": (
        both(
            first_row_with(MINOX, "benefits", "treated_per_100"),
            put(MINOX, "benefits", 0, "treated_per_100", 150),
        ),
        f"{MINOX} [benefits 1]: 'treated_per_100' must be 0 to 100",
    ),
    "number per 100 below 0": (
        both(
            first_row_with(MINOX, "benefits", "treated_per_100"),
            put(MINOX, "benefits", 0, "comparison_per_100", -1),
        ),
        f"{MINOX} [benefits 1]: 'comparison_per_100' must be 0 to 100",
    ),
    "numbers per 100 without a timeframe": (
        both(
            first_row_with(MINOX, "benefits", "treated_per_100"),
            drop(MINOX, "benefits", 0, "timeframe"),
        ),
        f"{MINOX} [benefits 1]: numbers per 100 need outcome, group and timeframe",
    ),
    "harm field": (
        put(MINOX, "harms", 0, "frequency", "sometimes"),
        f"{MINOX} [harms 1]: 'frequency' = 'sometimes' is not one of {one_of(m.FREQUENCIES)}",
    ),
    "regulatory status": (
        put(MINOX, "regulatory", "status", "fda_cleared_miracle"),
        f"{MINOX} [regulatory]: 'status' = 'fda_cleared_miracle' is not one of "
        f"{one_of(m.REGULATORY)}",
    ),
    "routine field": (
        drop(MINOX, "routine", "on_stopping"),
        f"{MINOX} [routine]: missing field 'on_stopping'",
    ),
    "no contraindications and no note": (
        both(
            drop(MINOX, "contraindications"),
            drop(MINOX, "components"),
            drop(MINOX, "no_known_concern"),
        ),
        f"{MINOX}: no [[contraindications]]: add contraindications_note (e.g. 'None established')",
    ),
    "claim field": (
        drop(ADSC, "claims", 0, "claimed_by"),
        f"{ADSC} [claims 1]: missing field 'claimed_by'",
    ),
    "no questions": (put(MINOX, "questions", []), f"{MINOX}: needs at least one question to ask"),
    # --- quotes ---
    "quotes not a list": (
        put(ADSC, "summary_quotes", "tak-2020"),
        f"{ADSC} [summary]: 'quotes' must be a list of tables",
    ),
    "quote not a table": (
        put(ADSC, "summary_quotes", ["tak-2020"]),
        f"{ADSC} [summary] quote 1: must be a table with ref, read and text",
    ),
    "quote field missing": (
        drop(MALE, "natural_course_quotes", 0, "read"),
        f"{MALE} [natural_course] quote 1: missing field 'read'",
    ),
    "quote of a missing reference": (
        put(ADSC, "benefits", 0, "quotes", 0, "ref", "no-such-paper"),
        f"{ADSC} [benefits 1] quote 1: reference 'no-such-paper' does not exist in "
        "data/references/",
    ),
    "quote of a reference the fact does not cite": (
        put(ADSC, "benefits", 0, "quotes", 0, "ref", "nct02594046"),
        f"{ADSC} [benefits 1] quote 1: reference 'nct02594046' is not among this fact's refs",
    ),
    # --- editors' working notes in what people read ---
    "working note: TODO": (
        put(MINOX, "living_with", "Use it twice a day. TODO check the label."),
        f"{MINOX} living_with: editors' working note 'TODO' {WORKING_NOTE}",
    ),
    "working note: seed page": (
        put(TRANSPLANT, "why_we_ask", "As seed page 004 says, transplant medicines matter."),
        f"{TRANSPLANT} why_we_ask: editors' working note 'seed page' {WORKING_NOTE}",
    ),
    "working note: DOI not checked": (
        put(TAK, "citation", "Tak YJ et al. 2020. DOI not checked."),
        f"{TAK} citation: editors' working note 'DOI not checked' {WORKING_NOTE}",
    ),
    # --- safety entries of components and treatments ---
    "safety entry not a table": (
        put(TOPICAL, "contraindications", ["scalp_inflammation"]),
        f"{TOPICAL} [contraindications 1]: must be a table",
    ),
    "contraindication of an unknown condition": (
        put(TOPICAL, "contraindications", 0, "condition", "no_such_condition"),
        f"{TOPICAL} [contraindications 1]: condition 'no_such_condition' does not exist in "
        "data/conditions/",
    ),
    "no known concern for an unknown condition": (
        put(TOPICAL, "no_known_concern", 0, "conditions", ["no_such_condition"]),
        f"{TOPICAL} [no_known_concern 1]: condition 'no_such_condition' does not exist in "
        "data/conditions/",
    ),
    "no known concern without a reason": (
        drop(TOPICAL, "no_known_concern", 0, "reason"),
        f"{TOPICAL} [no_known_concern 1]: missing field 'reason'",
    ),
    "treatment without components": (
        drop(MINOX, "components"),
        f"{MINOX}: needs components = [...]: what the treatment may involve",
    ),
    "unknown component": (
        put(MINOX, "components", ["no_such_component"]),
        f"{MINOX}: component 'no_such_component' does not exist in data/components/",
    ),
    "component in both lists": (
        lambda tree: tree[SERUMS]["components"].append(tree[SERUMS]["components_some_clinics"][0]),
        "{SERUMS}: component '{some}' is in both components and components_some_clinics",
    ),
    "relaxation not a table": (
        put(ADSC, "relaxations", ["allogeneic_biologic"]),
        f"{ADSC} [relaxations 1]: must be a table",
    ),
    "relaxation without a source": (
        put(ADSC, "relaxations", 0, "refs", []),
        f"{ADSC} [relaxations 1]: 'refs' needs at least one reference",
    ),
    "relaxation of nothing": (
        put(ADSC, "relaxations", 0, "condition", "smoker"),
        f"{ADSC} [relaxations 1]: component 'allogeneic_biologic' of this treatment has no "
        "entry for 'smoker' to relax",
    ),
    "relaxation of a relative entry to relative": (
        both(
            put(ADSC, "relaxations", 0, "component", "topical_medicine"),
            put(ADSC, "relaxations", 0, "condition", "scalp_inflammation"),
        ),
        f"{ADSC} [relaxations 1]: the inherited entry is already relative",
    ),
    "no known concern against an own entry": (
        lambda tree: (
            tree[ADSC]
            .setdefault("no_known_concern", [])
            .append({"conditions": ["under_18"], "reason": "Fine for teenagers."})
        ),
        f"{ADSC}: says no known concern for 'under_18', but has a relative entry (own): remove "
        "one, or relax the inherited entry with [[relaxations]]",
    ),
    "no known concern against an inherited entry": (
        lambda tree: (
            tree[ADSC]
            .setdefault("no_known_concern", [])
            .append({"conditions": ["pregnant"], "reason": "Fine in pregnancy."})
        ),
        f"{ADSC}: says no known concern for 'pregnant', but has a absolute entry (via "
        "allogeneic_biologic): remove one, or relax the inherited entry with [[relaxations]]",
    ),
    # --- the offers data (data/offers) ---
    "offers file missing": (remove(NAMES), f"{NAMES}: is missing"),
    "offers file not TOML": (raw(PATTERNS, NOT_TOML), f"{PATTERNS}: cannot be read: ..."),
    "pattern unknown field": (
        put(PATTERNS, "pattern", 0, "colour", "red"),
        f"{PATTERNS} [pattern 1]: unknown field(s) colour",
    ),
    "pattern id": (
        put(PATTERNS, "pattern", 0, "id", "Bad Id"),
        f"{PATTERNS} [pattern 1]: id 'Bad Id' must be unique lower-case letters and _",
    ),
    "pattern id repeated": (
        lambda tree: put(PATTERNS, "pattern", 1, "id", tree[PATTERNS]["pattern"][0]["id"])(tree),
        "{PATTERNS} [pattern 2]: id '{first_id}' must be unique lower-case letters and _",
    ),
    "pattern kind": (
        put(PATTERNS, "pattern", 0, "kind", "gossip"),
        f"{PATTERNS} [pattern 1]: kind must be one of {', '.join(CLAIM_KINDS)}",
    ),
    "pattern judge": (
        put(PATTERNS, "pattern", 0, "judge", "vibes"),
        f"{PATTERNS} [pattern 1]: judge must be one of {', '.join(JUDGES[1:])}",
    ),
    "pattern why": (
        put(PATTERNS, "pattern", 0, "why", " "),
        f"{PATTERNS} [pattern 1]: 'why' is missing or empty",
    ),
    "pattern without terms": (
        put(PATTERNS, "pattern", 0, "terms", []),
        f"{PATTERNS} [pattern 1]: needs at least one term",
    ),
    "pattern terms not a list": (
        put(PATTERNS, "pattern", 0, "terms", "stem cells?"),
        f"{PATTERNS} [pattern 1]: must be a list of regular expressions",
    ),
    "pattern bad regular expression": (
        put(PATTERNS, "pattern", 0, "unless", ["(may"]),
        f"{PATTERNS} [pattern 1]: bad regular expression '(may': ...",
    ),
    "pattern without refs": (
        drop(PATTERNS, "pattern", 0, "refs"),
        f"{PATTERNS} [pattern 1]: needs at least one reference in 'refs'",
    ),
    "pattern ref does not exist": (
        put(PATTERNS, "pattern", 0, "refs", ["no-such-paper"]),
        f"{PATTERNS} [pattern 1]: reference 'no-such-paper' does not exist in data/references/",
    ),
    "pattern without examples that pass": (
        drop(PATTERNS, "pattern", 0, "pass"),
        f"{PATTERNS} [pattern 1]: needs examples in both 'flag' and 'pass'",
    ),
    "question when": (
        put(PATTERNS, "question", 0, "when", "sometimes"),
        f"{PATTERNS} [question 1]: needs text and when = one of {QUESTION_WHEN}",
    ),
    "hedges bad regular expression": (
        put(PATTERNS, "hedges", "phrases", ["[unclosed"]),
        f"{PATTERNS} [hedges]: bad regular expression '[unclosed': ...",
    ),
    "subjects not a list": (
        put(PATTERNS, "subjects", "phrases", "treatments?"),
        f"{PATTERNS} [subjects]: must be a list of regular expressions",
    ),
    "product name of an unknown treatment": (
        put(NAMES, "name", 0, "treatment", "no_such_treatment"),
        f"{NAMES} [name 1]: treatment 'no_such_treatment' does not exist in data/treatments/",
    ),
}


def expected_text(expected: str, tree, root) -> str:
    return expected.format(
        root=root,
        SERUMS=SERUMS,
        PATTERNS=PATTERNS,
        some=tree[SERUMS]["components_some_clinics"][0],
        first_id=tree[PATTERNS]["pattern"][0]["id"],
    )


@pytest.mark.parametrize("change, expected", CASES.values(), ids=CASES.keys())
def test_each_loader_message(mini, broken, change, expected):
    folder = broken(change)
    found = problems_in(folder)
    wanted = expected_text(expected, mini, folder)
    if wanted.endswith("..."):
        prefix = wanted.removesuffix("...")
        assert any(p.startswith(prefix) and len(p) > len(prefix) for p in found), found
    else:
        assert wanted in found


def test_a_missing_source_folder(tmp_path):
    _, problems = load_sources(tmp_path / "nowhere")
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'nowhere'}: the catalogue source folder does not exist"
    ]


# --- `decisionaid catalogue check` -----------------------------------------------------------


def check(folder) -> tuple[int, str]:
    out = io.StringIO()
    return run_check(folder, out), out.getvalue()


def test_check_passes_the_small_copy(broken):
    status, report = check(broken(lambda tree: None))
    assert status == 0
    assert report.endswith("No problems found.\n")


def test_check_counts_and_lists_the_loader_problems(broken):
    status, report = check(broken(both(put(MINOX, "colour", "red"), put(MINOX, "questions", []))))
    assert status == 1
    assert report.endswith(
        f"2 problem(s):\n  {MINOX}: unknown field 'colour'\n"
        f"  {MINOX}: needs at least one question to ask\n"
    )


def _hard_to_read(tree):
    """Every text a patient reads becomes one long sentence of long words."""
    keys = {"summary", "living_with", "text", "note", "reason", "description", "recognise"}
    keys |= {"natural_course", "why_we_ask", "evidence_says", "what_it_involves"}
    keys |= {"time_to_results", "on_stopping", "about"}

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in keys and isinstance(item, str):
                    value[key] = HARD
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for rel in list(tree.files):
        if not rel.startswith(("references/", "offers/")):
            walk(tree[rel])


def test_check_refuses_a_hard_reading_level(broken):
    status, report = check(broken(_hard_to_read))
    assert status == 1
    found = re.search(r"^  reading level: the median Flesch-Kincaid grade is (\d+\.\d); "
                      r"it must be 8 or below$", report, re.M)  # fmt: skip
    assert found and float(found.group(1)) > 8, report


def test_check_refuses_an_undecided_pair(broken):
    """A condition with no entry for a treatment, neither its own nor from a component."""
    change = put(TOPICAL, "no_known_concern", 0, "conditions", ["bleeding_disorder"])
    status, report = check(broken(change))
    assert status == 1
    assert (
        f"  {MINOX}: no decision for condition 'anticoagulants' (add a [[contraindications]] "
        "or [[no_known_concern]] entry, here or in a component)\n"
    ) in report


def test_check_says_when_safety_cannot_be_worked_out(broken):
    """A value the models cannot be built from: the check says the safety table waits for it."""
    status, report = check(broken(put(MINOX, "benefits", 0, "treated_per_100", "many")))
    assert status == 1
    assert "  safety decisions: cannot be worked out until the problems below are fixed (" in report
    assert f"  {MINOX} [benefits 1]: 'treated_per_100' has the wrong type (str)\n" in report


def test_check_names_a_wrongly_typed_regulatory_table(broken):
    status, report = check(broken(put(MINOX, "regulatory", "approved")))
    assert status == 1
    assert f"  {MINOX}: 'regulatory' has the wrong type (str)\n" in report


def test_the_decision_table_is_not_made_from_bad_sources(broken):
    folder = broken(put(MINOX, "questions", []))
    with pytest.raises(ValueError) as refused:
        matrix_files(folder)
    assert str(refused.value) == f"1 problem(s) in {folder}: run 'decisionaid catalogue check'"
