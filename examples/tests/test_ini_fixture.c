/* test_ini_fixture.c - typed per-test fixtures: FIXTURE, TEST_F, TEST_F_P.
 *
 * Shows: a fixture struct holding everything a test of a loaded config
 * needs (the file in the test's own ptest_tmpdir(), the parsed document,
 * an output buffer). FIXTURE_SETUP writes and parses the file,
 * FIXTURE_TEARDOWN frees what set-up made. Each running test gets its own
 * zeroed instance as `self`: nothing is static or thread-local, so the
 * tests are safe in every pool, threads included. The teardown runs even
 * when set-up or the body fails, and copes with fields still zero.
 *
 * Run from the repository root:
 *
 *     ./examples/tests/tests -k app_config -v
 *     ./examples/tests/tests -k app_config --pool=thread -j 8
 */
#include "ptest.h"
#include "helpers.h"
#include "ini.h"
#include "strbuf.h"

#include <string.h>

FIXTURE(app_config)
{
    char path[PATH_BUF];
    struct ini *ini;
    struct strbuf out;
};

FIXTURE_SETUP(app_config)
{
    struct ini_error err = {0, ""};
    join_path(self->path, ptest_tmpdir(), "app.ini");
    write_text(self->path, "name = demo\n"
                           "[server]\n"
                           "host = example.org\n"
                           "port = 8080\n"
                           "tls = yes\n"
                           "[paths]\n"
                           "log = /var/log/demo.log\n");
    self->ini = ini_parse_file(self->path, &err);
    ASSERT_NOT_NULL_MSG(self->ini, "%s:%d: %s", self->path, err.line, err.message);
    strbuf_init(&self->out);
}

FIXTURE_TEARDOWN(app_config)
{
    ini_free(self->ini);          /* NULL if parsing failed: ini_free allows it */
    strbuf_release(&self->out);   /* a zeroed strbuf releases as an empty one */
}

TEST_F(app_config, typed_values, MARK(integration))
{
    long port = 0;
    int tls = 0;
    ASSERT_EQ(ini_get_long(self->ini, "server", "port", &port), 0);
    EXPECT_EQ(port, 8080);
    ASSERT_EQ(ini_get_bool(self->ini, "server", "tls", &tls), 0);
    EXPECT_TRUE(tls);
}

/* Each test edits its own document: no other test sees the change. */
TEST_F(app_config, edit_and_write_back, MARK(integration))
{
    struct ini_error err = {0, ""};
    struct ini *again;
    ASSERT_EQ(ini_set(self->ini, "server", "port", "9090"), 0);
    ASSERT_EQ(ini_write_file(self->ini, self->path), 0);
    again = ini_parse_file(self->path, &err);
    ASSERT_NOT_NULL_MSG(again, "line %d: %s", err.line, err.message);
    EXPECT_STR_EQ(ini_get(again, "server", "port"), "9090");
    ini_free(again);
}

TEST_F(app_config, formats_sections_in_order, MARK(integration))
{
    const char *server, *paths;
    ASSERT_EQ(ini_format(self->ini, &self->out), 0);
    server = strstr(self->out.buf, "[server]");
    paths = strstr(self->out.buf, "[paths]");
    ASSERT_NOT_NULL(server);
    ASSERT_NOT_NULL(paths);
    EXPECT_LT(server, paths);
}

/* TEST_F_P: one test per element, with both the fixture and PARAM. */
struct expected_key {
    const char *section, *key, *value;
};

static const struct expected_key expected_keys[] = {
    {"", "name", "demo"},
    {"server", "host", "example.org"},
    {"paths", "log", "/var/log/demo.log"},
};

TEST_F_P(app_config, has_key, struct expected_key, expected_keys, MARK(integration))
{
    EXPECT_STR_EQ(ini_get(self->ini, PARAM->section, PARAM->key), PARAM->value);
}
