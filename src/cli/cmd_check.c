/* cmd_check.c: `gongkai check` — print every finding, one per line (FILE:LINE: severity: RULE: message). */
#include "batch.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(const cli_opts *o) {
    if (cli_en(o))
        fputs("usage: gongkai check [--format text|jsonl|json|html] [--jobs N] [--db OUT.sqlite] [--lang en] [-q] FILE|DIR...\n"
              "Check each annual report like a careful reviewer: every sum of the tables (勾稽关系), the\n"
              "tables' shape, blank cells, the six sections and their numbering, the narrative against the\n"
              "tables, and (given reports of the same agency for consecutive years) the carry-over.\n"
              "Each finding is printed as  FILE:LINE: severity: RULE: message\n"
              "with the one edit that makes every sum hold, when there is one.\n"
              "  --format jsonl one report per line as JSON (streamed; YEAR.CARRY findings follow as objects)\n"
              "  --format json  the findings as JSON (an array of reports, held in memory)\n"
              "  --jobs N       threads (default: all cores); folders are read recursively\n"
              "  --db FILE      also write reports, cells and findings into SQLite (schema in docs/CLI.md)\n"
              "  --format html  one page: each table with the failing cells highlighted and the repair beside them\n"
              "  -q, --quiet    no summary on standard error\n"
              "FILE may be - for standard input. The format is sniffed from the bytes: text (any common encoding), HTML,\n"
              "Markdown, DOCX, PDF (through pdftotext; lines are page × 1000 + line), gongkai's JSON; scraper text whose\n"
              "table cells ran together is read too.\n"
              "Exit: 0 no error finding, 1 error findings, 2 an input could not be read, 64 usage.\n",
              stdout);
    else
        fputs("用法：gongkai check [--format text|jsonl|json|html] [--jobs N] [--db 输出.sqlite] [--lang en] [-q] 文件|目录...\n"
              "像细心的审核人一样检查每份年度报告：表格的全部勾稽关系、表格结构、空白单元格、六个部分及其编号、\n"
              "正文与表格是否一致，以及（给出同一机关相邻两年的报告时）上年结转是否衔接。\n"
              "每个问题输出一行：文件:行号: 级别: 规则: 说明\n"
              "如果改动一个单元格即可使全部勾稽关系成立，同时给出该修改建议。\n"
              "  --format jsonl 每份报告一行 JSON（流式输出；跨年 YEAR.CARRY 问题随后输出）\n"
              "  --format json  以 JSON 输出（报告数组，全部读入内存）\n"
              "  --jobs N       线程数（默认为全部 CPU 核心）；目录递归读取\n"
              "  --db 文件      同时写入 SQLite（报告、单元格、问题；表结构见 docs/CLI.md）\n"
              "  --format html  网页：各表格中标出有问题的单元格，并在旁边给出修改建议\n"
              "  -q, --quiet    不在标准错误输出汇总\n"
              "文件可为 -，表示标准输入。格式由内容判断：文本（各种编码）、HTML、Markdown、DOCX、PDF（经 pdftotext；\n"
              "行号为 页码×1000+行）、gongkai 的 JSON；爬虫抓取的表格数字连写文本也可读。\n"
              "退出码：0 无错误；1 有错误级问题；2 有输入无法读取；64 用法错误。\n",
              stdout);
}

/* ---- many reports: streamed in input order ---- */

typedef struct {
    gk_db *db;
    batch_carry *carry;
} check_ctx;

static void render_item(const cli_opts *o, gk_report *r, batch_item *it, void *ctx) {
    (void)ctx;
    if (!strcmp(o->format, "jsonl")) {
        gk_render_json(r, &it->out, o->lang, false);
        gk_buf_putc(&it->out, '\n');
    } else {
        for (uint32_t k = 0; k < r->ndiags; k++) gk_render_diag_line(r, &r->diags[k], o->lang, &it->out);
    }
}

static void sink_item(const cli_opts *o, batch_item *it, void *vctx) {
    check_ctx *c = vctx;
    if (it->out.len) fwrite(it->out.data, 1, it->out.len, stdout);
    batch_carry_add(c->carry, it);
    if (c->db) {
        if (it->report) db_add_report(c->db, o, it->report);
        else db_add_unreadable(c->db, it->path, it->error);
    }
}

