#!/usr/bin/python3
"""Generate reports START..END-1 of a synthetic set, exactly as ../shared/bench/gen_report.py does.

usage: gen_set.py GEN_REPORT_PY OUTDIR START END [--format html|txt] [--seed N] [--no-truth]

Report i of `gen_report.py DIR COUNT --seed S` depends only on S and i, so a large set can be made by
several processes at once, each writing one index range (bench/run.sh writes 1,000 per folder).
The files are byte-identical to gen_report.py's (same functions, same names report_NNNNN.FMT);
--no-truth skips the NAME.truth.json files where nothing reads them."""
import importlib.util, json, os, random, sys


def main():
    a = sys.argv[1:]
    if len(a) < 4:
        sys.exit(__doc__)
    spec = importlib.util.spec_from_file_location("gen_report", a[0])
    g = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(g)
    out, start, end = a[1], int(a[2]), int(a[3])
    fmt = a[a.index('--format') + 1] if '--format' in a else 'html'
    seed0 = int(a[a.index('--seed') + 1]) if '--seed' in a else 0
    truth = '--no-truth' not in a
    os.makedirs(out, exist_ok=True)
    for i in range(start, end):          # the loop body of gen_report.main(), unchanged
        r = random.Random(seed0 * 1000003 + i)
        agency, year = f'某市第{i}区人民政府办公室', 2021 + r.randint(0, 4)
        t2, t3, t4 = g.numbers(r)
        body = (g.html if fmt == 'html' else g.txt)(agency, year, t2, t3, t4, r)
        with open(f'{out}/report_{i:05d}.{fmt}', 'w', encoding='utf-8') as f:
            f.write(body)
        if truth:
            with open(f'{out}/report_{i:05d}.truth.json', 'w', encoding='utf-8') as f:
                json.dump({"agency": agency, "year": year, "t2": t2, "t3": t3, "t4": t4}, f, ensure_ascii=False)


if __name__ == '__main__':
    main()
