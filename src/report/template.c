/* template.c: the 2021 statutory template as data. Every label, key and known variant lives here.
 * Match phrases are written folded (NFKC, no space): brackets are ASCII after folding. */
#include "gongkai/template.h"
#include "gongkai/text.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define M(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- Table 2: 主动公开政府信息情况 ---- */
static const gk_field_def t2_doc_fields[] = {
    {"issued", "本年制发件数", "issued this year", M("本年制发件数", "制发件数", "制发"), false},
    {"abolished", "本年废止件数", "abolished this year", M("本年废止件数", "废止件数", "废止"), false},
    {"valid", "现行有效件数", "currently valid", M("现行有效件数", "现行有效"), false},
};
static const gk_field_def t2_decision_fields[] = {
    {"decisions", "本年处理决定数量", "decisions this year", M("本年处理决定数量", "处理决定数量", "处理决定"), false},
};
static const gk_field_def t2_fee_fields[] = {
    {"amount", "本年收费金额（单位：万元）", "fees collected (10,000 yuan)", M("本年收费金额", "收费金额"), false},
};

static const gk_row_def t2_rows[] = {
    {"regulation", "规章", "第二十条第（一）项", "rules (规章)", M("规章"), true, 3, t2_doc_fields, false, false, 0},
    {"normative", "行政规范性文件", "第二十条第（一）项", "normative documents",
     M("行政规范性文件", "规范性文件"), true, 3, t2_doc_fields, false, false, 3},
    {"permit", "行政许可", "第二十条第（五）项", "administrative permits", M("行政许可"), true, 1, t2_decision_fields, false, false, 6},
    {"penalty", "行政处罚", "第二十条第（六）项", "administrative penalties", M("行政处罚"), true, 1, t2_decision_fields, false, false, 7},
    {"coercion", "行政强制", "第二十条第（六）项", "administrative coercion", M("行政强制"), true, 1, t2_decision_fields, false, false, 8},
    {"fee", "行政事业性收费", "第二十条第（八）项", "administrative fees", M("行政事业性收费"), true, 1, t2_fee_fields, true, false, 9},
};

/* ---- Table 3: 收到和处理政府信息公开申请情况 ---- */
static const gk_field_def t3_cols[] = {
    {"natural", "自然人", "natural persons", M("自然人"), false},
    {"commercial", "商业企业", "commercial enterprises", M("商业企业"), false},
    {"research", "科研机构", "research institutions", M("科研机构"), false},
    {"public_interest", "社会公益组织", "public-interest organisations", M("社会公益组织", "公益组织", "社会公益"), false},
    {"legal", "法律服务机构", "legal service organisations", M("法律服务机构", "法律服务"), false},
    {"other_org", "其他", "other organisations", M("其他"), true},
    {"total", "总计", "total", M("总计", "合计"), true},
};

#define T3ROW(key, label, group, en, match, exact, first) \
    {key, label, group, en, match, exact, 7, t3_cols, false, false, first}
