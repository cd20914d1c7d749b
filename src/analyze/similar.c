/* similar.c: copy-paste detection across agencies (see gongkai/similar.h for the method).
 *
 * A report becomes a sketch (gk_similar_sketch, any thread): its narrative sentences, each as a 32-bit hash of
 * the normalised text and a sample of its 5-character shingles. The sample is chosen by the shingle's hash value
 * (below 2^(32-L) at level L), the same choice in every report, so two reports' samples of a shared text are the
 * same values; the level is the lowest of 0..3 (all shingles … 1 in 8) that keeps a report within BUDGET samples,
 * so short narratives, the common case, are compared on all their shingles, and levels nest: a level-3 sample is
 * a prefix of the sorted level-1 sample, and any two reports compare at the coarser of their levels.
 * Sentences are kept sorted by hash, each with its sample; nothing else, so the report can be freed at once.
 *
 * Boilerplate can only be known when every report is in, and it must not count towards similarity, so the
 * MinHash signatures are made in gk_similar_finish, from the level-3 sample left after the boilerplate sentences
 * are taken out. Candidates come from LSH bands (sorted arrays of band key and report id, so memory is linear in
 * the reports whatever the pairs); a pair seen in an earlier band is skipped by comparing the earlier band keys,
 * which needs no set of pairs. Candidates are verified on the samples (the share of the shorter narrative found
 * in the other) and counted in shared sentences. No global state. */
#include "gongkai/similar.h"

#include <stdlib.h>
#include <string.h>

enum {
    SHINGLE = 5,            /* code points per shingle */
    MIN_SENTENCE = 6,       /* code points (after normalising) for a sentence; shorter is a fragment */
    BUDGET = 256,           /* samples a report keeps (more only when its narrative is long: over ~2000 characters) */
    LSH_LEVEL = 3,          /* the sample level the signatures are made from: 1 in 8, the same for every report */
    MIN_LSH = 8,            /* samples at the signature level for a report to get a signature (≈ 64 characters) */
    MIN_SAMPLES = 12,       /* samples on each side of a comparison, at its level */
    BANDS = 32, ROWS = 4, NHASH = BANDS * ROWS,
    SKETCH_MAGIC = 0x31534b47u   /* "GKS1" */
};

/* ---- hashing ---- */

static inline uint64_t mix64(uint64_t x) {   /* MurmurHash3's finaliser */
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static inline uint64_t splitmix64(uint64_t *state) {
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t hash_cps(const int32_t *cp, size_t n, uint64_t seed) {
    uint64_t h = 1469598103934665603ULL ^ seed;   /* FNV-1a over code points, then mixed */
    for (size_t i = 0; i < n; i++) { h ^= (uint32_t)cp[i]; h *= 1099511628211ULL; }
    return mix64(h);
}

static inline uint64_t shingle_hash(const int32_t *c) {   /* 5 code points (each < 2^21), exactly */
    uint64_t a = (uint64_t)c[0] << 42 ^ (uint64_t)c[1] << 21 ^ (uint64_t)c[2];
    uint64_t b = (uint64_t)c[3] << 21 ^ (uint64_t)c[4];
    return mix64(a ^ mix64(b ^ 0x5bd1e9955bd1e995ULL));
}

/* ---- small sorted-array tools ---- */

static void radix_u32(uint32_t *a, size_t n) {
    if (n < 64) {   /* insertion sort */
        for (size_t i = 1; i < n; i++) {
            uint32_t v = a[i];
            size_t j = i;
            while (j && a[j - 1] > v) { a[j] = a[j - 1]; j--; }
            a[j] = v;
        }
        return;
    }
    uint32_t *t = malloc(n * sizeof *t);
    if (!t) abort();
    uint32_t *src = a, *dst = t;
    for (int shift = 0; shift < 32; shift += 8) {
        size_t cnt[257] = {0};
        for (size_t i = 0; i < n; i++) cnt[((src[i] >> shift) & 255) + 1]++;
        if (cnt[((src[0] >> shift) & 255) + 1] == n) continue;   /* one digit value: nothing to do */
        for (int k = 0; k < 256; k++) cnt[k + 1] += cnt[k];
        for (size_t i = 0; i < n; i++) dst[cnt[(src[i] >> shift) & 255]++] = src[i];
        uint32_t *x = src; src = dst; dst = x;
    }
    if (src != a) memcpy(a, src, n * sizeof *a);
    free(t);
}

static void radix_u64(uint64_t *a, size_t n) {
    uint64_t *t = malloc((n ? n : 1) * sizeof *t);
    if (!t) abort();
    uint64_t *src = a, *dst = t;
    for (int shift = 0; shift < 64 && n; shift += 8) {
        size_t cnt[257] = {0};
        for (size_t i = 0; i < n; i++) cnt[((src[i] >> shift) & 255) + 1]++;
        if (cnt[((src[0] >> shift) & 255) + 1] == n) continue;
        for (int k = 0; k < 256; k++) cnt[k + 1] += cnt[k];
        for (size_t i = 0; i < n; i++) dst[cnt[(src[i] >> shift) & 255]++] = src[i];
        uint64_t *x = src; src = dst; dst = x;
    }
    if (src != a) memcpy(a, src, n * sizeof *a);
    free(t);
}

static size_t unique_u32(uint32_t *a, size_t n) {
    size_t m = 0;
    for (size_t i = 0; i < n; i++) if (!m || a[m - 1] != a[i]) a[m++] = a[i];
    return m;
}

static size_t common_u32(const uint32_t *a, size_t na, const uint32_t *b, size_t nb) {
    size_t i = 0, j = 0, c = 0;
    while (i < na && j < nb) {
        if (a[i] < b[j]) i++;
        else if (a[i] > b[j]) j++;
        else { c++; i++; j++; }
    }
    return c;
}

/* How many of the sorted a[0..n) are below lim: a sample at level L is the prefix below 2^(32-L). */
static size_t prefix_u32(const uint32_t *a, size_t n, uint64_t lim) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] < lim) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static inline uint64_t level_limit(int level) { return (uint64_t)1 << (32 - level); }

