/* rule_sections.c: SECTION.MISSING, SECTION.ORDER and SECTION.NUMBERING. */
#include "internal.h"

#include <string.h>

static bool heading_like(const gk_para *p, size_t after_prefix) {
    size_t n = p->len - after_prefix;
    if (n == 0 || n > 40 * 3) return false;
    const char *t = p->text + after_prefix;
    for (size_t i = 0; i + 3 <= n; i++)
        if (!memcmp(t + i, "。", 3)) return i + 3 == n;   /* only a final 。 */
    return true;
}

static bool bare_heading(const gk_para *p) {
    if (p->len > 20 * 3) return false;
    static const char *const punct[] = {"。", "，", "；", "、", ",", ";", NULL};
    for (int k = 0; punct[k]; k++)
        for (size_t i = 0; i + strlen(punct[k]) <= p->len; i++)
            if (!memcmp(p->text + i, punct[k], strlen(punct[k]))) return false;
    return true;
}

/* Inside a table's extent: a label that floated out of a broken table, not a heading of the text. */
static bool in_table(const gk_report *r, uint32_t line) {
    for (int t = 0; t < GK_NTABLES; t++)
        if (r->table_found[t] && line >= r->table_line[t] && line <= r->table_end_line[t]) return true;
    return false;
}

/* "sections.N", the finding's where (static: no formatting per report) */
static const char *const section_where[] = {"sections.1", "sections.2", "sections.3", "sections.4", "sections.5", "sections.6"};

/* nums: scratch for one numbering per paragraph, filled by the first pass and read by the second */
static void numbering_in_section(gk_report *r, int s, gk_numbering *nums) {
    char cn[16], cn2[16];
    /* (b) top-level numbering (一、) used for sub-headings inside a section */
    gk_buf lines, marks;
    gk_buf_init(&lines); gk_buf_init(&marks);
    uint32_t first = 0;
    int count = 0;
    for (uint32_t i = 0; i < r->nparas; i++) {
        const gk_para *p = &r->paras[i];
        if (p->section != s || in_table(r, p->line)) continue;
        gk_numbering num = nums[i] = gk_numbering_parse(p->text, p->len);
        if (num.kind != GK_NUM_CN || !heading_like(p, num.len)) continue;
        if (!count) first = p->line;
        count++;
        if (lines.len) { gk_buf_puts(&lines, ", "); }
        gk_buf_printf(&lines, "%u", p->line);
        gk_buf_printf(&marks, "「%s、」", gk_cn_numeral(num.value, cn));
    }
    if (count) {
        gk_diag_add(r, "SECTION.NUMBERING", GK_SEV_WARNING, section_where[s], first,
                    gk_arena_printf(r->arena, "第%s部分「%s」内的小标题使用了一级编号%s（第 %s 行），与六个法定部分的编号冲突；小标题应编为（一）（二）（三）…",
                                    gk_cn_numeral(s + 1, cn2), r->sections[s].title, marks.data, lines.data),
                    gk_arena_printf(r->arena, "sub-headings inside section %d use the top-level numbering 一、二、… (lines %s), which clashes with the six statutory sections; number them （一）（二）（三）…",
                                    s + 1, lines.data));
    }
    gk_buf_free(&lines); gk_buf_free(&marks);

    /* (c) the （一）（二）… sequence */
    int expected = 1;
    uint32_t prev_line = r->sections[s].line;
    for (uint32_t i = 0; i < r->nparas; i++) {
        const gk_para *p = &r->paras[i];
        if (p->section != s || in_table(r, p->line)) continue;
        gk_numbering num = nums[i];
        if (num.kind != GK_NUM_CN_PAREN) continue;
        if (num.value > expected) {
            /* a short unnumbered line in between is probably the heading that lost its number */
            const gk_para *hint = NULL;
            for (uint32_t j = 0; j < i; j++)
                if (r->paras[j].section == s && r->paras[j].line > prev_line && bare_heading(&r->paras[j]) &&
                    gk_numbering_parse(r->paras[j].text, r->paras[j].len).kind == GK_NUM_NONE) {
                    hint = &r->paras[j];
                    break;
                }
            char a[16], b[16];
            const char *zh = gk_arena_printf(r->arena, "小标题编号从（%s）跳到（%s），缺少（%s）", gk_cn_numeral(expected - 1 > 0 ? expected - 1 : 1, a),
                                             gk_cn_numeral(num.value, b), gk_cn_numeral(expected, cn));
            const char *en = gk_arena_printf(r->arena, "sub-heading numbering jumps to （%s）: （%s） is missing", b, cn);
            if (expected == 1) {
                zh = gk_arena_printf(r->arena, "小标题编号从（%s）开始，缺少（一）", b);
                en = gk_arena_printf(r->arena, "sub-heading numbering starts at （%s）: （一） is missing", b);
            }
            if (hint) {
                zh = gk_arena_printf(r->arena, "%s；第 %u 行「%.*s」似乎就是缺少编号的（%s）", zh, hint->line, (int)hint->len, hint->text, cn);
                en = gk_arena_printf(r->arena, "%s; line %u «%.*s» looks like the heading that lost it", en, hint->line, (int)hint->len, hint->text);
            }
            gk_diag_add(r, "SECTION.NUMBERING", GK_SEV_WARNING, section_where[s], p->line, zh, en);
        } else if (num.value < expected) {
            char b[16];
            gk_diag_add(r, "SECTION.NUMBERING", GK_SEV_WARNING, section_where[s], p->line,
                        gk_arena_printf(r->arena, "小标题（%s）重复或重新开始编号，此处应为（%s）", gk_cn_numeral(num.value, b), gk_cn_numeral(expected, cn)),
                        gk_arena_printf(r->arena, "sub-heading （%s） repeats or restarts the numbering; （%s） expected here", b, cn));
        }
        expected = num.value + 1;
        prev_line = p->line;
    }
}

