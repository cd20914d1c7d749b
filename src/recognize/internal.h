/* internal.h: shared between the recognition files (sections/title, tables, orchestration). */
#ifndef GK_RECOGNIZE_INTERNAL_H
#define GK_RECOGNIZE_INTERNAL_H

#include "gongkai/report.h"

#include <string.h>

void gk_find_sections(gk_report *r, const gk_doc *doc);
void gk_find_title(gk_report *r, const gk_doc *doc);
/* Which statutory table a grid holds (GK_NTABLES when none). */
gk_table_id gk_classify_table(gk_arena *a, const gk_block *b);
void gk_map_t2(gk_report *r, const gk_block *b);
void gk_map_t3(gk_report *r, const gk_block *b);
void gk_map_t4(gk_report *r, const gk_block *b);

/* Substring test on NUL-terminated strings. */
static inline bool gk_has(const char *hay, const char *needle) { return hay && strstr(hay, needle) != NULL; }

#endif
