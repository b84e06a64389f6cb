/* ini.c - the INI parser and writer declared in ini.h.
 *
 * Part of the ptest example project; its tests are
 * examples/tests/test_ini.c (parsing from strings) and test_ini_files.c
 * (files on disk). Run them from the repository root with `make run` or
 * `./examples/tests/tests -m parser`.
 *
 * A document is a list of sections, each a list of key/value pairs, both
 * kept in order of appearance and searched linearly: configuration files
 * are small, and order matters more than lookup speed here.
 */
#include "ini.h"
#include "strbuf.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ini_entry {
    char *key;
    char *value;
    int line;               /* where it was set, 0 for ini_set */
};

struct ini_section {
    char *name;             /* "" for the global section */
    struct ini_entry *entries;
    size_t count, cap;
};

struct ini {
    struct ini_section *sections;   /* the global one, if any, first */
    size_t count, cap;
};

/* The parser's state while it walks a document. */
struct ini_parser {
    struct ini *ini;
    struct ini_section *section;    /* the one keys go to; NULL = global */
    struct ini_error *err;
    struct strbuf line;             /* the current line, trimmed */
    struct strbuf value;            /* the current value, unquoted */
    int lineno;
};

/* ------------------------------------------------------------------------
 * Names and storage.
 * ------------------------------------------------------------------------ */

/* ASCII case-insensitive comparison: names are not locale-dependent. */
static int ini_name_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static char *ini_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);

    return p ? memcpy(p, s, n) : NULL;
}

static struct ini_section *ini_find_section(const struct ini *ini,
                                            const char *name)
{
    size_t i;

    if (name == NULL)
        name = "";
    for (i = 0; i < ini->count; i++)
        if (ini_name_eq(ini->sections[i].name, name))
            return &ini->sections[i];
    return NULL;
}

static struct ini_entry *ini_find_entry(const struct ini_section *sec,
                                        const char *key)
{
    size_t i;

    for (i = 0; sec && i < sec->count; i++)
        if (ini_name_eq(sec->entries[i].key, key))
            return &sec->entries[i];
    return NULL;
}

/* Doubles a vector's capacity when full; 0 or -1 when out of memory. */
static int ini_reserve(void **items, size_t *cap, size_t count, size_t size)
{
    size_t ncap = *cap ? *cap * 2 : 8;
    void *p;

    if (count < *cap)
        return 0;
    p = realloc(*items, ncap * size);
    if (p == NULL)
        return -1;
    *items = p;
    *cap = ncap;
    return 0;
}

/* Finds or adds a section; the global section always goes first. */
static struct ini_section *ini_add_section(struct ini *ini, const char *name)
{
    struct ini_section *sec = ini_find_section(ini, name);
    size_t at;

    if (sec)
        return sec;
    if (ini_reserve((void **)&ini->sections, &ini->cap, ini->count,
                    sizeof(*ini->sections)) < 0)
        return NULL;
    at = *name ? ini->count : 0;
    memmove(&ini->sections[at + 1], &ini->sections[at],
            (ini->count - at) * sizeof(*ini->sections));
    sec = &ini->sections[at];
    memset(sec, 0, sizeof(*sec));
    sec->name = ini_strdup(name);
    if (sec->name == NULL) {
        memmove(&ini->sections[at], &ini->sections[at + 1],
                (ini->count - at) * sizeof(*ini->sections));
        return NULL;
    }
    ini->count++;
    return sec;
}

static int ini_add_entry(struct ini_section *sec, const char *key,
                         const char *value, int line)
{
    struct ini_entry e;

    if (ini_reserve((void **)&sec->entries, &sec->cap, sec->count,
                    sizeof(*sec->entries)) < 0)
        return -1;
    e.key = ini_strdup(key);
    e.value = ini_strdup(value);
    e.line = line;
    if (e.key == NULL || e.value == NULL) {
        free(e.key);
        free(e.value);
        return -1;
    }
    sec->entries[sec->count++] = e;
    return 0;
}

struct ini *ini_new(void)
{
    return calloc(1, sizeof(struct ini));
}

void ini_free(struct ini *ini)
{
    size_t i, j;

    if (ini == NULL)
        return;
    for (i = 0; i < ini->count; i++) {
        struct ini_section *sec = &ini->sections[i];

        for (j = 0; j < sec->count; j++) {
            free(sec->entries[j].key);
            free(sec->entries[j].value);
        }
        free(sec->entries);
        free(sec->name);
    }
    free(ini->sections);
    free(ini);
}

