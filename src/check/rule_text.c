/* rule_text.c: TEXT.TABLE_MISMATCH (what the narrative states against what the tables hold) and
 * META.YEAR (the title's year against the years the body talks about). Patterns are PCRE2. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "internal.h"

#include <pcre2.h>
#include <pthread.h>
#include <string.h>

typedef enum { CLAIM_ZERO_RECEIVED, CLAIM_RECEIVED, CLAIM_ZERO_REVIEW, CLAIM_ZERO_SUIT, CLAIM_NORMATIVE } claim_kind;

static const struct {
    claim_kind kind;
    const char *re;
} claims[] = {
    {CLAIM_ZERO_RECEIVED, "(?:未|没有)(?:收到|受理|接到)[^。；;，,]{0,16}?(?:政府信息公开申请|依申请公开|信息公开申请)"},
    {CLAIM_RECEIVED, "(?:收到|受理|接到|新收)(?:各类|了)?(?:政府信息公开|依申请公开|信息公开)申请(?:共|合计|总计)?\\s*(\\d+)\\s*(?:件|个|条|份)"},
    {CLAIM_RECEIVED, "(?:收到|受理|接到|新收)(?:各类|了)?\\s*(\\d+)\\s*(?:件|个|条|份)(?:政府信息公开|依申请公开|信息公开)申请"},
    /* "未发生…被行政复议纠错或行政诉讼败诉" speaks of outcomes, not of cases: not a claim of none */
    {CLAIM_ZERO_REVIEW, "(?:未|没有)(?:发生|收到|出现|涉及)[^。；;]{0,20}?行政复议(?![^。；;，,]{0,16}(?:纠错|纠正|败诉|撤销|确认违法))"},
    {CLAIM_ZERO_SUIT, "(?:未|没有)(?:发生|收到|出现|涉及)[^。；;]{0,20}?行政诉讼(?![^。；;，,]{0,16}(?:纠错|纠正|败诉|撤销|确认违法))"},
    {CLAIM_NORMATIVE, "(?:制发|印发|出台|制定)了?(?:行政)?规范性文件\\s*(\\d+)\\s*件"},
};

static int64_t sum_cells(const gk_report *r, const int *cells, int n, bool *ok) {
    int64_t s = 0;
    *ok = true;
    for (int i = 0; i < n; i++) {
        if (!gk_is_num(r, cells[i])) { *ok = false; return 0; }
        s += gk_val(r, cells[i]);
    }
    return s;
}

static void mismatch(gk_report *r, const gk_para *p, int cell, const char *quote, size_t qlen, int64_t table) {
    gk_diag_add(r, "TEXT.TABLE_MISMATCH", GK_SEV_WARNING, gk_cell_path(r, cell), p->line,
                gk_arena_printf(r->arena, "正文称「%.*s」，但%s为 %lld", (int)qlen, quote, gk_cell_name(r, cell, false), (long long)table),
                gk_arena_printf(r->arena, "the text says «%.*s» but %s is %lld", (int)qlen, quote, gk_cell_name(r, cell, true), (long long)table));
}

#define NCLAIMS (sizeof claims / sizeof claims[0])

/* The patterns are compiled (and JIT-compiled where PCRE2 can) once per process; compiled code is read-only
 * and shared by the threads, each with its own match data. */
static pcre2_code *compiled[NCLAIMS];
/* A paragraph can hold a claim only if it names what the claims are about: these words, found in one scan. */
static gk_phrase_set claim_words;
static pthread_once_t compiled_once = PTHREAD_ONCE_INIT;

static void compile_claims(void) {
    for (size_t k = 0; k < NCLAIMS; k++) {
        int err;
        PCRE2_SIZE off;
        compiled[k] = pcre2_compile((PCRE2_SPTR)claims[k].re, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_NO_UTF_CHECK, &err,
                                    &off, NULL);
        if (compiled[k]) pcre2_jit_compile(compiled[k], PCRE2_JIT_COMPLETE);
    }
#define WORD(w) {.s = w, .len = sizeof w - 1, .bits = 1}
    static const gk_phrase words[] = {WORD("申请"), WORD("行政复议"), WORD("行政诉讼"), WORD("规范性文件")};
#undef WORD
    gk_phrase_set_build(&claim_words, words, sizeof words / sizeof words[0]);
}

static bool may_claim(const gk_para *p) { return gk_phrases_in(&claim_words, p->text, p->len) != 0; }

