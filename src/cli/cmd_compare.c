/* cmd_compare.c: `gongkai compare A B` — one agency, two years: what changed in the tables, the continuity
 * rules (YEAR.CARRY, YEAR.STOCK), and how much of the narrative repeats last year's. */
#include "cli.h"
#include "gongkai/analyze.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(const cli_opts *o) {
    if (cli_en(o))
        fputs("usage: gongkai compare EARLIER LATER [--format text|json] [--lang en]\n"
              "Compare two reports of the same agency (the later one is checked against the earlier):\n"
              "  the cells that changed, with the difference;\n"
              "  YEAR.CARRY (二、上年结转 = last year's 四、结转下年度) and YEAR.STOCK (现行有效 = last year's +\n"
              "  制发 − 废止, for 规章 and 行政规范性文件);\n"
              "  the share of this year's narrative sentences that repeat last year's (above 50% is flagged).\n"
              "Exit: 0 no error, 1 error findings, 2 unreadable input, 64 usage.\n",
              stdout);
    else
        fputs("用法：gongkai compare 上年报告 本年报告 [--format text|json] [--lang en]\n"
              "比较同一机关两年的报告（以上年报告核对本年报告）：\n"
              "  有变化的单元格及差值；\n"
              "  YEAR.CARRY（二、上年结转 = 上年四、结转下年度）与 YEAR.STOCK（现行有效 = 上年现行有效 + 制发 − 废止，\n"
              "  适用于规章、行政规范性文件）；\n"
              "  本年正文中与上年重复的句子比例（超过 50% 时提示）。\n"
              "退出码：0 无错误；1 有错误；2 输入无法读取；64 用法错误。\n",
              stdout);
}

int cmd_compare(int argc, char **argv) {
    static const char *const formats[] = {"text", "json", NULL};
    cli_opts o;
    int pr = cli_parse_opts(argc, argv, &o, formats, "text", help);
    if (pr) { free(o.files); return pr < 0 ? EXIT_USAGE : EXIT_CLEAN; }
    if (o.nfiles != 2) {
        cli_usage_error(&o, cli_en(&o) ? "compare takes two reports" : "compare 需要两份报告");
        free(o.files);
        return EXIT_USAGE;
    }
    cli_input a, b;
    bool oka = cli_load(&o, o.files[0], &a), okb = cli_load(&o, o.files[1], &b);
    if (!oka || !okb) {
        if (oka) gk_arena_free(a.arena);
        if (okb) gk_arena_free(b.arena);
        free(o.files);
        return EXIT_UNREADABLE;
    }
    gk_report *ra = a.report, *rb = b.report;
    if (ra->year && rb->year && ra->year > rb->year) { gk_report *t = ra; ra = rb; rb = t; }   /* earlier first */
    bool en = cli_en(&o);
    if (ra->agency && rb->agency && strcmp(ra->agency, rb->agency))
        fprintf(stderr, en ? "gongkai: warning: the agencies differ: %s / %s\n" : "gongkai：注意：两份报告的机关不同：%s / %s\n",
                ra->agency, rb->agency);
    gk_flat_use_previous(rb, ra);   /* flattened scraper text: last year's carry settles more splits */
    gk_check_report(rb);
    uint32_t before = rb->ndiags;
    gk_comparison cmp;
    gk_compare(rb->arena, ra, rb, &cmp);
    gk_buf out;
    gk_buf_init(&out);
    const gk_template *t = rb->tmpl;
    if (!strcmp(o.format, "json")) {
        gk_buf_puts(&out, "{\"earlier\": ");
        gk_json_string(&out, ra->path, strlen(ra->path));
        gk_buf_puts(&out, ", \"later\": ");
        gk_json_string(&out, rb->path, strlen(rb->path));
        gk_buf_puts(&out, ", \"changes\": [");
        for (size_t i = 0; i < cmp.nchanges; i++) {
            char p[64], x[32], y[32];
            const gk_change *c = &cmp.changes[i];
            gk_buf_printf(&out, "%s{\"where\": \"%s\", \"before\": %s, \"after\": %s}", i ? ", " : "",
                          gk_template_cell_path(t, c->cell, p),
                          c->before.state == GK_CELL_NUMBER ? gk_decimal_str(c->before.num, x) : "null",
                          c->after.state == GK_CELL_NUMBER ? gk_decimal_str(c->after.num, y) : "null");
        }
        gk_buf_printf(&out, "], \"narrative\": {\"sentences\": %zu, \"repeated\": %zu, \"share\": %.4f}, \"findings\": [",
                      cmp.sentences, cmp.repeated_sentences, cmp.repeated);
        for (uint32_t k = before; k < rb->ndiags; k++) {
            const gk_diag *d = &rb->diags[k];
            gk_buf_printf(&out, "%s{\"rule\": \"%s\", \"line\": %u, \"message\": ", k > before ? ", " : "", d->rule, d->line);
            const char *m = en ? d->msg_en : d->msg_zh;
            gk_json_string(&out, m, strlen(m));
            gk_buf_putc(&out, '}');
        }
        gk_buf_puts(&out, "]}\n");
    } else {
        gk_buf_printf(&out, en ? "%s (%d) → %s (%d)\n" : "%s（%d 年）→ %s（%d 年）\n", ra->path, ra->year, rb->path, rb->year);
        gk_buf_printf(&out, en ? "cells changed: %zu\n" : "变化的单元格：%zu 个\n", cmp.nchanges);
        for (size_t i = 0; i < cmp.nchanges; i++) {
            const gk_change *c = &cmp.changes[i];
            char p[64], x[32], y[32];
            const char *bx = c->before.state == GK_CELL_NUMBER ? gk_decimal_str(c->before.num, x) : (en ? "blank" : "空白");
            const char *by = c->after.state == GK_CELL_NUMBER ? gk_decimal_str(c->after.num, y) : (en ? "blank" : "空白");
            gk_buf_printf(&out, "  %-32s %s → %s", gk_template_cell_path(t, c->cell, p), bx, by);
            if (c->before.state == GK_CELL_NUMBER && c->after.state == GK_CELL_NUMBER && !c->before.num.scale && !c->after.num.scale)
                gk_buf_printf(&out, "  (%+lld)", (long long)(c->after.num.value - c->before.num.value));
            gk_buf_putc(&out, '\n');
        }
        gk_buf_printf(&out, en ? "narrative: %zu of %zu sentences (%.0f%%) repeat last year's%s\n"
                               : "正文：%2$zu 句中有 %1$zu 句（%3$.0f%%）与上年重复%4$s\n",
                      cmp.repeated_sentences, cmp.sentences, cmp.repeated * 100,
                      cmp.repeated > 0.5 ? (en ? " — above 50%, evaluators penalise this" : "——超过 50%，评估时会扣分") : "");
        for (size_t i = 0; i < cmp.nexamples; i++) gk_buf_printf(&out, "  「%s」\n", cmp.examples[i]);
        for (uint32_t k = before; k < rb->ndiags; k++) gk_render_diag_line(rb, &rb->diags[k], o.lang, &out);
    }
    cli_write(&out);
    gk_buf_free(&out);
    int errors = 0;
    for (uint32_t k = before; k < rb->ndiags; k++) errors += rb->diags[k].severity == GK_SEV_ERROR;
    gk_arena_free(a.arena);
    gk_arena_free(b.arena);
    free(o.files);
    return errors ? EXIT_FINDINGS : EXIT_CLEAN;
}
