/* xlsx.c: the report as an XLSX workbook (libxlsxwriter). One sheet per statutory table laid out like the form
 * (its merged header and label cells, borders, wrapped centred headers, a CJK font), and a flat key/value sheet
 * for machines. Everything is drawn from the template; only what the model holds is written: a blank or
 * unreadable cell is an empty cell, never 0. Numbers are numbers, shown with as many decimals as they were
 * written with; a number past Excel's 15 significant digits is written as its exact text instead. */
#include "gongkai/dl.h"
#include "gongkai/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

/* libxlsxwriter (and the zip code behind it) is loaded only when an XLSX is written. */
#define XLSX_FNS(X) \
    X(format_set_align) X(format_set_bold) X(format_set_border) X(format_set_font_name) \
    X(format_set_font_size) X(format_set_num_format) X(format_set_text_wrap) X(workbook_add_format) \
    X(workbook_add_worksheet) X(workbook_close) X(workbook_new) X(worksheet_center_horizontally) \
    X(worksheet_fit_to_pages) X(worksheet_freeze_panes) X(worksheet_merge_range) \
    X(worksheet_repeat_rows) X(worksheet_set_column) X(worksheet_set_landscape) X(worksheet_set_paper) \
    X(worksheet_set_row) X(worksheet_write_blank) X(worksheet_write_number) X(worksheet_write_string)
GK_DL_TABLE(lx, GK_SONAME_XLSXWRITER, XLSX_FNS)

const char *gk_render_xlsx_unavailable(void) { return lx_load(); }

/* Header words of the form that are not row or field labels (the template holds rows and fields only). */

enum {
    MAXROWS = 40,          /* rows of the tallest sheet (t3 2021: 2 + 3 + 25) */
    MAXCOLS = 16,
    TOP = 2,               /* row 0: the report's title; row 1: the section heading; the table from row 2 */
    MAXSCALE = 18,
    STR_MAX = 32767,       /* Excel's limit on the characters of one cell */
    T3_LABEL_COLS = 3,
    T2_VALUE_COLS = 3
};

static const double LINE_PT = 15.0;   /* one line of 11 pt text */
static const double ROW_MIN_PT = 20.0;

typedef struct xl {
    lxw_workbook *wb;
    lxw_error err;         /* the first libxlsxwriter error */
    bool nomem;
    gk_buf s;              /* scratch: a string as written */
    lxw_format *title, *heading, *head, *label, *group, *text_num, *num[MAXSCALE + 1];
    lxw_format *d_head, *d_key, *d_text, *d_text_num, *d_num[MAXSCALE + 1];
} xl;

typedef struct sheet {
    xl *x;
    lxw_worksheet *ws;
    int ncols;
    double width[MAXCOLS];
    double need[MAXROWS];  /* points each row needs for its one-row cells */
    struct { int r1, r2; double pt; } tall[MAXROWS * 2];   /* cells over several rows */
    int ntall;
    int nrows;
} sheet;

static void check(xl *x, lxw_error e) {
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR) x->err = e;
}

/* ---- strings ---- */

/* The text as a cell holds it: valid XML whatever the model holds. Characters XML cannot carry (C0 controls
 * but tab and newline, CR, U+FFFE, U+FFFF) become OOXML's _xHHHH_ escapes, and a literal "_xHHHH_" keeps its
 * underscore as _x005F_, so a reader unescaping gets the text back; cut at Excel's 32,767 characters. */
static const char *cell_text(xl *x, const char *s) {
    gk_buf_reset(&x->s);
    if (!s) return x->s.data ? x->s.data : "";
    size_t n = strlen(s), chars = 0;
    for (size_t i = 0; i < n && chars < STR_MAX;) {
        int32_t cp;
        size_t k = gk_utf8_decode(s + i, n - i, &cp);
        bool hex4 = cp == '_' && i + 7 <= n && s[i + 1] == 'x' && s[i + 6] == '_' &&
                    strspn(s + i + 2, "0123456789abcdefABCDEF") >= 4;
        if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0xFFFE || cp == 0xFFFF || hex4) {
            if (chars + 7 > STR_MAX) break;
            gk_buf_printf(&x->s, "_x%04X_", (unsigned)cp);
            chars += 7;
        } else {
            if (cp == 0xFFFD && k == 1) gk_buf_puts(&x->s, "\xEF\xBF\xBD");   /* a stray byte */
            else gk_buf_append(&x->s, s + i, k);
            chars++;
        }
        i += k;
    }
    return x->s.data ? x->s.data : "";
}

