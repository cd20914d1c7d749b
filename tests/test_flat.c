/* test_flat.c: tables whose cells ran together (issue 4, item 2) and the scraper text around them.
 *
 *   - the splitter on single runs (row sums, canonical numbers, white space, signs, decimals);
 *   - the 平潭 truth files cell for cell through gk_report_from_bytes (a cell whose truth was read from the web
 *     page, not the text, must be null with a finding that lists the truth among the remaining splits);
 *   - every other 平潭 text: a report with metadata and sections; before 2019 no statutory table is invented;
 *   - 1,000 random consistent reports written flattened like the 平潭 text, split back and checked against an
 *     independent brute-force search: every filled cell is right, every null cell is ambiguous (a second
 *     consistent split gives it another value), every filled cell is not; the share settled and the time;
 *   - last year's report as a constraint (gk_flat_use_previous), and ordinary text left alone.
 * Corpus cases skip, saying so, when ../shared/corpus is absent. */
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
#include <time.h>

#include "gongkai/check.h"
#include "gongkai/report.h"
#include "recognize/flat.h"

/* ---------------------------------------------------------------- helpers */

static gk_report *parse_text(gk_arena *a, const char *name, const char *s, size_t n) {
    gk_report *r = NULL;
    const char *detail = NULL;
    gk_status st = gk_report_from_bytes(a, name, s, n, &r, &detail);
    if (st != GK_OK) fail_msg("%s: %s (%s)", name, gk_status_message(st, "en"), detail ? detail : "");
    return r;
}

static const gk_diag *find_diag(const gk_report *r, const char *rule, const char *where_prefix, const char *text) {
    for (uint32_t i = 0; i < r->ndiags; i++) {
        const gk_diag *d = &r->diags[i];
        if (strcmp(d->rule, rule) != 0) continue;
        if (where_prefix && (!d->where || strncmp(d->where, where_prefix, strlen(where_prefix)) != 0)) continue;
        if (text && !strstr(d->msg_zh, text)) continue;
        return d;
    }
    return NULL;
}

static int count_rule(const gk_report *r, const char *rule) {
    int n = 0;
    for (uint32_t i = 0; i < r->ndiags; i++) n += !strcmp(r->diags[i].rule, rule);
    return n;
}

static gk_flat_shape shape_plain(int n) {
    gk_flat_shape s;
    memset(&s, 0, sizeof s);
    s.ncells = n;
    return s;
}

static gk_flat_shape shape_t3(void) {
    gk_flat_shape s = shape_plain(7);
    s.ngroups = 1;
    s.groups[0].first = 0;
    s.groups[0].n = 7;
    return s;
}

static gk_flat_shape shape_t4(void) {
    gk_flat_shape s = shape_plain(15);
    s.ngroups = 3;
    for (int g = 0; g < 3; g++) { s.groups[g].first = (uint8_t)(5 * g); s.groups[g].n = 5; }
    return s;
}

/* The split as text: "62/33/440". */
static void split_str(const char *s, const uint16_t *cut, int nc, char *out, size_t cap) {
    size_t o = 0;
    for (int k = 0; k < nc && o + 1 < cap; k++) {
        if (k && o + 1 < cap) out[o++] = '/';
        for (int i = cut[k]; i < cut[k + 1] && o + 1 < cap; i++) out[o++] = s[i];
    }
    out[o] = 0;
}

/* ---------------------------------------------------------------- the splitter on single runs */

static void test_row_splits(void **state) {
    (void)state;
    uint16_t cuts[64 * 16];
    char buf[128];
    /* issue 4's examples */
    gk_flat_shape t3 = shape_t3();
    assert_int_equal(gk_flat_row_splits("21710000218", NULL, 11, &t3, 64, cuts), 1);
    split_str("21710000218", cuts, 7, buf, sizeof buf);
    assert_string_equal(buf, "217/1/0/0/0/0/218");
    gk_flat_shape t2 = shape_plain(3);
    int n = gk_flat_row_splits("6233440", NULL, 7, &t2, 64, cuts);
    assert_int_equal(n, 15);   /* no sums in a t2 row: every canonical reading */
    gk_flat_shape t4 = shape_t4();
    assert_int_equal(gk_flat_row_splits("21317000001324019", NULL, 17, &t4, 64, cuts), 1);
    split_str("21317000001324019", cuts, 15, buf, sizeof buf);
    assert_string_equal(buf, "2/1/3/1/7/0/0/0/0/0/13/2/4/0/19");
    assert_int_equal(gk_flat_row_splits("10203120001200000", NULL, 17, &t4, 64, cuts), 1);
    split_str("10203120001200000", cuts, 15, buf, sizeof buf);
    assert_string_equal(buf, "1/0/2/0/3/12/0/0/0/12/0/0/0/0/0");
    /* the classic ambiguity: 1 + 12 = 11 + 2 */
    assert_int_equal(gk_flat_row_splits("112000013", NULL, 9, &t3, 64, cuts), 2);
    /* canonical numbers: "00" is two cells, "05" none */
    gk_flat_shape two = shape_plain(2);
    assert_int_equal(gk_flat_row_splits("005", NULL, 3, &two, 64, cuts), 0);
    assert_int_equal(gk_flat_row_splits("05", NULL, 2, &two, 64, cuts), 1);
    /* white space is a boundary: "500000 5" */
    uint8_t brk[16] = {0};
    brk[6] = 1;
    assert_int_equal(gk_flat_row_splits("5000005", brk, 7, &t3, 64, cuts), 1);
    /* and a boundary no reading can use is dropped by the caller, not here: "2 00" as one cell is impossible */
    uint8_t brk2[4] = {0, 1, 0, 0};
    gk_flat_shape one = shape_plain(1);
    assert_int_equal(gk_flat_row_splits("200", brk2, 3, &one, 64, cuts), 0);
    /* 2019's 本年增/减 may be negative: the sign starts a cell */
    gk_flat_shape s19 = shape_plain(3);
    s19.flags[1] = GK_FLAT_SIGNED;
    n = gk_flat_row_splits("2648-18538", NULL, 10, &s19, 64, cuts);
    assert_int_equal(n, 4);
    split_str("2648-18538", cuts, 3, buf, sizeof buf);
    assert_string_equal(buf, "2648/-1/8538");
    s19.flags[1] = 0;
    assert_int_equal(gk_flat_row_splits("2648-18538", NULL, 10, &s19, 64, cuts), 0);
    /* decimals only where allowed, never ending in the point */
    gk_flat_shape fee = shape_plain(1);
    fee.flags[0] = GK_FLAT_DECIMAL;
    assert_int_equal(gk_flat_row_splits("18651.06", NULL, 8, &fee, 64, cuts), 1);
    fee.flags[0] = 0;
    assert_int_equal(gk_flat_row_splits("18651.06", NULL, 8, &fee, 64, cuts), 0);
    /* too many: -1, never a partial answer */
    gk_flat_shape many = shape_plain(5);
    assert_int_equal(gk_flat_row_splits("123456789123456789", NULL, 18, &many, 10, cuts), -1);
    /* more cells than characters */
    assert_int_equal(gk_flat_row_splits("123", NULL, 3, &t3, 64, cuts), 0);
    /* free splits ignore the sums */
    assert_int_equal(gk_flat_row_splits_free("1234567", NULL, 7, &t3, 64, cuts), 1);
    assert_int_equal(gk_flat_row_splits("1234567", NULL, 7, &t3, 64, cuts), 0);
}

