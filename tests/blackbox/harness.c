/* harness.c - runs a command in a session of its own, with an outer
 * timeout, captures its output, and checks that nothing is left running
 * in the session afterwards. See harness.h for the contract. */
#define _GNU_SOURCE 1

#include "harness.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BB_MAX_ACTIVE 16

extern char **environ;

/* Commands started and not finished, for bb_cleanup; per thread, as the
 * selftest may run its tests on threads. */
#if defined(__GNUC__)
#define BB_THREAD_LOCAL __thread
#else
#define BB_THREAD_LOCAL
#endif
static BB_THREAD_LOCAL struct bb_proc *bb_active[BB_MAX_ACTIVE];

static double bb_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void bb_sleep(double seconds)
{
    struct timespec ts;
    ts.tv_sec = (time_t)seconds;
    ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static void *bb_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("harness: out of memory\n", stderr);
        abort();
    }
    return p;
}

/* A growable string. */
struct bb_str {
    char *data;
    size_t len, cap;
};

static void bb_str_add(struct bb_str *s, const char *text, size_t n)
{
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 256;
        while (cap < s->len + n + 1)
            cap *= 2;
        s->data = (char *)realloc(s->data, cap);
        if (!s->data) {
            fputs("harness: out of memory\n", stderr);
            abort();
        }
        s->cap = cap;
    }
    memcpy(s->data + s->len, text, n);
    s->len += n;
    s->data[s->len] = '\0';
}

static void bb_str_puts(struct bb_str *s, const char *text)
{
    bb_str_add(s, text, strlen(text));
}

const char *bb_root(void)
{
    static char root[PATH_MAX];
    char probe[PATH_MAX + 16];
    ssize_t n;
    int up;
    if (root[0])
        return root;
    n = readlink("/proc/self/exe", root, sizeof root - 1);
    root[n > 0 ? n : 0] = '\0';
    for (up = 0; up < 2; up++) {
        char *slash = strrchr(root, '/');
        if (slash)
            *slash = '\0';
    }
    snprintf(probe, sizeof probe, "%s/tests/golden", root);
    if (!root[0] || access(probe, F_OK) != 0) {
        if (!getcwd(root, sizeof root))
            strcpy(root, ".");
    }
    return root;
}

/* The file a command writes to: memory-backed, unlinked, not inherited
 * by anything the command execs beyond its own stdout and stderr. */
static int bb_output_file(void)
{
    char path[] = "/tmp/bb-output-XXXXXX";
    int fd;
#if defined(MFD_CLOEXEC)
    fd = memfd_create("bb-output", MFD_CLOEXEC);
    if (fd >= 0)
        return fd;
#endif
    fd = mkstemp(path);
    if (fd >= 0) {
        unlink(path);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    return fd;
}

/* The environment harness.h promises: this process's, without the
 * variables a run must not inherit, with the ones it must see. Built
 * before fork, so that the child only makes async-signal-safe calls. */
static char **bb_environment(int flags, const char *cache, struct bb_str *store)
{
    static const char *const drop[] = {
        "PTEST_JOBS=", "PTEST_TIMEOUT=", "PTEST_WORKER=", "PTEST_WORKER_COUNT=",
        "PTEST_STABLE=", "PTEST_CACHE_DIR=", "PTEST_ADDOPTS=", "NO_COLOR=", "LC_ALL=",
        NULL};
    size_t n = 0, i, k, offsets[8], extra = 0;
    char **env;
    for (n = 0; environ[n]; n++)
        ;
    env = (char **)bb_xmalloc((n + 8) * sizeof *env);
    bb_str_add(store, "", 0);
    offsets[extra++] = store->len;
    bb_str_add(store, "NO_COLOR=1", 11);
    offsets[extra++] = store->len;
    bb_str_add(store, "LC_ALL=C", 9);
    offsets[extra++] = store->len;
    bb_str_puts(store, "PTEST_CACHE_DIR=");
    bb_str_add(store, cache, strlen(cache) + 1);
    if (flags & BB_STABLE) {
        offsets[extra++] = store->len;
        bb_str_add(store, "PTEST_STABLE=1", 15);
    }
    if (flags & BB_TWO_JOBS) {
        offsets[extra++] = store->len;
        bb_str_add(store, "PTEST_JOBS=2", 13);
    }
    for (i = k = 0; i < n; i++) {
        size_t d;
        int keep = 1;
        for (d = 0; drop[d] && keep; d++)
            keep = strncmp(environ[i], drop[d], strlen(drop[d])) != 0;
        if (keep)
            env[k++] = environ[i];
    }
    for (i = 0; i < extra; i++) /* store->data no longer moves */
        env[k++] = store->data + offsets[i];
    env[k] = NULL;
    return env;
}

/* In the forked child: the session, streams and directory harness.h
 * promises, then the shell. Async-signal-safe calls only: the selftest
 * may run its tests on threads. */
static void bb_child(const char *cmd, int out_fd, const char *root, char **env,
                     int flags)
{
    static const int sigs[] = {SIGPIPE, SIGCHLD, SIGINT, SIGTERM, SIGHUP,
                               SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2};
    char *argv[4];
    sigset_t none;
    size_t i;
    int null_fd = open("/dev/null", O_RDONLY);
    if (flags & BB_OWN_GROUP)
        setpgid(0, 0); /* a session's new group would be orphaned: no stop */
    else
        setsid();
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* the selftest worker died: so do we */
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], SIG_DFL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (null_fd >= 0)
        dup2(null_fd, 0);
    dup2(out_fd, 1);
    dup2(out_fd, 2);
    if (chdir(root) != 0)
        _exit(126);
    argv[0] = (char *)"sh";
    argv[1] = (char *)"-c";
    argv[2] = (char *)cmd;
    argv[3] = NULL;
    execve("/bin/sh", argv, env);
    _exit(127);
}

