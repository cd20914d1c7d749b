/* json.c: the report as JSON. Written directly (not through a DOM) so that decimal cells are printed
 * exactly as held in fixed point (the fee in 万元: "96171.6", "1.50"), and so that batch output streams. */
#include "gongkai/analyze.h"
#include "gongkai/render.h"

#include <stdio.h>
#include <string.h>

void gk_json_string(gk_buf *out, const char *s, size_t n) {
    gk_buf_putc(out, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        gk_buf_append(out, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': gk_buf_puts(out, "\\\""); break;
        case '\\': gk_buf_puts(out, "\\\\"); break;
        case '\n': gk_buf_puts(out, "\\n"); break;
        case '\r': gk_buf_puts(out, "\\r"); break;
        case '\t': gk_buf_puts(out, "\\t"); break;
        default: gk_buf_printf(out, "\\u%04x", c);
        }
    }
    gk_buf_append(out, s + run, n - run);
    gk_buf_putc(out, '"');
}

static void jstr(gk_buf *o, const char *s) {
    if (!s) gk_buf_puts(o, "null");
    else gk_json_string(o, s, strlen(s));
}

typedef struct {
    gk_buf *o;
    bool pretty;
    int depth;
} jw;

static void nl(jw *w) {
    if (!w->pretty) return;
    gk_buf_putc(w->o, '\n');
    for (int i = 0; i < w->depth; i++) gk_buf_puts(w->o, "  ");
}

/* Keys are gongkai's own ASCII names (template keys, cell paths): nothing in them needs escaping. */
static void key(jw *w, bool *first, const char *k) {
    if (!*first) gk_buf_putc(w->o, ',');
    *first = false;
    nl(w);
    gk_buf_putc(w->o, '"');
    gk_buf_puts(w->o, k);
    gk_buf_puts(w->o, w->pretty ? "\": " : "\":");
}

static void cell_value(gk_buf *o, const gk_cell *c) {
    if (c->state != GK_CELL_NUMBER) { gk_buf_puts(o, "null"); return; }
    char b[32];
    gk_buf_puts(o, gk_decimal_str(c->num, b));
}

void gk_render_fix(const gk_report *r, const gk_diag *d, const char *lang, gk_buf *out) {
    if (!d->has_fix) return;
    char path[64], a[32], b[32];
    gk_template_cell_path(r->tmpl, d->fix.cell, path);
    gk_decimal_str(d->fix.from, a);
    gk_decimal_str(d->fix.to, b);
    bool en = lang && !strcmp(lang, "en");
    if (d->fix.all_sums) {
        if (en) gk_buf_printf(out, "changing %s from %s to %s makes every sum hold", path, a, b);
        else gk_buf_printf(out, "将 %s 由 %s 改为 %s 后全部勾稽关系成立", path, a, b);
    } else {
        if (en) gk_buf_printf(out, "change %s from %s to %s, or correct the other report", path, a, b);
        else gk_buf_printf(out, "将 %s 由 %s 改为 %s，或更正另一份报告", path, a, b);
    }
}

static void diagnostics(jw *w, const gk_report *r, const char *lang) {
    bool en = lang && !strcmp(lang, "en");
    gk_buf_putc(w->o, '[');
    w->depth++;
    for (uint32_t i = 0; i < r->ndiags; i++) {
        const gk_diag *d = &r->diags[i];
        if (i) gk_buf_putc(w->o, ',');
        nl(w);
        gk_buf_putc(w->o, '{');
        w->depth++;
        bool f = true;
        key(w, &f, "rule"); jstr(w->o, d->rule);
        key(w, &f, "severity"); jstr(w->o, gk_severity_name(d->severity));
        key(w, &f, "where"); jstr(w->o, d->where);
        key(w, &f, "line"); gk_buf_printf(w->o, "%u", d->line);
        key(w, &f, "message"); jstr(w->o, en ? d->msg_en : d->msg_zh);
        if (d->has_fix) {
            char path[64], a[32], b[32];
            key(w, &f, "suggestion");
            gk_buf_putc(w->o, '{');
            w->depth++;
            bool g = true;
            key(w, &g, "where"); jstr(w->o, gk_template_cell_path(r->tmpl, d->fix.cell, path));
            key(w, &g, "line"); gk_buf_printf(w->o, "%u", r->cells[d->fix.cell].src.line);
            key(w, &g, "from"); gk_buf_puts(w->o, gk_decimal_str(d->fix.from, a));
            key(w, &g, "to"); gk_buf_puts(w->o, gk_decimal_str(d->fix.to, b));
            gk_buf fx;
            gk_buf_init(&fx);
            gk_render_fix(r, d, lang, &fx);
            key(w, &g, "message"); jstr(w->o, fx.data);
            gk_buf_free(&fx);
            w->depth--;
            nl(w);
            gk_buf_putc(w->o, '}');
        }
        w->depth--;
        nl(w);
        gk_buf_putc(w->o, '}');
    }
    w->depth--;
    if (r->ndiags) nl(w);
    gk_buf_putc(w->o, ']');
}

void gk_render_json(const gk_report *r, gk_buf *out, const char *lang, bool pretty) {
    gk_render_json_ex(r, out, lang, pretty, NULL);
}

