/* test_render.c: the round trip. For every seed, example and corpus Markdown/text report, and for 1,000 random
 * consistent reports (with blanks and extreme values), parse(render(r, fmt)) equals r for txt, md and json:
 * every cell's number or null, agency, year, and every section's text. Renderers never write a number the
 * model does not hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gongkai/check.h"
#include "gongkai/render.h"
#include "gongkai/report.h"

typedef enum { F_TXT, F_MD, F_JSON, F_N } fmt;
static const char *const fmt_name[] = {"txt", "md", "json"};

static void render(const gk_report *r, fmt f, gk_buf *b) {
    gk_buf_reset(b);
    if (f == F_TXT) gk_render_txt(r, b);
    else if (f == F_MD) gk_render_md(r, b);
    else gk_render_json(r, b, "zh", true);
}

static gk_report *parse(gk_arena *a, const char *name, const char *s, size_t n) {
    gk_report *r = NULL;
    const char *detail = NULL;
    gk_status st = gk_report_from_bytes(a, name, s, n, &r, &detail);
    if (st != GK_OK) fail_msg("%s: %s (%s)", name, gk_status_message(st, "en"), detail ? detail : "");
    gk_check_report(r);
    return r;
}

/* Same values (number ⇔ number with the same value; otherwise both not numbers), metadata and texts. */
static void same(const gk_report *a, const gk_report *b, const char *what) {
    assert_string_equal(a->tmpl->format, b->tmpl->format);
    for (int i = 0; i < a->tmpl->ncells; i++) {
        const gk_cell *x = &a->cells[i], *y = &b->cells[i];
        bool xn = x->state == GK_CELL_NUMBER, yn = y->state == GK_CELL_NUMBER;
        if (xn != yn || (xn && (x->num.value != y->num.value || x->num.scale != y->num.scale))) {
            char p[64];
            fail_msg("%s: cell %s differs", what, gk_template_cell_path(a->tmpl, i, p));
        }
    }
    if (a->agency || b->agency) {
        assert_non_null(a->agency);
        assert_non_null(b->agency);
        assert_string_equal(a->agency, b->agency);
    }
    assert_int_equal(a->year, b->year);
    for (int s = 0; s < 6; s++) {
        assert_int_equal(a->sections[s].present, b->sections[s].present);
        if (a->sections[s].present) assert_string_equal(a->sections[s].text, b->sections[s].text);
    }
}

static void round_trip(const char *name, const char *bytes, size_t n) {
    gk_arena *a = gk_arena_new();
    gk_report *r = parse(a, name, bytes, n);
    gk_buf b;
    gk_buf_init(&b);
    for (int f = 0; f < F_N; f++) {
        render(r, (fmt)f, &b);
        char what[256];
        snprintf(what, sizeof what, "%s via %s", name, fmt_name[f]);
        gk_report *back = parse(a, what, b.data, b.len);
        same(r, back, what);
    }
    gk_buf_free(&b);
    gk_arena_free(a);
}

static void dir_round_trip(const char *dir, const char *const *suffixes, const char *skip_prefix) {
    DIR *d = opendir(dir);
    if (!d) { print_message("%s not found: skipping\n", dir); return; }
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        bool ok = false;
        for (int k = 0; suffixes[k]; k++) {
            size_t l = strlen(e->d_name), m = strlen(suffixes[k]);
            ok |= l > m && !strcmp(e->d_name + l - m, suffixes[k]);
        }
        if (!ok || (skip_prefix && !strncmp(e->d_name, skip_prefix, strlen(skip_prefix)))) continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *b;
        size_t len;
        assert_int_equal(gk_read_file(path, 1 << 26, &b, &len), GK_OK);
        round_trip(e->d_name, b, len);
        free(b);
        n++;
    }
    closedir(d);
    print_message("  %s: %d reports round-tripped through txt, md and json\n", dir, n);
}

static void test_seeds_and_examples(void **state) {
    (void)state;
    static const char *const txt[] = {".txt", NULL};
    const char *ex = getenv("GK_EXAMPLES");
    dir_round_trip(ex ? ex : "examples", txt, NULL);
    const char *sh = getenv("GK_SHARED");
    if (!sh) { print_message("shared/ not found: skipping seeds\n"); return; }
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/seeds", sh);
    dir_round_trip(dir, txt, NULL);
    static const char *const md[] = {".md", "shuyang_2025_1.txt", NULL};
    snprintf(dir, sizeof dir, "%s/corpus/raw", sh);
    dir_round_trip(dir, md, "pingtan");
}

/* ---- random consistent reports, written as gongkai JSON ---- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(uint32_t n) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return n ? (uint32_t)(rng % n) : 0;
}

/* A value: mostly small, sometimes huge, sometimes blank (-1). */
static int64_t val(bool blanks) {
    uint32_t k = rnd(100);
    if (blanks && k < 8) return -1;
    if (k < 40) return 0;
    if (k < 90) return rnd(30);
    if (k < 98) return rnd(100000);
    return 1000000000ll + rnd(1000000);
}

static void put(gk_buf *b, int64_t v) {
    if (v < 0) gk_buf_puts(b, "null");
    else gk_buf_printf(b, "%lld", (long long)v);
}

