#!/usr/bin/env python3
"""Writes tests/fixtures/fsrs-oracle.json: FSRS-6 memory states computed by py-fsrs 6.3.2 (PyPI `fsrs`).

Run in a scratch venv: `python3 -m venv /tmp/v && /tmp/v/bin/pip install fsrs==6.3.2 &&
/tmp/v/bin/python scripts/fsrs-fixture.py`. The scheduler is the one Pacer's review uses: default
parameters, desired retention 0.9, no learning or relearning steps (a review is a day or more apart;
same-day answers use FSRS's short-term formula), no fuzzing. Only the two ratings a formative check can
give: Again (wrong at the first try) and Good (right). Each case is a sequence of reviews: the whole days
since the previous one, the rating, and after it the stability, difficulty, the retrievability the card
had just before it, and the next interval in days.
"""
import json
import random
from datetime import datetime, timedelta, timezone

import fsrs
from fsrs import Card, Rating, Scheduler

from importlib.metadata import version

assert version("fsrs") == "6.3.2", version("fsrs")

scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False, desired_retention=0.9)
rng = random.Random(6302)
cases = []
for case in range(40):
    card = Card()
    now = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)
    reviews = []
    interval = None
    for k in range(rng.randint(1, 12)):
        if k == 0:
            days = 0
        else:
            # On the due day, early, late, or the same day.
            days = rng.choice([interval, interval, max(0, interval - rng.randint(1, 3)), interval + rng.randint(1, 30), 0])
        now = now + timedelta(days=days)
        rating = Rating.Good if rng.random() < 0.75 else Rating.Again
        r_before = scheduler.get_card_retrievability(card, current_datetime=now) if k > 0 else None
        card, _ = scheduler.review_card(card, rating, review_datetime=now)
        interval = (card.due - now).days
        reviews.append({
            "days": days,
            "rating": "good" if rating == Rating.Good else "again",
            "retrievability_before": r_before,
            "stability": card.stability,
            "difficulty": card.difficulty,
            "interval_days": interval,
        })
    cases.append({"reviews": reviews})

out = {
    "source": "py-fsrs 6.3.2, Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False, desired_retention=0.9), seed 6302",
    "parameters": list(scheduler.parameters),
    "cases": cases,
}
with open("tests/fixtures/fsrs-oracle.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"{len(cases)} cases, {sum(len(c['reviews']) for c in cases)} reviews")
