"""Build organisation gazetteers of the lexicon from raw public lists (../shared/gazetteer-sources/).

Usage::

    python scripts/build_gazetteers.py [SOURCES_DIR]

Writes, each with a header that names its source and how it was made:

* ``data/lexicon/organizations_central_soes.txt``: the central state-owned
  enterprises, their full name first and the short names reports write
  (中交集团, 国家电投, 中国电科), from ``central-soe-subsidiaries.md`` (the
  short name is each row's link text, the full name the cell that ends in
  有限公司) and ``sasac-central-soe-list.md`` (the 国资委 list of full names);
* ``data/lexicon/organizations_universities.txt``: the universities and
  colleges of the 教育部 list (``universities-moe-list.ts``), full names;
* ``data/lexicon/organizations_central_bodies.txt``: the central party and
  state bodies, parties and mass organisations with their short names, from
  ``central-party-and-state-bodies.md`` (rows ``* [short](url) full name``,
  an icon allowed before the full name, and ``* 中国[short](url)rest`` where
  the link stands inside the full name), and for a mass organisation the
  short form its local chapters go by (全国妇联 -> 妇联, 中国残联 -> 残联: the
  national prefix dropped; 总工会 -> 工会, as 工会法 names the organisation).

``organizations_central_bodies.txt`` is read since it was measured by
cross-validation (5 folds by report, rules + CRF, the 25 gold reports):
typed entity F1 0.717 -> 0.718 (government 0.640 -> 0.642, party-congress
0.679 -> 0.685, party-committee 0.852 -> 0.851). The samples' gold does not
count 工会, 共青团 and 妇联 in 工会、共青团、妇联等改革扎实推进 where the
excerpts' gold counts them in the same enumeration (湖北 2026, 十八大, 十六大);
on the 192 unseen ``.txt`` corpus reports it changes three names (贸促会 new).

A short name is kept only when it abbreviates the full name (its characters
stand in the full name in order: 中交集团 of 中国交通建设集团有限公司), and
only when it has three characters or more: the link texts of these pages that
are no names (互动交流, 征求意见) and two-character words would match where
no body is meant. The output
is sorted, so a rebuild from the same lists gives the same files.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "data" / "lexicon"

_CJK = re.compile(r"^[\u4e00-\u9fff（）()·]+$")
_SOE_ROW = re.compile(r"\[([^\]]+)\]\(https?://[^)]*\)\{:id=\"\d+\"\}(.*)$")
_FULL_COMPANY = re.compile(r"([\u4e00-\u9fff（）]{4,40}?(?:集团有限公司|集团有限责任公司|有限责任公司|股份有限公司|有限公司|集团公司|总公司))")
_SASAC_ROW = re.compile(r"^\|\d+\|([^|]+)\|")
# A row: the short name as the link, then the full name, perhaps after an icon (♿ 中国残疾人联合会).
_BODY_ROW = re.compile(r"^\s*[*-]\s*\[([^\]]+)\]\([^)]*\)[\s\u3000\t]*"
                       r"(?:[^\u4e00-\u9fff\s\u3000-\u303f\uff00-\uffef\[*]+[\s\u3000\t]*)?([\u4e00-\u9fff（）]{3,40})")
# A top-level row of a national body whose link is its short name inside the full one:
# * 中国[红十字会](url)总会.
_INNER_ROW = re.compile(r"^[*-]\s*(中华全国|全国|中国)\[([\u4e00-\u9fff]{3,})\]\([^)]*\)([\u4e00-\u9fff]*)")
#: The last words of a body's full name (the rows of other things, 信息平台 or 征求意见, end otherwise).
_BODY_HEADS = ("委员会", "联合会", "协会", "总会", "同盟", "学社", "会", "部", "院", "署", "局", "党", "团", "社", "中心",
               "办公室", "行", "所", "台", "委", "集团", "公司", "学校", "大学", "学院")
#: National prefixes a local chapter of a mass organisation leaves out (全国妇联 -> 妇联).
_NATIONAL = ("中华全国", "全国", "中国")
#: Mass organisations (人民团体) whose local chapters reports name by the short form without the national prefix.
_CHAPTER_HEADS = ("妇联", "科协", "侨联", "残联", "工商联", "文联", "作协", "青联", "台联", "记协")
#: Short names whose local chapters go by another form: the 总工会 of the nation and of each place
#: lead the 工会 (工会法, arts. 10-11), and reports name the organisation 工会 (工会、共青团、妇联).
_CHAPTER_FORMS = {"总工会": "工会"}


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is an abbreviation of ``full``: its characters stand in ``full`` in order (中交集团, 中国交通建设集团)."""
    rest = iter(full)
    return short != full and all(ch in rest for ch in short)


def _name(text: str) -> str | None:
    text = text.strip().strip("·").replace("(", "（").replace(")", "）")
    return text if len(text) >= 3 and _CJK.match(text) else None


