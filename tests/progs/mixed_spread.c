/* mixed_spread.c - slow tests at both ends and in the middle of 256
 * trivial ones (mixed.h). */
#include "mixed.h"

MIXED_SLOW(a) MIXED_SLOW(b) MIXED_SLOW(c)
MIXED_FAST64(t0) MIXED_FAST64(t1)
MIXED_SLOW(d) MIXED_SLOW(e)
MIXED_FAST64(t2) MIXED_FAST64(t3)
MIXED_SLOW(f) MIXED_SLOW(g) MIXED_SLOW(h)
