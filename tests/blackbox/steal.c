/* steal.c - black-box tests of batching and work stealing on the shape
 * real suites have (tests/progs/mixed.h: 256 trivial tests, 8 slow ones).
 * They check where the slow tests ran, never how long a run took: at -j 2
 * each worker runs at least 3 of the 8, cold and warm, whether the slow
 * tests stand first, last or spread. And every test runs exactly once
 * when a steal races a worker's crash, an interrupt, or the worker
 * starting the very test being taken back (many short runs). */
#define _GNU_SOURCE 1

#include "harness.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A fresh directory for a run's cache and logs; removed by steal_rmdir. */
static void steal_mkdir(char *dir, size_t size)
{
    snprintf(dir, size, "/tmp/bb-steal-XXXXXX");
    ASSERT_NOT_NULL(mkdtemp(dir));
}

static void steal_rmdir(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    EXPECT_EQ(system(cmd), 0);
}

/* How many times line occurs as a whole line of text. */
static int steal_lines(const char *text, const char *line)
{
    size_t n = strlen(line);
    int count = 0;
    const char *at = text;
    while ((at = strstr(at, line)) != NULL) {
        if ((at == text || at[-1] == '\n') && at[n] == '\n')
            count++;
        at += n;
    }
    return count;
}

/* Checks -v output: each of the 8 slow tests passed exactly once, and
 * each of the 2 workers ran at least 3 of them. */
static void expect_slow_spread(const char *output, const char *what)
{
    static const char names[] = "abcdefgh";
    int per_worker[2] = {0, 0}, i;
    for (i = 0; names[i]; i++) {
        char head[32];
        const char *at, *worker;
        snprintf(head, sizeof head, "PASSED slow.%c (", names[i]);
        at = strstr(output, head);
        ASSERT_NOT_NULL_MSG(at, "%s: slow.%c did not pass:\n%s", what, names[i], output);
        EXPECT_NULL_MSG(strstr(at + 1, head), "%s: slow.%c passed twice:\n%s", what,
                        names[i], output);
        worker = strstr(at, ", gw");
        ASSERT_NOT_NULL_MSG(worker, "%s: no worker for slow.%c:\n%s", what, names[i], output);
        if (worker[4] == '0' || worker[4] == '1')
            per_worker[worker[4] - '0']++;
    }
    EXPECT_GE_MSG(per_worker[0], 3, "%s: gw0 ran %d of the slow tests, gw1 %d:\n%s", what,
                  per_worker[0], per_worker[1], output);
    EXPECT_GE_MSG(per_worker[1], 3, "%s: gw0 ran %d of the slow tests, gw1 %d:\n%s", what,
                  per_worker[0], per_worker[1], output);
}

/* How long each slow test of prog must sleep, in milliseconds, for the
 * shape these tests assume: all 256 trivial tests together cost less than
 * one slow test. Cold, a first batch holds all 8 slow tests (nothing says
 * they are slow), and they are taken back only once the queue of trivial
 * tests has run dry; a worker gets its share of them only if that happens
 * before the other has run two. A trivial test is nearly free in a
 * worker, but under --forked it costs a fork and an exit: about 0.3 ms on
 * x86-64, 15 to 25 ms under qemu-user (the emulator forks), where 300 ms
 * of sleep no longer outweighs them and the scheduler rightly keeps the
 * trivial tests on the other worker. So the sleep is at least what the
 * 264 tests cost at -j 1 with no sleep (measured here, never asserted);
 * under qemu in a loaded make cross that was 10 s, so the tests that
 * call spread_cold_and_warm may take minutes there (TIMEOUT(900)). */
static int steal_slow_ms(const char *prog, const char *pool)
{
    char cmd[256];
    struct bb_result r;
    int ms;
    /* Windows has no fork: under --forked a worker process runs one test
     * and retires (ptest__worker_retiring), a different path, where 300 ms
     * passed under Wine (make windows-blackbox); and the 264 processes of
     * this measure would make the sleeps minutes long there */
    if (bb_on("windows"))
        return 300;
    snprintf(cmd, sizeof cmd, "MIXED_SLOW_MS=0 tests/progs/%s -j 1 -q %s --no-cache", prog,
             pool);
    bb_run(cmd, 0, 120, &r);
    EXPECT_EQ_MSG(r.exit_code, 0, "%s:\n%s", cmd, r.output);
    ms = (int)(r.seconds * 1000);
    bb_result_free(&r);
    return ms > 300 ? ms : 300;
}

