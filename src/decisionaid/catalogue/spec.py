"""Every entity and field of the catalogue, described once.

The TOML sources in ``data/`` are checked against these descriptions (``sources.py``), the SQLite
tables are derived from them (``schema.py``), the field tables of ``docs/catalogue-format.md`` are
generated from them, and the reading-level check scores every field whose reader is a patient
(``readability.py``). Adding a field to the catalogue is one ``Field(...)`` line here, plus its
content in ``data/`` (and its use in the models and the rules, if the app is to show it).

A field's ``kind`` says what the TOML holds:

- ``text``: a string (a required one must not be blank); ``date``: "YYYY", "YYYY-MM" or
  "YYYY-MM-DD"; ``checked``: a date, or "" until a second editor has checked the entry;
- ``whole``, ``number``, ``yes/no``: an integer, an integer or a decimal, ``true``/``false``;
- ``list``: a list of texts (or of tables, for quotes and ``[[implies]]``); ``refs``: a list of
  reference ids (a required one must name at least one); ``range``: ``[low, high]`` with
  ``0 <= low <= high``;
- ``table``: one ``[table]`` described by the entity named in ``entity`` (a ``list`` with an
  ``entity`` is a list of ``[[tables]]``, each described by that entity).

A field's ``reader`` says who reads its value: a patient, a clinician (the PDF's clinician pages,
the references), or only editors (ids, links, quotes, dates of checks). Every patient field in our
own words (``ours``, not a controlled word) is scored for reading level.
"""

from collections.abc import Iterator
from typing import Literal, NamedTuple

from decisionaid import vocabulary as v

Kind = Literal[
    "text", "date", "checked", "whole", "number", "yes/no", "list", "refs", "range", "table"
]
Reader = Literal["patient", "clinician", "editor"]

# How an editor read the passage a number is quoted from. Shown to no patient.
READ_KINDS = ("full text", "abstract", "label", "second-hand")

# The SQLite type of each kind's column (a range gives two columns, ``<column>_min``/``_max``).
COLUMN_TYPES: dict[str, type] = {
    "text": str,
    "date": str,
    "checked": str,
    "whole": int,
    "number": float,
    "yes/no": int,
    "list": str,  # JSON text
    "refs": str,  # JSON text
    "range": float,
}


class Field(NamedTuple):
    """One TOML key of an entity."""

    name: str
    kind: Kind
    required: bool = False
    words: tuple[str, ...] | None = None  # the controlled vocabulary, if any
    reader: Reader = "editor"  # who reads the value: a patient, a clinician, or only editors
    doc: str = ""
    # The column in the entity's table: "" = the field's own name; None = not stored.
    column: str | None = ""
    entity: str = ""  # a "table", or a "list" of tables: the entity describing each table
    default: str = ""  # stored when the field is left out (text only)
    ours: bool = True  # False: someone else's words, quoted as they are (not scored)
    points_to: str = ""  # a table whose id this column must hold (a foreign key)
    attr: str = ""  # the attribute of the app's model (models.py); "" = the field's name
    stored_as: Kind | None = None  # the column's kind, when it differs from the TOML's

    @property
    def attr_name(self) -> str:
        return self.attr or self.name

    @property
    def patient(self) -> bool:
        return self.reader == "patient"

    @property
    def scored(self) -> bool:
        """A patient text in our own words, scored for reading level."""
        return self.patient and self.ours and self.kind in ("text", "list") and not self.words

    @property
    def column_name(self) -> str | None:
        return self.name if self.column == "" else self.column


class Column(NamedTuple):
    """A column the build works out (an order, a parent id, where an entry was inherited from)."""

    name: str
    kind: Kind
    doc: str = ""
    points_to: str = ""  # a table whose id this column must hold (a foreign key)

    @property
    def type(self) -> type:
        return COLUMN_TYPES[self.kind]


