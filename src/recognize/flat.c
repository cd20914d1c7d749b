/* flat.c: tables whose cells ran together (scraper text: "行政规范性文件6233440" is 62 / 33 / 440).
 *
 * 1. Rows. In the paragraphs of sections 二, 三 and 四 (all paragraphs when a section was not found), every
 *    run of digits (white space inside it marks a cell boundary) belongs to the label written before it: t2 rows
 *    by the label's last words (规章, 行政规范性文件 …), t3 rows by the last numbered piece of it ("1.属于国家秘密"),
 *    t4 as one run of 15 cells after its header (or one run per group). The digit of a label's own numbering
 *    ("…00000002.其他法律…") is the label's, not the run's. A run followed by a unit (件, 条 …) is narrative.
 * 2. Splits per row: every way to read the run as the row's cells (canonical numbers: "0" is a cell, "05" is
 *    not) that satisfies the row's own sums. The search is total-first: the 总计 is a suffix of the run, so
 *    its value is known before the six columns are split, and each column is bounded by what is left of it;
 *    the last column is forced.
 * 3. The table at once: t3's column sums (（七）总计 = the outcome rows) are a multiple-choice vector sum, solved
 *    per candidate 总计 row with reachable-sum sets from both ends (a split of an outcome row survives when
 *    some choice of the others completes it); then 一 + 二 = 三（七）+ 四 over (总计, 一, 二, 四) tuples; then,
 *    each only when some remaining split satisfies it, last year's 结转下年度 and the numbers the narrative
 *    states (收到…申请 N 件, 办结 N 件, N 件结转下年度, 制发/现行有效/废止…规范性文件 N 件).
 * 4. A cell is filled when every surviving split gives it the same value; otherwise it is null (unreadable,
 *    unsettled) and a TABLE.SHAPE finding lists the splits that remain. Nothing is guessed. When a search
 *    would be too large, everything it could not rule out stays possible: fewer cells are filled, never a
 *    wrong one. When no split satisfies the column sums or the 勾稽关系 (the source's own arithmetic is wrong),
 *    those constraints are not used, and a finding says so; a row whose digits have one reading only keeps it
 *    even when its own sum fails (the rules report that sum).
 * 5. The paragraphs that held a table leave the section texts (as tables read from grids do).
 * Limits (steps per row and per document, set sizes) keep a hostile input to a fraction of a second. */
#define _GNU_SOURCE   /* memmem */
#include "flat.h"
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUN_MAX 1024            /* characters in one run that the splitter accepts */
#define CAND_MAX 20000          /* splits kept for one row */
#define ROW_STEPS 200000L       /* search steps for one row (the random reports need at most 20,000) */
#define DOC_STEPS 1000000L      /* … and for all the rows of one document */
#define SET_MAX (1u << 16)      /* vectors in one reachable-sum set */
#define SET_TOTAL (1u << 18)    /* … and in all the sets of one search */
#define WORK_MAX 3000000L       /* steps of the tuple and set stages of one table */
#define LIST_MAX 8              /* splits quoted in a finding */

static const char FLAT_RULE[] = "TABLE.SHAPE";   /* compared by address: the findings this file added */

/* ================================================================ splitting one run */

typedef struct {
    const char *s;
    int n;
    const int *nb;              /* nb[i]: the first forced boundary after i (n when none) */
    const gk_flat_shape *sh;
    int8_t grp[GK_FLAT_MAX_CELLS];
    bool total[GK_FLAT_MAX_CELLS];
    bool rest_in_tgroup[GK_FLAT_MAX_CELLS];   /* every cell after k (before the limit) is a member of tgroup */
    int last_member[3];
    int tgroup;                 /* the group whose total is the row's last cell (split total-first), or -1 */
    int64_t budget;             /* that total */
    int ncells_eff, limit;
    int cut[GK_FLAT_MAX_CELLS + 1];
    int64_t gsum[3];
    int max, count;
    uint16_t *out;
    long steps, step_max;
    bool over;
    /* total-first: the least and the most that s[pos..limit) can add up to as m members (exact, by a small
     * dynamic programme per total; mn = INT64_MAX / mx = -1 when it cannot be split so) */
    int64_t *mn, *mx;
    int mcount;                 /* members of tgroup that the bounds cover (the cells before the total) */
} sctx;

#define BIX(pos, m) ((size_t)(pos) * (size_t)(GK_FLAT_MAX_CELLS + 1) + (size_t)(m))

/* s[a..b) as a cell: 1 a number (*v, *scale), 0 not one but a longer cell may be, -1 no longer cell is. */
static int cell_value(const char *s, int a, int b, unsigned flags, int64_t *v, uint8_t *scale) {
    int i = a;
    bool neg = false;
    if (s[i] == '+' || s[i] == '-') {
        if (!(flags & GK_FLAT_SIGNED)) return -1;
        neg = s[i] == '-';
        i++;
        if (i == b) return 0;
    }
    int ints = 0, frac = 0;
    bool point = false, lead_zero = false;
    int64_t x = 0;
    for (int j = i; j < b; j++) {
        char c = s[j];
        if (c == '+' || c == '-') return -1;
        if (c == '.') {
            if (!(flags & GK_FLAT_DECIMAL) || point || ints == 0) return -1;
            point = true;
            continue;
        }
        if (c < '0' || c > '9') return -1;
        if (!point) {
            if (lead_zero) return -1;
            if (ints == 0 && c == '0') lead_zero = true;
            if (++ints > GK_FLAT_MAX_DIGITS) return -1;
        } else if (++frac > 9) {
            return -1;
        }
        if (ints + frac > 18) return -1;
        x = x * 10 + (c - '0');
    }
    if (ints == 0 || (point && frac == 0)) return 0;
    *v = neg ? -x : x;
    *scale = (uint8_t)frac;
    return 1;
}

static int ndigits(int64_t x) {
    int d = 1;
    while (x >= 10) { x /= 10; d++; }
    return d;
}

static int put_digits(int64_t x, char *buf) {   /* x ≥ 0; returns the length (no NUL) */
    char tmp[24];
    int n = 0;
    do { tmp[n++] = (char)('0' + x % 10); x /= 10; } while (x);
    for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    return n;
}

static void record(sctx *c) {
    if (c->count == c->max) { c->over = true; return; }
    int nc = c->sh->ncells;
    for (int k = 0; k <= nc; k++) c->out[(size_t)c->count * (size_t)(nc + 1) + (size_t)k] = (uint16_t)c->cut[k];
    c->count++;
}

static void dfs(sctx *c, int k, int pos) {
    if (c->over) return;
    if (++c->steps > c->step_max) { c->over = true; return; }
    if (k == c->ncells_eff) {
        if (pos != c->limit) return;
        if (c->tgroup >= 0 && c->gsum[c->tgroup] != c->budget) return;
        record(c);
        return;
    }
    int left = c->ncells_eff - k - 1;
    int room = c->limit - pos - left;
    if (room < 1) return;
    int nb = c->nb[pos];
    unsigned fl = c->sh->flags[k];
    int g = c->grp[k];
    char buf[24];
    if (g >= 0 && c->total[k]) {                    /* a total: its value is the sum of its group */
        if (c->gsum[g] < 0) return;
        int len = put_digits(c->gsum[g], buf);
        if (len > room || pos + len > nb || memcmp(c->s + pos, buf, (size_t)len) != 0) return;
        c->cut[k + 1] = pos + len;
        dfs(c, k + 1, pos + len);
        return;
    }
    bool budgeted = g >= 0 && g == c->tgroup;
    int64_t avail = budgeted ? c->budget - c->gsum[g] : 0;
    if (budgeted && avail < 0) return;
    bool bounded = budgeted && c->mn && c->rest_in_tgroup[k] && c->ncells_eff - k <= c->mcount;
    if (bounded && (avail < c->mn[BIX(pos, c->ncells_eff - k)] || avail > c->mx[BIX(pos, c->ncells_eff - k)])) return;
    if (budgeted && k == c->last_member[g] && k == c->ncells_eff - 1) {
        /* the last column of the total's group: its value is what is left of the total */
        int len = put_digits(avail, buf);
        if (len != c->limit - pos || pos + len > nb || memcmp(c->s + pos, buf, (size_t)len) != 0) return;
        c->gsum[g] += avail;
        c->cut[k + 1] = pos + len;
        dfs(c, k + 1, pos + len);
        c->gsum[g] -= avail;
        return;
    }
    int maxlen = budgeted ? ndigits(avail) : room;
    for (int len = 1; len <= room && pos + len <= nb && len <= maxlen + 2; len++) {
        int64_t v = 0;
        uint8_t sc = 0;
        int st = cell_value(c->s, pos, pos + len, fl, &v, &sc);
        if (st < 0) break;
        if (st == 0) continue;
        if (budgeted) {
            if (len > maxlen || v > avail) break;
            /* the rest of the run must fit in the remaining columns, each at most what is left, and be able to
             * add up to exactly what is left */
            if (c->rest_in_tgroup[k] && left > 0 && c->limit - (pos + len) > left * ndigits(avail - v)) continue;
            if (bounded && left > 0 &&
                (avail - v < c->mn[BIX(pos + len, left)] || avail - v > c->mx[BIX(pos + len, left)]))
                continue;
        }
        if (g >= 0) c->gsum[g] += v;
        c->cut[k + 1] = pos + len;
        dfs(c, k + 1, pos + len);
        if (g >= 0) c->gsum[g] -= v;
        if (c->over) return;
    }
}

/* mn/mx for the members before the total: s[pos..limit) as m plain counts, m ≤ mcount. */
static void member_bounds(sctx *c) {
    int L = c->limit, M = c->mcount;
    for (int pos = 0; pos <= L; pos++)
        for (int m = 0; m <= GK_FLAT_MAX_CELLS; m++) { c->mn[BIX(pos, m)] = INT64_MAX; c->mx[BIX(pos, m)] = -1; }
    c->mn[BIX(L, 0)] = 0;
    c->mx[BIX(L, 0)] = 0;
    for (int pos = L - 1; pos >= 0; pos--) {
        int64_t v = 0;
        for (int len = 1; pos + len <= L && len <= GK_FLAT_MAX_DIGITS; len++) {
            int e = pos + len;
            if (e > c->nb[pos]) break;
            char ch = c->s[e - 1];
            if (ch < '0' || ch > '9') break;
            if (len > 1 && c->s[pos] == '0') break;
            v = v * 10 + (ch - '0');
            for (int m = 1; m <= M; m++) {
                if (c->mx[BIX(e, m - 1)] < 0) continue;
                int64_t lo = v + c->mn[BIX(e, m - 1)], hi = v + c->mx[BIX(e, m - 1)];
                if (lo < c->mn[BIX(pos, m)]) c->mn[BIX(pos, m)] = lo;
                if (hi > c->mx[BIX(pos, m)]) c->mx[BIX(pos, m)] = hi;
            }
        }
    }
}

