/* file.c: reading whole inputs (files or standard input) with a size limit, and status texts. */
#include "gongkai/base.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

gk_status gk_read_file(const char *path, size_t max, char **out, size_t *len) {
    *out = NULL;
    *len = 0;
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return GK_ERR_IO;
    size_t cap = 1 << 16, n = 0;
    off_t size = -1;   /* a regular file's size: read in one call, no stdio buffer in between */
    if (!is_stdin) {
        struct stat st;
        bool known = fstat(fd, &st) == 0;
        if (known && S_ISDIR(st.st_mode)) { close(fd); errno = EISDIR; return GK_ERR_IO; }
        if (known && S_ISREG(st.st_mode) && st.st_size >= 0 && (uint64_t)st.st_size < max) {
            size = st.st_size;
            cap = (size_t)size + 1;
        }
    }
    char *p = malloc(cap + 1);
    if (!p) { if (!is_stdin) close(fd); return GK_ERR_NOMEM; }
    bool err = false;
    for (;;) {
        if (n == cap) {
            if (cap > max) break;
            cap *= 2;
            char *q = realloc(p, cap + 1);
            if (!q) { free(p); if (!is_stdin) close(fd); return GK_ERR_NOMEM; }
            p = q;
        }
        ssize_t r = read(fd, p + n, cap - n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) { err = true; break; }
        if (r == 0) break;
        n += (size_t)r;
        if (size >= 0 && n == (size_t)size) break;   /* the whole regular file: no second read to see its end */
    }
    int saved = errno;
    if (!is_stdin) close(fd);
    if (err) { free(p); errno = saved; return GK_ERR_IO; }
    if (n > max) { free(p); return GK_ERR_TOO_LARGE; }
    p[n] = 0;
    *out = p;
    *len = n;
    return GK_OK;
}

const char *gk_status_message(gk_status st, const char *lang) {
    bool en = lang && strcmp(lang, "en") == 0;
    switch (st) {
    case GK_OK: return en ? "ok" : "正常";
    case GK_ERR_IO: return en ? "cannot read the file" : "无法读取文件";
    case GK_ERR_EMPTY: return en ? "the file is empty" : "文件为空";
    case GK_ERR_BINARY: return en ? "binary data, not a text report" : "二进制数据，不是文本格式的报告";
    case GK_ERR_ENCODING: return en ? "not valid UTF-8 text" : "不是有效的 UTF-8 文本";
    case GK_ERR_TOO_LARGE: return en ? "the file is too large" : "文件过大";
    case GK_ERR_NOT_REPORT: return en ? "no annual report found (no statutory section or table)"
                                       : "未识别出政府信息公开工作年度报告（未找到法定章节或表格）";
    case GK_ERR_NOMEM: return en ? "out of memory" : "内存不足";
    case GK_ERR_MALFORMED: return en ? "the file is damaged and cannot be read" : "文件已损坏，无法读取";
    case GK_ERR_UNSAFE: return en ? "refused: the file exceeds gongkai's safety limits (zip bomb, huge entry, path tricks, excessive nesting or spans)"
                                  : "拒绝读取：文件超出安全限制（压缩炸弹、超大条目、路径欺骗、嵌套或合并过深）";
    case GK_ERR_UNSUPPORTED: return en ? "this format cannot be read yet" : "暂不支持读取此格式";
    }
    return "?";
}
