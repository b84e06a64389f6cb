/* test_ini.c - tests of the INI parser on documents held in strings.
 *
 * Shows: declaring a project marker with PTEST_MARKER (once, here) and
 * using it with MARK(parser); a TEST_P table of INI lines with the value
 * or the error each must give; SUITE_SETUP/SUITE_TEARDOWN sharing one
 * parsed document among the tests of a suite; and XFAIL for a known
 * limitation (line continuations), which fails as expected.
 *
 * Run from the repository root:
 *
 *     make run                                (the whole example suite)
 *     ./examples/tests/tests -m parser -v     (every parser test)
 *     ./examples/tests/tests --markers        (parser is listed)
 */
#include "ptest.h"
#include "helpers.h"
#include "ini.h"
#include "strbuf.h"

#include <string.h>

PTEST_MARKER(parser, "tests of the INI parser");

/* ------------------------------------------------------------------------
 * One line at a time: each row is a small document, then either the value
 * its last line gives to `key` in section [s], or the error it must raise.
 * The ids are ini.line[0], ini.line[1], ... in the order of the table.
 * ------------------------------------------------------------------------ */

struct line_case {
    const char *text;
    const char *key;        /* NULL: the document must be rejected */
    const char *value;      /* the value of key, or part of the error */
    int error_line;
};

static const struct line_case line_cases[] = {
    {"[s]\nname = value", "name", "value", 0},
    {"[s]\n   name=value   ", "name", "value", 0},
    {"[s]\nname = a = b", "name", "a = b", 0},
    {"[s]\nname =", "name", "", 0},
    {"[s]\nname = x ; inline comment", "name", "x", 0},
    {"[s]\nname = x # inline comment", "name", "x", 0},
    {"[s]\nname = x;y#z", "name", "x;y#z", 0},
    {"[s]\nurl = http://example.org/#top", "url", "http://example.org/#top", 0},
    {"[s]\nmotd = \"  hi ; there \"", "motd", "  hi ; there ", 0},
    {"[s]\nq = \"say \\\"hi\\\" \\\\o/\"", "q", "say \"hi\" \\o/", 0},
    {"[s]\nwin = C:\\temp", "win", "C:\\temp", 0},
    {"[S]\nName = v", "NAME", "v", 0},
    {"[s]\r\nname = crlf\r\n", "name", "crlf", 0},
    {"[ s ] ; spaced header\nname = v", "name", "v", 0},
    {"[s]\nname value", NULL, "expected 'key = value'", 2},
    {"[s]\n= value", NULL, "empty key", 2},
    {"[s\nname = v", NULL, "unterminated section header", 1},
    {"[  ]", NULL, "empty section name", 1},
    {"[s] x", NULL, "unexpected text after section header", 1},
    {"[s]\nq = \"open", NULL, "unterminated quoted value", 2},
    {"[s]\nq = \"a\" b", NULL, "unexpected text after quoted value", 2},
    {"[s]\nq = \"a\\n\"", NULL, "unknown escape '\\n'", 2},
    {"[s]\na = 1\n\n; c\nA = 2", NULL,
     "duplicate key 'A' (first set on line 2)", 5},
};

TEST_P(ini, line, struct line_case, line_cases, MARK(parser))
{
    struct ini_error err = {-1, ""};
    struct ini *ini = ini_parse_string(PARAM->text, &err);

    if (PARAM->key == NULL) {
        ASSERT_NULL_MSG(ini, "accepted a bad document");
        EXPECT_EQ(err.line, PARAM->error_line);
        EXPECT_TRUE_MSG(strstr(err.message, PARAM->value) != NULL,
                        "error was \"%s\"", err.message);
        return;
    }
    ASSERT_NOT_NULL_MSG(ini, "line %d: %s", err.line, err.message);
    EXPECT_STR_EQ(ini_get(ini, "s", PARAM->key), PARAM->value);
    ini_free(ini);
}

/* ------------------------------------------------------------------------
 * Whole documents.
 * ------------------------------------------------------------------------ */

TEST(ini, global_keys_come_before_sections, MARK(parser))
{
    struct ini *ini = ini_parse_string("name = demo\n"
                                       "[server]\n"
                                       "name = web\n",
                                       NULL);

    ASSERT_NOT_NULL(ini);
    EXPECT_STR_EQ(ini_get(ini, NULL, "name"), "demo");
    EXPECT_STR_EQ(ini_get(ini, "", "name"), "demo");
    EXPECT_STR_EQ(ini_get(ini, "server", "name"), "web");
    ASSERT_EQ(ini_section_count(ini), 2u);
    EXPECT_STR_EQ(ini_section_name(ini, 0), "");
    EXPECT_STR_EQ(ini_section_name(ini, 1), "server");
    ini_free(ini);
}