class Entity(NamedTuple):
    """One kind of TOML table: a file in ``data/<folder>/``, or a table inside one."""

    name: str
    where: str  # where it is written, for the docs: "treatments/<id>.toml", "[cost]" ...
    fields: tuple[Field, ...]
    doc: str = ""
    # Its SQLite table ("" = none: stored inside the parent's row, or not at all).
    table: str = ""
    # Columns the build adds before and after the fields' own columns.
    columns_before: tuple[Column, ...] = ()
    columns_after: tuple[Column, ...] = ()
    key: str = "id"  # the table's primary key
    # A one-per-parent table (like ``[regulatory]``) stored in the parent's row, its columns
    # named "<prefix><column>".
    flatten_prefix: str = ""
    # Columns to put first, in this order (the file's layout; the content does not depend on it).
    first_columns: tuple[str, ...] = ()

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


def _without_columns(fields: tuple[Field, ...], names: tuple[str, ...]) -> tuple[Field, ...]:
    return tuple(f._replace(column=None) if f.name in names else f for f in fields)


REFS_DOC = "sources: ids of files in data/references/"
CHILD = (
    Column("id", "whole", "row number"),
    Column("treatment_id", "text", "the treatment", points_to="treatments"),
)
ONE_PER_TREATMENT = (Column("treatment_id", "text", "the treatment", points_to="treatments"),)
# Editors' record of a second check (the passage read and the date). Never shown to patients;
# the build does not carry them.
CHECK_FIELDS = (
    Field("quote", "text", reader="editor", column=None, doc="the passage read, word for word"),
    Field("checked", "date", reader="editor", column=None, doc="day a second editor checked it"),
)

_OUTCOME_FIELDS = (
    Field(
        "hair_loss_type",
        "text",
        words=v.HAIR_LOSS_TYPES,
        reader="clinician",
        doc="omit when it applies to every type the treatment is used for",
    ),
    Field("text", "text", True, reader="patient", doc="the sentence a person reads"),
    Field(
        "group",
        "text",
        reader="patient",
        column="population",
        doc="who was studied (needed with numbers per 100)",
    ),
    Field("timeframe", "text", reader="patient", doc="over how long"),
    Field("outcome", "text", reader="patient", doc='short: completes "N in 100 ..."'),
    Field("treated_per_100", "number", reader="patient", doc="0 to 100, with comparison_per_100"),
    Field("comparison_per_100", "number", reader="patient", doc="0 to 100"),
    Field("comparison", "text", reader="patient", doc="what the treated group is compared with"),
    Field("serious", "yes/no", reader="patient", doc="harms: a serious harm"),
    Field(
        "frequency",
        "text",
        words=v.FREQUENCIES,
        reader="patient",
        default="unknown",
        doc="harms: how often (default unknown)",
    ),
    Field("refs", "refs", True, doc=REFS_DOC),
    Field(
        "quotes",
        "list",
        column=None,
        entity="quote",
        doc="the passages its numbers come from",
    ),
)