static void check_claims(gk_report *r) {
    size_t nc = NCLAIMS;
    pthread_once(&compiled_once, compile_claims);
    pcre2_code *const *re = compiled;
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    bool reported[5] = {false};
    for (uint32_t i = 0; i < r->nparas; i++) {
        const gk_para *p = &r->paras[i];
        if (p->section < 0 || !may_claim(p)) continue;
        for (size_t k = 0; k < nc; k++) {
            if (!re[k] || reported[claims[k].kind]) continue;
            if (pcre2_match(re[k], (PCRE2_SPTR)p->text, p->len, 0, PCRE2_NO_UTF_CHECK, md, NULL) < 0) continue;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            const char *q = p->text + ov[0];
            size_t ql = ov[1] - ov[0];
            int64_t n = 0;
            if (claims[k].kind == CLAIM_RECEIVED || claims[k].kind == CLAIM_NORMATIVE) {
                for (PCRE2_SIZE j = ov[2]; j < ov[3] && n < 100000000; j++) n = n * 10 + (p->text[j] - '0');
            }
            bool ok;
            switch (claims[k].kind) {
            case CLAIM_ZERO_RECEIVED: {
                int c = gk_cell_ix(r, GK_T3, r->tmpl->t3.received, GK_T3_COL_TOTAL);
                if (gk_is_num(r, c) && gk_val(r, c) > 0) { mismatch(r, p, c, q, ql, gk_val(r, c)); reported[claims[k].kind] = true; }
                break;
            }
            case CLAIM_RECEIVED: {
                int c = gk_cell_ix(r, GK_T3, r->tmpl->t3.received, GK_T3_COL_TOTAL),
                    c2 = gk_cell_ix(r, GK_T3, r->tmpl->t3.carried_over, GK_T3_COL_TOTAL);
                /* "收到…申请 N 件" may count the carried-over ones too */
                if (gk_is_num(r, c) && gk_val(r, c) != n && !(gk_is_num(r, c2) && gk_val(r, c) + gk_val(r, c2) == n)) {
                    mismatch(r, p, c, q, ql, gk_val(r, c));
                    reported[claims[k].kind] = true;
                }
                break;
            }
            case CLAIM_ZERO_REVIEW: {
                int c = gk_cell_ix(r, GK_T4, 0, GK_T4_FIELD_TOTAL);
                if (gk_is_num(r, c) && gk_val(r, c) > 0) { mismatch(r, p, c, q, ql, gk_val(r, c)); reported[claims[k].kind] = true; }
                break;
            }
            case CLAIM_ZERO_SUIT: {
                int cells[2] = {gk_cell_ix(r, GK_T4, 1, GK_T4_FIELD_TOTAL), gk_cell_ix(r, GK_T4, 2, GK_T4_FIELD_TOTAL)};
                int64_t s = sum_cells(r, cells, 2, &ok);
                if (ok && s > 0) { mismatch(r, p, gk_val(r, cells[0]) ? cells[0] : cells[1], q, ql, s); reported[claims[k].kind] = true; }
                break;
            }
            case CLAIM_NORMATIVE: {
                int c = gk_template_cell_index(r->tmpl, "t2.normative.issued");   /* 2021 only */
                if (c >= 0 && gk_is_num(r, c) && gk_val(r, c) != n) { mismatch(r, p, c, q, ql, gk_val(r, c)); reported[claims[k].kind] = true; }
                break;
            }
            }
        }
    }
    pcre2_match_data_free(md);
}

/* META.YEAR: a title year that the first section never mentions while it names another year. */
static void check_year(gk_report *r) {
    if (!r->year || !r->title || !r->sections[0].present) return;
    const char *t = r->sections[0].text;
    size_t n = strlen(t);
    int years[32], counts[32], ny = 0;
    /* "2024 年": a run of exactly four digits starting 1 or 2, then spaces, then 年. strcspn jumps from one
     * digit run to the next (digits are rare in the text; a byte loop cost more than the rest of the rules). */
    for (size_t i = strcspn(t, "0123456789"); i < n; i += strcspn(t + i, "0123456789")) {
        size_t start = i;
        while (i < n && t[i] >= '0' && t[i] <= '9') i++;
        if (i - start != 4 || t[start] < '1' || t[start] > '2') continue;
        size_t j = i;
        while (j < n && t[j] == ' ') j++;
        if (j + 3 > n || memcmp(t + j, "年", 3) != 0) continue;
        const char *d = t + start;
        int y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
        int k;
        for (k = 0; k < ny && years[k] != y; k++) {}
        if (k == ny) { if (ny == 32) continue; years[ny] = y; counts[ny++] = 0; }
        counts[k]++;
    }
    int best = 0, bc = 0;
    for (int k = 0; k < ny; k++) {
        if (years[k] == r->year) return;
        if (counts[k] > bc) { bc = counts[k]; best = years[k]; }
    }
    if (bc >= 1)
        gk_diag_add(r, "META.YEAR", GK_SEV_WARNING, "year", r->sections[0].line,
                    gk_arena_printf(r->arena, "标题的年份为 %d 年，但「总体情况」从未提到 %d 年，提到的是 %d 年（%d 次）", r->year, r->year, best, bc),
                    gk_arena_printf(r->arena, "the title says %d, but the overview never mentions %d and names %d %d times", r->year, r->year, best, bc));
}

void gk_rules_text(gk_report *r) {
    check_claims(r);
    check_year(r);
}