/* Lines the text takes in a cell this wide (points of height, for a font of this size). */
static double text_height(const char *s, double width, double font_pt) {
    double usable = width - 1.0, lines = 0, line = 0;
    if (usable < 1) usable = 1;
    double scale = font_pt / 11.0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += gk_utf8_decode(s + i, n - i, &cp);
        if (cp == '\n') { lines++; line = 0; continue; }
        double w = (cp < 0x2000 ? 1.1 : 2.1) * scale;
        if (line > 0 && line + w > usable) { lines++; line = 0; }
        line += w;
    }
    lines++;
    return lines * LINE_PT * scale + 5.0;
}

/* ---- cells ---- */

static double span_width(const sheet *sh, int c1, int c2) {
    double w = 0;
    for (int c = c1; c <= c2; c++) w += sh->width[c];
    return w;
}

static void need_height(sheet *sh, int r1, int r2, double pt) {
    if (r1 < 0 || r2 >= MAXROWS) return;
    if (r2 + 1 > sh->nrows) sh->nrows = r2 + 1;
    if (r1 == r2) {
        if (pt > sh->need[r1]) sh->need[r1] = pt;
    } else if (sh->ntall < (int)(sizeof sh->tall / sizeof sh->tall[0])) {
        sh->tall[sh->ntall].r1 = r1;
        sh->tall[sh->ntall].r2 = r2;
        sh->tall[sh->ntall].pt = pt;
        sh->ntall++;
    }
}

/* Text over the rectangle r1..r2 × c1..c2 (merged when more than one cell). */
static void put_text(sheet *sh, int r1, int c1, int r2, int c2, const char *text, lxw_format *f, double font_pt) {
    const char *t = cell_text(sh->x, text);
    if (r1 == r2 && c1 == c2) check(sh->x, lx.fn.worksheet_write_string(sh->ws, (lxw_row_t)r1, (lxw_col_t)c1, t, f));
    else check(sh->x, lx.fn.worksheet_merge_range(sh->ws, (lxw_row_t)r1, (lxw_col_t)c1, (lxw_row_t)r2, (lxw_col_t)c2, t, f));
    need_height(sh, r1, r2, text_height(t, span_width(sh, c1, c2), font_pt));
}

/* |value| as decimal text with the point scale places from the right (exact; negative numbers too). */
static const char *decimal_text(gk_decimal d, char out[48]) {
    uint64_t m = d.value < 0 ? (uint64_t)0 - (uint64_t)d.value : (uint64_t)d.value;
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)m);
    int scale = d.scale > MAXSCALE ? MAXSCALE : d.scale;
    size_t o = 0;
    if (d.value < 0) out[o++] = '-';
    if (n <= scale) {
        out[o++] = '0';
        if (scale) out[o++] = '.';
        for (int i = n; i < scale; i++) out[o++] = '0';
        memcpy(out + o, digits, (size_t)n);
        o += (size_t)n;
    } else {
        memcpy(out + o, digits, (size_t)(n - scale));
        o += (size_t)(n - scale);
        if (scale) {
            out[o++] = '.';
            memcpy(out + o, digits + n - scale, (size_t)scale);
            o += (size_t)scale;
        }
    }
    out[o] = 0;
    return out;
}

/* A number Excel holds exactly: at most 15 significant digits. */
static bool fits_double(gk_decimal d) {
    uint64_t m = d.value < 0 ? (uint64_t)0 - (uint64_t)d.value : (uint64_t)d.value;
    return m < 1000000000000000ull && d.scale <= MAXSCALE;
}

static double decimal_double(gk_decimal d) {
    double p = 1;
    for (int i = 0; i < d.scale; i++) p *= 10;
    return (double)d.value / p;
}

