/* test_strbuf.c - tests of the string builder (strbuf.h).
 *
 * Shows: plain TEST()s with ASSERT_* (fatal) and EXPECT_* (go on), a
 * table-driven TEST_P, SETUP/TEARDOWN fixtures in thread-local state, and
 * a death test: EXPECT_SIGNAL(SIGABRT) passes because the library aborts
 * on a NULL argument.
 *
 * Run from the repository root:
 *
 *     make run                              (the whole example suite)
 *     ./examples/tests/tests -k strbuf -v   (only these, one line each)
 */
#include "ptest.h"
#include "helpers.h"
#include "strbuf.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

TEST(strbuf, starts_empty)
{
    struct strbuf sb;

    strbuf_init(&sb);
    ASSERT_NOT_NULL(sb.buf);
    EXPECT_STR_EQ(sb.buf, "");
    EXPECT_EQ(sb.len, 0u);
    strbuf_release(&sb);
    EXPECT_STR_EQ(sb.buf, "");
}

TEST(strbuf, append_grows)
{
    struct strbuf sb;
    int i;

    strbuf_init(&sb);
    for (i = 0; i < 1000; i++)
        ASSERT_EQ(strbuf_append(&sb, "abc"), 0);
    EXPECT_EQ(sb.len, 3000u);
    EXPECT_GE(sb.cap, sb.len + 1);
    EXPECT_EQ(strlen(sb.buf), sb.len);
    EXPECT_MEM_EQ(sb.buf + 2997, "abc", 4);
    strbuf_release(&sb);
}

TEST(strbuf, append_len_takes_a_prefix)
{
    struct strbuf sb;

    strbuf_init(&sb);
    ASSERT_EQ(strbuf_append_len(&sb, "key=value", 3), 0);
    ASSERT_EQ(strbuf_append_char(&sb, ':'), 0);
    EXPECT_STR_EQ(sb.buf, "key:");
    EXPECT_EQ(sb.len, 4u);
    strbuf_release(&sb);
}

/* Appending a buffer to itself must survive the buffer moving. */
TEST(strbuf, append_to_itself)
{
    struct strbuf sb;
    int i;

    strbuf_init(&sb);
    ASSERT_EQ(strbuf_append(&sb, "ab"), 0);
    for (i = 0; i < 10; i++)
        ASSERT_EQ(strbuf_append(&sb, sb.buf), 0);
    EXPECT_EQ(sb.len, 2048u);
    EXPECT_MEM_EQ(sb.buf + 2044, "abab", 4);
    strbuf_release(&sb);
}

TEST(strbuf, appendf_formats)
{
    struct strbuf sb;

    strbuf_init(&sb);
    ASSERT_EQ(strbuf_appendf(&sb, "%s=%d", "port", 8080), 0);
    ASSERT_EQ(strbuf_appendf(&sb, " (%.1f%%)", 99.5), 0);
    EXPECT_STR_EQ(sb.buf, "port=8080 (99.5%)");
    strbuf_release(&sb);
}

TEST(strbuf, appendf_longer_than_any_first_guess)
{
    struct strbuf sb;

    strbuf_init(&sb);
    ASSERT_EQ(strbuf_appendf(&sb, "[%*d]", 5000, 42), 0);
    EXPECT_EQ(sb.len, 5002u);
    EXPECT_STR_EQ(sb.buf + 4999, "42]");
    strbuf_release(&sb);
}

TEST(strbuf, detach_hands_over_the_text)
{
    struct strbuf sb;
    size_t len = 0;
    char *text;

    strbuf_init(&sb);
    ASSERT_EQ(strbuf_append(&sb, "mine now"), 0);
    text = strbuf_detach(&sb, &len);
    ASSERT_NOT_NULL(text);
    EXPECT_STR_EQ(text, "mine now");
    EXPECT_EQ(len, 8u);
    EXPECT_EQ(sb.len, 0u);
    EXPECT_STR_EQ(sb.buf, "");
    free(text);
}

/* ------------------------------------------------------------------------
 * Editing an existing buffer: the fixture below prepares one per test.
 * ------------------------------------------------------------------------ */

static TEST_LOCAL struct strbuf greeting;

static void greeting_setup(void)
{
    strbuf_init(&greeting);
    ASSERT_EQ(strbuf_append(&greeting, "hello world"), 0);
}

static void greeting_teardown(void)
{
    strbuf_release(&greeting);
}

TEST(strbuf, insert_in_the_middle, SETUP(greeting_setup),
     TEARDOWN(greeting_teardown))
{
    ASSERT_EQ(strbuf_insert(&greeting, 5, ","), 0);
    EXPECT_STR_EQ(greeting.buf, "hello, world");
    EXPECT_EQ(greeting.len, 12u);
}

