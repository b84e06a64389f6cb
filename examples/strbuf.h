/* strbuf.h - a growable, always NUL-terminated string buffer.
 *
 * Part of the ptest example project: a small C library (this string
 * builder and an INI parser, ini.h) whose tests live in examples/tests/.
 * Build and run its tests from the repository root:
 *
 *     make run                 (or: ./examples/tests/tests -j auto)
 *
 * Usage:
 *
 *     struct strbuf sb;
 *     strbuf_init(&sb);
 *     strbuf_append(&sb, "hello");
 *     strbuf_appendf(&sb, ", %s #%d", "world", 1);
 *     puts(sb.buf);            -> hello, world #1
 *     strbuf_release(&sb);
 *
 * sb.buf is never NULL and always NUL-terminated, so it can be passed to
 * any function expecting a C string. Functions that allocate return 0 on
 * success and -1 when out of memory (the buffer is then left unchanged).
 * Passing NULL where a buffer or a string is expected is a programming
 * error: the call prints a message and aborts, with or without NDEBUG.
 */
#ifndef STRBUF_H
#define STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define STRBUF_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define STRBUF_PRINTF(fmt, args)
#endif

struct strbuf {
    char *buf;      /* the text, NUL-terminated; never NULL */
    size_t len;     /* bytes before the NUL */
    size_t cap;     /* bytes allocated, 0 while buf is the shared "" */
};

/* Lifetime. */
void  strbuf_init(struct strbuf *sb);
void  strbuf_release(struct strbuf *sb);
void  strbuf_reset(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb, size_t *len);
int   strbuf_grow(struct strbuf *sb, size_t extra);

/* Adding text. */
int strbuf_append(struct strbuf *sb, const char *s);
int strbuf_append_len(struct strbuf *sb, const char *s, size_t n);
int strbuf_append_char(struct strbuf *sb, char c);
int strbuf_appendf(struct strbuf *sb, const char *fmt, ...) STRBUF_PRINTF(2, 3);
int strbuf_vappendf(struct strbuf *sb, const char *fmt, va_list ap);
/* Inserts s before byte pos (0..len); a pos past the end aborts. */
int strbuf_insert(struct strbuf *sb, size_t pos, const char *s);

/* Editing in place: trim removes leading and trailing white space
 * (isspace), truncate shortens to len bytes (never lengthens). */
void strbuf_trim(struct strbuf *sb);
void strbuf_rtrim(struct strbuf *sb);
void strbuf_ltrim(struct strbuf *sb);
void strbuf_truncate(struct strbuf *sb, size_t len);

/* Splitting: returns a NULL-terminated array of *count fresh strings, the
 * pieces of s between the separators (empty pieces included, so "a,,b"
 * gives "a", "", "b" and "" gives one empty piece). At most max pieces are
 * made when max > 0: the last one holds the rest of s, separators and all.
 * Returns NULL when out of memory; free the result with strbuf_split_free.
 *
 *     char **kv = strbuf_split("key=a=b", '=', 2, &n);   -> "key", "a=b" */
char **strbuf_split(const char *s, char sep, size_t max, size_t *count);
void   strbuf_split_free(char **pieces);

#endif /* STRBUF_H */
