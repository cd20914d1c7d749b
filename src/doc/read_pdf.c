/* read_pdf.c: PDF → the format-neutral document.
 *
 * gongkai links no PDF code (poppler is GPL). gk_read_pdf writes the bytes to a private temporary
 * directory and runs `pdftotext -bbox-layout -enc UTF-8 in.pdf out.html` as a separate process
 * (posix_spawn, no shell), with a time limit and an output size limit, then reads its XHTML: pages, and
 * words with their boxes. Everything after that is gk_read_pdf_layout, which trusts nothing in that XHTML.
 *
 * The layout, page by page, then across pages:
 *   0. boxes: every word's box is made as tall as its font (its width over its characters), around the
 *      box's middle: producers' boxes run from ascent to descent or beyond (Chromium's are 2.6 em), and
 *      the gaps that matter are those people see;
 *   1. runs: the words of one pdftotext line, split where a gap is wider than 0.55 em (a table's cells are
 *      runs; a line of prose, with its quarter-em spaces around digits, stays one run);
 *   2. a row-group label set vertically, one character per line (淮安's 三、本年度办理结果), is a stack of
 *      ≥ 3 one-character-wide runs aligned on x: dropped, it is no column;
 *   3. visual lines: runs that share their height (≥ 50 % vertical overlap) and do not overlap on x;
 *      page numbers ("-4-", "— 4 —", "第 4 页", "4/6") alone on a line in the top or bottom margin, and
 *      lines repeated in the margins of most pages (running headers, footers), are dropped;
 *   4. a line is DATA when it holds numbers apart from its label ("规章 1 0 11", fifteen t4 numbers);
 *      a table region grows from DATA lines over the short, small-font lines around them (headers above,
 *      wrapped labels between, the label pieces at a page top) and over a page break when the table runs
 *      to the bottom of the page; a header repeated at the top of the next page is dropped; a line
 *      numbered 一、… that is not DATA (a section heading), a long line of prose or a line ending in 。
 *      ends it;
 *   5. a region splits into sub-tables where text appears right of the rows' labels after rows of
 *      numbers: a header again (t2's four blocks, a header Chromium repeats on every page);
 *   6. per sub-table, columns come from the x ranges of the numbers (rows with more numbers first; a
 *      number joins the column it overlaps, else the nearest one when close, never one holding a number of
 *      its own row, else starts a column); a column left blank in every row comes from the header (its
 *      cells evenly spaced, or a cell between two columns of numbers); the label area ends where the rows'
 *      labels end; header words go to the column whose slot they sit in, a word over two columns (行政诉讼,
 *      法人或其他组织, 复议后起诉 over 结果维持 … 总计) is a group label on a row of its own; label lines that
 *      wrap are joined (same column, small gap, no new numbering, not two rows' numbers), and each label
 *      goes to the row of numbers it overlaps, else makes a row of its own;
 *   7. rows: [label cells, left to right] then exactly one cell per column ("" when the cell is empty),
 *      which is what the recognizer maps by labels; header rows: [label-area text] then one cell per
 *      column (group labels on rows of their own above the leaf labels).
 * Lines outside tables become paragraphs: a line continues the one above when that one reaches the right
 * margin and this one is not indented and not numbered 一、/（一）; a title in a large font centred over
 * two lines of the first page is one paragraph.
 *
 * Provenance: gk_src.line = page * 1000 + line on the page (both 1-based; 999 at most per page), so
 * "report.pdf:4012" is page 4, line 12. doc->src is a plain-text rendering (a paragraph or a table row per
 * line, cells separated by TAB) that cells' offsets and lengths point into. */
#include "read_pdf.h"
#include "gongkai/text.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define PDF_TIMEOUT_MS 20000                 /* pdftotext's time limit */
#define PDF_MAX_OUTPUT ((size_t)64 << 20)    /* its output, bytes */
#define PDF_MAX_PAGES 4000
#define PDF_MAX_WORDS 2000000u
#define PDF_MAX_WORD_BYTES 4096
#define PDF_MIN_TEXT 20                      /* non-space characters: fewer is no text layer */
#define PDF_STACK_MAX 4000                   /* candidates for vertical labels per page */
#define PDF_LINE_MAX_WORDS 200               /* a line with more words is no table row */
#define PDF_CHUNK_LINES 300                  /* a longer table is laid out in pieces of this many lines */
#define PDF_HEADER_CELLS 64                  /* a header with more cells makes no blank columns */

/* ================================================================== small helpers */

typedef struct { double x0, y0, x1, y1; } box;

static double bw(box b) { return b.x1 - b.x0; }
static double bh(box b) { return b.y1 - b.y0; }
static double xc(box b) { return (b.x0 + b.x1) / 2; }
static double dmin(double a, double b) { return a < b ? a : b; }
static double dmax(double a, double b) { return a > b ? a : b; }
static double ovl(double a0, double a1, double b0, double b1) { return dmin(a1, b1) - dmax(a0, b0); }
static box bunion(box a, box b) { return (box){dmin(a.x0, b.x0), dmin(a.y0, b.y0), dmax(a.x1, b.x1), dmax(a.y1, b.y1)}; }

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Median of v[0..n) (sorted in place); dflt when n == 0. */
static double median(double *v, uint32_t n, double dflt) {
    if (!n) return dflt;
    qsort(v, n, sizeof *v, cmp_double);
    return v[n / 2];
}

static uint32_t count_cp(const char *s, size_t n) {
    uint32_t k = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += gk_utf8_decode(s + i, n - i, &cp);
        if (!gk_is_space_cp(cp)) k++;
    }
    return k;
}

static bool ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* ================================================================== the model of the pages */

enum { NK_TEXT = 0, NK_NUMBER = 1, NK_BLANK = 2 };
enum { L_SINGLE = 0, L_NUM1, L_TEXTROW, L_DATA };

typedef struct {
    box b;
    const char *t;
    uint32_t n;
    uint32_t lid;          /* pdftotext's <line>: words of one line make runs */
    uint32_t ord;          /* document order */
    uint8_t num;           /* NK_* */
} pword;

typedef struct {
    box b;
    uint32_t w0, nw;       /* its words: the page's words [w0, w0 + nw), by x */
    const char *t;         /* the words joined (a space where they stood apart) */
    uint32_t n, ncp;
    uint8_t num;           /* NK_NUMBER: every word a number or blank mark, one a number; NK_BLANK: marks only */
    bool drop;             /* a vertical label */
    uint32_t line;         /* page * 1000 + line on the page */
} prun;

typedef struct {
    box b;
    uint32_t *r, nr, cap;  /* its runs, by x */
    uint32_t lineno;
    uint8_t cls;           /* L_* */
    bool drop;             /* page furniture, or a header repeated on a page top */
    int region;            /* the table region holding it, or -1 */
} pline;

typedef struct {
    double w, h;
    gk_vec words;             /* pword */
    prun *runs;
    uint32_t nruns;
    pline *lines;
    uint32_t nlines;
} ppage;

typedef struct { uint32_t p, l; } lref;

typedef struct {
    gk_arena *a;
    gk_vec pages;             /* ppage */
    uint32_t nwords;
    double bx0, bx1;       /* the body text's left and right margins */
    double body_h;         /* the body text's height (font size) */
    lref *L;               /* every kept line in document order */
    uint32_t nL;
    gk_vec regions;           /* gk_vec of lref */
    gk_vec blocks;            /* gk_block */
    gk_buf src;
    uint32_t maxline;
} pctx;

static ppage *PG(pctx *c, uint32_t p) { return &((ppage *)c->pages.data)[p]; }
static pline *LN(pctx *c, lref r) { return &PG(c, r.p)->lines[r.l]; }
static prun *RN(pctx *c, uint32_t p, uint32_t r) { return &PG(c, p)->runs[r]; }

/* ================================================================== pdftotext's XHTML */

static bool name_ch(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
           ch == ':' || ch == '.';
}
static bool xml_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f'; }

/* The attribute `name` among the attributes s[0..n) of a tag, as a finite number. */
static bool attr_num(const char *s, size_t n, const char *name, double *v) {
    size_t nl = strlen(name), i = 0;
    while (i < n) {
        while (i < n && !name_ch(s[i])) {
            if (s[i] == '"' || s[i] == '\'') {                 /* a stray quoted string */
                char q = s[i++];
                while (i < n && s[i] != q) i++;
            }
            i++;
        }
        size_t ns = i;
        while (i < n && name_ch(s[i])) i++;
        size_t ne = i;
        while (i < n && xml_space(s[i])) i++;
        size_t vs = i, ve = i;
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && xml_space(s[i])) i++;
            if (i < n && (s[i] == '"' || s[i] == '\'')) {
                char q = s[i++];
                vs = i;
                while (i < n && s[i] != q) i++;
                ve = i;
                if (i < n) i++;
            } else {
                vs = i;
                while (i < n && !xml_space(s[i]) && s[i] != '>') i++;
                ve = i;
            }
        }
        if (ne - ns == nl && memcmp(s + ns, name, nl) == 0) {
            char buf[64];
            size_t k = ve - vs < sizeof buf - 1 ? ve - vs : sizeof buf - 1;
            memcpy(buf, s + vs, k);
            buf[k] = 0;
            char *end;
            double x = strtod(buf, &end);
            if (end == buf || x != x || x - x != 0) return false;   /* not a number, NaN, infinite */
            if (x > 1e6) x = 1e6;
            if (x < -1e6) x = -1e6;
            *v = x;
            return true;
        }
    }
    return false;
}

static size_t put_cp(char *o, uint32_t cp) {
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12); o[1] = (char)(0x80 | (cp >> 6 & 0x3F)); o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18); o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A word's text: entities decoded, invalid UTF-8 as U+FFFD, controls as spaces, trimmed. In the arena;
 * NULL when nothing is left. */
static const char *word_text(gk_arena *a, const char *s, size_t n, uint32_t *outlen) {
    if (n > PDF_MAX_WORD_BYTES) n = PDF_MAX_WORD_BYTES;
    char *o = gk_arena_alloc(a, n * 3 + 8);   /* a bad byte (1) becomes U+FFFD (3) */
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == '&') {
            size_t j = i + 1;
            while (j < n && j - i < 12 && s[j] != ';') j++;
            if (j < n && s[j] == ';') {
                const char *e = s + i + 1;
                size_t el = j - i - 1;
                uint32_t cp = 0;
                bool ok = true;
                if (el == 3 && !memcmp(e, "amp", 3)) cp = '&';
                else if (el == 2 && !memcmp(e, "lt", 2)) cp = '<';
                else if (el == 2 && !memcmp(e, "gt", 2)) cp = '>';
                else if (el == 4 && !memcmp(e, "quot", 4)) cp = '"';
                else if (el == 4 && !memcmp(e, "apos", 4)) cp = '\'';
                else if (el == 4 && !memcmp(e, "nbsp", 4)) cp = 0xA0;
                else if (el >= 2 && e[0] == '#') {
                    bool hex = e[1] == 'x' || e[1] == 'X';
                    size_t q = hex ? 2 : 1;
                    if (q >= el) ok = false;
                    for (; q < el && ok; q++) {
                        int d = -1;
                        char ch = e[q];
                        if (ch >= '0' && ch <= '9') d = ch - '0';
                        else if (hex && ch >= 'a' && ch <= 'f') d = ch - 'a' + 10;
                        else if (hex && ch >= 'A' && ch <= 'F') d = ch - 'A' + 10;
                        if (d < 0 || cp > 0x10FFFF) ok = false;
                        else cp = cp * (hex ? 16 : 10) + (uint32_t)d;
                    }
                    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) ok = false;
                } else {
                    ok = false;
                }
                if (ok) {
                    if (cp < 0x20 || cp == 0x7F) cp = ' ';
                    k += put_cp(o + k, cp);
                    i = j + 1;
                    continue;
                }
            }
        }
        int32_t cp;
        size_t l = gk_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && l == 1) { k += put_cp(o + k, 0xFFFD); i++; continue; }
        if (cp < 0x20 || cp == 0x7F) { o[k++] = ' '; i += l; continue; }
        memcpy(o + k, s + i, l);
        k += l;
        i += l;
    }
    size_t m = k;
    const char *t = gk_trim(o, &m);
    if (!m) return NULL;
    char *r = (char *)t;
    r[m] = 0;
    *outlen = (uint32_t)m;
    return r;
}

/* A word's box made as tall as its font: producers' boxes run from the font's ascent to its descent, or
 * taller (Chromium's are 2.6 em), which says nothing of the gaps people see. The em is the width over the
 * characters (a CJK character or a full-width form is 1 em, an ASCII one half an em), kept between 0.3 and
 * 1 of the box's height, around the box's middle. */
static box em_box(box b, const char *t, size_t n) {
    double units = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += gk_utf8_decode(t + i, n - i, &cp);
        units += cp < 0x80 ? (cp == ' ' ? 0.25 : 0.5) : cp < 0x2E80 && !(cp >= 0x2000 && cp <= 0x206F) ? 0.6 : 1.0;
    }
    double h = b.y1 - b.y0, em = units > 0 ? (b.x1 - b.x0) / units : h;
    if (em > h) em = h;
    if (em < 0.3 * h) em = 0.3 * h;
    double yc = (b.y0 + b.y1) / 2;
    b.y0 = yc - em / 2;
    b.y1 = yc + em / 2;
    return b;
}