static bool has_u32(const uint32_t *a, size_t n, uint32_t v) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] < v) lo = mid + 1;
        else hi = mid;
    }
    return lo < n && a[lo] == v;
}

typedef struct { uint32_t *v; size_t n, cap; } vec32;

static void vpush(vec32 *v, uint32_t x) {
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 256;
        v->v = realloc(v->v, v->cap * sizeof *v->v);
        if (!v->v) abort();
    }
    v->v[v->n++] = x;
}

/* ---- the narrative as normalised sentences ---- */

typedef struct sentence {
    const char *orig;       /* as written (a slice of the section text) */
    size_t orig_len;
    const int32_t *cp;      /* normalised: folded, without digits, punctuation or the agency's name */
    size_t n;
    uint32_t hash;
} sentence;

typedef void (*sentence_fn)(const sentence *s, void *ctx);

/* What normalising keeps: letters and ideographs; digits, punctuation and symbols go. */
static bool keep_cp(int32_t c) {
    if (c < 0xC0) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (c >= 0x2000 && c <= 0x2BFF) return false;   /* punctuation, arrows, ①, ■ … */
    if (c >= 0x3000 && c <= 0x303F) return false;   /* 、。《》「」〇 … */
    if (c >= 0xFE10 && c <= 0xFE6F) return false;   /* vertical and small forms */
    if (c >= 0xFF00 && c <= 0xFF65) return !((c < 0xFF21) || (c > 0xFF3A && c < 0xFF41) || c > 0xFF5A);
    return c != 0xFFFD && c != 0xFEFF;
}

/* The code points of s[0..n) folded, without what keep_cp drops (in the arena); *m gets their count. */
static int32_t *normalise(gk_arena *a, const char *s, size_t n, size_t *m) {
    const char *f = gk_fold(a, s, n);
    size_t len = strlen(f), k = 0;
    int32_t *cp = gk_arena_alloc(a, (len + 1) * sizeof *cp);   /* a code point per byte at most */
    for (size_t i = 0; i < len;) {
        int32_t c;
        i += gk_utf8_decode(f + i, len - i, &c);
        if (keep_cp(c)) cp[k++] = c;
    }
    *m = k;
    return cp;
}

/* Removes every occurrence of pat from cp[0..n); returns the new length. */
static size_t strip(int32_t *cp, size_t n, const int32_t *pat, size_t pn) {
    if (!pn || n < pn) return n;
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        if (i + pn <= n && !memcmp(cp + i, pat, pn * sizeof *pat)) { i += pn; continue; }
        cp[m++] = cp[i++];
    }
    return m;
}

