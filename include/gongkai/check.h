/* gongkai/check.h: the rule catalogue. Each rule is a small function over one report (or, for
 * YEAR.CARRY, over a series of reports of one agency); findings go into the report's diagnostics,
 * with a Chinese and an English message and, where one edited cell would make every failing sum hold,
 * that edit. */
#ifndef GONGKAI_CHECK_H
#define GONGKAI_CHECK_H

#include "gongkai/report.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_rule_info {
    const char *id;
    gk_severity severity;
    const char *zh, *en;      /* what it checks */
} gk_rule_info;

/* The catalogue, in a stable order; *n receives its length. */
const gk_rule_info *gk_rules(size_t *n);

/* Runs every single-report rule and appends the findings to r->diags (sorted by line). */
void gk_check_report(gk_report *r);

/* Cross-report rules (YEAR.CARRY) over reports of possibly many agencies: pairs of the same agency in
 * consecutive years are compared; findings go to the later report. Call after gk_check_report. */
void gk_check_series(gk_report **reports, size_t n);

/* Counts of findings by severity. */
void gk_diag_counts(const gk_report *r, int *errors, int *warnings);

const char *gk_severity_name(gk_severity s);

#ifdef __cplusplus
}
#endif
#endif
