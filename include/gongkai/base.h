/* gongkai/base.h: the bottom layer. An arena that owns everything one document produces
 * (freed by one call), a growable byte buffer, and the status codes every function returns.
 * No global mutable state anywhere in the library: one document per thread is safe. */
#ifndef GONGKAI_BASE_H
#define GONGKAI_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gk_status {
    GK_OK = 0,
    GK_ERR_IO,          /* the file could not be opened or read */
    GK_ERR_EMPTY,       /* zero bytes, or only white space */
    GK_ERR_BINARY,      /* NUL bytes or other signs of a non-text file */
    GK_ERR_ENCODING,    /* not text in any encoding gongkai recognises (UTF-8/16/32, a declared charset, GB18030) */
    GK_ERR_TOO_LARGE,   /* over the size limit */
    GK_ERR_NOT_REPORT,  /* readable text, but nothing of an annual report was found */
    GK_ERR_NOMEM,
    GK_ERR_MALFORMED,   /* a structured format (HTML, DOCX, zip, XML) that is broken beyond reading */
    GK_ERR_UNSAFE,      /* refused: zip bomb, huge entry, path tricks, nesting or spans past the limits */
    GK_ERR_UNSUPPORTED  /* a format gongkai recognises but cannot read yet (PDF until its reader lands) */
} gk_status;

/* A short human-readable reason for a status, in Chinese (lang "zh") or English ("en"). */
const char *gk_status_message(gk_status st, const char *lang);

typedef struct gk_arena gk_arena;

gk_arena *gk_arena_new(void);
void gk_arena_free(gk_arena *a);
/* Releases everything allocated so far but keeps up to 4 MiB of the memory for the next document (a batch
 * worker's arena, reused report after report). Pointers into the arena become invalid. */
void gk_arena_reset(gk_arena *a);
/* Zeroed memory, aligned for any type. Aborts the process on out-of-memory: the library's
 * callers are command-line and batch tools where there is nothing better to do. */
void *gk_arena_alloc(gk_arena *a, size_t n);
char *gk_arena_strndup(gk_arena *a, const char *s, size_t n);
char *gk_arena_strdup(gk_arena *a, const char *s);
char *gk_arena_printf(gk_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Room for one more element in an array kept in the arena: returns data itself while n < *cap, else a copy of
 * its n elements in a new block twice as large (first elements at the start) with *cap updated. */
void *gk_arena_grow(gk_arena *a, void *data, uint32_t n, uint32_t *cap, size_t elem, uint32_t first);

/* A growable array in an arena, for readers that collect items of one type. */
typedef struct gk_vec {
    void *data;
    uint32_t n, cap;
} gk_vec;
/* Appends one element of size elem (room for 8 to start with) and returns it (fresh arena memory is zeroed). */
void *gk_vec_push(gk_arena *a, gk_vec *v, size_t elem);

/* A growable byte buffer on the heap (not in an arena), always NUL-terminated. */
typedef struct gk_buf {
    char *data;
    size_t len, cap;
} gk_buf;

void gk_buf_init(gk_buf *b);
void gk_buf_free(gk_buf *b);
void gk_buf_reset(gk_buf *b);
/* Makes room for extra more bytes and the NUL (the slow path of the appends below). */
void gk_buf_grow(gk_buf *b, size_t extra);
/* Appends are inline: output writes millions of short pieces. */
static inline void gk_buf_append(gk_buf *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) gk_buf_grow(b, n);
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}
static inline void gk_buf_puts(gk_buf *b, const char *s) { gk_buf_append(b, s, strlen(s)); }
static inline void gk_buf_putc(gk_buf *b, char c) {
    if (b->len + 2 > b->cap) gk_buf_grow(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = 0;
}
void gk_buf_printf(gk_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A decimal integer, without printf (hot paths: JSON, CSV): gk_int_str writes it NUL-terminated into out and
 * returns its length. */
size_t gk_int_str(int64_t v, char out[24]);
void gk_buf_put_int(gk_buf *b, int64_t v);

/* Reads a whole file ("-" = standard input) into *out (heap, NUL-terminated), at most max bytes. */
gk_status gk_read_file(const char *path, size_t max, char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
