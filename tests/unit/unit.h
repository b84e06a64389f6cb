/* Helpers shared by the unit tests (tests/unit/test_*.c), included once by
 * tests/unit/main.c after the implementation. Everything is static and
 * prefixed ut_ / UT_.
 *
 *     capture   run an assertion against a private test context and read
 *               back the report it wrote (file:line, expression, values)
 *     argv      call ptest__parse_args on a NULL-terminated list of words
 *     env       save and restore PTEST_JOBS / PTEST_TIMEOUT around a test
 *     counters  functions that count how often an argument was evaluated
 */
#ifndef PTEST_UNIT_H
#define PTEST_UNIT_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every helper may go unused in a build of some of the test files. */
#define UT_HELPER PTEST__UNUSED static

/* The first line of a test of something only POSIX has (fork, signals,
 * descriptor flags, /proc): on Windows it skips the test, saying what it
 * needs, so that the count shows it; the rest of such a body is inside
 * #if !defined(_WIN32) when it does not compile there. */
#if defined(_WIN32)
#define UT_POSIX_ONLY(what) SKIP_TEST("POSIX only: %s", what)
#else
#define UT_POSIX_ONLY(what) ((void)0)
#endif

/* Fails (without stopping) unless needle occurs in hay, showing both. */
#define UT_EXPECT_CONTAINS(hay, needle)                                        \
    EXPECT_TRUE_MSG((hay) != NULL && strstr((hay), (needle)) != NULL,          \
                    "'%s' not found in:\n%s", (needle),                        \
                    (hay) ? (hay) : "(null)")
#define UT_EXPECT_NOT_CONTAINS(hay, needle)                                    \
    EXPECT_TRUE_MSG((hay) != NULL && strstr((hay), (needle)) == NULL,          \
                    "'%s' unexpectedly found in:\n%s", (needle),               \
                    (hay) ? (hay) : "(null)")

/* ------------------------------------------------------------------------
 * Capture: a private test context.
 *
 * UT_CAPTURE(cap, statement) installs cap's context as ptest__ctx_now,
 * arms it, runs the statement (an assertion that may fail), and restores
 * the real context whatever happened, so the real test never sees the
 * failure. Afterwards cap->text is the report, cap->jumped says whether the
 * statement left by longjmp (PTEST__JUMP_FAIL or PTEST__JUMP_SKIP), and
 * cap->file/cap->line are where UT_CAPTURE was written: keep each
 * UT_CAPTURE on one line so the assertion inside has the same __LINE__.
 * ------------------------------------------------------------------------ */

struct ut_capture {
    struct ptest__ctx ctx;
    struct ptest__ctx *saved;   /* the real test's context */
    int jumped;                 /* 0, PTEST__JUMP_FAIL or PTEST__JUMP_SKIP */
    const char *file;
    int line;
    const char *text;           /* the report, NUL-terminated */
};

UT_HELPER struct ut_capture *ut_capture_new(void)
{
    struct ut_capture *cap = (struct ut_capture *)calloc(1, sizeof *cap);
    if (cap)
        cap->ctx.shared = (struct ptest__shared *)calloc(1, sizeof *cap->ctx.shared);
    if (!cap || !cap->ctx.shared) {
        fprintf(stderr, "unit.h: out of memory\n");
        abort();
    }
    return cap;
}

UT_HELPER void ut_capture_free(struct ut_capture *cap)
{
    free(cap->ctx.shared);
    free(cap);
}

UT_HELPER void ut_capture_begin(struct ut_capture *cap, const char *file, int line)
{
    struct ptest__shared *sh = cap->ctx.shared;
    sh->report_len = 0;
    sh->report[0] = '\0';
    sh->failure_at = -1;
    sh->last_file = NULL;
    sh->last_line = 0;
    cap->ctx.failed = cap->ctx.skipped = 0;
    cap->ctx.armed = 1;
    cap->ctx.owner = ptest__os_self();
    cap->jumped = 0;
    cap->file = file;
    cap->line = line;
    cap->saved = ptest__ctx_now;
    ptest__ctx_now = &cap->ctx;
}

