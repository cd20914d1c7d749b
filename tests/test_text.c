/* test_text.c: the text primitives: trimming, folding, numbering, Chinese numerals, cell numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "gongkai/template.h"
#include "gongkai/text.h"

static void test_trim(void **state) {
    (void)state;
    const char *s = "\xc2\xa0 \xe3\x80\x80" "0\xc2\xa0\t";
    size_t n = strlen(s);
    const char *t = gk_trim(s, &n);
    assert_int_equal(n, 1);
    assert_int_equal(t[0], '0');
    assert_true(gk_is_blank("\xc2\xa0\xe3\x80\x80 ", 6));
    assert_false(gk_is_blank("\xc2\xa0x", 3));
}

static void test_fold(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    assert_string_equal(gk_fold(a, "（二） 部分公开", strlen("（二） 部分公开")), "(二)部分公开");
    assert_string_equal(gk_fold(a, "２０２４ 年", strlen("２０２４ 年")), "2024年");
    assert_string_equal(gk_fold(a, "商业\n企业", strlen("商业\n企业")), "商业企业");
    assert_string_equal(gk_fold(a, "ABC", 3), "abc");
    gk_arena_free(a);
}

/* The fast path of gk_fold agrees with utf8proc on every code point it handles (and around them). */
static void test_fold_fast_path(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    static const int32_t ranges[][2] = {{0x20, 0x7E}, {0x4E00, 0x9FFF}, {0x3000, 0x3040}, {0x2010, 0x2030}, {0xFF00, 0xFF70}};
    int checked = 0;
    for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++) {
        for (int32_t cp = ranges[k][0]; cp <= ranges[k][1]; cp++) {
            utf8proc_uint8_t in[8];
            utf8proc_ssize_t len = utf8proc_encode_char(cp, in);
            in[len] = 0;
            utf8proc_uint8_t *mapped = NULL;
            utf8proc_ssize_t r = utf8proc_map(in, len, &mapped, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                                     UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
            assert_true(r >= 0);
            /* the expected fold: utf8proc's, with space characters removed (as gk_fold does) */
            char want[64];
            size_t w = 0;
            for (utf8proc_ssize_t i = 0; i < r;) {
                int32_t c;
                size_t l = gk_utf8_decode((const char *)mapped + i, (size_t)(r - i), &c);
                if (!gk_is_space_cp(c)) { memcpy(want + w, mapped + i, l); w += l; }
                i += (utf8proc_ssize_t)l;
            }
            want[w] = 0;
            free(mapped);
            const char *got = gk_fold(a, (const char *)in, (size_t)len);
            if (strcmp(got, want)) fail_msg("U+%04X: gk_fold «%s», utf8proc «%s»", cp, got, want);
            checked++;
        }
    }
    print_message("  %d code points fold as utf8proc folds them\n", checked);
    gk_arena_free(a);
}

static void check_num(const char *s, gk_numkind kind, int value, const char *rest) {
    gk_numbering n = gk_numbering_parse(s, strlen(s));
    assert_int_equal(n.kind, kind);
    if (kind != GK_NUM_NONE) {
        assert_int_equal(n.value, value);
        assert_string_equal(s + n.len, rest);
    }
}

static void test_numbering(void **state) {
    (void)state;
    check_num("一、总体情况", GK_NUM_CN, 1, "总体情况");
    check_num("十二、其他", GK_NUM_CN, 12, "其他");
    check_num("（三）不予公开", GK_NUM_CN_PAREN, 3, "不予公开");
    check_num("(七) 总计", GK_NUM_CN_PAREN, 7, "总计");
    check_num("2、 主动公开政府信息情况", GK_NUM_AR, 2, "主动公开政府信息情况");
    check_num("1. 属于国家秘密", GK_NUM_AR, 1, "属于国家秘密");
    check_num("- 4.提升沟通", GK_NUM_AR, 4, "提升沟通");
    check_num("２．其他", GK_NUM_AR, 2, "其他");
    check_num("一是持续强化", GK_NUM_NONE, 0, "");
    check_num("2024年以来", GK_NUM_NONE, 0, "");
    check_num("3.5万元", GK_NUM_NONE, 0, "");
}

static void test_cn_numeral(void **state) {
    (void)state;
    char b[16];
    assert_string_equal(gk_cn_numeral(1, b), "一");
    assert_string_equal(gk_cn_numeral(10, b), "十");
    assert_string_equal(gk_cn_numeral(14, b), "十四");
    assert_string_equal(gk_cn_numeral(20, b), "二十");
    assert_string_equal(gk_cn_numeral(35, b), "三十五");
    for (int v = 1; v < 100; v++) {
        int back = 0;
        const char *s = gk_cn_numeral(v, b);
        assert_int_equal(gk_cn_numeral_parse(s, strlen(s), &back), strlen(s));
        assert_int_equal(back, v);
    }
}

