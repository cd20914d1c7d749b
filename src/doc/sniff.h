/* sniff.h: internals of format sniffing (read_any.c), exposed for the tests.
 *
 * HTML inside a JavaScript or JSON string literal: web apps ship a report as ONE escaped string
 * (`let content = "<p ...>…<table border=\"1\">…";`, or {"content": "<p>…<\/p>"}). read_any finds that
 * literal in text that is not itself HTML, unescapes it and reads the result as HTML. */
#ifndef GK_DOC_SNIFF_H
#define GK_DOC_SNIFF_H

#include "gongkai/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* In s[0..n) (UTF-8, not necessarily NUL-terminated), finds the string literal ("…", '…' or `…`, comments
 * skipped) that holds HTML: its contents (still escaped) are s[*start .. *start + *len). Literals with a
 * <table win over those with only <p>/<div>/<br>…; among equals the longest wins. A literal needs an opening
 * tag and a closing one (</…, <\/… or />), at least 32 bytes, and either 4 KiB or a quarter of the text (so
 * that a Markdown code span or a quoted tag in prose is not taken for a document). False when there is
 * none, or when the text itself starts with '<' (a document that is HTML is read as HTML). Linear in n. */
bool gk_js_html_literal(const char *s, size_t n, size_t *start, size_t *len);

/* Unescapes the contents of a JavaScript/JSON string literal: \" \' \\ \/ \b \f \n \r \t \v, \uXXXX
 * (surrogate pairs joined), \u{X…}, \xHH, and a backslash before a line break (a continuation, removed).
 * Anything else is kept literally, backslash included: unknown escapes (\q), lone surrogates, escapes of
 * U+0000, a trailing backslash. The result (at most n bytes) is NUL-terminated in the arena; *outlen
 * receives its length (may be NULL). */
char *gk_js_unescape(gk_arena *a, const char *s, size_t n, size_t *outlen);

/* gk_read_html for text that gk_decode (or gk_js_unescape of its output) produced: known to be valid UTF-8,
 * so it is not validated a second time; and already in the arena a, NUL-terminated at len, so it is not
 * copied either (the document's src is that text). */
gk_status gk_read_html_decoded(gk_arena *a, const char *path, const char *utf8, size_t len, gk_doc **out,
                               const char **detail);

/* gk_read_txt for text that gk_decode produced: valid UTF-8, so it is not validated a second time (the
 * other checks, NUL, control characters and blank text, are made as by gk_read_txt); and, as for HTML, already
 * in the arena a and NUL-terminated at len, so it is not copied (the document's src is that text). */
gk_status gk_read_txt_decoded(gk_arena *a, const char *path, const char *utf8, size_t len, gk_doc **out,
                               size_t *bad_offset);

#ifdef __cplusplus
}
#endif
#endif