/* ------------------------------------------------------------------------
 * Parsing.
 * ------------------------------------------------------------------------ */

static void ini_set_error(struct ini_error *err, int line, const char *fmt, ...)
    STRBUF_PRINTF(3, 4);

static void ini_set_error(struct ini_error *err, int line, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return;
    err->line = line;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
}

/* Whether p starts a comment: only at the start of what is left of the
 * line or after white space, so "a#b" is a value but "a #b" is not. */
static int ini_is_comment(const char *start, const char *p)
{
    return (*p == ';' || *p == '#') &&
           (p == start || isspace((unsigned char)p[-1]));
}

static const char *ini_skip_space(const char *p)
{
    while (isspace((unsigned char)*p))
        p++;
    return p;
}

/* Checks that nothing but a comment follows what was parsed. */
static int ini_expect_end(struct ini_parser *ps, const char *p,
                          const char *after)
{
    const char *q = ini_skip_space(p);

    if (*q == '\0' || ini_is_comment(p, q))
        return 0;
    ini_set_error(ps->err, ps->lineno, "unexpected text after %s: '%s'",
                  after, q);
    return -1;
}

static int ini_parse_header(struct ini_parser *ps, const char *text)
{
    const char *close = strchr(text, ']');
    struct strbuf name;
    int rc = -1;

    if (close == NULL) {
        ini_set_error(ps->err, ps->lineno, "unterminated section header");
        return -1;
    }
    if (ini_expect_end(ps, close + 1, "section header") < 0)
        return -1;
    strbuf_init(&name);
    if (strbuf_append_len(&name, text + 1, (size_t)(close - text - 1)) < 0) {
        ini_set_error(ps->err, 0, "out of memory");
        return -1;
    }
    strbuf_trim(&name);
    if (name.len == 0)
        ini_set_error(ps->err, ps->lineno, "empty section name");
    else if ((ps->section = ini_add_section(ps->ini, name.buf)) == NULL)
        ini_set_error(ps->err, 0, "out of memory");
    else
        rc = 0;
    strbuf_release(&name);
    return rc;
}

/* Reads a "quoted value" starting at p (on the quote) into ps->value. */
static int ini_parse_quoted(struct ini_parser *ps, const char *p)
{
    for (p++; *p && *p != '"'; p++) {
        if (*p == '\\') {
            if (p[1] != '"' && p[1] != '\\') {
                ini_set_error(ps->err, ps->lineno,
                              "unknown escape '\\%c' in quoted value",
                              p[1] ? p[1] : ' ');
                return -1;
            }
            p++;
        }
        if (strbuf_append_char(&ps->value, *p) < 0) {
            ini_set_error(ps->err, 0, "out of memory");
            return -1;
        }
    }
    if (*p != '"') {
        ini_set_error(ps->err, ps->lineno, "unterminated quoted value");
        return -1;
    }
    return ini_expect_end(ps, p + 1, "quoted value");
}

/* Reads a bare value: up to an inline comment, trailing space dropped. */
static int ini_parse_bare(struct ini_parser *ps, const char *p)
{
    const char *end = p;

    while (*end && !ini_is_comment(p, end))
        end++;
    if (strbuf_append_len(&ps->value, p, (size_t)(end - p)) < 0) {
        ini_set_error(ps->err, 0, "out of memory");
        return -1;
    }
    strbuf_rtrim(&ps->value);
    return 0;
}

static int ini_store(struct ini_parser *ps, const char *key)
{
    struct ini_section *sec = ps->section;
    struct ini_entry *old;

    if (sec == NULL && (sec = ini_add_section(ps->ini, "")) == NULL) {
        ini_set_error(ps->err, 0, "out of memory");
        return -1;
    }
    ps->section = sec;
    old = ini_find_entry(sec, key);
    if (old) {
        ini_set_error(ps->err, ps->lineno,
                      "duplicate key '%s' (first set on line %d)", key,
                      old->line);
        return -1;
    }
    if (ini_add_entry(sec, key, ps->value.buf, ps->lineno) < 0) {
        ini_set_error(ps->err, 0, "out of memory");
        return -1;
    }
    return 0;
}

