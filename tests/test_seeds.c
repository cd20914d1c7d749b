/* test_seeds.c: the five seed reports in shared/seeds/ against the hand-read expectations in
 * tests/golden/seed_00N.json (see tests/gen_golden.py for how they were read).
 *
 * For every seed: agency, year, title, the sections present, all 200 cells (null in the golden file
 * ⇔ state != GK_CELL_NUMBER, otherwise the exact value), the findings as an exact multiset of
 * (rule, line), their severities as SCHEMA.md fixes them, and the error count that decides the exit
 * status. Plus provenance: each number cell's source span holds its digits, and a few cells whose
 * line is known by hand.
 *
 * Environment: GK_SHARED = the shared folder (holding seeds/); when it is unset or absent every test
 * here is skipped. GK_GOLDEN = the golden folder (default: the compile-time GK_GOLDEN_DIR, else the
 * folder "golden" next to this source file). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gongkai/check.h"
#include "gongkai/report.h"
#include "gongkai/template.h"
#include "gongkai/text.h"

#define NSEEDS 5
#define MAX_INPUT (64u << 20)

/* ---------------------------------------------------------------- locating files */

static const char *shared_dir(void) {
    const char *s = getenv("GK_SHARED");
    struct stat st;
    if (!s || !*s || stat(s, &st) != 0 || !S_ISDIR(st.st_mode)) return NULL;
    return s;
}

static void golden_path(int seed, char *out, size_t n) {
    const char *dir = getenv("GK_GOLDEN");
#ifdef GK_GOLDEN_DIR
    if (!dir || !*dir) dir = GK_GOLDEN_DIR;
#endif
    if (dir && *dir) {
        snprintf(out, n, "%s/seed_%03d.json", dir, seed);
        return;
    }
    const char *file = __FILE__;
    const char *slash = strrchr(file, '/');
    if (slash)
        snprintf(out, n, "%.*s/golden/seed_%03d.json", (int)(slash - file), file, seed);
    else
        snprintf(out, n, "golden/seed_%03d.json", seed);
}

/* shared/seeds/NNN_*.txt */
static bool seed_path(const char *shared, int seed, char *out, size_t n) {
    char dir[4096], prefix[8];
    int k0 = snprintf(dir, sizeof dir, "%s/seeds", shared);
    if (k0 < 0 || (size_t)k0 >= sizeof dir) return false;
    snprintf(prefix, sizeof prefix, "%03d_", seed);
    DIR *d = opendir(dir);
    if (!d) return false;
    bool found = false;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, 4) == 0 && len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0) {
            int k = snprintf(out, n, "%s/%s", dir, e->d_name);
            found = k > 0 && (size_t)k < n;
            break;
        }
    }
    closedir(d);
    return found;
}

/* ---------------------------------------------------------------- one loaded seed */

typedef struct seed {
    int no;
    char path[4096];
    char *bytes;
    size_t len;
    gk_arena *arena;
    gk_report *r;
    json_t *golden;
} seed;

static void skip_if_no_shared(void) {
    if (!shared_dir()) {
        print_message("shared/ not found: skipping seed tests\n");
        skip();
    }
}

/* Loads seed no: reads, recognises, checks, and loads its golden file. Fails the test on any error. */
static void seed_load(seed *s, int no) {
    memset(s, 0, sizeof *s);
    s->no = no;
    const char *shared = shared_dir();
    assert_non_null(shared);
    if (!seed_path(shared, no, s->path, sizeof s->path)) {
        print_error("seed %03d_*.txt not found in %s/seeds\n", no, shared);
        fail();
    }
    gk_status st = gk_read_file(s->path, MAX_INPUT, &s->bytes, &s->len);
    assert_int_equal(st, GK_OK);
    s->arena = gk_arena_new();
    const char *detail = NULL;
    st = gk_report_from_bytes(s->arena, s->path, s->bytes, s->len, &s->r, &detail);
    if (st != GK_OK) print_error("%s: %s (%s)\n", s->path, gk_status_message(st, "en"), detail ? detail : "");
    assert_int_equal(st, GK_OK);
    assert_non_null(s->r);
    gk_check_report(s->r);

    char gp[4200];
    golden_path(no, gp, sizeof gp);
    json_error_t err;
    s->golden = json_load_file(gp, 0, &err);
    if (!s->golden) print_error("%s:%d: %s\n", gp, err.line, err.text);
    assert_non_null(s->golden);
    assert_true(json_is_object(s->golden));
}

