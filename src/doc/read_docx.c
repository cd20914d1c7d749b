/* read_docx.c: the DOCX reader. A DOCX is a zip (opened from memory with libzip) whose main part,
 * word/document.xml, is read with libxml2's streaming xmlReader into the format-neutral document:
 *
 *   paragraphs   w:p → the text of its w:t runs (w:tab → TAB, w:br/w:cr → LF), with the list number Word
 *                would display (w:numPr, or the paragraph style's numbering, resolved through
 *                word/numbering.xml: numId → abstractNum → level's numFmt and lvlText, counters per list
 *                and level, deeper levels restarted) put in front;
 *   tables       w:tbl → a TRUE grid: w:gridSpan → colspan, w:vMerge restart/continue → rowspan, w:gridBefore
 *                → leading positions; the origin cell holds the text and the spans, every position it covers
 *                is a cell with spanned = true and empty text. A cell's paragraphs are joined by LF; a table
 *                nested in a cell gives its text to that cell;
 *   revisions    resolved as if every tracked change were accepted: w:ins and w:moveTo kept, w:del, w:delText,
 *                w:moveFrom dropped, a deleted paragraph mark joins its paragraph to the next, a deleted
 *                row disappears; old properties (w:pPrChange …) are ignored.
 *
 * Where things come from: gk_src.line is the 1-based ordinal of the body paragraph or top-level table row
 * (one sequence for both), gk_src.col the 1-based grid column; offset and len are 0 (the texts are not
 * slices of doc->src, which holds word/document.xml). doc->nlines is the number of ordinals.
 *
 * Safety (all refused before any large allocation, and within a second): more than 10000 entries, entry
 * names with absolute paths, ".." or backslashes, a document.xml over 64 MiB or any part we read larger
 * than declared, a compression ratio over 200 on a part over 1 MiB, a declared total over 256 MiB, a DTD
 * (no entity is ever expanded, nothing is loaded from the network), XML nested deeper than 256, more than
 * 2 million XML nodes, tables wider than 1000 columns or over a million cells → GK_ERR_UNSAFE; not a zip,
 * no main document, truncated or broken XML → GK_ERR_MALFORMED. *detail names the reason. */
#include "gongkai/doc.h"
#include "gongkai/text.h"

#include <libxml/xmlreader.h>
#include <zip.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ENTRIES 10000
#define MAX_DOCUMENT ((zip_uint64_t)64 << 20)
#define MAX_PART ((zip_uint64_t)16 << 20)      /* numbering.xml, styles.xml, relationships */
#define MAX_TOTAL ((zip_uint64_t)256 << 20)
#define MAX_RATIO 200
#define RATIO_FROM ((zip_uint64_t)1 << 20)     /* "a large entry" for the ratio test */
#define MAX_DEPTH 256
#define MAX_NODES 2000000L     /* ≈ 30 MB of XML as WPS writes it, 60 MB as Word does */
#define MAX_COLS 1000
#define MAX_CELLS 1000000u
#define MAX_ITEMS 1000000u                     /* stored paragraphs + table rows */
#define MAX_DEFS 10000                         /* abstractNum, num and style definitions */

