/* tables.c: maps grids onto the statutory tables t2, t3 and t4 by their labels.
 * Rows are found by the words of their labels (merged label cells may sit in any column);
 * columns by the header's labels; value cells are what follows the row's last label cell, with the
 * padding that Word leaves around merged cells trimmed. A row that still has the wrong number of
 * values is a shape defect: its cells are unreadable (null), never guessed. */
#include "internal.h"

#include <pthread.h>
#include <string.h>

typedef struct {
    const char **f;    /* folded text of each cell ("" for a number or a blank) */
    gk_numparse *np;   /* number / blank / not a number */
} rowinfo;

static rowinfo row_info(gk_arena *a, const gk_drow *row, bool decimal) {
    rowinfo ri;
    ri.f = gk_arena_alloc(a, (row->ncells + 1) * sizeof(char *));
    ri.np = gk_arena_alloc(a, (row->ncells + 1) * sizeof(gk_numparse));
    for (uint32_t c = 0; c < row->ncells; c++) {
        ri.np[c] = gk_cell_np(&row->cells[c], decimal);
        ri.f[c] = ri.np[c] == GK_NP_NOT_NUMBER ? gk_cell_folded(a, &row->cells[c]) : "";
    }
    return ri;
}

/* A cell that only pads around a merged cell: nothing but space (a dash is a real blank mark). */
static bool padding(const gk_dcell *c) { return gk_is_blank(c->text, c->len); }

static void set_cell(gk_report *r, int idx, gk_dcell *c, const gk_row_def *rd) {
    gk_cell *cell = &r->cells[idx];
    if (cell->state != GK_CELL_ABSENT) return;
    gk_decimal d;
    unsigned flags = (rd->decimal ? GK_CELL_DECIMAL | GK_CELL_YUAN : 0) | (rd->sign ? GK_CELL_SIGNED : 0);
    if (rd->decimal && !strcmp(rd->key, "fee")) flags &= ~(unsigned)GK_CELL_YUAN;   /* the fee is in 万元 */
    /* whole numbers with no sign or unit (t3, t4, most of t2): the memo's parse is the same */
    gk_numparse np = flags ? gk_parse_cell_number_ex(c->text, c->len, flags, &d) : gk_cell_number(c, false, &d);
    cell->raw = gk_arena_strndup(r->arena, c->text, c->len);
    cell->src = c->src;
    cell->state = np == GK_NP_NUMBER ? GK_CELL_NUMBER : np == GK_NP_BLANK ? GK_CELL_BLANK : GK_CELL_UNREADABLE;
    if (np == GK_NP_NUMBER) cell->num = d;
}

/* A cell of a row whose values cannot be placed: unreadable, whatever was read into it before. */
static void set_unreadable(gk_report *r, int idx, uint32_t line) {
    gk_cell *cell = &r->cells[idx];
    cell->state = GK_CELL_UNREADABLE;
    cell->unsettled = true;
    cell->num = (gk_decimal){0, 0};
    if (!cell->src.line) cell->src.line = line;
}

static bool row_present(const gk_report *r, const gk_row_def *rd) {
    for (int k = 0; k < rd->nfields; k++)
        if (r->cells[rd->first + k].state != GK_CELL_ABSENT) return true;
    return false;
}

static void shape(gk_report *r, gk_table_id t, gk_shape_kind k, uint32_t line, int row, const char *label,
                  int expected, int found) {
    gk_report_add_shape(r, (gk_shape){t, k, line, row, label, expected, found});
}

static int match_row(const gk_table_def *td, const char *folded) {
    if (!folded || !*folded) return -1;
    size_t n;
    const char *s = gk_label_strip(folded, &n);
    return gk_table_match_row(td, s, n);
}

/* The same for a text cell, with its label from the memo (and, for the 2021 t3, which classifying and
 * mapping both ask about, the answer too). */
static int match_row_cell(gk_arena *a, const gk_table_def *td, gk_dcell *c) {
    bool t3 = td == &gk_template_2021()->tables[GK_T3];
    if (t3 && c->memo_t3row) return c->memo_t3row - 2;
    size_t n;
    const char *s = gk_cell_label(a, c, &n);
    int k = *gk_cell_folded(a, c) ? gk_table_match_row(td, s, n) : -1;
    if (t3) c->memo_t3row = (uint8_t)(k + 2);
    return k;
}

