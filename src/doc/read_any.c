/* read_any.c: format sniffing and dispatch. The bytes decide, not the file name: a zip is DOCX, %PDF is
 * PDF, text is decoded (gk_decode) and then read as HTML, Markdown or plain text by what it contains. */
#include "gongkai/doc.h"
#include "gongkai/text.h"

#include <string.h>
#include <strings.h>

static bool has_ci(const char *s, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(s + i, needle, k) == 0) return true;
    return false;
}

static bool looks_html(const char *s, size_t n) {
    size_t m = n < 65536 ? n : 65536;
    return has_ci(s, m, "<html") || has_ci(s, m, "<body") || has_ci(s, m, "<table") || has_ci(s, m, "<!doctype html") ||
           (has_ci(s, m, "<p") && has_ci(s, m, "</p>")) || (has_ci(s, m, "<div") && has_ci(s, m, "</div>"));
}

/* Markdown pipe tables: at least two lines that start with '|' and one separator line |---|. */
static bool looks_markdown(const char *s, size_t n) {
    int pipes = 0;
    bool sep = false;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != '\n') j++;
        size_t k = i;
        while (k < j && (s[k] == ' ' || s[k] == '\t')) k++;
        if (k < j && s[k] == '|') {
            pipes++;
            bool only = true;
            for (size_t q = k; q < j; q++)
                if (!strchr("|-: \t\r", s[q])) { only = false; break; }
            if (only && memchr(s + k, '-', j - k)) sep = true;
        }
        i = j + 1;
    }
    return pipes >= 2 && sep;
}

gk_status gk_read_any(gk_arena *a, const char *path, const char *bytes, size_t len, gk_doc **out,
                      const char **detail) {
    *out = NULL;
    if (detail) *detail = NULL;
    if (len >= 4 && memcmp(bytes, "PK\x03\x04", 4) == 0) return gk_read_docx(a, path, bytes, len, out, detail);
    if (len >= 5 && memcmp(bytes, "%PDF-", 5) == 0) {
        if (detail) *detail = "PDF";
        return GK_ERR_UNSUPPORTED;
    }
    char *text;
    size_t tlen;
    const char *enc = NULL;
    gk_status st = gk_decode(a, bytes, len, &text, &tlen, &enc, detail);
    if (st != GK_OK) return st;
    const char *fmt;
    if (looks_html(text, tlen)) { st = gk_read_html(a, path, text, tlen, out, detail); fmt = "html"; }
    else if (looks_markdown(text, tlen)) { st = gk_read_md(a, path, text, tlen, out, detail); fmt = "md"; }
    else {
        size_t bad = 0;
        st = gk_read_txt(a, path, text, tlen, out, &bad);
        fmt = "txt";
        if (st != GK_OK && detail && (st == GK_ERR_BINARY || st == GK_ERR_ENCODING)) *detail = gk_arena_printf(a, "%zu", bad);
    }
    if (st != GK_OK) return st;
    (*out)->format = fmt;
    (*out)->encoding = enc;
    gk_doc_simplify(*out);
    return GK_OK;
}
