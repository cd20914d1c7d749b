/* dl.c: libraries loaded when a command first needs them. Converting traditional characters (OpenCC, with
 * the C++ runtime behind it), writing XLSX (libxlsxwriter) and writing SQLite are each needed by few runs;
 * linked in, their loading and relocation cost every run a few milliseconds, more than checking a report. */
#include "gongkai/dl.h"

#include <dlfcn.h>
#include <stdio.h>

bool gk_dl_resolve(const char *soname, const char *const *names, size_t n, void **out, char *why, size_t whylen) {
    void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(why, whylen, "%s", dlerror());
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        out[i] = dlsym(h, names[i]);
        if (!out[i]) {
            snprintf(why, whylen, "%s: %s", soname, dlerror());
            return false;   /* the handle stays open: the library is in use by a failed load, harmless */
        }
    }
    return true;   /* never closed: the functions are used until the process ends */
}