static int splits(const char *s, const uint8_t *brk, int n, const gk_flat_shape *sh, int max, uint16_t *cuts,
                  bool sums, long step_max, long *used) {
    if (!s || !sh || !cuts || max < 1 || n < 1 || n > RUN_MAX || sh->ncells < 1 || sh->ncells > GK_FLAT_MAX_CELLS ||
        sh->ngroups < 0 || sh->ngroups > 3)
        return -1;
    if (n < sh->ncells) return 0;
    for (int i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '+' || s[i] == '-')) return 0;
    sctx c;
    memset(&c, 0, sizeof c);
    int *nb = malloc(((size_t)n + 1) * sizeof *nb);
    if (!nb) return -1;
    nb[n] = n;
    for (int i = n - 1; i >= 0; i--) nb[i] = (i + 1 < n && brk && brk[i + 1]) ? i + 1 : nb[i + 1];
    c.s = s;
    c.n = n;
    c.nb = nb;
    c.step_max = step_max;
    c.sh = sh;
    c.max = max;
    c.out = cuts;
    c.tgroup = -1;
    for (int k = 0; k < GK_FLAT_MAX_CELLS; k++) c.grp[k] = -1;
    for (int g = 0; g < 3; g++) c.last_member[g] = -1;
    if (sums) {
        for (int g = 0; g < sh->ngroups; g++) {
            int f = sh->groups[g].first, m = sh->groups[g].n;
            if (m < 2 || f + m > sh->ncells) { free(nb); return -1; }
            for (int k = f; k < f + m; k++) {
                if (c.grp[k] >= 0) { free(nb); return -1; }   /* overlapping groups */
                c.grp[k] = (int8_t)g;
                if (sh->flags[k]) { free(nb); return -1; }   /* sums are of plain counts */
            }
            c.total[f + m - 1] = true;
            c.last_member[g] = f + m - 2;
        }
    }
    int nc = sh->ncells;
    c.cut[0] = 0;
    if (sums && c.total[nc - 1]) {
        /* total-first: the last cell is a total and a suffix of the run */
        c.tgroup = c.grp[nc - 1];
        c.ncells_eff = nc - 1;
        for (int k = 0; k < nc - 1; k++) {
            bool all = true;
            for (int j = k + 1; j < nc - 1; j++) all &= c.grp[j] == c.tgroup && !c.total[j];
            c.rest_in_tgroup[k] = all;
        }
        /* the members of the total's group that end the row (every cell before the total, in t3) */
        c.mcount = 0;
        for (int k = nc - 2; k >= 0 && c.grp[k] == c.tgroup && !c.total[k]; k--) c.mcount++;
        /* when the group is the whole row, Σ members ≡ Σ digits (mod 9) whatever the split */
        bool whole = c.mcount == nc - 1;
        c.mn = malloc(((size_t)n + 1) * (GK_FLAT_MAX_CELLS + 1) * sizeof *c.mn);
        c.mx = malloc(((size_t)n + 1) * (GK_FLAT_MAX_CELLS + 1) * sizeof *c.mx);
        if (!c.mn || !c.mx) { free(c.mn); free(c.mx); c.mn = c.mx = NULL; }
        for (int t = 1; t <= GK_FLAT_MAX_DIGITS && t <= n - (nc - 1) && !c.over; t++) {
            int a = n - t;
            if (nb[a] < n) continue;
            int64_t v;
            uint8_t sc;
            if (cell_value(s, a, n, 0, &v, &sc) != 1) continue;
            if (whole) {
                int ds = 0;
                for (int i = 0; i < a; i++) ds += s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : 0;
                if (ds % 9 != v % 9) continue;
            }
            c.budget = v;
            c.limit = a;
            if (c.mn) member_bounds(&c);
            c.cut[nc - 1] = a;
            c.cut[nc] = n;
            memset(c.gsum, 0, sizeof c.gsum);
            dfs(&c, 0, 0);
        }
    } else {
        c.ncells_eff = nc;
        c.limit = n;
        dfs(&c, 0, 0);
    }
    free(nb);
    free(c.mn);
    free(c.mx);
    if (used) *used += c.steps;
    return c.over ? -1 : c.count;
}

int gk_flat_row_splits(const char *s, const uint8_t *brk, int n, const gk_flat_shape *shape, int max, uint16_t *cuts) {
    return splits(s, brk, n, shape, max, cuts, true, ROW_STEPS, NULL);
}

int gk_flat_row_splits_free(const char *s, const uint8_t *brk, int n, const gk_flat_shape *shape, int max,
                            uint16_t *cuts) {
    return splits(s, brk, n, shape, max, cuts, false, ROW_STEPS, NULL);
}

/* ================================================================ runs and labels in the text */

typedef struct run {
    char *s;                    /* '0'…'9', '.', '+', '-' */
    uint8_t *brk;
    uint32_t *pos;              /* byte offset of each character in the paragraph */
    int n;
    int a, b;                   /* bytes of the run in the paragraph */
    int32_t next;               /* the first character after it that is not space (0 at the end) */
} run;

typedef struct seg {
    const gk_para *p;
    int a, b;                   /* the label text before the run (bytes in p->text) */
    run *r;                     /* the run after it, or NULL (text after the last run) */
} seg;

typedef struct seglist {
    seg *v;
    int n, cap;
} seglist;

static int32_t cp_at(const char *t, size_t n, size_t i, size_t *l) {
    int32_t cp = 0;
    if (i >= n) { *l = 0; return 0; }
    *l = gk_utf8_decode(t + i, n - i, &cp);
    if (*l == 0) *l = 1;
    return cp;
}

static bool digit_cp(int32_t cp, char *d) {
    if (cp >= '0' && cp <= '9') { *d = (char)cp; return true; }
    if (cp >= 0xFF10 && cp <= 0xFF19) { *d = (char)('0' + (cp - 0xFF10)); return true; }
    return false;
}

static bool sign_cp(int32_t cp, char *d) {
    if (cp == '-' || cp == 0xFF0D || cp == 0x2212) { *d = '-'; return true; }
    if (cp == '+' || cp == 0xFF0B) { *d = '+'; return true; }
    return false;
}

static bool point_cp(int32_t cp) { return cp == '.' || cp == 0xFF0E; }
static bool numbering_mark(int32_t cp) { return cp == '.' || cp == 0xFF0E || cp == 0x3001; }

static bool digit_at(const char *t, size_t n, size_t i) {
    size_t l;
    char d;
    return digit_cp(cp_at(t, n, i, &l), &d);
}

/* A sign that starts a number: a digit follows it. */
static bool sign_at(const char *t, size_t n, size_t i) {
    size_t l;
    char d;
    if (!sign_cp(cp_at(t, n, i, &l), &d)) return false;
    return digit_at(t, n, i + l);
}