/* ---------------------------------------------------------------- the corpus */

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

static gk_report *load(gk_arena *a, const char *cdir, const char *rel) {
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", cdir, rel);
    char *b = NULL;
    size_t n = 0;
    assert_int_equal(gk_read_file(path, 1 << 26, &b, &n), GK_OK);
    gk_report *r = parse_text(a, rel, b, n);
    free(b);
    return r;
}

/* Cells whose truth was read from the web page (page.html), not from the text: the text alone leaves more
 * than one reading (the truth files' notes say so). They must be null, with a finding that lists the truth. */
static const struct { const char *file, *row, *truth_split; } from_page[] = {
    {"pingtan_2021_1", "t2.normative", "69/3/665"},
    {"pingtan_2024_1", "t2.normative", "62/33/440"},
};

static void check_truth(const char *name) {
    NEED_CORPUS();
    char path[1200];
    snprintf(path, sizeof path, "%s/truth/%s.json", cdir, name);
    json_error_t err;
    json_t *t = json_load_file(path, 0, &err);
    assert_non_null(t);
    gk_arena *a = gk_arena_new();
    gk_report *r = load(a, cdir, json_string_value(json_object_get(t, "source")));
    gk_check_report(r);
    assert_int_equal(r->year, json_integer_value(json_object_get(t, "year")));
    assert_non_null(r->agency);
    assert_string_equal(r->agency, json_string_value(json_object_get(t, "agency")));
    assert_string_equal(r->format, "2021");
    for (int s = 0; s < 6; s++) assert_true(r->sections[s].present);
    int cells = 0, bad = 0, page = 0;
    static const char *const tables[] = {"t2", "t3", "t4"};
    for (int k = 0; k < 3; k++) {
        const char *rk;
        json_t *rows;
        json_object_foreach(json_object_get(t, tables[k]), rk, rows) {
            const char *fk;
            json_t *v;
            json_object_foreach(rows, fk, v) {
                char p[128], rowp[96];
                snprintf(p, sizeof p, "%s.%s.%s", tables[k], rk, fk);
                snprintf(rowp, sizeof rowp, "%s.%s", tables[k], rk);
                const gk_cell *c = gk_report_cell(r, p);
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
                if (!ok && c && c->state == GK_CELL_UNREADABLE && c->unsettled) {
                    for (size_t q = 0; q < sizeof from_page / sizeof from_page[0]; q++) {
                        if (strcmp(from_page[q].file, name) || strcmp(from_page[q].row, rowp)) continue;
                        const gk_diag *d = find_diag(r, "TABLE.SHAPE", rowp, from_page[q].truth_split);
                        assert_non_null(d);
                        ok = true;
                        page++;
                    }
                }
                if (!ok) { bad++; print_message("  %s: %s differs\n", name, p); }
            }
        }
    }
    print_message("  %s: %d cells compared, %d exact, %d null where only the web page settles them\n", name, cells,
                  cells - bad - page, page);
    assert_int_equal(bad, 0);
    assert_int_equal(cells, 200);
    /* the tables' own arithmetic holds: nothing reported but the unsettled normative row */
    assert_int_equal(count_rule(r, "T3.ROW_TOTAL") + count_rule(r, "T3.COL_TOTAL") + count_rule(r, "T3.BALANCE") +
                         count_rule(r, "T4.TOTAL") + count_rule(r, "TABLE.MISSING") + count_rule(r, "SECTION.MISSING"),
                     0);
    json_decref(t);
    gk_arena_free(a);
}

static void test_truth_2021(void **state) { (void)state; check_truth("pingtan_2021_1"); }
static void test_truth_2022(void **state) { (void)state; check_truth("pingtan_2022_1"); }
static void test_truth_2024(void **state) { (void)state; check_truth("pingtan_2024_1"); }

/* Every 平潭 text: a report with title, agency, year and sections. Before 2019: no statutory table, all three
 * TABLE.MISSING, no number anywhere in the tables. 2019 and 2020: the 2019 format. 2021 on: the 2021 format
 * with t3 and t4 settled. */
