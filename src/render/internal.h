/* internal.h: helpers shared by the renderers. */
#ifndef GK_RENDER_INTERNAL_H
#define GK_RENDER_INTERNAL_H

#include "gongkai/report.h"

/* A paragraph before the first section that is the title's own line (or one of its two lines): the
 * renderers print the title themselves and leave it out of the preface. */
bool gk_para_in_title(const gk_report *r, const gk_para *p);

#endif
