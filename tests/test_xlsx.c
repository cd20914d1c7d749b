/* test_xlsx.c: the XLSX renderer, read back through its XML. For every seed, every example, 200 random
 * consistent reports (2021 and 2019, with blanks, unreadable cells and extreme values) and a few fixed
 * cases, the workbook is written to a temporary file and opened as a zip (libzip); every XML part must be
 * well-formed (libxml2), and then:
 *   - the sheets are 表二 主动公开, 表三 依申请, 表四 复议诉讼, 数据 (English names with lang "en");
 *   - 数据 holds key/value rows: agency, year, format, title, then every cell path in template order, its value
 *     exactly the model's number (shown with the number format's decimals) or empty when the model has none;
 *   - the t3 sheet has exactly the statutory merged ranges (written out here by hand, per format) and the
 *     model's numbers at their form positions; t2 and t4 likewise;
 *   - a blank or unreadable cell is an empty cell: no value, no 0, no placeholder.
 * Plus: GK_ERR_IO for a path that cannot be written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <inttypes.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "gongkai/check.h"
#include "gongkai/render.h"
#include "gongkai/report.h"

static char tmpdir[64];

/* ---------------------------------------------------------------- reading the workbook back */

enum { MAXR = 256, MAXC = 16, MAXMERGE = 64, MAXSHEETS = 8 };

typedef struct xcell {
    bool present;
    char type;            /* 'n' number, 's' string (shared, inline or str), 0 no value */
    char *text;           /* the value: number text as in <v>, or the string */
    int style;
} xcell;

typedef struct xsheet {
    char *name;
    xcell cells[MAXR][MAXC];
    char *merges[MAXMERGE];
    int nmerges;
    int maxrow;
} xsheet;

typedef struct xbook {
    xsheet sheets[MAXSHEETS];
    int nsheets;
    char **sst;
    int nsst;
    char *numfmt[512];    /* by numFmtId: custom codes */
    int *xf_numfmt, *xf_font;
    bool *xf_wrap, *xf_center;
    int nxf;
    char **font_name;
    int nfonts;
} xbook;

static char *zread(zip_t *z, const char *name, size_t *len) {
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) != 0) return NULL;
    zip_file_t *f = zip_fopen(z, name, 0);
    assert_non_null(f);
    char *b = malloc(st.size + 1);
    zip_int64_t n = zip_fread(f, b, st.size);
    assert_int_equal(n, (zip_int64_t)st.size);
    zip_fclose(f);
    b[st.size] = 0;
    if (len) *len = st.size;
    return b;
}

static xmlDocPtr zxml(zip_t *z, const char *name) {
    size_t len;
    char *b = zread(z, name, &len);
    if (!b) fail_msg("%s missing from the workbook", name);
    xmlDocPtr d = xmlReadMemory(b, (int)len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!d) fail_msg("%s is not well-formed XML", name);
    free(b);
    return d;
}

static bool is(xmlNodePtr n, const char *name) {
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static char *attr(xmlNodePtr n, const char *name) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) return NULL;
    char *s = strdup((const char *)v);
    xmlFree(v);
    return s;
}

static int attr_int(xmlNodePtr n, const char *name, int dflt) {
    char *s = attr(n, name);
    int v = s ? atoi(s) : dflt;
    free(s);
    return v;
}

static xmlNodePtr child(xmlNodePtr n, const char *name) {
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (is(c, name)) return c;
    return NULL;
}

/* OOXML's _xHHHH_ escapes undone. */
static char *unescape(const char *s) {
    size_t n = strlen(s);
    char *o = malloc(n + 1), *p = o;
    for (size_t i = 0; i < n;) {
        unsigned cp;
        if (s[i] == '_' && i + 7 <= n && s[i + 1] == 'x' && s[i + 6] == '_' &&
            strspn(s + i + 2, "0123456789abcdefABCDEF") >= 4 && sscanf(s + i + 2, "%4x", &cp) == 1) {
            if (cp < 0x80) *p++ = (char)cp;
            else if (cp < 0x800) { *p++ = (char)(0xC0 | cp >> 6); *p++ = (char)(0x80 | (cp & 0x3F)); }
            else { *p++ = (char)(0xE0 | cp >> 12); *p++ = (char)(0x80 | ((cp >> 6) & 0x3F)); *p++ = (char)(0x80 | (cp & 0x3F)); }
            i += 7;
        } else {
            *p++ = s[i++];
        }
    }
    *p = 0;
    return o;
}

/* The text of an <si> or <is>: its <t>, or the <t> of each run (phonetic runs left out). */
static void si_text(xmlNodePtr si, gk_buf *b) {
    for (xmlNodePtr c = si->children; c; c = c->next) {
        if (is(c, "t")) {
            xmlChar *t = xmlNodeGetContent(c);
            gk_buf_puts(b, (const char *)t);
            xmlFree(t);
        } else if (is(c, "r")) {
            si_text(c, b);
        }
    }
}

static char *string_of(xmlNodePtr si) {
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_puts(&b, "");
    si_text(si, &b);
    char *s = unescape(b.data);
    gk_buf_free(&b);
    return s;
}

