/* gongkai/dl.h: libraries loaded when a command first needs them (see src/base/dl.c). */
#ifndef GONGKAI_DL_H
#define GONGKAI_DL_H

#include "gongkai/base.h"

#include <pthread.h>

/* Loads the shared library soname and looks up names[0..n) into out[] (dlopen/dlsym). On failure returns false
 * with the reason in why. */
bool gk_dl_resolve(const char *soname, const char *const *names, size_t n, void **out, char *why, size_t whylen);

/* GK_DL_TABLE(lib, SONAME, LIST) declares `lib`, a table of the functions LIST names (LIST(X) calls X(f) for
 * each; the library's own header gives their types), and lib_load(), which loads them once per process and
 * returns NULL when they are ready, or why they could not be loaded. Call them as lib.fn.f(…). */
#define GK_DL_FIELD(f) __typeof__(&f) f;
#define GK_DL_NAME(f) #f,
#define GK_DL_TABLE(lib, soname, LIST)                                                                          \
    typedef struct { LIST(GK_DL_FIELD) } lib##_fns;                                                             \
    static union {                                                                                              \
        lib##_fns fn;                                                                                           \
        void *ptr[sizeof(lib##_fns) / sizeof(void *)];                                                          \
    } lib;                                                                                                      \
    static char lib##_why[256];                                                                                 \
    static bool lib##_ok;                                                                                       \
    static pthread_once_t lib##_once = PTHREAD_ONCE_INIT;                                                       \
    static void lib##_init(void) {                                                                              \
        static const char *const names[] = {LIST(GK_DL_NAME)};                                                  \
        lib##_ok = gk_dl_resolve(soname, names, sizeof names / sizeof names[0], lib.ptr, lib##_why,             \
                                 sizeof lib##_why);                                                             \
    }                                                                                                           \
    static const char *lib##_load(void) {                                                                       \
        pthread_once(&lib##_once, lib##_init);                                                                  \
        return lib##_ok ? NULL : lib##_why;                                                                     \
    }

#endif
