/* shards.c - black-box tests of --shard, on tests/progs/shards (24 tests,
 * 8 of them slower) and shards_more (the same and one more): a shard's
 * membership does not move when a run writes the cache; --shard=hash:K/N
 * keeps every test in its shard when a test is added; in every mode (by
 * count, by --durations-file, by hash) the shards are disjoint and
 * together the whole selection; bad values are one line and exit 4. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHARDS_TESTS 24

/* A fresh directory for caches and durations files; removed by
 * shards_rmdir. */
static void shards_mkdir(char *dir, size_t size)
{
    snprintf(dir, size, "/tmp/bb-shards-XXXXXX");
    ASSERT_NOT_NULL(mkdtemp(dir));
}

static void shards_rmdir(const char *dir)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    EXPECT_EQ(system(cmd), 0);
}

/* The ids `prog --co -q args` selects, sorted, one a line (a new string). */
static char *shards_ids(const char *prog, const char *args)
{
    char cmd[512];
    struct bb_result r;
    char *ids;
    snprintf(cmd, sizeof cmd, "tests/progs/%s --co -q %s | LC_ALL=C sort", prog, args);
    bb_run(cmd, 0, 60, &r);
    BB_EXPECT_CLEAN(&r);
    EXPECT_EQ_MSG(r.exit_code, 0, "%s:\n%s", cmd, r.output);
    EXPECT_NULL_MSG(strstr(r.output, "ptest:"), "%s:\n%s", cmd, r.output);
    ids = r.output;
    r.output = NULL;
    bb_result_free(&r);
    return ids;
}

/* How many lines text has. */
static int shards_lines(const char *text)
{
    int n = 0;
    for (; *text; text++)
        n += *text == '\n';
    return n;
}

/* Whether id (a whole line) is in text. */
static int shards_has(const char *text, const char *id, size_t len)
{
    const char *at = text;
    while ((at = strstr(at, id)) != NULL) {
        if ((at == text || at[-1] == '\n') && strncmp(at, id, len) == 0 && at[len] == '\n')
            return 1;
        at += len;
    }
    return 0;
}

/* Runs a plain run that writes the cache in dir, and checks that shard
 * k/3 of `extra` lists the same tests before and after it. */
static void shards_survive_cache(const char *dir, const char *extra)
{
    char args[300], run[300];
    struct bb_result r;
    int k;
    for (k = 1; k <= 3; k++) {
        char *before, *after;
        snprintf(args, sizeof args, "--shard=%d/3 --cache-dir=%s/cache %s", k, dir, extra);
        before = shards_ids("shards", args);
        snprintf(run, sizeof run, "tests/progs/shards -q -j 2 --cache-dir=%s/cache", dir);
        bb_run(run, 0, 60, &r);
        BB_EXPECT_CLEAN(&r);
        EXPECT_EQ_MSG(r.exit_code, 0, "%s", r.output);
        bb_result_free(&r);
        after = shards_ids("shards", args);
        EXPECT_STR_EQ_MSG(after, before, "shard %d/3 %s moved after a run wrote the cache", k,
                          extra);
        EXPECT_GT(shards_lines(before), 0);
        free(before);
        free(after);
    }
}

TEST(shards, membership_survives_a_run_that_writes_the_cache, MARK(integration),
     TEARDOWN(bb_cleanup))
{
    char dir[64], extra[128], cmd[256];
    struct bb_result r;
    shards_mkdir(dir, sizeof dir);
    shards_survive_cache(dir, ""); /* by count */
    /* by a durations file: one written by an earlier run */
    snprintf(cmd, sizeof cmd, "tests/progs/shards -q --no-cache --store-durations "
                              "--durations-file=%s/durations", dir);
    bb_run(cmd, 0, 60, &r);
    EXPECT_EQ_MSG(r.exit_code, 0, "%s", r.output);
    bb_result_free(&r);
    snprintf(extra, sizeof extra, "--durations-file=%s/durations", dir);
    shards_survive_cache(dir, extra);
    shards_rmdir(dir);
}

TEST(shards, hash_shards_keep_their_tests_when_one_is_added, MARK(integration),
     TEARDOWN(bb_cleanup))
{
    int n, k;
    for (n = 2; n <= 4; n++) {
        int added = 0;
        for (k = 1; k <= n; k++) {
            char args[64];
            char *fewer, *more, *line;
            snprintf(args, sizeof args, "--shard=hash:%d/%d", k, n);
            fewer = shards_ids("shards", args);
            more = shards_ids("shards_more", args);
            /* every test of the smaller program is where it was... */
            for (line = fewer; *line; line = strchr(line, '\n') + 1)
                EXPECT_TRUE_MSG(shards_has(more, line, strcspn(line, "\n")),
                                "hash:%d/%d lost %.*s when a test was added", k, n,
                                (int)strcspn(line, "\n"), line);
            /* ...and the shard grew by the new test or not at all */
            added += shards_has(more, "shard.added", 11);
            EXPECT_EQ_MSG(shards_lines(more),
                          shards_lines(fewer) + shards_has(more, "shard.added", 11),
                          "hash:%d/%d:\n%s\nvs\n%s", k, n, fewer, more);
            free(fewer);
            free(more);
        }
        EXPECT_EQ_MSG(added, 1, "%d shards", n);
    }
}

/* Checks that shards 1..n of mode (the text before K/N in --shard's
 * value, and further flags) are disjoint and together all 24 tests. */
