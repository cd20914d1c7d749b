/* fuzz_read_html.c: libFuzzer target for the HTML reader (src/doc/read_html.c).
 *
 * The first byte picks the mode:
 *   even  raw: the other bytes go to gk_read_html as they are;
 *   odd   generated: the other bytes drive a generator of table-heavy HTML (rowspan/colspan of every kind,
 *         omitted </td> and </tr>, <th>, thead/tbody, nested layout tables, Word markup, entities,
 *         comments, scripts), and the reader's grids must equal the grids built from libxml2's tree
 *         (htmlReadMemory), cell by cell, as in tests/test_html.c. A difference aborts (a crash for
 *         libFuzzer) and prints the HTML.
 * In both modes the document's contract is checked (below), then the document is recognised, checked
 * and rendered as JSON, so the recognizer runs on true grids too. Set GK_FUZZ_NO_ORACLE=1 to keep only
 * the sanitizers and the contract. */
#include "gongkai/base.h"
#include "gongkai/check.h"
#include "gongkai/doc.h"
#include "gongkai/render.h"
#include "gongkai/report.h"
#include "gongkai/text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int oracles = -1;
static const char *current_html;
static size_t current_len;

static void broken(const char *what) {
    fprintf(stderr, "fuzz_read_html: contract broken: %s\n", what);
    if (current_html)
        fprintf(stderr, "--- input (%zu bytes) ---\n%.*s\n---\n", current_len, (int)(current_len > 8000 ? 8000 : current_len),
                current_html);
    abort();
}

/* ------------------------------------------------------------------ the document's contract */

static void check_doc(const gk_doc *d) {
    if (!d->src || d->src[d->srclen] != 0) broken("doc->src is not NUL-terminated");
    if (!d->format || strcmp(d->format, "html")) broken("doc->format is not \"html\"");
    for (uint32_t b = 0; b < d->nblocks; b++) {
        const gk_block *k = &d->blocks[b];
        if (k->line < 1 || k->line > k->end_line || k->end_line > d->nlines) broken("a block's lines are out of range");
        if (k->kind == GK_BLOCK_PARA) {
            if (!k->text || k->len == 0 || memchr(k->text, 0, k->len)) broken("an empty paragraph or one holding NUL");
            size_t bad;
            if (!gk_utf8_valid(k->text, k->len, &bad)) broken("a paragraph is not UTF-8");
            size_t n = k->len;
            gk_trim(k->text, &n);
            if (n != k->len) broken("a paragraph is not trimmed");
            continue;
        }
        if (k->nrows == 0 || !k->rows) broken("a table without rows");
        for (uint32_t r = 0; r < k->nrows; r++) {
            const gk_drow *row = &k->rows[r];
            if (row->line < k->line || row->line > d->nlines) broken("a row's line is out of range");
            for (uint32_t c = 0; c < row->ncells; c++) {
                const gk_dcell *x = &row->cells[c];
                size_t bad;
                if (!x->text || memchr(x->text, 0, x->len) || !gk_utf8_valid(x->text, x->len, &bad))
                    broken("a cell text is NULL, holds NUL or is not UTF-8");
                if (x->src.col != c + 1) broken("src.col is not the grid column");
                if ((uint64_t)x->src.offset + x->src.len > d->srclen) broken("a cell's source span is outside the source");
                if (x->src.line < 1 || x->src.line > d->nlines) broken("a cell's line is out of range");
                if (x->spanned && (x->len || x->rowspan || x->colspan)) broken("a spanned cell with text or spans");
                if (!x->spanned && x->colspan) {
                    /* its rectangle: itself, then positions covered (spanned) */
                    if (!x->rowspan) broken("an origin without rowspan");
                    if (r + x->rowspan > k->nrows && x->rowspan != UINT16_MAX) broken("a rowspan past the last row");
                    for (uint32_t y = r; y < r + x->rowspan && y < k->nrows; y++)
                        for (uint32_t z = c; z < c + x->colspan; z++) {
                            if (z >= k->rows[y].ncells) broken("a span reaches past its row");
                            if ((y != r || z != c) && !k->rows[y].cells[z].spanned) broken("a covered position is not spanned");
                        }
                }
                if (!x->spanned && !x->colspan && (x->rowspan || x->len)) broken("a gap with text or spans");
            }
            if (row->ncells && !row->cells[row->ncells - 1].spanned && !row->cells[row->ncells - 1].colspan)
                broken("a row ends in a gap");
        }
    }
}

