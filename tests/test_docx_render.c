/* test_docx_render.c: the DOCX renderer (gk_render_docx).
 *
 * (a) The package: a zip holding [Content_Types].xml, _rels/.rels, word/document.xml, word/styles.xml,
 *     word/settings.xml, docProps/core.xml and docProps/app.xml; every XML part well-formed (libxml2, no DTD,
 *     no network); A4 (w:pgSz 11906 × 16838); the official faces named (仿宋_GB2312 body, 黑体 headings, w:eastAsia).
 * (b) The tables as the official template draws them, cell by cell (grid span, vertical merge, text): one
 *     w:tbl per table found; t2 blocks with their header across the table (gridSpan 4); t3 with its 3-row header
 *     (the note gridSpan 3 + vMerge over 3 rows, 申请人情况 gridSpan 7, 自然人/总计 vMerge over 2 rows,
 *     法人或其他组织 gridSpan 5), 三、本年度办理结果 vMerge down the outcome rows (22 in the 2021 form, 20 in 2019),
 *     （三）…（六） vMerge down their items; t4 with 行政复议 gridSpan 5, 行政诉讼 gridSpan 10 and the two suit kinds
 *     gridSpan 5; every row as wide as the grid; value cells hold the model's number or nothing. Every body
 *     paragraph is the report's own text or a section heading: nothing invented.
 * (c) The round trip: the bytes read back through gongkai's DOCX reader (gk_read_docx sees one table per table
 *     drawn; gk_report_from_bytes sniffs the zip) to the same cells (number ⇔ number, same value), agency, year,
 *     format, title, the text before section one and the sections' texts (as paragraphs: lines trimmed); and the
 *     report read back renders to the very same bytes.
 * (d) Inputs: every example (the .txt files of $GK_EXAMPLES), every seed ($GK_SHARED/seeds), every corpus report that parses
 *     ($GK_SHARED/corpus/raw and corpus/other: Markdown, text, HTML, DOCX; one in the 2019 form); 1,000 random
 *     consistent reports in the 2021 and 2019 forms with blanks, huge values, decimals and markup characters,
 *     written as gongkai JSON; extremes; an all-blank report; text with characters XML cannot carry; a report
 *     without tables; the same report twice gives the same bytes.
 *
 * Cases that need ../shared skip, saying "shared/ not found". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <zip.h>

#include "gongkai/check.h"
#include "gongkai/render.h"
#include "gongkai/report.h"
#include "gongkai/template.h"
#include "gongkai/text.h"

static const char W_NS[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

static int round_trips, reports_checked, n2019;

/* ------------------------------------------------------------------ helpers */

static gk_report *parse_ok(gk_arena *a, const char *name, const char *s, size_t n) {
    gk_report *r = NULL;
    const char *detail = NULL;
    gk_status st = gk_report_from_bytes(a, name, s, n, &r, &detail);
    if (st != GK_OK) fail_msg("%s: %s (%s)", name, gk_status_message(st, "en"), detail ? detail : "");
    gk_check_report(r);
    return r;
}

/* The same without the rules: the values of test_extremes overflow the checker's sums (src/check/sums.c adds
 * int64 values unchecked; UBSan stops there), and rendering needs no findings. */
static gk_report *parse_unchecked(gk_arena *a, const char *name, const char *s, size_t n) {
    gk_report *r = NULL;
    const char *detail = NULL;
    gk_status st = gk_report_from_bytes(a, name, s, n, &r, &detail);
    if (st != GK_OK) fail_msg("%s: %s (%s)", name, gk_status_message(st, "en"), detail ? detail : "");
    return r;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t l = strlen(s), m = strlen(suffix);
    return l >= m && !strcmp(s + l - m, suffix);
}

static void render_ok(const char *what, const gk_report *r, gk_buf *b) {
    gk_buf_reset(b);
    gk_status st = gk_render_docx(r, b);
    if (st != GK_OK) fail_msg("%s: gk_render_docx: %s", what, gk_status_message(st, "en"));
    if (b->len < 22 || memcmp(b->data, "PK\x03\x04", 4)) fail_msg("%s: not a zip (%zu bytes)", what, b->len);
}

/* ------------------------------------------------------------------ the zip and its XML */

typedef struct part { char *name; char *data; size_t len; } part;
typedef struct package { part *parts; int n; } package;

static void package_free(package *p) {
    for (int i = 0; i < p->n; i++) { free(p->parts[i].name); free(p->parts[i].data); }
    free(p->parts);
    p->parts = NULL;
    p->n = 0;
}

static package unzip(const char *what, const gk_buf *b) {
    package p = {0};
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(b->data, b->len, 0, &ze);
    assert_non_null(src);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!z) fail_msg("%s: libzip cannot open the package: %s", what, zip_error_strerror(&ze));
    zip_error_fini(&ze);
    zip_int64_t n = zip_get_num_entries(z, 0);
    assert_true(n > 0 && n < 100);
    p.parts = calloc((size_t)n, sizeof *p.parts);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        assert_int_equal(zip_stat_index(z, (zip_uint64_t)i, 0, &st), 0);
        zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
        if (!f) fail_msg("%s: entry %s unreadable", what, st.name);
        char *d = malloc(st.size + 1);
        zip_int64_t got = zip_fread(f, d, st.size);
        zip_fclose(f);
        if (got < 0 || (zip_uint64_t)got != st.size) fail_msg("%s: entry %s truncated", what, st.name);
        d[st.size] = 0;
        p.parts[p.n].name = strdup(st.name);
        p.parts[p.n].data = d;
        p.parts[p.n].len = st.size;
        p.n++;
    }
    zip_close(z);
    return p;
}

static const part *find_part(const package *p, const char *name) {
    for (int i = 0; i < p->n; i++)
        if (!strcmp(p->parts[i].name, name)) return &p->parts[i];
    return NULL;
}

typedef struct xml_errors { int n; char first[512]; } xml_errors;

