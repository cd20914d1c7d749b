/* gongkai/text.h: text primitives: UTF-8 validation, white-space trimming (NBSP, U+3000 and
 * zero-width characters count as space), folding for label comparison (NFKC, no space, case-folded),
 * heading numbering (一、 （一） 1. 2、 …), Chinese numerals and exact numbers. */
#ifndef GONGKAI_TEXT_H
#define GONGKAI_TEXT_H

#include "gongkai/base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* true when s[0..n) is valid UTF-8; otherwise *bad is the offset of the first bad byte. */
bool gk_utf8_valid(const char *s, size_t n, size_t *bad);

/* Length of the UTF-8 character that starts at s (1 for a stray byte); never past n. */
size_t gk_utf8_len(const char *s, size_t n);

/* Decodes one code point; returns its length (1 with *cp = 0xFFFD on a bad byte). */
size_t gk_utf8_decode(const char *s, size_t n, int32_t *cp);

/* The same with the common characters decoded inline (the hot loops): ASCII, 2-byte sequences (lead C2–DF)
 * and 3-byte ones whose lead (E1–EC, EE, EF) rules out overlongs and surrogates, i.e. all of CJK. The rest
 * (E0, ED, 4-byte sequences, bad bytes, the end of the text) goes through gk_utf8_decode. */
static inline size_t gk_utf8_next(const char *str, size_t n, int32_t *cp) {
    const unsigned char *s = (const unsigned char *)str;
    if (n) {
        unsigned c = s[0];
        if (c < 0x80) { *cp = (int32_t)c; return 1; }
        /* (b ^ 0x80) < 0x40 for a continuation byte b, so one comparison checks both */
        if (c >= 0xE1 && c != 0xED && c <= 0xEF && n >= 3 && ((s[1] ^ 0x80u) | (s[2] ^ 0x80u)) < 0x40) {
            *cp = (int32_t)((c & 0x0F) << 12 | (s[1] & 0x3Fu) << 6 | (s[2] & 0x3Fu));
            return 3;
        }
        if (c >= 0xC2 && c <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
            *cp = (int32_t)((c & 0x1F) << 6 | (s[1] & 0x3Fu));
            return 2;
        }
    }
    return gk_utf8_decode(str, n, cp);
}

/* true for the characters gongkai treats as space: ASCII space and controls, NBSP, U+3000,
 * U+2000–U+200B, U+202F, U+205F, U+FEFF. Inline: it is asked of nearly every character of every label. */
static inline bool gk_is_space_cp(int32_t cp) {
    if (cp > 0x20 && cp < 0xA0) return false;       /* printable ASCII: the usual answer, at once */
    if (cp > 0x3000 && cp < 0xFEFF) return false;   /* CJK punctuation, ideographs, full-width forms */
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0xFEFF || cp == 0x202F || cp == 0x205F;
}

/* Trims space from both ends of s[0..*n): returns the new start and updates *n. */
const char *gk_trim(const char *s, size_t *n);

/* true when s[0..n) holds nothing but space. */
bool gk_is_blank(const char *s, size_t n);

/* Folds text for comparing labels: NFKC (full width to half width, U+3000 to space), case-folded,
 * with every space character removed. The result lives in the arena. */
char *gk_fold(gk_arena *a, const char *s, size_t n);

/* A fixed set of phrases (each at least 3 bytes) found in a text by one scan: each phrase carries bits, and
 * gk_phrases_in returns the OR of the bits of every phrase that occurs in s[0..n). Phrases are bucketed by
 * their first three bytes, so a text costs one lookup per character whatever the number of phrases. Build a
 * set once (it is read-only after) and scan it from any thread. */
enum { GK_PHRASES_MAX = 192 };
typedef struct gk_phrase {
    const char *s;
    uint16_t len;
    uint64_t bits;
} gk_phrase;
typedef struct gk_phrase_set {
    uint16_t n;
    gk_phrase v[GK_PHRASES_MAX];      /* by bucket */
    uint16_t start[257];              /* bucket b: v[start[b] .. start[b + 1]) */
    uint64_t lead[4];                 /* bytes a phrase starts with */
} gk_phrase_set;
/* false (and an empty set) with more than GK_PHRASES_MAX phrases or one shorter than 3 bytes. */
bool gk_phrase_set_build(gk_phrase_set *set, const gk_phrase *phrases, size_t n);
uint64_t gk_phrases_in(const gk_phrase_set *set, const char *s, size_t n);

/* Heading numbering at the start of a line. */
typedef enum gk_numkind {
    GK_NUM_NONE = 0,
    GK_NUM_CN,          /* 一、 二、 (also 一. 一．) */
    GK_NUM_CN_PAREN,    /* （一） (一) */
    GK_NUM_AR,          /* 1. 1、 1． 2、 */
    GK_NUM_AR_PAREN     /* （1） (1) */
} gk_numkind;

typedef struct gk_numbering {
    gk_numkind kind;
    int value;          /* 1-based */
    size_t len;         /* bytes of the prefix, trailing space included */
} gk_numbering;

/* Reads the numbering at the start of s (after leading space and list bullets such as "- "). */
gk_numbering gk_numbering_parse(const char *s, size_t n);

/* Chinese numeral for 1..99 (一 … 九十九) written into out (at least 16 bytes). */
const char *gk_cn_numeral(int v, char out[16]);

/* Parses a Chinese numeral 一…九十九 (also 〇/零) from s; returns bytes used (0 if none). */
size_t gk_cn_numeral_parse(const char *s, size_t n, int *value);

/* A number exactly as written: value × 10^-scale. */
typedef struct gk_decimal {
    int64_t value;
    uint8_t scale;
} gk_decimal;

typedef enum gk_numparse {
    GK_NP_NUMBER = 0,
    GK_NP_BLANK,        /* empty, space only, or a dash / 无 / 空 placeholder */
    GK_NP_NOT_NUMBER
} gk_numparse;

/* Reads a table cell: full-width digits, thousands separators and a trailing 件/个/条/项/万元 are
 * accepted; a decimal point only when allow_decimal. Negative numbers are not numbers here. */
gk_numparse gk_parse_cell_number(const char *s, size_t n, bool allow_decimal, gk_decimal *out);

/* The same with options: GK_CELL_DECIMAL (a decimal point), GK_CELL_SIGNED (a leading + or -, for 2019's
 * 本年增/减), GK_CELL_YUAN (a trailing 元, for 2019's 采购总金额). */
enum { GK_CELL_DECIMAL = 1, GK_CELL_SIGNED = 2, GK_CELL_YUAN = 4 };
gk_numparse gk_parse_cell_number_ex(const char *s, size_t n, unsigned flags, gk_decimal *out);

/* Writes a decimal exactly as held ("96171.6", "0", "1.25"). out must hold 32 bytes. */
const char *gk_decimal_str(gk_decimal d, char out[32]);

#ifdef __cplusplus
}
#endif
#endif
