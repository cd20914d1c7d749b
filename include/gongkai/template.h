/* gongkai/template.h: the statutory template as data (2021 format, 国办公开办函〔2021〕30号).
 * Rows, fields (columns), keys, labels and the label variants seen in the wild. Recognition, checking
 * and output all read this one table: no second copy of a label anywhere in gongkai. */
#ifndef GONGKAI_TEMPLATE_H
#define GONGKAI_TEMPLATE_H

#include "gongkai/base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gk_table_id { GK_T2 = 0, GK_T3 = 1, GK_T4 = 2, GK_NTABLES = 3 } gk_table_id;

typedef struct gk_field_def {
    const char *key;              /* JSON key: "issued", "natural", "upheld" … */
    const char *label;            /* statutory label */
    const char *label_en;
    const char *const *match;     /* folded phrases that identify it in a header (NULL-terminated) */
    bool exact;                   /* match must equal the whole folded label (for 其他, 总计) */
} gk_field_def;

typedef struct gk_row_def {
    const char *key;              /* JSON key: "regulation", "granted", "review" … */
    const char *label;            /* statutory label (without the group label) */
    const char *group;            /* the merged group label it sits under, or NULL */
    const char *label_en;
    const char *const *match;     /* folded phrases that identify the row (NULL-terminated) */
    bool exact;
    uint8_t nfields;
    const gk_field_def *fields;
    bool decimal;                 /* cells may hold decimals (fee amount in 万元) */
    bool sign;                    /* cells may be negative (2019's 本年增/减) */
    uint16_t first;               /* index of its first cell in gk_report.cells */
} gk_row_def;

typedef struct gk_table_def {
    gk_table_id id;
    const char *key;              /* "t2" "t3" "t4" */
    const char *title;            /* the section heading the table belongs to */
    const char *title_en;
    uint8_t nrows;
    const gk_row_def *rows;
    uint16_t first, ncells;
} gk_table_def;

/* t3 row indices (2021) used by the rules. */
enum {
    GK_T3_RECEIVED = 0, GK_T3_CARRIED_OVER = 1, GK_T3_FIRST_OUTCOME = 2, GK_T3_LAST_OUTCOME = 22,
    GK_T3_TOTAL = 23, GK_T3_CARRY_NEXT = 24, GK_T3_NROWS = 25, GK_T3_NCOLS = 7, GK_T3_COL_TOTAL = 6
};
enum { GK_T4_NGROUPS = 3, GK_T4_NFIELDS = 5, GK_T4_FIELD_TOTAL = 4 };

#define GK_NCELLS 200

/* Where the rules find t3's rows in a template (the 2019 form has 23 rows, the 2021 form 25). */
typedef struct gk_t3_roles {
    int8_t received, carried_over, first_outcome, last_outcome, total, carry_next;
} gk_t3_roles;

typedef struct gk_template {
    const char *format;           /* "2021" or "2019" */
    gk_table_def tables[GK_NTABLES];
    uint16_t ncells;
    gk_t3_roles t3;
} gk_template;

const gk_template *gk_template_2021(void);
/* The 2019 trial format (国办公开办函〔2019〕60号): its own t2 (本年新制作数量 …, 其他对外管理服务事项,
 * 政府集中采购) and a t3 whose （六）其他处理 is one row ("other"). Keys in docs/SCHEMA-2019.md. */
const gk_template *gk_template_2019(void);

/* The form's header words that are neither rows nor columns (the same in 2019 and 2021). */
extern const char gk_t3_note[];          /* （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） */
extern const char gk_t3_applicants[];    /* 申请人情况 */
extern const char gk_t3_organisations[]; /* 法人或其他组织 */
extern const char gk_t2_content[];       /* 信息内容 */

/* The statutory section titles 一 … 六 (index 0..5). */
const char *gk_section_title(int no, const char *lang);

/* Locates a cell by key path ("t3.granted.natural"); returns its index or -1. */
int gk_template_cell_index(const gk_template *t, const char *path);

/* Describes cell i: its table, row and field definitions. */
void gk_template_cell(const gk_template *t, int i, const gk_table_def **table, const gk_row_def **row,
                      const gk_field_def **field);

/* Writes the key path of cell i ("t3.granted.natural") into out (64 bytes). */
const char *gk_template_cell_path(const gk_template *t, int i, char out[64]);
/* The same path without a copy, for the built-in templates (NULL for any other). */
const char *gk_template_cell_key(const gk_template *t, int i);

/* true when the folded label names this row / field (phrase or exact match, numbering ignored). */
bool gk_row_matches(const gk_row_def *r, const char *folded);
bool gk_field_matches(const gk_field_def *f, const char *folded);
/* The same for a label already stripped of its numbering (gk_label_strip), to test it against many rows. */
const char *gk_label_strip(const char *folded, size_t *n);
bool gk_row_matches_stripped(const gk_row_def *r, const char *s, size_t n);
bool gk_field_matches_stripped(const gk_field_def *f, const char *s, size_t n);
/* The first row of td that the stripped label s[0..n) names (what gk_row_matches_stripped says row by row,
 * found in one scan of the label), or -1. */
int gk_table_match_row(const gk_table_def *td, const char *s, size_t n);

#ifdef __cplusplus
}
#endif
#endif