/* ------------------------------------------------------------------ the oracle (as in tests/test_html.c) */

static char *norm(const char *s, size_t n) {
    char *out = malloc(n + 1);
    size_t o = 0, i = 0;
    int space = 0;
    while (i < n) {
        int32_t cp;
        size_t l = gk_utf8_decode(s + i, n - i, &cp);
        if (gk_is_space_cp(cp)) { space = 1; i += l; continue; }
        if (space && o) out[o++] = ' ';
        space = 0;
        memcpy(out + o, s + i, l);
        o += l;
        i += l;
    }
    out[o] = 0;
    return out;
}

static int name_is(const xmlNode *n, const char *name) {
    return n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

static int name_in(const xmlNode *n, const char *const *list) {
    for (int i = 0; list[i]; i++)
        if (name_is(n, list[i])) return 1;
    return 0;
}

static const char *const SKIP[] = {"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "head", NULL};
static const char *const BLOCKS[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "center",
    "section", "article", "header", "footer", "nav", "aside", "main", "pre", "address", "form", "fieldset",
    "legend", "figure", "figcaption", "details", "summary", "hr", "menu", "dir", "option", "select", "listing",
    "frameset", "html", "body", "caption", "colgroup", "tr", "td", "th", "table", "tbody", "thead", "tfoot", NULL};

static void collect_text(const xmlNode *n, gk_buf *b) {
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) gk_buf_puts(b, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            if (name_in(c, SKIP)) continue;
            if (name_is(c, "br")) { gk_buf_putc(b, '\n'); continue; }
            int blk = name_in(c, BLOCKS);
            if (blk) gk_buf_putc(b, '\n');
            collect_text(c, b);
            if (blk) gk_buf_putc(b, '\n');
        }
    }
}

static int has_table_below(const xmlNode *n) {
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (name_is(c, "table")) return 1;
        if (c->type == XML_ELEMENT_NODE && has_table_below(c)) return 1;
    }
    return 0;
}

static int span_attr(const xmlNode *n, const char *attr) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    if (!v) return 1;
    const char *s = (const char *)v;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') s++;
    if (*s == '+') s++;
    int x = 1;
    if (*s >= '0' && *s <= '9') {
        long acc = 0;
        while (*s >= '0' && *s <= '9') { if (acc < 100000000) acc = acc * 10 + (*s - '0'); s++; }
        x = (int)acc;
    }
    xmlFree(v);
    return x;
}

typedef struct { int row, rs, cs; char *text; } srccell;
typedef struct { srccell *cells; int n, cap, nrows, row_open; } tbuild;
typedef struct { char *text; int rs, cs, spanned, hole, taken; } ocell;
typedef struct { ocell *cells; int n, cap; } orow;
typedef struct { orow *rows; int nrows; } ogrid;
typedef struct { ogrid *grids; int n, cap; } oracle;

static void tb_walk(tbuild *t, const xmlNode *n) {
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (name_is(c, "tr")) {
            t->nrows++;
            t->row_open = 1;
            tb_walk(t, c);
            t->row_open = 0;
        } else if (name_is(c, "td") || name_is(c, "th")) {
            if (!t->row_open) { t->nrows++; t->row_open = 1; }
            if (t->n == t->cap) {
                t->cap = t->cap ? t->cap * 2 : 64;
                t->cells = realloc(t->cells, (size_t)t->cap * sizeof *t->cells);
            }
            gk_buf b;
            gk_buf_init(&b);
            collect_text(c, &b);
            srccell *s = &t->cells[t->n++];
            s->row = t->nrows - 1;
            s->rs = span_attr(c, "rowspan");
            s->cs = span_attr(c, "colspan");
            if (s->cs < 1) s->cs = 1;
            s->text = norm(b.data ? b.data : "", b.len);
            gk_buf_free(&b);
        } else if (name_is(c, "tbody") || name_is(c, "thead") || name_is(c, "tfoot") || name_is(c, "caption") ||
                   name_is(c, "colgroup")) {
            t->row_open = 0;
            tb_walk(t, c);
            t->row_open = 0;
        } else if (!name_in(c, SKIP)) {
            tb_walk(t, c);
        }
    }
}

