/* read_html.c: HTML reader (placeholder until the streaming reader lands). */
#include "gongkai/doc.h"

gk_status gk_read_html(gk_arena *a, const char *path, const char *utf8, size_t len, gk_doc **out,
                       const char **detail) {
    (void)a; (void)path; (void)utf8; (void)len; (void)detail;
    *out = NULL;
    return GK_ERR_UNSUPPORTED;
}