TEST(ini, comments_blank_lines_and_bom, MARK(parser))
{
    struct ini *ini = ini_parse_string("\xEF\xBB\xBF; generated file\n"
                                       "\n"
                                       "   # indented comment\n"
                                       "[a]\n"
                                       "\t\n"
                                       "k = 1\n",
                                       NULL);

    ASSERT_NOT_NULL(ini);
    EXPECT_EQ(ini_section_count(ini), 1u);
    EXPECT_EQ(ini_key_count(ini, "a"), 1u);
    EXPECT_STR_EQ(ini_get(ini, "a", "k"), "1");
    ini_free(ini);
}

TEST(ini, reopened_section_adds_keys, MARK(parser))
{
    struct ini *ini = ini_parse_string("[a]\nx = 1\n[b]\ny = 2\n[A]\nz = 3\n",
                                       NULL);

    ASSERT_NOT_NULL(ini);
    EXPECT_EQ(ini_section_count(ini), 2u);
    EXPECT_EQ(ini_key_count(ini, "a"), 2u);
    EXPECT_STR_EQ(ini_key_name(ini, "a", 1), "z");
    EXPECT_STR_EQ(ini_get(ini, "a", "z"), "3");
    ini_free(ini);
}

TEST(ini, empty_document, MARK(parser))
{
    struct ini *ini = ini_parse_string("", NULL);

    ASSERT_NOT_NULL(ini);
    EXPECT_EQ(ini_section_count(ini), 0u);
    EXPECT_NULL(ini_get(ini, NULL, "anything"));
    ini_free(ini);
}

TEST(ini, error_line_counts_every_line, MARK(parser))
{
    struct ini_error err = {0, ""};
    struct ini *ini = ini_parse_string("; header\n"
                                       "\n"
                                       "[ok]\n"
                                       "a = 1\n"
                                       "b = \"fine\"\n"
                                       "\n"
                                       "oops\n"
                                       "c = 3\n",
                                       &err);

    ASSERT_NULL(ini);
    EXPECT_EQ(err.line, 7);
    EXPECT_STR_EQ(err.message, "expected 'key = value', got 'oops'");
}

/* A backslash at the end of a line does not continue it: the next line
 * is read on its own, and is not a key. Documented in ini.h. */
TEST(ini, line_continuation,
     XFAIL("line continuations are not supported"), MARK(parser))
{
    struct ini_error err = {0, ""};
    struct ini *ini = ini_parse_string("[paths]\n"
                                       "search = /usr/local/bin:\\\n"
                                       "         /usr/bin\n",
                                       &err);

    ASSERT_NOT_NULL_MSG(ini, "line %d: %s", err.line, err.message);
    EXPECT_STR_EQ(ini_get(ini, "paths", "search"), "/usr/local/bin:/usr/bin");
    ini_free(ini);
}

/* ------------------------------------------------------------------------
 * Typed lookups, on one document that each worker parses once for the
 * whole suite: SUITE_SETUP runs before the first ini_lookup test a worker
 * runs, SUITE_TEARDOWN after its last.
 * ------------------------------------------------------------------------ */

static TEST_LOCAL struct ini *app_config;

SUITE_SETUP(ini_lookup)
{
    struct ini_error err = {0, ""};

    app_config = ini_parse_string("[server]\n"
                                  "port = 8080\n"
                                  "backlog = 0x40\n"
                                  "timeout = -5\n"
                                  "huge = 99999999999999999999999\n"
                                  "ratio = 1.5\n"
                                  "empty =\n"
                                  "[features]\n"
                                  "tls = yes\n"
                                  "ipv6 = Off\n"
                                  "http2 = 1\n"
                                  "beta = maybe\n",
                                  &err);
    ASSERT_NOT_NULL_MSG(app_config, "line %d: %s", err.line, err.message);
}

SUITE_TEARDOWN(ini_lookup)
{
    ini_free(app_config);
    app_config = NULL;
}

TEST(ini_lookup, long_values)
{
    long v = 0;

    ASSERT_NOT_NULL(app_config);
    EXPECT_EQ(ini_get_long(app_config, "server", "port", &v), 0);
    EXPECT_EQ(v, 8080);
    EXPECT_EQ(ini_get_long(app_config, "server", "backlog", &v), 0);
    EXPECT_EQ(v, 64);
    EXPECT_EQ(ini_get_long(app_config, "server", "timeout", &v), 0);
    EXPECT_EQ(v, -5);
}

