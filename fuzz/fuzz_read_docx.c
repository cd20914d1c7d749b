/* fuzz_read_docx.c: libFuzzer target for the DOCX reader (src/doc/read_docx.c) and what follows it.
 *
 * The input is either a whole archive or the XML of one, so that the fuzzer need not learn zip:
 *   starts with "PK"   the bytes are the DOCX (a zip): read by gk_read_docx and through gk_report_from_bytes;
 *   '0' + XML          the rest is word/document.xml;
 *   '1' + XML          the rest is a body fragment, wrapped in <w:document><w:body>…</w:body></w:document>
 *                      with the usual namespaces declared;
 *   '2' + XML\0XML     document.xml, a NUL, then numbering.xml;
 *   any other first byte: like '0', '1', '2' by its value modulo 3.
 * The XML forms are zipped (stored) with a fixed numbering.xml and styles.xml unless given. `test_docx`
 * writes seeds of all forms when GK_DOCX_DUMP names a folder.
 *
 * Besides the sanitizers, the target checks the reader's contract (doc.h) and aborts when it breaks:
 *   - a failure leaves *out NULL and gives a short detail; success gives format "docx", encoding "UTF-8";
 *   - blocks: paragraphs non-empty, trimmed, without NUL; tables with rows; lines within 1..nlines and in
 *     order; rows: cells[k].src.col == k + 1 and src.line == the row's line; text length == len;
 *   - a spanned position has empty text and no spans; an origin's colspan ≥ 1, and the positions it covers
 *     to its right are spanned; an origin's rowspan ≥ 1 and the positions below it that it covers are spanned;
 * then recognition, the rules and the JSON renderer run on the document (the JSON must parse).
 * Set GK_FUZZ_NO_ORACLE=1 to keep only the sanitizers. */
#include "gongkai/base.h"
#include "gongkai/check.h"
#include "gongkai/doc.h"
#include "gongkai/render.h"
#include "gongkai/report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static int oracles = -1;

static void broken(const char *what) {
    fprintf(stderr, "fuzz_read_docx: contract broken: %s\n", what);
    abort();
}

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

static const char NUMBERING[] =
    "<?xml version=\"1.0\"?><w:numbering xmlns:w=\"" W_NS "\">"
    "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
    "<w:suff w:val=\"nothing\"/><w:lvlText w:val=\"%1、\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/>"
    "<w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl><w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/>"
    "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.%3.\"/><w:isLgl/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"0\"/><w:numFmt w:val=\"upperRoman\"/>"
    "<w:lvlText w:val=\"%1)\"/><w:lvlRestart w:val=\"0\"/><w:pStyle w:val=\"H\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"7\"/>"
    "</w:lvlOverride></w:num><w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

static const char STYLES[] =
    "<?xml version=\"1.0\"?><w:styles xmlns:w=\"" W_NS "\">"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"N\"/>"
    "<w:style w:type=\"paragraph\" w:styleId=\"H\"><w:basedOn w:val=\"N\"/><w:pPr><w:numPr><w:numId w:val=\"2\"/>"
    "</w:numPr></w:pPr></w:style><w:style w:type=\"paragraph\" w:styleId=\"L\"><w:basedOn w:val=\"L\"/></w:style>"
    "</w:styles>";

static const char HEAD[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"" W_NS "\" "
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><w:body>";
static const char TAIL[] = "</w:body></w:document>";

/* A stored zip of the parts, in memory (malloc'd); NULL if libzip fails. */
static char *zip_of(const char *doc, size_t dlen, const char *num, size_t nlen, size_t *len) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_error_fini(&ze);
    if (!src) return NULL;
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
    if (!z) { zip_source_free(src); return NULL; }
    zip_source_keep(src);
    const char *names[3] = {"word/document.xml", "word/numbering.xml", "word/styles.xml"};
    const char *data[3] = {doc, num, STYLES};
    size_t lens[3] = {dlen, nlen, sizeof STYLES - 1};
    for (int i = 0; i < 3; i++) {
        zip_source_t *s = zip_source_buffer(z, data[i], lens[i], 0);
        zip_int64_t k = s ? zip_file_add(z, names[i], s, 0) : -1;
        if (k < 0) { zip_source_free(s); zip_discard(z); zip_source_free(src); return NULL; }
        zip_set_file_compression(z, (zip_uint64_t)k, ZIP_CM_STORE, 0);
    }
    if (zip_close(z) != 0) { zip_discard(z); zip_source_free(src); return NULL; }
    char *out = NULL;
    zip_stat_t st;
    if (zip_source_open(src) == 0) {
        if (zip_source_stat(src, &st) == 0 && (out = malloc(st.size + 1)) != NULL) {
            zip_int64_t n = zip_source_read(src, out, st.size);
            if (n != (zip_int64_t)st.size) { free(out); out = NULL; }
            else *len = (size_t)st.size;
        }
        zip_source_close(src);
    }
    zip_source_free(src);
    return out;
}

