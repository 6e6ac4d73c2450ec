"""The consultation summary: a pure function from a result to a document.

``SECTIONS`` names the parts a person may choose to include, in the order they appear;
``DEFAULT_SECTIONS`` are the ones included when nothing is chosen.
"""

SECTIONS = {
    "today": "For today's visit",
    "options": "Options that fit my answers, and options to discuss with care",
    "not_fitting": "Options that do not fit, and why",
    "comparison": "Side-by-side comparison",
    "claims": "What clinics claim and what the evidence says",
    "offer": "What the clinic told me, and what the evidence says",
    "icon_arrays": "Out of 100 people: pictures of the numbers",
    "questions": "Questions to ask",
    "answers": "What I told the app",
    "clinician": "For the clinician",
    "references": "References",
}
# Optional: the option cards already give every number in words and every option compared,
# and page 1 and the record note hold the answers a clinician needs first.
OPTIONAL_SECTIONS = ("comparison", "icon_arrays", "answers")
DEFAULT_SECTIONS = tuple(key for key in SECTIONS if key not in OPTIONAL_SECTIONS)

FORMATS = ("pdf", "html")
