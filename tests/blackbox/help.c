/* help.c - --help fits a terminal: every line within 80 columns (a flag
 * whose help is too long wraps, and this test keeps it so), in groups by
 * purpose. tests/golden/help.t has the whole text. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <string.h>

TEST(help, every_line_within_80_columns, MARK(integration), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    const char *line;
    int number = 1;
    bb_run("tests/progs/pass --help", 0, 30, &r);
    BB_EXPECT_CLEAN(&r);
    ASSERT_EQ_MSG(r.exit_code, 0, "%s", r.output);
    for (line = r.output; *line; number++) {
        size_t len = strcspn(line, "\n");
        if (number == 1 && bb_on("windows") &&
            strncmp(line, "usage: ", 7) == 0) {
            /* Wine gives argv[0] as the program's Windows path
             * (Z:\...\pass.exe): count the path the command named */
            size_t path = strcspn(line + 7, " ");
            len = len - path + strlen("tests/progs/pass");
        }
        EXPECT_LE_MSG(len, 80u, "--help line %d is %lu columns:\n%.*s", number,
                      (unsigned long)len, (int)len, line);
        line += len + (line[len] == '\n');
    }
    EXPECT_GT(number, 40);
    bb_result_free(&r);
}

TEST(help, grouped_by_purpose, MARK(integration), TEARDOWN(bb_cleanup))
{
    static const char *const groups[] = {
        "\nselection:\n", "\nparallelism:\n", "\noutput and reports:\n",
        "\nhistory and order:\n", "\nother:\n", "\nenvironment:\n",
        "\nexit status: "};
    struct bb_result r;
    const char *at;
    size_t i;
    bb_run("tests/progs/pass --help", 0, 30, &r);
    BB_EXPECT_CLEAN(&r);
    for (i = 0, at = r.output; i < sizeof groups / sizeof groups[0]; i++) {
        const char *found = strstr(at, groups[i]);
        EXPECT_NOT_NULL_MSG(found, "no '%s' after the previous group in:\n%s",
                            groups[i] + 1, r.output);
        if (found)
            at = found + 1;
    }
    bb_result_free(&r);
}
