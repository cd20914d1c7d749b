/* test_rules.c: each rule on real-shaped documents: the bundled examples (examples/), and variations of
 * the clean example made by editing its text (sections swapped, a table removed, years changed, 2019
 * columns, label variants). Every assertion names the rule and the line it must point at. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "gongkai/check.h"
#include "gongkai/render.h"
#include "gongkai/report.h"
#include "check/internal.h"

static char *slurp(const char *name, size_t *len) {
    const char *dir = getenv("GK_EXAMPLES");
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "examples", name);
    char *b = NULL;
    assert_int_equal(gk_read_file(path, 1 << 24, &b, len), GK_OK);
    return b;
}

/* Replaces the first occurrence of `from` by `to` (heap string in, heap string out). */
static char *replace(char *s, const char *from, const char *to) {
    char *p = strstr(s, from);
    assert_non_null(p);
    size_t a = (size_t)(p - s), fl = strlen(from), tl = strlen(to), n = strlen(s);
    char *o = malloc(n - fl + tl + 1);
    memcpy(o, s, a);
    memcpy(o + a, to, tl);
    memcpy(o + a + tl, p + fl, n - a - fl + 1);
    free(s);
    return o;
}

static gk_report *check_text(gk_arena *a, const char *name, const char *text) {
    gk_report *r = NULL;
    assert_int_equal(gk_report_from_bytes(a, name, text, strlen(text), &r, NULL), GK_OK);
    gk_check_report(r);
    return r;
}

static int count_rule(const gk_report *r, const char *rule) {
    int n = 0;
    for (uint32_t i = 0; i < r->ndiags; i++) n += !strcmp(r->diags[i].rule, rule);
    return n;
}

static const gk_diag *find(const gk_report *r, const char *rule, uint32_t line) {
    for (uint32_t i = 0; i < r->ndiags; i++)
        if (!strcmp(r->diags[i].rule, rule) && r->diags[i].line == line) return &r->diags[i];
    fail_msg("no %s at line %u", rule, line);
    return NULL;
}

static void dump(const gk_report *r) {
    for (uint32_t i = 0; i < r->ndiags; i++)
        print_message("  %s:%u %s %s\n", r->diags[i].rule, r->diags[i].line, r->diags[i].where, r->diags[i].msg_en);
}

static void test_clean_pair(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    size_t n;
    char *t24 = slurp("qinghe-liutang-2024-clean.txt", &n), *t23 = slurp("qinghe-liutang-2023-clean.txt", &n);
    gk_report *r24 = check_text(a, "2024", t24), *r23 = check_text(a, "2023", t23);
    gk_report *both[] = {r24, r23};
    gk_check_series(both, 2);
    dump(r24); dump(r23);
    assert_int_equal(r24->ndiags, 0);
    assert_int_equal(r23->ndiags, 0);
    assert_string_equal(r24->agency, "青禾区柳塘街道办事处");
    assert_int_equal(r24->year, 2024);
    assert_int_equal(r23->year, 2023);
    assert_string_equal(r23->agency, r24->agency);
    /* the fee keeps its decimals exactly */
    const gk_cell *fee = gk_report_cell(r24, "t2.fee.amount");
    assert_int_equal(fee->state, GK_CELL_NUMBER);
    assert_int_equal(fee->num.value, 125);
    assert_int_equal(fee->num.scale, 2);
    free(t24); free(t23);
    gk_arena_free(a);
}

static void test_year_carry(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    size_t n;
    char *t24 = slurp("qinghe-liutang-2024-clean.txt", &n), *t23 = slurp("qinghe-liutang-2023-clean.txt", &n);
    /* 2024 says 3 natural-person applications were carried over (and adds up), 2023 carried 1 */
    t24 = replace(t24, "二、上年结转政府信息公开申请数量\t\t1\t1\t0\t0\t0\t0\t2", "二、上年结转政府信息公开申请数量\t\t3\t1\t0\t0\t0\t0\t4");
    t24 = replace(t24, "四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2", "四、结转下年度继续办理\t\t4\t0\t0\t0\t0\t0\t4");
    gk_report *r24 = check_text(a, "2024", t24), *r23 = check_text(a, "2023", t23);
    assert_int_equal(r24->ndiags, 0);   /* consistent on its own */
    gk_report *both[] = {r23, r24};
    gk_check_series(both, 2);
    dump(r24);
    assert_int_equal(count_rule(r24, "YEAR.CARRY"), 2);   /* 自然人 and 总计 */
    assert_int_equal(r23->ndiags, 0);
    const gk_diag *d = find(r24, "YEAR.CARRY", gk_report_cell(r24, "t3.carried_over.natural")->src.line);
    assert_string_equal(d->where, "t3.carried_over.natural");
    assert_true(d->has_fix);
    assert_int_equal(d->fix.from.value, 3);
    assert_int_equal(d->fix.to.value, 1);
    /* not consecutive years: no comparison */
    r23->year = 2022;
    r24->ndiags = 0;
    gk_check_series(both, 2);
    assert_int_equal(count_rule(r24, "YEAR.CARRY"), 0);
    free(t24); free(t23);
    gk_arena_free(a);
}

