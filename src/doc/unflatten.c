/* unflatten.c: scraper text whose whole article is one line (the 平潭 archive: a crawler header, then the
 * report flattened, table cells run together).
 *
 * The crawler header (标题: / 发布时间: / 文号: / 发布机构: / 栏目: / 原文链接: / 本地目录: / 页面链接… / ==== 正文 ====)
 * becomes one paragraph, the title; when the title does not name the agency before its year, the 发布机构 value
 * goes just above it, where the title finder reads a title split over two lines.
 *
 * A paragraph is split only when it is very long and holds several section headings (一、总体情况 … 六、其他需要
 * 报告的事项, the 2019-era 一、概述 … and their variants): at each heading, which becomes its own paragraph;
 * and, inside the statutory tables (a part holding 第二十条, 本年新收 or 尚未审结), after every run of digits
 * that a label follows, so that each table row is a paragraph "label + digit run" (the digit of a label's
 * numbering, "…00000002.其他法律…", stays with its label). Every paragraph stays a slice of the source, on
 * the source's line. Ordinary text is left as it is. */
#include "gongkai/doc.h"
#include "gongkai/template.h"
#include "gongkai/text.h"

#include <stdlib.h>
#include <string.h>

#define LONG_PARA 1000      /* bytes: a paragraph this long holding ≥ 2 headings is a flattened article */
#define LONG_PARA_HEADER 200 /* … or this long after a crawler header */
#define MAX_CUTS 4096

static int32_t cp_at(const char *t, size_t n, size_t i, size_t *l) {
    int32_t cp = 0;
    if (i >= n) { *l = 0; return 0; }
    *l = gk_utf8_decode(t + i, n - i, &cp);
    if (*l == 0) *l = 1;
    return cp;
}

static bool at(const char *s, size_t n, size_t i, const char *w) {
    size_t l = strlen(w);
    return i + l <= n && memcmp(s + i, w, l) == 0;
}

static bool digit_cp(int32_t cp) { return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); }
static bool sign_cp(int32_t cp) { return cp == '-' || cp == '+' || cp == 0xFF0D || cp == 0xFF0B || cp == 0x2212; }
static bool numbering_mark(int32_t cp) { return cp == '.' || cp == 0xFF0E || cp == 0x3001; }

static bool cn_digit(int32_t cp) {
    static const int32_t cn[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
    for (int k = 0; k < 10; k++) if (cp == cn[k]) return true;
    return false;
}

static bool has(const char *s, size_t n, const char *w) {
    size_t l = strlen(w);
    for (size_t i = 0; i + l <= n; i++) if (!memcmp(s + i, w, l)) return true;
    return false;
}

/* A table label numbered like a heading (一、本年新收…, 四、结转下年度…): not a section. */
static bool table_label(const char *s, size_t n) {
    return has(s, n, "本年新收") || has(s, n, "上年结转") || has(s, n, "本年度办") || has(s, n, "结转下年");
}

/* A section heading at s[i]: "一、" (or 一． 一.) and a title that ends with the words that end headings
 * (情况, 事项, 概述, 措施, 统计表) or, when short and naming a section, at the first digit or punctuation.
 * *title and *end receive where the title starts and where the heading ends. */
static bool heading_at(const char *s, size_t n, size_t i, size_t *title, size_t *end) {
    size_t l, l2;
    int32_t cp = cp_at(s, n, i, &l);
    if (!cn_digit(cp)) return false;
    if (i > 0) {
        size_t b = i - 1;
        while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80) b--;
        if (cn_digit(cp_at(s, n, b, &l2))) return false;   /* 十一、 and the like: not ours */
    }
    int32_t mark = cp_at(s, n, i + l, &l2);
    if (!numbering_mark(mark)) return false;
    size_t j = i + l + l2;
    while (j < n) {
        size_t lj;
        int32_t c = cp_at(s, n, j, &lj);
        if (!gk_is_space_cp(c)) break;
        j += lj;
    }
    static const char *const ends[] = {"情况统计表", "统计表", "情况", "事项", "概述", "措施", NULL};
    size_t k = j;
    for (int count = 0; count < 40 && k < n; count++) {
        for (int e = 0; ends[e]; e++) {
            if (!at(s, n, k, ends[e])) continue;
            size_t stop = k + strlen(ends[e]);
            if (table_label(s + j, stop - j)) return false;
            size_t l3;
            if (cp_at(s, n, stop, &l3) == 0x3001) return false;   /* "一、总体情况、二、…": a list of the parts */
            *title = j;
            *end = stop;
            return true;
        }
        size_t lk;
        int32_t c = cp_at(s, n, k, &lk);
        if (digit_cp(c) || gk_is_space_cp(c) || c == 0xFF08 || c == '(' || c == 0x3002 || c == 0xFF0C || c == ',' ||
            c == 0xFF1A || c == ':' || c == 0xFF1B || c == ';') {
            /* a short title cut by a digit or punctuation: only when it names a section */
            size_t tn = k - j;
            if (tn < 2 * 3 || tn > 20 * 3 || table_label(s + j, tn)) return false;
            static const char *const words[] = {"总体", "概述", "主动公开", "依申请", "复议", "诉讼", "问题", "改进",
                                                "其他需要", "其他需报告", "其他事项", NULL};
            for (int w = 0; words[w]; w++)
                if (has(s + j, tn, words[w])) { *title = j; *end = k; return true; }
            return false;
        }
        k += lk;
    }
    return false;
}

