/* golden.c - runs the transcripts in tests/golden/NAME.t, one test each.
 *
 * A case file is prose and shell transcripts, cram-like:
 *
 *     # A line starting with "# " (or a lone "#") is a comment.
 *     $ tests/progs/crash -j 2          a command, run by /bin/sh from the
 *     > --tb=short                      repository root ("> " continues it)
 *     ptest VERSION: 3 tests selected   the expected stdout + stderr
 *     ...
 *     [1]                               the expected exit status (0 if absent)
 *
 * Output runs from the command to the next "$ ", "# " or "[N]" line;
 * blank lines at its end only separate it from what follows. Each command
 * runs through the harness (harness.h): its own session, PTEST_STABLE=1,
 * PTEST_JOBS=2 (so the default -j is the same on every machine),
 * NO_COLOR=1, LC_ALL=C, a fresh PTEST_CACHE_DIR, an outer timeout of 30 s,
 * and no process may be left in its session afterwards.
 *
 * Normalised in both the actual and the expected text (bb_normalize):
 * timings ("0.52s" -> "N.NNs"), the version ("ptest 0.1.0" -> "ptest
 * VERSION"), pointer values ("0x7ffd..." -> "0xADDR") and "pid 123" ->
 * "pid PID". Nothing else: a transcript that varies otherwise is a bug
 * in the runner's determinism or in the case.
 *
 * On Windows (PTEST_GOLDEN_VARIANT=windows, set by tests/windows/
 * blackbox.sh) the output's "\r\n" is "\n" and the Windows path Wine
 * gives a program as argv[0] ("Z:\\...\\tests\\progs\\pass.exe") is the
 * path the command named ("tests/progs/pass"); the commands that still
 * differ there are in tests/golden/windows/ (below). The cases that
 * cannot run there are in golden_unsupported, with why.
 *
 * A command that exits 80 skips the whole case (cram's convention), e.g.
 *     $ command -v clang >/dev/null || exit 80
 * except under PTEST_CI=1, where a skip fails (bb_skip).
 *
 * Where a platform cannot give a command's transcript (an emulator that
 * lacks a system call, Windows), the difference is written down beside it,
 * never skipped: with PTEST_GOLDEN_VARIANT=NAME (make cross sets "qemu",
 * make windows-blackbox "windows"), a command whose output differs from
 * CASE.t passes if it matches the same command's transcript in
 * tests/golden/NAME/CASE.t, whose comments say why; only the commands
 * that differ are written twice. golden.variants_name_real_commands
 * keeps those files honest.
 *
 * GOLDEN_UPDATE=1 ./tests/selftest -k golden rewrites each case file's
 * transcripts with what the commands print now (comments and commands
 * stay); review the diff before committing it.
 *
 * An output line that would read as a comment, a command, a continuation
 * or an exit status (TAP's "# ..." lines) is written with a backslash in
 * front, which is not part of the output; so is one starting with a
 * backslash. GOLDEN_UPDATE adds these backslashes.
 */
#define _GNU_SOURCE 1

#include "harness.h"

#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GOLDEN_TIMEOUT 30.0
#define GOLDEN_SKIP_STATUS 80
#define GOLDEN_CONTEXT 3

static const char *golden_variant(void);

/* Lines of a text, pointing into a copy that owns them. */
struct golden_lines {
    char *text;
    char **line;
    size_t count;
};

/* One "$ command" of a case file. */
struct golden_cmd {
    size_t cmd_line;        /* 1-based line of the "$ " */
    char *cmd;
    char *expected;         /* the output block, trailing blank lines cut */
    int status;             /* from "[N]", else 0 */
    size_t block_from;      /* 0-based lines of the output block (with its */
    size_t block_to;        /* trailing blanks) and of the "[N]" line, */
    size_t status_line;     /* (size_t)-1 when there is none */
    char *actual;           /* normalised, after running */
    int actual_status;
    int differs;            /* from the file and from its variant */
};

struct golden_case {
    char path[4096];
    struct golden_lines file;
    struct golden_cmd *cmds;
    size_t count;
    char *error;            /* a malformed file, or NULL */
};

/* Splits text (copied) into lines, without their newlines. */
static void golden_split(const char *text, struct golden_lines *l)
{
    size_t n = 0, cap = 16;
    char *p;
    l->text = strdup(text);
    l->line = (char **)malloc(cap * sizeof *l->line);
    for (p = l->text; *p;) {
        char *nl = strchr(p, '\n');
        if (n == cap)
            l->line = (char **)realloc(l->line, (cap *= 2) * sizeof *l->line);
        l->line[n++] = p;
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    l->count = n;
}

static void golden_lines_free(struct golden_lines *l)
{
    free(l->text);
    free(l->line);
    memset(l, 0, sizeof *l);
}

static char *golden_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long size;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);
    text = (char *)malloc((size_t)size + 1);
    if (fread(text, 1, (size_t)size, f) != (size_t)size)
        size = 0;
    text[size] = '\0';
    fclose(f);
    return text;
}

