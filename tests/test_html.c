/* test_html.c: the HTML reader (src/doc/read_html.c).
 *
 * (a) Oracle. For every HTML document we hold or make, the reader's grids must equal the grids built from
 *     libxml2's tree (htmlReadMemory, RECOVER|NOERROR|NOWARNING|NONET), cell by cell: same tables, same
 *     rows, same widths, same spanned positions, same rowspan/colspan at each origin, and the same text once
 *     space/NBSP is trimmed and runs of space are collapsed. The oracle resolves spans by its own dense
 *     placement (below), not by the reader's code. Documents: the corpus HTML (and the HTML inside
 *     shoffice_2019_1.js), two HTML renderings of each seed (plain, and Word-exported markup with
 *     rowspan/colspan for the merged label cells), and hand-written tricky snippets.
 * (b) Each seed rendered as HTML gives, through gk_report_from_bytes, the same agency, year, sections and
 *     200 cells (state and value) as the text seed.
 * (c) Malicious inputs return within a second (longer under the sanitizers) with GK_OK or a clear error.
 * (d) The corpus page shuyangfgj_2023_1.html: agency, year, the crawler's header, and every oddity that
 *     SOURCES.tsv lists for it.
 *
 * Environment: GK_SHARED = the shared folder (corpus/, seeds/); cases that need it skip, saying so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "gongkai/check.h"
#include "gongkai/doc.h"
#include "gongkai/report.h"
#include "gongkai/template.h"
#include "gongkai/text.h"

#if defined(__SANITIZE_ADDRESS__)
#define GK_SLOW 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GK_SLOW 1
#endif
#endif
#ifndef GK_SLOW
#define GK_SLOW 0
#endif
/* One second is the contract (optimised build); sanitizers and -O0 get more room. */
#ifdef __OPTIMIZE__
#define TIME_LIMIT (GK_SLOW ? 8.0 : 1.0)
#else
#define TIME_LIMIT (GK_SLOW ? 8.0 : 3.0)
#endif

/* ------------------------------------------------------------------ small helpers */

static const char *shared_dir(void) {
    const char *s = getenv("GK_SHARED");
    struct stat st;
    if (!s || !*s || stat(s, &st) != 0 || !S_ISDIR(st.st_mode)) return NULL;
    return s;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    gk_buf b;
    gk_buf_init(&b);
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0) gk_buf_append(&b, tmp, k);
    fclose(f);
    if (!b.data) gk_buf_append(&b, "", 0);
    *len = b.len;
    return b.data;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Text for comparison: space (ASCII, NBSP, U+3000 … as gk_is_space_cp says) trimmed, runs collapsed. */
static char *norm(const char *s, size_t n) {
    char *out = malloc(n + 1);
    size_t o = 0, i = 0;
    bool space = false;
    while (i < n) {
        int32_t cp;
        size_t l = gk_utf8_decode(s + i, n - i, &cp);
        if (gk_is_space_cp(cp)) { space = true; i += l; continue; }
        if (space && o) out[o++] = ' ';
        space = false;
        memcpy(out + o, s + i, l);
        o += l;
        i += l;
    }
    out[o] = 0;
    return out;
}

/* ------------------------------------------------------------------ the oracle: grids from libxml2 */

typedef struct {
    char *text;           /* normalised */
    int rs, cs;           /* at an origin: rows really covered, colspan */
    bool spanned, hole, taken;
} ocell;

typedef struct {
    ocell *cells;
    int n, cap;
} orow;

typedef struct {
    orow *rows;
    int nrows;
} ogrid;

typedef struct {
    ogrid *grids;
    int n, cap;
} oracle;

typedef struct {          /* a source cell, before placement */
    int row, rs, cs;
    char *text;
} ocellsrc;

static bool name_is(const xmlNode *n, const char *name) {
    return n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

static bool name_in(const xmlNode *n, const char *const *list) {
    for (int i = 0; list[i]; i++)
        if (name_is(n, list[i])) return true;
    return false;
}

static const char *const SKIP[] = {"script", "style", "title", "textarea", "xmp", "iframe", "noembed",
                                   "noframes", "head", NULL};
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
            bool blk = name_in(c, BLOCKS);
            if (blk) gk_buf_putc(b, '\n');
            collect_text(c, b);
            if (blk) gk_buf_putc(b, '\n');
        }
    }
}

static bool has_table_below(const xmlNode *n) {
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (name_is(c, "table")) return true;
        if (c->type == XML_ELEMENT_NODE && has_table_below(c)) return true;
    }
    return false;
}

static int span_attr(const xmlNode *n, const char *attr, int dflt) {
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    if (!v) return dflt;
    const char *s = (const char *)v;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f') s++;
    if (*s == '+') s++;
    int x = dflt;
    if (*s >= '0' && *s <= '9') {
        long acc = 0;
        while (*s >= '0' && *s <= '9') { if (acc < 100000000) acc = acc * 10 + (*s - '0'); s++; }
        x = (int)acc;
    }
    xmlFree(v);
    return x;
}

typedef struct {
    ocellsrc *cells;
    int n, cap;
    int nrows;
    bool row_open;
} tbuild;

static void tb_cell(tbuild *t, const xmlNode *td) {
    if (!t->row_open) { t->nrows++; t->row_open = true; }
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->cells = realloc(t->cells, (size_t)t->cap * sizeof *t->cells);
    }
    gk_buf b;
    gk_buf_init(&b);
    collect_text(td, &b);
    ocellsrc *c = &t->cells[t->n++];
    c->row = t->nrows - 1;
    c->rs = span_attr(td, "rowspan", 1);
    c->cs = span_attr(td, "colspan", 1);
    if (c->cs < 1) c->cs = 1;
    c->text = norm(b.data ? b.data : "", b.len);
    gk_buf_free(&b);
}

static void tb_walk(tbuild *t, const xmlNode *n) {
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (name_is(c, "tr")) {
            t->nrows++;
            t->row_open = true;
            tb_walk(t, c);
            t->row_open = false;
        } else if (name_is(c, "td") || name_is(c, "th")) {
            tb_cell(t, c);
        } else if (name_is(c, "tbody") || name_is(c, "thead") || name_is(c, "tfoot") || name_is(c, "caption") ||
                   name_is(c, "colgroup")) {
            t->row_open = false;
            tb_walk(t, c);
            t->row_open = false;
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
        r->cells[r->n].hole = true;
        r->n++;
    }
    return &r->cells[c];
}

/* Dense placement: each row's cells go left to right into the first free positions; a cell takes the
 * free positions of its rectangle (an earlier cell keeps a position two cells claim); a rowspan stops
 * at the last row (rowspan=0: to the last row). */
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
            ocellsrc *s = &t.cells[k];
            while (col < g.rows[r].n && g.rows[r].cells[col].taken) col++;
            int rs = s->rs <= 0 || s->rs > t.nrows - r ? t.nrows - r : s->rs;
            for (int y = r; y < r + rs; y++)
                for (int x = col; x < col + s->cs; x++) {
                    ocell *d = grid_at(&g.rows[y], x);
                    if (d->taken) continue;
                    d->taken = true;
                    d->hole = false;
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
    /* a row ends at its last taken position */
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
        if (c->type != XML_ELEMENT_NODE) continue;
        if (name_in(c, SKIP)) continue;
        if (name_is(c, "table")) {
            if (has_table_below(c)) find_tables(o, c->children);   /* layout: its tables are the blocks */
            else build_grid(o, c);
            continue;
        }
        find_tables(o, c->children);
    }
}

