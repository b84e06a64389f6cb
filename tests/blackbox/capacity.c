/* capacity.c - black-box tests of PTEST_RESOURCE(name, capacity) and
 * SLOTS(n) on tests/progs/capacity, in every pool and with work stealing:
 * the tests count themselves in and out of a shared file while they run,
 * and fail past a bound; here the highest counts are read back. Nothing
 * is timed: the counts are what the tests saw at once. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The counters tests/progs/capacity.c keeps: now and highest, per group. */
enum { CAP_PAIR, CAP_PAIR_MAX, CAP_SOLO, CAP_SOLO_MAX, CAP_SLOTS, CAP_SLOTS_MAX, CAP_N };

/* Runs tests/progs/capacity with flags at jobs workers (-j 0: inline)
 * and reads back its counters into v. */
static void cap_run(const char *flags, int jobs, int64_t *v, const char *warm_cache)
{
    char path[64], cmd[512];
    struct bb_result r;
    FILE *f;
    int fd;
    snprintf(path, sizeof path, "/tmp/bb-capacity-XXXXXX");
    ASSERT_GE(fd = mkstemp(path), 0);
    close(fd);
    snprintf(cmd, sizeof cmd,
             "CAPACITY_FILE=%s CAPACITY_JOBS=%d tests/progs/capacity -j %d %s %s",
             path, jobs ? jobs : 1, jobs, flags, warm_cache ? warm_cache : "");
    bb_run(cmd, 0, 120, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ_MSG(r.exit_code, 0, "%s:\n%s", cmd, r.output);
    EXPECT_STR_EQ_MSG(bb_last_line(r.output), "ptest: 27 passed, 0 failed, 0 skipped",
                      "%s", cmd);
    /* SLOTS(64) is more than any -j here: it runs alone, said once (not
     * inline, where every test runs alone) */
    if (jobs > 0)
        EXPECT_NOT_NULL_MSG(strstr(r.output, "ptest: warning: wide.huge needs SLOTS(64) "
                                             "but the run has"),
                            "%s:\n%s", cmd, r.output);
    bb_result_free(&r);
    memset(v, 0, CAP_N * sizeof *v);
    f = fopen(path, "rb");
    ASSERT_NOT_NULL(f);
    EXPECT_EQ(fread(v, sizeof *v, CAP_N, f), (size_t)CAP_N);
    fclose(f);
    unlink(path);
    EXPECT_EQ_MSG(v[CAP_PAIR] + v[CAP_SOLO] + v[CAP_SLOTS], 0, "%s: left counted", cmd);
}

/* Checks the bounds in one pool: never more than the capacity (the tests
 * fail past it, so a pass already says so) and, with two workers or more,
 * the capacity of 2 used. */
static void cap_check(const char *flags, int jobs)
{
    int64_t v[CAP_N];
    cap_run(flags, jobs, v, NULL);
    EXPECT_LE_MSG(v[CAP_PAIR_MAX], 2, "%s -j %d", flags, jobs);
    EXPECT_EQ_MSG(v[CAP_SOLO_MAX], 1, "%s -j %d", flags, jobs);
    EXPECT_LE_MSG(v[CAP_SLOTS_MAX], jobs ? jobs : 1, "%s -j %d", flags, jobs);
    if (jobs >= 2)
        EXPECT_EQ_MSG(v[CAP_PAIR_MAX], 2, "%s -j %d: RESOURCE(pair) of capacity 2 "
                      "never had 2 tests at once", flags, jobs);
    else
        EXPECT_EQ_MSG(v[CAP_PAIR_MAX], 1, "%s -j %d", flags, jobs);
}

TEST(capacity, fork_pool, MARK(integration), TEARDOWN(bb_cleanup))
{
    cap_check("", 4);
    cap_check("", 2);
}

TEST(capacity, thread_pool, MARK(integration), TEARDOWN(bb_cleanup))
{
    cap_check("--pool=thread", 4);
}

TEST(capacity, forked, MARK(integration), TEARDOWN(bb_cleanup))
{
    cap_check("--forked", 4);
}

TEST(capacity, inline_run, MARK(integration), TEARDOWN(bb_cleanup))
{
    cap_check("", 0);
}

TEST(capacity, single_worker, MARK(integration), TEARDOWN(bb_cleanup))
{
    cap_check("", 1);
}

TEST(capacity, loadscope, MARK(integration), TEARDOWN(bb_cleanup))
{
    cap_check("--dist=loadscope", 4);
}

/* A warm cache orders the slow tests first and stealing moves the queued
 * ones between workers; retries put a case back in the queue. */
TEST(capacity, warm_cache_stealing_and_retries, MARK(integration), MARK(slow),
     TEARDOWN(bb_cleanup))
{
    char dir[64], cache[128];
    int64_t v[CAP_N];
    int i;
    snprintf(dir, sizeof dir, "/tmp/bb-capacity-XXXXXX");
    ASSERT_NOT_NULL(mkdtemp(dir));
    snprintf(cache, sizeof cache, "--cache-dir=%s --reruns=1", dir);
    for (i = 0; i < 2; i++) {
        cap_run("", 3, v, cache);
        EXPECT_EQ(v[CAP_PAIR_MAX], 2);
        EXPECT_LE(v[CAP_SLOTS_MAX], 3);
    }
    snprintf(cache, sizeof cache, "rm -rf '%s'", dir);
    EXPECT_EQ(system(cache), 0);
}

TEST(capacity, definition_errors, MARK(integration), TEARDOWN(bb_cleanup))
{
    static const char *const lines[] = {
        "PTEST_RESOURCE(none, 0): the capacity is how many tests may hold it at once, "
        "from 1 to 1000000",
        "test bad.no_slots: SLOTS(0) must be a whole number of workers from 1 to 1024",
        "test bad.half_a_slot: SLOTS(1.5) must be a whole number",
        "test bad.too_many: SLOTS(5000) must be",
        "is declared with another capacity at tests/progs/badcapacity/",
    };
    struct bb_result r;
    size_t i;
    bb_run("tests/progs/badcapacity/badcapacity", 0, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ_MSG(r.exit_code, 2, "%s", r.output);
    for (i = 0; i < sizeof lines / sizeof lines[0]; i++)
        EXPECT_NOT_NULL_MSG(strstr(r.output, lines[i]), "no '%s' in:\n%s", lines[i],
                            r.output);
    EXPECT_NULL_MSG(strstr(r.output, "bad.fine"), "%s", r.output);
    bb_result_free(&r);
}
