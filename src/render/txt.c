/* txt.c: the statutory layout as text (tab-separated rows, as Word copies a table), and as Markdown.
 * Both are written so that gongkai's own readers read them back to the same report: the round trip is
 * the test. Only what the model holds is written. */
#include "gongkai/render.h"
#include "internal.h"

#include <string.h>

const char *gk_cell_text(const gk_cell *c, char out[32]) {
    if (c->state != GK_CELL_NUMBER) { out[0] = 0; return out; }
    return gk_decimal_str(c->num, out);
}


/* Paragraphs of a text, one per line, blank lines dropped. */
static void paragraphs(gk_buf *o, const char *text, bool md) {
    if (!text) return;
    const char *p = text;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        size_t m = n;
        const char *t = gk_trim(p, &m);
        if (m) {
            if (md && strchr("|#-*>", t[0])) gk_buf_putc(o, '\\');   /* not a table row, heading or list */
            gk_buf_append(o, t, m);
            gk_buf_puts(o, md ? "\n\n" : "\n");
        }
        if (!e) break;
        p = e + 1;
    }
}

static void heading(gk_buf *o, int no, const gk_section *s, bool md) {
    char cn[16];
    if (md) gk_buf_puts(o, "## ");
    gk_buf_printf(o, "%s、%s\n\n", gk_cn_numeral(no, cn), s->present && s->title ? s->title : gk_section_title(no, "zh"));
}

static void cell(gk_buf *o, const gk_report *r, int i, const char *sep) {
    char b[32];
    gk_buf_puts(o, sep);
    gk_buf_puts(o, gk_cell_text(&r->cells[i], b));
}

/* ---- plain text ---- */

static void t2_txt(gk_buf *o, const gk_report *r) {
    const gk_table_def *td = &r->tmpl->tables[GK_T2];
    const char *group = NULL;
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        if (!group || strcmp(group, rd->group)) {
            group = rd->group;
            gk_buf_printf(o, "%s\t\t\t\n%s", group, gk_t2_content);
            for (int f = 0; f < 3; f++) gk_buf_printf(o, "\t%s", f < rd->nfields ? rd->fields[f].label : "");
            gk_buf_putc(o, '\n');
        }
        gk_buf_puts(o, rd->label);
        for (int f = 0; f < 3; f++) {
            if (f < rd->nfields) cell(o, r, rd->first + f, "\t");
            else gk_buf_putc(o, '\t');
        }
        gk_buf_putc(o, '\n');
    }
}

static void t3_txt(gk_buf *o, const gk_report *r) {
    const gk_table_def *td = &r->tmpl->tables[GK_T3];
    const gk_field_def *cols = td->rows[0].fields;
    gk_buf_printf(o, "%s\t\t\t%s\t\t\t\t\t\t\n", gk_t3_note, gk_t3_applicants);
    gk_buf_printf(o, "\t\t\t%s\t%s\t\t\t\t\t%s\n", cols[0].label, gk_t3_organisations, cols[6].label);
    gk_buf_puts(o, "\t\t\t");
    for (int c = 1; c < 6; c++) gk_buf_printf(o, "\t%s", cols[c].label);
    gk_buf_puts(o, "\t\n");
    const char *sub = NULL;
    bool first_outcome = true;
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        const char *c0 = "", *c1, *c2 = "";
        bool outcome = k >= r->tmpl->t3.first_outcome && k <= r->tmpl->t3.total;
        if (outcome && first_outcome) { c0 = "三、本年度办理结果"; first_outcome = false; }
        if (rd->group && strncmp(rd->group, "三、", strlen("三、")) != 0) {
            /* an item under （三）…（六）: the subgroup label on its first row */
            c1 = (!sub || strcmp(sub, rd->group)) ? rd->group : "";
            sub = rd->group;
            c2 = rd->label;
        } else {
            c1 = rd->label;
            sub = NULL;
        }
        gk_buf_printf(o, "%s\t%s\t%s", c0, c1, c2);
        for (int c = 0; c < 7; c++) cell(o, r, rd->first + c, "\t");
        gk_buf_putc(o, '\n');
    }
}

static void t4_txt(gk_buf *o, const gk_report *r) {
    const gk_table_def *td = &r->tmpl->tables[GK_T4];
    const gk_field_def *f = td->rows[0].fields;
    gk_buf_printf(o, "%s\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n", td->rows[0].label);
    for (int k = 0; k < 5; k++) gk_buf_printf(o, "%s\t", f[k].label);
    gk_buf_printf(o, "%s\t\t\t\t\t%s\t\t\t\t\n", td->rows[1].label, td->rows[2].label);
    gk_buf_puts(o, "\t\t\t\t");
    for (int g = 1; g < 3; g++)
        for (int k = 0; k < 5; k++) gk_buf_printf(o, "\t%s", f[k].label);
    gk_buf_putc(o, '\n');
    for (int g = 0; g < 3; g++)
        for (int k = 0; k < 5; k++) cell(o, r, td->rows[g].first + k, g == 0 && k == 0 ? "" : "\t");
    gk_buf_putc(o, '\n');
}