static const gk_row_def t3_rows[] = {
    T3ROW("received", "一、本年新收政府信息公开申请数量", NULL, "new applications received", M("本年新收"), false, 10),
    T3ROW("carried_over", "二、上年结转政府信息公开申请数量", NULL, "carried over from last year", M("上年结转"), false, 17),
    T3ROW("granted", "（一）予以公开", "三、本年度办理结果", "granted", M("予以公开"), false, 24),
    T3ROW("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果", "partly granted",
          M("部分公开"), false, 31),
    T3ROW("deny_secret", "1.属于国家秘密", "（三）不予公开", "denied: state secret", M("国家秘密"), false, 38),
    T3ROW("deny_law", "2.其他法律行政法规禁止公开", "（三）不予公开", "denied: barred by other laws",
          M("禁止公开", "其他法律行政"), false, 45),
    T3ROW("deny_safety", "3.危及“三安全一稳定”", "（三）不予公开", "denied: security and stability",
          M("三安全一稳定", "危及"), false, 52),
    T3ROW("deny_third_party", "4.保护第三方合法权益", "（三）不予公开", "denied: third-party rights",
          M("第三方合法权益", "第三方"), false, 59),
    T3ROW("deny_internal", "5.属于三类内部事务信息", "（三）不予公开", "denied: internal affairs",
          M("内部事务", "内容事务"), false, 66),
    T3ROW("deny_process", "6.属于四类过程性信息", "（三）不予公开", "denied: process information", M("过程性"), false, 73),
    T3ROW("deny_enforcement", "7.属于行政执法案卷", "（三）不予公开", "denied: enforcement files", M("执法案卷"), false, 80),
    T3ROW("deny_inquiry", "8.属于行政查询事项", "（三）不予公开", "denied: inquiry matters", M("行政查询", "查询事项"), false, 87),
    T3ROW("unable_not_held", "1.本机关不掌握相关政府信息", "（四）无法提供", "unable: not held", M("不掌握"), false, 94),
    T3ROW("unable_create", "2.没有现成信息需要另行制作", "（四）无法提供", "unable: would need creating",
          M("另行制作", "没有现成信息"), false, 101),
    T3ROW("unable_unclear", "3.补正后申请内容仍不明确", "（四）无法提供", "unable: still unclear",
          M("仍不明确", "补正后申请"), false, 108),
    T3ROW("decline_petition", "1.信访举报投诉类申请", "（五）不予处理", "declined: petitions and complaints",
          M("信访", "举报投诉"), false, 115),
    T3ROW("decline_repeat", "2.重复申请", "（五）不予处理", "declined: repeated", M("重复申请"), false, 122),
    T3ROW("decline_publication", "3.要求提供公开出版物", "（五）不予处理", "declined: publications", M("出版物"), false, 129),
    T3ROW("decline_massive", "4.无正当理由大量反复申请", "（五）不予处理", "declined: massive repeated", M("大量反复"), false, 136),
    T3ROW("decline_reconfirm", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理", "declined: re-confirmation",
          M("重新出具", "确认或重新"), false, 143),
    T3ROW("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理",
          "other: no correction in time", M("不补正"), false, 150),
    T3ROW("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理",
          "other: fee not paid", M("缴纳费用", "收费通知"), false, 157),
    T3ROW("other_other", "3.其他", "（六）其他处理", "other: other", M("其他"), true, 164),
    T3ROW("total", "（七）总计", "三、本年度办理结果", "total", M("总计", "合计"), true, 171),
    T3ROW("carry_next", "四、结转下年度继续办理", NULL, "carried to next year", M("结转下年"), false, 178),
};

/* ---- Table 4: 政府信息公开行政复议、行政诉讼情况 ---- */
static const gk_field_def t4_fields[] = {
    {"upheld", "结果维持", "upheld", M("结果维持", "维持"), false},
    {"corrected", "结果纠正", "corrected", M("结果纠正", "纠正"), false},
    {"other", "其他结果", "other result", M("其他结果"), false},
    {"pending", "尚未审结", "pending", M("尚未审结", "未审结"), false},
    {"total", "总计", "total", M("总计", "合计"), true},
};
static const gk_row_def t4_rows[] = {
    {"review", "行政复议", NULL, "administrative review", M("行政复议"), false, 5, t4_fields, false, false, 185},
    {"suit_direct", "未经复议直接起诉", "行政诉讼", "lawsuit without review", M("直接起诉"), false, 5, t4_fields, false, false, 190},
    {"suit_after_review", "复议后起诉", "行政诉讼", "lawsuit after review", M("复议后起诉"), false, 5, t4_fields, false, false, 195},
};

static const gk_template tmpl_2021 = {
    "2021",
    {
        {GK_T2, "t2", "主动公开政府信息情况", "proactive disclosure", 6, t2_rows, 0, 10},
        {GK_T3, "t3", "收到和处理政府信息公开申请情况", "applications received and handled", 25, t3_rows, 10, 175},
        {GK_T4, "t4", "政府信息公开行政复议、行政诉讼情况", "administrative review and litigation", 3, t4_rows, 185, 15},
    },
    GK_NCELLS,
    {0, 1, 2, 22, 23, 24},
};

const gk_template *gk_template_2021(void) { return &tmpl_2021; }

