"""Build ``data/places/divisions.tsv``: China's administrative divisions with their GB/T 2260 codes.

Source: the table ``dictionary/china_location.zip`` (``china_location.txt``)
of **jionlp 1.5.31** (Apache License 2.0, https://github.com/dongrixinyu/JioNLP),
which follows the Ministry of Civil Affairs' codes with the changes it lists
up to 2023-04-03 (``china_location_change.txt``), more recent than cpca 0.5.5's
``adcodes.csv`` (which lacks those changes). Provinces, cities and counties
carry a six-digit code; townships (乡, 镇, 街道) are left out: the table has
no code for them.

Columns: code, name, short name, level (provincial | city | county), parent
code. Usage: ``pip download --no-deps jionlp==1.5.31`` and
``python scripts/build_divisions.py jionlp-1.5.31-py2.py3-none-any.whl``.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "data" / "places" / "divisions.tsv"
LEVELS = {0: "provincial", 1: "city", 2: "county"}


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read("jionlp/dictionary/china_location.zip")))
        text = inner.read("china_location.txt").decode("utf-8")
    rows, parents = {}, {}
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip("\t").split("\t")
        if depth > 2 or len(parts) != 3:
            continue
        name, code, short = parts
        parents[depth] = code
        parent = parents.get(depth - 1, "") if depth else ""
        if code == parent:  # a municipality's city level repeats the province (上海市 under 上海市)
            continue
        rows[(code, depth)] = (code, name, short, LEVELS[depth], parent)
    lines = ["# code\tname\tshort\tlevel\tparent (GB/T 2260, from jionlp 1.5.31's china_location.txt, Apache-2.0; "
             "built by scripts/build_divisions.py)"]
    lines += ["\t".join(row) for row in sorted(rows.values())]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} divisions", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
