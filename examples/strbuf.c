/* strbuf.c - the growable string buffer declared in strbuf.h.
 *
 * Part of the ptest example project; its tests are
 * examples/tests/test_strbuf.c. Run them from the repository root with
 * `make run` or `./examples/tests/tests -k strbuf`.
 */
#include "strbuf.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What buf points at before the first allocation, so that buf is never
 * NULL. It is never written: cap == 0 means "not ours to write". */
static char strbuf_empty[1];

/* Reports a broken precondition (a caller bug) and aborts. */
static void strbuf_misuse(const char *func, const char *what)
{
    fprintf(stderr, "strbuf: %s: %s\n", func, what);
    fflush(stderr);
    abort();
}

#define STRBUF_REQUIRE(cond, what)                                             \
    do {                                                                       \
        if (!(cond))                                                           \
            strbuf_misuse(__func__, what);                                     \
    } while (0)

void strbuf_init(struct strbuf *sb)
{
    STRBUF_REQUIRE(sb != NULL, "NULL buffer");
    sb->buf = strbuf_empty;
    sb->len = 0;
    sb->cap = 0;
}

void strbuf_release(struct strbuf *sb)
{
    STRBUF_REQUIRE(sb != NULL, "NULL buffer");
    if (sb->cap)
        free(sb->buf);
    strbuf_init(sb);
}

void strbuf_reset(struct strbuf *sb)
{
    strbuf_truncate(sb, 0);
}

/* Hands the text to the caller, who frees it; the buffer is left empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len)
{
    char *text;

    STRBUF_REQUIRE(sb != NULL, "NULL buffer");
    if (sb->cap == 0 && strbuf_grow(sb, 0) < 0)
        return NULL;
    text = sb->buf;
    if (len)
        *len = sb->len;
    strbuf_init(sb);
    return text;
}

/* Makes room for extra more bytes plus the NUL, growing by half again so
 * that n appends cost O(n) copies in total. */
int strbuf_grow(struct strbuf *sb, size_t extra)
{
    size_t need, cap;
    char *p;

    STRBUF_REQUIRE(sb != NULL, "NULL buffer");
    if (extra > (size_t)-1 - sb->len - 1)
        return -1;
    need = sb->len + extra + 1;
    if (need <= sb->cap)
        return 0;
    cap = sb->cap < 16 ? 16 : sb->cap;
    while (cap < need)
        cap = cap > (size_t)-1 / 3 * 2 ? need : cap + cap / 2;
    p = realloc(sb->cap ? sb->buf : NULL, cap);
    if (p == NULL)
        return -1;
    if (sb->cap == 0)
        p[0] = '\0';
    sb->buf = p;
    sb->cap = cap;
    return 0;
}

/* Whether s points into sb's own text, which growing may move. */
static int strbuf_owns(const struct strbuf *sb, const char *s)
{
    uintptr_t p = (uintptr_t)s, b = (uintptr_t)sb->buf;

    return sb->cap && p >= b && p <= b + sb->len;
}

int strbuf_append_len(struct strbuf *sb, const char *s, size_t n)
{
    size_t off;
    int own;

    STRBUF_REQUIRE(sb != NULL, "NULL buffer");
    STRBUF_REQUIRE(s != NULL || n == 0, "NULL string");
    own = strbuf_owns(sb, s);
    off = own ? (size_t)(s - sb->buf) : 0;
    if (strbuf_grow(sb, n) < 0)
        return -1;
    if (own)
        s = sb->buf + off;
    if (n)
        memmove(sb->buf + sb->len, s, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
    return 0;
}

int strbuf_append(struct strbuf *sb, const char *s)
{
    STRBUF_REQUIRE(s != NULL, "NULL string");
    return strbuf_append_len(sb, s, strlen(s));
}

int strbuf_append_char(struct strbuf *sb, char c)
{
    return strbuf_append_len(sb, &c, 1);
}

int strbuf_vappendf(struct strbuf *sb, const char *fmt, va_list ap)
{
    va_list again;
    int n;

    STRBUF_REQUIRE(sb != NULL, "NULL buffer");
    STRBUF_REQUIRE(fmt != NULL, "NULL format");
    va_copy(again, ap);
    n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0 || strbuf_grow(sb, (size_t)n) < 0) {
        va_end(again);
        return -1;
    }
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, again);
    va_end(again);
    sb->len += (size_t)n;
    return 0;
}

