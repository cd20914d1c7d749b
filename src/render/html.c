/* html.c: the statutory layout as one self-contained HTML page, and the findings as a page people can see.
 *
 * The page is drawn from the template (r->tmpl), never from a copy of it, so the 2019 form (23-row t3, 8-row
 * t2) comes out as its own shape. The three tables are drawn as the statutory form draws them:
 *
 *   t2  four (2019: five) blocks 第二十条第（…）项, each a <tbody> opened by its block header and its 信息内容 row;
 *       a block with fewer fields than the widest one lets its last field span the rest.
 *   t3  the 勾稽关系 note in the corner (3 label columns × 3 header rows), 申请人情况 over the 7 columns,
 *       自然人 and 总计 over two header rows, 法人或其他组织 over its five; the rows 一、二、 across the label
 *       columns, 三、本年度办理结果 down its outcome rows (its own <tbody>), （三）…（六） down their items.
 *   t4  行政复议 over its five results, 行政诉讼 over 未经复议直接起诉 and 复议后起诉 (five each), one data row.
 *
 * Every value cell is <td data-key="t3.granted.natural">: its number as the model holds it, or nothing for a
 * blank, unreadable or absent cell (data-state says which). Nothing is written that the model does not hold
 * (no placeholder, no 0 for a blank); the only words not taken from the report or the template are the
 * t3/t2 header words the template does not carry (below). The page reads back through gongkai's HTML reader
 * to the same report (tests/test_html_render.c).
 *
 * The findings page draws each report's tables the same way, with the cell of each finding's `where` marked
 * (class error/warning, title= the message), the one-cell repair in its cell ("→ 5", data-repair) and as a
 * sentence under the table, then the list of findings. */
#include "gongkai/render.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Header words of the form that the template (template.h) does not carry: the corner note of t3, the
 * header over its seven columns and over the five organisation columns, and the first header of each t2
 * block. The same words are in txt.c; they belong in the template. */

/* ------------------------------------------------------------------ escaping */

/* Length of the character at s (valid UTF-8 assumed, but never past n). */
static size_t char_len(const unsigned char *s, size_t n) {
    size_t k = s[0] < 0x80 ? 1 : s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
    return k > n ? n : k;
}

/* Text or attribute value: & < > (and " ' in attributes) escaped; control characters (C0 but TAB/LF, DEL,
 * C1), which HTML does not allow, dropped; in an attribute, a line feed is &#10; so a tooltip keeps it. */
static void esc(gk_buf *o, const char *s, size_t n, bool attr) {
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < n) {
        const char *rep = NULL;
        size_t k = char_len(u + i, n - i);
        unsigned char c = u[i];
        bool drop = false;
        if (c == '&') rep = "&amp;";
        else if (c == '<') rep = "&lt;";
        else if (c == '>') rep = "&gt;";
        else if (attr && c == '"') rep = "&quot;";
        else if (attr && c == '\'') rep = "&#39;";
        else if (attr && c == '\n') rep = "&#10;";
        else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) drop = true;
        else if (c == 0xC2 && k == 2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) drop = true;
        if (rep || drop) {
            gk_buf_append(o, s + run, i - run);
            if (rep) gk_buf_puts(o, rep);
            run = i + k;
        }
        i += k;
    }
    gk_buf_append(o, s + run, n - run);
}

static void text(gk_buf *o, const char *s) { if (s) esc(o, s, strlen(s), false); }

static void attr(gk_buf *o, const char *name, const char *s) {
    gk_buf_printf(o, " %s=\"", name);
    if (s) esc(o, s, strlen(s), true);
    gk_buf_putc(o, '"');
}

