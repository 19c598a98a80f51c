#!/usr/bin/env python3
"""Worst line ratio (shortest line / longest line, last line included) per
layout, from layout dumps: one JSON object per line on stdin, either a dump
itself or {"layout": ..., "lang": ..., "dump": {...}}. Blocks of one line are
skipped; so are footers (set on one line, never balanced). Then, per language
and size, how many lines end in a hyphen."""
import json, sys, collections

worst = {}
per_lang = collections.defaultdict(lambda: (2.0, ""))
hyph_runs = 0
# Hyphenated lines per language and size: (lines ending in a hyphen, lines).
hyphens = collections.defaultdict(lambda: [0, 0])
for raw in sys.stdin:
    raw = raw.strip()
    if not raw:
        continue
    rec = json.loads(raw)
    dump = rec.get("dump", rec)
    if "frames" not in dump:
        continue
    layout = rec.get("layout", "?")
    lang = rec.get("lang", "?")
    for f in dump["frames"]:
        for b in f["blocks"]:
            w = b["line_widths"]
            if len(w) < 2 or b["field"] == "footer":
                continue
            h = hyphens[(lang, dump["size"])]
            h[0] += len(b.get("hyphen_lines", []))
            h[1] += len(w)
            r = min(w) / max(w)
            where = f'{dump["id"]} {dump["size"]} {lang} {b["field"]}: {r:.2f} {w}'
            if layout not in worst or r < worst[layout][0]:
                worst[layout] = (r, where)
            key = (layout, lang)
            if r < per_lang[key][0]:
                per_lang[key] = (r, where)
for layout in sorted(worst):
    r, where = worst[layout]
    print(f"{layout:15s} worst {r:.2f}  ({where})")
print()
for (layout, lang) in sorted(per_lang):
    print(f"{layout:15s} {lang:3s} {per_lang[(layout, lang)][0]:.2f}")
print()
print("hyphenated lines / lines of blocks of two lines or more")
for (lang, size) in sorted(hyphens):
    n, lines = hyphens[(lang, size)]
    print(f"{lang:3s} {size:10s} {n:4d} / {lines:4d}")
