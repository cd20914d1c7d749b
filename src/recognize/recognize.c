/* recognize.c: document → report. Finds sections and title, classifies each grid as t2/t3/t4 by its
 * words, maps it, and records rows the form requires but the document lacks. */
#include "internal.h"

#include <string.h>

gk_status gk_recognize(gk_doc *doc, gk_report **out) {
    gk_arena *a = doc->arena;
    gk_report *r = gk_arena_alloc(a, sizeof *r);
    r->arena = a;
    r->tmpl = gk_template_2021();
    r->format = r->tmpl->format;
    r->path = doc->path;
    gk_find_sections(r, doc);
    gk_find_title(r, doc);
    for (uint32_t b = 0; b < doc->nblocks; b++) {
        const gk_block *bk = &doc->blocks[b];
        if (bk->kind != GK_BLOCK_TABLE) continue;
        gk_table_id t = gk_classify_table(a, bk);
        if (t == GK_NTABLES) continue;
        if (!r->table_found[t]) { r->table_found[t] = true; r->table_line[t] = bk->line; }
        if (t == GK_T2) gk_map_t2(r, bk);
        else if (t == GK_T3) gk_map_t3(r, bk);
        else gk_map_t4(r, bk);
    }
    for (int t = 0; t < GK_NTABLES; t++) {
        if (!r->table_found[t]) continue;
        const gk_table_def *td = &r->tmpl->tables[t];
        for (int k = 0; k < td->nrows; k++) {
            const gk_row_def *rd = &td->rows[k];
            bool any = false;
            for (int f = 0; f < rd->nfields; f++) any |= r->cells[rd->first + f].state != GK_CELL_ABSENT;
            if (!any) gk_report_add_shape(r, (gk_shape){(gk_table_id)t, GK_SHAPE_ROW_MISSING, r->table_line[t], k,
                                                        rd->label, 0, 0});
        }
    }
    bool any_section = false, any_table = false;
    for (int s = 0; s < 6; s++) any_section |= r->sections[s].present;
    for (int t = 0; t < GK_NTABLES; t++) any_table |= r->table_found[t];
    *out = r;
    if (!any_section && !any_table) return GK_ERR_NOT_REPORT;
    return GK_OK;
}

gk_status gk_report_from_bytes(gk_arena *a, const char *path, const char *bytes, size_t len, gk_report **out,
                               const char **detail) {
    gk_doc *doc;
    *out = NULL;
    gk_status st = gk_read_any(a, path, bytes, len, &doc, detail);
    if (st != GK_OK) return st;
    return gk_recognize(doc, out);
}