/* ---- the 2019 trial format ---- */
static const gk_field_def t2_2019_doc_fields[] = {
    {"made", "本年新制作数量", "made this year", M("新制作数量", "新制作"), false},
    {"published", "本年新公开数量", "published this year", M("新公开数量", "新公开"), false},
    {"total_published", "对外公开总数量", "published in all", M("对外公开总数量", "公开总数量"), false},
};
static const gk_field_def t2_2019_item_fields[] = {
    {"prev_items", "上一年项目数量", "items last year", M("上一年项目数量", "上一年项目"), false},
    {"change", "本年增/减", "change this year", M("本年增/减", "本年增减", "增/减", "增减"), false},
    {"decisions", "处理决定数量", "decisions", M("处理决定数量", "处理决定"), false},
};
static const gk_field_def t2_2019_procurement_fields[] = {
    {"items", "采购项目数量", "procurement items", M("采购项目数量", "项目数量"), false},
    {"amount", "采购总金额", "procurement amount", M("采购总金额", "总金额"), false},
};
static const gk_row_def t2_2019_rows[] = {
    {"regulation", "规章", "第二十条第（一）项", "rules (规章)", M("规章"), true, 3, t2_2019_doc_fields, false, false, 0},
    {"normative", "规范性文件", "第二十条第（一）项", "normative documents", M("规范性文件", "行政规范性文件"), true, 3,
     t2_2019_doc_fields, false, false, 3},
    {"permit", "行政许可", "第二十条第（五）项", "administrative permits", M("行政许可"), true, 3, t2_2019_item_fields, false, true, 6},
    {"other_services", "其他对外管理服务事项", "第二十条第（五）项", "other external services",
     M("其他对外管理服务事项", "其他对外管理服务"), true, 3, t2_2019_item_fields, false, true, 9},
    {"penalty", "行政处罚", "第二十条第（六）项", "administrative penalties", M("行政处罚"), true, 3, t2_2019_item_fields, false, true, 12},
    {"coercion", "行政强制", "第二十条第（六）项", "administrative coercion", M("行政强制"), true, 3, t2_2019_item_fields, false, true, 15},
    {"fee", "行政事业性收费", "第二十条第（八）项", "administrative fees", M("行政事业性收费"), true, 2, t2_2019_item_fields, false, true, 18},
    {"procurement", "政府集中采购", "第二十条第（九）项", "government procurement", M("政府集中采购", "集中采购"), true, 2,
     t2_2019_procurement_fields, true, false, 20},
};

#define T3ROW19(key, label, group, en, match, exact, first) \
    {key, label, group, en, match, exact, 7, t3_cols, false, false, first}