static const char W_NS[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char W_NS_STRICT[] = "http://purl.oclc.org/ooxml/wordprocessingml/main";
static const char MC_NS[] = "http://schemas.openxmlformats.org/markup-compatibility/2006";
static const char REL_NS[] = "http://schemas.openxmlformats.org/package/2006/relationships";

/* ------------------------------------------------------------------ small helpers */

static void put_cp(gk_buf *b, uint32_t cp) {
    char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    gk_buf_append(b, u, n);
}

/* A decimal attribute value ("3", "-1"); def when absent or not a number. Clamped to ±1e9. */
static long parse_long(const char *s, long def) {
    if (!s) return def;
    while (*s == ' ') s++;
    bool neg = *s == '-';
    if (*s == '-' || *s == '+') s++;
    if (*s < '0' || *s > '9') return def;
    long v = 0;
    for (; *s >= '0' && *s <= '9'; s++) v = v < 1000000000L ? v * 10 + (*s - '0') : v;
    return neg ? -v : v;
}

/* An on/off attribute (w:val of w:vanish, w:isLgl …): absent means on. */
static bool onoff(const char *v) {
    return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

/* ------------------------------------------------------------------ the XML walk */

/* Element identity. */
enum {
    E_OTHER = 0, E_OTHER_W, E_DOCUMENT, E_BODY, E_P, E_PPR, E_RPR, E_R, E_T, E_TAB, E_PTAB, E_BR, E_CR, E_SYM,
    E_NOBREAKHYPHEN, E_NUMPR, E_NUMID, E_ILVL, E_PSTYLE, E_DEL, E_INS, E_MOVEFROM, E_MOVETO, E_VANISH,
    E_TBL, E_TR, E_TC, E_TRPR, E_TCPR, E_GRIDSPAN, E_VMERGE, E_HMERGE, E_GRIDBEFORE, E_CELLDEL, E_SKIPPED,
    E_MC_FALLBACK,
    /* numbering.xml */
    E_ABSTRACTNUM, E_LVL, E_START, E_NUMFMT, E_LVLTEXT, E_LVLRESTART, E_SUFF, E_ISLGL, E_NUM, E_ABSTRACTNUMID,
    E_LVLOVERRIDE, E_STARTOVERRIDE,
    /* styles.xml */
    E_STYLE, E_BASEDON
};

static bool is_w(const xmlChar *ns) {
    return ns && (strcmp((const char *)ns, W_NS) == 0 || strcmp((const char *)ns, W_NS_STRICT) == 0);
}

static int element_kind_slow(const xmlChar *ns, const char *n) {
    if (!n) return E_OTHER;
    if (ns && strcmp((const char *)ns, MC_NS) == 0) return strcmp(n, "Fallback") == 0 ? E_MC_FALLBACK : E_OTHER;
    if (!is_w(ns)) return E_OTHER;
    static const struct { const char *name; int kind; } names[] = {
        {"document", E_DOCUMENT}, {"body", E_BODY}, {"p", E_P}, {"pPr", E_PPR}, {"rPr", E_RPR}, {"r", E_R},
        {"t", E_T}, {"tab", E_TAB}, {"ptab", E_PTAB}, {"br", E_BR}, {"cr", E_CR}, {"sym", E_SYM},
        {"noBreakHyphen", E_NOBREAKHYPHEN}, {"numPr", E_NUMPR}, {"numId", E_NUMID}, {"ilvl", E_ILVL},
        {"pStyle", E_PSTYLE}, {"del", E_DEL}, {"ins", E_INS}, {"moveFrom", E_MOVEFROM}, {"moveTo", E_MOVETO},
        {"vanish", E_VANISH}, {"tbl", E_TBL}, {"tr", E_TR}, {"tc", E_TC}, {"trPr", E_TRPR}, {"tcPr", E_TCPR},
        {"gridSpan", E_GRIDSPAN}, {"vMerge", E_VMERGE}, {"hMerge", E_HMERGE}, {"gridBefore", E_GRIDBEFORE},
        {"cellDel", E_CELLDEL},
        /* never text of the document: field codes, deleted text, old properties, section and table
         * properties, content-control properties, the page background */
        {"delText", E_SKIPPED}, {"instrText", E_SKIPPED}, {"delInstrText", E_SKIPPED}, {"pPrChange", E_SKIPPED},
        {"rPrChange", E_SKIPPED}, {"trPrChange", E_SKIPPED}, {"tcPrChange", E_SKIPPED},
        {"tblPrChange", E_SKIPPED}, {"tblGridChange", E_SKIPPED}, {"sectPrChange", E_SKIPPED},
        {"numberingChange", E_SKIPPED}, {"sectPr", E_SKIPPED}, {"tblPr", E_SKIPPED}, {"tblPrEx", E_SKIPPED},
        {"tblGrid", E_SKIPPED}, {"sdtPr", E_SKIPPED}, {"sdtEndPr", E_SKIPPED}, {"background", E_SKIPPED},
        {"abstractNum", E_ABSTRACTNUM}, {"lvl", E_LVL}, {"start", E_START}, {"numFmt", E_NUMFMT},
        {"lvlText", E_LVLTEXT}, {"lvlRestart", E_LVLRESTART}, {"suff", E_SUFF}, {"isLgl", E_ISLGL},
        {"num", E_NUM}, {"abstractNumId", E_ABSTRACTNUMID}, {"lvlOverride", E_LVLOVERRIDE},
        {"startOverride", E_STARTOVERRIDE}, {"style", E_STYLE}, {"basedOn", E_BASEDON},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(n, names[i].name) == 0) return names[i].kind;
    return E_OTHER_W;
}


enum { EV_START, EV_END, EV_TEXT };
enum { WALK_GO = 0, WALK_SKIP = -1 };   /* callback results; a positive value is a gk_status to stop with */

typedef int (*walk_fn)(void *ctx, xmlTextReaderPtr r, int ev, int depth, int kind);

/* Element kinds by the interned (dictionary) pointers of local name and namespace: the reader hands out
 * the same pointers for the same names, so nearly every element is one hash probe. */
#define KCACHE 512
typedef struct kcache {
    const xmlChar *name[KCACHE], *ns[KCACHE];
    uint8_t kind[KCACHE];
} kcache;

static int element_kind(kcache *kc, xmlTextReaderPtr r) {
    const xmlChar *n = xmlTextReaderConstLocalName(r), *ns = xmlTextReaderConstNamespaceUri(r);
    uintptr_t h = ((uintptr_t)n >> 3) ^ ((uintptr_t)ns >> 5);
    for (int probe = 0; probe < 4; probe++) {
        size_t i = (h + (size_t)probe) % KCACHE;
        if (kc->name[i] == n && kc->ns[i] == ns && n) return kc->kind[i];
        if (!kc->name[i]) {
            int k = element_kind_slow(ns, (const char *)n);
            kc->name[i] = n;
            kc->ns[i] = ns;
            kc->kind[i] = (uint8_t)k;
            return k;
        }
    }
    return element_kind_slow(ns, (const char *)n);
}

typedef struct {
    int code, line;
    char msg[160];
    bool any;
} xerr;

#if LIBXML_VERSION >= 21200
static void on_xml_error(void *ctx, const xmlError *e) {
#else
static void on_xml_error(void *ctx, xmlErrorPtr e) {
#endif
    xerr *x = ctx;
    if (x->any || !e) return;
    x->any = true;
    x->code = e->code;
    x->line = e->line;
    snprintf(x->msg, sizeof x->msg, "%s", e->message ? e->message : "error");
    size_t n = strlen(x->msg);
    while (n && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' ')) x->msg[--n] = 0;
}

/* Cheap checks before the parser sees a byte: a DTD is refused outright (no DOCX has one, and it is the
 * door to entity expansion), and an XML whose root element is never closed is truncated. Only for
 * ASCII-compatible encodings; UTF-16 parts go to the parser as they are. */
static gk_status precheck(gk_arena *a, const char *part, const char *x, size_t n, const char **detail) {
    size_t i = 0;
    if (n >= 2 && ((unsigned char)x[0] == 0xFF || (unsigned char)x[0] == 0xFE)) return GK_OK;
    if (n >= 3 && memcmp(x, "\xEF\xBB\xBF", 3) == 0) i = 3;
    const char *root = NULL;
    size_t rootlen = 0;
    while (i < n) {
        char c = x[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { i++; continue; }
        if (c != '<') break;
        if (i + 1 < n && x[i + 1] == '?') {
            const char *e = NULL;
            for (size_t k = i + 2; k + 1 < n; k++)
                if (x[k] == '?' && x[k + 1] == '>') { e = x + k; break; }
            if (!e) break;
            i = (size_t)(e - x) + 2;
            continue;
        }
        if (i + 3 < n && memcmp(x + i, "<!--", 4) == 0) {
            size_t k = i + 4;
            while (k + 2 < n && memcmp(x + k, "-->", 3) != 0) k++;
            if (k + 2 >= n) break;
            i = k + 3;
            continue;
        }
        if (i + 1 < n && x[i + 1] == '!') {
            *detail = gk_arena_printf(a, "%s has a DTD (<!DOCTYPE>): refused", part);
            return GK_ERR_UNSAFE;
        }
        size_t k = i + 1;
        while (k < n && k - i < 200 && x[k] != ' ' && x[k] != '>' && x[k] != '/' && x[k] != '\t' && x[k] != '\r' &&
               x[k] != '\n')
            k++;
        root = x + i + 1;
        rootlen = k - i - 1;
        break;
    }
    if (!root || rootlen == 0 || rootlen >= 200) return GK_OK;   /* the parser will say what is wrong */
    /* the end: "</root>" (space allowed before '>'), or the root element empty "<root …/>" */
    size_t e = n;
    while (e > 0 && (x[e - 1] == ' ' || x[e - 1] == '\t' || x[e - 1] == '\r' || x[e - 1] == '\n' || x[e - 1] == 0)) e--;
    if (e >= 3 && (memcmp(x + e - 3, "-->", 3) == 0 || memcmp(x + e - 2, "?>", 2) == 0)) return GK_OK;
    if (e > 0 && x[e - 1] == '>') {
        size_t k = e - 1;
        while (k > 0 && (x[k - 1] == ' ' || x[k - 1] == '\t' || x[k - 1] == '\r' || x[k - 1] == '\n')) k--;
        if (k >= rootlen + 2 && memcmp(x + k - rootlen, root, rootlen) == 0 && x[k - rootlen - 1] == '/' &&
            x[k - rootlen - 2] == '<')
            return GK_OK;
        if (k > 0 && x[k - 1] == '/') return GK_OK;   /* maybe <root/>: the parser decides */
    }
    *detail = gk_arena_printf(a, "%s is truncated: its XML ends before </%.*s>", part, (int)rootlen, root);
    return GK_ERR_MALFORMED;
}

/* Streams one XML part through fn: element starts and ends (an empty element gives both) and text. A
 * callback returning WALK_SKIP on a start skips that element's subtree. */
static gk_status walk(gk_arena *a, const char *part, const char *x, size_t n, walk_fn fn, void *ctx,
                      const char **detail) {
    if (n == 0) {
        *detail = gk_arena_printf(a, "%s is empty", part);
        return GK_ERR_MALFORMED;
    }
    if (n > (size_t)INT_MAX) {
        *detail = gk_arena_printf(a, "%s is too large", part);
        return GK_ERR_UNSAFE;
    }
    gk_status st = precheck(a, part, x, n, detail);
    if (st != GK_OK) return st;
    xmlTextReaderPtr r = xmlReaderForMemory(x, (int)n, NULL, NULL,
                                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
    if (!r) {
        *detail = gk_arena_printf(a, "%s: the XML parser could not start", part);
        return GK_ERR_NOMEM;
    }
    xerr err = {0};
    xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, &err);
    kcache *kc = calloc(1, sizeof *kc);
    if (!kc) {
        xmlFreeTextReader(r);
        *detail = "out of memory";
        return GK_ERR_NOMEM;
    }
    long nodes = 0;
    int skip = -1, ret;
    st = GK_OK;
    while ((ret = xmlTextReaderRead(r)) == 1) {
        int depth = xmlTextReaderDepth(r);
        int type = xmlTextReaderNodeType(r);
        if (++nodes > MAX_NODES) {
            *detail = gk_arena_printf(a, "%s has more than %ld XML nodes: refused", part, MAX_NODES);
            st = GK_ERR_UNSAFE;
            break;
        }
        if (depth >= MAX_DEPTH) {
            *detail = gk_arena_printf(a, "%s: XML nested deeper than %d levels: refused", part, MAX_DEPTH);
            st = GK_ERR_UNSAFE;
            break;
        }
        if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE ||
            type == XML_READER_TYPE_ENTITY) {
            *detail = gk_arena_printf(a, "%s has a DTD or entity references: refused", part);
            st = GK_ERR_UNSAFE;
            break;
        }
        if (skip >= 0) {
            if (type == XML_READER_TYPE_END_ELEMENT && depth == skip) skip = -1;
            continue;
        }
        int rc = WALK_GO;
        if (type == XML_READER_TYPE_ELEMENT) {
            bool empty = xmlTextReaderIsEmptyElement(r) == 1;
            int kind = element_kind(kc, r);
            rc = fn(ctx, r, EV_START, depth, kind);
            if (rc == WALK_SKIP) {
                if (!empty) skip = depth;
                continue;
            }
            if (rc == WALK_GO && empty) rc = fn(ctx, r, EV_END, depth, kind);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            rc = fn(ctx, r, EV_END, depth, element_kind(kc, r));
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE) {
            rc = fn(ctx, r, EV_TEXT, depth, E_OTHER);
        }
        if (rc > 0) {
            st = (gk_status)rc;
            break;
        }
    }
    if (st == GK_OK && ret < 0) {
        if (err.any && strstr(err.msg, "depth")) {
            *detail = gk_arena_printf(a, "%s: XML nested deeper than %d levels: refused", part, MAX_DEPTH);
            st = GK_ERR_UNSAFE;
        } else if (err.any && (strstr(err.msg, "ntity") || strstr(err.msg, "DTD"))) {
            *detail = gk_arena_printf(a, "%s: %s: refused", part, err.msg);
            st = GK_ERR_UNSAFE;
        } else {
            *detail = gk_arena_printf(a, "%s: broken XML (line %d: %s)", part, err.any ? err.line : 0,
                                      err.any ? err.msg : "unexpected end");
            st = GK_ERR_MALFORMED;
        }
    }
    xmlFreeTextReader(r);
    free(kc);
    return st;
}

/* A w: attribute (w:val …); unprefixed as a fallback. The result is malloc'd by libxml2 (xmlFree). */
static char *wattr(xmlTextReaderPtr r, const char *name) {
    xmlChar *v = xmlTextReaderGetAttributeNs(r, (const xmlChar *)name, (const xmlChar *)W_NS);
    if (!v) v = xmlTextReaderGetAttributeNs(r, (const xmlChar *)name, (const xmlChar *)W_NS_STRICT);
    if (!v) v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
    return (char *)v;
}

static long wattr_long(xmlTextReaderPtr r, const char *name, long def) {
    char *v = wattr(r, name);
    long x = parse_long(v, def);
    xmlFree(v);
    return x;
}

/* ------------------------------------------------------------------ numbering */

enum {
    F_DECIMAL = 0, F_DECIMAL_ZERO, F_UPPER_ROMAN, F_LOWER_ROMAN, F_UPPER_LETTER, F_LOWER_LETTER, F_CN_COUNTING,
    F_CN_LEGAL, F_CN_LEGAL_TRAD, F_IDEO_DIGITAL, F_IDEO_TRAD, F_IDEO_ZODIAC, F_IDEO_CIRCLE, F_FULLWIDTH,
    F_CIRCLE, F_FULLSTOP, F_PAREN, F_NONE, F_BULLET, F_CUSTOM
};

static int numfmt_of(const char *v) {
    static const struct { const char *name; int fmt; } fmts[] = {
        {"decimal", F_DECIMAL}, {"decimalZero", F_DECIMAL_ZERO}, {"upperRoman", F_UPPER_ROMAN},
        {"lowerRoman", F_LOWER_ROMAN}, {"upperLetter", F_UPPER_LETTER}, {"lowerLetter", F_LOWER_LETTER},
        {"chineseCounting", F_CN_COUNTING}, {"chineseCountingThousand", F_CN_COUNTING},
        {"japaneseCounting", F_CN_COUNTING}, {"taiwaneseCounting", F_CN_COUNTING},
        {"taiwaneseCountingThousand", F_CN_COUNTING}, {"koreanCounting", F_CN_COUNTING},
        {"chineseLegalSimplified", F_CN_LEGAL}, {"ideographLegalTraditional", F_CN_LEGAL_TRAD},
        {"japaneseLegal", F_CN_LEGAL_TRAD}, {"ideographDigital", F_IDEO_DIGITAL},
        {"taiwaneseDigital", F_IDEO_DIGITAL}, {"japaneseDigitalTenThousand", F_IDEO_DIGITAL},
        {"ideographTraditional", F_IDEO_TRAD}, {"ideographZodiac", F_IDEO_ZODIAC},
        {"ideographZodiacTraditional", F_IDEO_ZODIAC}, {"ideographEnclosedCircle", F_IDEO_CIRCLE},
        {"decimalFullWidth", F_FULLWIDTH}, {"decimalFullWidth2", F_FULLWIDTH}, {"decimalHalfWidth", F_DECIMAL},
        {"decimalEnclosedCircle", F_CIRCLE}, {"decimalEnclosedCircleChinese", F_CIRCLE},
        {"decimalEnclosedFullstop", F_FULLSTOP}, {"decimalEnclosedParen", F_PAREN}, {"none", F_NONE},
        {"bullet", F_BULLET}, {"custom", F_CUSTOM},
    };
    if (!v) return F_DECIMAL;
    for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++)
        if (strcmp(v, fmts[i].name) == 0) return fmts[i].fmt;
    return F_DECIMAL;
}

/* Chinese counting (一 … 十 十一 … 一百零五 … 九千九百九十九万…): digits and units from the tables given. */
static void put_cn(gk_buf *b, long v, const char *const dig[10], const char *const unit[4], const char *wan,
                   bool short_ten) {
    if (v <= 0 || v >= 100000000L) {
        if (v == 0) gk_buf_puts(b, dig[0]);
        else gk_buf_printf(b, "%ld", v);
        return;
    }
    long parts[2] = {v / 10000, v % 10000};
    bool started = false, zero = false;
    for (int p = 0; p < 2; p++) {
        long n = parts[p];
        if (n == 0) { if (started) zero = true; continue; }
        static const long pw[4] = {1000, 100, 10, 1};
        for (int k = 0; k < 4; k++) {
            long d = (n / pw[k]) % 10;
            if (d == 0) { if (started) zero = true; continue; }
            if (zero) { gk_buf_puts(b, dig[0]); zero = false; }
            if (!(short_ten && !started && k == 2 && d == 1)) gk_buf_puts(b, dig[d]);
            if (k < 3) gk_buf_puts(b, unit[k]);
            started = true;
        }
        if (p == 0) gk_buf_puts(b, wan);
    }
}

static void put_number(gk_buf *b, int fmt, long v) {
    static const char *const cn[10] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static const char *const cn0[10] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    static const char *const cnu[4] = {"千", "百", "十", ""};
    static const char *const lg[10] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
    static const char *const lgt[10] = {"零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖"};
    static const char *const lgu[4] = {"仟", "佰", "拾", ""};
    static const char *const stems[10] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    static const char *const zodiac[12] = {"子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"};
    switch (fmt) {
    case F_NONE:
    case F_BULLET:
        return;
    case F_DECIMAL_ZERO:
        gk_buf_printf(b, v >= 0 && v < 10 ? "0%ld" : "%ld", v);
        return;
    case F_UPPER_ROMAN:
    case F_LOWER_ROMAN: {
        if (v <= 0 || v >= 4000) break;
        static const int rv[13] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
        static const char *const ru[13] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
        static const char *const rl[13] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"};
        for (int k = 0; k < 13; k++)
            while (v >= rv[k]) { gk_buf_puts(b, fmt == F_UPPER_ROMAN ? ru[k] : rl[k]); v -= rv[k]; }
        return;
    }
    case F_UPPER_LETTER:
    case F_LOWER_LETTER: {
        if (v <= 0 || v > 780) break;
        char c = (char)((fmt == F_UPPER_LETTER ? 'A' : 'a') + (v - 1) % 26);
        for (long k = 0; k <= (v - 1) / 26; k++) gk_buf_putc(b, c);
        return;
    }
    case F_CN_COUNTING:
        if (v == 0) { gk_buf_puts(b, cn[0]); return; }
        put_cn(b, v, cn0, cnu, "万", true);
        return;
    case F_CN_LEGAL:
        put_cn(b, v, lg, lgu, "万", false);
        return;
    case F_CN_LEGAL_TRAD:
        put_cn(b, v, lgt, lgu, "萬", false);
        return;
    case F_IDEO_DIGITAL: {
        if (v < 0) break;
        char d[24];
        snprintf(d, sizeof d, "%ld", v);
        for (char *p = d; *p; p++) gk_buf_puts(b, cn[*p - '0']);
        return;
    }
    case F_IDEO_TRAD:
        if (v < 1 || v > 10) break;
        gk_buf_puts(b, stems[v - 1]);
        return;
    case F_IDEO_ZODIAC:
        if (v < 1 || v > 12) break;
        gk_buf_puts(b, zodiac[v - 1]);
        return;
    case F_IDEO_CIRCLE:
        if (v < 1 || v > 10) break;
        put_cp(b, 0x3280u + (uint32_t)(v - 1));
        return;
    case F_FULLWIDTH: {
        if (v < 0) break;
        char d[24];
        snprintf(d, sizeof d, "%ld", v);
        for (char *p = d; *p; p++) put_cp(b, 0xFF10u + (uint32_t)(*p - '0'));
        return;
    }
    case F_CIRCLE:
        if (v < 1 || v > 20) break;
        put_cp(b, 0x2460u + (uint32_t)(v - 1));
        return;
    case F_FULLSTOP:
        if (v < 1 || v > 20) break;
        put_cp(b, 0x2488u + (uint32_t)(v - 1));
        return;
    case F_PAREN:
        if (v < 1 || v > 20) break;
        put_cp(b, 0x2474u + (uint32_t)(v - 1));
        return;
    default:
        break;
    }
    gk_buf_printf(b, "%ld", v);
}

enum { SUFF_TAB = 0, SUFF_SPACE, SUFF_NOTHING };

typedef struct lvl_def {
    bool set, fmt_std;     /* fmt_std: a standard w:numFmt was read (not only Word's "custom") */
    int fmt, suff;
    long start;
    long restart;          /* -1: restart after any shallower level (the default); 0: never; n: after level n */
    bool lgl;
    const char *text;      /* lvlText (NULL: none) */
    const char *pstyle;    /* the paragraph style linked to this level */
} lvl_def;

typedef struct abs_def {
    long id;
    lvl_def lv[9];
    long cnt[9];
    bool used[9];
} abs_def;

typedef struct num_def {
    long id, abs_id;
    int absi;              /* index into the abstract list, -1 when missing */
    bool has_start[9];
    long start_ov[9];
    lvl_def lv_ov[9];      /* a full w:lvl inside w:lvlOverride (set = false when none) */
    bool own;              /* has overrides: counts on its own, else shares its abstractNum's counters */
    long cnt[9];
    bool used[9];
} num_def;

typedef struct style_def {
    const char *id, *based;
    long num_id, ilvl;     /* -1 when the style does not say */
    bool dflt;             /* the default paragraph style */
} style_def;

typedef struct numbering {
    abs_def *abs;
    uint32_t nabs;
    num_def *nums;
    uint32_t nnums;
    style_def *styles;
    uint32_t nstyles;
    const style_def *dflt;
} numbering;

typedef struct {
    gk_arena *a;
    gk_vec abs, nums;
    abs_def *cur_abs;
    num_def *cur_num;
    lvl_def *cur_lvl;
    int ov_lvl;            /* ilvl of the w:lvlOverride being read, -1 */
} numparse;

static int numbering_cb(void *ctx, xmlTextReaderPtr r, int ev, int depth, int k) {
    numparse *np = ctx;
    (void)depth;
    if (ev == EV_TEXT) return WALK_GO;
    if (ev == EV_END) {
        if (k == E_ABSTRACTNUM) np->cur_abs = NULL;
        else if (k == E_NUM) np->cur_num = NULL;
        else if (k == E_LVL) np->cur_lvl = NULL;
        else if (k == E_LVLOVERRIDE) np->ov_lvl = -1;
        return WALK_GO;
    }
    switch (k) {
    case E_ABSTRACTNUM:
        if (np->abs.n >= MAX_DEFS) return WALK_SKIP;
        np->cur_abs = gk_vec_push(np->a, &np->abs, sizeof(abs_def));
        np->cur_abs->id = wattr_long(r, "abstractNumId", -1);
        return WALK_GO;
    case E_NUM:
        if (np->nums.n >= MAX_DEFS) return WALK_SKIP;
        np->cur_num = gk_vec_push(np->a, &np->nums, sizeof(num_def));
        np->cur_num->id = wattr_long(r, "numId", -1);
        np->cur_num->abs_id = -1;
        np->cur_num->absi = -1;
        return WALK_GO;
    case E_ABSTRACTNUMID:
        if (np->cur_num) np->cur_num->abs_id = wattr_long(r, "val", -1);
        return WALK_GO;
    case E_LVLOVERRIDE: {
        long l = wattr_long(r, "ilvl", -1);
        np->ov_lvl = np->cur_num && l >= 0 && l < 9 ? (int)l : -1;
        return WALK_GO;
    }
    case E_STARTOVERRIDE:
        if (np->cur_num && np->ov_lvl >= 0) {
            np->cur_num->has_start[np->ov_lvl] = true;
            np->cur_num->start_ov[np->ov_lvl] = wattr_long(r, "val", 0);
            np->cur_num->own = true;
        }
        return WALK_GO;
    case E_LVL: {
        long l = wattr_long(r, "ilvl", -1);
        np->cur_lvl = NULL;
        if (l < 0 || l >= 9) return WALK_SKIP;
        if (np->cur_num && np->ov_lvl >= 0) {
            np->cur_lvl = &np->cur_num->lv_ov[np->ov_lvl];
            np->cur_num->own = true;
        } else if (np->cur_abs) {
            np->cur_lvl = &np->cur_abs->lv[l];
        } else {
            return WALK_SKIP;
        }
        *np->cur_lvl = (lvl_def){true, false, F_DECIMAL, SUFF_TAB, 0, -1, false, NULL, NULL};
        return WALK_GO;
    }
    default:
        break;
    }
    lvl_def *lv = np->cur_lvl;
    if (!lv) return WALK_GO;
    char *v;
    switch (k) {
    case E_START: lv->start = wattr_long(r, "val", 0); break;
    case E_LVLRESTART: lv->restart = wattr_long(r, "val", -1); break;
    case E_ISLGL: v = wattr(r, "val"); lv->lgl = onoff(v); xmlFree(v); break;
    case E_NUMFMT: {
        /* Word writes a custom format in mc:Choice and a standard one in mc:Fallback: keep the standard */
        v = wattr(r, "val");
        int f = numfmt_of(v);
        xmlFree(v);
        if (f != F_CUSTOM) {
            lv->fmt = f;
            lv->fmt_std = true;
        } else if (!lv->fmt_std) {
            v = wattr(r, "format");   /* "一, 二, 三, ..." */
            lv->fmt = !v ? F_DECIMAL : strncmp(v, "一", 3) == 0 ? F_CN_COUNTING : strncmp(v, "壹", 3) == 0 ? F_CN_LEGAL
                    : strncmp(v, "甲", 3) == 0 ? F_IDEO_TRAD : strncmp(v, "①", 3) == 0 ? F_CIRCLE
                    : strncmp(v, "0", 1) == 0 ? F_DECIMAL_ZERO : F_DECIMAL;
            xmlFree(v);
        }
        break;
    }
    case E_LVLTEXT:
        v = wattr(r, "val");
        lv->text = v ? gk_arena_strndup(np->a, v, strnlen(v, 256)) : NULL;
        xmlFree(v);
        break;
    case E_SUFF:
        v = wattr(r, "val");
        lv->suff = v && strcmp(v, "space") == 0 ? SUFF_SPACE : v && strcmp(v, "nothing") == 0 ? SUFF_NOTHING : SUFF_TAB;
        xmlFree(v);
        break;
    case E_PSTYLE:
        v = wattr(r, "val");
        if (v) lv->pstyle = gk_arena_strndup(np->a, v, strnlen(v, 256));
        xmlFree(v);
        break;
    default:
        break;
    }
    return WALK_GO;
}

typedef struct {
    gk_arena *a;
    gk_vec styles;
    style_def *cur;
    int in_ppr;            /* depth of the style's w:pPr, -1 */
} styleparse;

static int styles_cb(void *ctx, xmlTextReaderPtr r, int ev, int depth, int k) {
    styleparse *sp = ctx;
    if (ev == EV_TEXT) return WALK_GO;
    if (ev == EV_END) {
        if (k == E_STYLE) sp->cur = NULL;
        if (k == E_PPR && depth == sp->in_ppr) sp->in_ppr = -1;
        return WALK_GO;
    }
    if (k == E_STYLE) {
        char *type = wattr(r, "type");
        bool para = !type || strcmp(type, "paragraph") == 0;
        xmlFree(type);
        if (!para || sp->styles.n >= MAX_DEFS) return WALK_SKIP;
        char *id = wattr(r, "styleId"), *d = wattr(r, "default");
        sp->cur = gk_vec_push(sp->a, &sp->styles, sizeof(style_def));
        sp->cur->id = gk_arena_strndup(sp->a, id ? id : "", id ? strnlen(id, 256) : 0);
        sp->cur->num_id = sp->cur->ilvl = -1;
        sp->cur->dflt = d && onoff(d);
        xmlFree(id);
        xmlFree(d);
        return WALK_GO;
    }
    if (!sp->cur) return WALK_GO;
    if (k == E_BASEDON) {
        char *v = wattr(r, "val");
        if (v) sp->cur->based = gk_arena_strndup(sp->a, v, strnlen(v, 256));
        xmlFree(v);
    } else if (k == E_PPR) {
        sp->in_ppr = depth;
    } else if (k == E_NUMID && sp->in_ppr >= 0) {
        sp->cur->num_id = wattr_long(r, "val", -1);
    } else if (k == E_ILVL && sp->in_ppr >= 0) {
        sp->cur->ilvl = wattr_long(r, "val", -1);
    } else if (k == E_RPR || k == E_SKIPPED) {
        return WALK_SKIP;
    }
    return WALK_GO;
}

static int cmp_abs(const void *x, const void *y) {
    long a = ((const abs_def *)x)->id, b = ((const abs_def *)y)->id;
    return (a > b) - (a < b);
}
static int cmp_num(const void *x, const void *y) {
    long a = ((const num_def *)x)->id, b = ((const num_def *)y)->id;
    return (a > b) - (a < b);
}
static int cmp_style(const void *x, const void *y) {
    return strcmp(((const style_def *)x)->id, ((const style_def *)y)->id);
}

static const style_def *find_style(const numbering *nb, const char *id) {
    if (!id || !nb->nstyles) return NULL;
    style_def key = {0};
    key.id = id;
    return bsearch(&key, nb->styles, nb->nstyles, sizeof(style_def), cmp_style);
}

static num_def *find_num(const numbering *nb, long id) {
    if (!nb->nnums) return NULL;
    num_def key = {0};
    key.id = id;
    return bsearch(&key, nb->nums, nb->nnums, sizeof(num_def), cmp_num);
}

/* Sorts the definitions for lookups and links each num to its abstractNum. (When an id repeats, lookups find
 * one of its definitions.) */
static void numbering_finish(numbering *nb) {
    if (nb->nabs) qsort(nb->abs, nb->nabs, sizeof(abs_def), cmp_abs);
    if (nb->nnums) qsort(nb->nums, nb->nnums, sizeof(num_def), cmp_num);
    for (uint32_t i = 0; i < nb->nnums; i++) {
        num_def *n = &nb->nums[i];
        abs_def key = {0};
        key.id = n->abs_id;
        abs_def *ab = nb->nabs ? bsearch(&key, nb->abs, nb->nabs, sizeof(abs_def), cmp_abs) : NULL;
        n->absi = ab ? (int)(ab - nb->abs) : -1;
    }
    for (uint32_t i = 0; i < nb->nstyles; i++)
        if (nb->styles[i].dflt && !nb->dflt) nb->dflt = &nb->styles[i];
    if (nb->nstyles) {
        /* the default's address changes with the sort: remember its id */
        const char *did = nb->dflt ? nb->dflt->id : NULL;
        qsort(nb->styles, nb->nstyles, sizeof(style_def), cmp_style);
        nb->dflt = did ? find_style(nb, did) : NULL;
    }
}

/* The number Word shows in front of a paragraph with list numId/ilvl, appended to b; counts it. */
static void number_paragraph(numbering *nb, long num_id, int ilvl, gk_buf *b) {
    num_def *n = find_num(nb, num_id);
    if (!n || n->absi < 0) return;
    abs_def *ab = &nb->abs[n->absi];
    const lvl_def *lv[9];
    for (int k = 0; k < 9; k++) lv[k] = n->lv_ov[k].set ? &n->lv_ov[k] : &ab->lv[k];
    if (!lv[ilvl]->set) return;
    long *cnt = n->own ? n->cnt : ab->cnt;
    bool *used = n->own ? n->used : ab->used;
    long start[9];
    for (int k = 0; k < 9; k++) start[k] = n->has_start[k] ? n->start_ov[k] : lv[k]->start;
    cnt[ilvl] = used[ilvl] ? cnt[ilvl] + 1 : start[ilvl];
    used[ilvl] = true;
    for (int d = ilvl + 1; d < 9; d++) {
        long rs = lv[d]->restart;
        if (rs < 0 || (rs > 0 && ilvl < rs)) used[d] = false;
    }
    if (lv[ilvl]->fmt == F_BULLET || !lv[ilvl]->text) return;
    const char *t = lv[ilvl]->text;
    size_t before = b->len;
    for (const char *p = t; *p; p++) {
        if (*p == '%' && p[1] >= '1' && p[1] <= '9') {
            int k = p[1] - '1';
            long v = used[k] ? cnt[k] : start[k];
            put_number(b, lv[ilvl]->lgl ? F_DECIMAL : lv[k]->fmt, v);
            p++;
        } else {
            gk_buf_putc(b, *p);
        }
    }
    if (b->len > before) {
        if (lv[ilvl]->suff == SUFF_TAB) gk_buf_putc(b, '\t');
        else if (lv[ilvl]->suff == SUFF_SPACE) gk_buf_putc(b, ' ');
    }
}

/* numId and ilvl of a paragraph from its own numPr and its style chain (numId 0 switches numbering off). */
static bool paragraph_numbering(const numbering *nb, long p_num, long p_ilvl, const char *pstyle, long *num_id,
                                int *ilvl) {
    long nid = p_num, lvl = p_ilvl;
    const style_def *s = pstyle ? find_style(nb, pstyle) : nb->dflt;
    const char *linked = NULL;
    for (int hops = 0; s && hops < 16 && (nid < 0 || lvl < 0); hops++) {
        if (nid < 0 && s->num_id >= 0) { nid = s->num_id; linked = s->id; }
        if (lvl < 0 && s->ilvl >= 0) lvl = s->ilvl;
        s = s->based ? find_style(nb, s->based) : NULL;
    }
    if (nid <= 0) return false;
    if (lvl < 0 && linked) {
        /* the level whose w:pStyle names the style */
        num_def *n = find_num(nb, nid);
        if (n && n->absi >= 0)
            for (int k = 0; k < 9 && lvl < 0; k++)
                if (nb->abs[n->absi].lv[k].pstyle && strcmp(nb->abs[n->absi].lv[k].pstyle, linked) == 0) lvl = k;
    }
    if (lvl < 0 || lvl > 8) lvl = 0;
    *num_id = nid;
    *ilvl = (int)lvl;
    return true;
}

/* ------------------------------------------------------------------ document.xml */

typedef struct rawcell {
    uint32_t col, span;
    uint8_t vm;            /* 0 none, 1 restart, 2 continue */
    const char *text;
    size_t len;
} rawcell;

typedef struct rawrow {
    rawcell *cells;
    uint32_t ncells, before, width, line;
} rawrow;

typedef struct pctx {
    gk_buf text;
    long num_id, ilvl;     /* the paragraph's own w:numPr (-1 when absent) */
    char *style;
    bool mark_deleted;     /* its paragraph mark is a tracked deletion: joins the next paragraph */
    int ppr_depth;
} pctx;

typedef struct dstate {
    gk_arena *a;
    gk_doc *d;
    numbering *nb;
    const char *detail;
    uint8_t kinds[MAX_DEPTH + 2];   /* element kind at each depth */
    bool seen_root;
    /* paragraphs (a stack: text boxes put paragraphs inside paragraphs) */
    pctx *ps;
    int np, pcap;
    int t_depth;           /* depth of the w:t being read, -1 */
    int hidden_depth;      /* depth of a hidden run (w:vanish), -1 */
    /* the joined text of paragraphs whose mark was deleted, waiting for the next paragraph */
    gk_buf carry;
    bool has_carry;
    uint32_t carry_container;
    /* tables: only the outermost builds a grid; deeper ones give their text to its cell */
    int tbl_level;
    gk_vec rows;              /* rawrow */
    gk_vec cells;             /* rawcell of the open row */
    bool in_row, row_deleted;
    uint32_t row_before, next_col;
    bool in_cell, cell_deleted;
    gk_buf cell;
    uint32_t cell_span, cell_serial;
    uint8_t cell_vm, cell_hm;
    uint64_t ncells_total, nitems;
    uint32_t line;
    gk_vec blocks;
} dstate;

static int fail(dstate *s, gk_status st, const char *detail) {
    s->detail = detail;
    return (int)st;
}

static int count_item(dstate *s) {
    if (++s->nitems > MAX_ITEMS)
        return fail(s, GK_ERR_UNSAFE, gk_arena_printf(s->a, "word/document.xml has more than %u paragraphs and "
                                                      "table rows: refused", MAX_ITEMS));
    return WALK_GO;
}

static uint32_t container(const dstate *s) { return s->in_cell ? s->cell_serial : 0; }

/* A finished paragraph's text goes to the open grid cell, or becomes a body paragraph with the next ordinal. */
static int deliver(dstate *s, const char *t, size_t n, uint32_t cont) {
    t = gk_trim(t, &n);
    if (cont != 0) {
        if (cont != container(s) || n == 0) return WALK_GO;
        if (s->cell.len) gk_buf_putc(&s->cell, '\n');
        gk_buf_append(&s->cell, t, n);
        return WALK_GO;
    }
    s->line++;
    if (n == 0) return WALK_GO;
    int rc = count_item(s);
    if (rc) return rc;
    gk_block *b = gk_vec_push(s->a, &s->blocks, sizeof(gk_block));
    b->kind = GK_BLOCK_PARA;
    b->text = gk_arena_strndup(s->a, t, n);
    b->len = n;
    b->line = b->end_line = s->line;
    return WALK_GO;
}

static int flush_carry(dstate *s) {
    if (!s->has_carry) return WALK_GO;
    s->has_carry = false;
    int rc = deliver(s, s->carry.data ? s->carry.data : "", s->carry.len, s->carry_container);
    gk_buf_reset(&s->carry);
    return rc;
}

static int para_end(dstate *s) {
    pctx *p = &s->ps[--s->np];
    uint32_t cont = container(s);
    int rc = WALK_GO;
    if (s->has_carry && s->carry_container != cont) rc = flush_carry(s);
    if (rc) return rc;
    gk_buf out;
    gk_buf_init(&out);
    if (!p->mark_deleted) {
        long nid;
        int lvl;
        if (s->nb && paragraph_numbering(s->nb, p->num_id, p->ilvl, p->style, &nid, &lvl))
            number_paragraph(s->nb, nid, lvl, &out);
    }
    if (s->has_carry) {
        gk_buf_append(&out, s->carry.data, s->carry.len);
        gk_buf_reset(&s->carry);
        s->has_carry = false;
    }
    if (p->text.len) gk_buf_append(&out, p->text.data, p->text.len);
    if (p->mark_deleted) {
        /* accepted, the deletion of a paragraph mark joins this paragraph to the next one */
        gk_buf_reset(&s->carry);
        if (out.len) gk_buf_append(&s->carry, out.data, out.len);
        s->has_carry = true;
        s->carry_container = cont;
    } else {
        rc = deliver(s, out.data ? out.data : "", out.len, cont);
    }
    gk_buf_free(&out);
    gk_buf_free(&p->text);
    return rc;
}

static void text_append(dstate *s, const char *t, size_t n) {
    if (s->np == 0 || s->hidden_depth >= 0) return;
    gk_buf_append(&s->ps[s->np - 1].text, t, n);
}

static int row_end(dstate *s) {
    s->in_row = false;
    if (s->row_deleted) return WALK_GO;
    int rc = count_item(s);
    if (rc) return rc;
    s->ncells_total += s->next_col;   /* grid positions, spanned ones included */
    if (s->ncells_total > MAX_CELLS)
        return fail(s, GK_ERR_UNSAFE, gk_arena_printf(s->a, "the tables of word/document.xml have more than %u "
                                                      "cells: refused", MAX_CELLS));
    rawrow *rr = gk_vec_push(s->a, &s->rows, sizeof(rawrow));
    rr->cells = s->cells.data;
    rr->ncells = s->cells.n;
    rr->before = s->row_before;
    rr->width = s->next_col;
    rr->line = ++s->line;
    s->cells = (gk_vec){0};
    return WALK_GO;
}

static int cell_end(dstate *s) {
    if (s->has_carry && s->carry_container == s->cell_serial) {
        int rc = flush_carry(s);
        if (rc) return rc;
    }
    s->in_cell = false;
    if (s->cell_deleted) return WALK_GO;
    if (s->cell_hm == 2 && s->cells.n > 0) {   /* legacy horizontal merge: widens the cell on its left */
        rawcell *prev = &((rawcell *)s->cells.data)[s->cells.n - 1];
        prev->span += s->cell_span;
        s->next_col += s->cell_span;
    } else {
        rawcell *c = gk_vec_push(s->a, &s->cells, sizeof(rawcell));
        c->col = s->next_col;
        c->span = s->cell_span;
        c->vm = s->cell_vm;
        c->len = s->cell.len;
        c->text = gk_arena_strndup(s->a, s->cell.data ? s->cell.data : "", s->cell.len);
        s->next_col += s->cell_span;
    }
    if (s->next_col > MAX_COLS)
        return fail(s, GK_ERR_UNSAFE, gk_arena_printf(s->a, "a table of word/document.xml is wider than %d columns: "
                                                      "refused", MAX_COLS));
    return WALK_GO;
}

typedef struct vowner {
    gk_dcell *origin;      /* the cell a vertical merge continues, when this column starts one */
    uint32_t span;
} vowner;

/* The rows read become one grid: origins with their spans, covered positions spanned and empty. */
static int table_end(dstate *s) {
    rawrow *rows = s->rows.data;
    uint32_t nr = s->rows.n;
    s->rows = (gk_vec){0};
    if (nr == 0) return WALK_GO;
    int rc = count_item(s);
    if (rc) return rc;
    gk_block *b = gk_vec_push(s->a, &s->blocks, sizeof(gk_block));
    b->kind = GK_BLOCK_TABLE;
    b->line = rows[0].line;
    b->end_line = rows[nr - 1].line;
    b->rows = gk_arena_alloc(s->a, (size_t)nr * sizeof(gk_drow));
    b->nrows = nr;
    vowner *prev = calloc(MAX_COLS + 1, sizeof(vowner)), *cur = calloc(MAX_COLS + 1, sizeof(vowner));
    if (!prev || !cur) {
        free(prev);
        free(cur);
        return fail(s, GK_ERR_NOMEM, "out of memory");
    }
    uint32_t wprev = 0, wcur = 0;   /* how much of prev and cur the rows before set */
    for (uint32_t i = 0; i < nr; i++) {
        rawrow *rr = &rows[i];
        gk_drow *row = &b->rows[i];
        row->line = rr->line;
        row->ncells = rr->width;
        row->cells = gk_arena_alloc(s->a, (size_t)(rr->width ? rr->width : 1) * sizeof(gk_dcell));
        memset(cur, 0, (size_t)wcur * sizeof(vowner));
        for (uint32_t c = 0; c < rr->width; c++) {
            /* positions no cell of this row starts at: grid-before and covered positions */
            row->cells[c] = (gk_dcell){.text = "", .src = {rr->line, c + 1, 0, 0}, .spanned = true};
        }
        for (uint32_t k = 0; k < rr->ncells; k++) {
            rawcell *rc0 = &rr->cells[k];
            gk_dcell *c = &row->cells[rc0->col];
            if (rc0->vm == 2 && prev[rc0->col].origin && prev[rc0->col].span == rc0->span) {
                gk_dcell *o = prev[rc0->col].origin;
                if (o->rowspan < UINT16_MAX) o->rowspan++;
                cur[rc0->col] = prev[rc0->col];
                continue;   /* its positions stay spanned */
            }
            c->text = rc0->text;
            c->len = rc0->len;
            c->rowspan = 1;
            c->colspan = (uint16_t)rc0->span;
            c->spanned = false;
            if (rc0->vm) cur[rc0->col] = (vowner){c, rc0->span};
        }
        vowner *t = prev;
        prev = cur;
        cur = t;
        wcur = wprev;
        wprev = rr->width;
    }
    free(prev);
    free(cur);
    return WALK_GO;
}

static int doc_cb(void *ctx, xmlTextReaderPtr r, int ev, int depth, int k) {
    dstate *s = ctx;
    if (ev == EV_TEXT) {
        if (s->t_depth >= 0) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v) text_append(s, v, strlen(v));
        }
        return WALK_GO;
    }
    int parent = depth > 0 ? s->kinds[depth - 1] : E_OTHER;
    int grand = depth > 1 ? s->kinds[depth - 2] : E_OTHER;
    if (ev == EV_START) {
        s->kinds[depth] = (uint8_t)k;
        if (!s->seen_root) {
            s->seen_root = true;
            if (k != E_DOCUMENT)
                return fail(s, GK_ERR_MALFORMED, gk_arena_printf(s->a, "word/document.xml is not a Word document "
                                                                 "(its root is <%s>)",
                                                                 (const char *)xmlTextReaderConstName(r)));
        }
        switch (k) {
        case E_SKIPPED:
        case E_MC_FALLBACK:
            return WALK_SKIP;
        case E_P:
            if (s->np == s->pcap) {
                int cap = s->pcap ? s->pcap * 2 : 8;
                pctx *ps = realloc(s->ps, (size_t)cap * sizeof(pctx));
                if (!ps) return fail(s, GK_ERR_NOMEM, "out of memory");
                s->ps = ps;
                s->pcap = cap;
            }
            s->ps[s->np] = (pctx){{0}, -1, -1, NULL, false, -1};
            gk_buf_init(&s->ps[s->np].text);
            s->np++;
            return WALK_GO;
        case E_PPR:
            if (parent == E_P && s->np) s->ps[s->np - 1].ppr_depth = depth;
            return WALK_GO;
        case E_PSTYLE:
            if (parent == E_PPR && s->np) {
                char *v = wattr(r, "val");
                if (v) s->ps[s->np - 1].style = gk_arena_strndup(s->a, v, strnlen(v, 256));
                xmlFree(v);
            }
            return WALK_GO;
        case E_NUMID:
        case E_ILVL:
            if (parent == E_NUMPR && grand == E_PPR && s->np) {
                long v = wattr_long(r, "val", -1);
                if (k == E_NUMID) s->ps[s->np - 1].num_id = v;
                else s->ps[s->np - 1].ilvl = v;
            }
            return WALK_GO;
        case E_R:
            return WALK_GO;
        case E_RPR:
            return WALK_GO;
        case E_VANISH:
            if (parent == E_RPR && grand == E_R) {
                char *v = wattr(r, "val");
                if (onoff(v) && s->hidden_depth < 0) s->hidden_depth = depth - 2;
                xmlFree(v);
            }
            return WALK_GO;
        case E_T:
            if (parent == E_R) s->t_depth = depth;
            return WALK_GO;
        case E_TAB:
        case E_PTAB:
            if (parent == E_R) text_append(s, "\t", 1);
            return WALK_GO;
        case E_BR:
        case E_CR:
            if (parent == E_R) text_append(s, "\n", 1);
            return WALK_GO;
        case E_NOBREAKHYPHEN:
            if (parent == E_R) text_append(s, "-", 1);
            return WALK_GO;
        case E_SYM:
            if (parent == E_R) {
                char *v = wattr(r, "char");
                long cp = v ? strtol(v, NULL, 16) : 0;
                xmlFree(v);
                /* symbol fonts map their glyphs to U+F0xx: those are no characters anyone can read */
                if (cp > 0x1F && cp < 0x110000 && !(cp >= 0xD800 && cp <= 0xDFFF) && !(cp >= 0xE000 && cp <= 0xF8FF)) {
                    gk_buf tmp;
                    gk_buf_init(&tmp);
                    put_cp(&tmp, (uint32_t)cp);
                    text_append(s, tmp.data, tmp.len);
                    gk_buf_free(&tmp);
                }
            }
            return WALK_GO;
        case E_DEL:
        case E_MOVEFROM:
            if (parent == E_RPR && grand == E_PPR) {
                if (s->np) s->ps[s->np - 1].mark_deleted = true;
                return WALK_GO;
            }
            if (parent == E_TRPR) {
                if (s->tbl_level == 1) s->row_deleted = true;
                return WALK_GO;
            }
            if (parent == E_RPR) return WALK_GO;   /* a marker in run properties: nothing to drop */
            return WALK_SKIP;                      /* deleted or moved-away content */
        case E_TBL:
            if (s->tbl_level++ == 0) {
                if (s->has_carry && s->carry_container == 0) {
                    int rc = flush_carry(s);
                    if (rc) return rc;
                }
                s->rows = (gk_vec){0};
            }
            return WALK_GO;
        case E_TR:
            if (s->tbl_level == 1) {
                s->in_row = true;
                s->row_deleted = false;
                s->row_before = s->next_col = 0;
                s->cells = (gk_vec){0};
            }
            return WALK_GO;
        case E_GRIDBEFORE:
            if (s->tbl_level == 1 && parent == E_TRPR && s->in_row && s->cells.n == 0) {
                long v = wattr_long(r, "val", 0);
                if (v < 0) v = 0;
                if (v > MAX_COLS)
                    return fail(s, GK_ERR_UNSAFE, gk_arena_printf(s->a, "a table of word/document.xml is wider than "
                                                                  "%d columns: refused", MAX_COLS));
                s->row_before = s->next_col = (uint32_t)v;
            }
            return WALK_GO;
        case E_TC:
            if (s->tbl_level == 1 && s->in_row) {
                s->in_cell = true;
                s->cell_deleted = false;
                s->cell_span = 1;
                s->cell_vm = s->cell_hm = 0;
                s->cell_serial++;
                gk_buf_reset(&s->cell);
            }
            return WALK_GO;
        case E_GRIDSPAN:
            if (s->tbl_level == 1 && parent == E_TCPR && grand == E_TC && s->in_cell) {
                long v = wattr_long(r, "val", 1);
                if (v > MAX_COLS)
                    return fail(s, GK_ERR_UNSAFE, gk_arena_printf(s->a, "a table cell of word/document.xml spans "
                                                                  "%ld columns: refused", v));
                s->cell_span = v < 1 ? 1 : (uint32_t)v;
            }
            return WALK_GO;
        case E_VMERGE:
        case E_HMERGE:
            if (s->tbl_level == 1 && parent == E_TCPR && grand == E_TC && s->in_cell) {
                char *v = wattr(r, "val");
                uint8_t m = v && strcmp(v, "restart") == 0 ? 1 : 2;
                xmlFree(v);
                if (k == E_VMERGE) s->cell_vm = m;
                else s->cell_hm = m;
            }
            return WALK_GO;
        case E_CELLDEL:
            if (s->tbl_level == 1 && parent == E_TCPR && grand == E_TC && s->in_cell) s->cell_deleted = true;
            return WALK_GO;
        default:
            return WALK_GO;
        }
    }
    /* EV_END */
    int rc = WALK_GO;
    switch (k) {
    case E_T:
        if (depth == s->t_depth) s->t_depth = -1;
        break;
    case E_R:
        if (depth == s->hidden_depth) s->hidden_depth = -1;
        break;
    case E_P:
        if (s->np) rc = para_end(s);
        break;
    case E_TC:
        if (s->tbl_level == 1 && s->in_cell) rc = cell_end(s);
        break;
    case E_TR:
        if (s->tbl_level == 1 && s->in_row) rc = row_end(s);
        break;
    case E_TBL:
        if (s->tbl_level > 0 && --s->tbl_level == 0) rc = table_end(s);
        break;
    default:
        break;
    }
    return rc;
}

