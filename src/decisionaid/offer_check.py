"""Check a clinic's offer: find the products a text names and the sentences whose claims run
ahead of the evidence or the law. No Qt; nothing leaves the computer.

The checker reads sentences, not words. Its data (claim patterns with their examples, extra
product names, questions) lives in ``data/offers/`` and is built into the catalogue
(``catalogue/offers.py``); product names also come from every treatment's name and
``also_known_as``. It finds known patterns only: a sentence it does not flag is not thereby true.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypedDict

from decisionaid.vocabulary import REGULATORY_WORDS

if TYPE_CHECKING:
    from decisionaid.models import Catalogue

MAX_CHARS = 100_000  # the stated limit on text to check (a long clinic page is ~30,000)
MAX_FILE_BYTES = 5_000_000  # raw file, before HTML is stripped
LIMITS_TEXT = (
    "This check finds known kinds of sales claims. It can miss a claim, and it can flag a fair "
    "sentence. A sentence it does not flag is not thereby true. Nothing you paste is sent "
    "anywhere: the check runs on this computer."
)
KIND_WORDS = {
    "regulatory": "Rules and approval",
    "efficacy": "Does it work?",
    "speed": "How fast",
    "safety": "Safety",
    "permanence": "How long it lasts",
    "mechanism": "How it works (a story, not proof)",
    "price_pressure": "Pressure to buy",
    "credentials": "Borrowed authority",
}
STATUS_WORDS = dict(REGULATORY_WORDS) | {
    "supplement": "Dietary supplement (not reviewed by the FDA)",
    "unknown": "Not known",
}
CONTEXT_SENTENCES = 3  # a sentence naming no product is judged with the last product named


class OfferError(ValueError):
    """The text or file cannot be checked. ``str(error)`` is one line for a person."""


# --- reading text -----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Plain newlines, no control characters (they mean a binary file or a bad paste)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


class _TextFromHtml(HTMLParser):
    SKIP = {"script", "style", "noscript", "svg", "head", "template", "iframe"}
    BLOCK = {
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td",
        "th", "section", "article", "header", "footer", "table", "blockquote", "dt", "dd",
        "figcaption", "main", "aside", "nav", "title", "hr", "form", "label", "button",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML page (stdlib html.parser; scripts and styles dropped)."""
    parser = _TextFromHtml()
    parser.feed(html)
    parser.close()
    lines = [
        re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.parts).split("\n")
    ]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head


def check_length(text: str) -> str:
    if len(text) > MAX_CHARS:
        raise OfferError(
            f"the text is too long ({len(text):,} characters; the limit is {MAX_CHARS:,}). "
            "Check the part of the page with the offer."
        )
    return text


