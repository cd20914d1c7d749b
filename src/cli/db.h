/* db.h: batch results into SQLite for analysts (--db FILE). Schema in docs/CLI.md. */
#ifndef GK_DB_H
#define GK_DB_H

#include "cli.h"

typedef struct gk_db gk_db;

/* Opens (creates) the file and its tables; prints a reason and returns NULL on failure. */
gk_db *db_open(const cli_opts *o, const char *path);
/* One report with its cells and findings (in one transaction per 1000 reports). */
void db_add_report(gk_db *db, const cli_opts *o, const gk_report *r);
/* An unreadable input. */
void db_add_unreadable(gk_db *db, const char *path, const char *reason);
/* A finding that spans reports (YEAR.CARRY), attached to the report with this source. */
void db_add_finding(gk_db *db, const char *source, const char *rule, const char *severity, const char *where,
                    unsigned line, const char *message);
/* Commits and closes; returns false when anything failed. */
bool db_close(gk_db *db);

#endif