static void test_defects_example(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    size_t n;
    char *t = slurp("baishi-education-2024-defects.txt", &n);
    gk_report *r = check_text(a, "defects", t);
    dump(r);
    assert_int_equal(r->ndiags, 6);
    find(r, "SECTION.NUMBERING", 12);
    find(r, "TEXT.TABLE_MISMATCH", 14);
    find(r, "SECTION.NUMBERING", 45);
    const gk_diag *row = find(r, "T3.ROW_TOTAL", 52), *col = find(r, "T3.COL_TOTAL", 73);
    const gk_diag *t4 = find(r, "T4.TOTAL", 81);
    for (int k = 0; k < 2; k++) {
        const gk_diag *d = k ? col : row;
        assert_true(d->has_fix);
        assert_int_equal(d->fix.cell, gk_template_cell_index(r->tmpl, "t3.granted.natural"));
        assert_int_equal(d->fix.from.value, 7);
        assert_int_equal(d->fix.to.value, 5);
    }
    /* t4: total 3 with parts 1+0+1+0: editing the total (→2) or one part (→ +1) both repair it, so
     * no single cell is named */
    assert_string_equal(t4->where, "t4.review.total");
    assert_false(t4->has_fix);
    gk_buf b;
    gk_buf_init(&b);
    gk_render_diag_line(r, row, "zh", &b);
    assert_non_null(strstr(b.data, "defects:52: error: T3.ROW_TOTAL: "));
    assert_non_null(strstr(b.data, "将 t3.granted.natural 由 7 改为 5 后全部勾稽关系成立"));
    gk_buf_reset(&b);
    gk_render_diag_line(r, row, "en", &b);
    assert_non_null(strstr(b.data, "changing t3.granted.natural from 7 to 5 makes every sum hold"));
    gk_buf_free(&b);
    free(t);
    gk_arena_free(a);
}

static void test_blanks_example(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    size_t n;
    char *t = slurp("qinghe-market-2024-blanks.txt", &n);
    gk_report *r = check_text(a, "blanks", t);
    dump(r);
    find(r, "CELL.NOT_NUMBER", 61);
    assert_int_equal(count_rule(r, "CELL.BLANK"), 1);
    find(r, "SECTION.MISSING", 407);
    assert_int_equal(count_rule(r, "SECTION.MISSING"), 1);
    assert_int_equal(r->ndiags, 3);
    const gk_cell *c = gk_report_cell(r, "t2.penalty.decisions");
    assert_int_equal(c->state, GK_CELL_UNREADABLE);
    c = gk_report_cell(r, "t3.granted.natural");
    assert_int_equal(c->state, GK_CELL_BLANK);
    c = gk_report_cell(r, "t3.granted.total");
    assert_int_equal(c->state, GK_CELL_NUMBER);
    free(t);
    gk_arena_free(a);
}

/* Variations of the clean 2024 example. */
static char *clean(void) {
    size_t n;
    return slurp("qinghe-liutang-2024-clean.txt", &n);
}

