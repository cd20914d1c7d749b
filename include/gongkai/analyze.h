/* gongkai/analyze.h: many reports at once: derived rates, roll-ups (a district from its offices) and
 * year-on-year comparison of one agency. (Copy-paste detection across agencies: similar.h.) */
#ifndef GONGKAI_ANALYZE_H
#define GONGKAI_ANALYZE_H

#include "gongkai/check.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- derived rates (formulas in docs/RATES.md) ---- */
typedef enum {
    GK_RATE_DISCLOSED = 0,   /* 实质公开率 (予以公开 + 部分公开) / 办结 */
    GK_RATE_DENIED,          /* 不予公开率 Σ不予公开 / 办结 */
    GK_RATE_UNABLE,          /* 无法提供率 Σ无法提供 / 办结 */
    GK_RATE_REVIEW_CORRECTED,/* 复议纠错率 复议结果纠正 / (复议总计 − 尚未审结) */
    GK_RATE_SUIT_CORRECTED,  /* 诉讼纠错率 诉讼结果纠正 / (诉讼总计 − 尚未审结), both kinds of suit */
    GK_RATE_CARRY,           /* 结转率 结转下年度 / (本年新收 + 上年结转) */
    GK_NRATES
} gk_rate_id;

typedef struct gk_rate {
    bool known;              /* every input cell was a number and the denominator > 0 */
    double value;            /* 0..1 */
    int64_t num, den;
    bool small;              /* den < 10: a small sample, not to be ranked */
} gk_rate;

const char *gk_rate_key(gk_rate_id id);            /* "disclosed" … */
const char *gk_rate_label(gk_rate_id id, const char *lang);
void gk_rates(const gk_report *r, gk_rate out[GK_NRATES]);

/* ---- roll-up ---- */
/* Sums units into a new report (in arena a). A cell is a number only when it is a number in every unit;
 * otherwise it is blank and *incomplete (per cell, GK_NCELLS entries, may be NULL) gets the sum of the
 * units that had a number and missing[] the count of units that did not. */
typedef struct gk_rollup_cell {
    bool incomplete;
    int64_t partial;         /* sum of the numeric parts (scale of the first number) */
    uint8_t scale;
    int missing;             /* units without a number */
} gk_rollup_cell;

gk_report *gk_rollup(gk_arena *a, gk_report *const *units, size_t n, const char *agency, gk_rollup_cell *cells);

/* ---- year on year ---- */
typedef struct gk_change {
    int cell;                /* template cell (the later report's template) */
    gk_cell before, after;
} gk_change;

typedef struct gk_comparison {
    gk_change *changes;      /* cells whose value or state differ (in the arena) */
    size_t nchanges;
    double repeated;         /* share of this year's narrative sentences that repeat last year's, 0..1 */
    size_t sentences, repeated_sentences;
    const char **examples;   /* a few repeated sentences (in the arena) */
    size_t nexamples;
} gk_comparison;

/* Compares the earlier report a with the later b (of the same agency): table differences and narrative
 * repetition; also runs the continuity rules (YEAR.CARRY and YEAR.STOCK: valid(prev) + issued − abolished =
 * valid, for 规章 and 行政规范性文件), whose findings go into b's diagnostics. */
void gk_compare(gk_arena *arena, gk_report *a, gk_report *b, gk_comparison *out);

/* The t2 stock rule alone (used by gk_compare and by batch checking of a series). */
void gk_check_stock(gk_report *prev, gk_report *cur);

/* ---- the summary page ---- */
/* What the summary keeps of one report (compact: the report itself can be freed at once). */
typedef enum { GK_OUT_GRANTED = 0, GK_OUT_PARTIAL, GK_OUT_DENIED, GK_OUT_UNABLE, GK_OUT_DECLINED, GK_OUT_OTHER, GK_NOUT } gk_outcome;

typedef struct gk_summary_row {
    char *source, *agency;
    int year;
    const char *format;
    int64_t received, done;      /* t3 一 and （七）总计, 总计 column; -1 when not a number */
    int64_t outcomes[GK_NOUT];   /* -1 when a part is not a number */
    gk_rate rates[GK_NRATES];
    int errors, warnings;
    int rule_counts[32];         /* as gk_rules() lists them */
} gk_summary_row;

void gk_summary_row_fill(const gk_report *r, gk_summary_row *row);   /* strings are strdup'ed */
void gk_summary_row_free(gk_summary_row *row);

/* One self-contained HTML page: SVG charts (outcome distribution, the disclosure rate by unit, trends over the
 * years, findings by rule) and sortable tables; no external resources. */
void gk_render_summary_html(const gk_summary_row *rows, size_t n, int unreadable, gk_buf *out, const char *lang);

#ifdef __cplusplus
}
#endif
#endif