static void random_report(gk_buf *b, bool blanks, int year) {
    const gk_template *t = gk_template_2021();
    static const char *const agencies[] = {"青禾区柳塘街道办事处", "白石县教育局", "东山市自然资源和规划局", "南湖区人民政府"};
    const char *agency = agencies[rnd(4)];
    gk_buf_reset(b);
    gk_buf_printf(b, "{\"schema\":\"gongkai.report/1\",\"agency\":\"%s\",\"year\":%d,\"format\":\"2021\","
                     "\"title\":\"%s%d年政府信息公开工作年度报告\",\"sections\":[", agency, year, agency, year);
    for (int s = 1; s <= 6; s++)
        gk_buf_printf(b, "%s{\"no\":%d,\"title\":\"%s\",\"text\":\"第%d部分的正文，%d年。\\n（一）第二段 %u 件\"}", s > 1 ? "," : "", s,
                      gk_section_title(s, "zh"), s, year, rnd(1000));
    gk_buf_puts(b, "],\"t2\":{");
    const gk_table_def *t2 = &t->tables[GK_T2];
    for (int k = 0; k < t2->nrows; k++) {
        gk_buf_printf(b, "%s\"%s\":{", k ? "," : "", t2->rows[k].key);
        for (int f = 0; f < t2->rows[k].nfields; f++) {
            gk_buf_printf(b, "%s\"%s\":", f ? "," : "", t2->rows[k].fields[f].key);
            if (t2->rows[k].decimal && rnd(2)) gk_buf_printf(b, "%u.%02u", rnd(100000), 1 + rnd(99));
            else put(b, val(blanks));
        }
        gk_buf_putc(b, '}');
    }
    /* t3: consistent sums (row totals, （七）总计, 一+二 = 三+四), blanks anywhere when asked */
    int64_t v[25][7];
    for (int r = 0; r < 25; r++) {
        int64_t sum = 0;
        for (int c = 0; c < 6; c++) { v[r][c] = val(false); if (v[r][c] > 100000) v[r][c] = rnd(50); sum += v[r][c]; }
        v[r][6] = sum;
    }
    for (int c = 0; c < 7; c++) {
        int64_t out = 0;
        for (int r = 2; r <= 22; r++) out += v[r][c];
        v[23][c] = out;
    }
    /* choose carry_next and carried_over to satisfy the balance: received = total + carry_next - carried */
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
    gk_buf_puts(b, "},\"t3\":{");
    const gk_table_def *t3 = &t->tables[GK_T3];
    for (int r = 0; r < 25; r++) {
        gk_buf_printf(b, "%s\"%s\":{", r ? "," : "", t3->rows[r].key);
        for (int c = 0; c < 7; c++) {
            gk_buf_printf(b, "%s\"%s\":", c ? "," : "", t3->rows[0].fields[c].key);
            put(b, blanks && rnd(100) < 5 ? -1 : v[r][c]);
        }
        gk_buf_putc(b, '}');
    }
    gk_buf_puts(b, "},\"t4\":{");
    const gk_table_def *t4 = &t->tables[GK_T4];
    for (int g = 0; g < 3; g++) {
        gk_buf_printf(b, "%s\"%s\":{", g ? "," : "", t4->rows[g].key);
        int64_t sum = 0;
        for (int f = 0; f < 4; f++) {
            int64_t x = rnd(10);
            sum += x;
            gk_buf_printf(b, "\"%s\":", t4->rows[g].fields[f].key);
            put(b, blanks && rnd(100) < 5 ? -1 : x);
            gk_buf_putc(b, ',');
        }
        gk_buf_puts(b, "\"total\":");
        put(b, sum);
        gk_buf_putc(b, '}');
    }
    gk_buf_puts(b, "}}");
}

static void test_random_reports(void **state) {
    (void)state;
    gk_buf b;
    gk_buf_init(&b);
    int consistent_clean = 0;
    for (int i = 0; i < 1000; i++) {
        bool blanks = i % 4 == 3;
        random_report(&b, blanks, 2021 + (int)rnd(5));
        char name[64];
        snprintf(name, sizeof name, "random-%d.json", i);
        if (!blanks) {
            /* a consistent report has no arithmetic finding */
            gk_arena *a = gk_arena_new();
            gk_report *r = parse(a, name, b.data, b.len);
            for (uint32_t k = 0; k < r->ndiags; k++)
                if (!strncmp(r->diags[k].rule, "T3.", 3) || !strncmp(r->diags[k].rule, "T4.", 3))
                    fail_msg("%s: false %s: %s", name, r->diags[k].rule, r->diags[k].msg_en);
            consistent_clean++;
            gk_arena_free(a);
        }
        round_trip(name, b.data, b.len);
    }
    print_message("  1000 random reports round-tripped (%d consistent ones without a false finding)\n", consistent_clean);
    gk_buf_free(&b);
}

/* Output holds nothing the model does not: a report whose cells are all blank renders tables whose cells read
 * back empty: no number, no placeholder (—, 0, 无). */
static void test_no_invented_numbers(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    const char *json = "{\"schema\":\"gongkai.report/1\",\"agency\":\"某机关\",\"year\":2024,\"format\":\"2021\","
                       "\"title\":\"某机关2024年政府信息公开工作年度报告\",\"sections\":[],\"t2\":{},\"t3\":{},\"t4\":{}}";
    gk_report *r = parse(a, "blank.json", json, strlen(json));
    gk_buf b;
    gk_buf_init(&b);
    for (int f = 0; f < F_JSON; f++) {
        render(r, (fmt)f, &b);
        gk_report *back = parse(a, fmt_name[f], b.data, b.len);
        for (int i = 0; i < back->tmpl->ncells; i++) {
            const gk_cell *c = &back->cells[i];
            assert_int_not_equal(c->state, GK_CELL_NUMBER);
            if (c->raw) assert_true(gk_is_blank(c->raw, strlen(c->raw)));
        }
        assert_null(strstr(b.data, "—"));
        assert_null(strstr(b.data, "null"));
    }
    gk_buf_free(&b);
    gk_arena_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seeds_and_examples),
        cmocka_unit_test(test_random_reports),
        cmocka_unit_test(test_no_invented_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
