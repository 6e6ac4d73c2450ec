"""The consultation summary: a pure function from a result to a document.

``SECTIONS`` names the parts a person may choose to include, in the order they appear.
"""

SECTIONS = {
    "answers": "What I told the app",
    "options": "Options that fit my answers, and options to discuss with care",
    "not_fitting": "Options that did not fit, and why",
    "comparison": "Side-by-side comparison",
    "icon_arrays": "Out of 100 people: pictures of the numbers",
    "claims": "What clinics claim and what the evidence says",
    "offer": "What the clinic told me, and what the evidence says",
    "questions": "Questions to ask",
    "decision": "Before you decide",
    "clinician": "For the clinician",
    "references": "References and about this catalogue",
}