int strbuf_appendf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = strbuf_vappendf(sb, fmt, ap);
    va_end(ap);
    return rc;
}

int strbuf_insert(struct strbuf *sb, size_t pos, const char *s)
{
    char *copy = NULL;
    size_t n;

    STRBUF_REQUIRE(sb != NULL, "NULL buffer");
    STRBUF_REQUIRE(s != NULL, "NULL string");
    STRBUF_REQUIRE(pos <= sb->len, "position past the end");
    n = strlen(s);
    /* Inserting part of the buffer into itself: growing may move the
     * text and the shift below overwrites it, so work from a copy. */
    if (strbuf_owns(sb, s)) {
        copy = malloc(n + 1);
        if (copy == NULL)
            return -1;
        s = memcpy(copy, s, n + 1);
    }
    if (strbuf_grow(sb, n) < 0) {
        free(copy);
        return -1;
    }
    memmove(sb->buf + pos + n, sb->buf + pos, sb->len - pos + 1);
    memcpy(sb->buf + pos, s, n);
    sb->len += n;
    free(copy);
    return 0;
}

void strbuf_truncate(struct strbuf *sb, size_t len)
{
    STRBUF_REQUIRE(sb != NULL, "NULL buffer");
    if (len >= sb->len)
        return;
    sb->len = len;
    sb->buf[len] = '\0';
}

void strbuf_rtrim(struct strbuf *sb)
{
    size_t len;

    STRBUF_REQUIRE(sb != NULL, "NULL buffer");
    len = sb->len;
    while (len > 0 && isspace((unsigned char)sb->buf[len - 1]))
        len--;
    strbuf_truncate(sb, len);
}

void strbuf_ltrim(struct strbuf *sb)
{
    size_t skip = 0;

    STRBUF_REQUIRE(sb != NULL, "NULL buffer");
    while (skip < sb->len && isspace((unsigned char)sb->buf[skip]))
        skip++;
    if (skip == 0)
        return;
    memmove(sb->buf, sb->buf + skip, sb->len - skip + 1);
    sb->len -= skip;
}

void strbuf_trim(struct strbuf *sb)
{
    strbuf_rtrim(sb);
    strbuf_ltrim(sb);
}

/* Counts the pieces strbuf_split will make. */
static size_t strbuf_count_pieces(const char *s, char sep, size_t max)
{
    size_t n = 1;

    for (; *s; s++)
        if (*s == sep && (max == 0 || n < max))
            n++;
    return n;
}

char **strbuf_split(const char *s, char sep, size_t max, size_t *count)
{
    size_t n, i, len;
    const char *end;
    char **pieces;

    STRBUF_REQUIRE(s != NULL, "NULL string");
    n = strbuf_count_pieces(s, sep, max);
    pieces = calloc(n + 1, sizeof(*pieces));
    if (pieces == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        end = i + 1 < n ? strchr(s, sep) : s + strlen(s);
        len = (size_t)(end - s);
        pieces[i] = malloc(len + 1);
        if (pieces[i] == NULL) {
            strbuf_split_free(pieces);
            return NULL;
        }
        memcpy(pieces[i], s, len);
        pieces[i][len] = '\0';
        s = end + 1;
    }
    if (count)
        *count = n;
    return pieces;
}

void strbuf_split_free(char **pieces)
{
    size_t i;

    if (pieces == NULL)
        return;
    for (i = 0; pieces[i] != NULL; i++)
        free(pieces[i]);
    free(pieces);
}
