/* internal.h: shared between the recognition files (sections/title, tables, orchestration). */
#ifndef GK_RECOGNIZE_INTERNAL_H
#define GK_RECOGNIZE_INTERNAL_H

#include "gongkai/report.h"

#include <string.h>

void gk_find_sections(gk_report *r, const gk_doc *doc);
void gk_find_title(gk_report *r, const gk_doc *doc);
/* Each present section's text: its paragraphs (as the source wrote them) joined by newlines, leaving out the
 * paragraphs with drop[i] set (drop may be NULL). */
void gk_section_texts(gk_report *r, const bool *drop);
/* Which statutory table a grid holds (GK_NTABLES when none). */
gk_table_id gk_classify_table(gk_arena *a, const gk_block *b);
/* A lone number between the pieces of a broken table: possibly a cell's displaced value. */
typedef struct gk_stray {
    gk_decimal value;
    uint32_t line;
    const char *text;
    size_t len;
    uint32_t offset;
} gk_stray;

/* Map a table's rows (gathered from every piece of it, in document order) onto the template. */
void gk_map_t2(gk_report *r, gk_drow *const *rows, uint32_t nrows);
void gk_map_t3(gk_report *r, gk_drow *const *rows, uint32_t nrows, const gk_stray *strays, uint32_t nstrays);
void gk_map_t4(gk_report *r, gk_drow *const *rows, uint32_t nrows);
/* A folded cell text that only the 2019 t2 has (本年新制作数量, 其他对外管理服务事项 …). */
bool gk_is_2019_t2_word(const char *folded);
/* The same for a cell (its folded text and words worked out once). */
bool gk_cell_2019_t2_word(gk_arena *a, gk_dcell *c);

/* A paragraph that is a row written as text ("行政许可 97", "一、本年新收… 0 0 0 0 0 0 0"): returns the
 * row (label cell + number cells) and its table, or NULL. */
gk_drow *gk_loose_row(gk_report *r, const gk_block *p, gk_table_id *table);

/* A cell's number parse, folded text and label, each worked out once (the memo in gk_dcell). */
gk_numparse gk_cell_np(gk_dcell *c, bool decimal);
/* The same with the number (as gk_parse_cell_number gives it). */
gk_numparse gk_cell_number(gk_dcell *c, bool decimal, gk_decimal *out);
const char *gk_cell_folded(gk_arena *a, gk_dcell *c);
const char *gk_cell_label(gk_arena *a, gk_dcell *c, size_t *n);

/* Substring test on NUL-terminated strings. */
static inline bool gk_has(const char *hay, const char *needle) { return hay && strstr(hay, needle) != NULL; }

/* Tables flattened into runs of digits (scraper text): splits every run using all the constraints at once
 * (row and column sums, narrative numbers, last year's report when known) and fills the cells it can settle;
 * returns true when it found flattened tables. Called when no grid held the statutory tables. */
bool gk_recognize_flat(gk_report *r, const gk_doc *doc);

#endif
