/* read_any.c: format sniffing and dispatch. The bytes decide, not the file name: a zip is DOCX, %PDF is
 * PDF, text is decoded (gk_decode) and then read by what it contains: HTML held in a JavaScript/JSON string
 * literal (unescaped, then read as HTML), HTML, Markdown or plain text. Traditional characters are folded
 * to simplified for recognition (gk_doc_simplify) whatever the format. */
#include "gongkai/doc.h"
#include "gongkai/text.h"
#include "sniff.h"

#include <string.h>
#include <strings.h>

/* One pass over the '<' of the first 64 KiB (text without markup costs one memchr). */
static bool looks_html(const char *s, size_t n) {
    size_t m = n < 65536 ? n : 65536;
    bool p_open = false, p_close = false, div_open = false, div_close = false;
    const char *end = s + m;
    for (const char *lt = memchr(s, '<', m); lt; lt = memchr(lt + 1, '<', (size_t)(end - lt - 1))) {
        size_t left = (size_t)(end - lt);
#define AT(lit) (left >= sizeof(lit) - 1 && !strncasecmp(lt, lit, sizeof(lit) - 1))
        if (AT("<html") || AT("<body") || AT("<table") || AT("<!doctype html")) return true;
        p_open |= AT("<p");
        p_close |= AT("</p>");
        div_open |= AT("<div");
        div_close |= AT("</div>");
#undef AT
        if ((p_open && p_close) || (div_open && div_close)) return true;
        if (left < 2) break;
    }
    return false;
}

/* Markdown pipe tables: at least two lines that start with '|' and one separator line |---|. */
static bool looks_markdown(const char *s, size_t n) {
    int pipes = 0;
    bool sep = false;
    for (size_t i = 0; i < n;) {
        const char *lf = memchr(s + i, '\n', n - i);
        size_t j = lf ? (size_t)(lf - s) : n;
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

/* ---------------------------------------------------------------- HTML in a JavaScript string */

#define JS_MIN_LITERAL 32     /* bytes: shorter literals are never a report */
#define JS_BIG_LITERAL 4096   /* bytes: a literal this long counts wherever it is; a shorter one must be at
                                 least a quarter of the text (a Markdown code span is neither) */

static bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* How much HTML the (escaped) literal s[0..n) holds: 2 = a table tag, 1 = other HTML tags, 0 = none.
 * An opening tag and a closing one (</x, <\/x or />) are both required. */
static int html_score(const char *s, size_t n) {
    static const char *const tags[] = {"table", "tbody", "thead", "tr", "td", "th", "p", "div", "br", "span",
                                       "html", "body", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
                                       "strong", "font", NULL};
    int score = 0;
    bool closing = false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '/' && i + 1 < n && s[i + 1] == '>') { closing = true; continue; }
        if (s[i] != '<' || i + 1 >= n) continue;
        if (s[i + 1] == '/' || (s[i + 1] == '\\' && i + 2 < n && s[i + 2] == '/')) { closing = true; continue; }
        size_t j = i + 1;
        while (j < n && j - i <= 7 && is_alnum(s[j])) j++;
        size_t tl = j - i - 1;
        if (tl == 0 || tl > 6) continue;
        if (j < n && !(s[j] == '>' || s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r' || s[j] == '/' ||
                       s[j] == '\\'))
            continue;
        for (int k = 0; tags[k]; k++) {
            if (strlen(tags[k]) == tl && strncasecmp(s + i + 1, tags[k], tl) == 0) {
                int sc = k < 6 ? 2 : 1;
                if (sc > score) score = sc;
                break;
            }
        }
    }
    return closing ? score : 0;
}

