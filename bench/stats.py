#!/usr/bin/python3
"""Helpers for bench/run.sh: turn measurements into printed rows and a final target table.

  stats.py row RESULTS KEY LABEL HYPERFINE.json [BYTES REPORTS]
      print one row (median wall time, min-max, CPU time, MB/s, reports/s) and record it as KEY
  stats.py put RESULTS KEY VALUE        record a value (mismatches, peak RSS, ...)
  stats.py ratio RESULTS KEY A B        record and print A's median / B's median (speed-up, scaling)
  stats.py summary RESULTS              the compact table of every target
  stats.py time RUNS WARMUP OUT.json CMD...   fallback when hyperfine is missing: the same JSON shape

RESULTS is a file of `KEY VALUE` lines. MB = 10^6 bytes; medians over hyperfine's runs;
CPU time = mean user + system time (all threads) of those runs."""
import json, sys


def load(path):
    d = {}
    try:
        with open(path) as f:
            for line in f:
                k, _, v = line.rstrip('\n').partition(' ')
                d[k] = v
    except FileNotFoundError:
        pass
    return d


def put(path, key, value):
    with open(path, 'a') as f:
        f.write(f'{key} {value}\n')


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def row(path, key, label, hf, nbytes=None, reports=None):
    r = json.load(open(hf))['results'][0]
    times = r['times']
    med, lo, hi = median(times), min(times), max(times)
    cpu = r['user'] + r['system']
    put(path, key + '.median', f'{med:.6f}')
    put(path, key + '.cpu', f'{cpu:.6f}')
    put(path, key + '.runs', len(times))
    codes = sorted(set(r.get('exit_codes') or []))
    s = f'  {label:<44} {med:8.3f} s  [{lo:.3f}–{hi:.3f}, {len(times)} runs]  cpu {cpu:7.3f} s = {cpu / med:4.2f} CPUs'
    if nbytes and reports:
        mbs, rps, mbcpu = nbytes / 1e6 / med, reports / med, nbytes / 1e6 / cpu if cpu else 0
        put(path, key + '.mbs', f'{mbs:.2f}')
        put(path, key + '.rps', f'{rps:.1f}')
        put(path, key + '.mbcpu', f'{mbcpu:.2f}')
        s += f'  {mbs:7.1f} MB/s  {rps:8.0f} reports/s  ({mbcpu:.1f} MB per CPU-s)'
    if codes and codes != [0]:
        s += f'  exit codes {codes}'
    print(s)


def ratio(path, key, a, b):
    d = load(path)
    x = float(d[a + '.median']) / float(d[b + '.median'])
    put(path, key, f'{x:.2f}')
    return x


def summary(path):
    d = load(path)
    f = lambda k: float(d[k]) if k in d else None

    def line(what, value, target, ok):
        mark = '—' if ok is None else ('MET' if ok else 'NOT MET')
        print(f'  {what:<52} {value:>22}   {target:<16} {mark}')

    def fmt(x, unit='', nd=1):
        return 'n/a' if x is None else f'{x:.{nd}f}{unit}'

    print(f'  {"measure":<52} {"value":>22}   {"target":<16} verdict')
    print('  ' + '-' * 104)
    for jobs in ('2', '1'):
        s = f(f'speedup.html.j{jobs}')
        line(f'speed-up over pandas, 300 HTML, parse --jsonl --jobs {jobs}', fmt(s, '×'), '≥ 50×',
             None if s is None else s >= 50)
    for jobs in ('2', '1'):
        s = f(f'speedup.html.cpu.j{jobs}')
        if s is not None:
            line(f'  same, by CPU time (user+sys), --jobs {jobs}', fmt(s, '×'), '', None)
    for fmt_ in ('html', 'txt', 'md'):
        m = f(f'mismatch.{fmt_}300')
        if m is not None:
            line(f'values ≠ truth, 300 {fmt_} (of {d.get(f"values.{fmt_}300", "?")})', f'{int(m)}', '0', m == 0)
    for fmt_, tgt in (('txt', 200), ('html', 100), ('md', None)):
        for jobs in ('1', '2'):
            v = f(f'check.{fmt_}.j{jobs}.mbs')
            if v is None:
                continue
            rps = f(f'check.{fmt_}.j{jobs}.rps')
            ok = (v >= tgt) if (tgt and jobs == '2') else None
            line(f'check -q --jobs {jobs}, {fmt_} ({d.get(f"set.{fmt_}", "?")})',
                 f'{v:.1f} MB/s {rps:.0f} r/s', f'≥ {tgt} MB/s' if tgt and jobs == '2' else '', ok)
        c2 = f(f'check.{fmt_}.j2.mbcpu')
        if c2 is not None:
            line(f'  by CPU time: MB per CPU-s × 2 (2 idle cores)', f'{c2 * 2:.1f} MB/s', '', None)
        sc = f(f'scaling.{fmt_}')
        if sc is not None:
            line(f'  scaling --jobs 1 → 2, {fmt_}', fmt(sc, '×', 2), '(2 cores)', None)
    for n in ('1000', '10000', '100000'):
        for what in ('check', 'parse'):
            v = f(f'rss.{what}.{n}')
            if v is not None:
                line(f'peak memory, {what} --jobs 2, {int(n):,} txt reports', f'{v / 1024:.1f} MB', '< 50 MB', v / 1024 < 50)
    t = f('check.txt100k.j2.median')
    if t is not None:
        line('100,000 txt reports, check -q --jobs 2 (median)', f'{t:.1f} s', '< 60 s', t < 60)
        line('  same, CPU time (user+sys)', f'{f("check.txt100k.j2.cpu"):.1f} s', '', None)
    elif 'skip.d' in d:
        line('100,000 txt reports, check -q --jobs 2', 'skipped (--quick)', '< 60 s', None)
    for k in sorted(k for k in d if k.startswith('falsefind.')):
        v = d[k]
        n_err, n_warn, rc, nrep, expected = v.split(',')
        ok = n_err == '0' and n_warn == '0' and rc == '0' and nrep == expected
        line(f'false findings, check {k[10:]} ({nrep} of {expected} read)', f'{n_err} err {n_warn} warn, exit {rc}',
             '0', ok)


def time_(runs, warmup, out, cmd):
    import os, subprocess, time
    times, user, system, codes = [], [], [], []
    for i in range(warmup + runs):
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        if i >= warmup:
            times.append(time.perf_counter() - t)
            user.append(ru.ru_utime); system.append(ru.ru_stime)
            codes.append(os.waitstatus_to_exitcode(status))
    json.dump({'results': [{'command': ' '.join(cmd), 'times': times, 'user': sum(user) / runs,
                            'system': sum(system) / runs, 'exit_codes': codes}]}, open(out, 'w'))


def main():
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    if a[0] == 'row':
        row(a[1], a[2], a[3], a[4], *(int(x) for x in a[5:7]))
    elif a[0] == 'put':
        put(a[1], a[2], a[3])
    elif a[0] == 'ratio':
        print(f'{ratio(a[1], a[2], a[3], a[4]):.2f}')
    elif a[0] == 'time':
        time_(int(a[1]), int(a[2]), a[3], a[4:])
    elif a[0] == 'summary':
        summary(a[1])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
