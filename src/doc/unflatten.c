/* unflatten.c: scraper text whose whole article is one line (the 平潭 archive: a crawler header, then the
 * report flattened). Placeholder until the splitter lands: leaves the document as it is. */
#include "gongkai/doc.h"

void gk_doc_unflatten(gk_doc *doc) {
    (void)doc;
}
