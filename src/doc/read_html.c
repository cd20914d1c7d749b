/* read_html.c: the HTML reader. A streaming, table-aware tokenizer of our own (no DOM, no recursion):
 * one pass over the bytes, linear time, turning a page into the format-neutral document of doc.h.
 *
 * What it keeps
 *   paragraphs  text outside tables, broken at block elements (p, div, h1-h6, li, blockquote, …) and <br>;
 *               runs of ASCII white space collapse to one space, as a browser shows them; entities are
 *               decoded (the 253 of HTML 4, as libxml2 knows them; &nbsp; is U+00A0, which the text layer
 *               treats as space; &nbsp &amp &lt &gt &quot without ';' too, as browsers read them; numeric
 *               &#…; and &#x…;).
 *   tables      GK_BLOCK_TABLE with rowspan/colspan resolved into a true grid: the origin cell holds the
 *               text and its spans; every other position it covers is a cell with spanned = true and
 *               text "". A rowspan past the last row stops there (rowspan=0: to the last row), and the
 *               origin's rowspan says how many rows it really covers. Rows are as wide as their last
 *               cell or covered position: they are not padded on the right (a short row stays short, so
 *               the recognizer can see it), but a gap left of that is filled with an empty cell whose
 *               rowspan and colspan are 0 (no cell of the source is there). <br> and block elements in
 *               a cell become '\n'. A row opened by a <td> without <tr> is implied.
 *   lines       every block, row and cell has the 1-based source line where it starts (<table>, <tr>,
 *               <td>, a paragraph's first character); a cell's src.col is its 1-based grid column and
 *               src.offset/len the raw bytes between its tag and the next structural tag.
 *
 * What it drops: comments (also Word's <!--[if …]>…<![endif]--> and <![if …]> … <![endif]>), <!DOCTYPE>,
 * <?…?>, the content of <head>, <script>, <style>, <title>, <textarea>, <iframe>, <xmp>, <noembed>,
 * <noframes>, and a crawler's header: paragraphs from one starting with 标题： to one starting with
 * 采集时间 (a page saved by a crawler, corpus shuyangfgj_2023_1.html), so that it is not taken for the title.
 *
 * Nested tables: a table that holds a table in one of its cells is layout, not data (pages laid out
 * with tables hold the whole report in one cell). It dissolves: its cells' text becomes paragraphs, in
 * order, and each table inside it is a block of its own. Only the innermost open table can be a grid.
 *
 * Broken markup, as browsers read it: <td>/<tr> close the open cell/row; a <table> directly in a table
 * (not in a cell) ends that table; </td>, </tr>, </table> with nothing to close are ignored; an
 * unterminated tag or comment at the end is dropped; a missing </table>, </body>, </html> is no matter.
 * Word markup: <span style>, <font face>, unknown elements are inline; a prefixed name counts by its local
 * name as libxml2 reads it (<o:p> breaks like <p>, <st1:chsdate> is inline).
 *
 * Limits (GK_ERR_UNSAFE with a detail): tables nested deeper than 256, colspan > 1000, rowspan > 10000,
 * more than 1,000,000 grid positions in a table or 2,000,000 in the document (about 80 MB of cells). No other element nests
 * anything here, so a page of 100000 nested <div> costs nothing.
 *
 * libxml2's HTML parser is the oracle in tests/test_html.c and fuzz/fuzz_read_html.c: on the documents we
 * hold or generate, both grids are equal cell by cell. Where libxml2 and browsers part, this reads as a
 * browser shows the page: &nbsp &amp &lt &gt &quot without ';' are decoded (libxml2 keeps them as text),
 * Word's <![if !supportLists]> … <![endif]> are dropped (libxml2 keeps them as text), </br> is a <br>, a
 * <td>/<tr> inside an unclosed <div> or <strong> in a cell still starts a new cell/row (libxml2 nests it), and a
 * <table> directly in a table ends that table (libxml2 nests it). */
#include "gongkai/doc.h"
#include "sniff.h"
#include "gongkai/text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_TABLE_DEPTH 256
#define MAX_COLSPAN 1000
#define MAX_ROWSPAN 10000
#define MAX_TABLE_CELLS 1000000u
#define MAX_DOC_CELLS 2000000u
#define SPAN_TO_END UINT32_MAX

/* ------------------------------------------------------------------ entities (HTML 4, byte order) */

typedef struct { const char *name; int32_t cp; } entity;

