/* Layer 1 of ptest's self-tests: unit tests of its internals, written with
 * ptest itself.
 *
 * The internals are static, so this is one translation unit: the
 * implementation, then every tests/unit/test_*.c included after it, which
 * call the ptest__ functions directly. The Makefile links the black-box
 * tests (tests/blackbox/) into the same binary, tests/selftest.
 *
 *     make tests/selftest && ./tests/selftest -j auto -m unit
 */
#define PTEST_MAIN
#include "ptest.h"

#include "unit.h"

#include "test_expr.c"
#include "test_cli.c"
#include "test_values.c"
#include "test_platform.c"
#include "test_context.c"
#include "test_fixtures.c"
#include "test_scheduler.c"
#include "test_registry.c"
#include "test_reports.c"
#include "test_plan.c"
#include "test_affected.c"
