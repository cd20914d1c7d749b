/* read_txt.c: the plain-text reader. Text copied out of Word arrives in two table layouts:
 *   tab rows       one table row per line, cells separated by TAB (merged cells appear once);
 *   cell lines     one cell per line, each line starting with a TAB, a blank line between rows;
 *                  a line without the TAB continues the cell above it (商业\n企业), and a lone number
 *                  after a blank line fills a blank cell broken over lines (seed 001, 3.其他 总计).
 * Everything else is a paragraph, one per line. */
#include "gongkai/doc.h"
#include "gongkai/text.h"
#include "sniff.h"

#include <string.h>

typedef enum { L_BLANK, L_TEXT, L_CELL, L_ROW } lclass;

typedef struct {
    uint32_t start, len;
    lclass cls;
} tline;

static lclass classify(const char *s, uint32_t len) {
    const char *tab = memchr(s, '\t', len);
    if (!tab) return gk_is_blank(s, len) ? L_BLANK : L_TEXT;
    if (tab == s && !memchr(s + 1, '\t', len - 1)) return L_CELL;
    return L_ROW;
}

/* A short number standing alone: the tail of a cell that Word broke over lines. */
static bool lone_number(const char *s, uint32_t len) {
    size_t n = len;
    s = gk_trim(s, &n);
    if (n == 0 || n > 24) return false;
    gk_decimal d;
    return gk_parse_cell_number(s, n, true, &d) == GK_NP_NUMBER;
}