ENTITIES: tuple[Entity, ...] = (
    Entity(
        "catalogue",
        "catalogue.toml",
        (
            Field(
                "version",
                "text",
                True,
                reader="clinician",
                column="catalogue_version",
                doc="the catalogue's version",
            ),
            Field("reviewed", "date", True, reader="clinician", doc="last full review"),
            Field("title", "text", True, reader="patient"),
            Field(
                "about",
                "text",
                True,
                reader="patient",
                doc='"About this catalogue": plain paragraphs separated by blank lines',
            ),
        ),
        doc="The catalogue's own facts, stored in the metadata table.",
    ),
    Entity(
        "reference",
        "references/<id>.toml",
        (
            Field("id", "text", True, doc="the file name; letters, digits, _ and -"),
            Field("citation", "text", True, reader="clinician", ours=False),
            Field("doi", "text", doc="at least one of doi, pmid, url, locator"),
            Field("pmid", "text"),
            Field("url", "text"),
            Field("locator", "text", reader="clinician", doc="where to find a source with no link"),
            Field("accessed", "date", True, doc="the day it was read"),
            Field("kind", "text", True, words=v.REFERENCE_KINDS, reader="clinician"),
            Field(
                "conflict_of_interest",
                "text",
                True,
                reader="clinician",
                doc='say "None declared" or "Not stated" when so',
            ),
        ),
        table="references",
    ),
    Entity(
        "hair_loss_type",
        "hair_loss_types/<id>.toml",
        (
            Field("id", "text", True, words=v.HAIR_LOSS_TYPES, doc="the file name"),
            Field("name", "text", True, reader="patient"),
            Field("order", "whole", True, column="position", doc="order in the questionnaire"),
            Field("description", "text", True, reader="patient", doc="what it is"),
            Field("recognise", "text", True, reader="patient", doc="how a person might see it"),
            Field(
                "natural_course",
                "text",
                True,
                reader="patient",
                doc="what happens with no treatment, with numbers where known",
            ),
            Field("natural_course_refs", "refs", True, doc=REFS_DOC),
            Field(
                "warning_signs",
                "list",
                True,
                reader="patient",
                doc='signs that mean "see a doctor soon"',
            ),
            Field("scale", "text", reader="clinician", doc="the clinical scale"),
            Field("refs", "refs", True, doc="sources for description and recognise"),
            Field("reviewed", "date", True),
            Field(
                "natural_course_quotes",
                "list",
                column=None,
                entity="quote",
                doc="the passages its numbers come from",
            ),
            Field("checked", "checked", True, column=None, doc="second editor's date, or empty"),
        ),
        table="hair_loss_types",
        first_columns=("id", "position"),
    ),
    Entity(
        "condition",
        "conditions/<id>.toml",
        (
            Field("id", "text", True, doc="the file name"),
            Field("name", "text", True, reader="patient", doc="as shown in the health question"),
            Field(
                "group",
                "text",
                True,
                words=v.CONDITION_GROUPS,
                column="condition_group",
                doc="the group it is asked in",
            ),
            Field("why_we_ask", "text", True, reader="patient"),
            Field(
                "derived",
                "text",
                words=("",) + v.DERIVED_CONDITIONS,
                doc="never asked: worked out from age or sex",
            ),
            Field("said", "text", reader="patient", doc='completes "Because you said ..."'),
            Field(
                "implies",
                "list",
                entity="implication",
                doc="[[implies]]: conditions this one implies (stored as [condition, because])",
            ),
        ),
        table="conditions",
    ),
    Entity(
        "implication",
        "[[implies]] in a condition",
        (
            Field("condition", "text", True, doc="an id in data/conditions/"),
            Field("because", "text", True, reader="patient", doc='completes "..., and ...:"'),
        ),
    ),
    Entity(
        "component",
        "components/<id>.toml",
        (
            Field("id", "text", True, doc="the file name"),
            Field("name", "text", True, reader="patient"),
            Field("description", "text", True, reader="patient"),
            Field("reviewed", "date", True),
            Field(
                "contraindications",
                "list",
                column=None,
                entity="contraindication",
                doc="inherited by every treatment that involves it",
            ),
            Field(
                "no_known_concern",
                "list",
                column=None,
                entity="no_known_concern",
                doc="explicit decisions: no known concern",
            ),
        ),
        table="components",
    ),
    Entity(
        "treatment",
        "treatments/<id>.toml",
        (
            Field("id", "text", True, doc="the file name"),
            Field("name", "text", True, reader="patient"),
            Field(
                "also_known_as", "list", reader="patient", ours=False, doc="brand and other names"
            ),
            Field("category", "text", True, words=v.CATEGORIES, reader="patient"),
            Field("invasiveness", "text", True, words=v.INVASIVENESS, reader="patient"),
            Field(
                "effort",
                "text",
                True,
                words=v.EFFORTS,
                reader="patient",
                doc="the person's effort: routine, visits, upkeep",
            ),
            Field("permanence", "text", True, words=v.PERMANENCE, reader="patient"),
            Field(
                "daily_routine",
                "yes/no",
                reader="patient",
                doc="needs doing every day (pills, lotions); default false",
            ),
            Field("reviewed", "date", True),
            Field("summary", "text", True, reader="patient", doc="read first; 50 to 120 words"),
            Field("living_with", "text", True, reader="patient", doc="day-to-day life with it"),
            Field(
                "questions",
                "list",
                True,
                reader="patient",
                doc="questions to ask the doctor or clinic (at least one)",
            ),
            Field(
                "contraindications_note",
                "text",
                reader="patient",
                doc="required when there are no [[contraindications]] and no components",
            ),
            Field(
                "regulatory",
                "table",
                True,
                entity="regulatory",
                column=None,
                doc="stored in the treatment's row",
            ),
            Field(
                "evidence",
                "list",
                True,
                entity="evidence",
                column=None,
                doc="one per hair-loss type it is used for",
            ),
            Field("benefits", "list", entity="benefit", column=None),
            Field("harms", "list", entity="harm", column=None, doc="stored as side_effects"),
            Field(
                "contraindications",
                "list",
                entity="contraindication",
                column=None,
                doc="its own; its components' are inherited",
            ),
            Field("cost", "table", True, entity="cost", column=None),
            Field("routine", "table", True, entity="routine", column=None),
            Field("claims", "list", entity="claim", column=None),
            Field(
                "summary_quotes",
                "list",
                column=None,
                entity="quote",
                doc="the passages the summary's numbers come from",
            ),
            Field("checked", "checked", True, column=None, doc="second editor's date, or empty"),
            Field(
                "components",
                "list",
                True,
                doc="ids in data/components/: what it may involve",
            ),
            Field(
                "components_some_clinics",
                "list",
                doc="components only some clinics use (absolute entries become relative)",
            ),
            Field("relaxations", "list", entity="relaxation", column=None),
            Field(
                "no_known_concern",
                "list",
                entity="no_known_concern",
                column=None,
                attr="no_concerns",
                doc="explicit decisions: no known concern",
            ),
        ),
        table="treatments",
        columns_before=(Column("id", "text"), Column("position", "whole", "order by id")),
    ),
    Entity(
        "regulatory",
        "[regulatory] in a treatment",
        (
            Field("status", "text", True, words=v.REGULATORY, reader="patient"),
            Field("text", "text", True, reader="patient"),
            Field(
                "date",
                "date",
                True,
                reader="patient",
                doc="the regulator's decision or notice the status rests on",
            ),
            Field("refs", "refs", True, doc=REFS_DOC),
        ),
        flatten_prefix="regulatory_",
    ),
    Entity(
        "evidence",
        "[[evidence]] in a treatment",
        (
            Field(
                "hair_loss_type",
                "text",
                True,
                words=v.HAIR_LOSS_TYPES,
                reader="patient",
                points_to="hair_loss_types",
            ),
            Field("certainty", "text", True, words=v.CERTAINTIES, reader="patient", doc="GRADE"),
            Field(
                "effect",
                "text",
                True,
                words=v.EFFECTS,
                reader="clinician",
                doc="size of benefit, for ordering",
            ),
            Field("reason", "text", True, reader="patient", doc="why this certainty"),
            Field("guidelines", "text", reader="clinician"),
            Field("refs", "refs", True, doc=REFS_DOC),
            Field(
                "extent",
                "list",
                reader="clinician",
                words=v.SCALP_LOSS_EXTENTS,
                doc=f"{v.SCALP_LOSS_TYPE} rows only (and always): amounts of scalp loss covered",
            ),
        ),
        table="evidence",
        columns_before=CHILD,
    ),
    Entity(
        "benefit",
        "[[benefits]] in a treatment",
        _without_columns(_OUTCOME_FIELDS, ("serious", "frequency")),
        table="benefits",
        columns_before=CHILD,
    ),
    Entity(
        "harm",
        "[[harms]] in a treatment",
        _OUTCOME_FIELDS,
        table="side_effects",
        columns_before=CHILD,
    ),
    Entity(
        "contraindication",
        "[[contraindications]] in a treatment or a component",
        (
            Field(
                "condition",
                "text",
                True,
                column="condition_id",
                points_to="conditions",
                doc="an id in data/conditions/",
            ),
            Field("kind", "text", True, words=v.CONTRA_KINDS, reader="patient"),
            Field(
                "note",
                "text",
                True,
                reader="patient",
                doc='completes "because you said you are ...: ..."',
            ),
            Field("refs", "refs", True, doc=REFS_DOC),
            *CHECK_FIELDS,
        ),
        doc="The build stores each treatment's effective entries: its own and inherited ones.",
        table="contraindications",
        columns_before=CHILD,
        columns_after=(
            Column("via", "text", "the component it is inherited from; empty: its own"),
            Column("some_clinics", "yes/no", "from a component only some clinics use"),
            Column("relaxed_from", "text", "the inherited kind before a relaxation"),
            Column("relax_reason", "text"),
            Column("relax_refs", "refs"),
        ),
    ),
    Entity(
        "no_known_concern",
        "[[no_known_concern]] in a treatment or a component",
        (
            Field(
                "conditions",
                "list",
                True,
                column="condition_id",
                points_to="conditions",
                attr="condition",
                stored_as="text",
                doc="ids in data/conditions/ (stored one row each)",
            ),
            Field("reason", "text", True, reader="patient", doc="one line"),
            Field("refs", "refs", doc=REFS_DOC),
            *CHECK_FIELDS,
        ),
        table="no_concerns",
        columns_before=CHILD,
        columns_after=(Column("via", "text", "the component it comes from; empty: its own"),),
    ),
    Entity(
        "relaxation",
        "[[relaxations]] in a treatment",
        (
            Field("component", "text", True, column="component_id", doc="one of its components"),
            Field("condition", "text", True, column="condition_id"),
            Field(
                "kind",
                "text",
                True,
                words=("relative", "none"),
                column="to_kind",
                attr="to_kind",
                reader="clinician",
                doc='"none": no known concern',
            ),
            Field("reason", "text", True, reader="clinician"),
            Field("refs", "refs", True, doc=REFS_DOC),
            *CHECK_FIELDS,
        ),
        table="relaxations",
        columns_before=CHILD,
        columns_after=(Column("from_kind", "text", "the inherited kind"),),
        first_columns=("id", "treatment_id", "component_id", "condition_id", "from_kind"),
    ),
    Entity(
        "cost",
        "[cost] in a treatment",
        (
            Field("known", "yes/no", True, reader="patient", doc="false: no numbers, say why"),
            Field(
                "upfront_usd",
                "range",
                reader="patient",
                column="upfront",
                attr="upfront",
                doc="one-off costs at the start, US dollars",
            ),
            Field(
                "yearly_usd",
                "range",
                reader="patient",
                column="yearly",
                attr="yearly",
                doc="ongoing costs for each year of use; leave out when unknown",
            ),
            Field(
                "estimate", "yes/no", reader="patient", doc="from a clinic price or a rough range"
            ),
            Field("note", "text", reader="patient"),
            Field("refs", "refs", doc=REFS_DOC),
            Field("quotes", "list", column=None, entity="quote"),
        ),
        table="costs",
        key="treatment_id",
        columns_before=ONE_PER_TREATMENT,
    ),
    Entity(
        "routine",
        "[routine] in a treatment",
        (
            Field("what_it_involves", "text", True, reader="patient"),
            Field("time_to_results", "text", True, reader="patient"),
            Field("months_to_results", "number", doc="for ordering by speed"),
            Field("on_stopping", "text", True, reader="patient"),
            Field("downtime", "text", True, reader="patient"),
            Field("refs", "refs", True, doc=REFS_DOC),
        ),
        table="routines",
        key="treatment_id",
        columns_before=ONE_PER_TREATMENT,
    ),
    Entity(
        "claim",
        "[[claims]] in a treatment",
        (
            Field(
                "claim",
                "text",
                True,
                reader="patient",
                ours=False,
                doc="what is claimed, quoted or closely paraphrased",
            ),
            Field("claimed_by", "text", True, reader="patient", ours=False),
            Field("conflict_of_interest", "text", True, reader="patient", ours=False),
            Field("evidence_says", "text", True, reader="patient"),
            Field("refs", "refs", True, doc=REFS_DOC),
        ),
        table="claims",
        columns_before=CHILD,
    ),
    Entity(
        "quote",
        "[[...quotes]] beside a fact",
        (
            Field("ref", "text", True, doc="one of the fact's references"),
            Field("read", "text", True, words=READ_KINDS, doc="how the passage was read"),
            Field("text", "text", True, doc="the passage, word for word"),
        ),
        doc="Editors' record of where a number comes from; never shown to patients.",
    ),
)

