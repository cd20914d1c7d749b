/* test_docx.c: the DOCX reader (src/doc/read_docx.c).
 *
 * Every DOCX here is built in the test with libzip, from the project's own code: a text seed is read with
 * gk_read_txt and written back as WordprocessingML (its paragraphs as w:p, its tables as w:tbl), in variants:
 *   plain      one w:tc per cell of the text;
 *   merged     merged label cells as Word writes them in the official template (w:gridSpan over the
 *              empty cells right of a label, w:vMerge restart/continue down a label column);
 *   numbered   merged + the section headings (一、 （一）) and the item numbers (1.) of paragraphs and cells
 *              produced by Word numbering (w:numPr → numbering.xml), with restarts and start overrides;
 *   noisy      numbered + what Word leaves in real files: text cut into many runs, proofing and bookmark
 *              marks, tracked changes (deleted and moved-away text, a deleted "5" before every inserted
 *              number, deleted paragraph marks, a deleted table row, old properties in w:pPrChange), hidden
 *              text, field codes, mc:AlternateContent with a fallback, a section break.
 * Each must give the same 200 cells (state and value), agency, year and findings (rules as a multiset) as
 * the text. Then: the blank 2021 template from ../shared/corpus/other; grids (spans, grid-before, legacy
 * merges, nested tables); paragraphs (tabs, breaks, revisions, text boxes); numbering formats and
 * counters; and malicious archives (zip bombs real and declared, path tricks, too many entries, truncated
 * and endless XML, deep nesting, DTDs, random bytes, no document.xml), each refused with the right status
 * within a second.
 *
 * Environment: GK_SHARED = the shared folder (seeds/, corpus/other/); its cases are skipped, saying so,
 * when it is absent. GK_DOCX_DUMP = a folder to write every generated DOCX into (fuzzing seeds). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zip.h>

#include "gongkai/check.h"
#include "gongkai/doc.h"
#include "gongkai/report.h"
#include "gongkai/template.h"
#include "gongkai/text.h"

#if defined(__SANITIZE_ADDRESS__)
#define SLOW 4.0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SLOW 4.0
#endif
#endif
#ifndef SLOW
#define SLOW 1.0
#endif
#define FAST_SECONDS (1.0 * SLOW)   /* "within a second" of CPU time (more under the sanitizers) */

/* ---------------------------------------------------------------- files and time */

static const char *shared_dir(void) {
    const char *s = getenv("GK_SHARED");
    struct stat st;
    if (!s || !*s || stat(s, &st) != 0 || !S_ISDIR(st.st_mode)) return NULL;
    return s;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    gk_buf b;
    gk_buf_init(&b);
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) gk_buf_append(&b, tmp, n);
    fclose(f);
    *len = b.len;
    if (!b.data) gk_buf_append(&b, "", 0);
    return b.data;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* CPU time of this thread: what "within a second" means on a machine busy with other work. */
static double cpu_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int dump_serial;

static void dump(const char *what, const char *bytes, size_t len) {
    const char *dir = getenv("GK_DOCX_DUMP");
    if (!dir || !*dir) return;
    char path[4096];
    snprintf(path, sizeof path, "%s/%03d-%s.docx", dir, dump_serial++, what);
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fwrite(bytes, 1, len, f);
    fclose(f);
}

/* The XML form of a fixture for fuzz_read_docx: '0' + document.xml, or '2' + document.xml NUL numbering.xml. */
static void dump_xml(const char *what, const char *document, const char *numbering) {
    const char *dir = getenv("GK_DOCX_DUMP");
    if (!dir || !*dir) return;
    char path[4096];
    snprintf(path, sizeof path, "%s/%03d-%s.xml", dir, dump_serial++, what);
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fputc(numbering ? '2' : '0', f);
    fputs(document, f);
    if (numbering) {
        fputc(0, f);
        fputs(numbering, f);
    }
    fclose(f);
}

/* ---------------------------------------------------------------- zips */

typedef struct part {
    const char *name;
    const char *data;
    size_t len;
    bool store;            /* no compression */
} part;

/* The bytes of the archive held in src (a libzip buffer source kept past zip_close). */
static char *source_bytes(zip_source_t *src, size_t *len) {
    zip_stat_t st;
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_stat(src, &st), 0);
    char *out = malloc(st.size + 1);
    assert_non_null(out);
    zip_uint64_t got = 0;
    while (got < st.size) {
        zip_int64_t n = zip_source_read(src, out + got, st.size - got);
        assert_true(n > 0);
        got += (zip_uint64_t)n;
    }
    zip_source_close(src);
    *len = (size_t)got;
    return out;
}