static int golden_is_comment(const char *s)
{
    return strncmp(s, "# ", 2) == 0 || strcmp(s, "#") == 0;
}

/* "[N]": 1 and N in *status. */
static int golden_is_status(const char *s, int *status)
{
    char *end;
    long v;
    if (s[0] != '[' || !isdigit((unsigned char)s[1]))
        return 0;
    v = strtol(s + 1, &end, 10);
    if (strcmp(end, "]") != 0 || v > 255)
        return 0;
    *status = (int)v;
    return 1;
}

/* Joins output lines [from, to), each ending in a newline, without the
 * backslash that escapes a line looking like something else. */
static char *golden_join(char **line, size_t from, size_t to)
{
    size_t i, len = 1;
    char *s, *p;
    for (i = from; i < to; i++)
        len += strlen(line[i]) + 1;
    p = s = (char *)malloc(len);
    for (i = from; i < to; i++)
        p += sprintf(p, "%s\n", line[i] + (line[i][0] == '\\'));
    *p = '\0';
    return s;
}

/* Whether an output line must be written with a backslash before it, so
 * that it does not read as a comment, a command or an exit status. */
static int golden_needs_escape(const char *line)
{
    int status;
    return line[0] == '\\' || golden_is_comment(line) ||
           strncmp(line, "$ ", 2) == 0 || strncmp(line, "> ", 2) == 0 ||
           golden_is_status(line, &status);
}

/* Reads one command (with "> " continuations) and its output block
 * starting at line i; returns the line after it. */
static size_t golden_parse_cmd(struct golden_case *gc, size_t i)
{
    struct golden_lines *f = &gc->file;
    struct golden_cmd *c = &gc->cmds[gc->count++];
    size_t end, last;
    int status;
    memset(c, 0, sizeof *c);
    c->cmd_line = i + 1;
    c->cmd = strdup(f->line[i] + 2);
    c->status_line = (size_t)-1;
    for (i++; i < f->count && strncmp(f->line[i], "> ", 2) == 0; i++) {
        size_t len = strlen(c->cmd) + strlen(f->line[i]);
        c->cmd = (char *)realloc(c->cmd, len + 1);
        strcat(strcat(c->cmd, "\n"), f->line[i] + 2);
    }
    for (end = i; end < f->count; end++)
        if (strncmp(f->line[end], "$ ", 2) == 0 || golden_is_comment(f->line[end]) ||
            golden_is_status(f->line[end], &status))
            break;
    for (last = end; last > i && f->line[last - 1][0] == '\0'; last--)
        ;
    c->block_from = i;
    c->block_to = end;
    c->expected = golden_join(f->line, i, last);
    if (end < f->count && golden_is_status(f->line[end], &c->status)) {
        c->status_line = end;
        end++;
    }
    return end;
}

/* Parses a case file; on a malformed one, gc->error says where. */
static void golden_parse(struct golden_case *gc, const char *text)
{
    struct golden_lines *f = &gc->file;
    size_t i = 0;
    golden_split(text, f);
    gc->cmds = (struct golden_cmd *)calloc(f->count + 1, sizeof *gc->cmds);
    while (i < f->count && !gc->error) {
        const char *s = f->line[i];
        int status;
        if (strncmp(s, "$ ", 2) == 0) {
            i = golden_parse_cmd(gc, i);
        } else if (golden_is_comment(s) || s[0] == '\0') {
            i++;
        } else {
            gc->error = (char *)malloc(strlen(gc->path) + strlen(s) + 128);
            sprintf(gc->error, "%s:%lu: %s outside a transcript: '%s'", gc->path,
                    (unsigned long)i + 1,
                    golden_is_status(s, &status) ? "an exit status" : "text", s);
        }
    }
    if (!gc->error && gc->count == 0) {
        gc->error = (char *)malloc(strlen(gc->path) + 64);
        sprintf(gc->error, "%s: no \"$ \" command in it", gc->path);
    }
}

static void golden_free(struct golden_case *gc)
{
    size_t i;
    for (i = 0; i < gc->count; i++) {
        free(gc->cmds[i].cmd);
        free(gc->cmds[i].expected);
        free(gc->cmds[i].actual);
    }
    free(gc->cmds);
    free(gc->error);
    golden_lines_free(&gc->file);
}

/* Appends to a malloc'd report string. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void golden_say(char **report, const char *fmt, ...);
static void golden_say(char **report, const char *fmt, ...)
{
    va_list ap;
    char *more = NULL, *joined;
    int n;
    va_start(ap, fmt);
    n = vasprintf(&more, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    joined = (char *)malloc((*report ? strlen(*report) : 0) + (size_t)n + 1);
    sprintf(joined, "%s%s", *report ? *report : "", more);
    free(*report);
    free(more);
    *report = joined;
}

/* Appends a unified diff of expected and actual (lines) to report:
 * longest common subsequence, hunks with GOLDEN_CONTEXT lines around. */