static bool same_str(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* ------------------------------------------------------------------ the view */

/* What the findings page marks on a cell, a row label or a table. */
typedef struct mark {
    gk_severity sev;      /* the worst finding here (GK_SEV_INFO: none) */
    bool marked;
    bool fix;             /* the repair's cell */
    gk_decimal to;
    gk_buf tip;           /* the messages, one a line */
} mark;

#define MAX_ROWS 32

typedef struct view {
    gk_buf *o;
    const gk_report *r;
    bool en;
    bool findings;                        /* marks below are in use */
    mark cells[GK_NCELLS];
    mark rows[GK_NTABLES][MAX_ROWS];
    mark tables[GK_NTABLES];
} view;

static const char *sev_class(gk_severity s) { return s == GK_SEV_ERROR ? "error" : s == GK_SEV_WARNING ? "warning" : "info"; }

static void mark_tip(mark *m, gk_severity sev, const char *line) {
    if (!m->marked || sev > m->sev) m->sev = sev;
    m->marked = true;
    if (m->tip.len) gk_buf_putc(&m->tip, '\n');
    gk_buf_puts(&m->tip, line);
}

/* class="…" and title="…" of a marked thing (nothing when unmarked). */
static void mark_attrs(gk_buf *o, const mark *m, const char *base_class, bool blank) {
    bool any = base_class || blank || (m && (m->marked || m->fix));
    if (any) {
        gk_buf_puts(o, " class=\"");
        bool sp = false;
        if (base_class) { gk_buf_puts(o, base_class); sp = true; }
        if (m && m->marked) { gk_buf_printf(o, "%s%s", sp ? " " : "", sev_class(m->sev)); sp = true; }
        if (m && m->fix) { gk_buf_printf(o, "%sfix", sp ? " " : ""); sp = true; }
        if (blank) gk_buf_printf(o, "%sblank", sp ? " " : "");
        gk_buf_putc(o, '"');
    }
    if (m && m->tip.len) attr(o, "title", m->tip.data);
}

/* ------------------------------------------------------------------ cells */

static void th(view *v, const char *scope, int rowspan, int colspan, const char *cls, const char *label,
               const char *label_en, const mark *m) {
    gk_buf *o = v->o;
    gk_buf_puts(o, "<th");
    if (scope) gk_buf_printf(o, " scope=\"%s\"", scope);
    if (rowspan > 1) gk_buf_printf(o, " rowspan=\"%d\"", rowspan);
    if (colspan > 1) gk_buf_printf(o, " colspan=\"%d\"", colspan);
    if (m && m->marked) mark_attrs(o, m, cls, false);
    else {
        if (cls) gk_buf_printf(o, " class=\"%s\"", cls);
        if (v->en && label_en) attr(o, "title", label_en);
    }
    gk_buf_putc(o, '>');
    text(o, label);
    gk_buf_puts(o, "</th>");
}

static void value(view *v, int i, int colspan) {
    gk_buf *o = v->o;
    const gk_cell *c = &v->r->cells[i];
    char path[64], num[32];
    gk_template_cell_path(v->r->tmpl, i, path);
    gk_buf_puts(o, "<td");
    if (colspan > 1) gk_buf_printf(o, " colspan=\"%d\"", colspan);
    const mark *m = v->findings ? &v->cells[i] : NULL;
    mark_attrs(o, m, NULL, v->findings && c->state == GK_CELL_BLANK);
    attr(o, "data-key", path);
    if (c->state != GK_CELL_NUMBER)
        gk_buf_printf(o, " data-state=\"%s\"", c->state == GK_CELL_BLANK ? "blank" :
                                               c->state == GK_CELL_UNREADABLE ? "unreadable" : "absent");
    if (m && m->fix) gk_buf_printf(o, " data-repair=\"%s\"", gk_decimal_str(m->to, num));
    gk_buf_putc(o, '>');
    gk_buf_puts(o, gk_cell_text(c, num));
    if (m && m->fix) gk_buf_printf(o, "<span class=\"repair\">→ %s</span>", gk_decimal_str(m->to, num));
    gk_buf_puts(o, "</td>");
}

static void table_open(view *v, gk_table_id t) {
    gk_buf *o = v->o;
    const gk_table_def *td = &v->r->tmpl->tables[t];
    const mark *m = v->findings ? &v->tables[t] : NULL;
    gk_buf_printf(o, "<table class=\"gk-table gk-%s\" data-table=\"%s\">\n<caption", td->key, td->key);
    mark_attrs(o, m, NULL, false);
    gk_buf_putc(o, '>');
    text(o, td->title);
    gk_buf_puts(o, "</caption>\n");
}

static const mark *row_mark(view *v, gk_table_id t, int k) {
    return v->findings && k < MAX_ROWS ? &v->rows[t][k] : NULL;
}

/* ------------------------------------------------------------------ t2 */

static void t2_html(view *v) {
    gk_buf *o = v->o;
    const gk_table_def *td = &v->r->tmpl->tables[GK_T2];
    int maxf = 1;
    for (int k = 0; k < td->nrows; k++)
        if (td->rows[k].nfields > maxf) maxf = td->rows[k].nfields;
    table_open(v, GK_T2);
    gk_buf_printf(o, "<colgroup><col class=\"lab\"></colgroup><colgroup span=\"%d\"></colgroup>\n", maxf);
    const gk_row_def *prev = NULL;
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        int nf = rd->nfields;
        if (!prev || !same_str(prev->group, rd->group) || prev->fields != rd->fields || prev->nfields != nf) {
            if (prev) gk_buf_puts(o, "</tbody>\n");
            gk_buf_puts(o, "<tbody>\n");
            if (rd->group) {
                gk_buf_puts(o, "<tr>");
                th(v, "rowgroup", 1, 1 + maxf, "block", rd->group, NULL, NULL);
                gk_buf_puts(o, "</tr>\n");
            }
            gk_buf_puts(o, "<tr>");
            th(v, "col", 1, 1, NULL, gk_t2_content, NULL, NULL);
            for (int f = 0; f < nf; f++)
                th(v, "col", 1, f == nf - 1 ? maxf - nf + 1 : 1, NULL, rd->fields[f].label, rd->fields[f].label_en, NULL);
            gk_buf_puts(o, "</tr>\n");
        }
        prev = rd;
        gk_buf_puts(o, "<tr>");
        th(v, "row", 1, 1, "lab", rd->label, rd->label_en, row_mark(v, GK_T2, k));
        for (int f = 0; f < nf; f++) value(v, rd->first + f, f == nf - 1 ? maxf - nf + 1 : 1);
        gk_buf_puts(o, "</tr>\n");
    }
    if (prev) gk_buf_puts(o, "</tbody>\n");
    gk_buf_puts(o, "</table>\n");
}

