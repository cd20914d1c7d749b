/* test_corpus.c: the real reports in ../shared/corpus (skipped, saying so, when absent). Every file is read
 * without a crash and with a definite outcome; each truth file of a kind gongkai reads today matches cell
 * for cell; each oddity SOURCES.tsv lists for those files has a test naming it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gongkai/check.h"
#include "gongkai/report.h"

static const char *corpus(void) {
    static char dir[1024];
    const char *s = getenv("GK_SHARED");
    if (!s) return NULL;
    snprintf(dir, sizeof dir, "%s/corpus", s);
    DIR *d = opendir(dir);
    if (!d) return NULL;
    closedir(d);
    return dir;
}

#define NEED_CORPUS()                                                        \
    const char *cdir = corpus();                                             \
    if (!cdir) {                                                             \
        print_message("shared/corpus not found: skipping corpus tests\n");  \
        skip();                                                              \
    }

typedef struct {
    gk_arena *arena;
    gk_report *r;
    gk_status st;
} loaded;

static loaded load(const char *cdir, const char *rel) {
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", cdir, rel);
    char *b = NULL;
    size_t n = 0;
    loaded l = {gk_arena_new(), NULL, GK_OK};
    assert_int_equal(gk_read_file(path, 1 << 26, &b, &n), GK_OK);
    const char *detail = NULL;
    l.st = gk_report_from_bytes(l.arena, rel, b, n, &l.r, &detail);
    if (l.st == GK_OK) gk_check_report(l.r);
    free(b);
    return l;
}

static int count_rule(const gk_report *r, const char *rule) {
    int n = 0;
    for (uint32_t i = 0; i < r->ndiags; i++) n += !strcmp(r->diags[i].rule, rule);
    return n;
}

static const gk_diag *find_rule(const gk_report *r, const char *rule, const char *text) {
    for (uint32_t i = 0; i < r->ndiags; i++)
        if (!strcmp(r->diags[i].rule, rule) && (!text || strstr(r->diags[i].msg_zh, text))) return &r->diags[i];
    return NULL;
}

/* Every file: a definite outcome, never a crash (ASan/UBSan builds run this too). */
static void test_every_file(void **state) {
    (void)state;
    NEED_CORPUS();
    char raw[1100];
    snprintf(raw, sizeof raw, "%s/raw", cdir);
    DIR *d = opendir(raw);
    assert_non_null(d);
    struct dirent *e;
    int files = 0, reports = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char rel[512];
        snprintf(rel, sizeof rel, "raw/%s", e->d_name);
        loaded l = load(cdir, rel);
        files++;
        /* what each kind may give: a report (PDFs with a text layer included), or, for the older free-form
         * reports without the statutory tables, "not a report" */
        bool pdf = strstr(e->d_name, ".pdf") != NULL;
        if (pdf) assert_int_equal(l.st, GK_OK);
        else assert_true(l.st == GK_OK || l.st == GK_ERR_NOT_REPORT);
        if (l.st == GK_OK) {
            reports++;
            assert_non_null(l.r->format);
            assert_true(l.r->year == 0 || (l.r->year >= 2008 && l.r->year <= 2030));
        }
        print_message("  %-32s %s%s%s\n", e->d_name, l.st == GK_OK ? "report " : gk_status_message(l.st, "en"),
                      l.st == GK_OK && l.r->agency ? l.r->agency : "", "");
        gk_arena_free(l.arena);
    }
    closedir(d);
    assert_true(files >= 27);
    print_message("  %d files, %d read as reports\n", files, reports);
}

