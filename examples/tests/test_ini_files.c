/* test_ini_files.c - tests of the INI parser on real files.
 *
 * Shows: MARK(integration) tests doing file I/O in ptest_tmpdir(), a
 * private directory per test (removed when the test passes, kept when it
 * fails); RESOURCE() keeping two tests that share one fixed path from
 * ever running at the same time; and MARK(slow) tests that really wait
 * (a retry-with-backoff helper, a file written late by another process,
 * a large generated file), which `make run` leaves out with -m "not slow".
 *
 * Run from the repository root:
 *
 *     make run                                     (fast tests only)
 *     ./examples/tests/tests -m integration -v     (only these file tests)
 *     ./examples/tests/tests -m slow --durations=5 (only the slow ones)
 */
#define _POSIX_C_SOURCE 200809L

#include "ptest.h"
#include "helpers.h"
#include "ini.h"
#include "strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>
#endif

/* ------------------------------------------------------------------------
 * Files in the test's own temporary directory.
 * ------------------------------------------------------------------------ */

TEST(ini_file, parse_what_was_written, MARK(integration), MARK(parser))
{
    char path[PATH_BUF];
    struct ini_error err = {0, ""};
    struct ini *ini;

    join_path(path, ptest_tmpdir(), "app.ini");
    write_text(path, "; app.ini\n"
                     "name = demo\n"
                     "\n"
                     "[database]\n"
                     "host = db.internal\n"
                     "port = 5432\n"
                     "password = \"p;ss#word\"\n");
    ini = ini_parse_file(path, &err);
    ASSERT_NOT_NULL_MSG(ini, "%s:%d: %s", path, err.line, err.message);
    EXPECT_STR_EQ(ini_get(ini, NULL, "name"), "demo");
    EXPECT_STR_EQ(ini_get(ini, "database", "host"), "db.internal");
    EXPECT_STR_EQ(ini_get(ini, "database", "password"), "p;ss#word");
    ini_free(ini);
}

TEST(ini_file, error_names_the_line, MARK(integration), MARK(parser))
{
    char path[PATH_BUF];
    struct ini_error err = {0, ""};

    join_path(path, ptest_tmpdir(), "broken.ini");
    write_text(path, "[a]\r\nx = 1\r\ny = 2\r\n[b\r\nz = 3\r\n");
    ASSERT_NULL(ini_parse_file(path, &err));
    EXPECT_EQ(err.line, 4);
    EXPECT_STR_EQ(err.message, "unterminated section header");
}

TEST(ini_file, missing_file_names_the_path, MARK(integration))
{
    char path[PATH_BUF];
    struct ini_error err = {-1, ""};

    join_path(path, ptest_tmpdir(), "does-not-exist.ini");
    ASSERT_NULL(ini_parse_file(path, &err));
    EXPECT_EQ(err.line, 0);
    EXPECT_TRUE_MSG(strstr(err.message, path) != NULL, "error: %s",
                    err.message);
    EXPECT_TRUE_MSG(strstr(err.message, strerror(ENOENT)) != NULL,
                    "error: %s", err.message);
}

TEST(ini_file, nul_byte_is_an_error, MARK(integration), MARK(parser))
{
    static const char data[] = "[a]\nk = v\nbad = x\0y\n";
    char path[PATH_BUF];
    struct ini_error err = {0, ""};

    join_path(path, ptest_tmpdir(), "binary.ini");
    write_file(path, data, sizeof(data) - 1);
    ASSERT_NULL(ini_parse_file(path, &err));
    EXPECT_EQ(err.line, 3);
    EXPECT_STR_EQ(err.message, "NUL byte in line");
}

