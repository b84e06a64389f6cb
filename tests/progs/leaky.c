/* leaky.c - tests that leave things behind in their worker: open files,
 * child processes, a changed umask and signal dispositions. Each keeps
 * its outcome; what it leaked (and a thread it left running, a resource
 * limit it lowered) is a warning, and the check_ tests (run
 * after them at -j 1, in file order) see the worker put back. A suite
 * fixture that opens a file for its tests is not a leak. */
#define PTEST_MAIN
#include "ptest.h"

#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static int shared_fd = -1;
static pid_t server = -1;

/* Starts what its tests share: a file, a variable, a server process. */
SUITE_SETUP(fixture)
{
    shared_fd = open("/dev/null", O_RDONLY);
    setenv("LEAKY_SUITE", "set up", 1);
    server = fork();
    if (server == 0)
        for (;;)
            pause();
}

/* The first test of the suite, during which the set-up ran: what it
 * changes itself is still put back. */
TEST(fixture, opens_a_file_for_the_suite)
{
    EXPECT_GE(shared_fd, 0);
    setenv("LEAKY_FIRST", "changed", 1);
}

TEST(fixture, changes_the_environment)
{
    setenv("LEAKY_TEST", "changed", 1);
    setenv("HOME", "/nowhere", 1);
}

TEST(leaky, changes_the_locale)
{
    /* C.UTF-8 is in every glibc since 2.35 and in musl; any change will do */
    if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_NUMERIC, "POSIX"))
        SKIP_TEST("no locale to change to");
}

TEST(leaky, check_locale)
{
    EXPECT_STR_EQ(setlocale(LC_ALL, NULL), "C");
}

/* The suite's variable stays (its set-up ran in a test), the test's goes. */
TEST(fixture, check_environment)
{
    EXPECT_STR_EQ(getenv("LEAKY_SUITE"), "set up");
    EXPECT_NULL(getenv("LEAKY_FIRST"));
    EXPECT_NULL(getenv("LEAKY_TEST"));
    EXPECT_EQ_MSG(kill(server, 0), 0, "the suite's server was killed");
    EXPECT_STR_NE(getenv("HOME"), "/nowhere");
}

TEST(leaky, leaves_a_file_open)
{
    ASSERT_GE(open("/dev/zero", O_RDONLY), 0);
}

TEST(leaky, closes_what_it_opens)
{
    int fd = open("/dev/zero", O_RDONLY);
    ASSERT_GE(fd, 0);
    close(fd);
}

TEST(leaky, waits_for_its_child)
{
    int status;
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    ASSERT_GT(pid, 0);
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
}

TEST(leaky, leaves_two_children)
{
    int i;
    for (i = 0; i < 2; i++)
        if (fork() == 0)
            for (;;)
                pause();
}

static void *sleep_for_ever(void *arg)
{
    for (;;)
        pause();
    return arg;
}

TEST(leaky, leaves_a_thread)
{
    pthread_t thread;
    ASSERT_EQ(pthread_create(&thread, NULL, sleep_for_ever, NULL), 0);
}

/* The threads /proc/self/status counts; -1 where it cannot be read. */
static long leaky_threads(void)
{
    char line[256];
    long threads = -1;
    FILE *status = fopen("/proc/self/status", "r");
    if (!status)
        return -1;
    while (fgets(line, sizeof line, status))
        if (strncmp(line, "Threads:", 8) == 0)
            threads = atol(line + 8);
    fclose(status);
    return threads;
}

/* The count before main: 1, or under qemu-user 1 and the emulator's own
 * thread, which a forked worker has again (/proc counts host threads). */
static long leaky_threads_at_start = -1;
__attribute__((constructor)) static void leaky_count_threads_at_start(void)
{
    leaky_threads_at_start = leaky_threads();
}

/* A worker whose test left a thread retires after reporting it: this
 * test, next in the batch, runs in a fresh worker with only the threads a
 * process starts with. -j 0 has no worker to replace. */
TEST(leaky, check_no_stray_thread)
{
    if (!getenv("PTEST_WORKER"))
        SKIP_TEST("inline: the runner's own process cannot be replaced");
    ASSERT_GE(leaky_threads_at_start, 1);
    EXPECT_EQ(leaky_threads(), leaky_threads_at_start);
}

/* Ten in a row, each retiring its worker: more than the 2 x N + 4
 * replacements a crashing worker is allowed, and none of them counts. */
static const int ten[10] = {0};

