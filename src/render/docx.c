/* docx.c: the statutory layout as a WordprocessingML document (DOCX), written with libzip in memory.
 *
 * The package: [Content_Types].xml, _rels/.rels, word/document.xml, word/styles.xml, word/settings.xml,
 * word/fontTable.xml, word/footer1.xml (the page number), word/_rels/document.xml.rels, docProps/core.xml and
 * docProps/app.xml. A4 portrait with the margins of Chinese official documents (GB/T 9704: 37/35/28/26 mm).
 *
 * Type as official documents set it: the title in 方正小标宋简体 二号 (22 pt) centred, section headings in 黑体
 * 三号 (16 pt), body text in 仿宋_GB2312 三号 with a two-character first-line indent and exact 28 pt lines,
 * sub-headings （一）… in 楷体_GB2312; the tables in 宋体 10.5 pt (the official template's table face), the 勾稽关系
 * note in 楷体, every cell ruled. An empty line under the title. No table row is split across pages, the header
 * rows of t3 and t4 repeat on every page a table runs onto, and a table is kept on one page with its heading
 * (keep with next) when it fits.
 *
 * The document is drawn from the template (r->tmpl), never from a copy of it, so the 2019 form (23-row t3,
 * 8-row t2) comes out as its own shape; the three tables are laid out like the official template (国办公开办函
 * 〔2021〕30号, and html.c / xlsx.c draw them the same way):
 *
 *   t2  4 grid columns; each block 第二十条第（…）项 a row across all four (gridSpan), then 信息内容 and its field
 *       labels, then its rows; a block with fewer fields than three lets its last field span the rest.
 *   t3  3 label columns + 7: the 勾稽关系 note in the corner (gridSpan 3, vMerge over the 3 header rows),
 *       申请人情况 over the 7 columns, 自然人 and 总计 over two header rows (vMerge), 法人或其他组织 over its five;
 *       rows 一、二、四、 across the label columns, 三、本年度办理结果 down its outcome rows (vMerge), （一）（二）（七）
 *       over two label columns, （三）…（六） down their items (vMerge).
 *   t4  15 columns: 行政复议 over its five results (gridSpan 5; the results two rows tall, vMerge), 行政诉讼 over
 *       ten (gridSpan 10), 未经复议直接起诉 and 复议后起诉 over five each, one row of values.
 *
 * A value cell holds its number as the model holds it, or nothing (blank, unreadable, absent): no placeholder,
 * no 0 for a blank. Text is XML-escaped; characters XML 1.0 cannot carry are dropped. Nothing is written that
 * is neither the report's nor the template's (but the page number field); no date, so the same report gives the
 * same bytes. The document reads back through gongkai's DOCX reader to the same
 * report (tests/test_docx_render.c), and LibreOffice converts it to PDF (tests/libreoffice_check.sh). */
#include "gongkai/render.h"
#include "internal.h"

#include <string.h>
#include <zip.h>

/* ------------------------------------------------------------------ measures */

enum {
    PAGE_W = 11906, PAGE_H = 16838,                           /* A4 in twips */
    MARGIN_TOP = 2098, MARGIN_BOTTOM = 1984, MARGIN_LEFT = 1588, MARGIN_RIGHT = 1474,   /* 37/35/28/26 mm */
    TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT,             /* 8844 twips = 156 mm */
    SZ_TITLE = 44, SZ_BODY = 32, SZ_TABLE = 21, SZ_FOOTER = 28,   /* half-points: 22, 16, 10.5, 14 pt */
    LINE_BODY = 560,                                          /* exact 28 pt */
    T2_VALUE_COLS = 3, T3_LABEL_COLS = 3,
    MAX_GRID = 32
};

static const char FONT_LATIN[] = "Times New Roman";
static const char FONT_BODY[] = "仿宋_GB2312";
static const char FONT_HEADING[] = "黑体";
static const char FONT_SUBHEADING[] = "楷体_GB2312";
static const char FONT_TITLE[] = "方正小标宋简体";
static const char FONT_TABLE[] = "宋体";
static const char FONT_NOTE[] = "楷体";