UT_HELPER void ut_capture_end(struct ut_capture *cap)
{
    struct ptest__shared *sh = cap->ctx.shared;
    cap->ctx.armed = 0;
    ptest__ctx_now = cap->saved;
    sh->report[sh->report_len < PTEST__REPORT_MAX ? sh->report_len
                                                  : PTEST__REPORT_MAX - 1] = '\0';
    cap->text = sh->report;
}

#define UT_CAPTURE(cap, ...)                                                   \
    do {                                                                       \
        ut_capture_begin((cap), __FILE__, __LINE__);                           \
        switch (setjmp((cap)->ctx.jump)) {                                     \
        case 0: __VA_ARGS__; break;                                            \
        case PTEST__JUMP_SKIP: (cap)->jumped = PTEST__JUMP_SKIP; break;        \
        default: (cap)->jumped = PTEST__JUMP_FAIL; break;                      \
        }                                                                      \
        ut_capture_end(cap);                                                   \
    } while (0)

/* How reports show a non-NULL pointer: printf(UT_PTR_FMT, UT_PTR(p)).
 * That is %p, but MinGW's %p writes no 0x, so ptest writes 0x%jx there. */
#if defined(_WIN32)
#define UT_PTR_FMT "0x%jx"
#define UT_PTR(p) ((uintmax_t)(uintptr_t)(const void *)(p))
#else
#define UT_PTR_FMT "%p"
#define UT_PTR(p) ((const void *)(p))
#endif

/* printf into a fresh malloc'd string. */
UT_HELPER char *ut_fmt(const char *fmt, ...) PTEST__PRINTF(1, 2);
UT_HELPER char *ut_fmt(const char *fmt, ...)
{
    struct ptest__buf b = {NULL, 0, 0};
    va_list ap;
    va_start(ap, fmt);
    ptest__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    ptest__buf_puts(&b, "");
    return b.data;
}

/* Expects the captured report to be exactly "FILE:LINE: " + rest, where
 * FILE:LINE is the UT_CAPTURE's own place. */
#define UT_EXPECT_REPORT(cap, rest)                                            \
    do {                                                                       \
        char *ut_want_ = ut_fmt("%s:%d: %s", (cap)->file, (cap)->line, rest);  \
        EXPECT_STR_EQ((cap)->text, ut_want_);                                  \
        free(ut_want_);                                                        \
    } while (0)

/* ------------------------------------------------------------------------
 * Descriptors: a struct ptest__test for tables and registries built by
 * hand, never run (no body), named field by field so that they do not
 * depend on the order of the struct's fields.
 * ------------------------------------------------------------------------ */

#define UT_DESCRIPTOR(suite_, name_, file_, line_, opts_)                      \
    {.suite = suite_, .name = name_, .file = file_, .line = line_,            \
     .options = opts_, .option_count = sizeof opts_ / sizeof opts_[0]}
/* params_: a const struct ptest__params * (array, element size, count). */
#define UT_DESCRIPTOR_P(suite_, name_, file_, line_, opts_, params_)          \
    {.suite = suite_, .name = name_, .file = file_, .line = line_,            \
     .options = opts_, .option_count = sizeof opts_ / sizeof opts_[0],         \
     .params = params_}

/* ------------------------------------------------------------------------
 * argv: ut_args(&cfg, &err, "-j", "4", NULL) parses "selftest -j 4", and
 * ut_argv(&cfg, &err, words) a NULL-terminated array of words. The words
 * must outlive cfg (string literals do). ut_args_free releases what the
 * parser allocated; err is emptied before each parse.
 * ------------------------------------------------------------------------ */

#define UT_MAX_ARGS 16

UT_HELPER int ut_argv(struct ptest__config *cfg, struct ptest__buf *err,
                   const char *const *words)
{
    char *argv[UT_MAX_ARGS + 2];
    int argc = 0;
    ptest__buf_free(err);
    argv[argc++] = (char *)"selftest";
    while (*words && argc <= UT_MAX_ARGS)
        argv[argc++] = (char *)*words++;
    argv[argc] = NULL;
    return ptest__parse_args(cfg, argc, argv, err);
}

