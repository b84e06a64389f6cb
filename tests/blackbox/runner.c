/* runner.c - black-box tests of the runner where a transcript does not
 * fit: signals sent to the runner mid-run, a reader that goes away, counts
 * that must add up whatever the outcomes, -j 0 keeping the same promises,
 * and checks of the harness itself. Every command runs through harness.h:
 * its own session, an outer timeout, and no process may be left behind.
 * No test here asserts how long anything took. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void nap(double seconds)
{
    struct timespec ts;
    ts.tv_sec = (time_t)seconds;
    ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* What the default pool's workers are called: Windows starts its workers
 * as new processes ("4 process workers"), Linux forks them ("4 fork
 * workers"); docs/platforms.md. */
static const char *pool_workers(void)
{
    return bb_on("windows") ? "process workers" : "fork workers";
}

/* Every selected test has exactly one outcome, and the last line agrees
 * with the breakdown above it. */
static void expect_counts_add_up(const char *output)
{
    struct bb_counts c;
    long fails;
    bb_parse_counts(output, &c);
    ASSERT_GE_MSG(c.selected, 0, "no header line in:\n%s", output);
    ASSERT_GE_MSG(c.passed, 0, "no last line in:\n%s", output);
    EXPECT_EQ_MSG(c.unknown_words, 0, "breakdown words not known:\n%s", output);
    EXPECT_EQ_MSG(c.breakdown_total, c.selected, "outcomes vs selected:\n%s", output);
    EXPECT_EQ_MSG(c.ran, c.selected - c.outcome[BB_NOT_RUN], "ran:\n%s", output);
    EXPECT_EQ_MSG(c.passed, c.outcome[BB_PASSED] + c.outcome[BB_FLAKY],
                  "P vs the breakdown:\n%s", output);
    EXPECT_EQ_MSG(c.skipped, c.outcome[BB_SKIPPED] + c.outcome[BB_XFAILED],
                  "S vs the breakdown:\n%s", output);
    fails = c.outcome[BB_FAILED] + c.outcome[BB_CRASHED] + c.outcome[BB_EXITED] +
            c.outcome[BB_TIMED_OUT] + c.outcome[BB_XPASSED];
    /* F counts every outcome that fails the run; interrupted tests and
     * tests never reached may be among them. */
    EXPECT_GE_MSG(c.failed, fails, "F vs the breakdown:\n%s", output);
    EXPECT_LE_MSG(c.failed,
                  fails + c.outcome[BB_INTERRUPTED] + c.outcome[BB_NOT_RUN],
                  "F vs the breakdown:\n%s", output);
}

/* ------------------------------------------------------------------------
 * Signals to the runner. `exec` makes the runner the session leader, the
 * process bb_signal signals. sleepers.c has 7 tests that sleep for ever
 * (one deaf to SIGTERM and SIGINT); at -j 3, 3 are running when the
 * signal comes and 4 wait.
 * ------------------------------------------------------------------------ */

/* Counts the occurrences of needle in text. */
static int count_of(const char *text, const char *needle)
{
    int n = 0;
    while ((text = strstr(text, needle)) != NULL) {
        n++;
        text += strlen(needle);
    }
    return n;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long size;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = (char *)malloc((size_t)size + 1);
    size = (long)fread(text, 1, (size_t)size, f);
    text[size] = '\0';
    fclose(f);
    return text;
}

/* Interrupts sleepers.c at -j 3 with sig: exit 2, the partial report on
 * the console (line) and in the JUnit file, every test interrupted or not
 * run, and nothing left running. */
