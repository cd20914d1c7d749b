/* cmd_render.c: `gongkai render` — write a report from any input gongkai reads (its JSON included) in
 * another form: the statutory layout as text or Markdown, or the data as JSON or CSV. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(const cli_opts *o) {
    if (cli_en(o))
        fputs("usage: gongkai render FILE --to html|docx|xlsx|txt|md|json|csv [-o OUT] [--lang en]\n"
              "Write the report in another form, from the one report model:\n"
              "  html   the statutory layout as one self-contained web page (print CSS for A4)\n"
              "  docx   a Word document like the official template (needs -o)\n"
              "  xlsx   a workbook: one sheet per table laid out like the form, plus key/value pairs (needs -o)\n"
              "  txt    the statutory layout as text (tab-separated tables, as Word copies them)\n"
              "  md     the same as Markdown (pipe tables)\n"
              "  json   the data (gongkai.report/1); gongkai reads it back, so a program can write reports as JSON\n"
              "  csv    one row per report (see docs/CLI.md for the columns)\n"
              "  -o OUT write to OUT instead of standard output (-o - is standard output)\n"
              "Every form reads back through gongkai to the same numbers. Only what the report holds is written:\n"
              "a blank cell stays empty.\n",
              stdout);
    else
        fputs("用法：gongkai render 文件 --to html|docx|xlsx|txt|md|json|csv [-o 输出文件] [--lang en]\n"
              "以另一种形式输出报告（均由同一报告模型生成）：\n"
              "  html   法定版式的独立网页（含 A4 打印样式）\n"
              "  docx   与官方模板一致的 Word 文档（需 -o）\n"
              "  xlsx   电子表格：每张法定表格一个工作表（按表样合并单元格），另有键值对工作表（需 -o）\n"
              "  txt    法定版式的文本（表格以制表符分隔，与从 Word 复制的格式相同）\n"
              "  md     Markdown 版式（管道表格）\n"
              "  json   数据（gongkai.report/1）；gongkai 可读回，程序可用 JSON 生成报告\n"
              "  csv    每份报告一行（列见 docs/CLI.md）\n"
              "  -o 输出文件  写入文件而非标准输出（-o - 即标准输出）\n"
              "各种形式经 gongkai 读回后数字完全相同；只输出报告中有的内容，空白单元格保持为空。\n",
              stdout);
}

int cmd_render(int argc, char **argv) {
    static const char *const formats[] = {"html", "docx", "xlsx", "txt", "md", "json", "csv", NULL};
    /* --to is --format; -o is taken out before the common parser sees it */
    const char *outpath = NULL;
    char **args = calloc((size_t)argc + 1, sizeof(char *));
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) && i + 1 < argc) { outpath = cli_outpath(argv[++i]); continue; }
        if (!strcmp(argv[i], "--to")) { args[n++] = "--format"; continue; }
        if (!strncmp(argv[i], "--to=", 5)) { args[n++] = "--format"; args[n++] = argv[i] + 5; continue; }
        args[n++] = argv[i];
    }
    cli_opts o;
    int pr = cli_parse_opts(n, args, &o, formats, NULL, help);
    free(args);
    if (pr) { free(o.files); return pr < 0 ? EXIT_USAGE : EXIT_CLEAN; }
    if (!o.format) {
        cli_usage_error(&o, cli_en(&o) ? "say which form with --to html|docx|xlsx|txt|md|json|csv" : "请用 --to html|docx|xlsx|txt|md|json|csv 指定输出形式");
        free(o.files);
        return EXIT_USAGE;
    }
    if (o.nfiles != 1 && strcmp(o.format, "csv")) {
        cli_usage_error(&o, cli_en(&o) ? "render takes one input (csv takes several)" : "render 只接受一个输入（csv 可接受多个）");
        free(o.files);
        return EXIT_USAGE;
    }
    bool binary = !strcmp(o.format, "docx") || !strcmp(o.format, "xlsx");
    if (binary && !outpath) {
        cli_usage_error(&o, cli_en(&o) ? "%s is a binary file: give -o OUT" : "%s 是二进制文件，请用 -o 指定输出文件", o.format);
        free(o.files);
        return EXIT_USAGE;
    }
    gk_buf out;
    gk_buf_init(&out);
    int rc = EXIT_CLEAN;
    if (!strcmp(o.format, "csv")) gk_render_csv_header(gk_template_2021(), &out);
    for (int i = 0; i < o.nfiles; i++) {
        cli_input in;
        if (!cli_load(&o, o.files[i], &in)) { rc = EXIT_UNREADABLE; continue; }
        gk_check_report(in.report);
        gk_status st = GK_OK;
        if (!strcmp(o.format, "html")) st = gk_render_html(in.report, &out, o.lang);
        else if (!strcmp(o.format, "docx")) st = gk_render_docx(in.report, &out);
        else if (!strcmp(o.format, "xlsx")) {
            const char *why = gk_render_xlsx_unavailable();
            if (!why) {
                st = gk_render_xlsx(in.report, outpath, o.lang);
            } else {
                fprintf(stderr, cli_en(&o) ? "gongkai: xlsx: cannot load libxlsxwriter (%s)\n" : "gongkai: xlsx: 无法加载 libxlsxwriter（%s）\n", why);
                rc = EXIT_UNREADABLE;
            }
        }
        else if (!strcmp(o.format, "txt")) gk_render_txt(in.report, &out);
        else if (!strcmp(o.format, "md")) gk_render_md(in.report, &out);
        else if (!strcmp(o.format, "json")) gk_render_json(in.report, &out, o.lang, true);
        else gk_render_csv_row(in.report, &out);
        if (st != GK_OK) {
            fprintf(stderr, "gongkai: %s: %s\n", o.format, gk_status_message(st, o.lang));
            rc = EXIT_UNREADABLE;
        }
        gk_arena_free(in.arena);
    }
    if (!strcmp(o.format, "xlsx")) { /* written by the renderer itself */ }
    else if (rc == EXIT_CLEAN || out.len) {
        FILE *f = outpath ? fopen(outpath, "wb") : stdout;
        if (!f) {
            fprintf(stderr, cli_en(&o) ? "gongkai: %s: cannot write (%s)\n" : "gongkai: %s: 无法写入（%s）\n", outpath, strerror(errno));
            rc = EXIT_UNREADABLE;
        } else {
            if (out.len) fwrite(out.data, 1, out.len, f);
            if (outpath && fclose(f) != 0) rc = EXIT_UNREADABLE;
        }
    }
    gk_buf_free(&out);
    free(o.files);
    return rc;
}