/* One model cell at (r, c1..c2): its number, or an empty (bordered) cell. */
static void put_cell(sheet *sh, int r, int c1, int c2, const gk_cell *cell, bool table) {
    xl *x = sh->x;
    lxw_row_t row = (lxw_row_t)r;
    lxw_col_t col = (lxw_col_t)c1;
    bool number = cell && cell->state == GK_CELL_NUMBER;
    int scale = number && cell->num.scale <= MAXSCALE ? cell->num.scale : 0;
    lxw_format *f = table ? x->num[scale] : x->d_num[scale];
    if (c2 > c1) check(x, lx.fn.worksheet_merge_range(sh->ws, row, col, row, (lxw_col_t)c2, "", f));
    if (!number) {
        if (table && c2 == c1) check(x, lx.fn.worksheet_write_blank(sh->ws, row, col, f));
        return;
    }
    if (fits_double(cell->num)) {
        check(x, lx.fn.worksheet_write_number(sh->ws, row, col, decimal_double(cell->num), f));
    } else {
        char b[48];
        lxw_format *tf = table ? x->text_num : x->d_text_num;
        check(x, lx.fn.worksheet_write_string(sh->ws, row, col, decimal_text(cell->num, b), tf));
        if (c2 > c1)   /* the rest of the merged range in the same style */
            for (int c = c1 + 1; c <= c2; c++) check(x, lx.fn.worksheet_write_blank(sh->ws, row, (lxw_col_t)c, tf));
    }
}

/* ---- formats ---- */

static lxw_format *fmt(xl *x, const char *font, double size, bool bold, bool border, uint8_t align, bool wrap,
                       const char *num) {
    lxw_format *f = lx.fn.workbook_add_format(x->wb);
    if (!f) { x->nomem = true; return NULL; }
    lx.fn.format_set_font_name(f, font);
    lx.fn.format_set_font_size(f, size);
    if (bold) lx.fn.format_set_bold(f);
    if (border) lx.fn.format_set_border(f, LXW_BORDER_THIN);
    lx.fn.format_set_align(f, align);
    lx.fn.format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (wrap) lx.fn.format_set_text_wrap(f);
    if (num) lx.fn.format_set_num_format(f, num);
    return f;
}

static bool formats(xl *x) {
    const char *song = "仿宋", *hei = "黑体";
    x->title = fmt(x, hei, 16, false, false, LXW_ALIGN_CENTER, true, NULL);
    x->heading = fmt(x, hei, 12, false, false, LXW_ALIGN_LEFT, true, NULL);
    x->head = fmt(x, song, 11, true, true, LXW_ALIGN_CENTER, true, NULL);
    x->label = fmt(x, song, 11, false, true, LXW_ALIGN_LEFT, true, NULL);
    x->group = fmt(x, song, 11, false, true, LXW_ALIGN_CENTER, true, NULL);
    x->text_num = fmt(x, song, 11, false, true, LXW_ALIGN_CENTER, false, "@");
    x->d_head = fmt(x, song, 11, true, false, LXW_ALIGN_LEFT, false, NULL);
    x->d_key = fmt(x, song, 11, false, false, LXW_ALIGN_LEFT, false, NULL);
    x->d_text = fmt(x, song, 11, false, false, LXW_ALIGN_LEFT, false, "@");
    x->d_text_num = fmt(x, song, 11, false, false, LXW_ALIGN_RIGHT, false, "@");
    for (int s = 0; s <= MAXSCALE; s++) {
        char code[MAXSCALE + 3] = "0";
        if (s) {
            code[1] = '.';
            memset(code + 2, '0', (size_t)s);
            code[2 + s] = 0;
        }
        x->num[s] = fmt(x, song, 11, false, true, LXW_ALIGN_CENTER, false, code);
        x->d_num[s] = fmt(x, song, 11, false, false, LXW_ALIGN_RIGHT, false, code);
    }
    return !x->nomem;
}

/* ---- sheets ---- */

static bool new_sheet(xl *x, sheet *sh, const char *name, int ncols, const double *widths) {
    memset(sh, 0, sizeof *sh);
    sh->x = x;
    sh->ws = lx.fn.workbook_add_worksheet(x->wb, name);
    if (!sh->ws) { if (x->err == LXW_NO_ERROR) x->err = LXW_ERROR_PARAMETER_VALIDATION; return false; }
    sh->ncols = ncols;
    for (int c = 0; c < ncols; c++) {
        sh->width[c] = widths[c];
        check(x, lx.fn.worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL));
    }
    lx.fn.worksheet_set_paper(sh->ws, 9);   /* A4 */
    lx.fn.worksheet_fit_to_pages(sh->ws, 1, 0);
    lx.fn.worksheet_center_horizontally(sh->ws);
    return true;
}