static int bb_remove_entry(const char *path, const struct stat *st, int flag,
                           struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Removes a directory and everything in it. */
static void bb_remove_tree(const char *path)
{
    nftw(path, bb_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void bb_track(struct bb_proc *p, int on)
{
    int i;
    for (i = 0; i < BB_MAX_ACTIVE; i++) {
        if (on && !bb_active[i]) {
            bb_active[i] = p;
            return;
        }
        if (!on && bb_active[i] == p)
            bb_active[i] = NULL;
    }
}

/* ---- Programs under test through an emulator (harness.h) ---- */

/* The variable's value, or NULL when it is unset or empty. */
static const char *bb_getenv(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? v : NULL;
}

int bb_emulating(void)
{
    return bb_getenv("PTEST_EMULATOR") || bb_getenv("PTEST_EXE_SUFFIX") ||
           bb_getenv("PTEST_PROGRAM_DIR");
}

/* Whether path is a compiled program: a regular file that starts as an
 * ELF or a PE executable does (a shell script is run by the shell). */
static int bb_is_binary(const char *path)
{
    unsigned char magic[4] = {0, 0, 0, 0};
    struct stat st;
    int fd;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    if (read(fd, magic, sizeof magic) < 2)
        magic[0] = 0;
    close(fd);
    return memcmp(magic, "\177ELF", 4) == 0 || memcmp(magic, "MZ", 2) == 0;
}

/* Creates dir and its parents; 0 or -1. */
static int bb_mkdirs(char *dir)
{
    char *slash;
    for (slash = strchr(dir + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            *slash = '/';
            return -1;
        }
        *slash = '/';
    }
    return mkdir(dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

/* Writes the wrapper at wrapper that runs program through the emulator,
 * with $argv0 set to named (the path the command said). */
static int bb_write_wrapper(const char *wrapper, const char *named, const char *program)
{
    const char *emulator = bb_getenv("PTEST_EMULATOR");
    FILE *f = fopen(wrapper, "w");
    int ok;
    if (!f)
        return -1;
    fprintf(f, "#!/bin/sh\n# %s, started through PTEST_EMULATOR (harness.h)\n"
               "argv0='%s'\nexec %s '%s' \"$@\"\n",
            named, named, emulator ? emulator : "", program);
    ok = fclose(f) == 0 && chmod(wrapper, 0700) == 0;
    return ok ? 0 : -1;
}

/* Whether a word starts at p in cmd: a program's path may start there. */
static int bb_word_start(const char *cmd, const char *p)
{
    return p == cmd || strchr(" \t\n;|&()`'\"<>", p[-1]) != NULL;
}

/* The length of the path-like word at p (what a program's path holds). */
static size_t bb_path_length(const char *p)
{
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || (p[n] && strchr("_./+-", p[n])))
        n++;
    return n;
}

/* If the word at p (n bytes) names a program under test, the path that
 * replaces it: a wrapper in p->emu that starts the program of
 * PTEST_PROGRAM_DIR (or the root) with PTEST_EXE_SUFFIX through
 * PTEST_EMULATOR; a path that does not exist when only the root holds a
 * build of it (never the host's build unannounced). NULL if no program. */
static const char *bb_emulated_path(struct bb_proc *p, const char *word, size_t n,
                                    char *out, size_t size)
{
    const char *dir = bb_getenv("PTEST_PROGRAM_DIR");
    const char *suffix = bb_getenv("PTEST_EXE_SUFFIX");
    char named[PATH_MAX], program[PATH_MAX], host[PATH_MAX];
    if (n == 0 || n >= sizeof named || word[0] == '/' || word[0] == '-' ||
        !memchr(word, '/', n))
        return NULL;
    snprintf(named, sizeof named, "%.*s", (int)n, word);
    if (!dir)
        dir = bb_root();
    if (snprintf(program, sizeof program, "%s%s%s/%s%s", dir[0] == '/' ? "" : bb_root(),
                 dir[0] == '/' ? "" : "/", dir, named, suffix ? suffix : "") >=
            (int)sizeof program ||
        snprintf(host, sizeof host, "%s/%s", bb_root(), named) >= (int)sizeof host)
        return NULL;
    if (!bb_is_binary(program) && !bb_is_binary(host))
        return NULL;
    if (!p->emu[0]) {
        snprintf(p->emu, sizeof p->emu, "/tmp/bb-emu-XXXXXX");
        if (!mkdtemp(p->emu)) {
            p->emu[0] = '\0';
            return NULL;
        }
    }
    if (snprintf(out, size, "%s/%s", p->emu, named) >= (int)size)
        return NULL;
    if (bb_is_binary(program)) {
        char *slash = strrchr(out, '/');
        *slash = '\0';
        if (bb_mkdirs(out) == 0) {
            *slash = '/';
            bb_write_wrapper(out, named, program);
        }
        *slash = '/';
    }
    return out;
}

/* cmd with each program under test replaced by its wrapper (harness.h),
 * a new string; NULL when nothing is emulated. */
static char *bb_emulated_command(struct bb_proc *p, const char *cmd)
{
    struct bb_str s = {NULL, 0, 0};
    const char *c = cmd;
    if (!bb_emulating())
        return NULL;
    bb_str_add(&s, "", 0);
    while (*c) {
        char path[PATH_MAX + 64];
        /* "$OLDPWD/tests/progs/x" names a program from the root after a cd:
         * the wrapper's absolute path replaces the whole word. */
        size_t skip = bb_word_start(cmd, c) && strncmp(c, "$OLDPWD/", 8) == 0 ? 8 : 0;
        size_t n = bb_word_start(cmd, c) ? bb_path_length(c + skip) : 0;
        if (n > 0 && bb_emulated_path(p, c + skip, n, path, sizeof path)) {
            bb_str_puts(&s, path);
            c += skip + n;
        } else {
            n = n ? n : 1;
            bb_str_add(&s, c, n);
            c += n;
        }
    }
    return s.data;
}

/* ---- What cannot run on another platform (harness.h) ---- */

const char *bb_platform(void)
{
    return bb_getenv("PTEST_GOLDEN_VARIANT");
}

/* Programs under test that do not build for a platform, and why: a test
 * whose command runs one is skipped there, saying so (docs/platforms.md
 * lists the tests). */
static const struct {
    const char *platform, *program, *why;
} bb_unbuilt[] = {
    {"windows", "flood", "reads st_blocks, which Windows' struct stat lacks"},
    {"windows", "forker", "forks (<sys/wait.h>)"},
    {"windows", "forkret", "forks (<sys/wait.h>)"},
    {"windows", "leaky", "forks and sets POSIX timers (<sys/wait.h>, setitimer)"},
    {"windows", "hostile", "masks signals (sigset_t)"},
    {"windows", "stray", "raises SIGPIPE, which Windows lacks"},
    {"windows", "violent", "sends itself kill(), SIGKILL and SIGSTOP"},
    {"windows", "stopped", "stops itself with SIGSTOP and SIGTTIN"},
    {"windows", "sleepers", "waits in pause(), which MinGW-w64 lacks"},
};

/* Skips the test when cmd runs a program that does not build for the
 * platform (bb_unbuilt). Not a bb_skip: under PTEST_CI too, the reason
 * is the platform's, not a missing tool. */
static void bb_skip_unbuilt(const char *cmd)
{
    const char *platform = bb_platform(), *at;
    size_t i;
    for (i = 0; platform && i < sizeof bb_unbuilt / sizeof bb_unbuilt[0]; i++) {
        char word[64];
        size_t n = (size_t)snprintf(word, sizeof word, "tests/progs/%s", bb_unbuilt[i].program);
        if (strcmp(bb_unbuilt[i].platform, platform) != 0)
            continue;
        for (at = strstr(cmd, word); at; at = strstr(at + 1, word))
            if (bb_word_start(cmd, at) && bb_path_length(at) == n)
                SKIP_TEST("not on %s: tests/progs/%s %s", platform,
                          bb_unbuilt[i].program, bb_unbuilt[i].why);
    }
}

int bb_on(const char *platform)
{
    const char *now = bb_platform();
    return now && strcmp(now, platform) == 0;
}

void bb_not_on(const char *platform, const char *why)
{
    if (bb_on(platform))
        SKIP_TEST("not on %s: %s", platform, why);
}

/* Windows' stdout and stderr are in text mode: each "\n" a program
 * writes comes out "\r\n". Under that platform, r's "\r\n" become "\n",
 * so a check reads the same lines on both (harness.h). */
static void bb_text_mode(struct bb_result *r)
{
    size_t i, n = 0;
    if (!bb_on("windows") || !r->output)
        return;
    for (i = 0; i < r->len; i++)
        if (!(r->output[i] == '\r' && r->output[i + 1] == '\n'))
            r->output[n++] = r->output[i];
    r->output[n] = '\0';
    r->len = n;
}

int bb_start(struct bb_proc *p, const char *cmd, int flags)
{
    struct bb_str store = {NULL, 0, 0};
    const char *root = bb_root();
    char **env, *emulated;
    bb_skip_unbuilt(cmd);
    prctl(PR_SET_CHILD_SUBREAPER, 1); /* orphans of the run come to us */
    memset(p, 0, sizeof *p);
    snprintf(p->cmd, sizeof p->cmd, "%s", cmd);
    snprintf(p->cache, sizeof p->cache, "/tmp/bb-cache-XXXXXX");
    if (!mkdtemp(p->cache))
        return -1;
    p->out_fd = bb_output_file();
    if (p->out_fd < 0) {
        bb_remove_tree(p->cache);
        return -1;
    }
    emulated = bb_emulated_command(p, cmd);
    env = bb_environment(flags, p->cache, &store);
    fflush(NULL);
    p->started = bb_now();
    p->pid = fork();
    if (p->pid == 0)
        bb_child(emulated ? emulated : cmd, p->out_fd, root, env, flags);
    free(env);
    free(store.data);
    free(emulated);
    if (p->pid < 0) {
        close(p->out_fd);
        bb_remove_tree(p->cache);
        if (p->emu[0])
            bb_remove_tree(p->emu);
        return -1;
    }
    bb_track(p, 1);
    return 0;
}

/* The whole output so far, NUL-ended; *len gets its length. */
static char *bb_read_output(int fd, size_t *len)
{
    struct stat st;
    size_t size = 0, got = 0;
    char *text;
    if (fstat(fd, &st) == 0 && st.st_size > 0)
        size = (size_t)st.st_size;
    text = (char *)bb_xmalloc(size + 1);
    while (got < size) {
        ssize_t n = pread(fd, text + got, size - got, (off_t)got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    text[got] = '\0';
    *len = got;
    return text;
}

/* Reaps the shell if it has ended; returns whether it has. */
static int bb_poll_exit(struct bb_proc *p)
{
    if (!p->reaped && waitpid(p->pid, &p->status, WNOHANG) == p->pid)
        p->reaped = 1;
    return p->reaped;
}

int bb_wait_output(struct bb_proc *p, const char *needle, double timeout)
{
    double deadline = bb_now() + timeout;
    for (;;) {
        size_t len;
        char *text = bb_read_output(p->out_fd, &len);
        int found = strstr(text, needle) != NULL;
        free(text);
        if (found)
            return 1;
        if (bb_poll_exit(p) || bb_now() > deadline)
            return 0;
        bb_sleep(0.005);
    }
}

void bb_signal(struct bb_proc *p, int sig)
{
    bb_not_on("windows", BB_SIGNAL_WHY);
    if (!bb_poll_exit(p))
        kill(p->pid, sig);
}

/* One process of /proc: its state, parent and session. */
struct bb_procinfo {
    pid_t pid, ppid;
    char state;
    long session;
    char comm[64];
};

static int bb_read_stat(pid_t pid, struct bb_procinfo *info)
{
    char path[64], buf[1024], *close_paren, *open_paren;
    int fd, pgrp;
    ssize_t n;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    open_paren = strchr(buf, '(');
    close_paren = strrchr(buf, ')'); /* comm may itself hold parentheses */
    if (!open_paren || !close_paren || close_paren < open_paren)
        return -1;
    info->pid = pid;
    snprintf(info->comm, sizeof info->comm, "%.*s",
             (int)(close_paren - open_paren - 1), open_paren + 1);
    if (sscanf(close_paren + 1, " %c %d %d %ld", &info->state, &info->ppid,
               &pgrp, &info->session) != 4)
        return -1;
    return 0;
}

char bb_proc_state(pid_t pid)
{
    struct bb_procinfo info;
    return bb_read_stat(pid, &info) == 0 ? info.state : 0;
}

int bb_children(pid_t pid, pid_t *kids, int max)
{
    DIR *dir = opendir("/proc");
    struct dirent *e;
    int n = 0;
    if (!dir)
        return 0;
    while ((e = readdir(dir)) != NULL && n < max) {
        struct bb_procinfo info;
        char *end;
        long kid = strtol(e->d_name, &end, 10);
        if (!*end && kid > 0 && bb_read_stat((pid_t)kid, &info) == 0 &&
            info.ppid == pid && info.state != 'Z')
            kids[n++] = (pid_t)kid;
    }
    closedir(dir);
    return n;
}

/* Calls fn for each process in session sid; returns how many live
 * (not zombie) ones it saw. Reaps zombies that are this process's
 * children (the orphans a subreaper inherits). */
static int bb_scan_session(pid_t sid, void (*fn)(const struct bb_procinfo *, void *),
                           void *data)
{
    DIR *dir = opendir("/proc");
    struct dirent *e;
    int live = 0;
    if (!dir)
        return 0;
    while ((e = readdir(dir)) != NULL) {
        struct bb_procinfo info;
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        if (*end || pid <= 0 || bb_read_stat((pid_t)pid, &info) != 0 ||
            info.session != (long)sid)
            continue;
        if (info.state == 'Z' || info.state == 'X') {
            if (info.ppid == getpid() && info.pid != sid) /* never the shell: */
                waitpid(info.pid, NULL, WNOHANG);        /* bb_finish reaps it */
            continue;
        }
        live++;
        if (fn)
            fn(&info, data);
    }
    closedir(dir);
    return live;
}

/* Describes a leftover process on one line, and kills it. */
static void bb_describe_and_kill(const struct bb_procinfo *info, void *data)
{
    struct bb_str *s = (struct bb_str *)data;
    char path[64], cmdline[256], line[512];
    int fd;
    ssize_t n = 0, i;
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)info->pid);
    fd = open(path, O_RDONLY);
    if (fd >= 0) {
        n = read(fd, cmdline, sizeof cmdline - 1);
        close(fd);
    }
    n = n > 0 ? n : 0;
    for (i = 0; i < n; i++)
        if (cmdline[i] == '\0')
            cmdline[i] = ' ';
    cmdline[n] = '\0';
    snprintf(line, sizeof line, "pid %d (%s) state %c, parent %d: %s\n",
             (int)info->pid, info->comm, info->state, (int)info->ppid, cmdline);
    bb_str_puts(s, line);
    kill(info->pid, SIGKILL);
}

static void bb_kill_one(const struct bb_procinfo *info, void *data)
{
    (void)data;
    kill(info->pid, SIGKILL);
}

/* After the shell ended: waits up to BB_GRACE for the session to empty;
 * returns a description of what stayed (killed now), or NULL. */
static char *bb_check_session(pid_t sid)
{
    struct bb_str s = {NULL, 0, 0};
    double deadline = bb_now() + BB_GRACE;
    int round;
    while (bb_scan_session(sid, NULL, NULL) > 0 && bb_now() < deadline)
        bb_sleep(0.01);
    bb_scan_session(sid, bb_describe_and_kill, &s);
    for (round = 0; round < 200 && bb_scan_session(sid, bb_kill_one, NULL) > 0; round++)
        bb_sleep(0.01);
    bb_scan_session(sid, NULL, NULL); /* reap what just died */
    return s.data;
}

void bb_finish(struct bb_proc *p, double timeout, struct bb_result *r)
{
    double deadline = bb_now() + timeout, nap = 0.0005;
    memset(r, 0, sizeof *r);
    while (!bb_poll_exit(p)) {
        if (bb_now() > deadline) {
            r->timed_out = 1;
            bb_scan_session(p->pid, bb_kill_one, NULL);
            kill(p->pid, SIGKILL);
            while (waitpid(p->pid, &p->status, 0) < 0 && errno == EINTR)
                ;
            p->reaped = 1;
            break;
        }
        bb_sleep(nap);
        nap = nap < 0.01 ? nap * 2 : 0.01;
    }
    r->seconds = bb_now() - p->started;
    if (WIFEXITED(p->status))
        r->exit_code = WEXITSTATUS(p->status);
    else if (WIFSIGNALED(p->status))
        r->exit_code = 128 + WTERMSIG(p->status);
    r->leftovers = bb_check_session(p->pid);
    r->output = bb_read_output(p->out_fd, &r->len);
    bb_text_mode(r);
    close(p->out_fd);
    p->out_fd = -1;
    bb_remove_tree(p->cache);
    if (p->emu[0])
        bb_remove_tree(p->emu);
    bb_track(p, 0);
    ptest_log("$ %s: exit %d in %.2fs%s%s", p->cmd, r->exit_code, r->seconds,
              r->timed_out ? ", timed out" : "", r->leftovers ? ", left processes" : "");
}

/* What Wine prints when it could not start a program at all (seen under
 * load, with "Protocol error: ... partial recvmsg" from its server): the
 * program never ran, so the command is run again, once, and the log
 * says so. Only under an emulator; never on a real machine. */
static const char bb_wine_start_failed[] = "ShellExecuteEx failed";

static int bb_emulator_failed(const struct bb_result *r)
{
    const char *emulator = getenv("PTEST_EMULATOR");
    return emulator && *emulator && r->exit_code != 0 && r->output &&
           strstr(r->output, bb_wine_start_failed) != NULL;
}

static void bb_run_once(const char *cmd, int flags, double timeout, struct bb_result *r);

void bb_run(const char *cmd, int flags, double timeout, struct bb_result *r)
{
    bb_run_once(cmd, flags, timeout, r);
    if (bb_emulator_failed(r)) {
        ptest_log("harness: the emulator could not start `%.60s`; run again", cmd);
        bb_result_free(r);
        bb_run_once(cmd, flags, timeout, r);
    }
}

static void bb_run_once(const char *cmd, int flags, double timeout, struct bb_result *r)
{
    struct bb_proc p;
    if (bb_start(&p, cmd, flags) != 0) {
        memset(r, 0, sizeof *r);
        r->output = (char *)bb_xmalloc(128);
        snprintf(r->output, 128, "harness: cannot start a process: %s\n",
                 strerror(errno));
        r->len = strlen(r->output);
        r->exit_code = -1;
        return;
    }
    bb_finish(&p, timeout, r);
}

void bb_result_free(struct bb_result *r)
{
    free(r->output);
    free(r->leftovers);
    memset(r, 0, sizeof *r);
}

int bb_ci(void)
{
    const char *ci = getenv("PTEST_CI");
    return ci && *ci && strcmp(ci, "0") != 0;
}

void bb_skip(const char *why)
{
    if (bb_ci())
        FAIL("%s; PTEST_CI=1 allows no skip (.ci/run installs every tool)", why);
    SKIP_TEST("%s", why);
}

void bb_skip_result(struct bb_result *r)
{
    char why[1024] = "";
    const char *line = r->output;
    size_t used = 0;
    while (line && *line) {
        size_t len = strcspn(line, "\n");
        if (strncmp(line, "make test: ", 11) == 0 && used + len + 3 < sizeof why) {
            used += (size_t)snprintf(why + used, sizeof why - used, "%s%.*s",
                                     used ? "; " : "", (int)len, line);
        }
        line += len + (line[len] == '\n');
    }
    if (!used)
        snprintf(why, sizeof why, "exit %d, which skips, without saying why",
                 r->exit_code);
    bb_result_free(r);
    bb_skip(why);
}

void bb_cleanup(void)
{
    int i;
    for (i = 0; i < BB_MAX_ACTIVE; i++) {
        struct bb_result r;
        if (!bb_active[i])
            continue;
        bb_finish(bb_active[i], 0, &r); /* kills, reaps, checks, untracks */
        bb_result_free(&r);
    }
}

/* The number before word in text ("7 tests selected"), or -1. */
static long bb_number_before(const char *text, const char *word)
{
    const char *at = strstr(text, word);
    const char *p = at;
    if (!at)
        return -1;
    while (p > text && p[-1] == ' ')
        p--;
    while (p > text && isdigit((unsigned char)p[-1]))
        p--;
    return isdigit((unsigned char)*p) ? strtol(p, NULL, 10) : -1;
}

/* The breakdown line's words, in enum bb_outcome order. */
static const char *const bb_outcome_words[BB_OUTCOMES] = {
    "passed", "flaky", "failed", "crashed", "exited", "timed out",
    "xpassed", "skipped", "xfailed", "interrupted", "not run"};

/* Reads the breakdown line "3 passed, 1 timed out, 2 not run". */
static void bb_parse_breakdown(const char *line, struct bb_counts *c)
{
    const char *p = line;
    c->breakdown_total = strncmp(line, "no tests ran", 12) == 0 ? 0 : -1;
    while (isdigit((unsigned char)*p)) {
        char *end;
        long n = strtol(p, &end, 10);
        size_t wlen, k;
        int known = 0;
        p = end + (*end == ' ');
        wlen = strcspn(p, ",\n");
        for (k = 0; k < BB_OUTCOMES; k++)
            if (strlen(bb_outcome_words[k]) == wlen &&
                strncmp(p, bb_outcome_words[k], wlen) == 0) {
                c->outcome[k] += n;
                known = 1;
            }
        if (!known && (strncmp(p, "warnings", wlen) == 0 ||
                       strncmp(p, "warning", wlen) == 0) && wlen >= 7) {
            c->warnings += n; /* not an outcome: a passed test may warn */
            p += wlen;
            while (*p == ',' || *p == ' ')
                p++;
            continue;
        }
        c->unknown_words += !known;
        c->breakdown_total = (c->breakdown_total < 0 ? 0 : c->breakdown_total) + n;
        p += wlen;
        while (*p == ',' || *p == ' ')
            p++;
    }
}

void bb_parse_counts(const char *output, struct bb_counts *c)
{
    const char *last, *line;
    memset(c, 0, sizeof *c);
    c->selected = bb_number_before(output, " tests selected");
    if (c->selected < 0)
        c->selected = bb_number_before(output, " test selected");
    c->ran = bb_number_before(output, " tests in ");
    if (c->ran < 0)
        c->ran = bb_number_before(output, " test in ");
    c->passed = c->failed = c->skipped = c->breakdown_total = -1;
    last = strncmp(output, "ptest: ", 7) == 0 ? output : strstr(output, "\nptest: ");
    if (!last)
        return;
    last += *last == '\n';
    c->passed = bb_number_before(last, " passed");
    c->failed = bb_number_before(last, " failed");
    c->skipped = bb_number_before(last, " skipped");
    if (last == output)
        return;
    line = last - 1; /* the breakdown is the line just above the last one */
    while (line > output && line[-1] != '\n')
        line--;
    bb_parse_breakdown(line, c);
}

const char *bb_last_line(const char *text)
{
    static char line[1024];
    size_t n = strlen(text);
    const char *start;
    while (n > 0 && text[n - 1] == '\n')
        n--;
    start = text + n;
    while (start > text && start[-1] != '\n')
        start--;
    snprintf(line, sizeof line, "%.*s", (int)(text + n - start), start);
    return line;
}

/* Matches a timing at p ("0.52s", "12.345s"); returns its length or 0. */
static size_t bb_match_time(const char *text, const char *p)
{
    const char *q = p;
    size_t frac = 0;
    if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '.'))
        return 0;
    while (isdigit((unsigned char)*q))
        q++;
    if (q == p || *q != '.')
        return 0;
    q++;
    while (isdigit((unsigned char)q[frac]))
        frac++;
    if ((frac != 2 && frac != 3) || q[frac] != 's' ||
        isalnum((unsigned char)q[frac + 1]))
        return 0;
    return (size_t)(q + frac + 1 - p);
}

/* Matches a pointer value at p ("0x7ffd5e1c", 4+ hex digits). */
static size_t bb_match_address(const char *text, const char *p)
{
    size_t n = 0;
    if (strncmp(p, "0x", 2) != 0 || (p > text && isalnum((unsigned char)p[-1])))
        return 0;
    while (isxdigit((unsigned char)p[2 + n]))
        n++;
    return n >= 4 && !isalnum((unsigned char)p[2 + n]) ? n + 2 : 0;
}

/* Matches "pid 1234" at p. */
static size_t bb_match_pid(const char *text, const char *p)
{
    size_t n = 0;
    if (strncmp(p, "pid ", 4) != 0 || (p > text && isalnum((unsigned char)p[-1])))
        return 0;
    while (isdigit((unsigned char)p[4 + n]))
        n++;
    return n > 0 ? n + 4 : 0;
}

/* Under an emulator, what the emulator itself writes into a program's
 * stderr: qemu-user 7.2 says "qemu: uncaught target signal 11
 * (Segmentation fault) - core dumped" as a program dies of a signal (even
 * with no core file written). Removed with the "--- stderr ---" heading
 * it alone put in a test's report; what the program wrote stays. */
static const char bb_qemu_noise[] = "qemu: uncaught target signal ";

/* Whether the line at p, after its indentation, starts with what. */
static int bb_line_is(const char *p, const char *what)
{
    while (*p == ' ')
        p++;
    return strncmp(p, what, strlen(what)) == 0;
}

static char *bb_drop_emulator_noise(const char *text)
{
    struct bb_str s = {NULL, 0, 0};
    const char *p = text;
    bb_str_add(&s, "", 0);
    while (*p) {
        size_t len = strcspn(p, "\n") + (p[strcspn(p, "\n")] == '\n');
        if (bb_line_is(p, "<system-err>qemu: uncaught target signal ")) {
            p += len; /* JUnit XML: the element holds nothing else */
            if (bb_line_is(p, "</system-err>"))
                p += strcspn(p, "\n") + (p[strcspn(p, "\n")] == '\n');
            continue;
        }
        if (bb_line_is(p, bb_qemu_noise)) {
            const char *next = p + len;
            size_t last = s.len;
            while (last > 0 && s.data[last - 1] == '\n' && last == s.len)
                last--; /* back over the newline of the last line kept */
            while (last > 0 && s.data[last - 1] != '\n')
                last--;
            size_t head = strspn(s.data + last, " "), more = strspn(next, " ");
            int text = bb_line_is(s.data + last, "--- stderr ---") && more == head &&
                       more > 0 && !bb_line_is(next, "--- ");
            int tap = bb_line_is(s.data + last, "stderr: |") && more > head;
            if (s.len > last && (bb_line_is(s.data + last, "--- stderr ---") ||
                                 bb_line_is(s.data + last, "stderr: |")) &&
                !text && !tap)
                s.data[s.len = last] = '\0'; /* the heading of nothing now */
        } else {
            bb_str_add(&s, p, len);
        }
        p += len;
    }
    return s.data;
}

char *bb_normalize(const char *text)
{
    static const char version[] = "ptest " PTEST_VERSION_STRING;
    struct bb_str s = {NULL, 0, 0};
    char *quiet = bb_emulating() ? bb_drop_emulator_noise(text) : NULL;
    /* the matchers look back from p, never before the text p walks */
    const char *start = quiet ? quiet : text, *p = start;
    bb_str_add(&s, "", 0);
    while (*p) {
        size_t n;
        if ((n = bb_match_time(start, p)) > 0) {
            bb_str_puts(&s, "N.NNs");
        } else if ((n = bb_match_address(start, p)) > 0) {
            bb_str_puts(&s, "0xADDR");
        } else if ((n = bb_match_pid(start, p)) > 0) {
            bb_str_puts(&s, "pid PID");
        } else if (strncmp(p, version, sizeof version - 1) == 0 &&
                   !isalnum((unsigned char)p[sizeof version - 1]) &&
                   p[sizeof version - 1] != '.') {
            bb_str_puts(&s, "ptest VERSION");
            n = sizeof version - 1;
        } else {
            bb_str_add(&s, p, 1);
            n = 1;
        }
        p += n;
    }
    free(quiet);
    return s.data;
}
