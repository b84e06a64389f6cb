/* helpers.h - small helpers shared by the example test files.
 *
 * Shows: test helpers that use ptest assertions themselves. An ASSERT_*
 * that fails inside a helper ends the calling test, so the tests need not
 * check what the helpers return. Run the suite from the repository root
 * with `make run`.
 */
#ifndef EXAMPLE_HELPERS_H
#define EXAMPLE_HELPERS_H

#include <stddef.h>

/* Fixture state is per test, and tests may run as threads of one process
 * (--pool=thread): keep it thread-local so that workers do not share it. */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define TEST_LOCAL _Thread_local
#elif defined(__GNUC__)
#define TEST_LOCAL __thread
#else
#define TEST_LOCAL
#endif

/* Writes len bytes to path (replacing it), failing the test on error. */
void write_file(const char *path, const char *data, size_t len);

/* Writes a NUL-terminated text to path, failing the test on error. */
void write_text(const char *path, const char *text);

/* Formats dir/name into buf (of size PATH_BUF), failing on overflow. */
#define PATH_BUF 512
void join_path(char *buf, const char *dir, const char *name);

/* Milliseconds on a monotonic clock, for measuring waits. */
long now_ms(void);

/* Sleeps for ms milliseconds (resuming after signals). */
void sleep_ms(long ms);

#endif /* EXAMPLE_HELPERS_H */
