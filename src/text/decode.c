/* decode.c: bytes → UTF-8, the first step for every text format (plain text, HTML, Markdown).
 *
 * The evidence is weighed in this order:
 *   1. a byte-order mark: UTF-32LE/BE, UTF-8, UTF-16LE/BE (what follows the mark must convert, or
 *      GK_ERR_ENCODING at the offending byte);
 *   2. NUL bytes: UTF-16 without a BOM when the code units, in one byte order, are text (ASCII text,
 *      digits, tabs and newlines have a zero high byte; CJK ideographs fall in their block);
 *      any other NUL bytes mean binary data (passed through when they are valid UTF-8, so that the text
 *      reader reports GK_ERR_BINARY as before, else GK_ERR_BINARY here at the first NUL);
 *   3. valid UTF-8 stays UTF-8, whatever a <meta> says: crawlers re-save pages as UTF-8 and keep the old
 *      <meta charset=gb2312>, while GBK text of any length is practically never valid UTF-8;
 *   4. the charset named by an HTML <meta charset=…> / <meta http-equiv … content="…charset=…"> or an
 *      XML declaration in the first 4 KiB: gbk, gb2312, gb18030 (and their aliases) decode as GB18030,
 *      big5 as BIG5-HKSCS (else BIG5, CP950);
 *   5. GB18030 (a superset of GBK and GB2312), accepted when every byte converts;
 *   6. any other declared charset that iconv knows (tried after GB18030: a Chinese report labelled
 *      iso-8859-1 is far more often mislabelled GBK than Latin-1);
 *   7. otherwise GK_ERR_ENCODING, *detail = the offset of the first byte that is not UTF-8 (decimal).
 *
 * Conversion is iconv (glibc), every error checked; the input is never read past its length; the
 * output is NUL-terminated in the arena and never larger than 4 × the input (+16). */
#include "gongkai/doc.h"
#include "gongkai/text.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define META_WINDOW 4096u      /* where a <meta charset> is looked for */
#define SNIFF_WINDOW 65536u    /* what UTF-16 detection samples */
#define NAME_MAX_LEN 40

typedef enum { CONV_OK = 0, CONV_BAD, CONV_UNKNOWN, CONV_NOMEM } conv_result;

/* iconv from `from` to UTF-8 of in[0..len). On CONV_BAD, *bad is the input offset where conversion
 * stopped (an invalid or incomplete sequence). The result is copied into the arena. */
static conv_result convert(gk_arena *a, const char *from, const char *in, size_t len, char **out, size_t *outlen,
                           size_t *bad) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return CONV_UNKNOWN;
    size_t max = len * 4 + 16;                 /* the caller keeps len small enough not to overflow */
    size_t cap = len + len / 2 + 16;
    char *buf = malloc(cap);
    if (!buf) { iconv_close(cd); return CONV_NOMEM; }
    char *ip = (char *)in;                     /* iconv's prototype is not const; it does not write */
    size_t il = len;
    char *op = buf;
    size_t ol = cap;
    conv_result res = CONV_OK;
    bool flushing = false;
    for (;;) {
        size_t r = flushing ? iconv(cd, NULL, NULL, &op, &ol) : iconv(cd, &ip, &il, &op, &ol);
        if (r == (size_t)-1) {
            if (errno == E2BIG) {
                size_t used = (size_t)(op - buf);
                if (cap >= max) { res = CONV_BAD; break; }   /* more output than any text encoding gives */
                size_t ncap = cap * 2 < max ? cap * 2 : max;
                char *nb = realloc(buf, ncap);
                if (!nb) { res = CONV_NOMEM; break; }
                buf = nb;
                cap = ncap;
                op = buf + used;
                ol = cap - used;
                continue;
            }
            res = CONV_BAD;                    /* EILSEQ (invalid) or EINVAL (incomplete at the end) */
            break;
        }
        if (r != 0) { res = CONV_BAD; break; } /* an irreversible conversion: not a clean decode */
        if (flushing) break;
        if (il != 0) { res = CONV_BAD; break; }
        flushing = true;                       /* reset the shift state of stateful encodings */
    }
    iconv_close(cd);
    if (res == CONV_BAD) *bad = (size_t)(ip - in);
    if (res == CONV_OK) {
        size_t used = (size_t)(op - buf);
        size_t b2;
        if (!gk_utf8_valid(buf, used, &b2)) {   /* iconv promised UTF-8; do not trust it blindly */
            *bad = 0;
            res = CONV_BAD;
        } else {
            *out = gk_arena_strndup(a, buf, used);
            *outlen = used;
        }
    }
    free(buf);
    return res;
}