/* ------------------------------------------------------------------ the zip */

/* An entry name that could escape a folder when unpacked: absolute, drive letters, "..", backslashes. */
static bool bad_name(const char *n) {
    if (!n || !*n) return false;
    if (n[0] == '/' || strchr(n, '\\')) return true;
    if (((n[0] >= 'A' && n[0] <= 'Z') || (n[0] >= 'a' && n[0] <= 'z')) && n[1] == ':') return true;
    for (const char *p = n; *p;) {
        const char *e = strchr(p, '/');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == 2 && p[0] == '.' && p[1] == '.') return true;
        if (!e) break;
        p = e + 1;
    }
    return false;
}

static gk_status zip_status(gk_arena *a, const char *part, zip_error_t *ze, const char **detail) {
    int code = zip_error_code_zip(ze);
    *detail = gk_arena_printf(a, "%s: %s", part, zip_error_strerror(ze));
    if (code == ZIP_ER_MEMORY) return GK_ERR_NOMEM;
    return GK_ERR_MALFORMED;
}

/* Reads one entry whole into the arena (NUL-terminated), refusing what is larger than `limit`, compressed
 * more than MAX_RATIO times (when large), or larger than the size its header declares. */
static gk_status read_entry(gk_arena *a, zip_t *z, zip_int64_t idx, zip_uint64_t limit, char **out, size_t *len,
                            const char **detail) {
    zip_stat_t st;
    const char *name = zip_get_name(z, (zip_uint64_t)idx, ZIP_FL_ENC_RAW);
    if (!name) name = "?";
    if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) {
        *detail = gk_arena_printf(a, "%s: unreadable zip entry", name);
        return GK_ERR_MALFORMED;
    }
    if (st.size > limit) {
        *detail = gk_arena_printf(a, "%s is %llu bytes uncompressed (the limit is %llu): refused as a zip bomb", name,
                                  (unsigned long long)st.size, (unsigned long long)limit);
        return GK_ERR_UNSAFE;
    }
    if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size >= RATIO_FROM && st.comp_size * MAX_RATIO < st.size) {
        *detail = gk_arena_printf(a, "%s is compressed %llu:1 (over %d:1): refused as a zip bomb", name,
                                  (unsigned long long)(st.size / (st.comp_size ? st.comp_size : 1)), MAX_RATIO);
        return GK_ERR_UNSAFE;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        *detail = gk_arena_printf(a, "%s is encrypted", name);
        return GK_ERR_MALFORMED;
    }
    zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
    if (!f) return zip_status(a, name, zip_get_error(z), detail);
    char *buf = gk_arena_alloc(a, (size_t)st.size + 1);
    zip_uint64_t got = 0;
    gk_status res = GK_OK;
    while (got < st.size) {
        zip_int64_t n = zip_fread(f, buf + got, st.size - got);
        if (n < 0) { res = zip_status(a, name, zip_file_get_error(f), detail); break; }
        if (n == 0) break;
        got += (zip_uint64_t)n;
    }
    if (res == GK_OK && got < st.size) {
        *detail = gk_arena_printf(a, "%s is truncated (%llu of %llu bytes)", name, (unsigned long long)got,
                                  (unsigned long long)st.size);
        res = GK_ERR_MALFORMED;
    }
    if (res == GK_OK) {
        char probe[64];
        zip_int64_t n = zip_fread(f, probe, sizeof probe);
        if (n > 0) {
            *detail = gk_arena_printf(a, "%s is larger than its zip header declares (%llu bytes): refused", name,
                                      (unsigned long long)st.size);
            res = GK_ERR_UNSAFE;
        } else if (n < 0) {
            res = zip_status(a, name, zip_file_get_error(f), detail);
        }
    }
    zip_fclose(f);
    if (res != GK_OK) return res;
    buf[got] = 0;
    *out = buf;
    *len = (size_t)got;
    return GK_OK;
}