static void golden_diff(char **report, const struct golden_lines *a,
                        const struct golden_lines *b)
{
    size_t n = a->count, m = b->count, i, j, k, len = 0;
    unsigned *lcs;
    char *ops; /* ' ' kept, '-' expected only, '+' actual only */
    size_t *ia, *ib;
    if ((n + 1) * (m + 1) > 16u * 1024 * 1024) {
        golden_say(report, "(too long to diff: %lu expected and %lu actual lines)\n",
                   (unsigned long)n, (unsigned long)m);
        return;
    }
    lcs = (unsigned *)calloc((n + 1) * (m + 1), sizeof *lcs);
#define LCS(x, y) lcs[(x) * (m + 1) + (y)]
    for (i = n; i-- > 0;)
        for (j = m; j-- > 0;)
            LCS(i, j) = strcmp(a->line[i], b->line[j]) == 0
                            ? LCS(i + 1, j + 1) + 1
                            : LCS(i + 1, j) > LCS(i, j + 1) ? LCS(i + 1, j) : LCS(i, j + 1);
    ops = (char *)malloc(n + m + 1);
    ia = (size_t *)malloc((n + m + 1) * sizeof *ia);
    ib = (size_t *)malloc((n + m + 1) * sizeof *ib);
    for (i = j = 0; i < n || j < m; len++) {
        ia[len] = i;
        ib[len] = j;
        if (i < n && j < m && strcmp(a->line[i], b->line[j]) == 0)
            ops[len] = ' ', i++, j++;
        else if (i < n && (j == m || LCS(i + 1, j) >= LCS(i, j + 1)))
            ops[len] = '-', i++;
        else
            ops[len] = '+', j++;
    }
#undef LCS
    golden_say(report, "--- expected\n+++ actual\n");
    for (k = 0; k < len;) {
        size_t from, to, e, x, y, na = 0, nb = 0;
        if (ops[k] == ' ') {
            k++;
            continue;
        }
        from = k >= GOLDEN_CONTEXT ? k - GOLDEN_CONTEXT : 0;
        for (to = k; to < len; to++) { /* the hunk ends after enough calm */
            for (e = to; e < len && ops[e] == ' ' && e - to < 2 * GOLDEN_CONTEXT; e++)
                ;
            if (ops[to] == ' ' && (e == len || e - to >= 2 * GOLDEN_CONTEXT))
                break;
        }
        to = to + GOLDEN_CONTEXT < len ? to + GOLDEN_CONTEXT : len;
        for (x = from; x < to; x++) {
            na += ops[x] != '+';
            nb += ops[x] != '-';
        }
        golden_say(report, "@@ -%lu,%lu +%lu,%lu @@\n", (unsigned long)ia[from] + 1,
                   (unsigned long)na, (unsigned long)ib[from] + 1, (unsigned long)nb);
        for (y = from; y < to; y++)
            golden_say(report, "%c%s\n", ops[y],
                       ops[y] == '+' ? b->line[ib[y]] : a->line[ia[y]]);
        k = to;
    }
    free(lcs);
    free(ops);
    free(ia);
    free(ib);
}

/* Turns each "\r\n" of text into "\n", in place. */
static void golden_drop_cr(char *text)
{
    char *out = text;
    const char *in = text;
    for (; *in; in++)
        if (!(in[0] == '\r' && in[1] == '\n'))
            *out++ = *in;
    *out = '\0';
}

/* Turns each Windows path of a program under test that Wine gives as
 * argv[0] ("Z:\\...\\tests\\progs\\pass.exe", where the build lives) into
 * the path the command named ("tests/progs/pass"), in place. */
static void golden_unwine_paths(char *text)
{
    static const char mark[] = "\\tests\\progs\\";
    char *at;
    while ((at = strstr(text, mark)) != NULL) {
        char *start = at, *end = at + 1, *out;
        while (start > text && start[-1] != ' ' && start[-1] != '\n' && start[-1] != '\'')
            start--;
        while (*end && *end != ' ' && *end != '\n' && strncmp(end, ".exe", 4) != 0)
            end++;
        for (out = start, at++; at < end; at++)
            *out++ = *at == '\\' ? '/' : *at;
        if (strncmp(end, ".exe", 4) == 0)
            end += 4;
        memmove(out, end, strlen(end) + 1);
    }
}

/* The command of variant (PTEST_GOLDEN_VARIANT's case file, or NULL)
 * with the same text as c, or NULL. */
static const struct golden_cmd *golden_variant_cmd(const struct golden_case *variant,
                                                   const struct golden_cmd *c)
{
    size_t i;
    for (i = 0; variant && i < variant->count; i++)
        if (strcmp(variant->cmds[i].cmd, c->cmd) == 0)
            return &variant->cmds[i];
    return NULL;
}

