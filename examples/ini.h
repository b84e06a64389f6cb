/* ini.h - a small INI-file parser and writer.
 *
 * Part of the ptest example project: a small C library (this parser and
 * the string builder in strbuf.h) whose tests live in examples/tests/.
 * Build and run its tests from the repository root:
 *
 *     make run                 (or: ./examples/tests/tests -m parser)
 *
 * The format:
 *
 *     ; a comment (also '#'), on its own line or after a value
 *     name = global key, before any section
 *     [server]
 *     host = example.org       ; names are case-insensitive
 *     motd = "  kept as is ; even this  "
 *
 * White space around names and values is dropped. A value in double
 * quotes is taken literally, with \" and \\ as its only escapes. Keys
 * before the first section belong to the section "". A section may be
 * opened more than once; a key given twice in one section is an error.
 * Lines may end in \n or \r\n, and a UTF-8 byte order mark is skipped.
 * Not supported: line continuations, multi-line values.
 *
 * Usage:
 *
 *     struct ini_error err;
 *     struct ini *cfg = ini_parse_file("app.ini", &err);
 *     if (cfg == NULL)
 *         fprintf(stderr, "app.ini:%d: %s\n", err.line, err.message);
 *     else
 *         port = ini_get(cfg, "server", "port");
 *     ini_free(cfg);
 */
#ifndef INI_H
#define INI_H

#include <stddef.h>

struct strbuf;
struct ini;

/* Why parsing failed: line is 1-based, 0 when the file could not be read
 * (or memory ran out); message says what was wrong, without the line. */
struct ini_error {
    int line;
    char message[160];
};

/* Parsing. Both return NULL on failure and fill *err (err may be NULL). */
struct ini *ini_parse_string(const char *text, struct ini_error *err);
struct ini *ini_parse_file(const char *path, struct ini_error *err);

/* An empty document, to fill with ini_set. NULL when out of memory. */
struct ini *ini_new(void);
void        ini_free(struct ini *ini);

/* Lookup. section NULL or "" is the global section. ini_get returns the
 * value or NULL when absent. The typed getters return 0 and store the
 * value, or -1 when the key is absent or its value is not of the type
 * (integers as strtol base 0; booleans true/false, yes/no, on/off, 1/0). */
const char *ini_get(const struct ini *ini, const char *section,
                    const char *key);
int         ini_get_long(const struct ini *ini, const char *section,
                         const char *key, long *out);
int         ini_get_bool(const struct ini *ini, const char *section,
                         const char *key, int *out);
int         ini_has_section(const struct ini *ini, const char *section);

/* Iteration: sections in order of first appearance (the global section
 * first, when it has keys), keys in order of appearance. */
size_t      ini_section_count(const struct ini *ini);
const char *ini_section_name(const struct ini *ini, size_t i);
size_t      ini_key_count(const struct ini *ini, const char *section);
const char *ini_key_name(const struct ini *ini, const char *section,
                         size_t i);

/* Editing and writing. ini_set adds or replaces a key; it returns -1 for a
 * name that could not be written back (empty, with white space at either
 * end, or holding '=', '[', ']', ';', '#' or a line break; the section
 * name may be ""), for a value with a line break, or when out of memory.
 * ini_format appends the document to out in a form ini_parse_string reads
 * back to the same content; ini_write_file writes that to path. */
int ini_set(struct ini *ini, const char *section, const char *key,
            const char *value);
int ini_format(const struct ini *ini, struct strbuf *out);
int ini_write_file(const struct ini *ini, const char *path);

#endif /* INI_H */