def read_offer_file(path: str | Path, stdin: TextIO | None = None) -> str:
    """Read plain text, an .html/.htm page (stripped to text) or ``-`` (standard input).
    Raises OfferError with a one-line message."""
    if str(path) == "-":
        import sys

        stream = stdin or sys.stdin
        raw = stream.buffer.read(MAX_FILE_BYTES + 1) if hasattr(stream, "buffer") else None
        if raw is None:
            text = stream.read(MAX_FILE_BYTES + 1)
            raw = text.encode("utf-8", "surrogatepass")
        name, is_html = "standard input", None
    else:
        p = Path(path)
        name = str(p)
        try:
            if p.is_dir():
                raise OfferError(f"{name} is a folder, not a text or HTML file")
            size = p.stat().st_size
            if size > MAX_FILE_BYTES:
                raise OfferError(
                    f"{name} is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})"
                )
            raw = p.read_bytes()
        except FileNotFoundError:
            raise OfferError(f"{name} does not exist") from None
        except PermissionError:
            raise OfferError(f"{name} cannot be read (permission denied)") from None
        except OSError as exc:
            raise OfferError(f"{name} cannot be read ({exc.strerror or exc})") from None
        is_html = p.suffix.lower() in (".html", ".htm", ".xhtml")
    if len(raw) > MAX_FILE_BYTES:
        raise OfferError(f"{name} is too large (the limit is {MAX_FILE_BYTES:,} bytes)")
    if b"\x00" in raw[:4096]:
        raise OfferError(f"{name} is not a text or HTML file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise OfferError(f"{name} is not a text file (unknown character encoding)") from None
    if is_html or (is_html is None and looks_like_html(text)):
        text = html_to_text(text)
    text = clean_text(text)
    if not text.strip():
        raise OfferError(f"{name} has no text to check")
    try:
        return check_length(text)
    except OfferError as exc:
        raise OfferError(f"{name}: {exc}") from None


# --- sentences --------------------------------------------------------------------------------

_ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "st", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "no", "fig", "approx",
    "inc", "ltd", "co", "jr", "sr", "prof", "mt", "ca", "al",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?:\d{1,2}(?=\s))?\s+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in ``text``: lines are split on their own, then at
    . ! ? followed by a space (not after Dr., U.S. or a single initial). Bullets are trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = 0
        for m in _BOUNDARY.finditer(line):
            before = line[start : m.start()]
            word = re.findall(r"[\w.]+$", before)
            last = word[0].lower().rstrip(".") if word else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            nxt = line[m.end() : m.end() + 1]
            if nxt and nxt.islower():
                continue
            if any(c.isdigit() for c in m.group(0)) and before[-1:].isdigit():
                continue  # 5.5 million: a decimal point, not the end of a sentence
            spans.append((pos + start, pos + m.end()))
            start = m.end()
        spans.append((pos + start, pos + len(line)))
        pos += len(line) + 1
    out = []
    for s, e in spans:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip(" \t\u2022\u25cf\u25aa*-\u2013\u2014>\u00b7"))
        s2, e2 = s + lead, s + len(seg.rstrip())
        if e2 > s2 and re.search(r"[A-Za-z]", text[s2:e2]):
            out.append((s2, e2))
    return out


def normalise(text: str) -> str:
    """Lower case, plain quotes and dashes, single spaces: what the patterns are written for."""
    text = text.lower()
    text = re.sub("[\u2018\u2019\u201b\u0060\u00b4\u2032]", "'", text)
    text = re.sub("[\u201c\u201d\u201e\u2033]", '"', text)
    text = re.sub("[\u2010\u2011\u2012\u2013\u2014\u2212]", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def _loose(text: str) -> str:
    """For names: no apostrophes, every other non-letter a space ("Wharton's" -> "whartons")."""
    text = normalise(text).replace("'", "").replace('"', " ")
    return " " + re.sub(r"[^a-z0-9%+]+", " ", text).strip() + " "


def _name_regex(name: str) -> str | None:
    name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)  # XoFlo -> Xo Flo: also finds "xo-flo"
    tokens = _loose(name).split()
    if not tokens:
        return None
    parts = []
    for t in tokens:
        stem = t[:-1] if len(t) > 3 and t.endswith("s") and not t.endswith("ss") else t
        parts.append(re.escape(stem) + "(?:s|es)?")
    return r"(?<![a-z0-9])" + " ?".join(parts) + r"(?![a-z0-9])"


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Product:
    id: str
    name: str
    regulatory: str  # a catalogue status, "supplement", or "unknown"
    regulatory_words: str
    regulatory_text: str
    in_catalogue: bool
    found_as: str  # the words in the text
    mentions: int = 1  # sentences that name it


@dataclass(frozen=True)
class Flag:
    text: str  # the sentence as it stands in the input
    start: int
    end: int
    kind: str
    pattern: str
    why: str
    refs: tuple[str, ...]
    products: tuple[str, ...] = ()
    words: str = ""  # the words that matched

    @property
    def kind_words(self) -> str:
        return KIND_WORDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class OfferReport:
    text: str
    products: tuple[Product, ...]
    flags: tuple[Flag, ...]
    questions: tuple[str, ...]
    sentences: int
    limits: str = LIMITS_TEXT

    def flagged_sentences(self) -> list[tuple[int, int, list[Flag]]]:
        """Each flagged sentence once, in text order, with all its flags."""
        by_span: dict[tuple[int, int], list[Flag]] = {}
        for f in self.flags:
            by_span.setdefault((f.start, f.end), []).append(f)
        return [(s, e, fl) for (s, e), fl in sorted(by_span.items())]

    def to_dict(self) -> dict[str, list[Any]]:
        """The report as JSON (``decisionaid check-offer --json``)."""
        return {
            "products": [
                {"id": p.id, "name": p.name, "regulatory": p.regulatory} for p in self.products
            ],
            "flags": [
                {"text": f.text, "kind": f.kind, "why": f.why, "refs": list(f.refs)}
                for f in self.flags
            ],
            "questions": list(self.questions),
        }