static const char W_NS[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char R_NS[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
static const char XML_DECL[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/* ------------------------------------------------------------------ escaping */

/* Appends s[0..n) as XML character data (also fit for an attribute value in double quotes): & < > " escaped;
 * what XML 1.0 cannot carry dropped: C0 controls (TAB and LF are the callers' business and dropped here too),
 * U+FFFE, U+FFFF, surrogates and bytes that are not UTF-8. CR is dropped as well: a parser would turn it into a
 * line feed. */
static void esc(gk_buf *o, const char *s, size_t n) {
    size_t run = 0, i = 0;
    while (i < n) {
        int32_t cp;
        size_t k = gk_utf8_decode(s + i, n - i, &cp);
        if (k == 0) k = 1;
        const char *rep = NULL;
        bool drop = false;
        if (cp == '&') rep = "&amp;";
        else if (cp == '<') rep = "&lt;";
        else if (cp == '>') rep = "&gt;";
        else if (cp == '"') rep = "&quot;";
        else if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
            drop = true;
        else if (cp == 0xFFFD && k != 3) drop = true;   /* a stray byte, not a written U+FFFD */
        if (rep || drop) {
            gk_buf_append(o, s + run, i - run);
            if (rep) gk_buf_puts(o, rep);
            run = i + k;
        }
        i += k;
    }
    gk_buf_append(o, s + run, n - run);
}

static void esc_str(gk_buf *o, const char *s) { if (s) esc(o, s, strlen(s)); }

/* The content of one run: text in w:t (spaces kept), a TAB as w:tab, a line feed as w:br. */
static void run_content(gk_buf *o, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != '\t' && s[j] != '\n') j++;
        if (j > i) {
            gk_buf_puts(o, "<w:t xml:space=\"preserve\">");
            esc(o, s + i, j - i);
            gk_buf_puts(o, "</w:t>");
        }
        if (j < n) gk_buf_puts(o, s[j] == '\t' ? "<w:tab/>" : "<w:br/>");
        i = j + 1;
    }
}

/* A paragraph of the given style holding s[0..n) (nothing: an empty paragraph). */
static void para(gk_buf *o, const char *style, const char *s, size_t n) {
    gk_buf_printf(o, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
    if (n) {
        gk_buf_puts(o, "<w:r>");
        run_content(o, s, n);
        gk_buf_puts(o, "</w:r>");
    }
    gk_buf_puts(o, "</w:p>");
}

static void para_str(gk_buf *o, const char *style, const char *s) { para(o, style, s ? s : "", s ? strlen(s) : 0); }

/* ------------------------------------------------------------------ tables */

/* Vertical merge of a cell: none, the first cell of a merge, or a cell the merge continues into. */
typedef enum { VM_NONE = 0, VM_RESTART, VM_CONTINUE } vmerge;

typedef struct table {
    gk_buf *o;
    int ncols;
    int width[MAX_GRID];
    int col;            /* grid column of the next cell in the open row */
} table;

static void table_open(table *t, gk_buf *o, int ncols, const int *widths) {
    memset(t, 0, sizeof *t);
    t->o = o;
    t->ncols = ncols < MAX_GRID ? ncols : MAX_GRID;
    int total = 0;
    for (int c = 0; c < t->ncols; c++) total += t->width[c] = widths[c];
    gk_buf_printf(o, "<w:tbl><w:tblPr><w:tblStyle w:val=\"GKTable\"/><w:tblW w:w=\"%d\" w:type=\"dxa\"/>"
                     "<w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/>"
                     "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" "
                     "w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
                  total);
    for (int c = 0; c < t->ncols; c++) gk_buf_printf(o, "<w:gridCol w:w=\"%d\"/>", t->width[c]);
    gk_buf_puts(o, "</w:tblGrid>");
}

static void table_close(table *t) { gk_buf_puts(t->o, "</w:tbl>"); }

/* A row: header rows repeat on every page the table runs onto; no row is split across pages. */
static void row_open(table *t, bool header) {
    gk_buf_puts(t->o, "<w:tr><w:trPr><w:cantSplit/>");
    gk_buf_puts(t->o, "<w:trHeight w:val=\"340\" w:hRule=\"atLeast\"/>");   /* 6 mm */
    if (header) gk_buf_puts(t->o, "<w:tblHeader/>");
    gk_buf_puts(t->o, "</w:trPr>");
    t->col = 0;
}

static void row_close(table *t) { gk_buf_puts(t->o, "</w:tr>"); }

/* One cell over span grid columns, holding text (NULL or "": an empty paragraph) in the given paragraph style.
 * A cell a vertical merge continues into holds an empty paragraph whatever text says. */
static void cell(table *t, int span, vmerge vm, const char *style, const char *text) {
    gk_buf *o = t->o;
    if (span < 1) span = 1;
    int w = 0;
    for (int c = t->col; c < t->col + span && c < t->ncols; c++) w += t->width[c];
    t->col += span;
    gk_buf_printf(o, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", w);
    if (span > 1) gk_buf_printf(o, "<w:gridSpan w:val=\"%d\"/>", span);
    if (vm == VM_RESTART) gk_buf_puts(o, "<w:vMerge w:val=\"restart\"/>");
    else if (vm == VM_CONTINUE) gk_buf_puts(o, "<w:vMerge/>");
    gk_buf_puts(o, "<w:vAlign w:val=\"center\"/></w:tcPr>");
    if (vm == VM_CONTINUE) text = NULL;
    para_str(o, style, text);
    gk_buf_puts(o, "</w:tc>");
}

/* A value cell: the model's number, or nothing. */
static void value(table *t, const gk_report *r, int i, int span) {
    char num[32];
    const char *s = i >= 0 && i < GK_NCELLS ? gk_cell_text(&r->cells[i], num) : "";
    cell(t, span, VM_NONE, "GKCellNum", s);
}

static bool same_str(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* t2: a block per group (第二十条第（…）项): the group across the table, 信息内容 and the field labels, the rows. */
static void t2_docx(gk_buf *o, const gk_report *r) {
    const gk_table_def *td = &r->tmpl->tables[GK_T2];
    int maxf = 1;
    for (int k = 0; k < td->nrows; k++)
        if (td->rows[k].nfields > maxf) maxf = td->rows[k].nfields;
    if (maxf > MAX_GRID - 1) maxf = MAX_GRID - 1;
    int widths[MAX_GRID], ncols = 1 + maxf;
    for (int c = 0; c < ncols; c++) widths[c] = TEXT_W / ncols;
    widths[0] += TEXT_W - ncols * (TEXT_W / ncols);
    table t;
    table_open(&t, o, ncols, widths);
    const gk_row_def *prev = NULL;
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        int nf = rd->nfields < maxf ? rd->nfields : maxf;
        if (!prev || !same_str(prev->group, rd->group) || prev->fields != rd->fields || prev->nfields != rd->nfields) {
            if (rd->group && (!prev || !same_str(prev->group, rd->group))) {
                row_open(&t, false);
                cell(&t, ncols, VM_NONE, "GKCellHead", rd->group);
                row_close(&t);
            }
            row_open(&t, false);
            cell(&t, 1, VM_NONE, "GKCellHead", gk_t2_content);
            for (int f = 0; f < nf; f++)
                cell(&t, f == nf - 1 ? maxf - nf + 1 : 1, VM_NONE, "GKCellHead", rd->fields[f].label);
            if (!nf) cell(&t, maxf, VM_NONE, "GKCell", NULL);
            row_close(&t);
        }
        prev = rd;
        row_open(&t, false);
        cell(&t, 1, VM_NONE, "GKCell", rd->label);
        for (int f = 0; f < nf; f++) value(&t, r, rd->first + f, f == nf - 1 ? maxf - nf + 1 : 1);
        if (!nf) cell(&t, maxf, VM_NONE, "GKCell", NULL);
        row_close(&t);
    }
    table_close(&t);
}

/* t3: the 3-row header, then the rows with the label area three columns wide. */
static void t3_docx(gk_buf *o, const gk_report *r) {
    const gk_template *tm = r->tmpl;
    const gk_table_def *td = &tm->tables[GK_T3];
    if (!td->nrows) return;
    const gk_field_def *cols = td->rows[0].fields;
    int ncols = td->rows[0].nfields;
    if (ncols > MAX_GRID - T3_LABEL_COLS) ncols = MAX_GRID - T3_LABEL_COLS;
    int first = tm->t3.first_outcome, last = tm->t3.total;
    const char *top = first >= 0 && first < td->nrows ? td->rows[first].group : NULL;
    if (!top || last < first || last >= td->nrows) { top = NULL; first = last = td->nrows; }

    /* the official template's proportions (754 : 921 : 3271 : 7 × 685) on the text width */
    int widths[MAX_GRID], ngrid = T3_LABEL_COLS + ncols;
    int label[T3_LABEL_COLS] = {680, 830, 2950};
    int rest = TEXT_W - label[0] - label[1] - label[2];
    for (int c = 0; c < T3_LABEL_COLS; c++) widths[c] = label[c];
    for (int c = 0; c < ncols; c++) widths[T3_LABEL_COLS + c] = rest / (ncols ? ncols : 1);
    if (ncols) widths[T3_LABEL_COLS] += rest - ncols * (rest / ncols);
    table t;
    table_open(&t, o, ngrid, widths);

    /* the header: note | 申请人情况; 自然人 | 法人或其他组织 | 总计; the organisations */
    row_open(&t, true);
    cell(&t, T3_LABEL_COLS, VM_RESTART, "GKNote", gk_t3_note);
    cell(&t, ncols, VM_NONE, "GKCellHead", gk_t3_applicants);
    row_close(&t);
    row_open(&t, true);
    cell(&t, T3_LABEL_COLS, VM_CONTINUE, "GKNote", NULL);
    if (ncols >= 3) {
        cell(&t, 1, VM_RESTART, "GKCellHead", cols[0].label);
        cell(&t, ncols - 2, VM_NONE, "GKCellHead", gk_t3_organisations);
        cell(&t, 1, VM_RESTART, "GKCellHead", cols[ncols - 1].label);
    } else {
        for (int c = 0; c < ncols; c++) cell(&t, 1, VM_RESTART, "GKCellHead", cols[c].label);
    }
    row_close(&t);
    row_open(&t, true);
    cell(&t, T3_LABEL_COLS, VM_CONTINUE, "GKNote", NULL);
    if (ncols >= 3) {
        cell(&t, 1, VM_CONTINUE, "GKCellHead", NULL);
        for (int c = 1; c < ncols - 1; c++) cell(&t, 1, VM_NONE, "GKCellHead", cols[c].label);
        cell(&t, 1, VM_CONTINUE, "GKCellHead", NULL);
    } else {
        for (int c = 0; c < ncols; c++) cell(&t, 1, VM_CONTINUE, "GKCellHead", NULL);
    }
    row_close(&t);

    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        bool outcome = top && k >= first && k <= last;
        row_open(&t, false);
        if (outcome) {
            /* 三、本年度办理结果 down the outcome rows */
            vmerge vm = first == last ? VM_NONE : k == first ? VM_RESTART : VM_CONTINUE;
            cell(&t, 1, vm, "GKCellGroup", top);
            if (rd->group && strcmp(rd->group, top)) {
                /* an item of （三）…（六）: the subgroup down its items, the item's label */
                bool starts = k == first || !same_str(td->rows[k - 1].group, rd->group);
                bool goes_on = k < last && same_str(td->rows[k + 1].group, rd->group);
                cell(&t, 1, starts ? (goes_on ? VM_RESTART : VM_NONE) : VM_CONTINUE, "GKCellGroup", rd->group);
                cell(&t, 1, VM_NONE, "GKCell", rd->label);
            } else {
                cell(&t, 2, VM_NONE, "GKCell", rd->label);
            }
        } else {
            cell(&t, T3_LABEL_COLS, VM_NONE, "GKCell", rd->label);
        }
        for (int c = 0; c < rd->nfields && c < ncols; c++) value(&t, r, rd->first + c, 1);
        for (int c = rd->nfields; c < ncols; c++) cell(&t, 1, VM_NONE, "GKCellNum", NULL);
        row_close(&t);
    }
    table_close(&t);
}

/* t4: 行政复议 (no group: its label over its results, which stand two rows tall) | 行政诉讼 (the group over its
 * two kinds, each over its results); one row of values. */
static void t4_docx(gk_buf *o, const gk_report *r) {
    const gk_table_def *td = &r->tmpl->tables[GK_T4];
    bool grouped = false;
    int ncols = 0;
    for (int k = 0; k < td->nrows; k++) {
        grouped |= td->rows[k].group != NULL;
        ncols += td->rows[k].nfields;
    }
    if (ncols < 1 || ncols > MAX_GRID) return;
    int widths[MAX_GRID];
    for (int c = 0; c < ncols; c++) widths[c] = TEXT_W / ncols;
    widths[0] += TEXT_W - ncols * (TEXT_W / ncols);
    table t;
    table_open(&t, o, ncols, widths);
    row_open(&t, true);
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        if (!rd->group) { cell(&t, rd->nfields, VM_NONE, "GKCellHead", rd->label); continue; }
        if (k && same_str(td->rows[k - 1].group, rd->group)) continue;
        int span = 0;
        for (int j = k; j < td->nrows && same_str(td->rows[j].group, rd->group); j++) span += td->rows[j].nfields;
        cell(&t, span, VM_NONE, "GKCellHead", rd->group);
    }
    row_close(&t);
    row_open(&t, true);
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        if (!rd->group)
            for (int f = 0; f < rd->nfields; f++)
                cell(&t, 1, grouped ? VM_RESTART : VM_NONE, "GKCellHead", rd->fields[f].label);
        else
            cell(&t, rd->nfields, VM_NONE, "GKCellHead", rd->label);
    }
    row_close(&t);
    if (grouped) {
        row_open(&t, true);
        for (int k = 0; k < td->nrows; k++) {
            const gk_row_def *rd = &td->rows[k];
            for (int f = 0; f < rd->nfields; f++)
                cell(&t, 1, rd->group ? VM_NONE : VM_CONTINUE, "GKCellHead", rd->group ? rd->fields[f].label : NULL);
        }
        row_close(&t);
    }
    row_open(&t, false);
    for (int k = 0; k < td->nrows; k++)
        for (int f = 0; f < td->rows[k].nfields; f++) value(&t, r, td->rows[k].first + f, 1);
    row_close(&t);
    table_close(&t);
}