static zip_t *zip_new(zip_source_t **src) {
    zip_error_t ze;
    zip_error_init(&ze);
    *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(*src);
    zip_t *z = zip_open_from_source(*src, ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    zip_source_keep(*src);
    zip_error_fini(&ze);
    return z;
}

static void zip_put(zip_t *z, const char *name, const char *data, size_t len, bool store) {
    zip_source_t *s = zip_source_buffer(z, data, len, 0);
    assert_non_null(s);
    zip_int64_t i = zip_file_add(z, name, s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
    if (i < 0) fail_msg("zip_file_add(%s): %s", name, zip_strerror(z));
    zip_set_file_compression(z, (zip_uint64_t)i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
}

static char *zip_finish(zip_t *z, zip_source_t *src, size_t *len) {
    if (zip_close(z) != 0) fail_msg("zip_close: %s", zip_strerror(z));
    char *out = source_bytes(src, len);
    zip_source_free(src);
    return out;
}

static char *make_zip(const part *p, int n, size_t *len) {
    zip_source_t *src;
    zip_t *z = zip_new(&src);
    for (int i = 0; i < n; i++) zip_put(z, p[i].name, p[i].data, p[i].len, p[i].store);
    return zip_finish(z, src, len);
}

static const char CONTENT_TYPES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/numbering.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "</Types>";

static const char ROOT_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"word/document.xml\"/></Relationships>";

static const char DOC_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "numbering\" Target=\"numbering.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "styles\" Target=\"styles.xml\"/></Relationships>";

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NSDECL                                                                                                  \
    "xmlns:w=\"" W_NS "\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "             \
    "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "                           \
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "                      \
    "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "                                        \
    "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" mc:Ignorable=\"w14\""

static const char DOC_HEAD[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " NSDECL
                               "><w:body>";
static const char DOC_TAIL[] = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>";

/* A DOCX of these parts (numbering and styles may be NULL). The result is malloc'd. */
static char *make_docx(const char *document, const char *numbering, const char *styles, size_t *len) {
    part p[6];
    int n = 0;
    p[n++] = (part){"[Content_Types].xml", CONTENT_TYPES, strlen(CONTENT_TYPES), false};
    p[n++] = (part){"_rels/.rels", ROOT_RELS, strlen(ROOT_RELS), false};
    p[n++] = (part){"word/_rels/document.xml.rels", DOC_RELS, strlen(DOC_RELS), false};
    p[n++] = (part){"word/document.xml", document, strlen(document), false};
    if (numbering) p[n++] = (part){"word/numbering.xml", numbering, strlen(numbering), false};
    if (styles) p[n++] = (part){"word/styles.xml", styles, strlen(styles), false};
    return make_zip(p, n, len);
}

/* A DOCX whose body is `body` (WordprocessingML between <w:body> and the section properties). */
static char *body_docx(const char *body, const char *numbering, const char *styles, size_t *len) {
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_puts(&b, DOC_HEAD);
    gk_buf_puts(&b, body);
    gk_buf_puts(&b, DOC_TAIL);
    char *z = make_docx(b.data, numbering, styles, len);
    dump_xml("unit", b.data, numbering);
    gk_buf_free(&b);
    return z;
}

static gk_doc *read_body(gk_arena *a, const char *body, const char *numbering, const char *styles) {
    size_t len;
    char *z = body_docx(body, numbering, styles, &len);
    dump("unit", z, len);
    gk_doc *d = NULL;
    const char *detail = NULL;
    gk_status st = gk_read_docx(a, "t.docx", z, len, &d, &detail);
    free(z);
    if (st != GK_OK) fail_msg("gk_read_docx: status %d (%s)", st, detail ? detail : "-");
    assert_non_null(d);
    return d;
}

/* ---------------------------------------------------------------- writing WordprocessingML */

static void esc(gk_buf *b, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '&') gk_buf_puts(b, "&amp;");
        else if (c == '<') gk_buf_puts(b, "&lt;");
        else if (c == '>') gk_buf_puts(b, "&gt;");
        else if (c == '"') gk_buf_puts(b, "&quot;");
        else if ((unsigned char)c < 0x20 && c != '\t' && c != '\n') continue;
        else gk_buf_putc(b, c);
    }
}

typedef struct writer {
    gk_buf *b;
    bool noise;
    unsigned rnd;          /* a fixed pseudo-random sequence for the noise */
    int ids;
} writer;

static unsigned rnd(writer *w) {
    w->rnd = w->rnd * 1103515245u + 12345u;
    return (w->rnd >> 16) & 0x7FFF;
}

/* One run of plain text (no TAB or LF inside). */
static void run(writer *w, const char *s, size_t n) {
    if (!n) return;
    gk_buf_puts(w->b, "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">");
    esc(w->b, s, n);
    gk_buf_puts(w->b, "</w:t></w:r>");
}

/* Junk that Word keeps in a paragraph and that must not reach the text. */
static void junk(writer *w) {
    gk_buf *b = w->b;
    int id = ++w->ids;
    switch (rnd(w) % 9) {
    case 0: gk_buf_puts(b, "<w:proofErr w:type=\"spellStart\"/>"); break;
    case 1: gk_buf_printf(b, "<w:bookmarkStart w:id=\"%d\" w:name=\"_Toc%d\"/><w:bookmarkEnd w:id=\"%d\"/>", id, id, id); break;
    case 2:
        gk_buf_printf(b, "<w:del w:id=\"%d\" w:author=\"审核\" w:date=\"2025-01-02T00:00:00Z\"><w:r>"
                         "<w:delText>删除的999</w:delText></w:r></w:del>", id);
        break;
    case 3: gk_buf_puts(b, "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的777</w:t></w:r>"); break;
    case 4: gk_buf_puts(b, "<w:r><w:instrText xml:space=\"preserve\"> MERGEFIELD 数量 </w:instrText></w:r>"); break;
    case 5:
        gk_buf_printf(b, "<w:moveFrom w:id=\"%d\" w:author=\"a\"><w:r><w:t>移走的888</w:t></w:r></w:moveFrom>", id);
        break;
    case 6: gk_buf_puts(b, "<w:r><w:rPr><w:vanish w:val=\"1\"/></w:rPr><w:tab/><w:t>藏</w:t></w:r>"); break;
    case 7: gk_buf_puts(b, "<w:commentRangeStart w:id=\"0\"/><w:commentRangeEnd w:id=\"0\"/>"); break;
    default: gk_buf_puts(b, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText>"
                            "</w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
    }
}

/* Text as runs: TAB → w:tab, LF → w:br; with noise, cut into pieces of 1–3 characters among junk, some
 * pieces inserted (w:ins), moved here (w:moveTo) or given through mc:AlternateContent. */
static void runs(writer *w, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        if (s[i] == '\t') { gk_buf_puts(w->b, "<w:r><w:tab/></w:r>"); i++; continue; }
        if (s[i] == '\n') { gk_buf_puts(w->b, "<w:r><w:br/></w:r>"); i++; continue; }
        size_t j = i;
        if (!w->noise) {
            while (j < n && s[j] != '\t' && s[j] != '\n') j++;
            run(w, s + i, j - i);
            i = j;
            continue;
        }
        int chars = 1 + (int)(rnd(w) % 3);
        for (int k = 0; k < chars && j < n && s[j] != '\t' && s[j] != '\n'; k++) j += gk_utf8_len(s + j, n - j);
        unsigned how = rnd(w) % 8;
        int id = ++w->ids;
        if (how == 0) {
            gk_buf_printf(w->b, "<w:ins w:id=\"%d\" w:author=\"a\" w:date=\"2025-01-01T00:00:00Z\">", id);
            run(w, s + i, j - i);
            gk_buf_puts(w->b, "</w:ins>");
        } else if (how == 1) {
            gk_buf_printf(w->b, "<w:moveTo w:id=\"%d\" w:author=\"a\">", id);
            run(w, s + i, j - i);
            gk_buf_puts(w->b, "</w:moveTo>");
        } else if (how == 2) {
            gk_buf_puts(w->b, "<mc:AlternateContent><mc:Choice Requires=\"w14\">");
            run(w, s + i, j - i);
            gk_buf_puts(w->b, "</mc:Choice><mc:Fallback><w:r><w:t>回退的666</w:t></w:r></mc:Fallback></mc:AlternateContent>");
        } else {
            run(w, s + i, j - i);
        }
        if (rnd(w) % 3 == 0) junk(w);
        i = j;
    }
}

static void para(writer *w, const char *ppr, const char *s, size_t n) {
    gk_buf_puts(w->b, "<w:p w14:paraId=\"1A2B3C4D\">");
    if (ppr && *ppr) gk_buf_printf(w->b, "<w:pPr>%s</w:pPr>", ppr);
    runs(w, s, n);
    gk_buf_puts(w->b, "</w:p>");
}

/* ---------------------------------------------------------------- numbering for the seeds */

/* abstractNum 10: 一、 （一） 1. (no suffix); 20: "1." no suffix; 21: "1." + space. num 1 → 10; the
 * item numbers get a new num (with a start override, so counting on their own) at every "1.". */
static const char NUMBERING_HEAD[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering " NSDECL ">"
    "<w:abstractNum w:abstractNumId=\"10\"><w:multiLevelType w:val=\"multilevel\"/>"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:suff w:val=\"nothing\"/>"
    "<w:lvlText w:val=\"%1、\"/><w:lvlJc w:val=\"left\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:suff w:val=\"nothing\"/>"
    "<w:lvlText w:val=\"（%2）\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:suff w:val=\"nothing\"/>"
    "<w:lvlText w:val=\"%3.\"/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"20\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:suff w:val=\"nothing\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"21\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:suff w:val=\"space\"/><w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num>";

typedef struct numstate {
    int cn0, cn1;          /* the counters of num 1's levels 0 and 1 */
    int item_num, item_val, item_suff;   /* the open item list: its numId, last value, 0/1 space */
    int next_num;
    gk_buf defs;           /* the w:num elements of the item lists */
    int converted;
} numstate;

/* When text starts with the number Word would write for the next paragraph of a list, returns the ppr that
 * makes Word write it and the text after it; else NULL (the text stays literal, counters untouched). */
static const char *numbered(numstate *ns, char ppr[160], const char *s, size_t n, size_t *skip, bool headings) {
    gk_numbering num = gk_numbering_parse(s, n);
    char cn[16], want[64];
    if (headings && num.kind == GK_NUM_CN && num.value == ns->cn0 + 1) {
        snprintf(want, sizeof want, "%s、", gk_cn_numeral(num.value, cn));
        size_t wl = strlen(want);
        if (n > wl && memcmp(s, want, wl) == 0 && num.len == wl) {
            ns->cn0++;
            ns->cn1 = 0;
            ns->item_num = 0;
            *skip = wl;
            snprintf(ppr, 160, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>");
            ns->converted++;
            return ppr;
        }
    }
    if (headings && num.kind == GK_NUM_CN_PAREN && num.value == ns->cn1 + 1 && ns->cn0 > 0) {
        snprintf(want, sizeof want, "（%s）", gk_cn_numeral(num.value, cn));
        size_t wl = strlen(want);
        if (n > wl && memcmp(s, want, wl) == 0 && num.len == wl) {
            ns->cn1++;
            ns->item_num = 0;
            *skip = wl;
            snprintf(ppr, 160, "<w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr>");
            ns->converted++;
            return ppr;
        }
    }
    if (num.kind == GK_NUM_AR && num.value >= 1) {
        int suff = -1;
        snprintf(want, sizeof want, "%d.", num.value);
        size_t wl = strlen(want);
        if (n > wl + 1 && memcmp(s, want, wl) == 0) {
            if (num.len == wl && s[wl] != ' ') suff = 0;
            else if (num.len == wl + 1 && s[wl] == ' ' && s[wl + 1] != ' ') suff = 1;
        }
        if (suff < 0) return NULL;
        if (num.value == 1) {
            ns->item_num = ns->next_num++;
            ns->item_suff = suff;
            gk_buf_printf(&ns->defs, "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"%d\"/><w:lvlOverride "
                                     "w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
                          ns->item_num, 20 + suff);
        } else if (!(ns->item_num && num.value == ns->item_val + 1 && suff == ns->item_suff)) {
            return NULL;
        }
        ns->item_val = num.value;
        *skip = wl + (size_t)suff;
        snprintf(ppr, 160, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"%d\"/></w:numPr>", ns->item_num);
        ns->converted++;
        return ppr;
    }
    return NULL;
}

/* ---------------------------------------------------------------- seeds → DOCX */

typedef struct variant {
    const char *name;
    bool merged, numbered, noise;
} variant;

typedef struct plan {       /* one w:tc of a converted row */
    uint32_t col, span;
    int vm;                 /* 0, 1 restart, 2 continue */
    const gk_dcell *cell;
} plan;

static bool is_label(const gk_dcell *c) {
    gk_decimal d;
    return c->len > 0 && gk_parse_cell_number(c->text, c->len, true, &d) == GK_NP_NOT_NUMBER;
}

/* Plans the w:tc of each row. Merged: an empty cell right of a label (before the row's first number) is
 * covered by the label's w:gridSpan; an empty cell under a label (or under a cell continuing one) with
 * the same span continues it with w:vMerge. Positions never move: the reader must give back the text grid. */
static plan **plan_table(const gk_block *b, bool merged, uint32_t **nplans) {
    plan **P = calloc(b->nrows, sizeof(plan *));
    *nplans = calloc(b->nrows, sizeof(uint32_t));
    for (uint32_t r = 0; r < b->nrows; r++) {
        const gk_drow *row = &b->rows[r];
        P[r] = calloc(row->ncells + 1, sizeof(plan));
        uint32_t zone = 0, np = 0;
        gk_decimal d;
        while (zone < row->ncells && gk_parse_cell_number(row->cells[zone].text, row->cells[zone].len, true, &d) !=
                                         GK_NP_NUMBER)
            zone++;
        for (uint32_t c = 0; c < row->ncells;) {
            const gk_dcell *cell = &row->cells[c];
            if (merged && c < zone && cell->len == 0 && r > 0) {
                plan *above = NULL;
                for (uint32_t k = 0; k < (*nplans)[r - 1]; k++)
                    if (P[r - 1][k].col == c) above = &P[r - 1][k];
                bool ok = above && (above->vm == 2 || is_label(above->cell)) && c + above->span <= zone;
                for (uint32_t k = 0; ok && k < (above ? above->span : 0); k++) ok = row->cells[c + k].len == 0;
                if (ok) {
                    if (above->vm == 0) above->vm = 1;
                    P[r][np++] = (plan){c, above->span, 2, cell};
                    c += above->span;
                    continue;
                }
            }
            uint32_t span = 1;
            if (merged && c < zone && is_label(cell))
                while (c + span < zone && row->cells[c + span].len == 0) span++;
            P[r][np++] = (plan){c, span, 0, cell};
            c += span;
        }
        (*nplans)[r] = np;
    }
    return P;
}

static void cell_xml(writer *w, numstate *ns, const plan *p, uint32_t line_serial) {
    gk_buf *b = w->b;
    gk_buf_puts(b, "<w:tc><w:tcPr><w:tcW w:w=\"700\" w:type=\"dxa\"/>");
    if (p->span > 1) gk_buf_printf(b, "<w:gridSpan w:val=\"%u\"/>", p->span);
    if (p->vm == 1) gk_buf_puts(b, "<w:vMerge w:val=\"restart\"/>");
    if (p->vm == 2) gk_buf_puts(b, "<w:vMerge/>");
    gk_buf_puts(b, "<w:vAlign w:val=\"center\"/></w:tcPr>");
    const gk_dcell *c = p->cell;
    if (p->vm == 2 || c->len == 0) {
        gk_buf_puts(b, "<w:p/></w:tc>");
        return;
    }
    gk_decimal d;
    bool number = gk_parse_cell_number(c->text, c->len, true, &d) == GK_NP_NUMBER;
    if (w->noise && number) {
        /* a tracked edit: "5" deleted, the real value inserted */
        gk_buf_printf(b, "<w:p><w:del w:id=\"%u\" w:author=\"a\"><w:r><w:delText>5</w:delText></w:r></w:del>"
                         "<w:ins w:id=\"%u\" w:author=\"a\"><w:r><w:t xml:space=\"preserve\">",
                      line_serial, line_serial + 1);
        esc(b, c->text, c->len);
        gk_buf_puts(b, "</w:t></w:r></w:ins></w:p></w:tc>");
        return;
    }
    /* a cell broken over lines: one paragraph per line */
    const char *s = c->text, *end = c->text + c->len;
    while (s <= end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        char ppr[160];
        size_t skip = 0;
        const char *pp = ns ? numbered(ns, ppr, s, n, &skip, false) : NULL;
        para(w, pp, s + skip, n - skip);
        if (!nl) break;
        s = nl + 1;
    }
    gk_buf_puts(b, "</w:tc>");
}

static void table_xml(writer *w, numstate *ns, const gk_block *b, bool merged) {
    uint32_t *np;
    plan **P = plan_table(b, merged, &np);
    uint32_t width = 0;
    for (uint32_t r = 0; r < b->nrows; r++)
        if (b->rows[r].ncells > width) width = b->rows[r].ncells;
    gk_buf_puts(w->b, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr>"
                      "<w:tblGrid>");
    for (uint32_t c = 0; c < width; c++) gk_buf_puts(w->b, "<w:gridCol w:w=\"700\"/>");
    gk_buf_puts(w->b, "</w:tblGrid>");
    for (uint32_t r = 0; r < b->nrows; r++) {
        gk_buf_puts(w->b, "<w:tr><w:trPr><w:trHeight w:val=\"400\"/>");
        if (b->rows[r].ncells < width) gk_buf_printf(w->b, "<w:gridAfter w:val=\"%u\"/>", width - b->rows[r].ncells);
        gk_buf_puts(w->b, "</w:trPr>");
        for (uint32_t k = 0; k < np[r]; k++) cell_xml(w, ns, &P[r][k], r * 2 + 100);
        gk_buf_puts(w->b, "</w:tr>");
        if (w->noise && r == 0)   /* a deleted row, gone once the changes are accepted */
            gk_buf_puts(w->b, "<w:tr><w:trPr><w:del w:id=\"77\" w:author=\"a\"/></w:trPr><w:tc><w:p><w:del w:id=\"78\" "
                              "w:author=\"a\"><w:r><w:delText>删除的行 12345</w:delText></w:r></w:del></w:p></w:tc>"
                              "</w:tr>");
        free(P[r]);
    }
    gk_buf_puts(w->b, "</w:tbl>");
    free(P);
    free(np);
}

/* The seed as a DOCX; *nconverted receives how many numbers Word numbering produces. */
static char *seed_docx(gk_arena *a, const char *txt, size_t len, const variant *v, size_t *outlen, int *nconverted) {
    gk_doc *doc = NULL;
    size_t bad = 0;
    assert_int_equal(gk_read_txt(a, "seed.txt", txt, len, &doc, &bad), GK_OK);
    gk_buf b;
    gk_buf_init(&b);
    writer w = {&b, v->noise, 12345u, 1000};
    numstate ns = {0};
    ns.next_num = 100;
    gk_buf_init(&ns.defs);
    gk_buf_puts(&b, DOC_HEAD);
    bool sect = false;
    for (uint32_t i = 0; i < doc->nblocks; i++) {
        const gk_block *bk = &doc->blocks[i];
        if (bk->kind == GK_BLOCK_TABLE) {
            table_xml(&w, v->numbered ? &ns : NULL, bk, v->merged);
            continue;
        }
        char ppr[160];
        size_t skip = 0;
        const char *pp = v->numbered ? numbered(&ns, ppr, bk->text, bk->len, &skip, true) : NULL;
        const char *s = bk->text + skip;
        size_t n = bk->len - skip;
        if (v->noise && !pp && i % 5 == 1)   /* old numbering in a property change: not shown */
            pp = "<w:pStyle w:val=\"Body\"/><w:pPrChange w:id=\"5\" w:author=\"a\"><w:pPr><w:numPr><w:ilvl w:val=\"0\"/>"
                 "<w:numId w:val=\"1\"/></w:numPr></w:pPr></w:pPrChange>";
        if (v->noise && n >= 12 && i % 3 == 0) {
            /* the paragraph in two, the first paragraph mark deleted: accepted, they are one again */
            size_t cut = 0;
            while (cut < n / 2) cut += gk_utf8_len(s + cut, n - cut);
            para(&w, "<w:rPr><w:del w:id=\"3\" w:author=\"a\" w:date=\"2025-01-01T00:00:00Z\"/></w:rPr>", s, cut);
            para(&w, pp, s + cut, n - cut);
        } else {
            para(&w, pp, s, n);
        }
        if (v->noise && !sect && i == doc->nblocks / 2) {   /* a section break */
            gk_buf_puts(&b, "<w:p><w:pPr><w:sectPr><w:type w:val=\"nextPage\"/></w:sectPr></w:pPr></w:p>");
            sect = true;
        }
    }
    gk_buf_puts(&b, DOC_TAIL);
    gk_buf nb;
    gk_buf_init(&nb);
    gk_buf_puts(&nb, NUMBERING_HEAD);
    if (ns.defs.data) gk_buf_append(&nb, ns.defs.data, ns.defs.len);
    gk_buf_puts(&nb, "</w:numbering>");
    char *z = make_docx(b.data, v->numbered ? nb.data : NULL, NULL, outlen);
    dump_xml(v->name, b.data, v->numbered ? nb.data : NULL);
    gk_buf_free(&b);
    gk_buf_free(&nb);
    gk_buf_free(&ns.defs);
    *nconverted = ns.converted;
    return z;
}

/* ---------------------------------------------------------------- comparing reports */

static int cmp_str(const void *x, const void *y) { return strcmp(*(const char *const *)x, *(const char *const *)y); }

static bool same_str(const char *x, const char *y) { return (!x && !y) || (x && y && strcmp(x, y) == 0); }

static void compare_reports(const gk_report *t, const gk_report *d, const char *what) {
    int bad = 0;
    for (int i = 0; i < GK_NCELLS; i++) {
        const gk_cell *ct = &t->cells[i], *cd = &d->cells[i];
        bool same = ct->state == cd->state &&
                    (ct->state != GK_CELL_NUMBER || (ct->num.value == cd->num.value && ct->num.scale == cd->num.scale));
        if (!same && bad++ < 10)
            print_error("%s: cell %d: text %d «%s» line %u, docx %d «%s» line %u\n", what, i, ct->state,
                        ct->raw ? ct->raw : "", ct->src.line, cd->state, cd->raw ? cd->raw : "", cd->src.line);
    }
    if (!same_str(t->agency, d->agency)) {
        print_error("%s: agency «%s» vs «%s»\n", what, t->agency ? t->agency : "(null)", d->agency ? d->agency : "(null)");
        bad++;
    }
    if (t->year != d->year) {
        print_error("%s: year %d vs %d\n", what, t->year, d->year);
        bad++;
    }
    const char **rt = calloc(t->ndiags + 1, sizeof(char *)), **rd = calloc(d->ndiags + 1, sizeof(char *));
    for (uint32_t i = 0; i < t->ndiags; i++) rt[i] = t->diags[i].rule;
    for (uint32_t i = 0; i < d->ndiags; i++) rd[i] = d->diags[i].rule;
    qsort(rt, t->ndiags, sizeof(char *), cmp_str);
    qsort(rd, d->ndiags, sizeof(char *), cmp_str);
    bool same = t->ndiags == d->ndiags;
    for (uint32_t i = 0; same && i < t->ndiags; i++) same = strcmp(rt[i], rd[i]) == 0;
    if (!same) {
        bad++;
        print_error("%s: findings differ (text %u, docx %u)\n", what, t->ndiags, d->ndiags);
        for (uint32_t i = 0; i < t->ndiags; i++)
            print_error("   text: %s line %u: %s\n", t->diags[i].rule, t->diags[i].line, t->diags[i].msg_en);
        for (uint32_t i = 0; i < d->ndiags; i++)
            print_error("   docx: %s line %u: %s\n", d->diags[i].rule, d->diags[i].line, d->diags[i].msg_en);
    }
    free(rt);
    free(rd);
    if (bad) fail_msg("%s: the DOCX does not read like the text (%d differences)", what, bad);
}

static void skip_if_no_shared(void) {
    if (!shared_dir()) {
        print_message("shared/ not found: skipping the tests that need ../shared\n");
        skip();
    }
}

static const variant VARIANTS[] = {
    {"plain", false, false, false},
    {"merged", true, false, false},
    {"numbered", true, true, false},
    {"noisy", true, true, true},
};

static void test_seeds_as_docx(void **state) {
    (void)state;
    skip_if_no_shared();
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/seeds", shared_dir());
    struct dirent **names;
    int nn = scandir(dir, &names, NULL, alphasort);
    if (nn < 0) {
        print_message("%s not found: skipping the seed conversions\n", dir);
        skip();
    }
    int seeds = 0, total_converted = 0;
    for (int f = 0; f < nn; f++) {
        const char *name = names[f]->d_name;
        size_t nl = strlen(name);
        if (nl < 5 || strcmp(name + nl - 4, ".txt") != 0) continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        size_t len = 0;
        char *txt = slurp(path, &len);
        assert_non_null(txt);
        gk_arena *at = gk_arena_new();
        gk_report *rt = NULL;
        const char *detail = NULL;
        assert_int_equal(gk_report_from_bytes(at, path, txt, len, &rt, &detail), GK_OK);
        gk_check_report(rt);
        for (size_t v = 0; v < sizeof VARIANTS / sizeof VARIANTS[0]; v++) {
            gk_arena *a = gk_arena_new();
            size_t zlen;
            int conv = 0;
            char *z = seed_docx(a, txt, len, &VARIANTS[v], &zlen, &conv);
            char what[512];
            snprintf(what, sizeof what, "%s (%s)", name, VARIANTS[v].name);
            dump(VARIANTS[v].name, z, zlen);
            gk_report *rd = NULL;
            double t0 = now();
            gk_status st = gk_report_from_bytes(a, "seed.docx", z, zlen, &rd, &detail);
            double dt = now() - t0;
            if (st != GK_OK) fail_msg("%s: status %d (%s)", what, st, detail ? detail : "-");
            gk_check_report(rd);
            compare_reports(rt, rd, what);
            if (VARIANTS[v].numbered) total_converted += conv;
            print_message("%-40s %7zu bytes, read in %.1f ms, %d numbers from Word numbering\n", what, zlen, dt * 1e3,
                          conv);
            free(z);
            gk_arena_free(a);
        }
        gk_arena_free(at);
        free(txt);
        seeds++;
    }
    for (int f = 0; f < nn; f++) free(names[f]);
    free(names);
    if (!seeds) {
        print_message("no seeds in %s: skipping\n", dir);
        skip();
    }
    /* the numbered variants really did exercise numbering */
    assert_true(total_converted >= seeds * 6);
}

/* ---------------------------------------------------------------- the blank template */

static void test_blank_template(void **state) {
    (void)state;
    skip_if_no_shared();
    char path[4096];
    snprintf(path, sizeof path, "%s/corpus/other/blank_template_2021.docx", shared_dir());
    size_t len;
    char *bytes = slurp(path, &len);
    if (!bytes) {
        print_message("%s not found: skipping\n", path);
        skip();
    }
    gk_arena *a = gk_arena_new();
    gk_doc *d = NULL;
    const char *detail = NULL;
    double t0 = now();
    assert_int_equal(gk_read_docx(a, path, bytes, len, &d, &detail), GK_OK);
    print_message("blank template: %u blocks, %u ordinals, read in %.1f ms\n", d->nblocks, d->nlines, (now() - t0) * 1e3);
    assert_string_equal(d->format, "docx");
    assert_string_equal(d->encoding, "UTF-8");
    assert_non_null(d->src);
    assert_true(d->srclen > 200000);
    /* its three tables, as true grids */
    const gk_block *tb[3];
    int nt = 0;
    for (uint32_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == GK_BLOCK_TABLE && nt < 3) tb[nt++] = &d->blocks[i];
    assert_int_equal(nt, 3);
    assert_int_equal(tb[0]->nrows, 14);
    assert_int_equal(tb[1]->nrows, 28);
    assert_int_equal(tb[2]->nrows, 4);
    for (uint32_t r = 0; r < tb[1]->nrows; r++) assert_int_equal(tb[1]->rows[r].ncells, 10);
    for (uint32_t r = 0; r < tb[2]->nrows; r++) assert_int_equal(tb[2]->rows[r].ncells, 15);
    /* t3: the note spans 3 columns and 3 rows; 申请人情况 7 columns; 自然人 and 总计 3 rows */
    const gk_drow *h = tb[1]->rows;
    assert_true(strstr(h[0].cells[0].text, "勾稽关系") != NULL);
    assert_int_equal(h[0].cells[0].colspan, 3);
    assert_int_equal(h[0].cells[0].rowspan, 3);
    assert_true(h[0].cells[1].spanned && h[0].cells[2].spanned);
    assert_string_equal(h[0].cells[3].text, "申请人情况");
    assert_int_equal(h[0].cells[3].colspan, 7);
    assert_true(h[1].cells[0].spanned && h[2].cells[2].spanned);
    assert_string_equal(h[1].cells[3].text, "自然人");
    assert_int_equal(h[1].cells[3].rowspan, 2);
    assert_true(h[2].cells[3].spanned);
    assert_string_equal(h[2].cells[4].text, "商业\n企业");
    assert_string_equal(h[1].cells[9].text, "总计");
    assert_int_equal(h[1].cells[9].rowspan, 2);
    /* 三、本年度办理结果 spans the 22 rows of outcomes; （三）不予公开 its 8 */
    assert_string_equal(h[5].cells[0].text, "三、本年度办理结果");
    assert_int_equal(h[5].cells[0].rowspan, 22);
    assert_string_equal(h[7].cells[1].text, "（三）不予公开");
    assert_int_equal(h[7].cells[1].rowspan, 8);
    assert_int_equal(h[7].cells[2].src.col, 3);
    assert_true(h[8].cells[0].spanned && h[8].cells[1].spanned && !h[8].cells[2].spanned);
    /* rows are numbered in the one sequence of paragraphs and rows */
    for (uint32_t r = 1; r < tb[1]->nrows; r++) assert_int_equal(h[r].line, h[r - 1].line + 1);
    assert_true(tb[2]->rows[3].line <= d->nlines);

    gk_report *rep = NULL;
    assert_int_equal(gk_report_from_bytes(a, path, bytes, len, &rep, &detail), GK_OK);
    for (int t = 0; t < GK_NTABLES; t++) assert_true(rep->table_found[t]);
    int blank = 0;
    for (int i = 0; i < GK_NCELLS; i++) {
        assert_true(rep->cells[i].state == GK_CELL_BLANK || rep->cells[i].state == GK_CELL_ABSENT);
        blank += rep->cells[i].state == GK_CELL_BLANK;
    }
    print_message("blank template: %d of %d cells blank, the rest absent, none a number\n", blank, GK_NCELLS);
    assert_int_equal(blank, GK_NCELLS);
    for (int s = 0; s < 6; s++) assert_true(rep->sections[s].present);
    gk_check_report(rep);
    gk_arena_free(a);
    free(bytes);
}

/* ---------------------------------------------------------------- grids */

static const gk_block *nth_block(const gk_doc *d, gk_block_kind k, int n) {
    for (uint32_t i = 0; i < d->nblocks; i++)
        if (d->blocks[i].kind == k && n-- == 0) return &d->blocks[i];
    fail_msg("no block %d of kind %d", n, k);
    return NULL;
}

#define TC(pr, text) "<w:tc><w:tcPr>" pr "</w:tcPr><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"

static void test_grid_spans(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    const char *body =
        "<w:p><w:r><w:t>表</w:t></w:r></w:p>"
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        "<w:tr>" TC("<w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/>", "A") TC("", "B") "</w:tr>"
        "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge/></w:tcPr><w:p/></w:tc>" TC("", "C") "</w:tr>"
        "<w:tr>" TC("<w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"continue\"/>", "hidden") TC("<w:vMerge w:val=\"restart\"/>", "D") "</w:tr>"
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" TC("<w:gridSpan w:val=\"2\"/>", "E") "</w:tr>"
        "<w:tr>" TC("<w:vMerge/>", "F") TC("<w:hMerge w:val=\"restart\"/>", "G") TC("<w:hMerge/>", "") "</w:tr>"
        "<w:tr>" TC("", "H") TC("", "I") TC("<w:vMerge/>", "J") "</w:tr>"
        "</w:tbl>"
        "<w:p><w:r><w:t>后</w:t></w:r></w:p>";
    gk_doc *d = read_body(a, body, NULL, NULL);
    assert_int_equal(d->nblocks, 3);
    assert_int_equal(d->nlines, 8);
    assert_int_equal(d->blocks[0].line, 1);
    assert_int_equal(d->blocks[2].line, 8);
    const gk_block *t = nth_block(d, GK_BLOCK_TABLE, 0);
    assert_int_equal(t->line, 2);
    assert_int_equal(t->end_line, 7);
    assert_int_equal(t->nrows, 6);
    const gk_drow *R = t->rows;
    /* A: 2 columns × 3 rows (restart, continue without a value, "continue") */
    assert_int_equal(R[0].ncells, 3);
    assert_string_equal(R[0].cells[0].text, "A");
    assert_int_equal(R[0].cells[0].colspan, 2);
    assert_int_equal(R[0].cells[0].rowspan, 3);
    assert_true(R[0].cells[1].spanned);
    assert_string_equal(R[0].cells[1].text, "");
    assert_string_equal(R[0].cells[2].text, "B");
    assert_int_equal(R[0].cells[2].rowspan, 1);
    assert_true(R[1].cells[0].spanned && R[1].cells[1].spanned);
    assert_string_equal(R[1].cells[2].text, "C");
    assert_true(R[2].cells[0].spanned && R[2].cells[1].spanned);
    assert_int_equal(R[2].cells[0].len, 0);   /* a continuing cell's own text is not shown */
    assert_string_equal(R[2].cells[2].text, "D");
    assert_int_equal(R[2].cells[2].rowspan, 1);   /* the next row's column 3 starts no cell under it */
    /* grid-before: position 1 is no cell */
    assert_int_equal(R[3].ncells, 3);
    assert_true(R[3].cells[0].spanned);
    assert_string_equal(R[3].cells[1].text, "E");
    assert_int_equal(R[3].cells[1].colspan, 2);
    assert_int_equal(R[3].cells[1].src.col, 2);
    assert_true(R[3].cells[2].spanned);
    /* a continue with nothing above it to continue stands alone; legacy hMerge widens G */
    assert_string_equal(R[4].cells[0].text, "F");
    assert_false(R[4].cells[0].spanned);
    assert_int_equal(R[4].cells[0].rowspan, 1);   /* H below has no w:vMerge */
    assert_string_equal(R[4].cells[1].text, "G");
    assert_int_equal(R[4].cells[1].colspan, 2);
    assert_true(R[4].cells[2].spanned);
    assert_string_equal(R[5].cells[0].text, "H");
    assert_string_equal(R[5].cells[2].text, "J");   /* J continues nothing that starts at column 3 */
    for (uint32_t r = 0; r < t->nrows; r++)
        for (uint32_t c = 0; c < R[r].ncells; c++) {
            assert_int_equal(R[r].cells[c].src.line, R[r].line);
            assert_int_equal(R[r].cells[c].src.col, c + 1);
            assert_int_equal(strlen(R[r].cells[c].text), R[r].cells[c].len);
        }
    gk_arena_free(a);
}

static void test_grid_fix_rowspan(void **state) {
    /* F (vMerge continue, no restart above) starts a chain that H does not continue: rowspan 1 */
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_doc *d = read_body(a,
                          "<w:tbl><w:tr>" TC("<w:vMerge/>", "F") TC("", "x") "</w:tr><w:tr>" TC("", "H") TC("", "y")
                          "</w:tr><w:tr>" TC("<w:vMerge w:val=\"restart\"/>", "K") TC("", "z") "</w:tr><w:tr>"
                          TC("<w:vMerge/>", "") TC("", "w") "</w:tr></w:tbl>",
                          NULL, NULL);
    const gk_block *t = nth_block(d, GK_BLOCK_TABLE, 0);
    assert_int_equal(t->rows[0].cells[0].rowspan, 1);
    assert_string_equal(t->rows[1].cells[0].text, "H");
    assert_int_equal(t->rows[2].cells[0].rowspan, 2);
    assert_true(t->rows[3].cells[0].spanned);
    assert_string_equal(t->rows[3].cells[1].text, "w");
    gk_arena_free(a);
}

static void test_nested_and_cells(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    const char *body =
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p>"
        "<w:tbl><w:tr>" TC("", "内1") TC("", "内2") "</w:tr><w:tr>" TC("", "内3") "</w:tr></w:tbl>"
        "<w:p/><w:p><w:r><w:t xml:space=\"preserve\">  尾  </w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>商业</w:t></w:r></w:p><w:p><w:r><w:t>企业</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>5</w:delText></w:r></w:del>"
        "<w:ins w:id=\"2\" w:author=\"x\"><w:r><w:t>3</w:t></w:r></w:ins></w:p></w:tc>"
        "<w:tc><w:tcPr><w:cellDel w:id=\"3\" w:author=\"x\"/></w:tcPr><w:p><w:r><w:t>gone</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>　　</w:t></w:r></w:p></w:tc>"
        "</w:tr><w:tr><w:trPr><w:del w:id=\"4\" w:author=\"x\"/></w:trPr>" TC("", "deleted row") "</w:tr>"
        "<w:tr><w:trPr><w:ins w:id=\"5\" w:author=\"x\"/></w:trPr>" TC("", "inserted row") "</w:tr></w:tbl>";
    gk_doc *d = read_body(a, body, NULL, NULL);
    assert_int_equal(d->nblocks, 1);
    const gk_block *t = &d->blocks[0];
    assert_int_equal(t->nrows, 2);
    assert_int_equal(t->rows[0].ncells, 4);
    assert_string_equal(t->rows[0].cells[0].text, "外\n内1\n内2\n内3\n尾");
    assert_string_equal(t->rows[0].cells[1].text, "商业\n企业");
    assert_string_equal(t->rows[0].cells[2].text, "3");   /* w:del "5" + w:ins "3" reads 3 */
    assert_string_equal(t->rows[0].cells[3].text, "");    /* U+3000 only: blank */
    assert_string_equal(t->rows[1].cells[0].text, "inserted row");
    assert_int_equal(t->rows[0].line, 1);
    assert_int_equal(t->rows[1].line, 2);   /* the deleted row takes no ordinal */
    assert_int_equal(d->nlines, 2);
    gk_arena_free(a);
}

/* The same change at report level: a t3 cell of a seed carrying "5" deleted and "3" inserted reads 3. */
static void test_tracked_cell_in_report(void **state) {
    (void)state;
    skip_if_no_shared();
    char path[4096];
    snprintf(path, sizeof path, "%s/corpus/other/blank_template_2021.docx", shared_dir());
    size_t len;
    char *bytes = slurp(path, &len);
    if (!bytes) skip();
    /* put the edit into the template's first t3 value cell (一、本年新收… / 自然人) */
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *s = zip_source_buffer_create(bytes, len, 0, &ze);
    zip_t *z = zip_open_from_source(s, ZIP_RDONLY, &ze);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, "word/document.xml", 0, &st), 0);
    char *xml = calloc(1, st.size + 1);
    zip_file_t *f = zip_fopen(z, "word/document.xml", 0);
    assert_int_equal(zip_fread(f, xml, st.size), (zip_int64_t)st.size);
    zip_fclose(f);
    zip_discard(z);
    char *row = strstr(xml, "一、本年新收政府信息公开申请数量");
    assert_non_null(row);
    char *tc = strstr(row, "</w:tc>");   /* end of the label cell */
    assert_non_null(tc);
    char *p_end = strstr(tc + 7, "</w:p>");   /* the first value cell's paragraph */
    assert_non_null(p_end);
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_append(&b, xml, (size_t)(p_end - xml));
    gk_buf_puts(&b, "<w:del w:id=\"901\" w:author=\"x\"><w:r><w:delText>5</w:delText></w:r></w:del>"
                    "<w:ins w:id=\"902\" w:author=\"x\"><w:r><w:t>3</w:t></w:r></w:ins>");
    gk_buf_puts(&b, p_end);
    size_t zlen;
    char *docx = make_docx(b.data, NULL, NULL, &zlen);
    gk_arena *a = gk_arena_new();
    gk_report *r = NULL;
    const char *detail = NULL;
    assert_int_equal(gk_report_from_bytes(a, "edited.docx", docx, zlen, &r, &detail), GK_OK);
    int numbers = 0, at = -1;
    for (int i = 0; i < GK_NCELLS; i++)
        if (r->cells[i].state == GK_CELL_NUMBER) { numbers++; at = i; }
    assert_int_equal(numbers, 1);
    assert_int_equal(r->cells[at].num.value, 3);
    assert_int_equal(at, gk_t3(0, 0));
    gk_arena_free(a);
    free(docx);
    gk_buf_free(&b);
    free(xml);
    free(bytes);
}

/* ---------------------------------------------------------------- paragraphs */

static void test_paragraph_text(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    const char *body =
        "<w:p><w:r><w:t>一</w:t><w:tab/><w:t>二</w:t><w:br/><w:t>三</w:t><w:cr/><w:t>四</w:t></w:r>"
        "<w:r><w:noBreakHyphen/><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/><w:sym w:font=\"SimSun\" w:char=\"2460\"/></w:r></w:p>"
        "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs><w:rPr><w:b/></w:rPr></w:pPr>"
        "<w:r><w:t>A</w:t></w:r><w:ins w:id=\"1\" w:author=\"x\"><w:r><w:t>B</w:t></w:r></w:ins>"
        "<w:del w:id=\"2\" w:author=\"x\"><w:r><w:delText>X</w:delText></w:r></w:del>"
        "<w:moveFrom w:id=\"3\" w:author=\"x\"><w:r><w:t>Y</w:t></w:r></w:moveFrom>"
        "<w:moveTo w:id=\"4\" w:author=\"x\"><w:r><w:t>C</w:t></w:r></w:moveTo>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Z</w:t></w:r><w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>D</w:t></w:r>"
        "<w:r><w:instrText> PAGE </w:instrText></w:r><w:fldSimple w:instr=\"NUMPAGES\"><w:r><w:t>E</w:t></w:r></w:fldSimple>"
        "<w:hyperlink r:id=\"x\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
        "<w:r><w:t>F</w:t></w:r></w:hyperlink>"
        "<w:sdt><w:sdtPr><w:alias w:val=\"W\"/><w:placeholder><w:docPart w:val=\"x\"/></w:placeholder></w:sdtPr>"
        "<w:sdtContent><w:r><w:t>G</w:t></w:r></w:sdtContent></w:sdt>"
        "<mc:AlternateContent><mc:Choice Requires=\"w14\"><w:r><w:t>H</w:t></w:r></mc:Choice>"
        "<mc:Fallback><w:r><w:t>V</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"
        /* a deleted paragraph mark: this paragraph and the next are one */
        "<w:p><w:pPr><w:rPr><w:del w:id=\"5\" w:author=\"x\"/></w:rPr></w:pPr><w:r><w:t>前半</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>后半</w:t></w:r></w:p>"
        /* a whole paragraph deleted, mark and all */
        "<w:p><w:pPr><w:rPr><w:del w:id=\"6\" w:author=\"x\"/></w:rPr></w:pPr><w:del w:id=\"7\" w:author=\"x\"><w:r>"
        "<w:delText>整段删除</w:delText></w:r></w:del></w:p>"
        "<w:p><w:r><w:t>下一段</w:t></w:r></w:p>"
        /* a text box: its paragraph comes out on its own, before the one that anchors it */
        "<w:p><w:r><w:t>锚</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
        "<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>点</w:t></w:r></w:p>"
        "<w:p/><w:p><w:r><w:t xml:space=\"preserve\">   </w:t></w:r></w:p>"
        "<w:p><w:r><w:t>&lt;&amp;&gt;&#x4E2D;&#20013;</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"1\"/></w:sectPr></w:pPr><w:r><w:t>末</w:t></w:r></w:p>";
    gk_doc *d = read_body(a, body, NULL, NULL);
    const char *want[] = {"一\t二\n三\n四-①", "ABCDEFGH", "前半后半", "下一段", "文本框", "锚点", "<&>中中", "末"};
    size_t nw = sizeof want / sizeof want[0];
    assert_int_equal(d->nblocks, nw);
    for (size_t i = 0; i < nw; i++) {
        assert_int_equal(d->blocks[i].kind, GK_BLOCK_PARA);
        assert_string_equal(d->blocks[i].text, want[i]);
        assert_int_equal(d->blocks[i].len, strlen(want[i]));
        assert_null(d->blocks[i].orig);
    }
    /* ordinals: every body paragraph that exists once the changes are accepted, blank ones too */
    uint32_t lines[] = {1, 2, 3, 4, 5, 6, 9, 10};
    for (size_t i = 0; i < nw; i++) assert_int_equal(d->blocks[i].line, lines[i]);
    assert_int_equal(d->nlines, 10);
    gk_arena_free(a);
}

/* ---------------------------------------------------------------- numbering */

#define LVL(i, start, fmt, text, extra)                                                                        \
    "<w:lvl w:ilvl=\"" #i "\"><w:start w:val=\"" #start "\"/><w:numFmt w:val=\"" fmt "\"/>" extra              \
    "<w:lvlText w:val=\"" text "\"/></w:lvl>"
#define NOSUFF "<w:suff w:val=\"nothing\"/>"
#define NP(num, lvl, text)                                                                                     \
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num "\"/></w:numPr></w:pPr>"      \
    "<w:r><w:t>" text "</w:t></w:r></w:p>"
#define SP(style, text) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"

static const char NUMBERING[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering " NSDECL ">"
    "<w:abstractNum w:abstractNumId=\"0\">" LVL(0, 1, "chineseCounting", "%1、", NOSUFF)
        LVL(1, 1, "chineseCounting", "（%2）", NOSUFF) LVL(2, 1, "decimal", "%3.", NOSUFF)
            LVL(3, 1, "decimal", "%1.%4", "<w:isLgl/>" NOSUFF) LVL(4, 1, "decimal", "(%5)", "<w:lvlRestart w:val=\"0\"/>" NOSUFF)
                "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\">" LVL(0, 1, "chineseCountingThousand", "%1、", "") "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"2\">" LVL(0, 1, "ideographTraditional", "%1.", "<w:suff w:val=\"space\"/>")
        "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"3\">" LVL(0, 1, "decimalEnclosedCircle", "%1", NOSUFF) LVL(1, 1, "upperRoman", "%2.", NOSUFF)
        LVL(2, 1, "lowerLetter", "%3)", NOSUFF) LVL(3, 1, "decimalZero", "%4", NOSUFF) LVL(4, 1, "chineseLegalSimplified", "%5", NOSUFF)
            LVL(5, 1, "bullet", "\xEF\x82\xB7", "") LVL(6, 1, "none", "第%7条", NOSUFF) LVL(7, 1, "decimalFullWidth", "%8", NOSUFF)
                "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"4\">" LVL(0, 1, "decimal", "第%1章", NOSUFF) "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"5\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
    "<mc:AlternateContent><mc:Choice Requires=\"w14\"><w:numFmt w:val=\"custom\" w:format=\"01, 02, 03, ...\"/></mc:Choice>"
    "<mc:Fallback><w:numFmt w:val=\"chineseCounting\"/></mc:Fallback></mc:AlternateContent>"
    "<w:pStyle w:val=\"Heading1\"/><w:suff w:val=\"nothing\"/><w:lvlText w:val=\"%1、\"/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"3\"/></w:num>"
    "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"4\"/></w:num>"
    "<w:num w:numId=\"6\"><w:abstractNumId w:val=\"4\"/></w:num>"   /* shares 4's counters */
    "<w:num w:numId=\"7\"><w:abstractNumId w:val=\"4\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/>"
    "</w:lvlOverride></w:num>"
    "<w:num w:numId=\"8\"><w:abstractNumId w:val=\"5\"/></w:num>"
    "<w:num w:numId=\"9\"><w:abstractNumId w:val=\"99\"/></w:num>"   /* a missing abstractNum: no number */
    "</w:numbering>";

static const char STYLES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles " NSDECL ">"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:basedOn w:val=\"Normal\"/><w:pPr><w:numPr>"
    "<w:numId w:val=\"8\"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"MyHeading\"><w:basedOn w:val=\"Heading1\"/></w:style>"
    "<w:style w:type=\"character\" w:styleId=\"Heading1Char\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
    "</w:styles>";

static void test_numbering(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_puts(&b, NP(1, 0, "总体情况") NP(1, 1, "主动公开") NP(1, 1, "依申请公开") NP(1, 2, "甲") NP(1, 2, "乙")
                        NP(1, 3, "法条") NP(1, 4, "不重启") NP(1, 0, "主动公开政府信息情况") NP(1, 1, "重新开始")
                            NP(1, 2, "丙") NP(1, 3, "再") NP(1, 4, "接着"));
    for (int i = 0; i < 9; i++) gk_buf_puts(&b, NP(1, 0, "x"));     /* 三 … 十一 */
    for (int i = 0; i < 21; i++) gk_buf_puts(&b, NP(2, 0, "y"));    /* 一 … 二十一 */
    gk_buf_puts(&b, NP(3, 0, "天干") NP(3, 0, "天干"));
    gk_buf_puts(&b, NP(4, 0, "圈") NP(4, 1, "罗马") NP(4, 1, "罗马") NP(4, 2, "字母") NP(4, 3, "零") NP(4, 4, "大写")
                        NP(4, 5, "项目符号") NP(4, 6, "无") NP(4, 7, "全角"));
    gk_buf_puts(&b, NP(5, 0, "") NP(6, 0, "共用") NP(7, 0, "重起") NP(7, 0, "继续") NP(5, 0, "再共用"));
    gk_buf_puts(&b, SP("Heading1", "样式编号") SP("MyHeading", "继承") NP(0, 0, "关掉")
                        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr></w:pPr>"
                        "<w:r><w:t>样式但关掉</w:t></w:r></w:p>" NP(9, 0, "缺") NP(77, 0, "无此编号")
                            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:pPrChange "
                            "w:id=\"1\" w:author=\"x\"><w:pPr/></w:pPrChange></w:pPr><w:r><w:t>改过</w:t></w:r></w:p>");
    gk_doc *d = read_body(a, b.data, NUMBERING, STYLES);
    const char *want[] = {
        "一、总体情况", "（一）主动公开", "（二）依申请公开", "1.甲", "2.乙", "1.1法条", "(1)不重启", "二、主动公开政府信息情况",
        "（一）重新开始", "1.丙", "2.1再", "(2)接着", "三、x", "四、x", "五、x", "六、x", "七、x", "八、x", "九、x", "十、x",
        "十一、x", "一、\ty", "二、\ty", "三、\ty", "四、\ty", "五、\ty", "六、\ty", "七、\ty", "八、\ty", "九、\ty",
        "十、\ty", "十一、\ty", "十二、\ty", "十三、\ty", "十四、\ty", "十五、\ty", "十六、\ty", "十七、\ty", "十八、\ty",
        "十九、\ty", "二十、\ty", "二十一、\ty", "甲. 天干", "乙. 天干", "①圈", "I.罗马", "II.罗马", "a)字母", "01零",
        "壹大写", "项目符号", "第条无", "１全角", "第1章", "第2章共用", "第5章重起", "第6章继续", "第3章再共用",
        "一、样式编号", "二、继承", "关掉", "样式但关掉", "缺", "无此编号", "十二、改过"};
    size_t nw = sizeof want / sizeof want[0];
    for (size_t i = 0; i < nw && i < d->nblocks; i++)
        if (strcmp(d->blocks[i].text, want[i]) != 0)
            fail_msg("paragraph %zu: «%s», want «%s»", i + 1, d->blocks[i].text, want[i]);
    assert_int_equal(d->nblocks, nw);
    gk_buf_free(&b);
    gk_arena_free(a);
}

/* Headings numbered by Word are recognised as the statutory sections. */
static void test_numbered_headings_recognised(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    const char *heads[] = {"总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                           "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"};
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_puts(&b, DOC_HEAD);
    gk_buf_puts(&b, "<w:p><w:r><w:t>某某区教育局2024年政府信息公开工作年度报告</w:t></w:r></w:p>");
    for (int i = 0; i < 6; i++) {
        gk_buf_printf(&b, NP(1, 0, "%s"), heads[i]);
        gk_buf_puts(&b, "<w:p><w:r><w:t>正文。</w:t></w:r></w:p>");
    }
    gk_buf_puts(&b, DOC_TAIL);
    size_t len;
    char *z = make_docx(b.data, NUMBERING, NULL, &len);
    gk_report *r = NULL;
    const char *detail = NULL;
    assert_int_equal(gk_report_from_bytes(a, "h.docx", z, len, &r, &detail), GK_OK);
    assert_int_equal(r->year, 2024);
    assert_string_equal(r->agency, "某某区教育局");
    for (int i = 0; i < 6; i++) {
        assert_true(r->sections[i].present);
        assert_int_equal(r->sections[i].numbering.kind, GK_NUM_CN);
        assert_int_equal(r->sections[i].numbering.value, i + 1);
        assert_string_equal(r->sections[i].title, heads[i]);
    }
    free(z);
    gk_buf_free(&b);
    gk_arena_free(a);
}

/* A package whose main part is not word/document.xml is found through _rels/.rels. */
static void test_main_part_by_relationship(void **state) {
    (void)state;
    static const char rels[] =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument\" Target=\"/word/document2.xml\"/></Relationships>";
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_puts(&b, DOC_HEAD);
    gk_buf_puts(&b, NP(1, 0, "总体情况"));
    gk_buf_puts(&b, DOC_TAIL);
    part p[] = {{"_rels/.rels", rels, strlen(rels), false},
                {"word/document2.xml", b.data, b.len, false},
                {"word/numbering.xml", NUMBERING, strlen(NUMBERING), false}};
    size_t len;
    char *z = make_zip(p, 3, &len);
    gk_arena *a = gk_arena_new();
    gk_doc *d = NULL;
    const char *detail = NULL;
    assert_int_equal(gk_read_docx(a, "x.docx", z, len, &d, &detail), GK_OK);
    assert_int_equal(d->nblocks, 1);
    assert_string_equal(d->blocks[0].text, "一、总体情况");
    free(z);
    gk_buf_free(&b);
    gk_arena_free(a);
}

/* Strict OOXML (ISO/IEC 29500 strict) names WordprocessingML by another namespace. */
static void test_strict_namespace(void **state) {
    (void)state;
    static const char doc[] =
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><w:body>"
        "<w:p><w:r><w:t>严格</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r>"
        "<w:t>合并</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>";
    size_t len;
    char *z = make_docx(doc, NULL, NULL, &len);
    gk_arena *a = gk_arena_new();
    gk_doc *d = NULL;
    const char *detail = NULL;
    assert_int_equal(gk_read_docx(a, "s.docx", z, len, &d, &detail), GK_OK);
    assert_int_equal(d->nblocks, 2);
    assert_string_equal(d->blocks[0].text, "严格");
    assert_int_equal(d->blocks[1].rows[0].ncells, 2);
    assert_int_equal(d->blocks[1].rows[0].cells[0].colspan, 2);
    gk_arena_free(a);
    free(z);
}

/* ---------------------------------------------------------------- malicious input */

typedef struct outcome {
    gk_status st;
    const char *detail;
    double seconds, wall;  /* CPU seconds of the reader, and wall-clock seconds */
} outcome;

static outcome read_bytes(gk_arena *a, const char *bytes, size_t len) {
    outcome o = {GK_OK, NULL, 0, 0};
    gk_doc *d = NULL;
    double t0 = cpu_now(), w0 = now();
    o.st = gk_read_docx(a, "evil.docx", bytes, len, &d, &o.detail);
    o.seconds = cpu_now() - t0;
    o.wall = now() - w0;
    if (o.st != GK_OK) assert_null(d);
    /* and through the sniffing front door, as the CLI does */
    gk_report *r = NULL;
    const char *detail2 = NULL;
    gk_status st2 = gk_report_from_bytes(a, "evil.docx", bytes, len, &r, &detail2);
    if (o.st != GK_OK) assert_int_equal(st2, o.st);
    return o;
}

static void expect(const char *what, const char *bytes, size_t len, gk_status want, const char *detail_has) {
    gk_arena *a = gk_arena_new();
    outcome o = read_bytes(a, bytes, len);
    print_message("%-44s → status %d in %6.1f ms CPU (%6.1f ms wall): %s\n", what, o.st, o.seconds * 1e3,
                  o.wall * 1e3, o.detail ? o.detail : "-");
    if (o.st != want) fail_msg("%s: status %d, want %d (%s)", what, o.st, want, o.detail ? o.detail : "-");
    assert_non_null(o.detail);
    assert_true(strlen(o.detail) < 400);
    if (detail_has && !strstr(o.detail, detail_has)) fail_msg("%s: detail «%s» lacks «%s»", what, o.detail, detail_has);
    if (o.seconds > FAST_SECONDS) fail_msg("%s: took %.2f s", what, o.seconds);
    gk_arena_free(a);
}

/* A source of n zero bytes, made as libzip reads it (the test never holds them). */
typedef struct zeros {
    zip_uint64_t n, pos;
    const char *head;      /* written first */
    size_t hlen;
} zeros;

static zip_int64_t zeros_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd) {
    zeros *z = ud;
    switch (cmd) {
    case ZIP_SOURCE_OPEN: z->pos = 0; return 0;
    case ZIP_SOURCE_READ: {
        zip_uint64_t left = z->n - z->pos, k = len < left ? len : left;
        for (zip_uint64_t i = 0; i < k; i++) {
            zip_uint64_t p = z->pos + i;
            ((char *)data)[i] = p < z->hlen ? z->head[p] : '0';
        }
        z->pos += k;
        return (zip_int64_t)k;
    }
    case ZIP_SOURCE_CLOSE: return 0;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = data;
        zip_stat_init(st);
        st->size = z->n;
        st->valid |= ZIP_STAT_SIZE;
        return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR: return 2 * sizeof(int);
    case ZIP_SOURCE_FREE: return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default: return -1;
    }
}

/* A DOCX whose document.xml is `n` bytes: an XML head then '0' characters, deflated as it is made. */
static char *zeros_docx(zip_uint64_t n, size_t *len) {
    static const char head[] = "<?xml version=\"1.0\"?><w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>";
    zeros zz = {n, 0, head, sizeof head - 1};
    zip_source_t *src;
    zip_t *z = zip_new(&src);
    zip_put(z, "[Content_Types].xml", CONTENT_TYPES, strlen(CONTENT_TYPES), false);
    zip_source_t *s = zip_source_function(z, zeros_cb, &zz);
    assert_non_null(s);
    zip_int64_t i = zip_file_add(z, "word/document.xml", s, 0);
    assert_true(i >= 0);
    zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_DEFLATE, 1);
    return zip_finish(z, src, len);
}

/* Rewrites the uncompressed size of an entry in its local header and in the central directory. */
static void patch_size(char *zip, size_t len, const char *name, uint32_t size) {
    size_t nl = strlen(name);
    int patched = 0;
    for (size_t i = 0; i + 46 < len; i++) {
        bool local = memcmp(zip + i, "PK\3\4", 4) == 0, central = memcmp(zip + i, "PK\1\2", 4) == 0;
        if (!local && !central) continue;
        size_t name_at = local ? 30 : 46, len_at = local ? 26 : 28, size_at = local ? 22 : 24;
        uint16_t n = (uint16_t)((unsigned char)zip[i + len_at] | (unsigned char)zip[i + len_at + 1] << 8);
        if (n != nl || i + name_at + nl > len || memcmp(zip + i + name_at, name, nl) != 0) continue;
        for (int k = 0; k < 4; k++) zip[i + size_at + (size_t)k] = (char)(size >> (8 * k));
        patched++;
    }
    assert_int_equal(patched, 2);
}

/* Replaces bytes of an entry name (same length) everywhere it occurs. */
static void patch_name(char *zip, size_t len, const char *from, const char *to) {
    size_t n = strlen(from);
    assert_int_equal(strlen(to), n);
    int k = 0;
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(zip + i, from, n) == 0) { memcpy(zip + i, to, n); k++; }
    assert_true(k >= 2);
}

static const char SMALL_DOC[] = "<?xml version=\"1.0\"?><w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>总体情况"
                                "</w:t></w:r></w:p></w:body></w:document>";

static void test_zip_bombs(void **state) {
    (void)state;
    size_t len;
    double t0 = now();
    char *z = zeros_docx((zip_uint64_t)200 << 20, &len);
    print_message("made a 200 MB document.xml into a %zu-byte zip in %.2f s\n", len, now() - t0);
    dump("bomb", z, len);
    expect("zip bomb: 200 MB document.xml", z, len, GK_ERR_UNSAFE, "zip bomb");
    /* the same, its headers lying: 60 kB declared */
    patch_size(z, len, "word/document.xml", 60000);
    expect("zip bomb: header says 60 kB", z, len, GK_ERR_UNSAFE, "larger than");
    free(z);
    /* 30 MB (under the 64 MiB limit) compressed 1000:1 */
    z = zeros_docx((zip_uint64_t)30 << 20, &len);
    expect("zip bomb: 30 MB at over 200:1", z, len, GK_ERR_UNSAFE, "compressed");
    free(z);
    /* a declared total over 256 MiB */
    part p[6];
    p[0] = (part){"word/document.xml", SMALL_DOC, strlen(SMALL_DOC), false};
    static const char *names[] = {"word/media/a.bin", "word/media/b.bin", "word/media/c.bin", "word/media/d.bin",
                                  "word/media/e.bin"};
    for (int i = 0; i < 5; i++) p[1 + i] = (part){names[i], "xxxxxxxxxx", 10, false};
    z = make_zip(p, 6, &len);
    for (int i = 0; i < 5; i++) patch_size(z, len, names[i], 60u << 20);
    expect("zip bomb: 5 × 60 MB declared", z, len, GK_ERR_UNSAFE, "more than");
    free(z);
    /* document.xml declared 65 MiB */
    z = make_zip(p, 1, &len);
    patch_size(z, len, "word/document.xml", (64u << 20) + 1);
    expect("document.xml declared over 64 MiB", z, len, GK_ERR_UNSAFE, "zip bomb");
    free(z);
}

static void test_path_tricks(void **state) {
    (void)state;
    static const struct { const char *name, *fake; } tricks[] = {
        {"xx/evil.xml", "../evil.xml"},         {"word/xx/xx/evil", "word/../../evil"},
        {"xetc/passwd", "/etc/passwd"},         {"xx/evil", "C:/evil"},
        {"word/evil", "word\\evil"},           {"word/media/xx", "word/media/.."},
    };
    for (size_t i = 0; i < sizeof tricks / sizeof tricks[0]; i++) {
        part p[2] = {{"word/document.xml", SMALL_DOC, strlen(SMALL_DOC), false},
                     {tricks[i].name, "evil", 4, true}};
        size_t len;
        char *z = make_zip(p, 2, &len);
        patch_name(z, len, tricks[i].name, tricks[i].fake);
        char what[128];
        snprintf(what, sizeof what, "entry named %s", tricks[i].fake);
        expect(what, z, len, GK_ERR_UNSAFE, "refused");
        free(z);
    }
    /* names that only look odd are fine */
    part ok[2] = {{"word/document.xml", SMALL_DOC, strlen(SMALL_DOC), false}, {"word/a..b/..c", "x", 1, true}};
    size_t len;
    char *z = make_zip(ok, 2, &len);
    gk_arena *a = gk_arena_new();
    outcome o = read_bytes(a, z, len);
    assert_int_equal(o.st, GK_OK);
    gk_arena_free(a);
    free(z);
}

static void test_too_many_entries(void **state) {
    (void)state;
    zip_source_t *src;
    zip_t *zz = zip_new(&src);
    zip_put(zz, "word/document.xml", SMALL_DOC, strlen(SMALL_DOC), false);
    char name[64];
    for (int i = 0; i < 10000; i++) {
        snprintf(name, sizeof name, "customXml/item%d.xml", i);
        zip_put(zz, name, "", 0, true);
    }
    size_t len;
    char *z = zip_finish(zz, src, &len);
    expect("10001 entries", z, len, GK_ERR_UNSAFE, "entries");
    free(z);
}

/* A zip of a document.xml; big ones are stored, so that the reader gets to parse them (deflated, their
 * repetition would be refused as a zip bomb first). */
static char *doc_with(const char *xml, size_t n, size_t *len) {
    part p[2] = {{"[Content_Types].xml", CONTENT_TYPES, strlen(CONTENT_TYPES), false},
                 {"word/document.xml", xml, n, n > (1u << 20)}};
    return make_zip(p, 2, len);
}

static void test_bad_xml(void **state) {
    (void)state;
    size_t len;
    char *z;
    gk_buf b;
    gk_buf_init(&b);
    /* cut short */
    size_t cut = strlen(SMALL_DOC) - 20;
    z = doc_with(SMALL_DOC, cut, &len);
    expect("document.xml cut short", z, len, GK_ERR_MALFORMED, "truncated");
    free(z);
    /* an XML that never ends: 40 MB of paragraphs, no end */
    gk_buf_printf(&b, "<?xml version=\"1.0\"?><w:document xmlns:w=\"%s\"><w:body>", W_NS);
    while (b.len < (40u << 20)) gk_buf_puts(&b, "<w:p><w:r><w:t>永远不结束的文档</w:t></w:r></w:p>");
    z = doc_with(b.data, b.len, &len);
    expect("document.xml that never ends (40 MB)", z, len, GK_ERR_MALFORMED, "truncated");
    free(z);
    /* ... and one of 10 MB that pretends to end */
    gk_buf_reset(&b);
    gk_buf_printf(&b, "<?xml version=\"1.0\"?><w:document xmlns:w=\"%s\"><w:body>", W_NS);
    while (b.len < (10u << 20)) gk_buf_puts(&b, "<w:p><w:r><w:t>永远不结束的文档</w:t></w:r></w:p>");
    gk_buf_puts(&b, "</w:document>");
    z = doc_with(b.data, b.len, &len);
    expect("10 MB, the body never closed", z, len, GK_ERR_MALFORMED, "broken XML");
    free(z);
    /* 100000 nested elements */
    gk_buf_reset(&b);
    gk_buf_printf(&b, "<?xml version=\"1.0\"?><w:document xmlns:w=\"%s\"><w:body>", W_NS);
    for (int i = 0; i < 100000; i++) gk_buf_puts(&b, "<w:sdt><w:sdtContent>");
    for (int i = 0; i < 100000; i++) gk_buf_puts(&b, "</w:sdtContent></w:sdt>");
    gk_buf_puts(&b, "</w:body></w:document>");
    z = doc_with(b.data, b.len, &len);
    expect("100000 nested elements", z, len, GK_ERR_UNSAFE, "deeper");
    free(z);
    /* 300 levels of real nesting, tables in cells */
    gk_buf_reset(&b);
    gk_buf_printf(&b, "<?xml version=\"1.0\"?><w:document xmlns:w=\"%s\"><w:body>", W_NS);
    for (int i = 0; i < 100; i++) gk_buf_puts(&b, "<w:tbl><w:tr><w:tc>");
    for (int i = 0; i < 100; i++) gk_buf_puts(&b, "<w:p/></w:tc></w:tr></w:tbl>");
    gk_buf_puts(&b, "</w:body></w:document>");
    z = doc_with(b.data, b.len, &len);
    expect("tables nested 100 deep (300 levels)", z, len, GK_ERR_UNSAFE, "deeper");
    free(z);
    /* a DTD: external entity (XXE) and billion laughs */
    static const char xxe[] = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                              "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
    z = doc_with(xxe, strlen(xxe), &len);
    expect("external entity (XXE)", z, len, GK_ERR_UNSAFE, "DTD");
    free(z);
    gk_buf_reset(&b);
    gk_buf_puts(&b, "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY a \"lollollollollollollollollol\">");
    for (int i = 1; i < 10; i++) gk_buf_printf(&b, "<!ENTITY %c \"&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;\">", 'a' + i,
                                               'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1,
                                               'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1);
    gk_buf_printf(&b, "]><w:document xmlns:w=\"%s\"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>", W_NS);
    z = doc_with(b.data, b.len, &len);
    expect("billion laughs", z, len, GK_ERR_UNSAFE, "DTD");
    free(z);
    /* a UTF-16 document.xml with a DTD: the parser sees it, and it is still refused */
    static const char u16[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE d [<!ENTITY x \"y\">]><w:document "
                              "xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
    gk_buf_reset(&b);
    gk_buf_append(&b, "\xFF\xFE", 2);
    for (const char *p = u16; *p; p++) { gk_buf_putc(&b, *p); gk_buf_putc(&b, 0); }
    z = doc_with(b.data, b.len, &len);
    expect("UTF-16 document.xml with a DTD", z, len, GK_ERR_UNSAFE, "refused");
    free(z);
    /* not WordprocessingML, not XML, empty */
    static const char html[] = "<html><body><p>总体情况</p></body></html>";
    z = doc_with(html, strlen(html), &len);
    expect("document.xml that is HTML", z, len, GK_ERR_MALFORMED, "not a Word document");
    free(z);
    z = doc_with("\x01\x02garbage", 9, &len);
    expect("document.xml that is garbage", z, len, GK_ERR_MALFORMED, NULL);
    free(z);
    z = doc_with("", 0, &len);
    expect("document.xml empty", z, len, GK_ERR_MALFORMED, "empty");
    free(z);
    /* a gridSpan of 100000, and 1001 columns */
    gk_buf_reset(&b);
    gk_buf_printf(&b, "%s<w:tbl><w:tr>" TC("<w:gridSpan w:val=\"100000\"/>", "x") "</w:tr></w:tbl>%s", DOC_HEAD, DOC_TAIL);
    z = doc_with(b.data, b.len, &len);
    expect("gridSpan 100000", z, len, GK_ERR_UNSAFE, "columns");
    free(z);
    gk_buf_reset(&b);
    gk_buf_printf(&b, "%s<w:tbl><w:tr>", DOC_HEAD);
    for (int i = 0; i < 1001; i++) gk_buf_puts(&b, "<w:tc><w:p/></w:tc>");
    gk_buf_printf(&b, "</w:tr></w:tbl>%s", DOC_TAIL);
    z = doc_with(b.data, b.len, &len);
    expect("1001 columns", z, len, GK_ERR_UNSAFE, "columns");
    free(z);
    /* a million rows of grid-before 999: too many cells, refused before they are made */
    gk_buf_reset(&b);
    gk_buf_printf(&b, "%s<w:tbl>", DOC_HEAD);
    for (int i = 0; i < 1100; i++) gk_buf_puts(&b, "<w:tr><w:trPr><w:gridBefore w:val=\"999\"/></w:trPr></w:tr>");
    gk_buf_printf(&b, "</w:tbl>%s", DOC_TAIL);
    z = doc_with(b.data, b.len, &len);
    expect("rows of 999 empty grid positions", z, len, GK_ERR_UNSAFE, "cells");
    free(z);
    gk_buf_free(&b);
}

static void test_too_many_nodes(void **state) {
    (void)state;
    gk_buf b;
    gk_buf_init(&b);
    gk_buf_printf(&b, "<?xml version=\"1.0\"?><w:document xmlns:w=\"%s\"><w:body>", W_NS);
    for (long i = 0; i < 2100000L; i++) gk_buf_puts(&b, "<w:p/>");
    gk_buf_puts(&b, "</w:body></w:document>");
    size_t len;
    char *z = doc_with(b.data, b.len, &len);
    gk_arena *a = gk_arena_new();
    outcome o = read_bytes(a, z, len);
    print_message("%-44s → status %d in %6.1f ms CPU (%6.1f ms wall): %s\n", "2.1 million empty paragraphs", o.st,
                  o.seconds * 1e3, o.wall * 1e3, o.detail ? o.detail : "-");
    assert_int_equal(o.st, GK_ERR_UNSAFE);
    assert_true(o.seconds < FAST_SECONDS);
    gk_arena_free(a);
    free(z);
    gk_buf_free(&b);
}

static void test_not_a_docx(void **state) {
    (void)state;
    /* "PK\3\4" and random bytes */
    char junk[4096];
    unsigned x = 7;
    memcpy(junk, "PK\3\4", 4);
    for (size_t i = 4; i < sizeof junk; i++) { x = x * 1103515245u + 12345u; junk[i] = (char)(x >> 16); }
    expect("PK\\3\\4 and random bytes", junk, sizeof junk, GK_ERR_MALFORMED, "not a zip");
    expect("PK\\3\\4 alone", junk, 4, GK_ERR_MALFORMED, "not a zip");
    /* a zip without document.xml */
    part p[2] = {{"[Content_Types].xml", CONTENT_TYPES, strlen(CONTENT_TYPES), false},
                 {"xl/workbook.xml", "<workbook/>", 11, false}};
    size_t len;
    char *z = make_zip(p, 2, &len);
    expect("zip without word/document.xml", z, len, GK_ERR_MALFORMED, "not a DOCX: no word/document.xml");
    /* ... cut in half */
    expect("zip cut in half", z, len / 2, GK_ERR_MALFORMED, "not a zip");
    free(z);
    /* a relationship pointing out of the package is not followed */
    static const char rels[] =
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument\" Target=\"../../etc/passwd\"/></Relationships>";
    part q[1] = {{"_rels/.rels", rels, strlen(rels), false}};
    z = make_zip(q, 1, &len);
    expect("officeDocument target outside", z, len, GK_ERR_MALFORMED, "no word/document.xml");
    free(z);
    /* an empty input */
    gk_arena *a = gk_arena_new();
    gk_doc *d = NULL;
    const char *detail = NULL;
    assert_int_equal(gk_read_docx(a, "e.docx", "", 0, &d, &detail), GK_ERR_EMPTY);
    assert_null(d);
    gk_arena_free(a);
}

/* A broken numbering.xml costs the numbers, not the document. */
static void test_broken_numbering(void **state) {
    (void)state;
    gk_arena *a = gk_arena_new();
    gk_doc *d = read_body(a, NP(1, 0, "总体情况"), "<w:numbering xmlns:w=\"" W_NS "\"><w:abstractNum", NULL);
    assert_int_equal(d->nblocks, 1);
    assert_string_equal(d->blocks[0].text, "总体情况");
    gk_arena_free(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seeds_as_docx),
        cmocka_unit_test(test_blank_template),
        cmocka_unit_test(test_tracked_cell_in_report),
        cmocka_unit_test(test_grid_spans),
        cmocka_unit_test(test_grid_fix_rowspan),
        cmocka_unit_test(test_nested_and_cells),
        cmocka_unit_test(test_paragraph_text),
        cmocka_unit_test(test_numbering),
        cmocka_unit_test(test_numbered_headings_recognised),
        cmocka_unit_test(test_main_part_by_relationship),
        cmocka_unit_test(test_strict_namespace),
        cmocka_unit_test(test_broken_numbering),
        cmocka_unit_test(test_not_a_docx),
        cmocka_unit_test(test_path_tricks),
        cmocka_unit_test(test_too_many_entries),
        cmocka_unit_test(test_zip_bombs),
        cmocka_unit_test(test_bad_xml),
        cmocka_unit_test(test_too_many_nodes),
    };
    if (!shared_dir()) print_message("shared/ not found: the seed and template tests will be skipped\n");
    return cmocka_run_group_tests(tests, NULL, NULL);
}