static const entity entities[] = {
    {"AElig", 198}, {"Aacute", 193}, {"Acirc", 194}, {"Agrave", 192}, {"Alpha", 913}, {"Aring", 197},
    {"Atilde", 195}, {"Auml", 196}, {"Beta", 914}, {"Ccedil", 199}, {"Chi", 935}, {"Dagger", 8225},
    {"Delta", 916}, {"ETH", 208}, {"Eacute", 201}, {"Ecirc", 202}, {"Egrave", 200}, {"Epsilon", 917},
    {"Eta", 919}, {"Euml", 203}, {"Gamma", 915}, {"Iacute", 205}, {"Icirc", 206}, {"Igrave", 204},
    {"Iota", 921}, {"Iuml", 207}, {"Kappa", 922}, {"Lambda", 923}, {"Mu", 924}, {"Ntilde", 209},
    {"Nu", 925}, {"OElig", 338}, {"Oacute", 211}, {"Ocirc", 212}, {"Ograve", 210}, {"Omega", 937},
    {"Omicron", 927}, {"Oslash", 216}, {"Otilde", 213}, {"Ouml", 214}, {"Phi", 934}, {"Pi", 928},
    {"Prime", 8243}, {"Psi", 936}, {"Rho", 929}, {"Scaron", 352}, {"Sigma", 931}, {"THORN", 222},
    {"Tau", 932}, {"Theta", 920}, {"Uacute", 218}, {"Ucirc", 219}, {"Ugrave", 217}, {"Upsilon", 933},
    {"Uuml", 220}, {"Xi", 926}, {"Yacute", 221}, {"Yuml", 376}, {"Zeta", 918}, {"aacute", 225},
    {"acirc", 226}, {"acute", 180}, {"aelig", 230}, {"agrave", 224}, {"alefsym", 8501}, {"alpha", 945},
    {"amp", 38}, {"and", 8743}, {"ang", 8736}, {"apos", 39}, {"aring", 229}, {"asymp", 8776},
    {"atilde", 227}, {"auml", 228}, {"bdquo", 8222}, {"beta", 946}, {"brvbar", 166}, {"bull", 8226},
    {"cap", 8745}, {"ccedil", 231}, {"cedil", 184}, {"cent", 162}, {"chi", 967}, {"circ", 710},
    {"clubs", 9827}, {"cong", 8773}, {"copy", 169}, {"crarr", 8629}, {"cup", 8746}, {"curren", 164},
    {"dArr", 8659}, {"dagger", 8224}, {"darr", 8595}, {"deg", 176}, {"delta", 948}, {"diams", 9830},
    {"divide", 247}, {"eacute", 233}, {"ecirc", 234}, {"egrave", 232}, {"empty", 8709}, {"emsp", 8195},
    {"ensp", 8194}, {"epsilon", 949}, {"equiv", 8801}, {"eta", 951}, {"eth", 240}, {"euml", 235},
    {"euro", 8364}, {"exist", 8707}, {"fnof", 402}, {"forall", 8704}, {"frac12", 189}, {"frac14", 188},
    {"frac34", 190}, {"frasl", 8260}, {"gamma", 947}, {"ge", 8805}, {"gt", 62}, {"hArr", 8660},
    {"harr", 8596}, {"hearts", 9829}, {"hellip", 8230}, {"iacute", 237}, {"icirc", 238}, {"iexcl", 161},
    {"igrave", 236}, {"image", 8465}, {"infin", 8734}, {"int", 8747}, {"iota", 953}, {"iquest", 191},
    {"isin", 8712}, {"iuml", 239}, {"kappa", 954}, {"lArr", 8656}, {"lambda", 955}, {"lang", 9001},
    {"laquo", 171}, {"larr", 8592}, {"lceil", 8968}, {"ldquo", 8220}, {"le", 8804}, {"lfloor", 8970},
    {"lowast", 8727}, {"loz", 9674}, {"lrm", 8206}, {"lsaquo", 8249}, {"lsquo", 8216}, {"lt", 60},
    {"macr", 175}, {"mdash", 8212}, {"micro", 181}, {"middot", 183}, {"minus", 8722}, {"mu", 956},
    {"nabla", 8711}, {"nbsp", 160}, {"ndash", 8211}, {"ne", 8800}, {"ni", 8715}, {"not", 172},
    {"notin", 8713}, {"nsub", 8836}, {"ntilde", 241}, {"nu", 957}, {"oacute", 243}, {"ocirc", 244},
    {"oelig", 339}, {"ograve", 242}, {"oline", 8254}, {"omega", 969}, {"omicron", 959}, {"oplus", 8853},
    {"or", 8744}, {"ordf", 170}, {"ordm", 186}, {"oslash", 248}, {"otilde", 245}, {"otimes", 8855},
    {"ouml", 246}, {"para", 182}, {"part", 8706}, {"permil", 8240}, {"perp", 8869}, {"phi", 966},
    {"pi", 960}, {"piv", 982}, {"plusmn", 177}, {"pound", 163}, {"prime", 8242}, {"prod", 8719},
    {"prop", 8733}, {"psi", 968}, {"quot", 34}, {"rArr", 8658}, {"radic", 8730}, {"rang", 9002},
    {"raquo", 187}, {"rarr", 8594}, {"rceil", 8969}, {"rdquo", 8221}, {"real", 8476}, {"reg", 174},
    {"rfloor", 8971}, {"rho", 961}, {"rlm", 8207}, {"rsaquo", 8250}, {"rsquo", 8217}, {"sbquo", 8218},
    {"scaron", 353}, {"sdot", 8901}, {"sect", 167}, {"shy", 173}, {"sigma", 963}, {"sigmaf", 962},
    {"sim", 8764}, {"spades", 9824}, {"sub", 8834}, {"sube", 8838}, {"sum", 8721}, {"sup", 8835},
    {"sup1", 185}, {"sup2", 178}, {"sup3", 179}, {"supe", 8839}, {"szlig", 223}, {"tau", 964},
    {"there4", 8756}, {"theta", 952}, {"thetasym", 977}, {"thinsp", 8201}, {"thorn", 254}, {"tilde", 732},
    {"times", 215}, {"trade", 8482}, {"uArr", 8657}, {"uacute", 250}, {"uarr", 8593}, {"ucirc", 251},
    {"ugrave", 249}, {"uml", 168}, {"upsih", 978}, {"upsilon", 965}, {"uuml", 252}, {"weierp", 8472},
    {"xi", 958}, {"yacute", 253}, {"yen", 165}, {"yuml", 255}, {"zeta", 950}, {"zwj", 8205},
    {"zwnj", 8204},
};

static int32_t entity_lookup(const char *s, size_t n) {
    size_t lo = 0, hi = sizeof entities / sizeof entities[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *e = entities[mid].name;
        size_t el = strlen(e);
        int c = memcmp(s, e, n < el ? n : el);
        if (c == 0) c = n < el ? -1 : n > el ? 1 : 0;
        if (c == 0) return entities[mid].cp;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return -1;
}

static size_t utf8_put(int32_t cp, char out[4]) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Byte classes, one table look-up per byte in the tokenizer's loops (Word's markup is mostly attributes). */
enum {
    C_WS = 1,         /* HTML white space */
    C_NAME_END = 2,   /* ends a tag name: white space, '/', '>' */
    C_ATTR_END = 4,   /* ends an attribute name: those and '=' */
    C_TEXT_STOP = 8,  /* ends a run of plain text: white space, NUL, '&' */
    C_TAG_GAP = 16,   /* between a tag's attributes: white space, '/' */
};
#define WS_CLASS (C_WS | C_NAME_END | C_ATTR_END | C_TEXT_STOP | C_TAG_GAP)
static const unsigned char byte_class[256] = {
    [' '] = WS_CLASS, ['\t'] = WS_CLASS, ['\n'] = WS_CLASS, ['\r'] = WS_CLASS, ['\f'] = WS_CLASS,
    ['/'] = C_NAME_END | C_ATTR_END | C_TAG_GAP, ['>'] = C_NAME_END | C_ATTR_END, ['='] = C_ATTR_END,
    [0] = C_TEXT_STOP, ['&'] = C_TEXT_STOP,
};
#undef WS_CLASS

static bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_ws(int c) { return byte_class[c & 0xFF] & C_WS; }
static bool is_name_char(int c) { return is_alpha(c) || is_digit(c) || c == '_' || c == ':' || c == '.' || c == '-'; }

/* A character reference at s[0] == '&', s[0..n). Returns the bytes consumed (0: a literal '&') and the
 * code point in *cp (-1: the reference stands for nothing, as libxml2 drops invalid numeric ones). */
