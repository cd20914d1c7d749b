/* sections.c: finds the title, agency, year and the six statutory sections.
 * A heading is recognised by its words (总体情况, 主动公开…情况, …), not by its number alone, because
 * reports number sub-headings with 一、 as well (seed 000) and sections with 2、 (seed 004). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Section number 1..6 a heading names, or 0. `folded` is the folded heading without numbering. */
static int section_of(const char *f, size_t n) {
    if (n == 0 || n > 60 * 3 || gk_has(f, "。")) return 0;
    if (gk_has(f, "总体情况") || gk_has(f, "总体概况") || gk_has(f, "基本情况") || strcmp(f, "概述") == 0) return 1;
    if (gk_has(f, "主动公开") && (gk_has(f, "情况") || gk_has(f, "政府信息"))) return 2;
    if (gk_has(f, "申请") && (gk_has(f, "收到") || gk_has(f, "处理") || gk_has(f, "办理"))) return 3;
    if (gk_has(f, "依申请公开") && gk_has(f, "情况")) return 3;
    if (gk_has(f, "复议") || gk_has(f, "诉讼")) return 4;
    if (gk_has(f, "问题") && (gk_has(f, "存在") || gk_has(f, "改进") || gk_has(f, "不足"))) return 5;
    if (gk_has(f, "其他需要报告") || gk_has(f, "其他需报告") || gk_has(f, "其他事项")) return 6;
    return 0;
}

/* Statutory titles and their long forms (Shanghai-style), folded: a heading equal to one of these is the
 * section beyond doubt; unnumbered headings must start with one of these words. */
static const char *const exact_titles[6][4] = {
    {"总体情况", "概述", NULL},
    {"主动公开政府信息情况", NULL},
    {"收到和处理政府信息公开申请情况", NULL},
    {"政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议和提起行政诉讼情况", "政府信息公开行政复议和行政诉讼情况", NULL},
    {"存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况", NULL},
    {"其他需要报告的事项", NULL},
};
static const char *const title_starts[] = {"总体情况", "主动公开", "收到和处理", "政府信息公开行政复议", "行政复议",
                                           "存在的主要问题", "政府信息公开工作存在", "其他需要报告", NULL};

/* Section 1..6 a heading names (0 if none) and how sure: 2 an exact statutory title, 1 words of it. */
static int heading_section(gk_arena *a, const char *text, size_t len, gk_numbering *num, int *score) {
    *num = gk_numbering_parse(text, len);
    *score = 0;
    if (num->kind == GK_NUM_CN_PAREN || num->kind == GK_NUM_AR_PAREN) return 0;
    const char *rest = text + num->len;
    size_t rn = len - num->len;
    if (rn > 40 * 3) return 0;
    char *f = gk_fold(a, rest, rn);
    size_t fl = strlen(f);
    while (fl && (f[fl - 1] == ':' || f[fl - 1] == ';' || f[fl - 1] == '.')) f[--fl] = 0;
    if (gk_has(f, ",") || gk_has(f, "。")) return 0;   /* a sentence, not a heading */
    int s = section_of(f, fl);
    if (!s) return 0;
    /* Arabic numbering is accepted for a section only when the number is the section's own (2、 for 二):
     * otherwise "2.主动公开情况" inside another part would be taken for a section. */
    if (num->kind == GK_NUM_AR && num->value != s) return 0;
    if (num->kind == GK_NUM_NONE) {
        /* unnumbered: short, and starting with the words of a statutory title */
        if (fl > 30 * 3) return 0;
        bool starts = false;
        for (int k = 0; title_starts[k] && !starts; k++) starts = !strncmp(f, title_starts[k], strlen(title_starts[k]));
        if (!starts) return 0;
    }
    *score = 1;
    for (int k = 0; exact_titles[s - 1][k]; k++)   /* written folded: no need to fold them again */
        if (!strcmp(exact_titles[s - 1][k], f)) *score = 2;
    if (num->kind == GK_NUM_CN && num->value == s) (*score)++;
    return s;
}