static const gk_row_def t3_2019_rows[] = {
    T3ROW19("received", "一、本年新收政府信息公开申请数量", NULL, "new applications received", M("本年新收"), false, 22),
    T3ROW19("carried_over", "二、上年结转政府信息公开申请数量", NULL, "carried over from last year", M("上年结转"), false, 29),
    T3ROW19("granted", "（一）予以公开", "三、本年度办理结果", "granted", M("予以公开"), false, 36),
    T3ROW19("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "三、本年度办理结果", "partly granted",
            M("部分公开"), false, 43),
    T3ROW19("deny_secret", "1.属于国家秘密", "（三）不予公开", "denied: state secret", M("国家秘密"), false, 50),
    T3ROW19("deny_law", "2.其他法律行政法规禁止公开", "（三）不予公开", "denied: barred by other laws",
            M("禁止公开", "其他法律行政"), false, 57),
    T3ROW19("deny_safety", "3.危及“三安全一稳定”", "（三）不予公开", "denied: security and stability",
            M("三安全一稳定", "危及"), false, 64),
    T3ROW19("deny_third_party", "4.保护第三方合法权益", "（三）不予公开", "denied: third-party rights",
            M("第三方合法权益", "第三方"), false, 71),
    T3ROW19("deny_internal", "5.属于三类内部事务信息", "（三）不予公开", "denied: internal affairs",
            M("内部事务", "内容事务"), false, 78),
    T3ROW19("deny_process", "6.属于四类过程性信息", "（三）不予公开", "denied: process information", M("过程性"), false, 85),
    T3ROW19("deny_enforcement", "7.属于行政执法案卷", "（三）不予公开", "denied: enforcement files", M("执法案卷"), false, 92),
    T3ROW19("deny_inquiry", "8.属于行政查询事项", "（三）不予公开", "denied: inquiry matters", M("行政查询", "查询事项"), false, 99),
    T3ROW19("unable_not_held", "1.本机关不掌握相关政府信息", "（四）无法提供", "unable: not held", M("不掌握"), false, 106),
    T3ROW19("unable_create", "2.没有现成信息需要另行制作", "（四）无法提供", "unable: would need creating",
            M("另行制作", "没有现成信息"), false, 113),
    T3ROW19("unable_unclear", "3.补正后申请内容仍不明确", "（四）无法提供", "unable: still unclear",
            M("仍不明确", "补正后申请"), false, 120),
    T3ROW19("decline_petition", "1.信访举报投诉类申请", "（五）不予处理", "declined: petitions and complaints",
            M("信访", "举报投诉"), false, 127),
    T3ROW19("decline_repeat", "2.重复申请", "（五）不予处理", "declined: repeated", M("重复申请"), false, 134),
    T3ROW19("decline_publication", "3.要求提供公开出版物", "（五）不予处理", "declined: publications", M("出版物"), false, 141),
    T3ROW19("decline_massive", "4.无正当理由大量反复申请", "（五）不予处理", "declined: massive repeated", M("大量反复"), false, 148),
    T3ROW19("decline_reconfirm", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理", "declined: re-confirmation",
            M("重新出具", "确认或重新"), false, 155),
    T3ROW19("other", "（六）其他处理", "三、本年度办理结果", "other handling", M("其他处理"), true, 162),
    T3ROW19("total", "（七）总计", "三、本年度办理结果", "total", M("总计", "合计"), true, 169),
    T3ROW19("carry_next", "四、结转下年度继续办理", NULL, "carried to next year", M("结转下年"), false, 176),
};
static const gk_row_def t4_2019_rows[] = {
    {"review", "行政复议", NULL, "administrative review", M("行政复议"), false, 5, t4_fields, false, false, 183},
    {"suit_direct", "未经复议直接起诉", "行政诉讼", "lawsuit without review", M("直接起诉"), false, 5, t4_fields, false, false, 188},
    {"suit_after_review", "复议后起诉", "行政诉讼", "lawsuit after review", M("复议后起诉"), false, 5, t4_fields, false, false, 193},
};

static const gk_template tmpl_2019 = {
    "2019",
    {
        {GK_T2, "t2", "主动公开政府信息情况", "proactive disclosure", 8, t2_2019_rows, 0, 22},
        {GK_T3, "t3", "收到和处理政府信息公开申请情况", "applications received and handled", 23, t3_2019_rows, 22, 161},
        {GK_T4, "t4", "政府信息公开行政复议、行政诉讼情况", "administrative review and litigation", 3, t4_2019_rows, 183, 15},
    },
    198,
    {0, 1, 2, 20, 21, 22},
};

const gk_template *gk_template_2019(void) { return &tmpl_2019; }

const char gk_t3_note[] = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const char gk_t3_applicants[] = "申请人情况";
const char gk_t3_organisations[] = "法人或其他组织";
const char gk_t2_content[] = "信息内容";

static const char *const section_titles[6][2] = {
    {"总体情况", "overview"},
    {"主动公开政府信息情况", "proactive disclosure"},
    {"收到和处理政府信息公开申请情况", "applications received and handled"},
    {"政府信息公开行政复议、行政诉讼情况", "administrative review and litigation"},
    {"存在的主要问题及改进情况", "problems and improvements"},
    {"其他需要报告的事项", "other matters"},
};

const char *gk_section_title(int no, const char *lang) {
    if (no < 1 || no > 6) return "";
    return section_titles[no - 1][lang && strcmp(lang, "en") == 0];
}