static void cell_ref(const char *ref, int *row, int *col) {
    int c = 0;
    while (*ref >= 'A' && *ref <= 'Z') c = c * 26 + (*ref++ - 'A' + 1);
    *col = c - 1;
    *row = atoi(ref) - 1;
}

static void read_sheet(zip_t *z, const char *part, xbook *bk, xsheet *sh) {
    xmlDocPtr d = zxml(z, part);
    xmlNodePtr root = xmlDocGetRootElement(d);
    for (xmlNodePtr row = child(child(root, "sheetData"), "row"); row; row = row->next) {
        if (!is(row, "row")) continue;
        for (xmlNodePtr c = row->children; c; c = c->next) {
            if (!is(c, "c")) continue;
            char *ref = attr(c, "r"), *t = attr(c, "t");
            int r, k;
            cell_ref(ref, &r, &k);
            assert_true(r >= 0 && r < MAXR && k >= 0 && k < MAXC);
            xcell *x = &sh->cells[r][k];
            assert_false(x->present);   /* one <c> per position */
            x->present = true;
            x->style = attr_int(c, "s", 0);
            if (r > sh->maxrow) sh->maxrow = r;
            xmlNodePtr v = child(c, "v");
            if (t && !strcmp(t, "inlineStr")) {
                x->type = 's';
                x->text = string_of(child(c, "is"));
            } else if (v) {
                xmlChar *vt = xmlNodeGetContent(v);
                if (t && !strcmp(t, "s")) {
                    int i = atoi((const char *)vt);
                    assert_true(i >= 0 && i < bk->nsst);
                    x->type = 's';
                    x->text = strdup(bk->sst[i]);
                } else if (t && !strcmp(t, "str")) {
                    x->type = 's';
                    x->text = unescape((const char *)vt);
                } else {
                    assert_true(!t || !strcmp(t, "n"));
                    x->type = 'n';
                    x->text = strdup((const char *)vt);
                }
                xmlFree(vt);
            }
            free(ref);
            free(t);
        }
    }
    for (xmlNodePtr m = child(child(root, "mergeCells"), "mergeCell"); m; m = m->next)
        if (is(m, "mergeCell")) {
            assert_true(sh->nmerges < MAXMERGE);
            sh->merges[sh->nmerges++] = attr(m, "ref");
        }
    xmlFreeDoc(d);
}

static void read_book(const char *path, xbook *bk) {
    memset(bk, 0, sizeof *bk);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!z) fail_msg("%s: not a zip (libzip error %d)", path, err);
    /* every XML part is well-formed */
    zip_int64_t n = zip_get_num_entries(z, 0);
    int nxml = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        size_t l = strlen(name);
        if ((l > 4 && !strcmp(name + l - 4, ".xml")) || (l > 5 && !strcmp(name + l - 5, ".rels"))) {
            xmlFreeDoc(zxml(z, name));
            nxml++;
        }
    }
    assert_true(nxml >= 8);
    xmlFreeDoc(zxml(z, "[Content_Types].xml"));
    xmlFreeDoc(zxml(z, "_rels/.rels"));

    /* shared strings */
    size_t len;
    char *sst = zread(z, "xl/sharedStrings.xml", &len);
    if (sst) {
        free(sst);
        xmlDocPtr d = zxml(z, "xl/sharedStrings.xml");
        xmlNodePtr root = xmlDocGetRootElement(d);
        int cnt = 0;
        for (xmlNodePtr si = root->children; si; si = si->next) cnt += is(si, "si");
        bk->sst = calloc((size_t)cnt + 1, sizeof(char *));
        for (xmlNodePtr si = root->children; si; si = si->next)
            if (is(si, "si")) bk->sst[bk->nsst++] = string_of(si);
        xmlFreeDoc(d);
    }

    /* styles: number formats, fonts, cell formats */
    xmlDocPtr st = zxml(z, "xl/styles.xml");
    xmlNodePtr sroot = xmlDocGetRootElement(st);
    for (xmlNodePtr f = child(child(sroot, "numFmts"), "numFmt"); f; f = f->next)
        if (is(f, "numFmt")) {
            int id = attr_int(f, "numFmtId", -1);
            assert_true(id >= 0 && id < 512);
            bk->numfmt[id] = attr(f, "formatCode");
        }
    xmlNodePtr fonts = child(sroot, "fonts");
    int nf = 0;
    for (xmlNodePtr f = fonts ? fonts->children : NULL; f; f = f->next) nf += is(f, "font");
    bk->font_name = calloc((size_t)nf + 1, sizeof(char *));
    for (xmlNodePtr f = fonts ? fonts->children : NULL; f; f = f->next)
        if (is(f, "font")) bk->font_name[bk->nfonts++] = attr(child(f, "name"), "val");
    xmlNodePtr xfs = child(sroot, "cellXfs");
    int nx = 0;
    for (xmlNodePtr f = xfs ? xfs->children : NULL; f; f = f->next) nx += is(f, "xf");
    bk->xf_numfmt = calloc((size_t)nx + 1, sizeof(int));
    bk->xf_font = calloc((size_t)nx + 1, sizeof(int));
    bk->xf_wrap = calloc((size_t)nx + 1, sizeof(bool));
    bk->xf_center = calloc((size_t)nx + 1, sizeof(bool));
    for (xmlNodePtr f = xfs ? xfs->children : NULL; f; f = f->next) {
        if (!is(f, "xf")) continue;
        bk->xf_numfmt[bk->nxf] = attr_int(f, "numFmtId", 0);
        bk->xf_font[bk->nxf] = attr_int(f, "fontId", 0);
        xmlNodePtr al = child(f, "alignment");
        if (al) {
            char *w = attr(al, "wrapText"), *h = attr(al, "horizontal");
            bk->xf_wrap[bk->nxf] = w && (!strcmp(w, "1") || !strcmp(w, "true"));
            bk->xf_center[bk->nxf] = h && !strcmp(h, "center");
            free(w);
            free(h);
        }
        bk->nxf++;
    }
    xmlFreeDoc(st);

    /* the sheets, in workbook order, through the relationships */
    xmlDocPtr rels = zxml(z, "xl/_rels/workbook.xml.rels");
    xmlDocPtr wb = zxml(z, "xl/workbook.xml");
    for (xmlNodePtr s = child(child(xmlDocGetRootElement(wb), "sheets"), "sheet"); s; s = s->next) {
        if (!is(s, "sheet")) continue;
        assert_true(bk->nsheets < MAXSHEETS);
        xsheet *sh = &bk->sheets[bk->nsheets++];
        sh->name = attr(s, "name");
        xmlChar *rid = xmlGetNsProp(s, (const xmlChar *)"id",
                                    (const xmlChar *)"http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        assert_non_null(rid);
        char *target = NULL;
        for (xmlNodePtr rel = xmlDocGetRootElement(rels)->children; rel; rel = rel->next) {
            if (!is(rel, "Relationship")) continue;
            char *id = attr(rel, "Id");
            if (id && !strcmp(id, (const char *)rid)) target = attr(rel, "Target");
            free(id);
        }
        xmlFree(rid);
        assert_non_null(target);
        char part[256];
        if (target[0] == '/') snprintf(part, sizeof part, "%s", target + 1);
        else snprintf(part, sizeof part, "xl/%s", target);
        free(target);
        read_sheet(z, part, bk, sh);
    }
    xmlFreeDoc(wb);
    xmlFreeDoc(rels);
    zip_close(z);
}

