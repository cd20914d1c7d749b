/* fuzz_pdf_layout.c: libFuzzer target for the PDF layout reader (gk_read_pdf_layout in src/doc/read_pdf.c):
 * the code that turns pdftotext's -bbox-layout XHTML into the document. pdftotext itself is not run.
 *
 * The first byte picks the mode:
 *   even  raw: the other bytes go to gk_read_pdf_layout as they are (any XHTML, any garbage);
 *   odd   generated: the other bytes drive a generator of report-like pages in pdftotext's format: prose,
 *         section headings, tables with a header (group labels over several columns, wrapped leaf labels),
 *         rows whose labels wrap over lines, blank cells, a group label set vertically, tables running
 *         onto the next page under a repeated header, page numbers, a running header, jitter. When the
 *         bytes ask for a clean table (no jitter, no wrapping, one table), the grid must hold every row as
 *         generated: its label, then its values in their columns ("" where a cell was left empty). A
 *         difference aborts (a crash for libFuzzer) and prints the XHTML.
 * In both modes the document's contract is checked, then the document is recognised, checked and rendered
 * as JSON. */
#include "gongkai/base.h"
#include "gongkai/check.h"
#include "gongkai/doc.h"
#include "gongkai/render.h"
#include "gongkai/report.h"
#include "gongkai/text.h"
#include "doc/read_pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *current;
static size_t current_len;

static void broken(const char *what) {
    fprintf(stderr, "fuzz_pdf_layout: %s\n", what);
    if (current)
        fprintf(stderr, "--- input (%zu bytes) ---\n%.*s\n---\n", current_len, (int)(current_len > 12000 ? 12000 : current_len),
                current);
    abort();
}

static void check_doc(const gk_doc *d) {
    if (!d->src || d->src[d->srclen] != 0) broken("doc->src is not NUL-terminated");
    if (!d->format || strcmp(d->format, "pdf")) broken("doc->format is not \"pdf\"");
    for (uint32_t b = 0; b < d->nblocks; b++) {
        const gk_block *k = &d->blocks[b];
        if (k->line < 1 || k->line > k->end_line || k->end_line > d->nlines) broken("a block's lines are out of range");
        if (b && k->line < d->blocks[b - 1].line) broken("blocks out of order");
        if (k->kind == GK_BLOCK_PARA) {
            size_t bad, n = k->len;
            if (!k->text || !k->len || memchr(k->text, 0, k->len)) broken("an empty paragraph or one holding NUL");
            if (!gk_utf8_valid(k->text, k->len, &bad)) broken("a paragraph is not UTF-8");
            gk_trim(k->text, &n);
            if (n != k->len) broken("a paragraph is not trimmed");
            continue;
        }
        if (!k->nrows || !k->rows) broken("a table without rows");
        for (uint32_t r = 0; r < k->nrows; r++) {
            const gk_drow *row = &k->rows[r];
            if (row->line < 1 || row->line > d->nlines) broken("a row's line is out of range");
            for (uint32_t c = 0; c < row->ncells; c++) {
                const gk_dcell *x = &row->cells[c];
                size_t bad;
                if (!x->text || memchr(x->text, 0, x->len) || !gk_utf8_valid(x->text, x->len, &bad))
                    broken("a cell text is NULL, holds NUL or is not UTF-8");
                if (x->src.col != c + 1) broken("src.col is not the cell's position");
                if ((uint64_t)x->src.offset + x->src.len > d->srclen) broken("a cell's source span is outside the source");
                if (x->src.line < 1 || x->src.line > d->nlines) broken("a cell's line is out of range");
            }
        }
    }
}

/* ------------------------------------------------------------------ the generator */

typedef struct {
    const uint8_t *d;
    size_t n, i;
    gk_buf out;
    int page;
    bool open;
} gen;

static unsigned pick(gen *g, unsigned mod) { return g->i < g->n ? g->d[g->i++] % mod : 0; }

static double tw(const char *t, double sz) {
    double w = 0;
    for (size_t i = 0, n = strlen(t); i < n;) {
        int32_t cp;
        i += gk_utf8_decode(t + i, n - i, &cp);
        w += cp < 0x80 ? sz / 2 : sz;
    }
    return w;
}

