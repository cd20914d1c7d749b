/* flat.h: the digit splitter for tables whose cells ran together (scraper text: "行政规范性文件6233440" is
 * 62 / 33 / 440). Internal to src/recognize; exposed for tests/test_flat.c and fuzz/fuzz_digit_split.c.
 *
 * A row's digits are split into its cells by a small search: every split of one run that satisfies the row's
 * own sums (gk_flat_row_splits), then the table's constraints over all rows at once (column sums, 一 + 二 =
 * 三（七）+ 四, narrative numbers, last year's 结转下年度). A cell is filled only when every split that satisfies
 * all constraints gives it the same value; otherwise it is null and a TABLE.SHAPE finding lists the splits that
 * remain. Nothing is guessed. */
#ifndef GK_RECOGNIZE_FLAT_H
#define GK_RECOGNIZE_FLAT_H

#include "gongkai/report.h"

#define GK_FLAT_MAX_CELLS 15     /* t4 written as one run: 3 groups × 5 */
#define GK_FLAT_MAX_DIGITS 15    /* a count longer than this is not a count (and sums stay far from overflow) */

enum {
    GK_FLAT_DECIMAL = 1,         /* the cell may hold a decimal point (fee amount in 万元, 2019 采购总金额) */
    GK_FLAT_SIGNED = 2           /* the cell may start with + or - (2019 本年增/减) */
};

/* The shape of one row: its cells, what each may hold, and its sums: in group g the cells
 * first … first+n-2 add up to cell first+n-1 (t3: 6 applicant columns → 总计; t4: 4 results → 总计). */
typedef struct gk_flat_shape {
    int ncells;
    uint8_t flags[GK_FLAT_MAX_CELLS];
    int ngroups;
    struct {
        uint8_t first, n;
    } groups[3];
} gk_flat_shape;

/* The splits of one run s[0..n) into shape->ncells cells that satisfy the row's sums. s holds the digits
 * '0'…'9' and the characters '.', '+', '-' only; brk (may be NULL) marks white space in the source before
 * s[i]: no cell spans it. Cells are canonical numbers (no leading zero: "00" is two cells, "05" none).
 * Writes at most max splits as ncells+1 cut offsets each (cut[0] = 0, cut[ncells] = n) into cuts, in a
 * stable order, and returns how many there are; returns -1 when there are more than max or the search
 * exceeded its step limit (the row cannot be settled). */
int gk_flat_row_splits(const char *s, const uint8_t *brk, int n, const gk_flat_shape *shape, int max,
                       uint16_t *cuts);

/* The same without the row's sums (how many ways the digits can be read at all; max as above). */
int gk_flat_row_splits_free(const char *s, const uint8_t *brk, int n, const gk_flat_shape *shape, int max,
                            uint16_t *cuts);

/* Last year's report as a constraint: re-splits r's flattened tables (r must come from flattened scraper
 * text, read with gk_report_from_bytes, before gk_check_report) with this year's 二、上年结转 equal to prev's
 * 四、结转下年度继续办理 per column, when some split satisfies that (YEAR.CARRY is an error rule; the
 * 现行有效 stock identity is not used: it fails in most real series). Cells that become settled are filled;
 * the TABLE.SHAPE findings of the splitter are replaced. prev must be the report for r->year - 1 (the caller
 * checks the agency). Returns true when r was re-split. */
bool gk_flat_use_previous(gk_report *r, const gk_report *prev);

#endif