typedef struct {
    size_t *v;
    int n;
} cuts;

static void cut_at(cuts *c, size_t at_) {
    if (c->n < MAX_CUTS) c->v[c->n++] = at_;
}

/* Splits a table part [s0, s1) into rows: after each run of digits a label follows (not a unit: a number in a
 * sentence), before the digit of a label's numbering, before 第二十条 and after t2's header words, before the
 * 一、 … 四、 of t3's rows. */
static void table_cuts(const char *s, size_t s0, size_t s1, cuts *c) {
    static const char *const units = "件条个项份次人元万亿年月日号期篇批家场名余多天户宗套台辆起例座亩吨倍届周岁种类册页张位小分秒%％";
    bool t2 = has(s + s0, s1 - s0, "第二十条");
    bool t3 = has(s + s0, s1 - s0, "本年新收") || has(s + s0, s1 - s0, "上年结转");
    /* t2's header words (the field labels of both templates) */
    const char *fields[40];
    int nf = 0;
    const gk_template *tms[2] = {gk_template_2021(), gk_template_2019()};
    for (int m = 0; m < 2; m++) {
        const gk_table_def *td = &tms[m]->tables[GK_T2];
        for (int r = 0; r < td->nrows; r++)
            for (int f = 0; f < td->rows[r].nfields && nf < 40; f++) fields[nf++] = td->rows[r].fields[f].label;
    }
    size_t last_cut = s0, prev_run = s0;   /* a row's label lies after the previous run */
    for (size_t i = s0; i < s1;) {
        size_t l;
        int32_t cp = cp_at(s, s1, i, &l);
        if (t2 && at(s, s1, i, "第二十条")) { cut_at(c, i); last_cut = i; i += l; continue; }
        if (t3 && cn_digit(cp)) {
            size_t l2;
            if (numbering_mark(cp_at(s, s1, i + l, &l2)) && i > s0) { cut_at(c, i); last_cut = i; }
            i += l;
            continue;
        }
        bool start = digit_cp(cp);
        if (!start && sign_cp(cp)) {
            size_t l2;
            start = digit_cp(cp_at(s, s1, i + l, &l2));
        }
        if (!start) { i += l; continue; }
        /* t2: the label starts after the last header word before the run */
        if (t2) {
            size_t best = 0, from = last_cut > prev_run ? last_cut : prev_run;
            for (int f = 0; f < nf; f++) {
                size_t fl = strlen(fields[f]);
                for (size_t k = from; k + fl <= i; k++)
                    if (!memcmp(s + k, fields[f], fl) && k + fl > best) best = k + fl;
            }
            if (best > last_cut && best < i) cut_at(c, best);
        }
        /* the run */
        size_t j = i, end = i;
        int32_t prev = 0;
        for (;;) {
            size_t lj;
            int32_t d = cp_at(s, s1, j, &lj);
            if (lj == 0) break;
            size_t l2;
            int32_t nx = cp_at(s, s1, j + lj, &l2);
            if (digit_cp(d) || (sign_cp(d) && digit_cp(nx)) || ((d == '.' || d == 0xFF0E) && digit_cp(prev) && digit_cp(nx))) {
                prev = d;
                j += lj;
                end = j;
                continue;
            }
            if (gk_is_space_cp(d)) {
                size_t k = j;
                while (k < s1) {
                    size_t lk;
                    if (!gk_is_space_cp(cp_at(s, s1, k, &lk))) break;
                    k += lk;
                }
                size_t lk;
                int32_t after = cp_at(s, s1, k, &lk);
                if (k < s1 && (digit_cp(after) || sign_cp(after))) { j = k; continue; }
            }
            break;
        }
        size_t lm;
        int32_t after = cp_at(s, s1, end, &lm);
        size_t l3;
        if (numbering_mark(after) && digit_cp(prev) && !digit_cp(cp_at(s, s1, end + lm, &l3))) {
            /* the last digit numbers the next label */
            size_t b = end - 1;
            while (b > i && ((unsigned char)s[b] & 0xC0) == 0x80) b--;
            cut_at(c, b);
            last_cut = b;
            prev_run = b;
            i = end + lm;
            continue;
        }
        size_t k = end;
        int32_t nx = 0;
        while (k < s1) {
            size_t lk;
            nx = cp_at(s, s1, k, &lk);
            if (!gk_is_space_cp(nx)) break;
            k += lk;
            nx = 0;
        }
        bool unit = false;
        if (nx) {
            char buf[5] = {0};
            size_t lk;
            cp_at(s, s1, k, &lk);
            if (lk < 5) { memcpy(buf, s + k, lk); unit = strstr(units, buf) != NULL; }
        }
        if (!unit && end < s1) { cut_at(c, end); last_cut = end; }
        prev_run = end;
        i = end > i ? end : i + l;
    }
}