static void free_book(xbook *bk) {
    for (int s = 0; s < bk->nsheets; s++) {
        xsheet *sh = &bk->sheets[s];
        free(sh->name);
        for (int r = 0; r < MAXR; r++)
            for (int c = 0; c < MAXC; c++) free(sh->cells[r][c].text);
        for (int m = 0; m < sh->nmerges; m++) free(sh->merges[m]);
    }
    for (int i = 0; i < bk->nsst; i++) free(bk->sst[i]);
    free(bk->sst);
    for (int i = 0; i < 512; i++) free(bk->numfmt[i]);
    for (int i = 0; i < bk->nfonts; i++) free(bk->font_name[i]);
    free(bk->font_name);
    free(bk->xf_numfmt);
    free(bk->xf_font);
    free(bk->xf_wrap);
    free(bk->xf_center);
}

/* The number format code of a cell's style (built-in ids resolved). */
static const char *format_code(const xbook *bk, int style) {
    assert_true(style >= 0 && style < bk->nxf);
    int id = bk->xf_numfmt[style];
    if (bk->numfmt[id]) return bk->numfmt[id];
    switch (id) {
    case 0: return "General";
    case 1: return "0";
    case 2: return "0.00";
    case 49: return "@";
    default: return "?";
    }
}

/* ---------------------------------------------------------------- the model's values */

/* The exact decimal text of a model number (negative ones too). */
static const char *exact(gk_decimal d, char out[48]) {
    uint64_t m = d.value < 0 ? (uint64_t)0 - (uint64_t)d.value : (uint64_t)d.value;
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%" PRIu64, m);
    char *o = out;
    if (d.value < 0) *o++ = '-';
    if (d.scale == 0) { strcpy(o, digits); return out; }
    if (n <= d.scale) {
        o += sprintf(o, "0.");
        for (int i = n; i < d.scale; i++) *o++ = '0';
        strcpy(o, digits);
    } else {
        memcpy(o, digits, (size_t)(n - d.scale));
        o += n - d.scale;
        *o++ = '.';
        strcpy(o, digits + n - d.scale);
    }
    return out;
}

static bool fits_double(gk_decimal d) {
    uint64_t m = d.value < 0 ? (uint64_t)0 - (uint64_t)d.value : (uint64_t)d.value;
    return m < 1000000000000000ull;
}

static int checked_numbers;

