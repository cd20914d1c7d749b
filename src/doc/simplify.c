/* simplify.c: traditional characters → simplified, for recognition (OpenCC t2s).
 *
 * Detection is cheap and needs no dictionary: the block texts (at most SAMPLE_BYTES of them) are
 * scanned for 121 common characters whose traditional and simplified forms differ (報/报, 開/开, 關/关,
 * 議/议, 訟/讼 …). A document is traditional when it holds at least MIN_TRAD of the traditional forms and
 * at least as many of them as of the simplified forms: a simplified report that quotes a traditional
 * name stays untouched. Only then is OpenCC loaded (once per process, gongkai/dl.h) and opened ("t2s.json"
 * from libopencc-data), one handle per call, closed before returning: no state is shared but the library's
 * function table, written once.
 *
 * Every paragraph and every cell text is converted. A paragraph that changed keeps its source text in
 * gk_block.orig (the report's section texts quote the source); cells keep their gk_src, which points
 * into the unconverted source. Texts that are not valid UTF-8 or hold a NUL are left alone (OpenCC
 * reads NUL-terminated text and trusts UTF-8). */
#include "gongkai/dl.h"
#include "gongkai/doc.h"
#include "gongkai/text.h"

#include <opencc.h>
#include <pthread.h>
#include <string.h>

/* OpenCC (and the C++ runtime it needs) is loaded only for a traditional document. */
#define OPENCC_FNS(X) X(opencc_open) X(opencc_convert_utf8) X(opencc_convert_utf8_free) X(opencc_close)
GK_DL_TABLE(occ, GK_SONAME_OPENCC, OPENCC_FNS)

#define SAMPLE_BYTES (256u * 1024u)
#define MIN_TRAD 3

/* The traditional forms, then the simplified ones, sorted by code point. Generated from the pairs
 *   並來個們傳價償動務區員問單國報場學實將專對導屬廣從復應戰據數時書會東條業極機檢權歲
 *   并来个们传价偿动务区员问单国报场学实将专对导属广从复应战据数时书会东条业极机检权岁
 *   歷決況濟為營爲現環當療發稅種積級組結統經網線縣總織義聯聽與舉華藝處號衛補規視計訟設
 *   历决况济为营为现环当疗发税种积级组结统经网线县总织义联听与举华艺处号卫补规视计讼设
 *   訴話認說請講證議護變讓財責費資質轉辦這進達還邊鄉醫鎮長門開間關際電頁項題類體點
 *   诉话认说请讲证议护变让财责费资质转办这进达还边乡医镇长门开间关际电页项题类体点
 * (爲 and 為 both give 为; t2s maps each traditional form to the simplified one beside it, and leaves every
 * simplified form as it is.) */