static void test_every_pingtan(void **state) {
    (void)state;
    NEED_CORPUS();
    char raw[1100];
    snprintf(raw, sizeof raw, "%s/raw", cdir);
    DIR *d = opendir(raw);
    assert_non_null(d);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, "pingtan", 7) != 0 || !strstr(e->d_name, ".txt")) continue;
        const char *us = strchr(e->d_name, '_');
        assert_non_null(us);
        int year = atoi(us + 1);
        char rel[512];
        snprintf(rel, sizeof rel, "raw/%s", e->d_name);
        gk_arena *a = gk_arena_new();
        gk_report *r = load(a, cdir, rel);
        gk_check_report(r);
        files++;
        assert_int_equal(r->year, year);
        assert_non_null(r->title);
        assert_non_null(r->agency);
        assert_non_null(strstr(r->agency, "平潭"));
        assert_null(strstr(r->title, "标题"));
        int sections = 0, numbers = 0, nulls = 0;
        for (int s = 0; s < 6; s++) sections += r->sections[s].present;
        assert_true(sections >= 4);
        assert_true(r->sections[0].present && r->sections[1].present && r->sections[2].present);
        for (int i = 0; i < r->tmpl->ncells; i++) {
            numbers += r->cells[i].state == GK_CELL_NUMBER;
            nulls += r->cells[i].state == GK_CELL_UNREADABLE;
        }
        if (year < 2019) {
            for (int t = 0; t < GK_NTABLES; t++) assert_false(r->table_found[t]);
            assert_int_equal(count_rule(r, "TABLE.MISSING"), 3);
            assert_int_equal(numbers, 0);
            assert_string_equal(r->format, "2021");
        } else {
            for (int t = 0; t < GK_NTABLES; t++) assert_true(r->table_found[t]);
            assert_string_equal(r->format, year <= 2020 ? "2019" : "2021");
            assert_int_equal(count_rule(r, "TABLE.MISSING"), 0);
            /* t3 and t4 settled in every year (t2's count rows have no sums to split by) */
            const gk_table_def *t3 = &r->tmpl->tables[GK_T3], *t4 = &r->tmpl->tables[GK_T4];
            for (int i = t3->first; i < t3->first + t3->ncells; i++) assert_int_equal(r->cells[i].state, GK_CELL_NUMBER);
            for (int i = t4->first; i < t4->first + t4->ncells; i++) assert_int_equal(r->cells[i].state, GK_CELL_NUMBER);
            if (year >= 2021) assert_int_equal(count_rule(r, "T3.COL_TOTAL") + count_rule(r, "T3.BALANCE"), 0);
        }
        print_message("  %-28s %s %d, format %s, %d sections, %d numbers, %d null\n", e->d_name, r->agency, r->year,
                      r->format, sections, numbers, nulls);
        gk_arena_free(a);
    }
    closedir(d);
    assert_true(files >= 19);
}

/* pingtan_2020_1: its own column sums do not hold ((七)总计 自然人 20, outcome rows 26): reported as
 * T3.COL_TOTAL on the numbers as printed, with a finding that the column sums could not be used to split. */
static void test_pingtan_2020_source_error(void **state) {
    (void)state;
    NEED_CORPUS();
    gk_arena *a = gk_arena_new();
    gk_report *r = load(a, cdir, "raw/pingtan_2020_1.txt");
    gk_check_report(r);
    assert_non_null(find_diag(r, "T3.COL_TOTAL", "t3.total.natural", NULL));
    assert_non_null(find_diag(r, "TABLE.SHAPE", "t3", "各列合计"));
    assert_int_equal(gk_report_cell(r, "t3.total.natural")->num.value, 20);
    assert_int_equal(gk_report_cell(r, "t3.received.total")->num.value, 21);
    assert_int_equal(gk_report_cell(r, "t3.other.natural")->num.value, 4);   /* （六）其他处理4 0 0 0 0 0 4 */
    /* 2648-18538: the change may be negative; four readings remain */
    assert_int_equal(gk_report_cell(r, "t2.penalty.prev_items")->num.value, 2648);
    assert_int_equal(gk_report_cell(r, "t2.penalty.change")->state, GK_CELL_UNREADABLE);
    assert_non_null(find_diag(r, "TABLE.SHAPE", "t2.penalty", "2648/-18/538"));
    gk_arena_free(a);
}

/* pingtan_2023_1: the narrative's 现行有效 393 contradicts every reading of 77132470; the finding says so. */
static void test_pingtan_2023_narrative(void **state) {
    (void)state;
    NEED_CORPUS();
    gk_arena *a = gk_arena_new();
    gk_report *r = load(a, cdir, "raw/pingtan_2023_1.txt");
    assert_int_equal(gk_report_cell(r, "t2.normative.issued")->num.value, 77);   /* 制发的规范性文件77件 */
    assert_int_equal(gk_report_cell(r, "t2.normative.valid")->state, GK_CELL_UNREADABLE);
    const gk_diag *d = find_diag(r, "TABLE.SHAPE", "t2.normative", "77/132/470");
    assert_non_null(d);
    assert_non_null(strstr(d->msg_zh, "393"));
    gk_arena_free(a);
}

/* ---------------------------------------------------------------- random flattened reports */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return n ? (uint32_t)(rng % n) : 0;
}

/* A value as tests/test_render.c makes them: mostly small, sometimes large. */
static int64_t val(void) {
    uint32_t k = rnd(100);
    if (k < 40) return 0;
    if (k < 90) return rnd(30);
    if (k < 98) return rnd(100000);
    return 1000000000ll + rnd(1000000);
}

typedef struct {
    char s[256];
    uint8_t brk[256];
    int n;
} vrun;

typedef struct {
    int64_t v[GK_NCELLS];
    uint8_t scale[GK_NCELLS];
    vrun runs[40];            /* one per row: t2 0..5, t3 6..30, t4 31 (one run of 15) */
    int64_t norm_issued;      /* stated in the text, or -1 */
    int64_t handled;          /* 全年办理政府信息公开申请 N 件, or -1 */
} gen;

enum { ROW_T2 = 0, ROW_T3 = 6, ROW_T4 = 31, NROWS = 32 };

static void put_run(gk_buf *b, vrun *run, const int64_t *vals, const uint8_t *scales, int n, bool spaces) {
    run->n = 0;
    for (int k = 0; k < n; k++) {
        char num[600];
        if (scales && scales[k]) {
            int64_t p = 1;
            for (int q = 0; q < scales[k]; q++) p *= 10;
            snprintf(num, sizeof num, "%lld.%0*lld", (long long)(vals[k] / p), scales[k], (long long)(vals[k] % p));
        } else {
            snprintf(num, sizeof num, "%lld", (long long)vals[k]);
        }
        bool gap = spaces && k > 0 && rnd(3) == 0;
        if (gap) gk_buf_putc(b, ' ');
        for (size_t i = 0; num[i]; i++) {
            run->s[run->n] = num[i];
            run->brk[run->n] = gap && i == 0;
            run->n++;
        }
        gk_buf_puts(b, num);
    }
}