static void test_section_order_and_missing_table(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    char *t = clean();
    /* swap the headings of 五 and 六 */
    t = replace(t, "五、存在的主要问题及改进情况", "@@5@@");
    t = replace(t, "六、其他需要报告的事项", "五、存在的主要问题及改进情况");
    t = replace(t, "@@5@@", "六、其他需要报告的事项");
    /* and drop t4's data row */
    t = replace(t, "1\t0\t1\t0\t2\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0\n", "");
    gk_report *r = check_text(a, "order", t);
    dump(r);
    assert_int_equal(count_rule(r, "SECTION.ORDER"), 1);
    /* the headings keep the numbers of their words (六、其他… first), so only their order is wrong */
    assert_int_equal(count_rule(r, "SECTION.NUMBERING"), 0);
    assert_int_equal(count_rule(r, "TABLE.SHAPE"), 1);          /* t4 header without its row */
    free(t);
    /* the whole of section 四 with its table removed */
    t = clean();
    char *p = strstr(t, "四、政府信息公开行政复议"), *q = strstr(t, "五、存在的主要问题");
    memmove(p, q, strlen(q) + 1);
    r = check_text(a, "no-t4", t);
    dump(r);
    assert_int_equal(count_rule(r, "TABLE.MISSING"), 1);
    assert_int_equal(count_rule(r, "SECTION.MISSING"), 1);
    assert_string_equal(r->diags[0].rule, "SECTION.MISSING");
    assert_null(gk_report_cell(r, "t4.review.nonsense"));
    assert_int_equal(gk_report_cell(r, "t4.review.total")->state, GK_CELL_ABSENT);
    free(t);
    gk_arena_free(a);
}

static void test_meta_year_and_outdated(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    char *t = clean();
    t = replace(t, "青禾区柳塘街道办事处2024年", "青禾区柳塘街道办事处2025年");
    gk_report *r = check_text(a, "year", t);
    dump(r);
    assert_int_equal(r->year, 2025);
    assert_int_equal(count_rule(r, "META.YEAR"), 1);
    free(t);
    /* what counts as a year: four digits 1xxx/2xxx not inside a longer number, spaces allowed before 年 */
    t = clean();
    t = replace(t, "青禾区柳塘街道办事处2024年", "青禾区柳塘街道办事处2025年");
    t = replace(t, "2024年，柳塘街道", "2023  年，柳塘街道");
    t = replace(t, "（一）主动公开\n", "（一）主动公开\n编号12025年、3025年、2025月均不是年份；2023年同此。\n");
    r = check_text(a, "year-scan", t);
    dump(r);
    assert_int_equal(count_rule(r, "META.YEAR"), 1);
    const gk_diag *d = find(r, "META.YEAR", r->sections[0].line);
    assert_string_equal(d->msg_en, "the title says 2025, but the overview never mentions 2025 and names 2023 2 times");
    assert_string_equal(d->msg_zh, "标题的年份为 2025 年，但「总体情况」从未提到 2025 年，提到的是 2023 年（2 次）");
    free(t);
    t = clean();
    t = replace(t, "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量");
    r = check_text(a, "2019-columns", t);
    dump(r);
    assert_int_equal(count_rule(r, "FORMAT.OUTDATED"), 1);
    free(t);
    gk_arena_free(a);
}

static void test_label_variants(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    char *t = clean();
    /* half-width brackets with spaces, 1、 for 1., 规范性文件 for 行政规范性文件, (或失效）, 合计 for 总计 */
    t = replace(t, "（一）予以公开", "(一) 予以公开");
    t = replace(t, "1.属于国家秘密", "1、属于国家秘密");
    t = replace(t, "行政规范性文件\t3", "规范性文件\t3");
    t = replace(t, "本年废止件数", "本年废止件数(或失效）");
    t = replace(t, "（七）总计", "(七) 合计");
    t = replace(t, "3.危及“三安全一稳定”", "3. 危及\"三安全一稳定\"");
    gk_report *r = check_text(a, "variants", t);
    dump(r);
    assert_int_equal(r->ndiags, 0);
    assert_int_equal(gk_report_cell(r, "t2.normative.abolished")->num.value, 1);
    assert_int_equal(gk_report_cell(r, "t3.total.natural")->num.value, 21);
    assert_int_equal(gk_report_cell(r, "t3.granted.total")->num.value, 12);
    free(t);
    gk_arena_free(a);
}

static void test_narrative_zero_claims(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    char *t = clean();
    t = replace(t, "全年共收到政府信息公开申请27件", "本年度未收到政府信息公开申请");
    t = replace(t, "本年度因政府信息公开工作被申请行政复议2件", "本年度未发生政府信息公开行政复议、行政诉讼案件。另");
    gk_report *r = check_text(a, "claims", t);
    dump(r);
    assert_int_equal(count_rule(r, "TEXT.TABLE_MISMATCH"), 3);   /* received, review, lawsuit */
    free(t);
    gk_arena_free(a);
}