static size_t term_len(const char *p) {   /* a sentence end at p: its length in bytes, else 0 */
    unsigned char c = (unsigned char)*p;
    if (c == '\n' || c == '!' || c == '?' || c == ';') return 1;
    if (c == 0xE3 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x82) return 3;   /* 。 */
    if (c == 0xEF && (unsigned char)p[1] == 0xBC) {
        unsigned char d = (unsigned char)p[2];
        if (d == 0x81 || d == 0x9F || d == 0x9B) return 3;   /* ！ ？ ； */
    }
    return 0;
}

static void walk(const gk_report *r, sentence_fn fn, void *ctx) {
    gk_arena *a = gk_arena_new();
    const int32_t *name = NULL;
    size_t nname = 0;
    if (r->agency && *r->agency) name = normalise(a, r->agency, strlen(r->agency), &nname);
    for (int k = 0; k < 6; k++) {
        const char *t = r->sections[k].present ? r->sections[k].text : NULL;
        if (!t) continue;
        while (*t) {
            size_t n = 0, el = 0;
            while (t[n] && !(el = term_len(t + n))) n++;
            size_t len = n;
            const char *s = gk_trim(t, &len);
            gk_numbering num = gk_numbering_parse(s, len);
            bool heading = num.kind != GK_NUM_NONE && len - num.len <= 20 * 3;   /* "（二）依申请公开" */
            if (len && !heading) {
                size_t m, skip = num.kind != GK_NUM_NONE ? num.len : 0;   /* numbering differs between copies */
                int32_t *cp = normalise(a, s + skip, len - skip, &m);
                m = strip(cp, m, name, nname);
                if (m >= MIN_SENTENCE) {
                    sentence sn = {s, len, cp, m, (uint32_t)(hash_cps(cp, m, 0) >> 32)};
                    fn(&sn, ctx);
                }
            }
            t += n + el;
        }
    }
    gk_arena_free(a);
}

/* ---- sketches ---- */

typedef struct {
    vec32 sent;             /* per sentence: hash, first sample, count (3 words) */
    vec32 samp;
} sketch_ctx;

static void sketch_sentence(const sentence *s, void *vctx) {
    sketch_ctx *c = vctx;
    uint32_t first = (uint32_t)c->samp.n;
    for (size_t i = 0; i + SHINGLE <= s->n; i++) {
        vpush(&c->samp, (uint32_t)(shingle_hash(s->cp + i) >> 32));
    }
    size_t cnt = c->samp.n - first;
    radix_u32(c->samp.v + first, cnt);
    cnt = unique_u32(c->samp.v + first, cnt);
    c->samp.n = first + cnt;
    vpush(&c->sent, s->hash);
    vpush(&c->sent, first);
    vpush(&c->sent, (uint32_t)cnt);
}

static int cmp_triple(const void *x, const void *y) {
    const uint32_t *a = x, *b = y;
    if (a[0] != b[0]) return a[0] < b[0] ? -1 : 1;
    return a[1] < b[1] ? -1 : a[1] > b[1];
}

/* Layout (native 32-bit words): magic, year, agency key (2), nsent, nsamp, source bytes, agency bytes (or ~0 when
 * none), level; the strings (each padded to 4 bytes); sent[nsent] (sorted, unique); cnt[nsent]; samp[nsamp] (each
 * sentence's, sorted). The level L says which shingles are kept: those whose 32-bit value is below 2^(32-L), nested
 * (a level-3 sample is the prefix of a level-1 sample), so reports of any two levels compare at the higher one. */
