/* shards.h - 24 tests, a few of them slower than the rest (20 ms), for the
 * black-box tests of --shard (tests/blackbox/shards.c): a run that writes
 * the cache learns their durations, and a split by durations would then
 * differ from one by count. shards.c is these tests; shards_more.c is
 * them plus one, to check that --shard=hash:K/N keeps every test where
 * it was when a test is added. */
#define PTEST_MAIN
#include "ptest.h"

#include <time.h>

static void shards_sleep(int ms)
{
    struct timespec ts;
    ts.tv_sec = 0;
    ts.tv_nsec = ms * 1000000L;
    while (nanosleep(&ts, &ts) != 0)
        ;
}

#define SHARDS_FAST(n) TEST(shard, n) { EXPECT_EQ(1, 1); }
#define SHARDS_SLOW(n) TEST(shard, n) { shards_sleep(20); }

SHARDS_FAST(t00) SHARDS_FAST(t01) SHARDS_FAST(t02) SHARDS_FAST(t03)
SHARDS_FAST(t04) SHARDS_FAST(t05) SHARDS_FAST(t06) SHARDS_FAST(t07)
SHARDS_FAST(t08) SHARDS_FAST(t09) SHARDS_FAST(t10) SHARDS_FAST(t11)
SHARDS_FAST(t12) SHARDS_FAST(t13) SHARDS_FAST(t14) SHARDS_FAST(t15)
SHARDS_SLOW(s0) SHARDS_SLOW(s1) SHARDS_SLOW(s2) SHARDS_SLOW(s3)
SHARDS_SLOW(s4) SHARDS_SLOW(s5) SHARDS_SLOW(s6) SHARDS_SLOW(s7)