/* A written cell against the model's cell: the same number shown with the same decimals, or empty. */
static void same_value(const xbook *bk, const xsheet *sh, int row, int col, const gk_cell *m, const char *what) {
    const xcell *x = &sh->cells[row][col];
    char want[48];
    if (m->state != GK_CELL_NUMBER) {
        if (x->type) fail_msg("%s: %s!%c%d holds \"%s\" for a cell the model has no number for", what, sh->name,
                              'A' + col, row + 1, x->text);
        return;
    }
    exact(m->num, want);
    if (!x->type) fail_msg("%s: %s!%c%d is empty, the model has %s", what, sh->name, 'A' + col, row + 1, want);
    if (!fits_double(m->num)) {
        /* past Excel's 15 digits: the exact digits as text */
        if (x->type != 's' || strcmp(x->text, want))
            fail_msg("%s: %s!%c%d is %s, want the text %s", what, sh->name, 'A' + col, row + 1, x->text, want);
        checked_numbers++;
        return;
    }
    if (x->type != 'n') fail_msg("%s: %s!%c%d is the string \"%s\", want the number %s", what, sh->name, 'A' + col, row + 1, x->text, want);
    char code[32] = "0";
    if (m->num.scale) {
        code[1] = '.';
        memset(code + 2, '0', m->num.scale);
        code[2 + m->num.scale] = 0;
    }
    const char *have_code = format_code(bk, x->style);
    if (strcmp(have_code, code))
        fail_msg("%s: %s!%c%d has number format %s, want %s for %s", what, sh->name, 'A' + col, row + 1, have_code, code, want);
    char *end;
    double v = strtod(x->text, &end);
    assert_true(*end == 0);
    char shown[64];
    snprintf(shown, sizeof shown, "%.*f", m->num.scale, v);
    if (!strcmp(shown, "-0") || !strncmp(shown, "-0.", 3)) {   /* %f of a tiny negative rounds to -0 */
        bool zero = strspn(shown + 1, "0.") == strlen(shown + 1);
        if (zero) memmove(shown, shown + 1, strlen(shown));
    }
    if (strcmp(shown, want)) fail_msg("%s: %s!%c%d is %s (shown %s), want %s", what, sh->name, 'A' + col, row + 1, x->text, shown, want);
    checked_numbers++;
}

static void expect_text(const xsheet *sh, int row, int col, const char *want, const char *what) {
    const xcell *x = &sh->cells[row][col];
    if (x->type != 's' || strcmp(x->text, want))
        fail_msg("%s: %s!%c%d is \"%s\", want \"%s\"", what, sh->name, 'A' + col, row + 1, x->type ? x->text : "", want);
}

static void expect_merges(const xsheet *sh, const char *const *want, const char *what) {
    int n = 0;
    for (; want[n]; n++) {
        bool found = false;
        for (int m = 0; m < sh->nmerges; m++) found |= !strcmp(sh->merges[m], want[n]);
        if (!found) fail_msg("%s: %s lacks the merged range %s", what, sh->name, want[n]);
    }
    for (int m = 0; m < sh->nmerges; m++) {
        bool expected = false;
        for (int k = 0; want[k]; k++) expected |= !strcmp(sh->merges[m], want[k]);
        if (!expected) fail_msg("%s: %s has an unexpected merged range %s", what, sh->name, sh->merges[m]);
    }
    assert_int_equal(sh->nmerges, n);
}

/* The statutory merges, by hand. Row 1 the title, row 2 the section heading, the table from row 3. */
static const char *const t3_merges_2021[] = {
    "A1:J1", "A2:J2", "A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5",       /* header */
    "A6:C6", "A7:C7",                                                    /* 一、 二、 */
    "A8:A29", "B8:C8", "B9:C9",                                          /* 三、 （一） （二） */
    "B10:B17", "B18:B20", "B21:B25", "B26:B28",                          /* （三） （四） （五） （六） */
    "B29:C29", "A30:C30", NULL};                                         /* （七）总计, 四、 */
static const char *const t3_merges_2019[] = {
    "A1:J1", "A2:J2", "A3:C5", "D3:J3", "D4:D5", "E4:I4", "J4:J5",
    "A6:C6", "A7:C7",
    "A8:A27", "B8:C8", "B9:C9",
    "B10:B17", "B18:B20", "B21:B25", "B26:C26",                          /* （六）其他处理 one row */
    "B27:C27", "A28:C28", NULL};
static const char *const t2_merges_2021[] = {
    "A1:D1", "A2:D2", "A3:D3", "A7:D7", "B8:D8", "B9:D9", "A10:D10", "B11:D11", "B12:D12", "B13:D13",
    "A14:D14", "B15:D15", "B16:D16", NULL};
static const char *const t2_merges_2019[] = {
    "A1:D1", "A2:D2", "A3:D3", "A7:D7", "A11:D11", "A15:D15", "C16:D16", "C17:D17", "A18:D18", "C19:D19", "C20:D20", NULL};
