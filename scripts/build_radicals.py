"""Build ``data/unicode/radicals.tsv``: CJK radical characters -> the unified ideograph they stand for.

PDFs printed from a browser or exported by some office suites often map a
glyph back to a radical code point (⼯ U+2F2F KANGXI RADICAL WORK, ⺠ U+2EA0
CJK RADICAL CIVILIAN) instead of the ideograph it shows (工, 民), because
the CJK font gives both code points the same glyph. kg's PDF reader
(:mod:`kg.reading.pdf`) maps them back with this table:

- the radicals of both blocks (Kangxi Radicals U+2F00-U+2FDF, CJK Radicals
  Supplement U+2E80-U+2EFF): the ideograph that shares the radical's glyph
  in the cmap of Noto Sans CJK SC (Debian's ``fonts-noto-cjk``; source
  ``noto-sans-cjk-sc``), the font that printed the PDFs where the problem
  was seen; this is the relation Unicode publishes as
  EquivalentUnifiedIdeograph.txt, in its simplified-Chinese form (⼾ -> 户,
  where NFKC gives the traditional 戶);
- a Kangxi radical the font does not draw: Unicode's compatibility
  decomposition (NFKC, ``unicodedata``; source ``unicode-nfkc``);
- U+2015 HORIZONTAL BAR -> U+2014 EM DASH (source ``gb18030``): the Chinese
  dash ——, GB 18030's A1AA, is U+2014; CJK fonts give U+2015 the same glyph,
  and a PDF then says U+2015.

Usage: python scripts/build_radicals.py [FONT.ttc]   (needs fontTools)
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
OUT = Path(__file__).resolve().parent.parent / "data" / "unicode" / "radicals.tsv"


def main(font_path: str = FONT) -> None:
    from fontTools.ttLib import TTCollection

    font = next(f for f in TTCollection(font_path).fonts if f["name"].getDebugName(4).endswith("CJK SC"))
    cmap = font.getBestCmap()
    by_glyph = {}
    for cp, glyph in sorted(cmap.items()):
        if 0x4E00 <= cp <= 0x9FFF:
            by_glyph.setdefault(glyph, chr(cp))
    rows = {}
    for cp in range(0x2E80, 0x2FE0):
        if (glyph := cmap.get(cp)) in by_glyph:
            rows[cp] = (by_glyph[glyph], "noto-sans-cjk-sc")
        elif (target := unicodedata.normalize("NFKC", chr(cp))) != chr(cp):
            rows[cp] = (target, "unicode-nfkc")
    rows[0x2015] = ("\u2014", "gb18030")
    lines = ["# radical\tideograph\tsource\tname (built by scripts/build_radicals.py; see its docstring)"]
    lines += [f"{chr(cp)}\t{target}\t{source}\t{unicodedata.name(chr(cp))}" for cp, (target, source) in sorted(rows.items())]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(rows)} radicals", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
