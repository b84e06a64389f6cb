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
#ifdef _WIN32
#include <windows.h>
#endif

#ifdef _WIN32
/* msvcrt's O_APPEND seeks to the end before each write, so the workers'
 * lines could overwrite each other (and it writes "\r\n"). Under a lock
 * of the whole file, each line goes at the end, whole, as O_APPEND's do
 * on POSIX: Wine's FILE_APPEND_DATA alone still lost a line now and then. */
static void mixed_log(const char *id)
{
    const char *path = getenv("MIXED_LOG");
    char line[64];
    DWORD wrote = 0;
    OVERLAPPED whole;
    HANDLE h;
    if (!path)
        return;
    h = CreateFileA(path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                    OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    ASSERT_TRUE(h != INVALID_HANDLE_VALUE);
    snprintf(line, sizeof line, "%s\n", id);
    memset(&whole, 0, sizeof whole);
    ASSERT_TRUE(LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK, 0, MAXDWORD, MAXDWORD, &whole));
    SetFilePointer(h, 0, NULL, FILE_END);
    EXPECT_TRUE(WriteFile(h, line, (DWORD)strlen(line), &wrote, NULL));
    UnlockFileEx(h, 0, MAXDWORD, MAXDWORD, &whole);
    CloseHandle(h);
    ASSERT_EQ(wrote, (DWORD)strlen(line));
}
#else
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
#endif

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