/* Whether the normalised actual output and status match v's transcript. */
static int golden_matches_variant(const struct golden_cmd *v, const char *actual,
                                  int status)
{
    char *expected = bb_normalize(v->expected);
    int same = strcmp(expected, actual) == 0 && status == v->status;
    free(expected);
    return same;
}

/* Runs one command and compares it with its transcript (or the variant's,
 * when that is written down); appends any difference to report. Returns
 * 0 when it matches, 1 when it differs, and -1 when the command asked to
 * skip the case. */
static int golden_check(struct golden_case *gc, const struct golden_case *variant,
                        struct golden_cmd *c, char **report)
{
    const struct golden_cmd *v = golden_variant_cmd(variant, c);
    struct bb_result r;
    char *expected;
    size_t n;
    int differs;
    bb_run(c->cmd, BB_STABLE | BB_TWO_JOBS, GOLDEN_TIMEOUT, &r);
    if (r.exit_code == GOLDEN_SKIP_STATUS) {
        golden_say(report, "%s:%lu: skipped by `%s`: %s", gc->path,
                   (unsigned long)c->cmd_line, c->cmd, r.output);
        bb_result_free(&r);
        return -1;
    }
    if (bb_on("windows")) {
        golden_drop_cr(r.output); /* text-mode stdout: "\r\n" is "\n" */
        golden_unwine_paths(r.output);
    }
    c->actual = bb_normalize(r.output);
    c->actual_status = r.exit_code;
    n = strlen(c->actual); /* blank lines at the end only separate */
    while (n > 0 && c->actual[n - 1] == '\n' && (n == 1 || c->actual[n - 2] == '\n'))
        c->actual[--n] = '\0';
    expected = bb_normalize(c->expected);
    differs = strcmp(expected, c->actual) != 0 || r.exit_code != c->status ||
              r.timed_out || r.leftovers;
    if (differs && v && !r.timed_out && !r.leftovers &&
        golden_matches_variant(v, c->actual, r.exit_code)) {
        ptest_log("%s:%lu: $ %s: as %s:%lu writes down", gc->path,
                  (unsigned long)c->cmd_line, c->cmd, variant->path,
                  (unsigned long)v->cmd_line);
        differs = 0;
    } else if (differs && v) {
        golden_say(report, "\n(%s:%lu, its variant, differs too)", variant->path,
                   (unsigned long)v->cmd_line);
    }
    if (differs) {
        golden_say(report, "\n%s:%lu: $ %s\n", gc->path, (unsigned long)c->cmd_line,
                   c->cmd);
        if (r.timed_out)
            golden_say(report, "timed out after %gs: the run was killed\n",
                       GOLDEN_TIMEOUT);
        if (r.leftovers)
            golden_say(report, "left running after the command ended (now killed):\n%s",
                       r.leftovers);
        if (r.exit_code != c->status)
            golden_say(report, "exit status %d, expected %d\n", r.exit_code, c->status);
        if (strcmp(expected, c->actual) != 0) {
            struct golden_lines a, b;
            golden_split(expected, &a);
            golden_split(c->actual, &b);
            golden_diff(report, &a, &b);
            golden_lines_free(&a);
            golden_lines_free(&b);
        }
    }
    free(expected);
    bb_result_free(&r);
    c->differs = differs;
    return differs;
}

/* Writes one command's new transcript: output, "[N]", then the blank
 * lines that separated the old one from what follows. */
static void golden_write_block(FILE *f, const struct golden_case *gc,
                               const struct golden_cmd *c)
{
    size_t blank = c->block_to;
    const char *line, *end;
    while (blank > c->block_from && gc->file.line[blank - 1][0] == '\0')
        blank--;
    for (line = c->actual; *line; line = end + (*end == '\n')) {
        end = line + strcspn(line, "\n");
        fprintf(f, "%s%.*s\n", golden_needs_escape(line) ? "\\" : "",
                (int)(end - line), line);
    }
    if (c->actual_status != 0)
        fprintf(f, "[%d]\n", c->actual_status);
    for (; blank < c->block_to; blank++)
        fputs("\n", f);
}

/* GOLDEN_UPDATE: writes the case file back with the actual transcripts;
 * comments and commands stay as they are. */
static void golden_update(const struct golden_case *gc, const char *path)
{
    FILE *f = fopen(path, "w");
    size_t i = 0, k = 0;
    if (!f)
        return;
    while (i < gc->file.count || k < gc->count) {
        const struct golden_cmd *c = k < gc->count ? &gc->cmds[k] : NULL;
        if (c && i == c->block_from) {
            golden_write_block(f, gc, c);
            i = c->status_line != (size_t)-1 ? c->status_line + 1 : c->block_to;
            k++;
        } else if (i < gc->file.count) {
            fprintf(f, "%s\n", gc->file.line[i++]);
        } else {
            break;
        }
    }
    fclose(f);
}