TEST(ini_file, write_then_read_back, MARK(integration), MARK(parser))
{
    char path[PATH_BUF];
    struct ini_error err = {0, ""};
    struct ini *out = ini_new(), *in;
    size_t i;

    ASSERT_NOT_NULL(out);
    ASSERT_EQ(ini_set(out, "log", "file", "/var/log/app.log"), 0);
    ASSERT_EQ(ini_set(out, "log", "prefix", " [app] "), 0);
    ASSERT_EQ(ini_set(out, "cache", "size", "64"), 0);
    join_path(path, ptest_tmpdir(), "saved.ini");
    ASSERT_EQ(ini_write_file(out, path), 0);

    in = ini_parse_file(path, &err);
    ASSERT_NOT_NULL_MSG(in, "%s:%d: %s", path, err.line, err.message);
    ASSERT_EQ(ini_section_count(in), ini_section_count(out));
    for (i = 0; i < ini_section_count(out); i++)
        EXPECT_STR_EQ(ini_section_name(in, i), ini_section_name(out, i));
    EXPECT_STR_EQ(ini_get(in, "log", "prefix"), " [app] ");
    EXPECT_STR_EQ(ini_get(in, "cache", "size"), "64");
    ini_free(in);
    ini_free(out);
}

TEST(ini_file, write_to_missing_directory_fails, MARK(integration))
{
    char path[PATH_BUF];
    struct ini *ini = ini_new();

    ASSERT_NOT_NULL(ini);
    ASSERT_EQ(ini_set(ini, "a", "b", "c"), 0);
    join_path(path, ptest_tmpdir(), "no/such/dir/out.ini");
    EXPECT_EQ(ini_write_file(ini, path), -1);
    ini_free(ini);
}

/* ------------------------------------------------------------------------
 * One fixed path, as an application's settings file would have: the two
 * tests below both write it, so they name the same RESOURCE and ptest
 * never runs them at the same time, whatever -j says.
 * ------------------------------------------------------------------------ */

static TEST_LOCAL char settings_path[PATH_BUF];

static void settings_setup(void)
{
    const char *dir = getenv("TMPDIR");

    join_path(settings_path, dir && *dir ? dir : "/tmp",
              "ptest-example-settings.ini");
}

static void settings_teardown(void)
{
    remove(settings_path);
}

/* Writes the settings file, gives another writer time to interfere, and
 * checks that the file still holds what this test wrote. */
static void check_settings_roundtrip(const char *section, const char *value)
{
    struct ini_error err = {0, ""};
    struct strbuf text;
    struct ini *ini;

    strbuf_init(&text);
    ASSERT_EQ(strbuf_appendf(&text, "[%s]\nowner = %s\n", section, value), 0);
    write_text(settings_path, text.buf);
    strbuf_release(&text);
    sleep_ms(20);
    ini = ini_parse_file(settings_path, &err);
    ASSERT_NOT_NULL_MSG(ini, "%s:%d: %s", settings_path, err.line,
                        err.message);
    EXPECT_STR_EQ(ini_get(ini, section, "owner"), value);
    ini_free(ini);
}

TEST(ini_settings, user_file, MARK(integration), RESOURCE(settings_file),
     SETUP(settings_setup), TEARDOWN(settings_teardown))
{
    check_settings_roundtrip("user", "alice");
}

TEST(ini_settings, system_file, MARK(integration), RESOURCE(settings_file),
     SETUP(settings_setup), TEARDOWN(settings_teardown))
{
    check_settings_roundtrip("system", "root");
}

/* ------------------------------------------------------------------------
 * Slow tests: a large file, and waiting for a configuration file that
 * another process writes at start-up, with a retry-and-back-off helper.
 * ------------------------------------------------------------------------ */

