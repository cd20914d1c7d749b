/* csv.c: one row per report, RFC 4180 quoting, columns in the fixed documented order. */
#include "gongkai/render.h"

#include <string.h>

static void field(gk_buf *o, const char *s) {
    if (!s) return;
    if (!strpbrk(s, ",\"\n\r")) { gk_buf_puts(o, s); return; }
    gk_buf_putc(o, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"') gk_buf_putc(o, '"');
        gk_buf_putc(o, *p);
    }
    gk_buf_putc(o, '"');
}

void gk_render_csv_header(const gk_template *t, gk_buf *out) {
    gk_buf_puts(out, "source,agency,year,format,title,errors,warnings");
    for (int i = 0; i < t->ncells; i++) {
        char path[64];
        gk_buf_putc(out, ',');
        gk_buf_puts(out, gk_template_cell_path(t, i, path));
    }
    gk_buf_puts(out, "\r\n");
}

void gk_render_csv_row(const gk_report *r, gk_buf *out) {
    int errors, warnings;
    gk_diag_counts(r, &errors, &warnings);
    field(out, r->path);
    gk_buf_putc(out, ',');
    field(out, r->agency);
    gk_buf_putc(out, ',');
    if (r->year) gk_buf_printf(out, "%d", r->year);
    gk_buf_putc(out, ',');
    field(out, r->format);
    gk_buf_putc(out, ',');
    field(out, r->title);
    gk_buf_printf(out, ",%d,%d", errors, warnings);
    for (int i = 0; i < r->tmpl->ncells; i++) {
        gk_buf_putc(out, ',');
        if (r->cells[i].state == GK_CELL_NUMBER) {
            char b[32];
            gk_buf_puts(out, gk_decimal_str(r->cells[i].num, b));
        }
    }
    gk_buf_puts(out, "\r\n");
}

void gk_render_diag_line(const gk_report *r, const gk_diag *d, const char *lang, gk_buf *out) {
    bool en = lang && !strcmp(lang, "en");
    size_t start = out->len;
    gk_buf_printf(out, "%s:%u: %s: %s: %s", r->path, d->line, gk_severity_name(d->severity), d->rule,
                  en ? d->msg_en : d->msg_zh);
    if (d->has_fix) {
        gk_buf_puts(out, en ? "; suggestion: " : "；建议：");
        gk_render_fix(r, d, lang, out);
    }
    /* one finding, one line: text quoted from the source may hold line breaks or tabs */
    for (size_t i = start; i < out->len; i++)
        if (out->data[i] == '\n' || out->data[i] == '\r' || out->data[i] == '\t') out->data[i] = ' ';
    gk_buf_putc(out, '\n');
}
