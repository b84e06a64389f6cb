/* integration.c - the install and build-system integrations, with the real
 * tools: tests/integration/run.sh installs ptest into a temporary prefix
 * and builds and runs the pkg-config, CMake/CTest and Meson projects of
 * packaging/ against it (one "ok"/"FAIL" line per check). When a tool is
 * not installed, the checks that need it are skipped and so is this test
 * (exit 77, with the line naming the package), except under PTEST_CI=1. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <string.h>

TEST(integration, install_pkgconfig_cmake_meson, MARK(integration), MARK(slow),
     TIMEOUT(300), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    /* The harness's own limit comes first, so a hang is reported with the
     * output so far and its processes are killed. */
    bb_run("sh tests/integration/run.sh", 0, 280, &r);
    BB_EXPECT_CLEAN(&r);
    if (r.exit_code == BB_SKIP_STATUS)
        bb_skip_result(&r);
    EXPECT_EQ_MSG(r.exit_code, 0, "tests/integration/run.sh failed:\n%s", r.output);
    EXPECT_NOT_NULL_MSG(strstr(r.output, "integration: all checks passed"),
                        "no summary line in:\n%s", r.output);
    bb_result_free(&r);
}