void gk_find_sections(gk_report *r, const gk_doc *doc) {
    gk_arena *a = r->arena;
    uint32_t np = 0;
    for (uint32_t b = 0; b < doc->nblocks; b++) np += doc->blocks[b].kind == GK_BLOCK_PARA;
    r->paras = gk_arena_alloc(a, (np + 1) * sizeof(gk_para));
    /* pass 1: the best heading for each section (an exact title beats words of it; a tie, the first) */
    int best_score[6] = {0};
    uint32_t best_block[6] = {0};
    for (uint32_t b = 0; b < doc->nblocks; b++) {
        const gk_block *bk = &doc->blocks[b];
        if (bk->kind != GK_BLOCK_PARA) continue;
        gk_numbering num;
        int score;
        int s = heading_section(a, bk->text, bk->len, &num, &score);
        if (s && score > best_score[s - 1]) { best_score[s - 1] = score; best_block[s - 1] = b; }
    }
    /* pass 2: sections and paragraphs */
    int cur = -1;
    uint32_t order = 0;
    for (uint32_t b = 0; b < doc->nblocks; b++) {
        const gk_block *bk = &doc->blocks[b];
        if (bk->kind != GK_BLOCK_PARA) continue;
        int s = 0;
        for (int k = 0; k < 6; k++)
            if (best_score[k] && best_block[k] == b) s = k + 1;
        if (s) {
            gk_numbering num;
            int score;
            heading_section(a, bk->text, bk->len, &num, &score);
            gk_section *sec = &r->sections[s - 1];
            sec->present = true;
            sec->heading = gk_arena_strndup(a, bk->orig ? bk->orig : bk->text, bk->orig ? bk->orig_len : bk->len);
            size_t tn = bk->len - num.len;
            const char *t = gk_trim(bk->text + num.len, &tn);
            sec->title = gk_arena_strndup(a, t, tn);
            sec->line = bk->line;
            sec->numbering = num;
            sec->order = order++;
            if (cur >= 0) r->sections[cur].end_line = bk->line - 1;
            cur = s - 1;
            continue;
        }
        gk_para *p = &r->paras[r->nparas++];
        p->text = bk->text;
        p->len = bk->len;
        p->line = bk->line;
        p->section = (int8_t)cur;
        p->orig = bk->orig;
        p->orig_len = bk->orig_len;
    }
    if (cur >= 0) r->sections[cur].end_line = doc->nlines;
    gk_section_texts(r, NULL);
}

void gk_section_texts(gk_report *r, const bool *drop) {
    for (int s = 0; s < 6; s++) {
        gk_section *sec = &r->sections[s];
        if (!sec->present) continue;
        gk_buf buf;
        gk_buf_init(&buf);
        for (uint32_t i = 0; i < r->nparas; i++) {
            const gk_para *p = &r->paras[i];
            if (p->section != s || (drop && drop[i])) continue;
            if (buf.len) gk_buf_putc(&buf, '\n');
            if (p->orig) gk_buf_append(&buf, p->orig, p->orig_len);
            else gk_buf_append(&buf, p->text, p->len);
        }
        sec->text = gk_arena_strndup(r->arena, buf.data ? buf.data : "", buf.len);
        gk_buf_free(&buf);
    }
}

/* Finds "2024 年" (or ２０２４年, 2024年度) in s; returns the year and the byte offset where it starts. */
static int find_year(const char *s, size_t n, size_t *at) {
    for (size_t i = 0; i + 4 <= n; i++) {
        if (!(s[i] >= '1' && s[i] <= '2')) continue;
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
        if (!(s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' &&
              s[i + 3] <= '9'))
            continue;
        size_t j = i + 4;
        while (j < n && (s[j] == ' ' || s[j] == '\t')) j++;
        if (j + 3 <= n && memcmp(s + j, "年", 3) == 0) {
            int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
            if (y >= 1990 && y <= 2100) {
                *at = i;
                return y;
            }
        }
    }
    return 0;
}

/* A copy with full-width digits (２０２４) narrowed to ASCII, so that years are read whatever their width. */
static char *narrow(gk_arena *a, const char *s, size_t n) {
    gk_buf nt;
    gk_buf_init(&nt);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t l = gk_utf8_decode(s + i, n - i, &cp);
        if (cp >= 0xFF10 && cp <= 0xFF19) gk_buf_putc(&nt, (char)('0' + (cp - 0xFF10)));
        else gk_buf_append(&nt, s + i, l);
        i += l;
    }
    char *out = gk_arena_strndup(a, nt.data ? nt.data : "", nt.len);
    gk_buf_free(&nt);
    return out;
}

