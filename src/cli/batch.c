/* batch.c: many inputs at once. Workers take the next input, read, recognise, check and render it in their
 * own arena (no shared mutable state), and hand the result back through a window of slots; the main thread
 * is one of the jobs (it takes inputs too while its next result is not ready) and consumes the slots strictly
 * in input order, so output streams in order while memory stays bounded by the window, whatever the batch
 * size. */
#define _DEFAULT_SOURCE   /* struct dirent's d_type */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- inputs ---- */

typedef struct {
    char **v;
    int n, cap;
} strlist;

static void push(strlist *l, char *s) {
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = realloc(l->v, (size_t)l->cap * sizeof(char *));
        if (!l->v) abort();
    }
    l->v[l->n++] = s;
}

/* by path, past the one-byte entry type that walk puts in front */
static int cmp_path(const void *a, const void *b) { return strcmp(*(char *const *)a + 1, *(char *const *)b + 1); }

static bool report_like(const char *path) {
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (!strncasecmp(name, "README", 6) || !strncasecmp(name, "LICENSE", 7) || !strncasecmp(name, "CHANGELOG", 9))
        return false;   /* a folder's own notes, not reports */
    static const char *const ext[] = {".txt", ".md", ".markdown", ".html", ".htm", ".shtml", ".js", ".docx", ".pdf", NULL};
    size_t n = strlen(name);
    for (int k = 0; ext[k]; k++) {
        size_t m = strlen(ext[k]);
        if (n > m && !strcasecmp(name + n - m, ext[k])) return true;
    }
    return false;
}

/* ---- inputs, one at a time ----
 * Folders are read one at a time, each sorted when it is opened, so that only the listings along the current
 * path are held: memory does not grow with the batch, however many reports a tree holds. */

typedef struct {
    strlist entries;   /* "Kdir/name": K is the entry's kind ('f' file, 'd' folder, '?' to be stat'ed) */
    int i;
} frame;

enum { MAX_DEPTH = 64 };

struct batch_source {
    const cli_opts *o;
    bool counting;     /* a counting pass: no messages */
    int arg;           /* the next command-line argument */
    frame stack[MAX_DEPTH + 1];
    int depth;
    int found;         /* inputs found in the argument folder being walked */
    int empty_dirs;
};

static void push_folder(batch_source *s, const char *dir) {
    frame *f = &s->stack[s->depth++];
    memset(f, 0, sizeof *f);
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') dl--;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        /* the entry's type from the directory itself saves a stat per file; a link or an unknown type is
         * stat'ed when its turn comes */
#ifdef _DIRENT_HAVE_D_TYPE
        char kind = e->d_type == DT_REG ? 'f' : e->d_type == DT_DIR ? 'd' : '?';
#else
        char kind = '?';
#endif
        if (kind == 'f' && !report_like(e->d_name)) continue;
        size_t len = dl + strlen(e->d_name) + 3;
        char *p = malloc(len);
        if (!p) abort();
        snprintf(p, len, "%c%.*s/%s", kind, (int)dl, dir, e->d_name);
        push(&f->entries, p);
    }
    closedir(d);
    if (f->entries.n > 1) qsort(f->entries.v, (size_t)f->entries.n, sizeof(char *), cmp_path);
}

batch_source *batch_source_new(const cli_opts *o) {
    batch_source *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->o = o;
    return s;
}

char *batch_source_next(batch_source *s) {
    for (;;) {
        if (s->depth == 0) {
            if (s->arg >= s->o->nfiles) return NULL;
            const char *a = s->o->files[s->arg++];
            struct stat st;
            if (strcmp(a, "-") && stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
                s->found = 0;
                push_folder(s, a);
                continue;
            }
            char *p = strdup(a);
            if (!p) abort();
            return p;
        }
        frame *f = &s->stack[s->depth - 1];
        if (f->i == f->entries.n) {
            free(f->entries.v);
            if (--s->depth == 0 && s->found == 0) {   /* the argument folder held no report */
                const char *a = s->o->files[s->arg - 1];
                if (!s->counting)
                    fprintf(stderr, cli_en(s->o) ? "gongkai: %s: no report files in this folder\n" : "gongkai: %s: 该目录中没有报告文件\n", a);
                s->empty_dirs++;
            }
            continue;
        }
        char *p = f->entries.v[f->i++];
        char kind = p[0];
        memmove(p, p + 1, strlen(p));
        if (kind == '?') {
            struct stat st;
            kind = stat(p, &st) != 0 ? 0 : S_ISDIR(st.st_mode) ? 'd' : S_ISREG(st.st_mode) ? 'f' : 0;
        }
        if (kind == 'd' && s->depth <= MAX_DEPTH) {
            push_folder(s, p);
            free(p);
        } else if (kind == 'f' && report_like(p)) {
            s->found++;
            return p;
        } else {
            free(p);
        }
    }
}