static void stop_mid_run(int sig, const char *line)
{
    struct bb_proc p;
    struct bb_result r;
    struct bb_counts c;
    char junit[128], cmd[256], *xml;
    snprintf(junit, sizeof junit, "/tmp/bb-junit-%d-%d.xml", (int)getpid(), sig);
    snprintf(cmd, sizeof cmd, "exec tests/progs/sleepers -j 3 --junitxml=%s", junit);
    unlink(junit);
    ASSERT_EQ(bb_start(&p, cmd, 0), 0);
    ASSERT_TRUE_MSG(bb_wait_output(&p, "selected", 20), "no header from `%s`", cmd);
    nap(0.3); /* the workers pick up their tests; no harm if they have not */
    bb_signal(&p, sig);
    bb_finish(&p, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ_MSG(r.exit_code, 2, "output:\n%s", r.output);
    EXPECT_NOT_NULL_MSG(strstr(r.output, line), "no '%s' in:\n%s", line, r.output);
    bb_parse_counts(r.output, &c);
    EXPECT_EQ_MSG(c.selected, 7, "output:\n%s", r.output);
    EXPECT_EQ_MSG(c.outcome[BB_INTERRUPTED] + c.outcome[BB_NOT_RUN], 7,
                  "every test interrupted or not run:\n%s", r.output);
    expect_counts_add_up(r.output);
    xml = read_file(junit);
    EXPECT_NOT_NULL_MSG(xml, "no JUnit file %s after the interrupt", junit);
    if (xml) {
        EXPECT_EQ_MSG(count_of(xml, "<testcase "), 7, "%s", xml);
        EXPECT_NOT_NULL(strstr(xml, "</testsuites>"));
    }
    free(xml);
    unlink(junit);
    bb_result_free(&r);
}

TEST(blackbox, sigint_mid_run, MARK(integration), MARK(slow), TEARDOWN(bb_cleanup))
{
    stop_mid_run(SIGINT, "interrupted by SIGINT\n");
}

TEST(blackbox, sigterm_mid_run, MARK(integration), MARK(slow), TEARDOWN(bb_cleanup))
{
    stop_mid_run(SIGTERM, "interrupted by SIGTERM\n");
}

/* Ctrl-Z stops the runner and, in the fork pool, its workers too (they
 * sit in process groups of their own, which the terminal's SIGTSTP does
 * not reach); after fg (SIGCONT) the time stopped does not count against
 * a test's timeout. pausable.c's two tests nap for 1 s under TIMEOUT(2);
 * stopped for 3 s in the middle, they still pass. */
static void suspend_mid_run(const char *pool, int workers)
{
    struct bb_proc p;
    struct bb_result r;
    struct bb_counts c;
    char cmd[256];
    pid_t kids[8];
    int n, i;
    bb_not_on("windows", "Ctrl-Z: it sends the runner SIGTSTP and SIGCONT and reads "
                         "its workers' states in /proc, which Windows has not");
    snprintf(cmd, sizeof cmd, "exec tests/progs/pausable -j 2 --pool=%s", pool);
    ASSERT_EQ(bb_start(&p, cmd, BB_OWN_GROUP), 0);
    ASSERT_TRUE_MSG(bb_wait_output(&p, "selected", 20), "no header from `%s`", cmd);
    nap(0.3); /* the tests are under way */
    kill(p.pid, SIGTSTP);
    nap(0.5);
    EXPECT_EQ_MSG(bb_proc_state(p.pid), 'T', "the runner is not stopped");
    n = bb_children(p.pid, kids, 8);
    EXPECT_EQ_MSG(n, workers, "workers of the runner %d", (int)p.pid);
    for (i = 0; i < n; i++)
        EXPECT_EQ_MSG(bb_proc_state(kids[i]), 'T', "worker %d is not stopped", (int)kids[i]);
    nap(2.5); /* past TIMEOUT(2), had the clock run on */
    kill(p.pid, SIGCONT);
    bb_finish(&p, 30, &r);
    EXPECT_EQ_MSG(r.exit_code, 0, "output:\n%s", r.output);
    bb_parse_counts(r.output, &c);
    EXPECT_EQ_MSG(c.outcome[BB_PASSED], 2, "output:\n%s", r.output);
    expect_counts_add_up(r.output);
    for (i = 0; i < n; i++) { /* gone, or a zombie of ours (the subreaper) */
        char s = bb_proc_state(kids[i]);
        EXPECT_TRUE_MSG(s == 0 || s == 'Z', "worker %d left behind (%c)", (int)kids[i], s);
    }
    bb_result_free(&r);
}

TEST(blackbox, ctrl_z_stops_the_workers_and_their_clocks, MARK(integration), MARK(slow),
     TEARDOWN(bb_cleanup))
{
    suspend_mid_run("fork", 2);
}

TEST(blackbox, ctrl_z_stops_the_thread_pool_clocks, MARK(integration), MARK(slow),
     TEARDOWN(bb_cleanup))
{
    suspend_mid_run("thread", 0);
}

/* Interrupts ticker (tests of 250 ms each) in the runner's own process:
 * the run stops, what is known is reported, exit 2, and the tests that
 * were running when the signal came (one a thread) are interrupted, not
 * passed: the signal may have cut them short. */
static void stop_in_process(const char *cmd, int sig, int running)
{
    struct bb_proc p;
    struct bb_result r;
    struct bb_counts c;
    char line[64];
    bb_not_on("windows", BB_SIGNAL_WHY); /* before the run, not at its signal */
    snprintf(line, sizeof line, "interrupted by %s\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    ASSERT_EQ(bb_start(&p, cmd, 0), 0);
    ASSERT_TRUE(bb_wait_output(&p, "selected", 20));
    nap(0.6);
    bb_signal(&p, sig);
    bb_finish(&p, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ_MSG(r.exit_code, 2, "output:\n%s", r.output);
    EXPECT_NOT_NULL_MSG(strstr(r.output, line), "no partial report:\n%s", r.output);
    bb_parse_counts(r.output, &c);
    EXPECT_EQ_MSG(c.outcome[BB_INTERRUPTED], running, "output:\n%s", r.output);
    EXPECT_EQ_MSG(c.breakdown_total, 200, "output:\n%s", r.output);
    expect_counts_add_up(r.output);
    bb_result_free(&r);
}

TEST(blackbox, inline_sigint, MARK(integration), TEARDOWN(bb_cleanup))
{
    stop_in_process("exec tests/progs/ticker -j 0", SIGINT, 1);
}

TEST(blackbox, thread_pool_sigterm, MARK(integration), TEARDOWN(bb_cleanup))
{
    stop_in_process("exec tests/progs/ticker -j 2 --pool=thread", SIGTERM, 2);
}

/* The runner killed outright: its workers die with it (they cannot be
 * told, so they must notice), and nothing is left running. */
TEST(blackbox, sigkill_of_the_runner, MARK(integration), TEARDOWN(bb_cleanup))
{
    struct bb_proc p;
    struct bb_result r;
    ASSERT_EQ(bb_start(&p, "exec tests/progs/sleepers -j 3", 0), 0);
    ASSERT_TRUE(bb_wait_output(&p, "selected", 20));
    nap(0.3);
    bb_signal(&p, SIGKILL);
    bb_finish(&p, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ(r.exit_code, 128 + SIGKILL);
    bb_result_free(&r);
}

/* ------------------------------------------------------------------------
 * The runner's stdout goes away.
 * ------------------------------------------------------------------------ */

/* ticker.c would take 12.5 s at -j 4; with -v the runner writes a line per
 * test, so it must notice the closed pipe after the first test or so, stop
 * and exit 141. The outer timeout (6 s) is only there to fail a run that
 * goes on to the end. */
TEST(blackbox, head_stops_the_run, MARK(integration), TEARDOWN(bb_cleanup))
{
    struct bb_result r;
    char *out, want[128];
    bb_run("{ tests/progs/ticker -v -j 4; echo \"exit $?\" >&2; } | head -1", 0, 6, &r);
    BB_EXPECT_CLEAN(&r);
    out = bb_normalize(r.output);
    snprintf(want, sizeof want, "ptest VERSION: 200 tests selected, 4 %s\nexit 141\n",
             pool_workers());
    EXPECT_STR_EQ(out, want);
    EXPECT_EQ(r.exit_code, 0);
    free(out);
    bb_result_free(&r);
}

/* PTEST_STABLE=1 promises the run order at any -j, for golden files:
 * hang.sleeps (half a second, then a timeout) comes before hang.survivor
 * (instant) in the TAP stream at -j 2 too, as it does on the console. */
TEST(blackbox, stable_tap_in_run_order, MARK(integration))
{
    struct bb_result r;
    const char *sleeps, *survivor;
    bb_run("tests/progs/hang -j 2 --tap -k 'sleeps or survivor'", BB_STABLE, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ(r.exit_code, 1);
    sleeps = strstr(r.output, "ok 1 - hang.sleeps");
    survivor = strstr(r.output, "ok 2 - hang.survivor");
    EXPECT_TRUE_MSG(sleeps && survivor && sleeps < survivor,
                    "not in run order:\n%s", r.output);
    bb_result_free(&r);
}

/* A SKIP_TEST reason reaches TAP's SKIP directive, as it reaches the
 * console and the JSON report. */
TEST(blackbox, tap_skip_has_its_reason, MARK(integration))
{
    struct bb_result r;
    const char *line, *reason;
    bb_run("tests/progs/skip -j 1 --tap", BB_STABLE, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ(r.exit_code, 0);
    line = strstr(r.output, "ok 2 - skip.at_run_time # SKIP");
    ASSERT_NOT_NULL_MSG(line, "no SKIP line for skip.at_run_time:\n%s", r.output);
    reason = strstr(line, "needs a network");
    EXPECT_TRUE_MSG(reason && reason < line + strcspn(line, "\n"),
                    "SKIP_TEST(\"needs %%s\", \"a network\") lost its reason:\n%s",
                    r.output);
    bb_result_free(&r);
}

/* ------------------------------------------------------------------------
 * The pool.
 * ------------------------------------------------------------------------ */

/* 64 I/O-bound tests at -j 16: all of them run, once each, and pass. */
TEST(blackbox, sixty_four_naps_at_j16, MARK(integration))
{
    struct bb_result r;
    struct bb_counts c;
    bb_run("tests/progs/sleepy -j 16", 0, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ(r.exit_code, 0);
    bb_parse_counts(r.output, &c);
    EXPECT_EQ(c.selected, 64);
    EXPECT_EQ(c.ran, 64);
    EXPECT_EQ(c.outcome[BB_PASSED], 64);
    EXPECT_STR_EQ(bb_last_line(r.output), "ptest: 64 passed, 0 failed, 0 skipped");
    {
        char want[64];
        snprintf(want, sizeof want, "with 16 %s\n", pool_workers());
        EXPECT_NOT_NULL_MSG(strstr(r.output, want), "no '%s' in:\n%s", want, r.output);
    }
    expect_counts_add_up(r.output);
    bb_result_free(&r);
}

/* Tests of 3 ms get the next case queued behind them (prefetched). The
 * worker that dies in crashes.abort or is killed past hangs.forever's
 * deadline had its next case queued: only the test it ran is blamed, the
 * queued one runs on a fresh worker and passes. --no-cache: definition
 * order, so the queued case is the one after the dying test. */
TEST(blackbox, a_queued_case_survives_its_worker, MARK(integration))
{
    struct bb_result r;
    struct bb_counts c;
    bb_run("tests/progs/queued -j 1 -v --no-cache", 0, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ(r.exit_code, 1);
    bb_parse_counts(r.output, &c);
    EXPECT_EQ(c.selected, 44);
    EXPECT_EQ(c.ran, 44);
    EXPECT_EQ(c.outcome[BB_PASSED], 42);
    EXPECT_EQ(c.outcome[BB_CRASHED], 1);
    EXPECT_EQ(c.outcome[BB_TIMED_OUT], 1);
    EXPECT_EQ(c.outcome[BB_NOT_RUN], 0);
    EXPECT_NOT_NULL(strstr(r.output, "CRASHED crashes.abort ("));
    EXPECT_NOT_NULL(strstr(r.output, "    about to abort\n"));
    EXPECT_NOT_NULL(strstr(r.output, "PASSED queued.after_crash ("));
    EXPECT_NOT_NULL(strstr(r.output, "TIMEOUT hangs.forever ("));
    EXPECT_NOT_NULL(strstr(r.output, "PASSED queued.after_hang ("));
    expect_counts_add_up(r.output);
    bb_result_free(&r);
}

struct count_case {
    const char *cmd;
    int exit_code;
};

/* Runs with every kind of outcome, in the pool and inline. */
static const struct count_case count_cases[] = {
    {"tests/progs/assertions -j 3", 1},
    {"tests/progs/crash -j 2", 1},
    {"tests/progs/queued -j 2 --no-cache", 1},
    {"tests/progs/exits -j 2", 1},
    {"tests/progs/skip -j 2", 0},
    {"tests/progs/xfail -j 2", 1},
    {"tests/progs/xfail -j 2 -k 'not passes'", 0},
    {"tests/progs/death -j 3", 1},
    {"tests/progs/multi/multi -j 3", 1},
    {"tests/progs/assertions -x -j 2", 1},
    {"tests/progs/assertions --maxfail=3 -j 1", 1},
    {"tests/progs/markers -m 'not slow' -j 2", 0},
    {"tests/progs/markers -k nothing_matches", 5},
    {"tests/progs/forker -j 2", 0},
    {"tests/progs/pass -j 0", 0},
    {"tests/progs/death -j 0", 1},
    {"tests/progs/xfail -j 0 -k 'not crashes'", 1},
    {"tests/progs/crash -j 2 --forked", 1},
    {"tests/progs/exits -j 2 --forked", 1},
    {"tests/progs/assertions -j 2 --pool=thread", 1},
    {"tests/progs/death -j 2 --pool=thread", 1},
    {"tests/progs/xfail -j 2 --pool=thread -k 'not crashes'", 1},
    {"tests/progs/threadexit -j 1 --pool=thread", 1},
    {"tests/progs/threadexit -j 2 --pool=thread", 1},
    {"tests/progs/threadexit -j 2", 1},
};

TEST_P(blackbox, counts_add_up, struct count_case, count_cases, MARK(integration))
{
    struct bb_result r;
    ptest_log("$ %s", PARAM->cmd);
    if (strstr(PARAM->cmd, "threadexit") && strstr(PARAM->cmd, "--pool=thread"))
        bb_not_on("windows", "a test's pthread_exit() in the thread pool is not seen "
                             "with winpthreads: its worker waits for it (as golden cxx)");
    bb_run(PARAM->cmd, 0, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ_MSG(r.exit_code, PARAM->exit_code, "output:\n%s", r.output);
    expect_counts_add_up(r.output);
    bb_result_free(&r);
}

/* ------------------------------------------------------------------------
 * -j 0 (inline) keeps the promises the pool keeps.
 * ------------------------------------------------------------------------ */

/* A test that calls exit(0) has failed, never passed: the run must not
 * end with status 0. */
TEST(blackbox, inline_exit_0_is_not_a_pass, MARK(integration))
{
    struct bb_result r;
    bb_run("tests/progs/exits -j 0 exits.exit_0", 0, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_NE_MSG(r.exit_code, 0, "a test called exit(0) and the run passed:\n%s",
                  r.output);
    bb_result_free(&r);
}

/* Children a test leaves behind do not outlive the run. */
TEST(blackbox, inline_children_do_not_outlive_the_run, MARK(integration))
{
    struct bb_result r;
    bb_run("tests/progs/forker -j 0", 0, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ(r.exit_code, 0);
    bb_result_free(&r);
}

/* ------------------------------------------------------------------------
 * The thread pool keeps the same promises, where threads can.
 * ------------------------------------------------------------------------ */

/* exit(0) on a thread ends the whole process: the run must not end with
 * status 0 as if everything passed. */
TEST(blackbox, thread_pool_exit_0_is_not_a_pass, MARK(integration))
{
    struct bb_result r;
    bb_run("tests/progs/exits -j 2 --pool=thread exits.exit_0 exits.survivor", 0, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_NE_MSG(r.exit_code, 0, "a test called exit(0) and the run passed:\n%s",
                  r.output);
    bb_result_free(&r);
}

/* Children a test leaves behind do not outlive the run. */
TEST(blackbox, thread_pool_children_do_not_outlive_the_run, MARK(integration))
{
    struct bb_result r;
    bb_run("tests/progs/forker -j 2 --pool=thread", 0, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ(r.exit_code, 0);
    bb_result_free(&r);
}

/* ------------------------------------------------------------------------
 * What a test leaks is put back or said, in every process that runs tests
 * one after another (a fork worker, -j 0, a --forked child).
 * ------------------------------------------------------------------------ */

struct leak_case {
    const char *cmd;
    const char *counts;     /* one failure: the test that fails on purpose */
    int fd_warning;         /* descriptors and threads are warned of */
};

/* Under --forked each test has a fresh process, so check_ has nothing to
 * see; what a test leaks is still found, in its own process. */
static const struct leak_case leak_cases[] = {
    {"tests/progs/leaky -j 1", "\n31 passed, 1 failed, 19 warnings\n", 1},
    {"tests/progs/leaky -j 0", "\n30 passed, 1 failed, 1 skipped, 19 warnings\n", 1},
    {"tests/progs/leaky -j 1 --forked -k 'not check_'", "\n23 passed, 1 failed, 19 warnings\n", 1},
};

#define EXPECT_OUTPUT_HAS(r, text)                                             \
    EXPECT_NOT_NULL_MSG(strstr((r)->output, text), "no '%s' in:\n%s", text, (r)->output)
#define EXPECT_OUTPUT_LACKS(r, text)                                           \
    EXPECT_NULL_MSG(strstr((r)->output, text), "'%s' in:\n%s", text, (r)->output)

TEST_P(blackbox, leaks_are_warned_and_put_back, struct leak_case, leak_cases,
       MARK(integration))
{
    struct bb_result r;
    ptest_log("$ %s", PARAM->cmd);
    bb_run(PARAM->cmd, 0, 30, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ_MSG(r.exit_code, 1, "output:\n%s", r.output);
    EXPECT_OUTPUT_HAS(&r, PARAM->counts);
    EXPECT_OUTPUT_HAS(&r, "FAILED leaky.fails_and_leaves_a_child");
    EXPECT_OUTPUT_HAS(&r, "\nleaky.leaves_two_children: left 2 child "
                                  "processes behind; ptest killed them\n");
    EXPECT_OUTPUT_HAS(&r, "\nleaky.fails_and_leaves_a_child: left 1 child "
                                  "process behind; ptest killed it\n");
    EXPECT_OUTPUT_HAS(&r, "\nleaky.leaves_an_alarm: left an alarm() pending; "
                          "ptest cancelled it\n");
    EXPECT_OUTPUT_HAS(&r, "\nleaky.leaves_cpu_timers: left the ITIMER_VIRTUAL timer "
                          "running (setitimer); ptest stopped it\n");
    EXPECT_OUTPUT_HAS(&r, "\nleaky.leaves_cpu_timers: left the ITIMER_PROF timer "
                          "running (setitimer); ptest stopped it\n");
    EXPECT_OUTPUT_HAS(&r, "\nleaky.lowers_limits: changed RLIMIT_FSIZE (setrlimit); "
                          "ptest put it back\n");
    EXPECT_OUTPUT_HAS(&r, "\nleaky.lowers_limits: changed RLIMIT_NOFILE (setrlimit); "
                          "ptest put it back\n");
    if (PARAM->fd_warning) {
        EXPECT_OUTPUT_HAS(&r, "\nleaky.leaves_a_file_open: left 1 file "
                                      "descriptor open: ");
        EXPECT_OUTPUT_HAS(&r, " (/dev/zero)\n");
        EXPECT_OUTPUT_HAS(&r, "\nleaky.leaves_a_thread: left 1 thread running\n");
    }
    EXPECT_OUTPUT_LACKS(&r, "closes_what_it_opens:");
    EXPECT_OUTPUT_LACKS(&r, "waits_for_its_child:");
    EXPECT_OUTPUT_LACKS(&r, "opens_a_file_for_the_suite:");
    bb_result_free(&r);
}

/* A worker's first test, and each test under --forked (the first of its
 * process), gets its checks when it made a system call: the pid the
 * worker caches before its first test (so that ptest's own getpid() is not
 * taken for the test's) leaves nothing of the test's unseen. */
TEST(blackbox, leaks_of_a_first_test_are_warned, MARK(integration))
{
    static const char *const cmds[] = {
        "tests/progs/leaky -j 1 --no-cache -k 'leaves_a_file_open or leaves_cpu_timers'",
        "tests/progs/leaky -j 1 --no-cache -k leaves_cpu_timers",
        "tests/progs/leaky -j 1 --no-cache --forked -k 'leaves_a_file_open or "
        "leaves_cpu_timers'",
    };
    size_t i;
    for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        struct bb_result r;
        ptest_log("$ %s", cmds[i]);
        bb_run(cmds[i], 0, 30, &r);
        BB_EXPECT_CLEAN(&r);
        EXPECT_EQ_MSG(r.exit_code, 0, "output:\n%s", r.output);
        if (i != 1)
            EXPECT_OUTPUT_HAS(&r, "\nleaky.leaves_a_file_open: left 1 file "
                                  "descriptor open: ");
        EXPECT_OUTPUT_HAS(&r, "\nleaky.leaves_cpu_timers: left the ITIMER_VIRTUAL "
                              "timer running (setitimer); ptest stopped it\n");
        bb_result_free(&r);
    }
}

/* ------------------------------------------------------------------------
 * The harness itself: a check that cannot fail is no check.
 * ------------------------------------------------------------------------ */

TEST(harness, normalize, MARK(unit))
{
    char *s = bb_normalize("Ran 3 tests in 0.52s with 2 fork workers\n"
                           "PASSED a.b (0.012s, gw1) x.123s 1.5s 12.345s\n"
                           "value: 0x7ffd5e1c0a10 0x12 pid 4242\n"
                           "ptest " PTEST_VERSION_STRING ": 1 test\n");
    EXPECT_STR_EQ(s, "Ran 3 tests in N.NNs with 2 fork workers\n"
                     "PASSED a.b (N.NNs, gw1) x.123s 1.5s N.NNs\n"
                     "value: 0xADDR 0x12 pid PID\n"
                     "ptest VERSION: 1 test\n");
    free(s);
}

TEST(harness, counts, MARK(unit))
{
    struct bb_counts c;
    bb_parse_counts("ptest 0.1.0: 7 tests selected, 3 fork workers\n"
                    "interrupted by SIGINT\n"
                    "Ran 3 tests in 1.55s with 3 fork workers\n"
                    "3 interrupted, 4 not run\n"
                    "ptest: 0 passed, 3 failed, 0 skipped\n", &c);
    EXPECT_EQ(c.selected, 7);
    EXPECT_EQ(c.ran, 3);
    EXPECT_EQ(c.outcome[BB_INTERRUPTED], 3);
    EXPECT_EQ(c.outcome[BB_NOT_RUN], 4);
    EXPECT_EQ(c.breakdown_total, 7);
    EXPECT_EQ(c.failed, 3);
    bb_parse_counts("ptest 0.1.0: 1 test selected, 1 fork worker\n"
                    "Ran 1 test in 0.01s with 1 fork worker\n"
                    "1 timed out\n"
                    "ptest: 0 passed, 1 failed, 0 skipped\n", &c);
    EXPECT_EQ(c.selected, 1);
    EXPECT_EQ(c.ran, 1);
    EXPECT_EQ(c.outcome[BB_TIMED_OUT], 1);
    EXPECT_EQ(c.unknown_words, 0);
}

TEST(harness, exit_status_and_output, MARK(integration))
{
    struct bb_result r;
    bb_run("echo out; echo err >&2; exit 3", 0, 10, &r);
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_STR_EQ(r.output, "out\nerr\n");
    BB_EXPECT_CLEAN(&r);
    bb_result_free(&r);
    bb_run("kill -9 $$", 0, 10, &r);
    EXPECT_EQ(r.exit_code, 128 + SIGKILL);
    bb_result_free(&r);
}

TEST(harness, environment, MARK(integration))
{
    struct bb_result r;
    bb_run("echo $NO_COLOR $LC_ALL ${PTEST_JOBS-unset} ${PTEST_STABLE-unset}; pwd",
           BB_STABLE, 10, &r);
    {
        char want[4200];
        snprintf(want, sizeof want, "1 C unset 1\n%s\n", bb_root());
        EXPECT_STR_EQ(r.output, want);
    }
    bb_result_free(&r);
    bb_run("echo ${PTEST_JOBS-unset} ${PTEST_STABLE-unset}", BB_TWO_JOBS, 10, &r);
    EXPECT_STR_EQ(r.output, "2 unset\n");
    bb_result_free(&r);
    /* a fresh, empty cache directory, gone afterwards */
    bb_run("ls -A \"$PTEST_CACHE_DIR\" && echo \"$PTEST_CACHE_DIR\"", 0, 10, &r);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(strncmp(r.output, "/tmp/bb-cache-", 14), 0);
    r.output[strcspn(r.output, "\n")] = '\0';
    EXPECT_NE(access(r.output, F_OK), 0);
    bb_result_free(&r);
}

/* A process left in the session is found, named and killed. */
TEST(harness, finds_leftovers, MARK(integration), MARK(slow))
{
    struct bb_result r;
    bb_run("sleep 77 & echo started", 0, 10, &r);
    EXPECT_EQ(r.exit_code, 0);
    ASSERT_NOT_NULL(r.leftovers);
    EXPECT_NOT_NULL_MSG(strstr(r.leftovers, "sleep 77"), "%s", r.leftovers);
    bb_result_free(&r);
    bb_run("pgrep -x -f 'sleep 77' || echo none", 0, 10, &r);
    EXPECT_STR_EQ(r.output, "none\n");
    bb_result_free(&r);
}

/* A command past its outer timeout is killed, with all of its session. */
TEST(harness, outer_timeout, MARK(integration))
{
    struct bb_result r;
    bb_run("sleep 78 & sleep 79", 0, 0.3, &r);
    EXPECT_TRUE(r.timed_out);
    EXPECT_NULL(r.leftovers);
    bb_result_free(&r);
    bb_run("pgrep -f 'sleep 7[89]' || echo none", 0, 10, &r);
    EXPECT_STR_EQ(r.output, "none\n");
    bb_result_free(&r);
}

/* ------------------------------------------------------------------------
 * The emulator prefix (harness.h). The "emulator" here is echo, so the
 * output shows what the wrapper ran; the "program" a copy of the selftest
 * with a suffix, in a program directory of the test's own.
 * ------------------------------------------------------------------------ */
static const char *const emulator_vars[] = {"PTEST_EMULATOR", "PTEST_EXE_SUFFIX",
                                            "PTEST_PROGRAM_DIR"};
static char *emulator_saved[3];
static char emulator_dir[64];

static void emulator_restore(void)
{
    size_t i;
    for (i = 0; i < 3; i++) {
        if (emulator_saved[i])
            setenv(emulator_vars[i], emulator_saved[i], 1);
        else
            unsetenv(emulator_vars[i]);
        free(emulator_saved[i]);
        emulator_saved[i] = NULL;
    }
    if (emulator_dir[0]) {
        char cmd[128];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", emulator_dir);
        if (system(cmd) != 0)
            ptest_log("could not remove %s", emulator_dir);
        emulator_dir[0] = '\0';
    }
    bb_cleanup();
}

/* Sets the three variables (NULL: unset), saving what was there. */
static void emulator_set(const char *emulator, const char *suffix, const char *dir)
{
    const char *values[3];
    size_t i;
    values[0] = emulator, values[1] = suffix, values[2] = dir;
    for (i = 0; i < 3; i++) {
        const char *old = getenv(emulator_vars[i]);
        if (!emulator_saved[i] && old)
            emulator_saved[i] = strdup(old);
        if (values[i])
            setenv(emulator_vars[i], values[i], 1);
        else
            unsetenv(emulator_vars[i]);
    }
}

TEST(harness, emulator_prefix, MARK(integration), TEARDOWN(emulator_restore))
{
    struct bb_result r;
    char cmd[8400], want[1024], self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    ASSERT_GT(n, 0);
    self[n] = '\0';
    snprintf(emulator_dir, sizeof emulator_dir, "/tmp/bb-emutest-XXXXXX");
    ASSERT_NOT_NULL(mkdtemp(emulator_dir));
    /* the test's own emulator, not the run's (make cross, make
     * windows-blackbox); a compiled program (this one), by its
     * absolute path: not replaced */
    emulator_set(NULL, NULL, NULL);
    snprintf(cmd, sizeof cmd, "mkdir -p %s/tests/progs && cp '%s' %s/tests/progs/fake.exe",
             emulator_dir, self, emulator_dir);
    bb_run(cmd, 0, 10, &r);
    ASSERT_EQ_MSG(r.exit_code, 0, "%s", r.output);
    bb_result_free(&r);
    emulator_set("echo via \"$argv0\"", ".exe", emulator_dir);
    ASSERT_TRUE(bb_emulating());
    /* wherever it stands, the program goes through the emulator; the
     * shell, its tools and arguments that are not programs do not */
    bb_run("tests/progs/fake -j 2 | cat; A=1 exec tests/progs/fake x", 0, 10, &r);
    snprintf(want, sizeof want,
             "via tests/progs/fake %s/tests/progs/fake.exe -j 2\n"
             "via tests/progs/fake %s/tests/progs/fake.exe x\n",
             emulator_dir, emulator_dir);
    EXPECT_STR_EQ(r.output, want);
    BB_EXPECT_CLEAN(&r);
    bb_result_free(&r);
    bb_run("test -x tests/progs/fake && echo found", 0, 10, &r);
    EXPECT_STR_EQ(r.output, "found\n");
    bb_result_free(&r);
    /* what qemu-user says as a program dies goes, with the heading it
     * alone caused; what the program wrote stays */
    {
        char *text = bb_normalize(
            "CRASHED a\n    --- stderr ---\n    qemu: uncaught target signal 6 "
            "(Aborted) - core dumped\nCRASHED b\n    --- stderr ---\n    mine\n"
            "    qemu: uncaught target signal 11 (Segmentation fault) - core dumped\n"
            "qemu: uncaught target signal 6 (Aborted) - core dumped\nend\n");
        EXPECT_STR_EQ(text, "CRASHED a\nCRASHED b\n    --- stderr ---\n    mine\nend\n");
        free(text);
    }
    /* a program only the host built is not run */
    bb_run("tests/selftest --version 2>/dev/null || echo not run", 0, 10, &r);
    EXPECT_STR_EQ(r.output, "not run\n");
    bb_result_free(&r);
    /* unset, the command runs as written (where the host build is there:
     * make cross may run without it) */
    emulator_set(NULL, NULL, NULL);
    EXPECT_FALSE(bb_emulating());
    {
        char *text = bb_normalize("qemu: uncaught target signal 6 (Aborted)\n");
        EXPECT_STR_EQ(text, "qemu: uncaught target signal 6 (Aborted)\n");
        free(text);
    }
    snprintf(cmd, sizeof cmd, "%s/tests/selftest", bb_root());
    if (access(cmd, X_OK) == 0) {
        bb_run("tests/selftest --version >/dev/null && echo ran", 0, 10, &r);
        EXPECT_STR_EQ(r.output, "ran\n");
        bb_result_free(&r);
    }
}
