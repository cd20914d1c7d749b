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
    const char *text;     /* paragraph text (GK_BLOCK_PARA) */
    size_t len;
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
} gk_doc;

/* Reads plain text (as copied out of Word: tab-separated rows, or one cell per line with blank lines
 * between rows). The bytes must be UTF-8 (a BOM is dropped); the doc keeps a copy in its arena. */
gk_status gk_read_txt(gk_arena *a, const char *path, const char *bytes, size_t len, gk_doc **out,
                      size_t *bad_offset);

#ifdef __cplusplus
}
#endif
#endif