#define GOLDEN_DRAFT 2 /* golden_run_file's update: a draft, not the file */

/* GOLDEN_UPDATE under a variant: a variant is written by hand, each
 * command with why it differs, so the commands that differ go to a draft,
 * build/golden-draft/VARIANT/NAME.t, with their actual transcripts; the
 * comments saying why are the writer's. Returns the draft's path. */
static const char *golden_draft(const struct golden_case *gc, const char *shown,
                                char *path, size_t size)
{
    const char *base = strrchr(shown, '/');
    FILE *f;
    size_t k, i;
    snprintf(path, size, "%s/build/golden-draft", bb_root());
    mkdir(path, 0777);
    snprintf(path, size, "%s/build/golden-draft/%s", bb_root(), golden_variant());
    mkdir(path, 0777);
    snprintf(path, size, "%s/build/golden-draft/%s/%s", bb_root(), golden_variant(),
             base ? base + 1 : shown);
    f = fopen(path, "w");
    if (!f)
        return NULL;
    fprintf(f, "# The commands of ../%s whose output differs on %s: say why\n",
            base ? base + 1 : shown, golden_variant());
    for (k = 0; k < gc->count; k++) {
        const struct golden_cmd *c = &gc->cmds[k];
        if (!c->differs || !c->actual)
            continue;
        fputs("\n# why:\n", f);
        for (i = c->cmd_line - 1; i < c->block_from; i++)
            fprintf(f, "%s\n", gc->file.line[i]);
        golden_write_block(f, gc, c);
    }
    fclose(f);
    return path;
}

/* Loads PTEST_GOLDEN_VARIANT's transcripts of the case file at path
 * (DIR/NAME/CASE.t beside DIR/CASE.t) into variant; 0 when there are
 * none (no variant, no such file). */
static int golden_load_variant(const char *path, const char *shown,
                               struct golden_case *variant)
{
    const char *name = getenv("PTEST_GOLDEN_VARIANT");
    const char *base = strrchr(path, '/'), *sbase = strrchr(shown, '/');
    char vpath[4400];
    char *text;
    memset(variant, 0, sizeof *variant);
    if (!name || !*name || !base || strchr(name, '/'))
        return 0;
    snprintf(vpath, sizeof vpath, "%.*s/%s%s", (int)(base - path), path, name, base);
    text = golden_read_file(vpath);
    if (!text)
        return 0;
    snprintf(variant->path, sizeof variant->path, "%.*s%s%s%s",
             sbase ? (int)(sbase - shown) : 0, shown, sbase ? "/" : "", name,
             sbase ? sbase : "");
    golden_parse(variant, text);
    free(text);
    return 1;
}

/* Runs the case file at path (shown as shown): 0 when every command
 * matched, 1 when some did not (*report says how), -1 when a command
 * asked to skip (*report says why). update: 1 rewrites the file if it
 * differs, GOLDEN_DRAFT writes the commands that differ to a draft. A
 * malformed or missing file is a difference. */
static int golden_run_file(const char *path, const char *shown, int update,
                           char **report)
{
    struct golden_case gc, variant;
    char *text;
    size_t i, bad = 0;
    int rc = 0, has_variant;
    memset(&gc, 0, sizeof gc);
    snprintf(gc.path, sizeof gc.path, "%s", shown);
    *report = NULL;
    text = golden_read_file(path);
    if (!text) {
        golden_say(report, "cannot read %s", path);
        return 1;
    }
    golden_parse(&gc, text);
    free(text);
    if (gc.error) {
        golden_say(report, "%s", gc.error);
        golden_free(&gc);
        return 1;
    }
    has_variant = golden_load_variant(path, shown, &variant);
    if (has_variant && variant.error) {
        golden_say(report, "%s", variant.error);
        golden_free(&variant);
        golden_free(&gc);
        return 1;
    }
    for (i = 0; i < gc.count && rc >= 0; i++)
        bad += (rc = golden_check(&gc, has_variant ? &variant : NULL, &gc.cmds[i],
                                  report)) > 0;
    if (has_variant)
        golden_free(&variant);
    if (rc >= 0 && bad && update == GOLDEN_DRAFT) {
        char draft[4400];
        if (golden_draft(&gc, shown, draft, sizeof draft))
            ptest_log("GOLDEN_UPDATE: the commands that differ are in %s", draft);
    } else if (rc >= 0 && bad && update) {
        golden_update(&gc, path);
        ptest_log("GOLDEN_UPDATE: rewrote %s", shown);
        bad = 0;
    }
    if (rc >= 0 && bad) {
        char *details = *report;
        *report = NULL;
        golden_say(report, "%s: %lu of %lu commands differ\n%s", shown,
                   (unsigned long)bad, (unsigned long)gc.count, details);
        free(details);
    }
    golden_free(&gc);
    return rc < 0 ? -1 : bad > 0;
}

