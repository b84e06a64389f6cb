/* hostile.c - tests that change what a persistent worker shares with the
 * tests after them: they close stdout, leave the working directory, ignore
 * or block signals, read stdin, close every file descriptor. Each "check_"
 * test runs after the one that did the damage (at -j 1 and with no known
 * durations, as under the black-box harness: in file order) and checks
 * that the worker put things back. */
#define PTEST_MAIN
#include "ptest.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char start_dir[PATH_MAX];

WORKER_SETUP()
{
    if (!getcwd(start_dir, sizeof start_dir))
        start_dir[0] = '\0';
}

TEST(hostile, closes_stdout)
{
    close(1);
}

TEST(hostile, check_output_is_captured)
{
    printf("written after a test closed fd 1\n");
    fflush(stdout);
    FAIL("show the output");
}

TEST(hostile, leaves_the_directory)
{
    ASSERT_EQ(chdir("/"), 0);
}

TEST(hostile, check_directory)
{
    char now[PATH_MAX];
    ASSERT_NOT_NULL(getcwd(now, sizeof now));
    EXPECT_STR_EQ(now, start_dir);
}

TEST(hostile, ignores_and_blocks_signals)
{
    sigset_t set;
    signal(SIGPIPE, SIG_IGN);
    signal(SIGUSR1, SIG_IGN);
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, NULL);
}

TEST(hostile, check_signals)
{
    struct sigaction sa;
    sigset_t mask;
    sigaction(SIGPIPE, NULL, &sa);
    EXPECT_TRUE_MSG(sa.sa_handler == SIG_DFL, "SIGPIPE is not SIG_DFL");
    sigaction(SIGUSR1, NULL, &sa);
    EXPECT_TRUE_MSG(sa.sa_handler == SIG_DFL, "SIGUSR1 is not SIG_DFL");
    sigprocmask(SIG_SETMASK, NULL, &mask);
    EXPECT_FALSE_MSG(sigismember(&mask, SIGTERM), "SIGTERM is blocked");
}

TEST(hostile, reads_stdin)
{
    char c;
    EXPECT_EQ(read(0, &c, 1), 0); /* /dev/null: end of file at once */
}

/* Run with --json=FILE and HOSTILE_REPORT=FILE: the runner's report file
 * is not a test's to see. */
TEST(hostile, sees_no_report_file)
{
    const char *path = getenv("HOSTILE_REPORT");
    struct stat report, st;
    int fd;
    if (!path)
        SKIP_TEST("HOSTILE_REPORT is not set");
    ASSERT_EQ(stat(path, &report), 0);
    for (fd = 3; fd < 1024; fd++)
        if (fstat(fd, &st) == 0)
            EXPECT_FALSE_MSG(st.st_dev == report.st_dev && st.st_ino == report.st_ino,
                             "fd %d is the runner's %s", fd, path);
}

TEST(hostile, closes_every_fd)
{
    int fd;
    for (fd = 3; fd < 1024; fd++)
        close(fd);
    ASSERT_EQ(chdir("/"), 0); /* the worker's descriptor of its directory is gone too */
}

TEST(hostile, check_after_all_fds)
{
    char now[PATH_MAX];
    ASSERT_NOT_NULL(getcwd(now, sizeof now));
    EXPECT_STR_EQ(now, start_dir);
}