static void oracle_free(oracle *o) {
    for (int i = 0; i < o->n; i++) {
        for (int r = 0; r < o->grids[i].nrows; r++) {
            for (int c = 0; c < o->grids[i].rows[r].cap && c < o->grids[i].rows[r].n; c++) free(o->grids[i].rows[r].cells[c].text);
            free(o->grids[i].rows[r].cells);
        }
        free(o->grids[i].rows);
    }
    free(o->grids);
}

static oracle oracle_read(const char *html, size_t len) {
    oracle o = {0};
    htmlDocPtr doc = htmlReadMemory(html, (int)len, "oracle.html", "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (doc) {
        find_tables(&o, xmlDocGetRootElement(doc));
        xmlFreeDoc(doc);
    }
    return o;
}

/* Compares the reader's tables with the oracle's; prints the first differences. Returns the count. */
static int compare_with_oracle(const char *name, const char *html, size_t len) {
    gk_arena *a = gk_arena_new();
    gk_doc *doc = NULL;
    const char *detail = NULL;
    gk_status st = gk_read_html(a, name, html, len, &doc, &detail);
    if (st != GK_OK) {
        print_error("%s: gk_read_html: %s (%s)\n", name, gk_status_message(st, "en"), detail ? detail : "");
        gk_arena_free(a);
        return 1;
    }
    oracle o = oracle_read(html, len);
    int bad = 0, t = 0;
    for (uint32_t b = 0; b < doc->nblocks && bad < 10; b++) {
        const gk_block *bk = &doc->blocks[b];
        if (bk->kind != GK_BLOCK_TABLE) continue;
        if (t >= o.n) { print_error("%s: table %d (line %u) not in the oracle\n", name, t, bk->line); bad++; t++; continue; }
        const ogrid *g = &o.grids[t];
        if ((int)bk->nrows != g->nrows) {
            print_error("%s: table %d (line %u): %u rows, oracle %d\n", name, t, bk->line, bk->nrows, g->nrows);
            bad++;
        }
        for (uint32_t r = 0; r < bk->nrows && (int)r < g->nrows && bad < 10; r++) {
            const gk_drow *row = &bk->rows[r];
            const orow *orw = &g->rows[r];
            if ((int)row->ncells != orw->n) {
                print_error("%s: table %d row %u (line %u): %u cells, oracle %d\n", name, t, r, row->line, row->ncells, orw->n);
                bad++;
                continue;
            }
            for (uint32_t c = 0; c < row->ncells; c++) {
                const gk_dcell *d = &row->cells[c];
                const ocell *oc = &orw->cells[c];
                char *mine = norm(d->text, d->len);
                const char *theirs = oc->text ? oc->text : "";
                bool hole = !d->spanned && d->rowspan == 0 && d->colspan == 0;
                bool same = d->spanned == oc->spanned && hole == oc->hole && strcmp(mine, theirs) == 0 &&
                            (d->spanned || hole || (d->rowspan == oc->rs && d->colspan == oc->cs)) &&
                            d->src.col == c + 1;
                if (d->spanned && d->len != 0) same = false;
                if (!same && bad < 10) {
                    print_error("%s: table %d row %u col %u (line %u): reader [%s]%s rs=%u cs=%u, oracle [%s]%s rs=%d cs=%d\n",
                                name, t, r, c + 1, d->src.line, mine, d->spanned ? " spanned" : hole ? " hole" : "",
                                d->rowspan, d->colspan, theirs, oc->spanned ? " spanned" : oc->hole ? " hole" : "", oc->rs,
                                oc->cs);
                    bad++;
                }
                free(mine);
            }
        }
        t++;
    }
    if (t < o.n && bad < 10) {
        print_error("%s: the oracle has %d tables, the reader %d\n", name, o.n, t);
        bad++;
    }
    oracle_free(&o);
    gk_arena_free(a);
    return bad;
}

/* ------------------------------------------------------------------ rendering a text document as HTML */

static void put_escaped(gk_buf *b, const char *s, size_t n, bool br) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '&') gk_buf_puts(b, "&amp;");
        else if (c == '<') gk_buf_puts(b, "&lt;");
        else if (c == '>') gk_buf_puts(b, "&gt;");
        else if (c == '\n' && br) gk_buf_puts(b, "<br>");
        else gk_buf_putc(b, c);
    }
}

static bool mem_has(const char *s, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, needle, k) == 0) return true;
    return false;
}

static bool is_number(const char *s, size_t n) {
    gk_decimal d;
    return gk_parse_cell_number(s, n, true, &d) == GK_NP_NUMBER;
}

static bool is_empty(const gk_drow *row, uint32_t c) { return c >= row->ncells || gk_is_blank(row->cells[c].text, row->cells[c].len); }

/* A grid of text cells as an HTML table whose grid is the same: a label cell followed by empty cells
 * (before the row's first number) becomes one cell with colspan; an empty leading cell under a
 * one-column label (or under cells that label already covers) joins that label's rowspan. Covered positions read back as spanned
 * cells with empty text, which is what the text grid had there. word = Word's exported markup. */