#if LIBXML_VERSION >= 21200
static void on_xml_error(void *ctx, const xmlError *e) {
#else
static void on_xml_error(void *ctx, xmlErrorPtr e) {
#endif
    xml_errors *x = ctx;
    if (e->level < XML_ERR_ERROR) return;
    if (!x->n) snprintf(x->first, sizeof x->first, "line %d: %s", e->line, e->message ? e->message : "?");
    x->n++;
}

/* A well-formed XML part, namespace-clean, without a DTD; the tree (free with xmlFreeDoc). */
static xmlDocPtr xml_parse(const char *what, const part *pt) {
    xml_errors x = {0, ""};
    xmlSetStructuredErrorFunc(&x, on_xml_error);
    xmlDocPtr doc = xmlReadMemory(pt->data, (int)pt->len, pt->name, NULL, XML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc || x.n) fail_msg("%s: %s is not well-formed XML (%d error(s), first %s)", what, pt->name, x.n, x.first);
    if (doc->intSubset || doc->extSubset) fail_msg("%s: %s has a DTD", what, pt->name);
    if (!xmlDocGetRootElement(doc)) fail_msg("%s: %s has no root element", what, pt->name);
    return doc;
}

static bool is_w(xmlNodePtr n, const char *name) {
    return n && n->type == XML_ELEMENT_NODE && n->ns && !xmlStrcmp(n->ns->href, (const xmlChar *)W_NS) &&
           !xmlStrcmp(n->name, (const xmlChar *)name);
}

static xmlNodePtr child(xmlNodePtr n, const char *name) {
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (is_w(c, name)) return c;
    return NULL;
}

static char *wattr(xmlNodePtr n, const char *name) {
    return n ? (char *)xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)W_NS) : NULL;
}

/* The text of a paragraph or a cell: its w:t (w:tab → TAB, w:br → LF), paragraphs joined by LF. */
static void text_of(xmlNodePtr n, gk_buf *out) {
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is_w(c, "t")) {
            xmlChar *s = xmlNodeGetContent(c);
            gk_buf_puts(out, (const char *)s);
            xmlFree(s);
        } else if (is_w(c, "tab")) {
            gk_buf_putc(out, '\t');
        } else if (is_w(c, "br")) {
            gk_buf_putc(out, '\n');
        } else if (is_w(c, "p")) {
            if (out->len && is_w(n, "tc")) gk_buf_putc(out, '\n');
            text_of(c, out);
        } else if (!is_w(c, "pPr") && !is_w(c, "rPr") && !is_w(c, "tcPr")) {
            text_of(c, out);
        }
    }
}

/* ------------------------------------------------------------------ the tables, cell by cell */

enum { VM_NONE = 0, VM_RESTART, VM_CONTINUE };

typedef struct xcell { int span, vm; const char *text; } xcell;   /* text NULL: empty */

typedef struct want_row { xcell c[32]; int n; } want_row;
typedef struct want_table { want_row *rows; int n, cap; int ncols; } want_table;

static want_row *add_row(want_table *t) {
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->rows = realloc(t->rows, (size_t)t->cap * sizeof *t->rows);
    }
    want_row *r = &t->rows[t->n++];
    r->n = 0;
    return r;
}

static void add_cell(want_row *r, int span, int vm, const char *text) {
    assert_true(r->n < 32);
    r->c[r->n++] = (xcell){span, vm, text};
}

static const char *num_text(gk_arena *a, const gk_report *r, int i) {
    char b[32];
    return gk_arena_strdup(a, gk_cell_text(&r->cells[i], b));
}

static bool same_str(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* What the official template draws (STATUTE.md §1.3–1.5), from the report's template. */
static void want_t2(gk_arena *a, const gk_report *r, want_table *w) {
    const gk_table_def *td = &r->tmpl->tables[GK_T2];
    int maxf = 1;
    for (int k = 0; k < td->nrows; k++) if (td->rows[k].nfields > maxf) maxf = td->rows[k].nfields;
    w->ncols = 1 + maxf;
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k], *pr = k ? &td->rows[k - 1] : NULL;
        int nf = rd->nfields;
        if (!pr || !same_str(pr->group, rd->group) || pr->fields != rd->fields || pr->nfields != nf) {
            if (rd->group && (!pr || !same_str(pr->group, rd->group))) add_cell(add_row(w), 1 + maxf, VM_NONE, rd->group);
            want_row *h = add_row(w);
            add_cell(h, 1, VM_NONE, gk_t2_content);
            for (int f = 0; f < nf; f++) add_cell(h, f == nf - 1 ? maxf - nf + 1 : 1, VM_NONE, rd->fields[f].label);
        }
        want_row *row = add_row(w);
        add_cell(row, 1, VM_NONE, rd->label);
        for (int f = 0; f < nf; f++) add_cell(row, f == nf - 1 ? maxf - nf + 1 : 1, VM_NONE, num_text(a, r, rd->first + f));
    }
}

static void want_t3(gk_arena *a, const gk_report *r, want_table *w) {
    const gk_template *t = r->tmpl;
    const gk_table_def *td = &t->tables[GK_T3];
    const gk_field_def *cols = td->rows[0].fields;
    int nc = td->rows[0].nfields;
    assert_int_equal(nc, GK_T3_NCOLS);
    w->ncols = 3 + nc;
    want_row *h = add_row(w);
    add_cell(h, 3, VM_RESTART, gk_t3_note);
    add_cell(h, 7, VM_NONE, gk_t3_applicants);
    h = add_row(w);
    add_cell(h, 3, VM_CONTINUE, NULL);
    add_cell(h, 1, VM_RESTART, cols[0].label);
    add_cell(h, 5, VM_NONE, gk_t3_organisations);
    add_cell(h, 1, VM_RESTART, cols[6].label);
    h = add_row(w);
    add_cell(h, 3, VM_CONTINUE, NULL);
    add_cell(h, 1, VM_CONTINUE, NULL);
    for (int c = 1; c < 6; c++) add_cell(h, 1, VM_NONE, cols[c].label);
    add_cell(h, 1, VM_CONTINUE, NULL);
    int fo = t->t3.first_outcome, to = t->t3.total;
    const char *top = td->rows[fo].group;
    assert_non_null(top);
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        want_row *row = add_row(w);
        if (k >= fo && k <= to) {
            add_cell(row, 1, k == fo ? VM_RESTART : VM_CONTINUE, k == fo ? top : NULL);
            if (rd->group && strcmp(rd->group, top)) {
                bool starts = !same_str(td->rows[k - 1].group, rd->group);
                add_cell(row, 1, starts ? VM_RESTART : VM_CONTINUE, starts ? rd->group : NULL);
                add_cell(row, 1, VM_NONE, rd->label);
            } else {
                add_cell(row, 2, VM_NONE, rd->label);
            }
        } else {
            add_cell(row, 3, VM_NONE, rd->label);
        }
        for (int c = 0; c < nc; c++) add_cell(row, 1, VM_NONE, num_text(a, r, rd->first + c));
    }
}

