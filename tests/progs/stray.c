/* stray.c - a test that writes junk into every pipe it did not open (the
 * worker's result pipe among them), once at the start of the pipe's
 * stream and once between two results, and then a well-formed header of
 * the message a worker sends when its WORKER_SETUP is done, with a length
 * that would swallow the next result. The runner must skip the junk, say
 * so, and still get every result: no hang, nothing lost. */
#define PTEST_MAIN
#include "ptest.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes text to each write-only pipe from fd 3 up that is not stdout's
 * or stderr's; returns how many it wrote to. A pipe the runner inherited
 * may have lost its reader: no SIGPIPE for that (the hygiene puts the
 * disposition back after the test). */
static int spray_bytes(const char *bytes, size_t len)
{
    struct stat out, err, st;
    int fd, hits = 0;
    signal(SIGPIPE, SIG_IGN);
    if (fstat(1, &out) != 0 || fstat(2, &err) != 0)
        return -1;
    for (fd = 3; fd < 256; fd++) {
        if (fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode) ||
            (fcntl(fd, F_GETFL) & O_ACCMODE) != O_WRONLY)
            continue;
        if (st.st_ino == out.st_ino || st.st_ino == err.st_ino)
            continue;
        hits += write(fd, bytes, len) > 0;
    }
    return hits;
}

static int spray(const char *text)
{
    return spray_bytes(text, strlen(text));
}

TEST(stray, first)
{
    EXPECT_GE(spray("junk"), 0);
}

TEST(stray, fails_in_between)
{
    FAIL("a real failure");
}

TEST(stray, second)
{
    EXPECT_GE(spray("DONEjunk that looks like a message type"), 0);
}

TEST(stray, forged_ready)
{
    struct ptest__msg m;
    memset(&m, 0, sizeof m);
    m.type = PTEST__MSG_READY; /* from a worker only once, and bare */
    m.report_len = 4000;
    {
        char bytes[sizeof m + 1];
        memcpy(bytes, &m, sizeof m);
        bytes[sizeof m] = '\0';
        EXPECT_GE(spray_bytes(bytes, sizeof m), 0);
    }
}

TEST(stray, after)
{
    EXPECT_EQ(1, 1);
}
