/* cmd_parse.c: `gongkai parse` — recognise each report and print it as JSON or CSV. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(const cli_opts *o) {
    if (cli_en(o))
        fputs("usage: gongkai parse [--json | --csv] [--lang en] FILE...\n"
              "Recognise each annual report and print its data.\n"
              "  --json   one JSON object per report (gongkai.report/1; an array for several files) [default]\n"
              "  --csv    one CSV row per report: source, agency, year, format, title, errors, warnings,\n"
              "           then every cell t2.regulation.issued … t4.suit_after_review.total; blank = empty\n"
              "  --lang en  English messages (default Chinese)\n"
              "FILE may be - for standard input.\n"
              "Exit: 0 no error finding, 1 error findings, 2 an input could not be read, 64 usage.\n",
              stdout);
    else
        fputs("用法：gongkai parse [--json | --csv] [--lang en] 文件...\n"
              "识别每份年度报告并输出其数据。\n"
              "  --json   每份报告一个 JSON 对象（gongkai.report/1；多个文件时为数组）［默认］\n"
              "  --csv    每份报告一行 CSV：source, agency, year, format, title, errors, warnings，\n"
              "           之后依次为全部单元格 t2.regulation.issued … t4.suit_after_review.total；空白为空字段\n"
              "  --lang en  英文消息（默认中文）\n"
              "文件可为 -，表示标准输入。\n"
              "退出码：0 无错误；1 有错误级问题；2 有输入无法读取；64 用法错误。\n",
              stdout);
}

int cmd_parse(int argc, char **argv) {
    static const char *const formats[] = {"json", "csv", NULL};
    cli_opts o;
    int pr = cli_parse_opts(argc, argv, &o, formats, "json", help);
    if (pr) { free(o.files); return pr < 0 ? EXIT_USAGE : EXIT_CLEAN; }
    cli_input *in = calloc((size_t)o.nfiles, sizeof *in);
    gk_report **reports = calloc((size_t)o.nfiles, sizeof *reports);
    int rc = EXIT_CLEAN;
    for (int i = 0; i < o.nfiles; i++) {
        if (!cli_load(&o, o.files[i], &in[i])) { rc = EXIT_UNREADABLE; continue; }
        gk_check_report(in[i].report);
        reports[i] = in[i].report;
    }
    gk_check_series(reports, (size_t)o.nfiles);
    gk_buf out;
    gk_buf_init(&out);
    bool json = !strcmp(o.format, "json"), array = json && o.nfiles > 1;
    if (!json) gk_render_csv_header(gk_template_2021(), &out);
    if (array) gk_buf_puts(&out, "[\n");
    bool first = true;
    for (int i = 0; i < o.nfiles; i++) {
        if (!reports[i]) continue;
        int e, w;
        gk_diag_counts(reports[i], &e, &w);
        if (e && rc == EXIT_CLEAN) rc = EXIT_FINDINGS;
        if (json) {
            if (array && !first) gk_buf_puts(&out, ",\n");
            gk_render_json(reports[i], &out, o.lang, true);
        } else {
            gk_render_csv_row(reports[i], &out);
        }
        first = false;
        cli_write(&out);
        gk_buf_reset(&out);
    }
    if (array) gk_buf_puts(&out, "]\n");
    cli_write(&out);
    gk_buf_free(&out);
    for (int i = 0; i < o.nfiles; i++) gk_arena_free(in[i].arena);
    free(in);
    free(reports);
    free(o.files);
    return rc;
}