static uint8_t number_kind(const char *t, size_t n) {
    gk_decimal d;
    if (n == 0) return NK_TEXT;
    gk_numparse np = gk_parse_cell_number_ex(t, n, GK_CELL_DECIMAL | GK_CELL_SIGNED | GK_CELL_YUAN, &d);
    return np == GK_NP_NUMBER ? NK_NUMBER : np == GK_NP_BLANK ? NK_BLANK : NK_TEXT;
}

static gk_status parse_xhtml(pctx *c, const char *s, size_t n, const char **detail) {
    size_t i = 0;
    ppage *pg = NULL;
    uint32_t lid = 0;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) break;
        i = (size_t)(lt - s);
        if (n - i >= 4 && !memcmp(s + i, "<!--", 4)) {
            size_t j = i + 4;
            while (j + 3 <= n && memcmp(s + j, "-->", 3)) j++;
            i = j + 3 <= n ? j + 3 : n;
            continue;
        }
        size_t j = i + 1;
        bool end = j < n && s[j] == '/';
        if (end) j++;
        size_t ns = j;
        while (j < n && name_ch(s[j])) j++;
        size_t nl = j - ns;
        size_t k = j;
        char q = 0;
        while (k < n) {
            if (q) { if (s[k] == q) q = 0; }
            else if (s[k] == '"' || s[k] == '\'') q = s[k];
            else if (s[k] == '>') break;
            k++;
        }
        if (k >= n) break;                        /* a tag cut short ends the input */
        size_t after = k + 1;
        bool selfclose = k > j && k < n && s[k - 1] == '/';
        const char *name = s + ns;
        if (!end && nl == 4 && !memcmp(name, "page", 4)) {
            if (c->pages.n >= PDF_MAX_PAGES) { *detail = "more than 4000 pages"; return GK_ERR_UNSAFE; }
            pg = gk_vec_push(c->a, &c->pages, sizeof(ppage));
            double w = 595, h = 842;
            if (!attr_num(s + j, k - j, "width", &w) || w < 1) w = 595;
            if (!attr_num(s + j, k - j, "height", &h) || h < 1) h = 842;
            pg->w = w;
            pg->h = h;
        } else if (!end && nl == 4 && !memcmp(name, "line", 4)) {
            lid++;
        } else if (!end && nl == 4 && !memcmp(name, "word", 4) && !selfclose) {
            const char *te = memchr(s + after, '<', n - after);
            size_t tend = te ? (size_t)(te - s) : n;
            box b;
            if (pg && attr_num(s + j, k - j, "xMin", &b.x0) && attr_num(s + j, k - j, "yMin", &b.y0) &&
                attr_num(s + j, k - j, "xMax", &b.x1) && attr_num(s + j, k - j, "yMax", &b.y1)) {
                uint32_t tl = 0;
                const char *t = word_text(c->a, s + after, tend - after, &tl);
                if (t) {
                    if (++c->nwords > PDF_MAX_WORDS) { *detail = "more than 2,000,000 words"; return GK_ERR_UNSAFE; }
                    if (b.x1 < b.x0) { double x = b.x0; b.x0 = b.x1; b.x1 = x; }
                    if (b.y1 < b.y0) { double y = b.y0; b.y0 = b.y1; b.y1 = y; }
                    if (b.x1 - b.x0 < 0.1) b.x1 = b.x0 + 0.1;
                    if (b.y1 - b.y0 < 0.5) b.y1 = b.y0 + 0.5;
                    b = em_box(b, t, tl);
                    pword *w = gk_vec_push(c->a, &pg->words, sizeof(pword));
                    *w = (pword){b, t, tl, lid, pg->words.n - 1, number_kind(t, tl)};
                }
            }
            i = tend;
            continue;
        }
        i = after;
    }
    if (!c->pages.n) { *detail = "pdftotext's output holds no page"; return GK_ERR_MALFORMED; }
    return GK_OK;
}

/* ================================================================== runs, vertical labels, lines */

static int cmp_word(const void *a, const void *b) {
    const pword *x = a, *y = b;
    if (x->b.x0 != y->b.x0) return x->b.x0 < y->b.x0 ? -1 : 1;
    return x->ord < y->ord ? -1 : x->ord > y->ord;
}

/* Two words of one pdftotext line belong to one run: close on x, and sharing their height. */
static bool words_join(const pword *a, const pword *b) {
    double h = dmin(bh(a->b), bh(b->b));
    double gap = b->b.x0 - a->b.x1;
    return gap < 0.55 * h && gap > -0.5 * h && ovl(a->b.y0, a->b.y1, b->b.y0, b->b.y1) >= 0.3 * h;
}

/* Joins pieces of text: a space when they stood apart by more than 0.15 of the text height. */
static void join_piece(gk_buf *b, const char *t, size_t n, bool spaced) {
    if (b->len && spaced) gk_buf_putc(b, ' ');
    gk_buf_append(b, t, n);
}

static void build_runs(pctx *c, ppage *pg) {
    pword *w = pg->words.data;
    uint32_t n = pg->words.n;
    pg->runs = gk_arena_alloc(c->a, ((size_t)n + 1) * sizeof(prun));
    pg->nruns = 0;
    gk_buf b;
    gk_buf_init(&b);
    for (uint32_t i = 0; i < n;) {
        uint32_t j = i + 1;
        while (j < n && w[j].lid == w[i].lid) j++;
        qsort(w + i, j - i, sizeof *w, cmp_word);
        for (uint32_t k = i; k < j;) {
            uint32_t m = k + 1;
            while (m < j && words_join(&w[m - 1], &w[m])) m++;
            prun *r = &pg->runs[pg->nruns++];
            memset(r, 0, sizeof *r);
            r->b = w[k].b;
            r->w0 = k;
            r->nw = m - k;
            gk_buf_reset(&b);
            bool all_num = true, some_num = false;
            for (uint32_t q = k; q < m; q++) {
                r->b = bunion(r->b, w[q].b);
                bool spaced = q > k && w[q].b.x0 - w[q - 1].b.x1 >= 0.15 * dmin(bh(w[q].b), bh(w[q - 1].b));
                join_piece(&b, w[q].t, w[q].n, spaced);
                if (w[q].num == NK_TEXT) all_num = false;
                if (w[q].num == NK_NUMBER) some_num = true;
            }
            r->t = gk_arena_strndup(c->a, b.data ? b.data : "", b.len);
            r->n = (uint32_t)b.len;
            r->ncp = count_cp(r->t, r->n);
            r->num = all_num ? (some_num ? NK_NUMBER : NK_BLANK) : NK_TEXT;
            k = m;
        }
        i = j;
    }
    gk_buf_free(&b);
}

typedef struct { uint32_t i; double y0, x0; } rkey;
static int cmp_rkey(const void *a, const void *b) {
    const rkey *x = a, *y = b;
    if (x->y0 != y->y0) return x->y0 < y->y0 ? -1 : 1;
    if (x->x0 != y->x0) return x->x0 < y->x0 ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* A row-group label set vertically (三 / 、本 / 年 / 度办 / 理 / 结果): ≥ 3 stacked one-character-wide runs of
 * at most two characters, aligned on x, close one under the other. Dropped: it is no column. */
static bool narrow_run(const prun *r) {
    double w = bw(r->b), h = bh(r->b);
    if (r->num != NK_TEXT || r->ncp == 0 || r->ncp > 2) return false;
    if (r->ncp == 1) return w <= 1.6 * h && h <= 1.6 * w;
    return w <= 0.8 * h;                                  /* two characters one above the other */
}
static bool stack_member(const prun *r) {
    return r->num == NK_TEXT && r->ncp >= 1 && r->ncp <= 2 && (narrow_run(r) || bw(r->b) <= 2.4 * bh(r->b));
}
static double char_size(const prun *r) { return dmin(bw(r->b) / (r->ncp > 1 && bw(r->b) > bh(r->b) ? r->ncp : 1), bh(r->b) / (r->ncp > 1 && bh(r->b) > bw(r->b) ? r->ncp : 1)); }

static void drop_vertical_labels(pctx *c, ppage *pg) {
    rkey *k = gk_arena_alloc(c->a, ((size_t)pg->nruns + 1) * sizeof(rkey));
    uint32_t nc = 0;
    for (uint32_t i = 0; i < pg->nruns && nc < PDF_STACK_MAX; i++)
        if (stack_member(&pg->runs[i])) k[nc++] = (rkey){i, pg->runs[i].b.y0, pg->runs[i].b.x0};
    if (nc < 3) return;
    qsort(k, nc, sizeof *k, cmp_rkey);                   /* top first: a chain starts at the top of its stack */
    uint32_t *cand = gk_arena_alloc(c->a, ((size_t)nc + 1) * sizeof(uint32_t));
    for (uint32_t i = 0; i < nc; i++) cand[i] = k[i].i;
    bool *used = gk_arena_alloc(c->a, nc + 1);
    uint32_t *chain = gk_arena_alloc(c->a, ((size_t)nc + 1) * sizeof(uint32_t));
    for (uint32_t s = 0; s < nc; s++) {
        if (used[s]) continue;
        /* each candidate is in one chain at most: a chain that fails fails from any of its members too (the
         * next member is always the nearest below), so the work is quadratic at worst */
        uint32_t len = 0, narrow = 0, cur = s;
        chain[len++] = s;
        narrow += narrow_run(&pg->runs[cand[s]]);
        for (;;) {
            const prun *a = &pg->runs[cand[cur]];
            double cs = char_size(a);
            int best = -1;
            double bestd = 0;
            /* candidates are by top: those that may follow start a little above cur's bottom */
            uint32_t lo = 0, hi = nc;
            double from = a->b.y1 - 4 * cs - 8;
            while (lo < hi) {
                uint32_t mid = lo + (hi - lo) / 2;
                if (pg->runs[cand[mid]].b.y0 < from) lo = mid + 1;
                else hi = mid;
            }
            for (uint32_t t = lo; t < nc; t++) {
                const prun *b = &pg->runs[cand[t]];
                if (b->b.y0 > a->b.y1 + 4 * cs + 8) break;
                if (used[t] || t == cur) continue;
                double gap = b->b.y0 - a->b.y1;
                double cs2 = dmax(cs, char_size(b));
                if (gap < -0.3 * cs2 || gap > 1.6 * cs2) continue;
                double dx = b->b.x0 - a->b.x0;
                if (dx < 0) dx = -dx;
                if (dx > 0.7 * cs2 && ovl(a->b.x0, a->b.x1, b->b.x0, b->b.x1) < 0.5 * dmin(bw(a->b), bw(b->b))) continue;
                if (best < 0 || gap < bestd) { best = (int)t; bestd = gap; }
            }
            if (best < 0) break;
            bool dup = false;
            for (uint32_t q = 0; q < len; q++) dup |= chain[q] == (uint32_t)best;
            if (dup) break;
            chain[len++] = (uint32_t)best;
            narrow += narrow_run(&pg->runs[cand[best]]);
            cur = (uint32_t)best;
            if (len >= nc || len >= 256) break;
        }
        for (uint32_t q = 0; q < len; q++) {
            used[chain[q]] = true;
            if (len >= 3 && narrow >= 3) pg->runs[cand[chain[q]]].drop = true;
        }
    }
}

static void line_add(gk_arena *a, pline *l, uint32_t r) {
    l->r = gk_arena_grow(a, l->r, l->nr, &l->cap, sizeof *l->r, 8);
    l->r[l->nr++] = r;
}

static void build_lines(pctx *c, ppage *pg, uint32_t pno) {
    rkey *k = gk_arena_alloc(c->a, ((size_t)pg->nruns + 1) * sizeof(rkey));
    uint32_t nk = 0;
    for (uint32_t i = 0; i < pg->nruns; i++)
        if (!pg->runs[i].drop) k[nk++] = (rkey){i, pg->runs[i].b.y0, pg->runs[i].b.x0};
    qsort(k, nk, sizeof *k, cmp_rkey);
    pg->lines = gk_arena_alloc(c->a, ((size_t)nk + 1) * sizeof(pline));
    pg->nlines = 0;
    for (uint32_t q = 0; q < nk; q++) {
        prun *r = &pg->runs[k[q].i];
        int found = -1;
        for (uint32_t back = 0; back < 8 && back < pg->nlines && found < 0; back++) {
            pline *l = &pg->lines[pg->nlines - 1 - back];
            double h = dmin(bh(r->b), bh(l->b));
            if (ovl(r->b.y0, r->b.y1, l->b.y0, l->b.y1) < 0.5 * h) continue;
            bool clash = false;
            for (uint32_t m = l->nr > 64 ? l->nr - 64 : 0; m < l->nr && !clash; m++) {   /* the last ones: by y, then x */
                const prun *o = &pg->runs[l->r[m]];
                clash = ovl(r->b.x0, r->b.x1, o->b.x0, o->b.x1) > 0.1 * dmin(bw(r->b), bw(o->b));
            }
            if (!clash) found = (int)(pg->nlines - 1 - back);
        }
        pline *l;
        if (found < 0) {
            l = &pg->lines[pg->nlines++];
            memset(l, 0, sizeof *l);
            l->b = r->b;
            l->region = -1;
        } else {
            l = &pg->lines[found];
            l->b = bunion(l->b, r->b);
        }
        line_add(c->a, l, k[q].i);
    }
    /* runs by x within a line; lines numbered in order of their top */
    for (uint32_t i = 0; i < pg->nlines; i++) {
        pline *l = &pg->lines[i];
        for (uint32_t x = 1; x < l->nr; x++) {        /* insertion sort: lines hold few runs */
            uint32_t v = l->r[x], y = x;
            while (y > 0 && pg->runs[l->r[y - 1]].b.x0 > pg->runs[v].b.x0) { l->r[y] = l->r[y - 1]; y--; }
            l->r[y] = v;
        }
        l->lineno = (pno + 1) * 1000 + (i + 1 < 999 ? i + 1 : 999);
        for (uint32_t m = 0; m < l->nr; m++) pg->runs[l->r[m]].line = l->lineno;
    }
}

/* "-4-", "— 4 —", "4", "第 4 页", "第4页 共6页", "4/6", "Page 4": a page number. */
static bool page_number_text(const char *t, size_t n) {
    char s[64];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof s - 4;) {
        int32_t cp;
        size_t l = gk_utf8_decode(t + i, n - i, &cp);
        if (!gk_is_space_cp(cp)) { memcpy(s + k, t + i, l); k += l; }
        i += l;
    }
    if (k >= sizeof s - 4) return false;
    s[k] = 0;
    /* strip dashes around */
    static const char *const dashes[] = {"-", "—", "–", "－", "─", "‐", "‑", "‒", "―", "·", "•", NULL};
    char *p = s, *e = s + k;
    for (bool more = true; more;) {
        more = false;
        for (int d = 0; dashes[d]; d++) {
            size_t dl = strlen(dashes[d]);
            if ((size_t)(e - p) >= dl && !memcmp(p, dashes[d], dl)) { p += dl; more = true; }
            if ((size_t)(e - p) >= dl && !memcmp(e - dl, dashes[d], dl)) { e -= dl; more = true; }
        }
    }
    *e = 0;
    size_t m = (size_t)(e - p);
    if (!m) return false;
    size_t i = 0;
    if (m > 4 && (!strncmp(p, "Page", 4) || !strncmp(p, "page", 4))) i = 4;
    if (m >= 3 && !memcmp(p, "第", 3)) i = 3;
    size_t d0 = i;
    while (i < m && p[i] >= '0' && p[i] <= '9') i++;
    if (i == d0 || i - d0 > 4) return false;
    if (i == m) return true;
    if (d0 == 3 && m - i >= 3 && !memcmp(p + i, "页", 3)) {
        i += 3;
        if (i == m) return true;
        if (m - i >= 3 && !memcmp(p + i, "共", 3)) {
            i += 3;
            size_t d1 = i;
            while (i < m && p[i] >= '0' && p[i] <= '9') i++;
            return i > d1 && m - i == 3 && !memcmp(p + i, "页", 3);
        }
        return false;
    }
    if (p[i] == '/') {
        size_t d1 = ++i;
        while (i < m && p[i] >= '0' && p[i] <= '9') i++;
        return i > d1 && i == m;
    }
    return false;
}