# --- the checker ------------------------------------------------------------------------------
# The checker's data, as ``catalogue/offers.py`` stores it (JSON bodies of the offer_patterns rows).


class _Question(TypedDict, total=False):
    text: str
    when: str  # "always", "unapproved" or "cells"
    position: int


class _Phrases(TypedDict, total=False):
    phrases: list[str]


class _Negation(TypedDict, total=False):
    words: list[str]
    phrases: list[str]
    window_words: int


class _Settings(TypedDict, total=False):
    hedges: _Phrases
    negation: _Negation
    subjects: _Phrases


class _NameEntry(TypedDict, total=False):
    treatment: str
    names: list[str]


class _Other(TypedDict, total=False):
    id: str
    name: str
    status: str
    text: str
    names: list[str]


class _Generic(TypedDict, total=False):
    name: str
    names: list[str]


class _Names(TypedDict, total=False):
    ignore: list[str]
    name: list[_NameEntry]
    other: list[_Other]
    generic: list[_Generic]


@dataclass
class _Pattern:
    id: str
    kind: str
    terms: list[re.Pattern[str]]
    why: str
    refs: tuple[str, ...]
    judge: str = ""
    requires: list[re.Pattern[str]] = field(default_factory=list)
    unless: list[re.Pattern[str]] = field(default_factory=list)
    hedges: bool = False
    question: str = ""
    why_by_status: dict[str, str] = field(default_factory=dict)
    flag: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()


@dataclass
class _Name:
    regex: re.Pattern[str]
    product: str  # treatment id, other id, or "" for a generic word
    length: int


# What ``check_sentence`` finds: (pattern, why, the words that matched, the product keys judged).
_Hit = tuple[_Pattern, str, str, tuple[str, ...]]