/* ------------------------------------------------------------------ the body */

/* A line of section text that is a sub-heading: （一）… standing alone (short, no full stop). */
static bool subheading(const char *s, size_t n) {
    gk_numbering nb = gk_numbering_parse(s, n);
    if (nb.kind != GK_NUM_CN_PAREN || n > 90) return false;
    for (size_t i = 0; i + 3 <= n; i++)
        if (!memcmp(s + i, "。", 3) || !memcmp(s + i, "；", 3) || !memcmp(s + i, "，", 3)) return false;
    return true;
}

/* One paragraph per non-blank line, trimmed. */
static void paragraphs(gk_buf *o, const char *s) {
    if (!s) return;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        size_t m = n;
        const char *t = gk_trim(s, &m);
        if (m) para(o, subheading(t, m) ? "GKHeading2" : "GKBody", t, m);
        if (!e) break;
        s = e + 1;
    }
}

/* Paragraphs before the first section (as txt.c and html.c: not the title's own lines). */
static void preface(gk_buf *o, const gk_report *r) {
    for (uint32_t i = 0; i < r->nparas; i++) {
        const gk_para *p = &r->paras[i];
        if (p->section >= 0 || !p->text) continue;
        if (gk_para_in_title(r, p)) continue;
        const char *s = p->orig ? p->orig : p->text;
        size_t n = p->orig ? p->orig_len : p->len;
        size_t m = n;
        const char *t = gk_trim(s, &m);
        if (m) para(o, "GKBody", t, m);
    }
}

