/* phrases.c: a fixed set of phrases found in a text in one scan. Recognition asks "which rows does this label
 * name?" and "which telling words does this cell hold?" of every cell, the checks "does this paragraph speak of
 * applications?" of every paragraph; the phrases are bucketed by their first three bytes (one CJK character),
 * so each position of the text costs one lookup whatever the number of phrases. */
#include "gongkai/text.h"

#include <string.h>

static unsigned bucket_of(const unsigned char *q) { return ((unsigned)q[0] * 7u + (unsigned)q[1] * 31u + q[2]) & 255u; }

bool gk_phrase_set_build(gk_phrase_set *set, const gk_phrase *phrases, size_t n) {
    memset(set, 0, sizeof *set);
    if (n > GK_PHRASES_MAX) return false;
    uint16_t count[256] = {0};
    for (size_t k = 0; k < n; k++) {
        if (phrases[k].len < 3) return false;
        count[bucket_of((const unsigned char *)phrases[k].s)]++;
    }
    for (int b = 0; b < 256; b++) set->start[b + 1] = (uint16_t)(set->start[b] + count[b]);
    memset(count, 0, sizeof count);
    for (size_t k = 0; k < n; k++) {
        unsigned b = bucket_of((const unsigned char *)phrases[k].s);
        set->v[set->start[b] + count[b]++] = phrases[k];
        unsigned c0 = (unsigned char)phrases[k].s[0];
        set->lead[c0 / 64] |= 1ull << (c0 % 64);
    }
    set->n = (uint16_t)n;
    return true;
}

uint64_t gk_phrases_in(const gk_phrase_set *set, const char *str, size_t n) {
    const unsigned char *s = (const unsigned char *)str;
    uint64_t found = 0;
    for (size_t i = 0; set->n && i + 3 <= n; i++) {
        unsigned c0 = s[i];
        /* a phrase starts with one of the set's lead bytes (never inside a character): only there is its
         * bucket looked at */
        if (set->lead[c0 / 64] >> (c0 % 64) & 1) {
            unsigned b = bucket_of(s + i);
            for (unsigned k = set->start[b]; k < set->start[b + 1]; k++) {
                const gk_phrase *ph = &set->v[k];
                const unsigned char *p = (const unsigned char *)ph->s;
                /* the first character inline: a bucket holds other characters too */
                if (p[0] == c0 && p[1] == s[i + 1] && p[2] == s[i + 2] && ph->len <= n - i &&
                    !memcmp(s + i + 3, p + 3, ph->len - 3u))
                    found |= ph->bits;
            }
        }
        /* a three-byte character (CJK) is stepped over whole */
        if (c0 >= 0xE0 && c0 < 0xF0 && (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) i += 2;
    }
    return found;
}
