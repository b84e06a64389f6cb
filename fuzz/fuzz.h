/* fuzz.h - what the libFuzzer targets in fuzz/ share: the implementation
 * (its internals are static, so each target is one translation unit that
 * includes it), a small hand-made registry to select from, and a check
 * that aborts, so that libFuzzer records the input as a crash.
 *
 * Built by `make fuzz` with clang -fsanitize=fuzzer,address,undefined;
 * README.md ("Fuzzing") says how they run and where the corpus is.
 */
#ifndef PTEST_FUZZ_H
#define PTEST_FUZZ_H

#define PTEST_IMPLEMENTATION
#include "ptest.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fails the input: libFuzzer saves it as crash-<sha1>. */
#define FUZZ_CHECK(cond, ...)                                                  \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "fuzz: %s:%d: check failed: %s: ", __FILE__,       \
                    __LINE__, #cond);                                          \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* A user error is a message, and printed (by ptest__error) on one line. */
static void fuzz_check_user_error(const char *msg)
{
    struct ptest__buf line = {NULL, 0, 0};
    size_t i;
    FUZZ_CHECK(msg != NULL && *msg, "an empty user error");
    ptest__buf_one_line(&line, msg);
    for (i = 0; i < line.len; i++)
        FUZZ_CHECK((unsigned char)line.data[i] >= 0x20 && line.data[i] != 0x7f,
                   "byte %d in [%s]", line.data[i], line.data);
    ptest__buf_free(&line);
}

/* The data as a NUL-terminated string (up to its first NUL); free() it. */
static char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = (char *)malloc(size + 1);
    FUZZ_CHECK(s != NULL, "out of memory");
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Six tests in three suites, one a TEST_P of two cases, with built-in
 * markers and one declared marker ("db"). */
static const struct ptest__option fuzz_opts_none[] = {PTEST__OPT_END_};
static const struct ptest__option fuzz_opts_slow[] = {
    PTEST__OPTIONS(PTEST_MARK(slow), PTEST__OPT_END_)};
static const struct ptest__option fuzz_opts_db[] = {
    PTEST__OPTIONS(PTEST_MARK(db), PTEST_MARK(integration), PTEST__OPT_END_)};
static const int fuzz_params[2] = {1, 2};
static const struct ptest__params fuzz_params_info = {NULL, fuzz_params,
                                                      sizeof fuzz_params[0], 2};

#define FUZZ_TEST(suite_, name_, line_, opts_)                                 \
    {.suite = suite_, .name = name_, .file = "fuzz.c", .line = line_,          \
     .options = opts_, .option_count = sizeof opts_ / sizeof opts_[0]}
static const struct ptest__test fuzz_tests[] = {
    FUZZ_TEST("math", "adds", 1, fuzz_opts_none),
    FUZZ_TEST("math", "Divides_By_Zero", 2, fuzz_opts_slow),
    FUZZ_TEST("net", "fetch", 3, fuzz_opts_db),
    FUZZ_TEST("net", "fetch_all", 4, fuzz_opts_slow),
    {.suite = "param", .name = "square", .file = "fuzz.c", .line = 5,
     .options = fuzz_opts_none, .option_count = 1, .params = &fuzz_params_info},
};
#define FUZZ_TESTS (sizeof fuzz_tests / sizeof fuzz_tests[0])

static const struct ptest__marker fuzz_marker_db = {"db", "needs a database", "fuzz.c", 1};

/* Fills reg with the cases of fuzz_tests, as ptest__registry_collect
 * would; ptest__registry_free releases it. */
static void fuzz_registry(struct ptest__registry *reg)
{
    size_t i, j, n = 0;
    memset(reg, 0, sizeof *reg);
    reg->cases = (struct ptest__case *)ptest__xcalloc(FUZZ_TESTS + 1, sizeof *reg->cases);
    for (i = 0; i < FUZZ_TESTS; i++) {
        size_t count = fuzz_tests[i].params ? fuzz_tests[i].params->count : 1;
        for (j = 0; j < count; j++, n++) {
            struct ptest__case *c = &reg->cases[n];
            c->test = &fuzz_tests[i];
            c->param = j;
            c->id = (char *)ptest__xrealloc(NULL, ptest__id_room(c->test));
            ptest__write_id(c->id, c->test, j);
            c->key = c->id;
        }
    }
    reg->count = n;
    reg->markers = (const struct ptest__marker **)ptest__xcalloc(1, sizeof *reg->markers);
    reg->markers[0] = &fuzz_marker_db;
    reg->marker_count = 1;
}

#endif /* PTEST_FUZZ_H */
