/* misuse.c - an option macro written as a statement in a test body
 * (MARK(slow); in place of TEST(s, n, MARK(slow))) does not compile, and
 * the compiler's error names the mistake; the same options in TEST's list
 * compile cleanly. tests/misuse/option_in_body.c is built with cc as C99,
 * and with c++ when there is one. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct misuse_case {
    int number;             /* MISUSE=number in option_in_body.c */
    const char *name;       /* what the error must name */
};

static const struct misuse_case misuse_cases[] = {
    {1, "ptest_error_MARK_is_a_TEST_option_not_a_statement"},
    {2, "ptest_error_TIMEOUT_is_a_TEST_option_not_a_statement"},
    {3, "ptest_error_SKIP_is_a_TEST_option_in_a_body_use_SKIP_TEST"},
    {4, "ptest_error_XFAIL_is_a_TEST_option_not_a_statement"},
    {5, "ptest_error_RESOURCE_is_a_TEST_option_not_a_statement"},
    {6, "ptest_error_SETUP_is_a_TEST_option_not_a_statement"},
    {7, "ptest_error_TEARDOWN_is_a_TEST_option_not_a_statement"},
    {8, "ptest_error_EXPECT_SIGNAL_is_a_TEST_option_not_a_statement"},
    {9, "ptest_error_EXPECT_EXIT_is_a_TEST_option_not_a_statement"},
    {10, "ptest_error_SLOTS_is_a_TEST_option_not_a_statement"},
};

#define MISUSE_FLAGS "-Wall -Wextra -Wpedantic -Werror -fsyntax-only -I."
#define MISUSE_FILE "tests/misuse/option_in_body.c"

/* Compiles the file with define (or none) and the compiler cc; r holds
 * what it said. */
static void misuse_compile(const char *cc, const char *define, struct bb_result *r)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s " MISUSE_FLAGS " %s " MISUSE_FILE, cc, define);
    bb_run(cmd, 0, 120, r);
    BB_EXPECT_CLEAN(r);
}

static int misuse_have_cxx(void)
{
    struct bb_result r;
    int have;
    bb_run("command -v c++ >/dev/null", 0, 10, &r);
    have = r.exit_code == 0;
    bb_result_free(&r);
    return have;
}

TEST(misuse, options_in_test_list_compile, MARK(integration), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    misuse_compile("cc -std=c99", "", &r);
    EXPECT_EQ_MSG(r.exit_code, 0, "correct use does not compile:\n%s", r.output);
    bb_result_free(&r);
    if (!misuse_have_cxx())
        return;
    misuse_compile("c++ -x c++ -std=c++11", "", &r);
    EXPECT_EQ_MSG(r.exit_code, 0, "correct use does not compile as C++:\n%s", r.output);
    bb_result_free(&r);
}

TEST_P(misuse, option_as_statement_is_named, struct misuse_case, misuse_cases,
       MARK(integration), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    char define[32];
    snprintf(define, sizeof define, "-DMISUSE=%d", PARAM->number);
    misuse_compile("cc -std=c99", define, &r);
    EXPECT_NE_MSG(r.exit_code, 0, "MISUSE=%d compiled", PARAM->number);
    EXPECT_NOT_NULL_MSG(strstr(r.output, PARAM->name), "cc did not name %s:\n%s",
                        PARAM->name, r.output);
    bb_result_free(&r);
    if (!misuse_have_cxx())
        return;
    misuse_compile("c++ -x c++ -std=c++11", define, &r);
    EXPECT_NE_MSG(r.exit_code, 0, "MISUSE=%d compiled as C++", PARAM->number);
    EXPECT_NOT_NULL_MSG(strstr(r.output, PARAM->name), "c++ did not name %s:\n%s",
                        PARAM->name, r.output);
    bb_result_free(&r);
}