int batch_source_empty_dirs(const batch_source *s) { return s->empty_dirs; }

void batch_source_free(batch_source *s) {
    if (!s) return;
    while (s->depth > 0) {
        frame *f = &s->stack[--s->depth];
        for (int i = f->i; i < f->entries.n; i++) free(f->entries.v[i]);
        free(f->entries.v);
    }
    free(s);
}

int batch_source_count(const cli_opts *o) {
    batch_source *s = batch_source_new(o);
    s->counting = true;
    int n = 0;
    for (char *p; (p = batch_source_next(s)); n++) free(p);
    batch_source_free(s);
    return n;
}

const char **batch_inputs(const cli_opts *o, int *n, int *empty_dirs) {
    strlist l = {0};
    batch_source *s = batch_source_new(o);
    for (char *p; (p = batch_source_next(s));) push(&l, p);
    *empty_dirs = s->empty_dirs;
    batch_source_free(s);
    *n = l.n;
    return (const char **)l.v;
}

/* ---- the window ---- */

typedef struct {
    const cli_opts *o;
    const char **paths;   /* the inputs as a list … */
    batch_source *src;    /* … or one at a time (the items then own their paths) */
    int n, window;        /* n: how many inputs (INT_MAX until the source is exhausted) */
    bool keep;
    batch_render_fn render;
    void *ctx;
    pthread_mutex_t mu;
    pthread_cond_t ready, room;
    int next;        /* next input to claim */
    int consumed;    /* inputs the main thread has taken */
    batch_item *slots;
    bool *done;
    bool main_waiting;  /* the main thread sleeps until input wait_for is done */
    int wait_for;
    int room_waiters;   /* workers waiting for a free slot */
} pool;

/* Takes the next input (the lock held): its index and path; false when there is none left. */
static bool claim(pool *p, int *i, char **path) {
    if (p->next >= p->n) return false;
    if (p->src) {
        *path = batch_source_next(p->src);   /* a folder is read here, once per folder */
        if (!*path) {
            p->n = p->next;
            return false;
        }
    } else {
        *path = (char *)p->paths[p->next];
    }
    *i = p->next++;
    return true;
}

/* Reads, checks and renders input i into it, in the worker's arena *mine (reset for each report; handed over
 * to the item when the caller keeps reports, and replaced). */