static const uint16_t TRAD[] = {
    0x4E26, 0x4F86, 0x500B, 0x5011, 0x50B3, 0x50F9, 0x511F, 0x52D5, 0x52D9, 0x5340, 0x54E1, 0x554F, 0x55AE,
    0x570B, 0x5831, 0x5834, 0x5B78, 0x5BE6, 0x5C07, 0x5C08, 0x5C0D, 0x5C0E, 0x5C6C, 0x5EE3, 0x5F9E, 0x5FA9,
    0x61C9, 0x6230, 0x64DA, 0x6578, 0x6642, 0x66F8, 0x6703, 0x6771, 0x689D, 0x696D, 0x6975, 0x6A5F, 0x6AA2,
    0x6B0A, 0x6B72, 0x6B77, 0x6C7A, 0x6CC1, 0x6FDF, 0x70BA, 0x71DF, 0x7232, 0x73FE, 0x74B0, 0x7576, 0x7642,
    0x767C, 0x7A05, 0x7A2E, 0x7A4D, 0x7D1A, 0x7D44, 0x7D50, 0x7D71, 0x7D93, 0x7DB2, 0x7DDA, 0x7E23, 0x7E3D,
    0x7E54, 0x7FA9, 0x806F, 0x807D, 0x8207, 0x8209, 0x83EF, 0x85DD, 0x8655, 0x865F, 0x885B, 0x88DC, 0x898F,
    0x8996, 0x8A08, 0x8A1F, 0x8A2D, 0x8A34, 0x8A71, 0x8A8D, 0x8AAA, 0x8ACB, 0x8B1B, 0x8B49, 0x8B70, 0x8B77,
    0x8B8A, 0x8B93, 0x8CA1, 0x8CAC, 0x8CBB, 0x8CC7, 0x8CEA, 0x8F49, 0x8FA6, 0x9019, 0x9032, 0x9054, 0x9084,
    0x908A, 0x9109, 0x91AB, 0x93AE, 0x9577, 0x9580, 0x958B, 0x9593, 0x95DC, 0x969B, 0x96FB, 0x9801, 0x9805,
    0x984C, 0x985E, 0x9AD4, 0x9EDE,
};
static const uint16_t SIMP[] = {
    0x4E0E, 0x4E13, 0x4E1A, 0x4E1C, 0x4E2A, 0x4E3A, 0x4E3E, 0x4E49, 0x4E61, 0x4E66, 0x4ECE, 0x4EEC, 0x4EF7,
    0x4F1A, 0x4F20, 0x4F53, 0x507F, 0x5173, 0x51B3, 0x51B5, 0x529E, 0x52A1, 0x52A8, 0x533A, 0x533B, 0x534E,
    0x5355, 0x536B, 0x5386, 0x53BF, 0x53D1, 0x53D8, 0x53F7, 0x542C, 0x5458, 0x56FD, 0x573A, 0x5904, 0x590D,
    0x5B66, 0x5B9E, 0x5BF9, 0x5BFC, 0x5C06, 0x5C5E, 0x5C81, 0x5E76, 0x5E7F, 0x5E94, 0x5F00, 0x5F53, 0x603B,
    0x6218, 0x62A4, 0x62A5, 0x636E, 0x6570, 0x65F6, 0x673A, 0x6743, 0x6761, 0x6765, 0x6781, 0x68C0, 0x6D4E,
    0x70B9, 0x73AF, 0x73B0, 0x7535, 0x7597, 0x79CD, 0x79EF, 0x7A0E, 0x7C7B, 0x7EA7, 0x7EBF, 0x7EC4, 0x7EC7,
    0x7ECF, 0x7ED3, 0x7EDF, 0x7F51, 0x8054, 0x827A, 0x8425, 0x8865, 0x89C4, 0x89C6, 0x8BA1, 0x8BA4, 0x8BA9,
    0x8BAE, 0x8BB2, 0x8BBC, 0x8BBE, 0x8BC1, 0x8BC9, 0x8BDD, 0x8BF4, 0x8BF7, 0x8D22, 0x8D23, 0x8D28, 0x8D39,
    0x8D44, 0x8F6C, 0x8FB9, 0x8FBE, 0x8FD8, 0x8FD9, 0x8FDB, 0x9547, 0x957F, 0x95E8, 0x95EE, 0x95F4, 0x9645,
    0x9875, 0x9879, 0x9898,
};
/* For each of U+4E00–U+9FFF: 1 in TRAD, 2 in SIMP, else 0 (an index into tally.n). Built once per process,
 * read-only after. */
static uint8_t cjk_kind[0x9FFF - 0x4E00 + 1];
static pthread_once_t kind_once = PTHREAD_ONCE_INIT;

static void build_kind(void) {
    /* SIMP first: a code point in both lists counts as traditional */
    for (size_t k = 0; k < sizeof SIMP / sizeof SIMP[0]; k++) cjk_kind[SIMP[k] - 0x4E00] = 2;
    for (size_t k = 0; k < sizeof TRAD / sizeof TRAD[0]; k++) cjk_kind[TRAD[k] - 0x4E00] = 1;
}

