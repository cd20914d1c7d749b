/* sums.c: the arithmetic rules (T3.ROW_TOTAL, T3.COL_TOTAL, T3.BALANCE, T4.TOTAL) and the one-cell
 * repair. Every rule is an equality Σ lhs = Σ rhs over cells; a rule is judged only when all its cells
 * hold numbers (blank and unreadable cells are reported by their own rules). The repair: a cell that
 * sits in every failing equality, whose one new value makes each of them hold, and that sits in no
 * equality that holds now. */
#include "internal.h"

#include <string.h>

#define MAXC 24

typedef enum { EQ_T3_ROW, EQ_T3_COL, EQ_T3_BALANCE, EQ_T4 } eq_kind;

typedef struct {
    eq_kind kind;
    int lhs[2], nl;
    int rhs[MAXC], nr;
    int where;                   /* the cell the finding points at */
    const char *label, *label_en;   /* the row or column it is about; the message is formatted only when it fails */
} eq;

static const char *const eq_rule[] = {"T3.ROW_TOTAL", "T3.COL_TOTAL", "T3.BALANCE", "T4.TOTAL"};

/* Counts beyond 10^15 are not counts: such an equality is not judged (and sums cannot overflow). */
#define GK_MAX_COUNT 1000000000000000ll

/* Sums one side into *sum; false when a cell is not a number or not a count. */
static bool side_sum(const gk_report *r, const int *c, int n, int64_t *sum) {
    int64_t s = 0;
    for (int i = 0; i < n; i++) {
        if (!gk_is_num(r, c[i])) return false;
        int64_t v = gk_val(r, c[i]);
        if (v > GK_MAX_COUNT || v < -GK_MAX_COUNT) return false;
        s += v;   /* ≤ 24 terms of ≤ 10^15: no overflow */
    }
    *sum = s;
    return true;
}

/* Whether the equality can be judged (all its cells hold counts), and its two sides. */
static bool eq_sides(const gk_report *r, const eq *e, int64_t *l, int64_t *rr) {
    return side_sum(r, e->lhs, e->nl, l) && side_sum(r, e->rhs, e->nr, rr);
}

/* +1 if the cell is on the left, -1 on the right, 0 absent */
static int eq_has(const eq *e, int cell) {
    for (int i = 0; i < e->nl; i++) if (e->lhs[i] == cell) return 1;
    for (int i = 0; i < e->nr; i++) if (e->rhs[i] == cell) return -1;
    return 0;
}

static int build_t3(gk_report *r, eq *eqs) {
    int n = 0;
    const gk_table_def *td = &r->tmpl->tables[GK_T3];
    const gk_t3_roles *ro = &r->tmpl->t3;
#define C3(row, col) gk_cell_ix(r, GK_T3, (row), (col))
    for (int row = 0; row < td->nrows; row++) {
        eq *e = &eqs[n++];
        memset(e, 0, sizeof *e);
        e->kind = EQ_T3_ROW;
        e->lhs[e->nl++] = C3(row, GK_T3_COL_TOTAL);
        for (int c = 0; c < GK_T3_COL_TOTAL; c++) e->rhs[e->nr++] = C3(row, c);
        e->where = C3(row, GK_T3_COL_TOTAL);
        e->label = td->rows[row].label;
        e->label_en = td->rows[row].label_en;
    }
    for (int c = 0; c < GK_T3_NCOLS; c++) {
        const gk_field_def *fd = &td->rows[0].fields[c];
        eq *e = &eqs[n++];
        memset(e, 0, sizeof *e);
        e->kind = EQ_T3_COL;
        e->lhs[e->nl++] = C3(ro->total, c);
        for (int row = ro->first_outcome; row <= ro->last_outcome; row++) e->rhs[e->nr++] = C3(row, c);
        e->where = C3(ro->total, c);
        e->label = fd->label;
        e->label_en = fd->label_en;
    }
    for (int c = 0; c < GK_T3_NCOLS; c++) {
        const gk_field_def *fd = &td->rows[0].fields[c];
        eq *e = &eqs[n++];
        memset(e, 0, sizeof *e);
        e->kind = EQ_T3_BALANCE;
        e->lhs[e->nl++] = C3(ro->received, c);
        e->lhs[e->nl++] = C3(ro->carried_over, c);
        e->rhs[e->nr++] = C3(ro->total, c);
        e->rhs[e->nr++] = C3(ro->carry_next, c);
        e->where = C3(ro->total, c);
        e->label = fd->label;
        e->label_en = fd->label_en;
    }
#undef C3
    return n;
}