/* Runs prog twice at -j 2 in pool with one cache: cold, then warm (the
 * durations known, the slow tests ordered first). */
static void spread_cold_and_warm(const char *prog, const char *pool)
{
    char dir[64], cmd[256], what[96];
    struct bb_result r;
    int warm, slow_ms = steal_slow_ms(prog, pool);
    steal_mkdir(dir, sizeof dir);
    snprintf(cmd, sizeof cmd, "MIXED_SLOW_MS=%d tests/progs/%s -j 2 -v %s --cache-dir=%s/cache",
             slow_ms, prog, pool, dir);
    for (warm = 0; warm < 2; warm++) {
        snprintf(what, sizeof what, "%s %s, %s", prog, pool, warm ? "warm" : "cold");
        /* room for all 8 slow tests on one worker: a hang, not a slow run */
        bb_run(cmd, 0, 120 + 8 * slow_ms / 1000.0, &r);
        BB_EXPECT_CLEAN(&r);
        EXPECT_EQ_MSG(r.exit_code, 0, "%s:\n%s", what, r.output);
        EXPECT_STR_EQ_MSG(bb_last_line(r.output), "ptest: 264 passed, 0 failed, 0 skipped",
                          "%s", what);
        expect_slow_spread(r.output, what);
        EXPECT_NULL_MSG(strstr(r.output, "warning"), "%s:\n%s", what, r.output);
        bb_result_free(&r);
    }
    steal_rmdir(dir);
}

TEST(steal, slow_first_spread_cold_and_warm, MARK(integration), MARK(slow),
     TIMEOUT(900), TEARDOWN(bb_cleanup))
{
    spread_cold_and_warm("mixed_first", "");
}

TEST(steal, slow_last_spread_cold_and_warm, MARK(integration), MARK(slow),
     TIMEOUT(900), TEARDOWN(bb_cleanup))
{
    spread_cold_and_warm("mixed_last", "");
}

TEST(steal, slow_spread_out_stay_spread, MARK(integration), MARK(slow),
     TIMEOUT(900), TEARDOWN(bb_cleanup))
{
    spread_cold_and_warm("mixed_spread", "");
}

TEST(steal, forked_tests_are_stolen_too, MARK(integration), MARK(slow),
     TIMEOUT(900), TEARDOWN(bb_cleanup))
{
    spread_cold_and_warm("mixed_first", "--forked");
}

TEST(steal, thread_pool_spreads_cold_and_warm, MARK(integration), MARK(slow),
     TIMEOUT(900), TEARDOWN(bb_cleanup))
{
    spread_cold_and_warm("mixed_first", "--pool=thread");
    spread_cold_and_warm("mixed_last", "--pool=thread");
}

/* Checks a MIXED_LOG file: no test ran twice, and with all set, every one
 * of the 264 ran. */
static void expect_each_once(const char *log_path, int all, const char *what)
{
    static const char slow[] = "abcdefgh";
    FILE *f = fopen(log_path, "r");
    char *text = NULL, line[32];
    size_t size = 0;
    long len;
    int i, ran = 0;
    ASSERT_NOT_NULL_MSG(f, "%s: no log %s", what, log_path);
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    size = len > 0 ? (size_t)len : 0;
    text = (char *)calloc(1, size + 1);
    EXPECT_EQ(fread(text, 1, size, f), size);
    fclose(f);
    for (i = 0; slow[i]; i++) {
        int n;
        snprintf(line, sizeof line, "slow.%c", slow[i]);
        n = steal_lines(text, line);
        EXPECT_LE_MSG(n, 1, "%s: %s ran %d times", what, line, n);
        ran += n;
    }
    for (i = 0; i < 256; i++) {
        int n;
        snprintf(line, sizeof line, "fast.t%d%d%d%d", i / 64, i / 16 % 4, i / 4 % 4, i % 4);
        n = steal_lines(text, line);
        EXPECT_LE_MSG(n, 1, "%s: %s ran %d times", what, line, n);
        ran += n;
    }
    if (all)
        EXPECT_EQ_MSG(ran, 264, "%s: %d of the 264 tests ran", what, ran);
    free(text);
}

/* The worker that holds the slow tests crashes in the first of them,
 * after the other worker took back some of its batch: slow.a is the one
 * crash, every other test passes, and each ran once. */
