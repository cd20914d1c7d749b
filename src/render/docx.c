/* docx.c: the statutory layout as DOCX (placeholder until the DOCX renderer lands). */
#include "gongkai/render.h"

gk_status gk_render_docx(const gk_report *r, gk_buf *out) {
    (void)r; (void)out;
    return GK_ERR_UNSUPPORTED;
}
