#!/usr/bin/env python3
"""Contact sheets of the corpus (tests/corpus/), one per language: each text
as a card, before (BASE placard) beside after (NEW placard), for a designer
to grade. Statements and recommendations in the standard layout at og,
quotes in the quote layout at square; ImageMagick's convert joins them.

    scripts/contact-sheets.py BASE_PLACARD NEW_PLACARD OUT_DIR [LANG ...]
"""
import pathlib
import subprocess
import sys

import yaml

root = pathlib.Path(__file__).resolve().parent.parent
base, new, out = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
langs = sys.argv[4:] or sorted(p.stem for p in (root / "tests/corpus").glob("*.yaml"))
out.mkdir(parents=True, exist_ok=True)
# Debian's ImageMagick (a stand-in named convert may come first on the PATH).
CONVERT = "/usr/bin/convert" if pathlib.Path("/usr/bin/convert").exists() else "convert"

for lang in langs:
    texts = yaml.safe_load((root / "tests/corpus" / f"{lang}.yaml").read_text())
    rows = []
    for i, t in enumerate(texts):
        kind = t.get("kind", "statement")
        layout, size = ("quote", "square") if kind == "quote" else ("standard", "og")
        pair = []
        for name, exe in (("before", base), ("after", new)):
            png = out / f"{lang}-{i}-{name}.png"
            cmd = [exe, "card", t["text"], "-o", str(png), "--lang", lang, "--layout", layout,
                   "--size", size]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                # A card that fails is a grey tile with the message.
                subprocess.run([CONVERT, "-size", "1200x630", "xc:#ddd", "-pointsize", "28",
                                "-annotate", "+40+300", r.stderr.strip()[:90], str(png)],
                               check=True)
            pair.append(str(png))
        row = out / f"{lang}-{i}-row.png"
        subprocess.run([CONVERT] + pair + ["-resize", "x315", "-bordercolor", "#888",
                                              "-border", "2", "+append", str(row)], check=True)
        rows.append(str(row))
    sheet = out / f"{lang}.png"
    subprocess.run([CONVERT] + rows + ["-background", "white", "-gravity", "west", "-append",
                                         str(sheet)], check=True)
    print(sheet)