static void work(pool *p, int i, char *path, batch_item *it, gk_arena **mine) {
    memset(it, 0, sizeof *it);
    gk_buf_init(&it->out);
    it->path = path;
    it->owned_path = p->src ? path : NULL;
    it->index = i;
    const cli_opts *o = p->o;
    char *bytes = NULL;
    size_t len = 0;
    const char *shown = strcmp(it->path, "-") ? it->path : (cli_en(o) ? "(standard input)" : "（标准输入）");
    gk_status st = gk_read_file(it->path, GK_MAX_INPUT, &bytes, &len);
    gk_buf err;
    gk_buf_init(&err);
    if (st == GK_ERR_IO) {
        gk_buf_printf(&err, cli_en(o) ? "gongkai: %s: %s (%s)" : "gongkai: %s: %s（%s）", shown, gk_status_message(st, o->lang),
                      strerror(errno));
    } else if (st == GK_OK) {
        if (!*mine) *mine = gk_arena_new();
        gk_arena *a = *mine;
        gk_report *r = NULL;
        const char *detail = NULL;
        st = gk_report_from_bytes(a, shown, bytes, len, &r, &detail);
        if (st == GK_OK) {
            gk_check_report(r);
            gk_diag_counts(r, &it->errors, &it->warnings);
            it->format = r->hybrid ? "hybrid" : r->format;
            size_t nr;
            const gk_rule_info *rules = gk_rules(&nr);
            for (uint32_t k = 0; k < r->ndiags; k++)
                for (size_t q = 0; q < nr && q < 32; q++)
                    if (!strcmp(rules[q].id, r->diags[k].rule)) it->rule_counts[q]++;
            if (r->agency) it->agency = strdup(r->agency);
            it->year = r->year;
            for (int c = 0; c < GK_T3_NCOLS; c++) {
                it->carried_over[c] = r->cells[gk_cell_ix(r, GK_T3, r->tmpl->t3.carried_over, c)];
                it->carry_next[c] = r->cells[gk_cell_ix(r, GK_T3, r->tmpl->t3.carry_next, c)];
                it->carried_over[c].raw = it->carry_next[c].raw = NULL;
            }
            if (p->render) p->render(o, r, it, p->ctx);
            if (p->keep) { it->arena = a; it->report = r; *mine = NULL; }
            else gk_arena_reset(a);
        } else {
            if ((st == GK_ERR_ENCODING || st == GK_ERR_BINARY) && detail)
                gk_buf_printf(&err, cli_en(o) ? "gongkai: %s: %s (at byte %s)" : "gongkai: %s: %s（第 %s 字节处）", shown,
                              gk_status_message(st, o->lang), detail);
            else if (detail)
                gk_buf_printf(&err, cli_en(o) ? "gongkai: %s: %s (%s)" : "gongkai: %s: %s（%s）", shown, gk_status_message(st, o->lang),
                              cli_detail(o, detail));
            else
                gk_buf_printf(&err, "gongkai: %s: %s", shown, gk_status_message(st, o->lang));
            gk_arena_reset(a);
        }
    } else {
        gk_buf_printf(&err, "gongkai: %s: %s", shown, gk_status_message(st, o->lang));
    }
    free(bytes);
    it->status = st;
    it->error = err.data;   /* owned by the item now (NULL when no error) */
}

static void *worker(void *arg) {
    pool *p = arg;
    gk_arena *mine = NULL;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (p->next < p->n && p->next >= p->consumed + p->window) {
            p->room_waiters++;
            pthread_cond_wait(&p->room, &p->mu);
            p->room_waiters--;
        }
        int i;
        char *path;
        if (!claim(p, &i, &path)) { pthread_mutex_unlock(&p->mu); break; }
        pthread_mutex_unlock(&p->mu);
        batch_item item;
        work(p, i, path, &item, &mine);
        pthread_mutex_lock(&p->mu);
        p->slots[i % p->window] = item;
        p->done[i % p->window] = true;
        if (p->main_waiting && i == p->wait_for) pthread_cond_signal(&p->ready);
        pthread_mutex_unlock(&p->mu);
    }
    gk_arena_free(mine);
    return NULL;
}

/* The main thread's turn for input i (the lock held): while i is not done it takes the next input itself
 * when the window has room, and sleeps only when every input in reach is taken. Waking a thread for each
 * report costs more than checking a small one, so the main thread is one of the jobs, not a waiter. */
