/* json_in.c: a report from its own JSON (gongkai.report/1), so that a program can produce a report by
 * writing JSON and have gongkai check and render it. Cells: a number is a number, null is blank unless the
 * JSON's provenance says otherwise; sections keep their text; nothing else is invented. */
#include "gongkai/report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool gk_looks_like_report_json(const char *bytes, size_t len) {
    size_t i = 0;
    if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < len && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) i++;
    if (i >= len || bytes[i] != '{') return false;
    size_t m = len - i < 4096 ? len - i : 4096;
    for (size_t k = i; k + 16 <= i + m; k++)
        if (!memcmp(bytes + k, "gongkai.report/1", 16)) return true;
    return false;
}

static const char *dup_str(gk_arena *a, json_t *v) {
    return json_is_string(v) ? gk_arena_strndup(a, json_string_value(v), json_string_length(v)) : NULL;
}

/* A JSON number as an exact decimal (reals through their shortest printed form). */
static bool to_decimal(json_t *v, gk_decimal *d) {
    if (json_is_integer(v)) { d->value = json_integer_value(v); d->scale = 0; return true; }
    if (!json_is_real(v)) return false;
    char b[64];
    snprintf(b, sizeof b, "%.15g", json_real_value(v));
    if (strchr(b, 'e')) return false;
    return gk_parse_cell_number_ex(b, strlen(b), GK_CELL_DECIMAL | GK_CELL_SIGNED, d) == GK_NP_NUMBER;
}

gk_status gk_report_from_json(gk_arena *a, const char *path, const char *bytes, size_t len, gk_report **out,
                              const char **detail) {
    *out = NULL;
    json_error_t err;
    json_t *j = json_loadb(bytes, len, JSON_REJECT_DUPLICATES, &err);
    if (!j || !json_is_object(j)) {
        if (detail) *detail = gk_arena_printf(a, "JSON line %d: %s", err.line, err.text);
        json_decref(j);
        return GK_ERR_MALFORMED;
    }
    gk_report *r = gk_arena_alloc(a, sizeof *r);
    r->arena = a;
    const char *fmt = json_string_value(json_object_get(j, "format"));
    r->tmpl = fmt && !strcmp(fmt, "2019") ? gk_template_2019() : gk_template_2021();
    r->format = r->tmpl->format;
    r->path = gk_arena_strdup(a, path);
    r->agency = dup_str(a, json_object_get(j, "agency"));
    r->title = dup_str(a, json_object_get(j, "title"));
    r->aggregate = json_object_get(j, "rollup") != NULL;   /* a roll-up: tables only */
    json_t *y = json_object_get(j, "year");
    if (json_is_integer(y)) r->year = (int)json_integer_value(y);
    json_t *secs = json_object_get(j, "sections");
    size_t i;
    json_t *s;
    uint32_t npara = 0;
    json_array_foreach(secs, i, s) {
        json_int_t no = json_integer_value(json_object_get(s, "no"));
        if (no < 1 || no > 6) continue;
        gk_section *sec = &r->sections[no - 1];
        sec->present = true;
        sec->title = dup_str(a, json_object_get(s, "title"));
        if (!sec->title) sec->title = gk_section_title((int)no, "zh");
        sec->heading = dup_str(a, json_object_get(s, "heading"));
        sec->text = dup_str(a, json_object_get(s, "text"));
        if (!sec->text) sec->text = "";
        sec->line = (uint32_t)json_integer_value(json_object_get(s, "line"));
        sec->numbering = (gk_numbering){GK_NUM_CN, (int)no, 0};
        sec->order = (uint32_t)i;
        for (const char *p = sec->text; *p; p++) npara += *p == '\n';
        npara++;
    }
    /* the sections' paragraphs, for the rules that read the text */
    r->paras = gk_arena_alloc(a, (npara + 1) * sizeof(gk_para));
    for (int k = 0; k < 6; k++) {
        const gk_section *sec = &r->sections[k];
        if (!sec->present) continue;
        const char *p = sec->text;
        while (*p) {
            const char *e = strchr(p, '\n');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            if (n && r->nparas < npara) r->paras[r->nparas++] = (gk_para){p, n, NULL, 0, sec->line, (int8_t)k};
            if (!e) break;
            p = e + 1;
        }
    }
    json_t *prov = json_object_get(j, "provenance");
    for (int t = 0; t < GK_NTABLES; t++) {
        const gk_table_def *td = &r->tmpl->tables[t];
        json_t *tj = json_object_get(j, td->key);
        if (!json_is_object(tj)) continue;
        r->table_found[t] = true;
        for (int k = 0; k < td->nrows; k++) {
            const gk_row_def *rd = &td->rows[k];
            json_t *row = json_object_get(tj, rd->key);
            for (int f = 0; f < rd->nfields; f++) {
                gk_cell *c = &r->cells[rd->first + f];
                json_t *v = json_is_object(row) ? json_object_get(row, rd->fields[f].key) : NULL;
                char path_[64];
                snprintf(path_, sizeof path_, "%s.%s.%s", td->key, rd->key, rd->fields[f].key);
                json_t *pv = json_object_get(prov, path_);
                const char *state = json_string_value(json_object_get(pv, "state"));
                c->src.line = (uint32_t)json_integer_value(json_object_get(pv, "line"));
                c->src.col = (uint32_t)json_integer_value(json_object_get(pv, "cell"));
                if (!v) continue;   /* absent */
                if (json_is_null(v)) {
                    c->state = state && !strcmp(state, "unreadable") ? GK_CELL_UNREADABLE
                             : state && !strcmp(state, "absent") ? GK_CELL_ABSENT : GK_CELL_BLANK;
                    c->raw = dup_str(a, json_object_get(pv, "raw"));
                    if (!c->raw && c->state == GK_CELL_UNREADABLE) c->unsettled = true;
                    continue;
                }
                /* what a document could hold: no negative count, no decimal outside the fee, nothing past 10^15 */
                bool ok = to_decimal(v, &c->num);
                if (ok && c->num.value < 0 && !rd->sign) ok = false;
                if (ok && c->num.scale && !rd->decimal) ok = false;
                if (ok && (c->num.value > 1000000000000000ll || c->num.value < -1000000000000000ll)) ok = false;
                if (!ok) {
                    c->state = GK_CELL_UNREADABLE;
                    char *txt = json_dumps(v, JSON_ENCODE_ANY);
                    c->raw = txt ? gk_arena_strdup(a, txt) : "?";
                    free(txt);
                    continue;
                }
                c->state = GK_CELL_NUMBER;
                char b[32];
                c->raw = gk_arena_strdup(a, gk_decimal_str(c->num, b));
            }
        }
    }
    json_decref(j);
    *out = r;
    return GK_OK;
}