static bool in_margin(const ppage *pg, box b, double top, double bottom) {
    double yc = (b.y0 + b.y1) / 2;
    return yc < top * pg->h || yc > (1 - bottom) * pg->h;
}

/* The text of a line: its runs joined by sep. In the arena. */
static char *line_text(pctx *c, uint32_t p, const pline *l, const char *sep) {
    gk_buf b;
    gk_buf_init(&b);
    for (uint32_t m = 0; m < l->nr; m++) {
        const prun *r = RN(c, p, l->r[m]);
        if (m) gk_buf_puts(&b, sep);
        gk_buf_append(&b, r->t, r->n);
    }
    char *s = gk_arena_strndup(c->a, b.data ? b.data : "", b.len);
    gk_buf_free(&b);
    return s;
}

/* Page numbers alone on a line in the margins; lines repeated in the margins of most pages. */
static void drop_furniture(pctx *c) {
    uint32_t np = c->pages.n;
    typedef struct { char *key; uint32_t pages, last; } rep;
    gk_vec reps = {0};
    for (uint32_t p = 0; p < np; p++) {
        ppage *pg = PG(c, p);
        for (uint32_t i = 0; i < pg->nlines; i++) {
            pline *l = &pg->lines[i];
            if (!in_margin(pg, l->b, 0.12, 0.15)) continue;
            if (l->nr == 1) {
                const prun *r = RN(c, p, l->r[0]);
                if (page_number_text(r->t, r->n)) { l->drop = true; continue; }
            }
            if (!in_margin(pg, l->b, 0.10, 0.10)) continue;
            /* key: the text without spaces, digits as '#' */
            char *t = line_text(c, p, l, "");
            char *kk = t;
            size_t o = 0;
            for (size_t q = 0; t[q]; q++) {
                if (t[q] == ' ') continue;
                kk[o++] = t[q] >= '0' && t[q] <= '9' ? '#' : t[q];
            }
            kk[o] = 0;
            if (o == 0 || o > 300) continue;
            rep *found = NULL;
            for (uint32_t q = 0; q < reps.n && !found; q++)
                if (!strcmp(((rep *)reps.data)[q].key, kk)) found = &((rep *)reps.data)[q];
            if (!found) {
                if (reps.n >= 2000) continue;
                found = gk_vec_push(c->a, &reps, sizeof(rep));
                *found = (rep){kk, 0, UINT32_MAX};
            }
            if (found->last != p) { found->pages++; found->last = p; }
        }
    }
    if (np < 3) return;
    for (uint32_t p = 0; p < np; p++) {
        ppage *pg = PG(c, p);
        for (uint32_t i = 0; i < pg->nlines; i++) {
            pline *l = &pg->lines[i];
            if (l->drop || !in_margin(pg, l->b, 0.10, 0.10)) continue;
            char *t = line_text(c, p, l, "");
            size_t o = 0;
            for (size_t q = 0; t[q]; q++) {
                if (t[q] == ' ') continue;
                t[o++] = t[q] >= '0' && t[q] <= '9' ? '#' : t[q];
            }
            t[o] = 0;
            for (uint32_t q = 0; q < reps.n; q++) {
                rep *rp = &((rep *)reps.data)[q];
                if (!strcmp(rp->key, t) && rp->pages >= 3 && rp->pages * 2 >= np) { l->drop = true; break; }
            }
        }
    }
}

static void classify_lines(pctx *c) {
    for (uint32_t p = 0; p < c->pages.n; p++) {
        ppage *pg = PG(c, p);
        for (uint32_t i = 0; i < pg->nlines; i++) {
            pline *l = &pg->lines[i];
            uint32_t numlike = 0, nonnum = 0;
            bool hasnum = false;
            for (uint32_t m = 0; m < l->nr; m++) {
                const prun *r = &pg->runs[l->r[m]];
                if (r->num != NK_TEXT) numlike++;
                else nonnum++;
                hasnum |= r->num == NK_NUMBER;
            }
            uint32_t words = 0;
            for (uint32_t m = 0; m < l->nr; m++) words += pg->runs[l->r[m]].nw;
            if (words > PDF_LINE_MAX_WORDS) l->cls = l->nr >= 2 ? L_TEXTROW : L_SINGLE;   /* prose, or garbage */
            else if (l->nr >= 2 && numlike >= 1 && numlike + 1 >= nonnum && (hasnum || numlike >= 2)) l->cls = L_DATA;
            else if (l->nr >= 2) l->cls = L_TEXTROW;
            else l->cls = numlike ? L_NUM1 : L_SINGLE;
        }
    }
}

/* The body text's margins: where long single-run lines begin (the 10th percentile) and end (the 90th). */
static void body_margins(pctx *c) {
    gk_vec x0 = {0}, x1 = {0}, hs = {0};
    for (uint32_t p = 0; p < c->pages.n; p++) {
        ppage *pg = PG(c, p);
        for (uint32_t i = 0; i < pg->nlines; i++) {
            pline *l = &pg->lines[i];
            if (l->drop || l->nr != 1 || pg->runs[l->r[0]].ncp < 12) continue;
            *(double *)gk_vec_push(c->a, &x0, sizeof(double)) = l->b.x0;
            *(double *)gk_vec_push(c->a, &x1, sizeof(double)) = l->b.x1;
            *(double *)gk_vec_push(c->a, &hs, sizeof(double)) = bh(pg->runs[l->r[0]].b);
        }
    }
    double w = c->pages.n ? PG(c, 0)->w : 595;
    c->body_h = median(hs.data, hs.n, 12);
    if (x0.n >= 3) {
        /* most long lines are prose, running from margin to margin; labels and headings are shorter */
        qsort(x0.data, x0.n, sizeof(double), cmp_double);
        qsort(x1.data, x1.n, sizeof(double), cmp_double);
        c->bx0 = ((double *)x0.data)[x0.n / 10];
        c->bx1 = ((double *)x1.data)[x1.n - 1 - x1.n / 10];
    } else {
        c->bx0 = 0.12 * w;
        c->bx1 = 0.88 * w;
    }
    if (c->bx1 - c->bx0 < 50) { c->bx0 = 0.12 * w; c->bx1 = 0.88 * w; }
}

/* ================================================================== table regions */

/* Height of a line's text: its tallest word that is not a number (numbers' boxes run taller). */
static double text_height(pctx *c, lref r) {
    pline *l = LN(c, r);
    const pword *w = PG(c, r.p)->words.data;
    double h = 0, hn = 0;
    for (uint32_t m = 0; m < l->nr; m++) {
        const prun *x = RN(c, r.p, l->r[m]);
        for (uint32_t q = x->w0; q < x->w0 + x->nw; q++) {
            if (w[q].num == NK_TEXT) h = dmax(h, bh(w[q].b));
            else hn = dmax(hn, bh(w[q].b));
        }
    }
    return h > 0 ? h : 0.75 * hn;
}

static bool cn_numbered(const char *t, size_t n) {
    gk_numbering num = gk_numbering_parse(t, n);
    return num.kind == GK_NUM_CN;
}

static bool ends_sentence(const char *t, size_t n) {
    size_t m = n;
    t = gk_trim(t, &m);
    return m >= 3 && !memcmp(t + m - 3, "。", 3);
}

/* May a line that is not DATA sit in a table (a header, a wrapped label, a group label)? */
static bool table_line(pctx *c, lref r, double htab) {
    pline *l = LN(c, r);
    if (l->drop) return false;
    if (l->cls == L_DATA) return true;
    uint32_t words = 0;
    for (uint32_t m = 0; m < l->nr; m++) words += RN(c, r.p, l->r[m])->nw;
    if (words > PDF_LINE_MAX_WORDS) return false;
    if (text_height(c, r) > 1.35 * htab) return false;
    const prun *f = RN(c, r.p, l->r[0]);
    const prun *e = RN(c, r.p, l->r[l->nr - 1]);
    if (ends_sentence(e->t, e->n)) return false;
    if (l->nr == 1 && f->num == NK_TEXT) {
        if (cn_numbered(f->t, f->n)) return false;
        if (bw(l->b) > 0.6 * (c->bx1 - c->bx0)) return false;
    }
    return true;
}

/* The text height of a table: its labels' median, else its header's, else 0.75 of its numbers'. */
static double table_height(pctx *c, const lref *lines, uint32_t n) {
    double *v = gk_arena_alloc(c->a, 64 * sizeof(double));
    uint32_t k = 0;
    double hn = 0;
    for (uint32_t i = 0; i < n && k < 64; i++) {
        pline *l = LN(c, lines[i]);
        for (uint32_t m = 0; m < l->nr && k < 64; m++) {
            const prun *x = RN(c, lines[i].p, l->r[m]);
            if (x->num == NK_TEXT) v[k++] = bh(x->b);
            else hn = dmax(hn, bh(x->b));
        }
    }
    return k ? median(v, k, 10) : hn > 0 ? 0.75 * hn : 10;
}

/* A signature of header lines: their runs' folded texts, sorted, joined. */
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static char *header_signature(pctx *c, const lref *lines, uint32_t n) {
    gk_vec parts = {0};
    for (uint32_t i = 0; i < n; i++) {
        pline *l = LN(c, lines[i]);
        for (uint32_t m = 0; m < l->nr; m++) {
            const prun *x = RN(c, lines[i].p, l->r[m]);
            *(char **)gk_vec_push(c->a, &parts, sizeof(char *)) = gk_fold(c->a, x->t, x->n);
        }
    }
    if (parts.n) qsort(parts.data, parts.n, sizeof(char *), cmp_str);
    gk_buf b;
    gk_buf_init(&b);
    for (uint32_t i = 0; i < parts.n; i++) { gk_buf_puts(&b, ((char **)parts.data)[i]); gk_buf_putc(&b, '|'); }
    char *s = gk_arena_strndup(c->a, b.data ? b.data : "", b.len);
    gk_buf_free(&b);
    return s;
}