static void shards_partition(const char *mode, const char *extra, int n)
{
    char *all = shards_ids("shards", ""), *line;
    int k, seen[SHARDS_TESTS], i, total = 0;
    ASSERT_EQ(shards_lines(all), SHARDS_TESTS);
    memset(seen, 0, sizeof seen);
    for (k = 1; k <= n; k++) {
        char args[300];
        char *ids;
        snprintf(args, sizeof args, "--shard=%s%d/%d %s", mode, k, n, extra);
        ids = shards_ids("shards", args);
        for (line = ids; *line; line = strchr(line, '\n') + 1) {
            size_t len = strcspn(line, "\n");
            const char *at = all;
            for (i = 0; i < SHARDS_TESTS; i++, at = strchr(at, '\n') + 1)
                if (strncmp(at, line, len) == 0 && at[len] == '\n')
                    break;
            ASSERT_LT_MSG(i, SHARDS_TESTS, "%s: %.*s is no test", args, (int)len, line);
            seen[i]++;
            total++;
        }
        free(ids);
    }
    for (i = 0, line = all; i < SHARDS_TESTS; i++, line = strchr(line, '\n') + 1)
        EXPECT_EQ_MSG(seen[i], 1, "--shard=%sK/%d %s: %.*s is in %d shards", mode, n, extra,
                      (int)strcspn(line, "\n"), line, seen[i]);
    EXPECT_EQ(total, SHARDS_TESTS);
    free(all);
}

TEST(shards, disjoint_and_complete_in_every_mode, MARK(integration), TEARDOWN(bb_cleanup))
{
    char dir[64], cmd[256], extra[128];
    struct bb_result r;
    int n;
    shards_mkdir(dir, sizeof dir);
    snprintf(cmd, sizeof cmd, "tests/progs/shards -q --no-cache --store-durations "
                              "--durations-file=%s/durations", dir);
    bb_run(cmd, 0, 60, &r);
    EXPECT_EQ_MSG(r.exit_code, 0, "%s", r.output);
    bb_result_free(&r);
    snprintf(extra, sizeof extra, "--durations-file=%s/durations", dir);
    for (n = 1; n <= 5; n++) {
        shards_partition("", "", n);
        shards_partition("", extra, n);
        shards_partition("hash:", "", n);
    }
    shards_rmdir(dir);
}

/* Running the shards (not only listing them) runs every test once. */
TEST(shards, running_every_shard_runs_every_test_once, MARK(integration),
     TEARDOWN(bb_cleanup))
{
    long passed = 0;
    int k;
    for (k = 1; k <= 3; k++) {
        char cmd[128];
        struct bb_result r;
        struct bb_counts c;
        snprintf(cmd, sizeof cmd, "tests/progs/shards -j 2 --shard=hash:%d/3", k);
        bb_run(cmd, 0, 60, &r);
        BB_EXPECT_CLEAN(&r);
        EXPECT_EQ_MSG(r.exit_code, 0, "%s", r.output);
        EXPECT_NOT_NULL_MSG(strstr(r.output, "by hash of the id)"), "%s", r.output);
        bb_parse_counts(r.output, &c);
        passed += c.passed;
        bb_result_free(&r);
    }
    EXPECT_EQ(passed, SHARDS_TESTS);
}

/* Bad values: one line, exit 4 (usage). */
TEST(shards, bad_values_are_usage_errors, MARK(integration), TEARDOWN(bb_cleanup))
{
    static const char *const cmds[] = {
        "tests/progs/shards --shard=0/3",
        "tests/progs/shards --shard=hash:4/3",
        "tests/progs/shards --shard=hash:0/3",
        "tests/progs/shards --shard=hash:",
        "tests/progs/shards --shard=2/3 --durations-file=/nonexistent/durations",
        "tests/progs/shards --shard=2/3 --durations-file=/",
        "printf 'ptest-durations 1\\n0.5 shard.t00\\ngarbage\\n' > /tmp/bb-shards-bad.$$ && "
        "tests/progs/shards --shard=2/3 --durations-file=/tmp/bb-shards-bad.$$; "
        "rc=$?; rm -f /tmp/bb-shards-bad.$$; exit $rc",
        "printf 'hello\\n' > /tmp/bb-shards-bad.$$ && "
        "tests/progs/shards --shard=2/3 --durations-file=/tmp/bb-shards-bad.$$; "
        "rc=$?; rm -f /tmp/bb-shards-bad.$$; exit $rc",
        "printf 'ptest-durations 1\\n-1 shard.t00\\n' > /tmp/bb-shards-bad.$$ && "
        "tests/progs/shards --shard=2/3 --durations-file=/tmp/bb-shards-bad.$$; "
        "rc=$?; rm -f /tmp/bb-shards-bad.$$; exit $rc",
    };
    size_t i;
    for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        struct bb_result r;
        bb_run(cmds[i], 0, 30, &r);
        BB_EXPECT_CLEAN(&r);
        EXPECT_EQ_MSG(r.exit_code, 4, "%s:\n%s", cmds[i], r.output);
        EXPECT_EQ_MSG(strncmp(r.output, "ptest: error: ", 14), 0, "%s:\n%s", cmds[i],
                      r.output);
        EXPECT_EQ_MSG(shards_lines(r.output), 1, "%s:\n%s", cmds[i], r.output);
        bb_result_free(&r);
    }
}