/* The platform whose transcripts differ (PTEST_GOLDEN_VARIANT, e.g.
 * "windows"), or NULL. */
static const char *golden_variant(void)
{
    const char *v = getenv("PTEST_GOLDEN_VARIANT");
    return v && *v ? v : NULL;
}

/* Cases that cannot run on a variant's platform, and why: what they
 * check does not exist there. Each is skipped there, saying so. */
static const struct {
    const char *variant, *name, *why;
} golden_unsupported[] = {
    {"windows", "violent", "its tests send their own process SIGKILL and SIGSTOP, "
                           "which Windows does not have"},
    {"windows", "stopped", "its tests stop their own process (SIGSTOP, SIGTTIN), "
                           "which Windows cannot"},
    {"windows", "hostile", "tests/progs/hostile masks signals (sigset_t) and "
                           "tests/progs/forkret forks: POSIX only"},
    {"windows", "inline", "tests/progs/forker forks and tests/progs/hostile masks "
                          "signals: POSIX only"},
    {"windows", "pool", "tests/progs/forker forks: POSIX only"},
    {"windows", "flood", "it checks that a capture file stays small on disk "
                         "(st_blocks); Windows captures are not trimmed (docs/platforms.md)"},
    {"windows", "modes", "tests/progs/forker forks: POSIX only"},
    {"windows", "cxx", "a test's pthread_exit() in the thread pool is not seen "
                       "with winpthreads: its thread is abandoned after the teardown's "
                       "10 s, on a worker that varies (not ported)"},
};

/* Why NAME cannot run on the variant's platform, or NULL. */
static const char *golden_unsupported_why(const char *name)
{
    const char *variant = golden_variant();
    size_t i;
    for (i = 0; variant && i < sizeof golden_unsupported / sizeof golden_unsupported[0]; i++)
        if (strcmp(golden_unsupported[i].variant, variant) == 0 &&
            strcmp(golden_unsupported[i].name, name) == 0)
            return golden_unsupported[i].why;
    return NULL;
}

/* Runs tests/golden/NAME.t, each command matching it or, under
 * PTEST_GOLDEN_VARIANT, its transcript in tests/golden/VARIANT/NAME.t;
 * fails with every difference found. GOLDEN_UPDATE rewrites NAME.t on
 * the platform of NAME.t; under a variant, whose transcripts are written
 * by hand, each with why it differs, it writes a draft (golden_draft). */
static void golden_case(const char *name)
{
    char path[4200], shown[256], *report;
    const char *update = getenv("GOLDEN_UPDATE"), *variant = golden_variant();
    const char *unsupported = golden_unsupported_why(name);
    int rc;
    if (unsupported)
        SKIP_TEST("not on %s: %s", variant, unsupported);
    snprintf(path, sizeof path, "%s/tests/golden/%s.t", bb_root(), name);
    snprintf(shown, sizeof shown, "tests/golden/%s.t", name);
    rc = golden_run_file(path, shown,
                         !update || !*update ? 0 : variant ? GOLDEN_DRAFT : 1, &report);
    /* the report is freed before the test ends: under -j 0 a leak would
     * stay in the runner, and LeakSanitizer would blame the death tests'
     * children that inherit it */
    EXPECT_TRUE_MSG(rc <= 0, "%s", report);
    if (rc < 0) {
        char why[512];
        snprintf(why, sizeof why, "%s", report);
        free(report);
        bb_skip(why);
    }
    free(report);
}

/* Every case file, and the test that runs it: a new .t needs both. */
static const char *const golden_names[] = {
    "addopts", "assertions", "crash", "cxx", "death", "definitions", "exits",
    "expressions", "fixtures", "flags", "flood", "hang", "help", "hostile", "inline", "io",
    "markers", "modes", "multi", "nasty", "nonewline", "order", "pass", "pool", "reports",
    "skip", "stopped", "strings", "strings_cxx", "tmpdirs", "typed_fixtures", "violent",
    "xfail",
};

TEST(golden, every_case_file_has_a_test, MARK(unit))
{
    char dir[4200];
    DIR *d;
    struct dirent *e;
    size_t found = 0, i;
    snprintf(dir, sizeof dir, "%s/tests/golden", bb_root());
    d = opendir(dir);
    ASSERT_NOT_NULL_MSG(d, "cannot open %s", dir);
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        int known = 0;
        if (len < 3 || strcmp(e->d_name + len - 2, ".t") != 0)
            continue;
        /* a platform's transcripts are per command, in tests/golden/VARIANT/ */
        EXPECT_NULL_MSG(memchr(e->d_name, '.', len - 2),
                        "tests/golden/%s: a variant is tests/golden/VARIANT/NAME.t", e->d_name);
        found++;
        for (i = 0; i < sizeof golden_names / sizeof golden_names[0]; i++)
            known |= strlen(golden_names[i]) == len - 2 &&
                     strncmp(golden_names[i], e->d_name, len - 2) == 0;
        EXPECT_TRUE_MSG(known, "tests/golden/%s has no TEST in golden.c", e->d_name);
    }
    closedir(d);
    EXPECT_EQ_MSG(found, sizeof golden_names / sizeof golden_names[0],
                  "golden.c names a case file that does not exist");
}

