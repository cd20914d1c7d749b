/* gongkai/similar.h: copy-paste detection across agencies. Finds pairs of reports whose narratives are
 * near-duplicates, and the generic boilerplate (sentences shared by many reports), which is excluded from the
 * comparison so that two agencies quoting the same standard phrases are not taken for copying each other.
 *
 * How: each report's narrative (the sections' text, tables excluded) is folded (NFKC, no space), stripped of
 * digits, punctuation, numbering and the agency's own name, and cut into sentences (。！？；and line ends). Each
 * sentence keeps a 32-bit hash and a sample of its 5-character shingles chosen by hash value (all of them for a
 * short narrative, down to 1 in 8 for a long one): about 1 KB per report in all (gk_similar_sketch). When every
 * report is in (gk_similar_finish): sentences used by many reports are boilerplate and dropped; the rest of each
 * report's sample gets a 128-hash MinHash signature, cut into 32 bands of 4 rows (LSH): reports sharing a band
 * are candidates, found by sorting (band key, report) arrays, never by comparing all pairs; each candidate is
 * verified on its samples and its sentences. A pair with Jaccard 0.65 or more is a candidate with probability
 * above 0.99 (two narratives of equal length with similarity 0.8 have Jaccard 0.67); a short narrative copied
 * into a much longer one may be missed.
 *
 * Example sentences and boilerplate text are not kept while adding (memory stays flat); a second look at the
 * few reports concerned fills them in (gk_similar_wants, gk_similar_resolve). */
#ifndef GONGKAI_SIMILAR_H
#define GONGKAI_SIMILAR_H

#include "gongkai/report.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gk_similar gk_similar;   /* the index (opaque) */

typedef struct gk_similar_opts {
    double threshold;        /* report pairs whose similarity is at least this (0 → 0.8) */
    int boiler_min;          /* a sentence in at least this many reports is boilerplate (0 → max(5, 1% of reports)) */
    bool cross_only;         /* leave out pairs of the same agency (other years, or the same report twice) */
} gk_similar_opts;

/* opts may be NULL (the defaults). */
gk_similar *gk_similar_new(const gk_similar_opts *opts);
void gk_similar_free(gk_similar *s);

/* What the index keeps of one report, as a self-contained byte string appended to out: the source, agency and
 * year, the narrative's sentence hashes and shingle samples. Pure: any thread, no index needed. */
void gk_similar_sketch(const gk_report *r, gk_buf *out);
/* Adds a sketch; returns the report's id (0, 1, … in the order of adding), or -1 when the bytes are not a
 * sketch. Not thread-safe: add from one thread (e.g. the batch sink). */
long gk_similar_add_sketch(gk_similar *s, const void *sketch, size_t len);
/* Both at once. The report can be freed right after. */
long gk_similar_add(gk_similar *s, const gk_report *r);

/* Finds the boilerplate and the pairs. Call once, after the last add. */
void gk_similar_finish(gk_similar *s);

typedef enum gk_similar_kind {
    GK_SIMILAR_CROSS = 0,    /* different agencies (or an agency unknown): copying across agencies */
    GK_SIMILAR_SAME_AGENCY,  /* the same agency, different years: repetition, not copying from another */
    GK_SIMILAR_DUPLICATE     /* the same agency and year (or a year unknown): the same report twice */
} gk_similar_kind;

enum { GK_SIMILAR_EXAMPLES = 3 };

typedef struct gk_similar_pair {
    size_t a, b;             /* report ids, a < b */
    gk_similar_kind kind;
    double similarity;       /* share of the shorter narrative found in the other, boilerplate excluded (0..1) */
    double jaccard;          /* the same as |A∩B| / |A∪B| */
    uint32_t shared;         /* non-boilerplate sentences (normalised) found in both */
    uint32_t sentences_a, sentences_b;   /* non-boilerplate sentences of each */
    int earlier;             /* 0: a is the earlier report (b copied it), 1: b is earlier, -1: same year / unknown */
    const char *examples[GK_SIMILAR_EXAMPLES];   /* shared sentences as written in the earlier report (a when the
                                                    years do not tell); NULL until resolved */
    size_t nexamples;
} gk_similar_pair;

typedef struct gk_similar_boiler {
    uint32_t reports;        /* how many reports use the sentence */
    size_t first;            /* the first report (id) that has it */
    const char *text;        /* as written there; NULL until resolved */
} gk_similar_boiler;

typedef struct gk_similar_info {
    const char *source;      /* the report's path as given */
    const char *agency;      /* NULL when unknown */
    int year;                /* 0 when unknown */
    uint32_t sentences;      /* narrative sentences */
    uint32_t boiler;         /* of which boilerplate (after finish) */
} gk_similar_info;

typedef struct gk_similar_stats {
    size_t reports;
    size_t compared;         /* reports with enough narrative left after boilerplate to be compared */
    int boiler_min;          /* the boilerplate threshold used */
    size_t candidates;       /* distinct pairs sharing a band */
    size_t pairs, cross, same_agency, duplicate;
    size_t bytes;            /* memory the index held for the reports when the last was added */
} gk_similar_stats;

size_t gk_similar_count(const gk_similar *s);
gk_similar_info gk_similar_report(const gk_similar *s, size_t id);
gk_similar_stats gk_similar_get_stats(const gk_similar *s);

/* After finish: the pairs, most similar first; the boilerplate, most used first. */
size_t gk_similar_npairs(const gk_similar *s);
const gk_similar_pair *gk_similar_pair_at(const gk_similar *s, size_t i);
size_t gk_similar_nboiler(const gk_similar *s);
const gk_similar_boiler *gk_similar_boiler_at(const gk_similar *s, size_t i);

/* After finish: whether report id should be shown again to gk_similar_resolve (it holds examples or
 * boilerplate text still missing), and the showing: the text of what it holds is copied into the index. */
bool gk_similar_wants(const gk_similar *s, size_t id);
void gk_similar_resolve(gk_similar *s, size_t id, const gk_report *r);

#ifdef __cplusplus
}
#endif
#endif