static void find_regions(pctx *c) {
    uint32_t i = 0;
    while (i < c->nL) {
        lref cur = c->L[i];
        if (LN(c, cur)->cls != L_DATA || LN(c, cur)->region >= 0) { i++; continue; }
        gk_vec lines = {0};
        double htab = table_height(c, &cur, 1);
        if (RN(c, cur.p, LN(c, cur)->r[0])->num != NK_TEXT) {
            /* numbers only (t4): the header lines above tell the text height */
            lref above[8];
            uint32_t na = 0;
            for (uint32_t k = i; k > 0 && na < 8 && c->L[k - 1].p == cur.p; k--)
                if (LN(c, c->L[k - 1])->cls == L_TEXTROW) above[na++] = c->L[k - 1];
                else break;
            if (na) htab = table_height(c, above, na);
        }
        /* headers above, on the same page */
        uint32_t start = i;
        while (start > 0 && i - start < 16) {
            lref up = c->L[start - 1], below = c->L[start];
            pline *u = LN(c, up);
            if (up.p != cur.p || u->region >= 0 || u->cls == L_DATA || u->cls == L_NUM1) break;
            if (!table_line(c, up, htab)) break;
            double gap = LN(c, below)->b.y0 - u->b.y1;
            if (gap > dmax(5 * htab, 20)) break;
            start--;
        }
        uint32_t first_data = i;
        for (uint32_t k = start; k <= i; k++) *(lref *)gk_vec_push(c->a, &lines, sizeof(lref)) = c->L[k];
        char *sig = header_signature(c, c->L + start, i - start);
        uint32_t j = i + 1;
        gk_vec pend = {0};                   /* indices into L of the lines that may yet join */
        while (j < c->nL) {
            lref r = c->L[j];
            pline *l = LN(c, r);
            if (r.p != c->L[j - 1].p && l->cls != L_DATA) {
                /* a page top: a header repeated there is dropped */
                uint32_t k = j;
                while (k < c->nL && k - j < 12 && c->L[k].p == r.p && LN(c, c->L[k])->cls != L_DATA &&
                       table_line(c, c->L[k], htab))
                    k++;
                if (k > j && k < c->nL && c->L[k].p == r.p && LN(c, c->L[k])->cls == L_DATA && first_data > start &&
                    !strcmp(header_signature(c, c->L + j, k - j), sig)) {
                    for (uint32_t q = j; q < k; q++) LN(c, c->L[q])->drop = true;
                    j = k;
                    continue;
                }
            }
            if (l->cls == L_DATA) {
                for (uint32_t q = 0; q < pend.n; q++) *(lref *)gk_vec_push(c->a, &lines, sizeof(lref)) = c->L[((uint32_t *)pend.data)[q]];
                *(lref *)gk_vec_push(c->a, &lines, sizeof(lref)) = r;
                pend.n = 0;
                j++;
                continue;
            }
            if (pend.n < 12 && table_line(c, r, htab)) { *(uint32_t *)gk_vec_push(c->a, &pend, sizeof(uint32_t)) = j; j++; continue; }
            break;
        }
        /* trailing lines: only the tail of a wrapped label just below the last row */
        uint32_t next = j;
        for (uint32_t q = 0; q < pend.n; q++) {
            uint32_t at = ((uint32_t *)pend.data)[q];
            lref r = c->L[at], prev = c->L[at - 1];
            pline *l = LN(c, r);
            if (r.p != prev.p || l->cls != L_SINGLE || l->b.y0 - LN(c, prev)->b.y1 > 0.9 * htab || LN(c, prev)->drop) {
                next = at;
                break;
            }
            *(lref *)gk_vec_push(c->a, &lines, sizeof(lref)) = r;
        }
        int id = (int)c->regions.n;
        gk_vec *rv = gk_vec_push(c->a, &c->regions, sizeof(gk_vec));
        *rv = lines;
        for (uint32_t q = 0; q < lines.n; q++) LN(c, ((lref *)lines.data)[q])->region = id;
        i = next;
    }
}

/* ================================================================== grids */

typedef struct {          /* what fills a value cell: a number, a blank mark, or text among the numbers */
    box b;
    uint32_t p;
    const char *t;
    uint32_t n, line;
    int band, col;
    bool numeric;
} vtok;

typedef struct {          /* a label: text left of the numbers, over one or more lines */
    box b, last;
    uint32_t p, line;
    gk_buf text;
    int bands[2];         /* rows of numbers it overlaps (at most one allowed) */
    int nbands;
    int row;              /* the row it goes to, or -1 (a row of its own) */
} lblock;

typedef struct {          /* a row of numbers */
    uint32_t p, line;
    double y0, y1, ey0, ey1;
    int ntok;
} band;

typedef struct { double c0, c1, e0, e1; int id, band; } column;

typedef struct {          /* a header word over the value columns */
    box b;
    uint32_t p, line;
    const char *t;
    uint32_t n;
    int col, span_end;    /* its column; span_end > col for a group label over several columns */
} hword;

typedef struct {          /* a row as it will be emitted */
    uint32_t p, line;
    double y;
    const char **cells;
    uint32_t *cell_lines;
    uint32_t ncells;
} orow;

typedef struct {
    pctx *c;
    gk_vec rows;             /* orow */
} grid;

static void grid_row(grid *g, uint32_t p, uint32_t line, double y, const char **cells, const uint32_t *lines, uint32_t n) {
    orow *r = gk_vec_push(g->c->a, &g->rows, sizeof(orow));
    r->p = p;
    r->line = line;
    r->y = y;
    r->ncells = n;
    r->cells = gk_arena_alloc(g->c->a, ((size_t)n + 1) * sizeof(char *));
    r->cell_lines = gk_arena_alloc(g->c->a, ((size_t)n + 1) * sizeof(uint32_t));
    for (uint32_t k = 0; k < n; k++) {
        r->cells[k] = cells[k] ? cells[k] : "";
        r->cell_lines[k] = lines[k] ? lines[k] : line;
    }
}

static bool numbered_start(const char *t, size_t n) {
    return gk_numbering_parse(t, n).kind != GK_NUM_NONE;
}

static int cmp_piece_y(const void *a, const void *b) {
    const hword *x = a, *y = b;
    if (x->p != y->p) return x->p < y->p ? -1 : 1;
    if (x->b.y0 != y->b.y0) return x->b.y0 < y->b.y0 ? -1 : 1;
    return x->b.x0 < y->b.x0 ? -1 : x->b.x0 > y->b.x0;
}

/* Header words in reading order joined: words on one line by x (a space where they stood apart), lines by
 * '\n'. */
static const char *join_words(pctx *c, hword *w, uint32_t n) {
    if (!n) return "";
    qsort(w, n, sizeof *w, cmp_piece_y);
    /* group into lines: a word joins the line whose height it shares */
    gk_buf b;
    gk_buf_init(&b);
    uint32_t i = 0;
    while (i < n) {
        uint32_t j = i + 1;
        double y0 = w[i].b.y0, y1 = w[i].b.y1;
        while (j < n && w[j].p == w[i].p && ovl(y0, y1, w[j].b.y0, w[j].b.y1) >= 0.5 * dmin(y1 - y0, bh(w[j].b))) {
            y1 = dmax(y1, w[j].b.y1);
            j++;
        }
        /* by x within the line */
        for (uint32_t x = i + 1; x < j; x++) {
            hword v = w[x];
            uint32_t y = x;
            while (y > i && w[y - 1].b.x0 > v.b.x0) { w[y] = w[y - 1]; y--; }
            w[y] = v;
        }
        if (b.len) gk_buf_putc(&b, '\n');
        for (uint32_t x = i; x < j; x++) {
            if (x > i && w[x].b.x0 - w[x - 1].b.x1 >= 0.15 * dmin(bh(w[x].b), bh(w[x - 1].b))) gk_buf_putc(&b, ' ');
            gk_buf_append(&b, w[x].t, w[x].n);
        }
        i = j;
    }
    const char *s = gk_arena_strndup(c->a, b.data ? b.data : "", b.len);
    gk_buf_free(&b);
    return s;
}

static int cmp_col(const void *a, const void *b) {
    const column *x = a, *y = b;
    return x->c0 < y->c0 ? -1 : x->c0 > y->c0;
}

static int cmp_orow(const void *a, const void *b) {
    const orow *x = a, *y = b;
    if (x->p != y->p) return x->p < y->p ? -1 : 1;
    if (x->y != y->y) return x->y < y->y ? -1 : 1;
    return 0;
}

typedef struct { int idx; int ntok; } bandkey;
static int cmp_bandkey(const void *a, const void *b) {
    const bandkey *x = a, *y = b;
    if (x->ntok != y->ntok) return x->ntok > y->ntok ? -1 : 1;
    return x->idx - y->idx;
}

static void emit_grid(pctx *c, grid *g);