/* ------------------------------------------------------------------ t3 */

static void t3_html(view *v) {
    gk_buf *o = v->o;
    const gk_template *t = v->r->tmpl;
    const gk_table_def *td = &t->tables[GK_T3];
    if (!td->nrows) return;
    const gk_field_def *cols = td->rows[0].fields;
    int ncols = td->rows[0].nfields;
    int first = t->t3.first_outcome, last = t->t3.total;
    const char *top = first >= 0 && first < td->nrows ? td->rows[first].group : NULL;
    if (!top || last < first || last >= td->nrows) { top = NULL; first = last = td->nrows; }

    table_open(v, GK_T3);
    /* column groups: the three label columns, 自然人, 法人或其他组织 (its five), 总计 */
    gk_buf_puts(o, "<colgroup><col class=\"lab1\"><col class=\"lab2\"><col class=\"lab3\"></colgroup>");
    if (ncols >= 3)
        gk_buf_printf(o, "<colgroup><col class=\"num\"></colgroup><colgroup span=\"%d\" class=\"num\"></colgroup>"
                         "<colgroup><col class=\"num\"></colgroup>\n", ncols - 2);
    else
        gk_buf_printf(o, "<colgroup span=\"%d\" class=\"num\"></colgroup>\n", ncols);

    gk_buf_puts(o, "<thead>\n<tr>");
    gk_buf_puts(o, "<td class=\"note\" colspan=\"3\" rowspan=\"3\">");
    text(o, gk_t3_note);
    gk_buf_puts(o, "</td>");
    th(v, "colgroup", 1, ncols, NULL, gk_t3_applicants, NULL, NULL);
    gk_buf_puts(o, "</tr>\n<tr>");
    if (ncols >= 3) {
        th(v, "col", 2, 1, NULL, cols[0].label, cols[0].label_en, NULL);
        th(v, "colgroup", 1, ncols - 2, NULL, gk_t3_organisations, NULL, NULL);
        th(v, "col", 2, 1, NULL, cols[ncols - 1].label, cols[ncols - 1].label_en, NULL);
        gk_buf_puts(o, "</tr>\n<tr>");
        for (int c = 1; c < ncols - 1; c++) th(v, "col", 1, 1, NULL, cols[c].label, cols[c].label_en, NULL);
    } else {
        for (int c = 0; c < ncols; c++) th(v, "col", 2, 1, NULL, cols[c].label, cols[c].label_en, NULL);
        gk_buf_puts(o, "</tr>\n<tr>");
    }
    gk_buf_puts(o, "</tr>\n</thead>\n");

    int seg = -1;
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        bool outcome = top && k >= first && k <= last;
        int s = k < first ? 0 : k <= last ? 1 : 2;
        if (s != seg) {
            if (seg >= 0) gk_buf_puts(o, "</tbody>\n");
            gk_buf_puts(o, "<tbody>\n");
            seg = s;
        }
        gk_buf_puts(o, "<tr>");
        if (outcome && k == first) th(v, "rowgroup", last - first + 1, 1, "group", top, NULL, NULL);
        if (outcome && rd->group && strcmp(rd->group, top)) {
            if (k == first || !same_str(td->rows[k - 1].group, rd->group)) {
                int span = 1;
                while (k + span <= last && same_str(td->rows[k + span].group, rd->group)) span++;
                th(v, "rowgroup", span, 1, "group", rd->group, NULL, NULL);
            }
            th(v, "row", 1, 1, "lab", rd->label, rd->label_en, row_mark(v, GK_T3, k));
        } else {
            th(v, "row", 1, outcome ? 2 : 3, "lab", rd->label, rd->label_en, row_mark(v, GK_T3, k));
        }
        for (int c = 0; c < rd->nfields; c++) value(v, rd->first + c, 1);
        gk_buf_puts(o, "</tr>\n");
    }
    if (seg >= 0) gk_buf_puts(o, "</tbody>\n");
    gk_buf_puts(o, "</table>\n");
}

/* ------------------------------------------------------------------ t4 */