/* A consistent 2021 report written the way the 平潭 scraper writes it: a crawler header, then one line. */
static void random_flat(gk_buf *b, gen *g, int year) {
    const gk_template *t = gk_template_2021();
    static const char *const agencies[] = {"青禾区柳塘街道办事处", "白石县教育局", "东山市自然资源和规划局", "南湖区人民政府"};
    const char *agency = agencies[rnd(4)];
    memset(g, 0, sizeof *g);
    gk_buf_reset(b);
    gk_buf_printf(b, "标题: %s%d年度政府信息公开工作年度报告\n发布时间: %d-03-10 15:35\n文号: \n发布机构: %s办公室\n"
                     "栏目: 政府信息公开年报\n原文链接: https://www.example.gov.cn/zwgk/t%d.htm\n本地目录: zwgk/%d\n"
                     "页面链接与图片详见 links.tsv(同目录)\n==================== 正文 ====================\n",
                  agency, year, year + 1, agency, year, year);
    gk_buf_printf(b, "本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据统计期限为%d年1月1日至%d年12月31日。", year, year);
    /* t2 */
    const gk_table_def *t2 = &t->tables[GK_T2];
    for (int k = 0; k < t2->nrows; k++)
        for (int f = 0; f < t2->rows[k].nfields; f++) {
            int ix = t2->rows[k].first + f;
            if (t2->rows[k].decimal && rnd(2)) { g->v[ix] = (int64_t)rnd(100000) * 100 + 1 + rnd(99); g->scale[ix] = 2; }
            else g->v[ix] = val();
        }
    /* t3: consistent sums */
    int64_t v[25][7];
    for (int r = 0; r < 25; r++) {
        int64_t sum = 0;
        for (int c = 0; c < 6; c++) { v[r][c] = val(); if (v[r][c] > 100000) v[r][c] = rnd(50); sum += v[r][c]; }
        v[r][6] = sum;
    }
    for (int c = 0; c < 7; c++) {
        int64_t o = 0;
        for (int r = 2; r <= 22; r++) o += v[r][c];
        v[23][c] = o;
    }
    for (int c = 0; c < 6; c++) {
        v[24][c] = rnd(5);
        v[1][c] = rnd(5);
        int64_t received = v[23][c] + v[24][c] - v[1][c];
        if (received < 0) { v[1][c] += -received; received = 0; }
        v[0][c] = received;
    }
    for (int r = 0; r < 2; r++) { v[r][6] = 0; for (int c = 0; c < 6; c++) v[r][6] += v[r][c]; }
    v[24][6] = 0;
    for (int c = 0; c < 6; c++) v[24][6] += v[24][c];
    for (int r = 0; r < 25; r++)
        for (int c = 0; c < 7; c++) g->v[gk_t3(r, c)] = v[r][c];
    for (int gr = 0; gr < 3; gr++) {
        int64_t sum = 0;
        for (int f = 0; f < 4; f++) { g->v[gk_t4(gr, f)] = rnd(10); sum += g->v[gk_t4(gr, f)]; }
        g->v[gk_t4(gr, 4)] = sum;
    }
    g->norm_issued = rnd(2) ? g->v[3] : -1;
    g->handled = rnd(2) ? v[0][6] + v[1][6] : -1;
    /* the text */
    gk_buf_printf(b, "一、总体情况%d年，本机关认真贯彻落实《条例》。（一）主动公开方面。全年主动公开政府信息%u条。", year, rnd(9000) + 100);
    if (g->norm_issued >= 0) gk_buf_printf(b, "动态更新发布本年度制发行政规范性文件%lld件。", (long long)g->norm_issued);
    gk_buf_puts(b, "（二）依申请公开方面。规范做好申请登记、审查、办理、答复、归档等工作。");
    if (g->handled >= 0) gk_buf_printf(b, "全年办理政府信息公开申请%lld件。", (long long)g->handled);
    gk_buf_puts(b, "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数");
    static const char *const t2_groups[] = {NULL, NULL, "第二十条第（五）项信息内容本年处理决定数量",
                                            "第二十条第（六）项信息内容本年处理决定数量", NULL,
                                            "第二十条第（八）项信息内容本年收费金额（单位：万元）"};
    for (int k = 0; k < t2->nrows; k++) {
        if (t2_groups[k]) gk_buf_puts(b, t2_groups[k]);
        gk_buf_puts(b, t2->rows[k].label);
        put_run(b, &g->runs[ROW_T2 + k], &g->v[t2->rows[k].first], &g->scale[t2->rows[k].first], t2->rows[k].nfields,
                rnd(10) == 0);
    }
    gk_buf_printf(b, "三、收到和处理政府信息公开申请情况%s申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他", gk_t3_note);
    const gk_table_def *t3 = &t->tables[GK_T3];
    const char *group = NULL;
    for (int k = 0; k < 25; k++) {
        const gk_row_def *rd = &t3->rows[k];
        if (rd->group && (!group || strcmp(group, rd->group)) && k != 23) gk_buf_puts(b, rd->group);
        group = rd->group;
        gk_buf_puts(b, rd->label);
        if (rnd(20) == 0) gk_buf_putc(b, ' ');
        put_run(b, &g->runs[ROW_T3 + k], &g->v[rd->first], NULL, 7, rnd(10) == 0);
    }
    gk_buf_puts(b, "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
                   "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计");
    put_run(b, &g->runs[ROW_T4], &g->v[185], NULL, 15, rnd(10) == 0);
    gk_buf_printf(b, "五、存在的主要问题及改进情况%d年，政策解读形式仍需创新。六、其他需要报告的事项%d年，无收取信息处理费情况。", year, year);
}

/* ---- an independent brute-force reader of the runs: every reading, then every consistent table ---- */

typedef struct {
    int n, nc;
    int64_t *v;               /* n × nc */
    uint8_t *sc;
} cands;

static bool canon(const char *s, int a, int b, bool decimal, int64_t *v, uint8_t *sc) {
    int64_t x = 0;
    int ints = 0, frac = 0;
    bool point = false;
    for (int i = a; i < b; i++) {
        if (s[i] == '.') {
            if (!decimal || point || ints == 0 || i == b - 1) return false;
            point = true;
            continue;
        }
        if (!point && ints == 1 && s[a] == '0') return false;
        if (point) frac++;
        else ints++;
        if (ints + frac > 18) return false;
        x = x * 10 + (s[i] - '0');
    }
    if (!ints) return false;
    *v = x;
    *sc = (uint8_t)frac;
    return true;
}

typedef struct {
    const vrun *r;
    int nc, nc_eff, limit;
    const bool *decimal;
    int ngroups, gfirst[3], gn[3];
    int8_t grp[16];
    bool total[16];
    int64_t budget;           /* total-first: the value of the last cell (a total), else -1 */
    int64_t cur[16];
    uint8_t cursc[16];
    cands *out;
    int cap;
} bctx;

static int64_t members(const bctx *c, int g) {
    int64_t s = 0;
    for (int k = c->gfirst[g]; k < c->gfirst[g] + c->gn[g] - 1; k++) s += c->cur[k];
    return s;
}

