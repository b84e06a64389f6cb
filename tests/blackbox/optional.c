/* optional.c - tests/optional.sh, how a part of make test whose tool is
 * missing says so: one line naming the part, the tools and their Debian
 * packages, exit 77 (skipped); under PTEST_CI=1 the line says the part
 * failed, exit 1. The missing tools here exist nowhere. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <stdio.h>
#include <string.h>

/* Sources tests/optional.sh, asks for sh (there) and two tools that are
 * not, one of them twice, and ends with optional_done's status. */
#define OPTIONAL_TWO_MISSING                                                   \
    ". tests/optional.sh; optional_have sh ptest-no-such-tool; "              \
    "optional_have ptest-nor-this ptest-no-such-tool; optional_done 'the part'"

TEST(optional, missing_tools_skip_in_one_line, MARK(unit), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    bb_run("unset PTEST_CI; " OPTIONAL_TWO_MISSING, 0, 10, &r);
    EXPECT_EQ(r.exit_code, BB_SKIP_STATUS);
    EXPECT_STR_EQ(r.output, "make test: the part skipped: ptest-no-such-tool, "
                            "ptest-nor-this are not installed (apt-get install "
                            "ptest-no-such-tool ptest-nor-this)\n");
    bb_result_free(&r);
    bb_run("PTEST_CI=0; . tests/optional.sh; optional_have sh ptest-no-such-tool; "
           "optional_done 'the part'", 0, 10, &r);
    EXPECT_EQ(r.exit_code, BB_SKIP_STATUS);
    EXPECT_STR_EQ(r.output, "make test: the part skipped: ptest-no-such-tool is not "
                            "installed (apt-get install ptest-no-such-tool)\n");
    bb_result_free(&r);
    bb_run("unset PTEST_CI; sh tests/optional.sh skip fuzzing "
           "\"clang's libFuzzer runtime is missing\" 'clang libclang-rt-dev'", 0, 10, &r);
    EXPECT_EQ(r.exit_code, BB_SKIP_STATUS);
    EXPECT_STR_EQ(r.output, "make test: fuzzing skipped: clang's libFuzzer runtime is "
                            "missing (apt-get install clang libclang-rt-dev)\n");
    bb_result_free(&r);
}

TEST(optional, nothing_missing_says_nothing, MARK(unit), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    bb_run("unset PTEST_CI; . tests/optional.sh; optional_have sh && "
           "optional_done 'the part'", 0, 10, &r);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_STR_EQ(r.output, "");
    bb_result_free(&r);
}

TEST(optional, under_ptest_ci_a_missing_tool_fails, MARK(unit), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    bb_run("export PTEST_CI=1; " OPTIONAL_TWO_MISSING, 0, 10, &r);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_STR_EQ(r.output, "make test: the part failed: ptest-no-such-tool, "
                            "ptest-nor-this are not installed (apt-get install "
                            "ptest-no-such-tool ptest-nor-this), and PTEST_CI=1 "
                            "allows no skip\n");
    bb_result_free(&r);
    bb_run("PTEST_CI=yes sh tests/optional.sh skip it why pkg", 0, 10, &r);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_STR_EQ(r.output, "make test: it failed: why (apt-get install pkg), and "
                            "PTEST_CI=1 allows no skip\n");
    bb_result_free(&r);
}

/* The packages `apt-get install` needs for the tools whose package has
 * another name; the others are their own package. */
TEST(optional, packages_of_tools, MARK(unit), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    bb_run(". tests/optional.sh; for t in clang clang++ musl-gcc cmake ctest ninja "
           "xmllint prove x86_64-w64-mingw32-gcc-posix tcc gcovr qemu-s390x "
           "arm-linux-gnueabihf-gcc i686-linux-gnu-g++; do "
           "printf '%s ' $(optional_package $t); done",
           0, 10, &r);
    EXPECT_STR_EQ(r.output, "clang clang musl-tools cmake cmake ninja-build "
                            "libxml2-utils perl gcc-mingw-w64-x86-64 tcc gcovr qemu-user "
                            "gcc-arm-linux-gnueabihf g++-i686-linux-gnu ");
    bb_result_free(&r);
}

/* The skipped tests of a run, one line each, from its --json report. */
TEST(optional, report_of_skipped_tests, MARK(unit), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    const char *skips = "make test: skip.by_option skipped: not on this platform\n"
                        "make test: skip.at_run_time skipped: tests/progs/skip.c:14: "
                        "skipped: needs a network\n";
    char want[512];
    bb_run("tests/progs/skip -j 1 --dist=no -q --json=\"$PTEST_CACHE_DIR/r.jsonl\" >/dev/null; "
           "unset PTEST_CI; sh tests/optional.sh report \"$PTEST_CACHE_DIR/r.jsonl\" && "
           "PTEST_CI=1 sh tests/optional.sh report \"$PTEST_CACHE_DIR/r.jsonl\"",
           0, 30, &r);
    EXPECT_EQ(r.exit_code, 1);
    snprintf(want, sizeof want, "%s%smake test: failed: the tests above were skipped, "
             "and PTEST_CI=1 allows no skip\n", skips, skips);
    EXPECT_STR_EQ(r.output, want);
    bb_result_free(&r);
    bb_run("tests/progs/pass -q --json=\"$PTEST_CACHE_DIR/r.jsonl\" >/dev/null; "
           "PTEST_CI=1 sh tests/optional.sh report \"$PTEST_CACHE_DIR/r.jsonl\"", 0, 30, &r);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_STR_EQ(r.output, "");
    bb_result_free(&r);
}