/* Each variant transcript (tests/golden/NAME/CASE.t) is of a command
 * that CASE.t has: a variant never adds a command nor outlives one. */
TEST(golden, variants_name_real_commands, MARK(unit))
{
    char dir[4200], sub[4500], file[4800];
    DIR *d, *vd;
    struct dirent *e, *v;
    size_t i, j;
    snprintf(dir, sizeof dir, "%s/tests/golden", bb_root());
    d = opendir(dir);
    ASSERT_NOT_NULL_MSG(d, "cannot open %s", dir);
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
        if ((vd = opendir(sub)) == NULL)
            continue;
        while ((v = readdir(vd)) != NULL) {
            struct golden_case base, var;
            char *text;
            size_t len = strlen(v->d_name);
            if (len < 3 || strcmp(v->d_name + len - 2, ".t") != 0)
                continue;
            memset(&base, 0, sizeof base);
            memset(&var, 0, sizeof var);
            snprintf(file, sizeof file, "%s/%s", sub, v->d_name);
            text = golden_read_file(file);
            EXPECT_NOT_NULL_MSG(text, "cannot read %s", file);
            snprintf(var.path, sizeof var.path, "tests/golden/%s/%s", e->d_name, v->d_name);
            golden_parse(&var, text ? text : "");
            free(text);
            EXPECT_NULL_MSG(var.error, "%s", var.error ? var.error : "");
            snprintf(file, sizeof file, "%s/%s", dir, v->d_name);
            text = golden_read_file(file);
            EXPECT_NOT_NULL_MSG(text, "%s has no tests/golden/%s", var.path, v->d_name);
            golden_parse(&base, text ? text : "");
            free(text);
            for (i = 0; i < var.count; i++) {
                int found = 0;
                for (j = 0; j < base.count; j++)
                    found |= strcmp(var.cmds[i].cmd, base.cmds[j].cmd) == 0;
                EXPECT_TRUE_MSG(found, "%s:%lu: tests/golden/%s has no $ %s", var.path,
                                (unsigned long)var.cmds[i].cmd_line, v->d_name,
                                var.cmds[i].cmd);
            }
            golden_free(&var);
            golden_free(&base);
        }
        closedir(vd);
    }
    closedir(d);
}

