/* xlsx.c: the statutory tables as XLSX (placeholder until the XLSX renderer lands). */
#include "gongkai/render.h"

gk_status gk_render_xlsx(const gk_report *r, const char *path, const char *lang) {
    (void)r; (void)path; (void)lang;
    return GK_ERR_UNSUPPORTED;
}
