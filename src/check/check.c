/* check.c: the rule catalogue, running the rules, and the shared helpers. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const gk_rule_info catalogue[] = {
    {"T3.ROW_TOTAL", GK_SEV_ERROR, "表三某行的总计不等于六类申请人之和", "a t3 row's total differs from the sum of its six applicant columns"},
    {"T3.COL_TOTAL", GK_SEV_ERROR, "（七）总计不等于 21 个办理结果行之和（按列）", "（七）总计 differs from the sum of the 21 outcome rows, per column"},
    {"T3.BALANCE", GK_SEV_ERROR, "一 + 二 ≠ 三（七）+ 四（表三注明的勾稽关系，按列）", "一 + 二 ≠ 三（七）+ 四, per column (the reconciliation printed on the form)"},
    {"T4.TOTAL", GK_SEV_ERROR, "表四某组的总计不等于维持、纠正、其他、尚未审结之和", "a t4 group's total differs from upheld + corrected + other + pending"},
    {"CELL.BLANK", GK_SEV_WARNING, "法定表格要求填写的单元格为空白", "a cell the form requires is blank"},
    {"CELL.NOT_NUMBER", GK_SEV_ERROR, "单元格内容不是数字", "a cell holds something that is not a number"},
    {"TABLE.MISSING", GK_SEV_ERROR, "未找到法定表格", "a statutory table was not found"},
    {"TABLE.SHAPE", GK_SEV_ERROR, "表格的行或列与法定格式不符", "a table's rows or columns do not match the statutory form"},
    {"SECTION.MISSING", GK_SEV_ERROR, "缺少六个法定部分之一", "one of the six statutory sections is absent"},
    {"SECTION.ORDER", GK_SEV_WARNING, "六个法定部分的顺序不对", "the six sections are out of order"},
    {"SECTION.NUMBERING", GK_SEV_WARNING, "标题编号错误（一、重新开始，2、代替二、，跳过（二）等）", "heading numbering is broken (一、 restarted, 2、 for 二、, a skipped （二）…)"},
    {"FORMAT.OUTDATED", GK_SEV_ERROR, "2021 年及以后的报告使用了 2019 年版表格", "a report for 2021 or later uses the 2019 tables"},
    {"TEXT.TABLE_MISMATCH", GK_SEV_WARNING, "正文叙述与表格数据矛盾", "the narrative contradicts the tables"},
    {"META.YEAR", GK_SEV_WARNING, "标题、正文与表格中的年份不一致", "the year in the title, body and tables disagree"},
    {"META.AGENCY", GK_SEV_WARNING, "机关名称或标题中的地名疑为误识（如「沐阳」应为「沭阳」），按原文保留", "a place name in the agency name or title looks misread (沐阳 for 沭阳); kept as printed"},
    {"YEAR.STOCK", GK_SEV_WARNING, "规章、行政规范性文件：上年现行有效 + 本年制发 − 本年废止 ≠ 本年现行有效", "规章/行政规范性文件: valid last year + issued − abolished ≠ valid (needs both reports)"},
    {"YEAR.CARRY", GK_SEV_ERROR, "本年「上年结转」不等于上年报告的「结转下年度继续办理」", "this year's 上年结转 differs from last year's 结转下年度 for the same agency"},
};

const gk_rule_info *gk_rules(size_t *n) {
    *n = sizeof catalogue / sizeof catalogue[0];
    return catalogue;
}

const char *gk_severity_name(gk_severity s) {
    return s == GK_SEV_ERROR ? "error" : s == GK_SEV_WARNING ? "warning" : "info";
}

gk_diag *gk_diag_add(gk_report *r, const char *rule, gk_severity sev, const char *where, uint32_t line,
                     const char *zh, const char *en) {
    gk_diag *d = gk_report_add_diag(r);
    d->rule = rule;
    d->severity = sev;
    d->where = where;
    d->line = line;
    d->msg_zh = zh;
    d->msg_en = en;
    return d;
}

static const char *const table_zh[] = {"表二", "表三", "表四"};

const char *gk_cell_name(gk_report *r, int cell, bool en) {
    const gk_table_def *td; const gk_row_def *rd; const gk_field_def *fd;
    gk_template_cell(r->tmpl, cell, &td, &rd, &fd);
    if (!td) return "?";
    if (en) return gk_arena_printf(r->arena, "%s «%s» · %s", td->key, rd->label_en, fd->label_en);
    return gk_arena_printf(r->arena, "%s「%s」·%s", table_zh[td->id], rd->label, fd->label);
}

const char *gk_cell_path(gk_report *r, int cell) {
    char buf[64];
    return gk_arena_strdup(r->arena, gk_template_cell_path(r->tmpl, cell, buf));
}

uint32_t gk_section_anchor(const gk_report *r, int s) {
    if (r->sections[s].present) return r->sections[s].line;
    for (int k = s + 1; k < 6; k++)
        if (r->sections[k].present) return r->sections[k].line;
    uint32_t last = 1;
    for (uint32_t i = 0; i < r->nparas; i++)
        if (r->paras[i].line > last) last = r->paras[i].line;
    return last;
}

static int diag_cmp(const void *a, const void *b) {
    const gk_diag *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return 0;
}

void gk_check_report(gk_report *r) {
    uint32_t first = r->ndiags;
    if (!r->aggregate) gk_rules_sections(r);
    gk_rules_tables(r);
    gk_rules_cells(r);
    gk_rules_sums(r);
    gk_rules_text(r);
    gk_rules_agency(r);
    /* stable sort by line: insertion order breaks ties */
    uint32_t n = r->ndiags - first;
    if (n < 2) return;   /* (and r->diags may still be NULL) */
    gk_diag *d = r->diags + first;
    for (uint32_t i = 1; i < n; i++) {
        gk_diag x = d[i];
        uint32_t j = i;
        while (j > 0 && diag_cmp(&d[j - 1], &x) > 0) { d[j] = d[j - 1]; j--; }
        d[j] = x;
    }
}

