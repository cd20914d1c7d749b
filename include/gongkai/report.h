/* gongkai/report.h: the statutory report model. Metadata, the six sections with their text,
 * the t2/t3/t4 cells each with a state and where it came from, and the diagnostics found so far. */
#ifndef GONGKAI_REPORT_H
#define GONGKAI_REPORT_H

#include "gongkai/base.h"
#include "gongkai/doc.h"
#include "gongkai/template.h"
#include "gongkai/text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gk_cell_state {
    GK_CELL_ABSENT = 0,   /* its table or row was not found */
    GK_CELL_NUMBER,
    GK_CELL_BLANK,        /* left blank in the source */
    GK_CELL_UNREADABLE    /* present but not a number, or its column could not be settled */
} gk_cell_state;

typedef struct gk_cell {
    gk_cell_state state;
    gk_decimal num;       /* when GK_CELL_NUMBER */
    const char *raw;      /* the cell text as found (NULL when absent) */
    gk_src src;
    bool unsettled;       /* unreadable because its column could not be settled (TABLE.SHAPE), not its text */
} gk_cell;

typedef struct gk_para {
    const char *text;     /* simplified when the source is traditional */
    size_t len;
    const char *orig;     /* as the source wrote it, when different (else NULL) */
    size_t orig_len;
    uint32_t line;
    int8_t section;       /* 0..5, or -1 before the first section heading */
} gk_para;

typedef struct gk_section {
    bool present;
    const char *heading;  /* the heading line as written */
    const char *title;    /* the heading without its numbering */
    const char *text;     /* its paragraphs joined by '\n' (tables not included) */
    uint32_t line, end_line;
    gk_numbering numbering;
    uint32_t order;       /* position among the headings found (for SECTION.ORDER) */
} gk_section;

/* What recognition saw that does not fit the statutory shape; TABLE.SHAPE reports it. */
typedef enum gk_shape_kind {
    GK_SHAPE_ROW_MISSING = 0, /* a statutory row was not found */
    GK_SHAPE_ROW_UNKNOWN,     /* a row with numbers whose label is not on the form */
    GK_SHAPE_ROW_SHORT,       /* fewer value cells than the form's columns */
    GK_SHAPE_ROW_LONG,        /* more non-empty value cells than the form's columns */
    GK_SHAPE_ROW_DUPLICATE,   /* the same statutory row twice */
    GK_SHAPE_HEADER_MISSING,  /* a column label the form requires is absent from the header */
    GK_SHAPE_ROW_UNLABELED,   /* a row of numbers without its label, placed by the statutory order */
    GK_SHAPE_CELL_DISPLACED,  /* a cell's value printed away from its cell (a lone number between pieces) */
    GK_SHAPE_ROW_UNSPLIT      /* （六）其他处理 as one row in a 2021 table (hybrid) */
} gk_shape_kind;

typedef struct gk_shape {
    gk_table_id table;
    gk_shape_kind kind;
    uint32_t line;
    int row;              /* template row index, or -1 */
    const char *label;    /* the label as found, or the missing label */
    int expected, found;
} gk_shape;

typedef enum gk_severity { GK_SEV_INFO = 0, GK_SEV_WARNING, GK_SEV_ERROR } gk_severity;

typedef struct gk_fix {
    int cell;             /* template cell index */
    gk_decimal from, to;
    bool all_sums;        /* the edit makes every sum of its table hold */
} gk_fix;

typedef struct gk_diag {
    const char *rule;
    gk_severity severity;
    const char *where;    /* key path ("t3.total.natural", "sections[3]") */
    uint32_t line;
    const char *msg_zh, *msg_en;
    bool has_fix;
    gk_fix fix;
} gk_diag;

typedef struct gk_report {
    gk_arena *arena;
    const gk_template *tmpl;
    const char *path;
    const char *src;          /* the decoded source the cells' offsets point into (may be NULL) */
    size_t srclen;
    const char *title;
    uint32_t title_line;
    const char *agency;
    int year;
    const char *format;       /* "2021" or "2019" (from the template used) */
    bool hybrid;              /* 2021 tables but （六）其他处理 as one row (the 2019 t3) */
    bool aggregate;           /* a roll-up of several reports: tables only, so the section rules do not apply */
    gk_section sections[6];
    gk_cell cells[GK_NCELLS];
    bool table_found[GK_NTABLES];
    uint32_t table_line[GK_NTABLES];
    uint32_t table_end_line[GK_NTABLES];  /* the last line of its last piece */
    gk_para *paras;
    uint32_t nparas;
    gk_shape *shapes;
    uint32_t nshapes, shapes_cap;
    gk_diag *diags;
    uint32_t ndiags, diags_cap;
} gk_report;

/* Builds the report model from a document (recognition). The report lives in the doc's arena. */
gk_status gk_recognize(gk_doc *doc, gk_report **out);

/* Convenience: read (any supported format, sniffed from the bytes) and recognise one input.
 * *detail (may be NULL) receives a short reason on failure: a byte offset, a format name … */
gk_status gk_report_from_bytes(gk_arena *a, const char *path, const char *bytes, size_t len,
                               gk_report **out, const char **detail);

/* Scraper text whose table cells ran together (digits split by the recogniser): re-splits r's t3 with last
 * year's report as a further constraint (this year's 二、上年结转 = last year's 四、结转下年度, when some
 * split allows it). Call before gk_check_report; prev must be the same agency's report for r->year - 1.
 * Returns true when r was re-split; does nothing to reports read from ordinary tables. */
bool gk_flat_use_previous(gk_report *r, const gk_report *prev);

/* A report from gongkai's own JSON (gongkai.report/1), e.g. written by another program. */
bool gk_looks_like_report_json(const char *bytes, size_t len);
gk_status gk_report_from_json(gk_arena *a, const char *path, const char *bytes, size_t len, gk_report **out,
                              const char **detail);

/* The cell at a key path, or NULL for an unknown path. */
const gk_cell *gk_report_cell(const gk_report *r, const char *path);

/* The index of a cell by table, template row and field, in the report's own template. */
static inline int gk_cell_ix(const gk_report *r, gk_table_id t, int row, int field) {
    return r->tmpl->tables[t].rows[row].first + field;
}
/* Index helpers for the 2021 layout (constant offsets; tests and 2021-only code). */
static inline int gk_t3(int row, int col) { return 10 + row * 7 + col; }
static inline int gk_t4(int group, int field) { return 185 + group * 5 + field; }

void gk_report_add_shape(gk_report *r, gk_shape s);
gk_diag *gk_report_add_diag(gk_report *r);

#ifdef __cplusplus
}
#endif
#endif