/* A code unit that report text is made of: ASCII text and white space, Latin-1, general punctuation,
 * letterlike symbols, enclosed numbers, box drawing and shapes, CJK punctuation, kana, CJK ideographs
 * (Ext A, unified, compatibility), vertical and full-width forms, surrogates (of a pair), BOM. */
static bool text_unit(unsigned u) {
    if (u < 0x80) return u >= 0x20 ? u != 0x7F : (u == '\t' || u == '\n' || u == '\r' || u == '\f');
    return (u >= 0xA0 && u <= 0xFF) || (u >= 0x2000 && u <= 0x21FF) || (u >= 0x2460 && u <= 0x25FF) ||
           (u >= 0x3000 && u <= 0x30FF) || (u >= 0x3400 && u <= 0x4DBF) || (u >= 0x4E00 && u <= 0x9FFF) ||
           (u >= 0xD800 && u <= 0xDFFF) || (u >= 0xF900 && u <= 0xFAFF) || (u >= 0xFE30 && u <= 0xFE4F) ||
           (u >= 0xFF00 && u <= 0xFFEF) || u == 0xFEFF;
}

/* UTF-16 without a BOM: "UTF-16LE", "UTF-16BE" or NULL. Read as code units of either byte order, the
 * sample must have no U+0000 and at least 90% units of text (the wrong order scatters CJK over Yi, Hangul
 * and private use, and ASCII over controls). When the bytes are also valid UTF-8 (ASCII text with a few
 * NULs reads as CJK in either order), the zeros must besides sit in the high bytes of that order. */
static const char *sniff_utf16(const unsigned char *b, size_t len, bool valid_utf8) {
    size_t n = (len < SNIFF_WINDOW ? len : SNIFF_WINDOW) & ~(size_t)1;
    size_t units = n / 2;
    if (units < 2) return NULL;
    size_t z0 = 0, z1 = 0, le = 0, be = 0;
    for (size_t i = 0; i < n; i += 2) {
        if (b[i] == 0 && b[i + 1] == 0) return NULL;
        z0 += b[i] == 0;
        z1 += b[i + 1] == 0;
        le += text_unit((unsigned)b[i] | (unsigned)b[i + 1] << 8);
        be += text_unit((unsigned)b[i] << 8 | (unsigned)b[i + 1]);
    }
    bool is_le = le >= be;
    size_t score = is_le ? le : be, zhi = is_le ? z1 : z0, zlo = is_le ? z0 : z1;
    if (score * 10 < units * 9) return NULL;
    if (valid_utf8 && !(zhi >= 2 && zhi > 2 * zlo)) return NULL;
    return is_le ? "UTF-16LE" : "UTF-16BE";
}

static bool name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
}

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* The value of `key` (charset / encoding) inside the tag s[from..end): key, optional space, '=', optional
 * space and quote, then the name. */
static bool attr_name(const char *s, size_t from, size_t end, const char *key, char name[NAME_MAX_LEN + 1]) {
    size_t kl = strlen(key);
    for (size_t k = from; k + kl <= end; k++) {
        if (strncasecmp(s + k, key, kl) != 0) continue;
        size_t p = k + kl;
        while (p < end && is_ws(s[p])) p++;
        if (p >= end || s[p] != '=') continue;
        p++;
        while (p < end && is_ws(s[p])) p++;
        if (p < end && (s[p] == '"' || s[p] == '\'')) p++;
        size_t q = p;
        while (q < end && q - p < NAME_MAX_LEN && name_char(s[q])) q++;
        if (q == p || (q < end && name_char(s[q]))) continue;   /* empty, or too long to be a name */
        memcpy(name, s + p, q - p);
        name[q - p] = 0;
        return true;
    }
    return false;
}