/* A generated file of 2,000 sections of 50 keys (about 3 MB). */
TEST(ini_file, large_generated_file, MARK(slow), MARK(integration),
     MARK(parser), TIMEOUT(30))
{
    char path[PATH_BUF];
    struct ini_error err = {0, ""};
    struct strbuf text;
    struct ini *ini;
    long v = 0;
    int s, k;

    strbuf_init(&text);
    for (s = 0; s < 2000; s++) {
        ASSERT_EQ(strbuf_appendf(&text, "[host-%04d]\n", s), 0);
        for (k = 0; k < 50; k++)
            ASSERT_EQ(strbuf_appendf(&text, "key%02d = %d ; from generator\n",
                                     k, s * 100 + k),
                      0);
    }
    join_path(path, ptest_tmpdir(), "large.ini");
    write_file(path, text.buf, text.len);
    ptest_log("wrote %zu bytes to %s", text.len, path);
    strbuf_release(&text);

    ini = ini_parse_file(path, &err);
    ASSERT_NOT_NULL_MSG(ini, "%s:%d: %s", path, err.line, err.message);
    EXPECT_EQ(ini_section_count(ini), 2000u);
    EXPECT_EQ(ini_key_count(ini, "host-1999"), 50u);
    EXPECT_EQ(ini_get_long(ini, "HOST-1234", "key42", &v), 0);
    EXPECT_EQ(v, 123442);
    EXPECT_STR_EQ(ini_section_name(ini, 1999), "host-1999");
    ini_free(ini);
}

/* Parses path, retrying while it does not exist: waits first_ms before
 * the second try, twice as long before each next one, for at most
 * `tries` tries. Returns what the last try returned. */
static struct ini *parse_with_retry(const char *path, int tries,
                                    long first_ms, struct ini_error *err)
{
    struct ini *ini = NULL;
    long wait = first_ms;
    int i;

    for (i = 1; i <= tries; i++) {
        ini = ini_parse_file(path, err);
        if (ini != NULL || access(path, F_OK) == 0)
            break;
        if (i < tries) {
            ptest_log("try %d: %s; retrying in %ld ms", i, err->message, wait);
            sleep_ms(wait);
            wait *= 2;
        }
    }
    return ini;
}

TEST(ini_retry, gives_up_after_backing_off, MARK(slow), MARK(integration),
     TIMEOUT(10))
{
    char path[PATH_BUF];
    struct ini_error err = {0, ""};
    long start;

    join_path(path, ptest_tmpdir(), "never.ini");
    start = now_ms();
    ASSERT_NULL(parse_with_retry(path, 4, 40, &err));
    EXPECT_GE(now_ms() - start, 40 + 80 + 160);
    EXPECT_EQ(err.line, 0);
    EXPECT_TRUE_MSG(strstr(err.message, "cannot open") != NULL, "error: %s",
                    err.message);
}

#ifndef _WIN32 /* fork(): this one test is POSIX-only */
/* The child writes the file under a temporary name and renames it into
 * place, so the reader sees either no file or all of it. Only
 * async-signal-safe calls after fork(): the runner may use threads. */
static void write_late(const char *tmp, const char *path, const char *text,
                       long delay_ms)
{
    size_t len = strlen(text);
    int fd;

    sleep_ms(delay_ms);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, text, len) != (ssize_t)len || close(fd) < 0)
        _exit(1);
    _exit(rename(tmp, path) == 0 ? 0 : 1);
}

TEST(ini_retry, sees_a_file_written_later, MARK(slow), MARK(integration),
     MARK(parser), TIMEOUT(10))
{
    char path[PATH_BUF], tmp[PATH_BUF];
    struct ini_error err = {0, ""};
    struct ini *ini;
    int status = -1;
    pid_t child;

    join_path(path, ptest_tmpdir(), "late.ini");
    join_path(tmp, ptest_tmpdir(), "late.ini.tmp");
    child = fork();
    ASSERT_GE(child, 0);
    if (child == 0)
        write_late(tmp, path, "[service]\nready = yes\n", 250);

    ini = parse_with_retry(path, 8, 25, &err);
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                    "writer failed, status %d", status);
    ASSERT_NOT_NULL_MSG(ini, "%d: %s", err.line, err.message);
    EXPECT_STR_EQ(ini_get(ini, "service", "ready"), "yes");
    ini_free(ini);
}
#endif