/* The report's title and the section heading above the table. */
static void sheet_top(sheet *sh, const gk_report *r, int section) {
    char cn[16], heading[128];
    put_text(sh, 0, 0, 0, sh->ncols - 1, r->title ? r->title : "", sh->x->title, 16);
    snprintf(heading, sizeof heading, "%s、%s", gk_cn_numeral(section, cn), gk_section_title(section, "zh"));
    put_text(sh, 1, 0, 1, sh->ncols - 1, heading, sh->x->heading, 12);
}

/* Row heights: each row what its own cells need, then rows under a taller merged cell share its need. */
static void sheet_rows(sheet *sh, int first_table_row) {
    double h[MAXROWS];
    for (int r = 0; r < sh->nrows; r++) {
        double min = r >= first_table_row ? ROW_MIN_PT : LINE_PT + 5;
        h[r] = sh->need[r] > min ? sh->need[r] : min;
    }
    for (int k = 0; k < sh->ntall; k++) {
        double have = 0;
        for (int r = sh->tall[k].r1; r <= sh->tall[k].r2; r++) have += h[r];
        if (have < sh->tall[k].pt) h[sh->tall[k].r2] += sh->tall[k].pt - have;
    }
    for (int r = 0; r < sh->nrows; r++) check(sh->x, lx.fn.worksheet_set_row(sh->ws, (lxw_row_t)r, h[r], NULL));
}

/* t2: a block per group (第二十条第（一）项 …): the group over the width, a header row (信息内容 and the field
 * labels), its rows. A row with fewer fields than three value columns stretches its last field to the edge. */
static void t2_sheet(sheet *sh, const gk_report *r) {
    xl *x = sh->x;
    const gk_table_def *td = &r->tmpl->tables[GK_T2];
    sheet_top(sh, r, 2);
    int row = TOP;
    const char *group = NULL;
    const gk_field_def *fields = NULL;
    for (int k = 0; k < td->nrows && row + 3 < MAXROWS; k++) {
        const gk_row_def *rd = &td->rows[k];
        int n = rd->nfields < T2_VALUE_COLS ? rd->nfields : T2_VALUE_COLS;
        bool new_group = !group || !rd->group || strcmp(group, rd->group);
        if (new_group && rd->group) {
            put_text(sh, row, 0, row, T2_VALUE_COLS, rd->group, x->head, 11);
            row++;
        }
        if (new_group || rd->fields != fields) {
            put_text(sh, row, 0, row, 0, gk_t2_content, x->head, 11);
            for (int f = 0; f < n; f++)
                put_text(sh, row, 1 + f, row, f == n - 1 ? T2_VALUE_COLS : 1 + f, rd->fields[f].label, x->head, 11);
            row++;
        }
        group = rd->group;
        fields = rd->fields;
        put_text(sh, row, 0, row, 0, rd->label, x->group, 11);
        for (int f = 0; f < n; f++)
            put_cell(sh, row, 1 + f, f == n - 1 ? T2_VALUE_COLS : 1 + f, &r->cells[rd->first + f], true);
        row++;
    }
    sheet_rows(sh, TOP);
}

/* t3: the 3-row header (the 勾稽关系 note over the label columns, 申请人情况 over the seven columns, 法人或其他组织
 * over its five, 自然人 and 总计 over two rows), then the rows with the label area three columns wide:
 * 三、本年度办理结果 down the outcome rows, （三）…（六） down their items. */
