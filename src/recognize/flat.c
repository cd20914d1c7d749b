/* flat.c: tables whose cells ran together (scraper text: "行政规范性文件6233440" is 62 / 33 / 440).
 * Placeholder until the digit splitter lands: recognises nothing. */
#include "internal.h"

bool gk_recognize_flat(gk_report *r, const gk_doc *doc) {
    (void)r;
    (void)doc;
    return false;
}