static size_t decode_entity(const char *s, size_t n, int32_t *cp) {
    if (n >= 2 && s[1] == '#') {
        size_t i = 2;
        int32_t v = 0;
        bool hex = i < n && (s[i] == 'x' || s[i] == 'X');
        if (hex) i++;
        for (; i < n && s[i] != ';'; i++) {
            int c = (unsigned char)s[i], d;
            if (is_digit(c)) d = c - '0';
            else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
            else break;
            if (v < 0x110000) v = v * (hex ? 16 : 10) + d;
        }
        if (i < n && s[i] == ';') i++;
        bool ok = v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) ||
                  (v >= 0x10000 && v <= 0x10FFFF);
        *cp = ok ? v : -1;
        return i;
    }
    if (n < 2 || !(is_alpha((unsigned char)s[1]) || s[1] == '_' || s[1] == ':')) return 0;
    size_t i = 1;
    while (i < n && i < 40 && is_name_char((unsigned char)s[i])) i++;
    if (i < n && s[i] == ';') {
        int32_t v = entity_lookup(s + 1, i - 1);
        if (v < 0) return 0;
        *cp = v;
        return i + 1;
    }
    /* no ';': browsers still read the commonest ones */
    static const struct { const char *name; size_t len; int32_t cp; } legacy[] = {
        {"nbsp", 4, 160}, {"amp", 3, 38}, {"lt", 2, 60}, {"gt", 2, 62}, {"quot", 4, 34}};
    for (size_t k = 0; k < sizeof legacy / sizeof legacy[0]; k++)
        if (i - 1 == legacy[k].len && memcmp(s + 1, legacy[k].name, legacy[k].len) == 0) {
            *cp = legacy[k].cp;
            return i;
        }
    return 0;
}

/* ------------------------------------------------------------------ tags */

typedef enum {
    T_OTHER = 0, T_TABLE, T_TR, T_TD, T_TH, T_TBODY, T_THEAD, T_TFOOT, T_CAPTION, T_COLGROUP, T_BR,
    T_HEAD, T_BODY, T_BLOCK, T_RAW, T_VOID, T_HEADONLY
} tagkind;

/* The other names: lowercased, looked up in the table (apart, so that the short path needs no stack array). */
__attribute__((noinline)) static tagkind tag_kind_table(const char *name, size_t n) {
    #define TAG(name, kind) {name, sizeof name - 1, kind}
    static const struct { const char *s; size_t len; tagkind k; } tags[] = {
        TAG("table", T_TABLE), TAG("tr", T_TR), TAG("td", T_TD), TAG("th", T_TH), TAG("tbody", T_TBODY), TAG("thead", T_THEAD),
        TAG("tfoot", T_TFOOT), TAG("caption", T_CAPTION), TAG("colgroup", T_COLGROUP), TAG("br", T_BR), TAG("head", T_HEAD),
        TAG("body", T_BODY), TAG("html", T_BLOCK),
        TAG("p", T_BLOCK), TAG("div", T_BLOCK), TAG("h1", T_BLOCK), TAG("h2", T_BLOCK), TAG("h3", T_BLOCK), TAG("h4", T_BLOCK),
        TAG("h5", T_BLOCK), TAG("h6", T_BLOCK), TAG("li", T_BLOCK), TAG("ul", T_BLOCK), TAG("ol", T_BLOCK), TAG("dl", T_BLOCK),
        TAG("dt", T_BLOCK), TAG("dd", T_BLOCK), TAG("blockquote", T_BLOCK), TAG("center", T_BLOCK), TAG("section", T_BLOCK),
        TAG("article", T_BLOCK), TAG("header", T_BLOCK), TAG("footer", T_BLOCK), TAG("nav", T_BLOCK), TAG("aside", T_BLOCK),
        TAG("main", T_BLOCK), TAG("pre", T_BLOCK), TAG("address", T_BLOCK), TAG("form", T_BLOCK), TAG("fieldset", T_BLOCK),
        TAG("legend", T_BLOCK), TAG("figure", T_BLOCK), TAG("figcaption", T_BLOCK), TAG("details", T_BLOCK),
        TAG("summary", T_BLOCK), TAG("hr", T_BLOCK), TAG("menu", T_BLOCK), TAG("dir", T_BLOCK), TAG("option", T_BLOCK),
        TAG("select", T_BLOCK), TAG("listing", T_BLOCK), TAG("frameset", T_BLOCK), TAG("frame", T_VOID),
        TAG("script", T_RAW), TAG("style", T_RAW), TAG("title", T_RAW), TAG("textarea", T_RAW), TAG("xmp", T_RAW),
        TAG("iframe", T_RAW), TAG("noembed", T_RAW), TAG("noframes", T_RAW),
        TAG("img", T_VOID), TAG("input", T_VOID), TAG("col", T_VOID), TAG("area", T_VOID), TAG("wbr", T_VOID),
        TAG("param", T_VOID), TAG("source", T_VOID), TAG("embed", T_VOID), TAG("keygen", T_VOID), TAG("track", T_VOID),
        TAG("meta", T_HEADONLY), TAG("link", T_HEADONLY), TAG("base", T_HEADONLY),
    };
    if (n == 0 || n > 10) return T_OTHER;
    char low[12];
    for (size_t i = 0; i < n; i++) low[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i]);
    if (n == 3 && low[0] == 'o' && low[1] == ':') return T_OTHER;   /* o:p */
    for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
        if (tags[k].len == n && tags[k].s[0] == low[0] && memcmp(tags[k].s, low, n) == 0) return tags[k].k;
    return T_OTHER;
#undef TAG
}

static tagkind tag_kind(const char *name, size_t n) {
    if (n == 0 || n > 10) return T_OTHER;
    /* the short tags that fill Word's markup, without lowercasing or the table walk; c | 0x20 equals a
     * lowercase letter exactly when c is that letter in either case */
    #define IS(c, letter) (((unsigned char)(c) | 0x20) == (letter))
    if (n == 1) return IS(name[0], 'p') ? T_BLOCK : T_OTHER;
    if (n == 2) {
        char a = name[0], b = name[1];
        if (IS(a, 't')) return IS(b, 'r') ? T_TR : IS(b, 'd') ? T_TD : IS(b, 'h') ? T_TH : T_OTHER;
        if (IS(a, 'b')) return IS(b, 'r') ? T_BR : T_OTHER;
        if (IS(a, 'h')) return (b >= '1' && b <= '6') || IS(b, 'r') ? T_BLOCK : T_OTHER;
        if ((IS(a, 'l') && IS(b, 'i')) || (IS(a, 'u') && IS(b, 'l')) || (IS(a, 'o') && IS(b, 'l')) ||
            (IS(a, 'd') && (IS(b, 'l') || IS(b, 't') || IS(b, 'd'))))
            return T_BLOCK;
        return T_OTHER;
    }
    if (n == 4 && IS(name[0], 's') && IS(name[1], 'p') && IS(name[2], 'a') && IS(name[3], 'n')) return T_OTHER;
    #undef IS
    return tag_kind_table(name, n);
}

