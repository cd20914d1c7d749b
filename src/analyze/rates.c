/* rates.c: derived rates of one report (formulas in docs/RATES.md). A rate is known only when every cell it
 * reads is a number and its denominator is positive; a denominator under 10 marks a small sample. */
#include "gongkai/analyze.h"

#include <string.h>

static const char *const keys[GK_NRATES] = {"disclosed", "denied", "unable", "review_corrected", "suit_corrected", "carry"};
static const char *const labels[GK_NRATES][2] = {
    {"实质公开率", "disclosure rate"},   {"不予公开率", "denial rate"},        {"无法提供率", "unable-to-provide rate"},
    {"复议纠错率", "review correction rate"}, {"诉讼纠错率", "lawsuit correction rate"}, {"结转率", "carry-over rate"},
};

const char *gk_rate_key(gk_rate_id id) { return id < GK_NRATES ? keys[id] : "?"; }
const char *gk_rate_label(gk_rate_id id, const char *lang) {
    return id < GK_NRATES ? labels[id][lang && !strcmp(lang, "en")] : "?";
}

/* Σ of the total column over rows whose key starts with prefix (or equals it); false if any is not a number. */
static bool sum_rows(const gk_report *r, gk_table_id t, const char *prefix, int field, int64_t *s) {
    const gk_table_def *td = &r->tmpl->tables[t];
    *s = 0;
    bool any = false;
    for (int k = 0; k < td->nrows; k++) {
        if (strncmp(td->rows[k].key, prefix, strlen(prefix))) continue;
        const gk_cell *c = &r->cells[td->rows[k].first + field];
        if (c->state != GK_CELL_NUMBER) return false;
        *s += c->num.value;
        any = true;
    }
    return any;
}

static void set(gk_rate *x, bool ok, int64_t num, int64_t den) {
    x->known = ok && den > 0 && num >= 0;
    x->num = num;
    x->den = den;
    x->value = x->known ? (double)num / (double)den : 0;
    x->small = x->known && den < 10;
}

void gk_rates(const gk_report *r, gk_rate out[GK_NRATES]) {
    memset(out, 0, sizeof(gk_rate) * GK_NRATES);
    const int T = GK_T3_COL_TOTAL;
    int64_t granted = 0, partial = 0, done = 0, deny = 0, unable = 0, received = 0, carried = 0, carry_next = 0;
    /* (arguments are evaluated in no set order: every sum first, then the rates) */
    bool ok_done = sum_rows(r, GK_T3, "total", T, &done);
    bool ok_g = sum_rows(r, GK_T3, "granted", T, &granted);
    bool ok_p = sum_rows(r, GK_T3, "partial", T, &partial);
    bool ok_d = sum_rows(r, GK_T3, "deny_", T, &deny);
    bool ok_u = sum_rows(r, GK_T3, "unable_", T, &unable);
    bool ok_r = sum_rows(r, GK_T3, "received", T, &received);
    bool ok_o = sum_rows(r, GK_T3, "carried_over", T, &carried);
    bool ok_n = sum_rows(r, GK_T3, "carry_next", T, &carry_next);
    set(&out[GK_RATE_DISCLOSED], ok_done && ok_g && ok_p, granted + partial, done);
    set(&out[GK_RATE_DENIED], ok_done && ok_d, deny, done);
    set(&out[GK_RATE_UNABLE], ok_done && ok_u, unable, done);
    set(&out[GK_RATE_CARRY], ok_r && ok_o && ok_n, carry_next, received + carried);
    /* t4: corrected / (total − pending): review; both kinds of lawsuit together */
    int64_t corr = 0, tot = 0, pend = 0;
    bool ok1 = sum_rows(r, GK_T4, "review", 1, &corr), ok2 = sum_rows(r, GK_T4, "review", 4, &tot),
         ok3 = sum_rows(r, GK_T4, "review", 3, &pend);
    set(&out[GK_RATE_REVIEW_CORRECTED], ok1 && ok2 && ok3, corr, tot - pend);
    ok1 = sum_rows(r, GK_T4, "suit_", 1, &corr);
    ok2 = sum_rows(r, GK_T4, "suit_", 4, &tot);
    ok3 = sum_rows(r, GK_T4, "suit_", 3, &pend);
    set(&out[GK_RATE_SUIT_CORRECTED], ok1 && ok2 && ok3, corr, tot - pend);
}