BY_NAME: dict[str, Entity] = {e.name: e for e in ENTITIES}

# Tables that are not written in the TOML of data/ as fields (data/offers has its own format).
EXTRA_TABLES: dict[str, tuple[dict[str, type], str]] = {
    "offer_patterns": ({"id": str, "kind": str, "body": str}, "id"),
}


def entity(name: str) -> Entity:
    return BY_NAME[name]


def entities() -> tuple[Entity, ...]:
    """Every entity, in the order of ``ENTITIES`` (read through ``BY_NAME``, the one lookup)."""
    return tuple(BY_NAME.values())


def columns_of(ent: Entity) -> dict[str, type]:
    """The SQLite columns of an entity, in order: built ones, fields, flattened tables."""
    out: dict[str, type] = {c.name: c.type for c in ent.columns_before}
    for f in ent.fields:
        out.update(field_columns(f))
    for c in ent.columns_after:
        out[c.name] = c.type
    first = {name: out[name] for name in ent.first_columns if name in out}
    return first | {name: kind for name, kind in out.items() if name not in first}


def field_columns(f: Field, prefix: str = "") -> dict[str, type]:
    """The column(s) one field is stored in."""
    if f.kind == "table" and f.entity and entity(f.entity).flatten_prefix:
        sub = entity(f.entity)
        out: dict[str, type] = {}
        for g in sub.fields:
            out.update(field_columns(g, prefix + sub.flatten_prefix))
        return out
    name = f.column_name
    if name is None:
        return {}
    if f.kind == "range":
        return {f"{prefix}{name}_min": float, f"{prefix}{name}_max": float}
    return {prefix + name: COLUMN_TYPES[f.stored_as or f.kind]}


