/* fold.c: folding text for label comparison (utf8proc NFKC + case fold, spaces removed). */
#include "gongkai/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Code points whose NFKC case fold is known without utf8proc: unified CJK ideographs and a few CJK marks
 * map to themselves, full-width ASCII to ASCII. Anything else goes through utf8proc. */
static bool fold_fast(int32_t cp, int32_t *out) {
    if ((cp >= 0x4E00 && cp <= 0x9FFF) || cp == 0x3001 || cp == 0x3002 || (cp >= 0x300A && cp <= 0x300F) ||
        cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019) {
        *out = cp;
        return true;
    }
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
        *out = cp - 0xFEE0;
        if (*out >= 'A' && *out <= 'Z') *out += 32;
        return true;
    }
    if (cp < 0x80) {
        *out = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        return true;
    }
    return false;
}

char *gk_fold(gk_arena *a, const char *s, size_t n) {
    /* Fast path: text made only of characters fold_fast knows (most labels) needs no utf8proc. ASCII, the
     * bulk of it with CJK, is handled byte by byte without decoding. */
    {
        char *out = gk_arena_alloc(a, n + 1);
        const unsigned char *u = (const unsigned char *)s;
        size_t o = 0, i = 0;
        for (; i < n;) {
            unsigned char c = u[i];
            if (c < 0x80) {   /* ASCII: space dropped, capitals lowered (as gk_is_space_cp and fold_fast say) */
                if (c != ' ' && (c < 0x09 || c > 0x0D)) out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                i++;
                continue;
            }
            /* Ideographs U+4E00–U+9FFF (lead E4 with a second byte from B8, or E5–E9) fold to themselves. */
            if (c >= 0xE4 && c <= 0xE9 && n - i >= 3 && ((u[i + 1] ^ 0x80u) | (u[i + 2] ^ 0x80u)) < 0x40 &&
                (c != 0xE4 || u[i + 1] >= 0xB8)) {
                memcpy(out + o, s + i, 3);
                o += 3;
                i += 3;
                continue;
            }
            int32_t cp, f;
            size_t l = gk_utf8_next(s + i, n - i, &cp);
            if (gk_is_space_cp(cp)) { i += l; continue; }
            if (!fold_fast(cp, &f)) break;
            if (f < 0x80) out[o++] = (char)f;
            else { memcpy(out + o, s + i, 3); o += 3; }   /* unchanged: the same bytes, 3 of them (U+2018–U+9FFF) */
            i += l;
        }
        if (i >= n) {
            out[o] = 0;
            return out;
        }
    }
    bool ascii = true;
    for (size_t i = 0; i < n; i++) if ((unsigned char)s[i] >= 0x80) { ascii = false; break; }
    utf8proc_uint8_t *mapped = NULL;
    const char *src = s;
    size_t srclen = n;
    if (!ascii) {
        utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &mapped,
                                          UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                          UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
        if (r >= 0) { src = (const char *)mapped; srclen = (size_t)r; }
    }
    char *out = gk_arena_alloc(a, srclen + 1);
    size_t o = 0;
    for (size_t i = 0; i < srclen;) {
        int32_t cp;
        size_t l = gk_utf8_next(src + i, srclen - i, &cp);
        if (!gk_is_space_cp(cp)) {
            if (cp >= 'A' && cp <= 'Z') out[o++] = (char)(cp + 32);
            else { memcpy(out + o, src + i, l); o += l; }
        }
        i += l;
    }
    out[o] = 0;
    free(mapped);
    return out;
}
