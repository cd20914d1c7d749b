/* cmd_similar.c: `gongkai similar` — copy-paste across agencies: pairs of reports whose narratives are
 * near-duplicates (who copied whom, by the years), the same agency's repeats kept apart, and the boilerplate that
 * many reports share (listed, and left out of the comparison). Reports are read in worker threads, each reduced
 * to its sketch (about 1 KB) and freed; the few reports that hold examples are read a second time to quote them. */
#include "batch.h"
#include "gongkai/similar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_similar(int argc, char **argv);

static void help(const cli_opts *o) {
    if (cli_en(o))
        fputs("usage: gongkai similar [--threshold X] [--boiler N] [--cross-only] [--format text|json] [--jobs N] [--lang en] [-q] FILE|DIR...\n"
              "Copy-paste across agencies: pairs of reports whose narratives (the text of the six sections, tables\n"
              "excluded) are near-duplicates, and the generic boilerplate many reports share. Text is compared after\n"
              "folding, without digits, punctuation or the agency's own name, so other years, counts and names do not\n"
              "hide a copy. Scales to 100,000 reports (MinHash over shingles, LSH bands; no comparison of all pairs).\n"
              "  --threshold X  report pairs whose similarity is at least X (0 < X <= 1, default 0.8): the share of the\n"
              "                 shorter narrative found in the other, boilerplate excluded\n"
              "  --boiler N     a sentence used by at least N reports is boilerplate: listed, and not counted as\n"
              "                 copying (default: 5 or 1% of the reports, whichever is more)\n"
              "  --cross-only   leave out the same agency's reports of other years and reports given twice\n"
              "  --format json  one JSON object (schema gongkai.similar/1)\n"
              "  --jobs N       threads (default: all cores); folders are read recursively\n"
              "  -q, --quiet    no progress and no summary on standard error\n"
              "When the years differ, the later report is the one that copied. Pairs of one agency in different\n"
              "years are listed apart: repetition, not copying from another agency.\n"
              "Exit: 0 no pair across agencies, 1 pairs across agencies, 2 an input could not be read, 64 usage.\n",
              stdout);
    else
        fputs("用法：gongkai similar [--threshold X] [--boiler N] [--cross-only] [--format text|json] [--jobs N] [--lang en] [-q] 文件|目录...\n"
              "查找跨机关照搬：正文（六个部分的文字，不含表格）高度雷同的报告对，以及许多报告共用的通用套话。\n"
              "比较前统一全半角、去掉数字、标点和本机关名称，年份、数字和机关名称的改动不影响判断。\n"
              "可处理十万份报告（基于字符片段的 MinHash 与 LSH 分桶，不做两两比较）。\n"
              "  --threshold X  列出相似度不低于 X 的报告对（0 < X <= 1，默认 0.8）：较短一份正文在另一份中\n"
              "                 出现的比例，不计通用套话\n"
              "  --boiler N     至少 N 份报告使用的句子视为通用套话：单独列出，不算照搬\n"
              "                 （默认取 5 与报告数的 1% 中的较大者）\n"
              "  --cross-only   不列出同一机关不同年度的报告对和重复提供的报告\n"
              "  --format json  以一个 JSON 对象输出（schema gongkai.similar/1）\n"
              "  --jobs N       线程数（默认为全部 CPU 核心）；目录递归读取\n"
              "  -q, --quiet    不在标准错误输出进度和汇总\n"
              "年度不同时，较晚的一份为照搬的一方。同一机关不同年度的相似单独列出：属于沿用，不是照搬其他机关。\n"
              "退出码：0 无跨机关相似；1 有跨机关相似；2 有输入无法读取；64 用法错误。\n",
              stdout);
}

/* ---- reading: sketches in the workers, the index in the sink ---- */

typedef struct {
    gk_similar *idx;
    const char **paths;
    int *path_of;          /* report id → input index */
    size_t n;
} sim_ctx;