/* The truth files gongkai reads today, cell for cell: null ⇔ not a number. */
static void check_truth(const char *name) {
    NEED_CORPUS();
    char path[1200];
    snprintf(path, sizeof path, "%s/truth/%s.json", cdir, name);
    json_error_t err;
    json_t *t = json_load_file(path, 0, &err);
    assert_non_null(t);
    loaded l = load(cdir, json_string_value(json_object_get(t, "source")));
    assert_int_equal(l.st, GK_OK);
    assert_int_equal(l.r->year, json_integer_value(json_object_get(t, "year")));
    int cells = 0, bad = 0;
    static const char *const tables[] = {"t2", "t3", "t4"};
    for (int k = 0; k < 3; k++) {
        const char *rk;
        json_t *rows;
        json_object_foreach(json_object_get(t, tables[k]), rk, rows) {
            const char *fk;
            json_t *v;
            json_object_foreach(rows, fk, v) {
                char p[128];
                snprintf(p, sizeof p, "%s.%s.%s", tables[k], rk, fk);
                const gk_cell *c = gk_report_cell(l.r, p);
                cells++;
                bool ok;
                if (!c) ok = false;
                else if (json_is_null(v)) ok = c->state != GK_CELL_NUMBER;
                else if (json_is_integer(v)) ok = c->state == GK_CELL_NUMBER && c->num.scale == 0 && c->num.value == json_integer_value(v);
                else {
                    double want = json_real_value(v), got = (double)c->num.value;
                    for (int q = 0; q < c->num.scale; q++) got /= 10;
                    ok = c->state == GK_CELL_NUMBER && fabs(got - want) <= 1e-9 * (fabs(want) > 1 ? fabs(want) : 1);
                }
                if (!ok) { bad++; print_message("  %s: %s differs\n", name, p); }
            }
        }
    }
    print_message("  %s: %d cells compared\n", name, cells);
    assert_int_equal(bad, 0);
    assert_int_equal(cells, 200);
    json_decref(t);
    gk_arena_free(l.arena);
}

static void test_truth_shkewei(void **state) { (void)state; check_truth("shkewei_2024_1"); }
static void test_truth_huaian(void **state) { (void)state; check_truth("huaian_2024_1"); }
static void test_truth_pingtan_2022(void **state) { (void)state; check_truth("pingtan_2022_1"); }

/* hongze_2023_1.pdf: its own t4 error (two groups whose 总计 is 0 over non-zero items) is reported as
 * T4.TOTAL, not repaired; every cell reads as printed. */
static void test_truth_hongze(void **state) {
    (void)state;
    check_truth("hongze_2023_1");
    NEED_CORPUS();
    loaded l = load(cdir, "raw/hongze_2023_1.pdf");
    assert_int_equal(l.st, GK_OK);
    assert_int_equal(count_rule(l.r, "T4.TOTAL"), 2);
    for (uint32_t i = 0; i < l.r->ndiags; i++)
        if (!strcmp(l.r->diags[i].rule, "T4.TOTAL")) assert_false(l.r->diags[i].has_fix);
    assert_int_equal(l.r->diags[0].line / 1000 >= 1, 1);   /* lines are page * 1000 + line */
    gk_arena_free(l.arena);
}
static void test_truth_shuyang(void **state) { (void)state; check_truth("shuyang_2025_1"); }

/* shkewei_2024_1.md (SOURCES.tsv): label text floats outside rows, unlabeled "| 0 | 0 |…" rows, the carry_next
 * 总计 cell empty with its value displaced to a stray line, t2 规章/规范性文件 rows after (五)(六)(八), t4 header
 * garbled. */
static void test_oddities_shkewei(void **state) {
    (void)state;
    NEED_CORPUS();
    loaded l = load(cdir, "raw/shkewei_2024_1.md");
    assert_int_equal(l.st, GK_OK);
    const gk_diag *d = find_rule(l.r, "TABLE.SHAPE", "没有行标签");          /* unlabeled rows, placed by order */
    assert_non_null(d);
    assert_non_null(strstr(d->msg_zh, "有 10 行"));
    d = find_rule(l.r, "TABLE.SHAPE", "印在表格之外");                      /* the displaced carry_next 总计 */
    assert_non_null(d);
    assert_int_equal(d->line, 172);
    const gk_cell *c = gk_report_cell(l.r, "t3.carry_next.total");
    assert_int_equal(c->num.value, 1);
    assert_int_equal(c->src.line, 172);
    assert_int_equal(gk_report_cell(l.r, "t2.normative.valid")->num.value, 55);   /* label 规范性文件 */
    assert_int_equal(gk_report_cell(l.r, "t2.permit.decisions")->num.value, 97);  /* a row written as text */
    assert_int_equal(gk_report_cell(l.r, "t4.review.upheld")->num.value, 1);      /* garbled t4 header */
    assert_int_equal(count_rule(l.r, "T3.ROW_TOTAL") + count_rule(l.r, "T3.COL_TOTAL") + count_rule(l.r, "T3.BALANCE"), 0);
    gk_arena_free(l.arena);
}

