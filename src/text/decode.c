/* decode.c: bytes → UTF-8. (Minimal: UTF-8 with or without BOM; the encoding layer replaces this.) */
#include "gongkai/doc.h"
#include "gongkai/text.h"

#include <string.h>

gk_status gk_decode(gk_arena *a, const char *bytes, size_t len, char **utf8, size_t *utf8_len,
                    const char **encoding, const char **detail) {
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) { bytes += 3; len -= 3; }
    *encoding = "UTF-8";
    *utf8 = gk_arena_strndup(a, bytes, len);
    *utf8_len = len;
    (void)detail;
    return GK_OK;
}

bool gk_doc_simplify(gk_doc *doc) {
    (void)doc;
    return false;
}
