/* main.c - the whole runner of the example suite, in two lines.
 *
 * Shows: the one file that defines PTEST_MAIN, which puts ptest's
 * implementation and main() into this binary. The tests themselves live
 * in the other test_*.c files and register themselves; nothing lists them.
 *
 * Build and run from the repository root:
 *
 *     make run
 *     ./examples/tests/tests -j auto -m "not slow"
 */
#define PTEST_MAIN
#include "ptest.h"