/* the sheet row (0-based) of each t2 row */
static const int t2_rows_2021[] = {4, 5, 8, 11, 12, 15};
static const int t2_rows_2019[] = {4, 5, 8, 9, 12, 13, 16, 19};
static const char *const t4_merges[] = {
    "A1:O1", "A2:O2", "A3:E3", "F3:O3", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:E5", "F4:J4", "K4:O4", NULL};

static const xsheet *sheet_named(const xbook *bk, int i, const char *name) {
    assert_true(i < bk->nsheets);
    assert_string_equal(bk->sheets[i].name, name);
    return &bk->sheets[i];
}

static int nworkbooks;

/* Renders r, reads the workbook back and checks everything the header promises. */
static void check_xlsx(const gk_report *r, const char *what, const char *lang) {
    char path[128];
    snprintf(path, sizeof path, "%s/book-%d.xlsx", tmpdir, nworkbooks);
    gk_status st = gk_render_xlsx(r, path, lang);
    if (st != GK_OK) fail_msg("%s: gk_render_xlsx: %s", what, gk_status_message(st, "en"));
    xbook *bk = calloc(1, sizeof *bk);
    read_book(path, bk);
    bool en = lang && !strcmp(lang, "en");
    bool y2019 = !strcmp(r->tmpl->format, "2019");
    assert_int_equal(bk->nsheets, 4);
    const xsheet *s2 = sheet_named(bk, 0, en ? "Table 2 proactive" : "表二 主动公开");
    const xsheet *s3 = sheet_named(bk, 1, en ? "Table 3 applications" : "表三 依申请");
    const xsheet *s4 = sheet_named(bk, 2, en ? "Table 4 review and litigation" : "表四 复议诉讼");
    const xsheet *sd = sheet_named(bk, 3, en ? "data" : "数据");
    const gk_template *t = r->tmpl;

    /* 数据: key/value */
    expect_text(sd, 0, 0, "key", what);
    expect_text(sd, 0, 1, "value", what);
    static const char *const meta[] = {"agency", "year", "format", "title"};
    for (int k = 0; k < 4; k++) expect_text(sd, 1 + k, 0, meta[k], what);
    if (r->agency && *r->agency) expect_text(sd, 1, 1, r->agency, what);
    else assert_int_equal(sd->cells[1][1].type, 0);
    if (r->year) {
        assert_int_equal(sd->cells[2][1].type, 'n');
        assert_int_equal(atoi(sd->cells[2][1].text), r->year);
    } else {
        assert_int_equal(sd->cells[2][1].type, 0);
    }
    expect_text(sd, 3, 1, t->format, what);
    if (r->title && *r->title) expect_text(sd, 4, 1, r->title, what);
    else assert_int_equal(sd->cells[4][1].type, 0);
    for (int i = 0; i < t->ncells; i++) {
        char p[64];
        expect_text(sd, 5 + i, 0, gk_template_cell_path(t, i, p), what);
        same_value(bk, sd, 5 + i, 1, &r->cells[i], what);
    }
    assert_int_equal(sd->maxrow, 4 + t->ncells);

    /* t3: the merged ranges, the header words, the labels, the numbers */
    expect_merges(s3, y2019 ? t3_merges_2019 : t3_merges_2021, what);
    const gk_table_def *t3 = &t->tables[GK_T3];
    assert_non_null(strstr(s3->cells[2][0].text, "勾稽关系"));
    expect_text(s3, 2, 3, "申请人情况", what);
    expect_text(s3, 3, 3, t3->rows[0].fields[0].label, what);
    expect_text(s3, 3, 4, "法人或其他组织", what);
    expect_text(s3, 3, 9, t3->rows[0].fields[6].label, what);
    for (int c = 1; c < 6; c++) expect_text(s3, 4, 3 + c, t3->rows[0].fields[c].label, what);
    int fo = t->t3.first_outcome, to = t->t3.total;
    expect_text(s3, 5 + fo, 0, t3->rows[fo].group, what);
    for (int k = 0; k < t3->nrows; k++) {
        const gk_row_def *rd = &t3->rows[k];
        bool sub = rd->group && strcmp(rd->group, t3->rows[fo].group);
        int col = sub ? 2 : (k >= fo && k <= to) ? 1 : 0;
        expect_text(s3, 5 + k, col, rd->label, what);
        if (sub && strcmp(t3->rows[k - 1].group ? t3->rows[k - 1].group : "", rd->group))
            expect_text(s3, 5 + k, 1, rd->group, what);
        for (int c = 0; c < 7; c++) same_value(bk, s3, 5 + k, 3 + c, &r->cells[rd->first + c], what);
    }
    assert_int_equal(s3->maxrow, 4 + t3->nrows);
    /* header cells: wrapped, centred, in the CJK font */
    int hs = s3->cells[3][4].style;
    assert_true(bk->xf_wrap[hs] && bk->xf_center[hs]);
    assert_string_equal(bk->font_name[bk->xf_font[hs]], "仿宋");

    /* t2 */
    expect_merges(s2, y2019 ? t2_merges_2019 : t2_merges_2021, what);
    const gk_table_def *t2 = &t->tables[GK_T2];
    const int *rows = y2019 ? t2_rows_2019 : t2_rows_2021;
    for (int k = 0; k < t2->nrows; k++) {
        const gk_row_def *rd = &t2->rows[k];
        expect_text(s2, rows[k], 0, rd->label, what);
        if (k == 0 || strcmp(t2->rows[k - 1].group, rd->group)) {
            expect_text(s2, rows[k] - 2, 0, rd->group, what);
            expect_text(s2, rows[k] - 1, 0, "信息内容", what);
        }
        for (int f = 0; f < rd->nfields; f++) {
            if (k == 0 || strcmp(t2->rows[k - 1].group, rd->group)) expect_text(s2, rows[k] - 1, 1 + f, rd->fields[f].label, what);
            same_value(bk, s2, rows[k], 1 + f, &r->cells[rd->first + f], what);
        }
        for (int c = 1 + rd->nfields; c <= 3; c++) assert_int_equal(s2->cells[rows[k]][c].type, 0);
    }

    /* t4 */
    expect_merges(s4, t4_merges, what);
    const gk_table_def *t4 = &t->tables[GK_T4];
    expect_text(s4, 2, 0, t4->rows[0].label, what);
    expect_text(s4, 2, 5, t4->rows[1].group, what);
    expect_text(s4, 3, 5, t4->rows[1].label, what);
    expect_text(s4, 3, 10, t4->rows[2].label, what);
    for (int g = 0; g < 3; g++)
        for (int f = 0; f < 5; f++) {
            expect_text(s4, g ? 4 : 3, g * 5 + f, t4->rows[g].fields[f].label, what);
            same_value(bk, s4, 5, g * 5 + f, &r->cells[t4->rows[g].first + f], what);
        }
    assert_int_equal(s4->maxrow, 5);

    free_book(bk);
    free(bk);
    unlink(path);
    nworkbooks++;
}

/* ---------------------------------------------------------------- inputs */

static gk_report *parse(gk_arena *a, const char *name, const char *s, size_t n) {
    gk_report *r = NULL;
    const char *detail = NULL;
    gk_status st = gk_report_from_bytes(a, name, s, n, &r, &detail);
    if (st != GK_OK) fail_msg("%s: %s (%s)", name, gk_status_message(st, "en"), detail ? detail : "");
    gk_check_report(r);
    return r;
}

static int dir_reports(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt")) continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *b;
        size_t len;
        assert_int_equal(gk_read_file(path, 1 << 26, &b, &len), GK_OK);
        gk_arena *a = gk_arena_new();
        gk_report *r = parse(a, e->d_name, b, len);
        check_xlsx(r, e->d_name, "zh");
        gk_arena_free(a);
        free(b);
        n++;
    }
    closedir(d);
    return n;
}

