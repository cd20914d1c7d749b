/* common.c: option parsing, loading inputs and reporting unreadable ones, shared by the subcommands. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cli_detail(const cli_opts *o, const char *detail) {
    static const struct {
        const char *prefix, *zh;
    } known[] = {
        {"OCR needed: the PDF has no text layer", "需要 OCR：PDF 没有文字层（扫描件），请先做文字识别或取得带文字的版本"},
        {"OCR needed: the PDF's text layer is unreadable", "需要 OCR：PDF 的文字层无法读取（字体没有字符映射），请先做文字识别"},
        {"the PDF is encrypted: a password", "PDF 已加密，需要密码才能读取"},
        {"the PDF is encrypted: it does not allow", "PDF 已加密，不允许复制其中的文字"},
        {"the PDF is truncated", "PDF 文件不完整（被截断）"},
        {"the PDF is damaged", "PDF 文件已损坏"},
        {"pdftotext (poppler-utils) is not installed", "未安装 pdftotext（poppler-utils），无法读取 PDF"},
        {"Word 97-2003 .doc", "Word 97-2003 的 .doc 格式，请另存为 .docx"},
    };
    if (!detail || cli_en(o)) return detail;
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
        if (!strncmp(detail, known[k].prefix, strlen(known[k].prefix))) return known[k].zh;
    return detail;
}

bool cli_en(const cli_opts *o) { return o->lang && !strcmp(o->lang, "en"); }

void cli_usage_error(const cli_opts *o, const char *fmt, ...) {
    va_list ap;
    fputs("gongkai: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs(cli_en(o) ? " (see --help)\n" : "（参见 --help）\n", stderr);
}

void cli_write(const gk_buf *b) {
    if (b->len) fwrite(b->data, 1, b->len, stdout);
}

static const char *env_lang(void) {
    const char *l = getenv("GONGKAI_LANG");
    return l && !strcmp(l, "en") ? "en" : "zh";
}

int cli_parse_opts(int argc, char **argv, cli_opts *o, const char *const *formats, const char *deflt,
                   void (*help)(const cli_opts *o)) {
    o->lang = env_lang();
    o->format = deflt;
    o->quiet = false;
    o->jobs = 0;
    o->db = NULL;
    o->files = calloc((size_t)argc + 1, sizeof(char *));
    o->nfiles = 0;
    /* --lang first, so that every message below is in the right language */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--")) break;
        if (!strcmp(argv[i], "--lang") && i + 1 < argc) o->lang = argv[i + 1];
        else if (!strncmp(argv[i], "--lang=", 7)) o->lang = argv[i] + 7;
    }
    if (strcmp(o->lang, "zh") && strcmp(o->lang, "en")) {
        const char *bad = o->lang;
        o->lang = "zh";
        cli_usage_error(o, "--lang 只接受 zh 或 en，收到「%s」", bad);
        return -1;
    }
    bool dashdash = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (dashdash || a[0] != '-' || !strcmp(a, "-")) { o->files[o->nfiles++] = a; continue; }
        if (!strcmp(a, "--")) { dashdash = true; continue; }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { help(o); return 1; }
        if (!strcmp(a, "--lang")) { i++; continue; }
        if (!strncmp(a, "--lang=", 7)) continue;
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) { o->quiet = true; continue; }
        if (!strcmp(a, "-j") || !strcmp(a, "--jobs") || !strncmp(a, "--jobs=", 7)) {
            const char *v = !strncmp(a, "--jobs=", 7) ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);
            char *end = NULL;
            long j = v ? strtol(v, &end, 10) : 0;
            if (!v || *end || j < 1 || j > 256) {
                cli_usage_error(o, cli_en(o) ? "--jobs takes a number from 1 to 256" : "--jobs 需要 1 到 256 之间的数字");
                return -1;
            }
            o->jobs = (int)j;
            continue;
        }
        if (!strcmp(a, "--db") || !strncmp(a, "--db=", 5)) {
            const char *v = !strncmp(a, "--db=", 5) ? a + 5 : (i + 1 < argc ? argv[++i] : NULL);
            if (!v || !*v) { cli_usage_error(o, cli_en(o) ? "--db needs a file name" : "--db 需要文件名"); return -1; }
            o->db = v;
            continue;
        }
        const char *fmt = NULL;
        if (!strcmp(a, "--format")) {
            if (i + 1 >= argc) { cli_usage_error(o, cli_en(o) ? "--format needs a value" : "--format 需要一个值"); return -1; }
            fmt = argv[++i];
        } else if (!strncmp(a, "--format=", 9)) {
            fmt = a + 9;
        } else if (a[0] == '-' && a[1] == '-' && formats) {
            for (int k = 0; formats[k]; k++) if (!strcmp(a + 2, formats[k])) fmt = formats[k];   /* --json, --csv */
            if (!fmt) { cli_usage_error(o, cli_en(o) ? "unknown option «%s»" : "未知选项「%s」", a); return -1; }
        } else {
            cli_usage_error(o, cli_en(o) ? "unknown option «%s»" : "未知选项「%s」", a);
            return -1;
        }
        bool ok = false;
        for (int k = 0; formats && formats[k]; k++) if (!strcmp(fmt, formats[k])) { ok = true; fmt = formats[k]; }
        if (!ok) { cli_usage_error(o, cli_en(o) ? "unknown format «%s»" : "不支持的格式「%s」", fmt); return -1; }
        o->format = fmt;
    }
    if (o->nfiles == 0) {
        cli_usage_error(o, cli_en(o) ? "no input file (use - for standard input)" : "没有输入文件（用 - 表示标准输入）");
        return -1;
    }
    return 0;
}

bool cli_load(const cli_opts *o, const char *path, cli_input *in) {
    in->arena = NULL;
    in->report = NULL;
    char *bytes;
    size_t len;
    const char *shown = strcmp(path, "-") ? path : (cli_en(o) ? "(standard input)" : "（标准输入）");
    gk_status st = gk_read_file(path, GK_MAX_INPUT, &bytes, &len);
    if (st == GK_ERR_IO) {
        int e = errno;
        fprintf(stderr, cli_en(o) ? "gongkai: %s: %s (%s)\n" : "gongkai: %s: %s（%s）\n", shown,
                gk_status_message(st, o->lang), strerror(e));
        return false;
    }
    if (st != GK_OK) {
        fprintf(stderr, "gongkai: %s: %s\n", shown, gk_status_message(st, o->lang));
        return false;
    }
    gk_arena *a = gk_arena_new();
    gk_report *r = NULL;
    const char *detail = NULL;
    st = gk_report_from_bytes(a, shown, bytes, len, &r, &detail);
    free(bytes);
    if (st != GK_OK) {
        if ((st == GK_ERR_ENCODING || st == GK_ERR_BINARY) && detail)
            fprintf(stderr, cli_en(o) ? "gongkai: %s: %s (at byte %s)\n" : "gongkai: %s: %s（第 %s 字节处）\n", shown,
                    gk_status_message(st, o->lang), detail);
        else if (detail)
            fprintf(stderr, cli_en(o) ? "gongkai: %s: %s (%s)\n" : "gongkai: %s: %s（%s）\n", shown, gk_status_message(st, o->lang),
                    cli_detail(o, detail));
        else
            fprintf(stderr, "gongkai: %s: %s\n", shown, gk_status_message(st, o->lang));
        gk_arena_free(a);
        return false;
    }
    in->arena = a;
    in->report = r;
    return true;
}

const char *cli_outpath(const char *arg) { return strcmp(arg, "-") ? arg : NULL; }