/* ------------------------------------------------------------------ relationships */

typedef struct {
    const char *suffix;    /* the relationship type's last part: "/officeDocument" */
    char *target;          /* malloc'd */
} relparse;

static int rels_cb(void *ctx, xmlTextReaderPtr r, int ev, int depth, int kind) {
    relparse *rp = ctx;
    (void)depth;
    (void)kind;
    if (ev != EV_START || rp->target) return WALK_GO;
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
    const char *n = (const char *)xmlTextReaderConstLocalName(r);
    if (!n || strcmp(n, "Relationship") != 0 || !ns || strcmp((const char *)ns, REL_NS) != 0) return WALK_GO;
    char *type = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"Type");
    char *mode = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"TargetMode");
    size_t tl = type ? strlen(type) : 0, sl = strlen(rp->suffix);
    if (tl >= sl && strcmp(type + tl - sl, rp->suffix) == 0 && !(mode && strcmp(mode, "External") == 0)) {
        char *t = (char *)xmlTextReaderGetAttribute(r, (const xmlChar *)"Target");
        if (t && strlen(t) < 512) rp->target = t;
        else xmlFree(t);
    }
    xmlFree(type);
    xmlFree(mode);
    return WALK_GO;
}

/* The part a relationship of the given type points to, resolved against base ("" or "word/"); NULL when the
 * relationships part is missing, names none, or names something outside the package. */