/* ------------------------------------------------------------------ the reader's state */

typedef struct {            /* a cell as the source gives it */
    uint32_t row, col, rs, cs;  /* rs: rows asked for (SPAN_TO_END for rowspan=0) */
    uint32_t line, off, len;
    const char *text;
    uint32_t tlen;
} scell;

typedef struct {
    uint32_t line, off, width;
} srow;

typedef struct {
    uint32_t line, off;
    bool layout, row_open, cell_open;
    scell *cells;
    uint32_t ncells, capcells;
    srow *rows;
    uint32_t nrows, caprows;
    uint32_t *occ;           /* occ[c]: first row no longer covered at column c by a cell above */
    uint32_t width, capocc;
    uint32_t *active;        /* cells spanning more than one row that may still cover the next row */
    uint32_t nactive, capactive;
    uint32_t col;            /* next column in the open row */
    uint64_t positions;      /* grid positions of the closed rows */
    scell cur;               /* the open cell */
} table;

typedef struct {
    gk_arena *a;
    const char *s;
    size_t n;
    size_t lc_pos;           /* line counting cursor */
    bool lone_cr;            /* some \r not followed by \n ends a line (old Mac text) */
    uint32_t lc_line;
    gk_block *blocks;
    uint32_t nblocks, capblocks;
    gk_buf para, cell;
    bool para_space, cell_space;
    uint32_t para_line, para_off, para_end;
    table *tables;           /* the open tables, innermost last */
    int ntables;
    uint32_t captables;
    bool in_head;
    bool in_caption;   /* a table's <caption>: its title, not text of the report */
    uint64_t doc_cells;
    gk_status err;
    const char *detail;
} reader;

static bool grow(void **p, uint32_t *cap, uint32_t need, size_t elem) {
    if (need <= *cap) return true;
    uint64_t c = *cap ? *cap : 16;
    while (c < need) c *= 2;
    if (c > UINT32_MAX) c = UINT32_MAX;
    void *d = realloc(*p, (size_t)c * elem);
    if (!d) return false;
    *p = d;
    *cap = (uint32_t)c;
    return true;
}

static void fail(reader *r, gk_status st, const char *detail) {
    if (r->err == GK_OK) {
        r->err = st;
        r->detail = detail;
    }
}

/* 1-based line of byte p (LF, CRLF and a lone CR end lines). The cursor moves either way. */
static uint32_t line_at(reader *r, size_t p) {
    const char *s = r->s;
    if (p > r->n) p = r->n;
    if (!r->lone_cr && r->lc_pos < p) {
        /* only \n ends lines (\r\n counts once): jump between them */
        const char *q = s + r->lc_pos, *end = s + p;
        while ((q = memchr(q, '\n', (size_t)(end - q)))) {
            r->lc_line++;
            q++;
        }
        r->lc_pos = p;
    }
    while (r->lc_pos < p) {
        char c = s[r->lc_pos++];
        if (c == '\n' || (c == '\r' && s[r->lc_pos] != '\n')) r->lc_line++;
    }
    while (r->lc_pos > p) {
        char c = s[--r->lc_pos];
        if (c == '\n' || (c == '\r' && s[r->lc_pos + 1] != '\n')) r->lc_line--;
    }
    return r->lc_line;
}

static gk_block *new_block(reader *r) {
    if (!grow((void **)&r->blocks, &r->capblocks, r->nblocks + 1, sizeof(gk_block))) {
        fail(r, GK_ERR_NOMEM, NULL);
        return NULL;
    }
    gk_block *b = &r->blocks[r->nblocks++];
    memset(b, 0, sizeof *b);
    return b;
}

static void emit_para(reader *r, const char *text, size_t len, uint32_t line, uint32_t end_line) {
    const char *t = gk_trim(text, &len);
    if (!len) return;
    gk_block *b = new_block(r);
    if (!b) return;
    b->kind = GK_BLOCK_PARA;
    b->text = gk_arena_strndup(r->a, t, len);
    b->len = len;
    b->line = line;
    b->end_line = end_line < line ? line : end_line;
}

static void flush_para(reader *r) {
    if (r->para.len) emit_para(r, r->para.data, r->para.len, r->para_line, line_at(r, r->para_end));
    gk_buf_reset(&r->para);
    r->para_space = false;
}

static table *top(reader *r) { return r->ntables ? &r->tables[r->ntables - 1] : NULL; }

static bool in_cell(reader *r) {
    table *t = top(r);
    return t && !t->layout && t->cell_open;
}

/* A block boundary: ends the paragraph, or a line of the open cell. */
static void boundary(reader *r) {
    if (in_cell(r)) {
        if (r->cell.len && r->cell.data[r->cell.len - 1] != '\n') gk_buf_putc(&r->cell, '\n');
        r->cell_space = false;
    } else {
        flush_para(r);
    }
}

static void line_break(reader *r) {
    if (in_cell(r)) {
        if (r->cell.len) gk_buf_putc(&r->cell, '\n');
        r->cell_space = false;
    } else {
        flush_para(r);
    }
}