/* A sub-table: header lines (before its first DATA line), then rows. */
static void build_subtable(pctx *c, const lref *lines, uint32_t n) {
    gk_arena *a = c->a;
    grid g = {c, {0}};
    uint32_t fd = 0;
    while (fd < n && LN(c, lines[fd])->cls != L_DATA) fd++;
    double htab = table_height(c, lines, n);
    if (fd == n) {
        /* no numbers: each line a row of its runs */
        for (uint32_t i = 0; i < n; i++) {
            pline *l = LN(c, lines[i]);
            const char **cells = gk_arena_alloc(a, ((size_t)l->nr + 1) * sizeof(char *));
            uint32_t *cl = gk_arena_alloc(a, ((size_t)l->nr + 1) * sizeof(uint32_t));
            for (uint32_t m = 0; m < l->nr; m++) cells[m] = RN(c, lines[i].p, l->r[m])->t;
            grid_row(&g, lines[i].p, l->lineno, l->b.y0, cells, cl, l->nr);
        }
        emit_grid(c, &g);
        return;
    }
    /* value tokens: every word of a numeric run in the rows */
    gk_vec toks = {0};
    for (uint32_t i = fd; i < n; i++) {
        pline *l = LN(c, lines[i]);
        ppage *pg = PG(c, lines[i].p);
        for (uint32_t m = 0; m < l->nr; m++) {
            const prun *r = &pg->runs[l->r[m]];
            if (r->num == NK_TEXT) continue;
            pword *w = pg->words.data;
            for (uint32_t q = r->w0; q < r->w0 + r->nw; q++) {
                vtok *t = gk_vec_push(a, &toks, sizeof(vtok));
                *t = (vtok){w[q].b, lines[i].p, w[q].t, w[q].n, l->lineno, -1, -1, true};
            }
        }
    }
    /* bands: tokens sharing their height, page by page */
    gk_vec bands = {0};
    vtok *T = toks.data;
    {
        rkey *k = gk_arena_alloc(a, ((size_t)toks.n + 1) * sizeof(rkey));
        for (uint32_t q = 0; q < toks.n; q++) k[q] = (rkey){q, T[q].p * 1e7 + T[q].b.y0, T[q].b.x0};
        qsort(k, toks.n, sizeof *k, cmp_rkey);
        for (uint32_t q = 0; q < toks.n; q++) {
            vtok *t = &T[k[q].i];
            band *last = bands.n ? &((band *)bands.data)[bands.n - 1] : NULL;
            if (last && last->p == t->p && ovl(last->y0, last->y1, t->b.y0, t->b.y1) >= 0.5 * dmin(last->y1 - last->y0, bh(t->b))) {
                last->y1 = dmax(last->y1, t->b.y1);
                last->y0 = dmin(last->y0, t->b.y0);
                if (t->line < last->line) last->line = t->line;
                last->ntok++;
            } else {
                last = gk_vec_push(a, &bands, sizeof(band));
                *last = (band){t->p, t->line, t->b.y0, t->b.y1, t->b.y0, t->b.y1, 1};
            }
            t->band = (int)bands.n - 1;
        }
    }
    band *B = bands.data;
    uint32_t nb = bands.n;
    /* columns: the fullest rows first; a token joins the column it overlaps, else the nearest one when
     * close, else starts a column */
    gk_vec cols = {0};
    {
        double mingap = 1e9;
        uint32_t mingap_n = 0;                      /* the number of columns mingap was computed for */
        bandkey *bk = gk_arena_alloc(a, ((size_t)nb + 1) * sizeof(bandkey));
        for (uint32_t q = 0; q < nb; q++) bk[q] = (bandkey){(int)q, B[q].ntok};
        qsort(bk, nb, sizeof *bk, cmp_bandkey);
        for (uint32_t q = 0; q < nb; q++) {
            for (uint32_t t = 0; t < toks.n; t++) {
                vtok *v = &T[t];
                if (v->band != bk[q].idx) continue;
                column *C = cols.data;
                int best = -1;
                double bo = 0;
                for (uint32_t k = 0; k < cols.n; k++) {
                    double o = ovl(v->b.x0, v->b.x1, C[k].c0, C[k].c1);
                    if (o > 0 && o > bo) { bo = o; best = (int)k; }
                }
                if (best < 0 && cols.n) {
                    /* the nearest column, when within 0.6 of the narrowest gap between columns */
                    if (mingap_n != cols.n) {
                        mingap = 1e9;
                        for (uint32_t k = 0; k < cols.n; k++)
                            for (uint32_t m = 0; m < cols.n; m++) {
                                if (m == k) continue;
                                double gp = C[m].c0 - C[k].c1;
                                if (gp > 0 && gp < mingap) mingap = gp;
                            }
                        mingap_n = cols.n;
                    }
                    double tol = mingap < 1e9 ? 0.6 * mingap : 1.0 * bh(v->b);
                    double bd = 1e18;
                    for (uint32_t k = 0; k < cols.n; k++) {
                        if (C[k].band == v->band) continue;   /* two numbers of one row: two columns */
                        double d = v->b.x0 > C[k].c1 ? v->b.x0 - C[k].c1 : C[k].c0 > v->b.x1 ? C[k].c0 - v->b.x1 : 0;
                        if (d < bd) { bd = d; best = (int)k; }
                    }
                    if (bd > tol) best = -1;
                    if (bd >= 1e18) best = -1;
                }
                if (best < 0) {
                    column *nc = gk_vec_push(a, &cols, sizeof(column));
                    *nc = (column){v->b.x0, v->b.x1, v->b.x0, v->b.x1, (int)cols.n - 1, v->band};
                    best = (int)cols.n - 1;
                } else {
                    column *cc = &((column *)cols.data)[best];
                    cc->e0 = dmin(cc->e0, v->b.x0);
                    cc->e1 = dmax(cc->e1, v->b.x1);
                    cc->band = v->band;
                }
                v->col = best;
            }
        }
    }
    /* the label area: up to where the rows' labels end (the text before a row's first number), not into
     * the first column; none when the rows have no labels */
    double LB;
    {
        column *C0 = cols.data;
        uint32_t first = 0;
        for (uint32_t k = 1; k < cols.n; k++)
            if (C0[k].c0 < C0[first].c0) first = k;
        double lab_right = -1e18;
        for (uint32_t i = fd; i < n; i++) {
            pline *l = LN(c, lines[i]);
            if (l->cls != L_DATA) continue;
            for (uint32_t m = 0; m < l->nr; m++) {
                const prun *r = RN(c, lines[i].p, l->r[m]);
                if (r->num != NK_TEXT) break;
                lab_right = dmax(lab_right, r->b.x1);
            }
        }
        LB = -1e18;                                     /* rows without labels (t4): no label area */
        if (lab_right > -1e17) LB = dmin(lab_right + 0.3 * htab, C0[first].e0 - 0.1);
    }
    /* columns the numbers leave empty (a column blank in every row) come from the header: its words over
     * the values, stacked words of one cell joined, words over two cells left out (group labels) */
    if (fd > 0) {
        typedef struct { double x0, x1; } span;
        gk_vec units = {0}, clusters = {0};
        for (uint32_t i = 0; i < fd; i++) {
            pline *l = LN(c, lines[i]);
            ppage *pg = PG(c, lines[i].p);
            for (uint32_t m = 0; m < l->nr; m++) {
                const prun *r = &pg->runs[l->r[m]];
                if (xc(r->b) < LB) continue;
                pword *w = pg->words.data;      /* words: a tight table's cells may run together */
                for (uint32_t q = r->w0; q < r->w0 + r->nw; q++)
                    *(span *)gk_vec_push(a, &units, sizeof(span)) = (span){w[q].b.x0, w[q].b.x1};
            }
        }
        span *U = units.data;
        for (uint32_t x = 1; x < units.n; x++) {        /* narrowest first */
            span v = U[x];
            uint32_t y = x;
            while (y > 0 && U[y - 1].x1 - U[y - 1].x0 > v.x1 - v.x0) { U[y] = U[y - 1]; y--; }
            U[y] = v;
        }
        for (uint32_t q = 0; q < units.n; q++) {
            span *S = clusters.data;
            int hit = -1, hits = 0;
            for (uint32_t k = 0; k < clusters.n; k++) {
                double o = ovl(U[q].x0, U[q].x1, S[k].x0, S[k].x1);
                if (o >= 0.3 * dmin(U[q].x1 - U[q].x0, S[k].x1 - S[k].x0)) { hit = (int)k; hits++; }
            }
            if (hits == 0) *(span *)gk_vec_push(a, &clusters, sizeof(span)) = U[q];
            else if (hits == 1) {
                S[hit].x0 = dmin(S[hit].x0, U[q].x0);
                S[hit].x1 = dmax(S[hit].x1, U[q].x1);
            }
        }
        span *S = clusters.data;
        uint32_t ncl = clusters.n;
        /* when the header has more cells than there are columns of numbers and its cells are evenly spaced
         * (a caption, a label column's header are not), the numbers' columns take the cells they match
         * best in order (least distance between centres), and each cell left over is a blank column */
        uint32_t K0 = cols.n;
        bool regular = ncl >= 3 && ncl > K0 && ncl <= PDF_HEADER_CELLS;
        double *ctr = gk_arena_alloc(a, ((size_t)ncl + 1) * sizeof(double));
        for (uint32_t k = 0; k < ncl; k++) ctr[k] = (S[k].x0 + S[k].x1) / 2;
        if (regular) {
            /* clusters by centre */
            for (uint32_t x = 1; x < ncl; x++) {
                span v = S[x];
                double cv = ctr[x];
                uint32_t y = x;
                while (y > 0 && ctr[y - 1] > cv) { S[y] = S[y - 1]; ctr[y] = ctr[y - 1]; y--; }
                S[y] = v;
                ctr[y] = cv;
            }
            double *d = gk_arena_alloc(a, (size_t)ncl * sizeof(double)), *dd = gk_arena_alloc(a, (size_t)ncl * sizeof(double));
            for (uint32_t k = 1; k < ncl; k++) d[k - 1] = dd[k - 1] = ctr[k] - ctr[k - 1];
            double med = median(dd, ncl - 1, 0);
            for (uint32_t k = 0; k + 1 < ncl && regular; k++) {
                double e = d[k] - med;
                if (e < 0) e = -e;
                regular = med > 0 && e <= 0.35 * med;
            }
        }
        if (regular) {
            /* numbers' columns by centre */
            column *C0 = cols.data;
            uint32_t *ord = gk_arena_alloc(a, ((size_t)K0 + 1) * sizeof(uint32_t));
            for (uint32_t k = 0; k < K0; k++) ord[k] = k;
            for (uint32_t x = 1; x < K0; x++) {
                uint32_t v = ord[x], y = x;
                while (y > 0 && xc((box){C0[ord[y - 1]].e0, 0, C0[ord[y - 1]].e1, 0}) > xc((box){C0[v].e0, 0, C0[v].e1, 0})) {
                    ord[y] = ord[y - 1];
                    y--;
                }
                ord[y] = v;
            }
            /* cost[i][j]: columns 0..i matched within clusters 0..j, column i to cluster j */
            double *cost = gk_arena_alloc(a, ((size_t)K0 * ncl + 1) * sizeof(double));
            int *from = gk_arena_alloc(a, ((size_t)K0 * ncl + 1) * sizeof(int));
            for (uint32_t ci = 0; ci < K0; ci++) {
                double cc = (C0[ord[ci]].e0 + C0[ord[ci]].e1) / 2;
                for (uint32_t j = 0; j < ncl; j++) {
                    double dist = ctr[j] - cc;
                    if (dist < 0) dist = -dist;
                    double best = 1e300;
                    int bj = -1;
                    if (ci == 0) best = 0;
                    else
                        for (uint32_t pj = 0; pj < j; pj++)
                            if (cost[(ci - 1) * ncl + pj] < best) { best = cost[(ci - 1) * ncl + pj]; bj = (int)pj; }
                    cost[ci * ncl + j] = j < ci ? 1e300 : best + dist;
                    from[ci * ncl + j] = bj;
                }
            }
            int bj = -1;
            double best = 1e300;
            for (uint32_t j = 0; j < ncl; j++)
                if (K0 && cost[(K0 - 1) * ncl + j] < best) { best = cost[(K0 - 1) * ncl + j]; bj = (int)j; }
            bool *taken = gk_arena_alloc(a, (size_t)ncl + 1);
            for (uint32_t ci = K0; ci-- > 0 && bj >= 0;) {
                taken[bj] = true;
                bj = from[ci * ncl + (uint32_t)bj];
            }
            for (uint32_t k = 0; k < ncl; k++) {
                if (taken[k] || best >= 1e299) continue;
                column *nc = gk_vec_push(a, &cols, sizeof(column));
                *nc = (column){S[k].x0, S[k].x1, S[k].x0, S[k].x1, (int)cols.n - 1, -1};
            }
        }
    }
    uint32_t K = cols.n;
    column *C = cols.data;
    /* columns in x order: remap */
    {
        qsort(C, K, sizeof *C, cmp_col);
        int *map = gk_arena_alloc(a, ((size_t)K + 1) * sizeof(int));
        for (uint32_t k = 0; k < K; k++) map[C[k].id] = (int)k;
        for (uint32_t t = 0; t < toks.n; t++) T[t].col = map[T[t].col];
    }
    /* text in the rows: labels (left of LB) and text among the values */
    gk_vec labs = {0};                       /* lblock */
    typedef struct { box b; uint32_t p, line; const char *t; uint32_t n; } lrun;
    gk_vec lruns = {0};
    for (uint32_t i = fd; i < n; i++) {
        pline *l = LN(c, lines[i]);
        for (uint32_t m = 0; m < l->nr; m++) {
            const prun *r = RN(c, lines[i].p, l->r[m]);
            if (r->num != NK_TEXT) continue;
            if (xc(r->b) < LB) {
                lrun *x = gk_vec_push(a, &lruns, sizeof(lrun));
                *x = (lrun){r->b, lines[i].p, l->lineno, r->t, r->n};
                continue;
            }
            /* text among the values: the column it overlaps most, in the band it overlaps */
            int best = -1;
            double bo = -1e18;
            for (uint32_t k = 0; k < K; k++) {
                double o = ovl(r->b.x0, r->b.x1, C[k].e0, C[k].e1);
                if (o > bo) { bo = o; best = (int)k; }
            }
            int bd = -1;
            double bov = 0;
            for (uint32_t q = 0; q < nb; q++) {
                if (B[q].p != lines[i].p) continue;
                double o = ovl(B[q].y0, B[q].y1, r->b.y0, r->b.y1);
                if (o > bov) { bov = o; bd = (int)q; }
            }
            if (bd < 0) {
                band *nbd = gk_vec_push(a, &bands, sizeof(band));
                *nbd = (band){lines[i].p, l->lineno, r->b.y0, r->b.y1, r->b.y0, r->b.y1, 0};
                B = bands.data;
                bd = (int)bands.n - 1;
                nb = bands.n;
            }
            vtok *t = gk_vec_push(a, &toks, sizeof(vtok));
            *t = (vtok){r->b, lines[i].p, r->t, r->n, l->lineno, bd, best, false};
            T = toks.data;
        }
    }
    /* label blocks: lines of one label joined (same column, small gap, no new numbering, one row) */
    {
        lrun *R = lruns.data;
        /* by page, then top */
        {
            rkey *k = gk_arena_alloc(a, ((size_t)lruns.n + 1) * sizeof(rkey));
            lrun *sorted = gk_arena_alloc(a, ((size_t)lruns.n + 1) * sizeof(lrun));
            for (uint32_t x = 0; x < lruns.n; x++) k[x] = (rkey){x, R[x].p * 1e7 + R[x].b.y0, R[x].b.x0};
            qsort(k, lruns.n, sizeof *k, cmp_rkey);
            for (uint32_t x = 0; x < lruns.n; x++) sorted[x] = R[k[x].i];
            if (lruns.n) memcpy(R, sorted, (size_t)lruns.n * sizeof(lrun));
        }
        for (uint32_t x = 0; x < lruns.n; x++) {
            lrun *r = &R[x];
            int rb[2], nrb = 0;
            for (uint32_t q = 0; q < nb && nrb < 2; q++) {
                if (B[q].p != r->p) continue;
                if (ovl(B[q].y0, B[q].y1, r->b.y0, r->b.y1) > 0.3 * dmin(B[q].y1 - B[q].y0, bh(r->b))) rb[nrb++] = (int)q;
            }
            lblock *join = NULL;
            lblock *LBk = labs.data;
            for (uint32_t back = 0; back < 8 && back < labs.n && !join; back++) {
                lblock *k = &LBk[labs.n - 1 - back];
                if (k->p != r->p) continue;
                double h = dmin(bh(k->last), bh(r->b));
                double gap = r->b.y0 - k->last.y1;
                if (gap < -0.3 * h || gap > 1.25 * h) continue;
                double xo = ovl(k->b.x0, k->b.x1, r->b.x0, r->b.x1);
                double dx0 = k->b.x0 - r->b.x0;
                if (dx0 < 0) dx0 = -dx0;
                if (xo < 0.3 * dmin(bw(k->b), bw(r->b)) && dx0 > 0.8 * h) continue;
                if (numbered_start(r->t, r->n)) continue;
                /* one row of numbers at most */
                int all[4], na = 0;
                for (int q = 0; q < k->nbands; q++) all[na++] = k->bands[q];
                for (int q = 0; q < nrb; q++) {
                    bool dup = false;
                    for (int z = 0; z < na; z++) dup |= all[z] == rb[q];
                    if (!dup) all[na++] = rb[q];
                }
                if (na > 1) continue;
                join = k;
                k->nbands = na;
                if (na) k->bands[0] = all[0];
            }
            if (join) {
                gk_buf_putc(&join->text, '\n');
                gk_buf_append(&join->text, r->t, r->n);
                join->b = bunion(join->b, r->b);
                join->last = r->b;
                continue;
            }
            lblock *nbk = gk_vec_push(a, &labs, sizeof(lblock));
            memset(nbk, 0, sizeof *nbk);
            nbk->b = nbk->last = r->b;
            nbk->p = r->p;
            nbk->line = r->line;
            gk_buf_init(&nbk->text);
            gk_buf_append(&nbk->text, r->t, r->n);
            nbk->nbands = nrb > 1 ? 1 : nrb;
            if (nrb) {
                /* two rows touched: the one it overlaps most */
                int best = rb[0];
                if (nrb > 1 && ovl(B[rb[1]].y0, B[rb[1]].y1, r->b.y0, r->b.y1) > ovl(B[rb[0]].y0, B[rb[0]].y1, r->b.y0, r->b.y1))
                    best = rb[1];
                nbk->bands[0] = best;
            }
            nbk->row = -1;
        }
    }
    lblock *LBk = labs.data;
    uint32_t nlb = labs.n;
    /* each label to the row it overlaps; rows grow by their labels; the rest to an overlapping grown row,
     * else to the nearest row when close and its label column is free, else a row of its own */
    int *rowhead = gk_arena_alloc(a, ((size_t)nb + 1) * sizeof(int)), *rownext = gk_arena_alloc(a, ((size_t)nlb + 1) * sizeof(int));
    for (uint32_t z = 0; z < nb; z++) rowhead[z] = -1;
    for (uint32_t q = 0; q < nlb; q++) {
        if (LBk[q].nbands) {
            LBk[q].row = LBk[q].bands[0];
            band *bd = &B[LBk[q].row];
            bd->ey0 = dmin(bd->ey0, LBk[q].b.y0);
            bd->ey1 = dmax(bd->ey1, LBk[q].b.y1);
            rownext[q] = rowhead[LBk[q].row];
            rowhead[LBk[q].row] = (int)q;
        }
    }
    for (uint32_t q = 0; q < nlb; q++) {
        lblock *k = &LBk[q];
        if (k->row >= 0) continue;
        int best = -1;
        double bo = 0;
        for (uint32_t z = 0; z < nb; z++) {
            if (B[z].p != k->p) continue;
            double o = ovl(B[z].ey0, B[z].ey1, k->b.y0, k->b.y1);
            if (o > bo) { bo = o; best = (int)z; }
        }
        if (best >= 0) {
            /* its label column must be free in that row */
            for (int z = rowhead[best]; z >= 0 && best >= 0; z = rownext[z])
                if (ovl(LBk[z].b.x0, LBk[z].b.x1, k->b.x0, k->b.x1) > 0) best = -1;
        }
        k->row = best;
        if (best >= 0) {
            rownext[q] = rowhead[best];
            rowhead[best] = (int)q;
        }
    }
    /* the header: label-area chunks; words over the columns; group labels over several columns */
    bool has_labels = nlb > 0;
    {
        gk_vec hw = {0};                     /* hword, value area */
        gk_vec hl = {0};                     /* lblock-like chunks of the label area: reuse lblock */
        for (uint32_t i = 0; i < fd; i++) {
            pline *l = LN(c, lines[i]);
            ppage *pg = PG(c, lines[i].p);
            for (uint32_t m = 0; m < l->nr; m++) {
                const prun *r = &pg->runs[l->r[m]];
                if (xc(r->b) < LB) {
                    has_labels = true;
                    lblock *join = NULL;
                    lblock *H = hl.data;
                    for (uint32_t q = 0; q < hl.n && !join; q++) {
                        lblock *k = &H[q];
                        double h = dmin(bh(k->last), bh(r->b));
                        double gap = r->b.y0 - k->last.y1;
                        if (k->p == lines[i].p && gap >= -0.3 * h && gap <= 1.25 * h) join = k;
                    }
                    if (join) {
                        gk_buf_putc(&join->text, '\n');
                        gk_buf_append(&join->text, r->t, r->n);
                        join->b = bunion(join->b, r->b);
                        join->last = r->b;
                    } else {
                        lblock *k = gk_vec_push(a, &hl, sizeof(lblock));
                        memset(k, 0, sizeof *k);
                        k->b = k->last = r->b;
                        k->p = lines[i].p;
                        k->line = l->lineno;
                        gk_buf_init(&k->text);
                        gk_buf_append(&k->text, r->t, r->n);
                    }
                    continue;
                }
                pword *w = pg->words.data;
                for (uint32_t q = r->w0; q < r->w0 + r->nw; q++) {
                    hword *h = gk_vec_push(a, &hw, sizeof(hword));
                    *h = (hword){w[q].b, lines[i].p, l->lineno, w[q].t, w[q].n, -1, -1};
                }
            }
        }
        /* slots: from LB to the middle of the gaps between columns */
        hword *H = hw.data;
        double lowest_span = -1e18;
        for (uint32_t q = 0; q < hw.n; q++) {
            hword *h = &H[q];
            int covered = 0, first = -1, last = -1;
            for (uint32_t k = 0; k < K; k++) {
                double cw = dmax(C[k].e1 - C[k].e0, 0.5);
                if (ovl(h->b.x0, h->b.x1, C[k].e0, C[k].e1) >= 0.5 * cw) {
                    covered++;
                    if (first < 0) first = (int)k;
                    last = (int)k;
                }
            }
            if (covered >= 2) {
                h->col = first;
                h->span_end = last;
                lowest_span = dmax(lowest_span, h->b.y1);
                continue;
            }
            int best = 0;
            double bo = -1e18;
            for (uint32_t k = 0; k < K; k++) {
                double s0 = k == 0 ? LB : (C[k - 1].e1 + C[k].e0) / 2;
                double s1 = k + 1 == K ? 1e18 : (C[k].e1 + C[k + 1].e0) / 2;
                double o = ovl(h->b.x0, h->b.x1, s0, s1);
                if (o > bo) { bo = o; best = (int)k; }
            }
            h->col = best;
            h->span_end = best;
        }
        /* a word over header words of two or more columns is a group label too (复议后起诉 centred over
         * 结果维持 … 总计, narrower than the columns it heads) */
        for (uint32_t q = 0; q < hw.n; q++) {
            hword *h = &H[q];
            if (h->span_end > h->col) continue;
            int lo = INT32_MAX, hi = -1;
            double hh = bh(h->b);
            for (uint32_t z = 0; z < hw.n; z++) {
                const hword *u = &H[z];
                if (z == q || u->p != h->p || u->b.y0 < h->b.y1 - 0.2 * hh) continue;
                if (ovl(h->b.x0, h->b.x1, u->b.x0, u->b.x1) < 1) continue;
                if (u->col < lo) lo = u->col;
                if (u->span_end > hi) hi = u->span_end;
            }
            if (hi > lo && lo <= h->col && h->col <= hi) {
                h->col = lo;
                h->span_end = hi;
            }
        }
        /* per column: the words below the lowest group label over it are the leaf label; those above go up */
        double *bound = gk_arena_alloc(a, ((size_t)K + 1) * sizeof(double));
        for (uint32_t k = 0; k < K; k++) bound[k] = -1e18;
        for (uint32_t q = 0; q < hw.n; q++)
            if (H[q].span_end > H[q].col)
                for (int k = H[q].col; k <= H[q].span_end; k++) bound[k] = dmax(bound[k], H[q].b.y1);
        (void)lowest_span;
        typedef struct { box b; uint32_t p, line; const char *t; int col; } upper;
        gk_vec ups = {0};
        const char **leaf = gk_arena_alloc(a, ((size_t)K + 2) * sizeof(char *));
        uint32_t *leaf_line = gk_arena_alloc(a, ((size_t)K + 2) * sizeof(uint32_t));
        hword *tmp = gk_arena_alloc(a, ((size_t)hw.n + 1) * sizeof(hword));
        double leaf_y = 1e18;
        uint32_t leaf_p = 0, leaf_l = 0;
        for (uint32_t k = 0; k < K; k++) {
            uint32_t nt = 0, nu = 0;
            for (uint32_t q = 0; q < hw.n; q++)
                if (H[q].col == (int)k && H[q].span_end == (int)k && H[q].b.y0 >= bound[k] - 0.1) tmp[nt++] = H[q];
            if (nt) {
                leaf[k] = join_words(c, tmp, nt);
                leaf_line[k] = tmp[0].line;
                if (tmp[0].b.y0 < leaf_y) { leaf_y = tmp[0].b.y0; leaf_p = tmp[0].p; leaf_l = tmp[0].line; }
            }
            for (uint32_t q = 0; q < hw.n; q++)
                if (H[q].col == (int)k && H[q].span_end == (int)k && H[q].b.y0 < bound[k] - 0.1) tmp[nu++] = H[q];
            /* words above the bound: one upper item per vertical group */
            if (nu) {
                upper *u = gk_vec_push(a, &ups, sizeof(upper));
                box b = tmp[0].b;
                for (uint32_t q = 1; q < nu; q++) b = bunion(b, tmp[q].b);
                uint32_t ln = tmp[0].line;
                *u = (upper){b, tmp[0].p, ln, join_words(c, tmp, nu), (int)k};
            }
        }
        for (uint32_t q = 0; q < hw.n; q++)
            if (H[q].span_end > H[q].col) {
                upper *u = gk_vec_push(a, &ups, sizeof(upper));
                *u = (upper){H[q].b, H[q].p, H[q].line, gk_arena_strndup(a, H[q].t, H[q].n), H[q].col};
            }
        /* label-area chunks: the lowest with the leaf row, the others up */
        lblock *HL = hl.data;
        int low = -1;
        for (uint32_t q = 0; q < hl.n; q++)
            if (low < 0 || HL[q].b.y1 > HL[low].b.y1) low = (int)q;
        for (uint32_t q = 0; q < hl.n; q++) {
            if ((int)q == low) continue;
            upper *u = gk_vec_push(a, &ups, sizeof(upper));
            *u = (upper){HL[q].b, HL[q].p, HL[q].line,
                         gk_arena_strndup(a, HL[q].text.data ? HL[q].text.data : "", HL[q].text.len), -1};
        }
        /* upper rows: items grouped by shared height, top first */
        upper *U = ups.data;
        for (uint32_t x = 1; x < ups.n; x++) {
            upper v = U[x];
            uint32_t y = x;
            while (y > 0 && (U[y - 1].p > v.p || (U[y - 1].p == v.p && U[y - 1].b.y0 > v.b.y0))) { U[y] = U[y - 1]; y--; }
            U[y] = v;
        }
        uint32_t off = has_labels ? 1 : 0;
        const char **cells = gk_arena_alloc(a, ((size_t)K + 2) * sizeof(char *));
        uint32_t *cl = gk_arena_alloc(a, ((size_t)K + 2) * sizeof(uint32_t));
        for (uint32_t x = 0; x < ups.n;) {
            uint32_t y = x + 1;
            double y0 = U[x].b.y0, y1 = U[x].b.y1;
            while (y < ups.n && U[y].p == U[x].p && ovl(y0, y1, U[y].b.y0, U[y].b.y1) > 0.3 * dmin(y1 - y0, bh(U[y].b))) {
                y1 = dmax(y1, U[y].b.y1);
                y++;
            }
            memset(cells, 0, ((size_t)K + 2) * sizeof(char *));
            memset(cl, 0, ((size_t)K + 2) * sizeof(uint32_t));
            uint32_t line = U[x].line;
            for (uint32_t q = x; q < y; q++) {
                uint32_t pos = U[q].col < 0 ? 0 : (uint32_t)U[q].col + off;
                if (U[q].col < 0 && !off) pos = 0;
                if (cells[pos]) cells[pos] = gk_arena_printf(a, "%s %s", cells[pos], U[q].t);
                else cells[pos] = U[q].t;
                cl[pos] = U[q].line;
                if (U[q].line < line) line = U[q].line;
            }
            grid_row(&g, U[x].p, line, y0, cells, cl, K + off);
            x = y;
        }
        /* the leaf row */
        bool any = low >= 0;
        for (uint32_t k = 0; k < K; k++) any |= leaf[k] != NULL;
        if (any) {
            memset(cells, 0, ((size_t)K + 2) * sizeof(char *));
            memset(cl, 0, ((size_t)K + 2) * sizeof(uint32_t));
            if (low >= 0) {
                cells[0] = gk_arena_strndup(a, HL[low].text.data ? HL[low].text.data : "", HL[low].text.len);
                cl[0] = HL[low].line;
                if (HL[low].b.y0 < leaf_y) { leaf_y = HL[low].b.y0; leaf_p = HL[low].p; leaf_l = HL[low].line; }
            }
            for (uint32_t k = 0; k < K; k++) { cells[k + off] = leaf[k]; cl[k + off] = leaf_line[k]; }
            /* after the upper rows: its y is their last one's at least */
            grid_row(&g, leaf_p, leaf_l, leaf_y, cells, cl, K + off);
        }
        for (uint32_t q = 0; q < hl.n; q++) gk_buf_free(&HL[q].text);
    }
    uint32_t nheader = g.rows.n;
    /* the rows: labels by x, then one cell per column */
    {
        const char **cells = gk_arena_alloc(a, ((size_t)K + nlb + 2) * sizeof(char *));
        uint32_t *cl = gk_arena_alloc(a, ((size_t)K + nlb + 2) * sizeof(uint32_t));
        uint32_t *mine = gk_arena_alloc(a, ((size_t)nlb + 1) * sizeof(uint32_t));
        for (uint32_t q = 0; q < nb; q++) {
            uint32_t nm = 0;
            for (int z = rowhead[q]; z >= 0; z = rownext[z]) mine[nm++] = (uint32_t)z;
            for (uint32_t x = 1; x < nm; x++) {
                uint32_t v = mine[x], y = x;
                while (y > 0 && (LBk[mine[y - 1]].b.x0 > LBk[v].b.x0 + 0.5 ||
                                 (LBk[mine[y - 1]].b.x0 > LBk[v].b.x0 - 0.5 && LBk[mine[y - 1]].b.y0 > LBk[v].b.y0))) {
                    mine[y] = mine[y - 1];
                    y--;
                }
                mine[y] = v;
            }
            uint32_t nc = 0, line = B[q].line;
            double y = B[q].y0;
            for (uint32_t x = 0; x < nm; x++) {
                lblock *k = &LBk[mine[x]];
                cells[nc] = gk_arena_strndup(a, k->text.data ? k->text.data : "", k->text.len);
                cl[nc++] = k->line;
                if (k->line < line) line = k->line;
                if (k->b.y0 < y) y = k->b.y0;
            }
            for (uint32_t k = 0; k < K; k++) { cells[nc + k] = NULL; cl[nc + k] = 0; }
            for (uint32_t t = 0; t < toks.n; t++) {
                if (T[t].band != (int)q || T[t].col < 0) continue;
                uint32_t pos = nc + (uint32_t)T[t].col;
                const char *tt = gk_arena_strndup(a, T[t].t, T[t].n);
                cells[pos] = cells[pos] ? gk_arena_printf(a, "%s %s", cells[pos], tt) : tt;
                if (!cl[pos] || T[t].line < cl[pos]) cl[pos] = T[t].line;
            }
            grid_row(&g, B[q].p, line, y, cells, cl, nc + K);
        }
        for (uint32_t z = 0; z < nlb; z++) {
            if (LBk[z].row >= 0) continue;
            cells[0] = gk_arena_strndup(a, LBk[z].text.data ? LBk[z].text.data : "", LBk[z].text.len);
            cl[0] = LBk[z].line;
            grid_row(&g, LBk[z].p, LBk[z].line, LBk[z].b.y0, cells, cl, 1);
        }
        for (uint32_t z = 0; z < nlb; z++) gk_buf_free(&LBk[z].text);
    }
    /* header rows stay first (in their order); the others by page and height */
    orow *O = g.rows.data;
    if (g.rows.n > nheader) qsort(O + nheader, g.rows.n - nheader, sizeof(orow), cmp_orow);
    emit_grid(c, &g);
}

