#!/usr/bin/env python3
"""gen_golden.py: writes tests/golden/seed_00N.json, the EXPECTED reading of the five seed reports.

Every value below was read by a person from the seed text itself (tabs made visible with
`sed 's/\\t/⇥/g; s/\\xc2\\xa0/⍽/g'`), never copied from gongkai's output. The script only spells
those readings out as the 200-cell JSON shape that tests/test_seeds.c compares against, so that
"every cell is 0 except …" does not have to be typed out 200 times by hand.

Keys follow /work/shared/design/SCHEMA.md. A blank or unreadable cell is null.
Run from the repository root: python3 tests/gen_golden.py
"""
import json
import os

T2 = [("regulation", ["issued", "abolished", "valid"]),
      ("normative", ["issued", "abolished", "valid"]),
      ("permit", ["decisions"]),
      ("penalty", ["decisions"]),
      ("coercion", ["decisions"]),
      ("fee", ["amount"])]
T3_ROWS = ["received", "carried_over", "granted", "partial",
           "deny_secret", "deny_law", "deny_safety", "deny_third_party", "deny_internal",
           "deny_process", "deny_enforcement", "deny_inquiry",
           "unable_not_held", "unable_create", "unable_unclear",
           "decline_petition", "decline_repeat", "decline_publication", "decline_massive",
           "decline_reconfirm",
           "other_no_correction", "other_no_fee", "other_other",
           "total", "carry_next"]
T3_COLS = ["natural", "commercial", "research", "public_interest", "legal", "other_org", "total"]
T4_ROWS = ["review", "suit_direct", "suit_after_review"]
T4_COLS = ["upheld", "corrected", "other", "pending", "total"]


def t2(overrides=None):
    d = {row: {f: 0 for f in fields} for row, fields in T2}
    for path, v in (overrides or {}).items():
        row, f = path.split(".")
        d[row][f] = v
    return d


def t3(fn):
    """fn(row, col) -> value or None."""
    return {r: {c: fn(r, c) for c in T3_COLS} for r in T3_ROWS}


def t4(fn):
    return {r: {c: fn(r, c) for c in T4_COLS} for r in T4_ROWS}


def zero(r, c):
    return 0


SEEDS = {
    # 000: tab layout. Title on line 3. 二、 table: 行政处罚 2 (line 34), all else 0.
    # t3 lines 45-69 all 0; t4 one row of fifteen 0 (line 76).
    # Inside 一、总体情况 the sub-headings restart at 一、 (line 9), 二、 (13), 三、 (17).
    0: dict(
        agency="文峰区东关街道办事处", year=2024,
        title="文峰区东关街道办事处 2024 年政府信息公开工作年度报告",
        t2=t2({"penalty.decisions": 2}), t3=t3(zero), t4=t4(zero),
        sections=[1, 2, 3, 4, 5, 6],
        findings=[{"rule": "SECTION.NUMBERING", "line": 9}]),
    # 001: one cell per line. Title line 1. 行政规范性文件 本年废止件数 2 (line 46), all else 0.
    # t3 all 0 (NBSP-prefixed); 3.其他 总计 is split " \n\n0" over lines 343-345. t4 lines 407-421 all 0.
    # Sub-headings （一） (line 6), 依申请公开 without number (10), （三） (16): （二） skipped.
    # Section 五 is titled 「五、存在的问题」 (line 424) — still the fifth section.
    1: dict(
        agency="东柳街道", year=2024,
        title="东柳街道2024年政府信息公开工作年度报告",
        t2=t2({"normative.abolished": 2}), t3=t3(zero), t4=t4(zero),
        sections=[1, 2, 3, 4, 5, 6],
        findings=[{"rule": "SECTION.NUMBERING", "line": 16}]),
    # 002: tab layout, clean; everything 0. Title line 3 has a stray space before 年度报告.
    2: dict(
        agency="孟津区西霞院街道办事处", year=2024,
        title="孟津区西霞院街道办事处 2024 年政府信息公开工作 年度报告",
        t2=t2(), t3=t3(zero), t4=t4(zero),
        sections=[1, 2, 3, 4, 5, 6],
        findings=[]),
    # 003: year 2025. t3 rows (lines 55-79) carry only 5 or 6 value cells for 7 columns, so no
    # value can be placed in a column: every t3 cell is null, one TABLE.SHAPE at the first data row (55).
    # Sub-headings 二、三、四、五、 inside 总体情况 (lines 9, 15, 23, 29) clash with the section numbers.
    3: dict(
        agency="东兴街道办事处", year=2025,
        title="东兴街道办事处 2025 年政府信息公开工作年度报告",
        t2=t2(), t3=t3(lambda r, c: None), t4=t4(zero),
        sections=[1, 2, 3, 4, 5, 6],
        findings=[{"rule": "SECTION.NUMBERING", "line": 9},
                  {"rule": "TABLE.SHAPE", "line": 55}]),
    # 004: title split over lines 2-3, joined. Headings 「2、」 (line 14) and 「3、」 (61) for 二、/三、.
    # t3: the six applicant columns are NBSP-only (blank) on every row, the 总计 column is 0
    # (first blank cell: line 82). t4 (lines 389-403): only the three 总计 cells (393, 398, 403) are 0,
    # the other twelve are blank (first blank: line 389).
    # Section 五 is titled 「五、政府信息公开工作存在的主要问题及改进措施」 (line 407).
    4: dict(
        agency="解放路办事处", year=2024,
        title="解放路办事处2024年政府信息公开年度报告",
        t2=t2(),
        t3=t3(lambda r, c: 0 if c == "total" else None),
        t4=t4(lambda r, c: 0 if c == "total" else None),
        sections=[1, 2, 3, 4, 5, 6],
        findings=[{"rule": "SECTION.NUMBERING", "line": 14},
                  {"rule": "SECTION.NUMBERING", "line": 61},
                  {"rule": "CELL.BLANK", "line": 82},
                  {"rule": "CELL.BLANK", "line": 389}]),
}


def dumps(doc):
    """JSON with one table row per line, so a reviewer can read the golden file like the form."""
    j = lambda v: json.dumps(v, ensure_ascii=False)
    out = ["{"]
    items = []
    for k, v in doc.items():
        if k in ("t2", "t3", "t4"):
            rows = ",\n".join("    %s: %s" % (j(r), j(cells)) for r, cells in v.items())
            items.append("  %s: {\n%s\n  }" % (j(k), rows))
        elif k == "findings":
            rows = ",\n".join("    " + j(f) for f in v)
            items.append("  %s: [\n%s\n  ]" % (j(k), rows) if v else "  %s: []" % j(k))
        else:
            items.append("  %s: %s" % (j(k), j(v)))
    out.append(",\n".join(items))
    out.append("}\n")
    return "\n".join(out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = os.path.join(here, "golden")
    os.makedirs(out_dir, exist_ok=True)
    for n, s in SEEDS.items():
        doc = {k: s[k] for k in ("agency", "year", "title", "t2", "t3", "t4", "sections", "findings")}
        path = os.path.join(out_dir, "seed_%03d.json" % n)
        with open(path, "w", encoding="utf-8") as f:
            f.write(dumps(doc))
        print("wrote", path)


if __name__ == "__main__":
    main()