void gk_render_json_ex(const gk_report *r, gk_buf *out, const char *lang, bool pretty, const char *extra) {
    jw w = {out, pretty, 0};
    bool f = true;
    gk_buf_putc(out, '{');
    w.depth++;
    key(&w, &f, "schema"); jstr(out, "gongkai.report/1");
    key(&w, &f, "source"); jstr(out, r->path);
    key(&w, &f, "agency"); jstr(out, r->agency);
    key(&w, &f, "year"); if (r->year) gk_buf_printf(out, "%d", r->year); else gk_buf_puts(out, "null");
    key(&w, &f, "format"); jstr(out, r->format);
    key(&w, &f, "title"); jstr(out, r->title);
    key(&w, &f, "sections");
    gk_buf_putc(out, '[');
    w.depth++;
    bool firstsec = true;
    for (int s = 0; s < 6; s++) {
        const gk_section *sec = &r->sections[s];
        if (!sec->present) continue;
        if (!firstsec) gk_buf_putc(out, ',');
        firstsec = false;
        nl(&w);
        gk_buf_putc(out, '{');
        w.depth++;
        bool g = true;
        key(&w, &g, "no"); gk_buf_printf(out, "%d", s + 1);
        key(&w, &g, "title"); jstr(out, sec->title);
        key(&w, &g, "heading"); jstr(out, sec->heading);
        key(&w, &g, "line"); gk_buf_printf(out, "%u", sec->line);
        key(&w, &g, "text"); jstr(out, sec->text);
        w.depth--;
        nl(&w);
        gk_buf_putc(out, '}');
    }
    w.depth--;
    if (!firstsec) nl(&w);
    gk_buf_putc(out, ']');
    for (int t = 0; t < GK_NTABLES; t++) {
        const gk_table_def *td = &r->tmpl->tables[t];
        key(&w, &f, td->key);
        gk_buf_putc(out, '{');
        w.depth++;
        bool g = true;
        for (int k = 0; k < td->nrows; k++) {
            const gk_row_def *rd = &td->rows[k];
            key(&w, &g, rd->key);
            gk_buf_putc(out, '{');
            for (int fi = 0; fi < rd->nfields; fi++) {
                if (fi) gk_buf_puts(out, pretty ? ", " : ",");
                gk_buf_putc(out, '"');
                gk_buf_puts(out, rd->fields[fi].key);
                gk_buf_puts(out, pretty ? "\": " : "\":");
                cell_value(out, &r->cells[rd->first + fi]);
            }
            gk_buf_putc(out, '}');
        }
        w.depth--;
        nl(&w);
        gk_buf_putc(out, '}');
    }
    /* where every cell came from: line and cell index in the source row, and its state */
    key(&w, &f, "provenance");
    gk_buf_putc(out, '{');
    w.depth++;
    bool g = true;
    for (int i = 0; i < r->tmpl->ncells; i++) {
        const gk_cell *c = &r->cells[i];
        if (c->state == GK_CELL_ABSENT) continue;
        char path[64];
        const char *p = gk_template_cell_key(r->tmpl, i);
        key(&w, &g, p ? p : gk_template_cell_path(r->tmpl, i, path));
        static const char *const states[] = {"absent", "number", "blank", "unreadable"};
        gk_buf_puts(out, "{\"line\":");
        gk_buf_put_int(out, c->src.line);
        gk_buf_puts(out, ",\"cell\":");
        gk_buf_put_int(out, c->src.col);
        gk_buf_puts(out, ",\"state\":\"");
        gk_buf_puts(out, states[c->state]);
        gk_buf_putc(out, '"');
        if (c->state == GK_CELL_UNREADABLE && c->raw) {
            gk_buf_puts(out, ",\"raw\":");
            jstr(out, c->raw);
        }
        gk_buf_putc(out, '}');
    }
    w.depth--;
    if (!g) nl(&w);
    gk_buf_putc(out, '}');
    /* derived rates (docs/RATES.md): null when a cell they read is not a number or the base is 0 */
    key(&w, &f, "rates");
    gk_buf_putc(out, '{');
    gk_rate rates[GK_NRATES];
    gk_rates(r, rates);
    for (int k = 0; k < GK_NRATES; k++) {
        if (k) gk_buf_putc(out, ',');
        gk_buf_printf(out, "\"%s\":", gk_rate_key((gk_rate_id)k));
        if (!rates[k].known) { gk_buf_puts(out, "null"); continue; }
        gk_buf_printf(out, "{\"value\":%.4f,\"num\":%lld,\"den\":%lld,\"small\":%s}", rates[k].value,
                      (long long)rates[k].num, (long long)rates[k].den, rates[k].small ? "true" : "false");
    }
    gk_buf_putc(out, '}');
    key(&w, &f, "diagnostics");
    diagnostics(&w, r, lang);
    if (extra && *extra) {
        gk_buf_putc(out, ',');
        nl(&w);
        gk_buf_puts(out, extra);
    }
    w.depth--;
    nl(&w);
    gk_buf_putc(out, '}');
    if (pretty) gk_buf_putc(out, '\n');
}
