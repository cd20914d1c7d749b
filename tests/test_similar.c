/* test_similar.c: copy-paste detection across agencies. 10,000 synthetic reports made in memory as gongkai JSON
 * (read through gk_report_from_bytes): narratives of 20–60 sentences from a large random sentence generator,
 * boilerplate sentences each used by 30% of the reports, one templated sentence (the agency's own name and a
 * count) in every report, 50 planted copies across agencies (10% of the sentences changed, another agency, other
 * numbers, a later year), 20 reports repeated by the same agency a year later, and 5 files holding a report twice.
 * Every planted pair must be found with the right kind and direction, no other pair, and the boilerplate listed.
 * Then the seeds (GK_SHARED, skipped when absent) and the examples, printing what is found.
 *
 * Environment: GK_SIMILAR_REPORTS=N for another batch size (bench/similar_bench.sh runs 100,000). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gongkai/render.h"
#include "gongkai/report.h"
#include "gongkai/similar.h"

/* ---- a deterministic generator ---- */

typedef struct { uint64_t s; } rng;

static uint64_t next(rng *r) {
    uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static uint32_t below(rng *r, uint32_t n) { return (uint32_t)(((next(r) >> 32) * n) >> 32); }
static rng seeded(uint64_t a, uint64_t b) { rng r = {a * 0x9e3779b97f4a7c15ULL ^ b}; next(&r); return r; }

static void put_cp(gk_buf *b, uint32_t c) {   /* BMP only */
    char u[3] = {(char)(0xE0 | c >> 12), (char)(0x80 | ((c >> 6) & 63)), (char)(0x80 | (c & 63))};
    gk_buf_append(b, u, 3);
}

enum { NWORDS = 6000, NBOILER = 8, MAXSENT = 80 };
enum { R_NORMAL = 0, R_COPY, R_SERIES, R_DUP };

typedef struct world {
    int n;
    int vocab;               /* words in use (a small vocabulary makes unrelated reports share more) */
    char *words[NWORDS];
    char *boiler[NBOILER];
    int *role, *src;         /* planted: role of each report and the report it comes from */
} world;

/* A sentence template: words, with \x01 for the agency's name and \x02 for a number. */
static void sentence(const world *w, rng *r, gk_buf *b) {
    if (below(r, 100) < 8) gk_buf_putc(b, '\x01');
    int nw = 5 + (int)below(r, 10), num = below(r, 100) < 25 ? (int)below(r, (uint32_t)nw) : -1;
    for (int k = 0; k < nw; k++) {
        gk_buf_puts(b, w->words[below(r, (uint32_t)w->vocab)]);
        if (k == num) gk_buf_puts(b, "共\x02件");
        if (k == nw / 2 && below(r, 2)) gk_buf_puts(b, "，");
    }
    gk_buf_puts(b, below(r, 5) ? "。" : "；");
}

static void world_init(world *w, int n, int vocab) {
    memset(w, 0, sizeof *w);
    w->n = n;
    w->vocab = vocab;
    rng r = seeded(1, 1);
    for (int i = 0; i < NWORDS; i++) {
        gk_buf b;
        gk_buf_init(&b);
        int len = 2 + (int)below(&r, 3);
        for (int k = 0; k < len; k++) put_cp(&b, 0x4E00 + below(&r, 0x51A0));
        w->words[i] = b.data;
    }
    static const char *const lead[NBOILER] = {"根据《中华人民共和国政府信息公开条例》规定", "本报告中所列数据的统计期限自当年一月一日起",
                                              "本报告的电子版可在门户网站下载", "如对本报告有疑问请与办公室联系",
                                              "坚持以习近平新时代中国特色社会主义思想为指导", "全面贯彻落实党中央国务院关于政务公开的决策部署",
                                              "严格执行政府信息公开保密审查制度", "未收取信息处理费"};
    for (int k = 0; k < NBOILER; k++) {
        gk_buf b;
        gk_buf_init(&b);
        gk_buf_puts(&b, lead[k]);
        gk_buf_puts(&b, "，");
        for (int q = 0; q < 6; q++) gk_buf_puts(&b, w->words[below(&r, NWORDS)]);
        w->boiler[k] = b.data;
    }
    /* the plan: 50 copies across agencies, 20 same-agency repeats, 5 duplicates; each report in one at most */
    w->role = calloc((size_t)n, sizeof(int));
    w->src = calloc((size_t)n, sizeof(int));
    int *perm = malloc((size_t)n * sizeof(int));
    for (int i = 0; i < n; i++) perm[i] = i;
    for (int i = n - 1; i > 0; i--) { int j = (int)below(&r, (uint32_t)i + 1), t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
    int planted = n >= 200 ? 75 : 0;
    for (int k = 0; k < planted; k++) {
        int a = perm[2 * k], b = perm[2 * k + 1];
        w->role[b] = k < 50 ? R_COPY : k < 70 ? R_SERIES : R_DUP;
        w->src[b] = a;
    }
    free(perm);
}

static void world_free(world *w) {
    for (int i = 0; i < NWORDS; i++) free(w->words[i]);
    for (int k = 0; k < NBOILER; k++) free(w->boiler[k]);
    free(w->role);
    free(w->src);
}

static void agency_of(int i, gk_buf *b) {
    static const char *const suffix[] = {"街道办事处", "教育局", "卫生健康委员会", "人民政府", "市场监督管理局"};
    rng r = seeded(7, (uint64_t)i);
    put_cp(b, 0x4E00 + (uint32_t)(i / 1000) % 0x51A0);   /* unique: two characters from the index */
    put_cp(b, 0x4E00 + (uint32_t)(i % 1000) * 7);
    put_cp(b, 0x4E00 + below(&r, 0x51A0));
    gk_buf_puts(b, suffix[below(&r, 5)]);
}

/* The sentence templates of report i (NUL-separated in out), its agency (index) and year. */
static int templates(const world *w, int i, gk_buf *out, int *agency, int *year) {
    if (w->role[i] != R_NORMAL) {
        int a = w->src[i], ay;
        int n = templates(w, a, out, agency, &ay);
        rng r = seeded(3, (uint64_t)i);
        if (w->role[i] == R_COPY) *agency = i;
        *year = w->role[i] == R_DUP ? ay : ay + 1;
        if (w->role[i] == R_DUP) return n;
        /* 10% of the sentences (rounded down) replaced by new ones */
        char *v[MAXSENT];
        int k = 0;
        for (char *p = out->data; k < n; p += strlen(p) + 1) v[k++] = strdup(p);
        int change = n >= 20 ? n / 10 : 1;
        for (int c = 0; c < change; c++) {
            int at = 1 + (int)below(&r, (uint32_t)n - 1);   /* the templated first sentence stays */
            gk_buf b;
            gk_buf_init(&b);
            sentence(w, &r, &b);
            free(v[at]);
            v[at] = b.data;
        }
        gk_buf_reset(out);
        for (k = 0; k < n; k++) { gk_buf_append(out, v[k], strlen(v[k]) + 1); free(v[k]); }
        return n;
    }
    rng r = seeded(2, (uint64_t)i);
    *agency = i;
    *year = 2021 + (int)below(&r, 3);
    int n = 20 + (int)below(&r, 41);
    int boiler[MAXSENT];   /* which sentences are boilerplate: each boilerplate sentence in 30% of the reports */
    for (int k = 0; k < n; k++) boiler[k] = -1;
    for (int q = 0; q < NBOILER; q++)
        if (below(&r, 100) < 30) boiler[1 + below(&r, (uint32_t)n - 1)] = q;
    gk_buf_puts(out, "\x01认真贯彻落实政府信息公开条例，全年主动公开政府信息\x02条。");
    gk_buf_putc(out, 0);
    for (int k = 1; k < n; k++) {
        if (boiler[k] >= 0) {
            gk_buf_puts(out, w->boiler[boiler[k]]);
            gk_buf_puts(out, "。");
        } else {
            sentence(w, &r, out);
        }
        gk_buf_putc(out, 0);
    }
    return n;
}

/* Report i as gongkai JSON. */
static void report_json(const world *w, int i, gk_buf *json) {
    gk_buf t, name, sec[4];
    gk_buf_init(&t);
    gk_buf_init(&name);
    int ag, year;
    int n = templates(w, i, &t, &ag, &year);
    agency_of(ag, &name);
    rng r = seeded(5, (uint64_t)i);   /* the numbers: each report its own */
    for (int s = 0; s < 4; s++) gk_buf_init(&sec[s]);
    gk_buf_puts(&sec[0], "（一）主动公开\n");
    const char *p = t.data;
    for (int k = 0; k < n; k++, p += strlen(p) + 1) {
        gk_buf *o = &sec[k * 4 / n];
        for (const char *c = p; *c; c++) {
            if (*c == '\x01') gk_buf_puts(o, name.data);
            else if (*c == '\x02') gk_buf_printf(o, "%u", 1 + below(&r, 999));
            else gk_buf_putc(o, *c);
        }
        if (k % 5 == 4) gk_buf_putc(o, '\n');
    }
    gk_buf_printf(json, "{\"schema\":\"gongkai.report/1\",\"source\":\"synthetic-%05d.json\",\"agency\":", i);
    gk_json_string(json, name.data, name.len);
    gk_buf_printf(json, ",\"year\":%d,\"format\":\"2021\",\"sections\":[", year);
    static const int no[4] = {1, 4, 5, 6};
    for (int s = 0; s < 4; s++) {
        gk_buf_printf(json, "%s{\"no\":%d,\"text\":", s ? "," : "", no[s]);
        gk_json_string(json, sec[s].data ? sec[s].data : "", sec[s].len);
        gk_buf_putc(json, '}');
        gk_buf_free(&sec[s]);
    }
    gk_buf_puts(json, "]}");
    gk_buf_free(&t);
    gk_buf_free(&name);
}

static gk_report *load_json(gk_arena *a, const world *w, int i, gk_buf *json) {
    gk_buf_reset(json);
    report_json(w, i, json);
    char path[64];
    snprintf(path, sizeof path, "synthetic-%05d.json", i);
    gk_report *r = NULL;
    const char *detail = NULL;
    gk_status st = gk_report_from_bytes(a, path, json->data, json->len, &r, &detail);
    if (st != GK_OK) fprintf(stderr, "report %d: %s\n", i, detail ? detail : "?");
    assert_int_equal(st, GK_OK);
    return r;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *kind_name(gk_similar_kind k) {
    return k == GK_SIMILAR_CROSS ? "cross" : k == GK_SIMILAR_SAME_AGENCY ? "same-agency" : "duplicate";
}

/* Runs a synthetic batch of n reports and checks what is found. */
static void run_world(int n, int vocab, bool check_boiler) {
    world w;
    world_init(&w, n, vocab);
    gk_similar *s = gk_similar_new(NULL);
    gk_buf json;
    gk_buf_init(&json);
    double t0 = now(), bytes = 0;
    for (int i = 0; i < n; i++) {
        gk_arena *a = gk_arena_new();
        gk_report *r = load_json(a, &w, i, &json);
        bytes += (double)json.len;
        assert_int_equal(gk_similar_add(s, r), i);
        gk_arena_free(a);   /* the index keeps its own copy */
    }
    double t1 = now();
    gk_similar_finish(s);
    double t2 = now();
    size_t reread = 0;
    for (int i = 0; i < n; i++) {
        if (!gk_similar_wants(s, (size_t)i)) continue;
        gk_arena *a = gk_arena_new();
        gk_similar_resolve(s, (size_t)i, load_json(a, &w, i, &json));
        gk_arena_free(a);
        reread++;
    }
    double t3 = now();
    gk_similar_stats st = gk_similar_get_stats(s);
    printf("[similar] %d reports (vocabulary %d words), %.1f MB of JSON: read + sketch %.2f s, finish %.2f s, "
           "%zu re-read for examples %.2f s\n", n, vocab, bytes / 1e6, t1 - t0, t2 - t1, reread, t3 - t2);
    printf("[similar] index %.0f bytes per report; %zu compared, %zu candidate pairs, %zu pairs (%zu cross-agency, "
           "%zu same agency, %zu duplicate), %zu boilerplate sentences (threshold %d reports)\n",
           (double)st.bytes / n, st.compared, st.candidates, st.pairs, st.cross, st.same_agency, st.duplicate,
           gk_similar_nboiler(s), st.boiler_min);
    /* every planted pair, with its kind and direction */
    int found[4] = {0}, planted[4] = {0};
    double minsim = 1;
    for (int i = 0; i < n; i++) {
        if (w.role[i] == R_NORMAL) continue;
        planted[w.role[i]]++;
        size_t a = (size_t)(w.src[i] < i ? w.src[i] : i), b = (size_t)(w.src[i] < i ? i : w.src[i]);
        const gk_similar_pair *hit = NULL;
        for (size_t k = 0; k < gk_similar_npairs(s) && !hit; k++) {
            const gk_similar_pair *p = gk_similar_pair_at(s, k);
            if (p->a == a && p->b == b) hit = p;
        }
        if (!hit) { fprintf(stderr, "planted pair %zu–%zu (%d) not found\n", a, b, w.role[i]); continue; }
        gk_similar_kind want = w.role[i] == R_COPY ? GK_SIMILAR_CROSS : w.role[i] == R_SERIES ? GK_SIMILAR_SAME_AGENCY : GK_SIMILAR_DUPLICATE;
        assert_int_equal(hit->kind, want);
        if (w.role[i] != R_DUP) assert_int_equal(hit->earlier, (size_t)w.src[i] == hit->a ? 0 : 1);   /* the copy is later */
        else assert_int_equal(hit->earlier, -1);
        assert_true(hit->nexamples > 0);
        assert_true(hit->shared > 0);
        /* the examples as written in the earlier report (a when the years do not tell) */
        gk_buf_reset(&json);
        report_json(&w, (int)(hit->earlier == 1 ? hit->b : hit->a), &json);
        for (size_t e = 0; e < hit->nexamples; e++) assert_non_null(strstr(json.data, hit->examples[e]));
        if (hit->similarity < minsim) minsim = hit->similarity;
        found[w.role[i]]++;
    }
    printf("[similar] planted found: %d/%d copies across agencies, %d/%d same-agency repeats, %d/%d duplicates; "
           "lowest similarity %.3f\n", found[R_COPY], planted[R_COPY], found[R_SERIES], planted[R_SERIES], found[R_DUP],
           planted[R_DUP], minsim);
    for (int k = 1; k < 4; k++) assert_int_equal(found[k], planted[k]);
    /* no other pair: unrelated reports are never paired */
    size_t extra = 0;
    for (size_t k = 0; k < gk_similar_npairs(s); k++) {
        const gk_similar_pair *p = gk_similar_pair_at(s, k);
        bool ok = (w.role[p->b] != R_NORMAL && (size_t)w.src[p->b] == p->a) || (w.role[p->a] != R_NORMAL && (size_t)w.src[p->a] == p->b);
        if (!ok) {
            extra++;
            fprintf(stderr, "false pair %zu–%zu %s %.3f\n", p->a, p->b, kind_name(p->kind), p->similarity);
        }
    }
    assert_int_equal(extra, 0);
    assert_int_equal(st.cross, planted[R_COPY]);
    if (gk_similar_npairs(s)) {
        const gk_similar_pair *p = gk_similar_pair_at(s, 0);
        printf("[similar] e.g. %s ← %s %.3f (jaccard %.3f), %u shared sentences of %u/%u: «%s»\n",
               gk_similar_report(s, p->earlier == 1 ? p->b : p->a).source, gk_similar_report(s, p->earlier == 1 ? p->a : p->b).source,
               p->similarity, p->jaccard, p->shared, p->sentences_a, p->sentences_b, p->examples[0]);
    }
    /* the boilerplate: the eight sentences and the templated one (name and count differ in every report) */
    if (check_boiler) {
        assert_int_equal(gk_similar_nboiler(s), NBOILER + 1);
        const gk_similar_boiler *top = gk_similar_boiler_at(s, 0);
        assert_int_equal(top->reports, n);
        assert_non_null(strstr(top->text, "认真贯彻落实政府信息公开条例，全年主动公开政府信息"));
        for (int k = 0; k < NBOILER; k++) {
            bool listed = false;
            for (size_t q = 0; q < gk_similar_nboiler(s); q++) {
                const gk_similar_boiler *b = gk_similar_boiler_at(s, q);
                assert_non_null(b->text);
                if (!strcmp(b->text, w.boiler[k])) {
                    listed = true;
                    assert_true(b->reports > (uint32_t)n / 5 && b->reports < (uint32_t)n * 2 / 5);   /* ~30% (a copy keeps its source's) */
                }
            }
            assert_true(listed);
        }
        for (size_t q = 0; q < 3 && q < gk_similar_nboiler(s); q++)
            printf("[similar] boilerplate in %u reports: «%s»\n", gk_similar_boiler_at(s, q)->reports, gk_similar_boiler_at(s, q)->text);
    }
    gk_buf_free(&json);
    gk_similar_free(s);
    world_free(&w);
}

static int batch_size(void) {
    const char *e = getenv("GK_SIMILAR_REPORTS");
    int n = e ? atoi(e) : 0;
    return n >= 200 ? n : 10000;
}

static void test_synthetic(void **state) {
    (void)state;
    run_world(batch_size(), NWORDS, true);
}

/* A small vocabulary: unrelated reports share many words and shingles, as real reports do; still no false pair. */
static void test_small_vocabulary(void **state) {
    (void)state;
    run_world(3000, 300, true);
}

/* Sketches are bytes: adding a sketch made elsewhere is the same as adding the report; garbage is refused. */
static void test_sketch(void **state) {
    (void)state;
    world w;
    world_init(&w, 200, NWORDS);
    gk_buf json, sk;
    gk_buf_init(&json);
    gk_buf_init(&sk);
    gk_arena *a = gk_arena_new();
    gk_report *r = load_json(a, &w, 3, &json);
    gk_similar_sketch(r, &sk);
    gk_similar *s = gk_similar_new(&(gk_similar_opts){.threshold = 0.5, .boiler_min = 3});
    assert_int_equal(gk_similar_add_sketch(s, sk.data, sk.len), 0);
    assert_int_equal(gk_similar_add(s, r), 1);
    assert_int_equal(gk_similar_add_sketch(s, sk.data, sk.len - 4), -1);
    assert_int_equal(gk_similar_add_sketch(s, "GKS1 but not a sketch at all, no", 32), -1);
    {   /* a sentence's sample count that does not add up is refused (the index walks the samples by it) */
        uint32_t *h = (uint32_t *)sk.data, nsent = h[4], nsamp = h[5];
        uint32_t *cnt = (uint32_t *)(sk.data + sk.len) - nsamp - nsent;
        cnt[0]++;
        assert_int_equal(gk_similar_add_sketch(s, sk.data, sk.len), -1);
        cnt[0]--;
    }
    gk_similar_info in = gk_similar_report(s, 1);
    assert_string_equal(in.source, "synthetic-00003.json");
    assert_non_null(in.agency);
    assert_true(in.sentences >= 15);
    gk_similar_finish(s);
    assert_int_equal(gk_similar_add(s, r), -1);   /* finished */
    assert_int_equal(gk_similar_npairs(s), 1);
    const gk_similar_pair *p = gk_similar_pair_at(s, 0);
    assert_int_equal(p->kind, GK_SIMILAR_DUPLICATE);
    assert_true(p->similarity == 1.0);
    assert_int_equal(p->shared, p->sentences_a);
    assert_true(gk_similar_wants(s, 0));
    gk_similar_resolve(s, 0, r);
    assert_false(gk_similar_wants(s, 0));
    assert_int_equal(p->nexamples, GK_SIMILAR_EXAMPLES);
    /* cross_only leaves it out */
    gk_similar *c = gk_similar_new(&(gk_similar_opts){.cross_only = true});
    gk_similar_add(c, r);
    gk_similar_add(c, r);
    gk_similar_finish(c);
    assert_int_equal(gk_similar_npairs(c), 0);
    gk_similar_free(c);
    /* an empty index */
    gk_similar *e = gk_similar_new(NULL);
    gk_similar_finish(e);
    assert_int_equal(gk_similar_npairs(e), 0);
    assert_int_equal(gk_similar_nboiler(e), 0);
    gk_similar_free(e);
    gk_similar_free(s);
    gk_arena_free(a);
    gk_buf_free(&json);
    gk_buf_free(&sk);
    world_free(&w);
}

/* ---- real reports: the seeds and the examples ---- */

static int add_dir(gk_similar *s, const char *dir, char ***paths, int n) {
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) return n;
    struct dirent *e;
    char *names[256];
    int k = 0;
    while ((e = readdir(d)) && k < 256)
        if (strstr(e->d_name, ".txt")) names[k++] = strdup(e->d_name);
    closedir(d);
    for (int i = 0; i < k; i++)
        for (int j = i + 1; j < k; j++)
            if (strcmp(names[i], names[j]) > 0) { char *t = names[i]; names[i] = names[j]; names[j] = t; }
    for (int i = 0; i < k; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        free(names[i]);
        char *b;
        size_t len;
        if (gk_read_file(path, 1 << 26, &b, &len) != GK_OK) continue;
        gk_arena *a = gk_arena_new();
        gk_report *r = NULL;
        if (gk_report_from_bytes(a, path, b, len, &r, NULL) == GK_OK) {
            gk_similar_add(s, r);
            *paths = realloc(*paths, (size_t)(n + 1) * sizeof(char *));
            (*paths)[n++] = strdup(path);
        }
        gk_arena_free(a);
        free(b);
    }
    return n;
}

static void test_real(void **state) {
    (void)state;
    const char *shared = getenv("GK_SHARED");
    char seeds[1024];
    snprintf(seeds, sizeof seeds, "%s/seeds", shared ? shared : "../shared");
    DIR *d = opendir(seeds);
    if (d) closedir(d);
    else printf("[similar] skipped the seeds: %s is absent\n", seeds);
    gk_similar *s = gk_similar_new(&(gk_similar_opts){.threshold = 0.3});
    char **paths = NULL;
    int n = add_dir(s, d ? seeds : NULL, &paths, 0);
    const char *ex = getenv("GK_EXAMPLES");
    n = add_dir(s, ex ? ex : "examples", &paths, n);
    gk_similar_finish(s);
    for (int i = 0; i < n; i++) {
        if (!gk_similar_wants(s, (size_t)i)) continue;
        char *b;
        size_t len;
        assert_int_equal(gk_read_file(paths[i], 1 << 26, &b, &len), GK_OK);
        gk_arena *a = gk_arena_new();
        gk_report *r = NULL;
        assert_int_equal(gk_report_from_bytes(a, paths[i], b, len, &r, NULL), GK_OK);
        gk_similar_resolve(s, (size_t)i, r);
        gk_arena_free(a);
        free(b);
    }
    gk_similar_stats st = gk_similar_get_stats(s);
    printf("[similar] %d real reports (threshold 0.3): %zu compared, %zu pairs, %zu boilerplate sentences (≥ %d reports)\n",
           n, st.compared, st.pairs, gk_similar_nboiler(s), st.boiler_min);
    for (int i = 0; i < n; i++) {
        gk_similar_info in = gk_similar_report(s, (size_t)i);
        printf("[similar]   %s: %s %d, %u sentences, %u boilerplate\n", in.source, in.agency ? in.agency : "?", in.year,
               in.sentences, in.boiler);
    }
    for (size_t k = 0; k < gk_similar_npairs(s); k++) {
        const gk_similar_pair *p = gk_similar_pair_at(s, k);
        printf("[similar]   %s %.3f %s / %s, %u shared sentences%s%s\n", kind_name(p->kind), p->similarity,
               gk_similar_report(s, p->a).source, gk_similar_report(s, p->b).source, p->shared, p->nexamples ? ": " : "",
               p->nexamples ? p->examples[0] : "");
    }
    for (size_t q = 0; q < gk_similar_nboiler(s); q++)
        printf("[similar]   boilerplate in %u: %s\n", gk_similar_boiler_at(s, q)->reports, gk_similar_boiler_at(s, q)->text);
    /* the clean pair of the examples is one agency in two years: never copying across agencies */
    for (size_t k = 0; k < gk_similar_npairs(s); k++) {
        const gk_similar_pair *p = gk_similar_pair_at(s, k);
        if (strstr(gk_similar_report(s, p->a).source, "qinghe-liutang") && strstr(gk_similar_report(s, p->b).source, "qinghe-liutang"))
            assert_int_equal(p->kind, GK_SIMILAR_SAME_AGENCY);
    }
    for (int i = 0; i < n; i++) free(paths[i]);
    free(paths);
    gk_similar_free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sketch),
        cmocka_unit_test(test_synthetic),
        cmocka_unit_test(test_small_vocabulary),
        cmocka_unit_test(test_real),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