/* A sub-table of more than PDF_CHUNK_LINES lines is laid out in pieces (cut after a DATA line followed by
 * another, where a row's label cannot be cut from its numbers), which keeps the work bounded whatever the
 * input: a real report's table is far shorter. */
static void build_pieces(pctx *c, const lref *lines, uint32_t n) {
    while (n > PDF_CHUNK_LINES) {
        uint32_t cut = PDF_CHUNK_LINES;
        for (uint32_t k = PDF_CHUNK_LINES; k > PDF_CHUNK_LINES - 40; k--)
            if (LN(c, lines[k - 1])->cls == L_DATA && LN(c, lines[k])->cls == L_DATA) { cut = k; break; }
        build_subtable(c, lines, cut);
        lines += cut;
        n -= cut;
    }
    if (n) build_subtable(c, lines, n);
}

/* Splits a region where a header reappears among the values (text right of where the rows' labels end,
 * after rows of numbers), and builds each sub-table. */
static void build_region(pctx *c, const lref *lines, uint32_t n) {
    uint32_t s = 0;
    bool seen_data = false;
    double lab_right = -1e18, htab = table_height(c, lines, n);
    for (uint32_t i = 0; i < n; i++) {
        pline *l = LN(c, lines[i]);
        if (l->drop) continue;
        if (l->cls == L_DATA) {
            seen_data = true;
            for (uint32_t m = 0; m < l->nr; m++) {
                const prun *r = RN(c, lines[i].p, l->r[m]);
                if (r->num != NK_TEXT) break;
                lab_right = dmax(lab_right, r->b.x1);
            }
            continue;
        }
        if (!seen_data) continue;
        bool header = false;
        for (uint32_t m = 0; m < l->nr && !header; m++) {
            const prun *r = RN(c, lines[i].p, l->r[m]);
            header = r->num == NK_TEXT && r->b.x0 >= lab_right + 0.3 * htab;
        }
        if (header) {
            build_pieces(c, lines + s, i - s);
            s = i;
            seen_data = false;
            lab_right = -1e18;
        }
    }
    if (n > s) build_pieces(c, lines + s, n - s);
}