static int ini_parse_pair(struct ini_parser *ps, char *text)
{
    char *eq = strchr(text, '=');
    const char *v;
    size_t klen;

    if (eq == NULL) {
        ini_set_error(ps->err, ps->lineno, "expected 'key = value', got '%s'",
                      text);
        return -1;
    }
    klen = (size_t)(eq - text);
    while (klen > 0 && isspace((unsigned char)text[klen - 1]))
        klen--;
    if (klen == 0) {
        ini_set_error(ps->err, ps->lineno, "empty key");
        return -1;
    }
    text[klen] = '\0';  /* the line buffer is ours to cut */
    strbuf_reset(&ps->value);
    v = ini_skip_space(eq + 1);
    if ((*v == '"' ? ini_parse_quoted(ps, v) : ini_parse_bare(ps, v)) < 0)
        return -1;
    return ini_store(ps, text);
}

static int ini_parse_line(struct ini_parser *ps)
{
    strbuf_trim(&ps->line);
    switch (ps->line.buf[0]) {
    case '\0':
    case ';':
    case '#':
        return 0;
    case '[':
        return ini_parse_header(ps, ps->line.buf);
    default:
        return ini_parse_pair(ps, ps->line.buf);
    }
}

/* Parses len bytes of text; NUL bytes in them are an error. */
static struct ini *ini_parse_buffer(const char *text, size_t len,
                                    struct ini_error *err)
{
    struct ini_parser ps = {NULL, NULL, NULL, {NULL, 0, 0}, {NULL, 0, 0}, 0};
    const char *end = text + len, *eol;
    int rc = 0;

    ps.err = err;
    ps.ini = ini_new();
    if (ps.ini == NULL) {
        ini_set_error(err, 0, "out of memory");
        return NULL;
    }
    strbuf_init(&ps.line);
    strbuf_init(&ps.value);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3;
    for (; rc == 0 && text < end; text = eol + 1) {
        ps.lineno++;
        eol = memchr(text, '\n', (size_t)(end - text));
        if (eol == NULL)
            eol = end;
        strbuf_reset(&ps.line);
        if (memchr(text, '\0', (size_t)(eol - text))) {
            ini_set_error(err, ps.lineno, "NUL byte in line");
            rc = -1;
        } else if (strbuf_append_len(&ps.line, text, (size_t)(eol - text))) {
            ini_set_error(err, 0, "out of memory");
            rc = -1;
        } else {
            rc = ini_parse_line(&ps);
        }
    }
    strbuf_release(&ps.line);
    strbuf_release(&ps.value);
    if (rc < 0) {
        ini_free(ps.ini);
        return NULL;
    }
    return ps.ini;
}

struct ini *ini_parse_string(const char *text, struct ini_error *err)
{
    if (text == NULL) {
        ini_set_error(err, 0, "no text");
        return NULL;
    }
    return ini_parse_buffer(text, strlen(text), err);
}

/* Reads a whole stream into sb; 0, or -1 with errno set. */
static int ini_slurp(FILE *f, struct strbuf *sb)
{
    size_t n;

    do {
        if (strbuf_grow(sb, 4096) < 0) {
            errno = ENOMEM;
            return -1;
        }
        n = fread(sb->buf + sb->len, 1, 4096, f);
        sb->len += n;
        sb->buf[sb->len] = '\0';
    } while (n > 0);
    return ferror(f) ? -1 : 0;
}

struct ini *ini_parse_file(const char *path, struct ini_error *err)
{
    struct strbuf text;
    struct ini *ini = NULL;
    FILE *f;