/* Text s[i..end): white space collapsed, entities decoded, into the open cell or the paragraph. */
static void put_text(reader *r, size_t i, size_t end) {
    const char *s = r->s;
    if (r->in_caption) return;
    if (r->in_head) {
        size_t k = i;
        while (k < end && (is_ws((unsigned char)s[k]) || s[k] == 0)) k++;
        if (k == end) return;
        r->in_head = false;
    }
    bool cell = in_cell(r);
    gk_buf *b = cell ? &r->cell : &r->para;
    bool *sp = cell ? &r->cell_space : &r->para_space;
    while (i < end) {
        unsigned char c = (unsigned char)s[i];
        if (is_ws(c)) { *sp = true; i++; continue; }
        if (c == 0) { i++; continue; }
        char tmp[4];
        const char *run = s + i;
        size_t rl, j;
        int32_t cp = 0;
        size_t used = c == '&' ? decode_entity(s + i, end - i, &cp) : 0;
        if (used) {
            j = i + used;
            if (cp < 0) { i = j; continue; }
            if (cp < 0x80 && is_ws(cp)) { *sp = true; i = j; continue; }
            rl = utf8_put(cp, tmp);
            run = tmp;
        } else {   /* a run of plain text (a '&' that starts no reference is plain) */
            j = i + 1;
            while (j < end) {
                unsigned char d = (unsigned char)s[j];
                if ((byte_class[d] & C_TEXT_STOP) && (d != '&' || decode_entity(s + j, end - j, &cp))) break;
                j++;
            }
            rl = j - i;
        }
        if (*sp && b->len && b->data[b->len - 1] != '\n') gk_buf_putc(b, ' ');
        *sp = false;
        if (!cell) {
            if (b->len == 0) {
                r->para_line = line_at(r, i);
                r->para_off = (uint32_t)i;
            }
            r->para_end = (uint32_t)j;
        }
        gk_buf_append(b, run, rl);
        i = j;
    }
}

/* ------------------------------------------------------------------ tables */

static void table_free(table *t) {
    free(t->cells);
    free(t->rows);
    free(t->occ);
    free(t->active);
    memset(t, 0, sizeof *t);
}

/* Splits text at '\n' into paragraphs (a dissolved layout table's cells). */
static void emit_lines(reader *r, const char *text, size_t len, uint32_t line) {
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t j = nl ? (size_t)(nl - text) : len;
        emit_para(r, text + i, j - i, line, line);
        i = j + 1;
    }
}

static void close_cell(reader *r, table *t, size_t at) {
    if (!t->cell_open) return;
    t->cell_open = false;
    if (t->layout) return;
    scell *c = &t->cur;
    size_t n = r->cell.len;
    const char *txt = gk_trim(r->cell.data ? r->cell.data : "", &n);
    c->text = n ? gk_arena_strndup(r->a, txt, n) : "";
    c->tlen = (uint32_t)n;
    c->len = (uint32_t)(at > c->off ? at - c->off : 0);
    gk_buf_reset(&r->cell);
    r->cell_space = false;
    if (!grow((void **)&t->cells, &t->capcells, t->ncells + 1, sizeof(scell))) { fail(r, GK_ERR_NOMEM, NULL); return; }
    t->cells[t->ncells++] = *c;
}

/* The open row ends: its width is its last cell or the last column a cell from above still covers. */
static void close_row(reader *r, table *t, size_t at) {
    close_cell(r, t, at);
    if (!t->row_open) return;
    t->row_open = false;
    if (t->layout || r->err) return;
    uint32_t row = t->nrows - 1, width = t->col, keep = 0;
    for (uint32_t k = 0; k < t->nactive; k++) {
        const scell *c = &t->cells[t->active[k]];
        if (c->row < row && (c->rs == SPAN_TO_END || c->row + c->rs > row) && c->col + c->cs > width)
            width = c->col + c->cs;
        if (c->rs == SPAN_TO_END || c->row + c->rs > row + 1) t->active[keep++] = t->active[k];
    }
    t->nactive = keep;
    t->rows[row].width = width;
    t->positions += width ? width : 1;   /* an empty row costs a row */
    r->doc_cells += width ? width : 1;
    if (t->positions > MAX_TABLE_CELLS)
        fail(r, GK_ERR_UNSAFE, gk_arena_printf(r->a, "HTML: a table of more than %u cells (line %u)", MAX_TABLE_CELLS, t->line));
    else if (r->doc_cells > MAX_DOC_CELLS)
        fail(r, GK_ERR_UNSAFE, gk_arena_printf(r->a, "HTML: more than %u table cells", MAX_DOC_CELLS));
}

static void open_row(reader *r, table *t, size_t at) {
    t->row_open = true;
    t->col = 0;
    if (t->layout) return;
    if (!grow((void **)&t->rows, &t->caprows, t->nrows + 1, sizeof(srow))) { fail(r, GK_ERR_NOMEM, NULL); return; }
    t->rows[t->nrows++] = (srow){line_at(r, at), (uint32_t)at, 0};
}

/* The grid: rows as wide as their last position, covered positions spanned, gaps empty. */
static void emit_table(reader *r, table *t, size_t at) {
    if (t->nrows == 0) return;
    gk_arena *a = r->a;
    gk_block *b = new_block(r);
    if (!b) return;
    b->kind = GK_BLOCK_TABLE;
    b->line = t->line;
    b->end_line = line_at(r, at);
    if (b->end_line < b->line) b->end_line = b->line;
    b->nrows = t->nrows;
    b->rows = gk_arena_alloc(a, (size_t)t->nrows * sizeof(gk_drow));
    for (uint32_t i = 0; i < t->nrows; i++) {
        gk_drow *row = &b->rows[i];
        row->line = t->rows[i].line;
        row->ncells = t->rows[i].width;
        row->cells = row->ncells ? gk_arena_alloc(a, (size_t)row->ncells * sizeof(gk_dcell)) : NULL;
        for (uint32_t c = 0; c < row->ncells; c++) {
            gk_dcell *d = &row->cells[c];
            d->text = "";
            d->src = (gk_src){row->line, c + 1, t->rows[i].off, 0};
        }
    }
    uint64_t work = 0;
    for (uint32_t k = 0; k < t->ncells; k++) {
        const scell *c = &t->cells[k];
        uint32_t rs = c->rs == SPAN_TO_END || c->rs > t->nrows - c->row ? t->nrows - c->row : c->rs;
        gk_dcell *o = &b->rows[c->row].cells[c->col];
        o->text = c->text;
        o->len = c->tlen;
        o->src = (gk_src){c->line, c->col + 1, c->off, c->len};
        o->rowspan = (uint16_t)(rs > UINT16_MAX ? UINT16_MAX : rs);   /* rowspan=0 over more rows saturates */
        o->colspan = (uint16_t)c->cs;
        for (uint32_t y = c->row; y < c->row + rs; y++) {
            gk_drow *row = &b->rows[y];
            for (uint32_t x = c->col; x < c->col + c->cs && x < row->ncells; x++) {
                if (++work > 4ull * MAX_TABLE_CELLS) {
                    fail(r, GK_ERR_UNSAFE, gk_arena_printf(a, "HTML: overlapping spans (line %u)", t->line));
                    return;
                }
                gk_dcell *d = &row->cells[x];
                if (d->spanned || d->colspan) continue;   /* an earlier cell holds it */
                d->spanned = true;
                d->src.offset = c->off;
            }
        }
    }
}