static void seed_free(seed *s) {
    if (s->golden) json_decref(s->golden);
    if (s->arena) gk_arena_free(s->arena);
    free(s->bytes);
    memset(s, 0, sizeof *s);
}

/* cmocka setup/teardown: the prestate is a pointer to the seed number. */
static int setup_seed(void **state) {
    int no = *(const int *)*state;
    seed *s = calloc(1, sizeof *s);
    if (!s) return -1;
    s->no = no;
    *state = s;
    return 0;
}

static int teardown_seed(void **state) {
    seed *s = *state;
    if (s) {
        seed_free(s);
        free(s);
    }
    return 0;
}

/* Called at the top of every per-seed test. */
static seed *begin(void **state) {
    skip_if_no_shared();
    seed *s = *state;
    int no = s->no;
    seed_load(s, no);
    return s;
}

/* ---------------------------------------------------------------- the rule catalogue of SCHEMA.md */

static const struct {
    const char *rule;
    gk_severity sev;
} SCHEMA_RULES[] = {
    {"T3.ROW_TOTAL", GK_SEV_ERROR},      {"T3.COL_TOTAL", GK_SEV_ERROR},
    {"T3.BALANCE", GK_SEV_ERROR},        {"T4.TOTAL", GK_SEV_ERROR},
    {"CELL.BLANK", GK_SEV_WARNING},      {"CELL.NOT_NUMBER", GK_SEV_ERROR},
    {"TABLE.MISSING", GK_SEV_ERROR},     {"TABLE.SHAPE", GK_SEV_ERROR},
    {"SECTION.MISSING", GK_SEV_ERROR},   {"SECTION.ORDER", GK_SEV_WARNING},
    {"SECTION.NUMBERING", GK_SEV_WARNING}, {"FORMAT.OUTDATED", GK_SEV_ERROR},
    {"TEXT.TABLE_MISMATCH", GK_SEV_WARNING}, {"META.YEAR", GK_SEV_WARNING},
    {"YEAR.CARRY", GK_SEV_ERROR},
};

static int schema_severity(const char *rule) {
    for (size_t i = 0; i < sizeof SCHEMA_RULES / sizeof SCHEMA_RULES[0]; i++)
        if (strcmp(SCHEMA_RULES[i].rule, rule) == 0) return (int)SCHEMA_RULES[i].sev;
    return -1;
}

/* ---------------------------------------------------------------- per-seed tests */

static void test_metadata(void **state) {
    seed *s = begin(state);
    json_t *g = s->golden;
    const char *agency = json_string_value(json_object_get(g, "agency"));
    const char *title = json_string_value(json_object_get(g, "title"));
    assert_non_null(agency);
    assert_non_null(title);
    assert_non_null(s->r->agency);
    assert_non_null(s->r->title);
    assert_string_equal(s->r->agency, agency);
    assert_string_equal(s->r->title, title);
    assert_int_equal(s->r->year, json_integer_value(json_object_get(g, "year")));
    assert_non_null(s->r->format);
    assert_string_equal(s->r->format, "2021");
}

static void test_sections(void **state) {
    seed *s = begin(state);
    json_t *list = json_object_get(s->golden, "sections");
    assert_true(json_is_array(list));
    bool want[6] = {false};
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        json_int_t no = json_integer_value(v);
        assert_in_range(no, 1, 6);
        want[no - 1] = true;
    }
    int bad = 0;
    for (int k = 0; k < 6; k++) {
        if (s->r->sections[k].present != want[k]) {
            print_error("seed %03d: section %d present=%d, expected %d\n", s->no, k + 1,
                        (int)s->r->sections[k].present, (int)want[k]);
            bad++;
        } else if (want[k]) {
            /* a present section knows its heading line */
            if (s->r->sections[k].line == 0) {
                print_error("seed %03d: section %d has no line\n", s->no, k + 1);
                bad++;
            }
        }
    }
    assert_int_equal(bad, 0);
}