def foreign_keys() -> dict[str, list[tuple[str, str, str]]]:
    """table -> [(column, other table, its key)]: the columns that must hold another table's id."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for ent in entities():
        if not ent.table:
            continue
        keys = [
            (c.name, c.points_to) for c in ent.columns_before + ent.columns_after if c.points_to
        ]
        keys += [(f.column_name, f.points_to) for f in ent.fields if f.points_to and f.column_name]
        if keys:
            out[ent.table] = [(column, other, "id") for column, other in keys]
    return out


def tables() -> dict[str, tuple[dict[str, type], str]]:
    """Every SQLite table: its columns with their types, and its primary key."""
    out = {e.table: (columns_of(e), e.key) for e in entities() if e.table}
    out.update(EXTRA_TABLES)
    return out


# --- the sources' checks ----------------------------------------------------------------------

# The source checker's type for each kind (see sources._check_fields).
_SOURCE_KINDS: dict[str, object] = {
    "text": str,
    "whole": int,
    "number": float,
    "yes/no": bool,
    "list": list,
    "table": dict,
    "refs": "refs",
    "date": "date",
    "checked": "checked",
    "range": "range",
}

FieldSpec = tuple[object, bool, "tuple[str, ...] | None"]


def source_fields(name: str) -> dict[str, FieldSpec]:
    """The checks of one entity's TOML: key -> (type, required, allowed values or None)."""
    out: dict[str, FieldSpec] = {}
    for f in entity(name).fields:
        words = f.words if f.kind != "list" else None  # list values are checked elsewhere
        out[f.name] = (_SOURCE_KINDS[f.kind], f.required, words)
    return out