/* Cell c of a row read by row_info: a number or a blank names no row. */
static int match_ri(gk_arena *a, const gk_table_def *td, const gk_drow *row, const rowinfo *ri, uint32_t c) {
    return *ri->f[c] ? match_row_cell(a, td, &row->cells[c]) : -1;
}

/* The field of rd that cell c of a row read by row_info names (its label from the memo), or -1. */
static int match_field(gk_arena *a, const gk_row_def *rd, const gk_drow *row, const rowinfo *ri, uint32_t c) {
    if (!*ri->f[c]) return -1;
    size_t n;
    const char *s = gk_cell_label(a, &row->cells[c], &n);
    for (int k = 0; k < rd->nfields; k++)
        if (gk_field_matches_stripped(&rd->fields[k], s, n)) return k;
    return -1;
}

/* The folded text without its numbering ("(三)不予公开" → "不予公开"). */
static const char *unnumbered(const char *folded) {
    gk_numbering n = gk_numbering_parse(folded, strlen(folded));
    return folded + n.len;
}

static bool has_number(const rowinfo *ri, uint32_t n) {
    for (uint32_t c = 0; c < n; c++) if (ri->np[c] == GK_NP_NUMBER) return true;
    return false;
}

/* The words that tell the tables apart, by how strongly (2: only that table has them; 1: a hint), and the
 * words of t3's header rows. */
enum { KW_T2 = 1, KW_T3 = 2, KW_T4 = 4, KW_T4_WEAK = 8, KW_T3_HEADER = 16, KW_T2_2019 = 32 };
static const struct {
    const char *w;
    uint8_t len, group;
} table_words[] = {
#define W(s, g) {s, sizeof s - 1, g}
    W("第二十条", KW_T2), W("信息内容", KW_T2), W("制发件数", KW_T2), W("处理决定数量", KW_T2),
    W("行政事业性收费", KW_T2), W("新制作数量", KW_T2 | KW_T2_2019),
    W("新公开数量", KW_T2_2019), W("对外公开总数量", KW_T2_2019), W("上一年项目数量", KW_T2_2019),
    W("其他对外管理服务", KW_T2_2019), W("政府集中采购", KW_T2_2019),
    W("本年新收", KW_T3), W("上年结转", KW_T3), W("申请人情况", KW_T3 | KW_T3_HEADER), W("予以公开", KW_T3),
    W("结转下年", KW_T3), W("勾稽关系", KW_T3 | KW_T3_HEADER), W("自然人", KW_T3 | KW_T3_HEADER),
    W("商业企业", KW_T3 | KW_T3_HEADER), W("科研机构", KW_T3 | KW_T3_HEADER),
    W("公益组织", KW_T3_HEADER), W("法律服务", KW_T3_HEADER), W("法人或其他组织", KW_T3_HEADER),
    W("行政复议", KW_T4), W("行政诉讼", KW_T4), W("尚未审结", KW_T4), W("直接起诉", KW_T4),
    W("维持", KW_T4_WEAK), W("纠正", KW_T4_WEAK), W("审结", KW_T4_WEAK),
#undef W
};

static gk_phrase_set word_set;
static pthread_once_t word_set_once = PTHREAD_ONCE_INIT;
static void build_word_set(void) {
    enum { NWORDS = sizeof table_words / sizeof table_words[0] };
    gk_phrase ph[NWORDS];
    for (size_t k = 0; k < NWORDS; k++) ph[k] = (gk_phrase){.s = table_words[k].w, .len = table_words[k].len, .bits = table_words[k].group};
    gk_phrase_set_build(&word_set, ph, NWORDS);
}

/* Which groups of table_words the folded text holds (one scan of its characters). */
static unsigned table_word_groups(const char *f) {
    pthread_once(&word_set_once, build_word_set);
    return (unsigned)gk_phrases_in(&word_set, f, strlen(f));
}

/* The same for a cell, worked out once. */
static unsigned cell_word_groups(gk_arena *a, gk_dcell *c) {
    if (!(c->memo_words & 0x80)) c->memo_words = (uint8_t)(0x80 | table_word_groups(gk_cell_folded(a, c)));
    return c->memo_words & 0x7F;
}

bool gk_cell_2019_t2_word(gk_arena *a, gk_dcell *c) { return cell_word_groups(a, c) & KW_T2_2019; }