static void close_table(reader *r, size_t at) {
    r->in_caption = false;
    table *t = top(r);
    if (!t) return;
    close_row(r, t, at);
    flush_para(r);   /* what a layout table's cell left open, or text fostered out of a grid */
    if (!t->layout && r->err == GK_OK) emit_table(r, t, at);
    table_free(t);
    r->ntables--;
}

/* A table inside a cell: the table holding it is layout. What its cells held so far becomes paragraphs. */
static void make_layout(reader *r, table *t) {
    flush_para(r);
    for (uint32_t k = 0; k < t->ncells; k++) emit_lines(r, t->cells[k].text, t->cells[k].tlen, t->cells[k].line);
    if (t->cell_open) emit_lines(r, r->cell.data ? r->cell.data : "", r->cell.len, t->cur.line);
    gk_buf_reset(&r->cell);
    r->cell_space = false;
    free(t->cells);
    free(t->rows);
    free(t->occ);
    free(t->active);
    t->cells = NULL; t->rows = NULL; t->occ = NULL; t->active = NULL;
    t->ncells = t->capcells = t->nrows = t->caprows = t->width = t->capocc = t->nactive = t->capactive = 0;
    t->layout = true;
}

static void open_table(reader *r, size_t at) {
    boundary(r);
    table *t = top(r);
    if (t && !t->cell_open) { close_table(r, at); t = top(r); }
    if (t && !t->layout) make_layout(r, t);
    if (r->ntables >= MAX_TABLE_DEPTH) {
        fail(r, GK_ERR_UNSAFE, gk_arena_printf(r->a, "HTML: tables nested deeper than %d (line %u)", MAX_TABLE_DEPTH,
                                               line_at(r, at)));
        return;
    }
    /* grown as tables nest (most pages: one or two), not MAX_TABLE_DEPTH zeroed up front */
    if (!grow((void **)&r->tables, &r->captables, (uint32_t)r->ntables + 1, sizeof(table))) { fail(r, GK_ERR_NOMEM, NULL); return; }
    flush_para(r);
    t = &r->tables[r->ntables++];
    memset(t, 0, sizeof *t);
    t->line = line_at(r, at);
    t->off = (uint32_t)at;
}

/* HTML's rules for a non-negative integer: white space, an optional '+', digits; else the default. */
static long span_value(const char *v, size_t n, long dflt) {
    size_t i = 0;
    while (i < n && is_ws((unsigned char)v[i])) i++;
    if (i < n && v[i] == '+') i++;
    if (i >= n || !is_digit((unsigned char)v[i])) return dflt;
    long x = 0;
    for (; i < n && is_digit((unsigned char)v[i]); i++)
        if (x < 100000000) x = x * 10 + (v[i] - '0');
    return x;
}

static void open_cell(reader *r, size_t tag, size_t at, long rowspan, long colspan) {
    table *t = top(r);
    if (!t) { boundary(r); return; }
    close_cell(r, t, tag);
    if (!t->row_open) open_row(r, t, tag);
    if (r->err) return;
    t->cell_open = true;
    if (t->layout) { flush_para(r); return; }
    flush_para(r);   /* text fostered out of the table before this cell */
    uint32_t line = line_at(r, tag);
    if (colspan > MAX_COLSPAN) {
        fail(r, GK_ERR_UNSAFE, gk_arena_printf(r->a, "HTML: colspan=%ld > %d (line %u)", colspan, MAX_COLSPAN, line));
        return;
    }
    if (rowspan > MAX_ROWSPAN) {
        fail(r, GK_ERR_UNSAFE, gk_arena_printf(r->a, "HTML: rowspan=%ld > %d (line %u)", rowspan, MAX_ROWSPAN, line));
        return;
    }
    uint32_t cs = colspan < 1 ? 1 : (uint32_t)colspan;
    uint32_t rs = rowspan == 0 ? SPAN_TO_END : rowspan < 0 ? 1 : (uint32_t)rowspan;
    uint32_t row = t->nrows - 1, col = t->col;
    while (col < t->width && t->occ[col] > row) col++;
    if ((uint64_t)col + cs + t->positions > MAX_TABLE_CELLS) {
        fail(r, GK_ERR_UNSAFE, gk_arena_printf(r->a, "HTML: a table of more than %u cells (line %u)", MAX_TABLE_CELLS, t->line));
        return;
    }
    if (col + cs > t->width) {
        if (!grow((void **)&t->occ, &t->capocc, col + cs, sizeof(uint32_t))) { fail(r, GK_ERR_NOMEM, NULL); return; }
        for (uint32_t x = t->width; x < col + cs; x++) t->occ[x] = 0;
        t->width = col + cs;
    }
    uint32_t until = rs == SPAN_TO_END ? SPAN_TO_END : row + rs;
    for (uint32_t x = col; x < col + cs; x++)
        if (t->occ[x] < until) t->occ[x] = until;
    t->col = col + cs;
    if (rs != 1) {
        if (!grow((void **)&t->active, &t->capactive, t->nactive + 1, sizeof(uint32_t))) { fail(r, GK_ERR_NOMEM, NULL); return; }
        t->active[t->nactive++] = t->ncells;   /* the index it will have when it closes */
    }
    t->cur = (scell){row, col, rs, cs, line, (uint32_t)at, 0, "", 0};
    gk_buf_reset(&r->cell);
    r->cell_space = false;
}

/* ------------------------------------------------------------------ the crawler's header */

static bool starts_with(const char *s, size_t n, const char *p) {
    size_t k = strlen(p);
    return n >= k && memcmp(s, p, k) == 0;
}

static bool contains(const char *s, size_t n, const char *p) {
    size_t k = strlen(p);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, p, k) == 0) return true;
    return false;
}

/* 标题：… 单位：… 来源：… 采集时间：… at the top of a saved page: not the report's. */
static void drop_crawler_header(reader *r) {
    for (uint32_t i = 0; i < r->nblocks && i < 8; i++) {
        const gk_block *b = &r->blocks[i];
        if (b->kind != GK_BLOCK_PARA) continue;
        if (!(starts_with(b->text, b->len, "标题：") || starts_with(b->text, b->len, "标题:"))) continue;
        for (uint32_t j = i; j < r->nblocks && j < i + 8 && r->blocks[j].kind == GK_BLOCK_PARA; j++) {
            const gk_block *e = &r->blocks[j];
            if ((j == i && contains(e->text, e->len, "采集时间")) || starts_with(e->text, e->len, "采集时间")) {
                memmove(&r->blocks[i], &r->blocks[j + 1], (r->nblocks - j - 1) * sizeof(gk_block));
                r->nblocks -= j + 1 - i;
                return;
            }
        }
        return;
    }
}