static void want_t4(gk_arena *a, const gk_report *r, want_table *w) {
    const gk_table_def *td = &r->tmpl->tables[GK_T4];
    assert_int_equal(td->nrows, 3);
    const gk_row_def *rv = &td->rows[0], *sd = &td->rows[1], *sa = &td->rows[2];
    assert_null(rv->group);
    assert_non_null(sd->group);
    assert_string_equal(sd->group, sa->group);
    w->ncols = 15;
    want_row *h = add_row(w);
    add_cell(h, 5, VM_NONE, rv->label);
    add_cell(h, 10, VM_NONE, sd->group);
    h = add_row(w);
    for (int f = 0; f < 5; f++) add_cell(h, 1, VM_RESTART, rv->fields[f].label);
    add_cell(h, 5, VM_NONE, sd->label);
    add_cell(h, 5, VM_NONE, sa->label);
    h = add_row(w);
    for (int f = 0; f < 5; f++) add_cell(h, 1, VM_CONTINUE, NULL);
    for (int g = 1; g < 3; g++)
        for (int f = 0; f < 5; f++) add_cell(h, 1, VM_NONE, td->rows[g].fields[f].label);
    h = add_row(w);
    for (int g = 0; g < 3; g++)
        for (int f = 0; f < 5; f++) add_cell(h, 1, VM_NONE, num_text(a, r, td->rows[g].first + f));
}

static const char *vm_name(int vm) { return vm == VM_RESTART ? "restart" : vm == VM_CONTINUE ? "continue" : "none"; }

/* The w:tbl against what the template draws: grid columns, and every row's cells (span, merge, text). */
static void check_table(const char *what, const char *key, xmlNodePtr tbl, const want_table *w) {
    xmlNodePtr grid = child(tbl, "tblGrid");
    assert_non_null(grid);
    int ncols = 0;
    for (xmlNodePtr g = grid->children; g; g = g->next) ncols += is_w(g, "gridCol");
    if (ncols != w->ncols) fail_msg("%s: %s has %d grid columns, want %d", what, key, ncols, w->ncols);
    int ri = 0;
    gk_buf txt;
    gk_buf_init(&txt);
    for (xmlNodePtr tr = tbl->children; tr; tr = tr->next) {
        if (!is_w(tr, "tr")) continue;
        if (ri >= w->n) fail_msg("%s: %s has more than %d rows", what, key, w->n);
        const want_row *wr = &w->rows[ri];
        int ci = 0, width = 0;
        for (xmlNodePtr tc = tr->children; tc; tc = tc->next) {
            if (!is_w(tc, "tc")) continue;
            if (ci >= wr->n) fail_msg("%s: %s row %d has more than %d cells", what, key, ri + 1, wr->n);
            xmlNodePtr pr = child(tc, "tcPr");
            char *gs = wattr(child(pr, "gridSpan"), "val");
            int span = gs ? atoi(gs) : 1;
            xmlFree(gs);
            xmlNodePtr vmn = child(pr, "vMerge");
            char *vmv = wattr(vmn, "val");
            int vm = !vmn ? VM_NONE : vmv && !strcmp(vmv, "restart") ? VM_RESTART : VM_CONTINUE;
            xmlFree(vmv);
            gk_buf_reset(&txt);
            gk_buf_puts(&txt, "");
            text_of(tc, &txt);
            const xcell *c = &wr->c[ci];
            const char *want = c->text ? c->text : "";
            if (span != c->span || vm != c->vm || strcmp(txt.data, want))
                fail_msg("%s: %s row %d cell %d: gridSpan %d vMerge %s \"%s\", want gridSpan %d vMerge %s \"%s\"", what, key,
                         ri + 1, ci + 1, span, vm_name(vm), txt.data, c->span, vm_name(c->vm), want);
            if (!child(tc, "p")) fail_msg("%s: %s row %d cell %d has no paragraph", what, key, ri + 1, ci + 1);
            width += span;
            ci++;
        }
        if (ci != wr->n) fail_msg("%s: %s row %d has %d cells, want %d", what, key, ri + 1, ci, wr->n);
        if (width != ncols) fail_msg("%s: %s row %d is %d columns wide, the grid %d", what, key, ri + 1, width, ncols);
        ri++;
    }
    if (ri != w->n) fail_msg("%s: %s has %d rows, want %d", what, key, ri, w->n);
    gk_buf_free(&txt);
}

/* ------------------------------------------------------------------ nothing invented */

typedef struct words { const char **s; size_t *n; size_t len, cap; } words;

static void add_word(words *w, const char *s, size_t n) {
    if (!s) return;
    size_t m = n;
    const char *t = gk_trim(s, &m);
    if (!m) return;
    if (w->len == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 256;
        w->s = realloc(w->s, w->cap * sizeof *w->s);
        w->n = realloc(w->n, w->cap * sizeof *w->n);
    }
    w->s[w->len] = t;
    w->n[w->len++] = m;
}

static void add_lines(words *w, const char *s) {
    while (s && *s) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        add_word(w, s, n);
        if (!e) break;
        s = e + 1;
    }
}

static bool has_word(const words *w, const char *s, size_t n) {
    for (size_t i = 0; i < w->len; i++)
        if (w->n[i] == n && !memcmp(w->s[i], s, n)) return true;
    return false;
}

/* Body paragraphs (outside the tables): the title's lines, the text before section one, the section headings
 * and the sections' lines; nothing else. Characters XML cannot carry are dropped from the model's text first. */