gk_table_id gk_classify_table(gk_arena *a, const gk_block *b) {
    int score[GK_NTABLES] = {0};
    const gk_table_def *t3def = &gk_template_2021()->tables[GK_T3];
    const gk_table_def *t2def = &gk_template_2021()->tables[GK_T2];
    uint32_t seen = 0;   /* the words of a table are in its first cells: 96 text cells are evidence enough */
    for (uint32_t i = 0; i < b->nrows && seen < 96; i++) {
        const gk_drow *row = &b->rows[i];
        for (uint32_t c = 0; c < row->ncells && seen < 96; c++) {
            gk_dcell *cell = &row->cells[c];
            if (cell->len > 400) continue;
            if (gk_cell_np(cell, true) != GK_NP_NOT_NUMBER) continue;
            seen++;
            const char *f = gk_cell_folded(a, cell);
            if (!*f) continue;
            unsigned g = cell_word_groups(a, cell);
            if (g & KW_T2)
                score[GK_T2] += 2;
            else if (match_row_cell(a, t2def, cell) >= 0)
                score[GK_T2] += 1;   /* a piece of t2: 规章, 行政规范性文件 … */
            if (g & KW_T3)
                score[GK_T3] += 2;
            else {
                int m = match_row_cell(a, t3def, cell);
                if (m >= 0 && !t3def->rows[m].exact) score[GK_T3] += 1;   /* a piece of t3 holding only some of its rows */
            }
            if (g & KW_T4)
                score[GK_T4] += 2;
            else if (g & KW_T4_WEAK)
                score[GK_T4] += 1;
        }
    }
    gk_table_id best = GK_NTABLES;
    int bs = 0;
    for (int t = 0; t < GK_NTABLES; t++)
        if (score[t] > bs) { bs = score[t]; best = (gk_table_id)t; }
    return best;
}

/* ---------------- t2 ---------------- */

/* the words themselves are table_words' KW_T2_2019 */
bool gk_is_2019_t2_word(const char *f) { return f && (table_word_groups(f) & KW_T2_2019); }

void gk_map_t2(gk_report *r, gk_drow *const *rows, uint32_t nrows) {
    const gk_table_def *td = &r->tmpl->tables[GK_T2];
    gk_arena *a = r->arena;
    int header[16];          /* field index per value position after the label, -1 for none */
    int nheader = 0;
    for (uint32_t i = 0; i < nrows; i++) {
        const gk_drow *row = rows[i];
        rowinfo ri = row_info(a, row, true);
        uint32_t lab = 0;
        while (lab < row->ncells && padding(&row->cells[lab])) lab++;
        if (lab >= row->ncells) continue;
        const char *lf = ri.f[lab];
        /* header row: 信息内容 | 本年制发件数 | … */
        bool is_header = gk_has(lf, "信息内容");
        for (uint32_t c = lab + 1; c < row->ncells && !is_header; c++)
            for (int k = 0; k < td->nrows && !is_header; k++)
                if (match_field(a, &td->rows[k], row, &ri, c) >= 0) is_header = true;
        if (is_header) {
            nheader = 0;
            for (uint32_t c = lab + 1; c < row->ncells && nheader < 16; c++) {
                int fld = -1;
                for (int k = 0; k < td->nrows && fld < 0; k++) fld = match_field(a, &td->rows[k], row, &ri, c);
                header[nheader++] = fld;
            }
            continue;
        }
        if (gk_has(lf, "第二十条")) { nheader = 0; continue; }
        int rk = match_ri(a, td, row, &ri, lab);
        if (rk < 0) {
            if (has_number(&ri, row->ncells))
                shape(r, GK_T2, GK_SHAPE_ROW_UNKNOWN, row->line, -1, gk_arena_strndup(a, row->cells[lab].text,
                                                                                       row->cells[lab].len), 0, 0);
            continue;
        }
        const gk_row_def *rd = &td->rows[rk];
        if (row_present(r, rd)) {
            shape(r, GK_T2, GK_SHAPE_ROW_DUPLICATE, row->line, rk, rd->label, 0, 0);
            continue;
        }
        /* value j (after the label) goes to the header's field j when the header names this row's
         * fields, else to field j in statutory order */
        bool use_header = nheader > 0;
        for (int h = 0; h < nheader && use_header; h++)
            if (header[h] >= rd->nfields) use_header = false;
        int filled = 0, extra = 0;
        for (uint32_t c = lab + 1; c < row->ncells; c++) {
            int j = (int)(c - lab - 1);
            int fld = use_header ? (j < nheader ? header[j] : -1) : (j < rd->nfields ? j : -1);
            if (fld < 0) {
                if (!padding(&row->cells[c])) extra++;
                continue;
            }
            set_cell(r, rd->first + fld, &row->cells[c], rd);
            filled++;
        }
        if (extra) shape(r, GK_T2, GK_SHAPE_ROW_LONG, row->line, rk, rd->label, rd->nfields, filled + extra);
        if (filled < rd->nfields) {
            shape(r, GK_T2, GK_SHAPE_ROW_SHORT, row->line, rk, rd->label, rd->nfields, filled);
            for (int k = 0; k < rd->nfields; k++) set_unreadable(r, rd->first + k, row->line);
        }
    }
}