static int check_stream(cli_opts *o) {
    check_ctx ctx = {0};
    if (o->db && !(ctx.db = db_open(o, o->db))) return EXIT_UNREADABLE;
    ctx.carry = batch_carry_new();
    batch_stats st;
    int empty = batch_run_all(o, ctx.db != NULL, render_item, sink_item, &ctx, &st);
    st.unreadable += empty;
    /* YEAR.CARRY across the batch, after every report */
    gk_buf out;
    gk_buf_init(&out);
    int carry = batch_year_carry(o, ctx.carry, &out, &st.errors);
    if (carry) {
        size_t nr;
        const gk_rule_info *rules = gk_rules(&nr);
        for (size_t k = 0; k < nr && k < 32; k++)
            if (!strcmp(rules[k].id, "YEAR.CARRY")) st.rule_counts[k] += carry;
    }
    if (!strcmp(o->format, "jsonl")) {
        /* as finding objects: {"source":…,"rule":"YEAR.CARRY",…} */
        gk_buf lines = out;
        gk_buf_init(&out);
        for (char *p = lines.data; p && *p;) {
            char *e = strchr(p, '\n');
            if (e) *e = 0;
            char *c1 = strstr(p, ": error: YEAR.CARRY: ");
            if (c1) {
                char *colon = c1;
                while (colon > p && colon[-1] != ':') colon--;   /* FILE:LINE */
                gk_buf_puts(&out, "{\"source\":");
                gk_json_string(&out, p, (size_t)(colon - 1 - p));
                gk_buf_printf(&out, ",\"line\":%ld,\"rule\":\"YEAR.CARRY\",\"severity\":\"error\",\"message\":", strtol(colon, NULL, 10));
                const char *m = c1 + strlen(": error: YEAR.CARRY: ");
                gk_json_string(&out, m, strlen(m));
                gk_buf_puts(&out, "}\n");
            }
            p = e ? e + 1 : NULL;
        }
        gk_buf_free(&lines);
    }
    if (ctx.db) {
        for (char *p = out.data; p && *p && strcmp(o->format, "jsonl");) {
            char *e = strchr(p, '\n');
            if (e) *e = 0;
            char *c1 = strstr(p, ": error: YEAR.CARRY: ");
            if (c1) {
                char *colon = c1;
                while (colon > p && colon[-1] != ':') colon--;
                char *src = strndup(p, (size_t)(colon - 1 - p));
                db_add_finding(ctx.db, src, "YEAR.CARRY", "error", "t3.carried_over", (unsigned)strtoul(colon, NULL, 10),
                               c1 + strlen(": error: YEAR.CARRY: "));
                free(src);
            }
            if (e) *e = '\n';
            p = e ? e + 1 : NULL;
        }
        if (!db_close(ctx.db)) st.unreadable++;
    }
    cli_write(&out);
    gk_buf_free(&out);
    batch_carry_free(ctx.carry);
    batch_summary(o, &st);
    if (st.unreadable) return EXIT_UNREADABLE;
    return st.errors ? EXIT_FINDINGS : EXIT_CLEAN;
}

int cmd_check(int argc, char **argv) {
    static const char *const formats[] = {"text", "jsonl", "json", "html", NULL};
    cli_opts o;
    int pr = cli_parse_opts(argc, argv, &o, formats, "text", help);
    if (pr) { free(o.files); return pr < 0 ? EXIT_USAGE : EXIT_CLEAN; }
    if (!strcmp(o.format, "text") || !strcmp(o.format, "jsonl")) {
        int rc = check_stream(&o);
        free(o.files);
        return rc;
    }
    /* json (one array) and html (one page): the reports together in memory */
    int n, empty;
    const char **paths = batch_inputs(&o, &n, &empty);
    cli_input *in = calloc((size_t)n + 1, sizeof *in);
    gk_report **reports = calloc((size_t)n + 1, sizeof *reports);
    int unreadable = empty;
    for (int i = 0; i < n; i++) {
        if (!cli_load(&o, paths[i], &in[i])) { unreadable++; continue; }
        gk_check_report(in[i].report);
        reports[i] = in[i].report;
    }
    gk_check_series(reports, (size_t)n);
    gk_buf out;
    gk_buf_init(&out);
    int errors = 0, warnings = 0, read = 0;
    gk_report **ok = calloc((size_t)n + 1, sizeof *ok);
    for (int i = 0; i < n; i++) {
        if (!reports[i]) continue;
        int e, w;
        gk_diag_counts(reports[i], &e, &w);
        errors += e;
        warnings += w;
        ok[read++] = reports[i];
    }
    if (!strcmp(o.format, "html")) {
        gk_status st = gk_render_findings_html(ok, (size_t)read, &out, o.lang);
        if (st != GK_OK) { fprintf(stderr, "gongkai: html: %s\n", gk_status_message(st, o.lang)); unreadable++; }
    } else {
        gk_buf_puts(&out, "[");
        for (int i = 0; i < read; i++) {
            gk_buf_puts(&out, i ? ",\n" : "\n");
            gk_render_json(ok[i], &out, o.lang, false);
        }
        gk_buf_puts(&out, "\n]\n");
    }
    cli_write(&out);
    gk_buf_free(&out);
    free(ok);
    if (!o.quiet) {
        if (cli_en(&o))
            fprintf(stderr, "gongkai: %d report(s) checked: %d error(s), %d warning(s)%s\n", read, errors, warnings,
                    unreadable ? "; some inputs could not be read" : "");
        else
            fprintf(stderr, "gongkai：检查了 %d 份报告：%d 个错误，%d 个警告%s\n", read, errors, warnings,
                    unreadable ? "；部分输入无法读取" : "");
    }
    for (int i = 0; i < n; i++) { gk_arena_free(in[i].arena); free((char *)paths[i]); }
    free(paths);
    free(in);
    free(reports);
    free(o.files);
    if (unreadable) return EXIT_UNREADABLE;
    return errors ? EXIT_FINDINGS : EXIT_CLEAN;
}