/* ------------------------------------------------------------------ the tokenizer */

/* The end of a tag opened at s[p] == '<' (the index after its '>'), or 0 when the input ends first.
 * Attribute values in quotes may hold '>'. For a start tag, rowspan/colspan are read on the way. */
static size_t scan_tag(const char *s, size_t n, size_t i, long *rowspan, long *colspan, bool *selfclose) {
    *selfclose = false;
    for (;;) {
        size_t start = i;
        while (i < n && (byte_class[(unsigned char)s[i]] & C_TAG_GAP)) i++;
        if (i >= n) return 0;
        if (s[i] == '>') {
            /* self-closing (<br/>, <td/>): a '/' between attributes just before '>', not the end of a value */
            *selfclose = i > start && s[i - 1] == '/';
            return i + 1;
        }
        size_t an = i;
        i++;   /* a name may start with '=' or a quote */
        while (i < n && !(byte_class[(unsigned char)s[i]] & C_ATTR_END)) i++;
        size_t alen = i - an;
        size_t k = i;
        while (k < n && is_ws((unsigned char)s[k])) k++;
        if (k >= n) return 0;
        if (s[k] != '=') { i = k; continue; }
        k++;
        while (k < n && is_ws((unsigned char)s[k])) k++;
        if (k >= n) return 0;
        size_t vs, ve;
        if (s[k] == '"' || s[k] == '\'') {
            const char *q = memchr(s + k + 1, s[k], n - k - 1);
            if (!q) return 0;
            vs = k + 1;
            ve = (size_t)(q - s);
            i = ve + 1;
        } else {
            vs = k;
            while (k < n && !is_ws((unsigned char)s[k]) && s[k] != '>') k++;   /* a '/' belongs to the value */
            ve = k;
            i = k;
        }
        if (rowspan && alen == 7 && strncasecmp(s + an, "rowspan", 7) == 0) *rowspan = span_value(s + vs, ve - vs, 1);
        if (colspan && alen == 7 && strncasecmp(s + an, "colspan", 7) == 0) *colspan = span_value(s + vs, ve - vs, 1);
    }
}

/* scan_tag, with the common case first: a tag without attributes (<p>, </span>) ends at its name. */
static inline size_t tag_end(const char *s, size_t n, size_t i, long *rowspan, long *colspan, bool *selfclose) {
    if (i < n && s[i] == '>') { *selfclose = false; return i + 1; }
    return scan_tag(s, n, i, rowspan, colspan, selfclose);
}

/* After <script> and the like: the index of the '<' of its end tag, or n. */
static size_t raw_end(const char *s, size_t n, size_t i, const char *name, size_t nl) {
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) return n;
        size_t p = (size_t)(lt - s);
        if (p + 2 + nl <= n && s[p + 1] == '/' && strncasecmp(s + p + 2, name, nl) == 0) return p;
        i = p + 1;
    }
    return n;
}

/* The end of the tag name that starts at s[ns] (white space, '/', '>' or the input's end), and in *ls where
 * its local name starts: a prefixed name (Word's o:p, st1:chsdate, v:shape) counts by its local name, as
 * libxml2 (and so lxml) reads it: <o:p> is a paragraph break, like <p>. */
static size_t tag_name(const char *s, size_t n, size_t ns, size_t *ls) {
    size_t ne = ns, colon = 0;   /* 0: none (a name never starts at 0) */
    for (; ne < n && !(byte_class[(unsigned char)s[ne]] & C_NAME_END); ne++)
        if (s[ne] == ':' && !colon) colon = ne;
    *ls = colon && colon + 1 < ne ? colon + 1 : ns;
    return ne;
}

static void start_tag(reader *r, tagkind k, size_t lt, size_t after, long rowspan, long colspan) {
    if (r->in_head && k != T_HEADONLY && k != T_RAW && k != T_HEAD && k != T_OTHER) r->in_head = false;
    table *t = top(r);
    switch (k) {
    case T_HEAD: r->in_head = true; break;
    case T_BODY: r->in_head = false; boundary(r); break;
    case T_TABLE: open_table(r, lt); break;
    case T_TR:
        if (!t) { boundary(r); break; }
        close_row(r, t, lt);
        open_row(r, t, lt);
        flush_para(r);
        break;
    case T_TD: case T_TH: r->in_caption = false; open_cell(r, lt, after, rowspan, colspan); break;
    case T_TBODY: case T_THEAD: case T_TFOOT: case T_COLGROUP:
        if (t) close_row(r, t, lt);
        boundary(r);
        break;
    case T_CAPTION:
        if (t) close_row(r, t, lt);
        boundary(r);
        r->in_caption = t != NULL;
        break;
    case T_BR: line_break(r); break;
    case T_BLOCK: boundary(r); break;
    default: break;
    }
}

static void end_tag(reader *r, tagkind k, size_t lt) {
    table *t = top(r);
    switch (k) {
    case T_HEAD: r->in_head = false; break;
    case T_TABLE: if (t) close_table(r, lt); else boundary(r); break;
    case T_TR: if (t) close_row(r, t, lt); boundary(r); break;
    case T_TD: case T_TH: if (t) close_cell(r, t, lt); boundary(r); break;
    case T_TBODY: case T_THEAD: case T_TFOOT:
        if (t) close_row(r, t, lt);
        boundary(r);
        break;
    case T_BR: line_break(r); break;
    case T_CAPTION: r->in_caption = false; boundary(r); break;
    case T_BLOCK: case T_BODY: case T_COLGROUP: boundary(r); break;
    default: break;
    }
}

