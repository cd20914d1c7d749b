/* cells.c: the memo of a table cell. Classifying a grid, choosing the form and mapping rows each look at
 * the same cells, by number and by folded label; a report's few hundred cells are parsed and folded once. */
#include "internal.h"

gk_numparse gk_cell_np(gk_dcell *c, bool decimal) {
    unsigned shift = decimal ? 2 : 0;
    unsigned m = (c->memo_np >> shift) & 3u;
    if (!m) {
        gk_decimal d;
        m = (unsigned)gk_parse_cell_number(c->text, c->len, decimal, &d) + 1u;
        c->memo_np = (uint8_t)(c->memo_np | m << shift);
    }
    return (gk_numparse)(m - 1);
}

const char *gk_cell_folded(gk_arena *a, gk_dcell *c) {
    if (!c->folded) c->folded = gk_fold(a, c->text, c->len);
    return c->folded;
}

const char *gk_cell_label(gk_arena *a, gk_dcell *c, size_t *n) {
    const char *f = gk_cell_folded(a, c);
    if (!c->memo_label) {
        size_t len;
        const char *s = gk_label_strip(f, &len);
        c->label_off = (uint32_t)(s - f);
        c->label_len = (uint32_t)len;
        c->memo_label = true;
    }
    *n = c->label_len;
    return f + c->label_off;
}