def soes(sources: Path) -> dict[str, set[str]]:
    """Full name -> short names of the central SOEs."""
    found: dict[str, set[str]] = {}
    for line in (sources / "central-soe-subsidiaries.md").read_text(encoding="utf-8").splitlines():
        match = _SOE_ROW.search(line)
        if not match:
            continue
        full = _FULL_COMPANY.search(match.group(2))
        short = _name(match.group(1))
        if full:
            found.setdefault(full.group(1), set()).update({short} if short and _abbreviates(short, full.group(1)) else set())
    for line in (sources / "sasac-central-soe-list.md").read_text(encoding="utf-8").splitlines():
        if (match := _SASAC_ROW.match(line)) and (full := _name(match.group(1))):
            found.setdefault(full, set())
    return found


def bodies(sources: Path) -> dict[str, set[str]]:
    """Full name -> short names of the central bodies, parties and mass organisations."""
    found: dict[str, set[str]] = {}
    for line in (sources / "central-party-and-state-bodies.md").read_text(encoding="utf-8").splitlines():
        if inner := _INNER_ROW.match(line):
            short, full = _name(inner.group(2)), _name("".join(inner.groups()))
        elif match := _BODY_ROW.match(line):
            short, full = _name(match.group(1)), _name(re.split(r"[，,。；\s（(]", match.group(2))[0])
        else:
            continue
        if not full or len(full) < 4 or not full.endswith(_BODY_HEADS) or full.endswith("平台"):
            continue  # a row of a web service (信息平台, 征求意见), not of a body
        names = found.setdefault(full, set())
        if short and _abbreviates(short, full):  # a link text that is no short form of the name is left out
            names.add(short)
            for prefix in _NATIONAL:
                bare = short.removeprefix(prefix)
                if bare != short and bare in _CHAPTER_HEADS:
                    names.add(bare)
            if short in _CHAPTER_FORMS:
                names.add(_CHAPTER_FORMS[short])
    return found


_UNIVERSITY_ROW = re.compile(r'"name":\s*"([^"]+)"')


def universities(sources: Path) -> dict[str, set[str]]:
    """Full name -> (no short names) of the higher-education institutions of the 教育部 list."""
    text = (sources / "universities-moe-list.ts").read_text(encoding="utf-8")
    return {name: set() for match in _UNIVERSITY_ROW.finditer(text) if (name := _name(match.group(1)))}


def _write(path: Path, header: str, rows: dict[str, set[str]]) -> int:
    seen: set[str] = set()
    lines = []
    for full in sorted(rows):
        names = [n for n in [full, *sorted(rows[full])] if n not in seen]
        seen.update(names)
        if names and names[0] == full:
            lines.append("\t".join(names))
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main() -> int:
    sources = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "gazetteer-sources"
    n = _write(LEXICON / "organizations_central_soes.txt", (
        "# Central state-owned enterprises: full name first, then the short names reports write.\n"
        "# Made by scripts/build_gazetteers.py from ../shared/gazetteer-sources/: central-soe-subsidiaries.md\n"
        "# (DiamonWoo/Laosheng.top @960d764, fuwu/yangqi.md: each row's link text is the short name, the cell\n"
        "# ending in 有限公司 the full name) and sasac-central-soe-list.md (gdvzz/logd @86282f4, the 国资委\n"
        "# 央企名录 of 2025-07-29). Do not edit by hand: run the script again.\n"), soes(sources))
    m = _write(LEXICON / "organizations_central_bodies.txt", (
        "# Central party and state bodies, democratic parties and mass organisations: full name first, then\n"
        "# the short names; a mass organisation also by the short form its local chapters use (全国妇联 -> 妇联).\n"
        "# Made by scripts/build_gazetteers.py from ../shared/gazetteer-sources/central-party-and-state-bodies.md\n"
        "# (DiamonWoo/Laosheng.top @960d764, fuwu/zhongyang.md, rows '* [short](url) full name').\n"
        "# Read by kg since measured by cross-validation (see the script's docstring).\n"
        "# Do not edit by hand: run the script again.\n"), bodies(sources))
    u = _write(LEXICON / "organizations_universities.txt", (
        "# Universities and colleges: the full names of the 教育部 全国高等学校名单.\n"
        "# Made by scripts/build_gazetteers.py from ../shared/gazetteer-sources/universities-moe-list.ts\n"
        "# (Base-Technology/base-interface @9a4926d, src/layouts/Header/schoolData.ts: each row's \"name\").\n"
        "# No short forms: the list has none, and the reports' two-character ones (北大, 浙大) would match\n"
        "# where no university is meant. Do not edit by hand: run the script again.\n"), universities(sources))
    print(f"central SOEs: {n} rows; central bodies: {m} rows; universities: {u} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