void gk_rules_sections(gk_report *r) {
    char cn[16];
    gk_numbering *nums = r->nparas ? gk_arena_alloc(r->arena, r->nparas * sizeof *nums) : NULL;
    for (int s = 0; s < 6; s++) {
        const gk_section *sec = &r->sections[s];
        const char *where = section_where[s];
        if (!sec->present) {
            gk_diag_add(r, "SECTION.MISSING", GK_SEV_ERROR, where, gk_section_anchor(r, s),
                        gk_arena_printf(r->arena, "缺少第%s部分「%s」", gk_cn_numeral(s + 1, cn), gk_section_title(s + 1, "zh")),
                        gk_arena_printf(r->arena, "section %d «%s» (%s) is missing", s + 1, gk_section_title(s + 1, "zh"),
                                        gk_section_title(s + 1, "en")));
            continue;
        }
        for (int k = 0; k < s; k++) {
            if (r->sections[k].present && r->sections[k].order > sec->order) {
                gk_diag_add(r, "SECTION.ORDER", GK_SEV_WARNING, where, sec->line,
                            gk_arena_printf(r->arena, "第%s部分「%s」出现在第%s部分「%s」之前", gk_cn_numeral(s + 1, cn), sec->title,
                                            gk_cn_numeral(k + 1, (char[16]){0}), r->sections[k].title),
                            gk_arena_printf(r->arena, "section %d comes before section %d", s + 1, k + 1));
                break;
            }
        }
        if (sec->numbering.kind != GK_NUM_CN || sec->numbering.value != s + 1) {
            const char *zh, *en;
            if (sec->numbering.kind == GK_NUM_NONE) {
                zh = gk_arena_printf(r->arena, "标题「%s」缺少编号「%s、」", sec->heading, gk_cn_numeral(s + 1, cn));
                en = gk_arena_printf(r->arena, "heading «%s» lacks its number «%s、»", sec->heading, cn);
            } else {
                zh = gk_arena_printf(r->arena, "标题「%s」的编号应为「%s、」", sec->heading, gk_cn_numeral(s + 1, cn));
                en = gk_arena_printf(r->arena, "heading «%s» should be numbered «%s、»", sec->heading, cn);
            }
            gk_diag_add(r, "SECTION.NUMBERING", GK_SEV_WARNING, where, sec->line, zh, en);
        }
        numbering_in_section(r, s, nums);
    }
}
