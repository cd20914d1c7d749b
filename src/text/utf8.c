/* utf8.c: UTF-8 validation and decoding, and what counts as space. */
#include "gongkai/text.h"

#include <string.h>

static inline bool cont(unsigned char b) { return (b & 0xC0) == 0x80; }

/* Each length checked on its own: a lead byte below C2 (a continuation byte, or an overlong 2-byte
 * sequence) or above F4 (beyond U+10FFFF) is bad at once. */
size_t gk_utf8_decode(const char *str, size_t n, int32_t *cp) {
    const unsigned char *s = (const unsigned char *)str;
    if (n == 0) { *cp = 0; return 0; }
    unsigned c = s[0];
    if (c < 0x80) { *cp = (int32_t)c; return 1; }
    *cp = 0xFFFD;
    if (c < 0xC2 || c > 0xF4) return 1;
    if (c < 0xE0) {
        if (n < 2 || !cont(s[1])) return 1;
        *cp = (int32_t)((c & 0x1F) << 6 | (s[1] & 0x3Fu));
        return 2;
    }
    if (c < 0xF0) {
        if (n < 3 || !cont(s[1]) || !cont(s[2])) return 1;
        int32_t v = (int32_t)((c & 0x0F) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu));
        if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) return 1;
        *cp = v;
        return 3;
    }
    if (n < 4 || !cont(s[1]) || !cont(s[2]) || !cont(s[3])) return 1;
    int32_t v = (int32_t)((c & 0x07) << 18 | (s[1] & 0x3Fu) << 12 | (s[2] & 0x3Fu) << 6 | (s[3] & 0x3Fu));
    if (v < 0x10000 || v > 0x10FFFF) return 1;
    *cp = v;
    return 4;
}

size_t gk_utf8_len(const char *s, size_t n) {
    int32_t cp;
    size_t l = gk_utf8_next(s, n, &cp);
    return l ? l : 1;
}

/* Little-endian loads of 4 and 8 bytes (memcpy: no alignment needed, one instruction). */
static inline uint32_t load32(const unsigned char *p) {
    uint32_t w;
    memcpy(&w, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap32(w);
#endif
    return w;
}

static inline uint64_t load64(const unsigned char *p) {
    uint64_t w;
    memcpy(&w, p, 8);
    return w;   /* only tested against a byte-symmetric mask: the byte order does not matter */
}

/* Report text is mostly 3-byte characters (CJK) with runs of ASCII, so both are checked in tight runs:
 * ASCII eight bytes at a time, 3-byte characters one 4-byte load each (lead 1110xxxx, two continuation
 * bytes, and a lead other than E0/ED, which alone can be overlong or a surrogate). Everything else (2- and
 * 4-byte characters, E0/ED, the last three bytes, bad bytes) goes through gk_utf8_decode, which alone
 * decides what is bad; *bad is the start of the character it rejects. U+FFFD itself is valid. */
bool gk_utf8_valid(const char *str, size_t n, size_t *bad) {
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            while (i + 8 <= n && !(load64(s + i) & 0x8080808080808080ull)) i += 8;
            continue;
        }
        /* bit k of 0xDFFE: a lead byte Ek needs no range check (every k but 0 and D) */
        while (i + 4 <= n) {
            uint32_t w = load32(s + i);
            if ((w & 0xC0C0F0u) != 0x8080E0u || !((0xDFFEu >> (w & 0x0F)) & 1)) break;
            i += 3;
        }
        if (i >= n || s[i] < 0x80) continue;
        int32_t cp;
        size_t l = gk_utf8_decode(str + i, n - i, &cp);
        if (cp == 0xFFFD && !(l == 3 && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] == 0xBD)) {
            if (bad) *bad = i;
            return false;
        }
        i += l;
    }
    return true;
}

const char *gk_trim(const char *s, size_t *n) {
    size_t len = *n;
    while (len) {
        unsigned char c = (unsigned char)s[0];
        if (c > 0x20 && c < 0x80) break;   /* printable ASCII: no space, no decoding */
        int32_t cp;
        size_t l = gk_utf8_next(s, len, &cp);
        if (!gk_is_space_cp(cp)) break;
        s += l;
        len -= l;
    }
    while (len) {
        unsigned char c = (unsigned char)s[len - 1];
        if (c < 0x80) {   /* ASCII ends most text */
            if (c != ' ' && (c < 0x09 || c > 0x0D)) break;
            len--;
            continue;
        }
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