bool gk_js_html_literal(const char *s, size_t n, size_t *start, size_t *len) {
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f')) i++;
    if (i >= n || s[i] == '<') return false;
    if (!memchr(s + i, '<', n - i)) return false;
    int best_score = 0;
    size_t best_start = 0, best_len = 0;
    while (i < n) {
        char c = s[i];
        if (c == '/' && i + 1 < n && s[i + 1] == '/') {            /* line comment */
            while (i < n && s[i] != '\n') i++;
            continue;
        }
        if (c == '/' && i + 1 < n && s[i + 1] == '*') {            /* block comment */
            size_t j = i + 2;
            while (j + 1 < n && !(s[j] == '*' && s[j + 1] == '/')) j++;
            i = j + 2;
            continue;
        }
        if (c != '"' && c != '\'' && c != '`') { i++; continue; }
        size_t j = i + 1;
        bool closed = false;
        while (j < n) {
            if (s[j] == '\\') { j += 2; continue; }
            if (s[j] == c) { closed = true; break; }
            if ((s[j] == '\n' || s[j] == '\r') && c != '`') break;  /* '…' and "…" end at the line */
            j++;
        }
        if (!closed) { i = j < n ? j : n; continue; }
        size_t ls = i + 1, ll = j - i - 1;
        if (ll >= JS_MIN_LITERAL && (ll >= JS_BIG_LITERAL || ll >= n / 4) && memchr(s + ls, '<', ll)) {
            int sc = html_score(s + ls, ll);
            if (sc > best_score || (sc == best_score && sc > 0 && ll > best_len)) {
                best_score = sc;
                best_start = ls;
                best_len = ll;
            }
        }
        i = j + 1;
    }
    if (best_score == 0) return false;
    *start = best_start;
    *len = best_len;
    return true;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* k hex digits at s[i..i+k) (within n) into *v. */
static bool hexn(const char *s, size_t n, size_t i, size_t k, uint32_t *v) {
    if (i > n || n - i < k) return false;
    uint32_t x = 0;
    for (size_t q = 0; q < k; q++) {
        int h = hexval(s[i + q]);
        if (h < 0) return false;
        x = x << 4 | (uint32_t)h;
    }
    *v = x;
    return true;
}

static size_t put_utf8(char *o, uint32_t cp) {
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static bool scalar(uint32_t cp) { return cp > 0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF); }

/* Every escape writes no more bytes than it reads, so the output fits in n + 1. */
char *gk_js_unescape(gk_arena *a, const char *s, size_t n, size_t *outlen) {
    char *out = gk_arena_alloc(a, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] != '\\' || i + 1 >= n) { out[o++] = s[i++]; continue; }
        char e = s[i + 1];
        uint32_t v = 0, w = 0;
        switch (e) {
        case '"': case '\'': case '\\': case '/':
            out[o++] = e; i += 2; continue;
        case 'b': out[o++] = '\b'; i += 2; continue;
        case 'f': out[o++] = '\f'; i += 2; continue;
        case 'n': out[o++] = '\n'; i += 2; continue;
        case 'r': out[o++] = '\r'; i += 2; continue;
        case 't': out[o++] = '\t'; i += 2; continue;
        case 'v': out[o++] = '\v'; i += 2; continue;
        case '\n': i += 2; continue;                                      /* line continuation */
        case '\r': i += 2; if (i < n && s[i] == '\n') i++; continue;
        case 'x':                                                         /* \xHH: 4 bytes in, ≤ 2 out */
            if (hexn(s, n, i + 2, 2, &v) && scalar(v)) { o += put_utf8(out + o, v); i += 4; continue; }
            break;
        case 'u':
            if (i + 2 < n && s[i + 2] == '{') {                           /* \u{X…}: ≥ 5 bytes in, ≤ 4 out */
                size_t j = i + 3;
                while (j < n && j - (i + 3) < 6 && hexval(s[j]) >= 0) j++;
                if (j > i + 3 && j < n && s[j] == '}' && hexn(s, n, i + 3, j - (i + 3), &v) && scalar(v)) {
                    o += put_utf8(out + o, v);
                    i = j + 1;
                    continue;
                }
                break;
            }
            if (!hexn(s, n, i + 2, 4, &v)) break;
            if (v >= 0xD800 && v <= 0xDBFF) {                             /* a pair: 12 bytes in, 4 out */
                if (i + 8 <= n && s[i + 6] == '\\' && s[i + 7] == 'u' && hexn(s, n, i + 8, 4, &w) && w >= 0xDC00 &&
                    w <= 0xDFFF) {
                    o += put_utf8(out + o, 0x10000 + ((v - 0xD800) << 10) + (w - 0xDC00));
                    i += 12;
                    continue;
                }
                break;
            }
            if (!scalar(v)) break;                                        /* lone low surrogate, U+0000 */
            o += put_utf8(out + o, v);                                    /* 6 bytes in, ≤ 3 out */
            i += 6;
            continue;
        default:
            break;
        }
        out[o++] = s[i++];                                                /* kept literally */
    }
    out[o] = 0;
    if (outlen) *outlen = o;
    return out;
}

/* ---------------------------------------------------------------- dispatch */

gk_status gk_read_any(gk_arena *a, const char *path, const char *bytes, size_t len, gk_doc **out,
                      const char **detail) {
    *out = NULL;
    if (detail) *detail = NULL;
    if (len >= 4 && memcmp(bytes, "PK\x03\x04", 4) == 0) {
        gk_status st = gk_read_docx(a, path, bytes, len, out, detail);
        if (st == GK_OK && *out) gk_doc_simplify(*out);
        return st;
    }
    if (len >= 5 && memcmp(bytes, "%PDF-", 5) == 0) {
        gk_status st = gk_read_pdf(a, path, bytes, len, out, detail);
        if (st == GK_OK && *out) gk_doc_simplify(*out);
        return st;
    }
    if (len >= 8 && memcmp(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        if (detail) *detail = "Word 97-2003 .doc: save it as .docx";
        return GK_ERR_UNSUPPORTED;
    }
    char *text;
    size_t tlen;
    const char *enc = NULL;
    gk_status st = gk_decode(a, bytes, len, &text, &tlen, &enc, detail);
    if (st != GK_OK) return st;
    const char *fmt;
    size_t ls = 0, ll = 0;
    if (gk_js_html_literal(text, tlen, &ls, &ll)) {
        size_t hl = 0;
        char *html = gk_js_unescape(a, text + ls, ll, &hl);
        st = gk_read_html_decoded(a, path, html, hl, out, detail);
        fmt = "html";
    } else if (looks_html(text, tlen)) {
        st = gk_read_html_decoded(a, path, text, tlen, out, detail);
        fmt = "html";
    } else if (looks_markdown(text, tlen)) {
        st = gk_read_md(a, path, text, tlen, out, detail);
        fmt = "md";
    } else {
        size_t bad = 0;
        st = gk_read_txt_decoded(a, path, text, tlen, out, &bad);
        if (st == GK_OK) gk_doc_unflatten(*out);
        fmt = "txt";
        if (st != GK_OK && detail && (st == GK_ERR_BINARY || st == GK_ERR_ENCODING)) *detail = gk_arena_printf(a, "%zu", bad);
    }
    if (st != GK_OK) return st;
    (*out)->format = fmt;
    (*out)->encoding = enc;
    gk_doc_simplify(*out);
    return GK_OK;
}