static bool main_until_done(pool *p, int i, gk_arena **own) {
    while (!p->done[i % p->window]) {
        if (i >= p->n) return false;   /* no input i: the source is exhausted */
        int j;
        char *path;
        if (p->next < p->n && p->next < p->consumed + p->window) {
            if (claim(p, &j, &path)) {
                pthread_mutex_unlock(&p->mu);
                batch_item item;
                work(p, j, path, &item, own);
                pthread_mutex_lock(&p->mu);
                p->slots[j % p->window] = item;
                p->done[j % p->window] = true;
            }
            continue;
        }
        p->wait_for = i;
        p->main_waiting = true;
        pthread_cond_wait(&p->ready, &p->mu);
        p->main_waiting = false;
    }
    return true;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(const cli_opts *o, int done, int n, double t0, bool final) {
    double el = now_s() - t0;
    double rate = el > 0 ? done / el : 0;
    int width = 30, fill = n ? (int)((long)width * done / n) : width;
    char bar[64];
    for (int i = 0; i < width; i++) bar[i] = i < fill ? '=' : (i == fill ? '>' : ' ');
    bar[width] = 0;
    double eta = rate > 0 ? (n - done) / rate : 0;
    fprintf(stderr, cli_en(o) ? "\r[%s] %d/%d  %.0f/s  ETA %.0fs " : "\r[%s] %d/%d  %.0f 份/秒  剩余 %.0f 秒 ", bar, done, n, rate, eta);
    if (final) fputc('\n', stderr);
    fflush(stderr);
}

static int cores(void) {
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    return c > 0 ? (int)c : 1;
}

static void run(const cli_opts *o, const char **paths, batch_source *src, int n, int shown_n, bool keep,
                batch_render_fn render, batch_sink_fn sink, void *ctx, batch_stats *stats) {
    memset(stats, 0, sizeof *stats);
    int jobs = o->jobs > 0 ? o->jobs : cores();
    if (jobs > n) jobs = n > 0 ? n : 1;
    pool p;
    memset(&p, 0, sizeof p);
    p.o = o;
    p.paths = paths;
    p.src = src;
    p.n = n;
    p.window = jobs * 8;
    p.keep = keep;
    p.render = render;
    p.ctx = ctx;
    p.slots = calloc((size_t)p.window, sizeof(batch_item));
    p.done = calloc((size_t)p.window, sizeof(bool));
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.room, NULL);
    pthread_t *th = calloc((size_t)jobs, sizeof(pthread_t));
    int started = 0;
    for (int t = 0; t < jobs - 1; t++)   /* the main thread is the last job */
        if (pthread_create(&th[t], NULL, worker, &p) == 0) started++;
    bool bar = !o->quiet && isatty(2) && shown_n > 1;
    double t0 = now_s(), last = 0;
    gk_arena *own = NULL;   /* the main thread's arena for the inputs it takes */
    int i;
    for (i = 0;; i++) {
        batch_item item;
        pthread_mutex_lock(&p.mu);
        if (!main_until_done(&p, i, &own)) { pthread_mutex_unlock(&p.mu); break; }
        item = p.slots[i % p.window];
        p.done[i % p.window] = false;
        p.consumed = i + 1;
        if (p.room_waiters) pthread_cond_broadcast(&p.room);
        pthread_mutex_unlock(&p.mu);
        if (item.status == GK_OK) {
            stats->reports++;
            stats->errors += item.errors;
            stats->warnings += item.warnings;
            stats->by_format[!strcmp(item.format, "2019") ? 1 : !strcmp(item.format, "hybrid") ? 2 : 0]++;
            for (int k = 0; k < 32; k++) stats->rule_counts[k] += item.rule_counts[k];
        } else {
            stats->unreadable++;
            if (bar) fputc('\r', stderr);
            if (item.error) fprintf(stderr, "%s%s\n", item.error, bar ? "          " : "");
        }
        sink(o, &item, ctx);
        gk_buf_free(&item.out);
        free(item.error);
        free(item.agency);
        free(item.owned_path);
        if (item.arena) gk_arena_free(item.arena);
        if (bar && (now_s() - last > 0.1 || i == shown_n - 1)) {
            last = now_s();
            progress(o, i + 1, shown_n, t0, i == shown_n - 1);
        }
    }
    stats->inputs = i;
    for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
    gk_arena_free(own);
    free(th);
    free(p.slots);
    free(p.done);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.ready);
    pthread_cond_destroy(&p.room);
}

void batch_run(const cli_opts *o, const char **paths, int n, bool keep, batch_render_fn render, batch_sink_fn sink,
               void *ctx, batch_stats *stats) {
    run(o, paths, NULL, n, n, keep, render, sink, ctx, stats);
}

int batch_run_all(const cli_opts *o, bool keep, batch_render_fn render, batch_sink_fn sink, void *ctx,
                  batch_stats *stats) {
    /* the progress bar needs the count first: a walk that keeps no names (only on a terminal) */
    int shown = !o->quiet && isatty(2) ? batch_source_count(o) : 0;
    batch_source *src = batch_source_new(o);
    run(o, NULL, src, INT_MAX, shown, keep, render, sink, ctx, stats);
    int empty = batch_source_empty_dirs(src);
    batch_source_free(src);
    return empty;
}

/* ---- YEAR.CARRY over the batch ---- */

typedef struct {
    uint64_t hash;       /* of the agency name */
    int32_t year, index;
    uint64_t off;        /* its record in the store */
} carry_key;

typedef struct {         /* a record in the store, followed by the agency's bytes and the path's */
    int64_t over[GK_T3_NCOLS], next[GK_T3_NCOLS];
    uint32_t over_line[GK_T3_NCOLS];
    uint32_t agency_len, path_len;
    uint8_t over_num, next_num;   /* bit c: column c holds a whole number */
} carry_rec;

