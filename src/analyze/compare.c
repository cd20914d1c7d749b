/* compare.c: one agency, two consecutive years. Table differences cell by cell; the continuity rules
 * (YEAR.CARRY from check.c, and YEAR.STOCK: valid(prev) + issued − abolished = valid for 规章 and 行政规范性
 * 文件); and how much of this year's narrative repeats last year's (sentences compared after folding, digits
 * dropped), which evaluators penalise above 50%. */
#include "gongkai/analyze.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gk_check_stock(gk_report *prev, gk_report *cur) {
    if (strcmp(prev->tmpl->format, "2021") || strcmp(cur->tmpl->format, "2021")) return;
    static const char *const rows[] = {"regulation", "normative"};
    for (int k = 0; k < 2; k++) {
        char p[64];
        snprintf(p, sizeof p, "t2.%s.valid", rows[k]);
        const gk_cell *before = gk_report_cell(prev, p), *valid = gk_report_cell(cur, p);
        snprintf(p, sizeof p, "t2.%s.issued", rows[k]);
        const gk_cell *issued = gk_report_cell(cur, p);
        snprintf(p, sizeof p, "t2.%s.abolished", rows[k]);
        const gk_cell *abolished = gk_report_cell(cur, p);
        if (before->state != GK_CELL_NUMBER || valid->state != GK_CELL_NUMBER || issued->state != GK_CELL_NUMBER ||
            abolished->state != GK_CELL_NUMBER)
            continue;
        int64_t want = before->num.value + issued->num.value - abolished->num.value;
        if (want == valid->num.value) continue;
        const gk_row_def *rd = &cur->tmpl->tables[GK_T2].rows[k];
        gk_diag *d = gk_report_add_diag(cur);
        d->rule = "YEAR.STOCK";
        d->severity = GK_SEV_WARNING;
        d->where = gk_arena_printf(cur->arena, "t2.%s.valid", rows[k]);
        d->line = valid->src.line;
        d->msg_zh = gk_arena_printf(cur->arena, "表二「%s」：上年现行有效 %lld + 本年制发 %lld − 本年废止 %lld = %lld，但本年现行有效为 %lld（%d 年报告：%s）",
                                    rd->label, (long long)before->num.value, (long long)issued->num.value,
                                    (long long)abolished->num.value, (long long)want, (long long)valid->num.value, prev->year, prev->path);
        d->msg_en = gk_arena_printf(cur->arena, "t2 «%s»: valid last year %lld + issued %lld − abolished %lld = %lld, but valid is %lld (the %d report: %s)",
                                    rd->label_en, (long long)before->num.value, (long long)issued->num.value,
                                    (long long)abolished->num.value, (long long)want, (long long)valid->num.value, prev->year, prev->path);
    }
}

/* Sentences of a report's narrative, folded, digits dropped, as 64-bit hashes. */
static uint64_t hash(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ull; }
    return h;
}

typedef struct {
    uint64_t *h;
    const char **text;
    size_t n, cap;
} sentences;

static void split(gk_arena *a, const gk_report *r, sentences *out) {
    static const char *const ends[] = {"。", "！", "？", "；", "\n", NULL};
    for (int s = 0; s < 6; s++) {
        const char *t = r->sections[s].present ? r->sections[s].text : NULL;
        while (t && *t) {
            size_t best = strlen(t), el = 0;
            for (int k = 0; ends[k]; k++) {
                const char *e = strstr(t, ends[k]);
                if (e && (size_t)(e - t) < best) { best = (size_t)(e - t); el = strlen(ends[k]); }
            }
            char *f = gk_fold(a, t, best);
            size_t m = 0;
            for (size_t i = 0; f[i]; i++) if (!(f[i] >= '0' && f[i] <= '9')) f[m++] = f[i];
            f[m] = 0;
            gk_numbering num = gk_numbering_parse(t, best);
            bool heading = num.kind != GK_NUM_NONE && best - num.len <= 20 * 3;   /* "（二）依申请公开": not narrative */
            if (m >= 3 * 6 && !heading) {   /* six characters or more: a sentence, not a fragment */
                if (out->n == out->cap) {
                    out->cap = out->cap ? out->cap * 2 : 64;
                    uint64_t *h = gk_arena_alloc(a, out->cap * sizeof *h);
                    const char **tx = gk_arena_alloc(a, out->cap * sizeof *tx);
                    if (out->n) { memcpy(h, out->h, out->n * sizeof *h); memcpy(tx, out->text, out->n * sizeof *tx); }
                    out->h = h;
                    out->text = tx;
                }
                out->h[out->n] = hash(f, m);
                out->text[out->n++] = gk_arena_strndup(a, t, best);
            }
            t += best + el;
            if (!el) break;
        }
    }
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

void gk_compare(gk_arena *arena, gk_report *a, gk_report *b, gk_comparison *out) {
    memset(out, 0, sizeof *out);
    /* table differences (same template only: the 2019 and 2021 cells do not correspond) */
    if (a->tmpl == b->tmpl) {
        out->changes = gk_arena_alloc(arena, (size_t)b->tmpl->ncells * sizeof(gk_change));
        for (int i = 0; i < b->tmpl->ncells; i++) {
            const gk_cell *x = &a->cells[i], *y = &b->cells[i];
            bool same = x->state == y->state &&
                        (x->state != GK_CELL_NUMBER || (x->num.value == y->num.value && x->num.scale == y->num.scale));
            if (!same) out->changes[out->nchanges++] = (gk_change){i, *x, *y};
        }
    }
    /* continuity */
    gk_report *pair[2] = {a, b};
    gk_check_series(pair, 2);
    gk_check_stock(a, b);
    /* narrative repetition */
    sentences sa = {0}, sb = {0};
    split(arena, a, &sa);
    split(arena, b, &sb);
    uint64_t *sorted = malloc((sa.n + 1) * sizeof *sorted);
    if (sa.n) memcpy(sorted, sa.h, sa.n * sizeof *sorted);
    qsort(sorted, sa.n, sizeof *sorted, cmp_u64);
    out->examples = gk_arena_alloc(arena, 5 * sizeof(char *));
    for (size_t i = 0; i < sb.n; i++) {
        if (!bsearch(&sb.h[i], sorted, sa.n, sizeof *sorted, cmp_u64)) continue;
        out->repeated_sentences++;
        if (out->nexamples < 5) out->examples[out->nexamples++] = sb.text[i];
    }
    free(sorted);
    out->sentences = sb.n;
    out->repeated = sb.n ? (double)out->repeated_sentences / (double)sb.n : 0;
}
