/* fold.c: folding text for label comparison (utf8proc NFKC + case fold, spaces removed). */
#include "gongkai/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

char *gk_fold(gk_arena *a, const char *s, size_t n) {
    /* Fast path: pure ASCII needs no normalisation. */
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
        size_t l = gk_utf8_decode(src + i, srclen - i, &cp);
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