TEST(strbuf, insert_at_both_ends, SETUP(greeting_setup),
     TEARDOWN(greeting_teardown))
{
    ASSERT_EQ(strbuf_insert(&greeting, 0, ">> "), 0);
    ASSERT_EQ(strbuf_insert(&greeting, greeting.len, "!"), 0);
    EXPECT_STR_EQ(greeting.buf, ">> hello world!");
}

TEST(strbuf, insert_part_of_itself, SETUP(greeting_setup),
     TEARDOWN(greeting_teardown))
{
    ASSERT_EQ(strbuf_insert(&greeting, 0, greeting.buf + 6), 0);
    EXPECT_STR_EQ(greeting.buf, "worldhello world");
}

TEST(strbuf, truncate_never_lengthens, SETUP(greeting_setup),
     TEARDOWN(greeting_teardown))
{
    strbuf_truncate(&greeting, 100);
    EXPECT_STR_EQ(greeting.buf, "hello world");
    strbuf_truncate(&greeting, 5);
    EXPECT_STR_EQ(greeting.buf, "hello");
    strbuf_reset(&greeting);
    EXPECT_STR_EQ(greeting.buf, "");
}

/* The library treats NULL as a caller bug and aborts, NDEBUG or not. */
TEST(strbuf, append_null_aborts, EXPECT_SIGNAL(SIGABRT))
{
    struct strbuf sb;

    strbuf_init(&sb);
    strbuf_append(&sb, NULL);
    FAIL("strbuf_append(NULL) returned instead of aborting");
}

/* ------------------------------------------------------------------------
 * Trimming, table-driven: one test per row, ids strbuf.trim[0], [1], ...
 * ------------------------------------------------------------------------ */

struct trim_case {
    const char *input;
    const char *trimmed;
};

static const struct trim_case trim_cases[] = {
    {"plain", "plain"},
    {"  both sides \t", "both sides"},
    {"\r\nline endings\r\n", "line endings"},
    {"inner   space  kept", "inner   space  kept"},
    {" \t\v\f ", ""},
    {"", ""},
};

TEST_P(strbuf, trim, struct trim_case, trim_cases)
{
    struct strbuf sb;

    strbuf_init(&sb);
    ASSERT_EQ(strbuf_append(&sb, PARAM->input), 0);
    strbuf_trim(&sb);
    EXPECT_STR_EQ(sb.buf, PARAM->trimmed);
    EXPECT_EQ(sb.len, strlen(PARAM->trimmed));
    strbuf_release(&sb);
}

/* ------------------------------------------------------------------------
 * Splitting.
 * ------------------------------------------------------------------------ */

TEST(strbuf_split, keeps_empty_pieces)
{
    size_t n = 0;
    char **p = strbuf_split("a,,b,", ',', 0, &n);

    ASSERT_NOT_NULL(p);
    ASSERT_EQ(n, 4u);
    EXPECT_STR_EQ(p[0], "a");
    EXPECT_STR_EQ(p[1], "");
    EXPECT_STR_EQ(p[2], "b");
    EXPECT_STR_EQ(p[3], "");
    EXPECT_NULL(p[4]);
    strbuf_split_free(p);
}

TEST(strbuf_split, empty_string_is_one_piece)
{
    size_t n = 0;
    char **p = strbuf_split("", ':', 0, &n);

    ASSERT_NOT_NULL(p);
    EXPECT_EQ(n, 1u);
    EXPECT_STR_EQ(p[0], "");
    strbuf_split_free(p);
}

TEST(strbuf_split, max_leaves_the_rest_whole)
{
    size_t n = 0;
    char **p = strbuf_split("PATH=/bin:/usr/bin=x", '=', 2, &n);

    ASSERT_NOT_NULL(p);
    ASSERT_EQ(n, 2u);
    EXPECT_STR_EQ(p[0], "PATH");
    EXPECT_STR_EQ(p[1], "/bin:/usr/bin=x");
    strbuf_split_free(p);
}

TEST(strbuf_split, many_pieces)
{
    struct strbuf sb;
    size_t n = 0, i;
    char **p;

    strbuf_init(&sb);
    for (i = 0; i < 500; i++)
        ASSERT_EQ(strbuf_appendf(&sb, "%s%zu", i ? " " : "", i), 0);
    p = strbuf_split(sb.buf, ' ', 0, &n);
    ASSERT_NOT_NULL(p);
    ASSERT_EQ(n, 500u);
    EXPECT_STR_EQ(p[0], "0");
    EXPECT_STR_EQ(p[499], "499");
    strbuf_split_free(p);
    strbuf_release(&sb);
}