class OfferChecker:
    """Built once per catalogue (``for_catalogue``); ``check(text)`` is pure."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        rows = catalogue.extra.get("offer_patterns") or []
        bodies = [(r["kind"], json.loads(r["body"])) for r in rows]
        self.patterns: list[_Pattern] = []
        self.questions: list[_Question] = []
        settings: _Settings = {}
        names: _Names = {}
        for kind, body in bodies:
            if kind == "pattern":
                self.patterns.append(
                    _Pattern(
                        id=body["id"],
                        kind=body["kind"],
                        terms=[re.compile(t) for t in body.get("terms", [])],
                        why=body["why"].strip(),
                        refs=tuple(body.get("refs", [])),
                        judge=body.get("judge", ""),
                        requires=[re.compile(t) for t in body.get("requires", [])],
                        unless=[re.compile(t) for t in body.get("unless", [])],
                        hedges=bool(body.get("hedges")),
                        question=body.get("question", ""),
                        why_by_status=body.get("why_by_status", {}),
                        flag=tuple(body.get("flag", [])),
                        passes=tuple(body.get("pass", [])),
                    )
                )
            elif kind == "question":
                self.questions.append(body)
            elif kind == "settings":
                settings = body
            elif kind == "names":
                names = body
        self.questions.sort(key=lambda q: q.get("position", 0))
        hedges = settings.get("hedges", {}).get("phrases", [])
        self.hedge_re = re.compile("|".join(f"(?:{h})" for h in hedges)) if hedges else None
        neg = settings.get("negation", {})
        self.neg_words = set(neg.get("words", []))
        phrases = neg.get("phrases", [])
        self.neg_re = re.compile("|".join(f"(?:{p})" for p in phrases)) if phrases else None
        self.window = int(neg.get("window_words", 8))
        subjects = settings.get("subjects", {}).get("phrases", [])
        self.subject_re = re.compile("|".join(f"(?:{p})" for p in subjects)) if subjects else None
        self.others: dict[str, _Other] = {o["id"]: o for o in names.get("other", [])}
        self.generic_name = ""
        self._names: list[_Name] = []
        self._build_names(names)

    @classmethod
    def for_catalogue(cls, catalogue: Catalogue) -> OfferChecker:
        checker = catalogue.extra.get("offer_checker")
        if not isinstance(checker, OfferChecker):  # None: not built yet for this catalogue
            checker = catalogue.extra["offer_checker"] = cls(catalogue)
        return checker

    @property
    def ready(self) -> bool:
        return bool(self.patterns)

    def _build_names(self, names: _Names) -> None:
        ignore = {_loose(n) for n in names.get("ignore", [])}
        seen: set[tuple[str, str]] = set()

        def add(name: str, product: str) -> None:
            key = _loose(name)
            if key in ignore or len(key.strip()) < 2 or (key, product) in seen:
                return
            seen.add((key, product))
            regex = _name_regex(name)
            if regex:
                self._names.append(_Name(re.compile(regex), product, len(key)))

        for tid, t in self.catalogue.treatments.items():
            add(re.sub(r"\s*\([^)]*\)", "", t.name), tid)
            for alias in t.also_known_as:
                add(re.sub(r"\s*\([^)]*\)", "", alias), tid)
                for inner in re.findall(r"\(([^)]*)\)", alias):
                    add(inner, tid)
        for entry in names.get("name", []):
            if entry.get("treatment") in self.catalogue.treatments:
                for n in entry.get("names", []):
                    add(n, entry["treatment"])
        for other in names.get("other", []):
            for n in other.get("names", []):
                add(n, "other:" + other["id"])
        for generic in names.get("generic", []):
            self.generic_name = generic.get("name", "")
            for n in generic.get("names", []):
                add(n, "")
        self._names.sort(key=lambda n: -n.length)

    # --- products ---------------------------------------------------------------------------
    def products_in(self, sentence: str) -> list[tuple[str, str]]:
        """(product key, words) named in ``sentence``, longest names first, no overlaps. A
        generic word gives the key ""."""
        loose = _loose(sentence)
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, str, str]] = []
        for n in self._names:
            for m in n.regex.finditer(loose):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                found.append((s, n.product, m.group(0).strip()))
        found.sort()
        return [(key, words) for _, key, words in found]

    def _status(self, key: str) -> str:
        if key == "":
            return "unapproved"
        if key.startswith("other:"):
            return self.others.get(key[6:], {}).get("status", "unknown")
        t = self.catalogue.treatments.get(key)
        return t.regulatory.status if t else "unknown"

    def _product(self, key: str, words: str) -> Product | None:
        if key == "":
            return None
        if key.startswith("other:"):
            o = self.others[key[6:]]
            status = o.get("status", "unknown")
            return Product(
                id=o["id"],
                name=o.get("name", o["id"]),
                regulatory=status,
                regulatory_words=STATUS_WORDS.get(status, status),
                regulatory_text=o.get("text", "").strip(),
                in_catalogue=False,
                found_as=words,
            )
        t = self.catalogue.treatments[key]
        status = t.regulatory.status
        return Product(
            id=t.id,
            name=t.name,
            regulatory=status,
            regulatory_words=STATUS_WORDS.get(status, status),
            regulatory_text=t.regulatory.text,
            in_catalogue=True,
            found_as=words,
        )

    # --- sentences --------------------------------------------------------------------------
    def _denied(self, norm: str, start: int) -> bool:
        before = norm[:start]
        for cut in (";", ":", " but ", " however", " although", " though", " whereas"):
            i = before.rfind(cut)
            if i >= 0:
                before = before[i + len(cut) :]
        segments = before.split(",")
        kept = segments.pop() if segments else ""
        while segments and len(re.findall(r"[a-z0-9']+", kept)) <= 2:
            kept = segments.pop() + "," + kept
        words = re.findall(r"[a-z']+", kept)[-self.window :]
        for w in words:
            w2 = w.replace("'", "")
            if w in self.neg_words or w2 in self.neg_words or w.endswith("n't"):
                return True
        tail = " ".join(words)
        return bool(self.neg_re and self.neg_re.search(tail))

    def _judged_ok(self, pat: _Pattern, keys: list[str], norm: str = "") -> bool:
        """True when the product(s) make the claim fair: approval of an approved product,
        off-label use of a product approved for something, lasting results of surgery."""
        if pat.judge == "outcome":
            # A promise of outcome is fair for an approved medicine or for surgery that moves
            # lasting hair; it is about no product at all if no product is named in or just
            # before the sentence and the sentence does not speak of a treatment.
            if not keys:
                return not (self.subject_re and self.subject_re.search(norm))
            named = [k for k in keys if k]
            return bool(named) and all(self._outcome_fair(k) for k in named)
        if any(k for k in keys):
            keys = [k for k in keys if k]  # a named product, not "stem cells" in general
        statuses = [self._status(k) for k in keys]
        if pat.judge in ("approval", "evidence"):
            return bool(statuses) and all(s == "approved" for s in statuses)
        if pat.judge == "unapproved":  # fair unless a product named is unapproved or unknown
            return bool(keys) and not any(
                k == "" or s in ("unapproved", "research_only", "unknown")
                for k, s in zip(keys, statuses, strict=True)
            )
        if pat.judge == "off_label":
            return not any(s in ("unapproved", "research_only", "unknown") for s in statuses)
        if pat.judge == "permanence":
            perms = [
                self.catalogue.treatments[k].permanence
                for k in keys
                if k in self.catalogue.treatments
            ]
            return bool(keys) and len(perms) == len(keys) and all(p == "lasting" for p in perms)
        return False

    def _outcome_fair(self, key: str) -> bool:
        t = self.catalogue.treatments.get(key)
        if t is None:
            return False  # a supplement or an unknown product: never the permissive side
        return t.regulatory.status == "approved" or t.permanence == "lasting"

    def _why(self, pat: _Pattern, keys: list[str]) -> str:
        if pat.judge != "approval":
            return pat.why
        statuses = [self._status(k) for k in keys]
        if not keys:
            return pat.why_by_status.get("unknown", pat.why)
        for key, status in zip(keys, statuses, strict=True):
            if status == "approved":
                continue
            if status in pat.why_by_status:
                return pat.why_by_status[status]
            t = self.catalogue.treatments.get(key)
            if t is not None and t.regulatory.text:
                return f"{pat.why} What the catalogue says about {t.name}: {t.regulatory.text}"
            break
        return pat.why

    def check_sentence(self, sentence: str, context: list[str] | None = None) -> list[_Hit]:
        """(pattern, why, words, product keys) for each pattern that flags ``sentence``.
        ``context``: product keys named shortly before, for a sentence that names none."""
        norm = normalise(sentence)
        if norm.endswith(("?", ":")):
            return []  # a question or a lead-in claims nothing ("Is it a cure for hair loss?")
        keys = [k for k, _ in self.products_in(sentence)]
        judged_keys = keys or list(context or [])
        hedged = bool(self.hedge_re and self.hedge_re.search(norm))
        out: list[_Hit] = []
        for pat in self.patterns:
            if pat.hedges and hedged:
                continue
            if pat.requires and not any(r.search(norm) for r in pat.requires):
                continue
            if any(r.search(norm) for r in pat.unless):
                continue
            for term in pat.terms:
                hit = None
                for m in term.finditer(norm):
                    if not self._denied(norm, m.start()):
                        hit = m
                        break
                if hit is None:
                    continue
                if pat.judge and self._judged_ok(pat, judged_keys, norm):
                    break
                out.append((pat, self._why(pat, judged_keys), hit.group(0), tuple(judged_keys)))
                break
        # The broad "outcome" families are a catch-all: when a more specific pattern of the same
        # kind already explains the sentence, one explanation is enough.
        specific = {p.kind for p, *_ in out if p.judge != "outcome"}
        return [o for o in out if o[0].judge != "outcome" or o[0].kind not in specific]

    def check(self, text: str) -> OfferReport:
        text = check_length(clean_text(text))
        spans = split_sentences(text)
        products: dict[str, Product] = {}
        flags: list[Flag] = []
        named_in = [self.products_in(text[s:e]) for s, e in spans]
        any_cells = any_unapproved = False
        for i, (start, end) in enumerate(spans):
            sentence = text[start:end]
            named = named_in[i]
            for key, words in named:
                if key == "":
                    any_cells = any_unapproved = True
                    continue
                product = self._product(key, words)
                if product and product.id not in products:
                    products[product.id] = product
                elif product:
                    seen = products[product.id]
                    products[product.id] = replace(seen, mentions=seen.mentions + 1)
                if product and product.regulatory in ("unapproved", "research_only"):
                    any_unapproved = True
                t = self.catalogue.treatments.get(key)
                if t is not None and t.category in ("regenerative", "research"):
                    any_cells = True
            # A sentence naming no product is about the one named just before (or, failing that,
            # just after: "Only two medicines are proven. Minoxidil and finasteride.")
            around = [named_in[j] for j in range(i - 1, max(-1, i - 1 - CONTEXT_SENTENCES), -1)]
            if i + 1 < len(spans):
                around.append(named_in[i + 1])
            context = next(([k for k, _ in n] for n in around if n), [])
            for pat, why, words, judged in self.check_sentence(sentence, context):
                flags.append(
                    Flag(
                        text=sentence,
                        start=start,
                        end=end,
                        kind=pat.kind,
                        pattern=pat.id,
                        why=why,
                        refs=pat.refs,
                        products=tuple(k for k in judged if k),
                        words=words,
                    )
                )
                if pat.kind == "regulatory":
                    any_unapproved = True
        return OfferReport(
            text=text,
            products=tuple(products.values()),
            flags=tuple(flags),
            questions=tuple(self._questions(flags, any_unapproved, any_cells)),
            sentences=len(spans),
        )

    def _questions(self, flags: list[Flag], unapproved: bool, cells: bool) -> list[str]:
        out: list[str] = []

        def add(q: str) -> None:
            q = q.strip()
            if q and q not in out:
                out.append(q)

        for q in self.questions:
            when = q.get("when")
            if (when == "unapproved" and unapproved) or (when == "cells" and cells):
                add(q["text"])
        by_id = {p.id: p for p in self.patterns}
        for f in flags:
            pat = by_id.get(f.pattern)
            if pat and pat.question and not (pat.kind == "regulatory" and unapproved and out):
                add(pat.question)
        for q in self.questions:
            if q.get("when") == "always":
                add(q["text"])
        return out


def check_offer(text: str, catalogue: Catalogue) -> OfferReport:
    """Check ``text`` against ``catalogue``'s claim patterns and product names."""
    checker = OfferChecker.for_catalogue(catalogue)
    if not checker.ready:
        raise OfferError(
            "this catalogue has no claim patterns, so the offer cannot be checked; "
            "install a current version of DecisionAid"
        )
    return checker.check(text)