TEST_P(retire, leaves_a_thread_each, int, ten)
{
    pthread_t thread;
    ASSERT_EQ(pthread_create(&thread, NULL, sleep_for_ever, NULL), 0);
}

TEST(leaky, leaves_an_alarm)
{
    alarm(30);
}

TEST(leaky, check_no_alarm)
{
    EXPECT_EQ(alarm(0), 0u);
}

/* CPU-time timers: their signals (SIGVTALRM, SIGPROF) end the process by
 * default, so one left running would kill whatever test ran next. */
static void arm_timer(int which)
{
    struct itimerval t;
    memset(&t, 0, sizeof t);
    t.it_value.tv_sec = 30;
    setitimer(which, &t, NULL);
}

static int timer_running(int which)
{
    struct itimerval t;
    return getitimer(which, &t) == 0 && (t.it_value.tv_sec || t.it_value.tv_usec);
}

TEST(leaky, leaves_cpu_timers)
{
    arm_timer(ITIMER_VIRTUAL);
    arm_timer(ITIMER_PROF);
}

TEST(leaky, check_no_cpu_timers)
{
    EXPECT_FALSE(timer_running(ITIMER_VIRTUAL));
    EXPECT_FALSE(timer_running(ITIMER_PROF));
}

TEST(leaky, fails_and_leaves_a_child)
{
    if (fork() == 0)
        _exit(0);
    FAIL("and leaves a child");
}

/* Resource limits: a file size limit of 0 would kill the next test that
 * writes a file (SIGXFSZ), a descriptor limit of 3 fail its fopen(). */
static struct rlimit fsize_before, nofile_before;
static int limits_lowered;

TEST(leaky, lowers_limits)
{
    struct rlimit low;
    ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &fsize_before), 0);
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &nofile_before), 0);
    low = fsize_before;
    low.rlim_cur = 0;
    EXPECT_EQ(setrlimit(RLIMIT_FSIZE, &low), 0);
    low = nofile_before;
    low.rlim_cur = 3;
    EXPECT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
    limits_lowered = 1;
}

TEST(leaky, check_limits)
{
    struct rlimit now;
    FILE *f = tmpfile();
    ASSERT_NOT_NULL(f);
    EXPECT_EQ(fputs("written", f) >= 0 && fflush(f) == 0, 1);
    fclose(f);
    f = fopen("/dev/null", "r");
    ASSERT_NOT_NULL(f);
    fclose(f);
    if (!limits_lowered)
        return; /* it ran first (-j 0 orders by the cache): nothing to compare */
    ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &now), 0);
    EXPECT_EQ(now.rlim_cur == fsize_before.rlim_cur, 1);
    ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &now), 0);
    EXPECT_EQ(now.rlim_cur == nofile_before.rlim_cur, 1);
}

static const int changed_signals[] = {SIGINT, SIGHUP, SIGWINCH, SIGXCPU};
#define CHANGED (sizeof changed_signals / sizeof changed_signals[0])
static mode_t umask_before;
static void (*handler_before[CHANGED])(int);

TEST(leaky, changes_umask_and_signals)
{
    size_t i;
    umask_before = umask(077);
    for (i = 0; i < CHANGED; i++)
        handler_before[i] = signal(changed_signals[i], SIG_IGN);
}

/* Sees what the worker had before the test above (its dispositions: the
 * runner's own handler for SIGINT under -j 0, the default in a worker). */
TEST(leaky, check_umask_and_signals)
{
    struct sigaction sa;
    mode_t mask = umask(0);
    size_t i;
    umask(mask);
    EXPECT_EQ(mask, umask_before);
    for (i = 0; i < CHANGED; i++) {
        sigaction(changed_signals[i], NULL, &sa);
        EXPECT_TRUE_MSG(sa.sa_handler == handler_before[i] &&
                        sa.sa_handler != SIG_IGN,
                        "signal %d was not put back", changed_signals[i]);
    }
}

/* A worker notices a test's first system call with a SIGSYS handler of
 * its own (the checks after a test that made none are skipped): a test
 * that puts its own handler there must not leave it for the next ones. */
static void sigsys_ignored(int sig)
{
    (void)sig;
}

TEST(leaky, replaces_the_sigsys_handler)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = sigsys_ignored;
    sigemptyset(&sa.sa_mask);
    ASSERT_EQ(sigaction(SIGSYS, &sa, NULL), 0);
}

/* Its first system call would go to that handler and not be made. */
TEST(leaky, check_system_calls_work)
{
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    EXPECT_EQ(write(fds[1], "x", 1), 1);
    close(fds[0]);
    close(fds[1]);
}
