"""Free text a person types (their name, notes, where they are leaning, pasted text) made safe to
save and print, in one place: the PDF uses it when it renders, the app and the answers loader
when text is entered.

- ``clean(text)``: control characters removed (keeping line breaks only where asked), bidi
  override and isolate marks removed, lone surrogates removed, composed to NFC.
- ``problem(text, label)``: '' if the PDF can print the text as written, else a plain message:
  right-to-left writing (Hebrew, Arabic, ...) cannot be printed in the right order by the PDF
  (it has no bidi or shaping engine), and characters the embedded DejaVu Sans font has no
  glyph for would print as empty boxes.
- ``printable(text)``: for the PDF, the cleaned text with anything that still cannot be printed
  replaced by a visible "[...]" note: never boxes, never reversed letters.

No Qt and no reportlab here: the font's coverage is the table below, checked against the font
files by tests/test_textsafety.py.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

UNPRINTABLE_NOTE = "[text the PDF cannot print]"
# Explicit direction marks: they reorder text invisibly ("Trojan Source"), so they are removed.
BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
RTL_CLASSES = frozenset({"R", "AL"})
# Terminal escape sequences (colours, "clear screen"): removed whole, not only their ESC.
ANSI_ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")


def clean(text: str, keep_newlines: bool = False) -> str:
    """``text`` without control characters, direction overrides or lone surrogates, in NFC.
    Tabs become spaces; line breaks are kept only if ``keep_newlines`` (else one space)."""
    if not isinstance(text, str):
        return ""
    out = []
    for ch in ANSI_ESCAPE.sub("", text).replace("\r\n", "\n"):
        if ch in "\r\n\u2028\u2029\x85":
            out.append("\n" if keep_newlines else " ")
        elif ch == "\t":
            out.append(" ")
        elif ch in BIDI_CONTROLS:
            continue
        else:
            cat = unicodedata.category(ch)
            if cat in ("Cc", "Cs", "Co", "Cn"):
                continue
            out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def is_right_to_left(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in RTL_CLASSES


def has_glyph(ch: str) -> bool:
    """Whether the PDF's font (DejaVu Sans, regular and bold) can draw ``ch``."""
    code = ord(ch)
    i = bisect.bisect_right(_STARTS, code) - 1
    return i >= 0 and code <= _ENDS[i]


def _unprintable(ch: str) -> bool:
    return ch != "\n" and (is_right_to_left(ch) or not has_glyph(ch))


def problem(text: str, label: str = "This text") -> str:
    """'' if the PDF can print ``text`` (after ``clean``) as written; else a plain message
    naming ``label`` ("Your name", "Your notes") and what to do."""
    text = clean(text, keep_newlines=True)
    if any(is_right_to_left(ch) for ch in text):
        return (
            f"{label} uses right-to-left writing (such as Hebrew or Arabic). The PDF summary "
            "cannot print it in the right order yet. Please write it in Latin letters, or leave "
            "it out and write it on the printed page by hand."
        )
    missing = [ch for ch in dict.fromkeys(text) if ch != "\n" and not has_glyph(ch)]
    if missing:
        shown = " ".join(missing[:5])
        return (
            f"{label} has characters the PDF summary cannot print ({shown}). Please write them "
            "another way, or leave them out."
        )
    return ""


def printable(text: str, keep_newlines: bool = False) -> str:
    """The text as the PDF should print it: cleaned, and each run of characters that cannot be
    printed correctly (right-to-left or without a glyph) replaced by UNPRINTABLE_NOTE."""
    text = clean(text, keep_newlines)
    if not any(_unprintable(ch) for ch in text):
        return text
    out, in_run = [], False
    for ch in text:
        if _unprintable(ch) or (in_run and ch == " "):
            if not in_run:
                out.append(UNPRINTABLE_NOTE)
                in_run = True
            continue
        if in_run and out and out[-1] == UNPRINTABLE_NOTE:
            out.append(" ")
        in_run = False
        out.append(ch)
    return "".join(out).strip()