    f = fopen(path, "rb");
    if (f == NULL) {
        ini_set_error(err, 0, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    strbuf_init(&text);
    if (ini_slurp(f, &text) < 0)
        ini_set_error(err, 0, "cannot read '%s': %s", path, strerror(errno));
    else
        ini = ini_parse_buffer(text.buf, text.len, err);
    fclose(f);
    strbuf_release(&text);
    return ini;
}

/* ------------------------------------------------------------------------
 * Lookup.
 * ------------------------------------------------------------------------ */

const char *ini_get(const struct ini *ini, const char *section,
                    const char *key)
{
    const struct ini_entry *e;

    e = ini_find_entry(ini_find_section(ini, section), key);
    return e ? e->value : NULL;
}

int ini_get_long(const struct ini *ini, const char *section, const char *key,
                 long *out)
{
    const char *v = ini_get(ini, section, key);
    char *end;
    long n;

    if (v == NULL || *v == '\0')
        return -1;
    errno = 0;
    n = strtol(v, &end, 0);
    if (errno || *end != '\0')
        return -1;
    *out = n;
    return 0;
}

int ini_get_bool(const struct ini *ini, const char *section, const char *key,
                 int *out)
{
    static const char *const words[] = {"false", "true", "no", "yes",
                                        "off",   "on",   "0",  "1"};
    const char *v = ini_get(ini, section, key);
    size_t i;

    for (i = 0; v && i < sizeof(words) / sizeof(words[0]); i++) {
        if (ini_name_eq(v, words[i])) {
            *out = (int)(i % 2);
            return 0;
        }
    }
    return -1;
}

int ini_has_section(const struct ini *ini, const char *section)
{
    return ini_find_section(ini, section) != NULL;
}

size_t ini_section_count(const struct ini *ini)
{
    return ini->count;
}

const char *ini_section_name(const struct ini *ini, size_t i)
{
    return i < ini->count ? ini->sections[i].name : NULL;
}

size_t ini_key_count(const struct ini *ini, const char *section)
{
    const struct ini_section *sec = ini_find_section(ini, section);

    return sec ? sec->count : 0;
}

const char *ini_key_name(const struct ini *ini, const char *section, size_t i)
{
    const struct ini_section *sec = ini_find_section(ini, section);

    return sec && i < sec->count ? sec->entries[i].key : NULL;
}

/* ------------------------------------------------------------------------
 * Editing and writing.
 * ------------------------------------------------------------------------ */

/* Whether name survives a round trip through ini_format and the parser. */
static int ini_writable_name(const char *name)
{
    size_t n = strlen(name);

    return n > 0 && !isspace((unsigned char)name[0]) &&
           !isspace((unsigned char)name[n - 1]) &&
           strpbrk(name, "=[];#\r\n") == NULL;
}

int ini_set(struct ini *ini, const char *section, const char *key,
            const char *value)
{
    struct ini_section *sec;
    struct ini_entry *e;
    char *copy;

    if (section == NULL)
        section = "";
    if ((*section && !ini_writable_name(section)) ||
        !ini_writable_name(key) || strpbrk(value, "\r\n"))
        return -1;
    sec = ini_add_section(ini, section);
    if (sec == NULL)
        return -1;
    e = ini_find_entry(sec, key);
    if (e == NULL)
        return ini_add_entry(sec, key, value, 0);
    copy = ini_strdup(value);
    if (copy == NULL)
        return -1;
    free(e->value);
    e->value = copy;
    return 0;
}

/* Whether a value must be quoted to read back the same. */
static int ini_needs_quotes(const char *v)
{
    size_t n = strlen(v);

    return n > 0 && (isspace((unsigned char)v[0]) ||
                     isspace((unsigned char)v[n - 1]) || v[0] == '"' ||
                     strpbrk(v, ";#") != NULL);
}

static int ini_format_value(struct strbuf *out, const char *v)
{
    int rc = 0;

    if (!ini_needs_quotes(v))
        return strbuf_append(out, v);
    rc |= strbuf_append_char(out, '"');
    for (; *v; v++) {
        if (*v == '"' || *v == '\\')
            rc |= strbuf_append_char(out, '\\');
        rc |= strbuf_append_char(out, *v);
    }
    rc |= strbuf_append_char(out, '"');
    return rc;
}

int ini_format(const struct ini *ini, struct strbuf *out)
{
    size_t i, j;
    int rc = 0;

    for (i = 0; i < ini->count; i++) {
        const struct ini_section *sec = &ini->sections[i];

        if (*sec->name)
            rc |= strbuf_appendf(out, "%s[%s]\n", i ? "\n" : "", sec->name);
        for (j = 0; j < sec->count; j++) {
            rc |= strbuf_appendf(out, "%s = ", sec->entries[j].key);
            rc |= ini_format_value(out, sec->entries[j].value);
            rc |= strbuf_append_char(out, '\n');
        }
    }
    return rc ? -1 : 0;
}

int ini_write_file(const struct ini *ini, const char *path)
{
    struct strbuf text;
    FILE *f;
    int rc;

    strbuf_init(&text);
    rc = ini_format(ini, &text);
    if (rc == 0) {
        f = fopen(path, "wb");
        if (f == NULL) {
            rc = -1;
        } else {
            rc = fwrite(text.buf, 1, text.len, f) == text.len ? 0 : -1;
            rc |= fclose(f) == 0 ? 0 : -1;
        }
    }
    strbuf_release(&text);
    return rc;
}
