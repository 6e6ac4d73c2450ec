"""Synthetic catalogues for tests and benchmarks: valid, checksummed, and clearly fake.

``decisionaid`` can open them with ``--catalogue``; every text says it is synthetic so that
nobody mistakes one for medical content.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from decisionaid import models as m
from decisionaid.catalogue.build import write_catalogue
from decisionaid.catalogue.schema import rows_from_sources
from decisionaid.catalogue.sources import REQUIRED_CONDITIONS
from decisionaid.vocabulary import SCALP_LOSS_EXTENTS, SCALP_LOSS_TYPE

FAKE = "Synthetic test entry, not medical information."


def _extent(type_id: str, rng: random.Random | None) -> dict[str, Any]:
    """Alopecia areata rows say which amounts of scalp loss they cover (all, without an rng)."""
    if type_id != SCALP_LOSS_TYPE:
        return {}
    if rng is None:
        return {"extent": list(SCALP_LOSS_EXTENTS)}
    return {"extent": sorted(rng.sample(SCALP_LOSS_EXTENTS, rng.randint(1, 3)))}


def synthetic_sources(n_treatments: int, seed: int = 0) -> dict[str, Any]:
    rng = random.Random(seed)
    refs = {
        f"ref-{i}": {
            "id": f"ref-{i}",
            "citation": f"Synthetic reference {i}.",
            "url": f"https://example.invalid/{i}",
            "accessed": "2026-11-21",
            "kind": "other",
            "conflict_of_interest": "None: synthetic.",
        }
        for i in range(1, 21)
    }
    ref_ids = list(refs)
    conditions = {
        c: {"id": c, "name": c.replace("_", " ").capitalize(), "group": "other", "why_we_ask": FAKE}
        for c in REQUIRED_CONDITIONS
    }
    conditions["under_18"].update(group="age", derived="age_under_18")
    conditions["female"] = {
        "id": "female",
        "name": "Female",
        "group": "sex",
        "why_we_ask": FAKE,
        "derived": "sex_female",
    }
    types = {
        t: {
            "id": t,
            "name": t.replace("_", " ").capitalize(),
            "order": i,
            "description": FAKE,
            "recognise": FAKE,
            "natural_course": FAKE,
            "natural_course_refs": [ref_ids[0]],
            "warning_signs": ["Synthetic sign"],
            "refs": [ref_ids[0]],
            "reviewed": "2026-11-21",
        }
        for i, t in enumerate(m.HAIR_LOSS_TYPES, 1)
    }
    treatments = {}
    cond_ids = list(conditions)
    for i in range(n_treatments):
        tid = f"synthetic_{i:05d}"
        used = rng.sample(m.HAIR_LOSS_TYPES, rng.randint(1, 4))
        known = rng.random() > 0.2
        upfront = sorted(
            rng.choice([0, 0, 100, 500, 2000, 8000]) * rng.uniform(0.5, 1.5) for _ in range(2)
        )
        yearly = sorted(
            rng.choice([0, 60, 300, 1200, 5000]) * rng.uniform(0.5, 1.5) for _ in range(2)
        )
        treatments[tid] = {
            "id": tid,
            "name": f"Synthetic option {i}",
            "category": rng.choice(m.CATEGORIES[:3]),
            "invasiveness": rng.choice(m.INVASIVENESS),
            "effort": rng.choice(m.EFFORTS),
            "permanence": rng.choice(m.PERMANENCE),
            "daily_routine": rng.random() < 0.3,
            "reviewed": "2026-11-21",
            "summary": FAKE,
            "living_with": FAKE,
            "questions": [FAKE],
            "regulatory": {
                "status": rng.choice(m.REGULATORY[:5]),
                "text": FAKE,
                "date": "2026",
                "refs": [rng.choice(ref_ids)],
            },
            "evidence": [
                {
                    "hair_loss_type": t,
                    "certainty": rng.choice(m.CERTAINTIES),
                    "effect": rng.choice(m.EFFECTS),
                    "reason": FAKE,
                    "refs": [rng.choice(ref_ids)],
                    **_extent(t, random.Random(f"{seed}-{i}")),
                }
                for t in used
            ],
            "benefits": [
                {
                    "text": FAKE,
                    "group": "synthetic people",
                    "timeframe": "1 year",
                    "outcome": "improved",
                    "treated_per_100": rng.randint(20, 60),
                    "comparison_per_100": rng.randint(0, 19),
                    "comparison": "placebo",
                    "refs": [rng.choice(ref_ids)],
                }
            ],
            "harms": [
                {
                    "text": FAKE,
                    "serious": rng.random() < 0.2,
                    "frequency": rng.choice(m.FREQUENCIES),
                    "refs": [rng.choice(ref_ids)],
                }
            ],
            "contraindications": [
                {
                    "condition": c,
                    "kind": rng.choice(m.CONTRA_KINDS),
                    "note": FAKE,
                    "refs": [rng.choice(ref_ids)],
                }
                for c in rng.sample(cond_ids, 3)
            ],
            "cost": (
                {
                    "known": True,
                    "upfront_usd": [round(upfront[0]), round(upfront[1])],
                    "yearly_usd": [round(yearly[0]), round(yearly[1])],
                    "estimate": rng.random() < 0.5,
                    "note": FAKE,
                    "refs": [rng.choice(ref_ids)],
                }
                if known
                else {"known": False, "note": FAKE}
            ),
            "routine": {
                "what_it_involves": FAKE,
                "time_to_results": FAKE,
                "on_stopping": FAKE,
                "downtime": FAKE,
                "months_to_results": rng.choice([1, 3, 6, 12]),
                "refs": [rng.choice(ref_ids)],
            },
        }
    treatments["synthetic_waiting"] = {
        **treatments.get("synthetic_00000", {}),
        "id": "synthetic_waiting",
        "name": "Synthetic waiting",
        "category": "no_treatment",
        "invasiveness": "none",
        "effort": "low",
        "permanence": "not_applicable",
        "daily_routine": False,
        "regulatory": {
            "status": "not_a_medicine",
            "text": FAKE,
            "date": "2026",
            "refs": [ref_ids[0]],
        },
        "evidence": [
            {
                "hair_loss_type": t,
                "certainty": "moderate",
                "effect": "none",
                "reason": FAKE,
                "refs": [ref_ids[0]],
                **_extent(t, None),
            }
            for t in m.HAIR_LOSS_TYPES
        ],
        "cost": {
            "known": True,
            "upfront_usd": [0, 0],
            "yearly_usd": [0, 0],
            "estimate": False,
            "note": FAKE,
            "refs": [ref_ids[0]],
        },
        "contraindications": [],
        "contraindications_note": FAKE,
        "routine": {
            "what_it_involves": FAKE,
            "time_to_results": FAKE,
            "on_stopping": FAKE,
            "downtime": FAKE,
            "refs": [ref_ids[0]],
        },
        "summary": FAKE,
        "living_with": FAKE,
        "questions": [FAKE],
        "reviewed": "2026-11-21",
    }
    meta = {
        "version": f"synthetic-{n_treatments}",
        "reviewed": "2026-11-21",
        "title": "Synthetic catalogue",
        "about": FAKE,
    }
    return {
        "catalogue": meta,
        "hair_loss_types": types,
        "conditions": conditions,
        "treatments": treatments,
        "references": refs,
    }


def write_synthetic_catalogue(path: Path, n_treatments: int, seed: int = 0) -> Path:
    src = synthetic_sources(n_treatments, seed)
    rows = rows_from_sources(
        src["catalogue"],
        src["hair_loss_types"],
        src["conditions"],
        src["treatments"],
        src["references"],
    )
    write_catalogue(rows, src["catalogue"], Path(path))
    return Path(path)
