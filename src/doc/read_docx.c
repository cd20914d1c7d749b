/* read_docx.c: DOCX reader (placeholder until the reader lands). */
#include "gongkai/doc.h"

gk_status gk_read_docx(gk_arena *a, const char *path, const char *bytes, size_t len, gk_doc **out,
                       const char **detail) {
    (void)a; (void)path; (void)bytes; (void)len; (void)detail;
    *out = NULL;
    return GK_ERR_UNSUPPORTED;
}
