/* read_md.c: Markdown reader (placeholder). */
#include "gongkai/doc.h"

gk_status gk_read_md(gk_arena *a, const char *path, const char *utf8, size_t len, gk_doc **out,
                     const char **detail) {
    size_t bad = 0;
    (void)detail;
    return gk_read_txt(a, path, utf8, len, out, &bad);
}
