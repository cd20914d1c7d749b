/* rule_agency.c: META.AGENCY, an agency name (or title) that names no place but would, with one character
 * read differently: OCR and PDF conversion misread rare place-name characters as common look-alikes
 * (沐阳 for 沭阳, 毫州 for 亳州, 颖上 for 颍上, 汩罗 for 汨罗). The name is reported, never changed: the
 * report keeps what was printed, and the finding says which name it probably is and whether the document
 * itself writes that name elsewhere.
 *
 * The data is a curated list, not a gazetteer: county-level (and a few prefecture-level) place names that
 * hold a character OCR commonly confuses, and for each such character its look-alikes. A misreading is
 * looked for only in the agency name and the title, and only with the administrative suffix (县/市/区)
 * that ends the place name, so 如沐阳光 in the narrative is nothing. A look-alike form that is itself a place
 * (彬州 is real, so 郴 → 彬 is not listed) must not be in the table; tests/test_rules.c checks that no
 * generated misreading equals a listed name. */
#include "internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gongkai/text.h"

/* Place names as written with their suffix. */
static const char *const places[] = {
    "沭阳县", "亳州市", "谯城区", "涡阳县", "颍上县", "颍州区", "颍东区", "颍泉区", "临颍县", "汨罗市",
    "盱眙县", "睢宁县", "睢县", "濉溪县", "邳州市", "泸州市", "泸县", "泸定县", "泸水市", "泸溪县",
    "泸西县", "鄞州区", "衢州市", "衢江区", "濮阳市", "濮阳县", "漯河市", "荥阳市", "荥经县", "涿州市",
    "涿鹿县", "莒县", "莒南县", "邗江区", "溧阳市", "溧水区", "婺源县", "婺城区", "歙县", "黟县",
    "嵊州市", "嵊泗县", "岷县", "涪陵区", "涪城区", "醴陵市", "鄱阳县", "栾城区", "栾川县", "涞水县",
    "涞源县", "郓城县", "郾城区", "淇县", "淇滨区", "兖州区", "沂水县", "沂南县", "沂源县", "临沂市",
    "滕州市", "郏县", "柘城县", "柘荣县", "郫都区", "邛崃市", "犍为县", "阆中市", "珙县", "筠连县",
    "儋州市", "邕宁区", "秭归县", "蕲春县", "浠水县", "黄陂区", "郧阳区", "郧西县", "溆浦县", "芷江",
    "耒阳市", "柞水县", "岐山县", "麟游县", "旬邑县", "旬阳市", "潼关县", "潼南区", "泾阳县", "泾川县",
    "泾源县", "泾县", "渭南市", "渭源县", "渭城区", "渭滨区", "宕昌县", "徽县", "祁连县", "祁门县",
    "祁县", "祁阳市", "祁东县", "湟中区", "湟源县", "鄯善县", "莎车县", "伽师县", "砀山县", "灵璧县",
    "埇桥区", "弋江区", "弋阳县", "枞阳县", "旌德县", "绩溪县", "鄄城县", "郯城县", "泗洪县", "泗阳县",
    "泗县", "泗水县", "涟水县", "邹城市", "邹平市", "蠡县", "杞县", "尉氏县", "鄢陵县", "渑池县",
    "淅川县", "浉河区", "潢川县", "浚县", "鹤壁市",
};

