/* numbers.c: heading numbering, Chinese numerals and exact cell numbers. */
#include "gongkai/text.h"

#include <stdio.h>
#include <string.h>

static const char *const cn_digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

static int cn_digit(int32_t cp) {
    switch (cp) {
    case 0x3007: case 0x96F6: return 0;   /* 〇 零 */
    case 0x4E00: return 1; case 0x4E8C: return 2; case 0x4E09: return 3;
    case 0x56DB: return 4; case 0x4E94: return 5; case 0x516D: return 6;
    case 0x4E03: return 7; case 0x516B: return 8; case 0x4E5D: return 9;
    case 0x5341: return 10;   /* 十 */
    default: return -1;
    }
}

size_t gk_cn_numeral_parse(const char *s, size_t n, int *value) {
    size_t i = 0;
    int digits[4], nd = 0;
    size_t used = 0;
    while (i < n && nd < 4) {
        int32_t cp;
        size_t l = gk_utf8_next(s + i, n - i, &cp);
        int d = cn_digit(cp);
        if (d < 0) break;
        digits[nd++] = d;
        i += l;
        used = i;
    }
    if (nd == 0) return 0;
    int v;
    if (nd == 1) v = digits[0];
    else if (nd == 2 && digits[0] == 10) v = 10 + digits[1];               /* 十一 */
    else if (nd == 2 && digits[1] == 10) v = digits[0] * 10;               /* 二十 */
    else if (nd == 3 && digits[1] == 10) v = digits[0] * 10 + digits[2];   /* 二十一 */
    else return 0;
    if (v <= 0 || v >= 100) return 0;
    *value = v;
    return used;
}

const char *gk_cn_numeral(int v, char out[16]) {
    out[0] = 0;
    if (v <= 0 || v >= 100) { snprintf(out, 16, "%d", v); return out; }
    if (v < 10) { strcpy(out, cn_digits[v]); return out; }
    if (v >= 20) strcat(out, cn_digits[v / 10]);
    strcat(out, "十");
    if (v % 10) strcat(out, cn_digits[v % 10]);
    return out;
}

static size_t ascii_digits(const char *s, size_t n, int *value) {
    size_t i = 0;
    int v = 0;
    while (i < n) {
        int32_t cp;
        size_t l = gk_utf8_next(s + i, n - i, &cp);
        int d = -1;
        if (cp >= '0' && cp <= '9') d = cp - '0';
        else if (cp >= 0xFF10 && cp <= 0xFF19) d = cp - 0xFF10;
        if (d < 0 || v > 9999) break;
        v = v * 10 + d;
        i += l;
    }
    if (i) *value = v;
    return i;
}

static size_t skip_spaces(const char *s, size_t n, size_t i) {
    while (i < n) {
        if ((unsigned char)s[i] > 0x20 && (unsigned char)s[i] < 0x80) break;   /* printable ASCII */
        int32_t cp;
        size_t l = gk_utf8_next(s + i, n - i, &cp);
        if (!gk_is_space_cp(cp)) break;
        i += l;
    }
    return i;
}

static bool starts(const char *s, size_t n, size_t i, const char *lit) {
    size_t k = strlen(lit);
    return i + k <= n && memcmp(s + i, lit, k) == 0;
}

/* true for the characters a numbering can start with (after space): a bullet, a parenthesis or a digit. */
static bool numbering_start(int32_t cp) {
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19) || cn_digit(cp) >= 0 || cp == '-' ||
           cp == '*' || cp == 0x2022 || cp == '(' || cp == 0xFF08;   /* • （ */
}