static void check_paragraphs(const char *what, const gk_report *r, xmlNodePtr body, gk_arena *a) {
    words w = {0};
    add_lines(&w, r->title);
    for (uint32_t i = 0; i < r->nparas; i++) {
        if (r->paras[i].section >= 0) continue;
        add_word(&w, r->paras[i].text, r->paras[i].len);
        if (r->paras[i].orig) add_word(&w, r->paras[i].orig, r->paras[i].orig_len);
    }
    for (int s = 0; s < 6; s++) {
        char cn[16];
        const gk_section *sec = &r->sections[s];
        gk_cn_numeral(s + 1, cn);
        add_lines(&w, gk_arena_printf(a, "%s、%s", cn, gk_section_title(s + 1, "zh")));
        if (sec->present && sec->title) add_lines(&w, gk_arena_printf(a, "%s、%s", cn, sec->title));
        if (sec->present) add_lines(&w, sec->text);
    }
    gk_buf txt;
    gk_buf_init(&txt);
    int paras = 0;
    for (xmlNodePtr p = body->children; p; p = p->next) {
        if (!is_w(p, "p")) continue;
        gk_buf_reset(&txt);
        gk_buf_puts(&txt, "");
        text_of(p, &txt);
        if (!txt.len) continue;
        paras++;
        if (!has_word(&w, txt.data, txt.len))
            fail_msg("%s: a paragraph not in the model: \"%.*s\"", what, (int)(txt.len > 200 ? 200 : txt.len), txt.data);
    }
    gk_buf_free(&txt);
    free(w.s);
    free(w.n);
}

/* ------------------------------------------------------------------ (a) + (b) */

static void check_package(const char *what, const gk_report *r, const gk_buf *b) {
    package p = unzip(what, b);
    static const char *const required[] = {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
                                           "word/settings.xml", "docProps/core.xml", "docProps/app.xml", NULL};
    for (int i = 0; required[i]; i++)
        if (!find_part(&p, required[i])) fail_msg("%s: the package has no %s", what, required[i]);
    for (int i = 0; i < p.n; i++) {
        if (!ends_with(p.parts[i].name, ".xml") && !ends_with(p.parts[i].name, ".rels")) continue;
        xmlFreeDoc(xml_parse(what, &p.parts[i]));
    }
    const part *types = find_part(&p, "[Content_Types].xml");
    assert_non_null(strstr(types->data, "wordprocessingml.document.main+xml"));
    assert_non_null(strstr(find_part(&p, "_rels/.rels")->data, "Target=\"word/document.xml\""));
    const char *styles = find_part(&p, "word/styles.xml")->data;
    assert_non_null(strstr(styles, "w:eastAsia=\"仿宋_GB2312\""));
    assert_non_null(strstr(styles, "w:eastAsia=\"黑体\""));

    xmlDocPtr doc = xml_parse(what, find_part(&p, "word/document.xml"));
    xmlNodePtr body = child(xmlDocGetRootElement(doc), "body");
    assert_non_null(body);
    xmlNodePtr sect = child(body, "sectPr");
    assert_non_null(sect);
    char *pw = wattr(child(sect, "pgSz"), "w"), *ph = wattr(child(sect, "pgSz"), "h");
    assert_non_null(pw);
    assert_non_null(ph);
    assert_string_equal(pw, "11906");
    assert_string_equal(ph, "16838");
    xmlFree(pw);
    xmlFree(ph);

    /* one w:tbl per table found, in order, each drawn as the template */
    gk_arena *a = gk_arena_new();
    xmlNodePtr tbl = body->children;
    for (int t = 0; t < GK_NTABLES; t++) {
        if (!r->table_found[t]) continue;
        while (tbl && !is_w(tbl, "tbl")) tbl = tbl->next;
        if (!tbl) fail_msg("%s: no w:tbl for %s", what, r->tmpl->tables[t].key);
        want_table w = {0};
        if (t == GK_T2) want_t2(a, r, &w);
        else if (t == GK_T3) want_t3(a, r, &w);
        else want_t4(a, r, &w);
        check_table(what, r->tmpl->tables[t].key, tbl, &w);
        free(w.rows);
        tbl = tbl->next;
    }
    while (tbl && !is_w(tbl, "tbl")) tbl = tbl->next;
    if (tbl) fail_msg("%s: more w:tbl than tables found", what);
    check_paragraphs(what, r, body, a);
    gk_arena_free(a);
    xmlFreeDoc(doc);
    package_free(&p);
}

/* ------------------------------------------------------------------ (c) the round trip */

/* A text as paragraphs: its lines trimmed, blank lines dropped (a document holds paragraphs; the space around
 * one is not content, and the DOCX reader trims it as the text and HTML readers do). */
static const char *paragraph_text(gk_arena *a, const char *s) {
    gk_buf b;
    gk_buf_init(&b);
    while (s && *s) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s), m = n;
        const char *t = gk_trim(s, &m);
        if (m) {
            if (b.len) gk_buf_putc(&b, '\n');
            gk_buf_append(&b, t, m);
        }
        if (!e) break;
        s = e + 1;
    }
    const char *out = gk_arena_strdup(a, b.data ? b.data : "");
    gk_buf_free(&b);
    return out;
}

/* The paragraphs before section one, less the title's own lines, joined by LF. */
static const char *preface_text(gk_arena *a, const gk_report *r) {
    gk_buf b;
    gk_buf_init(&b);
    for (uint32_t i = 0; i < r->nparas; i++) {
        const gk_para *p = &r->paras[i];
        if (p->section >= 0 || !p->text) continue;
        if (r->title_line && p->line <= r->title_line + 1 && r->title &&
            strstr(r->title, gk_arena_strndup(a, p->text, p->len)))
            continue;
        size_t m = p->orig ? p->orig_len : p->len;
        const char *t = gk_trim(p->orig ? p->orig : p->text, &m);
        if (!m) continue;
        if (b.len) gk_buf_putc(&b, '\n');
        gk_buf_append(&b, t, m);
    }
    const char *out = gk_arena_strdup(a, b.data ? b.data : "");
    gk_buf_free(&b);
    return out;
}

