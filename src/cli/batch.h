/* batch.h: many inputs at once: folders walked recursively, one document per thread with no shared mutable
 * state, results handed back in input order, a progress bar on a terminal, and a summary. */
#ifndef GK_BATCH_H
#define GK_BATCH_H

#include "cli.h"

/* Expands files and folders (recursively, sorted, report-like extensions only inside folders; README and
 * the like skipped). A folder with no report files is reported on standard error and counted. */
const char **batch_inputs(const cli_opts *o, int *n, int *empty_dirs);

/* The same inputs one at a time: folders are read as the walk reaches them, so memory does not grow with
 * the number of inputs. batch_source_next returns a heap string, NULL at the end. */
typedef struct batch_source batch_source;
batch_source *batch_source_new(const cli_opts *o);
char *batch_source_next(batch_source *s);
int batch_source_empty_dirs(const batch_source *s);
void batch_source_free(batch_source *s);
/* How many inputs there are (a walk that keeps no names, prints nothing). */
int batch_source_count(const cli_opts *o);

typedef struct batch_item {
    const char *path;     /* valid until the sink returns */
    char *owned_path;     /* the same, when the item owns it (inputs read one at a time) */
    int index;
    gk_arena *arena;      /* kept when the sink needs the report (else NULL: freed by the worker) */
    gk_report *report;    /* valid while arena is */
    gk_status status;
    char *error;          /* "gongkai: FILE: reason" (heap), when status != GK_OK */
    gk_buf out;           /* what the worker rendered */
    int errors, warnings;
    const char *format;
    /* YEAR.CARRY across the batch: the agency and year and both carry rows */
    char *agency;
    int year;
    gk_cell carried_over[GK_T3_NCOLS], carry_next[GK_T3_NCOLS];
    int rule_counts[32];  /* findings per rule, indexed as gk_rules() lists them */
} batch_item;

/* Render one checked report into item->out (called in a worker thread). */
typedef void (*batch_render_fn)(const cli_opts *o, gk_report *r, batch_item *item, void *ctx);
/* Consume one item in input order (main thread). */
typedef void (*batch_sink_fn)(const cli_opts *o, batch_item *item, void *ctx);

typedef struct batch_stats {
    int inputs, reports, unreadable, errors, warnings;
    int by_format[3];     /* 2021, 2019, hybrid */
    int rule_counts[32];
} batch_stats;

/* Runs the batch with o->jobs threads; keep_reports keeps each item's report alive for the sink. */
void batch_run(const cli_opts *o, const char **paths, int n, bool keep_reports, batch_render_fn render,
               batch_sink_fn sink, void *ctx, batch_stats *stats);
/* The same over all of o's inputs, read one at a time (memory flat in the batch size); returns how many
 * argument folders held no report (each reported on standard error). */
int batch_run_all(const cli_opts *o, bool keep_reports, batch_render_fn render, batch_sink_fn sink, void *ctx,
                  batch_stats *stats);

/* YEAR.CARRY over the whole batch. Memory stays flat whatever the batch size: only a small key per report
 * (agency hash, year, order) is kept in memory; the carry rows go to an unlinked temporary file (memory
 * when none can be made) and are read back for the pairs of consecutive years of one agency. */
typedef struct batch_carry batch_carry;
batch_carry *batch_carry_new(void);
/* Keeps what YEAR.CARRY needs of a checked report (nothing for an unreadable one or one with no agency/year). */
void batch_carry_add(batch_carry *c, const batch_item *item);
/* Emits YEAR.CARRY findings as text lines into out (language of o), ordered by agency, year and input
 * order; returns how many. */
int batch_year_carry(const cli_opts *o, batch_carry *c, gk_buf *out, int *errors);
void batch_carry_free(batch_carry *c);

/* The closing summary on standard error: reports read, by format, findings by rule, unreadable inputs. */
void batch_summary(const cli_opts *o, const batch_stats *st);

#endif