gk_numbering gk_numbering_parse(const char *s, size_t n) {
    gk_numbering r = {GK_NUM_NONE, 0, 0};
    /* Space skipped by hand to keep the first other character: most labels start with one that no numbering
     * starts with, and are done at once. */
    size_t i = 0;
    int32_t first = 0;
    while (i < n) {
        size_t l = gk_utf8_next(s + i, n - i, &first);
        if (!gk_is_space_cp(first)) break;
        i += l;
    }
    if (i >= n || !numbering_start(first)) return r;
    if (starts(s, n, i, "- ") || starts(s, n, i, "* ") || starts(s, n, i, "• ")) i = skip_spaces(s, n, i + 1);
    if (starts(s, n, i, "•")) i = skip_spaces(s, n, i + strlen("•"));
    int v = 0;
    size_t k;
    bool paren = false;
    if (starts(s, n, i, "(")) { paren = true; i += 1; }
    else if (starts(s, n, i, "（")) { paren = true; i += strlen("（"); }
    i = skip_spaces(s, n, i);
    bool cn;
    if ((k = gk_cn_numeral_parse(s + i, n - i, &v)) > 0) cn = true;
    else if ((k = ascii_digits(s + i, n - i, &v)) > 0) cn = false;
    else return r;
    i += k;
    i = skip_spaces(s, n, i);
    if (paren) {
        if (starts(s, n, i, ")")) i += 1;
        else if (starts(s, n, i, "）")) i += strlen("）");
        else return r;
        r.kind = cn ? GK_NUM_CN_PAREN : GK_NUM_AR_PAREN;
    } else {
        if (starts(s, n, i, "、")) i += strlen("、");
        else if (starts(s, n, i, "．")) i += strlen("．");
        else if (starts(s, n, i, "，") && cn) return r;
        else if (starts(s, n, i, ".") && !(i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')) i += 1;
        else return r;
        r.kind = cn ? GK_NUM_CN : GK_NUM_AR;
    }
    r.value = v;
    r.len = skip_spaces(s, n, i);
    return r;
}

gk_numparse gk_parse_cell_number_ex(const char *s, size_t n, unsigned flags, gk_decimal *out) {
    s = gk_trim(s, &n);
    if (n > 1 && (flags & GK_CELL_SIGNED)) {
        bool neg = s[0] == '-', plus = s[0] == '+';
        size_t k = 1;
        if (n > 3 && !memcmp(s, "－", 3)) { neg = true; k = 3; }
        if (neg || plus) {
            gk_numparse np = gk_parse_cell_number_ex(s + k, n - k, flags & ~(unsigned)GK_CELL_SIGNED, out);
            if (np == GK_NP_NUMBER && neg) out->value = -out->value;
            return np == GK_NP_BLANK ? GK_NP_NOT_NUMBER : np;
        }
    }
    if ((flags & GK_CELL_YUAN) && n > 3 && !memcmp(s + n - 3, "元", 3) && !(n > 6 && !memcmp(s + n - 6, "万元", 6))) {
        n -= 3;
        s = gk_trim(s, &n);
        if (!n) return GK_NP_NOT_NUMBER;
    }
    return gk_parse_cell_number(s, n, (flags & GK_CELL_DECIMAL) != 0, out);
}

/* gk_parse_cell_number past its fast paths: placeholders, units, full-width digits, separators, decimals.
 * Kept out of line so that the fast paths (most calls) need no large stack frame. */
__attribute__((noinline)) static gk_numparse parse_cell_rest(const char *s, size_t n, bool allow_decimal,
                                                             gk_decimal *out) {
#define LIT(x) {x, sizeof x - 1}
    static const struct { const char *s; size_t n; } blanks[] = {
        LIT("-"), LIT("--"), LIT("—"), LIT("——"), LIT("–"), LIT("/"), LIT("／"), LIT("无"), LIT("空"), LIT("－"),
    };
    for (size_t b = 0; b < sizeof blanks / sizeof blanks[0]; b++)
        if (n == blanks[b].n && memcmp(s, blanks[b].s, n) == 0) return GK_NP_BLANK;
    /* Strip a trailing unit. */
    static const struct { const char *s; size_t n; } units[] = {
        LIT("万元"), LIT("件"), LIT("个"), LIT("条"), LIT("项"), LIT("次"), LIT("元"),
    };
#undef LIT
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = units[u].n;
        if (n > ul && memcmp(s + n - ul, units[u].s, ul) == 0) {
            if (u == sizeof units / sizeof units[0] - 1) return GK_NP_NOT_NUMBER;   /* 元 is not the unit of any cell */
            n -= ul;
            s = gk_trim(s, &n);
            break;
        }
    }
    int64_t v = 0;
    int scale = -1;
    size_t digits = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t l = gk_utf8_next(s + i, n - i, &cp);
        int d = -1;
        if (cp >= '0' && cp <= '9') d = cp - '0';
        else if (cp >= 0xFF10 && cp <= 0xFF19) d = cp - 0xFF10;
        if (d >= 0) {
            if (v > (INT64_MAX - 9) / 10 || (scale >= 0 && scale >= 6)) return GK_NP_NOT_NUMBER;
            v = v * 10 + d;
            digits++;
            if (scale >= 0) scale++;
        } else if ((cp == '.' || cp == 0xFF0E) && scale < 0 && digits > 0) {
            scale = 0;
        } else if ((cp == ',' || cp == 0xFF0C) && digits > 0 && scale < 0) {
            /* thousands separator: must be followed by exactly three digits */
            size_t j = i + l, cnt = 0;
            while (j < n && s[j] >= '0' && s[j] <= '9' && cnt < 4) { j++; cnt++; }
            if (cnt != 3) return GK_NP_NOT_NUMBER;
        } else {
            return GK_NP_NOT_NUMBER;
        }
        i += l;
    }
    if (digits == 0 || scale == 0) return GK_NP_NOT_NUMBER;
    if (scale > 0 && !allow_decimal) return GK_NP_NOT_NUMBER;
    out->value = v;
    out->scale = (uint8_t)(scale > 0 ? scale : 0);
    return GK_NP_NUMBER;
}