static ocell *grid_at(orow *r, int c) {
    while (r->n <= c) {
        if (r->n == r->cap) {
            r->cap = r->cap ? r->cap * 2 : 16;
            r->cells = realloc(r->cells, (size_t)r->cap * sizeof *r->cells);
        }
        memset(&r->cells[r->n], 0, sizeof(ocell));
        r->cells[r->n].hole = 1;
        r->n++;
    }
    return &r->cells[c];
}

static void build_grid(oracle *o, const xmlNode *table) {
    tbuild t = {0};
    tb_walk(&t, table);
    if (t.nrows == 0) { free(t.cells); return; }
    ogrid g;
    g.nrows = t.nrows;
    g.rows = calloc((size_t)t.nrows, sizeof(orow));
    int k = 0;
    for (int r = 0; r < t.nrows; r++) {
        int col = 0;
        for (; k < t.n && t.cells[k].row == r; k++) {
            srccell *s = &t.cells[k];
            while (col < g.rows[r].n && g.rows[r].cells[col].taken) col++;
            int rs = s->rs <= 0 || s->rs > t.nrows - r ? t.nrows - r : s->rs;
            for (int y = r; y < r + rs; y++)
                for (int x = col; x < col + s->cs; x++) {
                    ocell *d = grid_at(&g.rows[y], x);
                    if (d->taken) continue;
                    d->taken = 1;
                    d->hole = 0;
                    d->spanned = !(y == r && x == col);
                }
            ocell *origin = &g.rows[r].cells[col];
            origin->text = s->text;
            origin->rs = rs;
            origin->cs = s->cs;
            s->text = NULL;
            col += s->cs;
        }
    }
    for (int i = 0; i < t.n; i++) free(t.cells[i].text);
    free(t.cells);
    for (int r = 0; r < g.nrows; r++)
        while (g.rows[r].n && !g.rows[r].cells[g.rows[r].n - 1].taken) g.rows[r].n--;
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 8;
        o->grids = realloc(o->grids, (size_t)o->cap * sizeof *o->grids);
    }
    o->grids[o->n++] = g;
}

static void find_tables(oracle *o, const xmlNode *n) {
    for (const xmlNode *c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || name_in(c, SKIP)) continue;
        if (name_is(c, "table")) {
            if (has_table_below(c)) find_tables(o, c->children);
            else build_grid(o, c);
            continue;
        }
        find_tables(o, c->children);
    }
}

static void oracle_free(oracle *o) {
    for (int i = 0; i < o->n; i++) {
        for (int r = 0; r < o->grids[i].nrows; r++) {
            for (int c = 0; c < o->grids[i].rows[r].n; c++) free(o->grids[i].rows[r].cells[c].text);
            free(o->grids[i].rows[r].cells);
        }
        free(o->grids[i].rows);
    }
    free(o->grids);
}