static int build_t4(gk_report *r, eq *eqs) {
    const gk_table_def *td = &r->tmpl->tables[GK_T4];
    for (int g = 0; g < GK_T4_NGROUPS; g++) {
        eq *e = &eqs[g];
        memset(e, 0, sizeof *e);
        e->kind = EQ_T4;
        e->lhs[e->nl++] = gk_cell_ix(r, GK_T4, g, GK_T4_FIELD_TOTAL);
        for (int f = 0; f < GK_T4_FIELD_TOTAL; f++) e->rhs[e->nr++] = gk_cell_ix(r, GK_T4, g, f);
        e->where = gk_cell_ix(r, GK_T4, g, GK_T4_FIELD_TOTAL);
        e->label = td->rows[g].label;
        e->label_en = td->rows[g].label_en;
    }
    return GK_T4_NGROUPS;
}

/* The finding's two messages, built only for an equality that fails. */
static void describe(gk_report *r, const eq *e, int64_t l, int64_t rr, const char **zh, const char **en) {
    long long L = l, R = rr;
    switch (e->kind) {
    case EQ_T3_ROW:
        *zh = gk_arena_printf(r->arena, "表三「%s」行的总计为 %lld，但各项之和为 %lld", e->label, L, R);
        *en = gk_arena_printf(r->arena, "the total of t3 row «%s» is %lld but its parts add up to %lld", e->label_en, L, R);
        break;
    case EQ_T3_COL: {
        int nout = r->tmpl->t3.last_outcome - r->tmpl->t3.first_outcome + 1;
        *zh = gk_arena_printf(r->arena, "表三「（七）总计」·%s 为 %lld，但 %d 个办理结果行之和为 %lld", e->label, L, nout, R);
        *en = gk_arena_printf(r->arena, "t3 «total» · %s is %lld but the %d outcome rows add up to %lld", e->label_en, L, nout, R);
        break;
    }
    case EQ_T3_BALANCE:
        *zh = gk_arena_printf(r->arena, "「%s」列：一 + 二 = %lld，但 三（七）+ 四 = %lld", e->label, L, R);
        *en = gk_arena_printf(r->arena, "column «%s»: 一 + 二 = %lld but 三（七）+ 四 = %lld", e->label_en, L, R);
        break;
    case EQ_T4:
    default:
        *zh = gk_arena_printf(r->arena, "表四「%s」的总计为 %lld，但各项之和为 %lld", e->label, L, R);
        *en = gk_arena_printf(r->arena, "the total of t4 «%s» is %lld but its parts add up to %lld", e->label_en, L, R);
        break;
    }
}

static void judge(gk_report *r, eq *eqs, int n) {
    bool ready[64], failing[64] = {false};
    int64_t lsum[64], rsum[64];
    int nfail = 0;
    for (int i = 0; i < n; i++) {
        ready[i] = eq_sides(r, &eqs[i], &lsum[i], &rsum[i]);
        if (ready[i] && lsum[i] != rsum[i]) { failing[i] = true; nfail++; }
    }
    if (!nfail) return;

    /* the one-cell repair */
    int fix_cell = -1, ncand = 0;
    int64_t fix_to = 0;
    for (int cell = 0; cell < GK_NCELLS; cell++) {
        if (!gk_is_num(r, cell)) continue;
        bool ok = true, any = false;
        int64_t to = 0;
        for (int i = 0; i < n && ok; i++) {
            if (!ready[i]) continue;
            int side_of = eq_has(&eqs[i], cell);
            if (failing[i]) {
                if (!side_of) { ok = false; break; }
                int64_t v = gk_val(r, cell) + (side_of > 0 ? rsum[i] - lsum[i] : lsum[i] - rsum[i]);
                if (any && v != to) ok = false;
                to = v;
                any = true;
            } else if (side_of) {
                ok = false;   /* editing it would break an equality that holds */
            }
        }
        if (ok && any && to >= 0) { ncand++; fix_cell = cell; fix_to = to; }
    }
    for (int i = 0; i < n; i++) {
        if (!failing[i]) continue;
        const eq *e = &eqs[i];
        const char *zh, *en;
        describe(r, e, lsum[i], rsum[i], &zh, &en);
        gk_diag *d = gk_diag_add(r, eq_rule[e->kind], GK_SEV_ERROR, gk_cell_path(r, e->where), r->cells[e->where].src.line, zh, en);
        if (ncand == 1) {
            d->has_fix = true;
            d->fix = (gk_fix){fix_cell, r->cells[fix_cell].num, {fix_to, 0}, true};
        }
    }
}

void gk_rules_sums(gk_report *r) {
    eq eqs[64];
    int n = build_t3(r, eqs);
    judge(r, eqs, n);
    n = build_t4(r, eqs);
    judge(r, eqs, n);
}
