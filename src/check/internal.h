/* internal.h: helpers shared by the rule files. */
#ifndef GK_CHECK_INTERNAL_H
#define GK_CHECK_INTERNAL_H

#include "gongkai/check.h"

gk_diag *gk_diag_add(gk_report *r, const char *rule, gk_severity sev, const char *where, uint32_t line,
                     const char *zh, const char *en);
/* "表三「（一）予以公开」·自然人" / "t3 «granted» · natural persons" */
const char *gk_cell_name(gk_report *r, int cell, bool en);
const char *gk_cell_path(gk_report *r, int cell);
/* The line where section s (0-based) starts, or where it should start when absent. */
uint32_t gk_section_anchor(const gk_report *r, int s);
/* inline: the sums call these for every cell of every equality */
static inline bool gk_is_num(const gk_report *r, int cell) { return r->cells[cell].state == GK_CELL_NUMBER; }
static inline int64_t gk_val(const gk_report *r, int cell) { return r->cells[cell].num.value; }

void gk_rules_sums(gk_report *r);
void gk_rules_cells(gk_report *r);
void gk_rules_tables(gk_report *r);
void gk_rules_sections(gk_report *r);
void gk_rules_text(gk_report *r);
void gk_rules_agency(gk_report *r);

/* META.AGENCY's data (rule_agency.c): the listed place names, and every misreading of them (one character
 * replaced by a look-alike); fn returns false to stop. */
size_t gk_agency_places(const char *const **list);
void gk_agency_misreadings(bool (*fn)(void *ctx, const char *place, const char *wrong), void *ctx);

#endif
