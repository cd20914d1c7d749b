/* fuzz_decode.c: libFuzzer target for the encoding layer and the sniffing in front of the readers:
 * gk_decode, gk_js_html_literal + gk_js_unescape (src/doc/sniff.h), gk_read_any (which also runs
 * gk_doc_simplify), each in a fresh arena.
 *
 * Besides the sanitizers, it aborts (a crash for libFuzzer) when an output contract breaks:
 *   - gk_decode: on success the text is NUL-terminated at its length, valid UTF-8, at most 4 × the input
 *     (+16), with an encoding name; on GK_ERR_ENCODING / GK_ERR_BINARY the detail is a decimal byte
 *     offset inside the input;
 *   - gk_js_html_literal: the literal lies inside the text; gk_js_unescape never grows its input, ends
 *     in NUL, and keeps valid UTF-8 valid;
 *   - gk_read_any: a document has an encoding, and every text it holds is where it says it is; a paragraph
 *     with an original (traditional) text has it non-empty.
 * One input in 64 (size % 64 == 7) is also read with a traditional-character prefix, so that the OpenCC
 * path runs on fuzzed text without paying for opencc_open on every input. */
#include "doc/sniff.h"
#include "gongkai/base.h"
#include "gongkai/doc.h"
#include "gongkai/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void broken(const char *what) {
    fprintf(stderr, "fuzz_decode: contract broken: %s\n", what);
    abort();
}

static void check_offset(const char *detail, size_t size) {
    if (!detail || !*detail) broken("an encoding or binary error without a byte offset");
    size_t v = 0;
    for (const char *p = detail; *p; p++) {
        if (*p < '0' || *p > '9') broken("the byte offset is not a decimal number");
        if (v > size) broken("the byte offset is past the input");
        v = v * 10 + (size_t)(*p - '0');
    }
    if (v > size) broken("the byte offset is past the input");
}

static void check_doc(const gk_doc *doc) {
    if (!doc) broken("gk_read_any returned GK_OK without a document");
    if (!doc->encoding && doc->format && strcmp(doc->format, "docx") != 0) broken("a text document without an encoding");
    for (uint32_t b = 0; b < doc->nblocks; b++) {
        const gk_block *bk = &doc->blocks[b];
        if (bk->kind == GK_BLOCK_PARA) {
            if (bk->len && !bk->text) broken("a paragraph with a length and no text");
            if (bk->orig && bk->orig_len == 0) broken("an empty original paragraph text");
            if (bk->text && doc->traditional && !gk_utf8_valid(bk->text, bk->len, NULL))
                broken("a simplified paragraph is not valid UTF-8");
            continue;
        }
        for (uint32_t r = 0; r < bk->nrows; r++)
            for (uint32_t c = 0; c < bk->rows[r].ncells; c++) {
                const gk_dcell *cell = &bk->rows[r].cells[c];
                if (cell->len && !cell->text) broken("a cell with a length and no text");
                if (doc->src && cell->src.len && (size_t)cell->src.offset + cell->src.len > doc->srclen)
                    broken("a cell's source span is past the source");
            }
    }
}

static void run_read_any(const char *bytes, size_t size) {
    gk_arena *a = gk_arena_new();
    gk_doc *doc = NULL;
    const char *detail = NULL;
    gk_status st = gk_read_any(a, "fuzz", bytes, size, &doc, &detail);
    if (st == GK_OK) check_doc(doc);
    else if (detail && strlen(detail) > 4096) broken("the failure detail is not a short reason");
    gk_arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *in = (const char *)data;
    gk_arena *a = gk_arena_new();

    char *text = NULL;
    size_t tlen = 0;
    const char *enc = NULL, *detail = NULL;
    gk_status st = gk_decode(a, in, size, &text, &tlen, &enc, &detail);
    if (st == GK_OK) {
        if (!text || !enc) broken("gk_decode succeeded without a text or an encoding name");
        if (text[tlen] != 0) broken("the decoded text is not NUL-terminated at its length");
        if (tlen > 4 * size + 16) broken("the decoded text is more than 4 x the input");
        if (!gk_utf8_valid(text, tlen, NULL)) broken("the decoded text is not valid UTF-8");
        size_t ls = 0, ll = 0;
        if (gk_js_html_literal(text, tlen, &ls, &ll)) {
            if (ls > tlen || ll > tlen - ls) broken("the JS literal is outside the text");
            size_t hl = 0;
            char *html = gk_js_unescape(a, text + ls, ll, &hl);
            if (hl > ll || html[hl] != 0) broken("gk_js_unescape grew its input or lost its NUL");
            if (!gk_utf8_valid(html, hl, NULL)) broken("gk_js_unescape made valid UTF-8 invalid");
        }
    } else if (st == GK_ERR_ENCODING || st == GK_ERR_BINARY) {
        check_offset(detail, size);
    }

    /* the unescaper on raw bytes: never past its input, valid stays valid */
    size_t ol = 0;
    char *o = gk_js_unescape(a, in, size, &ol);
    if (ol > size || o[ol] != 0) broken("gk_js_unescape grew its input or lost its NUL");
    if (gk_utf8_valid(in, size, NULL) && !gk_utf8_valid(o, ol, NULL)) broken("gk_js_unescape made valid UTF-8 invalid");
    gk_arena_free(a);

    run_read_any(in, size);

    if (size % 64 == 7) {
        static const char prefix[] = "某某區政府資訊公開工作年度報告\n一、總體情況\n本機關處理申請與復議。\n";
        size_t pn = sizeof prefix - 1;
        char *buf = malloc(pn + size + 1);
        if (!buf) return 0;
        memcpy(buf, prefix, pn);
        if (size) memcpy(buf + pn, data, size);
        run_read_any(buf, pn + size);
        free(buf);
    }
    return 0;
}