static void document_xml(gk_buf *o, const gk_report *r) {
    gk_buf_printf(o, "%s<w:document xmlns:w=\"%s\" xmlns:r=\"%s\"><w:body>", XML_DECL, W_NS, R_NS);
    if (r->title) {   /* a title written over several lines keeps its lines */
        const char *s = r->title;
        while (*s) {
            const char *e = strchr(s, '\n');
            size_t n = e ? (size_t)(e - s) : strlen(s), m = n;
            const char *t = gk_trim(s, &m);
            if (m) para(o, "GKTitle", t, m);
            if (!e) break;
            s = e + 1;
        }
        /* an empty line under the title, as official documents have it; it also keeps the text that follows
         * apart from the title for a reader (a line right under the title that repeats part of it is taken as
         * the title's own, as in the text layout) */
        para(o, "GKBody", "", 0);
    }
    preface(o, r);
    for (int s = 0; s < 6; s++) {
        const gk_section *sec = &r->sections[s];
        bool has_table = s >= 1 && s <= 3 && r->table_found[s - 1];
        if (!sec->present && !has_table) continue;
        char cn[16];
        gk_buf line;
        gk_buf_init(&line);
        gk_buf_printf(&line, "%s、%s", gk_cn_numeral(s + 1, cn),
                      sec->present && sec->title ? sec->title : gk_section_title(s + 1, "zh"));
        para(o, "GKHeading1", line.data, line.len);
        gk_buf_free(&line);
        if (sec->present) paragraphs(o, sec->text);
        if (has_table) {
            if (s == 1) t2_docx(o, r);
            else if (s == 2) t3_docx(o, r);
            else t4_docx(o, r);
            para(o, "GKAfterTable", "", 0);   /* Word needs a paragraph between tables; a little air */
        }
    }
    gk_buf_printf(o, "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>"
                     "<w:pgSz w:w=\"%d\" w:h=\"%d\"/>"
                     "<w:pgMar w:top=\"%d\" w:right=\"%d\" w:bottom=\"%d\" w:left=\"%d\" w:header=\"851\" "
                     "w:footer=\"992\" w:gutter=\"0\"/><w:cols w:space=\"425\"/><w:docGrid w:linePitch=\"312\"/>"
                     "</w:sectPr></w:body></w:document>",
                  PAGE_W, PAGE_H, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT);
}