static void render_table(gk_buf *b, const gk_block *bk, bool word) {
    enum { ORIGIN = 0, HCOVER, VCOVER };
    uint32_t nr = bk->nrows;
    uint8_t **kind = calloc(nr, sizeof *kind);
    uint32_t **cs = calloc(nr, sizeof *cs), **rs = calloc(nr, sizeof *rs);
    for (uint32_t r = 0; r < nr; r++) {
        kind[r] = calloc(bk->rows[r].ncells + 1, 1);
        cs[r] = calloc(bk->rows[r].ncells + 1, sizeof **cs);
        rs[r] = calloc(bk->rows[r].ncells + 1, sizeof **rs);
    }
    for (uint32_t r = 0; r < nr; r++) {
        const gk_drow *row = &bk->rows[r];
        uint32_t first_num = row->ncells;
        for (uint32_t c = 0; c < row->ncells; c++)
            if (is_number(row->cells[c].text, row->cells[c].len)) { first_num = c; break; }
        for (uint32_t c = 0; c < row->ncells; c++) { kind[r][c] = ORIGIN; cs[r][c] = 1; rs[r][c] = 1; }
        /* leading empty cells under a one-column label: that label's rowspan grows */
        for (uint32_t c = 0; r > 0 && c < row->ncells && is_empty(row, c); c++) {
            uint32_t y = r - 1;
            if (c >= bk->rows[y].ncells) continue;
            while (kind[y][c] == VCOVER) y--;
            const gk_drow *oy = &bk->rows[y];
            if (kind[y][c] != ORIGIN || cs[y][c] != 1 || is_empty(oy, c) || is_number(oy->cells[c].text, oy->cells[c].len))
                continue;
            kind[r][c] = VCOVER;
            rs[y][c]++;
        }
        /* a label followed by empty cells (before the row's first number): colspan */
        for (uint32_t c = 0; c < row->ncells; c++) {
            if (kind[r][c] != ORIGIN || is_empty(row, c) || is_number(row->cells[c].text, row->cells[c].len)) continue;
            uint32_t k = c + 1;
            while (k < first_num && is_empty(row, k) && kind[r][k] == ORIGIN) k++;
            for (uint32_t x = c + 1; x < k; x++) kind[r][x] = HCOVER;
            cs[r][c] = k - c;
            c = k - 1;
        }
    }
    gk_buf_puts(b, word ? "<div align=center>\n<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
                          "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>\n <tbody>\n"
                        : "<table border=\"1\">\n");
    for (uint32_t r = 0; r < nr; r++) {
        const gk_drow *row = &bk->rows[r];
        gk_buf_puts(b, word ? " <tr style='mso-yfti-irow:0;height:20.0pt'>\n" : "<tr>");
        for (uint32_t c = 0; c < row->ncells; c++) {
            if (kind[r][c] != ORIGIN) continue;
            gk_buf_puts(b, word ? "  <td width=57 valign=top style='width:42.5pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'"
                                : "<td");
            if (cs[r][c] > 1) gk_buf_printf(b, word ? " colspan=%u" : " colspan=\"%u\"", cs[r][c]);
            if (rs[r][c] > 1) gk_buf_printf(b, word ? " rowspan=%u" : " rowspan=\"%u\"", rs[r][c]);
            gk_buf_putc(b, '>');
            const gk_dcell *d = &row->cells[c];
            if (word) {
                gk_buf_puts(b, "\n  <p class=MsoNormal align=center style='text-align:center'><span lang=EN-US "
                               "style='font-size:10.5pt;font-family:\"Times New Roman\",serif'><font face=\"方正仿宋_GBK\">");
                if (gk_is_blank(d->text, d->len)) gk_buf_puts(b, "<o:p>&nbsp;</o:p>");
                else put_escaped(b, d->text, d->len, true);
                gk_buf_puts(b, "</font></span><span style='mso-bidi-font-size:10.5pt'><o:p></o:p></span></p>\n  </td>\n");
            } else {
                put_escaped(b, d->text, d->len, true);
                gk_buf_puts(b, "</td>");
            }
        }
        gk_buf_puts(b, word ? " </tr>\n" : "</tr>\n");
    }
    gk_buf_puts(b, word ? " </tbody>\n</table>\n</div>\n" : "</table>\n");
    for (uint32_t r = 0; r < nr; r++) { free(kind[r]); free(cs[r]); free(rs[r]); }
    free(kind);
    free(cs);
    free(rs);
}

static char *render_html(const gk_doc *doc, bool word, size_t *len) {
    gk_buf b;
    gk_buf_init(&b);
    if (word)
        gk_buf_puts(&b, "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">\n"
                        "<head>\n<meta http-equiv=Content-Type content=\"text/html; charset=utf-8\">\n"
                        "<title>年度报告</title>\n<!--[if gte mso 9]><xml>\n <o:DocumentProperties>\n  <o:Author>办公室</o:Author>\n"
                        " </o:DocumentProperties>\n</xml><![endif]-->\n<style>\n<!--\n p.MsoNormal {margin:0cm;}\n-->\n</style>\n"
                        "</head>\n<body lang=ZH-CN style='tab-interval:21.0pt'>\n<div class=WordSection1>\n");
    else
        gk_buf_puts(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>t</title></head><body>\n");
    for (uint32_t i = 0; i < doc->nblocks; i++) {
        const gk_block *bk = &doc->blocks[i];
        if (bk->kind == GK_BLOCK_PARA) {
            if (word) gk_buf_puts(&b, "<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋'><!--[if !supportLists]-->");
            else gk_buf_puts(&b, "<p>");
            put_escaped(&b, bk->text, bk->len, false);
            gk_buf_puts(&b, word ? "<!--[endif]--><o:p></o:p></span></p>\n" : "</p>\n");
        } else {
            render_table(&b, bk, word);
        }
    }
    gk_buf_puts(&b, word ? "</div>\n</body>\n</html>\n" : "</body></html>\n");
    *len = b.len;
    return b.data;
}

/* shared/seeds/NNN_*.txt, in name order */
static int seed_paths(const char *shared, char paths[][4096], int max) {
    char dir[2048];
    snprintf(dir, sizeof dir, "%.2000s/seeds", shared);
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) snprintf(paths[n++], 4096, "%s/%.1000s", dir, e->d_name);
    }
    closedir(d);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (strcmp(paths[i], paths[j]) > 0) {
                char tmp[4096];
                memcpy(tmp, paths[i], 4096);
                memcpy(paths[i], paths[j], 4096);
                memcpy(paths[j], tmp, 4096);
            }
    return n;
}

static char *seed_html(const char *path, bool word, size_t *len) {
    size_t n;
    char *txt = slurp(path, &n);
    if (!txt) return NULL;
    gk_arena *a = gk_arena_new();
    gk_doc *doc = NULL;
    size_t bad;
    char *html = NULL;
    if (gk_read_txt(a, path, txt, n, &doc, &bad) == GK_OK) html = render_html(doc, word, len);
    gk_arena_free(a);
    free(txt);
    return html;
}

/* ------------------------------------------------------------------ (a) the oracle */

