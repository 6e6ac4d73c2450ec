"""The answers file: a documented, versioned JSON format. It is also what the app saves.

Format (version 1); see README "The answers file" for the full description::

    {"format": "decisionaid-answers", "version": 1,
     "hair_loss_type": "male_pattern", "age": 35, "sex": "male",
     "budget": {"upfront_usd": 2000, "yearly_usd": 600},
     "risk_tolerance": "low",
     "conditions": ["pregnant"],
     "preferences": {"avoid_surgery": true, "avoid_injections": false, "daily_routine_ok": true},
     "priorities": {"evidence": 5, "cost": 3, "side_effects": 4, "convenience": 2, "speed": 1,
                    "permanence": 3}}

Every problem raises ``AnswersError`` naming the field; nothing else escapes ``parse_answers``
or ``load_answers`` whatever the input.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from decisionaid.atomic import write_text_atomic
from decisionaid.vocabulary import HAIR_LOSS_TYPES

FORMAT_NAME = "decisionaid-answers"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 1_000_000
MAX_AGE = 120
MAX_BUDGET_USD = 10_000_000
MAX_TEXT = 5_000
MAX_NAME = 100
MAX_LIST = 100
MAX_OFFER_TEXT = 100_000  # a clinic's offer pasted into "Check a clinic's offer" (issue 18)

SEXES = ("male", "female", "other")
RISK_TOLERANCES = ("low", "medium", "high")
PRIORITY_KEYS = (
    "evidence",
    "benefit",
    "side_effects",
    "cost",
    "convenience",
    "speed",
    "permanence",
)
PRIORITY_MIN, PRIORITY_MAX = 1, 5
DEFAULT_PRIORITY = 3
PREFERENCE_DEFAULTS = {"avoid_surgery": False, "avoid_injections": False, "daily_routine_ok": True}
SURE_KEYS = ("sure_of_myself", "understand_information", "risk_benefit_clear", "enough_support")
REQUIRED = ("hair_loss_type", "age", "sex", "budget", "risk_tolerance", "conditions")


class AnswersError(ValueError):
    """A bad answers file. ``field`` names the offending field ('' for the whole file)."""

    def __init__(self, message: str, field: str = "", source: str = ""):
        self.field = field
        self.source = source
        self.detail = message
        where = f"{source}: " if source else ""
        at = f"field '{field}': " if field else ""
        super().__init__(f"{where}{at}{message}")


@dataclass(frozen=True)
class Budget:
    upfront_usd: float | None = None  # None: no limit given
    yearly_usd: float | None = None


@dataclass(frozen=True)
class Decision:
    """The 'Before you decide' step: SURE test answers, leaning and notes."""

    sure: dict[str, bool | None] = field(default_factory=lambda: {k: None for k in SURE_KEYS})
    leaning: str = ""
    leaning_option: str | None = None  # a treatment id, or None for "not sure yet"
    notes: str = ""

    @property
    def sure_score(self) -> int | None:
        """Yes answers out of 4, or None until all four are answered."""
        if any(self.sure.get(k) is None for k in SURE_KEYS):
            return None
        return sum(1 for k in SURE_KEYS if self.sure.get(k))


@dataclass(frozen=True)
class Offer:
    """A clinic's offer the person pasted to check, and the price they were quoted."""

    text: str = ""
    price_usd: float | None = None


@dataclass(frozen=True)
class Answers:
    hair_loss_type: str = "unsure"
    scalp_loss: str | None = None  # alopecia areata only: one of SCALP_LOSS_EXTENTS, None unasked
    age: int | None = None
    sex: str | None = None
    budget: Budget = field(default_factory=Budget)
    risk_tolerance: str = "medium"
    conditions: tuple[str, ...] = ()
    conditions_unknown: bool = False
    preferences: dict[str, bool] = field(default_factory=lambda: dict(PREFERENCE_DEFAULTS))
    priorities: dict[str, int] = field(
        default_factory=lambda: {k: DEFAULT_PRIORITY for k in PRIORITY_KEYS}
    )
    warning_signs: tuple[str, ...] = ()
    name: str = ""
    compare: tuple[str, ...] = ()
    viewed: tuple[str, ...] = ()  # treatment ids whose detail the person opened
    decision: Decision = field(default_factory=Decision)
    offer: Offer | None = None

    def with_changes(self, **changes) -> Answers:
        return replace(self, **changes)

    def to_dict(self) -> dict:
        out: dict = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "hair_loss_type": self.hair_loss_type,
            "age": self.age,
            "sex": self.sex,
            "budget": asdict(self.budget),
            "risk_tolerance": self.risk_tolerance,
            "conditions": list(self.conditions),
            "conditions_unknown": self.conditions_unknown,
            "preferences": dict(self.preferences),
            "priorities": dict(self.priorities),
        }
        if self.warning_signs:
            out["warning_signs"] = list(self.warning_signs)
        if self.name:
            out["name"] = self.name
        if self.compare:
            out["compare"] = list(self.compare)
        if self.decision != Decision():
            out["decision"] = {
                "sure": dict(self.decision.sure),
                "leaning": self.decision.leaning,
                "notes": self.decision.notes,
            }
        if self.offer is not None:
            out["offer"] = {"text": self.offer.text, "price_usd": self.offer.price_usd}
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