void gk_similar_sketch(const gk_report *r, gk_buf *out) {
    sketch_ctx c = {{0}, {0}};
    walk(r, sketch_sentence, &c);
    size_t ns = c.sent.n / 3;
    qsort(c.sent.v, ns, 3 * sizeof(uint32_t), cmp_triple);
    size_t m = 0, total[LSH_LEVEL + 1] = {0};
    for (size_t i = 0; i < ns; i++) {   /* the same sentence again has the same sample: once */
        const uint32_t *t = c.sent.v + 3 * i;
        if (m && c.sent.v[3 * (m - 1)] == t[0]) continue;
        memmove(c.sent.v + 3 * m++, t, 3 * sizeof *t);
        for (int l = 0; l <= LSH_LEVEL; l++) total[l] += prefix_u32(c.samp.v + t[1], t[2], level_limit(l));
    }
    int level = 0;
    while (level < LSH_LEVEL && total[level] > BUDGET) level++;
    uint32_t *sent = malloc((m + 1) * sizeof *sent), *cnt = malloc((m + 1) * sizeof *cnt);
    uint32_t *samp = malloc((total[level] + 1) * sizeof *samp);
    if (!sent || !cnt || !samp) abort();
    size_t nsamp = 0;
    for (size_t i = 0; i < m; i++) {
        const uint32_t *t = c.sent.v + 3 * i;
        sent[i] = t[0];
        cnt[i] = (uint32_t)prefix_u32(c.samp.v + t[1], t[2], level_limit(level));
        memcpy(samp + nsamp, c.samp.v + t[1], cnt[i] * sizeof *samp);
        nsamp += cnt[i];
    }
    uint64_t akey = 0;
    if (r->agency && *r->agency) {
        gk_arena *a = gk_arena_new();
        const char *f = gk_fold(a, r->agency, strlen(r->agency));
        akey = 1469598103934665603ULL;
        for (const char *p = f; *p; p++) { akey ^= (unsigned char)*p; akey *= 1099511628211ULL; }
        akey = mix64(akey) | 1;   /* never 0 (unknown) */
        gk_arena_free(a);
    }
    const char *src = r->path ? r->path : "";
    uint32_t head[9] = {SKETCH_MAGIC, (uint32_t)r->year, (uint32_t)akey, (uint32_t)(akey >> 32), (uint32_t)m,
                        (uint32_t)nsamp, (uint32_t)strlen(src), r->agency ? (uint32_t)strlen(r->agency) : ~0u,
                        (uint32_t)level};
    gk_buf_append(out, (const char *)head, sizeof head);
    static const char pad[4] = {0};
    gk_buf_append(out, src, head[6]);
    gk_buf_append(out, pad, (4 - head[6] % 4) % 4);
    if (r->agency) {
        gk_buf_append(out, r->agency, head[7]);
        gk_buf_append(out, pad, (4 - head[7] % 4) % 4);
    }
    gk_buf_append(out, (const char *)sent, m * sizeof *sent);
    gk_buf_append(out, (const char *)cnt, m * sizeof *cnt);
    gk_buf_append(out, (const char *)samp, nsamp * sizeof *samp);
    free(sent); free(cnt); free(samp);
    free(c.sent.v); free(c.samp.v);
}

/* ---- the index ---- */

typedef struct doc {
    char *source, *agency;
    uint64_t agency_key;    /* of the folded name; 0 when unknown */
    int year, level;        /* level: the report's samples are its shingles below 2^(32-level) */
    uint32_t nsent, nsamp;  /* before finish: all sentences; after: without boilerplate (and samples likewise) */
    uint32_t nsent_all, nboiler;
    uint32_t *data;         /* before finish: sent[nsent] cnt[nsent] samp[nsamp]; after: sent[nsent] samp[nsamp] */
} doc;

typedef struct pair_t {
    gk_similar_pair pub;
    uint32_t exhash[GK_SIMILAR_EXAMPLES];
} pair_t;

typedef struct boiler_t {
    gk_similar_boiler pub;
    uint32_t hash;
} boiler_t;

struct gk_similar {
    gk_similar_opts opts;
    doc *docs;
    size_t n, cap;
    bool finished;
    pair_t *pairs;
    size_t npairs, pcap;
    boiler_t *boiler;       /* most used first */
    uint64_t *boiler_ix;    /* hash << 32 | index into boiler, sorted */
    size_t nboiler;
    size_t *src_off, *src_pairs;   /* pairs by their source report (the earlier one, or a) */
    uint8_t *want;
    gk_arena *texts;
    gk_similar_stats stats;
};

gk_similar *gk_similar_new(const gk_similar_opts *opts) {
    gk_similar *s = calloc(1, sizeof *s);
    if (!s) abort();
    if (opts) s->opts = *opts;
    if (!(s->opts.threshold > 0) || s->opts.threshold > 1) s->opts.threshold = 0.8;
    s->texts = gk_arena_new();
    return s;
}

void gk_similar_free(gk_similar *s) {
    if (!s) return;
    for (size_t i = 0; i < s->n; i++) { free(s->docs[i].source); free(s->docs[i].agency); free(s->docs[i].data); }
    free(s->docs);
    free(s->pairs);
    free(s->boiler);
    free(s->boiler_ix);
    free(s->src_off);
    free(s->src_pairs);
    free(s->want);
    gk_arena_free(s->texts);
    free(s);
}

