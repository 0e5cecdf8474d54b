"""Format check for incoming case files (no judging): schema, ids, quotes, label/must_flag consistency."""

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from reviewer.evals.cases import load_cases  # noqa: E402

RUBRICS = ("creepiness", "stereotyping", "overreach")
problems = []
for path in sys.argv[1:]:
    cases = load_cases([Path(path)])
    for c in cases:
        for m in c.must_flag:
            if m.quote not in c.message.body:
                problems.append(f"{c.id}: quote not in body: {m.quote!r}")
        labels = c.labels
        for r in RUBRICS:
            if labels.get(r, 0) >= 2 and not any(m.rubric == r for m in c.must_flag):
                problems.append(f"{c.id}: {r} labelled {labels.get(r, 0)} but no must_flag of that rubric")
            if labels.get(r, 0) <= 1 and any(m.rubric == r for m in c.must_flag):
                problems.append(f"{c.id}: must_flag for {r} but label {labels.get(r, 0)}")
    clean = sum(c.is_clean() for c in cases)
    print(f"{path}: {len(cases)} cases, {clean} controls ({clean / len(cases):.0%})")
    print("  channels:", dict(Counter(c.message.channel for c in cases)))
    for r in RUBRICS:
        print(f"  {r} scores:", dict(sorted(Counter(c.labels.get(r, 0) for c in cases).items())))
print("\n".join(problems) or "no problems found")
sys.exit(1 if problems else 0)
