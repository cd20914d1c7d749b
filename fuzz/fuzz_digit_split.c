/* fuzz_digit_split.c: libFuzzer target for the digit splitter (issue 4, item 2).
 *
 * The first byte chooses what the rest drives:
 *   0–95    one run through gk_flat_row_splits / gk_flat_row_splits_free with a shape read from the input; every
 *           split returned is checked (cuts increasing from 0 to n, no cell across white space, canonical numbers,
 *           the row's sums hold, no split twice, the free splits include the summed ones);
 *   96–191  a flattened report (crawler header, the six headings, every statutory label of the 2021 form followed
 *           by a digit run cut from the input) read with gk_report_from_bytes, checked, and re-split with a second
 *           such report as last year's (gk_flat_use_previous); every filled cell must be a number whose text lies
 *           in the source;
 *   192–255 a crawler header followed by the raw input on one line (gk_doc_unflatten on arbitrary text).
 * A broken invariant aborts (a crash for libFuzzer). */
#include "gongkai/check.h"
#include "gongkai/report.h"
#include "recognize/flat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void broken(const char *what) {
    fprintf(stderr, "fuzz_digit_split: invariant broken: %s\n", what);
    abort();
}

/* ---------------------------------------------------------------- one run */

static bool canonical(const char *s, int a, int b, unsigned flags, long long *v) {
    int i = a;
    bool neg = false;
    if (s[i] == '+' || s[i] == '-') {
        if (!(flags & GK_FLAT_SIGNED)) return false;
        neg = s[i] == '-';
        i++;
    }
    if (i >= b) return false;
    long long x = 0;
    int ints = 0;
    bool point = false;
    for (int j = i; j < b; j++) {
        if (s[j] == '.') {
            if (!(flags & GK_FLAT_DECIMAL) || point || ints == 0 || j == b - 1) return false;
            point = true;
            continue;
        }
        if (s[j] < '0' || s[j] > '9') return false;
        if (!point) {
            if (ints == 1 && s[i] == '0') return false;
            ints++;
        }
        x = x * 10 + (s[j] - '0');
    }
    *v = neg ? -x : x;
    return true;
}

static void check_splits(const char *s, const uint8_t *brk, int n, const gk_flat_shape *sh, const uint16_t *cuts, int cnt,
                         bool sums) {
    int nc = sh->ncells;
    for (int c = 0; c < cnt; c++) {
        const uint16_t *cut = cuts + (size_t)c * (size_t)(nc + 1);
        if (cut[0] != 0 || cut[nc] != n) broken("cuts do not span the run");
        long long v[GK_FLAT_MAX_CELLS];
        for (int k = 0; k < nc; k++) {
            if (cut[k + 1] <= cut[k]) broken("empty cell");
            for (int i = cut[k] + 1; i < cut[k + 1]; i++)
                if (brk && brk[i]) broken("a cell spans white space");
            if (!canonical(s, cut[k], cut[k + 1], sh->flags[k], &v[k])) broken("a cell is not a canonical number");
        }
        if (sums)
            for (int g = 0; g < sh->ngroups; g++) {
                long long t = 0;
                int f = sh->groups[g].first, m = sh->groups[g].n;
                for (int k = f; k < f + m - 1; k++) t += v[k];
                if (t != v[f + m - 1]) broken("a group's sum does not hold");
            }
        for (int d = 0; d < c; d++)
            if (!memcmp(cut, cuts + (size_t)d * (size_t)(nc + 1), (size_t)(nc + 1) * sizeof *cut)) broken("a split twice");
    }
}