static void test_seeds_and_examples(void **state) {
    (void)state;
    const char *ex = getenv("GK_EXAMPLES");
    int n = dir_reports(ex ? ex : "examples");
    if (n < 0) print_message("examples not found: skipping\n");
    else print_message("  %d examples written and read back\n", n);
    assert_true(n != 0);
    const char *sh = getenv("GK_SHARED");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/seeds", sh ? sh : "");
    struct stat st;
    if (!sh || stat(dir, &st) != 0) { print_message("shared/ not found: skipping seeds\n"); return; }
    n = dir_reports(dir);
    print_message("  %d seeds written and read back\n", n);
    assert_true(n > 0);
}

/* ---- random consistent reports, written as gongkai JSON ---- */

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint32_t rnd(uint32_t n) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return n ? (uint32_t)(rng % n) : 0;
}

/* A count: mostly small, sometimes large (-1: blank). */
static int64_t val(bool blanks) {
    uint32_t k = rnd(100);
    if (blanks && k < 8) return -1;
    if (k < 40) return 0;
    if (k < 90) return rnd(30);
    if (k < 98) return rnd(100000);
    return 1000000000ll + rnd(1000000);
}

/* A value for t2, where anything goes: extremes of the exact range and of Excel's 15 digits. */
static void put_extreme(gk_buf *b, bool blanks, bool sign) {
    static const char *const extremes[] = {
        "999999999999999", "1000000000000000", "9007199254740993", "9223372036854775807", "123456789012345678",
        "100000000000000", "0", "1"};
    uint32_t k = rnd(100);
    if (blanks && k < 8) gk_buf_puts(b, "null");
    else if (k < 20) gk_buf_puts(b, extremes[rnd(8)]);
    else if (k < 25) gk_buf_puts(b, "-9223372036854775807");
    else if (sign && k < 45) gk_buf_printf(b, "-%u", 1 + rnd(500));
    else gk_buf_printf(b, "%" PRId64, val(false));
}

/* A decimal amount with 0 to 5 decimals (as exact JSON reals keep them: no trailing 0). */
static void put_amount(gk_buf *b, bool blanks) {
    uint32_t k = rnd(100);
    if (blanks && k < 8) { gk_buf_puts(b, "null"); return; }
    int scale = (int)rnd(6);
    uint64_t ip = k < 10 ? 9999999999ull : rnd(100000);
    if (scale == 0) { gk_buf_printf(b, "%" PRIu64, ip); return; }
    uint32_t frac = 1 + rnd(9);
    for (int i = 1; i < scale; i++) frac = frac * 10 + rnd(10);
    if (frac % 10 == 0) frac += 1 + rnd(9);
    gk_buf_printf(b, "%" PRIu64 ".%0*u", ip, scale, frac);
}

static void put(gk_buf *b, int64_t v) {
    if (v < 0) gk_buf_puts(b, "null");
    else gk_buf_printf(b, "%" PRId64, v);
}