static void tokenize(reader *r) {
    const char *s = r->s;
    size_t n = r->n, pos = 0;
    while (pos < n && r->err == GK_OK) {
        /* text up to the next '<' that starts markup ('<' before anything else is text) */
        const char *lt;
        size_t p, scan = pos;
        unsigned char c1;
        for (;;) {
            lt = memchr(s + scan, '<', n - scan);
            p = lt ? (size_t)(lt - s) : n;
            c1 = p + 1 < n ? (unsigned char)s[p + 1] : 0;
            if (!lt || is_alpha(c1) || c1 == '/' || c1 == '!' || c1 == '?') break;
            scan = p + 1;
        }
        if (p > pos) put_text(r, pos, p);
        if (!lt) break;
        pos = p;
        if (is_alpha(c1)) {                                   /* start tag */
            size_t ls, ne = tag_name(s, n, p + 1, &ls);
            tagkind k = tag_kind(s + ls, ne - ls);
            long rowspan = 1, colspan = 1;
            bool selfclose;
            size_t after = tag_end(s, n, ne, (k == T_TD || k == T_TH) ? &rowspan : NULL,
                                   (k == T_TD || k == T_TH) ? &colspan : NULL, &selfclose);
            if (after == 0) break;                            /* unterminated at the end: dropped */
            start_tag(r, k, p, after, rowspan, colspan);
            pos = after;
            if (k == T_RAW && !selfclose) {
                if ((ne - ls == 5 && strncasecmp(s + ls, "title", 5) == 0)) boundary(r);
                pos = raw_end(s, n, after, s + ls, ne - ls);
            } else if (selfclose && (k == T_TD || k == T_TH)) {
                table *t = top(r);
                if (t) close_cell(r, t, after);
            }
        } else if (c1 == '/') {                               /* end tag */
            unsigned char c2 = p + 2 < n ? (unsigned char)s[p + 2] : 0;
            if (is_alpha(c2)) {
                size_t ls, ne = tag_name(s, n, p + 2, &ls);
                bool selfclose;
                size_t after = tag_end(s, n, ne, NULL, NULL, &selfclose);
                if (after == 0) break;
                end_tag(r, tag_kind(s + ls, ne - ls), p);
                pos = after;
            } else {                                          /* </> or a bogus comment */
                const char *gt = p + 2 < n ? memchr(s + p + 2, '>', n - p - 2) : NULL;
                if (!gt) break;
                pos = (size_t)(gt - s) + 1;
            }
        } else if (c1 == '!') {
            if (p + 3 < n && s[p + 2] == '-' && s[p + 3] == '-') {  /* comment, to the next --> */
                size_t i = p + 4;
                size_t end = 0;
                while (i < n) {
                    const char *gt = memchr(s + i, '>', n - i);
                    if (!gt) break;
                    size_t g = (size_t)(gt - s);
                    if (g >= p + 6 && s[g - 1] == '-' && s[g - 2] == '-') { end = g + 1; break; }
                    i = g + 1;
                }
                if (!end) break;                              /* unterminated: the rest is comment */
                pos = end;
            } else {                                          /* <!DOCTYPE …>, <![if …]>, <![endif]> */
                const char *gt = p + 2 < n ? memchr(s + p + 2, '>', n - p - 2) : NULL;
                if (!gt) break;
                pos = (size_t)(gt - s) + 1;
            }
        } else {                                              /* <?xml …?>, <?xml:namespace …/> */
            const char *gt = p + 2 < n ? memchr(s + p + 2, '>', n - p - 2) : NULL;
            if (!gt) break;
            pos = (size_t)(gt - s) + 1;
        }
    }
    while (r->ntables && r->err == GK_OK) close_table(r, n);
    if (r->err == GK_OK) flush_para(r);
}

/* ------------------------------------------------------------------ entry point */

static gk_status read_html(gk_arena *a, const char *path, const char *utf8, size_t len, gk_doc **out,
                           const char **detail, bool valid);

gk_status gk_read_html(gk_arena *a, const char *path, const char *utf8, size_t len, gk_doc **out,
                       const char **detail) {
    return read_html(a, path, utf8, len, out, detail, false);
}

gk_status gk_read_html_decoded(gk_arena *a, const char *path, const char *utf8, size_t len, gk_doc **out,
                               const char **detail) {
    return read_html(a, path, utf8, len, out, detail, true);
}

static gk_status read_html(gk_arena *a, const char *path, const char *utf8, size_t len, gk_doc **out,
                           const char **detail, bool valid) {
    *out = NULL;
    if (detail) *detail = NULL;
    if (len >= 3 && memcmp(utf8, "\xEF\xBB\xBF", 3) == 0) { utf8 += 3; len -= 3; }
    if (len > UINT32_MAX - 2) return GK_ERR_TOO_LARGE;
    if (len == 0 || gk_is_blank(utf8, len)) return GK_ERR_EMPTY;
    const char *nul = memchr(utf8, 0, len);
    if (nul) {
        if (detail) *detail = gk_arena_printf(a, "%zu", (size_t)(nul - utf8));
        return GK_ERR_BINARY;
    }
    size_t bad = 0;
    if (!valid && !gk_utf8_valid(utf8, len, &bad)) {
        if (detail) *detail = gk_arena_printf(a, "%zu", bad);
        return GK_ERR_ENCODING;
    }

    reader r;
    memset(&r, 0, sizeof r);
    r.a = a;
    /* decoded text is already the arena's, NUL-terminated (sniff.h): it is the doc's source as it is */
    const char *src = valid ? utf8 : gk_arena_strndup(a, utf8, len);
    r.s = src;
    r.n = len;
    r.lc_line = 1;
    for (const char *q = memchr(src, '\r', len); q && !r.lone_cr; q = memchr(q + 1, '\r', len - (size_t)(q + 1 - src)))
        r.lone_cr = q + 1 >= src + len || q[1] != '\n';
    gk_buf_init(&r.para);
    gk_buf_init(&r.cell);

    tokenize(&r);

    for (int i = 0; i < r.ntables; i++) table_free(&r.tables[i]);
    free(r.tables);
    gk_buf_free(&r.para);
    gk_buf_free(&r.cell);
    if (r.err != GK_OK) {
        free(r.blocks);
        if (detail) *detail = r.detail;
        return r.err;
    }
    drop_crawler_header(&r);

    gk_doc *d = gk_arena_alloc(a, sizeof *d);
    d->arena = a;
    d->path = gk_arena_strdup(a, path ? path : "");
    d->src = src;
    d->srclen = len;
    d->format = "html";
    d->encoding = "UTF-8";
    d->nlines = line_at(&r, len);
    d->nblocks = r.nblocks;
    if (r.nblocks) {
        d->blocks = gk_arena_alloc(a, (size_t)r.nblocks * sizeof(gk_block));
        memcpy(d->blocks, r.blocks, (size_t)r.nblocks * sizeof(gk_block));
    }
    free(r.blocks);
    *out = d;
    return GK_OK;
}
