/* helpers.c - the helpers declared in helpers.h.
 *
 * Shows: assertions used outside a test body. Each helper fails the
 * calling test with a clear message instead of returning an error code.
 * Run the suite from the repository root with `make run`.
 */
#define _POSIX_C_SOURCE 200809L

#include "helpers.h"
#include "ptest.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    ASSERT_NOT_NULL_MSG(f, "cannot create %s: %s", path, strerror(errno));
    ASSERT_EQ(fwrite(data, 1, len, f), len);
    ASSERT_EQ_MSG(fclose(f), 0, "cannot write %s: %s", path, strerror(errno));
}

void write_text(const char *path, const char *text)
{
    write_file(path, text, strlen(text));
}

void join_path(char *buf, const char *dir, const char *name)
{
    int n = snprintf(buf, PATH_BUF, "%s/%s", dir, name);

    ASSERT_TRUE_MSG(n > 0 && n < PATH_BUF, "path too long: %s/%s", dir, name);
}

long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void sleep_ms(long ms)
{
    struct timespec left;

    left.tv_sec = ms / 1000;
    left.tv_nsec = (ms % 1000) * 1000000L;
    while (nanosleep(&left, &left) < 0 && errno == EINTR)
        continue;
}
