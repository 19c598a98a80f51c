#!/usr/bin/env python3
"""The size budget's report (issue 23), per language and script, from two
runs of `placard_bench budget` (before and after a change; one JSON a line):
the worst kept ratio (the headline's size over the largest size at which it
fits, the latter from the `after` run for both) and the worst rag (shortest
line over longest, headlines of two lines or more), how many headlines keep
a line under 60% of the longest, and then every card whose shape changed
(its lines or its size).

    bench/budget_table.py before.jsonl after.jsonl [--changed]
"""
import json, sys, collections

SCRIPT = {"en": "Latin", "es": "Latin", "de": "Latin", "ar": "Arabic", "he": "Hebrew",
          "hi": "Devanagari", "th": "Thai", "ja": "CJK", "zh": "CJK"}


def load(path):
    out = {}
    for raw in open(path, encoding="utf-8"):
        raw = raw.strip()
        if raw:
            r = json.loads(raw)
            out[(r["text"], r["layout"], r["size"])] = r
    return out


before, after = load(sys.argv[1]), load(sys.argv[2])
rows = collections.OrderedDict()
for key, a in sorted(after.items(), key=lambda kv: (SCRIPT.get(kv[1]["lang"], "?"), kv[1]["lang"], kv[0])):
    b = before.get(key)
    if "chosen" not in a or not b or "chosen" not in b:
        continue
    lang = a["lang"]
    row = rows.setdefault(lang, {"cards": 0, "kept": [9, 9], "kept_at": ["", ""],
                                 "rag": [9, 9], "rag_at": ["", ""], "under60": [0, 0],
                                 "stub_possible": 0, "stub_possible_before": 0,
                                 "possible": 0, "changed": 0})
    row["cards"] += 1
    row["possible"] += a.get("reach_even", False)
    for i, r in enumerate((b, a)):
        kept = r["chosen"] / a["largest"]
        where = f'{key[0]} {key[1]}/{key[2]}'
        if kept < row["kept"][i]:
            row["kept"][i], row["kept_at"][i] = kept, where
        if " / " in r["lines"]:
            if r["rag"] < row["rag"][i]:
                row["rag"][i], row["rag_at"][i] = r["rag"], where + ": " + r["lines"]
            row["under60"][i] += r["rag"] < 0.6
    if a.get("reach_even") and not a.get("even", True):
        row["stub_possible"] += 1
    if a.get("reach_even") and " / " in b["lines"] and b["rag"] < 0.6:
        row["stub_possible_before"] += 1
    if b["lines"] != a["lines"] or abs(b["chosen"] - a["chosen"]) > 0.01:
        row["changed"] += 1

print("| lang | script | cards | worst kept before → after | worst rag before → after |"
      " rag < 0.6 before → after | even possible / stub where possible after |")
print("|---|---|---|---|---|---|---|")
for lang, r in rows.items():
    print(f'| {lang} | {SCRIPT.get(lang, "?")} | {r["cards"]} | {r["kept"][0]:.3f} → {r["kept"][1]:.3f}'
          f' | {r["rag"][0]:.3f} → {r["rag"][1]:.3f} | {r["under60"][0]} → {r["under60"][1]}'
          f' | {r["possible"]} / {r["stub_possible"]} |')
print()
for lang, r in rows.items():
    print(f'{lang}: worst kept before {r["kept"][0]:.3f} ({r["kept_at"][0]}), after {r["kept"][1]:.3f} ({r["kept_at"][1]})')
    print(f'{lang}: worst rag before {r["rag"][0]:.3f} ({r["rag_at"][0]})')
    print(f'{lang}: worst rag after  {r["rag"][1]:.3f} ({r["rag_at"][1]})')
if "--changed" in sys.argv:
    print()
    print("cards whose shape changed (before → after, size px):")
    for key, a in sorted(after.items()):
        b = before.get(key)
        if not b or "chosen" not in a or "chosen" not in b:
            continue
        if b["lines"] != a["lines"] or abs(b["chosen"] - a["chosen"]) > 0.01:
            print(f'{key[0]} {key[1]}/{key[2]}: {b["chosen"]:.2f} «{b["lines"]}» → {a["chosen"]:.2f} «{a["lines"]}»'
                  f' (largest {a["largest"]:.2f})')