static void round_trip(const char *what, const gk_report *r, const gk_buf *docx) {
    gk_arena *a = gk_arena_new();
    gk_report *back = NULL;
    const char *detail = NULL;
    /* the DOCX reader itself: a document with one table block per table found */
    gk_doc *d = NULL;
    gk_status st = gk_read_docx(a, what, docx->data, docx->len, &d, &detail);
    if (st != GK_OK) fail_msg("%s: gk_read_docx: %s (%s)", what, gk_status_message(st, "en"), detail ? detail : "");
    int tables = 0, found = 0;
    for (uint32_t k = 0; k < d->nblocks; k++) tables += d->blocks[k].kind == GK_BLOCK_TABLE;
    for (int t = 0; t < GK_NTABLES; t++) found += r->table_found[t];
    if (tables != found) fail_msg("%s: the DOCX reader sees %d tables, %d were drawn", what, tables, found);
    assert_string_equal(d->format, "docx");
    st = gk_report_from_bytes(a, what, docx->data, docx->len, &back, &detail);
    if (st != GK_OK) fail_msg("%s: the DOCX does not read back: %s (%s)", what, gk_status_message(st, "en"), detail ? detail : "");
    if (strcmp(r->tmpl->format, back->tmpl->format))
        fail_msg("%s: format %s reads back %s", what, r->tmpl->format, back->tmpl->format);
    for (int i = 0; i < r->tmpl->ncells; i++) {
        const gk_cell *x = &r->cells[i], *y = &back->cells[i];
        bool xn = x->state == GK_CELL_NUMBER, yn = y->state == GK_CELL_NUMBER;
        if (xn != yn || (xn && (x->num.value != y->num.value || x->num.scale != y->num.scale))) {
            char p[64], u[32], v[32];
            fail_msg("%s: %s is \"%s\", reads back \"%s\"", what, gk_template_cell_path(r->tmpl, i, p), gk_cell_text(x, u),
                     gk_cell_text(y, v));
        }
    }
    if (!same_str(r->agency, back->agency))
        fail_msg("%s: agency %s reads back %s", what, r->agency ? r->agency : "(none)", back->agency ? back->agency : "(none)");
    if (r->year != back->year) fail_msg("%s: year %d reads back %d", what, r->year, back->year);
    if (!same_str(r->title, back->title))
        fail_msg("%s: title %s reads back %s", what, r->title ? r->title : "(none)", back->title ? back->title : "(none)");
    const char *pa = preface_text(a, r), *pb = preface_text(a, back);
    if (strcmp(pa, pb)) fail_msg("%s: the text before section one differs:\n  %s\n  %s", what, pa, pb);
    for (int s = 0; s < 6; s++) {
        const gk_section *x = &r->sections[s], *y = &back->sections[s];
        if (!x->present) {
            if (y->present && y->text && *y->text) fail_msg("%s: section %d appears with text", what, s + 1);
            continue;
        }
        if (!y->present) fail_msg("%s: section %d lost", what, s + 1);
        if (!same_str(x->title, y->title)) fail_msg("%s: section %d title %s reads back %s", what, s + 1, x->title, y->title);
        const char *xt = paragraph_text(a, x->text), *yt = paragraph_text(a, y->text);
        if (strcmp(xt, yt)) fail_msg("%s: section %d text differs:\n  %s\n  %s", what, s + 1, xt, yt);
        if (strcmp(y->text ? y->text : "", yt)) fail_msg("%s: section %d reads back untrimmed: %s", what, s + 1, y->text);
    }
    /* a fixed point: the report read back renders to the very same bytes */
    gk_buf again;
    gk_buf_init(&again);
    render_ok(what, back, &again);
    if (again.len != docx->len || memcmp(again.data, docx->data, docx->len))
        fail_msg("%s: the DOCX read back renders to different bytes", what);
    gk_buf_free(&again);
    round_trips++;
    gk_arena_free(a);
}

static void render_and_check(const char *what, const gk_report *r) {
    gk_buf b;
    gk_buf_init(&b);
    render_ok(what, r, &b);
    check_package(what, r, &b);
    round_trip(what, r, &b);
    reports_checked++;
    n2019 += !strcmp(r->tmpl->format, "2019");
    gk_buf_free(&b);
}

/* ------------------------------------------------------------------ (d) seeds, examples, corpus */

/* Renders and checks every report of dir whose name ends with one of suffixes; lenient: skip what gongkai
 * cannot read (PDF, reports before 2019) instead of failing. */
static int dir_reports(const char *dir, const char *const *suffixes, bool lenient, const char *skip_prefix) {
    DIR *d = opendir(dir);
    if (!d) { print_message("  %s not found: skipping\n", dir); return 0; }
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        bool ok = false;
        for (int k = 0; suffixes[k]; k++) ok |= ends_with(e->d_name, suffixes[k]) && strlen(e->d_name) > strlen(suffixes[k]);
        if (!ok || (skip_prefix && !strncmp(e->d_name, skip_prefix, strlen(skip_prefix)))) continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *bytes;
        size_t len;
        if (gk_read_file(path, 1 << 26, &bytes, &len) != GK_OK) continue;
        gk_arena *a = gk_arena_new();
        gk_report *r = NULL;
        if (lenient) {
            if (gk_report_from_bytes(a, e->d_name, bytes, len, &r, NULL) != GK_OK) r = NULL;
            else gk_check_report(r);
        } else {
            r = parse_ok(a, e->d_name, bytes, len);
        }
        if (r) {
            render_and_check(e->d_name, r);
            n++;
        }
        gk_arena_free(a);
        free(bytes);
    }
    closedir(d);
    return n;
}

static void test_examples(void **state) {
    (void)state;
    static const char *const txt[] = {".txt", NULL};
    const char *ex = getenv("GK_EXAMPLES");
    int n = dir_reports(ex ? ex : "examples", txt, false, NULL);
    print_message("  examples: %d reports rendered to DOCX, checked and read back\n", n);
    assert_true(n >= 4);
}