/* ================================================================== blocks and the source rendering */

static void render_piece(gk_buf *b, const char *t, size_t n) {
    for (size_t i = 0; i < n; i++) gk_buf_putc(b, t[i] == '\n' || t[i] == '\t' || t[i] == '\r' ? ' ' : t[i]);
}

static void emit_grid(pctx *c, grid *g) {
    if (!g->rows.n) return;
    gk_block *bk = gk_vec_push(c->a, &c->blocks, sizeof(gk_block));
    memset(bk, 0, sizeof *bk);
    bk->kind = GK_BLOCK_TABLE;
    bk->rows = gk_arena_alloc(c->a, (size_t)g->rows.n * sizeof(gk_drow));
    orow *O = g->rows.data;
    uint32_t minl = UINT32_MAX, maxl = 0;
    for (uint32_t i = 0; i < g->rows.n; i++) {
        orow *o = &O[i];
        gk_drow *dr = &bk->rows[bk->nrows++];
        dr->ncells = o->ncells;
        dr->cells = gk_arena_alloc(c->a, ((size_t)o->ncells + 1) * sizeof(gk_dcell));
        uint32_t rl = o->line;
        for (uint32_t k = 0; k < o->ncells; k++) {
            gk_dcell *d = &dr->cells[k];
            if (k) gk_buf_putc(&c->src, '\t');
            size_t off = c->src.len;
            render_piece(&c->src, o->cells[k], strlen(o->cells[k]));
            d->text = o->cells[k];
            d->len = strlen(o->cells[k]);
            d->src = (gk_src){o->cell_lines[k], k + 1, (uint32_t)off, (uint32_t)(c->src.len - off)};
            d->rowspan = d->colspan = 1;
            if (d->src.line && d->src.line < rl) rl = d->src.line;
        }
        gk_buf_putc(&c->src, '\n');
        dr->line = rl;
        if (rl < minl) minl = rl;
        if (rl > maxl) maxl = rl;
        for (uint32_t k = 0; k < o->ncells; k++) if (dr->cells[k].src.line > maxl) maxl = dr->cells[k].src.line;
    }
    /* rows keep their lines; the block spans them */
    bk->line = minl;
    bk->end_line = maxl;
    for (uint32_t i = 0; i < bk->nrows; i++) if (bk->rows[i].line < bk->line) bk->line = bk->rows[i].line;
    if (maxl > c->maxline) c->maxline = maxl;
}

typedef struct {
    gk_buf text;
    uint32_t line, end_line;
    bool open;
    const pline *last;
    uint32_t last_p;
    double last_h;
} para;

static void para_flush(pctx *c, para *pp) {
    if (!pp->open) return;
    size_t n = pp->text.len;
    const char *t = gk_trim(pp->text.data ? pp->text.data : "", &n);
    if (n) {
        gk_block *bk = gk_vec_push(c->a, &c->blocks, sizeof(gk_block));
        memset(bk, 0, sizeof *bk);
        bk->kind = GK_BLOCK_PARA;
        bk->line = pp->line;
        bk->end_line = pp->end_line;
        bk->text = gk_arena_strndup(c->a, t, n);
        bk->len = n;
        render_piece(&c->src, t, n);
        gk_buf_putc(&c->src, '\n');
        if (pp->end_line > c->maxline) c->maxline = pp->end_line;
    }
    gk_buf_reset(&pp->text);
    pp->open = false;
    pp->last = NULL;
}

/* Does line l (on page p) continue the paragraph? The one above reached the right margin, this one is
 * not indented nor numbered, the text height is the same, and it follows closely (or on the next page). */
static bool continues(pctx *c, const para *pp, uint32_t p, const pline *l, double h, bool page_top) {
    if (!pp->open || !pp->last) return false;
    const pline *q = pp->last;
    if (p != pp->last_p && !(p == pp->last_p + 1 && page_top)) return false;
    if (p == pp->last_p && l->b.y0 - q->b.y1 > 1.0 * dmax(h, pp->last_h)) return false;
    if (h > 1.4 * pp->last_h || pp->last_h > 1.4 * h) return false;
    const prun *f = RN(c, p, l->r[0]);
    gk_numbering num = gk_numbering_parse(f->t, f->n);
    if (num.kind == GK_NUM_CN || num.kind == GK_NUM_CN_PAREN) return false;
    /* a title centred over two lines on the first page (…工作年度 / 报告) */
    double mid = (c->bx0 + c->bx1) / 2, dq = xc(q->b) - mid, dl = xc(l->b) - mid;
    bool q_mid = dq < 1.5 * h && dq > -1.5 * h, l_mid = dl < 1.5 * h && dl > -1.5 * h;
    if (p == 0 && p == pp->last_p && l_mid && (q_mid || q->b.x1 >= c->bx1 - 1.5 * h) && h >= 1.1 * c->body_h &&
        h <= 1.15 * pp->last_h && pp->last_h <= 1.15 * h && l->b.y0 - q->b.y1 < 0.8 * h)
        return true;
    if (q->b.x1 < c->bx1 - 1.5 * pp->last_h) return false;
    if (l->b.x0 > c->bx0 + 0.6 * h) return false;
    return true;
}

static void para_add(pctx *c, para *pp, uint32_t p, const pline *l, bool page_top) {
    double h = 0;
    const pword *w = PG(c, p)->words.data;
    for (uint32_t m = 0; m < l->nr; m++) {
        const prun *r = RN(c, p, l->r[m]);
        for (uint32_t q = r->w0; q < r->w0 + r->nw; q++)
            if (w[q].num == NK_TEXT) h = dmax(h, bh(w[q].b));
    }
    if (h <= 0) h = bh(l->b);
    if (!continues(c, pp, p, l, h, page_top)) {
        para_flush(c, pp);
        pp->open = true;
        pp->line = l->lineno;
    }
    for (uint32_t m = 0; m < l->nr; m++) {
        const prun *r = RN(c, p, l->r[m]);
        if (pp->text.len && r->n) {
            unsigned char prev = (unsigned char)pp->text.data[pp->text.len - 1];
            bool space = m > 0 || (ascii_alnum(prev) && ascii_alnum((unsigned char)r->t[0]));
            if (space && prev != ' ') gk_buf_putc(&pp->text, ' ');
        }
        gk_buf_append(&pp->text, r->t, r->n);
    }
    pp->end_line = l->lineno;
    pp->last = l;
    pp->last_p = p;
    pp->last_h = h;
}

/* ================================================================== the layout reader */

