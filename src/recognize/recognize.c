/* recognize.c: document → report. Finds sections and title, then gathers each statutory table from every
 * piece of it (converters cut tables apart, float labels between the pieces, write rows as text), classifies
 * grids by their words, and maps each table once over all its rows in document order. */
#include "internal.h"

#include <string.h>

typedef struct {
    gk_drow **rows;
    uint32_t n, cap;
} rowlist;

static void push_row(gk_arena *a, rowlist *l, gk_drow *row) {
    l->rows = gk_arena_grow(a, l->rows, l->n, &l->cap, sizeof *l->rows, 64);
    l->rows[l->n++] = row;
}

/* Only numbers (and blanks): a piece of a table whose words stayed in another piece. */
static bool numeric_piece(const gk_block *b) {
    bool any = false;
    for (uint32_t i = 0; i < b->nrows; i++)
        for (uint32_t c = 0; c < b->rows[i].ncells; c++) {
            gk_decimal d;
            gk_numparse np = gk_parse_cell_number(b->rows[i].cells[c].text, b->rows[i].cells[c].len, true, &d);
            if (np == GK_NP_NOT_NUMBER) return false;
            any |= np == GK_NP_NUMBER;
        }
    return any;
}

static bool is_heading_line(const gk_report *r, uint32_t line) {
    for (int s = 0; s < 6; s++)
        if (r->sections[s].present && r->sections[s].line == line) return true;
    return false;
}

/* The 2019 form: t2 with its columns (本年新制作数量 …) or rows (其他对外管理服务事项, 政府集中采购); or, without
 * a t2, a t3 whose （六）其他处理 is one row. 2021 t2 with that single row is a hybrid: the 2021 template, with
 * the single row kept (see gk_map_t3). */
static void choose_format(gk_report *r, const rowlist *lists) {
    gk_arena *a = r->arena;
    bool t2_2019 = false, unsplit = false, split = false;
    for (uint32_t i = 0; i < lists[GK_T2].n && !t2_2019; i++) {
        const gk_drow *row = lists[GK_T2].rows[i];
        for (uint32_t c = 0; c < row->ncells && !t2_2019; c++)
            if (row->cells[c].len < 200) t2_2019 = gk_cell_2019_t2_word(a, &row->cells[c]);
    }
    for (uint32_t i = 0; i < lists[GK_T3].n; i++) {
        const gk_drow *row = lists[GK_T3].rows[i];
        bool numbers = false, other = false;
        for (uint32_t c = 0; c < row->ncells; c++) {
            if (gk_cell_np(&row->cells[c], false) != GK_NP_NOT_NUMBER) { numbers |= true; continue; }
            if (row->cells[c].len > 300) continue;
            const char *f = gk_cell_folded(a, &row->cells[c]);
            gk_numbering n = gk_numbering_parse(f, strlen(f));
            if (!strcmp(f + n.len, "其他处理")) other = true;
            else if (gk_has(f, "不补正") || gk_has(f, "缴纳费用")) split = true;
            else if (other) other = !gk_has(f + n.len, "其他");   /* （六）其他处理 | 3.其他 is the split form */
        }
        if (other && numbers) unsplit = true;
    }
    if (t2_2019 || (unsplit && !split && !r->table_found[GK_T2])) {
        r->tmpl = gk_template_2019();
        r->format = r->tmpl->format;
    } else if (unsplit && !split) {
        r->hybrid = true;
    }
}

gk_status gk_recognize(gk_doc *doc, gk_report **out) {
    gk_arena *a = doc->arena;
    gk_report *r = gk_arena_alloc(a, sizeof *r);
    r->arena = a;
    r->tmpl = gk_template_2021();
    r->format = r->tmpl->format;
    r->path = doc->path;
    r->src = doc->src;
    r->srclen = doc->srclen;
    gk_find_sections(r, doc);
    gk_find_title(r, doc);

    rowlist lists[GK_NTABLES] = {{0}};
    gk_stray *strays = gk_arena_alloc(a, (doc->nblocks + 1) * sizeof *strays);
    uint32_t nstrays = 0;
    gk_table_id last = GK_NTABLES;
    for (uint32_t b = 0; b < doc->nblocks; b++) {
        const gk_block *bk = &doc->blocks[b];
        gk_table_id t = GK_NTABLES;
        if (bk->kind == GK_BLOCK_PARA) {
            if (is_heading_line(r, bk->line)) { last = GK_NTABLES; continue; }
            gk_drow *row = gk_loose_row(r, bk, &t);
            if (row) {
                push_row(a, &lists[t], row);
                if (!r->table_found[t]) { r->table_found[t] = true; r->table_line[t] = bk->line; }
                r->table_end_line[t] = bk->line;
                last = t;
                continue;
            }
            gk_decimal d;
            if (last == GK_T3 && bk->len <= 24 && gk_parse_cell_number(bk->text, bk->len, false, &d) == GK_NP_NUMBER) {
                bool in_src = doc->src && bk->text >= doc->src && bk->text + bk->len <= doc->src + doc->srclen;
                strays[nstrays++] = (gk_stray){d, bk->line, bk->text, bk->len, in_src ? (uint32_t)(bk->text - doc->src) : 0};
            }
            continue;
        }
        t = gk_classify_table(a, bk);
        if (t == GK_NTABLES && (last == GK_T3 || last == GK_T4) && numeric_piece(bk)) t = last;
        if (t == GK_NTABLES) continue;
        if (!r->table_found[t]) { r->table_found[t] = true; r->table_line[t] = bk->line; }
        for (uint32_t i = 0; i < bk->nrows; i++) push_row(a, &lists[t], &bk->rows[i]);
        if (bk->nrows && bk->rows[bk->nrows - 1].line > r->table_end_line[t]) r->table_end_line[t] = bk->rows[bk->nrows - 1].line;
        if (bk->end_line > r->table_end_line[t]) r->table_end_line[t] = bk->end_line;
        last = t;
    }
    choose_format(r, lists);
    gk_map_t2(r, lists[GK_T2].rows, lists[GK_T2].n);
    gk_map_t3(r, lists[GK_T3].rows, lists[GK_T3].n, strays, nstrays);
    gk_map_t4(r, lists[GK_T4].rows, lists[GK_T4].n);
    if (!r->table_found[GK_T2] && !r->table_found[GK_T3] && !r->table_found[GK_T4]) gk_recognize_flat(r, doc);

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
    if (gk_looks_like_report_json(bytes, len)) return gk_report_from_json(a, path, bytes, len, out, detail);
    gk_status st = gk_read_any(a, path, bytes, len, &doc, detail);
    if (st != GK_OK) return st;
    return gk_recognize(doc, out);
}
