/* utf8.c: UTF-8 validation and decoding, and what counts as space. */
#include "gongkai/text.h"

#include <string.h>

size_t gk_utf8_decode(const char *str, size_t n, int32_t *cp) {
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

size_t gk_utf8_len(const char *s, size_t n) {
    int32_t cp;
    size_t l = gk_utf8_next(s, n, &cp);
    return l ? l : 1;
}

bool gk_utf8_valid(const char *str, size_t n, size_t *bad) {
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        /* ASCII eight bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        if (s[i] < 0x80) { i++; continue; }
        int32_t cp;
        size_t l = gk_utf8_next(str + i, n - i, &cp);
        if (cp == 0xFFFD && !(l == 3 && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] == 0xBD)) {
            if (bad) *bad = i;
            return false;
        }
        i += l;
    }
    return true;
}

bool gk_is_space_cp(int32_t cp) {
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF || cp == 0x202F || cp == 0x205F;
}

const char *gk_trim(const char *s, size_t *n) {
    size_t len = *n;
    while (len) {
        int32_t cp;
        size_t l = gk_utf8_next(s, len, &cp);
        if (!gk_is_space_cp(cp)) break;
        s += l;
        len -= l;
    }
    while (len) {
        size_t k = len;   /* step back to the start of the last character */
        do { k--; } while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80);
        int32_t cp;
        gk_utf8_next(s + k, len - k, &cp);
        if (!gk_is_space_cp(cp)) break;
        len = k;
    }
    *n = len;
    return s;
}

bool gk_is_blank(const char *s, size_t n) {
    gk_trim(s, &n);
    return n == 0;
}
