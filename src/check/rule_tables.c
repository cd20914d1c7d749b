/* rule_tables.c: TABLE.MISSING, TABLE.SHAPE (from what recognition saw) and FORMAT.OUTDATED. */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const char *const table_zh[] = {"表二", "表三", "表四"};
static const int table_section[] = {1, 2, 3};   /* t2 in 二, t3 in 三, t4 in 四 (0-based) */

void gk_rules_tables(gk_report *r) {
    for (int t = 0; t < GK_NTABLES; t++) {
        if (r->table_found[t]) continue;
        const gk_table_def *td = &r->tmpl->tables[t];
        gk_diag_add(r, "TABLE.MISSING", GK_SEV_ERROR, td->key, gk_section_anchor(r, table_section[t]),
                    gk_arena_printf(r->arena, "未找到%s（%s）", table_zh[t], td->title),
                    gk_arena_printf(r->arena, "table %s (%s) was not found", td->key, td->title_en));
    }
    /* TABLE.SHAPE: group what recognition recorded by table and kind */
    for (int t = 0; t < GK_NTABLES; t++) {
        const gk_table_def *td = &r->tmpl->tables[t];
        for (int kind = GK_SHAPE_ROW_MISSING; kind <= GK_SHAPE_CELL_DISPLACED; kind++) {   /* UNSPLIT: FORMAT.OUTDATED */
            gk_buf zh, en;
            gk_buf_init(&zh); gk_buf_init(&en);
            int count = 0, minf = 1 << 30, maxf = -1, expected = 0;
            uint32_t line = 0;
            for (uint32_t i = 0; i < r->nshapes; i++) {
                const gk_shape *s = &r->shapes[i];
                if ((int)s->table != t || (int)s->kind != kind) continue;
                if (!count || (s->line && s->line < line)) line = s->line;
                count++;
                if (s->found < minf) minf = s->found;
                if (s->found > maxf) maxf = s->found;
                expected = s->expected;
                if (count <= 30) {
                    if (zh.len) { gk_buf_puts(&zh, "、"); gk_buf_puts(&en, ", "); }
                    const char *lab = s->row >= 0 ? td->rows[s->row].label : s->label;
                    const char *lab_en = s->row >= 0 ? td->rows[s->row].label_en : s->label;
                    if (kind == GK_SHAPE_ROW_UNKNOWN || kind == GK_SHAPE_ROW_DUPLICATE || kind == GK_SHAPE_ROW_UNLABELED ||
                        kind == GK_SHAPE_CELL_DISPLACED)
                        gk_buf_printf(&zh, "第 %u 行「%s」", s->line, lab);
                    else
                        gk_buf_printf(&zh, "「%s」", lab);
                    gk_buf_printf(&en, "«%s»", lab_en);
                }
            }
            if (!count) continue;
            if (count > 30) { gk_buf_puts(&zh, " 等"); gk_buf_puts(&en, " …"); }
            const char *mz = NULL, *me = NULL;
            char range[32];
            if (minf == maxf) snprintf(range, sizeof range, "%d", minf);
            else snprintf(range, sizeof range, "%d–%d", minf, maxf);
            switch ((gk_shape_kind)kind) {
            case GK_SHAPE_ROW_MISSING:
                mz = gk_arena_printf(r->arena, "%s缺少 %d 个法定行：%s", table_zh[t], count, zh.data);
                me = gk_arena_printf(r->arena, "%s lacks %d statutory rows: %s", td->key, count, en.data);
                break;
            case GK_SHAPE_ROW_UNKNOWN:
                mz = gk_arena_printf(r->arena, "%s中有 %d 行带数字但不是法定行：%s", table_zh[t], count, zh.data);
                me = gk_arena_printf(r->arena, "%s has %d rows with numbers that are not on the form: %s", td->key, count, en.data);
                break;
            case GK_SHAPE_ROW_SHORT:
                mz = gk_arena_printf(r->arena, "%s有 %d 行只有 %s 个数值单元格，法定格式为 %d 列；无法确定各数值属于哪一列，这些单元格记为不可读（null），请按法定格式补齐缺失的列：%s",
                                     table_zh[t], count, range, expected, zh.data);
                me = gk_arena_printf(r->arena, "%s: %d rows have only %s value cells where the form has %d columns; which value belongs to which column cannot be settled, so these cells are unreadable (null); restore the missing columns: %s",
                                     td->key, count, range, expected, en.data);
                break;
            case GK_SHAPE_ROW_LONG:
                mz = gk_arena_printf(r->arena, "%s有 %d 行有 %s 个数值单元格，多于法定的 %d 列：%s", table_zh[t], count, range, expected, zh.data);
                me = gk_arena_printf(r->arena, "%s: %d rows have %s value cells, more than the form's %d columns: %s", td->key, count, range, expected, en.data);
                break;
            case GK_SHAPE_ROW_DUPLICATE:
                mz = gk_arena_printf(r->arena, "%s中法定行重复出现（已采用第一次出现的数值）：%s", table_zh[t], zh.data);
                me = gk_arena_printf(r->arena, "%s repeats statutory rows (the first is used): %s", td->key, en.data);
                break;
            case GK_SHAPE_ROW_UNLABELED:
                mz = gk_arena_printf(r->arena, "%s有 %d 行数字没有行标签，已按法定行序归入：%s；请核对并补上行标签", table_zh[t], count, zh.data);
                me = gk_arena_printf(r->arena, "%s has %d rows of numbers without labels, placed by the statutory order as: %s; check them and restore the labels", td->key, count, en.data);
                break;
            case GK_SHAPE_CELL_DISPLACED:
                mz = gk_arena_printf(r->arena, "%s有 %d 个单元格的数值印在表格之外（该行各项之和与之相符，已采用）：%s", table_zh[t], count, zh.data);
                me = gk_arena_printf(r->arena, "%s has %d cells whose value is printed outside the table (it matches the row's sum and was used): %s", td->key, count, en.data);
                break;
            case GK_SHAPE_ROW_UNSPLIT:   /* reported as FORMAT.OUTDATED below */
                break;
            case GK_SHAPE_HEADER_MISSING:
                mz = gk_arena_printf(r->arena, "%s表头缺少法定列：%s", table_zh[t], zh.data);
                me = gk_arena_printf(r->arena, "the header of %s lacks statutory columns: %s", td->key, en.data);
                break;
            }
            if (mz) gk_diag_add(r, "TABLE.SHAPE", GK_SEV_ERROR, td->key, line, mz, me);
            gk_buf_free(&zh); gk_buf_free(&en);
        }
    }
    for (uint32_t i = 0; i < r->nshapes; i++) {
        const gk_shape *s = &r->shapes[i];
        if (s->kind != GK_SHAPE_ROW_UNSPLIT) continue;
        gk_diag_add(r, "FORMAT.OUTDATED", r->year >= 2021 ? GK_SEV_ERROR : GK_SEV_WARNING, "t3.other_other", s->line,
                    gk_arena_printf(r->arena, "表三「（六）其他处理」只有一行（2019 年版格式），2021 年版应分为 1.逾期不补正、2.逾期未缴费、3.其他 三行；该行数值为 %s%s",
                                    s->label, s->found ? "，全为 0，三行均记为 0" : "，无法拆分，三行记为不可读（null）"),
                    gk_arena_printf(r->arena, "t3 has （六）其他处理 as one row (the 2019 form); the 2021 form splits it into three rows; its values are %s%s",
                                    s->label, s->found ? ", all 0, so each of the three rows is 0" : ", which cannot be split: the three rows are unreadable (null)"));
    }
    if (r->format && strcmp(r->format, "2019") == 0 && r->year >= 2021) {
        gk_diag_add(r, "FORMAT.OUTDATED", GK_SEV_ERROR, "t2", r->table_line[GK_T2],
                    gk_arena_printf(r->arena, "%d 年度报告应使用 2021 年版格式（国办公开办函〔2021〕30号），但表二使用了 2019 年版的栏目", r->year),
                    gk_arena_printf(r->arena, "a report for %d must use the 2021 format, but table 2 has the 2019 columns", r->year));
    }
}