bool gk_para_in_title(const gk_report *r, const gk_para *p) {
    if (!r->title_line || p->line > r->title_line + 1 || !r->title) return false;
    size_t h = strlen(r->title);
    for (size_t i = 0; i + p->len <= h; i++)
        if (!memcmp(r->title + i, p->text, p->len)) return true;
    return false;
}

static void preface(gk_buf *o, const gk_report *r, bool md) {
    for (uint32_t i = 0; i < r->nparas; i++) {
        const gk_para *p = &r->paras[i];
        if (p->section >= 0 || gk_para_in_title(r, p)) continue;
        if (md && strchr("|#-*>", p->text[0])) gk_buf_putc(o, '\\');
        if (p->orig) gk_buf_append(o, p->orig, p->orig_len);
        else gk_buf_append(o, p->text, p->len);
        gk_buf_puts(o, md ? "\n\n" : "\n");
    }
}

void gk_render_txt(const gk_report *r, gk_buf *o) {
    if (r->title) gk_buf_printf(o, "%s\n\n", r->title);
    preface(o, r, false);
    for (int s = 0; s < 6; s++) {
        const gk_section *sec = &r->sections[s];
        bool has_table = (s == 1 && r->table_found[GK_T2]) || (s == 2 && r->table_found[GK_T3]) ||
                         (s == 3 && r->table_found[GK_T4]);
        if (!sec->present && !has_table) continue;
        gk_buf_putc(o, '\n');
        heading(o, s + 1, sec, false);
        paragraphs(o, sec->text, false);
        if (s == 1 && r->table_found[GK_T2]) { gk_buf_putc(o, '\n'); t2_txt(o, r); }
        if (s == 2 && r->table_found[GK_T3]) { gk_buf_putc(o, '\n'); t3_txt(o, r); }
        if (s == 3 && r->table_found[GK_T4]) { gk_buf_putc(o, '\n'); t4_txt(o, r); }
    }
}

/* ---- Markdown ---- */

static void md_row_end(gk_buf *o) { gk_buf_puts(o, " |\n"); }

void gk_render_md(const gk_report *r, gk_buf *o) {
    if (r->title) gk_buf_printf(o, "# %s\n\n", r->title);
    preface(o, r, true);
    for (int s = 0; s < 6; s++) {
        const gk_section *sec = &r->sections[s];
        gk_table_id t = s == 1 ? GK_T2 : s == 2 ? GK_T3 : GK_T4;
        bool has_table = s >= 1 && s <= 3 && r->table_found[t];
        if (!sec->present && !has_table) continue;
        heading(o, s + 1, sec, true);
        paragraphs(o, sec->text, true);
        if (!has_table) continue;
        const gk_table_def *td = &r->tmpl->tables[t];
        if (t == GK_T4) {
            gk_buf_puts(o, "| 项目");
            for (int k = 0; k < 5; k++) gk_buf_printf(o, " | %s", td->rows[0].fields[k].label);
            md_row_end(o);
            gk_buf_puts(o, "|---|---|---|---|---|---|\n");
            for (int g = 0; g < 3; g++) {
                gk_buf_printf(o, "| %s", td->rows[g].label);
                for (int k = 0; k < 5; k++) cell(o, r, td->rows[g].first + k, " | ");
                md_row_end(o);
            }
            gk_buf_putc(o, '\n');
            continue;
        }
        const gk_field_def *hdr = NULL;
        int width = 0;
        for (int k = 0; k < td->nrows; k++) {
            const gk_row_def *rd = &td->rows[k];
            if (rd->fields != hdr) {
                if (hdr) gk_buf_putc(o, '\n');
                hdr = rd->fields;
                width = t == GK_T3 ? 7 : rd->nfields;
                gk_buf_printf(o, "| %s", t == GK_T3 ? gk_t3_note : gk_t2_content);
                for (int f = 0; f < width; f++) gk_buf_printf(o, " | %s", rd->fields[f].label);
                md_row_end(o);
                gk_buf_puts(o, "|---");
                for (int f = 0; f < width; f++) gk_buf_puts(o, "|---");
                gk_buf_puts(o, "|\n");
            }
            gk_buf_printf(o, "| %s", rd->label);
            for (int f = 0; f < rd->nfields; f++) cell(o, r, rd->first + f, " | ");
            md_row_end(o);
        }
        gk_buf_putc(o, '\n');
    }
}