/* Units after a number in narrative text: such a number is not a table cell. */
static bool unit_cp(int32_t cp) {
    static const char units[] = "件条个项份次人元万亿年月日号期篇批家场名余多天户宗套台辆起例座亩吨倍届周岁种类册页张位小分秒%％‰";
    if (cp == 0) return false;
    char buf[5];
    size_t n = 0;
    if (cp < 0x80) buf[n++] = (char)cp;
    else if (cp < 0x800) { buf[n++] = (char)(0xC0 | cp >> 6); buf[n++] = (char)(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
        buf[n++] = (char)(0xE0 | cp >> 12); buf[n++] = (char)(0x80 | (cp >> 6 & 0x3F)); buf[n++] = (char)(0x80 | (cp & 0x3F));
    } else return false;
    buf[n] = 0;
    return strstr(units, buf) != NULL;
}

static void seg_push(gk_arena *a, seglist *l, seg s) {
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 64;
        seg *v = gk_arena_alloc(a, (size_t)cap * sizeof *v);
        if (l->n) memcpy(v, l->v, (size_t)l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = s;
}

/* Cuts a paragraph into label texts and the runs after them. */
static void tokenize(gk_arena *a, const gk_para *p, seglist *out) {
    const char *t = p->text;
    size_t n = p->len;
    size_t i = 0, label = 0;
    char *s = NULL;
    uint8_t *brk = NULL;
    uint32_t *pos = NULL;
    size_t cap = 0;
    while (i < n) {
        size_t l;
        char d;
        int32_t cp = cp_at(t, n, i, &l);
        if (!digit_cp(cp, &d) && !sign_at(t, n, i)) { i += l; continue; }
        /* a run from i (only its first RUN_MAX + 1 characters are kept: a longer one is never split) */
        int m = 0;
        bool pending = false;
        size_t j = i, end = i;
        char lastc = 0;
        uint32_t lastpos = 0;
        for (;;) {
            size_t lj;
            int32_t c = cp_at(t, n, j, &lj);
            if (lj == 0) break;
            char ch = 0;
            bool take = false, gap = pending;
            if (digit_cp(c, &ch)) take = true;
            else if (sign_cp(c, &ch) && digit_at(t, n, j + lj)) { take = true; gap = m > 0; }
            else if (point_cp(c) && m > 0 && !pending && lastc >= '0' && lastc <= '9' && digit_at(t, n, j + lj)) { ch = '.'; take = true; }
            else if (m > 0 && gk_is_space_cp(c)) {
                size_t k = j;
                while (k < n) {
                    size_t lk;
                    int32_t ck = cp_at(t, n, k, &lk);
                    if (!gk_is_space_cp(ck)) break;
                    k += lk;
                }
                if (k < n && (digit_at(t, n, k) || sign_at(t, n, k))) { pending = true; j = k; continue; }
                break;
            }
            if (!take) break;
            if (m <= RUN_MAX) {
                if ((size_t)m == cap) {
                    size_t nc = cap ? cap * 2 : 64;
                    char *s2 = gk_arena_alloc(a, nc);
                    uint8_t *b2 = gk_arena_alloc(a, nc);
                    uint32_t *p2 = gk_arena_alloc(a, nc * sizeof *p2);
                    if (m) { memcpy(s2, s, (size_t)m); memcpy(b2, brk, (size_t)m); memcpy(p2, pos, (size_t)m * sizeof *p2); }
                    s = s2; brk = b2; pos = p2; cap = nc;
                }
                s[m] = ch;
                brk[m] = gap;
                pos[m] = (uint32_t)j;
            }
            m++;
            lastc = ch;
            lastpos = (uint32_t)j;
            pending = false;
            j += lj;
            end = j;
        }
        /* the digit before a numbering mark ("…00000002.其他") is the next label's number */
        size_t next_label = end, resume = end;
        size_t lm;
        int32_t after = cp_at(t, n, end, &lm);
        if (m > 0 && m <= RUN_MAX + 1 && lastc >= '0' && lastc <= '9' && numbering_mark(after) && !digit_at(t, n, end + lm)) {
            next_label = lastpos;
            resume = end + lm;
            m--;
            while (m > 0 && !(s[m - 1] >= '0' && s[m - 1] <= '9')) m--;
        }
        if (m == 0) { i = resume > i ? resume : i + l; continue; }
        int kept = m <= RUN_MAX + 1 ? m : RUN_MAX + 1;
        run *r = gk_arena_alloc(a, sizeof *r);
        r->s = gk_arena_strndup(a, s, (size_t)kept);
        r->brk = gk_arena_alloc(a, (size_t)kept);
        memcpy(r->brk, brk, (size_t)kept);
        r->pos = gk_arena_alloc(a, (size_t)kept * sizeof *r->pos);
        memcpy(r->pos, pos, (size_t)kept * sizeof *r->pos);
        r->n = kept;
        r->a = (int)pos[0];
        uint32_t lp = m <= RUN_MAX + 1 ? pos[m - 1] : lastpos;
        size_t ll;
        cp_at(t, n, lp, &ll);
        r->b = (int)(lp + ll);
        size_t k = (size_t)r->b;
        int32_t nx = 0;
        while (k < n) {
            size_t lk;
            nx = cp_at(t, n, k, &lk);
            if (!gk_is_space_cp(nx)) break;
            k += lk;
            nx = 0;
        }
        r->next = nx;
        seg_push(a, out, (seg){p, (int)label, (int)i, r});
        label = next_label;
        i = resume;
        s = NULL; brk = NULL; pos = NULL; cap = 0;
    }
    seg_push(a, out, (seg){p, (int)label, (int)n, NULL});
}

/* The last numbered piece of a label text ("（三）不予公开1.属于国家秘密" → "1.属于国家秘密"); every piece start
 * goes into starts (at most max), the first being a. Returns how many. */
static bool cn_digit(int32_t cp) {
    static const int32_t cn[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
    for (int k = 0; k < 10; k++) if (cp == cn[k]) return true;
    return false;
}

static int pieces(const char *t, int a, int b, int *starts, int max) {
    int ns = 0;
    starts[ns++] = a;
    size_t n = (size_t)b;
    for (size_t i = (size_t)a; i < n;) {
        size_t l, l2;
        char d;
        int32_t cp = cp_at(t, n, i, &l);
        bool start = false;
        if (cp == 0xFF08 || cp == '(') {
            size_t j = i + l;
            int k = 0;
            for (;;) {
                int32_t c = cp_at(t, n, j, &l2);
                if (l2 == 0 || !(cn_digit(c) || digit_cp(c, &d)) || k > 3) break;
                j += l2;
                k++;
            }
            int32_t c = cp_at(t, n, j, &l2);
            start = k > 0 && (c == 0xFF09 || c == ')');
        } else if (cn_digit(cp) || digit_cp(cp, &d)) {
            int32_t c = cp_at(t, n, i + l, &l2);
            start = numbering_mark(c);
        }
        if (start && (int)i != a && ns < max) starts[ns++] = (int)i;
        i += l;
    }
    return ns;
}

/* The folded tail (at most 40 characters) of a label text. */
static char *fold_tail(gk_arena *a, const char *t, int s, int e) {
    int start = e, count = 0;
    while (start > s && count < 40) {
        start--;
        while (start > s && ((unsigned char)t[start] & 0xC0) == 0x80) start--;
        count++;
    }
    return gk_fold(a, t + start, (size_t)(e - start));
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

static int t2_row_of(gk_arena *a, const gk_table_def *td, const seg *sg) {
    char *f = fold_tail(a, sg->p->text, sg->a, sg->b);
    for (int k = 0; k < td->nrows; k++)
        for (int q = 0; td->rows[k].match[q]; q++)
            if (ends_with(f, td->rows[k].match[q])) return k;
    return -1;
}

/* ================================================================ rows to split */

enum { R_OK = 0, R_NONE, R_SHORT, R_MANY, R_BLANK };

typedef struct frow {
    gk_table_id table;
    int trow;                   /* template row; -1: t4 as one run; -2: the hybrid's single （六）其他处理 */
    int cellix[GK_FLAT_MAX_CELLS];
    gk_flat_shape shape;
    const gk_para *p;
    run *r;
    const char *label;
    int status;
    bool broken;                /* the only reading of the digits, though it breaks the row's sums */
    int ncand;
    uint16_t *cuts;             /* ncand × (ncells + 1) */
    int64_t *val;               /* ncand × ncells */
    uint8_t *scale;
    uint8_t *ok;                /* surviving splits */
    const char *note_zh, *note_en;   /* narrative numbers that no split matched */
} frow;

static int64_t cval(const frow *f, int c, int k) { return f->val[(size_t)c * (size_t)f->shape.ncells + (size_t)k]; }

/* Every split of the row's run that satisfies its sums; when none does (the source's arithmetic is wrong), the
 * one reading of the digits when there is only one (as many digits as cells, or white space between them all):
 * the rules then report the broken sum on the numbers as printed. White space is never ignored. */
static void row_candidates(gk_arena *a, frow *f, long *steps_left) {
    if (!f->r) { f->status = R_BLANK; return; }
    run *r = f->r;
    int nc = f->shape.ncells;
    if (r->n < nc) { f->status = R_SHORT; return; }
    if (r->n > RUN_MAX) { f->status = R_MANY; return; }
    uint16_t *buf = malloc((size_t)CAND_MAX * (size_t)(nc + 1) * sizeof *buf);
    if (!buf) { f->status = R_MANY; return; }
    long used = 0;
#define BUDGET (*steps_left - used < ROW_STEPS ? *steps_left - used : ROW_STEPS)
    int cnt = splits(r->s, r->brk, r->n, &f->shape, CAND_MAX, buf, true, BUDGET, &used);
    if (cnt == 0 && f->shape.ngroups > 0) {
        int free_cnt = splits(r->s, r->brk, r->n, &f->shape, 2, buf, false, BUDGET, &used);
        if (free_cnt == 1) { cnt = 1; f->broken = true; }
    }
#undef BUDGET
    *steps_left -= used;
    if (cnt < 0) { f->status = R_MANY; free(buf); return; }
    if (cnt == 0) { f->status = R_NONE; free(buf); return; }
    f->status = R_OK;
    f->ncand = cnt;
    f->cuts = gk_arena_alloc(a, (size_t)cnt * (size_t)(nc + 1) * sizeof *f->cuts);
    memcpy(f->cuts, buf, (size_t)cnt * (size_t)(nc + 1) * sizeof *f->cuts);
    free(buf);
    f->val = gk_arena_alloc(a, (size_t)cnt * (size_t)nc * sizeof *f->val);
    f->scale = gk_arena_alloc(a, (size_t)cnt * (size_t)nc);
    f->ok = gk_arena_alloc(a, (size_t)cnt);
    for (int c = 0; c < cnt; c++) {
        f->ok[c] = 1;
        for (int k = 0; k < nc; k++) {
            int s0 = f->cuts[(size_t)c * (size_t)(nc + 1) + (size_t)k], s1 = f->cuts[(size_t)c * (size_t)(nc + 1) + (size_t)k + 1];
            int64_t v = 0;
            uint8_t sc = 0;
            cell_value(r->s, s0, s1, f->shape.flags[k], &v, &sc);
            f->val[(size_t)c * (size_t)nc + (size_t)k] = v;
            f->scale[(size_t)c * (size_t)nc + (size_t)k] = sc;
        }
    }
}

static bool usable(const frow *f) { return f && f->status == R_OK && f->ncand > 0; }

/* ================================================================ vector sets (t3 columns) */

#define DIM 7

typedef struct vset {
    int64_t *v;                 /* n × DIM */
    uint32_t *tab;              /* open addressing: index + 1, 0 = empty */
    uint32_t n, cap, tcap;
    bool over;
} vset;

static uint64_t vhash(const int64_t *x) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (int k = 0; k < DIM; k++) {
        h ^= (uint64_t)x[k] + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        h *= 0xBF58476D1CE4E5B9ull;
    }
    return h ^ (h >> 31);
}

static void vset_free(vset *s) {
    free(s->v);
    free(s->tab);
    memset(s, 0, sizeof *s);
}

static int vset_find(const vset *s, const int64_t *x) {
    if (!s->tcap) return -1;
    uint32_t mask = s->tcap - 1, i = (uint32_t)vhash(x) & mask;
    while (s->tab[i]) {
        uint32_t ix = s->tab[i] - 1;
        if (!memcmp(s->v + (size_t)ix * DIM, x, DIM * sizeof *x)) return (int)ix;
        i = (i + 1) & mask;
    }
    return -1;
}

static void vset_add(vset *s, const int64_t *x) {
    if (s->over) return;
    if (vset_find(s, x) >= 0) return;
    if (s->n >= SET_MAX) { s->over = true; return; }
    if (s->n == s->cap) {
        uint32_t cap = s->cap ? s->cap * 2 : 16;
        int64_t *v = realloc(s->v, (size_t)cap * DIM * sizeof *v);
        if (!v) { s->over = true; return; }
        s->v = v;
        s->cap = cap;
    }
    if ((s->n + 1) * 2 > s->tcap) {
        uint32_t tcap = s->tcap ? s->tcap * 2 : 32;
        uint32_t *tab = calloc(tcap, sizeof *tab);
        if (!tab) { s->over = true; return; }
        free(s->tab);
        s->tab = tab;
        s->tcap = tcap;
        for (uint32_t k = 0; k < s->n; k++) {
            uint32_t i = (uint32_t)vhash(s->v + (size_t)k * DIM) & (tcap - 1);
            while (tab[i]) i = (i + 1) & (tcap - 1);
            tab[i] = k + 1;
        }
    }
    memcpy(s->v + (size_t)s->n * DIM, x, DIM * sizeof *x);
    uint32_t i = (uint32_t)vhash(x) & (s->tcap - 1);
    while (s->tab[i]) i = (i + 1) & (s->tcap - 1);
    s->tab[i] = ++s->n;
}

static void vec_of(const frow *f, int c, int64_t *x) {
    for (int k = 0; k < DIM; k++) x[k] = cval(f, c, k);
}

/* The outcome rows against one candidate 总计 row t: 1 when some choice of their splits adds up to t (then
 * mask[i][c] is set for every split c of row i that occurs in such a choice), 0 when none does, -1 when the
 * sets grew past their limits (nothing is known). Only splits with allow[i][c] take part. */
static int outcome_dp(frow *const *rows, int m, const int64_t *t, uint8_t *const *allow, uint8_t **mask, long *work) {
    int64_t tt[DIM];
    memcpy(tt, t, sizeof tt);
    int *multi = malloc(((size_t)m + 1) * sizeof *multi);
    if (!multi) return -1;
    int q = 0;
    for (int i = 0; i < m; i++) {
        if (mask) memset(mask[i], 0, (size_t)rows[i]->ncand);
        int only = -1, nallow = 0;
        for (int c = 0; c < rows[i]->ncand; c++)
            if (allow[i][c]) { nallow++; only = c; }
        if (nallow == 0) { free(multi); return 0; }
        if (nallow == 1) {
            for (int k = 0; k < DIM; k++) tt[k] -= cval(rows[i], only, k);
            if (mask) mask[i][only] = 1;
        } else {
            multi[q++] = i;
        }
    }
    for (int k = 0; k < DIM; k++)
        if (tt[k] < 0) { free(multi); return 0; }
    if (q == 0) {   /* every row settled: the sum is t or not */
        bool eq = true;
        for (int k = 0; k < DIM; k++) eq &= tt[k] == 0;
        free(multi);
        return eq;
    }
    vset *back = calloc((size_t)q + 1, sizeof *back);
    if (!back) { free(multi); return -1; }
    int64_t zero[DIM] = {0}, y[DIM], rest[DIM];
    vset_add(&back[q], zero);
    int result = 1;
    size_t total = 0;
    for (int j = q - 1; j >= 0 && result == 1; j--) {
        const frow *f = rows[multi[j]];
        for (uint32_t b = 0; b < back[j + 1].n && result == 1; b++) {
            for (int c = 0; c < f->ncand; c++) {
                if (!allow[multi[j]][c]) continue;
                if (++*work > WORK_MAX) { result = -1; break; }
                bool fits = true;
                for (int k = 0; k < DIM; k++) {
                    y[k] = back[j + 1].v[(size_t)b * DIM + (size_t)k] + cval(f, c, k);
                    fits &= y[k] <= tt[k];
                }
                if (fits) vset_add(&back[j], y);
            }
            if (back[j].over) result = -1;
        }
        total += back[j].n;
        if (total > SET_TOTAL) result = -1;
    }
    if (result == 1 && vset_find(&back[0], tt) < 0) result = 0;
    if (result == 1) {
        vset fwd = {0}, nxt = {0};
        vset_add(&fwd, zero);
        for (int j = 0; j < q && result == 1; j++) {
            const frow *f = rows[multi[j]];
            for (uint32_t b = 0; b < fwd.n && result == 1; b++) {
                for (int c = 0; c < f->ncand; c++) {
                    if (!allow[multi[j]][c]) continue;
                    if (++*work > WORK_MAX) { result = -1; break; }
                    bool fits = true;
                    for (int k = 0; k < DIM; k++) {
                        y[k] = fwd.v[(size_t)b * DIM + (size_t)k] + cval(f, c, k);
                        rest[k] = tt[k] - y[k];
                        fits &= rest[k] >= 0;
                    }
                    if (!fits || vset_find(&back[j + 1], rest) < 0) continue;
                    if (mask) mask[multi[j]][c] = 1;
                    vset_add(&nxt, y);
                }
                if (nxt.over) result = -1;
            }
            vset_free(&fwd);
            fwd = nxt;
            memset(&nxt, 0, sizeof nxt);
        }
        vset_free(&fwd);
        vset_free(&nxt);
    }
    for (int j = 0; j <= q; j++) vset_free(&back[j]);
    free(back);
    free(multi);
    return result;
}

/* ================================================================ what the narrative states */

enum {
    CL_RECEIVED,        /* 收到…申请 N 件: 一 总计 (or 一 + 二) */
    CL_HANDLED,         /* 办理…申请 N 件: 一 + 二 (or 一) */
    CL_CLOSED,          /* 办结 N 件: 三（七）总计 */
    CL_CARRY_NEXT,      /* N 件结转下年度: 四 总计 */
    CL_PREV_CARRY,      /* last year's 结转下年度 = this year's 上年结转, per column */
    CL_NORM_ISSUED, CL_NORM_ABOLISHED, CL_NORM_VALID,
    CL_N
};

typedef struct claim {
    int kind;
    int64_t n;
    int64_t vec[DIM];
    const char *quote;
    uint32_t line;
    int state;          /* 0 unused, 1 used, 2 contradicted by every split */
} claim;

static bool has_n(const char *s, size_t n, const char *w) {
    size_t l = strlen(w);
    for (size_t i = 0; i + l <= n; i++)
        if (!memcmp(s + i, w, l)) return true;
    return false;
}

static bool at(const char *s, size_t n, size_t i, const char *w) {
    size_t l = strlen(w);
    return i + l <= n && memcmp(s + i, w, l) == 0;
}

static size_t skip_words(const char *s, size_t n, size_t i, const char *const *w, bool *apply) {
    for (int guard = 0; guard < 8; guard++) {
        bool any = false;
        for (int k = 0; w[k]; k++) {
            if (!at(s, n, i, w[k])) continue;
            if (apply && !strcmp(w[k], "申请")) *apply = true;
            i += strlen(w[k]);
            any = true;
            break;
        }
        if (!any) break;
    }
    return i;
}

/* ASCII digits at i (at most GK_FLAT_MAX_DIGITS): their end, or 0. */
static size_t read_int(const char *s, size_t n, size_t i, int64_t *v) {
    size_t j = i;
    int64_t x = 0;
    while (j < n && s[j] >= '0' && s[j] <= '9') {
        if (j - i >= GK_FLAT_MAX_DIGITS) return 0;
        x = x * 10 + (s[j] - '0');
        j++;
    }
    if (j == i) return 0;
    *v = x;
    return j;
}

static bool unit_at(const char *s, size_t n, size_t i, size_t *end) {
    static const char *const units[] = {"件", "个", "份", "条", NULL};
    for (int k = 0; units[k]; k++)
        if (at(s, n, i, units[k])) { *end = i + strlen(units[k]); return true; }
    return false;
}

static void add_claim(gk_arena *a, claim *cl, int *ncl, int kind, int64_t v, const char *s, size_t qs, size_t qe,
                      uint32_t line) {
    for (int k = 0; k < *ncl; k++)
        if (cl[k].kind == kind) return;   /* the first statement of each kind */
    if (*ncl >= 16) return;
    claim *c = &cl[(*ncl)++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->n = v;
    c->quote = gk_arena_strndup(a, s + qs, qe - qs);
    c->line = line;
}

static void find_claims(gk_report *r, claim *cl, int *ncl) {
    static const char *const apply_fill[] = {"各类", "了", "共", "政府信息公开", "依申请公开", "信息公开", "申请", "有关", NULL};
    static const char *const closed_fill[] = {"了", "共", "依申请公开", "政府信息公开", "信息公开", "申请", NULL};
    static const char *const norm_fill[] = {"了", "的", "本年度", "行政", NULL};
    static const char *const received_heads[] = {"收到", "受理", "接到", "新收", NULL};
    for (uint32_t pi = 0; pi < r->nparas; pi++) {
        const char *s = r->paras[pi].text;
        size_t n = r->paras[pi].len;
        uint32_t line = r->paras[pi].line;
        for (size_t i = 0; i < n; i++) {
            size_t j, e;
            int64_t v;
            bool apply = false;
            for (int h = 0; received_heads[h]; h++) {
                if (!at(s, n, i, received_heads[h])) continue;
                apply = false;
                j = skip_words(s, n, i + strlen(received_heads[h]), apply_fill, &apply);
                size_t d = read_int(s, n, j, &v);
                if (!d || !unit_at(s, n, d, &e)) continue;
                if (!apply) {
                    size_t k = skip_words(s, n, e, apply_fill, &apply);
                    if (apply) e = k;
                }
                if (apply) add_claim(r->arena, cl, ncl, CL_RECEIVED, v, s, i, e, line);
            }
            if (at(s, n, i, "办理")) {
                apply = false;
                j = skip_words(s, n, i + strlen("办理"), apply_fill, &apply);
                size_t d = read_int(s, n, j, &v);
                if (d && unit_at(s, n, d, &e) && apply) add_claim(r->arena, cl, ncl, CL_HANDLED, v, s, i, e, line);
            }
            if (at(s, n, i, "办结")) {
                j = skip_words(s, n, i + strlen("办结"), closed_fill, NULL);
                size_t d = read_int(s, n, j, &v);
                if (d && unit_at(s, n, d, &e)) add_claim(r->arena, cl, ncl, CL_CLOSED, v, s, i, e, line);
            }
            if (at(s, n, i, "结转")) {
                /* 结转下年度(继续办理) N 件, 结转至 2026 年 N 件 */
                j = i + strlen("结转");
                if (at(s, n, j, "至") || at(s, n, j, "到")) j += strlen("至");
                if (at(s, n, j, "下一年度")) j += strlen("下一年度");
                else if (at(s, n, j, "下年度")) j += strlen("下年度");
                else if (at(s, n, j, "下年")) j += strlen("下年");
                else {
                    size_t y = read_int(s, n, j, &v);
                    if (y && y - j == 4 && at(s, n, y, "年")) j = y + strlen("年");
                    if (at(s, n, j, "度")) j += strlen("度");
                }
                if (at(s, n, j, "继续办理")) j += strlen("继续办理");
                size_t d = j > i + strlen("结转") ? read_int(s, n, j, &v) : 0;
                if (d && unit_at(s, n, d, &e)) add_claim(r->arena, cl, ncl, CL_CARRY_NEXT, v, s, i, e, line);
            }
            if (s[i] >= '0' && s[i] <= '9' && (i == 0 || !(s[i - 1] >= '0' && s[i - 1] <= '9'))) {
                size_t d = read_int(s, n, i, &v);
                if (d && unit_at(s, n, d, &e)) {
                    size_t k = e;
                    if (at(s, n, k, "申请")) k += strlen("申请");
                    if (at(s, n, k, "结转下年") || at(s, n, k, "结转至下年") || at(s, n, k, "结转到下年"))
                        add_claim(r->arena, cl, ncl, CL_CARRY_NEXT, v, s, i, k + strlen("结转下年"), line);
                }
            }
            static const struct { const char *head; int kind; } norm[] = {
                {"制发", CL_NORM_ISSUED}, {"印发", CL_NORM_ISSUED}, {"出台", CL_NORM_ISSUED},
                {"废止", CL_NORM_ABOLISHED}, {"现行有效", CL_NORM_VALID},
            };
            for (size_t h = 0; h < sizeof norm / sizeof norm[0]; h++) {
                if (!at(s, n, i, norm[h].head)) continue;
                j = skip_words(s, n, i + strlen(norm[h].head), norm_fill, NULL);
                if (!at(s, n, j, "规范性文件")) continue;
                j += strlen("规范性文件");
                if (at(s, n, j, "共")) j += strlen("共");
                size_t d = read_int(s, n, j, &v);
                if (d && at(s, n, d, "件")) add_claim(r->arena, cl, ncl, norm[h].kind, v, s, i, d + strlen("件"), line);
            }
        }
    }
}

/* ================================================================ the tables */

typedef struct flat {
    gk_report *r;
    gk_arena *a;
    const gk_template *tm;
    bool hybrid;
    bool refill;                /* gk_flat_use_previous: t3 only, no new shapes */
    frow *t2[8];
    frow *t3[25];
    frow *unsplit;              /* the hybrid's single （六）其他处理 */
    frow *t4whole, *t4g[3];
    claim cl[16];
    int ncl;
    bool found[GK_NTABLES];
    uint32_t line[GK_NTABLES], end_line[GK_NTABLES];
    bool dropped_e, dropped_b;
} flat;

static const char *const table_zh[] = {"表二", "表三", "表四"};

static bool para_in_src(const gk_report *r, const gk_para *p) {
    return r->src && p->text >= r->src && p->text + p->len <= r->src + r->srclen;
}

static void seen(flat *F, gk_table_id t, uint32_t line) {
    if (!F->found[t] || line < F->line[t]) F->line[t] = line;
    if (!F->found[t] || line > F->end_line[t]) F->end_line[t] = line;
    F->found[t] = true;
}

static frow *new_row(flat *F, gk_table_id t, int trow, const seg *sg, const char *label) {
    frow *f = gk_arena_alloc(F->a, sizeof *f);
    f->table = t;
    f->trow = trow;
    f->p = sg->p;
    f->r = sg->r;
    f->label = label;
    for (int k = 0; k < GK_FLAT_MAX_CELLS; k++) f->cellix[k] = -1;
    seen(F, t, sg->p->line);
    return f;
}

static void shape_of_row(frow *f, const gk_row_def *rd) {
    f->shape.ncells = rd->nfields;
    for (int k = 0; k < rd->nfields; k++) {
        const char *key = rd->fields[k].key;
        uint8_t fl = 0;
        if (rd->decimal && !strcmp(key, "amount")) fl |= GK_FLAT_DECIMAL;
        if (rd->sign && !strcmp(key, "change")) fl |= GK_FLAT_SIGNED;
        f->shape.flags[k] = fl;
        f->cellix[k] = rd->first + k;
    }
}

static void collect(flat *F, int section, seglist *out) {
    gk_report *r = F->r;
    bool scoped = r->sections[section].present;
    for (uint32_t i = 0; i < r->nparas; i++) {
        const gk_para *p = &r->paras[i];
        if (scoped && p->section != section) continue;
        if (!p->len || p->len > (64u << 20)) continue;
        tokenize(F->a, p, out);
    }
}

static char *fold_seg(gk_arena *a, const seg *sg) {
    if (sg->b - sg->a > 600) return fold_tail(a, sg->p->text, sg->a, sg->b);
    return gk_fold(a, sg->p->text + sg->a, (size_t)(sg->b - sg->a));
}

static bool is_unit_next(const run *rn, bool yuan_ok) {
    if (!rn) return false;
    if (yuan_ok && rn->next == 0x5143) return false;   /* 元 after 采购总金额 */
    return unit_cp(rn->next);
}

/* ---------------- t2 ---------------- */

static void map_t2(flat *F, seglist *L) {
    bool anchor = false;
    for (int i = 0; i < L->n && !anchor; i++) {
        char *f = fold_seg(F->a, &L->v[i]);
        anchor = gk_has(f, "第二十条") || gk_has(f, "信息内容") || gk_has(f, "制发件数") || gk_has(f, "处理决定数量") ||
                 gk_has(f, "新制作数量") || gk_has(f, "收费金额");
    }
    if (!anchor) return;
    const gk_table_def *td = &F->tm->tables[GK_T2];
    for (int i = 0; i < L->n; i++) {
        const seg *sg = &L->v[i];
        if (!sg->r) continue;
        int k = t2_row_of(F->a, td, sg);
        if (k < 0 || k >= 8) continue;
        if (is_unit_next(sg->r, !strcmp(td->rows[k].key, "procurement"))) continue;
        if (F->t2[k]) {
            if (!F->refill) gk_report_add_shape(F->r, (gk_shape){GK_T2, GK_SHAPE_ROW_DUPLICATE, sg->p->line, k, td->rows[k].label, 0, 0});
            continue;
        }
        frow *f = new_row(F, GK_T2, k, sg, td->rows[k].label);
        shape_of_row(f, &td->rows[k]);
        F->t2[k] = f;
    }
}

/* ---------------- t3 ---------------- */

static bool piece_is(gk_arena *a, const char *t, int s, int e, const char *what) {
    if (e - s > 120) return false;
    char *f = gk_fold(a, t + s, (size_t)(e - s));
    gk_numbering num = gk_numbering_parse(f, strlen(f));
    return !strcmp(f + num.len, what);
}

/* Which template (and hybrid) the flattened tables use: the 2019 t2 words, or a single （六）其他处理 row. */
static void choose_template(flat *F, seglist *L2, seglist *L3) {
    bool t2_2019 = false, t2_any = false, unsplit = false, split = false;
    for (int i = 0; i < L2->n; i++) {
        char *f = fold_seg(F->a, &L2->v[i]);
        if (gk_is_2019_t2_word(f)) t2_2019 = true;
        if (gk_has(f, "第二十条") || gk_has(f, "信息内容")) t2_any = true;
    }
    for (int i = 0; i < L3->n; i++) {
        const seg *sg = &L3->v[i];
        int st[64];
        int np = pieces(sg->p->text, sg->a, sg->b, st, 64);
        for (int q = 0; q < np; q++) {
            int e = q + 1 < np ? st[q + 1] : sg->b;
            if (e - st[q] > 240) continue;
            char *f = gk_fold(F->a, sg->p->text + st[q], (size_t)(e - st[q]));
            if (gk_has(f, "不补正") || gk_has(f, "缴纳费用")) split = true;
            if (q == np - 1 && sg->r && piece_is(F->a, sg->p->text, st[q], e, "其他处理")) unsplit = true;
        }
    }
    F->tm = gk_template_2021();
    F->hybrid = false;
    if (t2_2019 || (unsplit && !split && !t2_any)) F->tm = gk_template_2019();
    else if (unsplit && !split) F->hybrid = true;
}

static int t3_match(const gk_table_def *td, const char *folded) {
    for (int k = 0; k < td->nrows; k++)
        if (gk_row_matches(&td->rows[k], folded)) return k;
    return -1;
}

static void map_t3(flat *F, seglist *L) {
    const gk_table_def *td = &F->tm->tables[GK_T3];
    bool anchor = false;
    for (int i = 0; i < L->n && !anchor; i++) {
        char *f = fold_seg(F->a, &L->v[i]);
        anchor = gk_has(f, "本年新收") || gk_has(f, "申请人情况") || gk_has(f, "勾稽关系") || gk_has(f, "结转下年");
    }
    if (!anchor) return;
    /* first pass: the rows with their runs, and labels without digits */
    typedef struct { int row; const seg *sg; bool has_run; bool unsplit; } hit;
    hit *hits = gk_arena_alloc(F->a, ((size_t)L->n * 8 + 1) * sizeof *hits);
    int nh = 0, distinct = 0;
    bool seen_row[32] = {false};
    for (int i = 0; i < L->n; i++) {
        const seg *sg = &L->v[i];
        int st[64];
        int np = pieces(sg->p->text, sg->a, sg->b, st, 64);
        for (int q = 0; q < np && nh < L->n * 8; q++) {
            int e = q + 1 < np ? st[q + 1] : sg->b;
            if (e - st[q] > 240 || e == st[q]) continue;
            bool last = q == np - 1;
            bool with_run = last && sg->r && !is_unit_next(sg->r, false);
            if (last && sg->r && !with_run) continue;   /* a number with a unit: narrative */
            char *f = gk_fold(F->a, sg->p->text + st[q], (size_t)(e - st[q]));
            if (!*f) continue;
            int k = t3_match(td, f);
            bool us = false;
            if (k < 0 && F->hybrid && with_run && piece_is(F->a, sg->p->text, st[q], e, "其他处理")) us = true;
            if (k < 0 && !us) continue;
            hits[nh++] = (hit){k, sg, with_run, us};
            if (k >= 0 && !seen_row[k]) { seen_row[k] = true; distinct++; }
        }
    }
    if (distinct < 3) return;
    for (int i = 0; i < nh; i++) {
        const hit *h = &hits[i];
        if (h->unsplit) {
            if (F->unsplit) continue;
            frow *f = new_row(F, GK_T3, -2, h->sg, "（六）其他处理");
            f->shape.ncells = 7;
            f->shape.ngroups = 1;
            f->shape.groups[0].first = 0;
            f->shape.groups[0].n = 7;
            F->unsplit = f;
            continue;
        }
        if (F->t3[h->row]) {
            if (h->has_run && !F->refill)
                gk_report_add_shape(F->r, (gk_shape){GK_T3, GK_SHAPE_ROW_DUPLICATE, h->sg->p->line, h->row, td->rows[h->row].label, 0, 0});
            continue;
        }
        frow *f = new_row(F, GK_T3, h->row, h->sg, td->rows[h->row].label);
        if (!h->has_run) f->r = NULL;
        shape_of_row(f, &td->rows[h->row]);
        f->shape.ngroups = 1;
        f->shape.groups[0].first = 0;
        f->shape.groups[0].n = 7;
        F->t3[h->row] = f;
    }
}

/* ---------------- t4 ---------------- */

static void map_t4(flat *F, seglist *L) {
    const gk_table_def *td = &F->tm->tables[GK_T4];
    bool header = false;
    for (int i = 0; i < L->n; i++) {
        const seg *sg = &L->v[i];
        char *f = fold_seg(F->a, sg);
        if (gk_has(f, "尚未审结") || gk_has(f, "结果维持") || (gk_has(f, "维持") && gk_has(f, "纠正"))) header = true;
        if (!header || !sg->r || is_unit_next(sg->r, false)) continue;
        char *tail = fold_tail(F->a, sg->p->text, sg->a, sg->b);
        int g = -1;
        for (int k = 0; k < td->nrows && g < 0; k++)
            for (int q = 0; td->rows[k].match[q]; q++)
                if (ends_with(tail, td->rows[k].match[q])) { g = k; break; }
        if (g >= 0) {
            if (F->t4whole || F->t4g[g]) continue;
            frow *fr = new_row(F, GK_T4, g, sg, td->rows[g].label);
            shape_of_row(fr, &td->rows[g]);
            fr->shape.ngroups = 1;
            fr->shape.groups[0].first = 0;
            fr->shape.groups[0].n = 5;
            F->t4g[g] = fr;
            continue;
        }
        if (F->t4whole || F->t4g[0] || F->t4g[1] || F->t4g[2]) continue;
        frow *fr = new_row(F, GK_T4, -1, sg, "行政复议、行政诉讼");
        fr->shape.ncells = 15;
        fr->shape.ngroups = 3;
        for (int k = 0; k < 3; k++) {
            fr->shape.groups[k].first = (uint8_t)(5 * k);
            fr->shape.groups[k].n = 5;
            for (int j = 0; j < 5; j++) fr->cellix[5 * k + j] = td->rows[k].first + j;
        }
        F->t4whole = fr;
    }
}

/* ================================================================ solving */

static int64_t total_of(const frow *f, int c) { return cval(f, c, GK_T3_COL_TOTAL); }

/* A statement against a (总计, 一, 二, 四) choice: 1 holds, 0 does not, -1 cannot be told. */
static int claim_holds(const claim *c, const frow *T, const frow *R, const frow *C, const frow *N, const int *ix) {
    switch (c->kind) {
    case CL_RECEIVED:
    case CL_HANDLED:
        if (ix[1] < 0) return -1;
        if (total_of(R, ix[1]) == c->n) return 1;
        return ix[2] >= 0 && total_of(R, ix[1]) + total_of(C, ix[2]) == c->n;
    case CL_CLOSED:
        return ix[0] < 0 ? -1 : total_of(T, ix[0]) == c->n;
    case CL_CARRY_NEXT:
        return ix[3] < 0 ? -1 : total_of(N, ix[3]) == c->n;
    case CL_PREV_CARRY:
        if (ix[2] < 0) return -1;
        for (int k = 0; k < DIM; k++)
            if (cval(C, ix[2], k) != c->vec[k]) return 0;
        return 1;
    default:
        return -1;
    }
}

typedef struct { int *v; size_t n, cap; } tuples;   /* 4 indices each: 总计, 一, 二, 四 (-1: no row) */

static bool tuple_push(tuples *t, int a, int b, int c, int d) {
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        int *v = realloc(t->v, cap * 4 * sizeof *v);
        if (!v) return false;
        t->v = v;
        t->cap = cap;
    }
    int *q = t->v + t->n * 4;
    q[0] = a; q[1] = b; q[2] = c; q[3] = d;
    t->n++;
    return true;
}

static bool try_t3(flat *F, frow **out, int m, frow *T, frow *R, frow *C, frow *N, bool E, bool B) {
    long work = 0;
    uint8_t **allow = calloc((size_t)m + 1, sizeof *allow), **mask = calloc((size_t)m + 1, sizeof *mask);
    uint8_t *feasT = usable(T) ? calloc((size_t)T->ncand, 1) : NULL;
    tuples tp = {0};
    bool ok = allow && mask && (!usable(T) || feasT);
    for (int i = 0; i < m && ok; i++) {
        allow[i] = malloc((size_t)out[i]->ncand);
        mask[i] = malloc((size_t)out[i]->ncand);
        if (!allow[i] || !mask[i]) ok = false;
        else memset(allow[i], 1, (size_t)out[i]->ncand);
    }
    bool result = false, e_known = true;
    if (!ok) goto done;
    if (usable(T)) {
        bool any = false;
        for (int j = 0; j < T->ncand; j++) {
            if (!E) { feasT[j] = 1; any = true; continue; }
            int64_t t[DIM];
            vec_of(T, j, t);
            int res = outcome_dp(out, m, t, allow, NULL, &work);
            if (res < 0) e_known = false;
            feasT[j] = res != 0;
            any |= feasT[j];
        }
        if (!any) goto done;
    }
    /* (总计, 一, 二, 四) choices: with the 勾稽关系 when B, else every combination (when not too many) */
    bool have_tuples = true;
    if (B) {
        vset nset = {0};
        for (int c = 0; c < N->ncand; c++) {
            int64_t x[DIM];
            vec_of(N, c, x);
            vset_add(&nset, x);
        }
        if (nset.over || nset.n != (uint32_t)N->ncand) have_tuples = false;
        for (int j = 0; j < T->ncand && have_tuples; j++) {
            if (!feasT[j]) continue;
            for (int a = 0; a < R->ncand && have_tuples; a++)
                for (int b = 0; b < C->ncand && have_tuples; b++) {
                    if (++work > WORK_MAX) { have_tuples = false; break; }
                    int64_t x[DIM];
                    bool nonneg = true;
                    for (int k = 0; k < DIM; k++) {
                        x[k] = cval(R, a, k) + cval(C, b, k) - cval(T, j, k);
                        nonneg &= x[k] >= 0;
                    }
                    if (!nonneg) continue;
                    int nix = vset_find(&nset, x);
                    if (nix >= 0 && !tuple_push(&tp, j, a, b, nix)) have_tuples = false;
                }
        }
        vset_free(&nset);
        if (have_tuples && tp.n == 0) goto done;
        if (!have_tuples) { tp.n = 0; B = false; }
    }
    if (!B) {
        frow *rows[4] = {T, R, C, N};
        size_t prod = 1;
        for (int q = 0; q < 4; q++) prod *= usable(rows[q]) ? (size_t)rows[q]->ncand : 1;
        have_tuples = prod <= 2000000;
        tp.n = 0;
        if (have_tuples) {
            int lim[4], ix[4];
            for (int q = 0; q < 4; q++) lim[q] = usable(rows[q]) ? rows[q]->ncand : 1;
            for (ix[0] = 0; ix[0] < lim[0] && have_tuples; ix[0]++) {
                if (usable(T) && !feasT[ix[0]]) continue;
                for (ix[1] = 0; ix[1] < lim[1]; ix[1]++)
                    for (ix[2] = 0; ix[2] < lim[2]; ix[2]++)
                        for (ix[3] = 0; ix[3] < lim[3]; ix[3]++)
                            if (!tuple_push(&tp, usable(T) ? ix[0] : -1, usable(R) ? ix[1] : -1, usable(C) ? ix[2] : -1,
                                            usable(N) ? ix[3] : -1))
                                have_tuples = false;
            }
        }
    }
    /* the statements, each only when some remaining choice satisfies it */
    if (have_tuples) {
        for (int q = 0; q < F->ncl; q++) {
            claim *c = &F->cl[q];
            if (c->kind > CL_PREV_CARRY) continue;
            size_t sat = 0, known = 0;
            for (size_t i = 0; i < tp.n; i++) {
                int h = claim_holds(c, T, R, C, N, tp.v + i * 4);
                if (h >= 0) known++;
                sat += h == 1;
            }
            if (!known) continue;
            if (!sat) { c->state = 2; continue; }
            c->state = 1;
            size_t w = 0;
            for (size_t i = 0; i < tp.n; i++)
                if (claim_holds(c, T, R, C, N, tp.v + i * 4) == 1) memmove(tp.v + w++ * 4, tp.v + i * 4, 4 * sizeof *tp.v);
            tp.n = w;
        }
        frow *rows[4] = {T, R, C, N};
        for (int q = 0; q < 4; q++) {
            if (!usable(rows[q])) continue;
            memset(rows[q]->ok, 0, (size_t)rows[q]->ncand);
            for (size_t i = 0; i < tp.n; i++) rows[q]->ok[tp.v[i * 4 + q]] = 1;
        }
    } else if (usable(T)) {
        for (int j = 0; j < T->ncand; j++) T->ok[j] = feasT[j];
    }
    /* the outcome rows: the splits that complete some remaining 总计 row */
    for (int i = 0; i < m; i++) memset(out[i]->ok, E ? 0 : 1, (size_t)out[i]->ncand);
    if (E) {
        bool unknown = !e_known;
        for (int j = 0; j < T->ncand && !unknown; j++) {
            if (!T->ok[j]) continue;
            int64_t t[DIM];
            vec_of(T, j, t);
            int res = outcome_dp(out, m, t, allow, mask, &work);
            if (res < 0) { unknown = true; break; }
            if (res == 0) continue;
            for (int i = 0; i < m; i++)
                for (int c = 0; c < out[i]->ncand; c++) out[i]->ok[c] |= mask[i][c];
        }
        if (unknown)   /* nothing ruled out for certain: every split stays possible */
            for (int i = 0; i < m; i++) memset(out[i]->ok, 1, (size_t)out[i]->ncand);
    }
    result = true;
done:
    for (int i = 0; i < m; i++) {
        if (allow) free(allow[i]);
        if (mask) free(mask[i]);
    }
    free(allow);
    free(mask);
    free(feasT);
    free(tp.v);
    return result;
}

static void solve_t3(flat *F) {
    const gk_t3_roles *ro = &F->tm->t3;
    frow *R = F->t3[ro->received], *C = F->t3[ro->carried_over], *T = F->t3[ro->total], *N = F->t3[ro->carry_next];
    frow *out[32];
    int m = 0;
    bool out_ok = true;
    for (int k = ro->first_outcome; k <= ro->last_outcome; k++) {
        if (F->hybrid && k > ro->last_outcome - 3) continue;   /* the three rows of （六）, held by the single row */
        if (usable(F->t3[k])) out[m++] = F->t3[k];
        else out_ok = false;
    }
    if (F->hybrid) {
        if (usable(F->unsplit)) out[m++] = F->unsplit;
        else out_ok = false;
    }
    bool canE = out_ok && usable(T), canB = usable(R) && usable(C) && usable(T) && usable(N);
    static const bool modes[4][2] = {{true, true}, {true, false}, {false, true}, {false, false}};
    for (int q = 0; q < 4; q++) {
        bool E = modes[q][0], B = modes[q][1];
        if ((E && !canE) || (B && !canB)) continue;
        for (int c = 0; c < F->ncl; c++)
            if (F->cl[c].kind <= CL_PREV_CARRY) F->cl[c].state = 0;
        if (try_t3(F, out, m, T, R, C, N, E, B)) {
            F->dropped_e = canE && !E;
            F->dropped_b = canB && !B;
            break;
        }
    }
}

static void solve_t2(flat *F) {
    const gk_table_def *td = &F->tm->tables[GK_T2];
    int norm = -1;
    for (int k = 0; k < td->nrows; k++)
        if (!strcmp(td->rows[k].key, "normative") && !strcmp(F->tm->format, "2021")) norm = k;
    if (norm < 0 || !usable(F->t2[norm])) return;
    frow *f = F->t2[norm];
    for (int q = 0; q < F->ncl; q++) {
        claim *c = &F->cl[q];
        int field = c->kind == CL_NORM_ISSUED ? 0 : c->kind == CL_NORM_ABOLISHED ? 1 : c->kind == CL_NORM_VALID ? 2 : -1;
        if (field < 0) continue;
        int sat = 0;
        for (int j = 0; j < f->ncand; j++) sat += f->ok[j] && cval(f, j, field) == c->n && f->scale[(size_t)j * 3 + (size_t)field] == 0;
        if (!sat) {
            c->state = 2;
            f->note_zh = gk_arena_printf(F->a, "%s；正文称「%s」，与任何拆分都不符", f->note_zh ? f->note_zh : "", c->quote);
            f->note_en = gk_arena_printf(F->a, "%s; the text says «%s», which no split matches", f->note_en ? f->note_en : "", c->quote);
            continue;
        }
        c->state = 1;
        for (int j = 0; j < f->ncand; j++)
            if (cval(f, j, field) != c->n || f->scale[(size_t)j * 3 + (size_t)field]) f->ok[j] = 0;
    }
}

/* ================================================================ filling the cells */

static void cell_src(const flat *F, const frow *f, int c0, int c1, gk_src *src, int col) {
    const run *rn = f->r;
    src->line = f->p->line;
    src->col = (uint32_t)col;
    if (!para_in_src(F->r, f->p) || !rn) { src->offset = 0; src->len = 0; return; }
    uint32_t base = (uint32_t)(f->p->text - F->r->src);
    size_t l;
    cp_at(f->p->text, f->p->len, rn->pos[c1 - 1], &l);
    src->offset = base + rn->pos[c0];
    src->len = rn->pos[c1 - 1] + (uint32_t)l - rn->pos[c0];
}

static const char *split_text(gk_arena *a, const frow *f, int c) {
    gk_buf b;
    gk_buf_init(&b);
    int nc = f->shape.ncells;
    for (int k = 0; k < nc; k++) {
        if (k) gk_buf_puts(&b, f->trow == -1 && k % 5 == 0 ? " | " : "/");
        int s0 = f->cuts[(size_t)c * (size_t)(nc + 1) + (size_t)k], s1 = f->cuts[(size_t)c * (size_t)(nc + 1) + (size_t)k + 1];
        gk_buf_append(&b, f->r->s + s0, (size_t)(s1 - s0));
    }
    char *s = gk_arena_strndup(a, b.data ? b.data : "", b.len);
    gk_buf_free(&b);
    return s;
}

static const char *row_where(flat *F, const frow *f) {
    const gk_table_def *td = &F->tm->tables[f->table];
    if (f->trow >= 0) return gk_arena_printf(F->a, "%s.%s", td->key, td->rows[f->trow].key);
    if (f->trow == -2) return "t3.other_other";
    return td->key;
}

static void flat_diag(flat *F, const frow *f, const char *zh, const char *en) {
    gk_diag *d = gk_report_add_diag(F->r);
    d->rule = FLAT_RULE;
    d->severity = GK_SEV_ERROR;
    d->where = row_where(F, f);
    d->line = f->p->line;
    d->msg_zh = zh;
    d->msg_en = en;
}

static void set_number(flat *F, int ix, const frow *f, int c, int k) {
    if (ix < 0 || F->r->cells[ix].state != GK_CELL_ABSENT) return;
    gk_cell *cell = &F->r->cells[ix];
    int nc = f->shape.ncells;
    int s0 = f->cuts[(size_t)c * (size_t)(nc + 1) + (size_t)k], s1 = f->cuts[(size_t)c * (size_t)(nc + 1) + (size_t)k + 1];
    cell->state = GK_CELL_NUMBER;
    cell->num = (gk_decimal){cval(f, c, k), f->scale[(size_t)c * (size_t)nc + (size_t)k]};
    cell->raw = gk_arena_strndup(F->a, f->r->s + s0, (size_t)(s1 - s0));
    cell_src(F, f, s0, s1, &cell->src, k + 1);
    cell->unsettled = false;
}

static void set_unsettled(flat *F, int ix, const frow *f, int k) {
    if (ix < 0 || F->r->cells[ix].state != GK_CELL_ABSENT) return;
    gk_cell *cell = &F->r->cells[ix];
    cell->state = GK_CELL_UNREADABLE;
    cell->unsettled = true;
    cell->num = (gk_decimal){0, 0};
    cell->raw = NULL;
    if (f->r && f->r->n) cell_src(F, f, 0, f->r->n, &cell->src, k + 1);
    else cell->src = (gk_src){f->p->line, (uint32_t)(k + 1), 0, 0};
}

static const char *what_zh(const frow *f) {
    if (f->table == GK_T3) return "本行合计、各列合计与勾稽关系";
    if (f->table == GK_T4) return "各组总计";
    return "本行没有合计关系";
}
static const char *what_en(const frow *f) {
    if (f->table == GK_T3) return "row total, column totals and the reconciliation";
    if (f->table == GK_T4) return "group totals";
    return "the row has no sums";
}

/* Fills a row's cells from its surviving splits (value per cell: settled) and says what could not be settled.
 * Returns the values for the hybrid's single row (vals[k], settled[k]). */
static void fill_row(flat *F, frow *f, int64_t *vals, bool *settled) {
    const gk_table_def *td = &F->tm->tables[f->table];
    int nc = f->shape.ncells;
    const char *label = f->trow >= 0 ? td->rows[f->trow].label : f->label;
    const char *runs = f->r ? f->r->s : "";
    for (int k = 0; k < nc; k++) if (settled) settled[k] = false;
    if (f->status == R_BLANK) {
        for (int k = 0; k < nc; k++) {
            int ix = f->cellix[k];
            if (ix < 0 || F->r->cells[ix].state != GK_CELL_ABSENT) continue;
            F->r->cells[ix].state = GK_CELL_BLANK;
            F->r->cells[ix].raw = "";
            F->r->cells[ix].src = (gk_src){f->p->line, (uint32_t)(k + 1), 0, 0};
        }
        return;
    }
    if (f->status != R_OK) {
        for (int k = 0; k < nc; k++) set_unsettled(F, f->cellix[k], f, k);
        const char *zh, *en;
        if (f->status == R_SHORT) {
            zh = gk_arena_printf(F->a, "%s「%s」的数字在来源中连写为「%s」，只有 %d 个字符，少于 %d 个单元格，无法拆分；各单元格记为不可读（null）",
                                 table_zh[f->table], label, runs, f->r ? f->r->n : 0, nc);
            en = gk_arena_printf(F->a, "%s «%s»: the digits run together as «%s», %d characters for %d cells: they cannot be split; the cells are unreadable (null)",
                                 td->key, label, runs, f->r ? f->r->n : 0, nc);
        } else if (f->status == R_MANY) {
            zh = gk_arena_printf(F->a, "%s「%s」的数字在来源中连写为「%s」，可能的拆分过多，无法确定；各单元格记为不可读（null）", table_zh[f->table], label, runs);
            en = gk_arena_printf(F->a, "%s «%s»: the digits run together as «%s» and can be split in too many ways to settle; the cells are unreadable (null)", td->key, label, runs);
        } else {
            zh = gk_arena_printf(F->a, "%s「%s」的数字在来源中连写为「%s」，任何拆分都不能使%s成立（来源的数字可能有误）；各单元格记为不可读（null）",
                                 table_zh[f->table], label, runs, f->table == GK_T4 ? "各组总计" : "本行合计");
            en = gk_arena_printf(F->a, "%s «%s»: the digits run together as «%s» and no split of them makes the %s hold (the source may be wrong); the cells are unreadable (null)",
                                 td->key, label, runs, f->table == GK_T4 ? "group totals" : "row total");
        }
        flat_diag(F, f, zh, en);
        return;
    }
    int first = -1, nok = 0;
    for (int c = 0; c < f->ncand; c++)
        if (f->ok[c]) { if (first < 0) first = c; nok++; }
    int unsettled = 0;
    for (int k = 0; k < nc; k++) {
        bool same = first >= 0;
        for (int c = first + 1; c < f->ncand && same && first >= 0; c++)
            if (f->ok[c] && (cval(f, c, k) != cval(f, first, k) ||
                             f->scale[(size_t)c * (size_t)nc + (size_t)k] != f->scale[(size_t)first * (size_t)nc + (size_t)k]))
                same = false;
        if (same) {
            set_number(F, f->cellix[k], f, first, k);
            if (vals) vals[k] = cval(f, first, k);
            if (settled) settled[k] = true;
        } else {
            set_unsettled(F, f->cellix[k], f, k);
            unsettled++;
        }
    }
    if (!unsettled) return;
    gk_buf zl, el;
    gk_buf_init(&zl);
    gk_buf_init(&el);
    int listed = 0;
    for (int c = 0; c < f->ncand && listed < LIST_MAX; c++) {
        if (!f->ok[c]) continue;
        const char *s = split_text(F->a, f, c);
        gk_buf_printf(&zl, "%s%s", listed ? "、" : "", s);
        gk_buf_printf(&el, "%s%s", listed ? ", " : "", s);
        listed++;
    }
    if (nok > listed) { gk_buf_printf(&zl, " 等 %d 种", nok); gk_buf_printf(&el, " … (%d in all)", nok); }
    const char *zh = gk_arena_printf(F->a, "%s「%s」的数字在来源中连写为「%s」，有 %d 种拆分同时符合全部约束（%s），无法确定：%s；其中不一致的 %d 个单元格记为不可读（null）%s",
                                     table_zh[f->table], label, runs, nok, what_zh(f), zl.data ? zl.data : "", unsettled,
                                     f->note_zh ? f->note_zh : "");
    const char *en = gk_arena_printf(F->a, "%s «%s»: the digits run together as «%s»; %d splits satisfy every constraint (%s): %s; the %d cells they disagree on are unreadable (null)%s",
                                     td->key, label, runs, nok, what_en(f), el.data ? el.data : "", unsettled,
                                     f->note_en ? f->note_en : "");
    gk_buf_free(&zl);
    gk_buf_free(&el);
    flat_diag(F, f, zh, en);
}

static void fill_unsplit(flat *F) {
    frow *f = F->unsplit;
    int64_t vals[GK_FLAT_MAX_CELLS] = {0};
    bool settled[GK_FLAT_MAX_CELLS] = {false};
    fill_row(F, f, vals, settled);
    bool zeros = f->status == R_OK;
    gk_buf b;
    gk_buf_init(&b);
    for (int k = 0; k < 7; k++) {
        zeros &= settled[k] && vals[k] == 0;
        if (settled[k]) gk_buf_printf(&b, "%s%lld", k ? " " : "", (long long)vals[k]);
        else gk_buf_printf(&b, "%s—", k ? " " : "");
    }
    const gk_table_def *td = &F->tm->tables[GK_T3];
    for (int row = F->tm->t3.last_outcome - 2; row <= F->tm->t3.last_outcome; row++)
        for (int k = 0; k < 7; k++) {
            int ix = td->rows[row].first + k;
            if (F->r->cells[ix].state != GK_CELL_ABSENT) continue;
            if (zeros) {
                F->r->cells[ix].state = GK_CELL_NUMBER;
                F->r->cells[ix].num = (gk_decimal){0, 0};
                F->r->cells[ix].raw = "0";
                cell_src(F, f, 0, f->r->n, &F->r->cells[ix].src, k + 1);
            } else {
                set_unsettled(F, ix, f, k);
            }
        }
    if (!F->refill)
        gk_report_add_shape(F->r, (gk_shape){GK_T3, GK_SHAPE_ROW_UNSPLIT, f->p->line, -1,
                                             gk_arena_strndup(F->a, b.data ? b.data : "", b.len), 0, zeros});
    gk_buf_free(&b);
}

static void fill_all(flat *F, bool t2, bool t3, bool t4) {
    if (t2)
        for (int k = 0; k < 8; k++)
            if (F->t2[k]) fill_row(F, F->t2[k], NULL, NULL);
    if (t3) {
        for (int k = 0; k < 25; k++)
            if (F->t3[k]) fill_row(F, F->t3[k], NULL, NULL);
        if (F->unsplit) fill_unsplit(F);
        const frow *any = NULL;
        for (int k = 0; k < 25 && !any; k++) any = F->t3[k];
        if (any && (F->dropped_e || F->dropped_b)) {
            const char *zh = F->dropped_e && F->dropped_b ? "各列合计（（七）总计 = 各办理结果之和）与勾稽关系（一 + 二 = 三（七）+ 四）"
                             : F->dropped_e ? "各列合计（（七）总计 = 各办理结果之和）"
                                            : "勾稽关系（一 + 二 = 三（七）+ 四）";
            const char *en = F->dropped_e && F->dropped_b ? "column totals and the reconciliation"
                             : F->dropped_e ? "column totals ((七)总计 = the sum of the outcome rows)"
                                            : "the reconciliation (一 + 二 = 三（七）+ 四)";
            gk_diag *d = gk_report_add_diag(F->r);
            d->rule = FLAT_RULE;
            d->severity = GK_SEV_ERROR;
            d->where = "t3";
            d->line = any->p->line;
            d->msg_zh = gk_arena_printf(F->a, "表三的数字在来源中连写，任何拆分都不能使%s成立（来源的数字可能有误）；拆分时未使用这些约束，能确定的单元格更少", zh);
            d->msg_en = gk_arena_printf(F->a, "t3's digits run together and no split of them makes the %s hold (the source may be wrong); they were not used to split, so fewer cells are settled", en);
        }
    }
    if (t4) {
        if (F->t4whole) fill_row(F, F->t4whole, NULL, NULL);
        for (int g = 0; g < 3; g++)
            if (F->t4g[g]) fill_row(F, F->t4g[g], NULL, NULL);
    }
}

static void all_candidates(flat *F) {
    long left = DOC_STEPS;
    for (int k = 0; k < 25; k++) if (F->t3[k]) row_candidates(F->a, F->t3[k], &left);
    if (F->unsplit) row_candidates(F->a, F->unsplit, &left);
    if (F->t4whole) row_candidates(F->a, F->t4whole, &left);
    for (int g = 0; g < 3; g++) if (F->t4g[g]) row_candidates(F->a, F->t4g[g], &left);
    for (int k = 0; k < 8; k++) if (F->t2[k]) row_candidates(F->a, F->t2[k], &left);
}

static void add_prev_claim(flat *F, const gk_report *prev) {
    if (!prev || F->ncl >= 16) return;
    claim c;
    memset(&c, 0, sizeof c);
    c.kind = CL_PREV_CARRY;
    for (int k = 0; k < DIM; k++) {
        int ix = gk_cell_ix(prev, GK_T3, prev->tmpl->t3.carry_next, k);
        if (prev->cells[ix].state != GK_CELL_NUMBER || prev->cells[ix].num.scale) return;
        c.vec[k] = prev->cells[ix].num.value;
    }
    c.quote = gk_arena_printf(F->a, "%d 年报告的结转下年度", prev->year);
    /* first: the constraint of last year's report comes before the narrative's */
    memmove(&F->cl[1], &F->cl[0], (size_t)F->ncl * sizeof F->cl[0]);
    F->cl[0] = c;
    F->ncl++;
}

/* The section texts hold the narrative, not the tables (as for tables read from grids): the paragraphs from a
 * flattened table's header to its last row leave them (a paragraph with a full stop is narrative and stays). */
static bool table_header_para(const gk_para *p) {
    static const char *const words[] = {"第二十条", "信息内容", "制发件数", "新制作数量", "申请人情况", "勾稽关系", "自然人",
                                        "尚未审结", "结果维持", NULL};
    for (int k = 0; words[k]; k++)
        if (has_n(p->text, p->len, words[k])) return true;
    return false;
}

static void drop_table_text(flat *F) {
    gk_report *r = F->r;
    if (!r->nparas) return;
    bool *drop = gk_arena_alloc(F->a, r->nparas);
    bool any = false;
    for (int t = 0; t < GK_NTABLES; t++) {
        if (!F->found[t]) continue;
        long lo = -1, hi = -1;
        frow *rows[40];
        int nr = 0;
        if (t == GK_T2) for (int k = 0; k < 8; k++) { if (F->t2[k]) rows[nr++] = F->t2[k]; }
        if (t == GK_T3) {
            for (int k = 0; k < 25; k++) if (F->t3[k]) rows[nr++] = F->t3[k];
            if (F->unsplit) rows[nr++] = F->unsplit;
        }
        if (t == GK_T4) {
            if (F->t4whole) rows[nr++] = F->t4whole;
            for (int g = 0; g < 3; g++) if (F->t4g[g]) rows[nr++] = F->t4g[g];
        }
        for (int i = 0; i < nr; i++) {
            long ix = (long)(rows[i]->p - r->paras);
            if (ix < 0 || ix >= (long)r->nparas) continue;
            if (lo < 0 || ix < lo) lo = ix;
            if (ix > hi) hi = ix;
        }
        if (lo < 0) continue;
        while (lo > 0 && r->paras[lo - 1].section == r->paras[lo].section && table_header_para(&r->paras[lo - 1]) &&
               !has_n(r->paras[lo - 1].text, r->paras[lo - 1].len, "。"))
            lo--;
        for (long i = lo; i <= hi; i++)
            if (!has_n(r->paras[i].text, r->paras[i].len, "。")) { drop[i] = true; any = true; }
    }
    if (any) gk_section_texts(r, drop);
}

bool gk_recognize_flat(gk_report *r, const gk_doc *doc) {
    (void)doc;
    if (!r || !r->paras || !r->nparas) return false;
    /* a cheap look first: no statutory table words, no flattened table (6 MB of prose stays fast) */
    static const char *const words[] = {"第二十条", "信息内容", "本年新收", "上年结转", "予以公开", "行政复议",
                                        "行政诉讼", "制发件数", "新制作数量", "尚未审结"};
    bool worded = false;
    for (uint32_t i = 0; i < r->nparas && !worded; i++)
        for (size_t k = 0; k < sizeof words / sizeof words[0] && !worded; k++)
            worded = r->paras[i].len && memmem(r->paras[i].text, r->paras[i].len, words[k], strlen(words[k]));
    if (!worded) return false;
    flat F;
    memset(&F, 0, sizeof F);
    F.r = r;
    F.a = r->arena;
    seglist L2 = {0}, L3 = {0}, L4 = {0};
    collect(&F, 1, &L2);
    collect(&F, 2, &L3);
    collect(&F, 3, &L4);
    choose_template(&F, &L2, &L3);
    bool need[GK_NTABLES];
    for (int t = 0; t < GK_NTABLES; t++) need[t] = !r->table_found[t];
    if (F.tm != r->tmpl) {
        /* the 2019 form: only when no grid filled anything in the 2021 layout */
        bool any = false;
        for (int t = 0; t < GK_NTABLES; t++) any |= r->table_found[t];
        if (any) return false;
        r->tmpl = F.tm;
        r->format = F.tm->format;
    }
    if (F.hybrid && need[GK_T3]) r->hybrid = true;
    F.hybrid = r->hybrid && need[GK_T3];
    if (need[GK_T2]) map_t2(&F, &L2);
    if (need[GK_T3]) map_t3(&F, &L3);
    if (need[GK_T4]) map_t4(&F, &L4);
    if (!F.found[GK_T2] && !F.found[GK_T3] && !F.found[GK_T4]) {
        if (F.tm != gk_template_2021() && !r->table_found[0] && !r->table_found[1] && !r->table_found[2]) {
            r->tmpl = gk_template_2021();
            r->format = r->tmpl->format;
        }
        return false;
    }
    find_claims(r, F.cl, &F.ncl);
    all_candidates(&F);
    solve_t2(&F);
    solve_t3(&F);
    fill_all(&F, F.found[GK_T2], F.found[GK_T3], F.found[GK_T4]);
    drop_table_text(&F);
    for (int t = 0; t < GK_NTABLES; t++) {
        if (!F.found[t]) continue;
        r->table_found[t] = true;
        r->table_line[t] = F.line[t];
        if (F.end_line[t] > r->table_end_line[t]) r->table_end_line[t] = F.end_line[t];
    }
    return true;
}

bool gk_flat_use_previous(gk_report *r, const gk_report *prev) {
    if (!r || !prev || !r->paras || !r->table_found[GK_T3]) return false;
    if (r->year && prev->year && prev->year != r->year - 1) return false;
    flat F;
    memset(&F, 0, sizeof F);
    F.r = r;
    F.a = r->arena;
    F.refill = true;
    F.tm = r->tmpl;
    F.hybrid = r->hybrid;
    seglist L3 = {0};
    collect(&F, 2, &L3);
    map_t3(&F, &L3);
    const gk_t3_roles *ro = &F.tm->t3;
    frow *C = F.t3[ro->carried_over];
    if (!C || !C->r) return false;
    /* the t3 in r must be this splitter's: its 上年结转 cells point into this run */
    const gk_cell *c0 = &r->cells[gk_cell_ix(r, GK_T3, ro->carried_over, 0)];
    if (c0->src.line != C->p->line) return false;
    if (para_in_src(r, C->p)) {
        uint32_t base = (uint32_t)(C->p->text - r->src);
        if (c0->src.offset < base + (uint32_t)C->r->a || c0->src.offset >= base + (uint32_t)C->r->b) return false;
    }
    find_claims(r, F.cl, &F.ncl);
    uint32_t before = F.ncl;
    add_prev_claim(&F, prev);
    if ((uint32_t)F.ncl == before) return false;
    long left = DOC_STEPS;
    for (int k = 0; k < 25; k++) if (F.t3[k]) row_candidates(F.a, F.t3[k], &left);
    if (F.unsplit) row_candidates(F.a, F.unsplit, &left);
    solve_t3(&F);
    /* replace: the t3 cells and this splitter's t3 findings */
    const gk_table_def *td = &F.tm->tables[GK_T3];
    for (int i = td->first; i < td->first + td->ncells; i++) {
        r->cells[i] = (gk_cell){0};
    }
    uint32_t w = 0;
    for (uint32_t i = 0; i < r->ndiags; i++) {
        const gk_diag *d = &r->diags[i];
        if (d->rule == FLAT_RULE && d->where && !strncmp(d->where, "t3", 2)) continue;
        r->diags[w++] = *d;
    }
    r->ndiags = w;
    fill_all(&F, false, true, false);
    return true;
}