static const char *const SNIPPETS[] = {
    /* unclosed td/tr, missing </table></body></html> */
    "<html><body><table><tr><td>a<td>b<tr><td>c<td>d</table>",
    "<table><tr><td>1</td><td>2</td></tr><tr><td>3<td>4</tr><tr><td>5</table><p>after",
    /* rowspan/colspan: merged labels, header groups, a rowspan past the end, rowspan=0, colspan=0 */
    "<table><tr><td rowspan=3>三、本年度办理结果</td><td>(一) 予以公开</td><td>1</td></tr>"
    "<tr><td>(二) 部分公开</td><td>2</td></tr><tr><td>(三) 不予公开</td><td>3</td></tr></table>",
    "<table><tr><td colspan=2 rowspan=2>申请人情况</td><td colspan=3>法人或其他组织</td><td rowspan=2>总计</td></tr>"
    "<tr><td>商业企业</td><td>科研机构</td><td>其他</td></tr><tr><td>a</td><td>b</td><td>1</td><td>2</td><td>3</td><td>6</td></tr></table>",
    "<table><tr><td rowspan=9>x</td><td>1</td></tr><tr><td>2</td></tr></table>",
    "<table><tr><td rowspan=0>x</td><td>1</td></tr><tr><td>2</td></tr><tr><td>3</td></tr></table>",
    "<table><tr><td colspan=0>x</td><td>1</td></tr><tr><td colspan=\"  +3px\">2</td></tr><tr><td rowspan=abc>3</td></tr></table>",
    /* overlapping spans: the earlier cell keeps the position */
    "<table><tr><td>a</td><td rowspan=3>b</td></tr><tr><td colspan=3>c</td></tr><tr><td>d</td><td>e</td></tr></table>",
    "<table><tr><td rowspan=2>a</td><td>b</td><td rowspan=2>c</td></tr><tr><td>d</td><td>e</td><td>f</td></tr>"
    "<tr></tr><tr><td colspan=2>g</td></tr></table>",
    /* a gap: a row whose cells sit right of a hole */
    "<table><tr><td colspan=3>a</td><td rowspan=2>b</td></tr><tr></tr><tr><td>c</td></tr></table>",
    /* <br> and <p> in cells, white space, &nbsp; */
    "<table><tr><td>商业<br>企业</td><td><p>申请人情</p><p>况</p></td><td>&nbsp;</td><td>  7 \n </td></tr></table>",
    "<TABLE BORDER=1><TR><TD ROWSPAN=\"2\" COLSPAN='2'>A</TD><TD>b</TD></TR><TR><TH>c</TH></TR></TABLE>",
    /* entities */
    "<table><tr><td>&lt;&gt;&amp;&quot;&apos;</td><td>&ensp;1&emsp;</td><td>&ldquo;x&rdquo;&middot;y</td>"
    "<td>&#49;&#x32;&#X33;&#x4e2d;&#25991;</td><td>&copy;&reg;&trade;&euro;&hellip;</td><td>&unknown; & x &amp;</td>"
    "<td>&#0;&#xD800;&#x110000;&#1;a&#;b&#x;c&#12x</td></tr></table>",
    /* Word: conditional comments, o:p, font, span, comments and scripts in cells */
    "<html><head><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->"
    "<style>td{color:red}</style></head><body><table class=MsoNormalTable><tr><td><p class=MsoNormal>"
    "<span lang=EN-US style='font-size:12pt'><o:p>&nbsp;</o:p></span></p></td><td><span style=\"x\"><font face=方正仿宋_GBK>"
    "4<!-- a comment --></font></span><script>var x = '<td>no</td>';</script></td></tr></table></body></html>",
    /* attributes holding '>' and quotes */
    "<table><tr><td title=\"a>b\" class='c\"d'>x</td><td data-x=a>y</td></tr></table>",
    /* nested tables: the outer one is layout; the inner ones are the blocks */
    "<table width=100%><tr><td><p>标题</p><table><tr><td>1</td><td>2</td></tr></table><p>正文</p>"
    "<table><tr><td rowspan=2>a</td><td>3</td></tr><tr><td>4</td></tr></table></td></tr></table>",
    /* td without tr: implied rows; thead/tbody/tfoot */
    "<table><td>a</td><td>b</td></table>",
    "<table><thead><tr><th>h1</th><th>h2</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody>"
    "<tfoot><tr><td colspan=2>f</td></tr></tfoot></table>",
    /* stray end tags */
    "</td></tr></table><p>x</p><table><tr><td>a</td></tr></table></table></td><table><tr><td>b</td></tr></table>",
    /* empty rows, empty tables, two tables */
    "<table></table><table><tr></tr><tr><td>x</td></tr><tr></tr></table><table><tr><td>y</td></tr></table>",
    /* a caption and col groups */
    "<table><caption>表一</caption><colgroup><col width=10><col></colgroup><tr><td>1</td></tr></table>",
    /* a cell of block elements */
    "<table><tr><td><div>a</div><div>b</div><ul><li>c</li><li>d</li></ul><h3>e</h3></td></tr></table>",
    /* CRLF line ends, tabs */
    "<table>\r\n<tr>\r\n<td>\r\n\t1\r\n</td>\r\n<td>2</td>\r\n</tr>\r\n</table>\r\n",
    NULL};

static void test_oracle_snippets(void **state) {
    (void)state;
    int bad = 0;
    for (int i = 0; SNIPPETS[i]; i++) {
        char name[32];
        snprintf(name, sizeof name, "snippet %d", i);
        bad += compare_with_oracle(name, SNIPPETS[i], strlen(SNIPPETS[i]));
    }
    assert_int_equal(bad, 0);
}

/* Every HTML 4 entity, one per cell, against libxml2's decoding. */
static void test_oracle_entities(void **state) {
    (void)state;
    static const char *names[] = {
        "AElig", "Aacute", "Acirc", "Agrave", "Alpha", "Aring", "Atilde", "Auml", "Beta", "Ccedil", "Chi", "Dagger",
        "Delta", "ETH", "Eacute", "Ecirc", "Egrave", "Epsilon", "Eta", "Euml", "Gamma", "Iacute", "Icirc", "Igrave",
        "Iota", "Iuml", "Kappa", "Lambda", "Mu", "Ntilde", "Nu", "OElig", "Oacute", "Ocirc", "Ograve", "Omega",
        "Omicron", "Oslash", "Otilde", "Ouml", "Phi", "Pi", "Prime", "Psi", "Rho", "Scaron", "Sigma", "THORN", "Tau",
        "Theta", "Uacute", "Ucirc", "Ugrave", "Upsilon", "Uuml", "Xi", "Yacute", "Yuml", "Zeta", "aacute", "acirc",
        "acute", "aelig", "agrave", "alefsym", "alpha", "amp", "and", "ang", "apos", "aring", "asymp", "atilde", "auml",
        "bdquo", "beta", "brvbar", "bull", "cap", "ccedil", "cedil", "cent", "chi", "circ", "clubs", "cong", "copy",
        "crarr", "cup", "curren", "dArr", "dagger", "darr", "deg", "delta", "diams", "divide", "eacute", "ecirc",
        "egrave", "empty", "emsp", "ensp", "epsilon", "equiv", "eta", "eth", "euml", "euro", "exist", "fnof", "forall",
        "frac12", "frac14", "frac34", "frasl", "gamma", "ge", "gt", "hArr", "harr", "hearts", "hellip", "iacute",
        "icirc", "iexcl", "igrave", "image", "infin", "int", "iota", "iquest", "isin", "iuml", "kappa", "lArr",
        "lambda", "lang", "laquo", "larr", "lceil", "ldquo", "le", "lfloor", "lowast", "loz", "lrm", "lsaquo", "lsquo",
        "lt", "macr", "mdash", "micro", "middot", "minus", "mu", "nabla", "nbsp", "ndash", "ne", "ni", "not", "notin",
        "nsub", "ntilde", "nu", "oacute", "ocirc", "oelig", "ograve", "oline", "omega", "omicron", "oplus", "or",
        "ordf", "ordm", "oslash", "otilde", "otimes", "ouml", "para", "part", "permil", "perp", "phi", "pi", "piv",
        "plusmn", "pound", "prime", "prod", "prop", "psi", "quot", "rArr", "radic", "rang", "raquo", "rarr", "rceil",
        "rdquo", "real", "reg", "rfloor", "rho", "rlm", "rsaquo", "rsquo", "sbquo", "scaron", "sdot", "sect", "shy",
        "sigma", "sigmaf", "sim", "spades", "sub", "sube", "sum", "sup", "sup1", "sup2", "sup3", "supe", "szlig", "tau",
        "there4", "theta", "thetasym", "thinsp", "thorn", "tilde", "times", "trade", "uArr", "uacute", "uarr", "ucirc",
        "ugrave", "uml", "upsih", "upsilon", "uuml", "weierp", "xi", "yacute", "yen", "yuml", "zeta", "zwj", "zwnj",
        NULL};
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_puts(&b, "<table>");
    int n = 0;
    for (int i = 0; names[i]; i++, n++) gk_buf_printf(&b, "<tr><td>x&%s;y</td><td>&#%d;</td></tr>", names[i], 0x4e00 + i);
    gk_buf_puts(&b, "</table>");
    assert_int_equal(n, 253);
    assert_int_equal(compare_with_oracle("entities", b.data, b.len), 0);
    gk_buf_free(&b);
}