gk_numparse gk_parse_cell_number(const char *s, size_t n, bool allow_decimal, gk_decimal *out) {
    s = gk_trim(s, &n);
    out->value = 0;
    out->scale = 0;
    if (n == 0) return GK_NP_BLANK;
    /* the common case: ASCII digits only (18 of them cannot overflow) */
    if (n <= 18) {
        size_t i = 0;
        int64_t v = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
        if (i == n) { out->value = v; return GK_NP_NUMBER; }
    }
    /* A number starts with a digit, a placeholder (below) with - / — – ／ 无 空 or －: anything else is text. */
    int32_t first;
    gk_utf8_next(s, n, &first);
    if (!((first >= '0' && first <= '9') || (first >= 0xFF10 && first <= 0xFF19) || first == '-' || first == '/' ||
          first == 0x2014 || first == 0x2013 || first == 0xFF0F || first == 0x65E0 || first == 0x7A7A ||
          first == 0xFF0D))
        return GK_NP_NOT_NUMBER;
    return parse_cell_rest(s, n, allow_decimal, out);
}

const char *gk_decimal_str(gk_decimal d, char out[32]) {
    if (d.scale == 0) { gk_int_str(d.value, out); return out; }
    /* digits of the value, then the point inserted scale places from the right (a sign first) */
    if (d.value < 0) {
        char pos[32];
        gk_decimal_str((gk_decimal){d.value == INT64_MIN ? INT64_MAX : -d.value, d.scale}, pos);
        out[0] = '-';
        memcpy(out + 1, pos, strnlen(pos, 30) + 1);
        out[31] = 0;
        return out;
    }
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%lld", (long long)d.value);
    int scale = d.scale > 18 ? 18 : d.scale;
    size_t o = 0;
    if (n <= scale) {
        out[o++] = '0';
        out[o++] = '.';
        for (int i = n; i < scale; i++) out[o++] = '0';
        memcpy(out + o, digits, (size_t)n);
        o += (size_t)n;
    } else {
        memcpy(out, digits, (size_t)(n - scale));
        o = (size_t)(n - scale);
        out[o++] = '.';
        memcpy(out + o, digits + n - scale, (size_t)scale);
        o += (size_t)scale;
    }
    out[o] = 0;
    return out;
}