/* ---------------- t3 ---------------- */

/* A cell of t3's header: 自然人, 商业企业 … 勾稽关系 (a number or a blank never is). */
static bool t3_header_cell(gk_arena *a, const gk_drow *row, const rowinfo *ri, uint32_t c) {
    return *ri->f[c] && (cell_word_groups(a, &row->cells[c]) & KW_T3_HEADER);
}

/* t3's group labels (三、本年度办理结果, （三）不予公开 …) folded and without their numbering, once per table. */
typedef struct {
    const char *u[GK_T3_NROWS];
    int n;
} t3_groups;

static t3_groups group_labels(gk_arena *a, const gk_table_def *td) {
    t3_groups g = {{0}, 0};
    const char *prev = NULL;
    for (int k = 0; k < td->nrows && g.n < GK_T3_NROWS; k++) {
        const char *grp = td->rows[k].group;
        if (!grp || (prev && !strcmp(grp, prev))) continue;   /* rows of one group follow each other */
        prev = grp;
        g.u[g.n++] = unnumbered(gk_fold(a, grp, strlen(grp)));
    }
    return g;
}

static bool t3_group_label(const t3_groups *g, const char *folded) {
    const char *u = unnumbered(folded);
    if (!*u) return false;
    for (int k = 0; k < g->n; k++)
        if (!strcmp(g->u[k], u)) return true;
    return false;
}

/* Column order from the header: the row naming most leaf columns gives their left-to-right order;
 * 自然人 comes before them and 总计 after them when they sit on another header row (merged cells). */
static void t3_columns(gk_report *r, const gk_drow *hdr, const rowinfo *hi, uint32_t nh, int order[7],
                       uint32_t line, uint32_t *first_col) {
    const gk_row_def *rd = &r->tmpl->tables[GK_T3].rows[0];
    bool seen[7] = {false};
    int best_row = -1, best_n = 0;
    for (uint32_t h = 0; h < nh; h++) {
        int n = 0;
        for (uint32_t c = 0; c < hdr[h].ncells; c++) {
            int k = match_field(r->arena, rd, &hdr[h], &hi[h], c);
            if (k >= 0) { seen[k] = true; n++; if (c < *first_col) *first_col = c; }
        }
        if (n > best_n) { best_n = n; best_row = (int)h; }
    }
    for (int k = 0; k < 7; k++)
        if (!seen[k]) shape(r, GK_T3, GK_SHAPE_HEADER_MISSING, line, -1, rd->fields[k].label, 0, 0);
    for (int k = 0; k < 7; k++) order[k] = k;
    if (best_row < 0) return;
    int seq[7], ns = 0;
    bool in_seq[7] = {false};
    for (uint32_t c = 0; c < hdr[best_row].ncells && ns < 7; c++) {
        int k = match_field(r->arena, rd, &hdr[best_row], &hi[best_row], c);
        if (k >= 0 && !in_seq[k]) { seq[ns++] = k; in_seq[k] = true; }
    }
    /* labels in statutory relative order (the usual case, also when some are missing): statutory order */
    bool increasing = true;
    for (int i = 1; i < ns; i++) increasing &= seq[i] > seq[i - 1];
    if (increasing) return;
    int out[7], no = 0;
    if (!in_seq[0]) out[no++] = 0;
    for (int i = 0; i < ns; i++) out[no++] = seq[i];
    for (int k = 1; k < 6; k++)
        if (!in_seq[k]) out[no++] = k;
    if (!in_seq[6]) out[no++] = 6;
    if (no == 7) memcpy(order, out, sizeof out);
}

/* The hybrid's single （六）其他处理 row: all zeros → each of the three 2021 rows is 0 (non-negative counts
 * adding up to 0); otherwise they cannot be split and stay unreadable. FORMAT.OUTDATED reports it. */
