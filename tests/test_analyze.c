/* test_analyze.c: derived rates, roll-ups that keep blanks honest, and year-on-year comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gongkai/analyze.h"
#include "gongkai/report.h"

static gk_report *load(gk_arena *a, const char *name) {
    const char *dir = getenv("GK_EXAMPLES");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "examples", name);
    char *b;
    size_t n;
    assert_int_equal(gk_read_file(path, 1 << 24, &b, &n), GK_OK);
    gk_report *r = NULL;
    assert_int_equal(gk_report_from_bytes(a, name, b, n, &r, NULL), GK_OK);
    gk_check_report(r);
    free(b);
    return r;
}

static int count_rule(const gk_report *r, const char *rule) {
    int n = 0;
    for (uint32_t i = 0; i < r->ndiags; i++) n += !strcmp(r->diags[i].rule, rule);
    return n;
}

static void test_rates(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_report *r = load(a, "qinghe-liutang-2024-clean.txt");
    gk_rate rt[GK_NRATES];
    gk_rates(r, rt);
    /* (予以公开 12 + 部分公开 4) / 办结 27 */
    assert_true(rt[GK_RATE_DISCLOSED].known);
    assert_int_equal(rt[GK_RATE_DISCLOSED].num, 16);
    assert_int_equal(rt[GK_RATE_DISCLOSED].den, 27);
    assert_true(fabs(rt[GK_RATE_DISCLOSED].value - 16.0 / 27) < 1e-12);
    assert_int_equal(rt[GK_RATE_DENIED].num, 5);
    assert_int_equal(rt[GK_RATE_UNABLE].num, 4);
    assert_int_equal(rt[GK_RATE_CARRY].num, 2);
    assert_int_equal(rt[GK_RATE_CARRY].den, 29);        /* 新收 27 + 结转 2 */
    assert_true(rt[GK_RATE_REVIEW_CORRECTED].small);    /* 2 reviews: a small sample */
    assert_false(rt[GK_RATE_DISCLOSED].small);
    /* no application handled (总计 0): the rate is unknown, not 0% */
    gk_report *b = load(a, "qinghe-market-2024-blanks.txt");
    gk_rates(b, rt);
    assert_false(rt[GK_RATE_DISCLOSED].known);
    assert_false(rt[GK_RATE_CARRY].known);
    /* a blank part: unknown */
    gk_report *c = load(a, "qinghe-liutang-2024-clean.txt");
    c->cells[gk_template_cell_index(c->tmpl, "t3.granted.total")].state = GK_CELL_BLANK;
    gk_rates(c, rt);
    assert_false(rt[GK_RATE_DISCLOSED].known);
    assert_true(rt[GK_RATE_DENIED].known);
    gk_arena_free(a);
}

static void test_rollup(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_report *x = load(a, "qinghe-liutang-2024-clean.txt");
    gk_report *units[3] = {x, x, x};
    gk_rollup_cell cells[GK_NCELLS];
    gk_report *r = gk_rollup(a, units, 3, "青禾区", cells);
    gk_check_report(r);
    assert_int_equal(count_rule(r, "T3.ROW_TOTAL") + count_rule(r, "T3.COL_TOTAL") + count_rule(r, "T3.BALANCE") +
                         count_rule(r, "T4.TOTAL"), 0);
    assert_int_equal(gk_report_cell(r, "t3.received.total")->num.value, 81);
    const gk_cell *fee = gk_report_cell(r, "t2.fee.amount");   /* 1.25 × 3, exactly */
    assert_int_equal(fee->num.value, 375);
    assert_int_equal(fee->num.scale, 2);
    assert_int_equal(r->year, 2024);
    /* a unit with blanks: those cells are blank and incomplete, with the partial sum */
    gk_report *blank = load(a, "qinghe-market-2024-blanks.txt");
    gk_report *mixed[2] = {x, blank};
    r = gk_rollup(a, mixed, 2, "青禾区", cells);
    int i = gk_template_cell_index(r->tmpl, "t3.received.natural");
    assert_int_equal(r->cells[i].state, GK_CELL_BLANK);
    assert_true(cells[i].incomplete);
    assert_int_equal(cells[i].partial, 22);
    assert_int_equal(cells[i].missing, 1);
    i = gk_template_cell_index(r->tmpl, "t3.received.total");
    assert_int_equal(r->cells[i].state, GK_CELL_NUMBER);   /* both gave a number */
    assert_false(cells[i].incomplete);
    gk_arena_free(a);
}

static void test_compare(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_report *y23 = load(a, "qinghe-liutang-2023-clean.txt"), *y24 = load(a, "qinghe-liutang-2024-clean.txt");
    gk_comparison c;
    uint32_t before = y24->ndiags;
    gk_compare(a, y23, y24, &c);
    assert_int_equal(y24->ndiags, before);            /* consistent: no YEAR.CARRY, no YEAR.STOCK (9 + 3 − 1 = 11) */
    assert_true(c.nchanges > 10);
    assert_true(c.repeated < 0.5);
    /* the same report compared with itself a year later: every sentence repeats */
    gk_report *again = load(a, "qinghe-liutang-2024-clean.txt");
    again->year = 2025;
    gk_compare(a, y24, again, &c);
    assert_int_equal(c.nchanges, 0);
    assert_true(c.repeated > 0.99);
    assert_int_equal(count_rule(again, "YEAR.STOCK"), 1);   /* 11 + 3 − 1 ≠ 11 */
    assert_int_equal(count_rule(again, "YEAR.CARRY"), 2);   /* carried 1,1,…,2 vs carry_next 2,0,…,2 */
    gk_arena_free(a);
}

static void test_summary_page(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    static const char *const names[] = {"qinghe-liutang-2023-clean.txt", "qinghe-liutang-2024-clean.txt",
                                        "baishi-education-2024-defects.txt", "qinghe-market-2024-blanks.txt"};
    gk_summary_row rows[4];
    for (int i = 0; i < 4; i++) gk_summary_row_fill(load(a, names[i]), &rows[i]);
    assert_int_equal(rows[1].received, 27);
    assert_int_equal(rows[1].outcomes[GK_OUT_GRANTED], 12);
    assert_int_equal(rows[3].outcomes[GK_OUT_GRANTED], 0);   /* its 总计 column is 0 */
    gk_buf b;
    gk_buf_init(&b);
    gk_render_summary_html(rows, 4, 1, &b, "zh");
    assert_non_null(strstr(b.data, "<svg"));
    assert_null(strstr(b.data, "http"));                       /* self-contained */
    int trs = 0;
    for (const char *p = b.data; (p = strstr(p, "<tr><td>")); p++) trs++;
    assert_int_equal(trs, 4);
    assert_non_null(strstr(b.data, "59.3%"));                  /* 16/27 for 2024 */
    assert_non_null(strstr(b.data, "T3.ROW_TOTAL"));           /* findings by rule */
    gk_buf_free(&b);
    for (int i = 0; i < 4; i++) gk_summary_row_free(&rows[i]);
    gk_arena_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rates), cmocka_unit_test(test_rollup), cmocka_unit_test(test_compare),
        cmocka_unit_test(test_summary_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
