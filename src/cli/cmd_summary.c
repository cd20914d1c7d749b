/* cmd_summary.c: `gongkai summary` — one self-contained HTML page over many reports. */
#include "batch.h"
#include "gongkai/analyze.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(const cli_opts *o) {
    if (cli_en(o))
        fputs("usage: gongkai summary FILE|DIR... [-o summary.html] [--jobs N] [--lang en]\n"
              "One self-contained HTML page over many reports: key figures, the outcome distribution, the\n"
              "disclosure rate by unit, trends over the years, findings by rule (SVG charts), and a sortable table.\n",
              stdout);
    else
        fputs("用法：gongkai summary 文件|目录... [-o summary.html] [--jobs N] [--lang en]\n"
              "对多份报告生成一个独立网页：主要数字、办理结果分布、各单位实质公开率、历年趋势、问题按规则统计\n"
              "（SVG 图表），以及可排序的报告一览表。\n",
              stdout);
}

typedef struct {
    gk_summary_row *rows;
    size_t n, cap;
} sum_ctx;

static void keep(const cli_opts *o, gk_report *r, batch_item *it, void *ctx) {
    (void)o; (void)ctx;
    /* the worker keeps the compact row in the item's output buffer as raw bytes */
    gk_summary_row row;
    gk_summary_row_fill(r, &row);
    gk_buf_append(&it->out, (const char *)&row, sizeof row);
}

static void sink(const cli_opts *o, batch_item *it, void *vctx) {
    (void)o;
    sum_ctx *c = vctx;
    if (it->out.len != sizeof(gk_summary_row)) return;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->rows = realloc(c->rows, c->cap * sizeof *c->rows);
        if (!c->rows) abort();
    }
    memcpy(&c->rows[c->n++], it->out.data, sizeof(gk_summary_row));
}

int cmd_summary(int argc, char **argv) {
    const char *outpath = NULL;
    char **args = calloc((size_t)argc + 1, sizeof(char *));
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc) { outpath = cli_outpath(argv[++i]); continue; }
        args[n++] = argv[i];
    }
    cli_opts o;
    int pr = cli_parse_opts(n, args, &o, NULL, NULL, help);
    free(args);
    if (pr) { free(o.files); return pr < 0 ? EXIT_USAGE : EXIT_CLEAN; }
    int np, empty;
    const char **paths = batch_inputs(&o, &np, &empty);
    sum_ctx ctx = {0};
    batch_stats st;
    batch_run(&o, paths, np, false, keep, sink, &ctx, &st);
    gk_buf out;
    gk_buf_init(&out);
    gk_render_summary_html(ctx.rows, ctx.n, st.unreadable + empty, &out, o.lang);
    int rc = st.unreadable || empty ? EXIT_UNREADABLE : EXIT_CLEAN;
    FILE *f = outpath ? fopen(outpath, "wb") : stdout;
    if (!f) {
        fprintf(stderr, cli_en(&o) ? "gongkai: %s: cannot write (%s)\n" : "gongkai: %s: 无法写入（%s）\n", outpath, strerror(errno));
        rc = EXIT_UNREADABLE;
    } else {
        fwrite(out.data, 1, out.len, f);
        if (outpath) fclose(f);
    }
    batch_summary(&o, &st);
    gk_buf_free(&out);
    for (size_t i = 0; i < ctx.n; i++) gk_summary_row_free(&ctx.rows[i]);
    free(ctx.rows);
    for (int i = 0; i < np; i++) free((char *)paths[i]);
    free(paths);
    free(o.files);
    return rc;
}