typedef struct {
    size_t n[3];   /* other, traditional, simplified */
    size_t sampled;
} tally;

/* Counts the forms in str[0..n): 3-byte sequences (the BMP, where U+4E00–U+9FFF live) are decoded here,
 * anything else is stepped over. */
static void count(tally *t, const char *str, size_t n) {
    if (!str) return;
    if (n > SAMPLE_BYTES - t->sampled) n = SAMPLE_BYTES - t->sampled;
    t->sampled += n;
    const unsigned char *s = (const unsigned char *)str;
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c < 0x80) { i++; continue; }
        if ((c & 0xF0) == 0xE0 && i + 2 < n) {
            uint32_t k = (((c & 0x0F) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu)) - 0x4E00u;
            i += 3;
            if (k < sizeof cjk_kind) t->n[cjk_kind[k]]++;
            continue;
        }
        i += gk_utf8_len(str + i, n - i);
    }
}

static bool looks_traditional(const gk_doc *doc) {
    pthread_once(&kind_once, build_kind);
    tally t = {{0, 0, 0}, 0};
    for (uint32_t b = 0; b < doc->nblocks && t.sampled < SAMPLE_BYTES; b++) {
        const gk_block *bk = &doc->blocks[b];
        if (bk->kind == GK_BLOCK_PARA) {
            count(&t, bk->text, bk->len);
            continue;
        }
        for (uint32_t r = 0; r < bk->nrows && t.sampled < SAMPLE_BYTES; r++)
            for (uint32_t c = 0; c < bk->rows[r].ncells && t.sampled < SAMPLE_BYTES; c++)
                count(&t, bk->rows[r].cells[c].text, bk->rows[r].cells[c].len);
    }
    return t.n[1] >= MIN_TRAD && t.n[1] >= t.n[2];
}

/* The simplified form of s[0..n) in the arena, or NULL when it is the same (or cannot be converted). */
static const char *to_simplified(gk_arena *a, opencc_t cc, const char *s, size_t n, size_t *outlen) {
    if (!s || n == 0) return NULL;
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++) ascii = (unsigned char)s[i] < 0x80;
    if (ascii || memchr(s, 0, n) || !gk_utf8_valid(s, n, NULL)) return NULL;
    char *conv = occ.fn.opencc_convert_utf8(cc, s, n);
    if (!conv) return NULL;
    size_t cl = strlen(conv);
    const char *res = NULL;
    if (cl != n || memcmp(conv, s, n) != 0) {
        res = gk_arena_strndup(a, conv, cl);
        *outlen = cl;
    }
    occ.fn.opencc_convert_utf8_free(conv);
    return res;
}

bool gk_doc_simplify(gk_doc *doc) {
    if (!doc || !doc->arena || !looks_traditional(doc) || occ_load()) return false;
    opencc_t cc = occ.fn.opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
    if (cc == (opencc_t)-1 || cc == NULL) return false;
    bool changed = false;
    for (uint32_t b = 0; b < doc->nblocks; b++) {
        gk_block *bk = &doc->blocks[b];
        size_t nl = 0;
        if (bk->kind == GK_BLOCK_PARA) {
            const char *t = to_simplified(doc->arena, cc, bk->text, bk->len, &nl);
            if (!t) continue;
            if (!bk->orig) {
                bk->orig = bk->text;
                bk->orig_len = bk->len;
            }
            bk->text = t;
            bk->len = nl;
            changed = true;
            continue;
        }
        for (uint32_t r = 0; r < bk->nrows; r++) {
            for (uint32_t c = 0; c < bk->rows[r].ncells; c++) {
                gk_dcell *cell = &bk->rows[r].cells[c];
                const char *t = to_simplified(doc->arena, cc, cell->text, cell->len, &nl);
                if (!t) continue;
                cell->text = t;
                cell->len = nl;
                changed = true;
            }
        }
    }
    occ.fn.opencc_close(cc);
    if (changed) doc->traditional = true;
    return changed;
}
