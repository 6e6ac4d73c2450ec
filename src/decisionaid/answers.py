"""The answers file: a documented, versioned JSON format. It is also what the app saves.

Format (version 2); see README "The answers file" for the full description::

    {"format": "decisionaid-answers", "version": 2,
     "hair_loss_type": "male_pattern", "age": 35, "sex": "male",
     "budget": {"upfront_usd": 2000, "yearly_usd": 600},
     "risk_tolerance": "low",
     "conditions": ["pregnant"],
     "preferences": {"avoid_surgery": true, "avoid_injections": false, "daily_routine_ok": true},
     "priorities": {"evidence": 5, "cost": 3, "side_effects": 4, "convenience": 2, "speed": 1,
                    "permanence": 3}}

Version 2 adds three optional fields: ``scalp_loss`` (alopecia areata: ``less_than_half``,
``half_or_more`` or ``total``; absent or null when not known), ``viewed`` (treatment ids whose
details the person opened), ``decision.leaning_option`` (a treatment id or null) and
``decision.questions`` (up to 3 question texts the person ticked to ask first). Version 1
files (written by 0.1.0) still load; a file with a newer version is refused. Writing always
writes version 2. Renamed catalogue ids keep working through ``ID_ALIASES``.

Whatever the loader accepts can be saved again and printed: text with a lone surrogate or a
control character is refused naming the field (``clean_text`` is what the app's text entries
use), numbers too large to use are refused naming the field, and so are duplicate keys.

Every problem raises ``AnswersError`` naming the field; nothing else escapes ``parse_answers``
or ``load_answers`` whatever the input.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, TypeGuard, Unpack

from decisionaid.atomic import write_text_atomic
from decisionaid.vocabulary import HAIR_LOSS_TYPES, SCALP_LOSS_EXTENTS

if TYPE_CHECKING:
    from collections.abc import Collection

    from decisionaid.models import Catalogue

FORMAT_NAME = "decisionaid-answers"
FORMAT_VERSION = 2  # what this version writes
READABLE_VERSIONS = (1, 2)  # what it reads: 1 was written by 0.1.0
MAX_FILE_BYTES = 1_000_000
MAX_AGE = 120
MAX_BUDGET_USD = 10_000_000
MAX_TEXT = 5_000
MAX_NAME = 100
MAX_LIST = 100
MAX_OFFER_TEXT = 100_000  # a clinic's offer pasted into "Check a clinic's offer"

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
MAX_ID = 100
MAX_TICKED_QUESTIONS = 3  # decision.questions: the questions the person most wants to ask
MAX_QUESTION_TEXT = 300
HUGE_NUMBER = 10**30  # far beyond any answer; also keeps clear of float overflow and int limits

# Catalogue ids are stable, but if one is ever renamed its old id goes here (old -> new), so that
# files and autosaves that use the old id still load. Applied on load; saving writes the new id.
ID_ALIASES: dict[str, dict[str, str]] = {
    "treatments": {},
    "conditions": {},
}


class IdSets(TypedDict, total=False):
    """The catalogue's ids that answers are checked against (``answers_for_catalogue``)."""

    condition_ids: set[str] | None
    treatment_ids: set[str] | None