static void t3_sheet(sheet *sh, const gk_report *r) {
    xl *x = sh->x;
    const gk_template *t = r->tmpl;
    const gk_table_def *td = &t->tables[GK_T3];
    const gk_field_def *cols = td->rows[0].fields;
    int ncols = td->rows[0].nfields, v0 = T3_LABEL_COLS, last = T3_LABEL_COLS + ncols - 1;
    sheet_top(sh, r, 3);
    put_text(sh, TOP, 0, TOP + 2, T3_LABEL_COLS - 1, gk_t3_note, x->head, 11);
    put_text(sh, TOP, v0, TOP, last, gk_t3_applicants, x->head, 11);
    /* the first and last columns (自然人, 总计) stand alone; the ones between are the organisations */
    put_text(sh, TOP + 1, v0, TOP + 2, v0, cols[0].label, x->head, 11);
    if (ncols > 2) put_text(sh, TOP + 1, v0 + 1, TOP + 1, last - 1, gk_t3_organisations, x->head, 11);
    for (int c = 1; c + 1 < ncols; c++) put_text(sh, TOP + 2, v0 + c, TOP + 2, v0 + c, cols[c].label, x->head, 11);
    if (ncols > 1) put_text(sh, TOP + 1, last, TOP + 2, last, cols[ncols - 1].label, x->head, 11);

    int first = TOP + 3;
    int fo = t->t3.first_outcome, to = t->t3.total;
    const char *outcome = fo >= 0 && fo < td->nrows ? td->rows[fo].group : NULL;
    for (int k = 0; k < td->nrows && first + k < MAXROWS; k++) {
        const gk_row_def *rd = &td->rows[k];
        int row = first + k;
        bool in_outcome = outcome && rd->group && !strcmp(rd->group, outcome);
        bool in_sub = rd->group && !in_outcome && k >= fo && k <= to;
        if (k == fo && outcome) put_text(sh, row, 0, first + to, 0, outcome, x->group, 11);
        if (in_sub) {
            if (k == 0 || !td->rows[k - 1].group || strcmp(td->rows[k - 1].group, rd->group)) {
                int end = k;
                while (end + 1 < td->nrows && td->rows[end + 1].group && !strcmp(td->rows[end + 1].group, rd->group)) end++;
                put_text(sh, row, 1, first + end, 1, rd->group, x->group, 11);
            }
            put_text(sh, row, 2, row, 2, rd->label, x->label, 11);
        } else {
            put_text(sh, row, in_outcome || (k >= fo && k <= to) ? 1 : 0, row, T3_LABEL_COLS - 1, rd->label, x->label, 11);
        }
        for (int c = 0; c < rd->nfields && c < ncols; c++) put_cell(sh, row, v0 + c, v0 + c, &r->cells[rd->first + c], true);
    }
    sheet_rows(sh, TOP);
    lx.fn.worksheet_set_landscape(sh->ws);
    check(x, lx.fn.worksheet_repeat_rows(sh->ws, TOP, TOP + 2));
    lx.fn.worksheet_freeze_panes(sh->ws, (lxw_row_t)first, T3_LABEL_COLS);
}

/* t4: 行政复议 over its five fields (which stand two rows tall), 行政诉讼 over its groups, each group
 * (未经复议直接起诉, 复议后起诉) over its five fields, then the one row of values. */
static void t4_sheet(sheet *sh, const gk_report *r) {
    xl *x = sh->x;
    const gk_table_def *td = &r->tmpl->tables[GK_T4];
    sheet_top(sh, r, 4);
    int col = 0;
    for (int g = 0; g < td->nrows; g++) {
        const gk_row_def *rd = &td->rows[g];
        int n = rd->nfields, end = col + n - 1;
        if (end >= MAXCOLS) break;
        if (!rd->group) {
            put_text(sh, TOP, col, TOP, end, rd->label, x->head, 11);
            for (int f = 0; f < n; f++) put_text(sh, TOP + 1, col + f, TOP + 2, col + f, rd->fields[f].label, x->head, 11);
        } else {
            if (g == 0 || !td->rows[g - 1].group || strcmp(td->rows[g - 1].group, rd->group)) {
                int gend = end;
                for (int h = g + 1; h < td->nrows && td->rows[h].group && !strcmp(td->rows[h].group, rd->group); h++)
                    gend += td->rows[h].nfields;
                if (gend >= MAXCOLS) gend = MAXCOLS - 1;
                put_text(sh, TOP, col, TOP, gend, rd->group, x->head, 11);
            }
            put_text(sh, TOP + 1, col, TOP + 1, end, rd->label, x->head, 11);
            for (int f = 0; f < n; f++) put_text(sh, TOP + 2, col + f, TOP + 2, col + f, rd->fields[f].label, x->head, 11);
        }
        for (int f = 0; f < n; f++) put_cell(sh, TOP + 3, col + f, col + f, &r->cells[rd->first + f], true);
        col = end + 1;
    }
    sheet_rows(sh, TOP);
    lx.fn.worksheet_set_landscape(sh->ws);
}