static void test_oracle_corpus(void **state) {
    (void)state;
    const char *shared = shared_dir();
    if (!shared) { print_message("shared/ not found: skipping the corpus HTML\n"); skip(); }
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpus/raw", shared);
    DIR *d = opendir(dir);
    if (!d) { print_message("%s not found: skipping\n", dir); skip(); }
    int files = 0, bad = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        bool html = (l > 5 && strcmp(e->d_name + l - 5, ".html") == 0) || (l > 4 && strcmp(e->d_name + l - 4, ".htm") == 0);
        if (!html) continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t n;
        char *s = slurp(path, &n);
        if (!s) continue;
        bad += compare_with_oracle(e->d_name, s, n);
        files++;
        free(s);
    }
    closedir(d);
    print_message("oracle: %d corpus HTML file(s)\n", files);
    assert_true(files >= 1);
    assert_int_equal(bad, 0);
}

/* shoffice_2019_1.js holds the report as one JSON-escaped HTML string after `let content = `. */
static char *shoffice_html(size_t *len) {
    const char *shared = shared_dir();
    if (!shared) return NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/corpus/raw/shoffice_2019_1.js", shared);
    size_t n;
    char *js = slurp(path, &n);
    if (!js) return NULL;
    const char *key = "let content = ";
    char *at = strstr(js, key);
    char *html = NULL;
    if (at) {
        at += strlen(key);
        char *end = js + n;
        while (end > at && end[-1] != '"') end--;
        /* a JavaScript string may hold raw tabs, JSON may not */
        gk_buf lit;
        gk_buf_init(&lit);
        for (const char *p = at; p < end; p++) {
            if (*p == '\t') gk_buf_puts(&lit, "\\t");
            else if (*p == '\r') gk_buf_puts(&lit, "\\r");
            else if (*p == '\n') gk_buf_puts(&lit, "\\n");
            else gk_buf_putc(&lit, *p);
        }
        json_error_t err;
        json_t *v = json_loadb(lit.data, lit.len, JSON_DECODE_ANY, &err);
        gk_buf_free(&lit);
        if (json_is_string(v)) {
            *len = json_string_length(v);
            html = malloc(*len + 1);
            memcpy(html, json_string_value(v), *len + 1);
        }
        json_decref(v);
    }
    free(js);
    return html;
}

static void test_oracle_shoffice_js(void **state) {
    (void)state;
    size_t n;
    char *html = shoffice_html(&n);
    if (!html) { print_message("shoffice_2019_1.js not found or not decodable: skipping\n"); skip(); }
    assert_int_equal(compare_with_oracle("shoffice_2019_1.js (HTML)", html, n), 0);
    /* SOURCES.tsv: blank cells are &nbsp; (予以公开 总计 blank); <br /> inside header cells */
    gk_arena *a = gk_arena_new();
    gk_doc *doc;
    assert_int_equal(gk_read_html(a, "shoffice", html, n, &doc, NULL), GK_OK);
    int tables = 0, nbsp_cells = 0;
    for (uint32_t b = 0; b < doc->nblocks; b++) {
        if (doc->blocks[b].kind != GK_BLOCK_TABLE) continue;
        tables++;
        for (uint32_t r = 0; r < doc->blocks[b].nrows; r++)
            for (uint32_t c = 0; c < doc->blocks[b].rows[r].ncells; c++) {
                const gk_dcell *d = &doc->blocks[b].rows[r].cells[c];
                if (!d->spanned && d->len == 0 && d->src.len >= 6 && mem_has(doc->src + d->src.offset, d->src.len, "&nbsp;"))
                    nbsp_cells++;
            }
    }
    assert_true(tables >= 3);
    assert_true(nbsp_cells >= 1);
    gk_report *r;
    assert_int_equal(gk_recognize(doc, &r), GK_OK);
    assert_non_null(r->agency);
    assert_non_null(strstr(r->agency, "上海市人民政府办公厅"));
    assert_int_equal(r->year, 2019);
    gk_arena_free(a);
    free(html);
}

static void test_oracle_seeds(void **state) {
    (void)state;
    const char *shared = shared_dir();
    if (!shared) { print_message("shared/ not found: skipping the seeds\n"); skip(); }
    static char paths[64][4096];
    int n = seed_paths(shared, paths, 64);
    assert_true(n >= 1);
    int bad = 0;
    for (int i = 0; i < n; i++)
        for (int word = 0; word < 2; word++) {
            size_t len;
            char *html = seed_html(paths[i], word, &len);
            assert_non_null(html);
            char name[4200];
            snprintf(name, sizeof name, "%s (%s HTML)", strrchr(paths[i], '/') + 1, word ? "Word" : "plain");
            bad += compare_with_oracle(name, html, len);
            /* the rendering does merge cells */
            assert_non_null(strstr(html, "rowspan"));
            assert_non_null(strstr(html, "colspan"));
            free(html);
        }
    assert_int_equal(bad, 0);
}

/* ------------------------------------------------------------------ (b) seeds as HTML → the same report */

static void test_seed_reports(void **state) {
    (void)state;
    const char *shared = shared_dir();
    if (!shared) { print_message("shared/ not found: skipping the seeds\n"); skip(); }
    static char paths[64][4096];
    int n = seed_paths(shared, paths, 64);
    assert_true(n >= 1);
    for (int i = 0; i < n; i++) {
        size_t tlen;
        char *txt = slurp(paths[i], &tlen);
        assert_non_null(txt);
        gk_arena *ta = gk_arena_new();
        gk_report *want = NULL;
        assert_int_equal(gk_report_from_bytes(ta, paths[i], txt, tlen, &want, NULL), GK_OK);
        for (int word = 0; word < 2; word++) {
            size_t hlen;
            char *html = seed_html(paths[i], word, &hlen);
            gk_arena *ha = gk_arena_new();
            gk_report *got = NULL;
            const char *detail = NULL;
            gk_status st = gk_report_from_bytes(ha, "seed.html", html, hlen, &got, &detail);
            if (st != GK_OK) print_error("%s: %s (%s)\n", paths[i], gk_status_message(st, "en"), detail ? detail : "");
            assert_int_equal(st, GK_OK);
            int bad = 0;
            if (!want->agency != !got->agency || (want->agency && strcmp(want->agency, got->agency))) {
                print_error("%s (%s): agency [%s] vs [%s]\n", paths[i], word ? "Word" : "plain", want->agency ? want->agency : "",
                            got->agency ? got->agency : "");
                bad++;
            }
            if (want->year != got->year) { print_error("%s: year %d vs %d\n", paths[i], want->year, got->year); bad++; }
            for (int s = 0; s < 6; s++)
                if (want->sections[s].present != got->sections[s].present) {
                    print_error("%s: section %d present %d vs %d\n", paths[i], s + 1, want->sections[s].present,
                                got->sections[s].present);
                    bad++;
                }
            for (int t = 0; t < GK_NTABLES; t++)
                if (want->table_found[t] != got->table_found[t]) { print_error("%s: table %d found differs\n", paths[i], t); bad++; }
            int ncells = 0;
            for (int c = 0; c < GK_NCELLS; c++) {
                const gk_cell *x = &want->cells[c], *y = &got->cells[c];
                if (x->state == GK_CELL_ABSENT && c >= (int)want->tmpl->ncells) continue;
                ncells++;
                bool same = x->state == y->state &&
                            (x->state != GK_CELL_NUMBER || (x->num.value == y->num.value && x->num.scale == y->num.scale));
                if (!same && bad < 12) {
                    char path[64];
                    gk_template_cell_path(want->tmpl, c, path);
                    print_error("%s (%s HTML): %s: text %d/%lld, HTML %d/%lld\n", paths[i], word ? "Word" : "plain", path,
                                x->state, (long long)x->num.value, y->state, (long long)y->num.value);
                    bad++;
                }
            }
            assert_int_equal(ncells, 200);
            assert_int_equal(bad, 0);
            gk_arena_free(ha);
            free(html);
        }
        gk_arena_free(ta);
        free(txt);
    }
}