static void t4_html(view *v) {
    gk_buf *o = v->o;
    const gk_table_def *td = &v->r->tmpl->tables[GK_T4];
    bool grouped = false;
    for (int k = 0; k < td->nrows; k++) grouped |= td->rows[k].group != NULL;
    table_open(v, GK_T4);
    for (int k = 0; k < td->nrows; k++) gk_buf_printf(o, "<colgroup span=\"%d\"></colgroup>", td->rows[k].nfields);
    gk_buf_puts(o, "\n<thead>\n<tr>");
    /* 行政复议 (no group: its label over its results) | 行政诉讼 (the group over its two kinds) */
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        if (!rd->group) { th(v, "colgroup", 1, rd->nfields, NULL, rd->label, rd->label_en, row_mark(v, GK_T4, k)); continue; }
        if (k && same_str(td->rows[k - 1].group, rd->group)) continue;
        int span = 0;
        for (int j = k; j < td->nrows && same_str(td->rows[j].group, rd->group); j++) span += td->rows[j].nfields;
        th(v, "colgroup", 1, span, NULL, rd->group, NULL, NULL);
    }
    gk_buf_puts(o, "</tr>\n<tr>");
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        if (!rd->group)
            for (int f = 0; f < rd->nfields; f++)
                th(v, "col", grouped ? 2 : 1, 1, NULL, rd->fields[f].label, rd->fields[f].label_en, NULL);
        else
            th(v, "colgroup", 1, rd->nfields, NULL, rd->label, rd->label_en, row_mark(v, GK_T4, k));
    }
    gk_buf_puts(o, "</tr>\n");
    if (grouped) {
        gk_buf_puts(o, "<tr>");
        for (int k = 0; k < td->nrows; k++) {
            const gk_row_def *rd = &td->rows[k];
            if (rd->group)
                for (int f = 0; f < rd->nfields; f++)
                    th(v, "col", 1, 1, NULL, rd->fields[f].label, rd->fields[f].label_en, NULL);
        }
        gk_buf_puts(o, "</tr>\n");
    }
    gk_buf_puts(o, "</thead>\n<tbody>\n<tr>");
    for (int k = 0; k < td->nrows; k++)
        for (int f = 0; f < td->rows[k].nfields; f++) value(v, td->rows[k].first + f, 1);
    gk_buf_puts(o, "</tr>\n</tbody>\n</table>\n");
}

static void table_html(view *v, gk_table_id t) {
    if (t == GK_T2) t2_html(v);
    else if (t == GK_T3) t3_html(v);
    else t4_html(v);
}

/* ------------------------------------------------------------------ the page */

static const char *const CSS =
    "@page{size:A4;margin:2.5cm 2.5cm 2.5cm 2.5cm}\n"
    "html{background:#fff;color:#000}\n"
    "body{margin:0 auto;max-width:62em;padding:1.5em 2em 3em;"
    "font-family:FangSong,\"仿宋\",\"仿宋_GB2312\",FangSong_GB2312,STFangsong,\"华文仿宋\",\"Noto Serif CJK SC\","
    "\"Source Han Serif SC\",\"Songti SC\",SimSun,\"宋体\",serif;font-size:16px;line-height:1.8}\n"
    "h1,h2,h3,.gk-head{font-family:SimHei,\"黑体\",\"Heiti SC\",STHeiti,\"Noto Sans CJK SC\",\"Source Han Sans SC\","
    "\"Microsoft YaHei\",\"WenQuanYi Zen Hei\",sans-serif;font-weight:bold}\n"
    "h1{font-size:1.6em;text-align:center;line-height:1.5;margin:1em 0 1.2em}\n"
    "h2{font-size:1.15em;margin:1.4em 0 .6em}\n"
    "h3{font-size:1.05em;margin:1.2em 0 .5em}\n"
    "p{margin:0 0 .4em;text-indent:2em;text-align:justify}\n"
    "table.gk-table{border-collapse:collapse;width:100%;margin:.6em 0 1.2em;font-size:14px;line-height:1.45;"
    "table-layout:fixed;border:1.5px solid #000}\n"
    "table.gk-table caption{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
    "white-space:nowrap}\n"
    "table.gk-table th,table.gk-table td{border:1px solid #000;padding:3px 4px;text-align:center;"
    "vertical-align:middle;word-break:break-all;overflow-wrap:anywhere}\n"
    "table.gk-table th{font-weight:normal}\n"
    "table.gk-table th[scope=col],table.gk-table th[scope=colgroup],table.gk-table th.block{font-weight:bold}\n"
    "table.gk-table th.lab{text-align:left}\n"
    "table.gk-table td.note{font-size:12px;text-align:left;line-height:1.4}\n"
    "table.gk-t3 col.lab1{width:4%}table.gk-t3 col.lab2{width:9.5%}table.gk-t3 col.lab3{width:23.5%}\n"
    "table.gk-t3 th.group{padding:3px 2px}table.gk-t3 thead th,table.gk-t4 thead th{padding:3px 1px}\n"
    "table.gk-t2 col.lab{width:28%}table.gk-t2 th.lab{text-align:center}\n"
    "td[data-key]{font-variant-numeric:tabular-nums}\n"
    "@media print{body{max-width:none;padding:0;font-size:12pt}table.gk-table{font-size:9pt}"
    "table.gk-table td.note{font-size:8pt}thead{display:table-header-group}tr{break-inside:avoid}"
    "h1,h2,h3{break-after:avoid}table.gk-table th,table.gk-table td{padding:1.5pt 2pt}"
    "html,body{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