/* shuyang_2025_1.txt: t3 split into small tables with generic headers 数据1..数据6/总计; the last block under a
 * WRONG header row; (六) titled "(六) 其他"; t4 as three 5-column tables. */
static void test_oddities_shuyang(void **state) {
    (void)state;
    NEED_CORPUS();
    loaded l = load(cdir, "raw/shuyang_2025_1.txt");
    assert_int_equal(l.st, GK_OK);
    assert_int_equal(gk_report_cell(l.r, "t3.other_no_fee.total")->num.value, 7);         /* under the wrong header */
    assert_int_equal(gk_report_cell(l.r, "t3.other_no_correction.natural")->num.value, 9); /* under "(六) 其他" */
    assert_int_equal(gk_report_cell(l.r, "t4.suit_direct.total")->num.value, 3);
    assert_int_equal(gk_report_cell(l.r, "t4.suit_after_review.total")->num.value, 10);
    assert_int_equal(count_rule(l.r, "T4.TOTAL") + count_rule(l.r, "T3.ROW_TOTAL") + count_rule(l.r, "T3.COL_TOTAL"), 0);
    assert_string_equal(l.r->agency, "沐阳县人民政府");   /* as printed, and reported as a misreading of 沭阳 */
    const gk_diag *d = find_rule(l.r, "META.AGENCY", "疑为「沭阳」");
    assert_non_null(d);
    assert_string_equal(d->where, "agency");
    gk_arena_free(l.arena);
    l = load(cdir, "raw/shuyangfgj_2023_1.html");           /* the same county, named right */
    assert_int_equal(l.st, GK_OK);
    assert_int_equal(count_rule(l.r, "META.AGENCY"), 0);
    gk_arena_free(l.arena);
}

/* shoffice_2025_1.md: t2 rows have only 3 cells (本年废止件数 lost): their cells are unreadable, not guessed. */
static void test_oddities_shoffice_2025(void **state) {
    (void)state;
    NEED_CORPUS();
    loaded l = load(cdir, "raw/shoffice_2025_1.md");
    assert_int_equal(l.st, GK_OK);
    assert_int_equal(gk_report_cell(l.r, "t2.regulation.issued")->state, GK_CELL_UNREADABLE);
    assert_int_equal(gk_report_cell(l.r, "t2.normative.valid")->state, GK_CELL_UNREADABLE);
    const gk_diag *d = find_rule(l.r, "TABLE.SHAPE", "只有 2 个数值单元格");
    assert_non_null(d);
    assert_int_equal(gk_report_cell(l.r, "t3.received.total")->num.value, 1295);
    assert_int_equal(gk_report_cell(l.r, "t3.total.total")->num.value, 1191);
    assert_int_equal(count_rule(l.r, "T3.ROW_TOTAL") + count_rule(l.r, "T3.COL_TOTAL") + count_rule(l.r, "T3.BALANCE"), 0);
    /* "未发生因依申请公开被行政复议纠错或行政诉讼败诉情形" speaks of outcomes: no TEXT.TABLE_MISMATCH */
    assert_int_equal(count_rule(l.r, "TEXT.TABLE_MISMATCH"), 0);
    gk_arena_free(l.arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_file),          cmocka_unit_test(test_truth_shkewei),
        cmocka_unit_test(test_truth_shuyang),       cmocka_unit_test(test_truth_huaian),
        cmocka_unit_test(test_truth_hongze),        cmocka_unit_test(test_truth_pingtan_2022),
        cmocka_unit_test(test_oddities_shkewei),
        cmocka_unit_test(test_oddities_shuyang),    cmocka_unit_test(test_oddities_shoffice_2025),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
