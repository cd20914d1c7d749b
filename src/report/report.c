/* report.c: small operations on the report model (cell lookup, growing its lists). */
#include "gongkai/report.h"

#include <string.h>

const gk_cell *gk_report_cell(const gk_report *r, const char *path) {
    int i = gk_template_cell_index(r->tmpl, path);
    return i < 0 ? NULL : &r->cells[i];
}

void gk_report_add_shape(gk_report *r, gk_shape s) {
    if (r->nshapes == r->shapes_cap) {
        uint32_t cap = r->shapes_cap ? r->shapes_cap * 2 : 16;
        gk_shape *d = gk_arena_alloc(r->arena, cap * sizeof *d);
        if (r->nshapes) memcpy(d, r->shapes, r->nshapes * sizeof *d);
        r->shapes = d;
        r->shapes_cap = cap;
    }
    r->shapes[r->nshapes++] = s;
}

gk_diag *gk_report_add_diag(gk_report *r) {
    if (r->ndiags == r->diags_cap) {
        uint32_t cap = r->diags_cap ? r->diags_cap * 2 : 16;
        gk_diag *d = gk_arena_alloc(r->arena, cap * sizeof *d);
        if (r->ndiags) memcpy(d, r->diags, r->ndiags * sizeof *d);
        r->diags = d;
        r->diags_cap = cap;
    }
    gk_diag *g = &r->diags[r->ndiags++];
    memset(g, 0, sizeof *g);
    return g;
}
