/* cmd_rollup.c: `gongkai rollup` — sum units into one report (a district from its offices), honest about
 * blanks: a cell with a blank or unreadable part is left blank and listed as incomplete with its partial sum. */
#include "batch.h"
#include "gongkai/analyze.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(const cli_opts *o) {
    if (cli_en(o))
        fputs("usage: gongkai rollup FILE|DIR... [--agency NAME] [-o OUT.json] [--lang en]\n"
              "Sum the units' reports into one report (gongkai.report/1 JSON), then check it.\n"
              "A cell is a number only when every unit gives a number there; otherwise it stays blank and is listed\n"
              "under \"rollup\".\"incomplete\" with the partial sum and how many units are missing — never silently low.\n"
              "Units must be of one year and one format. The result can be checked or rendered like any report.\n",
              stdout);
    else
        fputs("用法：gongkai rollup 文件|目录... [--agency 名称] [-o 输出.json] [--lang en]\n"
              "将各单位的报告汇总为一份报告（gongkai.report/1 JSON）并检查。\n"
              "只有各单位在该单元格都填了数字，汇总值才为数字；否则保持空白，并在 \"rollup\".\"incomplete\" 中列出\n"
              "已知部分之和及缺少的单位数——不会悄悄偏小。各单位应为同一年度、同一格式。汇总结果可像其他报告一样检查或输出。\n",
              stdout);
}

int cmd_rollup(int argc, char **argv) {
    const char *outpath = NULL, *agency = NULL;
    char **args = calloc((size_t)argc + 1, sizeof(char *));
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc) { outpath = cli_outpath(argv[++i]); continue; }
        if (!strcmp(argv[i], "--agency") && i + 1 < argc) { agency = argv[++i]; continue; }
        args[n++] = argv[i];
    }
    cli_opts o;
    int pr = cli_parse_opts(n, args, &o, NULL, NULL, help);
    free(args);
    if (pr) { free(o.files); return pr < 0 ? EXIT_USAGE : EXIT_CLEAN; }
    int np, empty;
    const char **paths = batch_inputs(&o, &np, &empty);
    cli_input *in = calloc((size_t)np + 1, sizeof *in);
    gk_report **units = calloc((size_t)np + 1, sizeof *units);
    size_t nu = 0;
    int rc = empty ? EXIT_UNREADABLE : EXIT_CLEAN;
    for (int i = 0; i < np; i++) {
        if (!cli_load(&o, paths[i], &in[i])) { rc = EXIT_UNREADABLE; continue; }
        units[nu++] = in[i].report;
    }
    /* one year, one template */
    for (size_t u = 1; u < nu; u++) {
        if (units[u]->tmpl != units[0]->tmpl || (units[u]->year && units[0]->year && units[u]->year != units[0]->year)) {
            fprintf(stderr, cli_en(&o) ? "gongkai: %s: not the same year or format as %s\n" : "gongkai: %s: 与 %s 的年度或格式不同\n",
                    units[u]->path, units[0]->path);
            rc = EXIT_UNREADABLE;
        }
    }
    if (nu && rc == EXIT_CLEAN) {
        gk_arena *a = gk_arena_new();
        gk_rollup_cell *cells = calloc(GK_NCELLS, sizeof *cells);
        gk_report *r = gk_rollup(a, units, nu, agency, cells);
        gk_check_report(r);
        /* the "rollup" member: units and incomplete cells */
        gk_buf extra;
        gk_buf_init(&extra);
        gk_buf_puts(&extra, "\"rollup\": {\"units\": [");
        for (size_t u = 0; u < nu; u++) {
            if (u) gk_buf_puts(&extra, ", ");
            gk_buf_puts(&extra, "{\"source\": ");
            gk_json_string(&extra, units[u]->path, strlen(units[u]->path));
            gk_buf_puts(&extra, ", \"agency\": ");
            if (units[u]->agency) gk_json_string(&extra, units[u]->agency, strlen(units[u]->agency));
            else gk_buf_puts(&extra, "null");
            gk_buf_putc(&extra, '}');
        }
        gk_buf_puts(&extra, "], \"incomplete\": {");
        int ninc = 0;
        for (int i = 0; i < r->tmpl->ncells; i++) {
            if (!cells[i].incomplete) continue;
            char p[64], b[32];
            gk_buf_printf(&extra, "%s\"%s\": {\"partial\": %s, \"missing_units\": %d}", ninc++ ? ", " : "",
                          gk_template_cell_path(r->tmpl, i, p), gk_decimal_str((gk_decimal){cells[i].partial, cells[i].scale}, b),
                          cells[i].missing);
        }
        gk_buf_puts(&extra, "}}");
        gk_buf out;
        gk_buf_init(&out);
        gk_render_json_ex(r, &out, o.lang, true, extra.data);
        FILE *f = outpath ? fopen(outpath, "wb") : stdout;
        if (!f) {
            fprintf(stderr, cli_en(&o) ? "gongkai: %s: cannot write (%s)\n" : "gongkai: %s: 无法写入（%s）\n", outpath, strerror(errno));
            rc = EXIT_UNREADABLE;
        } else {
            fwrite(out.data, 1, out.len, f);
            if (outpath) fclose(f);
        }
        int e, w;
        gk_diag_counts(r, &e, &w);
        if (!o.quiet)
            fprintf(stderr, cli_en(&o) ? "gongkai: %zu units rolled up; %d cells incomplete; %d error(s)\n"
                                       : "gongkai：汇总了 %zu 个单位；%d 个单元格不完整；%d 个错误\n", nu, ninc, e);
        if (rc == EXIT_CLEAN && e) rc = EXIT_FINDINGS;
        gk_buf_free(&out);
        gk_buf_free(&extra);
        free(cells);
        gk_arena_free(a);
    }
    for (int i = 0; i < np; i++) { gk_arena_free(in[i].arena); free((char *)paths[i]); }
    free(paths);
    free(in);
    free(units);
    free(o.files);
    return rc;
}
