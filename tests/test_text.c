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

/* ---- the UTF-8 primitives against the straightforward implementation they replaced */

static size_t ref_decode(const char *str, size_t n, int32_t *cp) {
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0) { *cp = 0; return 0; }
    unsigned c = s[0];
    if (c < 0x80) { *cp = (int32_t)c; return 1; }
    size_t len;
    int32_t v, min;
    if ((c & 0xE0) == 0xC0) { len = 2; v = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; v = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; v = c & 0x07; min = 0x10000; }
    else { *cp = 0xFFFD; return 1; }
    if (len > n) { *cp = 0xFFFD; return 1; }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) { *cp = 0xFFFD; return 1; }
    *cp = v;
    return len;
}

static bool ref_valid(const char *str, size_t n, size_t *bad) {
    const unsigned char *s = (const unsigned char *)str;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t l = ref_decode(str + i, n - i, &cp);
        if (cp == 0xFFFD && !(l == 3 && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] == 0xBD)) {
            *bad = i;
            return false;
        }
        i += l;
    }
    return true;
}

static bool ref_space(int32_t cp) {
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF || cp == 0x202F || cp == 0x205F;
}

static const char *ref_trim(const char *s, size_t *n) {
    size_t len = *n;
    while (len) {
        int32_t cp;
        size_t l = ref_decode(s, len, &cp);
        if (!ref_space(cp)) break;
        s += l;
        len -= l;
    }
    while (len) {
        size_t k = len;
        do { k--; } while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80);
        int32_t cp;
        ref_decode(s + k, len - k, &cp);
        if (!ref_space(cp)) break;
        len = k;
    }
    *n = len;
    return s;
}

/* Compares decoding at every offset, validation and trimming of s[0..n) with the reference. */
static void agree(const unsigned char *s, size_t n) {
    const char *t = (const char *)s;
    for (size_t i = 0; i <= n; i++) {
        int32_t a = -1, b = -1, c = -1;
        size_t la = gk_utf8_decode(t + i, n - i, &a), lb = ref_decode(t + i, n - i, &b);
        size_t lc = gk_utf8_next(t + i, n - i, &c);
        if (la != lb || a != b || lc != lb || c != b) fail_msg("decode at %zu of %zu: %zu/%zu/%zu", i, n, la, lc, lb);
    }
    size_t bad = 12345, rbad = 54321;
    bool v = gk_utf8_valid(t, n, &bad), rv = ref_valid(t, n, &rbad);
    assert_int_equal(v, rv);
    if (!v) assert_int_equal(bad, rbad);
    size_t m = n, rm = n;
    const char *ts = gk_trim(t, &m), *rs = ref_trim(t, &rm);
    assert_ptr_equal(ts, rs);
    assert_int_equal(m, rm);
    assert_int_equal(gk_is_blank(t, n), rm == 0);
}

static void test_utf8_edges(void **state) {
    (void)state;
    static const struct { const char *s; size_t n; bool ok; size_t bad; } cases[] = {
        {"\xc0\xaf", 2, false, 0},                     /* overlong '/' */
        {"\xc1\xbf", 2, false, 0},                     /* overlong, 2 bytes */
        {"\xe0\x80\xaf", 3, false, 0},                 /* overlong, 3 bytes */
        {"\xe0\x9f\xbf", 3, false, 0},                 /* overlong U+07FF */
        {"\xe0\xa0\x80", 3, true, 0},                  /* U+0800 */
        {"\xf0\x8f\xbf\xbf", 4, false, 0},             /* overlong, 4 bytes */
        {"\xed\x9f\xbf", 3, true, 0},                  /* U+D7FF */
        {"\xed\xa0\x80", 3, false, 0},                 /* U+D800 */
        {"ab\xed\xbf\xbf" "cdefgh", 11, false, 2},     /* U+DFFF */
        {"\xee\x80\x80", 3, true, 0},                  /* U+E000 */
        {"\xf0\x9f\x98\x80", 4, true, 0},              /* U+1F600 */
        {"\xf4\x8f\xbf\xbf", 4, true, 0},              /* U+10FFFF */
        {"\xf4\x90\x80\x80", 4, false, 0},             /* U+110000 */
        {"\xf5\x80\x80\x80", 4, false, 0},
        {"\xef\xbf\xbd", 3, true, 0},                  /* U+FFFD itself */
        {"\xef\xbf\xbe", 3, true, 0},                  /* U+FFFE */
        {"\xe4\xb8\xad\xe6\x96\x87\xe4\xb8", 8, false, 6},   /* 中文 then a truncated 3-byte character */
        {"\xe4\xb8\xad\xe6\x96\x87\xe4", 7, false, 6},
        {"\xe4\xb8\xad\xf0\x9f\x98", 6, false, 3},     /* truncated 4-byte character */
        {"\xe4\xb8\xad\xc3", 4, false, 3},             /* truncated 2-byte character */
        {"\xe4\xb8\xad\x80", 4, false, 3},             /* a stray continuation byte */
        {"\xe4\x41\xad\xe4\xb8\xad", 6, false, 0},     /* a lead byte without its continuation */
        {"12345678\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xff", 21, false, 20},
        {"\xc3\xa9\xe4\xb8\xad" "abcdefghijkl" "\xe4\xb8\xad", 20, true, 0},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t bad = 999;
        bool ok = gk_utf8_valid(cases[k].s, cases[k].n, &bad);
        if (ok != cases[k].ok || (!ok && bad != cases[k].bad)) fail_msg("case %zu: %d at %zu", k, ok, bad);
        agree((const unsigned char *)cases[k].s, cases[k].n);
    }
    /* gk_is_space_cp is the same set everywhere in Unicode (and beyond it) */
    for (int32_t cp = -2; cp <= 0x110001; cp++)
        if (gk_is_space_cp(cp) != ref_space(cp)) fail_msg("U+%04X", cp);
}

