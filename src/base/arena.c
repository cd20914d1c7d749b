/* arena.c: bump allocation in chunks; one gk_arena_free releases a whole document. */
#include "gongkai/base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GK_CHUNK_MIN (64u * 1024u)
#define GK_ALIGN 16u

typedef struct gk_chunk {
    struct gk_chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char mem[];
} gk_chunk;

struct gk_arena {
    gk_chunk *head;
    gk_chunk *spare;        /* chunks kept by gk_arena_reset for the next document */
    size_t spare_bytes;
};

/* What gk_arena_reset keeps for reuse: enough for a typical report without touching the allocator, and
 * bounded so that one huge document does not pin its memory for the rest of a batch. */
#define GK_KEEP_BYTES (4u * 1024u * 1024u)

static void gk_oom(void) {
    fputs("gongkai: out of memory\n", stderr);
    abort();
}

gk_arena *gk_arena_new(void) {
    gk_arena *a = calloc(1, sizeof *a);
    if (!a) gk_oom();
    return a;
}

static void free_chunks(gk_chunk *c) {
    while (c) {
        gk_chunk *n = c->next;
        free(c);
        c = n;
    }
}

void gk_arena_free(gk_arena *a) {
    if (!a) return;
    free_chunks(a->head);
    free_chunks(a->spare);
    free(a);
}

void gk_arena_reset(gk_arena *a) {
    gk_chunk *c = a->head;
    a->head = NULL;
    while (c) {
        gk_chunk *n = c->next;
        if (a->spare_bytes + c->size <= GK_KEEP_BYTES) {
            c->next = a->spare;
            a->spare = c;
            a->spare_bytes += c->size;
        } else {
            free(c);
        }
        c = n;
    }
}

/* Room for n bytes, not cleared: for copies that overwrite every byte at once. */
static void *arena_raw(gk_arena *a, size_t n) {
    if (n == 0) n = 1;
    if (n > SIZE_MAX - GK_ALIGN) gk_oom();
    n = (n + GK_ALIGN - 1) & ~(size_t)(GK_ALIGN - 1);
    gk_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        /* a chunk kept by gk_arena_reset first, when it is big enough */
        gk_chunk **pp = &a->spare;
        while (*pp && (*pp)->size < n) pp = &(*pp)->next;
        if (*pp) {
            c = *pp;
            *pp = c->next;
            a->spare_bytes -= c->size;
        } else {
            size_t size = n > GK_CHUNK_MIN ? n : GK_CHUNK_MIN;
            c = malloc(sizeof *c + size);
            if (!c) gk_oom();
            c->size = size;
        }
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->mem + c->used;
    c->used += n;
    return p;
}

void *gk_arena_alloc(gk_arena *a, size_t n) {
    void *p = arena_raw(a, n);
    memset(p, 0, n ? n : 1);
    return p;
}

char *gk_arena_strndup(gk_arena *a, const char *s, size_t n) {
    char *p = arena_raw(a, n + 1);
    if (n) memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *gk_arena_strdup(gk_arena *a, const char *s) { return gk_arena_strndup(a, s, strlen(s)); }

char *gk_arena_printf(gk_arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = arena_raw(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void *gk_arena_grow(gk_arena *a, void *data, uint32_t n, uint32_t *cap, size_t elem, uint32_t first) {
    if (n < *cap) return data;
    uint32_t c = *cap ? *cap * 2 : first;
    void *d = gk_arena_alloc(a, (size_t)c * elem);
    if (n) memcpy(d, data, (size_t)n * elem);
    *cap = c;
    return d;
}

void *gk_vec_push(gk_arena *a, gk_vec *v, size_t elem) {
    v->data = gk_arena_grow(a, v->data, v->n, &v->cap, elem, 8);
    return (char *)v->data + (size_t)(v->n++) * elem;
}