/* ------------------------------------------------------------------ the other parts */

static void rfonts(gk_buf *o, const char *latin, const char *east) {
    gk_buf_printf(o, "<w:rFonts w:hint=\"eastAsia\" w:ascii=\"%s\" w:hAnsi=\"%s\" w:eastAsia=\"%s\" w:cs=\"%s\"/>",
                  latin, latin, east, latin);
}

/* A paragraph style: fonts, size, bold, alignment, spacing (line: twips, exact when > 0, single when 0),
 * first-line indent in hundredths of a character, outline level (-1: none). */
static void pstyle(gk_buf *o, const char *id, const char *name, const char *latin, const char *east, int sz, bool bold,
                   const char *jc, int before, int after, int line, int indent_chars, int outline, bool keep_next) {
    gk_buf_printf(o, "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"%s\"><w:name w:val=\"%s\"/>"
                     "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>",
                  id, name);
    if (keep_next) gk_buf_puts(o, "<w:keepNext/>");
    if (line > 0) gk_buf_printf(o, "<w:spacing w:before=\"%d\" w:after=\"%d\" w:line=\"%d\" w:lineRule=\"exact\"/>", before, after, line);
    else gk_buf_printf(o, "<w:spacing w:before=\"%d\" w:after=\"%d\" w:line=\"240\" w:lineRule=\"auto\"/>", before, after);
    if (indent_chars) gk_buf_printf(o, "<w:ind w:firstLineChars=\"%d\" w:firstLine=\"%d\"/>", indent_chars, indent_chars * sz / 10);
    else gk_buf_puts(o, "<w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"0\"/>");
    gk_buf_printf(o, "<w:jc w:val=\"%s\"/>", jc);
    if (outline >= 0) gk_buf_printf(o, "<w:outlineLvl w:val=\"%d\"/>", outline);
    gk_buf_puts(o, "</w:pPr><w:rPr>");
    rfonts(o, latin, east);
    if (bold) gk_buf_puts(o, "<w:b/><w:bCs/>");
    gk_buf_printf(o, "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr></w:style>", sz, sz);
}