static void check_doc(const gk_doc *d) {
    if (!d->format || strcmp(d->format, "docx") != 0) broken("format is not \"docx\"");
    if (!d->encoding || strcmp(d->encoding, "UTF-8") != 0) broken("encoding is not UTF-8");
    if (d->src && (d->src[d->srclen] != 0)) broken("src is not NUL-terminated");
    uint32_t last = 0;
    for (uint32_t i = 0; i < d->nblocks; i++) {
        const gk_block *b = &d->blocks[i];
        if (b->line < 1 || b->line > d->nlines || b->end_line < b->line || b->end_line > d->nlines)
            broken("a block's lines are outside 1..nlines");
        /* (a text box's paragraphs come before the paragraph that anchors them: ordinals still grow) */
        if (b->line < last) broken("blocks are not in the order of their lines");
        last = b->end_line;
        if (b->kind == GK_BLOCK_PARA) {
            if (!b->text || b->len == 0 || strlen(b->text) != b->len) broken("a paragraph is empty or has a NUL");
            if (b->text[0] == ' ' || b->text[b->len - 1] == ' ' || b->text[b->len - 1] == '\n')
                broken("a paragraph is not trimmed");
            continue;
        }
        if (b->kind != GK_BLOCK_TABLE || b->nrows == 0 || !b->rows) broken("a table without rows");
        for (uint32_t r = 0; r < b->nrows; r++) {
            const gk_drow *row = &b->rows[r];
            if (row->line < b->line || row->line > b->end_line || (r && row->line <= b->rows[r - 1].line))
                broken("table rows are not numbered in order");
            for (uint32_t c = 0; c < row->ncells; c++) {
                const gk_dcell *cell = &row->cells[c];
                if (!cell->text || strlen(cell->text) != cell->len) broken("a cell's length is not its text's");
                if (cell->src.col != c + 1 || cell->src.line != row->line) broken("a cell's source is not its place");
                if (cell->spanned) {
                    if (cell->len || cell->rowspan || cell->colspan) broken("a spanned position has text or spans");
                    continue;
                }
                if (cell->colspan < 1 || cell->rowspan < 1) broken("an origin without spans");
                if (c + cell->colspan > row->ncells) broken("a colspan runs past its row");
                for (uint32_t k = 1; k < cell->colspan; k++)
                    if (!row->cells[c + k].spanned) broken("a position a colspan covers is not spanned");
                for (uint32_t k = 1; k < cell->rowspan; k++) {
                    if (r + k >= b->nrows) broken("a rowspan runs past its table");
                    const gk_drow *below = &b->rows[r + k];
                    for (uint32_t j = 0; j < cell->colspan; j++)
                        if (c + j >= below->ncells || !below->cells[c + j].spanned)
                            broken("a position a rowspan covers is not spanned");
                }
            }
        }
    }
}

static void after(gk_arena *a, gk_doc *d) {
    gk_report *r = NULL;
    if (gk_recognize(d, &r) != GK_OK || !r) return;
    gk_check_report(r);
    gk_buf b;
    gk_buf_init(&b);
    gk_render_json(r, &b, "zh", false);
    if (oracles) {
        json_error_t err;
        json_t *root = json_loadb(b.data, b.len, 0, &err);
        if (!root) broken("gk_render_json wrote invalid JSON");
        json_decref(root);
    }
    gk_buf_free(&b);
    (void)a;
}

static void read_docx(const char *bytes, size_t len) {
    gk_arena *a = gk_arena_new();
    gk_doc *d = (gk_doc *)(uintptr_t)1;
    const char *detail = NULL;
    gk_status st = gk_read_docx(a, "fuzz.docx", bytes, len, &d, &detail);
    if (st == GK_OK) {
        if (!d) broken("success without a document");
        if (oracles) check_doc(d);
        after(a, d);
    } else {
        if (d) broken("a failure left a document");
        if (!detail || strlen(detail) > 1000) broken("a failure without a short detail");
        if (st != GK_ERR_MALFORMED && st != GK_ERR_UNSAFE && st != GK_ERR_EMPTY && st != GK_ERR_NOMEM)
            broken("an unexpected status");
    }
    gk_arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (oracles < 0) {
        const char *e = getenv("GK_FUZZ_NO_ORACLE");
        oracles = !(e && *e && strcmp(e, "0"));
    }
    if (size == 0) return 0;
    const char *in = (const char *)data;
    if (size >= 2 && in[0] == 'P' && in[1] == 'K') {
        read_docx(in, size);
        /* the front door too: sniffing sends it to the same reader */
        gk_arena *a = gk_arena_new();
        gk_report *r = NULL;
        const char *detail = NULL;
        (void)gk_report_from_bytes(a, "fuzz.docx", in, size, &r, &detail);
        gk_arena_free(a);
        return 0;
    }
    int mode = (unsigned char)in[0] % 3;
    const char *x = in + 1;
    size_t n = size - 1, nlen = sizeof NUMBERING - 1;
    const char *num = NUMBERING;
    char *buf = NULL;
    if (mode == 1) {
        buf = malloc(sizeof HEAD + n + sizeof TAIL);
        if (!buf) return 0;
        memcpy(buf, HEAD, sizeof HEAD - 1);
        memcpy(buf + sizeof HEAD - 1, x, n);
        memcpy(buf + sizeof HEAD - 1 + n, TAIL, sizeof TAIL - 1);
        x = buf;
        n = sizeof HEAD - 1 + n + sizeof TAIL - 1;
    } else if (mode == 2) {
        const char *nul = memchr(x, 0, n);
        if (nul) {
            num = nul + 1;
            nlen = n - (size_t)(nul + 1 - x);
            n = (size_t)(nul - x);
        }
    }
    size_t zlen = 0;
    char *z = zip_of(x, n, num, nlen, &zlen);
    if (z) read_docx(z, zlen);
    free(z);
    free(buf);
    return 0;
}