static void fuzz_run(const uint8_t *data, size_t size) {
    if (size < 3) return;
    gk_flat_shape sh;
    memset(&sh, 0, sizeof sh);
    sh.ncells = 1 + data[0] % GK_FLAT_MAX_CELLS;
    int kind = data[1] % 4;   /* 0: no sums, 1: one group = the row (t3), 2: groups of five (t4), 3: flags */
    if (kind == 1) { sh.ngroups = 1; sh.groups[0].first = 0; sh.groups[0].n = (uint8_t)sh.ncells; }
    if (kind == 2) {
        for (int g = 0; g < 3 && 5 * (g + 1) <= sh.ncells; g++) {
            sh.groups[g].first = (uint8_t)(5 * g);
            sh.groups[g].n = 5;
            sh.ngroups = g + 1;
        }
    }
    if (kind == 3)
        for (int k = 0; k < sh.ncells; k++) sh.flags[k] = (uint8_t)((data[2] >> (k % 8)) & 1 ? GK_FLAT_DECIMAL : 0) |
                                                      (uint8_t)((data[2] >> ((k + 3) % 8)) & 1 ? GK_FLAT_SIGNED : 0);
    if (sh.ngroups && sh.groups[0].n < 2) sh.ngroups = 0;
    static const char alphabet[] = "0123456789012345678901234567890123456789.-+ ";
    char s[300];
    uint8_t brk[300];
    int n = 0;
    bool gap = false;
    for (size_t i = 3; i < size && n < 290; i++) {
        char ch = alphabet[data[i] % (sizeof alphabet - 1)];
        if (ch == ' ') { gap = n > 0; continue; }
        s[n] = ch;
        brk[n] = gap;
        gap = false;
        n++;
    }
    if (n == 0) return;
    s[n] = 0;
    enum { MAX = 256 };
    uint16_t *cuts = malloc((size_t)MAX * (GK_FLAT_MAX_CELLS + 1) * sizeof *cuts);
    uint16_t *free_cuts = malloc((size_t)MAX * (GK_FLAT_MAX_CELLS + 1) * sizeof *free_cuts);
    if (!cuts || !free_cuts) { free(cuts); free(free_cuts); return; }
    int a = gk_flat_row_splits(s, brk, n, &sh, MAX, cuts);
    if (a < -1 || a > MAX) broken("count out of range");
    if (a > 0) check_splits(s, brk, n, &sh, cuts, a, true);
    int b = gk_flat_row_splits_free(s, brk, n, &sh, MAX, free_cuts);
    if (b < -1 || b > MAX) broken("free count out of range");
    if (b > 0) check_splits(s, brk, n, &sh, free_cuts, b, false);
    if (a > 0 && b >= 0) {
        /* every summed split is a free one */
        for (int c = 0; c < a; c++) {
            bool found = false;
            for (int d = 0; d < b && !found; d++)
                found = !memcmp(cuts + (size_t)c * (size_t)(sh.ncells + 1), free_cuts + (size_t)d * (size_t)(sh.ncells + 1),
                                (size_t)(sh.ncells + 1) * sizeof *cuts);
            if (!found) broken("a summed split is not among the free ones");
        }
    }
    if (a > 1 && gk_flat_row_splits(s, brk, n, &sh, 1, cuts) != -1) broken("more splits than max, but no -1");
    gk_flat_row_splits(s, NULL, n, &sh, MAX, cuts);
    free(cuts);
    free(free_cuts);
}

/* ---------------------------------------------------------------- a flattened report */

static size_t put_digits(gk_buf *b, const uint8_t *data, size_t size, size_t *pos) {
    static const char alphabet[] = "00000000001234567890123456789 .-";
    if (*pos >= size) { gk_buf_puts(b, "0000000"); return 7; }
    size_t len = data[(*pos)++] % 24;
    size_t w = 0;
    for (size_t i = 0; i < len && *pos < size; i++, w++) gk_buf_putc(b, alphabet[data[(*pos)++] % (sizeof alphabet - 1)]);
    return w;
}

