/* html.c: the statutory layout as HTML (placeholder until the HTML renderer lands). */
#include "gongkai/render.h"

gk_status gk_render_html(const gk_report *r, gk_buf *out, const char *lang) {
    (void)r; (void)out; (void)lang;
    return GK_ERR_UNSUPPORTED;
}

gk_status gk_render_findings_html(gk_report *const *reports, size_t n, gk_buf *out, const char *lang) {
    (void)reports; (void)n; (void)out; (void)lang;
    return GK_ERR_UNSUPPORTED;
}
