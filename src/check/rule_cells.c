/* rule_cells.c: CELL.BLANK (grouped: one finding per table and pattern of blank columns, so a report
 * that left 150 cells blank reads as a line or two) and CELL.NOT_NUMBER (one per cell). */
#include "internal.h"

#include <string.h>

static const char *const table_zh[] = {"表二", "表三", "表四"};

static void blank_groups(gk_report *r, const gk_table_def *td) {
    uint32_t masks[32] = {0};
    for (int k = 0; k < td->nrows; k++)
        for (int f = 0; f < td->rows[k].nfields; f++)
            if (r->cells[td->rows[k].first + f].state == GK_CELL_BLANK) masks[k] |= 1u << f;
    bool done[32] = {false};
    for (int k = 0; k < td->nrows; k++) {
        if (!masks[k] || done[k]) continue;
        /* every row with the same blank fields (for t2 rows, the same field list too) */
        gk_buf rows_zh, rows_en, cols_zh, cols_en;
        gk_buf_init(&rows_zh); gk_buf_init(&rows_en); gk_buf_init(&cols_zh); gk_buf_init(&cols_en);
        int nrows = 0, ncells = 0, first_cell = -1, last_row = k;
        uint32_t first_line = UINT32_MAX;
        for (int j = k; j < td->nrows; j++) {
            if (masks[j] != masks[k] || td->rows[j].fields != td->rows[k].fields || done[j]) continue;
            done[j] = true;
            nrows++;
            last_row = j;
            if (rows_zh.len) { gk_buf_puts(&rows_zh, "、"); gk_buf_puts(&rows_en, ", "); }
            gk_buf_printf(&rows_zh, "「%s」", td->rows[j].label);
            gk_buf_printf(&rows_en, "«%s»", td->rows[j].label_en);
            for (int f = 0; f < td->rows[j].nfields; f++) {
                if (!(masks[j] & (1u << f))) continue;
                int cell = td->rows[j].first + f;
                ncells++;
                if (r->cells[cell].src.line && r->cells[cell].src.line < first_line) {
                    first_line = r->cells[cell].src.line;
                    first_cell = cell;
                }
                if (first_cell < 0) first_cell = cell;
            }
        }
        const gk_row_def *rd = &td->rows[k];
        for (int f = 0; f < rd->nfields; f++) {
            if (!(masks[k] & (1u << f))) continue;
            if (cols_zh.len) { gk_buf_puts(&cols_zh, "、"); gk_buf_puts(&cols_en, ", "); }
            gk_buf_puts(&cols_zh, rd->fields[f].label);
            gk_buf_puts(&cols_en, rd->fields[f].label_en);
        }
        const char *zh, *en;
        if (nrows > 3) {
            zh = gk_arena_printf(r->arena, "%s %d 行（%s 至 %s）的「%s」留空，共 %d 格；空白不等于 0，请填写实际数字（没有则填 0）",
                                 table_zh[td->id], nrows, td->rows[k].label, td->rows[last_row].label,
                                 cols_zh.data, ncells);
            en = gk_arena_printf(r->arena, "%s: %s left blank in %d rows, %d cells; blank is not 0: fill in the numbers (0 if none)",
                                 td->key, cols_en.data, nrows, ncells);
            /* name the exact rows when they are not the whole table */
            if (nrows != td->nrows) {
                zh = gk_arena_printf(r->arena, "%s（%s）", zh, rows_zh.data);
                en = gk_arena_printf(r->arena, "%s (%s)", en, rows_en.data);
            }
        } else {
            zh = gk_arena_printf(r->arena, "%s %s 的「%s」留空，共 %d 格；空白不等于 0，请填写实际数字（没有则填 0）",
                                 table_zh[td->id], rows_zh.data, cols_zh.data, ncells);
            en = gk_arena_printf(r->arena, "%s %s: %s left blank, %d cells; blank is not 0: fill in the numbers (0 if none)",
                                 td->key, rows_en.data, cols_en.data, ncells);
        }
        gk_diag_add(r, "CELL.BLANK", GK_SEV_WARNING, gk_cell_path(r, first_cell),
                    first_line == UINT32_MAX ? 0 : first_line, zh, en);
        gk_buf_free(&rows_zh); gk_buf_free(&rows_en); gk_buf_free(&cols_zh); gk_buf_free(&cols_en);
    }
}

void gk_rules_cells(gk_report *r) {
    for (int t = 0; t < GK_NTABLES; t++) {
        if (!r->table_found[t]) continue;
        blank_groups(r, &r->tmpl->tables[t]);
    }
    for (int i = 0; i < GK_NCELLS; i++) {
        const gk_cell *c = &r->cells[i];
        if (c->state != GK_CELL_UNREADABLE || c->unsettled || !c->raw) continue;   /* unsettled: TABLE.SHAPE's */
        size_t n = strlen(c->raw);
        const char *t = gk_trim(c->raw, &n);
        gk_diag_add(r, "CELL.NOT_NUMBER", GK_SEV_ERROR, gk_cell_path(r, i), c->src.line,
                    gk_arena_printf(r->arena, "%s 的内容「%.*s」不是数字", gk_cell_name(r, i, false), (int)n, t),
                    gk_arena_printf(r->arena, "%s holds «%.*s», which is not a number", gk_cell_name(r, i, true), (int)n, t));
    }
}
