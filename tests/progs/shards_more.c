/* shards_more.c - shards.h's 24 tests and one more: with
 * --shard=hash:K/N, each of the 24 stays in the shard it has in shards. */
#include "shards.h"

TEST(shard, added) { EXPECT_EQ(2, 2); }
