/* read_pdf.h: the PDF reader (read_pdf.c), declared here until include/gongkai/doc.h carries it, and its
 * layout half exposed for the tests and the fuzz target.
 *
 * gk_read_pdf runs poppler's `pdftotext -bbox-layout` as a separate process (gongkai links no PDF code)
 * and hands its output to gk_read_pdf_layout, which turns words with boxes into the document: lines,
 * paragraphs, and grids whose rows are label cells then one cell per value column. */
#ifndef GK_DOC_READ_PDF_H
#define GK_DOC_READ_PDF_H

#include "gongkai/doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Reads a PDF (the file's bytes). Lines are numbered page * 1000 + line on the page (1-based both ways:
 * 4012 is page 4, line 12; a page's lines past 999 share 999), so FILE:LINE points at a page.
 * doc->src is a plain-text rendering of the document (one paragraph or table row per line, cells
 * separated by TAB) that cells' offsets point into; doc->format is "pdf".
 * Failures, with *detail (English, short):
 *   GK_ERR_UNSUPPORTED "OCR needed: the PDF has no text layer"        (scanned: images only)
 *   GK_ERR_UNSUPPORTED "OCR needed: the PDF's text layer is unreadable …" (fonts without a Unicode map:
 *                      more than half the characters U+FFFD or private-use)
 *   GK_ERR_UNSUPPORTED "pdftotext (poppler-utils) is not installed"
 *   GK_ERR_UNSUPPORTED "the PDF is encrypted: …"                       (a password is needed)
 *   GK_ERR_MALFORMED   "the PDF is truncated …" / "the PDF is damaged: …" (pdftotext's own reason)
 *   GK_ERR_UNSAFE      pdftotext ran past its time limit (20 s; GK_PDFTOTEXT_TIMEOUT=seconds changes it)
 *                      or its output past 64 MiB
 *   GK_ERR_IO          no temporary file, or pdftotext could not be started
 * The environment variable GK_PDFTOTEXT names the pdftotext program to run (default: "pdftotext" on
 * PATH); TMPDIR where its temporary files go (default /tmp). */
gk_status gk_read_pdf(gk_arena *a, const char *path, const char *bytes, size_t len, gk_doc **out,
                      const char **detail);

/* The layout half: pdftotext's -bbox-layout (or -bbox) XHTML, any bytes at all, to the document.
 * GK_ERR_MALFORMED when it holds no <page>; GK_ERR_UNSUPPORTED "OCR needed: …" when its pages hold
 * (almost) no text; GK_ERR_UNSAFE past the limits (pages, words). */
gk_status gk_read_pdf_layout(gk_arena *a, const char *path, const char *xhtml, size_t len, gk_doc **out,
                             const char **detail);

#ifdef __cplusplus
}
#endif
#endif
