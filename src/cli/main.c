/* main.c: the gongkai command: dispatches to one file per subcommand. */
#include "cli.h"

#include <libxml/parser.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool english(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--lang=en") || (!strcmp(argv[i], "--lang") && i + 1 < argc && !strcmp(argv[i + 1], "en")))
            return true;
    const char *l = getenv("GONGKAI_LANG");
    return l && !strcmp(l, "en");
}

static void usage(FILE *f, bool en) {
    if (en)
        fputs("usage: gongkai COMMAND [options] FILE...\n"
              "Read, check and write China's government information disclosure annual reports\n"
              "(政府信息公开工作年度报告, 2021 format).\n\n"
              "commands:\n"
              "  parse   recognise each report and print its data (JSON or CSV)\n"
              "  check   print every defect: sums, table shape, blanks, sections, narrative, carry-over\n"
              "  render  write a report as HTML, DOCX, XLSX, text, Markdown, JSON or CSV\n"
              "  rollup  sum units into one report (a district from its offices), blanks kept honest\n"
              "  compare one agency, two years: changes, carry-over and stock rules, repeated narrative\n"
              "  summary one HTML page over many reports: charts and a sortable table\n"
              "  similar copy-paste across agencies: near-duplicate narratives, who copied whom, boilerplate\n\n"
              "  gongkai COMMAND --help   options of a command\n"
              "  gongkai --version       the version\n"
              "  --lang en               English messages (default Chinese; or GONGKAI_LANG=en)\n",
              f);
    else
        fputs("用法：gongkai 命令 [选项] 文件...\n"
              "读取、检查和输出政府信息公开工作年度报告（2021 年版格式）。\n\n"
              "命令：\n"
              "  parse   识别每份报告并输出其数据（JSON 或 CSV）\n"
              "  check   列出全部问题：勾稽关系、表格结构、空白、章节、正文与表格、上年结转\n"
              "  render  以 HTML、DOCX、XLSX、文本、Markdown、JSON 或 CSV 输出报告\n"
              "  rollup  将各单位报告汇总为一份（如街道汇总为区），空白如实标注\n"
              "  compare 同一机关两年对比：变化、结转与存量衔接、正文重复\n"
              "  summary 多份报告的汇总网页：图表与可排序的一览表\n"
              "  similar 跨机关照搬检测：正文雷同的报告对、谁照搬了谁、通用套话\n\n"
              "  gongkai 命令 --help    查看命令的选项\n"
              "  gongkai --version      版本\n"
              "  --lang en              英文消息（默认中文；也可设 GONGKAI_LANG=en）\n",
              f);
}

int main(int argc, char **argv) {
    xmlInitParser();   /* libxml2's first initialisation is not thread-safe: do it before any worker starts */
    bool en = english(argc, argv);
    if (argc < 2) { usage(stderr, en); return EXIT_USAGE; }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) { usage(stdout, en); return EXIT_CLEAN; }
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")) { printf("gongkai %s\n", GK_VERSION); return EXIT_CLEAN; }
    if (!strcmp(cmd, "parse")) return cmd_parse(argc - 1, argv + 1);
    if (!strcmp(cmd, "check")) return cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "render")) return cmd_render(argc - 1, argv + 1);
    if (!strcmp(cmd, "rollup")) return cmd_rollup(argc - 1, argv + 1);
    if (!strcmp(cmd, "compare")) return cmd_compare(argc - 1, argv + 1);
    if (!strcmp(cmd, "summary")) return cmd_summary(argc - 1, argv + 1);
    if (!strcmp(cmd, "similar")) return cmd_similar(argc - 1, argv + 1);
    fprintf(stderr, en ? "gongkai: unknown command «%s» (see gongkai --help)\n" : "gongkai：未知命令「%s」（参见 gongkai --help）\n", cmd);
    return EXIT_USAGE;
}