static void test_seeds(void **state) {
    (void)state;
    const char *sh = getenv("GK_SHARED");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/seeds", sh ? sh : "");
    DIR *d = sh && *sh ? opendir(dir) : NULL;
    if (!d) { print_message("  shared/ not found: seeds skipped\n"); return; }
    closedir(d);
    static const char *const txt[] = {".txt", NULL};
    int n = dir_reports(dir, txt, false, NULL);
    print_message("  seeds: %d reports rendered to DOCX, checked and read back\n", n);
    assert_true(n >= 1);
}

/* The corpus reports gongkai reads (Markdown, text, HTML, HTML in JavaScript, DOCX; one in the 2019 form).
 * The pingtan_* texts are reports of 2011–2018 under the 2007 regulation, not the statutory form: skipped, as
 * test_render.c does. */
static void test_corpus(void **state) {
    (void)state;
    const char *sh = getenv("GK_SHARED");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/corpus/raw", sh ? sh : "");
    DIR *d = sh && *sh ? opendir(dir) : NULL;
    if (!d) { print_message("  shared/ not found: corpus skipped\n"); return; }
    closedir(d);
    static const char *const any[] = {".txt", ".md", ".html", ".js", ".docx", NULL};
    int b2019 = n2019, n = dir_reports(dir, any, true, "pingtan");
    snprintf(dir, sizeof dir, "%s/corpus/other", sh);
    n += dir_reports(dir, any, true, NULL);
    print_message("  corpus: %d reports rendered to DOCX, checked and read back (%d in the 2019 form)\n", n, n2019 - b2019);
    assert_true(n >= 3);
}

/* ------------------------------------------------------------------ random consistent reports */

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint32_t rnd(uint32_t n) {
    rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
    return n ? (uint32_t)(rng % n) : 0;
}

/* A count: mostly small, sometimes huge (up to 10^12). */
static int64_t count(void) {
    uint32_t k = rnd(100);
    if (k < 40) return 0;
    if (k < 90) return rnd(30);
    if (k < 97) return rnd(100000);
    return (int64_t)(1 + rnd(999)) * 1000000000ll + rnd(1000000000);
}

static void put(gk_buf *b, int64_t v, bool blank) {
    if (blank) gk_buf_puts(b, "null");
    else gk_buf_printf(b, "%lld", (long long)v);
}

static const char *const snippets[] = {
    "依申请公开", "A&B 与 <b>粗体</b>", "“三安全一稳定”", "引号 \\\"x\\\" 与 'y'", "&amp; 不是 &", "50%", "1 < 2 > 0",
    "]]> 与 <![CDATA[", "第（一）项", "全年收到申请12件", "  前后有空格  ", "Ω≈√ 𠀀 emoji 😀",
};
#define NSNIPPETS (sizeof snippets / sizeof snippets[0])

/* A report in form t whose t3 and t4 sums hold (rows' totals, （七）总计, 一+二 = 三+四, t4 totals), with blank
 * cells when blanks (then the sums do not hold, as in real reports). */
static void random_report(gk_buf *b, const gk_template *t, int i, bool blanks) {
    static const char *const agencies[] = {"青禾区柳塘街道办事处", "白石县教育局", "东山市自然资源和规划局", "南湖区人民政府"};
    const char *agency = agencies[rnd(4)];
    int year = !strcmp(t->format, "2019") ? 2019 + (int)rnd(2) : 2021 + (int)rnd(5);
    gk_buf_reset(b);
    gk_buf_printf(b, "{\"schema\":\"gongkai.report/1\",\"agency\":\"%s\",\"year\":%d,\"format\":\"%s\","
                     "\"title\":\"%s%d年政府信息公开工作年度报告\",\"sections\":[", agency, year, t->format, agency, year);
    bool firstsec = true;
    for (int s = 1; s <= 6; s++) {
        if (i % 7 == 5 && s == 5) continue;   /* sometimes a section is missing */
        gk_buf_printf(b, "%s{\"no\":%d,\"title\":\"%s\",\"text\":\"第%d部分，%d年。%s\\n（一）%s\\n%s %u 件\\t制表符\"}",
                      firstsec ? "" : ",", s, gk_section_title(s, "zh"), s, year, snippets[rnd(NSNIPPETS)],
                      snippets[rnd(NSNIPPETS)], snippets[rnd(NSNIPPETS)], rnd(1000));
        firstsec = false;
    }
    gk_buf_puts(b, "]");
    /* t2: any values of the row's kind */
    const gk_table_def *t2 = &t->tables[GK_T2];
    gk_buf_puts(b, ",\"t2\":{");
    for (int k = 0; k < t2->nrows; k++) {
        const gk_row_def *rd = &t2->rows[k];
        gk_buf_printf(b, "%s\"%s\":{", k ? "," : "", rd->key);
        for (int f = 0; f < rd->nfields; f++) {
            gk_buf_printf(b, "%s\"%s\":", f ? "," : "", rd->fields[f].key);
            uint32_t c = rnd(100);
            if (blanks && c < 8) gk_buf_puts(b, "null");
            else if (rd->decimal && c < 40) gk_buf_printf(b, "%u.%0*u", rnd(1000000), 1 + (int)rnd(4), 1 + rnd(9));
            else if (rd->sign && c < 30) gk_buf_printf(b, "-%u", 1 + rnd(500));
            else put(b, count(), false);
        }
        gk_buf_putc(b, '}');
    }
    gk_buf_putc(b, '}');
    /* t3: consistent */
    const gk_table_def *t3 = &t->tables[GK_T3];
    const gk_t3_roles *ro = &t->t3;
    int nr = t3->nrows;
    int64_t v[32][7];
    for (int r = 0; r < nr; r++) {
        int64_t sum = 0;
        for (int c = 0; c < 6; c++) { v[r][c] = count(); if (v[r][c] > 100000 && rnd(4)) v[r][c] = rnd(50); sum += v[r][c]; }
        v[r][6] = sum;
    }
    for (int c = 0; c < 7; c++) {
        int64_t out = 0;
        for (int r = ro->first_outcome; r <= ro->last_outcome; r++) out += v[r][c];
        v[ro->total][c] = out;
    }
    for (int c = 0; c < 6; c++) {
        v[ro->carry_next][c] = rnd(5);
        v[ro->carried_over][c] = rnd(5);
        int64_t received = v[ro->total][c] + v[ro->carry_next][c] - v[ro->carried_over][c];
        if (received < 0) { v[ro->carried_over][c] -= received; received = 0; }
        v[ro->received][c] = received;
    }
    int fix[3] = {ro->received, ro->carried_over, ro->carry_next};
    for (int k = 0; k < 3; k++) {
        v[fix[k]][6] = 0;
        for (int c = 0; c < 6; c++) v[fix[k]][6] += v[fix[k]][c];
    }
    if (i % 11 != 7) {   /* sometimes t3 is missing */
        gk_buf_puts(b, ",\"t3\":{");
        for (int r = 0; r < nr; r++) {
            gk_buf_printf(b, "%s\"%s\":{", r ? "," : "", t3->rows[r].key);
            for (int c = 0; c < 7; c++) {
                gk_buf_printf(b, "%s\"%s\":", c ? "," : "", t3->rows[r].fields[c].key);
                put(b, v[r][c], blanks && rnd(100) < 5);
            }
            gk_buf_putc(b, '}');
        }
        gk_buf_putc(b, '}');
    }
    if (i % 13 != 4) {   /* sometimes t4 is missing */
        const gk_table_def *t4 = &t->tables[GK_T4];
        gk_buf_puts(b, ",\"t4\":{");
        for (int g = 0; g < t4->nrows; g++) {
            gk_buf_printf(b, "%s\"%s\":{", g ? "," : "", t4->rows[g].key);
            int64_t sum = 0;
            for (int f = 0; f < 4; f++) {
                int64_t x = rnd(20) == 0 ? count() : rnd(10);
                sum += x;
                gk_buf_printf(b, "\"%s\":", t4->rows[g].fields[f].key);
                put(b, x, blanks && rnd(100) < 5);
                gk_buf_putc(b, ',');
            }
            gk_buf_printf(b, "\"%s\":", t4->rows[g].fields[4].key);
            put(b, sum, blanks && rnd(100) < 5);
            gk_buf_putc(b, '}');
        }
        gk_buf_putc(b, '}');
    }
    gk_buf_puts(b, "}");
}

