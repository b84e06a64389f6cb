/* mixed.h - the shape real suites have: many trivial tests and a few slow
 * ones, for the black-box tests of batching and work stealing (steal.c).
 * A program defines where its 8 slow tests stand among 256 trivial ones:
 * MIXED_SLOW(a) ... MIXED_FAST64(t0) ... Each slow test sleeps
 * MIXED_SLOW_MS (default 300) milliseconds. With MIXED_LOG set, every test
 * appends its id to that file, to count how often each ran; with
 * MIXED_CRASH set, slow.a crashes after its sleep. */
#define PTEST_MAIN
#include "ptest.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void mixed_log(const char *id)
{
    const char *path = getenv("MIXED_LOG");
    char line[64];
    int fd;
    if (!path)
        return;
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0644);
    ASSERT_GE(fd, 0);
    snprintf(line, sizeof line, "%s\n", id);
    ASSERT_EQ(write(fd, line, strlen(line)), (ssize_t)strlen(line));
    close(fd);
}

static void mixed_sleep(void)
{
    const char *ms = getenv("MIXED_SLOW_MS");
    long n = ms ? atol(ms) : 300;
    struct timespec ts;
    ts.tv_sec = n / 1000;
    ts.tv_nsec = (n % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0)
        ;
}

#define MIXED_SLOW(n)                                                          \
    TEST(slow, n)                                                              \
    {                                                                          \
        mixed_log("slow." #n);                                                 \
        mixed_sleep();                                                         \
        if (getenv("MIXED_CRASH") && strcmp(#n, "a") == 0)                     \
            raise(SIGSEGV);                                                    \
    }
#define MIXED_FAST(n) TEST(fast, n) { mixed_log("fast." #n); }
#define MIXED_FAST4(n) MIXED_FAST(n##0) MIXED_FAST(n##1) MIXED_FAST(n##2) MIXED_FAST(n##3)
#define MIXED_FAST16(n) MIXED_FAST4(n##0) MIXED_FAST4(n##1) MIXED_FAST4(n##2) MIXED_FAST4(n##3)
#define MIXED_FAST64(n) MIXED_FAST16(n##0) MIXED_FAST16(n##1) MIXED_FAST16(n##2) MIXED_FAST16(n##3)