# --- validation helpers -------------------------------------------------------------------


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _text(value, name: str, limit: int) -> str:
    if not isinstance(value, str):
        raise AnswersError("must be text", name)
    if len(value) > limit:
        raise AnswersError(f"is too long (at most {limit} characters)", name)
    return value


def _bool(value, name: str) -> bool:
    if not isinstance(value, bool):
        raise AnswersError("must be true or false", name)
    return value


def _id_list(value, name: str, allowed: set[str] | None, limit: int = MAX_LIST) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise AnswersError("must be a list", name)
    if len(value) > limit:
        raise AnswersError(f"has too many entries (at most {limit})", name)
    out: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise AnswersError("every entry must be text", f"{name}[{i}]")
        if allowed is not None and item not in allowed:
            raise AnswersError(f"'{item[:60]}' is not a known id", f"{name}[{i}]")
        if item not in out:
            out.append(item)
    return tuple(out)


def _object(value, name: str) -> dict:
    if not isinstance(value, dict):
        raise AnswersError("must be an object ({...})", name)
    return value


def _no_unknown_keys(obj: dict, allowed, name: str = "") -> None:
    for key in obj:
        if key not in allowed:
            label = f"{name}.{key}" if name else str(key)
            raise AnswersError("is not a field of the answers format", label[:80])


TOP_LEVEL = {
    "format",
    "version",
    "hair_loss_type",
    "age",
    "sex",
    "budget",
    "risk_tolerance",
    "conditions",
    "conditions_unknown",
    "preferences",
    "priorities",
    "warning_signs",
    "name",
    "compare",
    "decision",
    "offer",
}


def parse_answers(
    obj,
    *,
    condition_ids: set[str] | None = None,
    treatment_ids: set[str] | None = None,
    partial: bool = False,
    source: str = "",
) -> Answers:
    """Validate a decoded JSON value and return ``Answers``.

    ``condition_ids`` / ``treatment_ids`` come from the catalogue; when given, unknown ids are
    rejected. ``partial`` accepts a half-finished questionnaire (the autosave): missing fields
    take their defaults.
    """
    try:
        return _parse(obj, condition_ids, treatment_ids, partial)
    except AnswersError as exc:
        if source and not exc.source:
            raise AnswersError(exc.detail, exc.field, source) from None
        raise


def _parse(obj, condition_ids, treatment_ids, partial) -> Answers:
    if not isinstance(obj, dict):
        raise AnswersError("the file must contain one JSON object ({...})")
    if obj.get("format") != FORMAT_NAME:
        raise AnswersError(
            f'must be "{FORMAT_NAME}" (this is not a DecisionAid answers file)', "format"
        )
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise AnswersError("must be a whole number such as 1", "version")
    if version > FORMAT_VERSION:
        raise AnswersError(
            f"is {version}: this file was made by a newer DecisionAid. "
            f"This version reads version {FORMAT_VERSION}; please update the app.",
            "version",
        )
    _no_unknown_keys(obj, TOP_LEVEL)
    if not partial:
        for key in REQUIRED:
            if key not in obj:
                raise AnswersError("is missing", key)

    kw: dict = {}
    if "hair_loss_type" in obj:
        value = obj["hair_loss_type"]
        if value not in HAIR_LOSS_TYPES:
            raise AnswersError(f"must be one of {', '.join(HAIR_LOSS_TYPES)}", "hair_loss_type")
        kw["hair_loss_type"] = value
    if "age" in obj and not (partial and obj["age"] is None):
        age = obj["age"]
        if not _is_number(age) or age != int(age):
            raise AnswersError("must be a whole number of years", "age")
        if not 1 <= age <= MAX_AGE:
            raise AnswersError(f"must be between 1 and {MAX_AGE}", "age")
        kw["age"] = int(age)
    if "sex" in obj and not (partial and obj["sex"] is None):
        if obj["sex"] not in SEXES:
            raise AnswersError(f"must be one of {', '.join(SEXES)}", "sex")
        kw["sex"] = obj["sex"]
    if "budget" in obj:
        budget = _object(obj["budget"], "budget")
        _no_unknown_keys(budget, {"upfront_usd", "yearly_usd"}, "budget")
        values = {}
        for key in ("upfront_usd", "yearly_usd"):
            if key not in budget:
                if partial:
                    continue
                raise AnswersError("is missing", f"budget.{key}")
            value = budget[key]
            if value is None:
                values[key] = None  # no limit
                continue
            if not _is_number(value):
                raise AnswersError("must be a number of US dollars", f"budget.{key}")
            if not 0 <= value <= MAX_BUDGET_USD:
                raise AnswersError(f"must be between 0 and {MAX_BUDGET_USD:,}", f"budget.{key}")
            values[key] = float(value)
        kw["budget"] = Budget(**values)
    if "risk_tolerance" in obj:
        if obj["risk_tolerance"] not in RISK_TOLERANCES:
            raise AnswersError("must be low, medium or high", "risk_tolerance")
        kw["risk_tolerance"] = obj["risk_tolerance"]
    if "conditions" in obj:
        kw["conditions"] = _id_list(obj["conditions"], "conditions", condition_ids)
    if "conditions_unknown" in obj:
        kw["conditions_unknown"] = _bool(obj["conditions_unknown"], "conditions_unknown")
    if "preferences" in obj:
        prefs = _object(obj["preferences"], "preferences")
        _no_unknown_keys(prefs, PREFERENCE_DEFAULTS, "preferences")
        merged = dict(PREFERENCE_DEFAULTS)
        for key, value in prefs.items():
            merged[key] = _bool(value, f"preferences.{key}")
        kw["preferences"] = merged
    if "priorities" in obj:
        prios = _object(obj["priorities"], "priorities")
        _no_unknown_keys(prios, PRIORITY_KEYS, "priorities")
        merged = {k: DEFAULT_PRIORITY for k in PRIORITY_KEYS}
        for key, value in prios.items():
            if (
                not _is_number(value)
                or value != int(value)
                or not PRIORITY_MIN <= value <= PRIORITY_MAX
            ):
                raise AnswersError(
                    f"must be a whole number from {PRIORITY_MIN} to {PRIORITY_MAX}",
                    f"priorities.{key}",
                )
            merged[key] = int(value)
        kw["priorities"] = merged
    if "warning_signs" in obj:
        signs = _id_list(obj["warning_signs"], "warning_signs", None, limit=20)
        kw["warning_signs"] = tuple(_text(s, "warning_signs", 300) for s in signs)
    if "name" in obj:
        kw["name"] = _text(obj["name"], "name", MAX_NAME).strip()
    if "compare" in obj:
        kw["compare"] = _id_list(obj["compare"], "compare", treatment_ids, limit=4)
    if "decision" in obj:
        kw["decision"] = _parse_decision(obj["decision"])
    if "offer" in obj and obj["offer"] is not None:
        kw["offer"] = _parse_offer(obj["offer"])
    return Answers(**kw)


