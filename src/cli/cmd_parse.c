/* cmd_parse.c: `gongkai parse` — recognise each report and print it as JSON or CSV. */
#include "batch.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(const cli_opts *o) {
    if (cli_en(o))
        fputs("usage: gongkai parse [--json | --jsonl | --csv] [--jobs N] [--db OUT.sqlite] [--lang en] FILE|DIR...\n"
              "Recognise each annual report and print its data.\n"
              "  --json   one JSON object per report (gongkai.report/1; an array for several files) [default]\n"
              "  --jsonl  one JSON object per line (streamed)\n"
              "  --jobs N threads (default: all cores); folders are read recursively\n"
              "  --db F   also write reports, cells and findings into SQLite (schema in docs/CLI.md)\n"
              "  --csv    one CSV row per report: source, agency, year, format, title, errors, warnings,\n"
              "           then every cell t2.regulation.issued … t4.suit_after_review.total; blank = empty\n"
              "  --lang en  English messages (default Chinese)\n"
              "FILE may be - for standard input. The format is sniffed from the bytes: text (any common encoding), HTML,\n"
              "Markdown, DOCX, PDF (through pdftotext; lines are page × 1000 + line), gongkai's JSON; scraper text whose\n"
              "table cells ran together is read too.\n"
              "Exit: 0 no error finding, 1 error findings, 2 an input could not be read, 64 usage.\n",
              stdout);
    else
        fputs("用法：gongkai parse [--json | --jsonl | --csv] [--jobs N] [--db 输出.sqlite] [--lang en] 文件|目录...\n"
              "识别每份年度报告并输出其数据。\n"
              "  --json   每份报告一个 JSON 对象（gongkai.report/1；多个文件时为数组）［默认］\n"
              "  --jsonl  每行一个 JSON 对象（流式输出）\n"
              "  --jobs N 线程数（默认为全部 CPU 核心）；目录递归读取\n"
              "  --db F   同时写入 SQLite（报告、单元格、问题；表结构见 docs/CLI.md）\n"
              "  --csv    每份报告一行 CSV：source, agency, year, format, title, errors, warnings，\n"
              "           之后依次为全部单元格 t2.regulation.issued … t4.suit_after_review.total；空白为空字段\n"
              "  --lang en  英文消息（默认中文）\n"
              "文件可为 -，表示标准输入。格式由内容判断：文本（各种编码）、HTML、Markdown、DOCX、PDF（经 pdftotext；\n"
              "行号为 页码×1000+行）、gongkai 的 JSON；爬虫抓取的表格数字连写文本也可读。\n"
              "退出码：0 无错误；1 有错误级问题；2 有输入无法读取；64 用法错误。\n",
              stdout);
}

typedef struct {
    gk_db *db;
    bool array;     /* several inputs as one JSON array */
    int written;
} parse_ctx;

static void render_item(const cli_opts *o, gk_report *r, batch_item *it, void *ctx) {
    (void)ctx;
    if (!strcmp(o->format, "csv")) gk_render_csv_row(r, &it->out);
    else if (!strcmp(o->format, "jsonl")) { gk_render_json(r, &it->out, o->lang, false); gk_buf_putc(&it->out, '\n'); }
    else gk_render_json(r, &it->out, o->lang, true);
}

static void sink_item(const cli_opts *o, batch_item *it, void *vctx) {
    parse_ctx *c = vctx;
    if (it->out.len) {
        if (c->array) fputs(c->written ? ",\n" : "[\n", stdout);
        fwrite(it->out.data, 1, it->out.len, stdout);
        c->written++;
    }
    if (c->db) {
        if (it->report) db_add_report(c->db, o, it->report);
        else db_add_unreadable(c->db, it->path, it->error);
    }
}

int cmd_parse(int argc, char **argv) {
    static const char *const formats[] = {"json", "jsonl", "csv", NULL};
    cli_opts o;
    int pr = cli_parse_opts(argc, argv, &o, formats, "json", help);
    if (pr) { free(o.files); return pr < 0 ? EXIT_USAGE : EXIT_CLEAN; }
    int n = 0, empty = 0;
    const char **paths = NULL;
    parse_ctx ctx = {0};
    bool listed = !strcmp(o.format, "json");
    if (listed) {
        /* one object, or an array for several: the count decides, so the inputs are listed first (JSON Lines
         * and CSV read them one at a time, whatever their number) */
        paths = batch_inputs(&o, &n, &empty);
        ctx.array = n > 1 || o.nfiles > 1;
    }
    if (o.db && !(ctx.db = db_open(&o, o.db))) {
        for (int i = 0; i < n; i++) free((char *)paths[i]);
        free(paths);
        free(o.files);
        return EXIT_UNREADABLE;
    }
    if (!strcmp(o.format, "csv")) {
        gk_buf h;
        gk_buf_init(&h);
        gk_render_csv_header(gk_template_2021(), &h);
        cli_write(&h);
        gk_buf_free(&h);
    }
    batch_stats st;
    o.quiet = true;   /* parse prints data, not a checking summary */
    if (listed) batch_run(&o, paths, n, ctx.db != NULL, render_item, sink_item, &ctx, &st);
    else empty = batch_run_all(&o, ctx.db != NULL, render_item, sink_item, &ctx, &st);
    if (ctx.array) fputs(ctx.written ? "]\n" : "[]\n", stdout);
    if (ctx.db && !db_close(ctx.db)) st.unreadable++;
    for (int i = 0; i < n; i++) free((char *)paths[i]);
    free(paths);
    free(o.files);
    if (st.unreadable || empty) return EXIT_UNREADABLE;
    return st.errors ? EXIT_FINDINGS : EXIT_CLEAN;
}