static void random_report(gk_buf *b, bool blanks, int year, const gk_template *t, gk_buf *prov) {
    static const char *const agencies[] = {"青禾区柳塘街道办事处", "白石县教育局", "东山市自然资源和规划局", "南湖区人民政府",
                                           "A&B <局> \\\"引号\\\"", "控制\\u0001字符_x0041_局\\t\\r\\n"};
    const char *agency = agencies[rnd(6)];
    gk_buf_reset(b);
    gk_buf_reset(prov);
    gk_buf_printf(b, "{\"schema\":\"gongkai.report/1\",\"agency\":\"%s\",", agency);
    if (rnd(10)) gk_buf_printf(b, "\"year\":%d,", year);
    gk_buf_printf(b, "\"format\":\"%s\",", t->format);
    if (rnd(10)) gk_buf_printf(b, "\"title\":\"%s%d年政府信息公开工作年度报告\",", agency, year);
    gk_buf_puts(b, "\"sections\":[");
    for (int s = 1; s <= 6; s++)
        gk_buf_printf(b, "%s{\"no\":%d,\"title\":\"%s\",\"text\":\"第%d部分。\"}", s > 1 ? "," : "", s, gk_section_title(s, "zh"), s);
    gk_buf_puts(b, "],\"t2\":{");
    const gk_table_def *t2 = &t->tables[GK_T2];
    for (int k = 0; k < t2->nrows; k++) {
        gk_buf_printf(b, "%s\"%s\":{", k ? "," : "", t2->rows[k].key);
        for (int f = 0; f < t2->rows[k].nfields; f++) {
            gk_buf_printf(b, "%s\"%s\":", f ? "," : "", t2->rows[k].fields[f].key);
            if (t2->rows[k].decimal) put_amount(b, blanks);
            else put_extreme(b, blanks, t2->rows[k].sign);
        }
        gk_buf_putc(b, '}');
    }
    /* t3: row totals, （七）总计 = Σ outcomes, 一 + 二 = 三 + 四 */
    const gk_table_def *t3 = &t->tables[GK_T3];
    const gk_t3_roles *ro = &t->t3;
    int64_t v[GK_T3_NROWS][7];
    for (int r = 0; r < t3->nrows; r++) {
        int64_t sum = 0;
        for (int c = 0; c < 6; c++) { v[r][c] = val(false); sum += v[r][c]; }
        v[r][6] = sum;
    }
    for (int c = 0; c < 7; c++) {
        v[ro->total][c] = 0;
        for (int r = ro->first_outcome; r <= ro->last_outcome; r++) v[ro->total][c] += v[r][c];
    }
    for (int c = 0; c < 6; c++) {
        v[ro->carry_next][c] = rnd(5);
        v[ro->carried_over][c] = rnd(5);
        int64_t received = v[ro->total][c] + v[ro->carry_next][c] - v[ro->carried_over][c];
        if (received < 0) { v[ro->carried_over][c] -= received; received = 0; }
        v[ro->received][c] = received;
    }
    int sums[3] = {ro->received, ro->carried_over, ro->carry_next};
    for (int k = 0; k < 3; k++) { v[sums[k]][6] = 0; for (int c = 0; c < 6; c++) v[sums[k]][6] += v[sums[k]][c]; }
    gk_buf_puts(b, "},\"t3\":{");
    for (int r = 0; r < t3->nrows; r++) {
        gk_buf_printf(b, "%s\"%s\":{", r ? "," : "", t3->rows[r].key);
        for (int c = 0; c < 7; c++) {
            gk_buf_printf(b, "%s\"%s\":", c ? "," : "", t3->rows[0].fields[c].key);
            uint32_t k = rnd(100);
            if (blanks && k < 5) {
                gk_buf_puts(b, "null");
            } else if (blanks && k < 8) {   /* unreadable, as the JSON's provenance says */
                gk_buf_puts(b, "null");
                gk_buf_printf(prov, ",\"t3.%s.%s\":{\"state\":\"unreadable\",\"raw\":\"约%u件\"}", t3->rows[r].key,
                              t3->rows[0].fields[c].key, rnd(99));
            } else {
                put(b, v[r][c]);
            }
        }
        gk_buf_putc(b, '}');
    }
    gk_buf_puts(b, "},\"t4\":{");
    const gk_table_def *t4 = &t->tables[GK_T4];
    for (int g = 0; g < 3; g++) {
        gk_buf_printf(b, "%s\"%s\":{", g ? "," : "", t4->rows[g].key);
        int64_t sum = 0;
        for (int f = 0; f < 4; f++) {
            int64_t x = rnd(10) ? rnd(10) : 100000000000000ll + rnd(1000);
            sum += x;
            gk_buf_printf(b, "\"%s\":", t4->rows[g].fields[f].key);
            put(b, blanks && rnd(100) < 5 ? -1 : x);
            gk_buf_putc(b, ',');
        }
        gk_buf_puts(b, "\"total\":");
        put(b, sum);
        gk_buf_putc(b, '}');
    }
    gk_buf_puts(b, "}");
    if (prov->len) gk_buf_printf(b, ",\"provenance\":{%s}", prov->data + 1);
    gk_buf_puts(b, "}");
}