static const char *const FINDINGS_CSS =
    ".gk-report+.gk-report{border-top:2px solid #666;margin-top:2.5em;padding-top:1em}\n"
    "@media print{.gk-report+.gk-report{break-before:page;border:0}}\n"
    "dl.gk-meta{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.5em 0}\n"
    "dl.gk-meta dt{font-weight:bold}dl.gk-meta dd{margin:0}\n"
    ".gk-summary{font-weight:bold;text-indent:0}\n"
    ".gk-summary .e,.gk-list .error .sev{color:#b00000}.gk-summary .w,.gk-list .warning .sev{color:#8a5a00}\n"
    "table.gk-table .error{background:#ffd5d5;outline:2px solid #c00000;outline-offset:-2px;font-weight:bold}\n"
    "table.gk-table .warning{background:#fff0b8;outline:2px solid #d08c00;outline-offset:-2px}\n"
    "table.gk-table .fix:not(.error):not(.warning){background:#dff3df;outline:2px solid #2e7d32;outline-offset:-2px}\n"
    "table.gk-table .blank{background:repeating-linear-gradient(135deg,#fff 0 4px,#eee 4px 8px)}\n"
    "table.gk-table caption.error,table.gk-table caption.warning{position:static;width:auto;height:auto;"
    "clip:auto;white-space:normal;text-align:left;outline:0;padding:.2em .4em}\n"
    ".repair{display:block;color:#1b5e20;font-size:12px;font-weight:bold;white-space:nowrap}\n"
    ".gk-legend{text-indent:0;font-size:14px}\n"
    ".gk-legend span{display:inline-block;padding:0 .5em;margin-right:.8em}\n"
    ".gk-legend .error{background:#ffd5d5;outline:2px solid #c00000;outline-offset:-2px}\n"
    ".gk-legend .warning{background:#fff0b8;outline:2px solid #d08c00;outline-offset:-2px}\n"
    ".gk-legend .repair{display:inline-block}\n"
    "p.gk-fix{text-indent:0;color:#1b5e20;font-weight:bold}\n"
    "table.gk-list{border-collapse:collapse;width:100%;font-size:14px;line-height:1.5}\n"
    "table.gk-list th,table.gk-list td{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top}\n"
    "table.gk-list th{background:#eee}\n"
    "table.gk-list td.line{text-align:right;white-space:nowrap}\n"
    "table.gk-list td.sev{white-space:nowrap;font-weight:bold}\n"
    "table.gk-list td.rule{white-space:nowrap;font-family:monospace}\n"
    "table.gk-list td.fixcol{color:#1b5e20}\n"
    "p.gk-none{text-indent:0;color:#1b5e20;font-weight:bold}\n";

static void page_open(gk_buf *o, const char *lang, const char *title, bool findings) {
    gk_buf_printf(o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta name=\"generator\" content=\"gongkai\">\n<title>",
                  lang);
    text(o, title);
    gk_buf_puts(o, "</title>\n<style>\n");
    gk_buf_puts(o, CSS);
    if (findings) gk_buf_puts(o, FINDINGS_CSS);
    gk_buf_puts(o, "</style>\n</head>\n<body>\n");
}

static void page_close(gk_buf *o) { gk_buf_puts(o, "</body>\n</html>\n"); }

/* One <p> per non-blank line, trimmed. */
static void paragraphs(gk_buf *o, const char *s) {
    if (!s) return;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        size_t m = n;
        const char *t = gk_trim(s, &m);
        if (m) {
            gk_buf_puts(o, "<p>");
            esc(o, t, m, false);
            gk_buf_puts(o, "</p>\n");
        }
        if (!e) break;
        s = e + 1;
    }
}

/* Paragraphs before the first section (as txt.c: not the title's own lines). */
static void preface(gk_buf *o, const gk_report *r) {
    for (uint32_t i = 0; i < r->nparas; i++) {
        const gk_para *p = &r->paras[i];
        if (p->section >= 0) continue;
        if (gk_para_in_title(r, p)) continue;
        const char *s = p->orig ? p->orig : p->text;
        size_t n = p->orig ? p->orig_len : p->len;
        size_t m = n;
        const char *t = gk_trim(s, &m);
        if (!m) continue;
        gk_buf_puts(o, "<p>");
        esc(o, t, m, false);
        gk_buf_puts(o, "</p>\n");
    }
}

