/* cells.c: the memo of a table cell. Classifying a grid, choosing the form and mapping rows each look at
 * the same cells, by number and by folded label; a report's few hundred cells are parsed and folded once. */
#include "internal.h"

gk_numparse gk_cell_np(gk_dcell *c, bool decimal) {
    /* One parse allowing decimals tells both answers: without decimals, a number with a fraction is text
     * (gk_parse_cell_number differs in nothing else). Memo: bits 0–1 the parse + 1, bit 2 "has a fraction". */
    if (!c->memo_np) {
        gk_decimal d;
        gk_numparse np = gk_parse_cell_number(c->text, c->len, true, &d);
        c->memo_np = (uint8_t)(((unsigned)np + 1u) | (np == GK_NP_NUMBER && d.scale ? 4u : 0u));
        c->memo_value = d.value;
        c->memo_scale = d.scale;
    }
    gk_numparse np = (gk_numparse)((c->memo_np & 3u) - 1u);
    return !decimal && (c->memo_np & 4u) ? GK_NP_NOT_NUMBER : np;
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

gk_numparse gk_cell_number(gk_dcell *c, bool decimal, gk_decimal *out) {
    gk_numparse np = gk_cell_np(c, decimal);
    *out = np == GK_NP_NUMBER ? (gk_decimal){c->memo_value, c->memo_scale} : (gk_decimal){0, 0};
    return np;
}
