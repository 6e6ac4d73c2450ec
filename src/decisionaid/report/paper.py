"""Paper sizes by locale, without reportlab (the app's export step asks before any PDF is made)."""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Mapping

PAPER_NAMES = {"a4": "A4", "letter": "US Letter"}
# Territories whose printers use US Letter (as in glibc's LC_PAPER data); everyone else uses A4.
LETTER_TERRITORIES = frozenset(
    {"US", "CA", "MX", "PH", "PR", "CL", "CO", "CR", "GT", "NI", "PA", "SV", "VE", "DO", "BZ"}
)
LETTER_COUNTRY_NAMES = ("united states", "canada", "mexico", "philippines", "puerto rico")


def paper_for_locale(name: str | None) -> str:
    """'letter' for a locale in a Letter country ('en_US.UTF-8', 'English_Canada'), else 'a4'."""
    if not name:
        return "a4"
    base = re.split(r"[.@]", str(name), maxsplit=1)[0]
    for sep in ("_", "-"):
        if sep in base:
            territory = base.rsplit(sep, 1)[1]
            if territory.upper() in LETTER_TERRITORIES:
                return "letter"
    lowered = base.lower()
    return "letter" if any(country in lowered for country in LETTER_COUNTRY_NAMES) else "a4"


def default_paper(environ: Mapping[str, str] | None = None) -> str:
    """The paper size for the person's locale: LC_ALL, then LC_PAPER, then LANG, then the
    process locale. Never fails: anything unreadable means A4."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(var)
        if value:
            return paper_for_locale(value)
    if environ is not None:
        return "a4"
    try:
        return paper_for_locale(locale.getlocale()[0])
    except (ValueError, TypeError, locale.Error):
        return "a4"