static void styles_xml(gk_buf *o) {
    gk_buf_printf(o, "%s<w:styles xmlns:w=\"%s\"><w:docDefaults><w:rPrDefault><w:rPr>", XML_DECL, W_NS);
    rfonts(o, FONT_LATIN, FONT_BODY);
    gk_buf_printf(o, "<w:kern w:val=\"2\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>"
                     "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
                     "<w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault>"
                     "</w:docDefaults>",
                  SZ_BODY, SZ_BODY);
    gk_buf_puts(o, "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
                   "<w:qFormat/><w:pPr><w:widowControl w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr></w:style>"
                   "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
                   "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
                   "<w:unhideWhenUsed/></w:style>"
                   "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
                   "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" "
                   "w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>"
                   "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
                   "</w:style>"
                   "<w:style w:type=\"table\" w:customStyle=\"1\" w:styleId=\"GKTable\"><w:name w:val=\"GK Table\"/>"
                   "<w:basedOn w:val=\"TableNormal\"/><w:tblPr><w:jc w:val=\"center\"/><w:tblBorders>"
                   "<w:top w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
                   "<w:left w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
                   "<w:bottom w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
                   "<w:right w:val=\"single\" w:sz=\"8\" w:space=\"0\" w:color=\"000000\"/>"
                   "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                   "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>"
                   "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"57\" w:type=\"dxa\"/>"
                   "<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
                   "<w:tcPr><w:vAlign w:val=\"center\"/></w:tcPr></w:style>");
    /*           id              name                 latin       east             size       bold   jc      bef  aft  line        ind  outl keep */
    pstyle(o, "GKTitle", "GK Title", FONT_TITLE, FONT_TITLE, SZ_TITLE, false, "center", 0, 0, 0, 0, -1, true);
    pstyle(o, "GKHeading1", "GK Heading 1", FONT_LATIN, FONT_HEADING, SZ_BODY, false, "both", 0, 0, LINE_BODY, 200, 0, true);
    pstyle(o, "GKHeading2", "GK Heading 2", FONT_LATIN, FONT_SUBHEADING, SZ_BODY, false, "both", 0, 0, LINE_BODY, 200, 1, true);
    pstyle(o, "GKBody", "GK Body", FONT_LATIN, FONT_BODY, SZ_BODY, false, "both", 0, 0, LINE_BODY, 200, -1, false);
    pstyle(o, "GKCell", "GK Cell", FONT_LATIN, FONT_TABLE, SZ_TABLE, false, "left", 0, 0, 0, 0, -1, true);
    pstyle(o, "GKCellNum", "GK Cell Number", FONT_LATIN, FONT_TABLE, SZ_TABLE, false, "center", 0, 0, 0, 0, -1, true);
    pstyle(o, "GKCellGroup", "GK Cell Group", FONT_LATIN, FONT_TABLE, SZ_TABLE, false, "center", 0, 0, 0, 0, -1, true);
    pstyle(o, "GKCellHead", "GK Cell Header", FONT_LATIN, FONT_TABLE, SZ_TABLE, true, "center", 0, 0, 0, 0, -1, true);
    pstyle(o, "GKNote", "GK Note", FONT_LATIN, FONT_NOTE, SZ_TABLE, false, "left", 0, 0, 0, 0, -1, true);
    pstyle(o, "GKAfterTable", "GK After Table", FONT_LATIN, FONT_BODY, SZ_TABLE, false, "left", 0, 0, 0, 0, -1, false);
    pstyle(o, "GKFooter", "GK Footer", FONT_LATIN, FONT_TABLE, SZ_FOOTER, false, "center", 0, 0, 0, 0, -1, false);
    gk_buf_puts(o, "</w:styles>");
}