# --- patient texts ----------------------------------------------------------------------------

# Where each top-level entity lives in the sources (the attribute of ``sources.Sources``).
FOLDERS = (
    ("treatment", "treatments"),
    ("component", "components"),
    ("hair_loss_type", "hair_loss_types"),
    ("condition", "conditions"),
)


def patient_fields(name: str) -> Iterator[tuple[Field, ...]]:
    """Paths to every text field a patient reads in an entity, nested tables included: each path
    is the fields from the entity down to the text."""
    for f in entity(name).fields:
        if f.entity:
            for path in patient_fields(f.entity):
                yield (f,) + path
        elif f.scored:
            yield (f,)


def patient_texts_in(where: str, obj: object, path: tuple[Field, ...]) -> Iterator[tuple[str, str]]:
    """(where, text) for the values at ``path`` in one source table ``obj``."""
    if not isinstance(obj, dict) or not path:
        return
    f, rest = path[0], path[1:]
    value = obj.get(f.name)
    if not rest:
        if isinstance(value, str):
            yield f"{where}{f.name}", value
        elif isinstance(value, list):
            for i, item in enumerate(value, 1):
                if isinstance(item, str):
                    yield f"{where}{f.name}[{i}]", item
        return
    if isinstance(value, dict):
        yield from patient_texts_in(f"{where}{f.name}.", value, rest)
    elif isinstance(value, list):
        for i, item in enumerate(value, 1):
            yield from patient_texts_in(f"{where}{f.name}[{i}].", item, rest)