static void section_heading(gk_buf *o, const char *tag, int no, const char *title) {
    char cn[16];
    gk_buf_printf(o, "<%s>%s、", tag, gk_cn_numeral(no, cn));
    text(o, title);
    gk_buf_printf(o, "</%s>\n", tag);
}

static bool table_of_section(const gk_report *r, int s, gk_table_id *t) {
    if (s < 1 || s > 3) return false;
    *t = (gk_table_id)(s - 1);
    return r->table_found[*t];
}

static void report_attrs(gk_buf *o, const gk_report *r) {
    gk_buf_puts(o, " data-schema=\"gongkai.report/1\"");
    attr(o, "data-format", r->tmpl->format);
    if (r->agency) attr(o, "data-agency", r->agency);
    if (r->year) gk_buf_printf(o, " data-year=\"%d\"", r->year);
}

gk_status gk_render_html(const gk_report *r, gk_buf *o, const char *lang) {
    if (!r || !o || !r->tmpl) return GK_ERR_MALFORMED;
    view *v = calloc(1, sizeof *v);
    if (!v) return GK_ERR_NOMEM;
    v->o = o;
    v->r = r;
    v->en = lang && !strcmp(lang, "en");
    page_open(o, "zh-CN", r->title ? r->title : r->agency ? r->agency : r->path ? r->path : "gongkai", false);
    gk_buf_puts(o, "<article class=\"gk-report\"");
    report_attrs(o, r);
    gk_buf_puts(o, ">\n");
    if (r->title) {
        gk_buf_puts(o, "<h1>");
        text(o, r->title);
        gk_buf_puts(o, "</h1>\n");
    }
    preface(o, r);
    for (int s = 0; s < 6; s++) {
        const gk_section *sec = &r->sections[s];
        gk_table_id t;
        bool has_table = table_of_section(r, s, &t);
        if (!sec->present && !has_table) continue;
        gk_buf_printf(o, "<section class=\"gk-section\" data-section=\"%d\">\n", s + 1);
        section_heading(o, "h2", s + 1, sec->present && sec->title ? sec->title : gk_section_title(s + 1, "zh"));
        if (sec->present) paragraphs(o, sec->text);
        if (has_table) table_html(v, t);
        gk_buf_puts(o, "</section>\n");
    }
    gk_buf_puts(o, "</article>\n");
    page_close(o);
    free(v);
    return GK_OK;
}

/* ------------------------------------------------------------------ findings */

/* Finds what a finding's `where` names: a cell, a row ("t3.granted") or a table ("t3"). */
static mark *where_mark(view *v, const char *where) {
    if (!where) return NULL;
    const gk_template *t = v->r->tmpl;
    int i = gk_template_cell_index(t, where);
    if (i >= 0 && i < GK_NCELLS) return &v->cells[i];
    for (int k = 0; k < GK_NTABLES; k++) {
        const gk_table_def *td = &t->tables[k];
        size_t kl = strlen(td->key);
        if (strncmp(where, td->key, kl)) continue;
        if (!where[kl]) return &v->tables[k];
        if (where[kl] != '.') continue;
        for (int rr = 0; rr < td->nrows && rr < MAX_ROWS; rr++)
            if (!strcmp(where + kl + 1, td->rows[rr].key)) return &v->rows[k][rr];
    }
    return NULL;
}

static const char *msg(const gk_diag *d, bool en) { return en && d->msg_en ? d->msg_en : d->msg_zh ? d->msg_zh : ""; }

static const char *sev_word(gk_severity s, bool en) {
    if (s == GK_SEV_ERROR) return en ? "error" : "错误";
    if (s == GK_SEV_WARNING) return en ? "warning" : "警告";
    return en ? "note" : "提示";
}

