/* bad.c - a binary that cannot list its tests (an undeclared marker is a
 * definition error): building it must fail, with the runner's message. */
#define PTEST_MAIN
#include "ptest.h"

TEST(bad, marker, MARK(undeclared_marker)) { ASSERT_TRUE(1); }