static void test_json_shape(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    size_t n;
    char *t = slurp("qinghe-market-2024-blanks.txt", &n);
    gk_report *r = check_text(a, "blanks\"\n", t);
    gk_buf b;
    gk_buf_init(&b);
    gk_render_json(r, &b, "zh", false);
    json_error_t err;
    json_t *j = json_loads(b.data, 0, &err);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "schema")), "gongkai.report/1");
    assert_string_equal(json_string_value(json_object_get(j, "source")), "blanks\"\n");
    json_t *t3 = json_object_get(j, "t3");
    assert_int_equal(json_object_size(t3), 25);
    assert_true(json_is_null(json_object_get(json_object_get(t3, "granted"), "natural")));
    assert_true(json_is_integer(json_object_get(json_object_get(t3, "granted"), "total")));
    json_t *t2 = json_object_get(j, "t2");
    assert_true(json_is_null(json_object_get(json_object_get(t2, "penalty"), "decisions")));
    json_t *prov = json_object_get(json_object_get(j, "provenance"), "t2.penalty.decisions");
    assert_string_equal(json_string_value(json_object_get(prov, "state")), "unreadable");
    assert_int_equal(json_integer_value(json_object_get(prov, "line")), 61);
    assert_int_equal(json_array_size(json_object_get(j, "diagnostics")), r->ndiags);
    json_decref(j);
    gk_buf_free(&b);
    free(t);
    gk_arena_free(a);
}

/* （六）其他处理 as one row: the hybrid (2021 t2) keeps the 2021 keys, zeros split into zeros; with the 2019
 * t2 columns the whole report is read in the 2019 format, with its own keys. */
static char *unsplit(char *t, const char *values) {
    char *p = strstr(t, "\t（六）其他处理\t1.申请人无正当理由");
    assert_non_null(p);
    char *q = strstr(p, "\t（七）总计");
    assert_non_null(q);
    size_t n = strlen(t);
    char *o = malloc(n + 128);
    size_t a = (size_t)(p - t);
    memcpy(o, t, a);
    int w = sprintf(o + a, "\t（六）其他处理\t%s\n", values);
    memcpy(o + a + (size_t)w, q, strlen(q) + 1);
    free(t);
    return o;
}

static void test_hybrid_and_2019(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    char *t = unsplit(clean(), "0\t0\t0\t0\t0\t0\t0");
    /* the clean example's split rows hold 0 1 0 0 0 0 1 in total: keep the sums right */
    t = replace(t, "\t（七）总计\t21\t5\t0\t0\t1\t0\t27", "\t（七）总计\t21\t5\t0\t0\t1\t0\t27");
    gk_report *r = check_text(a, "hybrid", t);
    dump(r);
    assert_true(r->hybrid);
    assert_string_equal(r->format, "2021");
    assert_int_equal(count_rule(r, "FORMAT.OUTDATED"), 1);
    assert_int_equal(gk_report_cell(r, "t3.other_no_fee.total")->state, GK_CELL_NUMBER);
    assert_int_equal(gk_report_cell(r, "t3.other_other.natural")->num.value, 0);
    free(t);
    /* non-zero: cannot be split */
    t = unsplit(clean(), "1\t0\t0\t0\t0\t0\t1");
    r = check_text(a, "hybrid2", t);
    dump(r);
    assert_int_equal(gk_report_cell(r, "t3.other_other.total")->state, GK_CELL_UNREADABLE);
    assert_int_equal(count_rule(r, "FORMAT.OUTDATED"), 1);
    assert_int_equal(count_rule(r, "T3.COL_TOTAL"), 0);   /* not judged with unreadable parts */
    free(t);
    /* the 2019 form */
    t = unsplit(clean(), "1\t0\t0\t0\t0\t0\t1");
    t = replace(t, "信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量");
    t = replace(t, "行政规范性文件\t3\t1\t11", "规范性文件\t3\t1\t11");
    t = replace(t, "信息内容\t本年处理决定数量\t\t\n行政许可\t46\t\t", "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t10\t-2\t46\n其他对外管理服务事项\t3\t0\t7");
    t = replace(t, "青禾区柳塘街道办事处2024年", "青禾区柳塘街道办事处2020年");
    r = check_text(a, "f2019", t);
    dump(r);
    assert_string_equal(r->format, "2019");
    assert_int_equal(count_rule(r, "FORMAT.OUTDATED"), 0);   /* 2020: the 2019 form was right */
    const gk_cell *c = gk_report_cell(r, "t2.permit.change");
    assert_non_null(c);
    assert_int_equal(c->state, GK_CELL_NUMBER);
    assert_int_equal(c->num.value, -2);
    assert_int_equal(gk_report_cell(r, "t2.other_services.decisions")->num.value, 7);
    assert_int_equal(gk_report_cell(r, "t3.other.total")->num.value, 1);
    assert_null(gk_report_cell(r, "t3.other_other.total"));
    assert_int_equal(count_rule(r, "T3.COL_TOTAL"), 0);
    assert_int_equal(count_rule(r, "T3.BALANCE"), 0);
    free(t);
    gk_arena_free(a);
}