static char *rel_target(gk_arena *a, zip_t *z, const char *rels, const char *base, const char *suffix) {
    zip_int64_t idx = zip_name_locate(z, rels, ZIP_FL_NOCASE);
    if (idx < 0) return NULL;
    char *x;
    size_t n;
    const char *detail = NULL;
    if (read_entry(a, z, idx, MAX_PART, &x, &n, &detail) != GK_OK) return NULL;
    relparse rp = {suffix, NULL};
    walk(a, rels, x, n, rels_cb, &rp, &detail);
    if (!rp.target) return NULL;
    const char *t = rp.target;
    char *res;
    if (t[0] == '/') res = gk_arena_strdup(a, t + 1);
    else {
        while (t[0] == '.' && t[1] == '/') t += 2;
        res = gk_arena_printf(a, "%s%s", base, t);
    }
    xmlFree(rp.target);
    return bad_name(res) || !*res ? NULL : res;
}

/* ------------------------------------------------------------------ the reader */

static gk_status read_numbering(gk_arena *a, zip_t *z, const char *dir, numbering *nb, const char **detail) {
    *nb = (numbering){0};
    /* numbering.xml and styles.xml: by their usual names, else where the main part's relationships say */
    char *rels = gk_arena_printf(a, "%s_rels/document.xml.rels", dir);
    static const char *const kinds[2] = {"numbering", "styles"};
    for (int i = 0; i < 2; i++) {
        char *name = gk_arena_printf(a, "%s%s.xml", dir, kinds[i]);
        zip_int64_t idx = zip_name_locate(z, name, ZIP_FL_NOCASE);
        if (idx < 0) {
            char *t = rel_target(a, z, rels, dir, i == 0 ? "/numbering" : "/styles");
            if (t) {
                idx = zip_name_locate(z, t, ZIP_FL_NOCASE);
                name = t;
            }
        }
        if (idx < 0) continue;
        char *x;
        size_t n;
        gk_status st = read_entry(a, z, idx, MAX_PART, &x, &n, detail);
        if (st != GK_OK) return st;
        if (i == 0) {
            numparse np = {a, {0}, {0}, NULL, NULL, NULL, -1};
            st = walk(a, name, x, n, numbering_cb, &np, detail);
            nb->abs = np.abs.data;
            nb->nabs = np.abs.n;
            nb->nums = np.nums.data;
            nb->nnums = np.nums.n;
        } else {
            styleparse sp = {a, {0}, NULL, -1};
            st = walk(a, name, x, n, styles_cb, &sp, detail);
            nb->styles = sp.styles.data;
            nb->nstyles = sp.styles.n;
        }
        /* a broken numbering or styles part costs the numbers, not the document; a dangerous one stops it */
        if (st == GK_ERR_UNSAFE || st == GK_ERR_NOMEM) return st;
    }
    numbering_finish(nb);
    return GK_OK;
}