static void settings_xml(gk_buf *o) {
    gk_buf_printf(o, "%s<w:settings xmlns:w=\"%s\"><w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"420\"/>"
                     "<w:characterSpacingControl w:val=\"compressPunctuation\"/>"
                     "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
                     "w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:settings>",
                  XML_DECL, W_NS);
}

/* The faces used, with the name to fall back on where the first is missing (仿宋_GB2312 is not on every
 * machine; 仿宋 is). */
static void font_table_xml(gk_buf *o) {
    static const struct { const char *name, *alt; bool cjk; } fonts[] = {
        {"Times New Roman", NULL, false}, {"仿宋_GB2312", "仿宋", true}, {"仿宋", "FangSong", true},
        {"黑体", "SimHei", true}, {"楷体_GB2312", "楷体", true}, {"楷体", "KaiTi", true},
        {"宋体", "SimSun", true}, {"方正小标宋简体", "宋体", true},
    };
    gk_buf_printf(o, "%s<w:fonts xmlns:w=\"%s\">", XML_DECL, W_NS);
    for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++) {
        gk_buf_printf(o, "<w:font w:name=\"%s\">", fonts[i].name);
        if (fonts[i].alt) gk_buf_printf(o, "<w:altName w:val=\"%s\"/>", fonts[i].alt);
        gk_buf_printf(o, "<w:charset w:val=\"%s\"/><w:family w:val=\"%s\"/><w:pitch w:val=\"variable\"/></w:font>",
                      fonts[i].cjk ? "86" : "00", fonts[i].cjk ? "modern" : "roman");
    }
    gk_buf_puts(o, "</w:fonts>");
}

/* The page number, centred at the foot of every page. */
static void footer_xml(gk_buf *o) {
    gk_buf_printf(o, "%s<w:ftr xmlns:w=\"%s\" xmlns:r=\"%s\"><w:p><w:pPr><w:pStyle w:val=\"GKFooter\"/></w:pPr>"
                     "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>",
                  XML_DECL, W_NS, R_NS);
}

static void content_types_xml(gk_buf *o) {
    static const char wml[] = "application/vnd.openxmlformats-officedocument.wordprocessingml.";
    gk_buf_printf(o, "%s<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                     "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                     "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                     "<Override PartName=\"/word/document.xml\" ContentType=\"%sdocument.main+xml\"/>"
                     "<Override PartName=\"/word/styles.xml\" ContentType=\"%sstyles+xml\"/>"
                     "<Override PartName=\"/word/settings.xml\" ContentType=\"%ssettings+xml\"/>"
                     "<Override PartName=\"/word/fontTable.xml\" ContentType=\"%sfontTable+xml\"/>"
                     "<Override PartName=\"/word/footer1.xml\" ContentType=\"%sfooter+xml\"/>"
                     "<Override PartName=\"/docProps/core.xml\" "
                     "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                     "<Override PartName=\"/docProps/app.xml\" "
                     "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>",
                  XML_DECL, wml, wml, wml, wml, wml);
}

static void package_rels_xml(gk_buf *o) {
    gk_buf_printf(o, "%s<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rId1\" Type=\"%s/officeDocument\" Target=\"word/document.xml\"/>"
                     "<Relationship Id=\"rId2\" "
                     "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
                     "Target=\"docProps/core.xml\"/>"
                     "<Relationship Id=\"rId3\" Type=\"%s/extended-properties\" Target=\"docProps/app.xml\"/>"
                     "</Relationships>",
                  XML_DECL, R_NS, R_NS);
}

static void document_rels_xml(gk_buf *o) {
    gk_buf_printf(o, "%s<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rIdStyles\" Type=\"%s/styles\" Target=\"styles.xml\"/>"
                     "<Relationship Id=\"rIdSettings\" Type=\"%s/settings\" Target=\"settings.xml\"/>"
                     "<Relationship Id=\"rIdFonts\" Type=\"%s/fontTable\" Target=\"fontTable.xml\"/>"
                     "<Relationship Id=\"rIdFooter1\" Type=\"%s/footer\" Target=\"footer1.xml\"/>"
                     "</Relationships>",
                  XML_DECL, R_NS, R_NS, R_NS, R_NS);
}