void gk_diag_counts(const gk_report *r, int *errors, int *warnings) {
    *errors = *warnings = 0;
    for (uint32_t i = 0; i < r->ndiags; i++) {
        if (r->diags[i].severity == GK_SEV_ERROR) (*errors)++;
        else if (r->diags[i].severity == GK_SEV_WARNING) (*warnings)++;
    }
}

/* ---- YEAR.CARRY ---- */

static int by_agency_year(const void *a, const void *b) {
    const gk_report *x = *(gk_report *const *)a, *y = *(gk_report *const *)b;
    int c = strcmp(x->agency ? x->agency : "", y->agency ? y->agency : "");
    if (c) return c;
    return (x->year > y->year) - (x->year < y->year);
}

void gk_check_series(gk_report **reports, size_t n) {
    if (n < 2) return;
    gk_report **s = malloc(n * sizeof *s);
    if (!s) return;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (reports[i] && reports[i]->agency && reports[i]->year) s[m++] = reports[i];
    qsort(s, m, sizeof *s, by_agency_year);
    for (size_t i = 1; i < m; i++) {
        gk_report *prev = s[i - 1], *cur = s[i];
        if (strcmp(prev->agency, cur->agency) != 0 || cur->year != prev->year + 1) continue;
        for (int c = 0; c < GK_T3_NCOLS; c++) {
            int now = gk_cell_ix(cur, GK_T3, cur->tmpl->t3.carried_over, c), before = gk_cell_ix(prev, GK_T3, prev->tmpl->t3.carry_next, c);
            if (!gk_is_num(cur, now) || !gk_is_num(prev, before) || gk_val(cur, now) == gk_val(prev, before)) continue;
            char a[32], b[32];
            gk_decimal_str(cur->cells[now].num, a);
            gk_decimal_str(prev->cells[before].num, b);
            const gk_field_def *fd = &cur->tmpl->tables[GK_T3].rows[0].fields[c];
            gk_diag *d = gk_diag_add(
                cur, "YEAR.CARRY", GK_SEV_ERROR, gk_cell_path(cur, now), cur->cells[now].src.line,
                gk_arena_printf(cur->arena, "本年「二、上年结转」·%s 为 %s，但 %d 年报告（%s）的「四、结转下年度继续办理」·%s 为 %s",
                                fd->label, a, prev->year, prev->path, fd->label, b),
                gk_arena_printf(cur->arena, "carried over · %s is %s here, but the %d report (%s) carried %s to the next year",
                                fd->label_en, a, prev->year, prev->path, b));
            d->has_fix = true;
            d->fix = (gk_fix){now, cur->cells[now].num, prev->cells[before].num, false};
        }
    }
    free(s);
}
