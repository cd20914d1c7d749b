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

/* The same with ASCII decoded inline (the hot loops). */
static inline size_t gk_utf8_next(const char *s, size_t n, int32_t *cp) {
    if (n && (unsigned char)s[0] < 0x80) { *cp = (unsigned char)s[0]; return 1; }
    return gk_utf8_decode(s, n, cp);
}

/* true for the characters gongkai treats as space: ASCII space and controls, NBSP, U+3000,
 * U+2000–U+200B, U+FEFF. */
bool gk_is_space_cp(int32_t cp);

/* Trims space from both ends of s[0..*n): returns the new start and updates *n. */
const char *gk_trim(const char *s, size_t *n);

/* true when s[0..n) holds nothing but space. */
bool gk_is_blank(const char *s, size_t n);

/* Folds text for comparing labels: NFKC (full width to half width, U+3000 to space), case-folded,
 * with every space character removed. The result lives in the arena. */
char *gk_fold(gk_arena *a, const char *s, size_t n);

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