class ParseOptions(IdSets, total=False):
    """The keyword arguments of ``parse_answers``, ``loads_answers`` and ``load_answers``."""

    partial: bool
    source: str


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
    questions: tuple[str, ...] = ()  # up to 3 question texts ticked to ask first (version 2)

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

    def with_changes(self, **changes: Any) -> Answers:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The answers as a JSON object (the answers file's format)."""
        out: dict[str, Any] = {
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
        if self.scalp_loss is not None:
            out["scalp_loss"] = self.scalp_loss
        if self.viewed:
            out["viewed"] = list(self.viewed)
        if self.decision != Decision():
            out["decision"] = {
                "sure": dict(self.decision.sure),
                "leaning": self.decision.leaning,
                "notes": self.decision.notes,
            }
            if self.decision.leaning_option is not None:
                out["decision"]["leaning_option"] = self.decision.leaning_option
            if self.decision.questions:
                out["decision"]["questions"] = list(self.decision.questions)
        if self.offer is not None:
            out["offer"] = {"text": self.offer.text, "price_usd": self.offer.price_usd}
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"


# --- text that can be saved and printed ---------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")


def _unprintable(ch: str, multiline: bool) -> bool:
    if multiline and ch in "\n\t":
        return False
    return unicodedata.category(ch) in ("Cc", "Cs")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` without what cannot be saved or printed (``textsafety.clean``: control characters,
    terminal escapes, direction overrides, lone surrogates). Line breaks stay only in
    ``multiline`` text (notes, a pasted offer); tabs become spaces. The app's text entries pass
    what is typed or pasted through this, so what they hold can always be saved."""
    from decisionaid.textsafety import clean

    return clean(text, keep_newlines=multiline)


def _shown(text: str, limit: int = 60) -> str:
    """``text`` safe to put in a message: unprintable characters as \\uXXXX escapes."""
    text = str(text)[:limit]
    return "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in text
    )


def _check_printable(value: str, name: str, multiline: bool = False) -> str:
    for ch in value:
        if _unprintable(ch, multiline):
            if unicodedata.category(ch) == "Cs":
                why = "a broken character (a lone surrogate) that cannot be saved"
            else:
                why = "a control character that cannot be printed"
            raise AnswersError(f"contains {why} (\\u{ord(ch):04x})", name)
    return value


class _HugeNumber:
    """What the JSON decoder gives for a number too large to use; refused naming the field."""

    def __init__(self, text: str):
        self.text = text


def _parse_int(text: str) -> int | _HugeNumber:
    # Python refuses to convert more than 4,300 digits, and such numbers are never answers.
    return _HugeNumber(text) if len(text) > 40 else int(text)


def _parse_float(text: str) -> float | _HugeNumber:
    value = float(text)
    return value if math.isfinite(value) else _HugeNumber(text)


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise AnswersError(
                "appears twice in the same object; each field may be given only once", _shown(key)
            )
        out[key] = value
    return out


def _path(parent: str, key: object) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    label = _shown(str(key), 60)
    return f"{parent}.{label}" if parent else label


def _check_values(obj: object) -> None:
    """Refuse, naming the field, what no answer can be: numbers too large to use and text that
    cannot be saved. Walks the whole value without recursion (so depth cannot crash it)."""
    stack: list[tuple[str, object]] = [("", obj)]
    seen = 0
    while stack:
        name, value = stack.pop()
        seen += 1
        if seen > 200_000:
            raise AnswersError("has too many values to be an answers file")
        if isinstance(value, _HugeNumber) or (
            isinstance(value, int) and not isinstance(value, bool) and abs(value) >= HUGE_NUMBER
        ):
            raise AnswersError("is a number far too large to be an answer", name)
        if isinstance(value, float) and math.isinf(value):
            raise AnswersError("is a number far too large to be an answer", name)
        if isinstance(value, str) and _SURROGATE.search(value):
            raise AnswersError(
                "contains a broken character (a lone surrogate) that cannot be saved", name
            )
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and _SURROGATE.search(key):
                    raise AnswersError(
                        "is a field name with a broken character (a lone surrogate)",
                        _path(name, key),
                    )
                stack.append((_path(name, key), item))
        elif isinstance(value, list | tuple):
            stack.extend((_path(name, i), item) for i, item in enumerate(value))


# --- validation helpers -------------------------------------------------------------------


def _is_number(value: object) -> TypeGuard[int | float]:
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) < HUGE_NUMBER
    return isinstance(value, float) and math.isfinite(value)


def _text(value: object, name: str, limit: int, multiline: bool = False) -> str:
    if not isinstance(value, str):
        raise AnswersError("must be text", name)
    if len(value) > limit:
        raise AnswersError(f"is too long (at most {limit} characters)", name)
    return _check_printable(value, name, multiline)


def _bool(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise AnswersError("must be true or false", name)
    return value


def _id(
    item: object, name: str, allowed: set[str] | None, aliases: dict[str, str] | None = None
) -> str:
    if not isinstance(item, str):
        raise AnswersError("must be text (an id)", name)
    if len(item) > MAX_ID:
        raise AnswersError(f"is too long for an id (at most {MAX_ID} characters)", name)
    _check_printable(item, name)
    item = (aliases or {}).get(item, item)
    if allowed is not None and item not in allowed:
        raise AnswersError(f"'{_shown(item)}' is not a known id", name)
    return item


def _id_list(
    value: object,
    name: str,
    allowed: set[str] | None,
    limit: int = MAX_LIST,
    aliases: dict[str, str] | None = None,
) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise AnswersError("must be a list", name)
    if len(value) > limit:
        raise AnswersError(f"has too many entries (at most {limit})", name)
    out: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise AnswersError("every entry must be text", f"{name}[{i}]")
        item = _id(item, f"{name}[{i}]", allowed, aliases)
        if item not in out:
            out.append(item)
    return tuple(out)


def _object(value: object, name: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise AnswersError("must be an object ({...})", name)
    return value


def _no_unknown_keys(obj: dict[str, object], allowed: Collection[str], name: str = "") -> None:
    for key in obj:
        if key not in allowed:
            label = f"{name}.{_shown(key)}" if name else _shown(key)
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
    "scalp_loss",
    "viewed",
}


def parse_answers(
    obj: object,
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
        _check_values(obj)
        return _parse(obj, condition_ids, treatment_ids, partial)
    except AnswersError as exc:
        if source and not exc.source:
            raise AnswersError(exc.detail, exc.field, source) from None
        raise


def _parse(
    obj: object, condition_ids: set[str] | None, treatment_ids: set[str] | None, partial: bool
) -> Answers:
    if not isinstance(obj, dict):
        raise AnswersError("the file must contain one JSON object ({...})")
    if obj.get("format") != FORMAT_NAME:
        raise AnswersError(
            f'must be "{FORMAT_NAME}" (this is not a DecisionAid answers file)', "format"
        )
    version = obj.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise AnswersError(f"must be a whole number such as {FORMAT_VERSION}", "version")
    if version > max(READABLE_VERSIONS):
        raise AnswersError(
            f"is {version}: this file was made by a newer DecisionAid. "
            f"This DecisionAid reads files up to version {max(READABLE_VERSIONS)}; "
            "please update the app.",
            "version",
        )
    _no_unknown_keys(obj, TOP_LEVEL)
    if not partial:
        for key in REQUIRED:
            if key not in obj:
                raise AnswersError("is missing", key)

    kw: dict[str, Any] = {}  # keyword arguments for Answers, each checked below
    if "hair_loss_type" in obj:
        value = obj["hair_loss_type"]
        if value not in HAIR_LOSS_TYPES:
            raise AnswersError(f"must be one of {', '.join(HAIR_LOSS_TYPES)}", "hair_loss_type")
        kw["hair_loss_type"] = value
    if "scalp_loss" in obj and obj["scalp_loss"] is not None:  # null: not known ("not sure")
        if obj["scalp_loss"] not in SCALP_LOSS_EXTENTS:
            raise AnswersError(
                f"must be one of {', '.join(SCALP_LOSS_EXTENTS)}, or null if not known",
                "scalp_loss",
            )
        kw["scalp_loss"] = obj["scalp_loss"]
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
        values: dict[str, float | None] = {}
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
        kw["conditions"] = _id_list(
            obj["conditions"], "conditions", condition_ids, aliases=ID_ALIASES["conditions"]
        )
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
        levels = {k: DEFAULT_PRIORITY for k in PRIORITY_KEYS}
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
            levels[key] = int(value)
        kw["priorities"] = levels
    if "warning_signs" in obj:
        signs = obj["warning_signs"]
        if not isinstance(signs, list):
            raise AnswersError("must be a list", "warning_signs")
        if len(signs) > 20:
            raise AnswersError("has too many entries (at most 20)", "warning_signs")
        texts = [_text(s, f"warning_signs[{i}]", 300) for i, s in enumerate(signs)]
        kw["warning_signs"] = tuple(dict.fromkeys(texts))
    if "name" in obj:
        kw["name"] = _text(obj["name"], "name", MAX_NAME).strip()
    treatment_aliases = ID_ALIASES["treatments"]
    if "compare" in obj:
        kw["compare"] = _id_list(
            obj["compare"], "compare", treatment_ids, limit=4, aliases=treatment_aliases
        )
    if "viewed" in obj:
        kw["viewed"] = _id_list(obj["viewed"], "viewed", treatment_ids, aliases=treatment_aliases)
    if "decision" in obj:
        kw["decision"] = _parse_decision(obj["decision"], treatment_ids)
    if "offer" in obj and obj["offer"] is not None:
        kw["offer"] = _parse_offer(obj["offer"])
    return Answers(**kw)


def _parse_offer(value: object) -> Offer:
    obj = _object(value, "offer")
    _no_unknown_keys(obj, {"text", "price_usd"}, "offer")
    text = _text(obj.get("text", ""), "offer.text", MAX_OFFER_TEXT, multiline=True)
    price = obj.get("price_usd")
    if price is not None:
        if not _is_number(price):
            raise AnswersError("must be a number of US dollars or null", "offer.price_usd")
        if not 0 <= price <= MAX_BUDGET_USD:
            raise AnswersError(f"must be between 0 and {MAX_BUDGET_USD:,}", "offer.price_usd")
        price = float(price)
    return Offer(text=text, price_usd=price)


def _parse_decision(value: object, treatment_ids: set[str] | None = None) -> Decision:
    obj = _object(value, "decision")
    _no_unknown_keys(obj, {"sure", "leaning", "leaning_option", "notes", "questions"}, "decision")
    option = obj.get("leaning_option")
    if option is not None:
        option = _id(option, "decision.leaning_option", treatment_ids, ID_ALIASES["treatments"])
    sure: dict[str, bool | None] = {k: None for k in SURE_KEYS}
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
        leaning_option=option,
        notes=_text(obj.get("notes", ""), "decision.notes", MAX_TEXT, multiline=True),
        questions=_questions(obj.get("questions", [])),
    )


def _questions(value: object) -> tuple[str, ...]:
    """decision.questions: a list of at most 3 different one-line question texts."""
    name = "decision.questions"
    if not isinstance(value, list):
        raise AnswersError("must be a list of question texts", name)
    if len(value) > MAX_TICKED_QUESTIONS:
        raise AnswersError(f"has {len(value)} questions; at most {MAX_TICKED_QUESTIONS}", name)
    out: list[str] = []
    for i, item in enumerate(value):
        text = _text(item, f"{name}[{i}]", MAX_QUESTION_TEXT).strip()
        if not text:
            raise AnswersError("is empty", f"{name}[{i}]")
        if text in out:
            raise AnswersError("repeats an earlier question", f"{name}[{i}]")
        out.append(text)
    return tuple(out)


def decode_json(text: str, source: str = "") -> object:
    """The JSON value in ``text``, refusing duplicate keys and numbers too large to use."""
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_int=_parse_int,
            parse_float=_parse_float,
        )
    except AnswersError as exc:
        raise AnswersError(exc.detail, exc.field, source) from None
    except (json.JSONDecodeError, RecursionError) as exc:
        raise AnswersError(
            f"is not valid JSON ({getattr(exc, 'msg', 'too deeply nested')})", source=source
        ) from None
    except ValueError as exc:  # anything else the decoder refuses
        raise AnswersError(f"is not valid JSON ({exc})"[:200], source=source) from None


def loads_answers(text: str, **kwargs: Unpack[ParseOptions]) -> Answers:
    return parse_answers(decode_json(text, kwargs.get("source", "")), **kwargs)


_FILE_KINDS = (
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "is a pipe (FIFO), not a saved file"),
    (stat.S_ISCHR, "is a device, not a saved file"),
    (stat.S_ISBLK, "is a device, not a saved file"),
    (stat.S_ISSOCK, "is a socket, not a saved file"),
)


def _not_regular(mode: int) -> str:
    for test, message in _FILE_KINDS:
        if test(mode):
            return message
    return "is not a regular file"


def read_limited(
    path: Path | str, what: str = "an answers file", limit: int = MAX_FILE_BYTES
) -> bytes:
    """The bytes of the regular file ``path``, reading at most ``limit`` + 1 bytes.

    Folders, pipes (FIFOs), devices and sockets are refused before they are opened, so a FIFO
    never blocks and ``/dev/zero`` is never read; a file over ``limit`` is refused without being
    read whole. Raises AnswersError naming the file.
    """
    path = Path(path)
    source = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise AnswersError(f"{_not_regular(info.st_mode)} ({what} is needed)", source=source)
        if info.st_size > limit:
            raise AnswersError(
                f"is too large ({info.st_size:,} bytes; {what} is a few kB)", source=source
            )
        fd = os.open(path, flags)
        try:
            info = os.fstat(fd)  # it may have been swapped since the check above
            if not stat.S_ISREG(info.st_mode):
                raise AnswersError(
                    f"{_not_regular(info.st_mode)} ({what} is needed)", source=source
                )
            chunks, size = [], 0
            while size <= limit:
                chunk = os.read(fd, min(65536, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
    except AnswersError:
        raise
    except FileNotFoundError:
        raise AnswersError("does not exist", source=source) from None
    except IsADirectoryError:
        raise AnswersError("is a folder, not a file", source=source) from None
    except OSError as exc:
        raise AnswersError(f"cannot be read ({exc.strerror or exc})", source=source) from None
    except ValueError as exc:  # for example a NUL character in the path
        raise AnswersError(f"cannot be read ({exc})", source=source) from None
    if size > limit:
        raise AnswersError(
            f"is too large (over {limit:,} bytes; {what} is a few kB)", source=source
        )
    return b"".join(chunks)


def read_json_file(path: Path | str, what: str = "an answers file") -> object:
    """The JSON value in the file ``path``: read by ``read_limited``, UTF-8 (with or without a
    byte-order mark), decoded by ``decode_json``. Raises AnswersError naming the file."""
    raw = read_limited(path, what)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswersError("is not a text file (it is not UTF-8)", source=str(path)) from None
    if not text.strip():
        raise AnswersError("is empty", source=str(path))
    return decode_json(text, str(path))


def load_answers(path: Path | str, **kwargs: Unpack[ParseOptions]) -> Answers:
    """Read and validate an answers file. Raises AnswersError naming the file and the field."""
    kwargs.setdefault("source", str(path))
    return parse_answers(read_json_file(path), **kwargs)


def save_answers(answers: Answers, path: Path | str) -> None:
    """Write atomically; raises atomic.WriteError with a message for a person."""
    write_text_atomic(path, answers.to_json())


def answers_for_catalogue(catalogue: Catalogue) -> IdSets:
    """The keyword arguments that make parse/load check ids against ``catalogue``."""
    return {"condition_ids": set(catalogue.conditions), "treatment_ids": set(catalogue.treatments)}