static void test_random_reports(void **state) {
    (void)state;
    gk_buf b, prov;
    gk_buf_init(&b);
    gk_buf_init(&prov);
    int blank = 0, unreadable = 0, text = 0, y2019 = 0;
    for (int i = 0; i < 200; i++) {
        bool blanks = i % 3 != 0;
        const gk_template *t = i % 5 == 4 ? gk_template_2019() : gk_template_2021();
        random_report(&b, blanks, 2019 + (int)rnd(7), t, &prov);
        char name[64];
        snprintf(name, sizeof name, "random-%d.json", i);
        gk_arena *a = gk_arena_new();
        gk_report *r = parse(a, name, b.data, b.len);
        assert_string_equal(r->tmpl->format, t->format);
        for (int k = 0; k < t->ncells; k++) {
            blank += r->cells[k].state == GK_CELL_BLANK;
            unreadable += r->cells[k].state == GK_CELL_UNREADABLE;
            text += r->cells[k].state == GK_CELL_NUMBER && !fits_double(r->cells[k].num);
        }
        y2019 += t == gk_template_2019();
        check_xlsx(r, name, i % 7 == 6 ? "en" : "zh");
        gk_arena_free(a);
    }
    assert_true(blank > 0 && unreadable > 0 && text > 0 && y2019 > 0);
    print_message("  200 random reports (%d in the 2019 format) written and read back: %d blank, %d unreadable, "
                  "%d past 15 digits as text; %d numbers checked in all\n", y2019, blank, unreadable, text, checked_numbers);
    gk_buf_free(&b);
    gk_buf_free(&prov);
}

/* A fixed 2019 report: negative 本年增/减, the procurement amount with its decimals, the one （六）其他处理 row. */
static void test_2019(void **state) {
    (void)state;
    const char *json =
        "{\"schema\":\"gongkai.report/1\",\"agency\":\"南湖区人民政府\",\"year\":2019,\"format\":\"2019\","
        "\"title\":\"南湖区人民政府2019年政府信息公开工作年度报告\",\"sections\":[],"
        "\"t2\":{\"regulation\":{\"made\":1,\"published\":2,\"total_published\":30},"
        "\"permit\":{\"prev_items\":120,\"change\":-7,\"decisions\":3456},"
        "\"fee\":{\"prev_items\":4,\"change\":0},"
        "\"procurement\":{\"items\":12,\"amount\":251000.25}},"
        "\"t3\":{\"received\":{\"natural\":5,\"total\":5},\"other\":{\"natural\":2,\"commercial\":null,\"total\":2},"
        "\"total\":{\"natural\":5,\"total\":5}},"
        "\"t4\":{\"review\":{\"upheld\":1,\"total\":1}}}";
    gk_arena *a = gk_arena_new();
    gk_report *r = parse(a, "y2019.json", json, strlen(json));
    assert_string_equal(r->tmpl->format, "2019");
    int k = gk_template_cell_index(r->tmpl, "t2.procurement.amount");
    assert_true(k >= 0);
    assert_int_equal(r->cells[k].num.scale, 2);
    check_xlsx(r, "y2019.json", "zh");
    check_xlsx(r, "y2019.json en", "en");
    gk_arena_free(a);
}

/* A report with no numbers at all: no cell of any sheet holds a number or a placeholder. */
static void test_all_blank(void **state) {
    (void)state;
    const char *json = "{\"schema\":\"gongkai.report/1\",\"format\":\"2021\",\"sections\":[],\"t2\":{},\"t3\":{},\"t4\":{}}";
    gk_arena *a = gk_arena_new();
    gk_report *r = parse(a, "blank.json", json, strlen(json));
    check_xlsx(r, "blank.json", "zh");
    char path[128];
    snprintf(path, sizeof path, "%s/blank.xlsx", tmpdir);
    assert_int_equal(gk_render_xlsx(r, path, "zh"), GK_OK);
    xbook *bk = calloc(1, sizeof *bk);
    read_book(path, bk);
    for (int s = 0; s < bk->nsheets; s++)
        for (int row = 0; row < MAXR; row++)
            for (int c = 0; c < MAXC; c++) {
                const xcell *x = &bk->sheets[s].cells[row][c];
                if (s < 3 || c == 1) assert_true(x->type != 'n' || (s == 3 && row == 0));
                if (x->type == 's') {
                    assert_null(strstr(x->text, "—"));
                    assert_false(!strcmp(x->text, "0") || !strcmp(x->text, "无") || !strcmp(x->text, "null"));
                }
            }
    free_book(bk);
    free(bk);
    unlink(path);
    gk_arena_free(a);
}

/* A file that cannot be written is GK_ERR_IO, and nothing is left behind. */
static void test_unwritable(void **state) {
    (void)state;
    const char *json = "{\"schema\":\"gongkai.report/1\",\"format\":\"2021\",\"sections\":[],\"t2\":{},\"t3\":{},\"t4\":{}}";
    gk_arena *a = gk_arena_new();
    gk_report *r = parse(a, "io.json", json, strlen(json));
    char path[160];
    snprintf(path, sizeof path, "%s/no-such-dir/out.xlsx", tmpdir);
    assert_int_equal(gk_render_xlsx(r, path, "zh"), GK_ERR_IO);
    struct stat st;
    assert_int_not_equal(stat(path, &st), 0);
    assert_int_equal(gk_render_xlsx(r, tmpdir, "zh"), GK_ERR_IO);   /* a directory */
    assert_int_equal(gk_render_xlsx(r, "", "zh"), GK_ERR_IO);
    gk_arena_free(a);
}

static int setup(void **state) {
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/gk-xlsx-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    return rmdir(tmpdir);
}

int main(void) {
    xmlInitParser();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seeds_and_examples),
        cmocka_unit_test(test_random_reports),
        cmocka_unit_test(test_2019),
        cmocka_unit_test(test_all_blank),
        cmocka_unit_test(test_unwritable),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    xmlCleanupParser();
    return rc;
}