/* true when a byte of the 8 at p is below 0x20 (exact as a whole; which byte is not said). */
static inline bool has_control(const char *p) {
    uint64_t w;
    memcpy(&w, p, 8);
    return ((w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull) != 0;
}

/* NUL, too many control characters, bad UTF-8 (unless the text is known to be valid), only space. */
static gk_status check_bytes(const char *b, size_t len, bool valid_utf8, size_t *bad) {
    if (len == 0) return GK_ERR_EMPTY;
    if (memchr(b, 0, len)) { *bad = (size_t)((const char *)memchr(b, 0, len) - b); return GK_ERR_BINARY; }
    size_t ctrl = 0;
    for (size_t i = 0; i < len;) {
        if (i + 8 <= len && !has_control(b + i)) { i += 8; continue; }   /* the usual: no control byte */
        size_t end = i + 8 < len ? i + 8 : len;
        for (; i < end; i++) {
            unsigned char c = (unsigned char)b[i];
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ctrl++;
        }
    }
    if (ctrl > 8 && ctrl * 100 > len) return GK_ERR_BINARY;
    if (!valid_utf8 && !gk_utf8_valid(b, len, bad)) return GK_ERR_ENCODING;
    if (gk_is_blank(b, len)) return GK_ERR_EMPTY;
    return GK_OK;
}

/* The end of the line that starts at i: the next LF, or CR when the text has one. */
static uint32_t line_end(const char *src, uint32_t i, uint32_t len, bool has_cr) {
    if (!has_cr) {
        const char *lf = memchr(src + i, '\n', len - i);
        return lf ? (uint32_t)(lf - src) : len;
    }
    while (i < len && src[i] != '\n' && src[i] != '\r') i++;
    return i;
}

static gk_status read_txt(gk_arena *a, const char *path, const char *bytes, size_t len, bool valid_utf8,
                          gk_doc **out, size_t *bad_offset) {
    size_t bad = 0;
    *out = NULL;
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) { bytes += 3; len -= 3; }
    if (len > UINT32_MAX - 1) return GK_ERR_TOO_LARGE;
    gk_status st = check_bytes(bytes, len, valid_utf8, &bad);
    if (bad_offset) *bad_offset = bad;
    if (st != GK_OK) return st;

    gk_doc *d = gk_arena_alloc(a, sizeof *d);
    d->arena = a;
    d->path = gk_arena_strdup(a, path);
    /* decoded text already lives in the arena, NUL-terminated (sniff.h): the document's source as it is */
    const char *src = valid_utf8 ? bytes : gk_arena_strndup(a, bytes, len);
    d->src = src;
    d->srclen = len;

    /* Split into lines (LF, CRLF or CR). */
    bool has_cr = memchr(src, '\r', len) != NULL;
    gk_vec lines = {0};
    for (uint32_t i = 0; i <= len;) {
        uint32_t j = line_end(src, i, (uint32_t)len, has_cr);
        tline *l = gk_vec_push(a, &lines, sizeof(tline));
        l->start = i;
        l->len = j - i;
        l->cls = classify(src + i, l->len);
        if (j >= len) break;
        i = j + 1 + (src[j] == '\r' && j + 1 < len && src[j + 1] == '\n');
    }
    tline *L = lines.data;
    uint32_t nl = lines.n;
    d->nlines = nl;

    gk_vec blocks = {0};
    uint32_t i = 0;
    while (i < nl) {
        if (L[i].cls == L_BLANK) { i++; continue; }
        if (L[i].cls == L_TEXT) {
            gk_block *b = gk_vec_push(a, &blocks, sizeof(gk_block));
            size_t n = L[i].len;
            const char *t = gk_trim(src + L[i].start, &n);
            b->kind = GK_BLOCK_PARA;
            b->text = t;
            b->len = n;
            b->line = b->end_line = i + 1;
            i++;
            continue;
        }
        gk_block *b = gk_vec_push(a, &blocks, sizeof(gk_block));
        b->kind = GK_BLOCK_TABLE;
        b->line = i + 1;
        gk_vec rows = {0};
        if (L[i].cls == L_ROW) {
            while (i < nl && L[i].cls == L_ROW) {
                gk_drow *r = gk_vec_push(a, &rows, sizeof(gk_drow));
                r->line = i + 1;
                uint32_t p = L[i].start, end = L[i].start + L[i].len, ncells = 1;
                for (uint32_t q = p; q < end; q++) ncells += src[q] == '\t';   /* one allocation per row */
                gk_dcell *cells = gk_arena_alloc(a, ncells * sizeof(gk_dcell));
                for (uint32_t col = 1; col <= ncells; col++) {
                    const char *tab = memchr(src + p, '\t', end - p);
                    uint32_t q = tab ? (uint32_t)(tab - src) : end;
                    gk_dcell *c = &cells[col - 1];
                    c->text = src + p;
                    c->len = q - p;
                    c->src = (gk_src){i + 1, col, p, q - p};
                    p = q + 1;
                }
                r->cells = cells;
                r->ncells = ncells;
                i++;
            }
        } else {
            gk_vec cells = {0};
            uint32_t row_line = i + 1;
            bool after_blank = false;
            while (i < nl) {
                lclass c = L[i].cls;
                if (c == L_CELL) {
                    if (cells.n == 0) row_line = i + 1;
                    gk_dcell *cell = gk_vec_push(a, &cells, sizeof(gk_dcell));
                    cell->text = src + L[i].start + 1;
                    cell->len = L[i].len - 1;
                    cell->src = (gk_src){i + 1, cells.n, L[i].start + 1, L[i].len - 1};
                    after_blank = false;
                    i++;
                } else if (c == L_TEXT && !after_blank && cells.n > 0) {
                    gk_dcell *cell = &((gk_dcell *)cells.data)[cells.n - 1];
                    uint32_t end = L[i].start + L[i].len;
                    cell->text = gk_arena_printf(a, "%.*s\n%.*s", (int)cell->len, cell->text, (int)L[i].len,
                                                 src + L[i].start);
                    cell->len = strlen(cell->text);
                    cell->src.len = end - cell->src.offset;
                    i++;
                } else if (c == L_BLANK) {
                    if (cells.n) {
                        gk_drow *r = gk_vec_push(a, &rows, sizeof(gk_drow));
                        r->cells = cells.data;
                        r->ncells = cells.n;
                        r->line = row_line;
                        cells = (gk_vec){0};
                    }
                    after_blank = true;
                    i++;
                } else if (c == L_TEXT && rows.n > 0 && lone_number(src + L[i].start, L[i].len)) {
                    /* after a blank line: only a number that completes a blank last cell */
                    gk_drow *prev = &((gk_drow *)rows.data)[rows.n - 1];
                    gk_dcell *cell = &prev->cells[prev->ncells - 1];
                    uint32_t k = i + 1;
                    while (k < nl && L[k].cls == L_BLANK) k++;
                    if (!gk_is_blank(cell->text, cell->len) || (k < nl && L[k].cls != L_CELL)) break;
                    uint32_t end = L[i].start + L[i].len;
                    cell->text = gk_arena_printf(a, "%.*s\n%.*s", (int)cell->len, cell->text, (int)L[i].len,
                                                 src + L[i].start);
                    cell->len = strlen(cell->text);
                    cell->src.len = end - cell->src.offset;
                    i++;
                } else {
                    break;
                }
            }
            if (cells.n) {
                gk_drow *r = gk_vec_push(a, &rows, sizeof(gk_drow));
                r->cells = cells.data;
                r->ncells = cells.n;
                r->line = row_line;
            }
        }
        b->rows = rows.data;
        b->nrows = rows.n;
        b->end_line = i;
    }
    d->blocks = blocks.data;
    d->nblocks = blocks.n;
    *out = d;
    return GK_OK;
}

gk_status gk_read_txt(gk_arena *a, const char *path, const char *bytes, size_t len, gk_doc **out,
                      size_t *bad_offset) {
    return read_txt(a, path, bytes, len, false, out, bad_offset);
}

gk_status gk_read_txt_decoded(gk_arena *a, const char *path, const char *utf8, size_t len, gk_doc **out,
                               size_t *bad_offset) {
    return read_txt(a, path, utf8, len, true, out, bad_offset);
}