static void build_marks(view *v) {
    const gk_report *r = v->r;
    gk_buf line, fx;
    gk_buf_init(&line);
    gk_buf_init(&fx);
    for (uint32_t k = 0; k < r->ndiags; k++) {
        const gk_diag *d = &r->diags[k];
        gk_buf_reset(&fx);
        if (d->has_fix) gk_render_fix(r, d, v->en ? "en" : "zh", &fx);
        mark *m = where_mark(v, d->where);
        if (m) {
            gk_buf_reset(&line);
            gk_buf_printf(&line, "%s %s%s", sev_word(d->severity, v->en), d->rule ? d->rule : "", v->en ? ": " : "：");
            gk_buf_puts(&line, msg(d, v->en));
            if (fx.len) { gk_buf_puts(&line, v->en ? "; suggestion: " : "；建议："); gk_buf_puts(&line, fx.data); }
            mark_tip(m, d->severity, line.data);
        }
        if (d->has_fix && d->fix.cell >= 0 && d->fix.cell < GK_NCELLS) {
            mark *f = &v->cells[d->fix.cell];
            if (!f->fix) {   /* the same repair is named by every failing sum: one note */
                f->fix = true;
                f->to = d->fix.to;
                gk_buf_reset(&line);
                gk_buf_puts(&line, v->en ? "suggestion: " : "建议：");
                gk_buf_puts(&line, fx.data ? fx.data : "");
                mark_tip(f, d->severity, line.data);
            } else if (d->severity > f->sev) {
                f->sev = d->severity;
            }
        }
    }
    gk_buf_free(&line);
    gk_buf_free(&fx);
}

static void free_marks(view *v) {
    for (int i = 0; i < GK_NCELLS; i++) gk_buf_free(&v->cells[i].tip);
    for (int t = 0; t < GK_NTABLES; t++) {
        gk_buf_free(&v->tables[t].tip);
        for (int k = 0; k < MAX_ROWS; k++) gk_buf_free(&v->rows[t][k].tip);
    }
}

/* The repairs proposed in table t, one sentence each (the same repair is named by several findings). */
static void table_fixes(view *v, gk_table_id t) {
    const gk_report *r = v->r;
    const gk_table_def *td = &r->tmpl->tables[t];
    gk_buf fx;
    gk_buf_init(&fx);
    for (uint32_t k = 0; k < r->ndiags; k++) {
        const gk_diag *d = &r->diags[k];
        if (!d->has_fix || d->fix.cell < td->first || d->fix.cell >= td->first + td->ncells) continue;
        bool seen = false;
        for (uint32_t j = 0; j < k && !seen; j++) {
            const gk_diag *e = &r->diags[j];
            seen = e->has_fix && e->fix.cell == d->fix.cell && e->fix.to.value == d->fix.to.value &&
                   e->fix.to.scale == d->fix.to.scale && e->fix.all_sums == d->fix.all_sums;
        }
        if (seen) continue;
        gk_buf_reset(&fx);
        gk_render_fix(r, d, v->en ? "en" : "zh", &fx);
        char path[64];
        const gk_table_def *ct; const gk_row_def *rd; const gk_field_def *fd;
        gk_template_cell(r->tmpl, d->fix.cell, &ct, &rd, &fd);
        gk_buf_puts(v->o, "<p class=\"gk-fix\"");
        attr(v->o, "data-key", gk_template_cell_path(r->tmpl, d->fix.cell, path));
        gk_buf_puts(v->o, ">");
        gk_buf_puts(v->o, v->en ? "Suggested repair: " : "修改建议：");
        text(v->o, fx.data);
        if (rd && fd) {
            gk_buf_puts(v->o, v->en ? " (" : "（");
            text(v->o, v->en ? rd->label_en : rd->label);
            gk_buf_puts(v->o, " · ");
            text(v->o, v->en ? fd->label_en : fd->label);
            gk_buf_puts(v->o, v->en ? ")" : "）");
        }
        gk_buf_puts(v->o, "</p>\n");
    }
    gk_buf_free(&fx);
}

static void findings_list(view *v) {
    const gk_report *r = v->r;
    gk_buf *o = v->o;
    bool en = v->en;
    if (!r->ndiags) {
        gk_buf_printf(o, "<p class=\"gk-none\">%s</p>\n", en ? "No findings." : "未发现问题。");
        return;
    }
    gk_buf_printf(o, "<table class=\"gk-list\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                     "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                     "</tr></thead>\n<tbody>\n",
                  en ? "Line" : "行", en ? "Severity" : "级别", en ? "Rule" : "规则", en ? "Where" : "位置",
                  en ? "Message" : "说明", en ? "Suggested repair" : "修改建议");
    gk_buf fx;
    gk_buf_init(&fx);
    for (uint32_t k = 0; k < r->ndiags; k++) {
        const gk_diag *d = &r->diags[k];
        gk_buf_printf(o, "<tr class=\"%s\"", sev_class(d->severity));
        attr(o, "data-rule", d->rule);
        if (d->where) attr(o, "data-where", d->where);
        gk_buf_printf(o, "><td class=\"line\">%u</td><td class=\"sev\">%s</td><td class=\"rule\">", d->line,
                      sev_word(d->severity, en));
        text(o, d->rule);
        gk_buf_puts(o, "</td><td class=\"rule\">");
        text(o, d->where);
        gk_buf_puts(o, "</td><td>");
        text(o, msg(d, en));
        gk_buf_puts(o, "</td><td class=\"fixcol\">");
        gk_buf_reset(&fx);
        if (d->has_fix) gk_render_fix(r, d, en ? "en" : "zh", &fx);
        text(o, fx.data);
        gk_buf_puts(o, "</td></tr>\n");
    }
    gk_buf_free(&fx);
    gk_buf_puts(o, "</tbody>\n</table>\n");
}