static void sketch_item(const cli_opts *o, gk_report *r, batch_item *it, void *ctx) {
    (void)o; (void)ctx;
    gk_similar_sketch(r, &it->out);
}

static void add_item(const cli_opts *o, batch_item *it, void *vctx) {
    (void)o;
    sim_ctx *c = vctx;
    if (it->status != GK_OK || !it->out.len) return;
    long id = gk_similar_add_sketch(c->idx, it->out.data, it->out.len);
    if (id >= 0) c->path_of[id] = it->index;
}

typedef struct {
    gk_similar *idx;
    const size_t *ids;     /* second-pass input → report id */
} resolve_ctx;

static void resolve_item(const cli_opts *o, batch_item *it, void *vctx) {
    (void)o;
    resolve_ctx *c = vctx;
    if (it->report) gk_similar_resolve(c->idx, c->ids[it->index], it->report);
}

/* ---- output ---- */

static void quote(gk_buf *out, const char *s, bool en) {   /* at most 80 characters */
    size_t n = strlen(s), k = 0, i = 0;
    while (i < n && k < 80) { i += gk_utf8_len(s + i, n - i); k++; }
    gk_buf_puts(out, en ? "«" : "「");
    gk_buf_append(out, s, i);
    if (i < n) gk_buf_puts(out, "…");
    gk_buf_puts(out, en ? "»" : "」");
}

static void who(gk_buf *out, gk_similar_info in, bool en, bool with_year) {
    gk_buf_puts(out, in.source);
    gk_buf_puts(out, en ? " (" : "（");
    gk_buf_puts(out, in.agency ? in.agency : en ? "agency unknown" : "机关不详");
    if (with_year) {
        if (in.year) gk_buf_printf(out, en ? ", %d" : "，%d 年", in.year);
        else gk_buf_puts(out, en ? ", year unknown" : "，年度不详");
    }
    gk_buf_puts(out, en ? ")" : "）");
}

static int pct(double x) { return (int)(x * 100 + 0.5); }

static void text_pair(gk_buf *out, const gk_similar *s, const gk_similar_pair *p, bool en) {
    gk_similar_info a = gk_similar_report(s, p->a), b = gk_similar_report(s, p->b);
    if (p->earlier == 1) { gk_similar_info t = a; a = b; b = t; }   /* a: the earlier */
    uint32_t na = p->earlier == 1 ? p->sentences_b : p->sentences_a, nb = p->earlier == 1 ? p->sentences_a : p->sentences_b;
    int sim = pct(p->similarity);
    switch (p->kind) {
    case GK_SIMILAR_CROSS:
        gk_buf_printf(out, en ? "cross-agency %d%%: " : "跨机关相似 %d%%：", sim);
        if (p->earlier >= 0) {
            who(out, b, en, true);
            gk_buf_puts(out, en ? " likely copied " : " 疑似照搬 ");
            who(out, a, en, true);
            if (nb)
                gk_buf_printf(out, en ? "; %u sentences shared, %d%% of the later report's own sentences" : "；共有句子 %u 句，占较晚一份自有句子的 %d%%",
                              p->shared, pct((double)p->shared / nb));
        } else {
            who(out, a, en, true);
            gk_buf_puts(out, en ? " and " : " 与 ");
            who(out, b, en, true);
            gk_buf_puts(out, en ? ": the same year, which came first is unknown" : "：同一年度，无法判断先后");
            uint32_t m = na < nb ? na : nb;
            if (m) gk_buf_printf(out, en ? "; %u sentences shared, %d%% of the shorter one's own sentences" : "；共有句子 %u 句，占较短一份自有句子的 %d%%",
                                 p->shared, pct((double)p->shared / m));
        }
        break;
    case GK_SIMILAR_SAME_AGENCY:
        gk_buf_printf(out, en ? "same agency, other year %d%%: %s and %s (%s, %d → %d)" : "同一机关不同年度 %d%%：%s 与 %s（%s，%d 年 → %d 年）",
                      sim, a.source, b.source, a.agency, a.year, b.year);
        if (nb) gk_buf_printf(out, en ? "; %u sentences repeated, %d%% of the later report's own sentences" : "；沿用句子 %u 句，占较晚一份自有句子的 %d%%",
                              p->shared, pct((double)p->shared / nb));
        break;
    case GK_SIMILAR_DUPLICATE:
        gk_buf_printf(out, en ? "the same report twice %d%%: %s and %s" : "重复报告 %d%%：%s 与 %s", sim, a.source, b.source);
        gk_buf_puts(out, en ? " (" : "（");
        gk_buf_puts(out, a.agency ? a.agency : "");
        if (a.year && b.year) gk_buf_printf(out, en ? ", %d" : "，%d 年", a.year);
        gk_buf_puts(out, en ? ")" : "）");
        break;
    }
    gk_buf_putc(out, '\n');
    for (size_t e = 0; e < p->nexamples; e++) {
        gk_buf_puts(out, "    ");
        quote(out, p->examples[e], en);
        gk_buf_putc(out, '\n');
    }
}

