/* cmd_check.c: `gongkai check` — print every finding, one per line (FILE:LINE: severity: RULE: message). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(const cli_opts *o) {
    if (cli_en(o))
        fputs("usage: gongkai check [--format text|json|html] [--lang en] [-q] FILE...\n"
              "Check each annual report like a careful reviewer: every sum of the tables (勾稽关系), the\n"
              "tables' shape, blank cells, the six sections and their numbering, the narrative against the\n"
              "tables, and (given reports of the same agency for consecutive years) the carry-over.\n"
              "Each finding is printed as  FILE:LINE: severity: RULE: message\n"
              "with the one edit that makes every sum hold, when there is one.\n"
              "  --format json  the findings as JSON (an array of reports)\n"
              "  --format html  one page: each table with the failing cells highlighted and the repair beside them\n"
              "  -q, --quiet    no summary on standard error\n"
              "FILE may be - for standard input.\n"
              "Exit: 0 no error finding, 1 error findings, 2 an input could not be read, 64 usage.\n",
              stdout);
    else
        fputs("用法：gongkai check [--format text|json|html] [--lang en] [-q] 文件...\n"
              "像细心的审核人一样检查每份年度报告：表格的全部勾稽关系、表格结构、空白单元格、六个部分及其编号、\n"
              "正文与表格是否一致，以及（给出同一机关相邻两年的报告时）上年结转是否衔接。\n"
              "每个问题输出一行：文件:行号: 级别: 规则: 说明\n"
              "如果改动一个单元格即可使全部勾稽关系成立，同时给出该修改建议。\n"
              "  --format json  以 JSON 输出（报告数组）\n"
              "  --format html  网页：各表格中标出有问题的单元格，并在旁边给出修改建议\n"
              "  -q, --quiet    不在标准错误输出汇总\n"
              "文件可为 -，表示标准输入。\n"
              "退出码：0 无错误；1 有错误级问题；2 有输入无法读取；64 用法错误。\n",
              stdout);
}

int cmd_check(int argc, char **argv) {
    static const char *const formats[] = {"text", "json", "html", NULL};
    cli_opts o;
    int pr = cli_parse_opts(argc, argv, &o, formats, "text", help);
    if (pr) { free(o.files); return pr < 0 ? EXIT_USAGE : EXIT_CLEAN; }
    cli_input *in = calloc((size_t)o.nfiles, sizeof *in);
    gk_report **reports = calloc((size_t)o.nfiles, sizeof *reports);
    int unreadable = 0;
    for (int i = 0; i < o.nfiles; i++) {
        if (!cli_load(&o, o.files[i], &in[i])) { unreadable++; continue; }
        gk_check_report(in[i].report);
        reports[i] = in[i].report;
    }
    gk_check_series(reports, (size_t)o.nfiles);
    gk_buf out;
    gk_buf_init(&out);
    bool json = !strcmp(o.format, "json");
    if (!strcmp(o.format, "html")) {
        gk_report **ok = calloc((size_t)o.nfiles + 1, sizeof *ok);
        size_t nok = 0;
        for (int i = 0; i < o.nfiles; i++) if (reports[i]) ok[nok++] = reports[i];
        gk_status st = gk_render_findings_html(ok, nok, &out, o.lang);
        free(ok);
        if (st != GK_OK) { fprintf(stderr, "gongkai: html: %s\n", gk_status_message(st, o.lang)); unreadable++; }
        cli_write(&out);
        gk_buf_reset(&out);
    }
    int errors = 0, warnings = 0, read = 0;
    if (json) gk_buf_puts(&out, "[");
    for (int i = 0; i < o.nfiles; i++) {
        gk_report *r = reports[i];
        if (!r) continue;
        int e, w;
        gk_diag_counts(r, &e, &w);
        errors += e;
        warnings += w;
        if (!strcmp(o.format, "html")) {
            read++;
            continue;
        }
        if (json) {
            if (read) gk_buf_puts(&out, ",");
            gk_buf_puts(&out, "\n");
            gk_render_json(r, &out, o.lang, false);
        } else {
            for (uint32_t k = 0; k < r->ndiags; k++) gk_render_diag_line(r, &r->diags[k], o.lang, &out);
        }
        read++;
        cli_write(&out);
        gk_buf_reset(&out);
    }
    if (json) gk_buf_puts(&out, "\n]\n");
    cli_write(&out);
    gk_buf_free(&out);
    if (!o.quiet) {
        if (cli_en(&o))
            fprintf(stderr, "gongkai: %d report(s) checked: %d error(s), %d warning(s)%s\n", read, errors, warnings,
                    unreadable ? "; some inputs could not be read" : "");
        else
            fprintf(stderr, "gongkai：检查了 %d 份报告：%d 个错误，%d 个警告%s\n", read, errors, warnings,
                    unreadable ? "；部分输入无法读取" : "");
    }
    for (int i = 0; i < o.nfiles; i++) gk_arena_free(in[i].arena);
    free(in);
    free(reports);
    free(o.files);
    if (unreadable) return EXIT_UNREADABLE;
    return errors ? EXIT_FINDINGS : EXIT_CLEAN;
}