static void word(gen *g, double x, double y, double sz, const char *t, double jx, double jy) {
    gk_buf_printf(&g->out, "<line><word xMin=\"%.3f\" yMin=\"%.3f\" xMax=\"%.3f\" yMax=\"%.3f\">%s</word></line>\n", x + jx,
                  y + jy, x + jx + tw(t, sz), y + jy + sz, t);
}

static void page(gen *g) {
    if (g->open) gk_buf_puts(&g->out, "</flow></page>\n");
    gk_buf_puts(&g->out, "<page width=\"595.000000\" height=\"842.000000\"><flow>\n");
    g->open = true;
    g->page++;
}

static const char *const PROSE[] = {
    "本报告由本机关办公室根据《中华人民共和国政府信息公开条例》规定编制，报告所列统计期限为全年。",
    "全年主动公开各类政府信息五千余条，组织召开新闻发布会十二场，努力传递政府声音、回应关切。",
    "针对存在问题，下一步将着力加强政策解读质效，重点提升解读的针对性和通俗化，回应群众需求。",
    "2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件，均在法定期限内予以答复。"};
static const char *const HEADINGS[] = {"一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                       "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况"};
static const char *const LABELS[] = {"一、本年新收政府信息公开申请数量", "（一）予以公开", "1.属于国家秘密", "2.重复申请",
                                     "规章", "行政规范性文件", "行政许可", "行政事业性收费", "3、其他", "（七）总计",
                                     "四、结转下年度继续办理", "8.属于行政查询事项", "法提供", "甲乙丙"};
static const char *const WRAPS[][3] = {{"1、申请人无正当理由逾期不补", "正、行政机关不再处理其政府信", "息公开申请"},
                                       {"（二）部分公开（区分处理的，只计这一情", "形，不计其他情形）", NULL},
                                       {"5.要求行政机关确认或重新出", "具已获取信息", NULL}};
static const char *const COLS[] = {"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
                                   "结果维持", "结果纠正", "其他结果", "尚未审结", "本年制发件数", "本年废止件数", "现行有效件数", "总计"};
static const char *const BLANKS[] = {"—", "-", "无", "/"};

typedef struct {
    const char *label;
    char vals[16][24];
    bool has[16];
} grow;

/* One table: header, rows; returns the number of rows recorded in rows[] (for the oracle). */
static int table(gen *g, double *y, int K, bool clean, grow *rows, int maxrows) {
    double sz = 9, left = 72, colw = (520 - 260) / (double)K;
    double first = 260 + colw;                        /* right edge of column 0 */
    bool right = pick(g, 2), vertical = !clean && pick(g, 4) == 0;
    /* group labels over the columns, then the leaf labels, some wrapped */
    if (!clean && K >= 4 && pick(g, 2)) {
        word(g, first - colw + 2, *y, sz, "申请人情况", 0, 0);
        *y += 14;
        word(g, first, *y, sz, "法人或其他组织", 0, 0);
        *y += 14;
    }
    word(g, left, *y, sz, clean ? "信息内容" : "（本列数据的勾稽关系为：第一项加第二项之和，", 0, 0);
    for (int k = 0; k < K; k++) {
        const char *c = COLS[(k + pick(g, 3)) % 15];
        double x = first + k * colw - colw + 4;
        if (!clean && pick(g, 3) == 0 && strlen(c) > 6) {
            char a[32], b[32];
            size_t h = (strlen(c) / 3 / 2) * 3;
            snprintf(a, sizeof a, "%.*s", (int)h, c);
            snprintf(b, sizeof b, "%s", c + h);
            word(g, x, *y, sz, a, 0, 0);
            word(g, x, *y + 12, sz, b, 0, 0);
        } else {
            word(g, x, *y, sz, c, 0, 0);
        }
    }
    *y += 30;
    int nrows = 2 + (int)pick(g, 10), recorded = 0;
    double ytop = *y;
    for (int r = 0; r < nrows; r++) {
        if (*y > 760) {
            /* onto the next page, under the same header again (or not) */
            if (clean) break;
            word(g, 280, 800, 10, "-9-", 0, 0);
            page(g);
            *y = 80;
            ytop = *y;
            if (pick(g, 2)) {
                for (int k = 0; k < K; k++) word(g, first + k * colw - colw + 4, *y, sz, COLS[k % 15], 0, 0);
                *y += 30;
            }
        }
        double jy = clean ? 0 : (double)pick(g, 5) - 2, jx = 0;
        unsigned wrap = clean ? 0 : pick(g, 6);
        grow *gr = recorded < maxrows ? &rows[recorded] : NULL;
        if (wrap == 1) {
            const char *const *w3 = WRAPS[pick(g, 3)];
            for (int q = 0; q < 3 && w3[q]; q++) word(g, 140, *y - 8 + q * 15, 7.5, w3[q], 0, 0);
            gr = NULL;
        } else {
            const char *lab = LABELS[pick(g, sizeof LABELS / sizeof LABELS[0])];
            if (gr) gr->label = lab;
            word(g, left + (pick(g, 3) == 0 ? 12 : 0), *y, sz, lab, jx, jy);
        }
        /* the values first (every row holds a number), then their words */
        char vals[16][24];
        bool has[16], any = false;
        for (int k = 0; k < K; k++) {
            unsigned what = pick(g, 12);
            has[k] = !(what == 0 && !(clean && r == 0));
            if (what == 1) snprintf(vals[k], sizeof vals[k], "%s", BLANKS[pick(g, 4)]);
            else snprintf(vals[k], sizeof vals[k], "%u", pick(g, 4) == 0 ? 0u : pick(g, 250) * (pick(g, 3) == 0 ? 37u : 1u));
            any |= has[k] && what != 1;
        }
        if (!any) {
            has[K - 1] = true;
            snprintf(vals[K - 1], sizeof vals[K - 1], "7");
        }
        for (int k = 0; k < K; k++) {
            if (gr) { gr->has[k] = has[k]; snprintf(gr->vals[k], sizeof gr->vals[k], "%s", vals[k]); }
            if (!has[k]) continue;
            double w = tw(vals[k], sz), x = right ? first + k * colw - w : first + k * colw - colw + 10;
            word(g, x, *y, sz, vals[k], clean ? 0 : (double)pick(g, 3) - 1, clean ? 0 : (double)pick(g, 3) - 1);
        }
        if (gr) recorded++;
        *y += 22 + (clean ? 0 : pick(g, 3) * 4);
    }
    if (vertical) {
        static const char *const v[] = {"三、", "本", "年", "度", "办", "理", "结", "果"};
        for (int q = 0; q < 8 && ytop + q * 15 < *y; q++) word(g, 50, ytop + q * 15, 7.5, v[q], 0, 0);
    }
    return recorded;
}

static void oracle(const gk_doc *d, const grow *rows, int n, int K) {
    /* every recorded row: a row of the grid with its label, then K cells as generated */
    for (int r = 0; r < n; r++) {
        bool found = false;
        for (uint32_t b = 0; b < d->nblocks && !found; b++) {
            const gk_block *k = &d->blocks[b];
            if (k->kind != GK_BLOCK_TABLE) continue;
            for (uint32_t i = 0; i < k->nrows && !found; i++) {
                const gk_drow *row = &k->rows[i];
                if (row->ncells < (uint32_t)K + 1) continue;
                uint32_t l = row->ncells - (uint32_t)K - 1;
                if (row->cells[l].len != strlen(rows[r].label) || memcmp(row->cells[l].text, rows[r].label, row->cells[l].len)) continue;
                bool same = true;
                for (int c = 0; c < K && same; c++) {
                    const gk_dcell *x = &row->cells[l + 1 + (uint32_t)c];
                    const char *want = rows[r].has[c] ? rows[r].vals[c] : "";
                    same = x->len == strlen(want) && !memcmp(x->text, want, x->len);
                }
                found = same;
            }
        }
        if (!found) {
            fprintf(stderr, "row %d [%s] not found with its %d values:", r, rows[r].label, K);
            for (int c = 0; c < K; c++) fprintf(stderr, " [%s]", rows[r].has[c] ? rows[r].vals[c] : "");
            fprintf(stderr, "\n");
            for (uint32_t b = 0; b < d->nblocks; b++) {
                const gk_block *k = &d->blocks[b];
                if (k->kind != GK_BLOCK_TABLE) continue;
                for (uint32_t i = 0; i < k->nrows; i++) {
                    fprintf(stderr, "  row %u:", i);
                    for (uint32_t c = 0; c < k->rows[i].ncells; c++)
                        fprintf(stderr, " [%.*s]", (int)k->rows[i].cells[c].len, k->rows[i].cells[c].text);
                    fprintf(stderr, "\n");
                }
            }
            broken("the grid differs from the generated table");
        }
    }
}

static void run(const char *x, size_t n, const grow *rows, int nrows, int K) {
    current = x;
    current_len = n;
    gk_arena *a = gk_arena_new();
    gk_doc *doc = NULL;
    const char *detail = NULL;
    gk_status st = gk_read_pdf_layout(a, "fuzz.pdf", x, n, &doc, &detail);
    if (getenv("GK_FUZZ_SHOW"))   /* to look at what the generator makes */
        fprintf(stderr, "%.*s\n-- status %d, %d rows checked\n", (int)n, x, st, rows ? nrows : -1);
    if (st == GK_OK) {
        if (!doc) broken("GK_OK without a document");
        check_doc(doc);
        if (rows) oracle(doc, rows, nrows, K);
        gk_report *r = NULL;
        if (gk_recognize(doc, &r) == GK_OK && r) {
            gk_check_report(r);
            gk_buf b;
            gk_buf_init(&b);
            gk_render_json(r, &b, "zh", true);
            gk_buf_free(&b);
        }
    } else {
        if (doc) broken("a failure with a document");
        if (!detail || strlen(detail) > 400) broken("a failure without a short detail");
        if (rows) broken("a generated table was not read");
    }
    gk_arena_free(a);
    current = NULL;
}

static void generated(const uint8_t *d, size_t n) {
    gen g = {d, n, 0, {0}, 0, false};
    gk_buf_init(&g.out);
    gk_buf_puts(&g.out, "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head><title>x</title></head><body>\n<doc>\n");
    bool clean = pick(&g, 3) == 0;
    int K = 1 + (int)pick(&g, clean ? 7 : 15);
    page(&g);
    double y = 70;
    word(&g, 200, 30, 9, "某某市人民政府办公室文件", 0, 0);
    for (int k = 0; k < 4; k++) { word(&g, 72, y, 10, PROSE[k % 4], 0, 0); y += 26; }
    grow rows[24];
    int nrows = 0;
    int tables = clean ? 1 : 1 + (int)pick(&g, 3);
    for (int t = 0; t < tables; t++) {
        word(&g, 104, y + 10, 16, HEADINGS[pick(&g, 5)], 0, 0);
        y += 44;
        int got = table(&g, &y, K, clean, rows, 24);
        if (clean) nrows = got;
        word(&g, 104, y + 10, 16, HEADINGS[pick(&g, 5)], 0, 0);
        y += 40;
        for (int k = 0; k < 2; k++) { word(&g, 72, y, 10, PROSE[(t + k) % 4], 0, 0); y += 26; }
        if (y > 640) {
            word(&g, 280, 800, 10, "— 9 —", 0, 0);
            page(&g);
            word(&g, 200, 30, 9, "某某市人民政府办公室文件", 0, 0);
            y = 70;
        }
        if (!clean) K = 1 + (int)pick(&g, 15);
    }
    if (g.open) gk_buf_puts(&g.out, "</flow></page>\n");
    gk_buf_puts(&g.out, "</doc></body></html>\n");
    run(g.out.data, g.out.len, clean ? rows : NULL, nrows, K);
    gk_buf_free(&g.out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) return 0;
    if ((data[0] & 1) == 0) run((const char *)data + 1, size - 1, NULL, 0, 0);
    else generated(data + 1, size - 1);
    return 0;
}
