/* read_md.c: Markdown as published by converters (PDF-to-Markdown, OCR re-typesetting): pipe tables
 * become grids (separator lines |---| skipped, a row's leading and trailing pipe optional, "\|" kept as a
 * literal pipe); heading markers (#), emphasis (**) and list bullets are stripped from paragraphs.
 * Converters break tables apart and float labels outside them; stitching the pieces back together is the
 * recognizer's work (it sees every piece in order, with the lines between). */
#include "gongkai/doc.h"
#include "gongkai/text.h"

#include <string.h>

static bool is_pipe_row(const char *s, size_t n) {
    const char *t = gk_trim(s, &n);
    return n >= 2 && t[0] == '|';
}

static bool is_separator(const char *s, size_t n) {
    const char *t = gk_trim(s, &n);
    if (n < 3 || t[0] != '|' || !memchr(t, '-', n)) return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr("|-: \t", t[i])) return false;
    return true;
}

/* Paragraph text without Markdown decoration: "## 一、总体情况" → "一、总体情况", "**x**" → "x". */
static const char *plain(gk_arena *a, const char *s, size_t *n) {
    const char *t = gk_trim(s, n);
    if (*n >= 2 && t[0] == '\\' && strchr("|#-*>", t[1])) { t++; (*n)--; return t; }   /* an escaped line start */
    size_t k = 0;
    while (k < *n && t[k] == '#') k++;
    if (k > 0 && k < *n && (t[k] == ' ' || t[k] == '\t')) { t += k; *n -= k; t = gk_trim(t, n); }
    if (*n >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '>') && t[1] == ' ') { t += 2; *n -= 2; t = gk_trim(t, n); }
    if (!memchr(t, '*', *n)) return t;
    char *o = gk_arena_alloc(a, *n + 1);
    size_t m = 0;
    for (size_t i = 0; i < *n; i++) {
        if (t[i] == '*' && i + 1 < *n && t[i + 1] == '*') { i++; continue; }
        o[m++] = t[i];
    }
    o[m] = 0;
    *n = m;
    return o;
}

gk_status gk_read_md(gk_arena *a, const char *path, const char *utf8, size_t len, gk_doc **out,
                     const char **detail) {
    (void)detail;
    *out = NULL;
    if (len > UINT32_MAX - 1) return GK_ERR_TOO_LARGE;
    if (gk_is_blank(utf8, len)) return GK_ERR_EMPTY;
    gk_doc *d = gk_arena_alloc(a, sizeof *d);
    d->arena = a;
    d->path = gk_arena_strdup(a, path);
    d->src = utf8;
    d->srclen = len;
    gk_vec blocks = {0};
    gk_block *table = NULL;
    gk_vec rows = {0};
    uint32_t line = 0;
    for (size_t i = 0; i <= len;) {
        size_t j = i;
        while (j < len && utf8[j] != '\n') j++;
        size_t n = j - i;
        if (n && utf8[i + n - 1] == '\r') n--;
        line++;
        const char *s = utf8 + i;
        if (is_pipe_row(s, n)) {
            if (!table) {
                table = gk_vec_push(a, &blocks, sizeof(gk_block));
                table->kind = GK_BLOCK_TABLE;
                table->line = line;
                rows = (gk_vec){0};
            }
            if (!is_separator(s, n)) {
                gk_drow *r = gk_vec_push(a, &rows, sizeof(gk_drow));
                r->line = line;
                gk_vec cells = {0};
                size_t tn = n;
                const char *t = gk_trim(s, &tn);
                size_t p = 1;   /* after the leading pipe */
                size_t end = tn;
                if (end > 1 && t[end - 1] == '|' && !(end > 2 && t[end - 2] == '\\')) end--;
                uint32_t col = 1;
                while (p <= end) {
                    size_t q = p;
                    while (q < end && !(t[q] == '|' && !(q > 0 && t[q - 1] == '\\'))) q++;
                    gk_dcell *c = gk_vec_push(a, &cells, sizeof(gk_dcell));
                    c->text = t + p;
                    c->len = q - p;
                    c->src = (gk_src){line, col++, (uint32_t)(t + p - utf8), (uint32_t)(q - p)};
                    if (q >= end) break;
                    p = q + 1;
                }
                r->cells = cells.data;
                r->ncells = cells.n;
            }
            table->rows = rows.data;
            table->nrows = rows.n;
            table->end_line = line;
        } else {
            table = NULL;
            if (!gk_is_blank(s, n)) {
                size_t pn = n;
                const char *pt = plain(a, s, &pn);
                if (pn) {
                    gk_block *b = gk_vec_push(a, &blocks, sizeof(gk_block));
                    b->kind = GK_BLOCK_PARA;
                    b->text = pt;
                    b->len = pn;
                    b->line = b->end_line = line;
                }
            }
        }
        if (j >= len) break;
        i = j + 1;
    }
    d->blocks = blocks.data;
    d->nblocks = blocks.n;
    d->nlines = line;
    *out = d;
    return GK_OK;
}