static char *dup_bytes(const char *p, size_t n) {
    char *d = malloc(n + 1);
    if (!d) abort();
    memcpy(d, p, n);
    d[n] = 0;
    return d;
}

long gk_similar_add_sketch(gk_similar *s, const void *sketch, size_t len) {
    if (s->finished || len < 36 || (uintptr_t)sketch % 4) return -1;
    const uint32_t *h = sketch;
    if (h[0] != SKETCH_MAGIC || h[8] > LSH_LEVEL) return -1;
    uint64_t srclen = h[6], aglen = h[7] == ~0u ? 0 : h[7];
    uint64_t need = 36 + (srclen + 3) / 4 * 4 + (aglen + 3) / 4 * 4 + 8 * (uint64_t)h[4] + 4 * (uint64_t)h[5];
    if (need != len) return -1;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->docs = realloc(s->docs, s->cap * sizeof *s->docs);
        if (!s->docs) abort();
    }
    doc *d = &s->docs[s->n];
    memset(d, 0, sizeof *d);
    const char *p = (const char *)sketch + 36;
    d->source = dup_bytes(p, srclen);
    p += (srclen + 3) / 4 * 4;
    if (h[7] != ~0u) d->agency = dup_bytes(p, aglen);
    p += (aglen + 3) / 4 * 4;
    d->year = (int)h[1];
    d->level = (int)h[8];
    d->agency_key = (uint64_t)h[3] << 32 | h[2];
    d->nsent = d->nsent_all = h[4];
    d->nsamp = h[5];
    const uint32_t *w = (const uint32_t *)p;
    uint64_t sum = 0;
    for (uint32_t k = 0; k < h[4]; k++) sum += w[h[4] + k];   /* the samples per sentence add up */
    if (sum != h[5]) { free(d->source); free(d->agency); return -1; }
    size_t words = 2 * (size_t)h[4] + h[5];
    d->data = malloc((words ? words : 1) * sizeof *d->data);
    if (!d->data) abort();
    memcpy(d->data, p, words * sizeof *d->data);
    return (long)s->n++;
}

long gk_similar_add(gk_similar *s, const gk_report *r) {
    gk_buf b;
    gk_buf_init(&b);
    gk_similar_sketch(r, &b);
    long id = gk_similar_add_sketch(s, b.data, b.len);   /* gk_buf's storage comes from malloc: aligned */
    gk_buf_free(&b);
    return id;
}

/* ---- finish ---- */

static int boiler_bsearch(const gk_similar *s, uint32_t hash) {
    size_t lo = 0, hi = s->nboiler;
    uint64_t key = (uint64_t)hash << 32;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->boiler_ix[mid] < key) lo = mid + 1;
        else hi = mid;
    }
    return lo < s->nboiler && s->boiler_ix[lo] >> 32 == hash ? (int)(uint32_t)s->boiler_ix[lo] : -1;
}

static int cmp_boiler(const void *x, const void *y) {
    const boiler_t *a = x, *b = y;
    if (a->pub.reports != b->pub.reports) return a->pub.reports > b->pub.reports ? -1 : 1;
    if (a->pub.first != b->pub.first) return a->pub.first < b->pub.first ? -1 : 1;
    return a->hash < b->hash ? -1 : a->hash > b->hash;
}

static int cmp_pair(const void *x, const void *y) {
    const gk_similar_pair *a = &((const pair_t *)x)->pub, *b = &((const pair_t *)y)->pub;
    if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
    if (a->similarity != b->similarity) return a->similarity > b->similarity ? -1 : 1;
    if (a->a != b->a) return a->a < b->a ? -1 : 1;
    return a->b < b->b ? -1 : a->b > b->b;
}

