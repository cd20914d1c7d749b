/* db.c: batch results into SQLite. Three tables (reports, cells, findings) and a view, created if absent;
 * inserts through prepared statements inside transactions. The documented queries are in docs/CLI.md. */
#include "db.h"

#include "gongkai/dl.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SQLite is loaded only when --db asks for it. */
#define SQLITE_FNS(X) \
    X(sqlite3_bind_int) X(sqlite3_bind_int64) X(sqlite3_bind_null) X(sqlite3_bind_text) \
    X(sqlite3_clear_bindings) X(sqlite3_close) X(sqlite3_errmsg) X(sqlite3_exec) X(sqlite3_finalize) \
    X(sqlite3_free) X(sqlite3_last_insert_rowid) X(sqlite3_open) X(sqlite3_prepare_v2) X(sqlite3_reset) \
    X(sqlite3_step)
GK_DL_TABLE(sq, GK_SONAME_SQLITE3, SQLITE_FNS)

struct gk_db {
    sqlite3 *h;
    sqlite3_stmt *rep, *cell, *find, *find_by_source;
    int pending;
    bool failed;
};

static const char *const schema =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "CREATE TABLE IF NOT EXISTS reports("
    "  id INTEGER PRIMARY KEY, source TEXT NOT NULL, agency TEXT, year INTEGER, format TEXT, title TEXT,"
    "  errors INTEGER, warnings INTEGER, readable INTEGER NOT NULL, reason TEXT);"
    "CREATE TABLE IF NOT EXISTS cells("
    "  report_id INTEGER NOT NULL REFERENCES reports(id), key TEXT NOT NULL, value NUMERIC,"
    "  state TEXT NOT NULL, line INTEGER, PRIMARY KEY(report_id, key)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS findings("
    "  report_id INTEGER NOT NULL REFERENCES reports(id), rule TEXT NOT NULL, severity TEXT NOT NULL,"
    "  location TEXT, line INTEGER, message TEXT, fix_key TEXT, fix_from NUMERIC, fix_to NUMERIC);"
    "CREATE INDEX IF NOT EXISTS cells_key ON cells(key, value);"
    "CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule);";

static bool ok(gk_db *db, int rc) {
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return true;
    if (!db->failed) fprintf(stderr, "gongkai: sqlite: %s\n", sq.fn.sqlite3_errmsg(db->h));
    db->failed = true;
    return false;
}

gk_db *db_open(const cli_opts *o, const char *path) {
    const char *why = sq_load();
    if (why) {
        fprintf(stderr, cli_en(o) ? "gongkai: %s: cannot load SQLite (%s)\n" : "gongkai: %s: 无法加载 SQLite（%s）\n", path, why);
        return NULL;
    }
    gk_db *db = calloc(1, sizeof *db);
    if (sq.fn.sqlite3_open(path, &db->h) != SQLITE_OK) {
        fprintf(stderr, cli_en(o) ? "gongkai: %s: cannot open the database (%s)\n" : "gongkai: %s: 无法打开数据库（%s）\n", path,
                sq.fn.sqlite3_errmsg(db->h));
        sq.fn.sqlite3_close(db->h);
        free(db);
        return NULL;
    }
    char *err = NULL;
    if (sq.fn.sqlite3_exec(db->h, schema, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "gongkai: %s: %s\n", path, err ? err : "sqlite");
        sq.fn.sqlite3_free(err);
        sq.fn.sqlite3_close(db->h);
        free(db);
        return NULL;
    }
    ok(db, sq.fn.sqlite3_prepare_v2(db->h,
                              "INSERT INTO reports(source, agency, year, format, title, errors, warnings, readable, reason)"
                              " VALUES(?,?,?,?,?,?,?,?,?)", -1, &db->rep, NULL));
    ok(db, sq.fn.sqlite3_prepare_v2(db->h, "INSERT OR REPLACE INTO cells(report_id, key, value, state, line) VALUES(?,?,?,?,?)", -1,
                              &db->cell, NULL));
    ok(db, sq.fn.sqlite3_prepare_v2(db->h,
                              "INSERT INTO findings(report_id, rule, severity, location, line, message, fix_key, fix_from, fix_to)"
                              " VALUES(?,?,?,?,?,?,?,?,?)", -1, &db->find, NULL));
    ok(db, sq.fn.sqlite3_prepare_v2(db->h,
                              "INSERT INTO findings(report_id, rule, severity, location, line, message)"
                              " SELECT max(id), ?, ?, ?, ?, ? FROM reports WHERE source = ?", -1, &db->find_by_source, NULL));
    ok(db, sq.fn.sqlite3_exec(db->h, "BEGIN", NULL, NULL, NULL));
    return db;
}

static void tick(gk_db *db) {
    if (++db->pending < 1000) return;
    ok(db, sq.fn.sqlite3_exec(db->h, "COMMIT; BEGIN", NULL, NULL, NULL));
    db->pending = 0;
}

static void text_or_null(sqlite3_stmt *s, int i, const char *t) {
    if (t) sq.fn.sqlite3_bind_text(s, i, t, -1, SQLITE_TRANSIENT);
    else sq.fn.sqlite3_bind_null(s, i);
}