/* Every composition of the run into cells, canonical numbers, no cell across white space; a group's total must
 * be the sum of its members; with a total-first budget, the last group's members may not exceed it. */
static void benum(bctx *c, int k, int pos) {
    if (c->out->n >= c->cap) return;
    if (k == c->nc_eff) {
        if (pos != c->limit) return;
        if (c->budget >= 0 && members(c, c->grp[c->nc - 1]) != c->budget) return;
        memcpy(c->out->v + (size_t)c->out->n * (size_t)c->nc, c->cur, (size_t)c->nc * sizeof(int64_t));
        memcpy(c->out->sc + (size_t)c->out->n * (size_t)c->nc, c->cursc, (size_t)c->nc);
        c->out->n++;
        return;
    }
    int g = c->grp[k];
    if (c->budget >= 0 && g == c->grp[c->nc - 1] && !c->total[k]) {
        /* what is left of the total must fit the characters left: R characters as m numbers add up to less than
         * 10^(R-m+1) + 9m, and to at least 10^(ceil(R/m)-1) when that is a two-digit length or more */
        int m = c->nc_eff - k, R = c->limit - pos;
        int64_t left = c->budget - members(c, g), p = 1;
        if (R - m + 1 < 18) {
            for (int q = 0; q < R - m + 1; q++) p *= 10;
            if (left >= p + 9 * m) return;
        }
        int longest = (R + m - 1) / m;
        p = 1;
        for (int q = 1; q < longest && q < 18; q++) p *= 10;
        if (longest >= 2 && left < p) return;
    }
    for (int e = pos + 1; e <= c->limit - (c->nc_eff - k - 1); e++) {
        if (e - 1 > pos && c->r->brk[e - 1]) break;            /* a cell never spans white space */
        int64_t v;
        uint8_t sc;
        if (!canon(c->r->s, pos, e, c->decimal[k], &v, &sc)) {
            if (c->r->s[pos] == '0' && e > pos + 1) break;
            continue;
        }
        if (g >= 0 && c->total[k] && v != members(c, g)) continue;
        if (c->budget >= 0 && g == c->grp[c->nc - 1] && !c->total[k] && members(c, g) + v > c->budget) break;
        c->cur[k] = v;
        c->cursc[k] = sc;
        benum(c, k + 1, e);
        c->cur[k] = 0;
    }
}

static cands brute(const vrun *r, int nc, const bool *decimal, int ngroups, const int *gfirst, const int *gn) {
    cands out = {0, nc, malloc(sizeof(int64_t) * (size_t)nc * 4096), malloc((size_t)nc * 4096)};
    bctx c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.nc = nc;
    c.decimal = decimal;
    c.ngroups = ngroups;
    for (int k = 0; k < 16; k++) c.grp[k] = -1;
    for (int g = 0; g < ngroups; g++) {
        c.gfirst[g] = gfirst[g];
        c.gn[g] = gn[g];
        for (int k = gfirst[g]; k < gfirst[g] + gn[g]; k++) c.grp[k] = (int8_t)g;
        c.total[gfirst[g] + gn[g] - 1] = true;
    }
    c.out = &out;
    c.cap = 4096;
    if (ngroups && c.total[nc - 1]) {
        /* the last cell is a total: try each suffix of the run as its value */
        for (int t = 1; t <= r->n - (nc - 1) && t <= 18; t++) {
            int a = r->n - t;
            bool spans = false;
            for (int i = a + 1; i < r->n; i++) spans |= r->brk[i] != 0;
            int64_t v;
            uint8_t sc;
            if (spans || !canon(r->s, a, r->n, false, &v, &sc)) continue;
            c.budget = v;
            c.nc_eff = nc - 1;
            c.limit = a;
            c.cur[nc - 1] = v;
            c.cursc[nc - 1] = 0;
            benum(&c, 0, 0);
        }
    } else {
        c.budget = -1;
        c.nc_eff = nc;
        c.limit = r->n;
        benum(&c, 0, 0);
    }
    return out;
}

/* Is there a consistent t3 with row `fix` read as candidate `fc`? Rows: 0..24 in template order. -1: gave up. */
typedef struct {
    cands *rows;              /* 25 */
    int fix, fc;
    int64_t handled;
    long nodes;
    int pick[25];
} t3search;

static int outcome_rec(t3search *S, int i, int64_t *acc, const int64_t *t) {
    if (++S->nodes > 4000000) return -1;
    if (i > 22) {
        for (int k = 0; k < 7; k++) if (acc[k] != t[k]) return 0;
        return 1;
    }
    cands *c = &S->rows[i];
    for (int q = 0; q < c->n; q++) {
        if (i == S->fix && q != S->fc) continue;
        bool fits = true;
        for (int k = 0; k < 7; k++) { acc[k] += c->v[(size_t)q * 7 + (size_t)k]; fits &= acc[k] <= t[k]; }
        int res = fits ? outcome_rec(S, i + 1, acc, t) : 0;
        for (int k = 0; k < 7; k++) acc[k] -= c->v[(size_t)q * 7 + (size_t)k];
        if (res) return res;
    }
    return 0;
}

static int t3_exists(t3search *S) {
    cands *T = &S->rows[23], *R = &S->rows[0], *C = &S->rows[1], *N = &S->rows[24];
    for (int a = 0; a < T->n; a++) {
        if (S->fix == 23 && a != S->fc) continue;
        const int64_t *t = T->v + (size_t)a * 7;
        bool balance = false;
        for (int b = 0; b < R->n && !balance; b++) {
            if (S->fix == 0 && b != S->fc) continue;
            for (int c = 0; c < C->n && !balance; c++) {
                if (S->fix == 1 && c != S->fc) continue;
                int64_t rt = R->v[(size_t)b * 7 + 6], ct = C->v[(size_t)c * 7 + 6];
                if (S->handled >= 0 && rt != S->handled && rt + ct != S->handled) continue;
                for (int d = 0; d < N->n && !balance; d++) {
                    if (S->fix == 24 && d != S->fc) continue;
                    bool ok = true;
                    for (int k = 0; k < 7; k++)
                        ok &= R->v[(size_t)b * 7 + (size_t)k] + C->v[(size_t)c * 7 + (size_t)k] ==
                              t[k] + N->v[(size_t)d * 7 + (size_t)k];
                    balance = ok;
                }
            }
        }
        if (!balance) continue;
        int64_t acc[7] = {0};
        int res = outcome_rec(S, 2, acc, t);
        if (res) return res;
    }
    return 0;
}

