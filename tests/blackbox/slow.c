/* slow.c - black-box tests of --slow on tests/progs/slowpoke, whose test
 * poke.waits stays running until the run's JSON Lines hold three
 * test_slow events for it. The checks count lines and compare them with
 * the events; none measures a time. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The SLOW lines of output, checked one by one: poke.waits, a multiple of
 * every higher than the line before, on the worker named in want_worker
 * ("(gw1)"; NULL: any). Returns how many. */
static int slow_lines(const char *output, double every, const char *want_worker)
{
    const char *at = output;
    double last = 0;
    int n = 0;
    while ((at = strstr(at, "SLOW [>")) != NULL) {
        double seconds = 0, k;
        char id[64] = "", worker[16] = "";
        if (at != output && at[-1] != '\n') {
            at++;
            continue;
        }
        EXPECT_EQ_MSG(sscanf(at, "SLOW [>%lfs] %63s %15s", &seconds, id, worker), 3,
                      "%.60s", at);
        EXPECT_STR_EQ(id, "poke.waits");
        if (want_worker)
            EXPECT_STR_EQ(worker, want_worker);
        EXPECT_GT_MSG(seconds, last, "%.60s", at);
        k = seconds / every;
        EXPECT_NEAR_MSG(k, (double)(long)(k + 0.5), 1e-6, "%g is not a multiple of %g",
                        seconds, every);
        last = seconds;
        n++;
        at++;
    }
    return n;
}

/* How many lines of the file at path start with prefix. */
static int slow_count_file(const char *path, const char *prefix)
{
    char line[1024];
    int n = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        n += strncmp(line, prefix, strlen(prefix)) == 0;
    fclose(f);
    return n;
}

/* The worker the JSON Lines say poke.waits finished on, as "(gw1)". */
static void slow_finished_worker(const char *path, char *out, size_t size)
{
    char line[1024];
    FILE *f = fopen(path, "r");
    snprintf(out, size, "?");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        const char *w = strstr(line, "\"worker\":\"");
        if (strstr(line, "\"type\":\"test_finished\",\"id\":\"poke.waits\"") && w)
            snprintf(out, size, "(%.*s)", (int)strcspn(w + 10, "\""), w + 10);
    }
    fclose(f);
}

/* Runs slowpoke with --slow=0.2 and flags; checks the notices. */
static void slow_check(const char *flags, int stable)
{
    char path[64], cmd[512], worker[32];
    struct bb_result r;
    int fd, lines, events;
    snprintf(path, sizeof path, "/tmp/bb-slow-XXXXXX");
    ASSERT_GE(fd = mkstemp(path), 0);
    close(fd);
    snprintf(cmd, sizeof cmd, "SLOWPOKE_JSON=%s tests/progs/slowpoke --slow=0.2 --json=%s %s",
             path, path, flags);
    bb_run(cmd, stable ? BB_STABLE : 0, 60, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ_MSG(r.exit_code, 0, "%s:\n%s", cmd, r.output);
    slow_finished_worker(path, worker, sizeof worker);
    events = slow_count_file(path, "{\"type\":\"test_slow\",\"id\":\"poke.waits\",");
    EXPECT_EQ_MSG(slow_count_file(path, "{\"type\":\"test_slow\""), events,
                  "a notice for a quick test: %s", cmd);
    EXPECT_GE_MSG(events, 3, "%s:\n%s", cmd, r.output);
    lines = slow_lines(r.output, 0.2, worker);
    if (stable)
        EXPECT_EQ_MSG(lines, 0, "PTEST_STABLE: no timings on the console:\n%s", r.output);
    else
        EXPECT_EQ_MSG(lines, events, "console vs JSON, %s:\n%s", cmd, r.output);
    bb_result_free(&r);
    unlink(path);
}

TEST(slow_notices, notices_in_the_fork_pool, MARK(integration), TEARDOWN(bb_cleanup))
{
    slow_check("-j 2", 0);
}

TEST(slow_notices, notices_in_the_thread_pool, MARK(integration), TEARDOWN(bb_cleanup))
{
    slow_check("-j 2 --pool=thread", 0);
}

TEST(slow_notices, notices_forked, MARK(integration), TEARDOWN(bb_cleanup))
{
    slow_check("-j 2 --forked", 0);
}

TEST(slow_notices, stable_keeps_them_off_the_console, MARK(integration), TEARDOWN(bb_cleanup))
{
    slow_check("-j 2", 1);
}

/* --slow=0 and the default (60 s) say nothing of a test of 1 s. */
TEST(slow_notices, off_and_default, MARK(integration), TEARDOWN(bb_cleanup))
{
    static const char *const cmds[] = {
        "tests/progs/slowpoke -j 2 --slow=0 --json=-",
        "tests/progs/slowpoke -j 2 --json=-",
        "tests/progs/slowpoke -j 2 --pool=thread --slow=0",
    };
    size_t i;
    for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        struct bb_result r;
        bb_run(cmds[i], 0, 60, &r);
        BB_EXPECT_CLEAN(&r);
        EXPECT_EQ_MSG(r.exit_code, 0, "%s:\n%s", cmds[i], r.output);
        EXPECT_NULL_MSG(strstr(r.output, "SLOW"), "%s:\n%s", cmds[i], r.output);
        EXPECT_NULL_MSG(strstr(r.output, "test_slow"), "%s:\n%s", cmds[i], r.output);
        bb_result_free(&r);
    }
}

TEST(slow_notices, bad_value_is_a_usage_error, MARK(integration), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    bb_run("tests/progs/slowpoke --slow=-1", 0, 30, &r);
    EXPECT_EQ(r.exit_code, 4);
    EXPECT_STR_EQ(r.output, "ptest: error: --slow: expected a number of seconds >= 0 "
                            "(0: no notices); got '-1'\n");
    bb_result_free(&r);
}