/* META.AGENCY: a place name misread in the agency name is reported and kept; a right name, or the look-alike
 * in the narrative (如沐阳光), is nothing. */
static bool no_place_misread(void *ctx, const char *place, const char *wrong) {
    (void)place;
    const char *const *list;
    size_t n = gk_agency_places(&list);
    for (size_t i = 0; i < n; i++)
    {
        /* a two-character misreading matches only at a name's start (or after 省/市/区) */
        const char *at = strstr(list[i], wrong);
        if (at && (strlen(wrong) > 6 || at == list[i])) fail_msg("misreading %s is (part of) the place %s", wrong, list[i]);
    }
    (*(int *)ctx)++;
    return true;
}

static void test_agency_misread(void **state) {
    (void)state;
    int forms = 0;
    gk_agency_misreadings(no_place_misread, &forms);
    assert_true(forms > 150);
    gk_arena *a = gk_arena_new();
    char *t = clean();
    t = replace(t, "青禾区柳塘街道办事处2024年", "沭阳县人民政府2024年");
    t = replace(t, "一、总体情况\n", "一、总体情况\n群众如沐阳光。\n");
    gk_report *r = check_text(a, "right", t);
    assert_int_equal(count_rule(r, "META.AGENCY"), 0);
    free(t);
    t = clean();
    t = replace(t, "青禾区柳塘街道办事处2024年", "沐阳县人民政府2024年");
    r = check_text(a, "misread", t);
    dump(r);
    assert_int_equal(count_rule(r, "META.AGENCY"), 1);
    assert_string_equal(r->agency, "沐阳县人民政府");          /* kept as printed */
    const gk_diag *d = find(r, "META.AGENCY", r->title_line);
    assert_string_equal(d->where, "agency");
    assert_int_equal(d->severity, GK_SEV_WARNING);
    assert_non_null(strstr(d->msg_zh, "疑为「沭阳」"));
    assert_null(strstr(d->msg_zh, "另有"));
    assert_non_null(strstr(d->msg_en, "misreading of 沭阳"));
    free(t);
    /* the document writes the right name elsewhere: the finding says so */
    t = clean();
    t = replace(t, "青禾区柳塘街道办事处2024年", "安徽省毫州市人民政府2024年");
    t = replace(t, "一、总体情况\n", "一、总体情况\n亳州市政府高度重视。\n");
    r = check_text(a, "elsewhere", t);
    dump(r);
    assert_int_equal(count_rule(r, "META.AGENCY"), 1);
    d = find(r, "META.AGENCY", r->title_line);
    assert_non_null(strstr(d->msg_zh, "文中另有 1 处写作「亳州」"));
    free(t);
    /* a two-character county (莒县) misread only counts at the start or after 省/市/区 */
    t = clean();
    t = replace(t, "青禾区柳塘街道办事处2024年", "日照市营县人民政府2024年");
    r = check_text(a, "short", t);
    assert_int_equal(count_rule(r, "META.AGENCY"), 1);
    free(t);
    t = clean();
    t = replace(t, "青禾区柳塘街道办事处2024年", "青禾区经营县域办公室2024年");
    r = check_text(a, "short-inside", t);
    assert_int_equal(count_rule(r, "META.AGENCY"), 0);
    free(t);
    gk_arena_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_pair),
        cmocka_unit_test(test_year_carry),
        cmocka_unit_test(test_defects_example),
        cmocka_unit_test(test_blanks_example),
        cmocka_unit_test(test_section_order_and_missing_table),
        cmocka_unit_test(test_meta_year_and_outdated),
        cmocka_unit_test(test_label_variants),
        cmocka_unit_test(test_narrative_zero_claims),
        cmocka_unit_test(test_json_shape),
        cmocka_unit_test(test_hybrid_and_2019),
        cmocka_unit_test(test_agency_misread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