TEST(ini_lookup, long_rejects_what_is_not_a_long)
{
    long v = 12345;

    ASSERT_NOT_NULL(app_config);
    EXPECT_EQ(ini_get_long(app_config, "server", "huge", &v), -1);
    EXPECT_EQ(ini_get_long(app_config, "server", "ratio", &v), -1);
    EXPECT_EQ(ini_get_long(app_config, "server", "empty", &v), -1);
    EXPECT_EQ(ini_get_long(app_config, "server", "missing", &v), -1);
    EXPECT_EQ_MSG(v, 12345, "a failed lookup must leave *out alone");
}

TEST(ini_lookup, bool_values)
{
    int tls = -1, ipv6 = -1, http2 = -1, beta = -1;

    ASSERT_NOT_NULL(app_config);
    EXPECT_EQ(ini_get_bool(app_config, "features", "tls", &tls), 0);
    EXPECT_EQ(ini_get_bool(app_config, "features", "ipv6", &ipv6), 0);
    EXPECT_EQ(ini_get_bool(app_config, "features", "http2", &http2), 0);
    EXPECT_EQ(ini_get_bool(app_config, "features", "beta", &beta), -1);
    EXPECT_EQ(tls, 1);
    EXPECT_EQ(ipv6, 0);
    EXPECT_EQ(http2, 1);
    EXPECT_EQ(beta, -1);
}

TEST(ini_lookup, missing_section_or_key)
{
    ASSERT_NOT_NULL(app_config);
    EXPECT_TRUE(ini_has_section(app_config, "Features"));
    EXPECT_FALSE(ini_has_section(app_config, "database"));
    EXPECT_NULL(ini_get(app_config, "database", "port"));
    EXPECT_NULL(ini_get(app_config, "server", "host"));
    EXPECT_NULL(ini_get(app_config, NULL, "port"));
}

/* ------------------------------------------------------------------------
 * Building a document and writing it out.
 * ------------------------------------------------------------------------ */

TEST(ini_write, format_reads_back_the_same, MARK(parser))
{
    struct ini *out = ini_new(), *back;
    struct ini_error err = {0, ""};
    struct strbuf text;

    ASSERT_NOT_NULL(out);
    ASSERT_EQ(ini_set(out, "server", "host", "example.org"), 0);
    ASSERT_EQ(ini_set(out, "server", "motd", "  hi; \"friend\" \\o/ "), 0);
    ASSERT_EQ(ini_set(out, NULL, "version", "3"), 0);
    ASSERT_EQ(ini_set(out, "paths", "empty", ""), 0);
    ASSERT_EQ(ini_set(out, "server", "host", "example.com"), 0);
    strbuf_init(&text);
    ASSERT_EQ(ini_format(out, &text), 0);
    ptest_log("formatted:\n%s", text.buf);
    EXPECT_STR_EQ(text.buf, "version = 3\n"
                            "\n"
                            "[server]\n"
                            "host = example.com\n"
                            "motd = \"  hi; \\\"friend\\\" \\\\o/ \"\n"
                            "\n"
                            "[paths]\n"
                            "empty = \n");
    back = ini_parse_string(text.buf, &err);
    ASSERT_NOT_NULL_MSG(back, "line %d: %s", err.line, err.message);
    EXPECT_STR_EQ(ini_get(back, "server", "motd"), "  hi; \"friend\" \\o/ ");
    EXPECT_STR_EQ(ini_get(back, NULL, "version"), "3");
    EXPECT_STR_EQ(ini_get(back, "paths", "empty"), "");
    strbuf_release(&text);
    ini_free(back);
    ini_free(out);
}

TEST(ini_write, rejects_what_cannot_be_written)
{
    struct ini *ini = ini_new();

    ASSERT_NOT_NULL(ini);
    EXPECT_EQ(ini_set(ini, "s", "", "v"), -1);
    EXPECT_EQ(ini_set(ini, "s", " padded", "v"), -1);
    EXPECT_EQ(ini_set(ini, "s", "a=b", "v"), -1);
    EXPECT_EQ(ini_set(ini, "s", "[k]", "v"), -1);
    EXPECT_EQ(ini_set(ini, "s]", "k", "v"), -1);
    EXPECT_EQ(ini_set(ini, "s", "k", "two\nlines"), -1);
    EXPECT_EQ(ini_section_count(ini), 0u);
    ini_free(ini);
}