/* Writes text to a fresh file under /tmp; its path in path. */
static void golden_temp_file(char *path, size_t size, const char *text)
{
    int fd;
    snprintf(path, size, "/tmp/bb-golden-XXXXXX");
    fd = mkstemp(path);
    ASSERT_GE_MSG(fd, 0, "cannot create %s", path);
    ASSERT_EQ(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

/* The case format itself: comments, continuations, escapes, blank lines,
 * exit statuses, the diff, exit 80 and GOLDEN_UPDATE. */
TEST(golden, the_format, MARK(integration))
{
    char path[64], *report, *text;
    int rc;
    golden_temp_file(path, sizeof path,
                     "# a comment\n"
                     "$ echo one; echo '# two'\n"
                     "one\n"
                     "\\# two\n"
                     "\n"
                     "#\n"
                     "$ printf 'a\\n\\nb\\n'; exit 3\n"
                     "> \n"
                     "a\n"
                     "\n"
                     "b\n"
                     "[3]\n"
                     "$ true\n");
    rc = golden_run_file(path, "ok.t", 0, &report);
    EXPECT_EQ_MSG(rc, 0, "%s", report);
    free(report);
    unlink(path);

    golden_temp_file(path, sizeof path,
                     "$ printf '1\\n2\\n3\\n4\\n5\\n6\\n7\\n8\\nX\\n'\n"
                     "1\n2\n3\n4\n5\n6\n7\n8\n9\n");
    ASSERT_EQ(golden_run_file(path, "differs.t", 0, &report), 1);
    EXPECT_NOT_NULL_MSG(strstr(report, "differs.t: 1 of 1 commands differ\n"), "%s", report);
    EXPECT_NULL_MSG(strstr(report, "exit status"), "%s", report);
    EXPECT_NOT_NULL_MSG(strstr(report, "--- expected\n+++ actual\n"
                                       "@@ -6,4 +6,4 @@\n 6\n 7\n 8\n-9\n+X\n"),
                        "%s", report);
    free(report);
    ASSERT_EQ(golden_run_file(path, "differs.t", 1, &report), 0); /* update */
    free(report);
    text = golden_read_file(path);
    EXPECT_STR_EQ(text, "$ printf '1\\n2\\n3\\n4\\n5\\n6\\n7\\n8\\nX\\n'\n"
                        "1\n2\n3\n4\n5\n6\n7\n8\nX\n");
    free(text);
    unlink(path);

    golden_temp_file(path, sizeof path, "$ echo no clang; exit 80\n$ false\n");
    EXPECT_EQ(golden_run_file(path, "skip.t", 0, &report), -1);
    EXPECT_NOT_NULL_MSG(strstr(report, "no clang"), "%s", report);
    free(report);
    unlink(path);

    golden_temp_file(path, sizeof path, "stray output\n");
    EXPECT_EQ(golden_run_file(path, "bad.t", 0, &report), 1);
    EXPECT_NOT_NULL_MSG(strstr(report, "bad.t:1: text outside a transcript"), "%s", report);
    free(report);
    unlink(path);
}

/* Each case runs its commands one after another, each with an outer
 * timeout of GOLDEN_TIMEOUT; TIMEOUT(300) leaves room for that. */
TEST(golden, addopts, MARK(integration), TIMEOUT(300))
{
    golden_case("addopts");
}

TEST(golden, assertions, MARK(integration), TIMEOUT(300))
{
    golden_case("assertions");
}

TEST(golden, crash, MARK(integration), TIMEOUT(300))
{
    golden_case("crash");
}

TEST(golden, cxx, MARK(integration), TIMEOUT(300))
{
    golden_case("cxx");
}

TEST(golden, death, MARK(integration), TIMEOUT(300))
{
    golden_case("death");
}

TEST(golden, definitions, MARK(integration), TIMEOUT(300))
{
    golden_case("definitions");
}

TEST(golden, exits, MARK(integration), TIMEOUT(300))
{
    golden_case("exits");
}

TEST(golden, expressions, MARK(integration), MARK(slow), TIMEOUT(300))
{
    golden_case("expressions");
}

TEST(golden, fixtures, MARK(integration), TIMEOUT(300))
{
    golden_case("fixtures");
}

TEST(golden, flags, MARK(integration), MARK(slow), TIMEOUT(300))
{
    golden_case("flags");
}

TEST(golden, flood, MARK(integration), TIMEOUT(300))
{
    golden_case("flood");
}

TEST(golden, hang, MARK(integration), MARK(slow), TIMEOUT(300))
{
    golden_case("hang");
}

TEST(golden, help, MARK(integration), TIMEOUT(300))
{
    golden_case("help");
}

TEST(golden, hostile, MARK(integration), TIMEOUT(300))
{
    golden_case("hostile");
}

TEST(golden, inline, MARK(integration), TIMEOUT(300))
{
    golden_case("inline");
}

TEST(golden, io, MARK(integration), TIMEOUT(300))
{
    golden_case("io");
}

TEST(golden, markers, MARK(integration), MARK(slow), TIMEOUT(300))
{
    golden_case("markers");
}

TEST(golden, modes, MARK(integration), MARK(slow), TIMEOUT(300))
{
    golden_case("modes");
}

TEST(golden, multi, MARK(integration), TIMEOUT(300))
{
    golden_case("multi");
}

TEST(golden, nasty, MARK(integration), TIMEOUT(300))
{
    golden_case("nasty");
}

TEST(golden, nonewline, MARK(integration), TIMEOUT(300))
{
    golden_case("nonewline");
}

TEST(golden, order, MARK(integration), MARK(slow), TIMEOUT(300))
{
    golden_case("order");
}

TEST(golden, pass, MARK(integration), TIMEOUT(300))
{
    golden_case("pass");
}

TEST(golden, pool, MARK(integration), MARK(slow), TIMEOUT(300))
{
    golden_case("pool");
}

TEST(golden, reports, MARK(integration), TIMEOUT(300))
{
    golden_case("reports");
}

TEST(golden, skip, MARK(integration), TIMEOUT(300))
{
    golden_case("skip");
}

TEST(golden, stopped, MARK(integration), TIMEOUT(300))
{
    golden_case("stopped");
}

TEST(golden, strings, MARK(integration), TIMEOUT(300))
{
    golden_case("strings");
}

TEST(golden, strings_cxx, MARK(integration), TIMEOUT(300))
{
    golden_case("strings_cxx");
}

TEST(golden, tmpdirs, MARK(integration), TIMEOUT(300))
{
    golden_case("tmpdirs");
}

TEST(golden, typed_fixtures, MARK(integration), TIMEOUT(300))
{
    golden_case("typed_fixtures");
}

TEST(golden, violent, MARK(integration), TIMEOUT(300))
{
    golden_case("violent");
}

TEST(golden, xfail, MARK(integration), TIMEOUT(300))
{
    golden_case("xfail");
}