/* A character and the look-alikes it is misread as. */
static const struct {
    const char *right, *wrong[3];
} lookalike[] = {
    {"沭", {"沐"}}, {"亳", {"毫"}}, {"颍", {"颖"}}, {"汨", {"汩"}}, {"盱", {"旴"}}, {"眙", {"贻", "胎"}},
    {"睢", {"雎"}}, {"濉", {"睢"}}, {"邳", {"丕"}}, {"泸", {"沪"}}, {"鄞", {"勤"}}, {"衢", {"衡"}},
    {"濮", {"璞"}}, {"漯", {"潔", "螺"}}, {"荥", {"荣", "萦"}}, {"涿", {"琢"}}, {"莒", {"营"}},
    {"邗", {"邢"}}, {"溧", {"漂"}}, {"婺", {"骛", "鹜"}}, {"歙", {"翕"}}, {"黟", {"黝"}}, {"嵊", {"乘"}},
    {"岷", {"泯"}}, {"涪", {"培"}}, {"醴", {"澧"}}, {"鄱", {"番"}}, {"栾", {"峦", "奕"}}, {"涞", {"徕", "莱"}},
    {"郓", {"恽"}}, {"郾", {"偃"}}, {"淇", {"琪"}}, {"兖", {"衮", "充"}}, {"沂", {"圻"}}, {"滕", {"藤", "腾"}},
    {"郏", {"夹"}}, {"柘", {"拓"}}, {"郫", {"脾"}}, {"崃", {"睐"}}, {"犍", {"健"}}, {"阆", {"郎"}},
    {"珙", {"拱"}}, {"筠", {"均"}}, {"儋", {"瞻"}}, {"邕", {"雍"}}, {"秭", {"姊"}}, {"蕲", {"靳"}},
    {"浠", {"稀"}}, {"陂", {"坡", "波"}}, {"郧", {"陨"}}, {"溆", {"叙"}}, {"芷", {"止"}}, {"耒", {"来", "未"}},
    {"柞", {"炸"}}, {"岐", {"歧"}}, {"麟", {"鳞"}}, {"旬", {"甸"}}, {"潼", {"憧", "童"}}, {"泾", {"经", "径"}},
    {"渭", {"谓"}}, {"宕", {"岩"}}, {"徽", {"微"}}, {"祁", {"祈"}}, {"湟", {"煌", "惶"}}, {"鄯", {"善"}},
    {"莎", {"沙"}}, {"伽", {"迦"}}, {"砀", {"荡"}}, {"璧", {"壁"}}, {"壁", {"璧"}}, {"埇", {"涌"}},
    {"弋", {"戈"}}, {"枞", {"纵"}}, {"旌", {"族"}}, {"绩", {"积"}}, {"涡", {"窝", "埚"}}, {"谯", {"樵"}},
    {"鄄", {"甄"}}, {"郯", {"剡"}}, {"泗", {"洒"}}, {"涟", {"链"}}, {"邹", {"刍"}}, {"蠡", {"螽"}},
    {"杞", {"圮"}}, {"尉", {"蔚"}}, {"鄢", {"焉"}}, {"渑", {"绳"}}, {"淅", {"浙"}}, {"浉", {"狮"}},
    {"潢", {"璜", "横"}}, {"浚", {"竣", "峻"}},
};

size_t gk_agency_places(const char *const **list) {
    *list = places;
    return sizeof places / sizeof places[0];
}

static size_t count_in(const char *hay, const char *needle) {
    size_t n = 0, l = strlen(needle);
    if (!hay || !l) return 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + l, needle)) n++;
    return n;
}

/* A two-character name (莒县) matches only at the start of the text or after 省/市/州/区, so that a longer
 * name ending in the same two characters is not taken for it. */
static bool found_in(const char *text, const char *form, size_t name_chars) {
    if (!text) return false;
    size_t l = strlen(form);
    for (const char *p = strstr(text, form); p; p = strstr(p + l, form)) {
        if (name_chars > 2 || p == text) return true;
        static const char *const before[] = {"省", "市", "州", "区", " "};
        for (size_t k = 0; k < sizeof before / sizeof before[0]; k++) {
            size_t bl = strlen(before[k]);
            if ((size_t)(p - text) >= bl && !memcmp(p - bl, before[k], bl)) return true;
        }
    }
    return false;
}

static size_t utf8_chars(const char *s) {
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

void gk_agency_misreadings(bool (*fn)(void *ctx, const char *place, const char *wrong), void *ctx) {
    char buf[64];
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        const char *pl = places[i];
        size_t pn = strlen(pl);
        for (size_t k = 0; k < sizeof lookalike / sizeof lookalike[0]; k++) {
            size_t rl = strlen(lookalike[k].right);
            for (const char *at = strstr(pl, lookalike[k].right); at; at = strstr(at + rl, lookalike[k].right)) {
                for (int w = 0; w < 3 && lookalike[k].wrong[w]; w++) {
                    size_t wl = strlen(lookalike[k].wrong[w]), pre = (size_t)(at - pl);
                    if (pn - rl + wl >= sizeof buf) continue;
                    memcpy(buf, pl, pre);
                    memcpy(buf + pre, lookalike[k].wrong[w], wl);
                    memcpy(buf + pre + wl, at + rl, pn - pre - rl + 1);
                    if (!fn(ctx, pl, buf)) return;
                }
            }
        }
    }
}

/* Every misreading, built once (the rules run on many threads): the wrong form, its place, and the look-alike
 * character that makes it wrong, so that a text is searched only for the forms of the look-alikes it holds. */
typedef struct {
    const char *place;
    char wrong[64];
    int32_t cp;   /* the look-alike */
} misreading;

static misreading *forms;
static size_t nforms;
/* The distinct look-alike characters, sorted: a name's characters are looked up here, not in every form. */
static int32_t *lookalike_cps;
static size_t nlookalike_cps;
static pthread_once_t forms_once = PTHREAD_ONCE_INIT;

static bool count_form(void *ctx, const char *place, const char *wrong) {
    (void)place, (void)wrong;
    (*(size_t *)ctx)++;
    return true;
}