static void test_random_reports(void **state) {
    (void)state;
    gk_buf json;
    gk_buf_init(&json);
    int forms2019 = 0, clean = 0;
    for (int i = 0; i < 1000; i++) {
        const gk_template *t = i % 4 == 3 ? gk_template_2019() : gk_template_2021();
        bool blanks = i % 3 == 2;
        forms2019 += t == gk_template_2019();
        random_report(&json, t, i, blanks);
        char name[64];
        snprintf(name, sizeof name, "random-%d-%s.json", i, t->format);
        gk_arena *a = gk_arena_new();
        gk_report *r = parse_ok(a, name, json.data, json.len);
        assert_string_equal(r->tmpl->format, t->format);
        if (!blanks && r->table_found[GK_T3] && r->table_found[GK_T4]) {
            /* consistent: no arithmetic finding (so the generator makes what it says) */
            for (uint32_t k = 0; k < r->ndiags; k++)
                if (!strncmp(r->diags[k].rule, "T3.", 3) || !strncmp(r->diags[k].rule, "T4.", 3))
                    fail_msg("%s: %s: %s", name, r->diags[k].rule, r->diags[k].msg_en);
            clean++;
        }
        render_and_check(name, r);
        gk_arena_free(a);
    }
    print_message("  1000 random reports (%d in the 2019 form, %d consistent without blanks) rendered, checked and read back\n",
                  forms2019, clean);
    gk_buf_free(&json);
}

/* Values nobody would write (the largest int64, negative 本年增/减, six decimals, twelve digits) in every cell. */
static void test_extremes(void **state) {
    (void)state;
    static const char *const vals[] = {"9223372036854775807", "-9223372036854775807", "0.000001", "123456789012.5",
                                       "999999999999", "null", "0"};
    gk_buf json;
    gk_buf_init(&json);
    for (size_t v = 0; v < sizeof vals / sizeof vals[0]; v++) {
        for (int f = 0; f < 2; f++) {
            const gk_template *t = f ? gk_template_2019() : gk_template_2021();
            gk_buf_reset(&json);
            gk_buf_printf(&json, "{\"schema\":\"gongkai.report/1\",\"agency\":\"某机关\",\"year\":2024,\"format\":\"%s\","
                                 "\"title\":\"某机关2024年政府信息公开工作年度报告\",\"sections\":[]", t->format);
            for (int tt = 0; tt < GK_NTABLES; tt++) {
                const gk_table_def *td = &t->tables[tt];
                gk_buf_printf(&json, ",\"%s\":{", td->key);
                for (int k = 0; k < td->nrows; k++) {
                    gk_buf_printf(&json, "%s\"%s\":{", k ? "," : "", td->rows[k].key);
                    for (int g = 0; g < td->rows[k].nfields; g++)
                        gk_buf_printf(&json, "%s\"%s\":%s", g ? "," : "", td->rows[k].fields[g].key, vals[v]);
                    gk_buf_putc(&json, '}');
                }
                gk_buf_putc(&json, '}');
            }
            gk_buf_putc(&json, '}');
            gk_arena *a = gk_arena_new();
            char name[64];
            snprintf(name, sizeof name, "extreme-%s-%s", vals[v], t->format);
            gk_report *r = parse_unchecked(a, name, json.data, json.len);
            gk_buf b;
            gk_buf_init(&b);
            render_ok(name, r, &b);
            check_package(name, r, &b);
            /* the DOCX holds exactly the model; whether the readers take such a number back is their business,
             * but what they do take must be the same */
            gk_arena *a2 = gk_arena_new();
            gk_report *back = NULL;
            if (gk_report_from_bytes(a2, name, b.data, b.len, &back, NULL) == GK_OK)
                for (int i = 0; i < r->tmpl->ncells; i++)
                    if (back->cells[i].state == GK_CELL_NUMBER) {
                        assert_int_equal(r->cells[i].state, GK_CELL_NUMBER);
                        assert_true(back->cells[i].num.value == r->cells[i].num.value);
                        assert_int_equal(back->cells[i].num.scale, r->cells[i].num.scale);
                    }
            gk_arena_free(a2);
            gk_buf_free(&b);
            gk_arena_free(a);
        }
    }
    gk_buf_free(&json);
}

