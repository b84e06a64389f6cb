/* capacity.c - resources with capacities and SLOTS(), for the black-box
 * tests (tests/blackbox/capacity.c). Every test counts itself in and out
 * of a shared file ($CAPACITY_FILE, under flock) while its body runs:
 *
 *     pair   8 tests holding RESOURCE(pair), declared with capacity 2
 *     solo   3 tests holding RESOURCE(solo), undeclared: capacity 1
 *     slots  every test, weighing its SLOTS() (at most $CAPACITY_JOBS)
 *
 * and fails if a count goes past its bound; the file keeps each count's
 * highest value, for the black-box test to read (int64_t: a long is 4
 * bytes on Windows, 8 on the Linux that reads it). Without CAPACITY_FILE
 * the tests only sleep. */
#define PTEST_MAIN
#include "ptest.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if !defined(_WIN32)
#include <sys/file.h>
#define O_BINARY 0 /* Windows' open() would translate line ends without it */
#endif

PTEST_RESOURCE(pair, 2);

enum { CAP_PAIR, CAP_PAIR_MAX, CAP_SOLO, CAP_SOLO_MAX, CAP_SLOTS, CAP_SLOTS_MAX, CAP_N };

static void cap_sleep(int ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* Waits for the file's exclusive lock: flock(), held per open file, so
 * threads of the thread pool exclude each other too (ptest__os_lock's
 * lockf() is per process). On Windows, ptest__os_lock: LockFileEx, per
 * handle, which closing the file lets go of, as flock's. */
static int cap_lock(int fd)
{
#if defined(_WIN32)
    ptest__os_lock(fd, 1);
    return 0;
#else
    return flock(fd, LOCK_EX);
#endif
}

/* Adds delta to counter k (and slots to the slots counter) under the
 * file's lock; returns the new values in now[]. */
static int cap_count(int k, int delta, int slots, int64_t *now)
{
    const char *path = getenv("CAPACITY_FILE");
    int64_t v[CAP_N];
    int fd;
    if (!path)
        return -1;
    fd = open(path, O_RDWR | O_CREAT | O_BINARY, 0644);
    if (fd < 0 || cap_lock(fd) != 0)
        return -1;
    memset(v, 0, sizeof v);
    if (read(fd, v, sizeof v) < 0 || lseek(fd, 0, SEEK_SET) != 0)
        return -1;
    if (k >= 0) {
        v[k] += delta;
        if (v[k] > v[k + 1])
            v[k + 1] = v[k];
    }
    v[CAP_SLOTS] += delta * slots;
    if (v[CAP_SLOTS] > v[CAP_SLOTS_MAX])
        v[CAP_SLOTS_MAX] = v[CAP_SLOTS];
    if (write(fd, v, sizeof v) != (ssize_t)sizeof v)
        return -1;
    memcpy(now, v, sizeof v);
    close(fd); /* and the lock with it */
    return 0;
}

/* The slots a test of SLOTS(n) holds: n, or every worker when n is more. */
static int cap_weight(int n)
{
    const char *jobs = getenv("CAPACITY_JOBS");
    int j = jobs ? atoi(jobs) : 1;
    return n > j ? j : n;
}

/* The body of every test: in, check the bounds, sleep, out. */
static void cap_run(int k, int bound, int slots, int ms)
{
    int64_t now[CAP_N];
    const char *jobs = getenv("CAPACITY_JOBS");
    int weight = cap_weight(slots);
    if (cap_count(k, 1, weight, now) != 0) {
        cap_sleep(ms);
        return;
    }
    if (k >= 0)
        EXPECT_LE_MSG(now[k], (int64_t)bound, "more tests hold the resource than it allows");
    if (jobs)
        EXPECT_LE_MSG(now[CAP_SLOTS], atol(jobs), "more slots in use than workers");
    cap_sleep(ms);
    ASSERT_EQ(cap_count(k, -1, weight, now), 0);
}

#define CAP_PAIR_TEST(n) TEST(pair, n, RESOURCE(pair)) { cap_run(CAP_PAIR, 2, 1, 150); }
#define CAP_SOLO_TEST(n) TEST(solo, n, RESOURCE(solo)) { cap_run(CAP_SOLO, 1, 1, 100); }
#define CAP_PLAIN_TEST(n) TEST(plain, n) { cap_run(-1, 0, 1, 60); }

CAP_PAIR_TEST(p0) CAP_PAIR_TEST(p1) CAP_PAIR_TEST(p2) CAP_PAIR_TEST(p3)
CAP_PAIR_TEST(p4) CAP_PAIR_TEST(p5) CAP_PAIR_TEST(p6) CAP_PAIR_TEST(p7)
CAP_SOLO_TEST(s0) CAP_SOLO_TEST(s1) CAP_SOLO_TEST(s2)
CAP_PLAIN_TEST(t0) CAP_PLAIN_TEST(t1) CAP_PLAIN_TEST(t2) CAP_PLAIN_TEST(t3)
CAP_PLAIN_TEST(t4) CAP_PLAIN_TEST(t5) CAP_PLAIN_TEST(t6) CAP_PLAIN_TEST(t7)
CAP_PLAIN_TEST(t8) CAP_PLAIN_TEST(t9) CAP_PLAIN_TEST(t10) CAP_PLAIN_TEST(t11)

TEST(wide, three_a, SLOTS(3)) { cap_run(-1, 0, 3, 150); }
TEST(wide, three_b, SLOTS(3)) { cap_run(-1, 0, 3, 150); }
/* more than any -j the tests use: it runs alone, with a warning */
TEST(wide, huge, SLOTS(64)) { cap_run(-1, 0, 64, 100); }
/* a resource and slots at once */
TEST(wide, pair_of_two, RESOURCE(pair), SLOTS(2)) { cap_run(CAP_PAIR, 2, 2, 100); }