/* ------------------------------------------------------------------ the reader's own promises */

static gk_doc *read(gk_arena *a, const char *html) {
    gk_doc *doc = NULL;
    const char *detail = NULL;
    gk_status st = gk_read_html(a, "t.html", html, strlen(html), &doc, &detail);
    if (st != GK_OK) print_error("gk_read_html: %s (%s)\n", gk_status_message(st, "en"), detail ? detail : "");
    assert_int_equal(st, GK_OK);
    assert_string_equal(doc->format, "html");
    return doc;
}

static const gk_block *nth_table(const gk_doc *d, int k) {
    for (uint32_t b = 0; b < d->nblocks; b++)
        if (d->blocks[b].kind == GK_BLOCK_TABLE && k-- == 0) return &d->blocks[b];
    return NULL;
}

static void expect_cell(const gk_block *t, uint32_t r, uint32_t c, const char *text, bool spanned, int rs, int cs) {
    assert_true(r < t->nrows);
    assert_true(c < t->rows[r].ncells);
    const gk_dcell *d = &t->rows[r].cells[c];
    if (strlen(text) != d->len || memcmp(text, d->text, d->len))
        print_error("cell %u,%u: [%.*s], expected [%s]\n", r, c, (int)d->len, d->text, text);
    assert_int_equal(d->len, strlen(text));
    assert_memory_equal(d->text, text, d->len);
    assert_int_equal(d->spanned, spanned);
    if (rs >= 0) assert_int_equal(d->rowspan, rs);
    if (cs >= 0) assert_int_equal(d->colspan, cs);
    assert_int_equal(d->src.col, c + 1);
}

static void test_grid(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_doc *d = read(a, "<p>前言</p>\n<table>\n<tr><td rowspan=2 colspan=2>申请人情况</td><td>商业<br>企业</td></tr>\n"
                        "<tr><td><p>科研</p><p>机构</p></td></tr>\n<tr><td>1</td><td rowspan=5>2</td><td>3</td></tr>\n</table>\n<p>后记</p>");
    assert_int_equal(d->nblocks, 3);
    assert_int_equal(d->blocks[0].kind, GK_BLOCK_PARA);
    assert_int_equal(d->blocks[0].line, 1);
    const gk_block *t = &d->blocks[1];
    assert_int_equal(t->kind, GK_BLOCK_TABLE);
    assert_int_equal(t->line, 2);
    assert_int_equal(t->end_line, 6);
    assert_int_equal(t->nrows, 3);
    for (uint32_t r = 0; r < 3; r++) assert_int_equal(t->rows[r].ncells, 3);
    expect_cell(t, 0, 0, "申请人情况", false, 2, 2);
    expect_cell(t, 0, 1, "", true, -1, -1);
    expect_cell(t, 0, 2, "商业\n企业", false, 1, 1);
    expect_cell(t, 1, 0, "", true, -1, -1);
    expect_cell(t, 1, 1, "", true, -1, -1);
    expect_cell(t, 1, 2, "科研\n机构", false, 1, 1);
    expect_cell(t, 2, 1, "2", false, 1, 1);   /* rowspan=5 on the last row covers one row */
    assert_int_equal(t->rows[1].line, 4);
    assert_int_equal(t->rows[1].cells[2].src.line, 4);
    assert_int_equal(t->rows[2].cells[0].src.line, 5);
    /* the raw span of a cell holds its source */
    const gk_dcell *c = &t->rows[0].cells[2];
    assert_true(c->src.len >= 14);
    assert_memory_equal(d->src + c->src.offset, "商业<br>企业", strlen("商业<br>企业"));
    assert_int_equal(d->blocks[2].line, 7);
    gk_arena_free(a);
}

static void test_paragraphs_and_entities(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_doc *d = read(a, "<html><head><title>标题不是段落</title><script>var a='<p>x</p>';</script><style>p{}</style></head>\n"
                        "<body><h1>某局2023年政府信息公开工作年度报告</h1><div>一、总体情况<br>第二行</div>"
                        "<li>甲&nbsp;&ensp;乙</li>&ldquo;丙&rdquo;&middot;&#x4e01;&#25098;&lt;&gt;&amp;&quot;"
                        "<!--[if !supportLists]-->7、<!--[endif]--><![if !supportLists]>8、<![endif]>"
                        "<p>  多个   空格\n  换行 </p><p>&nbsp多&nbsp</p>");
    const char *want[] = {"某局2023年政府信息公开工作年度报告", "一、总体情况", "第二行", "甲\xC2\xA0\xE2\x80\x82乙",
                          "\xE2\x80\x9C丙\xE2\x80\x9D\xC2\xB7丁戊<>&\"7、8、", "多个 空格 换行", "多"};
    assert_int_equal(d->nblocks, sizeof want / sizeof want[0]);
    for (uint32_t i = 0; i < d->nblocks; i++) {
        assert_int_equal(d->blocks[i].kind, GK_BLOCK_PARA);
        if (strlen(want[i]) != d->blocks[i].len || memcmp(want[i], d->blocks[i].text, d->blocks[i].len))
            print_error("paragraph %u: [%.*s], expected [%s]\n", i, (int)d->blocks[i].len, d->blocks[i].text, want[i]);
        assert_int_equal(d->blocks[i].len, strlen(want[i]));
        assert_memory_equal(d->blocks[i].text, want[i], d->blocks[i].len);
        assert_int_equal(d->blocks[i].line, i + 1 < d->nblocks ? 2 : 3);   /* the last one follows a newline */
    }
    gk_arena_free(a);
}

/* A table inside a cell: the outer table is layout (its text becomes paragraphs), the inner one a grid. */
static void test_nested_tables(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_doc *d = read(a, "<table><tr><td>左</td><td><p>一、总体情况</p><table><tr><td>1</td><td>2</td></tr></table>"
                        "<p>二、主动公开政府信息情况</p></td></tr><tr><td>脚注</td></tr></table>");
    assert_int_equal(d->nblocks, 5);
    assert_int_equal(d->blocks[0].kind, GK_BLOCK_PARA);
    assert_memory_equal(d->blocks[0].text, "左", d->blocks[0].len);
    assert_memory_equal(d->blocks[1].text, "一、总体情况", d->blocks[1].len);
    assert_int_equal(d->blocks[2].kind, GK_BLOCK_TABLE);
    assert_int_equal(d->blocks[2].nrows, 1);
    assert_int_equal(d->blocks[2].rows[0].ncells, 2);
    assert_memory_equal(d->blocks[3].text, "二、主动公开政府信息情况", d->blocks[3].len);
    assert_memory_equal(d->blocks[4].text, "脚注", d->blocks[4].len);
    /* a layout table closed inside its cell: the text after it is a paragraph of its own */
    d = read(a, "<table><tr><td>甲<table><tr><td>1</td></tr></table>乙</table>丙");
    assert_int_equal(d->nblocks, 4);
    assert_int_equal(d->blocks[1].kind, GK_BLOCK_TABLE);
    assert_memory_equal(d->blocks[2].text, "乙", d->blocks[2].len);
    assert_memory_equal(d->blocks[3].text, "丙", d->blocks[3].len);
    gk_arena_free(a);
}