TEST(steal, a_steal_from_a_worker_that_then_crashes, MARK(integration), MARK(slow),
     TEARDOWN(bb_cleanup))
{
    char dir[64], cmd[256];
    struct bb_result r;
    steal_mkdir(dir, sizeof dir);
    snprintf(cmd, sizeof cmd, "MIXED_CRASH=1 MIXED_LOG=%s/log tests/progs/mixed_first "
             "-j 2 -v --no-cache", dir);
    bb_run(cmd, 0, 120, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ_MSG(r.exit_code, 1, "%s", r.output);
    EXPECT_NOT_NULL_MSG(strstr(r.output, "CRASHED slow.a"), "%s", r.output);
    EXPECT_STR_EQ_MSG(bb_last_line(r.output), "ptest: 263 passed, 1 failed, 0 skipped",
                      "%s", r.output);
    snprintf(cmd, sizeof cmd, "%s/log", dir);
    expect_each_once(cmd, 1, "crash");
    bb_result_free(&r);
    steal_rmdir(dir);
}

/* An interrupt while the workers hold stolen tests: exit 2, the counts
 * add up, each test has one outcome, and none ran twice. */
static void interrupt_while_stealing(const char *pool)
{
    char dir[64], cmd[256], log_path[80];
    struct bb_proc p;
    struct bb_result r;
    struct bb_counts c;
    struct timespec nap = {0, 500 * 1000 * 1000};
    bb_not_on("windows", BB_SIGNAL_WHY); /* before the run, not at its signal */
    steal_mkdir(dir, sizeof dir);
    snprintf(cmd, sizeof cmd, "MIXED_LOG=%s/log exec tests/progs/mixed_first -j 2 -v "
             "--no-cache %s", dir, pool);
    ASSERT_EQ(bb_start(&p, cmd, 0), 0);
    ASSERT_TRUE_MSG(bb_wait_output(&p, "PASSED fast.", 30), "no test passed: `%s`", cmd);
    nanosleep(&nap, NULL); /* the slow tests are under way, some stolen */
    bb_signal(&p, SIGINT);
    bb_finish(&p, 60, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ_MSG(r.exit_code, 2, "%s", r.output);
    bb_parse_counts(r.output, &c);
    EXPECT_EQ_MSG(c.selected, 264, "%s", r.output);
    EXPECT_EQ_MSG(c.breakdown_total, 264, "%s", r.output);
    EXPECT_GE_MSG(c.outcome[BB_INTERRUPTED] + c.outcome[BB_NOT_RUN], 1, "%s", r.output);
    snprintf(log_path, sizeof log_path, "%s/log", dir);
    expect_each_once(log_path, 0, pool);
    bb_result_free(&r);
    steal_rmdir(dir);
}

TEST(steal, an_interrupt_while_stealing, MARK(integration), MARK(slow),
     TEARDOWN(bb_cleanup))
{
    interrupt_while_stealing("");
}

TEST(steal, an_interrupt_while_stealing_forked, MARK(integration), MARK(slow),
     TEARDOWN(bb_cleanup))
{
    interrupt_while_stealing("--forked");
}

/* Many short runs whose slow tests take 2 to 6 ms at -j 2 to 4: near the
 * end of each, idle workers take back tests that their busy owners are
 * about to start. Every test runs exactly once, every time. */
TEST(steal, steals_racing_test_starts, MARK(integration), TEARDOWN(bb_cleanup))
{
    static const char *const progs[] = {"mixed_first", "mixed_spread", "mixed_last"};
    char dir[64], cmd[320], log_path[80], what[64];
    int round;
    steal_mkdir(dir, sizeof dir);
    snprintf(log_path, sizeof log_path, "%s/log", dir);
    for (round = 0; round < 12; round++) {
        struct bb_result r;
        unlink(log_path);
        snprintf(cmd, sizeof cmd, "MIXED_SLOW_MS=%d MIXED_LOG=%s tests/progs/%s -j %d -q "
                 "--cache-dir=%s/cache%d", 2 + round % 5, log_path, progs[round % 3],
                 2 + round % 3, dir, round % 2);
        bb_run(cmd, 0, 60, &r);
        BB_EXPECT_CLEAN(&r);
        snprintf(what, sizeof what, "round %d", round);
        EXPECT_EQ_MSG(r.exit_code, 0, "%s: `%s`:\n%s", what, cmd, r.output);
        EXPECT_STR_EQ_MSG(bb_last_line(r.output), "ptest: 264 passed, 0 failed, 0 skipped",
                          "%s", what);
        expect_each_once(log_path, 1, what);
        bb_result_free(&r);
    }
    steal_rmdir(dir);
}