/* Only what the model holds: the title and the agency; no dates, so the same report gives the same bytes. */
static void core_xml(gk_buf *o, const gk_report *r) {
    gk_buf_printf(o, "%s<cp:coreProperties "
                     "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                     "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                     "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
                  XML_DECL);
    if (r->title) {
        gk_buf_puts(o, "<dc:title>");
        for (const char *s = r->title; *s; s++) {   /* one line */
            size_t n = strcspn(s, "\n");
            esc(o, s, n);
            s += n;
            if (!*s) break;
            gk_buf_putc(o, ' ');
        }
        gk_buf_puts(o, "</dc:title>");
    }
    if (r->agency) {
        gk_buf_puts(o, "<dc:creator>");
        esc_str(o, r->agency);
        gk_buf_puts(o, "</dc:creator>");
    }
    gk_buf_puts(o, "<dc:language>zh-CN</dc:language></cp:coreProperties>");
}

static void app_xml(gk_buf *o) {
    gk_buf_printf(o, "%s<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                     "<Application>gongkai</Application><DocSecurity>0</DocSecurity></Properties>",
                  XML_DECL);
}

/* ------------------------------------------------------------------ the package */

enum { P_TYPES, P_RELS, P_DOC, P_DOC_RELS, P_STYLES, P_SETTINGS, P_FONTS, P_FOOTER, P_CORE, P_APP, NPARTS };
static const char *const part_names[NPARTS] = {
    "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
    "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml",
};

static gk_status zip_status(zip_error_t *ze) {
    return zip_error_code_zip(ze) == ZIP_ER_MEMORY ? GK_ERR_NOMEM : GK_ERR_IO;
}

/* Zips the parts in memory and appends the archive to out. Every entry deflated, dated 1980-01-01 (the same
 * report gives the same bytes). */
static gk_status zip_parts(gk_buf *parts, gk_buf *out) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!src) { zip_error_fini(&ze); return GK_ERR_NOMEM; }
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    if (!z) {
        gk_status st = zip_status(&ze);
        zip_source_free(src);
        zip_error_fini(&ze);
        return st;
    }
    zip_error_fini(&ze);
    zip_source_keep(src);   /* it outlives zip_close: the archive is read from it */
    gk_status st = GK_OK;
    for (int i = 0; i < NPARTS && st == GK_OK; i++) {
        zip_source_t *s = zip_source_buffer(z, parts[i].data ? parts[i].data : "", parts[i].len, 0);
        zip_int64_t idx = s ? zip_file_add(z, part_names[i], s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
        if (idx < 0) {
            if (s) zip_source_free(s);
            st = zip_status(zip_get_error(z));
            break;
        }
        if (zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 0) < 0 ||
            zip_file_set_dostime(z, (zip_uint64_t)idx, 0, (1 << 5) | 1, 0) < 0)
            st = zip_status(zip_get_error(z));
    }
    if (st != GK_OK) {
        zip_discard(z);
        zip_source_free(src);
        return st;
    }
    if (zip_close(z) < 0) {
        st = zip_status(zip_get_error(z));
        zip_discard(z);
        zip_source_free(src);
        return st;
    }
    /* the archive now in src: read it out */
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_source_stat(src, &zs) < 0 || !(zs.valid & ZIP_STAT_SIZE) || zip_source_open(src) < 0) {
        st = zip_status(zip_source_error(src));
        zip_source_free(src);
        return st == GK_OK ? GK_ERR_IO : st;
    }
    size_t start = out->len;
    char chunk[16384];
    zip_uint64_t got = 0;
    while (got < zs.size) {
        zip_uint64_t want = zs.size - got < sizeof chunk ? zs.size - got : sizeof chunk;
        zip_int64_t n = zip_source_read(src, chunk, want);
        if (n <= 0) { st = GK_ERR_IO; break; }
        gk_buf_append(out, chunk, (size_t)n);
        got += (zip_uint64_t)n;
    }
    zip_source_close(src);
    zip_source_free(src);
    if (st != GK_OK) {   /* leave out as it was */
        out->len = start;
        if (out->data) out->data[start] = 0;
    }
    return st;
}

gk_status gk_render_docx(const gk_report *r, gk_buf *out) {
    if (!r || !out || !r->tmpl) return GK_ERR_MALFORMED;
    gk_buf parts[NPARTS];
    for (int i = 0; i < NPARTS; i++) gk_buf_init(&parts[i]);
    content_types_xml(&parts[P_TYPES]);
    package_rels_xml(&parts[P_RELS]);
    document_xml(&parts[P_DOC], r);
    document_rels_xml(&parts[P_DOC_RELS]);
    styles_xml(&parts[P_STYLES]);
    settings_xml(&parts[P_SETTINGS]);
    font_table_xml(&parts[P_FONTS]);
    footer_xml(&parts[P_FOOTER]);
    core_xml(&parts[P_CORE], r);
    app_xml(&parts[P_APP]);
    gk_status st = zip_parts(parts, out);
    for (int i = 0; i < NPARTS; i++) gk_buf_free(&parts[i]);
    return st;
}