static void expect_number(const char *s, bool dec, int64_t v, int scale) {
    gk_decimal d;
    assert_int_equal(gk_parse_cell_number(s, strlen(s), dec, &d), GK_NP_NUMBER);
    assert_int_equal(d.value, v);
    assert_int_equal(d.scale, scale);
}

static void test_cell_numbers(void **state) {
    (void)state;
    gk_decimal d;
    expect_number("0", false, 0, 0);
    expect_number("\xc2\xa0" "0", false, 0, 0);
    expect_number("１２３", false, 123, 0);
    expect_number("1,234", false, 1234, 0);
    expect_number("12件", false, 12, 0);
    expect_number("96171.6", true, 961716, 1);
    expect_number("1.50", true, 150, 2);
    assert_int_equal(gk_parse_cell_number("1.5", 3, false, &d), GK_NP_NOT_NUMBER);
    assert_int_equal(gk_parse_cell_number("", 0, false, &d), GK_NP_BLANK);
    assert_int_equal(gk_parse_cell_number("—", strlen("—"), false, &d), GK_NP_BLANK);
    assert_int_equal(gk_parse_cell_number("/", 1, false, &d), GK_NP_BLANK);
    assert_int_equal(gk_parse_cell_number("若干", strlen("若干"), false, &d), GK_NP_NOT_NUMBER);
    assert_int_equal(gk_parse_cell_number("-1", 2, false, &d), GK_NP_NOT_NUMBER);
    assert_int_equal(gk_parse_cell_number("1,23", 4, false, &d), GK_NP_NOT_NUMBER);
    assert_int_equal(gk_parse_cell_number("99999999999999999999", 20, false, &d), GK_NP_NOT_NUMBER);
    char out[32];
    assert_string_equal(gk_decimal_str((gk_decimal){961716, 1}, out), "96171.6");
    assert_string_equal(gk_decimal_str((gk_decimal){150, 2}, out), "1.50");
    assert_string_equal(gk_decimal_str((gk_decimal){5, 3}, out), "0.005");
    assert_string_equal(gk_decimal_str((gk_decimal){0, 0}, out), "0");
    assert_string_equal(gk_decimal_str((gk_decimal){-5, 1}, out), "-0.5");
    assert_string_equal(gk_decimal_str((gk_decimal){-2, 0}, out), "-2");
}

static void test_utf8(void **state) {
    (void)state;
    size_t bad = 0;
    assert_true(gk_utf8_valid("中文 ok", strlen("中文 ok"), &bad));
    assert_false(gk_utf8_valid("ab\xd6\xd0", 4, &bad));   /* GBK 中 */
    assert_int_equal(bad, 2);
    assert_false(gk_utf8_valid("\xe4\xb8", 2, &bad));     /* truncated */
    assert_false(gk_utf8_valid("\xc0\xaf", 2, &bad));     /* overlong */
    assert_false(gk_utf8_valid("\xed\xa0\x80", 3, &bad)); /* surrogate */
}

static void test_template(void **state) {
    (void)state;
    const gk_template *t = gk_template_2021();
    /* every cell index belongs to exactly the row/field its path names, and indices are dense */
    for (int i = 0; i < t->ncells; i++) {
        char path[64];
        gk_template_cell_path(t, i, path);
        assert_int_equal(gk_template_cell_index(t, path), i);
    }
    int count = 0;
    for (int k = 0; k < GK_NTABLES; k++) {
        const gk_table_def *td = &t->tables[k];
        assert_int_equal(td->first, count);
        for (int r = 0; r < td->nrows; r++) {
            assert_int_equal(td->rows[r].first, count);
            count += td->rows[r].nfields;
        }
        assert_int_equal(count - td->first, td->ncells);
    }
    assert_int_equal(count, GK_NCELLS);
    assert_int_equal(gk_template_cell_index(t, "t3.granted.natural"), 24);
    assert_int_equal(gk_template_cell_index(t, "t4.suit_after_review.total"), 199);
    /* every statutory t3 label is recognised as its own row and no other */
    gk_arena *a = gk_arena_new();
    const gk_table_def *t3 = &t->tables[GK_T3];
    for (int r = 0; r < t3->nrows; r++) {
        const char *l = t3->rows[r].label;
        char *f = gk_fold(a, l, strlen(l));
        for (int k = 0; k < t3->nrows; k++) {
            bool m = gk_row_matches(&t3->rows[k], f);
            bool first_match = m;
            for (int j = 0; j < k && first_match; j++) first_match = !gk_row_matches(&t3->rows[j], f);
            if (k == r) assert_true(first_match);
            else if (m) assert_true(k > r);   /* a later row may match too, but the first match is the right one */
        }
    }
    gk_arena_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trim),         cmocka_unit_test(test_fold),        cmocka_unit_test(test_numbering),
        cmocka_unit_test(test_cn_numeral),   cmocka_unit_test(test_cell_numbers), cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_template),     cmocka_unit_test(test_fold_fast_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