# Code points drawn by both DejaVuSans.ttf and DejaVuSans-Bold.ttf (hex, "start-end"), from the
# fonts' cmap tables; regenerate with the snippet in tests/test_textsafety.py if the fonts change.
_COVERAGE = (
    "20-7e a0-2e9 2ec-2ee 2f3 2f7 300-34f 351-353 357-358 35a 35c-362 370-377 37a-37f "
    "384-38a 38c 38e-3a1 3a3-525 531-556 559-55f 561-587 589-58a 5b0-5c3 5c6-5c7 5d0-5ea "
    "5f0-5f4 606-607 609-60a 60c 615 61b 61f 621-63a 640-655 657 65a 660-670 674 679-6bf "
    "6c6-6c8 6cb-6cc 6ce 6d0 6d5 6f0-6f9 7c0-7e7 7eb-7f5 7f8-7fa e3f e81-e82 e84 e87-e88 e8a "
    "e8d e94-e97 e99-e9f ea1-ea3 ea5 ea7 eaa-eab ead-eb9 ebb-ebd ec0-ec4 ec6 ec8-ecd ed0-ed9 "
    "edc-edd 10a0-10c5 10d0-10fc 1401-1407 1409-141b 141d-1435 1437-144a 144c-1452 1454-14bd "
    "14c0-14ea 14ec-1507 1510-153e 1540-1550 1552-156a 1574-1585 158a-1596 15a0-15af 15de "
    "15e1 1646-1647 166e-1676 1680-169c 1d00-1d14 1d16-1d23 1d26-1d2e 1d30-1d5b 1d5d-1d6a "
    "1d77-1d78 1d7b 1d7d 1d85 1d9b-1dbf 1dc4-1dc9 1e00-1efb 1f00-1f15 1f18-1f1d 1f20-1f45 "
    "1f48-1f4d 1f50-1f57 1f59 1f5b 1f5d 1f5f-1f7d 1f80-1fb4 1fb6-1fc4 1fc6-1fd3 1fd6-1fdb "
    "1fdd-1fef 1ff2-1ff4 1ff6-1ffe 2000-2064 206a-2071 2074-208e 2090-209c 20a0-20b5 "
    "20b8-20ba 20bd 20d0-20d1 20d6-20d7 20db-20dc 20e1 2100-2109 210b-2149 214b 214e "
    "2150-2185 2189 2190-2311 2318-2319 231c-2321 2324-2328 232b-232c 2373-2375 237a 237d "
    "2387 2394 239b-23ae 23ce-23cf 23e3 23e5 23e8 2422-2423 2460-2469 2500-269c 269e-26b8 "
    "26c0-26c3 26e2 2701-2704 2706-2709 270c-2727 2729-274b 274d 274f-2752 2756 2758-275e "
    "2761-2794 2798-27af 27b1-27be 27c5-27c6 27e0 27e6-27eb 27f0-28ff 2906-2907 290a-290b "
    "2940-2941 2983-2984 29ce-29d5 29eb 29fa-29fb 2a00-2a02 2a0c-2a1c 2a2f 2a6a-2a6b "
    "2a7d-2aa0 2aae-2aba 2af9-2afa 2b00-2b1a 2b1f-2b24 2b53-2b54 2c60-2c77 2c79-2c7f "
    "2d00-2d25 2d30-2d65 2d6f 2e18 2e1f 2e22-2e25 2e2e 4dc0-4dff a4d0-a4ff a644-a647 "
    "a64c-a64d a650-a651 a654-a657 a662-a66e a68a-a68d a694-a695 a698-a699 a708-a716 "
    "a71b-a71f a722-a72b a730-a741 a746-a74b a74e-a753 a756-a757 a764-a767 a780-a783 "
    "a789-a78e a790-a791 a7a0-a7aa a7f8-a7ff ef00-ef19 f400-f426 f428-f441 f6c5 fb00-fb06 "
    "fb13-fb17 fb1d-fb36 fb38-fb3c fb3e fb40-fb41 fb43-fb44 fb46-fb4f fb52-fba3 fbaa-fbad "
    "fbd3-fbdc fbde-fbdf fbe4-fbe9 fbfc-fbff fe00-fe0f fe20-fe23 fe70-fe74 fe76-fefc feff "
    "fff9-fffd 10300-1031e 10320-10323 1d300-1d356 1d538-1d539 1d53b-1d53e 1d540-1d544 1d546 "
    "1d54a-1d550 1d552-1d56b 1d7d8-1d7e1 1f030-1f093 1f0a0-1f0ae 1f0b1-1f0be 1f0c1-1f0cf "
    "1f0d1-1f0df 1f311-1f318 1f42d-1f42e 1f431 1f435 1f600-1f623 1f625-1f62b 1f62d-1f640 "
    "1f643 "
)


def _ranges() -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for part in "".join(_COVERAGE).split():
        first, _, last = part.partition("-")
        starts.append(int(first, 16))
        ends.append(int(last or first, 16))
    return starts, ends


_STARTS, _ENDS = _ranges()
