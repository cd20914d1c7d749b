/* report.c: small operations on the report model (cell lookup, growing its lists). */
#include "gongkai/report.h"

#include <string.h>

const gk_cell *gk_report_cell(const gk_report *r, const char *path) {
    int i = gk_template_cell_index(r->tmpl, path);
    return i < 0 ? NULL : &r->cells[i];
}

void gk_report_add_shape(gk_report *r, gk_shape s) {
    r->shapes = gk_arena_grow(r->arena, r->shapes, r->nshapes, &r->shapes_cap, sizeof *r->shapes, 16);
    r->shapes[r->nshapes++] = s;
}

gk_diag *gk_report_add_diag(gk_report *r) {
    r->diags = gk_arena_grow(r->arena, r->diags, r->ndiags, &r->diags_cap, sizeof *r->diags, 16);
    gk_diag *g = &r->diags[r->ndiags++];
    memset(g, 0, sizeof *g);
    return g;
}