static void findings_report(view *v) {
    const gk_report *r = v->r;
    gk_buf *o = v->o;
    bool en = v->en;
    int errors = 0, warnings = 0;
    gk_diag_counts(r, &errors, &warnings);
    gk_buf_puts(o, "<article class=\"gk-report\"");
    report_attrs(o, r);
    if (r->path) attr(o, "data-source", r->path);
    gk_buf_printf(o, " data-errors=\"%d\" data-warnings=\"%d\">\n<h2 lang=\"zh-CN\">", errors, warnings);
    text(o, r->title ? r->title : r->path ? r->path : "");
    gk_buf_puts(o, "</h2>\n<dl class=\"gk-meta\">\n");
    if (r->path) { gk_buf_printf(o, "<dt>%s</dt><dd>", en ? "File" : "文件"); text(o, r->path); gk_buf_puts(o, "</dd>\n"); }
    if (r->agency) { gk_buf_printf(o, "<dt>%s</dt><dd lang=\"zh-CN\">", en ? "Agency" : "机关"); text(o, r->agency); gk_buf_puts(o, "</dd>\n"); }
    if (r->year) gk_buf_printf(o, "<dt>%s</dt><dd>%d</dd>\n", en ? "Year" : "年度", r->year);
    gk_buf_printf(o, "<dt>%s</dt><dd>%s</dd>\n</dl>\n", en ? "Format" : "格式", r->tmpl->format);
    gk_buf_puts(o, "<p class=\"gk-summary\">");
    if (en) gk_buf_printf(o, "<span class=\"e\">%d error(s)</span>, <span class=\"w\">%d warning(s)</span>", errors, warnings);
    else gk_buf_printf(o, "<span class=\"e\">错误 %d 个</span>，<span class=\"w\">警告 %d 个</span>", errors, warnings);
    gk_buf_puts(o, "</p>\n");
    if (r->ndiags)
        gk_buf_printf(o, "<p class=\"gk-legend\"><span class=\"error\">%s</span><span class=\"warning\">%s</span>"
                         "<span class=\"repair\">→ %s</span></p>\n",
                      en ? "error" : "错误", en ? "warning" : "警告", en ? "suggested value" : "建议改为的数值");
    build_marks(v);
    for (int t = 0; t < GK_NTABLES; t++) {
        int s = t + 1;
        const gk_section *sec = &r->sections[s];
        gk_buf_printf(o, "<section class=\"gk-section\" data-section=\"%d\" lang=\"zh-CN\">\n", s + 1);
        section_heading(o, "h3", s + 1, sec->present && sec->title ? sec->title : gk_section_title(s + 1, "zh"));
        if (r->table_found[t]) {
            table_html(v, (gk_table_id)t);
            table_fixes(v, (gk_table_id)t);
        } else {
            /* the table is absent: say so with its findings (TABLE.MISSING), drawing nothing */
            const mark *m = &v->tables[t];
            gk_buf_printf(o, "<p class=\"gk-missing %s\">", m->marked ? sev_class(m->sev) : "info");
            text(o, m->tip.len ? m->tip.data : (en ? "table not found" : "未找到该表"));
            gk_buf_puts(o, "</p>\n");
        }
        gk_buf_puts(o, "</section>\n");
    }
    gk_buf_printf(o, "<h3>%s</h3>\n", en ? "Findings" : "问题清单");
    findings_list(v);
    gk_buf_puts(o, "</article>\n");
    free_marks(v);
}

gk_status gk_render_findings_html(gk_report *const *reports, size_t n, gk_buf *o, const char *lang) {
    if (!o || (n && !reports)) return GK_ERR_MALFORMED;
    bool en = lang && !strcmp(lang, "en");
    view *v = calloc(1, sizeof *v);
    if (!v) return GK_ERR_NOMEM;
    const char *heading = en ? "gongkai: findings" : "gongkai 检查结果";
    page_open(o, en ? "en" : "zh-CN", heading, true);
    gk_buf_puts(o, "<h1>");
    text(o, heading);
    gk_buf_puts(o, "</h1>\n");
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) {
        const gk_report *r = reports[i];
        if (!r || !r->tmpl) continue;
        memset(v, 0, sizeof *v);
        v->o = o;
        v->r = r;
        v->en = en;
        v->findings = true;
        findings_report(v);
        shown++;
    }
    if (!shown) gk_buf_printf(o, "<p class=\"gk-none\">%s</p>\n", en ? "No report could be read." : "没有可显示的报告。");
    page_close(o);
    free(v);
    return GK_OK;
}
