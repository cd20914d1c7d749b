/* summary.c: what a summary page keeps of one report, and the page itself: one self-contained HTML file with
 * SVG charts drawn here (no library, no external resource) and tables sortable by a few lines of inline JS. */
#include "gongkai/analyze.h"
#include "gongkai/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int64_t total_of(const gk_report *r, const char *prefix) {
    const gk_table_def *td = &r->tmpl->tables[GK_T3];
    int64_t s = 0;
    bool any = false;
    for (int k = 0; k < td->nrows; k++) {
        if (strncmp(td->rows[k].key, prefix, strlen(prefix))) continue;
        const gk_cell *c = &r->cells[td->rows[k].first + GK_T3_COL_TOTAL];
        if (c->state != GK_CELL_NUMBER) return -1;
        s += c->num.value;
        any = true;
    }
    return any ? s : -1;
}

void gk_summary_row_fill(const gk_report *r, gk_summary_row *row) {
    memset(row, 0, sizeof *row);
    row->source = strdup(r->path ? r->path : "");
    row->agency = r->agency ? strdup(r->agency) : NULL;
    row->year = r->year;
    row->format = r->hybrid ? "hybrid" : r->format;
    row->received = total_of(r, "received");
    row->done = total_of(r, "total");
    static const char *const pre[GK_NOUT] = {"granted", "partial", "deny_", "unable_", "decline_", "other"};
    for (int k = 0; k < GK_NOUT; k++) row->outcomes[k] = total_of(r, pre[k]);
    gk_rates(r, row->rates);
    gk_diag_counts(r, &row->errors, &row->warnings);
    size_t nr;
    const gk_rule_info *rules = gk_rules(&nr);
    for (uint32_t i = 0; i < r->ndiags; i++)
        for (size_t k = 0; k < nr && k < 32; k++)
            if (!strcmp(rules[k].id, r->diags[i].rule)) row->rule_counts[k]++;
}

void gk_summary_row_free(gk_summary_row *row) {
    free(row->source);
    free(row->agency);
}

static void esc(gk_buf *o, const char *s) {
    for (; s && *s; s++) {
        if (*s == '<') gk_buf_puts(o, "&lt;");
        else if (*s == '>') gk_buf_puts(o, "&gt;");
        else if (*s == '&') gk_buf_puts(o, "&amp;");
        else if (*s == '"') gk_buf_puts(o, "&quot;");
        else gk_buf_putc(o, *s);
    }
}

static const char *const colors[] = {"#2e7d32", "#81c784", "#c62828", "#ef6c00", "#6a1b9a", "#78909c", "#1565c0", "#ad1457"};