/* Broken markup survives: unclosed cells and rows, stray end tags, a table in a table without a cell,
 * an unterminated comment or tag at the end. */
static void test_broken_markup(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_doc *d = read(a, "</table></td><table><tr><td>a<td>b<tr><td>c</table></table><p>x");
    const gk_block *t = nth_table(d, 0);
    assert_non_null(t);
    assert_int_equal(t->nrows, 2);
    expect_cell(t, 0, 1, "b", false, 1, 1);
    expect_cell(t, 1, 0, "c", false, 1, 1);
    d = read(a, "<table><tr><td>1</td></tr><table><tr><td>2</td></tr></table>");
    assert_non_null(nth_table(d, 1));
    d = read(a, "<p>a</p><!-- never closed <table><tr><td>1</td></tr></table>");
    assert_int_equal(d->nblocks, 1);
    d = read(a, "<p>a</p><table><tr><td class=\"never closed>1</td></tr></table>");
    assert_int_equal(d->nblocks, 2);   /* the table and its row were open; the cell never was */
    assert_int_equal(nth_table(d, 0)->rows[0].ncells, 0);
    d = read(a, "<p>a</p><td>outside a table</td><tr><p>b");
    assert_int_equal(d->nblocks, 3);
    gk_arena_free(a);
}

/* The gap left of a row's last position is an empty cell with no spans; rows are not padded right. */
static void test_holes_and_ragged_rows(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_doc *d = read(a, "<table><tr><td colspan=3>a</td><td rowspan=2>b</td></tr><tr></tr><tr><td>c</td></tr></table>");
    const gk_block *t = nth_table(d, 0);
    assert_int_equal(t->rows[0].ncells, 4);
    assert_int_equal(t->rows[1].ncells, 4);
    for (uint32_t c = 0; c < 3; c++) {
        expect_cell(t, 1, c, "", false, 0, 0);
    }
    expect_cell(t, 1, 3, "", true, -1, -1);
    assert_int_equal(t->rows[2].ncells, 1);
    gk_arena_free(a);
}

/* 标题：… 单位：… 来源：… 采集时间：… at the top of a crawled page is dropped. */
static void test_crawler_header(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_doc *d = read(a, "<div class=meta><div><strong>标题：</strong>某局2023年年度报告-某局</div><div><strong>单位：</strong>某局</div>"
                        "<div><strong>来源：</strong><a href=x>http://x</a></div><div><strong>采集时间：</strong>2025-12-30</div></div>"
                        "<h1>某局2023年政府信息公开工作年度报告</h1>");
    assert_int_equal(d->nblocks, 1);
    assert_memory_equal(d->blocks[0].text, "某局2023年", strlen("某局2023年"));
    d = read(a, "<p>标题：某局 单位：某局 采集时间：2025</p><p>正文</p>");
    assert_int_equal(d->nblocks, 1);
    d = read(a, "<p>标题：只是一个标题</p><p>正文</p>");
    assert_int_equal(d->nblocks, 2);
    gk_arena_free(a);
}

/* ------------------------------------------------------------------ (c) malicious inputs */

typedef struct {
    const char *name;
    char *bytes;
    size_t len;
    gk_status want;        /* GK_OK, or the error */
} evil;

static char *repeat(const char *head, const char *unit, size_t times, const char *tail, size_t *len) {
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * times + tl + 1);
    memcpy(s, head, hl);
    for (size_t i = 0; i < times; i++) memcpy(s + hl + i * ul, unit, ul);
    memcpy(s + hl + ul * times, tail, tl + 1);
    *len = hl + ul * times + tl;
    return s;
}

static void run_evil(const evil *e) {
    for (int path = 0; path < 2; path++) {
        gk_arena *a = gk_arena_new();
        const char *detail = NULL;
        double t0 = now();
        gk_status st;
        if (path == 0) {
            gk_doc *doc = NULL;
            st = gk_read_html(a, "evil.html", e->bytes, e->len, &doc, &detail);
            if (st == GK_OK) assert_non_null(doc);
        } else {
            gk_report *r = NULL;
            st = gk_report_from_bytes(a, "evil.html", e->bytes, e->len, &r, &detail);
            if (st == GK_OK) gk_check_report(r);
        }
        double dt = now() - t0;
        print_message("  %-40s %-18s %6.3f s  %s%s%s\n", e->name, path ? "gk_report_from_bytes" : "gk_read_html", dt,
                      gk_status_message(st, "en"), detail ? ": " : "", detail ? detail : "");
        if (path == 0) assert_int_equal(st, e->want);
        else assert_true(st == e->want || (e->want == GK_OK && st == GK_ERR_NOT_REPORT));
        if (st == GK_ERR_UNSAFE) {
            assert_non_null(detail);
            assert_true(strlen(detail) > 0 && strlen(detail) < 200);
        }
        assert_true(dt < TIME_LIMIT);
        gk_arena_free(a);
    }
}

static void test_malicious(void **state) {
    (void)state;
    evil e[16];
    int n = 0;
    size_t len;
    char *s;
    s = repeat("<html><body>", "<div>", 100000, "x", &len);
    e[n++] = (evil){"100000 nested <div>", s, len, GK_OK};
    s = repeat("", "<table><tr><td>", 100000, "x", &len);
    e[n++] = (evil){"100000 nested <table> in cells", s, len, GK_ERR_UNSAFE};
    s = repeat("", "<table>", 100000, "x", &len);
    e[n++] = (evil){"100000 <table> without cells", s, len, GK_OK};
    s = repeat("", "<span><font><o:p>", 100000, "x", &len);
    e[n++] = (evil){"300000 unclosed inline elements", s, len, GK_OK};
    s = repeat("<table><tr><td colspan=100000>", "", 0, "x</td></tr></table>", &len);
    e[n++] = (evil){"colspan=100000", s, len, GK_ERR_UNSAFE};
    s = repeat("<table><tr><td rowspan=100000>", "", 0, "x</td></tr><tr><td>y</td></tr></table>", &len);
    e[n++] = (evil){"rowspan=100000", s, len, GK_ERR_UNSAFE};
    s = repeat("<table><tr>", "<td colspan=1000>x</td>", 2000, "</tr></table>", &len);
    e[n++] = (evil){"2000 cells of colspan=1000", s, len, GK_ERR_UNSAFE};
    s = repeat("<table><tr><td rowspan=10000 colspan=1000>x</td></tr>", "<tr>", 10000, "</table>", &len);
    e[n++] = (evil){"a 10000x1000 merged cell", s, len, GK_ERR_UNSAFE};
    s = repeat("<table>", "<tr><td>1<td>2<td>3<td>4", 260000, "</table>", &len);
    e[n++] = (evil){"1.04 million cells (6 MB)", s, len, GK_ERR_UNSAFE};
    s = repeat("<p>a</p><!--", "x", 1000000, "", &len);
    e[n++] = (evil){"unterminated comment at EOF", s, len, GK_OK};
    s = repeat("<p>a</p><td class=\"", "x", 1000000, "", &len);
    e[n++] = (evil){"unterminated tag at EOF", s, len, GK_OK};
    s = repeat("<p>a</p><script>", "x<", 500000, "", &len);
    e[n++] = (evil){"unterminated <script> at EOF", s, len, GK_OK};
    s = repeat("", "<", 5u << 20, "", &len);
    e[n++] = (evil){"5 MB of '<'", s, len, GK_OK};
    s = repeat("", "&", 5u << 20, "", &len);
    e[n++] = (evil){"5 MB of '&'", s, len, GK_OK};
    s = repeat("<p>", "&#x1111111111111111111111;&zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz;", 100000, "", &len);
    e[n++] = (evil){"bad entities", s, len, GK_OK};
    print_message("malicious inputs (limit %.0f s each):\n", TIME_LIMIT);
    for (int i = 0; i < n; i++) {
        run_evil(&e[i]);
        free(e[i].bytes);
    }
}