def clean_offer_text(text: str) -> str:
    """Plain newlines and no control characters (a bad paste or a binary file)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\n\t" or not (ord(c) < 32 or ord(c) == 127))


def _parse_offer(value) -> Offer:
    obj = _object(value, "offer")
    _no_unknown_keys(obj, {"text", "price_usd"}, "offer")
    text = clean_offer_text(_text(obj.get("text", ""), "offer.text", MAX_OFFER_TEXT))
    price = obj.get("price_usd")
    if price is not None:
        if not _is_number(price):
            raise AnswersError("must be a number of US dollars or null", "offer.price_usd")
        if not 0 <= price <= MAX_BUDGET_USD:
            raise AnswersError(f"must be between 0 and {MAX_BUDGET_USD:,}", "offer.price_usd")
        price = float(price)
    return Offer(text=text, price_usd=price)


def _parse_decision(value) -> Decision:
    obj = _object(value, "decision")
    _no_unknown_keys(obj, {"sure", "leaning", "notes"}, "decision")
    sure = {k: None for k in SURE_KEYS}
    if "sure" in obj:
        given = _object(obj["sure"], "decision.sure")
        _no_unknown_keys(given, SURE_KEYS, "decision.sure")
        for key, answer in given.items():
            if answer is not None and not isinstance(answer, bool):
                raise AnswersError("must be true, false or null", f"decision.sure.{key}")
            sure[key] = answer
    return Decision(
        sure=sure,
        leaning=_text(obj.get("leaning", ""), "decision.leaning", MAX_NAME * 3),
        notes=_text(obj.get("notes", ""), "decision.notes", MAX_TEXT),
    )


def loads_answers(text: str, **kwargs) -> Answers:
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise AnswersError(
            f"is not valid JSON ({getattr(exc, 'msg', 'too deeply nested')})",
            source=kwargs.get("source", ""),
        ) from None
    return parse_answers(obj, **kwargs)


def load_answers(path: Path | str, **kwargs) -> Answers:
    """Read and validate an answers file. Raises AnswersError naming the file and the field."""
    path = Path(path)
    kwargs.setdefault("source", str(path))
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise AnswersError(
                f"is too large ({size:,} bytes; an answers file is a few kB)", source=str(path)
            )
        raw = path.read_bytes()
    except IsADirectoryError:
        raise AnswersError("is a folder, not an answers file", source=str(path)) from None
    except FileNotFoundError:
        raise AnswersError("does not exist", source=str(path)) from None
    except OSError as exc:
        raise AnswersError(f"cannot be read ({exc.strerror or exc})", source=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswersError("is not a text file (it is not UTF-8)", source=str(path)) from None
    return loads_answers(text, **kwargs)


def save_answers(answers: Answers, path: Path | str) -> None:
    """Write atomically; raises atomic.WriteError with a message for a person."""
    write_text_atomic(path, answers.to_json())


def answers_for_catalogue(catalogue) -> dict:
    """The keyword arguments that make parse/load check ids against ``catalogue``."""
    return {"condition_ids": set(catalogue.conditions), "treatment_ids": set(catalogue.treatments)}
