/* gongkai/render.h: writing reports and findings out. JSON per SCHEMA.md, CSV (one row per report,
 * columns in the documented fixed order), and the one-line text form of a finding. */
#ifndef GONGKAI_RENDER_H
#define GONGKAI_RENDER_H

#include "gongkai/check.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The report as JSON ("gongkai.report/1"); messages in lang ("zh" or "en"). */
void gk_render_json(const gk_report *r, gk_buf *out, const char *lang, bool pretty);
/* The same with more members (a JSON fragment such as "\"rollup\": {…}") before the closing brace. */
void gk_render_json_ex(const gk_report *r, gk_buf *out, const char *lang, bool pretty, const char *extra);

/* CSV: the header line, then one line per report. Columns: source, agency, year, format, title,
 * errors, warnings, then every cell in template order (t2.regulation.issued … t4.suit_after_review.total);
 * a blank or unreadable cell is an empty field. */
void gk_render_csv_header(const gk_template *t, gk_buf *out);
void gk_render_csv_row(const gk_report *r, gk_buf *out);

/* The suggestion of a finding as a sentence ("将 t3.granted.natural 由 5 改为 3 后全部勾稽关系成立"). */
void gk_render_fix(const gk_report *r, const gk_diag *d, const char *lang, gk_buf *out);

/* FILE:LINE: severity: RULE: message[；suggestion] */
void gk_render_diag_line(const gk_report *r, const gk_diag *d, const char *lang, gk_buf *out);

/* The report in the statutory layout as plain text: the tab-separated layout Word produces, which the text
 * reader reads back to the same report. Blank and unreadable cells are empty; nothing is added that is not
 * in the model. */
void gk_render_txt(const gk_report *r, gk_buf *out);

/* The same as Markdown: headings, paragraphs, pipe tables (one label column; the Markdown reader reads it back). */
void gk_render_md(const gk_report *r, gk_buf *out);

/* A cell as printed: its number, or "" for blank/unreadable/absent. out must hold 32 bytes. */
const char *gk_cell_text(const gk_cell *c, char out[32]);

/* The statutory layout as one self-contained HTML page (semantic tables with merged header cells, the
 * 勾稽关系 note, print CSS for A4, no external resources), ready to paste into a government CMS. */
gk_status gk_render_html(const gk_report *r, gk_buf *out, const char *lang);

/* Findings people can see: one HTML page showing each report's tables with the failing cells highlighted
 * and the suggested repair beside them, then the list of findings. */
gk_status gk_render_findings_html(gk_report *const *reports, size_t n, gk_buf *out, const char *lang);

/* A WordprocessingML document (DOCX bytes) laid out like the official template (仿宋/黑体, A4, tables with
 * w:gridSpan/w:vMerge). */
gk_status gk_render_docx(const gk_report *r, gk_buf *out);

/* An XLSX workbook written to path (libxlsxwriter): one sheet per statutory table laid out like the form with
 * merges, plus a flat sheet of key/value pairs. */
gk_status gk_render_xlsx(const gk_report *r, const char *path, const char *lang);
/* NULL when XLSX can be written, else why not (libxlsxwriter is loaded on first use and may be missing). */
const char *gk_render_xlsx_unavailable(void);

/* JSON string literal with escapes. */
void gk_json_string(gk_buf *out, const char *s, size_t n);

#ifdef __cplusplus
}
#endif
#endif
