/* rollup.c: a district from its offices. Cells are summed unit by unit; a cell is a number only when every
 * unit gives a number there, otherwise it stays blank and is marked incomplete with the partial sum and the
 * count of units missing, so a sum with a blank part is never silently low. Units must share a template. */
#include "gongkai/analyze.h"

#include <string.h>

gk_report *gk_rollup(gk_arena *a, gk_report *const *units, size_t n, const char *agency, gk_rollup_cell *cells) {
    gk_report *r = gk_arena_alloc(a, sizeof *r);
    r->arena = a;
    r->tmpl = n ? units[0]->tmpl : gk_template_2021();
    r->format = r->tmpl->format;
    r->aggregate = true;
    r->agency = agency ? gk_arena_strdup(a, agency) : NULL;
    r->path = r->agency ? r->agency : "rollup";
    int year = 0;
    for (size_t u = 0; u < n; u++) {
        if (!year) year = units[u]->year;
        else if (units[u]->year && units[u]->year != year) year = -1;
    }
    r->year = year > 0 ? year : 0;
    if (r->agency && r->year) r->title = gk_arena_printf(a, "%s%d年政府信息公开工作年度报告（汇总）", r->agency, r->year);
    for (int t = 0; t < GK_NTABLES; t++)
        for (size_t u = 0; u < n; u++) r->table_found[t] |= units[u]->table_found[t];
    for (int i = 0; i < r->tmpl->ncells; i++) {
        int64_t sum = 0;
        int missing = 0;
        uint8_t scale = 0;
        bool first = true, scale_mix = false;
        for (size_t u = 0; u < n; u++) {
            const gk_cell *c = &units[u]->cells[i];
            if (units[u]->tmpl != r->tmpl || c->state != GK_CELL_NUMBER) { missing++; continue; }
            gk_decimal d = c->num;
            if (first) { scale = d.scale; first = false; }
            while (d.scale < scale) { d.value *= 10; d.scale++; }
            while (scale < d.scale && !scale_mix) {   /* widen what we have so far */
                sum *= 10;
                scale++;
            }
            if (d.scale != scale) scale_mix = true;
            sum += d.value;
        }
        gk_cell *out = &r->cells[i];
        if (n && !missing && !scale_mix) {
            out->state = GK_CELL_NUMBER;
            out->num = (gk_decimal){sum, scale};
        } else if (n) {
            out->state = GK_CELL_BLANK;
        }
        if (cells) cells[i] = (gk_rollup_cell){n && missing > 0, sum, scale, missing};
    }
    return r;
}