gk_status gk_read_pdf_layout(gk_arena *a, const char *path, const char *xhtml, size_t len, gk_doc **out,
                             const char **detail) {
    const char *dummy;
    if (!detail) detail = &dummy;
    *detail = NULL;
    *out = NULL;
    pctx c;
    memset(&c, 0, sizeof c);
    c.a = a;
    gk_buf_init(&c.src);
    gk_status st = parse_xhtml(&c, xhtml ? xhtml : "", xhtml ? len : 0, detail);
    if (st != GK_OK) { gk_buf_free(&c.src); return st; }
    uint64_t text = 0;
    for (uint32_t p = 0; p < c.pages.n; p++) {
        ppage *pg = PG(&c, p);
        build_runs(&c, pg);
        drop_vertical_labels(&c, pg);
        build_lines(&c, pg, p);
    }
    drop_furniture(&c);
    classify_lines(&c);
    body_margins(&c);
    /* every kept line, in order */
    uint32_t total = 0;
    for (uint32_t p = 0; p < c.pages.n; p++) total += PG(&c, p)->nlines;
    c.L = gk_arena_alloc(a, ((size_t)total + 1) * sizeof(lref));
    for (uint32_t p = 0; p < c.pages.n; p++) {
        ppage *pg = PG(&c, p);
        for (uint32_t i = 0; i < pg->nlines; i++) {
            if (pg->lines[i].drop) continue;
            c.L[c.nL++] = (lref){p, i};
            for (uint32_t m = 0; m < pg->lines[i].nr; m++) text += pg->runs[pg->lines[i].r[m]].ncp;
        }
    }
    if (text < PDF_MIN_TEXT) {
        gk_buf_free(&c.src);
        *detail = "OCR needed: the PDF has no text layer";
        return GK_ERR_UNSUPPORTED;
    }
    /* fonts without a Unicode map come out as U+FFFD or private-use characters: no text either */
    uint64_t junk = 0;
    for (uint32_t i = 0; i < c.nL; i++) {
        pline *l = LN(&c, c.L[i]);
        for (uint32_t m = 0; m < l->nr; m++) {
            const prun *r = RN(&c, c.L[i].p, l->r[m]);
            for (size_t q = 0; q < r->n;) {
                int32_t cp;
                q += gk_utf8_decode(r->t + q, r->n - q, &cp);
                junk += cp == 0xFFFD || (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000);
            }
        }
    }
    if (junk * 2 > text) {
        gk_buf_free(&c.src);
        *detail = "OCR needed: the PDF's text layer is unreadable (its fonts map to no characters)";
        return GK_ERR_UNSUPPORTED;
    }
    find_regions(&c);
    /* blocks in document order: a region when its first line comes, paragraphs between */
    bool *built = gk_arena_alloc(a, (size_t)c.regions.n + 1);
    para pp;
    memset(&pp, 0, sizeof pp);
    gk_buf_init(&pp.text);
    uint32_t prev_p = UINT32_MAX;
    for (uint32_t i = 0; i < c.nL; i++) {
        pline *l = LN(&c, c.L[i]);
        bool page_top = c.L[i].p != prev_p;
        prev_p = c.L[i].p;
        if (l->drop) continue;
        if (l->region >= 0) {
            para_flush(&c, &pp);
            if (!built[l->region]) {
                built[l->region] = true;
                gk_vec *rv = &((gk_vec *)c.regions.data)[l->region];
                /* the region's lines without those dropped on the way (repeated headers) */
                lref *keep = gk_arena_alloc(a, ((size_t)rv->n + 1) * sizeof(lref));
                uint32_t nk = 0;
                for (uint32_t q = 0; q < rv->n; q++)
                    if (!LN(&c, ((lref *)rv->data)[q])->drop) keep[nk++] = ((lref *)rv->data)[q];
                build_region(&c, keep, nk);
            }
            continue;
        }
        para_add(&c, &pp, c.L[i].p, l, page_top);
    }
    para_flush(&c, &pp);
    gk_buf_free(&pp.text);
    gk_doc *d = gk_arena_alloc(a, sizeof *d);
    d->arena = a;
    d->path = gk_arena_strdup(a, path ? path : "");
    d->src = gk_arena_strndup(a, c.src.data ? c.src.data : "", c.src.len);
    d->srclen = c.src.len;
    gk_buf_free(&c.src);
    d->blocks = c.blocks.data;
    d->nblocks = c.blocks.n;
    d->nlines = c.maxline ? c.maxline : 1;
    d->format = "pdf";
    d->encoding = "UTF-8";
    if (!d->nblocks) {
        *detail = "OCR needed: the PDF has no text layer";
        return GK_ERR_UNSUPPORTED;
    }
    *out = d;
    return GK_OK;
}

/* ================================================================== running pdftotext */

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

static bool write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* Reads a whole file (at most max bytes; *over when it is longer) into the heap, NUL-terminated. */
static char *read_capped(const char *path, size_t max, size_t *len, bool *over) {
    *len = 0;
    *over = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) { close(fd); return NULL; }
    for (;;) {
        if (n == cap) {
            if (cap > max) { *over = true; break; }
            size_t nc = cap * 2;
            char *nb = realloc(buf, nc + 1);
            if (!nb) { free(buf); close(fd); return NULL; }
            buf = nb;
            cap = nc;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR) continue;
            free(buf);
            close(fd);
            return NULL;
        }
        if (r == 0) break;
        n += (size_t)r;
        if (n > max) { *over = true; break; }
    }
    close(fd);
    buf[n] = 0;
    *len = n;
    return buf;
}

/* pdftotext's own reason: the first line of its messages that says something, made one short line. */
static const char *first_message(gk_arena *a, const char *err, size_t n) {
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && err[j] != '\n') j++;
        size_t m = j - i;
        const char *t = gk_trim(err + i, &m);
        if (m) {
            if (m > 160) m = 160;
            char *s = gk_arena_strndup(a, t, m);
            for (size_t k = 0; k < m; k++)
                if ((unsigned char)s[k] < 0x20 || (unsigned char)s[k] >= 0x7F) s[k] = '?';
            return s;
        }
        i = j + 1;
    }
    return NULL;
}

static bool has_text(const char *s, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(s + i, needle, k)) return true;
    return false;
}

typedef struct {
    char dir[4096], in[4200], out[4200], err[4200];
    bool have_dir, have_in;
} tmpfiles;

static void tmp_cleanup(tmpfiles *t) {
    if (t->have_in) unlink(t->in);
    unlink(t->out);
    unlink(t->err);
    if (t->have_dir) rmdir(t->dir);
}

gk_status gk_read_pdf(gk_arena *a, const char *path, const char *bytes, size_t len, gk_doc **out,
                      const char **detail) {
    const char *dummy;
    if (!detail) detail = &dummy;
    *detail = NULL;
    *out = NULL;
    /* the header may follow a little junk (the PDF specification allows 1024 bytes) */
    size_t head = 0;
    bool found = false;
    for (size_t i = 0; i + 5 <= len && i < 1024 && !found; i++)
        if (!memcmp(bytes + i, "%PDF-", 5)) { head = i; found = true; }
    if (!found) { *detail = "not a PDF (no %PDF- header)"; return GK_ERR_MALFORMED; }
    (void)head;
    /* a PDF ends with %%EOF (whatever follows it is at most some padding); without it, a PDF that
     * pdftotext reads only with complaints is taken for a truncated one */
    size_t tail = len > 4096 ? len - 4096 : 0;
    bool eof = has_text(bytes + tail, len - tail, "%%EOF");
    tmpfiles t;
    memset(&t, 0, sizeof t);
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp || strlen(tmp) > 3000) tmp = "/tmp";
    snprintf(t.dir, sizeof t.dir, "%s%s/gongkai-pdf-XXXXXX", tmp[0] == '-' ? "./" : "", tmp);
    if (!mkdtemp(t.dir)) {
        *detail = gk_arena_printf(a, "cannot create a temporary folder in %s: %s", tmp, strerror(errno));
        return GK_ERR_IO;
    }
    t.have_dir = true;
    snprintf(t.in, sizeof t.in, "%s/in.pdf", t.dir);
    snprintf(t.out, sizeof t.out, "%s/out.html", t.dir);
    snprintf(t.err, sizeof t.err, "%s/err.txt", t.dir);
    int fd = open(t.in, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *detail = gk_arena_printf(a, "cannot create a temporary file: %s", strerror(errno));
        tmp_cleanup(&t);
        return GK_ERR_IO;
    }
    t.have_in = true;
    bool wrote = write_all(fd, bytes, len);
    if (close(fd) != 0) wrote = false;
    if (!wrote) {
        *detail = gk_arena_printf(a, "cannot write a temporary file: %s", strerror(errno));
        tmp_cleanup(&t);
        return GK_ERR_IO;
    }
    /* pdftotext -bbox-layout -enc UTF-8 in.pdf out.html; no shell, standard input from /dev/null, its
     * messages to err.txt, signals to their defaults (it stays in our process group: ^C stops it too) */
    const char *prog = getenv("GK_PDFTOTEXT");
    bool search = !prog || !*prog;
    if (search) prog = "pdftotext";
    char *argv[] = {(char *)prog, (char *)"-bbox-layout", (char *)"-enc", (char *)"UTF-8", t.in, t.out, NULL};
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, t.err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawnattr_init(&at);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    sigdelset(&all, SIGKILL);
    sigdelset(&all, SIGSTOP);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &all);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid;
    int rc = search ? posix_spawnp(&pid, prog, &fa, &at, argv, environ) : posix_spawn(&pid, prog, &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    if (rc != 0) {
        tmp_cleanup(&t);
        if (rc == ENOENT || rc == EACCES || rc == ENOTDIR) {
            *detail = "pdftotext (poppler-utils) is not installed";
            return GK_ERR_UNSUPPORTED;
        }
        *detail = gk_arena_printf(a, "cannot run pdftotext: %s", strerror(rc));
        return GK_ERR_IO;
    }
    /* wait, within the time limit and the output limit */
    long limit_ms = PDF_TIMEOUT_MS;
    const char *tl = getenv("GK_PDFTOTEXT_TIMEOUT");
    if (tl && *tl) {
        long v = strtol(tl, NULL, 10);
        if (v >= 1 && v <= 600) limit_ms = v * 1000;
    }
    long long deadline = now_ms() + limit_ms;
    int status = 0;
    bool exited = false, known = true, killed_time = false, killed_size = false;
    long nap = 1;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid) { exited = true; break; }
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) { exited = true; known = false; break; }   /* reaped elsewhere (SIGCHLD ignored) */
        struct stat sb;
        if (stat(t.out, &sb) == 0 && (size_t)sb.st_size > PDF_MAX_OUTPUT) killed_size = true;
        if (now_ms() > deadline) killed_time = true;
        if (killed_size || killed_time) {
            kill(pid, SIGKILL);
            while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
            break;
        }
        sleep_ms(nap);
        if (nap < 20) nap *= 2;
    }
    size_t errlen = 0;
    bool over = false;
    char *err = read_capped(t.err, 8192, &errlen, &over);
    const char *msg = err ? first_message(a, err, errlen) : NULL;
    bool password = err && (has_text(err, errlen, "ncorrect password") || has_text(err, errlen, "encrypted"));
    gk_status result = GK_OK;
    if (killed_time) {
        *detail = gk_arena_printf(a, "pdftotext did not finish within %ld s", limit_ms / 1000);
        result = GK_ERR_UNSAFE;
    } else if (killed_size) {
        *detail = "pdftotext's output grew past 64 MiB";
        result = GK_ERR_UNSAFE;
    } else if (exited && known && WIFSIGNALED(status)) {
        *detail = gk_arena_printf(a, "pdftotext stopped on signal %d%s%s", WTERMSIG(status), msg ? ": " : "", msg ? msg : "");
        result = GK_ERR_MALFORMED;
    } else if (exited && known && WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        int code = WEXITSTATUS(status);
        if (code == 127 && !msg) {
            *detail = "pdftotext (poppler-utils) is not installed";
            result = GK_ERR_UNSUPPORTED;
        } else if (password) {
            *detail = "the PDF is encrypted: a password is needed to read it";
            result = GK_ERR_UNSUPPORTED;
        } else if (code == 3) {
            *detail = "the PDF is encrypted: it does not allow its text to be copied";
            result = GK_ERR_UNSUPPORTED;
        } else {
            *detail = gk_arena_printf(a, "the PDF is %s: %s", eof ? "damaged" : "truncated (it does not end with %%EOF)",
                                      msg ? msg : "pdftotext could not read it");
            result = GK_ERR_MALFORMED;
        }
    } else if (!eof && msg) {
        *detail = gk_arena_printf(a, "the PDF is truncated (it does not end with %%%%EOF): %s", msg);
        result = GK_ERR_MALFORMED;
    }
    free(err);
    if (result != GK_OK) { tmp_cleanup(&t); return result; }
    size_t xl = 0;
    char *xml = read_capped(t.out, PDF_MAX_OUTPUT, &xl, &over);
    tmp_cleanup(&t);
    if (!xml) {
        *detail = gk_arena_printf(a, "the PDF is damaged: %s", msg ? msg : "pdftotext wrote nothing");
        return GK_ERR_MALFORMED;
    }
    if (over) {
        free(xml);
        *detail = "pdftotext's output grew past 64 MiB";
        return GK_ERR_UNSAFE;
    }
    gk_status st = gk_read_pdf_layout(a, path, xml, xl, out, detail);
    free(xml);
    if (st == GK_ERR_MALFORMED && msg) *detail = gk_arena_printf(a, "the PDF is damaged: %s", msg);
    return st;
}