void gk_template_cell(const gk_template *t, int i, const gk_table_def **table, const gk_row_def **row,
                      const gk_field_def **field) {
    *table = NULL; *row = NULL; *field = NULL;
    for (int k = 0; k < GK_NTABLES; k++) {
        const gk_table_def *td = &t->tables[k];
        if (i < td->first || i >= td->first + td->ncells) continue;
        for (int r = 0; r < td->nrows; r++) {
            const gk_row_def *rd = &td->rows[r];
            if (i >= rd->first && i < rd->first + rd->nfields) {
                *table = td; *row = rd; *field = &rd->fields[i - rd->first];
                return;
            }
        }
    }
}

static void cell_path(const gk_template *t, int i, char out[64]) {
    const gk_table_def *td; const gk_row_def *rd; const gk_field_def *fd;
    gk_template_cell(t, i, &td, &rd, &fd);
    if (!td) { snprintf(out, 64, "?"); return; }
    const char *parts[3] = {td->key, rd->key, fd->key};
    size_t o = 0;
    for (int k = 0; k < 3; k++) {
        size_t l = strlen(parts[k]);
        if (o + l + 2 > 64) l = 64 - o - 2;
        memcpy(out + o, parts[k], l);
        o += l;
        if (k < 2) out[o++] = '.';
    }
    out[o] = 0;
}

/* The built-in templates' paths, made once: output names every cell of every report. */
static char paths[2][GK_NCELLS][64];
static pthread_once_t paths_once = PTHREAD_ONCE_INIT;
static void make_paths(void) {
    for (int i = 0; i < GK_NCELLS; i++) {
        if (i < tmpl_2021.ncells) cell_path(&tmpl_2021, i, paths[0][i]);
        if (i < tmpl_2019.ncells) cell_path(&tmpl_2019, i, paths[1][i]);
    }
}

const char *gk_template_cell_key(const gk_template *t, int i) {
    int k = t == &tmpl_2021 ? 0 : t == &tmpl_2019 ? 1 : -1;
    if (k < 0 || i < 0 || i >= t->ncells || i >= GK_NCELLS) return NULL;
    pthread_once(&paths_once, make_paths);
    return paths[k][i];
}

const char *gk_template_cell_path(const gk_template *t, int i, char out[64]) {
    const char *p = gk_template_cell_key(t, i);
    if (p) memcpy(out, p, strlen(p) + 1);
    else cell_path(t, i, out);
    return out;
}

int gk_template_cell_index(const gk_template *t, const char *path) {
    for (int i = 0; i < t->ncells; i++) {
        char buf[64];
        if (strcmp(gk_template_cell_path(t, i, buf), path) == 0) return i;
    }
    return -1;
}

/* Strips heading numbering and trailing colons from a folded label. */
static const char *strip_numbering(const char *folded, size_t *n) {
    size_t len = strlen(folded);
    gk_numbering num = gk_numbering_parse(folded, len);
    const char *s = folded + num.len;
    len -= num.len;
    while (len && (s[len - 1] == ':' || s[len - 1] == '.')) len--;
    *n = len;
    return s;
}

/* Labels are short: a first-byte scan then memcmp beats a general memmem. */
static bool contains(const char *s, size_t n, const char *p, size_t pl) {
    if (pl > n) return false;
    const char *end = s + n - pl + 1;
    if (pl >= 3) {
        /* UTF-8 CJK: the first byte is shared by thousands of characters; check three before the rest */
        for (const char *q = s; (q = memchr(q, p[0], (size_t)(end - q))) != NULL; q++)
            if (q[1] == p[1] && q[2] == p[2] && !memcmp(q + 3, p + 3, pl - 3)) return true;
        return false;
    }
    for (const char *q = s; (q = memchr(q, p[0], (size_t)(end - q))) != NULL; q++)
        if (!memcmp(q, p, pl)) return true;
    return false;
}

static bool phrase_match_stripped(const char *const *match, bool exact, const char *s, size_t n) {
    for (int k = 0; match[k]; k++) {
        size_t pl = strlen(match[k]);
        if (exact) {
            if (pl == n && memcmp(s, match[k], n) == 0) return true;
        } else if (contains(s, n, match[k], pl)) {
            return true;
        }
    }
    return false;
}

static bool phrase_match(const char *const *match, bool exact, const char *folded) {
    size_t n;
    const char *s = strip_numbering(folded, &n);
    return phrase_match_stripped(match, exact, s, n);
}

