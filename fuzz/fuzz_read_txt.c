/* fuzz_read_txt.c: libFuzzer target for the whole read path. The input bytes go through
 * gk_report_from_bytes (format sniffing, decoding, the reader, recognition) in a fresh arena; a recognised report is checked
 * (gk_check_report, gk_check_series) and rendered as JSON (both languages, pretty and compact),
 * CSV (header + row) and diagnostic lines; then everything is freed.
 *
 * Besides the sanitizers, the target checks the output contracts of SCHEMA.md and aborts (a crash
 * for libFuzzer) when one breaks:
 *   - the JSON parses (jansson), is an object with "schema": "gongkai.report/1" and one
 *     "diagnostics" entry per finding;
 *   - the CSV header and row are single RFC 4180 records of 7 + GK_NCELLS-in-template fields;
 *   - each diagnostic line is one line (`FILE:LINE: severity: RULE: message`, one '\n' at the end).
 * Set GK_FUZZ_NO_ORACLE=1 in the environment to keep only the sanitizers. */
#include "gongkai/base.h"
#include "gongkai/check.h"
#include "gongkai/render.h"
#include "gongkai/report.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int oracles = -1;

static void broken(const char *what, const gk_buf *b) {
    fprintf(stderr, "fuzz_read_txt: contract broken: %s\n", what);
    if (b && b->data) fprintf(stderr, "--- output (%zu bytes) ---\n%.*s\n---\n", b->len, (int)(b->len > 4000 ? 4000 : b->len), b->data);
    abort();
}

/* Fields of one RFC 4180 record that must fill s[0..n) exactly and end in CRLF; -1 if it does not. */
static long csv_record_fields(const char *s, size_t n) {
    long fields = 1;
    size_t i = 0;
    bool at_start = true;
    while (i < n) {
        char c = s[i];
        if (at_start && c == '"') {
            i++;
            for (;;) {
                if (i >= n) return -1;                       /* unterminated quote */
                if (s[i] == '"') {
                    if (i + 1 < n && s[i + 1] == '"') { i += 2; continue; }
                    i++;
                    break;
                }
                i++;
            }
            if (i < n && s[i] != ',' && s[i] != '\r') return -1;   /* text after a closing quote */
            at_start = false;
            continue;
        }
        if (c == ',') { fields++; at_start = true; i++; continue; }
        if (c == '\r') return (i + 2 == n && s[i + 1] == '\n') ? fields : -1;
        if (c == '\n' || c == '"') return -1;                  /* bare LF or quote in an unquoted field */
        at_start = false;
        i++;
    }
    return -1;                                                 /* no CRLF at the end */
}

static void check_json(const gk_report *r, const gk_buf *b) {
    json_error_t err;
    json_t *root = json_loadb(b->data, b->len, 0, &err);
    if (!root) {
        fprintf(stderr, "fuzz_read_txt: jansson: %s (line %d, column %d, position %d)\n", err.text, err.line,
                err.column, err.position);
        broken("gk_render_json wrote invalid JSON", b);
    }
    if (!json_is_object(root)) broken("JSON is not an object", b);
    const char *schema = json_string_value(json_object_get(root, "schema"));
    if (!schema || strcmp(schema, "gongkai.report/1")) broken("JSON \"schema\" is not gongkai.report/1", b);
    json_t *diags = json_object_get(root, "diagnostics");
    if (!json_is_array(diags) || json_array_size(diags) != r->ndiags)
        broken("JSON \"diagnostics\" is not an array of one entry per finding", b);
    json_decref(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (oracles < 0) {
        const char *e = getenv("GK_FUZZ_NO_ORACLE");
        oracles = !(e && *e && strcmp(e, "0"));
    }
    gk_arena *a = gk_arena_new();
    gk_report *r = NULL;
    const char *detail = NULL;
    gk_status st = gk_report_from_bytes(a, "fuzz.txt", (const char *)data, size, &r, &detail);
    if (st == GK_OK && r) {
        gk_check_report(r);
        gk_check_series(&r, 1);
        int errors = 0, warnings = 0;
        gk_diag_counts(r, &errors, &warnings);
        if (errors < 0 || warnings < 0 || (uint32_t)(errors + warnings) > r->ndiags)
            broken("gk_diag_counts disagrees with the number of findings", NULL);

        gk_buf b;
        gk_buf_init(&b);

        gk_render_json(r, &b, "zh", true);
        if (oracles) check_json(r, &b);
        gk_buf_reset(&b);
        gk_render_json(r, &b, "en", false);
        if (oracles) check_json(r, &b);
        gk_buf_reset(&b);

        gk_render_csv_header(r->tmpl, &b);
        long want = 7 + (long)r->tmpl->ncells;
        if (oracles && csv_record_fields(b.data, b.len) != want) broken("CSV header is not one record of the right width", &b);
        gk_buf_reset(&b);
        gk_render_csv_row(r, &b);
        if (oracles && csv_record_fields(b.data, b.len) != want) broken("CSV row is not one record of the right width", &b);
        gk_buf_reset(&b);

        for (uint32_t i = 0; i < r->ndiags; i++) {
            for (int l = 0; l < 2; l++) {
                gk_render_diag_line(r, &r->diags[i], l ? "en" : "zh", &b);
                if (oracles && (b.len == 0 || b.data[b.len - 1] != '\n' || memchr(b.data, '\n', b.len) != b.data + b.len - 1))
                    broken("a diagnostic line is not exactly one line", &b);
                gk_buf_reset(&b);
            }
        }
        gk_buf_free(&b);
    } else {
        if (detail && strlen(detail) > 4096) broken("the failure detail is not a short reason", NULL);
        (void)gk_status_message(st, "zh");
        (void)gk_status_message(st, "en");
    }
    gk_arena_free(a);
    return 0;
}