/* Random text made of pieces that are valid, almost valid and broken, in all positions. */
static void test_utf8_random(void **state) {
    (void)state;
    static const char *const pieces[] = {
        "a", " ", "\t", "\n", "7", "\xc2\xa0", "\xc3\xa9", "\xe3\x80\x80", "\xe4\xb8\xad", "\xe6\x96\x87", "\xef\xbc\x88",
        "\xe2\x80\x8b", "\xef\xbb\xbf", "\xef\xbf\xbd", "\xe0\xa0\x80", "\xe0\x80\x80", "\xed\x9f\xbf", "\xed\xa0\x80",
        "\xf0\x9f\x98\x80", "\xf4\x90\x80\x80", "\xc0\x80", "\xe4\xb8", "\xe4", "\x80", "\xbf", "\xff", "\xf0\x9f",
        "abcdefgh", "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad", "\xe2\x80\xaf", "\xe2\x81\x9f",
    };
    size_t np = sizeof pieces / sizeof pieces[0];
    srand(20240501);
    unsigned char buf[128];
    for (int round = 0; round < 20000; round++) {
        size_t n = 0;
        int parts = 1 + rand() % 12;
        for (int p = 0; p < parts; p++) {
            const char *x = pieces[rand() % np];
            size_t l = strlen(x);
            if (n + l > sizeof buf) break;
            memcpy(buf + n, x, l);
            n += l;
        }
        if (rand() % 4 == 0 && n) buf[rand() % n] = (unsigned char)rand();   /* and some bytes at random */
        agree(buf, n);
        /* every prefix, so that sequences are cut at the end of the text */
        if (round % 16 == 0)
            for (size_t m = 0; m < n; m++) agree(buf, m);
    }
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

static void test_phrases(void **state) {
    (void)state;
    static gk_phrase_set set;
    const gk_phrase ph[] = {{.s = "申请", .len = 6, .bits = 1}, {.s = "行政复议", .len = 12, .bits = 2},
                            {.s = "ab1", .len = 3, .bits = 4}, {.s = "行政诉讼", .len = 12, .bits = 8}};
    assert_true(gk_phrase_set_build(&set, ph, 4));
    const char *t = "本年收到申请，行政复议2件";
    assert_int_equal(gk_phrases_in(&set, t, strlen(t)), 1 | 2);
    assert_int_equal(gk_phrases_in(&set, "xxab1y", 6), 4);
    assert_int_equal(gk_phrases_in(&set, "行政诉", strlen("行政诉")), 0);    /* cut short: no match */
    assert_int_equal(gk_phrases_in(&set, "行政诉讼", strlen("行政诉讼")), 8);
    assert_int_equal(gk_phrases_in(&set, "", 0), 0);
    /* a phrase shorter than three bytes, or too many phrases: refused, and the set finds nothing */
    const gk_phrase two = {.s = "ab", .len = 2, .bits = 1};
    assert_false(gk_phrase_set_build(&set, &two, 1));
    assert_int_equal(gk_phrases_in(&set, "abab", 4), 0);
    static gk_phrase many[GK_PHRASES_MAX + 1];
    for (size_t k = 0; k <= GK_PHRASES_MAX; k++) many[k] = ph[0];
    assert_false(gk_phrase_set_build(&set, many, GK_PHRASES_MAX + 1));
    assert_true(gk_phrase_set_build(&set, many, GK_PHRASES_MAX));
}

/* gk_table_match_row (one scan) names the same row as testing the rows one by one, for every label,
 * every match phrase and pairs of them, in both templates. */
static void test_table_match_row(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    const gk_template *tm[2] = {gk_template_2021(), gk_template_2019()};
    int checked = 0;
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < GK_NTABLES; k++) {
            const gk_table_def *td = &tm[i]->tables[k];
            for (int r = 0; r < td->nrows; r++)
                for (int m = -1; td->rows[r].match[m < 0 ? 0 : m]; m++) {
                    const char *base = m < 0 ? td->rows[r].label : td->rows[r].match[m];
                    for (int r2 = 0; r2 <= td->nrows; r2++) {   /* alone, then before another row's label */
                        const char *tail = r2 < td->nrows ? td->rows[r2].label : "";
                        char *f = gk_fold(a, gk_arena_printf(a, "%s%s", base, tail), strlen(base) + strlen(tail));
                        size_t n;
                        const char *s = gk_label_strip(f, &n);
                        int want = -1;
                        for (int q = 0; q < td->nrows && want < 0; q++)
                            if (gk_row_matches_stripped(&td->rows[q], s, n)) want = q;
                        assert_int_equal(gk_table_match_row(td, s, n), want);
                        checked++;
                    }
                }
        }
    assert_true(checked > 1000);
    gk_arena_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trim),         cmocka_unit_test(test_fold),        cmocka_unit_test(test_numbering),
        cmocka_unit_test(test_cn_numeral),   cmocka_unit_test(test_cell_numbers), cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_template),     cmocka_unit_test(test_fold_fast_path), cmocka_unit_test(test_utf8_edges),
        cmocka_unit_test(test_utf8_random),  cmocka_unit_test(test_phrases),     cmocka_unit_test(test_table_match_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