UT_HELPER int ut_args(struct ptest__config *cfg, struct ptest__buf *err, ...)
{
    const char *words[UT_MAX_ARGS + 1];
    int n = 0;
    va_list ap;
    va_start(ap, err);
    while (n < UT_MAX_ARGS && (words[n] = va_arg(ap, const char *)) != NULL)
        n++;
    va_end(ap);
    words[n] = NULL;
    return ut_argv(cfg, err, words);
}

UT_HELPER void ut_args_free(struct ptest__config *cfg)
{
    free(cfg->filters);
    cfg->filters = NULL;
    free(cfg->addopts);
    cfg->addopts = NULL;
}

/* ------------------------------------------------------------------------
 * Environment: tests that parse a command line or change the variables
 * ptest reads use SETUP(ut_env_save) and TEARDOWN(ut_env_restore): the
 * parse does not see the runner's own settings (a CI's shard variables,
 * say), and an inline run (-j 0) hands the next test (and the programs
 * black-box tests start) the environment it had. ut_env_save unsets all
 * of them.
 * ------------------------------------------------------------------------ */

/* setenv(name, value, 1) and unsetenv(name), which MinGW's CRT lacks:
 * there, ptest__os_setenv sets a variable, and removes it when given ""
 * (Windows has no empty variables, so "" and unset read the same). */
#if defined(_WIN32)
#define ut_setenv(name, value) ptest__os_setenv((name), (value))
#define ut_unsetenv(name) ptest__os_setenv((name), "")
#else
#define ut_setenv(name, value) setenv((name), (value), 1)
#define ut_unsetenv(name) unsetenv(name)
#endif

PTEST__UNUSED static const char *const ut_env_names[] = {
    "PTEST_JOBS", "PTEST_TIMEOUT", "PTEST_CACHE_DIR", "PTEST_ADDOPTS", "NO_COLOR", "TERM",
    "TEST_SHARD_INDEX", "TEST_TOTAL_SHARDS", "GTEST_SHARD_INDEX",
    "GTEST_TOTAL_SHARDS", "XML_OUTPUT_FILE", "TEST_TMPDIR"};
#define UT_ENV_COUNT (sizeof ut_env_names / sizeof ut_env_names[0])
PTEST__UNUSED static char *ut_env_saved[UT_ENV_COUNT];

UT_HELPER void ut_env_save(void)
{
    size_t i;
    for (i = 0; i < UT_ENV_COUNT; i++) {
        const char *value = getenv(ut_env_names[i]);
        free(ut_env_saved[i]);
        ut_env_saved[i] = value ? ptest__xstrdup(value) : NULL;
        ut_unsetenv(ut_env_names[i]);
    }
}

UT_HELPER void ut_env_restore(void)
{
    size_t i;
    for (i = 0; i < UT_ENV_COUNT; i++) {
        if (ut_env_saved[i])
            ut_setenv(ut_env_names[i], ut_env_saved[i]);
        else
            ut_unsetenv(ut_env_names[i]);
        free(ut_env_saved[i]);
        ut_env_saved[i] = NULL;
    }
}

/* ------------------------------------------------------------------------
 * Counters: each returns its argument and counts the call, so a test can
 * check that an assertion evaluated every argument exactly once.
 * ------------------------------------------------------------------------ */

PTEST__UNUSED static int ut_calls;

UT_HELPER int ut_i(int v) { ut_calls++; return v; }
UT_HELPER unsigned ut_u(unsigned v) { ut_calls++; return v; }
UT_HELPER double ut_d(double v) { ut_calls++; return v; }
UT_HELPER size_t ut_z(size_t v) { ut_calls++; return v; }
UT_HELPER const char *ut_s(const char *v) { ut_calls++; return v; }
UT_HELPER const void *ut_p(const void *v) { ut_calls++; return v; }