static void find_boilerplate(gk_similar *s) {
    size_t total = 0;
    for (size_t i = 0; i < s->n; i++) total += s->docs[i].nsent;
    uint32_t *all = malloc((total ? total : 1) * sizeof *all);
    if (!all) abort();
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {   /* each report's sentences are unique: a count is a count of reports */
        memcpy(all + k, s->docs[i].data, s->docs[i].nsent * sizeof *all);
        k += s->docs[i].nsent;
    }
    radix_u32(all, total);
    size_t cap = 0;
    for (size_t i = 0; i < total;) {
        size_t j = i;
        while (j < total && all[j] == all[i]) j++;
        if (j - i >= (size_t)s->stats.boiler_min) {
            if (s->nboiler == cap) {
                cap = cap ? cap * 2 : 64;
                s->boiler = realloc(s->boiler, cap * sizeof *s->boiler);
                if (!s->boiler) abort();
            }
            s->boiler[s->nboiler++] = (boiler_t){{(uint32_t)(j - i), SIZE_MAX, NULL}, all[i]};
        }
        i = j;
    }
    free(all);
    /* the first report of each, and every report without its boilerplate */
    s->boiler_ix = malloc((s->nboiler + 1) * sizeof *s->boiler_ix);
    if (!s->boiler_ix) abort();
    for (size_t b = 0; b < s->nboiler; b++) s->boiler_ix[b] = (uint64_t)s->boiler[b].hash << 32 | b;
    vec32 samp = {0};
    for (size_t i = 0; i < s->n; i++) {
        doc *d = &s->docs[i];
        const uint32_t *sent = d->data, *cnt = d->data + d->nsent, *sp = d->data + 2 * d->nsent;
        uint32_t *clean = malloc(((size_t)d->nsent + d->nsamp + 1) * sizeof *clean);
        if (!clean) abort();
        size_t ns = 0;
        samp.n = 0;
        for (uint32_t q = 0; q < d->nsent; sp += cnt[q++]) {
            int b = s->nboiler ? boiler_bsearch(s, sent[q]) : -1;
            if (b >= 0) {
                if (s->boiler[b].pub.first == SIZE_MAX) s->boiler[b].pub.first = i;
                d->nboiler++;
                continue;
            }
            clean[ns++] = sent[q];
            for (uint32_t z = 0; z < cnt[q]; z++) vpush(&samp, sp[z]);
        }
        radix_u32(samp.v, samp.n);
        size_t nsamp = unique_u32(samp.v, samp.n);
        if (nsamp) memcpy(clean + ns, samp.v, nsamp * sizeof *clean);
        free(d->data);
        d->data = realloc(clean, (ns + nsamp + 1) * sizeof *clean);
        if (!d->data) abort();
        d->nsent = (uint32_t)ns;
        d->nsamp = (uint32_t)nsamp;
    }
    free(samp.v);
    if (s->nboiler) qsort(s->boiler, s->nboiler, sizeof *s->boiler, cmp_boiler);
    for (size_t b = 0; b < s->nboiler; b++) s->boiler_ix[b] = (uint64_t)s->boiler[b].hash << 32 | b;
    radix_u64(s->boiler_ix, s->nboiler);
}

/* The band keys of one report: MinHash over its samples with NHASH multiply-shift hashes. */
static void band_keys(const doc *d, const uint64_t *mul, const uint64_t *add, uint32_t *keys) {
    uint32_t mins[NHASH];
    for (int i = 0; i < NHASH; i++) mins[i] = UINT32_MAX;
    const uint32_t *sp = d->data + d->nsent;
    size_t n = prefix_u32(sp, d->nsamp, level_limit(LSH_LEVEL));
    for (size_t z = 0; z < n; z++) {
        uint64_t x = sp[z];
        for (int i = 0; i < NHASH; i++) {
            uint32_t v = (uint32_t)((mul[i] * x + add[i]) >> 32);
            mins[i] = v < mins[i] ? v : mins[i];
        }
    }
    for (int b = 0; b < BANDS; b++) {
        const uint32_t *m = mins + b * ROWS;
        uint64_t k = mix64(((uint64_t)m[0] << 32 | m[1]) ^ mix64(((uint64_t)m[2] << 32 | m[3]) + (uint64_t)b));
        keys[b] = (uint32_t)(k >> 32);
    }
}