typedef struct {
    long cells, filled, null_ok, reports, settled_reports, unverified;
    long t3_cells, t3_filled, t2_cells, t2_filled, t4_cells, t4_filled, t34_reports;
    double seconds;
} stats;

static int find_cand(const cands *c, const int64_t *want, const uint8_t *wsc) {
    for (int q = 0; q < c->n; q++) {
        bool eq = true;
        for (int k = 0; k < c->nc; k++)
            eq &= c->v[(size_t)q * (size_t)c->nc + (size_t)k] == want[k] && c->sc[(size_t)q * (size_t)c->nc + (size_t)k] == (wsc ? wsc[k] : 0);
        if (eq) return q;
    }
    return -1;
}

/* ambiguous[i]: cell i has another value in some consistent reading of the whole report */
static bool ambiguity(const gen *g, bool *ambiguous) {
    const gk_template *t = gk_template_2021();
    memset(ambiguous, 0, GK_NCELLS * sizeof *ambiguous);
    /* t2: no sums; the stated 制发 number filters the normative row */
    const gk_table_def *t2 = &t->tables[GK_T2];
    for (int k = 0; k < t2->nrows; k++) {
        bool dec[3] = {false, false, false};
        if (t2->rows[k].decimal) dec[0] = true;
        cands c = brute(&g->runs[ROW_T2 + k], t2->rows[k].nfields, dec, 0, NULL, NULL);
        int first = t2->rows[k].first;
        for (int q = 0; q < c.n; q++) {
            if (k == 1 && g->norm_issued >= 0 && (c.v[(size_t)q * 3] != g->norm_issued || c.sc[(size_t)q * 3])) continue;
            for (int f = 0; f < c.nc; f++)
                if (c.v[(size_t)q * (size_t)c.nc + (size_t)f] != g->v[first + f] || c.sc[(size_t)q * (size_t)c.nc + (size_t)f] != g->scale[first + f])
                    ambiguous[first + f] = true;
        }
        assert_true(find_cand(&c, &g->v[first], &g->scale[first]) >= 0);
        free(c.v);
        free(c.sc);
    }
    /* t4: one run, three group sums */
    {
        bool dec[15] = {false};
        int gf[3] = {0, 5, 10}, gn[3] = {5, 5, 5};
        cands c = brute(&g->runs[ROW_T4], 15, dec, 3, gf, gn);
        assert_true(find_cand(&c, &g->v[185], NULL) >= 0);
        for (int q = 0; q < c.n; q++)
            for (int f = 0; f < 15; f++)
                if (c.v[(size_t)q * 15 + (size_t)f] != g->v[185 + f]) ambiguous[185 + f] = true;
        free(c.v);
        free(c.sc);
    }
    /* t3: every reading of each row, then which of them some consistent table uses */
    cands rows[25];
    bool dec[7] = {false};
    int gf[1] = {0}, gn[1] = {7};
    bool gave_up = false;
    for (int k = 0; k < 25; k++) {
        rows[k] = brute(&g->runs[ROW_T3 + k], 7, dec, 1, gf, gn);
        assert_true(find_cand(&rows[k], &g->v[gk_t3(k, 0)], NULL) >= 0);
    }
    t3search S;
    memset(&S, 0, sizeof S);
    S.rows = rows;
    S.handled = g->handled;
    for (int k = 0; k < 25 && !gave_up; k++) {
        int truth = find_cand(&rows[k], &g->v[gk_t3(k, 0)], NULL);
        for (int q = 0; q < rows[k].n; q++) {
            if (q == truth) continue;
            bool differs = false;
            for (int c = 0; c < 7; c++) differs |= !ambiguous[gk_t3(k, c)] && rows[k].v[(size_t)q * 7 + (size_t)c] != g->v[gk_t3(k, c)];
            if (!differs) continue;   /* nothing new to learn from this reading */
            S.fix = k;
            S.fc = q;
            S.nodes = 0;
            int res = t3_exists(&S);
            if (res < 0) { gave_up = true; break; }
            if (res)
                for (int c = 0; c < 7; c++)
                    if (rows[k].v[(size_t)q * 7 + (size_t)c] != g->v[gk_t3(k, c)]) ambiguous[gk_t3(k, c)] = true;
        }
    }
    for (int k = 0; k < 25; k++) { free(rows[k].v); free(rows[k].sc); }
    return !gave_up;
}