/* ------------------------------------------------------------------------
 * Expressions: a match callback for ptest__expr_eval that holds for the
 * identifiers listed in data, a space-separated string ("a c").
 * ------------------------------------------------------------------------ */

UT_HELPER int ut_match_words(const char *ident, const void *data)
{
    const char *p = (const char *)data;
    size_t n = strlen(ident);
    while (*p) {
        size_t w = strcspn(p, " ");
        if (w == n && strncmp(p, ident, n) == 0)
            return 1;
        p += w;
        p += *p == ' ';
    }
    return 0;
}

/* Compiles text and evaluates it against the words that hold; -1 when it
 * does not compile (the message is in *err when err is not NULL). */
UT_HELPER int ut_eval(const char *text, const char *true_words, char **err)
{
    struct ptest__expr e;
    struct ptest__buf msg = {NULL, 0, 0};
    unsigned char *stack;
    int result;
    if (ptest__expr_compile(&e, text, &msg) != 0) {
        if (err)
            *err = ptest__buf_take(&msg);
        else
            ptest__buf_free(&msg);
        return -1;
    }
    stack = (unsigned char *)ptest__xcalloc(e.len + 1, 1);
    result = ptest__expr_eval(&e, ut_match_words, true_words, stack);
    free(stack);
    ptest__expr_free(&e);
    ptest__buf_free(&msg);
    if (err)
        *err = NULL;
    return result;
}

/* ------------------------------------------------------------------------
 * Files
 * ------------------------------------------------------------------------ */

/* A fresh directory for files a test writes (removed by the caller), in
 * $TMPDIR or the platform's temporary directory. */
UT_HELPER char *ut_tempdir(void)
{
    char *dir = ut_fmt("%s/ptest-unit-XXXXXX", ptest__os_tmp_root());
    if (!ptest__os_mkdtemp(dir)) {
        free(dir);
        return NULL;
    }
    return dir;
}

/* open_memstream(3), which Windows lacks: a stream whose text
 * ut_mem_close(f, &text, &size) leaves in text (malloc'd, NUL-terminated)
 * and size. On Windows it is an anonymous temporary file read back when
 * closed; text is NULL when the stream could not be read. */
UT_HELPER FILE *ut_mem_open(char **text, size_t *size)
{
#if defined(_WIN32)
    int fd = ptest__os_capture_file("unit");
    FILE *f = fd >= 0 ? _fdopen(fd, "w+b") : NULL;
    if (!f && fd >= 0)
        ptest__os_close(fd);
    *text = NULL;
    *size = 0;
    return f;
#else
    return open_memstream(text, size);
#endif
}

UT_HELPER void ut_mem_close(FILE *f, char **text, size_t *size)
{
#if defined(_WIN32)
    struct ptest__buf b = {NULL, 0, 0};
    char chunk[4096];
    size_t n;
    rewind(f);
    ptest__buf_puts(&b, "");
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ptest__buf_add(&b, chunk, n);
    fclose(f);
    *text = b.data;
    *size = b.len;
#else
    (void)text;
    (void)size;
    fclose(f);
#endif
}

/* The contents of a file, or NULL. */
UT_HELPER char *ut_slurp(const char *path)
{
    struct ptest__buf b = {NULL, 0, 0};
    char chunk[4096];
    size_t n;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    ptest__buf_puts(&b, "");
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ptest__buf_add(&b, chunk, n);
    fclose(f);
    return b.data;
}

/* A string of n copies of byte c (malloc'd). */
UT_HELPER char *ut_repeat(char c, size_t n)
{
    char *s = (char *)ptest__xcalloc(n + 1, 1);
    memset(s, c, n);
    return s;
}

/* The id of case param of t, in its own allocation (the registry writes
 * them all into one block). */
UT_HELPER char *ut_make_id(const struct ptest__test *t, size_t param)
{
    char *id = (char *)ptest__xrealloc(NULL, ptest__id_room(t));
    ptest__write_id(id, t, param);
    return id;
}

#endif /* PTEST_UNIT_H */