static int cmp_size(const void *a, const void *b) {
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

typedef struct {
    gk_block *v;
    uint32_t n, cap;
    gk_arena *a;
} blist;

static void push(blist *l, gk_block b) {
    l->v = gk_arena_grow(l->a, l->v, l->n, &l->cap, sizeof *l->v, 64);
    l->v[l->n++] = b;
}

static void push_para(blist *l, const char *t, size_t n, uint32_t line) {
    const char *s = gk_trim(t, &n);
    if (!n) return;
    gk_block b;
    memset(&b, 0, sizeof b);
    b.kind = GK_BLOCK_PARA;
    b.text = s;
    b.len = n;
    b.line = b.end_line = line;
    push(l, b);
}

/* The headings of a paragraph (at most max): their starts, title starts and ends. */
static int find_headings(const char *s, size_t n, size_t *hs, size_t *ht, size_t *he, int max) {
    int k = 0;
    for (size_t i = 0; i < n && k < max;) {
        size_t t, e, l;
        cp_at(s, n, i, &l);
        if (heading_at(s, n, i, &t, &e)) {
            hs[k] = i;
            ht[k] = t;
            he[k] = e;
            k++;
            i = e;
            continue;
        }
        i += l;
    }
    return k;
}

static void split_article(blist *out, gk_arena *a, const gk_block *b, const size_t *hs, const size_t *he, int nh) {
    const char *s = b->text;
    size_t n = b->len;
    cuts c;
    c.v = gk_arena_alloc(a, MAX_CUTS * sizeof *c.v);
    c.n = 0;
    for (int k = 0; k < nh; k++) {
        cut_at(&c, hs[k]);
        cut_at(&c, he[k]);
    }
    /* the table parts: the body after each heading */
    for (int k = 0; k < nh; k++) {
        size_t s0 = he[k], s1 = k + 1 < nh ? hs[k + 1] : n;
        if (s1 <= s0) continue;
        const char *p = s + s0;
        size_t pn = s1 - s0;
        if (has(p, pn, "第二十条") || has(p, pn, "本年新收") || has(p, pn, "上年结转") || has(p, pn, "尚未审结") ||
            has(p, pn, "结果维持"))
            table_cuts(s, s0, s1, &c);
    }
    qsort(c.v, (size_t)c.n, sizeof *c.v, cmp_size);
    size_t prev = 0;
    for (int k = 0; k <= c.n; k++) {
        size_t e = k < c.n ? c.v[k] : n;
        if (e < prev || e > n) continue;
        push_para(out, s + prev, e - prev, b->line);
        prev = e;
    }
}

static const char *const header_keys[] = {"标题", "发布时间", "文号", "发布机构", "栏目", "原文链接", "本地目录", NULL};

/* The value after "key:" or "key：" at the start of a paragraph, or NULL. */
static const char *header_value(const gk_block *b, const char *key, size_t *vn) {
    if (b->kind != GK_BLOCK_PARA) return NULL;
    size_t kl = strlen(key);
    if (b->len < kl || memcmp(b->text, key, kl) != 0) return NULL;
    size_t i = kl;
    if (at(b->text, b->len, i, ":")) i += 1;
    else if (at(b->text, b->len, i, "：")) i += strlen("：");
    else return NULL;
    size_t n = b->len - i;
    const char *v = gk_trim(b->text + i, &n);
    *vn = n;
    return v;
}

static bool header_junk(const gk_block *b) {
    if (b->kind != GK_BLOCK_PARA) return false;
    if (at(b->text, b->len, 0, "页面链接与图片详见")) return true;
    if (b->len >= 3 && b->text[0] == '=' && b->text[1] == '=' && has(b->text, b->len, "正文")) return true;
    return false;
}

void gk_doc_unflatten(gk_doc *doc) {
    if (!doc || !doc->nblocks) return;
    gk_arena *a = doc->arena;
    /* the crawler header: 标题 first, and at least three of its keys among the first blocks */
    uint32_t nhead = 0;
    int keys = 0;
    const char *title = NULL, *agency = NULL;
    size_t title_n = 0, agency_n = 0;
    uint32_t title_line = 0, agency_line = 0;
    if (header_value(&doc->blocks[0], "标题", &title_n)) {
        for (uint32_t b = 0; b < doc->nblocks && b < 12; b++) {
            bool key = false;
            for (int k = 0; header_keys[k]; k++) {
                size_t vn;
                const char *v = header_value(&doc->blocks[b], header_keys[k], &vn);
                if (!v) continue;
                key = true;
                keys++;
                if (k == 0 && !title) { title = v; title_n = vn; title_line = doc->blocks[b].line; }
                if (k == 3 && vn) { agency = v; agency_n = vn; agency_line = doc->blocks[b].line; }
                break;
            }
            if (!key && !header_junk(&doc->blocks[b])) break;
            nhead = b + 1;
        }
        if (keys < 3) nhead = 0;
    }
    /* flattened articles: long paragraphs holding several headings */
    bool any_flat = false;
    int *nhs = gk_arena_alloc(a, (size_t)doc->nblocks * sizeof *nhs);
    size_t long_para = nhead ? LONG_PARA_HEADER : LONG_PARA;
    for (uint32_t b = nhead; b < doc->nblocks; b++) {
        const gk_block *bk = &doc->blocks[b];
        if (bk->kind != GK_BLOCK_PARA || bk->len < long_para) continue;
        size_t hs[16], ht[16], he[16];
        nhs[b] = find_headings(bk->text, bk->len, hs, ht, he, 16);
        if (nhs[b] >= 2) any_flat = true;
    }
    if (!nhead && !any_flat) return;
    blist out = {NULL, 0, 0, a};
    if (nhead && title && title_n) {
        /* a title that starts with its year does not name the agency: 发布机构 goes above it */
        if (agency && title[0] >= '0' && title[0] <= '9') push_para(&out, agency, agency_n, agency_line);
        push_para(&out, title, title_n, title_line);
    }
    for (uint32_t b = nhead; b < doc->nblocks; b++) {
        const gk_block *bk = &doc->blocks[b];
        if (nhs[b] >= 2 && bk->kind == GK_BLOCK_PARA && bk->len >= long_para) {
            size_t *hs = gk_arena_alloc(a, 64 * sizeof *hs), *ht = gk_arena_alloc(a, 64 * sizeof *ht),
                   *he = gk_arena_alloc(a, 64 * sizeof *he);
            int nh = find_headings(bk->text, bk->len, hs, ht, he, 64);
            split_article(&out, a, bk, hs, he, nh);
            continue;
        }
        push(&out, *bk);
    }
    doc->blocks = out.v;
    doc->nblocks = out.n;
}
