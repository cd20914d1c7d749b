/* buf.c: a growable, NUL-terminated byte buffer for building output. */
#include "gongkai/base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gk_buf_init(gk_buf *b) { b->data = NULL; b->len = b->cap = 0; }
void gk_buf_free(gk_buf *b) { free(b->data); gk_buf_init(b); }
void gk_buf_reset(gk_buf *b) { b->len = 0; if (b->data) b->data[0] = 0; }

void gk_buf_grow(gk_buf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) { fputs("gongkai: out of memory\n", stderr); abort(); }
    b->data = p;
    b->cap = cap;
}

size_t gk_int_str(int64_t v, char out[24]) {
    char d[24];
    int i = 24;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do d[--i] = (char)('0' + u % 10); while ((u /= 10));
    if (v < 0) d[--i] = '-';
    size_t n = (size_t)(24 - i);
    memcpy(out, d + i, n);
    out[n] = 0;
    return n;
}

void gk_buf_put_int(gk_buf *b, int64_t v) {
    char d[24];
    gk_buf_append(b, d, gk_int_str(v, d));
}

void gk_buf_printf(gk_buf *b, const char *fmt, ...) {
    va_list ap;
    if (b->cap - b->len < 64) gk_buf_grow(b, 64);
    /* formatted once into the room there is; a second time only when it did not fit */
    size_t room = b->cap - b->len;
    va_start(ap, fmt);
    int n = vsnprintf(b->data + b->len, room, fmt, ap);
    va_end(ap);
    if (n <= 0) { b->data[b->len] = 0; return; }
    if ((size_t)n >= room) {
        gk_buf_grow(b, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    b->len += (size_t)n;
}