/* A horizontal bar chart: labels and values (values < 0 are skipped). */
static void bars(gk_buf *o, const char *title, const char *const *labels, const double *values, size_t n, bool percent,
                 const char *color) {
    double max = 0;
    size_t shown = 0;
    for (size_t i = 0; i < n; i++) if (values[i] >= 0) { shown++; if (values[i] > max) max = values[i]; }
    if (max <= 0) max = 1;
    int h = (int)shown * 22 + 30;
    gk_buf_printf(o, "<figure><figcaption>%s</figcaption><svg role=\"img\" viewBox=\"0 0 720 %d\" width=\"720\" height=\"%d\">", title, h, h);
    int y = 10;
    for (size_t i = 0; i < n; i++) {
        if (values[i] < 0) continue;
        double w = values[i] / max * 420;
        gk_buf_puts(o, "<text x=\"215\" y=\"");
        gk_buf_printf(o, "%d\" text-anchor=\"end\" font-size=\"12\">", y + 14);
        esc(o, labels[i]);
        gk_buf_printf(o, "</text><rect x=\"220\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"><title>", y, w, color);
        esc(o, labels[i]);
        if (percent) gk_buf_printf(o, ": %.1f%%</title></rect><text x=\"%.1f\" y=\"%d\" font-size=\"11\">%.1f%%</text>", values[i] * 100, 224 + w, y + 13, values[i] * 100);
        else gk_buf_printf(o, ": %.0f</title></rect><text x=\"%.1f\" y=\"%d\" font-size=\"11\">%.0f</text>", values[i], 224 + w, y + 13, values[i]);
        y += 22;
    }
    gk_buf_puts(o, "</svg></figure>\n");
}

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

void gk_render_summary_html(const gk_summary_row *rows, size_t n, int unreadable, gk_buf *o, const char *lang) {
    bool en = lang && !strcmp(lang, "en");
    gk_buf_puts(o, "<!DOCTYPE html>\n<html lang=\"");
    gk_buf_puts(o, en ? "en" : "zh-CN");
    gk_buf_puts(o, "\"><head><meta charset=\"utf-8\"><title>");
    gk_buf_puts(o, en ? "Annual reports: summary" : "政府信息公开工作年度报告汇总");
    gk_buf_puts(o, "</title><style>"
                   "body{font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",SimSun,serif;margin:2em auto;max-width:1100px;color:#222}"
                   "h1,h2{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",SimHei,sans-serif}"
                   "table{border-collapse:collapse;font-size:13px;margin:1em 0}th,td{border:1px solid #999;padding:3px 6px}"
                   "th{background:#eee;cursor:pointer}td.n{text-align:right}td.small{color:#999}"
                   "figure{margin:1em 0}figcaption{font-weight:bold;margin-bottom:.3em}"
                   ".kpi{display:inline-block;margin:0 2em 1em 0}.kpi b{font-size:1.6em;display:block}"
                   "@media print{th{cursor:auto}}"
                   "</style></head><body>\n");
    gk_buf_printf(o, "<h1>%s</h1>\n", en ? "Government information disclosure annual reports: summary" : "政府信息公开工作年度报告汇总");
    /* key figures */
    int64_t received = 0, done = 0;
    int errors = 0, warnings = 0;
    int64_t outs[GK_NOUT] = {0};
    for (size_t i = 0; i < n; i++) {
        if (rows[i].received > 0) received += rows[i].received;
        if (rows[i].done > 0) done += rows[i].done;
        errors += rows[i].errors;
        warnings += rows[i].warnings;
        for (int k = 0; k < GK_NOUT; k++) if (rows[i].outcomes[k] > 0) outs[k] += rows[i].outcomes[k];
    }
    gk_buf_printf(o, "<div class=\"kpi\"><b>%zu</b>%s</div><div class=\"kpi\"><b>%d</b>%s</div><div class=\"kpi\"><b>%lld</b>%s</div>"
                     "<div class=\"kpi\"><b>%lld</b>%s</div><div class=\"kpi\"><b>%d / %d</b>%s</div>\n",
                  n, en ? "reports" : "份报告", unreadable, en ? "unreadable inputs" : "个输入无法读取", (long long)received,
                  en ? "applications received" : "件本年新收申请", (long long)done, en ? "handled" : "件办结", errors, warnings,
                  en ? "errors / warnings" : "个错误 / 警告");
    /* 1. outcome distribution */
    static const char *const out_zh[GK_NOUT] = {"予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"};
    static const char *const out_en[GK_NOUT] = {"granted", "partly granted", "denied", "unable", "declined", "other"};
    gk_buf_printf(o, "<h2>%s</h2>\n", en ? "Outcomes of the applications handled" : "办理结果分布");
    int64_t all = 0;
    for (int k = 0; k < GK_NOUT; k++) all += outs[k];
    gk_buf_puts(o, "<figure><svg role=\"img\" viewBox=\"0 0 720 70\" width=\"720\" height=\"70\">");
    double x = 10;
    for (int k = 0; k < GK_NOUT && all > 0; k++) {
        double w = (double)outs[k] / (double)all * 700;
        gk_buf_printf(o, "<rect x=\"%.1f\" y=\"5\" width=\"%.1f\" height=\"30\" fill=\"%s\"><title>%s: %lld (%.1f%%)</title></rect>", x, w,
                      colors[k], en ? out_en[k] : out_zh[k], (long long)outs[k], 100.0 * (double)outs[k] / (double)all);
        x += w;
    }
    x = 10;
    for (int k = 0; k < GK_NOUT; k++) {
        gk_buf_printf(o, "<rect x=\"%.0f\" y=\"48\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%.0f\" y=\"57\" font-size=\"11\">%s %lld</text>",
                      x, colors[k], x + 13, en ? out_en[k] : out_zh[k], (long long)outs[k]);
        x += 118;
    }
    gk_buf_puts(o, "</svg></figure>\n");
    /* 2. the disclosure rate by unit (units with enough applications) */
    size_t room = n + 64;   /* bars: at most one per report, per year (≤ 64) or per rule (≤ 32) */
    const char **labels = calloc(room, sizeof *labels);
    double *values = calloc(room, sizeof *values);
    char **owned = calloc(room, sizeof *owned);
    size_t nl = 0;
    /* highest first; at most 40 bars (the table below lists every unit) */
    size_t *order = calloc(n + 1, sizeof *order);
    size_t no = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].rates[GK_RATE_DISCLOSED].known && !rows[i].rates[GK_RATE_DISCLOSED].small) order[no++] = i;
    for (size_t i = 1; i < no; i++) {   /* insertion sort: n is small after the filter, and stable */
        size_t pick = order[i], j = i;
        while (j > 0 && rows[order[j - 1]].rates[GK_RATE_DISCLOSED].value < rows[pick].rates[GK_RATE_DISCLOSED].value) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = pick;
        if (i > 4000) break;
    }
    for (size_t k = 0; k < no && nl < 40; k++) {
        size_t i = order[k];
        char *l = malloc(256);
        snprintf(l, 256, "%s %d", rows[i].agency ? rows[i].agency : rows[i].source, rows[i].year);
        owned[nl] = l;
        labels[nl] = l;
        values[nl++] = rows[i].rates[GK_RATE_DISCLOSED].value;
    }
    free(order);
    gk_buf_printf(o, "<h2>%s</h2>\n", en ? "Disclosure rate by unit" : "各单位实质公开率");
    if (nl) bars(o, en ? "(granted + partly granted) / handled; units with at least 10 applications" : "（予以公开 + 部分公开）/ 办结；仅列办结 10 件以上的单位",
                 labels, values, nl, true, colors[6]);
    else gk_buf_printf(o, "<p>%s</p>\n", en ? "No unit handled 10 applications or more." : "没有办结 10 件以上的单位。");
    for (size_t i = 0; i < nl; i++) free(owned[i]);
    /* 3. trends over the years */
    int *years = calloc(n + 1, sizeof *years);
    size_t ny = 0;
    for (size_t i = 0; i < n; i++) if (rows[i].year) years[ny++] = rows[i].year;
    qsort(years, ny, sizeof *years, cmp_int);
    size_t nu = 0;
    for (size_t i = 0; i < ny; i++) if (!nu || years[nu - 1] != years[i]) years[nu++] = years[i];
    gk_buf_printf(o, "<h2>%s</h2>\n", en ? "Trends over the years" : "历年趋势");
    if (nu >= 2) {
        nl = 0;
        char ybuf[64][16];
        for (size_t k = 0; k < nu && k < 64; k++) {
            int64_t s = 0;
            for (size_t i = 0; i < n; i++) if (rows[i].year == years[k] && rows[i].received > 0) s += rows[i].received;
            snprintf(ybuf[k], sizeof ybuf[k], "%d", years[k]);
            labels[nl] = ybuf[k];
            values[nl++] = (double)s;
        }
        bars(o, en ? "applications received per year" : "每年新收申请数", labels, values, nl, false, colors[0]);
    } else {
        gk_buf_printf(o, "<p>%s</p>\n", en ? "One year only." : "只有一个年度。");
    }
    free(years);
    /* 4. findings by rule */
    size_t nr;
    const gk_rule_info *rules = gk_rules(&nr);
    nl = 0;
    for (size_t k = 0; k < nr && k < 32; k++) {
        int c = 0;
        for (size_t i = 0; i < n; i++) c += rows[i].rule_counts[k];
        if (!c) continue;
        labels[nl] = rules[k].id;
        values[nl++] = c;
    }
    gk_buf_printf(o, "<h2>%s</h2>\n", en ? "Findings by rule" : "问题按规则统计");
    if (nl) bars(o, en ? "findings" : "问题数", labels, values, nl, false, colors[2]);
    else gk_buf_printf(o, "<p>%s</p>\n", en ? "No findings." : "没有发现问题。");
    free(labels);
    free(values);
    free(owned);
    /* the table, sortable */
    gk_buf_printf(o, "<h2>%s</h2>\n<table id=\"t\"><thead><tr>", en ? "Reports" : "报告一览");
    const char *heads_zh[] = {"来源", "机关", "年度", "格式", "新收", "办结", "实质公开率", "不予公开率", "结转率", "错误", "警告"};
    const char *heads_en[] = {"source", "agency", "year", "format", "received", "handled", "disclosure", "denial", "carry-over", "errors", "warnings"};
    for (int k = 0; k < 11; k++) gk_buf_printf(o, "<th scope=\"col\" onclick=\"sortBy(%d)\">%s</th>", k, en ? heads_en[k] : heads_zh[k]);
    gk_buf_puts(o, "</tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const gk_summary_row *r = &rows[i];
        gk_buf_puts(o, "<tr><td>");
        esc(o, r->source);
        gk_buf_puts(o, "</td><td>");
        esc(o, r->agency ? r->agency : "");
        gk_buf_printf(o, "</td><td class=\"n\">%d</td><td>%s</td>", r->year, r->format ? r->format : "");
        if (r->received >= 0) gk_buf_printf(o, "<td class=\"n\">%lld</td>", (long long)r->received); else gk_buf_puts(o, "<td></td>");
        if (r->done >= 0) gk_buf_printf(o, "<td class=\"n\">%lld</td>", (long long)r->done); else gk_buf_puts(o, "<td></td>");
        static const gk_rate_id ids[3] = {GK_RATE_DISCLOSED, GK_RATE_DENIED, GK_RATE_CARRY};
        for (int k = 0; k < 3; k++) {
            const gk_rate *q = &r->rates[ids[k]];
            if (q->known) gk_buf_printf(o, "<td class=\"n%s\" data-v=\"%.6f\">%.1f%%</td>", q->small ? " small" : "", q->value, q->value * 100);
            else gk_buf_puts(o, "<td></td>");
        }
        gk_buf_printf(o, "<td class=\"n\">%d</td><td class=\"n\">%d</td></tr>\n", r->errors, r->warnings);
    }
    gk_buf_puts(o, "</tbody></table>\n<script>\n"
                   "function sortBy(c){var t=document.getElementById('t').tBodies[0],r=[].slice.call(t.rows),"
                   "d=t.getAttribute('data-d')==c?-1:1;t.setAttribute('data-d',d==1?c:'');"
                   "function v(x){var e=x.cells[c],s=e.getAttribute('data-v')||e.textContent,n=parseFloat(s);return isNaN(n)?s:n;}"
                   "r.sort(function(a,b){var x=v(a),y=v(b);return (x<y?-1:x>y?1:0)*d;});r.forEach(function(x){t.appendChild(x);});}\n"
                   "</script>\n</body></html>\n");
}