static void bind_decimal(sqlite3_stmt *s, int i, gk_decimal d) {
    if (d.scale == 0) { sq.fn.sqlite3_bind_int64(s, i, d.value); return; }
    char b[32];
    sq.fn.sqlite3_bind_text(s, i, gk_decimal_str(d, b), -1, SQLITE_TRANSIENT);   /* NUMERIC affinity keeps it exact */
}

void db_add_report(gk_db *db, const cli_opts *o, const gk_report *r) {
    int e, w;
    gk_diag_counts(r, &e, &w);
    sqlite3_stmt *s = db->rep;
    sq.fn.sqlite3_reset(s);
    text_or_null(s, 1, r->path);
    text_or_null(s, 2, r->agency);
    if (r->year) sq.fn.sqlite3_bind_int(s, 3, r->year); else sq.fn.sqlite3_bind_null(s, 3);
    text_or_null(s, 4, r->format);
    text_or_null(s, 5, r->title);
    sq.fn.sqlite3_bind_int(s, 6, e);
    sq.fn.sqlite3_bind_int(s, 7, w);
    sq.fn.sqlite3_bind_int(s, 8, 1);
    sq.fn.sqlite3_bind_null(s, 9);
    if (!ok(db, sq.fn.sqlite3_step(s))) return;
    sqlite3_int64 id = sq.fn.sqlite3_last_insert_rowid(db->h);
    static const char *const states[] = {"absent", "number", "blank", "unreadable"};
    for (int i = 0; i < r->tmpl->ncells; i++) {
        const gk_cell *c = &r->cells[i];
        if (c->state == GK_CELL_ABSENT) continue;
        char path[64];
        s = db->cell;
        sq.fn.sqlite3_reset(s);
        sq.fn.sqlite3_bind_int64(s, 1, id);
        sq.fn.sqlite3_bind_text(s, 2, gk_template_cell_path(r->tmpl, i, path), -1, SQLITE_TRANSIENT);
        if (c->state == GK_CELL_NUMBER) bind_decimal(s, 3, c->num); else sq.fn.sqlite3_bind_null(s, 3);
        sq.fn.sqlite3_bind_text(s, 4, states[c->state], -1, SQLITE_STATIC);
        if (c->src.line) sq.fn.sqlite3_bind_int(s, 5, (int)c->src.line); else sq.fn.sqlite3_bind_null(s, 5);
        ok(db, sq.fn.sqlite3_step(s));
    }
    for (uint32_t k = 0; k < r->ndiags; k++) {
        const gk_diag *d = &r->diags[k];
        s = db->find;
        sq.fn.sqlite3_reset(s);
        sq.fn.sqlite3_bind_int64(s, 1, id);
        sq.fn.sqlite3_bind_text(s, 2, d->rule, -1, SQLITE_STATIC);
        sq.fn.sqlite3_bind_text(s, 3, gk_severity_name(d->severity), -1, SQLITE_STATIC);
        text_or_null(s, 4, d->where);
        sq.fn.sqlite3_bind_int(s, 5, (int)d->line);
        text_or_null(s, 6, cli_en(o) ? d->msg_en : d->msg_zh);
        if (d->has_fix) {
            char path[64];
            sq.fn.sqlite3_bind_text(s, 7, gk_template_cell_path(r->tmpl, d->fix.cell, path), -1, SQLITE_TRANSIENT);
            bind_decimal(s, 8, d->fix.from);
            bind_decimal(s, 9, d->fix.to);
        } else {
            sq.fn.sqlite3_bind_null(s, 7); sq.fn.sqlite3_bind_null(s, 8); sq.fn.sqlite3_bind_null(s, 9);
        }
        ok(db, sq.fn.sqlite3_step(s));
    }
    tick(db);
}

void db_add_unreadable(gk_db *db, const char *path, const char *reason) {
    sqlite3_stmt *s = db->rep;
    sq.fn.sqlite3_reset(s);
    sq.fn.sqlite3_clear_bindings(s);
    text_or_null(s, 1, path);
    sq.fn.sqlite3_bind_int(s, 8, 0);
    text_or_null(s, 9, reason);
    ok(db, sq.fn.sqlite3_step(s));
    tick(db);
}

void db_add_finding(gk_db *db, const char *source, const char *rule, const char *severity, const char *where,
                    unsigned line, const char *message) {
    sqlite3_stmt *s = db->find_by_source;
    sq.fn.sqlite3_reset(s);
    sq.fn.sqlite3_bind_text(s, 1, rule, -1, SQLITE_TRANSIENT);
    sq.fn.sqlite3_bind_text(s, 2, severity, -1, SQLITE_TRANSIENT);
    text_or_null(s, 3, where);
    sq.fn.sqlite3_bind_int(s, 4, (int)line);
    text_or_null(s, 5, message);
    sq.fn.sqlite3_bind_text(s, 6, source, -1, SQLITE_TRANSIENT);
    ok(db, sq.fn.sqlite3_step(s));
}

bool db_close(gk_db *db) {
    ok(db, sq.fn.sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL));
    sq.fn.sqlite3_finalize(db->rep);
    sq.fn.sqlite3_finalize(db->cell);
    sq.fn.sqlite3_finalize(db->find);
    sq.fn.sqlite3_finalize(db->find_by_source);
    bool good = !db->failed;
    if (sq.fn.sqlite3_close(db->h) != SQLITE_OK) good = false;
    free(db);
    return good;
}