static void unsplit_row(gk_report *r, const gk_drow *row, const rowinfo *ri, uint32_t v0) {
    const gk_table_def *td = &r->tmpl->tables[GK_T3];
    uint32_t v1 = row->ncells;
    while (v1 - v0 > 7 && padding(&row->cells[v1 - 1])) v1--;
    while (v1 - v0 > 7 && padding(&row->cells[v0])) v0++;
    bool zeros = v1 - v0 == 7;
    gk_buf vals;
    gk_buf_init(&vals);
    for (uint32_t c = v0; c < v1; c++) {
        gk_decimal d;
        if (gk_parse_cell_number(row->cells[c].text, row->cells[c].len, false, &d) != GK_NP_NUMBER || d.value) zeros = false;
        size_t n = row->cells[c].len;
        const char *t = gk_trim(row->cells[c].text, &n);
        gk_buf_printf(&vals, "%s%.*s", vals.len ? " " : "", (int)n, n ? t : "—");
    }
    (void)ri;
    for (int k = r->tmpl->t3.last_outcome - 2; k <= r->tmpl->t3.last_outcome; k++) {
        const gk_row_def *rd = &td->rows[k];
        for (uint32_t j = 0; j < 7; j++) {
            if (zeros) set_cell(r, rd->first + (int)j, &row->cells[v0 + j], rd);
            else set_unreadable(r, rd->first + (int)j, row->line);
        }
    }
    shape(r, GK_T3, GK_SHAPE_ROW_UNSPLIT, row->line, -1, gk_arena_strndup(r->arena, vals.data ? vals.data : "", vals.len),
          0, zeros);
    gk_buf_free(&vals);
}