static bool keep_form(void *ctx, const char *place, const char *wrong) {
    (void)ctx;
    misreading *m = &forms[nforms++];
    m->place = place;
    snprintf(m->wrong, sizeof m->wrong, "%s", wrong);
    /* the first character that differs from the place */
    size_t i = 0;
    while (place[i] && place[i] == wrong[i]) i++;
    while (i > 0 && ((unsigned char)wrong[i] & 0xC0) == 0x80) i--;
    gk_utf8_decode(wrong + i, strlen(wrong + i), &m->cp);
    return true;
}

static int cmp_cp(const void *a, const void *b) {
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static void build_forms(void) {
    size_t n = 0;
    gk_agency_misreadings(count_form, &n);
    forms = malloc(n * sizeof *forms);
    if (!forms) return;
    gk_agency_misreadings(keep_form, NULL);
    lookalike_cps = malloc(nforms * sizeof *lookalike_cps);
    if (!lookalike_cps) return;
    for (size_t k = 0; k < nforms; k++) lookalike_cps[k] = forms[k].cp;
    qsort(lookalike_cps, nforms, sizeof *lookalike_cps, cmp_cp);
    size_t m = 0;
    for (size_t k = 0; k < nforms; k++)
        if (!m || lookalike_cps[m - 1] != lookalike_cps[k]) lookalike_cps[m++] = lookalike_cps[k];
    nlookalike_cps = m;
}

static bool is_lookalike(int32_t cp) {
    size_t lo = 0, hi = nlookalike_cps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (lookalike_cps[mid] == cp) return true;
        if (lookalike_cps[mid] < cp) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

/* The look-alike characters a text holds, as a short list (a name has few). */
static int lookalikes_in(const char *s, int32_t *cps, int max) {
    int n = 0;
    if (!s) return 0;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        int32_t cp = 0;
        size_t l = gk_utf8_decode(s + i, len - i, &cp);
        i += l ? l : 1;
        if (cp < 0x4E00 || !is_lookalike(cp)) continue;
        int q;
        for (q = 0; q < n && cps[q] != cp; q++) {}
        if (q == n && n < max) cps[n++] = cp;
    }
    return n;
}

static void report_one(gk_report *r, const char *place, const char *wrong, bool in_agency) {
    /* the stem without the suffix, for the message: 沐阳 / 沭阳 */
    size_t sl = strlen(place), wl = strlen(wrong);
    const char *suffixes[] = {"县", "市", "区"};
    for (size_t k = 0; k < 3; k++) {
        size_t l = strlen(suffixes[k]);
        if (sl > l + 3 && !strcmp(place + sl - l, suffixes[k])) { sl -= l; wl -= l; break; }
    }
    const char *stem_right = gk_arena_strndup(r->arena, place, sl), *stem_wrong = gk_arena_strndup(r->arena, wrong, wl);
    size_t elsewhere = count_in(r->src, stem_right);
    const char *name = in_agency ? r->agency : r->title;
    const char *ezh = elsewhere ? gk_arena_printf(r->arena, "；文中另有 %zu 处写作「%s」", elsewhere, stem_right) : "";
    const char *een = elsewhere ? gk_arena_printf(r->arena, "; the document writes %s elsewhere (%zu times)", stem_right, elsewhere) : "";
    gk_diag_add(r, "META.AGENCY", GK_SEV_WARNING, in_agency ? "agency" : "title", r->title_line,
                gk_arena_printf(r->arena, "%s「%s」中的「%s」不是地名，疑为「%s」的误识（OCR 或格式转换常见）%s；已按原文保留，请核对原件",
                                in_agency ? "机关名称" : "标题", name, stem_wrong, stem_right, ezh),
                gk_arena_printf(r->arena, "the %s %s contains %s, which names no place: probably a misreading of %s (common in OCR and converted text)%s; kept as printed, check the original",
                                in_agency ? "agency name" : "title", name, stem_wrong, stem_right, een));
}

void gk_rules_agency(gk_report *r) {
    if (r->aggregate || (!r->agency && !r->title)) return;
    pthread_once(&forms_once, build_forms);
    int32_t cps[16];
    int ncp = lookalikes_in(r->agency, cps, 8);
    ncp += lookalikes_in(r->title, cps + ncp, 8);
    if (!ncp) return;
    int reported = 0;
    for (size_t i = 0; i < nforms && reported < 4; i++) {
        bool held = false;
        for (int q = 0; q < ncp; q++) held |= forms[i].cp == cps[q];
        if (!held) continue;
        size_t chars = utf8_chars(forms[i].place);
        bool in_agency = found_in(r->agency, forms[i].wrong, chars), in_title = found_in(r->title, forms[i].wrong, chars);
        if (!in_agency && !in_title) continue;
        report_one(r, forms[i].place, forms[i].wrong, in_agency);
        reported++;
    }
}