/* A report whose cells are all blank: every value cell empty, no placeholder (—, 0, 无, null) anywhere. */
static void test_no_invented_numbers(void **state) {
    (void)state;
    for (int f = 0; f < 2; f++) {
        gk_arena *a = gk_arena_new();
        const char *json = gk_arena_printf(a, "{\"schema\":\"gongkai.report/1\",\"agency\":\"某机关\",\"year\":2024,"
                                              "\"format\":\"%s\",\"title\":\"某机关2024年政府信息公开工作年度报告\","
                                              "\"sections\":[],\"t2\":{},\"t3\":{},\"t4\":{}}", f ? "2019" : "2021");
        gk_report *r = parse_ok(a, "blank.json", json, strlen(json));
        for (int t = 0; t < GK_NTABLES; t++) assert_true(r->table_found[t]);
        gk_buf b;
        gk_buf_init(&b);
        render_ok("blank.json", r, &b);
        check_package("blank.json", r, &b);   /* every value cell "" */
        round_trip("blank.json", r, &b);
        package p = unzip("blank.json", &b);
        const char *doc = find_part(&p, "word/document.xml")->data;
        assert_null(strstr(doc, "null"));
        assert_null(strstr(doc, "—"));
        assert_null(strstr(doc, ">0<"));
        assert_null(strstr(doc, ">无<"));
        package_free(&p);
        gk_buf_free(&b);
        gk_arena_free(a);
    }
}

/* Characters XML 1.0 cannot carry are dropped; markup characters escaped; the rest reads back. */
static void test_xml_escaping(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    const char *json =
        "{\"schema\":\"gongkai.report/1\",\"agency\":\"某机关\",\"year\":2024,\"format\":\"2021\","
        "\"title\":\"某机关2024年政府信息公开工作年度报告\",\"sections\":["
        "{\"no\":1,\"title\":\"总体情况\",\"text\":\"控制\\u0001字符\\u000b与\\u001f和\\ufffe及\\uffff。\\n<w:p>&amp;\\\"</w:t>\"},"
        "{\"no\":5,\"title\":\"存在的主要问题及改进情况\",\"text\":\"回车\\r在此\"}],"
        "\"t2\":{},\"t3\":{},\"t4\":{}}";
    gk_report *r = parse_ok(a, "escape.json", json, strlen(json));
    gk_buf b;
    gk_buf_init(&b);
    render_ok("escape.json", r, &b);
    package p = unzip("escape.json", &b);
    xmlFreeDoc(xml_parse("escape.json", find_part(&p, "word/document.xml")));
    const char *doc = find_part(&p, "word/document.xml")->data;
    assert_non_null(strstr(doc, "控制字符与和及。"));
    assert_non_null(strstr(doc, "&lt;w:p&gt;&amp;amp;&quot;&lt;/w:t&gt;"));
    package_free(&p);
    gk_report *back = parse_ok(a, "escape.docx", b.data, b.len);
    assert_true(back->sections[0].present);
    assert_string_equal(back->sections[0].text, "控制字符与和及。\n<w:p>&amp;\"</w:t>");
    assert_true(back->sections[4].present);
    assert_string_equal(back->sections[4].text, "回车在此");
    gk_buf_free(&b);
    gk_arena_free(a);
}

/* A report without tables, one without a title, and bad arguments. */
static void test_edges(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    const char *json = "{\"schema\":\"gongkai.report/1\",\"agency\":\"某机关\",\"year\":2023,\"format\":\"2021\","
                       "\"title\":\"某机关2023年政府信息公开工作年度报告\",\"sections\":["
                       "{\"no\":1,\"title\":\"总体情况\",\"text\":\"正文。\"},"
                       "{\"no\":6,\"title\":\"其他需要报告的事项\",\"text\":\"无。\"}]}";
    gk_report *r = parse_ok(a, "notables.json", json, strlen(json));
    for (int t = 0; t < GK_NTABLES; t++) assert_false(r->table_found[t]);
    gk_buf b;
    gk_buf_init(&b);
    render_ok("notables.json", r, &b);
    check_package("notables.json", r, &b);
    gk_buf_reset(&b);
    assert_int_equal(gk_render_docx(NULL, &b), GK_ERR_MALFORMED);
    assert_int_equal(gk_render_docx(r, NULL), GK_ERR_MALFORMED);
    assert_int_equal(b.len, 0);
    /* appended to what out holds */
    gk_buf_puts(&b, "x");
    assert_int_equal(gk_render_docx(r, &b), GK_OK);
    assert_true(b.len > 1 && b.data[0] == 'x' && !memcmp(b.data + 1, "PK", 2));
    gk_buf_free(&b);
    gk_arena_free(a);
}

/* The same report gives the same bytes (no dates, no random names). */
static void test_deterministic(void **state) {
    (void)state;
    const char *ex = getenv("GK_EXAMPLES");
    char path[2048];
    snprintf(path, sizeof path, "%s/qinghe-liutang-2024-clean.txt", ex ? ex : "examples");
    char *bytes;
    size_t len;
    assert_int_equal(gk_read_file(path, 1 << 26, &bytes, &len), GK_OK);
    gk_arena *a = gk_arena_new();
    gk_report *r = parse_ok(a, path, bytes, len);
    gk_buf x, y;
    gk_buf_init(&x);
    gk_buf_init(&y);
    render_ok("deterministic", r, &x);
    render_ok("deterministic", r, &y);
    assert_int_equal(x.len, y.len);
    assert_memory_equal(x.data, y.data, x.len);
    gk_buf_free(&x);
    gk_buf_free(&y);
    gk_arena_free(a);
    free(bytes);
}

int main(void) {
    xmlInitParser();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_examples),
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_random_reports),
        cmocka_unit_test(test_extremes),
        cmocka_unit_test(test_no_invented_numbers),
        cmocka_unit_test(test_xml_escaping),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_deterministic),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    print_message("%d reports rendered to DOCX and checked (%d in the 2019 form); %d read back through the DOCX reader\n",
                  reports_checked, n2019, round_trips);
    xmlCleanupParser();
    return rc;
}