/* The charset named in the first 4 KiB by an HTML <meta> or an XML declaration. */
static bool declared_charset(const char *s, size_t n, char name[NAME_MAX_LEN + 1]) {
    size_t m = n < META_WINDOW ? n : META_WINDOW;
    for (size_t i = 0; i + 5 < m; i++) {
        if (s[i] != '<') continue;
        bool meta = strncasecmp(s + i + 1, "meta", 4) == 0 && (is_ws(s[i + 5]) || s[i + 5] == '/');
        bool xml = memcmp(s + i, "<?xml", 5) == 0;
        if (!meta && !xml) continue;
        size_t end = i + 5;
        while (end < m && s[end] != '>') end++;
        if (attr_name(s, i + 5, end, meta ? "charset" : "encoding", name)) return true;
        i = end;
    }
    return false;
}

static bool name_is(const char *name, const char *const *list) {
    for (int k = 0; list[k]; k++)
        if (strcasecmp(name, list[k]) == 0) return true;
    return false;
}

static const char *const GB_NAMES[] = {"gbk", "gb2312", "gb_2312", "gb_2312-80", "gb18030", "x-gbk", "cp936",
                                       "ms936", "windows-936", "euc-cn", "x-euc-cn", "csgb2312", "csgbk",
                                       "chinese", "iso-ir-58", NULL};
static const char *const BIG5_NAMES[] = {"big5", "big-5", "big5-hkscs", "big5hkscs", "x-x-big5", "cn-big5",
                                         "csbig5", "cp950", "x-big5", "windows-950", NULL};
/* Declarations that cannot be right for bytes in which an ASCII <meta> was readable. */
static const char *const IGNORED_NAMES[] = {"utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf-16le", "utf-16be",
                                            "utf-32", "utf-32le", "utf-32be", "ucs-2", "ucs-4", "unicode",
                                            "iso-10646-ucs-2", NULL};

static void set_err(gk_arena *a, const char **detail, size_t off) {
    if (detail) *detail = gk_arena_printf(a, "%zu", off);
}

/* Converts with the first of the encodings in `encs` that converts cleanly; true when one did. */
static bool try_encodings(gk_arena *a, const char *const *encs, const char *b, size_t len, char **out, size_t *outlen,
                          const char **used, gk_status *fatal) {
    for (int k = 0; encs[k]; k++) {
        size_t bad = 0;
        conv_result r = convert(a, encs[k], b, len, out, outlen, &bad);
        if (r == CONV_OK) { *used = encs[k]; return true; }
        if (r == CONV_NOMEM) { *fatal = GK_ERR_NOMEM; return false; }
    }
    return false;
}

