/* mixed_last.c - 256 trivial tests, then 8 slow ones: once durations are
 * cached, the slow tests go first, and a batch sized by count would carry
 * them all to one worker (mixed.h). */
#include "mixed.h"

MIXED_FAST64(t0) MIXED_FAST64(t1) MIXED_FAST64(t2) MIXED_FAST64(t3)
MIXED_SLOW(a) MIXED_SLOW(b) MIXED_SLOW(c) MIXED_SLOW(d)
MIXED_SLOW(e) MIXED_SLOW(f) MIXED_SLOW(g) MIXED_SLOW(h)