void gk_map_t3(gk_report *r, gk_drow *const *rows, uint32_t nrows, const gk_stray *strays, uint32_t nstrays) {
    const gk_table_def *td = &r->tmpl->tables[GK_T3];
    gk_arena *a = r->arena;
    int order[7] = {0, 1, 2, 3, 4, 5, 6};
    uint32_t first_col = UINT32_MAX;   /* the header's first value column */
    int last_row = -1;                 /* the last statutory row filled, for rows that lost their label */
    gk_drow *hdr = gk_arena_alloc(a, (nrows + 1) * sizeof *hdr);
    rowinfo *hi = gk_arena_alloc(a, (nrows + 1) * sizeof *hi);
    uint32_t nh = 0;
    bool ordered = false;
    const t3_groups groups = group_labels(a, td);
    for (uint32_t i = 0; i < nrows; i++) {
        const gk_drow *row = rows[i];
        rowinfo ri = row_info(a, row, false);
        bool is_header = false;
        for (uint32_t c = 0; c < row->ncells && !is_header; c++) is_header = t3_header_cell(a, row, &ri, c);
        if (!is_header && !has_number(&ri, row->ncells)) {
            int named = 0, prev = -1;
            for (uint32_t c = 0; c < row->ncells; c++) {
                int k = match_ri(a, td, row, &ri, c);
                if (k >= 0 && k != prev) { named++; prev = k; }
            }
            if (named >= 2) continue;   /* a garbled header naming rows: not data */
        }
        if (is_header) {
            hdr[nh] = *row;
            hi[nh++] = ri;
            continue;
        }
        if (nh && !ordered) { t3_columns(r, hdr, hi, nh, order, hdr[0].line, &first_col); ordered = true; }
        /* label cells: up to the first number; the leaf is the last cell there naming a row */
        uint32_t f = 0;
        while (f < row->ncells && ri.np[f] != GK_NP_NUMBER) f++;
        int rk = -1;
        int last_label = -1;
        for (uint32_t c = 0; c < f; c++) {
            if (ri.np[c] != GK_NP_NOT_NUMBER) continue;
            int k = match_ri(a, td, row, &ri, c);
            if (k >= 0) { rk = k; last_label = (int)c; }
            else if (t3_group_label(&groups, ri.f[c])) last_label = (int)c;
        }
        bool unlabeled = false;
        if (rk < 0 && last_label >= 0 && r->hybrid) {
            const char *u = unnumbered(ri.f[last_label]);
            if (!strcmp(u, "其他处理")) { unsplit_row(r, row, &ri, (uint32_t)last_label + 1); continue; }
        }
        if (rk < 0) {
            bool labelled = false;
            for (uint32_t c = 0; c < row->ncells; c++) labelled |= ri.np[c] == GK_NP_NOT_NUMBER;
            /* numbers whose label was lost (PDF-to-Markdown), or kept only as a fragment that names no row
             * ("行政机关不再处理其政府信息公"): the next statutory row not yet filled */
            uint32_t start = 0;
            if (labelled) {
                uint32_t fnum = 0;
                while (fnum < row->ncells && ri.np[fnum] == GK_NP_NOT_NUMBER) fnum++;
                start = fnum;
            }
            uint32_t n = row->ncells;
            while (n > start + 7 && padding(&row->cells[n - 1])) n--;
            bool numbers_only = true;
            for (uint32_t c = start; c < n; c++) numbers_only &= ri.np[c] != GK_NP_NOT_NUMBER;
            int next = last_row + 1;
            while (next < td->nrows && row_present(r, &td->rows[next])) next++;
            if (n - start == 7 && numbers_only && has_number(&ri, row->ncells) && next < td->nrows && last_row >= 0) {
                rk = next;
                unlabeled = true;
                last_label = (int)start - 1;
            }
            if (rk < 0) {
                if (has_number(&ri, row->ncells)) {
                    uint32_t lab = 0;
                    while (lab < row->ncells && padding(&row->cells[lab])) lab++;
                    const char *l = lab < row->ncells ? gk_arena_strndup(a, row->cells[lab].text, row->cells[lab].len) : "";
                    shape(r, GK_T3, GK_SHAPE_ROW_UNKNOWN, row->line, -1, l, 0, 0);
                }
                continue;
            }
        }
        const gk_row_def *rd = &td->rows[rk];
        /* values start after the last label cell, and not before the header's first value column:
         * an empty cell left of 自然人 is the merged label's spill, not a blank value (seeds 000, 003) */
        uint32_t v0 = (uint32_t)(last_label + 1), v1 = row->ncells;
        if (!unlabeled && first_col != UINT32_MAX && first_col > v0 && first_col <= v1) v0 = first_col;
        if (first_col == UINT32_MAX)   /* no header to align with: a merged label's covered positions are not values */
            while (v0 < v1 && row->cells[v0].spanned) v0++;
        while (v1 - v0 > 7 && padding(&row->cells[v1 - 1])) v1--;
        while (v1 - v0 > 7 && padding(&row->cells[v0])) v0++;
        while (v1 - v0 > 7 && ri.np[v0] == GK_NP_NOT_NUMBER && !has_number(&ri, v0)) v0++;   /* label fragments */
        uint32_t nv = v1 - v0;
        if (nv == 0) continue;   /* a label alone (a group heading, a header word): nothing to map */
        if (row_present(r, rd)) {
            shape(r, GK_T3, GK_SHAPE_ROW_DUPLICATE, row->line, rk, rd->label, 0, 0);
            continue;
        }
        last_row = rk;
        if (unlabeled) shape(r, GK_T3, GK_SHAPE_ROW_UNLABELED, row->line, rk, rd->label, 0, 0);
        if (nv != 7) {
            shape(r, GK_T3, nv < 7 ? GK_SHAPE_ROW_SHORT : GK_SHAPE_ROW_LONG, row->line, rk, rd->label, 7, (int)nv);
            for (int k = 0; k < 7; k++) set_unreadable(r, rd->first + k, row->line);
            continue;
        }
        for (uint32_t j = 0; j < 7; j++) set_cell(r, rd->first + order[j], &row->cells[v0 + j], rd);
    }
    /* A blank 总计 whose row adds up to a lone number printed between the table's pieces: that number is the
     * cell's value, displaced by the conversion (shkewei_2024_1: carry_next 总计). Each lone number once. */
    bool *used = gk_arena_alloc(a, (nstrays + 1) * sizeof(bool));
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        gk_cell *tot = &r->cells[rd->first + GK_T3_COL_TOTAL];
        if (tot->state != GK_CELL_BLANK) continue;
        int64_t sum = 0;
        bool ok = true;
        for (int c = 0; c < GK_T3_COL_TOTAL; c++) {
            const gk_cell *p = &r->cells[rd->first + c];
            if (p->state != GK_CELL_NUMBER) ok = false;
            else sum += p->num.value;
        }
        if (!ok) continue;
        for (uint32_t s2 = 0; s2 < nstrays; s2++) {
            if (used[s2] || strays[s2].value.scale || strays[s2].value.value != sum) continue;
            used[s2] = true;
            tot->state = GK_CELL_NUMBER;
            tot->num = strays[s2].value;
            tot->raw = gk_arena_strndup(a, strays[s2].text, strays[s2].len);
            tot->src = (gk_src){strays[s2].line, 1, strays[s2].offset, (uint32_t)strays[s2].len};
            shape(r, GK_T3, GK_SHAPE_CELL_DISPLACED, strays[s2].line, k, rd->label, 0, 0);
            break;
        }
    }
}