gk_status gk_decode(gk_arena *a, const char *bytes, size_t len, char **utf8, size_t *utf8_len,
                    const char **encoding, const char **detail) {
    const unsigned char *u = (const unsigned char *)bytes;
    const char *enc_dummy;
    if (!encoding) encoding = &enc_dummy;
    *utf8 = NULL;
    *utf8_len = 0;
    *encoding = NULL;
    if (detail) *detail = NULL;
    if (len > (SIZE_MAX - 16) / 4) return GK_ERR_TOO_LARGE;
    if (len == 0 || !bytes) {
        *utf8 = gk_arena_strndup(a, "", 0);
        *encoding = "UTF-8";
        return GK_OK;
    }

    /* 1. Byte-order marks (UTF-32 first: FF FE 00 00 also starts like UTF-16LE). */
    static const struct { const char *bom; size_t n; const char *enc; } boms[] = {
        {"\xFF\xFE\x00\x00", 4, "UTF-32LE"}, {"\x00\x00\xFE\xFF", 4, "UTF-32BE"}, {"\xEF\xBB\xBF", 3, "UTF-8"},
        {"\xFF\xFE", 2, "UTF-16LE"},         {"\xFE\xFF", 2, "UTF-16BE"},
    };
    for (size_t k = 0; k < sizeof boms / sizeof boms[0]; k++) {
        size_t bn = boms[k].n;
        if (len < bn || memcmp(bytes, boms[k].bom, bn) != 0) continue;
        if (strcmp(boms[k].enc, "UTF-8") == 0) {   /* UTF-8 with a BOM: the rest must be UTF-8 */
            size_t bad;
            if (!gk_utf8_valid(bytes + bn, len - bn, &bad)) {
                set_err(a, detail, bn + bad);
                return GK_ERR_ENCODING;
            }
            *utf8 = gk_arena_strndup(a, bytes + bn, len - bn);
            *utf8_len = len - bn;
            *encoding = "UTF-8";
            return GK_OK;
        }
        size_t bad = 0;
        conv_result r = convert(a, boms[k].enc, bytes + bn, len - bn, utf8, utf8_len, &bad);
        if (r == CONV_OK) { *encoding = boms[k].enc; return GK_OK; }
        if (r == CONV_NOMEM) return GK_ERR_NOMEM;
        set_err(a, detail, bn + bad);
        return GK_ERR_ENCODING;
    }

    /* 2. NUL bytes: UTF-16 without a BOM, or binary. */
    const unsigned char *nul = memchr(u, 0, len);
    if (nul) {
        bool valid = gk_utf8_valid(bytes, len, NULL);
        const char *enc16 = sniff_utf16(u, len, valid);
        if (enc16) {
            size_t bad = 0;
            conv_result r = convert(a, enc16, bytes, len, utf8, utf8_len, &bad);
            if (r == CONV_OK) { *encoding = enc16; return GK_OK; }
            if (r == CONV_NOMEM) return GK_ERR_NOMEM;
            set_err(a, detail, bad);
            return GK_ERR_ENCODING;
        }
        if (valid) {                           /* the text reader says GK_ERR_BINARY at the first NUL */
            *utf8 = gk_arena_strndup(a, bytes, len);
            *utf8_len = len;
            *encoding = "UTF-8";
            return GK_OK;
        }
        set_err(a, detail, (size_t)(nul - u));
        return GK_ERR_BINARY;
    }

    /* 3. Valid UTF-8. */
    size_t bad_utf8 = 0;
    if (gk_utf8_valid(bytes, len, &bad_utf8)) {
        *utf8 = gk_arena_strndup(a, bytes, len);
        *utf8_len = len;
        *encoding = "UTF-8";
        return GK_OK;
    }

    /* 4. A declared Chinese charset. */
    gk_status fatal = GK_OK;
    char name[NAME_MAX_LEN + 1] = "";
    bool declared = declared_charset(bytes, len, name) && !name_is(name, IGNORED_NAMES);
    static const char *const gb[] = {"GB18030", NULL};
    static const char *const big5[] = {"BIG5-HKSCS", "BIG5", "CP950", NULL};
    const char *used = NULL;
    if (declared && name_is(name, BIG5_NAMES)) {
        if (try_encodings(a, big5, bytes, len, utf8, utf8_len, &used, &fatal)) { *encoding = used; return GK_OK; }
        if (fatal != GK_OK) return fatal;
        declared = false;                      /* not Big5 after all: GB18030 below */
    }

    /* 5. GB18030 (declared or not). */
    if (try_encodings(a, gb, bytes, len, utf8, utf8_len, &used, &fatal)) { *encoding = used; return GK_OK; }
    if (fatal != GK_OK) return fatal;

    /* 6. Another declared charset. */
    if (declared && !name_is(name, GB_NAMES)) {
        char upper[NAME_MAX_LEN + 1];
        size_t k = 0;
        for (; name[k]; k++) upper[k] = (name[k] >= 'a' && name[k] <= 'z') ? (char)(name[k] - 'a' + 'A') : name[k];
        upper[k] = 0;
        const char *one[] = {upper, NULL};
        if (try_encodings(a, one, bytes, len, utf8, utf8_len, &used, &fatal)) {
            *encoding = gk_arena_strdup(a, upper);
            return GK_OK;
        }
        if (fatal != GK_OK) return fatal;
    }

    /* 7. Not text we can read. */
    set_err(a, detail, bad_utf8);
    return GK_ERR_ENCODING;
}
