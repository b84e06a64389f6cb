/* mixed_first.c - 8 slow tests defined first, then 256 trivial ones: with
 * no durations known, the slow tests all land in the first batch, which
 * an idle worker must steal from (mixed.h). */
#include "mixed.h"

MIXED_SLOW(a) MIXED_SLOW(b) MIXED_SLOW(c) MIXED_SLOW(d)
MIXED_SLOW(e) MIXED_SLOW(f) MIXED_SLOW(g) MIXED_SLOW(h)
MIXED_FAST64(t0) MIXED_FAST64(t1) MIXED_FAST64(t2) MIXED_FAST64(t3)