static void verify(gk_similar *s, size_t ia, size_t ib) {
    const doc *a = &s->docs[ia], *b = &s->docs[ib];
    uint64_t lim = level_limit(a->level > b->level ? a->level : b->level);   /* compare at the coarser sample */
    const uint32_t *sa = a->data + a->nsent, *sb = b->data + b->nsent;
    size_t na = prefix_u32(sa, a->nsamp, lim), nb = prefix_u32(sb, b->nsamp, lim);
    size_t inter = common_u32(sa, na, sb, nb), small = na < nb ? na : nb;
    if (small < MIN_SAMPLES) return;
    double sim = (double)inter / (double)small;
    if (sim < s->opts.threshold) return;
    gk_similar_kind kind = GK_SIMILAR_CROSS;
    if (a->agency_key && a->agency_key == b->agency_key)
        kind = a->year && b->year && a->year != b->year ? GK_SIMILAR_SAME_AGENCY : GK_SIMILAR_DUPLICATE;
    if (kind != GK_SIMILAR_CROSS && s->opts.cross_only) return;
    if (s->npairs == s->pcap) {
        s->pcap = s->pcap ? s->pcap * 2 : 64;
        s->pairs = realloc(s->pairs, s->pcap * sizeof *s->pairs);
        if (!s->pairs) abort();
    }
    pair_t *p = &s->pairs[s->npairs++];
    memset(p, 0, sizeof *p);
    p->pub.a = ia;
    p->pub.b = ib;
    p->pub.kind = kind;
    p->pub.similarity = sim;
    p->pub.jaccard = (double)inter / (double)(na + nb - inter);
    p->pub.shared = (uint32_t)common_u32(a->data, a->nsent, b->data, b->nsent);
    p->pub.sentences_a = a->nsent;
    p->pub.sentences_b = b->nsent;
    p->pub.earlier = a->year && b->year && a->year != b->year ? (a->year < b->year ? 0 : 1) : -1;
}

static void find_pairs(gk_similar *s) {
    uint64_t mul[NHASH], add[NHASH], seed = 0x6f6e676b6169ULL;   /* fixed: the same bands every run */
    for (int i = 0; i < NHASH; i++) { mul[i] = splitmix64(&seed) | 1; add[i] = splitmix64(&seed); }
    uint32_t *keys = malloc((s->n ? s->n : 1) * BANDS * sizeof *keys);
    uint64_t *arr = malloc((s->n ? s->n : 1) * sizeof *arr);
    if (!keys || !arr) abort();
    uint8_t *ok = calloc(s->n + 1, 1);
    if (!ok) abort();
    size_t m = 0;
    for (size_t i = 0; i < s->n; i++) {
        const doc *d = &s->docs[i];
        if (prefix_u32(d->data + d->nsent, d->nsamp, level_limit(LSH_LEVEL)) < MIN_LSH) continue;
        band_keys(d, mul, add, keys + i * BANDS);
        ok[i] = 1;
        m++;
    }
    s->stats.compared = m;
    for (int b = 0; b < BANDS; b++) {
        size_t k = 0;
        for (size_t i = 0; i < s->n; i++)
            if (ok[i]) arr[k++] = (uint64_t)keys[i * BANDS + b] << 32 | (uint64_t)i;
        radix_u64(arr, k);
        for (size_t i = 0; i < k;) {
            size_t j = i + 1;
            while (j < k && arr[j] >> 32 == arr[i] >> 32) j++;
            for (size_t x = i; x < j; x++)
                for (size_t y = x + 1; y < j; y++) {
                    size_t ia = (uint32_t)arr[x], ib = (uint32_t)arr[y];
                    const uint32_t *ka = keys + ia * BANDS, *kb = keys + ib * BANDS;
                    bool seen = false;
                    for (int e = 0; e < b && !seen; e++) seen = ka[e] == kb[e];
                    if (seen) continue;
                    s->stats.candidates++;
                    verify(s, ia, ib);
                }
            i = j;
        }
    }
    free(keys);
    free(arr);
    free(ok);
}

