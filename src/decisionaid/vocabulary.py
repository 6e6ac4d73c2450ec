"""The catalogue's controlled words: every allowed value of a coded field, and its words for people.

Kept apart from ``models`` (the data classes) so that reading answers does not need the data
classes: the app's first window appears before the catalogue is opened.
"""

from __future__ import annotations

HAIR_LOSS_TYPES = (
    "male_pattern",
    "female_pattern",
    "alopecia_areata",
    "telogen_effluvium",
    "traction",
    "scarring",
    "unsure",
)
# The one type whose evidence rows and answers say how much of the scalp is lost.
SCALP_LOSS_TYPE = "alopecia_areata"
# How much of the scalp alopecia areata has taken (answers format version 2, ``scalp_loss``).
SCALP_LOSS_EXTENTS = ("less_than_half", "half_or_more", "total")
CERTAINTIES = ("high", "moderate", "low", "very_low", "none")
CERTAINTY_WORDS = {
    "high": "High certainty",
    "moderate": "Moderate certainty",
    "low": "Low certainty",
    "very_low": "Very low certainty",
    "none": "No human evidence",
}
# GRADE's plain verbs for an effect at each certainty (GRADE guidelines 26, informative
# statements: Santesso N et al. J Clin Epidemiol 2020;119:126-135).
CERTAINTY_VERBS = {
    "high": "works",
    "moderate": "probably works",
    "low": "may work",
    "very_low": "we are very uncertain whether it works",
    "none": "it has not been tested in people",
}
EFFECTS = ("large", "moderate", "small", "none", "unknown")
CATEGORIES = ("standard", "regenerative", "cosmetic", "no_treatment", "research")
INVASIVENESS = ("none", "topical", "oral", "injection", "minor_procedure", "surgery")
INVASIVENESS_WORDS = {
    "none": "Nothing to take",
    "topical": "Put on the skin",
    "oral": "Taken by mouth",
    "injection": "Injections",
    "minor_procedure": "Minor procedure",
    "surgery": "Surgery",
}
REGULATORY = (
    "approved",
    "cleared_device",
    "off_label",
    "unapproved",
    "research_only",
    "not_a_medicine",
)
REGULATORY_WORDS = {
    "approved": "Approved for this use",
    "cleared_device": "FDA-cleared device",
    "off_label": "Used off-label",
    "unapproved": "Not approved",
    "research_only": "Research only",
    "not_a_medicine": "Not a medicine",
}
EFFORTS = ("low", "medium", "high")
PERMANENCE = ("lasting", "while_used", "temporary", "not_applicable")
PERMANENCE_WORDS = {
    "lasting": "Lasting",
    "while_used": "Only while you keep using it",
    "temporary": "Fades; needs repeating",
    "not_applicable": "Not applicable",
}
FREQUENCIES = ("very_common", "common", "uncommon", "rare", "unknown")
FREQUENCY_WORDS = {
    "very_common": "Very common (10 or more in 100)",
    "common": "Common (1 to 10 in 100)",
    "uncommon": "Uncommon (1 to 10 in 1,000)",
    "rare": "Rare (under 1 in 1,000)",
    "unknown": "How often: not known",
}
CONTRA_KINDS = ("absolute", "relative")
REFERENCE_KINDS = (
    "trial",
    "review",
    "guideline",
    "label",
    "regulator",
    "study",
    "clinic",
    "vendor",
    "news",
    "other",
)
CONDITION_GROUPS = (
    "pregnancy",
    "blood",
    "immune",
    "heart",
    "organs",
    "mental",
    "allergy",
    "skin",
    "age",
    "sex",
    "other",
)
DERIVED_CONDITIONS = ("age_under_18", "age_under_12", "sex_female", "sex_male")

# The condition ids the answers format promises: every catalogue must define them (checked when
# the sources are read and again when a catalogue is opened).
REQUIRED_CONDITIONS = (
    "pregnant",
    "trying_to_conceive",
    "breastfeeding",
    "organ_transplant",
    "immunocompromised",
    "active_infection",
    "cancer_recent",
    "bleeding_disorder",
    "anticoagulants",
    "low_platelets",
    "heart_disease",
    "low_blood_pressure",
    "liver_disease",
    "kidney_disease",
    "depression_history",
    "severe_allergies",
    "glycerol_allergy",
    "scalp_inflammation",
    "keloid_tendency",
    "under_18",
)
