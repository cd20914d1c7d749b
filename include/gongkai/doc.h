/* gongkai/doc.h: the format-neutral document. A list of blocks, each a paragraph or a grid of
 * cells, every block and cell remembering where it came from. One reader per input format fills it. */
#ifndef GONGKAI_DOC_H
#define GONGKAI_DOC_H

#include "gongkai/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_src {
    uint32_t line;        /* 1-based line in the source where it starts */
    uint32_t col;         /* 1-based cell index within its source row (0 = not a cell) */
    uint32_t offset;      /* byte offset of its raw text in the (decoded) source */
    uint32_t len;         /* bytes of raw text */
} gk_src;

typedef struct gk_dcell {
    const char *text;     /* cell text as in the source (lines of a broken cell joined by '\n') */
    size_t len;
    gk_src src;
    uint16_t rowspan, colspan;  /* spans of a merged cell at its origin (0 = unknown / 1) */
    bool spanned;         /* a grid position covered by a merged cell that starts elsewhere: text "" */
    /* Recognition's memo, so that each cell is parsed and folded once however many times tables are
     * classified and mapped (src/recognize/cells.c). Readers leave it zero and never change text after. */
    uint8_t memo_np;      /* how the text parses as a number (cells.c) */
    bool memo_label;      /* label_off/label_len are known */
    uint8_t memo_words;   /* which telling words it holds (tables.c), bit 7 set once known */
    uint8_t memo_t3row;   /* the 2021 t3 row its label names, + 2 (1: none; 0: not known yet) */
    uint32_t label_off, label_len;   /* the label: folded text without its numbering and trailing colons */
    const char *folded;   /* gk_fold of the text, NULL until needed */
    int64_t memo_value;   /* the number, when it parses as one (scale digits after the point) */
    uint8_t memo_scale;
} gk_dcell;

typedef struct gk_drow {
    gk_dcell *cells;
    uint32_t ncells;
    uint32_t line;
} gk_drow;

typedef enum gk_block_kind { GK_BLOCK_PARA = 0, GK_BLOCK_TABLE } gk_block_kind;

typedef struct gk_block {
    gk_block_kind kind;
    uint32_t line, end_line;
    const char *text;     /* paragraph text (GK_BLOCK_PARA), simplified when the source is traditional */
    size_t len;
    const char *orig;     /* the paragraph as the source wrote it, when it differs from text (else NULL) */
    size_t orig_len;
    gk_drow *rows;        /* GK_BLOCK_TABLE */
    uint32_t nrows;
} gk_block;

typedef struct gk_doc {
    gk_arena *arena;
    const char *path;     /* as given by the user, for messages */
    const char *src;      /* the decoded source text (UTF-8, NUL-terminated) */
    size_t srclen;
    gk_block *blocks;
    uint32_t nblocks;
    uint32_t nlines;
    const char *format;   /* "txt", "html", "docx", "md" */
    const char *encoding; /* the source encoding ("UTF-8", "GB18030", "UTF-16LE" …) */
    bool traditional;     /* the source was in traditional characters (texts were simplified) */
} gk_doc;

/* Reads any supported input: sniffs the format from the bytes (and the name as a hint), decodes the
 * text encoding, and calls the reader for that format. *detail receives a short reason on failure
 * (may be NULL), allocated in the arena. */
gk_status gk_read_any(gk_arena *a, const char *path, const char *bytes, size_t len, gk_doc **out,
                      const char **detail);

/* Reads plain text (as copied out of Word: tab-separated rows, or one cell per line with blank lines
 * between rows). The bytes must be UTF-8 (a BOM is dropped); the doc keeps a copy in its arena. */
gk_status gk_read_txt(gk_arena *a, const char *path, const char *bytes, size_t len, gk_doc **out,
                      size_t *bad_offset);

/* Reads HTML (UTF-8): paragraphs and tables, rowspan/colspan resolved into a true grid (covered positions
 * are cells with spanned = true and empty text). */
gk_status gk_read_html(gk_arena *a, const char *path, const char *utf8, size_t len, gk_doc **out,
                       const char **detail);

/* Reads a DOCX (the zip bytes): paragraphs (with their list numbering) and tables (gridSpan, vMerge). */
gk_status gk_read_docx(gk_arena *a, const char *path, const char *bytes, size_t len, gk_doc **out,
                       const char **detail);

/* Reads Markdown (UTF-8): pipe tables, including the broken ones of PDF-to-Markdown converters. */
gk_status gk_read_md(gk_arena *a, const char *path, const char *utf8, size_t len, gk_doc **out,
                     const char **detail);

/* Reads a PDF (the file's bytes) through poppler's `pdftotext -bbox-layout`, run as a separate process
 * (gongkai links no PDF code): columns from word positions, wrapped rows joined, tables continued across
 * pages, repeated headers, page numbers and footers dropped. Lines are page * 1000 + line on the page.
 * A PDF without a text layer, an encrypted or a truncated PDF fails with a reason in *detail. */
gk_status gk_read_pdf(gk_arena *a, const char *path, const char *bytes, size_t len, gk_doc **out,
                      const char **detail);

/* Decodes bytes to UTF-8: BOM (UTF-8, UTF-16LE/BE), UTF-16 without BOM, the HTML meta charset, valid UTF-8,
 * else GB18030 (a superset of GBK and GB2312). *encoding receives the name used ("UTF-8", "UTF-16LE",
 * "GB18030" …). The result is NUL-terminated, in the arena. */
gk_status gk_decode(gk_arena *a, const char *bytes, size_t len, char **utf8, size_t *utf8_len,
                    const char **encoding, const char **detail);

/* Scraper text whose article was flattened into one line: splits it back into paragraphs at the headings and
 * statutory labels (table rows whose cells ran together stay as "label + digit run" paragraphs for the
 * recognizer's digit splitter). Does nothing to ordinary text. */
void gk_doc_unflatten(gk_doc *doc);

/* When the document is written in traditional characters, converts every paragraph and cell text to
 * simplified (OpenCC t2s) for recognition, keeping each paragraph's original in gk_block.orig.
 * Returns true when it converted anything. */
bool gk_doc_simplify(gk_doc *doc);

#ifdef __cplusplus
}
#endif
#endif