/* ---------------- t4 ---------------- */

void gk_map_t4(gk_report *r, gk_drow *const *rows, uint32_t nrows) {
    const gk_table_def *td = &r->tmpl->tables[GK_T4];
    const gk_row_def *rd0 = &td->rows[0];
    gk_arena *a = r->arena;
    /* header words seen so far: field per header cell in reading order, and the order of the two lawsuit
     * groups (未经复议直接起诉, 复议后起诉) */
    int fseq[64], nf = 0, gorder[3] = {0, 1, 2}, ng = 1;
    int last_fields[5], nlast = 0;   /* the most recent header row's fields (for one-group tables) */
    for (uint32_t i = 0; i < nrows; i++) {
        const gk_drow *row = rows[i];
        rowinfo ri = row_info(a, row, false);
        int last_label = -1, group = -1;
        bool header = false;
        for (uint32_t c = 0; c < row->ncells; c++) {
            if (ri.np[c] != GK_NP_NOT_NUMBER) continue;
            last_label = (int)c;
            int g = match_ri(a, td, row, &ri, c);
            if (match_field(a, rd0, row, &ri, c) >= 0) header = true;
            if (g >= 0) group = g;
        }
        if (!has_number(&ri, row->ncells) && last_label >= 0) header = true;
        if (header) {
            int rowf[64], nrowf = 0;
            for (uint32_t c = 0; c < row->ncells; c++) {
                if (ri.np[c] != GK_NP_NOT_NUMBER) continue;
                int fk = match_field(a, rd0, row, &ri, c);
                int g = match_ri(a, td, row, &ri, c);
                if (fk >= 0) {
                    if (nf < 64) fseq[nf++] = fk;
                    if (nrowf < 64) rowf[nrowf++] = fk;
                } else if (g > 0 && ng < 3 && gorder[1] != g) {
                    gorder[ng++] = g;
                }
            }
            if (nrowf == 5) { memcpy(last_fields, rowf, sizeof last_fields); nlast = 5; }
            continue;
        }
        /* a data row: 15 values (all three groups), or 5 (one group: named in the row, else the next) */
        uint32_t v0 = (uint32_t)(last_label + 1), v1 = row->ncells;
        uint32_t want = group >= 0 ? 5 : 15;
        if (last_label >= 0)
            while (v0 < v1 && row->cells[v0].spanned) v0++;   /* a merged label's covered positions */
        while (v1 - v0 > want && padding(&row->cells[v1 - 1])) v1--;
        while (v1 - v0 > want && padding(&row->cells[v0])) v0++;
        uint32_t nv = v1 - v0;
        if (nv == 0) continue;
        if (group < 0 && nv == 5) {
            want = 5;
            for (int g = 0; g < GK_T4_NGROUPS && group < 0; g++)
                if (r->cells[td->rows[g].first].state == GK_CELL_ABSENT) group = g;
            if (group < 0) { shape(r, GK_T4, GK_SHAPE_ROW_DUPLICATE, row->line, 2, td->rows[2].label, 0, 0); continue; }
        }
        int grp_first = group >= 0 ? group : 0, grp_n = group >= 0 ? 1 : 3;
        if (r->cells[td->rows[grp_first].first].state != GK_CELL_ABSENT) {
            shape(r, GK_T4, GK_SHAPE_ROW_DUPLICATE, row->line, grp_first, td->rows[grp_first].label, 0, 0);
            continue;
        }
        if (nv != want) {
            shape(r, GK_T4, nv < want ? GK_SHAPE_ROW_SHORT : GK_SHAPE_ROW_LONG, row->line, grp_first,
                  td->rows[grp_first].label, (int)want, (int)nv);
            for (int g = grp_first; g < grp_first + grp_n; g++)
                for (int k = 0; k < 5; k++) set_unreadable(r, td->rows[g].first + k, row->line);
            continue;
        }
        /* field order per group from the header, when it names 5 distinct fields per group */
        const int *seq = NULL;
        if (grp_n == 3 && nf == 15) seq = fseq;
        else if (grp_n == 1 && nlast == 5) seq = last_fields;
        for (int g = 0; g < grp_n && seq; g++) {
            bool seen[5] = {false};
            for (int k = 0; k < 5; k++) {
                if (seen[seq[g * 5 + k]]) seq = NULL;
                else seen[seq[g * 5 + k]] = true;
                if (!seq) break;
            }
        }
        if (group < 0 && ng != 3) { gorder[1] = 1; gorder[2] = 2; }
        for (int g = 0; g < grp_n; g++) {
            int grp = group >= 0 ? group : gorder[g];
            for (int k = 0; k < 5; k++) {
                int fk = seq ? seq[g * 5 + k] : k;
                set_cell(r, td->rows[grp].first + fk, &row->cells[v0 + (uint32_t)(g * 5 + k)], &td->rows[grp]);
            }
        }
    }
}