# --- the docs ---------------------------------------------------------------------------------

DOC_BEGIN = "<!-- fields: generated from src/decisionaid/catalogue/spec.py; do not edit -->"
DOC_END = "<!-- fields: end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_field_tables() -> str:
    """The field tables of docs/catalogue-format.md (between DOC_BEGIN and DOC_END)."""
    lines = []
    for ent in entities():
        lines.append(f"### `{ent.where}`")
        lines.append("")
        stored = (
            f"Stored in the table `{ent.table}`."
            if ent.table
            else f"Stored in the parent's row, as `{ent.flatten_prefix}<field>`."
            if ent.flatten_prefix
            else ""
        )
        intro = " ".join(t for t in (ent.doc, stored) if t)
        if intro:
            lines += [intro, ""]
        lines.append("| field | type | required | allowed values | read by | column | meaning |")
        lines.append("|---|---|---|---|---|---|---|")
        for f in ent.fields:
            kind: str = f.kind
            if f.entity:
                kind = f"{'table' if f.kind == 'table' else 'tables'} of `{entity(f.entity).where}`"
            words = ", ".join(f"`{w}`" for w in f.words if w) if f.words else ""
            cols = ", ".join(f"`{c}`" for c in field_columns(f)) or "-"
            if f.entity and entity(f.entity).flatten_prefix:
                cols = f"`{entity(f.entity).flatten_prefix}*`"
            doc = f.doc + (
                f" (default `{f.default}`)" if f.default and "default" not in f.doc else ""
            )
            reader = "" if f.entity else f.reader  # a table's own fields say who reads them
            lines.append(
                f"| `{f.name}` | {kind} | {'yes' if f.required else ''} | {_cell(words)} | "
                f"{reader} | {cols} | {_cell(doc)} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def with_field_tables(doc: str) -> str:
    """``doc`` with the text between the markers replaced by the generated tables."""
    start = doc.index(DOC_BEGIN) + len(DOC_BEGIN)
    end = doc.index(DOC_END)
    return doc[:start] + "\n\n" + render_field_tables() + "\n" + doc[end:]