static void render_text(gk_buf *out, const gk_similar *s, bool en) {
    for (size_t k = 0; k < gk_similar_npairs(s); k++) text_pair(out, s, gk_similar_pair_at(s, k), en);
    size_t nb = gk_similar_nboiler(s);
    if (!nb) return;
    gk_similar_stats st = gk_similar_get_stats(s);
    gk_buf_printf(out, en ? "boilerplate: %zu sentence(s) used by at least %d reports (not counted as copying):\n"
                          : "通用套话：%zu 句，每句至少 %d 份报告使用（不计为照搬）：\n", nb, st.boiler_min);
    for (size_t q = 0; q < nb; q++) {
        const gk_similar_boiler *b = gk_similar_boiler_at(s, q);
        gk_buf_printf(out, en ? "    %u reports: " : "    %u 份：", b->reports);
        if (b->text) quote(out, b->text, en);
        else gk_buf_printf(out, en ? "(first in %s)" : "（首见于 %s）", gk_similar_report(s, b->first).source);
        gk_buf_putc(out, '\n');
    }
}

static void json_str(gk_buf *out, const char *s) {
    if (s) gk_json_string(out, s, strlen(s));
    else gk_buf_puts(out, "null");
}

static void json_side(gk_buf *out, const gk_similar *s, size_t id, uint32_t own) {
    gk_similar_info in = gk_similar_report(s, id);
    gk_buf_puts(out, "{\"source\":");
    json_str(out, in.source);
    gk_buf_puts(out, ",\"agency\":");
    json_str(out, in.agency);
    if (in.year) gk_buf_printf(out, ",\"year\":%d", in.year);
    else gk_buf_puts(out, ",\"year\":null");
    gk_buf_printf(out, ",\"sentences\":%u,\"boilerplate_sentences\":%u}", own, in.boiler);
}

