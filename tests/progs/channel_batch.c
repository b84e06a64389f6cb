/* channel_batch.c - channel.c's tidy test in the middle of a batch: it
 * puts /dev/null on every descriptor from 3 up, the worker's pipes to the
 * runner among them, closes its own and passes. The next test of its
 * batch fails for a reason of its own. The worker notices the replaced
 * pipes right after the test that replaced them, not when it next writes
 * to the runner: the tidy test passes (its pass waits in shared memory),
 * the failure is a FAILED, not blamed as a broken pipe, and the rest of
 * the batch runs in a fresh worker. 32 tests: the first batch at -j 1
 * holds 4 (an eighth of them). */
#define PTEST_MAIN
#include "ptest.h"

#include <fcntl.h>
#include <unistd.h>

TEST(channel_batch, a_nulls_and_tidies)
{
    int fd, null = open("/dev/null", O_RDWR);
    for (fd = 3; fd < 1024; fd++)
        if (fd != null)
            dup2(null, fd);
    close(null);
}

TEST(channel_batch, b_fails_after)
{
    FAIL("a real failure after it");
}

#define FILL(n) TEST(channel_batch, c_fill_##n) { EXPECT_EQ(n, n); }
FILL(1) FILL(2) FILL(3) FILL(4) FILL(5) FILL(6) FILL(7) FILL(8) FILL(9) FILL(10)
FILL(11) FILL(12) FILL(13) FILL(14) FILL(15) FILL(16) FILL(17) FILL(18) FILL(19)
FILL(20) FILL(21) FILL(22) FILL(23) FILL(24) FILL(25) FILL(26) FILL(27) FILL(28)
FILL(29) FILL(30)