/* ---------------- rows written as text ---------------- */

static bool space_at(const char *s, size_t n, size_t i, size_t *l) {
    int32_t cp;
    *l = gk_utf8_decode(s + i, n - i, &cp);
    return gk_is_space_cp(cp);
}

gk_drow *gk_loose_row(gk_report *r, const gk_block *p, gk_table_id *table) {
    if (p->kind != GK_BLOCK_PARA || p->len > 600) return NULL;
    gk_arena *a = r->arena;
    const char *s = p->text;
    size_t n = p->len;
    /* most paragraphs are prose: a row ends in a number or a blank mark, which is seen from the end alone.
     * Such a token is digits and separators but for its last six bytes (a unit such as 万元, or a mark such
     * as ——), so the scan back stops at the first other character before those. */
    {
        size_t tn = n;
        const char *t = gk_trim(s, &tn);
        size_t k = tn;
        while (k > 0) {
            size_t c = k - 1;
            while (c > 0 && ((unsigned char)t[c] & 0xC0) == 0x80) c--;
            int32_t cp;
            gk_utf8_next(t + c, tn - c, &cp);
            if (gk_is_space_cp(cp)) break;
            bool digitish = (cp >= '0' && cp <= '9') || cp == '.' || cp == ',' || (cp >= 0xFF10 && cp <= 0xFF19) ||
                            cp == 0xFF0E || cp == 0xFF0C;
            if (!digitish && tn - c > 6) return NULL;
            k = c;
        }
        gk_decimal d;
        if (!tn || gk_parse_cell_number(t + k, tn - k, true, &d) == GK_NP_NOT_NUMBER) return NULL;
    }
    /* split into tokens at spaces */
    size_t starts[24], ends[24];
    int nt = 0;
    for (size_t i = 0; i < n;) {
        size_t l;
        if (space_at(s, n, i, &l)) { i += l; continue; }
        size_t j = i;
        while (j < n && !space_at(s, n, j, &l)) j += l;
        if (nt == 24) return NULL;
        starts[nt] = i;
        ends[nt++] = j;
        i = j;
    }
    /* trailing numbers (or blank marks) */
    int first_num = nt, numbers = 0;
    while (first_num > 1) {
        gk_decimal d;
        gk_numparse np = gk_parse_cell_number(s + starts[first_num - 1], ends[first_num - 1] - starts[first_num - 1], true, &d);
        if (np == GK_NP_NOT_NUMBER) break;
        numbers += np == GK_NP_NUMBER;
        first_num--;
    }
    if (!numbers || first_num == 0) return NULL;
    size_t label_len = ends[first_num - 1];
    char *f = gk_fold(a, s, label_len);
    const gk_table_def *t2 = &r->tmpl->tables[GK_T2], *t3 = &r->tmpl->tables[GK_T3];
    int values = nt - first_num;
    if (match_row(t2, f) >= 0 && values <= 3) *table = GK_T2;
    else if (match_row(t3, f) >= 0 && values == 7) *table = GK_T3;
    else return NULL;
    gk_drow *row = gk_arena_alloc(a, sizeof *row);
    row->line = p->line;
    row->ncells = (uint32_t)(1 + values);
    row->cells = gk_arena_alloc(a, row->ncells * sizeof(gk_dcell));
    /* offsets into the source only when the paragraph text lies in it */
    bool in_src = r->src && s >= r->src && s + n <= r->src + r->srclen;
    uint32_t base = in_src ? (uint32_t)(s - r->src) : 0;
    row->cells[0] = (gk_dcell){.text = s, .len = label_len, .src = {p->line, 1, base, (uint32_t)label_len}};
    for (int k = 0; k < values; k++) {
        size_t b = starts[first_num + k], e = ends[first_num + k];
        row->cells[1 + k] = (gk_dcell){.text = s + b, .len = e - b,
                                       .src = {p->line, (uint32_t)(2 + k), in_src ? base + (uint32_t)b : 0, (uint32_t)(e - b)}};
    }
    return row;
}