/* The golden value of the cell at a key path ("t3.granted.natural"); NULL when missing. */
static json_t *golden_cell(json_t *g, const char *path) {
    char buf[64];
    snprintf(buf, sizeof buf, "%s", path);
    char *table = buf, *row = strchr(table, '.');
    if (!row) return NULL;
    *row++ = 0;
    char *field = strchr(row, '.');
    if (!field) return NULL;
    *field++ = 0;
    return json_object_get(json_object_get(json_object_get(g, table), row), field);
}

static void test_cells(void **state) {
    seed *s = begin(state);
    const gk_template *t = gk_template_2021();
    assert_int_equal(t->ncells, GK_NCELLS);

    /* the golden file names exactly the 200 template cells */
    size_t golden_cells = 0;
    const char *tables[] = {"t2", "t3", "t4"};
    for (int k = 0; k < 3; k++) {
        const char *rk;
        json_t *row;
        json_object_foreach(json_object_get(s->golden, tables[k]), rk, row) golden_cells += json_object_size(row);
    }
    assert_int_equal(golden_cells, GK_NCELLS);

    int bad = 0, numbers = 0;
    for (int i = 0; i < GK_NCELLS; i++) {
        char path[64];
        gk_template_cell_path(t, i, path);
        json_t *want = golden_cell(s->golden, path);
        if (!want) {
            print_error("seed %03d: golden file lacks %s\n", s->no, path);
            bad++;
            continue;
        }
        assert_ptr_equal(gk_report_cell(s->r, path), &s->r->cells[i]);
        const gk_cell *c = &s->r->cells[i];
        char got[32];
        if (c->state == GK_CELL_NUMBER)
            gk_decimal_str(c->num, got);
        else
            snprintf(got, sizeof got, "null(state %d)", (int)c->state);
        if (json_is_null(want)) {
            if (c->state == GK_CELL_NUMBER) {
                print_error("seed %03d: %s = %s, expected null\n", s->no, path, got);
                bad++;
            }
        } else if (json_is_integer(want)) {
            numbers++;
            char exp[32];
            snprintf(exp, sizeof exp, "%lld", (long long)json_integer_value(want));
            if (c->state != GK_CELL_NUMBER || strcmp(got, exp) != 0) {
                print_error("seed %03d: %s = %s, expected %s\n", s->no, path, got, exp);
                bad++;
            }
        } else {
            print_error("seed %03d: golden %s is neither an integer nor null\n", s->no, path);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
    assert_true(numbers > 0);
}

/* A number cell's provenance: a line, and a raw span in the source that holds its digits. */
static void test_cell_spans(void **state) {
    seed *s = begin(state);
    const gk_template *t = gk_template_2021();
    int bad = 0;
    for (int i = 0; i < GK_NCELLS; i++) {
        const gk_cell *c = &s->r->cells[i];
        if (c->state != GK_CELL_NUMBER) continue;
        char path[64];
        gk_template_cell_path(t, i, path);
        if (c->src.line == 0 || (size_t)c->src.offset + c->src.len > s->len || c->src.len == 0) {
            print_error("seed %03d: %s: bad src line %u offset %u len %u\n", s->no, path, c->src.line,
                        c->src.offset, c->src.len);
            bad++;
            continue;
        }
        /* the span is the cell's raw text and reads back as the same number */
        gk_decimal d;
        const gk_table_def *td;
        const gk_row_def *rd;
        const gk_field_def *fd;
        gk_template_cell(t, i, &td, &rd, &fd);
        gk_numparse np = gk_parse_cell_number(s->bytes + c->src.offset, c->src.len, rd->decimal, &d);
        if (np != GK_NP_NUMBER || d.value != c->num.value || d.scale != c->num.scale) {
            print_error("seed %03d: %s: span [%u,+%u) = \"%.*s\" does not read as the cell's value\n", s->no,
                        path, c->src.offset, c->src.len, (int)c->src.len, s->bytes + c->src.offset);
            bad++;
            continue;
        }
        /* the line of the span start is src.line */
        uint32_t line = 1;
        for (uint32_t k = 0; k < c->src.offset; k++)
            if (s->bytes[k] == '\n') line++;
        if (line != c->src.line) {
            print_error("seed %03d: %s: src.line %u but its span starts on line %u\n", s->no, path,
                        c->src.line, line);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

typedef struct finding {
    const char *rule;
    long line;
} finding;

static int finding_cmp(const void *a, const void *b) {
    const finding *x = a, *y = b;
    int c = strcmp(x->rule, y->rule);
    if (c) return c;
    return (x->line > y->line) - (x->line < y->line);
}

static void test_findings(void **state) {
    seed *s = begin(state);
    json_t *list = json_object_get(s->golden, "findings");
    assert_true(json_is_array(list));
    size_t nwant = json_array_size(list), ngot = s->r->ndiags;
    finding *want = calloc(nwant + 1, sizeof *want), *got = calloc(ngot + 1, sizeof *got);
    assert_non_null(want);
    assert_non_null(got);
    int expected_errors = 0;
    for (size_t i = 0; i < nwant; i++) {
        json_t *f = json_array_get(list, i);
        want[i].rule = json_string_value(json_object_get(f, "rule"));
        want[i].line = (long)json_integer_value(json_object_get(f, "line"));
        assert_non_null(want[i].rule);
        if (schema_severity(want[i].rule) == GK_SEV_ERROR) expected_errors++;
    }
    int bad = 0;
    for (size_t i = 0; i < ngot; i++) {
        const gk_diag *d = &s->r->diags[i];
        got[i].rule = d->rule;
        got[i].line = d->line;
        int sev = schema_severity(d->rule);
        if (sev >= 0 && sev != (int)d->severity) {
            print_error("seed %03d: %s at line %u has severity %d, SCHEMA.md says %d\n", s->no, d->rule,
                        d->line, (int)d->severity, sev);
            bad++;
        }
        if (!d->msg_zh || !*d->msg_zh || !d->msg_en || !*d->msg_en || !d->where) {
            print_error("seed %03d: %s at line %u lacks a message or a where\n", s->no, d->rule, d->line);
            bad++;
        }
    }
    qsort(want, nwant, sizeof *want, finding_cmp);
    qsort(got, ngot, sizeof *got, finding_cmp);
    /* multiset difference, both ways */
    size_t i = 0, j = 0;
    while (i < nwant || j < ngot) {
        int c = i >= nwant ? 1 : j >= ngot ? -1 : finding_cmp(&want[i], &got[j]);
        if (c == 0) {
            i++;
            j++;
        } else if (c < 0) {
            print_error("seed %03d: missing finding %s at line %ld\n", s->no, want[i].rule, want[i].line);
            i++;
            bad++;
        } else {
            print_error("seed %03d: unexpected finding %s at line %ld\n", s->no, got[j].rule, got[j].line);
            j++;
            bad++;
        }
    }
    /* the diagnostics are sorted by line (check.h) */
    for (size_t k = 1; k < ngot; k++)
        if (s->r->diags[k].line < s->r->diags[k - 1].line) {
            print_error("seed %03d: diagnostics not sorted by line at %zu\n", s->no, k);
            bad++;
        }
    int errors = -1, warnings = -1;
    gk_diag_counts(s->r, &errors, &warnings);
    if (errors != expected_errors) {
        print_error("seed %03d: %d errors, expected %d\n", s->no, errors, expected_errors);
        bad++;
    }
    if (errors + warnings > (int)ngot) bad++;
    free(want);
    free(got);
    assert_int_equal(bad, 0);
}

/* ---------------------------------------------------------------- targeted tests */

/* Exit status 0 ⇔ no error finding, 1 ⇔ at least one (SCHEMA.md): via the counts. */
static void test_exit_semantics(void **state) {
    (void)state;
    skip_if_no_shared();
    const int expect_error[NSEEDS] = {0, 0, 0, 1, 0};
    int errors[NSEEDS], warnings[NSEEDS];
    for (int no = 0; no < NSEEDS; no++) {
        seed s;
        seed_load(&s, no);
        gk_diag_counts(s.r, &errors[no], &warnings[no]);
        seed_free(&s);
    }
    for (int no = 0; no < NSEEDS; no++) {
        print_message("seed %03d: %d errors, %d warnings -> exit %d\n", no, errors[no], warnings[no],
                      errors[no] > 0 ? 1 : 0);
        if (expect_error[no])
            assert_true(errors[no] >= 1);
        else
            assert_int_equal(errors[no], 0);
        assert_true(warnings[no] >= 0);
    }
}

/* 001: the 3.其他 总计 cell is " \n\n0" over lines 343–345: 0, found at line 343. */
static void test_seed001_broken_cell(void **state) {
    seed *s = begin(state);
    const gk_cell *c = gk_report_cell(s->r, "t3.other_other.total");
    assert_non_null(c);
    assert_int_equal(c->state, GK_CELL_NUMBER);
    assert_int_equal(c->num.value, 0);
    assert_int_equal(c->num.scale, 0);
    assert_int_equal(c->src.line, 343);
    /* its span covers the digit on line 345 */
    assert_true((size_t)c->src.offset + c->src.len <= s->len);
    assert_non_null(memchr(s->bytes + c->src.offset, '0', c->src.len));
    /* the neighbours in the same row are on their own lines */
    assert_int_equal(gk_report_cell(s->r, "t3.other_other.natural")->src.line, 337);
    assert_int_equal(gk_report_cell(s->r, "t3.other_other.other_org")->src.line, 342);
    /* and the next row starts after the broken cell */
    assert_int_equal(gk_report_cell(s->r, "t3.total.natural")->src.line, 349);
    /* 行政规范性文件 本年废止件数 2 at line 46 */
    const gk_cell *ab = gk_report_cell(s->r, "t2.normative.abolished");
    assert_int_equal(ab->state, GK_CELL_NUMBER);
    assert_int_equal(ab->num.value, 2);
    assert_int_equal(ab->src.line, 46);
}

/* 000: 行政处罚 本年处理决定数量 2 at line 34. */
static void test_seed000_penalty(void **state) {
    seed *s = begin(state);
    const gk_cell *c = gk_report_cell(s->r, "t2.penalty.decisions");
    assert_non_null(c);
    assert_int_equal(c->state, GK_CELL_NUMBER);
    assert_int_equal(c->num.value, 2);
    assert_int_equal(c->num.scale, 0);
    assert_int_equal(c->src.line, 34);
    assert_int_equal(s->r->title_line, 3);
}

/* 002: （一）予以公开 自然人 at line 51. */
static void test_seed002_granted_line(void **state) {
    seed *s = begin(state);
    const gk_cell *c = gk_report_cell(s->r, "t3.granted.natural");
    assert_non_null(c);
    assert_int_equal(c->state, GK_CELL_NUMBER);
    assert_int_equal(c->src.line, 51);
}

/* Tab layout (000: rows on lines 45–69; 002: 49–73; t4 on one line): every t3 cell sits on its
 * row's line, in its column, and every t4 cell on the single t4 data line. */
static void check_tab_lines(void **state, uint32_t first_t3_line, uint32_t t4_line) {
    seed *s = begin(state);
    int no = s->no;
    const gk_template *t = gk_template_2021();
    int bad = 0;
    for (int row = 0; row < GK_T3_NROWS; row++)
        for (int col = 0; col < GK_T3_NCOLS; col++) {
            const gk_cell *c = &s->r->cells[gk_t3(row, col)];
            char path[64];
            gk_template_cell_path(t, gk_t3(row, col), path);
            if (c->src.line != first_t3_line + (uint32_t)row) {
                print_error("seed %03d: %s on line %u, expected %u\n", no, path, c->src.line,
                            first_t3_line + (uint32_t)row);
                bad++;
            }
        }
    for (int g = 0; g < GK_T4_NGROUPS; g++)
        for (int f = 0; f < GK_T4_NFIELDS; f++) {
            const gk_cell *c = &s->r->cells[gk_t4(g, f)];
            if (c->src.line != t4_line) {
                print_error("seed %03d: t4 cell %d/%d on line %u, expected %u\n", no, g, f, c->src.line, t4_line);
                bad++;
            }
        }
    /* row totals sit right of the applicant columns on the same line */
    for (int row = 0; row < GK_T3_NROWS; row++)
        for (int col = 1; col < GK_T3_NCOLS; col++) {
            const gk_cell *a = &s->r->cells[gk_t3(row, col - 1)], *b = &s->r->cells[gk_t3(row, col)];
            if (!(a->src.offset < b->src.offset)) {
                print_error("seed %03d: t3 row %d: column %d not left of column %d\n", no, row, col - 1, col);
                bad++;
            }
        }
    assert_int_equal(bad, 0);
}

static void test_seed000_tab_lines(void **state) {
    check_tab_lines(state, 45, 76);
}

static void test_seed002_tab_lines(void **state) {
    check_tab_lines(state, 49, 80);
}

/* 004: the title is split over lines 2 and 3; blank cells are blank, not 0. */
static void test_seed004_blanks(void **state) {
    seed *s = begin(state);
    for (int row = 0; row < GK_T3_NROWS; row++) {
        for (int col = 0; col < GK_T3_COL_TOTAL; col++)
            assert_int_equal(s->r->cells[gk_t3(row, col)].state, GK_CELL_BLANK);
        assert_int_equal(s->r->cells[gk_t3(row, GK_T3_COL_TOTAL)].state, GK_CELL_NUMBER);
    }
    for (int g = 0; g < GK_T4_NGROUPS; g++) {
        for (int f = 0; f < GK_T4_FIELD_TOTAL; f++) assert_int_equal(s->r->cells[gk_t4(g, f)].state, GK_CELL_BLANK);
        assert_int_equal(s->r->cells[gk_t4(g, GK_T4_FIELD_TOTAL)].state, GK_CELL_NUMBER);
    }
    /* t4 totals at lines 393, 398, 403 */
    assert_int_equal(gk_report_cell(s->r, "t4.review.total")->src.line, 393);
    assert_int_equal(gk_report_cell(s->r, "t4.suit_direct.total")->src.line, 398);
    assert_int_equal(gk_report_cell(s->r, "t4.suit_after_review.total")->src.line, 403);
    /* the t3 received total " 0" at line 88 */
    assert_int_equal(gk_report_cell(s->r, "t3.received.total")->src.line, 88);
    assert_int_equal(s->r->title_line, 2);
}

/* 003: the short rows make every t3 cell unreadable (not blank, not 0), and TABLE.SHAPE says so. */
static void test_seed003_shape(void **state) {
    seed *s = begin(state);
    for (int i = gk_t3(0, 0); i <= gk_t3(GK_T3_NROWS - 1, GK_T3_NCOLS - 1); i++)
        assert_int_equal(s->r->cells[i].state, GK_CELL_UNREADABLE);
    int shapes = 0;
    for (uint32_t k = 0; k < s->r->ndiags; k++)
        if (strcmp(s->r->diags[k].rule, "TABLE.SHAPE") == 0) {
            shapes++;
            assert_int_equal(s->r->diags[k].severity, GK_SEV_ERROR);
            assert_int_equal(s->r->diags[k].line, 55);
        }
    assert_int_equal(shapes, 1);
    /* no sum rule may fire on unreadable cells */
    for (uint32_t k = 0; k < s->r->ndiags; k++) assert_true(strncmp(s->r->diags[k].rule, "T3.", 3) != 0);
}

static int seed_nos[NSEEDS] = {0, 1, 2, 3, 4};

/* A per-seed case named "name/00N", run with that seed loaded by begin(). */
#define SEED_TEST(f, no) \
    { #f "/00" #no, f, setup_seed, teardown_seed, &seed_nos[no] }
#define SEED_TESTS(f) SEED_TEST(f, 0), SEED_TEST(f, 1), SEED_TEST(f, 2), SEED_TEST(f, 3), SEED_TEST(f, 4)

int main(void) {
    if (!shared_dir()) print_message("shared/ not found: skipping seed tests\n");
    const struct CMUnitTest tests[] = {
        SEED_TESTS(test_metadata),
        SEED_TESTS(test_sections),
        SEED_TESTS(test_cells),
        SEED_TESTS(test_cell_spans),
        SEED_TESTS(test_findings),
        cmocka_unit_test(test_exit_semantics),
        SEED_TEST(test_seed001_broken_cell, 1),
        SEED_TEST(test_seed000_penalty, 0),
        SEED_TEST(test_seed002_granted_line, 2),
        SEED_TEST(test_seed000_tab_lines, 0),
        SEED_TEST(test_seed002_tab_lines, 2),
        SEED_TEST(test_seed004_blanks, 4),
        SEED_TEST(test_seed003_shape, 3),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
