#!/usr/bin/python3
"""Compare gongkai's output with the generator's truth files, value by value.

usage: verify.py JSONL TRUTH_DIR [EXPECTED_COUNT]

JSONL is `gongkai parse --jsonl` output. Each record's `source` names a report NAME.EXT; its truth is
TRUTH_DIR/NAME.truth.json (so Markdown rendered from the txt set is checked against the txt set's truth).
Compared: agency, year, and every cell of t2, t3 and t4 in either side (a key gongkai prints that the truth
lacks, or the reverse, is a mismatch; null never equals a number). Numbers are compared as exact decimals
(96171.60 == 96171.6). Prints one summary line (and the first mismatches); exit 1 on any mismatch."""
import json, os, sys
from decimal import Decimal


def leaves(obj, prefix):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from leaves(v, f'{prefix}.{k}')
    else:
        yield prefix, obj


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, truth_dir = sys.argv[1], sys.argv[2]
    expected = int(sys.argv[3]) if len(sys.argv) > 3 else None
    reports = values = mismatches = missing_truth = 0
    seen, shown = set(), []

    def bad(msg):
        nonlocal mismatches
        mismatches += 1
        if len(shown) < 10:
            shown.append(msg)

    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            rec = json.loads(line, parse_float=Decimal)
            if 'source' not in rec or 't3' not in rec:
                continue                                   # e.g. a batch-level finding line
            name = os.path.splitext(os.path.basename(rec['source']))[0]
            tpath = os.path.join(truth_dir, name + '.truth.json')
            if not os.path.exists(tpath):
                missing_truth += 1
                bad(f'{rec["source"]}: no truth file {tpath}')
                continue
            with open(tpath, encoding='utf-8') as tf:
                truth = json.load(tf, parse_float=Decimal)
            reports += 1
            seen.add(name)
            for key in ('agency', 'year'):
                values += 1
                if rec.get(key) != truth.get(key):
                    bad(f'{rec["source"]}: {key}: gongkai {rec.get(key)!r} truth {truth.get(key)!r}')
            for t in ('t2', 't3', 't4'):
                got = dict(leaves(rec.get(t) or {}, t))
                want = dict(leaves(truth.get(t) or {}, t))
                for k in sorted(set(got) | set(want)):
                    values += 1
                    g, w = got.get(k), want.get(k)
                    if g is None or w is None or isinstance(g, bool) or Decimal(g) != Decimal(w):
                        bad(f'{rec["source"]}: {k}: gongkai {g!r} truth {w!r}')
    absent = 0
    if expected is not None and reports < expected:
        absent = expected - reports
        mismatches += absent
        shown.append(f'{absent} report(s) absent from the output')
    print(f'verified {reports} reports, {values} values: {mismatches} mismatches'
          + (f' ({missing_truth} without truth, {absent} absent)' if missing_truth or absent else ''))
    for s in shown:
        print('  ' + s)
    sys.exit(1 if mismatches else 0)


if __name__ == '__main__':
    main()