static void test_random_flattened(void **state) {
    (void)state;
    gk_buf b;
    gk_buf_init(&b);
    gen *g = malloc(sizeof *g);
    assert_non_null(g);
    stats st;
    memset(&st, 0, sizeof st);
    bool ambiguous[GK_NCELLS];
    for (int i = 0; i < 1000; i++) {
        random_flat(&b, g, 2021 + (int)rnd(5));
        char name[64];
        snprintf(name, sizeof name, "flat-%d.txt", i);
        gk_arena *a = gk_arena_new();
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        gk_report *r = parse_text(a, name, b.data, b.len);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        st.seconds += (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        assert_string_equal(r->format, "2021");
        for (int t = 0; t < GK_NTABLES; t++) assert_true(r->table_found[t]);
        for (int s = 0; s < 6; s++) assert_true(r->sections[s].present);
        bool verified = ambiguity(g, ambiguous);
        if (!verified) st.unverified++;
        int filled = 0;
        for (int c = 0; c < GK_NCELLS; c++) {
            const gk_cell *cell = &r->cells[c];
            char p[64];
            gk_template_cell_path(r->tmpl, c, p);
            if (cell->state == GK_CELL_NUMBER) {
                if (cell->num.value != g->v[c] || cell->num.scale != g->scale[c])
                    fail_msg("%s: %s filled with %lld (scale %d), truth %lld\n%s", name, p, (long long)cell->num.value,
                             cell->num.scale, (long long)g->v[c], b.data);
                if (verified && ambiguous[c]) fail_msg("%s: %s filled although another consistent reading exists\n%s", name, p, b.data);
                filled++;
                if (c >= 10 && c < 185) st.t3_filled++;
                else if (c < 10) st.t2_filled++;
                else st.t4_filled++;
            } else {
                assert_int_equal(cell->state, GK_CELL_UNREADABLE);
                assert_true(cell->unsettled);
                if (verified && !ambiguous[c]) fail_msg("%s: %s left null although only one reading is consistent\n%s", name, p, b.data);
                st.null_ok++;
            }
        }
        st.cells += GK_NCELLS;
        st.filled += filled;
        st.t3_cells += 175;
        st.t2_cells += 10;
        st.t4_cells += 15;
        bool t34 = true;
        for (int c = 10; c < GK_NCELLS; c++) t34 &= r->cells[c].state == GK_CELL_NUMBER;
        st.t34_reports += t34;
        st.reports++;
        st.settled_reports += filled == GK_NCELLS;
        /* a null cell is always explained */
        if (filled < GK_NCELLS) assert_true(count_rule(r, "TABLE.SHAPE") > 0);
        gk_arena_free(a);
    }
    print_message("  1000 flattened random reports read and split back in %.3f s (%.3f ms each)\n", st.seconds, st.seconds * 1000.0 / 1000.0);
    print_message("  cells settled uniquely: %ld of %ld (%.2f%%): t2 %.2f%%, t3 %.2f%%, t4 %.2f%%\n", st.filled, st.cells,
                  100.0 * (double)st.filled / (double)st.cells, 100.0 * (double)st.t2_filled / (double)st.t2_cells,
                  100.0 * (double)st.t3_filled / (double)st.t3_cells, 100.0 * (double)st.t4_filled / (double)st.t4_cells);
    print_message("  reports settled completely: %ld (%.1f%%); with t3 and t4 settled completely: %ld (%.1f%%)\n",
                  st.settled_reports, 100.0 * (double)st.settled_reports / (double)st.reports, st.t34_reports,
                  100.0 * (double)st.t34_reports / (double)st.reports);
    print_message("  every filled cell right and unambiguous, every null cell ambiguous (brute force; %ld reports too large to verify)\n",
                  st.unverified);
    assert_true(st.unverified <= 10);
    free(g);
    gk_buf_free(&b);
}

/* ---------------------------------------------------------------- last year's report */

/* One t3 where 二、上年结转 cannot be settled from this year's text alone: "11 2" vs "1 12" in the 自然人/商业企业
 * columns, with received and carry_next compensating; last year's 结转下年度 settles it. */
static const char *const year_text =
    "标题: 某区人民政府%d年度政府信息公开工作年度报告\n发布机构: 某区人民政府办公室\n栏目: 政府信息公开年报\n"
    "==================== 正文 ====================\n"
    "一、总体情况%d年，本区持续深化政务公开，以公开促落实、助监督、强监管，不断提高政府信息公开的深度和广度，"
    "积极回应社会关切。（一）主动公开方面。全年主动公开政府信息1000条。（二）依申请公开方面。规范做好申请登记、审查、"
    "办理、答复、归档等工作，强化服务理念，提高答复质量，满足企业、群众个性化政府信息需求。（三）政府信息管理方面。"
    "规范政府信息发布流程，坚持先审查、后公开原则。（四）平台建设方面。发挥门户网站第一平台作用。（五）监督保障方面。"
    "加强组织领导和协调保障。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
    "规章000行政规范性文件000第二十条第（五）项信息内容本年处理决定数量行政许可0第二十条第（六）项信息内容本年处理决定数量"
    "行政处罚0行政强制0第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0三、收到和处理政府信息公开申请情况"
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构"
    "社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量%s二、上年结转政府信息公开申请数量%s三、本年度办理结果（一）予以公开%s"
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开0000000"
    "3.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部事务信息00000006.属于四类过程性信息00000007.属于行政执法案卷0000000"
    "8.属于行政查询事项0000000（四）无法提供1.本机关不掌握相关政府信息00000002.没有现成信息需要另行制作00000003.补正后申请内容仍不明确0000000"
    "（五）不予处理1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物00000004.无正当理由大量反复申请0000000"
    "5.要求行政机关确认或重新出具已获取信息0000000（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请0000000"
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请00000003.其他0000000（七）总计%s四、结转下年度继续办理%s"
    "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正"
    "其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计000000000000000五、存在的主要问题及改进情况政策解读形式仍需创新。"
    "六、其他需要报告的事项无。";

static gk_report *year_report(gk_arena *a, int year, const char *received, const char *carried, const char *granted,
                              const char *total, const char *carry_next) {
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_printf(&b, year_text, year, year, received, carried, granted, total, carry_next);
    char name[32];
    snprintf(name, sizeof name, "year-%d.txt", year);
    gk_report *r = parse_text(a, name, b.data, b.len);
    gk_buf_free(&b);
    return r;
}

static void test_previous_year(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    /* last year: 结转下年度 = 11 / 2 / 0 / 0 / 0 / 0 / 13 */
    gk_report *prev = year_report(a, 2023, "122000014", "0000000", "1000001", "1000001", "112000013");
    assert_int_equal(gk_report_cell(prev, "t3.carry_next.natural")->num.value, 11);   /* settled by the 勾稽关系 */
    assert_int_equal(gk_report_cell(prev, "t3.carry_next.commercial")->num.value, 2);
    /* this year: 上年结转 "112000013" is 11/2 or 1/12; received and 结转下年度 compensate either way */
    gk_report *cur = year_report(a, 2024, "1000001", "112000013", "112000013", "112000013", "1000001");
    assert_int_equal(gk_report_cell(cur, "t3.carried_over.natural")->state, GK_CELL_UNREADABLE);
    assert_non_null(find_diag(cur, "TABLE.SHAPE", "t3.carried_over", "11/2/0/0/0/0/13"));
    assert_true(gk_flat_use_previous(cur, prev));
    assert_int_equal(gk_report_cell(cur, "t3.carried_over.natural")->num.value, 11);
    assert_int_equal(gk_report_cell(cur, "t3.carried_over.commercial")->num.value, 2);
    assert_int_equal(gk_report_cell(cur, "t3.granted.natural")->num.value, 11);   /* the column sums follow */
    assert_null(find_diag(cur, "TABLE.SHAPE", "t3.carried_over", NULL));
    gk_check_report(cur);
    assert_int_equal(count_rule(cur, "T3.COL_TOTAL") + count_rule(cur, "T3.BALANCE") + count_rule(cur, "T3.ROW_TOTAL"), 0);
    /* a report of another year is not used; nor is one whose carry is not settled */
    gk_report *cur2 = year_report(a, 2025, "1000001", "112000013", "112000013", "112000013", "1000001");
    assert_false(gk_flat_use_previous(cur2, prev));
    gk_report *cur3 = year_report(a, 2024, "1000001", "112000013", "112000013", "112000013", "1000001");
    gk_report *prev3 = year_report(a, 2023, "112000013", "0000000", "0000000", "0000000", "112000013");
    assert_int_equal(gk_report_cell(prev3, "t3.carry_next.natural")->state, GK_CELL_UNREADABLE);
    assert_false(gk_flat_use_previous(cur3, prev3));
    gk_arena_free(a);
}

/* The narrative settles what the table cannot: 制发 and 现行有效 counts of 规范性文件. */
static void test_narrative_numbers(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_printf(&b, year_text, 2024, 2024, "1000001", "0000000", "1000001", "1000001", "0000000");
    /* 行政规范性文件000 → 8855698 and a sentence stating 88 and 698 */
    char *s = strdup(b.data);
    char *p = strstr(s, "行政规范性文件000");
    assert_non_null(p);
    gk_buf out;
    gk_buf_init(&out);
    gk_buf_append(&out, s, (size_t)(p - s));
    gk_buf_puts(&out, "行政规范性文件8855698");
    gk_buf_puts(&out, p + strlen("行政规范性文件000"));
    free(s);
    s = strdup(out.data);
    p = strstr(s, "全年主动公开政府信息1000条。");
    gk_buf_reset(&out);
    gk_buf_append(&out, s, (size_t)(p - s));
    gk_buf_puts(&out, "集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。");
    gk_buf_puts(&out, p);
    free(s);
    gk_report *r = parse_text(a, "narrative.txt", out.data, out.len);
    assert_int_equal(gk_report_cell(r, "t2.normative.issued")->num.value, 88);
    assert_int_equal(gk_report_cell(r, "t2.normative.abolished")->num.value, 55);
    assert_int_equal(gk_report_cell(r, "t2.normative.valid")->num.value, 698);
    assert_null(find_diag(r, "TABLE.SHAPE", "t2.normative", NULL));
    gk_buf_free(&out);
    gk_buf_free(&b);
    gk_arena_free(a);
}

/* ---------------------------------------------------------------- ordinary text */

static void test_ordinary_text_untouched(void **state) {
    (void)state;
    const char *text =
        "某县2024年政府信息公开工作年度报告\n一、总体情况\n2024年，本县持续深化政务公开。全年办理政府信息公开申请218件。\n"
        "二、主动公开政府信息情况\n规章\t0\t0\t0\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
        "五、存在的主要问题及改进情况\n六、其他需要报告的事项\n无。\n";
    gk_arena *a = gk_arena_new();
    gk_doc *d1 = NULL, *d2 = NULL;
    size_t bad;
    assert_int_equal(gk_read_txt(a, "x.txt", text, strlen(text), &d1, &bad), GK_OK);
    assert_int_equal(gk_read_txt(a, "x.txt", text, strlen(text), &d2, &bad), GK_OK);
    gk_doc_unflatten(d2);
    assert_int_equal(d1->nblocks, d2->nblocks);
    for (uint32_t i = 0; i < d1->nblocks; i++) {
        assert_int_equal(d1->blocks[i].kind, d2->blocks[i].kind);
        assert_int_equal(d1->blocks[i].len, d2->blocks[i].len);
        assert_int_equal(d1->blocks[i].line, d2->blocks[i].line);
        if (d1->blocks[i].kind == GK_BLOCK_PARA) assert_memory_equal(d1->blocks[i].text, d2->blocks[i].text, d1->blocks[i].len);
    }
    /* a long line with one heading is prose, not a flattened article */
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_puts(&b, "一、总体情况");
    for (int i = 0; i < 100; i++) gk_buf_puts(&b, "本机关认真贯彻落实条例，持续深化政务公开。");
    gk_doc *d3 = NULL;
    assert_int_equal(gk_read_txt(a, "y.txt", b.data, b.len, &d3, &bad), GK_OK);
    gk_doc_unflatten(d3);
    assert_int_equal(d3->nblocks, 1);
    gk_buf_free(&b);
    gk_arena_free(a);
}

/* The crawler header: the title without its key; agency and year from it. */
static void test_crawler_header(void **state) {
    (void)state;
    const char *text =
        "标题: 2024年度政府信息公开工作年度报告\n发布时间: 2025-03-10 15:35\n文号: \n发布机构: 白石县教育局\n栏目: 政府信息公开年报\n"
        "原文链接: https://example.gov.cn/a.htm\n本地目录: zwgk/a\n页面链接与图片详见 links.tsv(同目录)\n"
        "==================== 正文 ====================\n"
        "一、总体情况本局持续深化政务公开，全年主动公开政府信息100条，回应社会关切，提升公开质效，认真落实各项工作要求。"
        "二、主动公开政府信息情况本局坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。三、收到和处理政府信息公开申请情况"
        "全年未收到政府信息公开申请。四、政府信息公开行政复议、行政诉讼情况无。五、存在的主要问题及改进情况政策解读形式仍需创新，"
        "将进一步丰富解读形式，开展通俗化、多方位解读。六、其他需要报告的事项无。本局将继续认真贯彻落实条例，不断提升政府信息公开工作水平，"
        "更好地服务企业和群众，为经济社会高质量发展提供有力支撑，切实保障人民群众的知情权、参与权、表达权和监督权。";
    gk_arena *a = gk_arena_new();
    gk_report *r = parse_text(a, "header.txt", text, strlen(text));
    assert_int_equal(r->year, 2024);
    assert_non_null(r->agency);
    assert_string_equal(r->agency, "白石县教育局");
    for (int s = 0; s < 6; s++) assert_true(r->sections[s].present);
    for (int t = 0; t < GK_NTABLES; t++) assert_false(r->table_found[t]);
    gk_arena_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_row_splits),
        cmocka_unit_test(test_truth_2021),
        cmocka_unit_test(test_truth_2022),
        cmocka_unit_test(test_truth_2024),
        cmocka_unit_test(test_every_pingtan),
        cmocka_unit_test(test_pingtan_2020_source_error),
        cmocka_unit_test(test_pingtan_2023_narrative),
        cmocka_unit_test(test_random_flattened),
        cmocka_unit_test(test_previous_year),
        cmocka_unit_test(test_narrative_numbers),
        cmocka_unit_test(test_ordinary_text_untouched),
        cmocka_unit_test(test_crawler_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
