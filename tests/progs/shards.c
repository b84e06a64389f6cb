/* shards.c - the 24 tests of shards.h, for the --shard tests. */
#include "shards.h"