struct batch_carry {
    carry_key *keys;
    size_t n, cap;
    FILE *f;             /* the store: an unlinked temporary file … */
    gk_buf mem;          /* … or memory when no file could be made */
    uint64_t size;
    int err;             /* errno of a failed write (YEAR.CARRY is then not checked, and said so) */
};

static uint64_t fnv1a(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

batch_carry *batch_carry_new(void) {
    batch_carry *c = calloc(1, sizeof *c);
    if (!c) abort();
    c->f = tmpfile();
    gk_buf_init(&c->mem);
    return c;
}

void batch_carry_add(batch_carry *c, const batch_item *it) {
    if (it->status != GK_OK || !it->agency || !it->year || c->err) return;
    carry_rec rec;
    memset(&rec, 0, sizeof rec);
    size_t alen = strlen(it->agency), plen = strlen(it->path);
    rec.agency_len = (uint32_t)alen;
    rec.path_len = (uint32_t)plen;
    for (int k = 0; k < GK_T3_NCOLS; k++) {
        const gk_cell *o = &it->carried_over[k], *x = &it->carry_next[k];
        rec.over[k] = o->num.value;
        rec.over_line[k] = o->src.line;
        if (o->state == GK_CELL_NUMBER && !o->num.scale) rec.over_num |= (uint8_t)(1u << k);
        rec.next[k] = x->num.value;
        if (x->state == GK_CELL_NUMBER && !x->num.scale) rec.next_num |= (uint8_t)(1u << k);
    }
    if (c->f) {
        if (fwrite(&rec, sizeof rec, 1, c->f) != 1 || fwrite(it->agency, 1, alen, c->f) != alen ||
            fwrite(it->path, 1, plen, c->f) != plen) {
            c->err = errno ? errno : EIO;
            return;
        }
    } else {
        gk_buf_append(&c->mem, (const char *)&rec, sizeof rec);
        gk_buf_append(&c->mem, it->agency, alen);
        gk_buf_append(&c->mem, it->path, plen);
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->keys = realloc(c->keys, c->cap * sizeof *c->keys);
        if (!c->keys) abort();
    }
    c->keys[c->n++] = (carry_key){fnv1a(it->agency, alen), it->year, it->index, c->size};
    c->size += sizeof rec + alen + plen;
}

/* Reads record k back: the agency and the path (one heap block, two strings). */
static bool carry_load(batch_carry *c, const carry_key *k, carry_rec *rec, char **agency, char **path) {
    *agency = *path = NULL;
    if (c->f) {
        if (pread(fileno(c->f), rec, sizeof *rec, (off_t)k->off) != (ssize_t)sizeof *rec) return false;
    } else {
        memcpy(rec, c->mem.data + k->off, sizeof *rec);
    }
    size_t n = (size_t)rec->agency_len + rec->path_len;
    char *a = malloc(n + 2);
    if (!a) return false;
    if (c->f) {
        if (pread(fileno(c->f), a, n, (off_t)(k->off + sizeof *rec)) != (ssize_t)n) { free(a); return false; }
    } else {
        memcpy(a, c->mem.data + k->off + sizeof *rec, n);
    }
    memmove(a + rec->agency_len + 1, a + rec->agency_len, rec->path_len);
    a[rec->agency_len] = 0;
    a[n + 1] = 0;
    *agency = a;
    *path = a + rec->agency_len + 1;
    return true;
}

static int by_hash_year(const void *a, const void *b) {
    const carry_key *x = a, *y = b;
    if (x->hash != y->hash) return x->hash < y->hash ? -1 : 1;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    return x->index - y->index;
}

typedef struct {
    char *agency;
    int year, index, seq;
    char *text;
} carry_finding;

static int by_agency_year(const void *a, const void *b) {
    const carry_finding *x = a, *y = b;
    int c = strcmp(x->agency, y->agency);
    if (c) return c;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    if (x->index != y->index) return x->index < y->index ? -1 : 1;
    return x->seq - y->seq;
}

int batch_year_carry(const cli_opts *o, batch_carry *c, gk_buf *out, int *errors) {
    if (!c->err && c->n >= 2 && c->f && fflush(c->f) != 0) c->err = errno ? errno : EIO;
    if (c->err) {
        fprintf(stderr, cli_en(o) ? "gongkai: YEAR.CARRY across reports not checked: the temporary file could not be written (%s)\n"
                                  : "gongkai：未跨报告检查 YEAR.CARRY：无法写入临时文件（%s）\n",
                strerror(c->err));
        return 0;
    }
    if (c->n < 2) return 0;
    qsort(c->keys, c->n, sizeof *c->keys, by_hash_year);
    const gk_field_def *cols = gk_template_2021()->tables[GK_T3].rows[0].fields;
    carry_finding *fs = NULL;
    int nf = 0, capf = 0;
    for (size_t i = 1; i < c->n; i++) {
        const carry_key *pk = &c->keys[i - 1], *ck = &c->keys[i];
        if (pk->hash != ck->hash || ck->year != pk->year + 1) continue;
        carry_rec prev, cur;
        char *pa, *ca, *ppath, *cpath;
        bool ok = carry_load(c, pk, &prev, &pa, &ppath) && carry_load(c, ck, &cur, &ca, &cpath);
        if (ok && !strcmp(pa, ca)) {
            for (int k = 0; k < GK_T3_NCOLS; k++) {
                if (!(cur.over_num >> k & 1) || !(prev.next_num >> k & 1) || cur.over[k] == prev.next[k]) continue;
                char a[32], b[32];
                gk_int_str(cur.over[k], a);
                gk_int_str(prev.next[k], b);
                gk_buf t;
                gk_buf_init(&t);
                if (cli_en(o))
                    gk_buf_printf(&t, "%s:%u: error: YEAR.CARRY: carried over · %s is %s here, but the %d report (%s) carried %s to the next year; suggestion: change t3.carried_over.%s from %s to %s, or correct the other report\n",
                                  cpath, cur.over_line[k], cols[k].label_en, a, pk->year, ppath, b, cols[k].key, a, b);
                else
                    gk_buf_printf(&t, "%s:%u: error: YEAR.CARRY: 本年「二、上年结转」·%s 为 %s，但 %d 年报告（%s）的「四、结转下年度继续办理」·%s 为 %s；建议：将 t3.carried_over.%s 由 %s 改为 %s，或更正另一份报告\n",
                                  cpath, cur.over_line[k], cols[k].label, a, pk->year, ppath, cols[k].label, b, cols[k].key, a, b);
                if (nf == capf) {
                    capf = capf ? capf * 2 : 16;
                    fs = realloc(fs, (size_t)capf * sizeof *fs);
                    if (!fs) abort();
                }
                fs[nf] = (carry_finding){strdup(ca), ck->year, ck->index, nf, t.data};
                nf++;
            }
        }
        if (pa) free(pa);
        if (ok) free(ca);
    }
    /* in the order of agency, year and input: as a reader looks for them */
    if (nf > 1) qsort(fs, (size_t)nf, sizeof *fs, by_agency_year);
    for (int i = 0; i < nf; i++) {
        gk_buf_puts(out, fs[i].text);
        free(fs[i].text);
        free(fs[i].agency);
    }
    free(fs);
    *errors += nf;
    return nf;
}

void batch_carry_free(batch_carry *c) {
    if (!c) return;
    if (c->f) fclose(c->f);
    gk_buf_free(&c->mem);
    free(c->keys);
    free(c);
}

void batch_summary(const cli_opts *o, const batch_stats *st) {
    if (o->quiet) return;
    bool en = cli_en(o);
    if (en)
        fprintf(stderr, "gongkai: %d report(s) checked: %d error(s), %d warning(s)", st->reports, st->errors, st->warnings);
    else
        fprintf(stderr, "gongkai：检查了 %d 份报告：%d 个错误，%d 个警告", st->reports, st->errors, st->warnings);
    if (st->unreadable) fprintf(stderr, en ? "; %d input(s) could not be read" : "；%d 个输入无法读取", st->unreadable);
    fputc('\n', stderr);
    if (st->inputs < 2) return;
    fprintf(stderr, en ? "  formats: 2021 %d, 2019 %d, hybrid %d\n" : "  格式：2021 年版 %d，2019 年版 %d，混合 %d\n",
            st->by_format[0], st->by_format[1], st->by_format[2]);
    size_t nr;
    const gk_rule_info *rules = gk_rules(&nr);
    for (size_t k = 0; k < nr && k < 32; k++)
        if (st->rule_counts[k]) fprintf(stderr, "  %-20s %d\n", rules[k].id, st->rule_counts[k]);
}