static bool is_title_text(gk_arena *a, const char *t, size_t n) {
    if (n > 100 * 3) return false;
    char *f = gk_fold(a, t, n);
    return (gk_has(f, "年度报告") || gk_has(f, "年报") || (gk_has(f, "报告") && gk_has(f, "信息公开"))) &&
           !gk_has(f, "。");
}

void gk_find_title(gk_report *r, const gk_doc *doc) {
    gk_arena *a = r->arena;
    uint32_t first_heading = UINT32_MAX;
    for (int s = 0; s < 6; s++)
        if (r->sections[s].present && r->sections[s].line < first_heading) first_heading = r->sections[s].line;
    /* the first title-like line with a year wins over one without (a site menu's 政府信息公开年报) */
    uint32_t with_year = UINT32_MAX;
    for (uint32_t i = 0; i < r->nparas && with_year == UINT32_MAX; i++) {
        const gk_para *p = &r->paras[i];
        if (p->line > first_heading) break;
        size_t at;
        const char *pn = narrow(a, p->text, p->len);
        if (is_title_text(a, p->text, p->len) && find_year(pn, strlen(pn), &at)) with_year = i;
    }
    const gk_para *prev = NULL;
    for (uint32_t i = 0; i < r->nparas; i++) {
        const gk_para *p = &r->paras[i];
        if (p->line > first_heading) break;
        bool is_candidate = is_title_text(a, p->text, p->len);
        /* skip a year-less candidate when a later one has the year, unless it is the line just above it
         * (a title split as "2024 年…工作" / "年度报告" or "机关" / "2024年…报告") */
        if (is_candidate && with_year != UINT32_MAX && i < with_year && i + 1 != with_year) is_candidate = false;
        if (is_candidate) {
            size_t at;
            const char *pn = narrow(a, p->text, p->len);
            int y = find_year(pn, strlen(pn), &at);
            const char *pf = prev ? gk_fold(a, prev->text, prev->len) : NULL;
            size_t pat;
            bool prev_short = prev && prev->len <= 40 * 3 && !gk_has(pf, "。") && !gk_has(pf, ",");
            /* A title split over two lines: the agency above and "2024年…报告" below (seed 004), or
             * "2024 年…工作" above and "年度报告" below (shkewei_2024_1). */
            if (prev_short && ((y && at == 0) || (!y && find_year(pf, strlen(pf), &pat)))) {
                r->title = gk_arena_printf(a, "%.*s%.*s", (int)prev->len, prev->text, (int)p->len, p->text);
                r->title_line = prev->line;
            } else {
                r->title = gk_arena_strndup(a, p->text, p->len);
                r->title_line = p->line;
            }
            break;
        }
        prev = p;
    }
    if (r->title) {
        const char *title = narrow(a, r->title, strlen(r->title));   /* ２０２４年 is a year too */
        size_t n = strlen(title), at;
        int y = find_year(title, n, &at);
        if (y) {
            r->year = y;
            size_t an = at;
            const char *ag = gk_trim(title, &an);
            if (!an) {
                /* "2024 年上海市科委政府信息公开工作年度报告": the agency follows the year */
                const char *after = strstr(title + at, "年") + strlen("年");
                const char *end = strstr(after, "政府信息公开");
                if (!end) end = strstr(after, "信息公开");
                if (end) { an = (size_t)(end - after); ag = gk_trim(after, &an); }
            }
            if (an) r->agency = gk_arena_strndup(a, ag, an);
        }
    }
    if (!r->year) {
        /* No year in a title: the year most often written in the first section. */
        int best = 0, best_count = 0;
        const char *text = r->sections[0].present ? r->sections[0].text : NULL;
        if (text) {
            int years[64], counts[64], ny = 0;
            size_t n = strlen(text), off = 0, at;
            int y;
            while (off < n && (y = find_year(text + off, n - off, &at)) != 0) {
                int k;
                for (k = 0; k < ny && years[k] != y; k++) {}
                if (k == ny && ny < 64) { years[ny] = y; counts[ny++] = 0; }
                if (k < 64) counts[k]++;
                off += at + 4;
            }
            for (int k = 0; k < ny; k++)
                if (counts[k] > best_count) { best = years[k]; best_count = counts[k]; }
        }
        r->year = best;
    }
}