static void render_json(gk_buf *out, const gk_similar *s, const gk_similar_opts *opts, int unreadable) {
    static const char *const kinds[] = {"cross_agency", "same_agency", "duplicate"};
    gk_similar_stats st = gk_similar_get_stats(s);
    gk_buf_printf(out, "{\"schema\":\"gongkai.similar/1\",\"reports\":%zu,\"compared\":%zu,\"unreadable\":%d,"
                       "\"threshold\":%.4g,\"boilerplate_min\":%d,\"candidates\":%zu,\"pairs\":[",
                  st.reports, st.compared, unreadable, opts->threshold > 0 ? opts->threshold : 0.8, st.boiler_min, st.candidates);
    for (size_t k = 0; k < gk_similar_npairs(s); k++) {
        const gk_similar_pair *p = gk_similar_pair_at(s, k);
        gk_buf_printf(out, "%s\n{\"kind\":\"%s\",\"similarity\":%.4f,\"jaccard\":%.4f,\"a\":", k ? "," : "", kinds[p->kind],
                      p->similarity, p->jaccard);
        json_side(out, s, p->a, p->sentences_a);
        gk_buf_puts(out, ",\"b\":");
        json_side(out, s, p->b, p->sentences_b);
        gk_buf_printf(out, ",\"shared_sentences\":%u,\"earlier\":%s,\"examples\":[", p->shared,
                      p->earlier == 0 ? "\"a\"" : p->earlier == 1 ? "\"b\"" : "null");
        for (size_t e = 0; e < p->nexamples; e++) {
            if (e) gk_buf_putc(out, ',');
            json_str(out, p->examples[e]);
        }
        gk_buf_puts(out, "]}");
    }
    gk_buf_puts(out, gk_similar_npairs(s) ? "\n],\"boilerplate\":[" : "],\"boilerplate\":[");
    for (size_t q = 0; q < gk_similar_nboiler(s); q++) {
        const gk_similar_boiler *b = gk_similar_boiler_at(s, q);
        gk_buf_printf(out, "%s\n{\"reports\":%u,\"first\":", q ? "," : "", b->reports);
        json_str(out, gk_similar_report(s, b->first).source);
        gk_buf_puts(out, ",\"text\":");
        json_str(out, b->text);
        gk_buf_putc(out, '}');
    }
    gk_buf_puts(out, gk_similar_nboiler(s) ? "\n]}\n" : "]}\n");
}

/* ---- the command ---- */

static bool take(int argc, char **argv, int *i, const char *name, const char **val, bool *missing) {
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n)) return false;
    if (argv[*i][n] == '=') { *val = argv[*i] + n + 1; return true; }
    if (argv[*i][n]) return false;
    if (*i + 1 < argc) *val = argv[++*i];
    else *missing = true;
    return true;
}