/* 数据: key and value, one row each: agency, year, format, title, then every cell by its key path. */
static void data_sheet(sheet *sh, const gk_report *r) {
    xl *x = sh->x;
    lxw_worksheet *ws = sh->ws;
    check(x, lx.fn.worksheet_write_string(ws, 0, 0, "key", x->d_head));
    check(x, lx.fn.worksheet_write_string(ws, 0, 1, "value", x->d_head));
    static const char *const meta[] = {"agency", "year", "format", "title"};
    for (int k = 0; k < 4; k++) {
        lxw_row_t row = (lxw_row_t)(1 + k);
        check(x, lx.fn.worksheet_write_string(ws, row, 0, meta[k], x->d_key));
        const char *v = k == 0 ? r->agency : k == 2 ? (r->format ? r->format : r->tmpl->format) : k == 3 ? r->title : NULL;
        if (k == 1) {
            if (r->year) check(x, lx.fn.worksheet_write_number(ws, row, 1, r->year, x->d_num[0]));
        } else if (v && *v) {
            check(x, lx.fn.worksheet_write_string(ws, row, 1, cell_text(x, v), x->d_text));
        }
    }
    for (int i = 0; i < r->tmpl->ncells; i++) {
        char path[64];
        lxw_row_t row = (lxw_row_t)(5 + i);
        check(x, lx.fn.worksheet_write_string(ws, row, 0, gk_template_cell_path(r->tmpl, i, path), x->d_key));
        put_cell(sh, (int)row, 1, 1, &r->cells[i], false);
    }
    lx.fn.worksheet_freeze_panes(ws, 1, 0);
}

/* Removes what a failed write left, when it is a plain file (never a device such as /dev/full). */
static void discard(const char *path) {
    struct stat st;
    if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) remove(path);
}

gk_status gk_render_xlsx(const gk_report *r, const char *path, const char *lang) {
    if (!r || !r->tmpl || !path || !*path) return GK_ERR_IO;
    if (lx_load()) return GK_ERR_UNSUPPORTED;
    bool en = lang && !strcmp(lang, "en");
    /* can the file be written at all? (libxlsxwriter would only find out at the end, and say so on stderr) */
    FILE *probe = fopen(path, "wb");
    if (!probe) return GK_ERR_IO;
    fclose(probe);

    xl x;
    memset(&x, 0, sizeof x);
    gk_buf_init(&x.s);
    x.wb = lx.fn.workbook_new(path);
    if (!x.wb) { gk_buf_free(&x.s); discard(path); return GK_ERR_NOMEM; }

    static const double w2[] = {22, 16, 16, 16};
    static const double w3[] = {6, 10, 38, 9.5, 9.5, 9.5, 9.5, 9.5, 9.5, 9.5};
    static const double w4[] = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10};
    static const double wd[] = {36, 20};
    sheet *sh = calloc(1, sizeof *sh);
    if (!sh || !formats(&x)) x.nomem = true;
    else {
        if (new_sheet(&x, sh, en ? "Table 2 proactive" : "表二 主动公开", 4, w2)) t2_sheet(sh, r);
        if (new_sheet(&x, sh, en ? "Table 3 applications" : "表三 依申请", T3_LABEL_COLS + GK_T3_NCOLS, w3)) t3_sheet(sh, r);
        if (new_sheet(&x, sh, en ? "Table 4 review and litigation" : "表四 复议诉讼", 15, w4)) t4_sheet(sh, r);
        if (new_sheet(&x, sh, en ? "data" : "数据", 2, wd)) data_sheet(sh, r);
    }
    free(sh);
    lxw_error closed = lx.fn.workbook_close(x.wb);   /* writes the file and frees the workbook */
    gk_buf_free(&x.s);
    if (x.nomem || x.err != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
        discard(path);
        if (x.nomem || x.err == LXW_ERROR_MEMORY_MALLOC_FAILED || closed == LXW_ERROR_MEMORY_MALLOC_FAILED)
            return GK_ERR_NOMEM;
        return GK_ERR_IO;
    }
    return GK_OK;
}