static gk_status read_zip(gk_arena *a, zip_t *z, gk_doc *d, const char **detail) {
    zip_int64_t ne = zip_get_num_entries(z, 0);
    if (ne < 0) {
        *detail = "not a zip archive";
        return GK_ERR_MALFORMED;
    }
    if (ne > MAX_ENTRIES) {
        *detail = gk_arena_printf(a, "the zip has %lld entries (the limit is %d): refused", (long long)ne, MAX_ENTRIES);
        return GK_ERR_UNSAFE;
    }
    zip_uint64_t total = 0;
    for (zip_int64_t i = 0; i < ne; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        if (name && bad_name(name)) {
            *detail = gk_arena_printf(a, "the zip has an entry named \"%.80s\" (absolute path, \"..\" or "
                                      "backslash): refused", name);
            return GK_ERR_UNSAFE;
        }
        zip_stat_t st;
        if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
            total += st.size > MAX_TOTAL ? MAX_TOTAL + 1 : st.size;
            if (total > MAX_TOTAL) {
                *detail = gk_arena_printf(a, "the zip unpacks to more than %llu bytes: refused as a zip bomb",
                                          (unsigned long long)MAX_TOTAL);
                return GK_ERR_UNSAFE;
            }
        }
    }
    const char *mainpart = "word/document.xml";
    zip_int64_t idx = zip_name_locate(z, mainpart, ZIP_FL_NOCASE);
    if (idx < 0) {
        char *t = rel_target(a, z, "_rels/.rels", "", "/officeDocument");
        if (t && (idx = zip_name_locate(z, t, ZIP_FL_NOCASE)) >= 0) mainpart = t;
    }
    if (idx < 0) {
        *detail = "not a DOCX: no word/document.xml";
        return GK_ERR_MALFORMED;
    }
    char *xml;
    size_t xlen;
    gk_status st = read_entry(a, z, idx, MAX_DOCUMENT, &xml, &xlen, detail);
    if (st != GK_OK) return st;
    /* the folder of the main part, for its numbering and styles */
    const char *slash = strrchr(mainpart, '/');
    char *dir = gk_arena_strndup(a, mainpart, slash ? (size_t)(slash - mainpart) + 1 : 0);
    numbering nb;
    st = read_numbering(a, z, dir, &nb, detail);
    if (st != GK_OK) return st;

    dstate s;
    memset(&s, 0, sizeof s);
    s.a = a;
    s.d = d;
    s.nb = &nb;
    s.t_depth = s.hidden_depth = -1;
    gk_buf_init(&s.carry);
    gk_buf_init(&s.cell);
    st = walk(a, mainpart, xml, xlen, doc_cb, &s, detail);
    if (st != GK_OK && s.detail) *detail = s.detail;
    if (st == GK_OK) {
        if (s.has_carry) st = (gk_status)flush_carry(&s);   /* a last paragraph whose mark was deleted */
        if (st != GK_OK && s.detail) *detail = s.detail;
    }
    for (int i = 0; i < s.np; i++) gk_buf_free(&s.ps[i].text);
    free(s.ps);
    gk_buf_free(&s.carry);
    gk_buf_free(&s.cell);
    if (st != GK_OK) return st;
    if (!s.seen_root) {
        *detail = gk_arena_printf(a, "%s has no XML element", mainpart);
        return GK_ERR_MALFORMED;
    }
    d->blocks = s.blocks.data;
    d->nblocks = s.blocks.n;
    d->nlines = s.line;
    size_t bad;
    if (gk_utf8_valid(xml, xlen, &bad)) {
        d->src = xml;
        d->srclen = xlen;
    }
    return GK_OK;
}