static void compare(const gk_doc *doc, const char *html, size_t len) {
    oracle o = {0};
    htmlDocPtr x = htmlReadMemory(html, (int)len, "fuzz.html", "UTF-8",
                                  HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (x) {
        find_tables(&o, xmlDocGetRootElement(x));
        xmlFreeDoc(x);
    }
    int t = 0;
    char why[512];
    why[0] = 0;
    for (uint32_t b = 0; b < doc->nblocks && !why[0]; b++) {
        const gk_block *bk = &doc->blocks[b];
        if (bk->kind != GK_BLOCK_TABLE) continue;
        if (t >= o.n) { snprintf(why, sizeof why, "table %d is not in the oracle", t); break; }
        const ogrid *g = &o.grids[t];
        if ((int)bk->nrows != g->nrows) { snprintf(why, sizeof why, "table %d: %u rows, oracle %d", t, bk->nrows, g->nrows); break; }
        for (uint32_t r = 0; r < bk->nrows && !why[0]; r++) {
            if ((int)bk->rows[r].ncells != g->rows[r].n) {
                snprintf(why, sizeof why, "table %d row %u: %u cells, oracle %d", t, r, bk->rows[r].ncells, g->rows[r].n);
                break;
            }
            for (uint32_t c = 0; c < bk->rows[r].ncells; c++) {
                const gk_dcell *d = &bk->rows[r].cells[c];
                const ocell *oc = &g->rows[r].cells[c];
                char *mine = norm(d->text, d->len);
                const char *theirs = oc->text ? oc->text : "";
                int hole = !d->spanned && !d->rowspan && !d->colspan;
                int same = d->spanned == oc->spanned && hole == oc->hole && strcmp(mine, theirs) == 0 &&
                           (d->spanned || hole || (d->rowspan == oc->rs && d->colspan == oc->cs));
                if (!same)
                    snprintf(why, sizeof why, "table %d row %u col %u: reader [%.100s]%s rs=%u cs=%u, oracle [%.100s]%s rs=%d cs=%d",
                             t, r, c + 1, mine, d->spanned ? " spanned" : hole ? " gap" : "", d->rowspan, d->colspan, theirs,
                             oc->spanned ? " spanned" : oc->hole ? " gap" : "", oc->rs, oc->cs);
                free(mine);
                if (!same) break;
            }
        }
        t++;
    }
    if (!why[0] && t != o.n) snprintf(why, sizeof why, "the oracle has %d tables, the reader %d", o.n, t);
    oracle_free(&o);
    if (why[0]) {
        fprintf(stderr, "fuzz_read_html: reader and libxml2 differ: %s\n", why);
        broken("the grids differ from libxml2's");
    }
}

/* ------------------------------------------------------------------ the generator */

typedef struct {
    const uint8_t *d;
    size_t n, i;
    gk_buf out;
} gen;

static unsigned pick(gen *g, unsigned mod) { return g->i < g->n ? g->d[g->i++] % mod : 0; }

static void ws(gen *g) {
    static const char *const W[] = {"", "", "\n", " ", "\r\n  ", "\t"};
    gk_buf_puts(&g->out, W[pick(g, 6)]);
}

static void text(gen *g) {
    static const char *const T[] = {
        "甲", "自然人", "12", "0", " ", "\n", "&nbsp;", "&amp;", "&lt;b&gt;", "&#49;", "&#x4e2d;", "&ldquo;乙&rdquo;", "<br>",
        "<br/>", "<span style=\"font-family:仿宋\">丙</span>", "<font face=方正仿宋_GBK>3</font>", "<o:p></o:p>",
        "<o:p>&nbsp;</o:p>", "<!-- c -->", "<!--[if gte mso 9]><xml><w:x>y</w:x></xml><![endif]-->", "<b>粗</b>",
        "<script>var a='<td>x</td>';</script>", "<style>td{}</style>", "&ensp;", "\t", "&middot;", "&emsp;",
        "商业<br>企业", "<p>段</p>", "<p align=center><span lang=EN-US>4<o:p></o:p></span></p>", "&#0;", "&unknown;", "&",
        "< ", "a < b", "<div>块</div>", "<a href=\"x>y\">链</a>", "（一）予以公开", "<strong>总计</strong>", "&#x;"};
    unsigned k = 1 + pick(g, 4);
    for (unsigned i = 0; i < k; i++) gk_buf_puts(&g->out, T[pick(g, sizeof T / sizeof T[0])]);
}

static void span_attr_out(gen *g, const char *name) {
    static const char *const V[] = {"1", "2", "3", "0", "\"2\"", "'3'", " +2px", "abc", "5", "4", ""};
    unsigned k = pick(g, 14);
    if (k >= 11) return;
    gk_buf_printf(&g->out, " %s=%s", pick(g, 4) ? name : (name[0] == 'r' ? "ROWSPAN" : "COLSPAN"), V[k]);
    if (!V[k][0]) gk_buf_puts(&g->out, "\"\"");
}

static void table(gen *g, int depth);

static void cell_content(gen *g, int depth) {
    unsigned k = pick(g, 10);
    if (k == 9 && depth < 3) {
        text(g);
        table(g, depth + 1);
        text(g);
    } else if (k >= 7) {
        gk_buf_puts(&g->out, "<p class=MsoNormal>");
        text(g);
        gk_buf_puts(&g->out, "</p>");
        ws(g);
        gk_buf_puts(&g->out, "<p>");
        text(g);
        gk_buf_puts(&g->out, pick(g, 2) ? "</p>" : "");
    } else if (k > 0) {
        text(g);
    }
}

static void table(gen *g, int depth) {
    gk_buf_puts(&g->out, pick(g, 3) ? "<table border=1>" : "<TABLE class=MsoNormalTable>");
    ws(g);
    unsigned sect = pick(g, 4);
    if (sect == 1) gk_buf_puts(&g->out, "<tbody>");
    if (sect == 2) gk_buf_puts(&g->out, "<thead>");
    unsigned rows = 1 + pick(g, 6);
    for (unsigned r = 0; r < rows && g->out.len < 16000; r++) {
        bool tr = pick(g, 8) != 0 || r > 0;
        if (tr) gk_buf_puts(&g->out, pick(g, 5) ? "<tr>" : "<TR style='height:20pt'>");
        ws(g);
        unsigned cells = pick(g, 7);
        for (unsigned c = 0; c < cells; c++) {
            gk_buf_puts(&g->out, pick(g, 6) ? "<td" : pick(g, 2) ? "<th" : "<TD");
            span_attr_out(g, "rowspan");
            span_attr_out(g, "colspan");
            if (pick(g, 4) == 0) gk_buf_puts(&g->out, " width=\"57\" valign=top style='border:solid 1pt'");
            gk_buf_putc(&g->out, '>');
            cell_content(g, depth);
            if (pick(g, 4)) gk_buf_puts(&g->out, "</td>");
            ws(g);
        }
        if (tr && pick(g, 4)) gk_buf_puts(&g->out, "</tr>");
        ws(g);
        if (sect == 2 && r == 0) { gk_buf_puts(&g->out, "</thead><tbody>"); sect = 1; }
    }
    if (sect == 1) gk_buf_puts(&g->out, "</tbody>");
    gk_buf_puts(&g->out, "</table>");
}

static void document(gen *g) {
    gk_buf_puts(&g->out, pick(g, 2) ? "<html><head><meta charset=utf-8><title>标题</title></head><body>\n" : "<div>");
    while (g->i < g->n && g->out.len < 16000) {
        switch (pick(g, 6)) {
        case 0: gk_buf_puts(&g->out, "<p>"); text(g); gk_buf_puts(&g->out, "</p>"); break;
        case 1: case 2: case 3: table(g, 0); break;
        case 4: text(g); break;
        default: gk_buf_puts(&g->out, "<div class=meta>"); text(g); gk_buf_puts(&g->out, "</div>"); break;
        }
        ws(g);
    }
    if (pick(g, 2)) gk_buf_puts(&g->out, "</body></html>");
}

/* ------------------------------------------------------------------ the target */

static void run(const char *html, size_t len, bool compare_oracle) {
    current_html = html;
    current_len = len;
    gk_arena *a = gk_arena_new();
    gk_doc *doc = NULL;
    const char *detail = NULL;
    gk_status st = gk_read_html(a, "fuzz.html", html, len, &doc, &detail);
    if (st == GK_OK) {
        if (!doc) broken("GK_OK without a document");
        check_doc(doc);
        if (compare_oracle && oracles) compare(doc, html, len);
        gk_report *r = NULL;
        if (gk_recognize(doc, &r) == GK_OK && r) {
            gk_check_report(r);
            gk_buf b;
            gk_buf_init(&b);
            gk_render_json(r, &b, "zh", true);
            gk_buf_free(&b);
        }
    } else {
        if (st == GK_ERR_UNSAFE && (!detail || !*detail)) broken("GK_ERR_UNSAFE without a detail");
        if (detail && strlen(detail) > 4096) broken("the failure detail is not a short reason");
    }
    gk_arena_free(a);
    current_html = NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    xmlInitParser();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (oracles < 0) {
        const char *e = getenv("GK_FUZZ_NO_ORACLE");
        oracles = !(e && *e && strcmp(e, "0"));
    }
    if (size == 0) return 0;
    if ((data[0] & 1) == 0) {
        run((const char *)data + 1, size - 1, false);
        return 0;
    }
    gen g = {data + 1, size - 1, 0, {0}};
    gk_buf_init(&g.out);
    document(&g);
    run(g.out.data ? g.out.data : "", g.out.len, true);
    gk_buf_free(&g.out);
    return 0;
}