# --- price ------------------------------------------------------------------------------------


def _money(value: float) -> str:
    return f"${value:,.0f}"


def priced_product(report: OfferReport, catalogue: Catalogue) -> Product | None:
    """The product the offer is most about (named most often) among those with a catalogue
    price; None if no product named has one."""
    priced = [
        p
        for p in report.products
        if p.in_catalogue
        and catalogue.treatments[p.id].cost.known
        and catalogue.treatments[p.id].cost.upfront is not None
    ]
    return max(priced, key=lambda p: p.mentions, default=None)


def compare_price(catalogue: Catalogue, treatment_id: str, price_usd: float | None) -> str:
    """One or two plain sentences comparing the person's price with the catalogue's range."""
    t = catalogue.treatments.get(treatment_id)
    if t is None:
        return "This product is not in the catalogue, so there is no price to compare with."
    cost = t.cost
    if not cost.known or cost.upfront is None:
        return (
            f"The catalogue has no price for {t.name}, so we cannot compare. "
            "Ask for a written quote for every session."
        )
    lo, hi = cost.upfront
    range_text = f"{_money(lo)} to {_money(hi)}" if lo != hi else _money(lo)
    source = " (an estimate, often from clinics' own pages)" if cost.estimate else ""
    base = f"The catalogue's range for {t.name} is {range_text} to start{source}."
    if price_usd is None:
        return base
    if price_usd < lo:
        where = "below this range. Ask what is included, and how many sessions you will need"
    elif price_usd > hi:
        where = "above this range. Ask why, and ask for a written quote for every session"
    else:
        where = "within this range. Ask how many sessions you will need in all"
    return f"{base} Your price of {_money(price_usd)} is {where}."