int cmd_similar(int argc, char **argv) {
    gk_similar_opts sopt = {0};
    const char *thr = NULL, *boil = NULL;
    bool missing = false;
    char **args = calloc((size_t)argc + 1, sizeof(char *));
    int na = 0;
    for (int i = 0; i < argc; i++) {
        if (i > 0 && !strcmp(argv[i], "--")) { while (i < argc) args[na++] = argv[i++]; break; }
        if (i > 0 && (take(argc, argv, &i, "--threshold", &thr, &missing) || take(argc, argv, &i, "--boiler", &boil, &missing))) continue;
        if (i > 0 && !strcmp(argv[i], "--cross-only")) { sopt.cross_only = true; continue; }
        args[na++] = argv[i];
    }
    if (missing) {   /* before the common options, which would only say that no file was given */
        cli_opts lo = {.lang = "zh"};
        const char *l = getenv("GONGKAI_LANG");
        for (int i = 1; i < argc; i++)
            if (!strcmp(argv[i], "--lang=en") || (!strcmp(argv[i], "--lang") && i + 1 < argc && !strcmp(argv[i + 1], "en"))) l = "en";
        if (l && !strcmp(l, "en")) lo.lang = "en";
        cli_usage_error(&lo, cli_en(&lo) ? "--threshold and --boiler need a value" : "--threshold 和 --boiler 需要一个值");
        free(args);
        return EXIT_USAGE;
    }
    static const char *const formats[] = {"text", "json", NULL};
    cli_opts o;
    int pr = cli_parse_opts(na, args, &o, formats, "text", help);
    free(args);
    if (pr) { free(o.files); return pr < 0 ? EXIT_USAGE : EXIT_CLEAN; }
    bool en = cli_en(&o);
    char *end = NULL;
    if (thr) {
        sopt.threshold = strtod(thr, &end);
        if (end == thr || *end || !(sopt.threshold > 0 && sopt.threshold <= 1)) {
            cli_usage_error(&o, en ? "--threshold takes a number above 0 and at most 1, not «%s»" : "--threshold 需要大于 0、不大于 1 的数，收到「%s」", thr);
            free(o.files);
            return EXIT_USAGE;
        }
    }
    if (boil) {
        long v = strtol(boil, &end, 10);
        if (end == boil || *end || v < 3 || v > 100000000) {   /* 2 would call every shared sentence boilerplate */
            cli_usage_error(&o, en ? "--boiler takes a whole number of reports, 3 or more, not «%s»" : "--boiler 需要不小于 3 的整数（报告份数），收到「%s」", boil);
            free(o.files);
            return EXIT_USAGE;
        }
        sopt.boiler_min = (int)v;
    }
    int n, empty;
    const char **paths = batch_inputs(&o, &n, &empty);
    sim_ctx ctx = {gk_similar_new(&sopt), paths, calloc((size_t)n + 1, sizeof(int)), (size_t)n};
    if (!ctx.path_of) abort();
    batch_stats st;
    batch_run(&o, paths, n, false, sketch_item, add_item, &ctx, &st);
    gk_similar_finish(ctx.idx);
    /* the second look: only the reports that hold examples or boilerplate text (standard input cannot be read twice) */
    size_t count = gk_similar_count(ctx.idx), nw = 0;
    const char **again = calloc(count + 1, sizeof(char *));
    size_t *ids = calloc(count + 1, sizeof(size_t));
    if (!again || !ids) abort();
    for (size_t id = 0; id < count; id++) {
        const char *p = paths[ctx.path_of[id]];
        if (gk_similar_wants(ctx.idx, id) && strcmp(p, "-")) { again[nw] = p; ids[nw++] = id; }
    }
    if (nw) {
        cli_opts o2 = o;
        o2.quiet = true;
        resolve_ctx rc = {ctx.idx, ids};
        batch_stats st2;
        batch_run(&o2, again, (int)nw, true, NULL, resolve_item, &rc, &st2);
    }
    gk_buf out;
    gk_buf_init(&out);
    int unreadable = st.unreadable + empty;
    if (!strcmp(o.format, "json")) render_json(&out, ctx.idx, &sopt, unreadable);
    else render_text(&out, ctx.idx, en);
    cli_write(&out);
    gk_buf_free(&out);
    gk_similar_stats ss = gk_similar_get_stats(ctx.idx);
    if (!o.quiet) {
        if (en)
            fprintf(stderr, "gongkai: %zu report(s) compared: %zu pair(s) across agencies, %zu of one agency in other years, "
                            "%zu duplicate(s); %zu boilerplate sentence(s) (used by %d or more reports)",
                    ss.reports, ss.cross, ss.same_agency, ss.duplicate, gk_similar_nboiler(ctx.idx), ss.boiler_min);
        else
            fprintf(stderr, "gongkai：比较了 %zu 份报告：跨机关相似 %zu 对，同一机关不同年度 %zu 对，重复报告 %zu 对；"
                            "通用套话 %zu 句（至少 %d 份报告使用）",
                    ss.reports, ss.cross, ss.same_agency, ss.duplicate, gk_similar_nboiler(ctx.idx), ss.boiler_min);
        if (ss.reports > ss.compared)
            fprintf(stderr, en ? "; %zu with too little narrative of their own to compare" : "；%zu 份自有正文过少，未参与比较",
                    ss.reports - ss.compared);
        if (unreadable) fprintf(stderr, en ? "; %d input(s) could not be read" : "；%d 个输入无法读取", unreadable);
        fputc('\n', stderr);
    }
    gk_similar_free(ctx.idx);
    free(ctx.path_of);
    free(again);
    free(ids);
    for (int i = 0; i < n; i++) free((char *)paths[i]);
    free(paths);
    free(o.files);
    if (unreadable) return EXIT_UNREADABLE;
    return ss.cross ? EXIT_FINDINGS : EXIT_CLEAN;
}