gk_status gk_read_docx(gk_arena *a, const char *path, const char *bytes, size_t len, gk_doc **out,
                       const char **detail) {
    const char *why = NULL;
    *out = NULL;
    if (detail) *detail = NULL;
    if (len < 22 || !bytes) {   /* the smallest zip is its 22-byte end record */
        if (detail) *detail = "not a zip archive (too short)";
        return len == 0 ? GK_ERR_EMPTY : GK_ERR_MALFORMED;
    }
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        if (detail) *detail = "out of memory";
        return GK_ERR_NOMEM;
    }
    /* no ZIP_CHECKCONS: it refuses archives of writers whose local headers differ harmlessly from the
     * central directory; nothing here trusts a size it did not check (read_entry) */
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!z) {
        zip_source_free(src);
        if (detail) *detail = gk_arena_printf(a, "not a zip archive (%s)", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return GK_ERR_MALFORMED;
    }
    zip_error_fini(&ze);
    gk_doc *d = gk_arena_alloc(a, sizeof *d);
    d->arena = a;
    d->path = path ? gk_arena_strdup(a, path) : NULL;
    d->format = "docx";
    d->encoding = "UTF-8";
    gk_status st = read_zip(a, z, d, &why);
    zip_discard(z);
    if (st != GK_OK) {
        if (detail) *detail = why ? why : gk_status_message(st, "en");
        return st;
    }
    *out = d;
    return GK_OK;
}