void gk_similar_finish(gk_similar *s) {
    if (s->finished) return;
    s->finished = true;
    s->stats.reports = s->n;
    s->stats.boiler_min = s->opts.boiler_min > 0 ? s->opts.boiler_min : (int)((s->n + 99) / 100);
    if (s->stats.boiler_min < 5 && s->opts.boiler_min <= 0) s->stats.boiler_min = 5;
    if (s->stats.boiler_min < 2) s->stats.boiler_min = 2;
    s->stats.bytes = s->cap * sizeof *s->docs;
    for (size_t i = 0; i < s->n; i++) {
        const doc *d = &s->docs[i];
        s->stats.bytes += strlen(d->source) + 1 + (d->agency ? strlen(d->agency) + 1 : 0) +
                          (2 * (size_t)d->nsent + d->nsamp) * sizeof *d->data;
    }
    find_boilerplate(s);
    find_pairs(s);
    if (s->npairs) qsort(s->pairs, s->npairs, sizeof *s->pairs, cmp_pair);
    s->stats.pairs = s->npairs;
    /* what each report is asked for when shown again */
    s->want = calloc(s->n + 1, 1);
    s->src_off = calloc(s->n + 2, sizeof *s->src_off);
    s->src_pairs = malloc((s->npairs + 1) * sizeof *s->src_pairs);
    if (!s->want || !s->src_off || !s->src_pairs) abort();
    for (size_t i = 0; i < s->npairs; i++) {
        const gk_similar_pair *p = &s->pairs[i].pub;
        s->stats.cross += p->kind == GK_SIMILAR_CROSS;
        s->stats.same_agency += p->kind == GK_SIMILAR_SAME_AGENCY;
        s->stats.duplicate += p->kind == GK_SIMILAR_DUPLICATE;
        s->src_off[(p->earlier == 1 ? p->b : p->a) + 2]++;
    }
    for (size_t i = 0; i < s->n; i++) s->src_off[i + 2] += s->src_off[i + 1];
    for (size_t i = 0; i < s->npairs; i++) {
        const gk_similar_pair *p = &s->pairs[i].pub;
        size_t src = p->earlier == 1 ? p->b : p->a;
        s->src_pairs[s->src_off[src + 1]++] = i;
        if (p->shared) s->want[src] = 1;
    }
    for (size_t b = 0; b < s->nboiler; b++)
        if (s->boiler[b].pub.first < s->n) s->want[s->boiler[b].pub.first] = 1;
}

/* ---- results ---- */

size_t gk_similar_count(const gk_similar *s) { return s->n; }

gk_similar_info gk_similar_report(const gk_similar *s, size_t id) {
    gk_similar_info in = {0};
    if (id >= s->n) return in;
    const doc *d = &s->docs[id];
    in.source = d->source;
    in.agency = d->agency;
    in.year = d->year;
    in.sentences = d->nsent_all;
    in.boiler = d->nboiler;
    return in;
}

gk_similar_stats gk_similar_get_stats(const gk_similar *s) { return s->stats; }
size_t gk_similar_npairs(const gk_similar *s) { return s->npairs; }
const gk_similar_pair *gk_similar_pair_at(const gk_similar *s, size_t i) { return i < s->npairs ? &s->pairs[i].pub : NULL; }
size_t gk_similar_nboiler(const gk_similar *s) { return s->nboiler; }
const gk_similar_boiler *gk_similar_boiler_at(const gk_similar *s, size_t i) { return i < s->nboiler ? &s->boiler[i].pub : NULL; }

bool gk_similar_wants(const gk_similar *s, size_t id) { return s->finished && id < s->n && s->want[id]; }

typedef struct {
    gk_similar *s;
    size_t id;
} resolve_ctx;

static const char *keep_text(gk_similar *s, const sentence *sn) {
    size_t n = sn->orig_len;
    const char *t = gk_trim(sn->orig, &n);
    return gk_arena_strndup(s->texts, t, n);
}

static void resolve_sentence(const sentence *sn, void *vctx) {
    resolve_ctx *c = vctx;
    gk_similar *s = c->s;
    int b = s->nboiler ? boiler_bsearch(s, sn->hash) : -1;
    if (b >= 0) {
        if (s->boiler[b].pub.first == c->id && !s->boiler[b].pub.text) s->boiler[b].pub.text = keep_text(s, sn);
        return;   /* boilerplate is never an example of copying */
    }
    for (size_t k = s->src_off[c->id]; k < s->src_off[c->id + 1]; k++) {
        pair_t *p = &s->pairs[s->src_pairs[k]];
        if (p->pub.nexamples == GK_SIMILAR_EXAMPLES) continue;
        const doc *o = &s->docs[p->pub.a == c->id ? p->pub.b : p->pub.a];
        if (!has_u32(o->data, o->nsent, sn->hash)) continue;
        bool dup = false;
        for (size_t e = 0; e < p->pub.nexamples; e++) dup |= p->exhash[e] == sn->hash;
        if (dup) continue;
        p->exhash[p->pub.nexamples] = sn->hash;
        p->pub.examples[p->pub.nexamples++] = keep_text(s, sn);
    }
}

void gk_similar_resolve(gk_similar *s, size_t id, const gk_report *r) {
    if (!gk_similar_wants(s, id)) return;
    resolve_ctx c = {s, id};
    walk(r, resolve_sentence, &c);
    s->want[id] = 0;
}