static void write_report(gk_buf *b, int year, const uint8_t *data, size_t size, size_t *pos) {
    const gk_template *t = gk_template_2021();
    gk_buf_printf(b, "标题: 某区人民政府%d年度政府信息公开工作年度报告\n发布机构: 某区人民政府办公室\n栏目: 政府信息公开年报\n"
                     "==================== 正文 ====================\n", year);
    gk_buf_printf(b, "一、总体情况%d年，本区持续深化政务公开。全年办理政府信息公开申请", year);
    put_digits(b, data, size, pos);
    gk_buf_puts(b, "件，动态更新本年度制发的规范性文件");
    put_digits(b, data, size, pos);
    gk_buf_puts(b, "件。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数");
    const gk_table_def *t2 = &t->tables[GK_T2];
    for (int k = 0; k < t2->nrows; k++) {
        gk_buf_puts(b, t2->rows[k].label);
        put_digits(b, data, size, pos);
    }
    gk_buf_printf(b, "三、收到和处理政府信息公开申请情况%s申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他", gk_t3_note);
    const gk_table_def *t3 = &t->tables[GK_T3];
    const char *group = NULL;
    for (int k = 0; k < t3->nrows; k++) {
        const gk_row_def *rd = &t3->rows[k];
        if (rd->group && (!group || strcmp(group, rd->group))) gk_buf_puts(b, rd->group);
        group = rd->group;
        if (*pos < size && data[*pos] == 0xFF) { (*pos)++; continue; }   /* a row left out */
        gk_buf_puts(b, rd->label);
        put_digits(b, data, size, pos);
    }
    gk_buf_puts(b, "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计");
    put_digits(b, data, size, pos);
    put_digits(b, data, size, pos);
    gk_buf_puts(b, "五、存在的主要问题及改进情况政策解读形式仍需创新。六、其他需要报告的事项无。");
}

static void check_report(const gk_report *r) {
    for (int i = 0; i < r->tmpl->ncells; i++) {
        const gk_cell *c = &r->cells[i];
        if (c->state == GK_CELL_NUMBER && !c->raw) broken("a number without its text");
        if (c->state == GK_CELL_NUMBER && c->src.len && r->src && (size_t)c->src.offset + c->src.len > r->srclen)
            broken("a cell points outside the source");
        if (c->state == GK_CELL_UNREADABLE && c->unsettled && c->raw) broken("an unsettled cell with a text");
    }
    for (uint32_t i = 0; i < r->ndiags; i++)
        if (!r->diags[i].rule || !r->diags[i].msg_zh || !r->diags[i].msg_en) broken("a finding without its text");
}

static void fuzz_report(const uint8_t *data, size_t size) {
    gk_buf b;
    gk_buf_init(&b);
    size_t pos = 0;
    gk_arena *a = gk_arena_new();
    write_report(&b, 2023, data, size, &pos);
    gk_report *prev = NULL, *cur = NULL;
    const char *detail = NULL;
    if (gk_report_from_bytes(a, "prev.txt", b.data, b.len, &prev, &detail) == GK_OK) check_report(prev);
    gk_buf_reset(&b);
    write_report(&b, 2024, data, size, &pos);
    if (gk_report_from_bytes(a, "cur.txt", b.data, b.len, &cur, &detail) == GK_OK) {
        check_report(cur);
        if (prev) {
            gk_flat_use_previous(cur, prev);
            check_report(cur);
        }
        gk_check_report(cur);
        check_report(cur);
    }
    gk_arena_free(a);
    gk_buf_free(&b);
}

static void fuzz_text(const uint8_t *data, size_t size) {
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_puts(&b, "标题: 某区2024年度政府信息公开工作年度报告\n发布机构: 某区\n栏目: 年报\n==================== 正文 ====================\n");
    for (size_t i = 0; i < size; i++) gk_buf_putc(&b, data[i] == '\n' || data[i] == '\r' || data[i] == 0 ? ' ' : (char)data[i]);
    gk_arena *a = gk_arena_new();
    gk_report *r = NULL;
    const char *detail = NULL;
    if (gk_report_from_bytes(a, "text.txt", b.data, b.len, &r, &detail) == GK_OK && r) {
        check_report(r);
        gk_check_report(r);
    }
    gk_arena_free(a);
    gk_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1) return 0;
    if (data[0] < 96) fuzz_run(data + 1, size - 1);
    else if (data[0] < 192) fuzz_report(data + 1, size - 1);
    else fuzz_text(data + 1, size - 1);
    return 0;
}