/* Speed: a 10 MB page of Word-exported tables. */
static void test_speed(void **state) {
    (void)state;
    const char *shared = shared_dir();
    char *unit = NULL;
    size_t ulen = 0;
    if (shared) {
        char path[4096];
        snprintf(path, sizeof path, "%s/corpus/raw/shuyangfgj_2023_1.html", shared);
        unit = slurp(path, &ulen);
    }
    if (!unit) {
        size_t dummy;
        unit = repeat("<table>", "<tr><td><p><span>甲</span></p></td><td><p><span>12</span></p></td></tr>\n", 500, "</table>", &dummy);
        ulen = strlen(unit);
    }
    size_t times = (10u << 20) / ulen + 1;
    gk_buf b;
    gk_buf_init(&b);
    for (size_t i = 0; i < times; i++) gk_buf_append(&b, unit, ulen);
    free(unit);
    gk_arena *a = gk_arena_new();
    gk_doc *doc = NULL;
    double t0 = now();
    gk_status st = gk_read_html(a, "big.html", b.data, b.len, &doc, NULL);
    double dt = now() - t0;
    assert_int_equal(st, GK_OK);
    uint64_t cells = 0;
    for (uint32_t i = 0; i < doc->nblocks; i++)
        for (uint32_t r = 0; r < doc->blocks[i].nrows; r++) cells += doc->blocks[i].rows[r].ncells;
    print_message("speed: %.1f MB in %.3f s (%.0f MB/s), %u blocks, %llu cells\n", b.len / 1048576.0, dt,
                  b.len / 1048576.0 / dt, doc->nblocks, (unsigned long long)cells);
    assert_true(dt < TIME_LIMIT);
    gk_arena_free(a);
    gk_buf_free(&b);
}

/* ------------------------------------------------------------------ (d) the corpus page */

static void test_shuyangfgj(void **state) {
    (void)state;
    const char *shared = shared_dir();
    if (!shared) { print_message("shared/ not found: skipping shuyangfgj_2023_1.html\n"); skip(); }
    char path[4096];
    snprintf(path, sizeof path, "%s/corpus/raw/shuyangfgj_2023_1.html", shared);
    size_t n;
    char *s = slurp(path, &n);
    if (!s) { print_message("%s not found: skipping\n", path); skip(); }
    gk_arena *a = gk_arena_new();
    gk_report *r = NULL;
    const char *detail = NULL;
    assert_int_equal(gk_report_from_bytes(a, path, s, n, &r, &detail), GK_OK);
    /* the report's agency and year, not the crawler's 标题： line */
    assert_non_null(r->agency);
    assert_string_equal(r->agency, "沭阳县发展和改革局");
    assert_int_equal(r->year, 2023);
    assert_string_equal(r->title, "沭阳县发展和改革局2023年政府信息公开年度报告");
    assert_int_equal(r->title_line, 227);
    for (int k = 0; k < 6; k++) assert_true(r->sections[k].present);
    for (int t = 0; t < GK_NTABLES; t++) assert_true(r->table_found[t]);
    for (uint32_t k = 0; k < r->nparas; k++) {
        assert_null(strstr(r->paras[k].text, "采集时间"));
        assert_null(strstr(r->paras[k].text, "标题："));
    }
    /* oddity: Table 3's five 法人或其他组织 columns are EMPTY in every row: null, not 0 */
    for (int row = 0; row < GK_T3_NROWS; row++) {
        assert_int_equal(r->cells[gk_t3(row, 0)].state, GK_CELL_NUMBER);
        for (int col = 1; col < GK_T3_COL_TOTAL; col++) {
            const gk_cell *c = &r->cells[gk_t3(row, col)];
            if (c->state != GK_CELL_BLANK) print_error("t3 row %d col %d: state %d\n", row, col, c->state);
            assert_int_equal(c->state, GK_CELL_BLANK);
        }
        assert_int_equal(r->cells[gk_t3(row, GK_T3_COL_TOTAL)].state, GK_CELL_NUMBER);
    }
    /* oddity: header labels split across spans (申请人情+况, 商业/企业) and the rowspan=22 group: read */
    const gk_cell *rec = gk_report_cell(r, "t3.received.natural");
    assert_int_equal(rec->state, GK_CELL_NUMBER);
    assert_int_equal(rec->num.value, 26);
    assert_int_equal(gk_report_cell(r, "t3.granted.total")->num.value, 26);
    assert_int_equal(gk_report_cell(r, "t3.other_other.total")->state, GK_CELL_NUMBER);
    /* oddity: Table 2 label 规范性文件 */
    const gk_cell *norm_issued = gk_report_cell(r, "t2.normative.issued");
    assert_int_equal(norm_issued->state, GK_CELL_NUMBER);
    assert_int_equal(norm_issued->num.value, 8);
    assert_int_equal(gk_report_cell(r, "t2.normative.valid")->num.value, 18);
    /* oddity: signature/date lines padded with ~120 spaces: collapsed */
    const char *six = r->sections[5].text;
    assert_non_null(strstr(six, "\n沭阳县发展和改革局\n2024年1月17日"));
    /* no table shape problem: the true grid lines up */
    assert_int_equal(r->nshapes, 0);
    /* and the t3 cells sit on their own source lines, in their grid columns */
    assert_int_equal(rec->src.col, 4);
    assert_true(rec->src.line > 400 && rec->src.line < 1079);
    gk_check_report(r);
    int errors = 0, warnings = 0;
    gk_diag_counts(r, &errors, &warnings);
    assert_int_equal(errors, 0);
    gk_arena_free(a);
    free(s);
}

int main(void) {
    xmlInitParser();
    if (!shared_dir()) print_message("shared/ not found: the corpus and seed cases skip\n");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid),
        cmocka_unit_test(test_paragraphs_and_entities),
        cmocka_unit_test(test_nested_tables),
        cmocka_unit_test(test_broken_markup),
        cmocka_unit_test(test_holes_and_ragged_rows),
        cmocka_unit_test(test_crawler_header),
        cmocka_unit_test(test_oracle_snippets),
        cmocka_unit_test(test_oracle_entities),
        cmocka_unit_test(test_oracle_corpus),
        cmocka_unit_test(test_oracle_shoffice_js),
        cmocka_unit_test(test_oracle_seeds),
        cmocka_unit_test(test_seed_reports),
        cmocka_unit_test(test_malicious),
        cmocka_unit_test(test_speed),
        cmocka_unit_test(test_shuyangfgj),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