bool gk_row_matches(const gk_row_def *r, const char *folded) { return phrase_match(r->match, r->exact, folded); }
bool gk_field_matches(const gk_field_def *f, const char *folded) { return phrase_match(f->match, f->exact, folded); }

const char *gk_label_strip(const char *folded, size_t *n) { return strip_numbering(folded, n); }
bool gk_row_matches_stripped(const gk_row_def *r, const char *s, size_t n) { return phrase_match_stripped(r->match, r->exact, s, n); }
bool gk_field_matches_stripped(const gk_field_def *f, const char *s, size_t n) {
    return phrase_match_stripped(f->match, f->exact, s, n);
}

/* ---- one label against all the rows of a table at once ----
 * Recognition asks "which row is this label?" for every text cell; testing the rows one by one costs a
 * phrase scan per row. The substrings of a table's rows go into one gk_phrase_set (bit k: row k), so a label
 * is scanned once; whole-label phrases and the few shorter than three bytes are compared apart. */
enum { MB_MAX = 160 };
typedef struct {
    const char *p;
    uint16_t len;
    uint8_t row;
} mphrase;
typedef struct {
    const gk_table_def *td;
    bool ok;                          /* false: the table did not fit, match row by row */
    uint16_t nexact, nshort;
    mphrase exact[MB_MAX];            /* phrases of exact rows: the whole label */
    mphrase shortp[16];               /* substrings shorter than three bytes */
    gk_phrase_set sub;                /* the other substrings */
} mindex;

static mindex mindexes[6];
static pthread_once_t mindex_once = PTHREAD_ONCE_INIT;

static void build_index(mindex *ix, const gk_table_def *td) {
    ix->td = td;
    if (td->nrows > 64) return;   /* a row is a bit of the set's answer */
    gk_phrase sub[GK_PHRASES_MAX];
    size_t nsub = 0;
    for (int k = 0; k < td->nrows; k++) {
        const gk_row_def *rd = &td->rows[k];
        for (int m = 0; rd->match[m]; m++) {
            mphrase ph = {rd->match[m], (uint16_t)strlen(rd->match[m]), (uint8_t)k};
            if (rd->exact) {
                if (ix->nexact == MB_MAX) return;
                ix->exact[ix->nexact++] = ph;
            } else if (ph.len < 3) {
                if (ix->nshort == 16) return;
                ix->shortp[ix->nshort++] = ph;
            } else {
                if (nsub == GK_PHRASES_MAX) return;
                sub[nsub++] = (gk_phrase){.s = ph.p, .len = ph.len, .bits = 1ull << k};
            }
        }
    }
    ix->ok = gk_phrase_set_build(&ix->sub, sub, nsub);
}

static void build_indexes(void) {
    const gk_template *t[2] = {gk_template_2021(), gk_template_2019()};
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < GK_NTABLES; k++) build_index(&mindexes[i * GK_NTABLES + k], &t[i]->tables[k]);
}

int gk_table_match_row(const gk_table_def *td, const char *s, size_t n) {
    pthread_once(&mindex_once, build_indexes);
    const mindex *ix = NULL;
    for (int i = 0; i < 6 && !ix; i++)
        if (mindexes[i].td == td && mindexes[i].ok) ix = &mindexes[i];
    if (!ix) {   /* a table of no built-in template */
        for (int k = 0; k < td->nrows; k++)
            if (phrase_match_stripped(td->rows[k].match, td->rows[k].exact, s, n)) return k;
        return -1;
    }
    uint64_t rows = gk_phrases_in(&ix->sub, s, n);
    int best = rows ? __builtin_ctzll(rows) : INT_MAX;
    for (int k = 0; k < ix->nexact; k++)
        if (ix->exact[k].row < best && ix->exact[k].len == n && !memcmp(s, ix->exact[k].p, n)) best = ix->exact[k].row;
    for (int k = 0; k < ix->nshort; k++)
        if (ix->shortp[k].row < best && contains(s, n, ix->shortp[k].p, ix->shortp[k].len)) best = ix->shortp[k].row;
    return best == INT_MAX ? -1 : best;
}
