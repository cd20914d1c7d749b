/* cli.h: what the subcommands share: options, loading inputs, messages in the user's language. */
#ifndef GK_CLI_H
#define GK_CLI_H

#include "gongkai/base.h"
#include "gongkai/check.h"
#include "gongkai/render.h"
#include "gongkai/report.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_UNREADABLE = 2, EXIT_USAGE = 64 };

#define GK_MAX_INPUT ((size_t)256 * 1024 * 1024)

typedef struct cli_opts {
    const char *lang;         /* "zh" (default) or "en" */
    const char *format;       /* per command */
    bool quiet;
    int jobs;                 /* --jobs N (default: all cores) */
    const char *db;           /* --db FILE: write results into SQLite */
    const char **files;
    int nfiles;
} cli_opts;

/* One loaded input: its arena and report (NULL when it could not be read; the reason was printed). */
typedef struct cli_input {
    gk_arena *arena;
    gk_report *report;
} cli_input;

bool cli_en(const cli_opts *o);
/* A reader's reason (English, short) in the user's language: the common ones have a Chinese text. */
const char *cli_detail(const cli_opts *o, const char *detail);
/* Parses the common options; returns -1 on a usage error (message printed), 1 when --help was
 * printed, 0 otherwise. `formats` lists what --format accepts (NULL-terminated), `defaults` its default. */
int cli_parse_opts(int argc, char **argv, cli_opts *o, const char *const *formats, const char *deflt,
                   void (*help)(const cli_opts *o));
/* Reads and recognises one input; prints "gongkai: FILE: reason" and returns false when it cannot. */
bool cli_load(const cli_opts *o, const char *path, cli_input *in);
void cli_usage_error(const cli_opts *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_write(const gk_buf *b);
/* The file an -o option names: NULL (standard output) for "-". */
const char *cli_outpath(const char *arg);

int cmd_parse(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_rollup(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_similar(int argc, char **argv);

#endif
