/* Unit tests of the platform layer and the utilities: CPU counting and the
 * cgroup cpu.max parser, signal names, process status descriptions, pipes,
 * capture files and shared memory; number parsing, edit distance,
 * case-insensitive search, batch sizes and the growable buffer. */

#include <fcntl.h>
#include <signal.h>
#if !defined(_WIN32)
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

/* ------------------------------------------------------------------------
 * CPUs
 * ------------------------------------------------------------------------ */

struct ut_cpu_max_case {
    const char *text;
    int want;
};

static const struct ut_cpu_max_case ut_cpu_max_cases[] = {
    {"max 100000", 0},
    {"max 100000\n", 0},
    {"max", 0},
    {"150000 100000", 2},       /* 1.5 CPUs, rounded up */
    {"150000 100000\n", 2},
    {"50000 100000", 1},
    {"100000 100000", 1},
    {"100001 100000", 2},
    {"200000 100000", 2},
    {"400000 100000", 4},
    {"1000 1000000", 1},        /* the smallest quota cgroups allow */
    {"1 100000", 1},
    {"", 0},
    {"garbage", 0},
    {"\n", 0},
    {"100000", 0},              /* no period */
    {"100000 ", 0},
    {"100000 abc", 0},
    {"0 100000", 0},
    {"-5 100000", 0},
    {"100000 0", 0},
    {"100000 -1", 0},
    {"1e300 1", 0},             /* beyond any int: no limit worth the name */
};

TEST_P(unit_platform, parse_cpu_max, struct ut_cpu_max_case, ut_cpu_max_cases, MARK(unit))
{
    UT_POSIX_ONLY("cgroup CPU quotas");
#if !defined(_WIN32)
    EXPECT_EQ_MSG(ptest__parse_cpu_max(PARAM->text), PARAM->want, "'%s'",
                  PARAM->text);
#endif
}

#if !defined(_WIN32)
/* ptest__parse_cpu_max(text) in a child process, so that undefined
 * behaviour caught by a sanitizer ends the child, not an inline run;
 * INT_MAX when the child did not return normally. */
static int ut_cpu_max_in_child(const char *text)
{
    int fds[2], value = INT_MAX, status = 0;
    pid_t pid;
    if (pipe(fds) != 0)
        return INT_MAX;
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        int v;
        close(fds[0]);
        if (!freopen("/dev/null", "w", stderr)) {
            /* the sanitizer's message then shows; harmless */
        }
        v = ptest__parse_cpu_max(text);
        _exit(write(fds[1], &v, sizeof v) == (ssize_t)sizeof v ? 0 : 1);
    }
    close(fds[1]);
    if (pid > 0 && read(fds[0], &value, sizeof value) != (ssize_t)sizeof value)
        value = INT_MAX;
    close(fds[0]);
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? value : INT_MAX;
}
#endif

/* "nan 100000" passes both "<= 0" checks and reaches (int)(NaN + 0.999999),
 * undefined behaviour: on x86-64 it returns INT_MIN instead of the 0 the
 * function promises for garbage (UBSan's float-cast-overflow aborts). */
TEST(unit_platform, parse_cpu_max_nan, MARK(unit))
{
    UT_POSIX_ONLY("cgroup CPU quotas, fork");
#if !defined(_WIN32)
    EXPECT_EQ(ut_cpu_max_in_child("nan 100000"), 0);
    EXPECT_EQ(ut_cpu_max_in_child("100000 nan"), 0);
    EXPECT_EQ(ut_cpu_max_in_child("inf inf"), 0);
#endif
}

/* Windows counts the CPUs of the process's affinity mask; there is no
 * quota to read. */
TEST(unit_platform, cpu_count, MARK(unit))
{
#if defined(_WIN32)
    EXPECT_GE(ptest__os_cpu_count(), 1);
#else
    int affinity = ptest__os_cpu_affinity();
    int quota = ptest__os_cpu_quota();
    int count = ptest__os_cpu_count();
    EXPECT_GE(affinity, 1);
    EXPECT_GE(quota, 0);
    EXPECT_GE(count, 1);
    EXPECT_LE(count, affinity);
    if (quota > 0)
        EXPECT_LE(count, quota);
    else
        EXPECT_EQ(count, affinity);
#endif
}

TEST(unit_platform, read_small, MARK(unit))
{
    UT_POSIX_ONLY("/proc and /sys files");
#if !defined(_WIN32)
    char buf[8];
    EXPECT_EQ(ptest__os_read_small("/nonexistent/ptest", buf, sizeof buf), -1);
    ASSERT_EQ(ptest__os_read_small("/dev/null", buf, sizeof buf), 0);
    EXPECT_STR_EQ(buf, "");
#endif
}

/* ------------------------------------------------------------------------
 * Signals and process status
 * ------------------------------------------------------------------------ */

/* The fields the worker hygiene reads from /proc/self/status after every
 * test, from a text laid out as Linux lays it out. */
TEST(unit_platform, parse_status, MARK(unit))
{
    UT_POSIX_ONLY("/proc/self/status");
#if !defined(_WIN32)
    static const char text[] =
        "Name:\tSigCgt: Umask:\n"
        "Umask:\t0027\n"
        "State:\tR (running)\n"
        "Threads:\t12\n"
        "SigQ:\t0/63432\n"
        "SigPnd:\t0000000000000001\n"
        "SigBlk:\t0000000000010000\n"
        "SigIgn:\t0000000000001000\n"
        "SigCgt:\tfffffffe00014a07\n"
        "CapInh:\t0000000000000000\n";
    struct ptest__proc_status st;
    ASSERT_EQ(ptest__os_parse_status(text, &st), 0);
    EXPECT_EQ((unsigned)st.umask, 027u);
    EXPECT_EQ(st.threads, 12L);
    EXPECT_EQ(st.blocked, (uint64_t)0x10000);
    EXPECT_EQ(st.ignored, (uint64_t)0x1000);
    EXPECT_EQ(st.caught, (uint64_t)0xfffffffe00014a07ULL);
#endif
}

/* A kernel without Umask (before 4.7), or a text cut short before
 * SigCgt, is no status to trust: -1, and the hygiene restores all. */
TEST(unit_platform, parse_status_incomplete, MARK(unit))
{
    UT_POSIX_ONLY("/proc/self/status");
#if !defined(_WIN32)
    struct ptest__proc_status st;
    EXPECT_EQ(ptest__os_parse_status("Name:\tx\nSigCgt:\t0\n", &st), -1);
    EXPECT_EQ(ptest__os_parse_status("Name:\tx\nUmask:\t0022\nSigIgn:\t0\n", &st), -1);
    EXPECT_EQ(ptest__os_parse_status("", &st), -1);
    EXPECT_EQ(ptest__os_parse_status("Name:\tx\nUmask:\t0022\nSigCgt:\t", &st), 0);
    EXPECT_EQ(st.caught, (uint64_t)0);
#endif
}

/* This process's own status: the umask it has just set, one thread. */
TEST(unit_platform, proc_status_of_self, MARK(unit))
{
#if defined(__linux__)
    struct ptest__proc_status st;
    int fd = ptest__os_open_status();
    mode_t old = umask(0037);
    ASSERT_GE(fd, 0);
    EXPECT_EQ(ptest__os_proc_status(fd, &st), 0);
    umask(old);
    close(fd);
    EXPECT_EQ((unsigned)st.umask, 037u);
    EXPECT_GE(st.threads, 1L);
#else
    SKIP_TEST("Linux only: /proc/self/status");
#endif
}

TEST(unit_platform, signal_names, MARK(unit))
{
    int sig;
    EXPECT_STR_EQ(ptest__os_signal_name(SIGSEGV), "SIGSEGV");
    EXPECT_STR_EQ(ptest__os_signal_name(SIGABRT), "SIGABRT");
    EXPECT_STR_EQ(ptest__os_signal_name(SIGTERM), "SIGTERM");
    EXPECT_STR_EQ(ptest__os_signal_name(SIGINT), "SIGINT");
    EXPECT_STR_EQ(ptest__os_signal_name(SIGFPE), "SIGFPE");
    EXPECT_STR_EQ(ptest__os_signal_name(SIGILL), "SIGILL");
    EXPECT_STR_EQ(ptest__os_signal_name(PTEST__SIGPIPE), "SIGPIPE");
#if !defined(_WIN32) /* the CRT knows only the six above */
    EXPECT_STR_EQ(ptest__os_signal_name(SIGKILL), "SIGKILL");
    EXPECT_STR_EQ(ptest__os_signal_name(SIGBUS), "SIGBUS");
    EXPECT_STR_EQ(ptest__os_signal_name(SIGALRM), "SIGALRM");
    EXPECT_STR_EQ(ptest__os_signal_name(SIGUSR1), "SIGUSR1");
    EXPECT_STR_EQ(ptest__os_signal_name(SIGXCPU), "SIGXCPU");
#endif
    EXPECT_NULL(ptest__os_signal_name(0));
    EXPECT_NULL(ptest__os_signal_name(-1));
    EXPECT_NULL(ptest__os_signal_name(1000));
    for (sig = 1; sig < 32; sig++) {
        const char *name = ptest__os_signal_name(sig);
        if (name)
            EXPECT_EQ_MSG(strncmp(name, "SIG", 3), 0, "signal %d: %s", sig, name);
    }
}

#if !defined(_WIN32)
/* The status of a child that ran fn. */
static int ut_child_status(void (*fn)(void))
{
    int status = 0;
    pid_t pid;
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        fn();
        _exit(0);
    }
    if (pid < 0)
        return -1;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

static void ut_exit_3(void) { _exit(3); }
static void ut_exit_0(void) { _exit(0); }
static void ut_die_kill(void) { raise(SIGKILL); }
static void ut_die_term(void)
{
    signal(SIGTERM, SIG_DFL);
    raise(SIGTERM);
}
#endif

TEST(unit_platform, describe_status, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
#if defined(_WIN32) /* an exit code, or the exception that ended the process */
    ptest__describe_status(&b, 3);
    EXPECT_STR_EQ(b.data, "called exit(3)");
    ptest__buf_free(&b);
    ptest__describe_status(&b, (int)0xC0000005u);
    EXPECT_STR_EQ(b.data, "crashed with EXCEPTION_ACCESS_VIOLATION (0xc0000005)");
    ptest__buf_free(&b);
#else
    char *want;
    ptest__describe_status(&b, ut_child_status(ut_exit_3));
    EXPECT_STR_EQ(b.data, "called exit(3)");
    ptest__buf_free(&b);
    ptest__describe_status(&b, ut_child_status(ut_exit_0));
    EXPECT_STR_EQ(b.data, "called exit(0)");
    ptest__buf_free(&b);
    ptest__describe_status(&b, ut_child_status(ut_die_kill));
    want = ut_fmt("was killed by SIGKILL (%s)", strsignal(SIGKILL));
    EXPECT_STR_EQ(b.data, want);
    free(want);
    ptest__buf_free(&b);
    ptest__describe_status(&b, ut_child_status(ut_die_term));
    UT_EXPECT_CONTAINS(b.data, "was killed by SIGTERM (");
    ptest__buf_free(&b);
#endif
}

/* The signal that has a child stopped: none while it runs, SIGTTOU once
 * it stopped itself with it (what writing to the terminal does to a
 * background process), none again once continued. Windows has none. */
TEST(unit_platform, stop_signal, MARK(unit))
{
#if defined(_WIN32)
    EXPECT_EQ(ptest__os_stop_signal(1), 0);
#else
    int up[2], go[2], status = 0, i, sig = 0;
    char byte = 0;
    pid_t pid;
    ASSERT_EQ(pipe(up), 0);
    ASSERT_EQ(pipe(go), 0);
    fflush(NULL);
    pid = fork();
    if (pid == 0) {
        /* a group of its own, whose parent is in another: SIGTTOU stops
         * no process of an orphaned group (-j 0 may run in one) */
        setpgid(0, 0);
        (void)!write(up[1], "r", 1);  /* running */
        (void)!read(go[0], &byte, 1); /* until told to stop */
        raise(SIGTTOU);
        _exit(0);
    }
    close(up[1]);
    close(go[0]);
    ASSERT_GT(pid, 0);
    (void)!read(up[0], &byte, 1);
    EXPECT_EQ(ptest__os_stop_signal(pid), 0); /* waiting in read(), not stopped */
    (void)!write(go[1], "s", 1);
    for (i = 0; i < 5000 && !sig; i++) { /* up to 5 s for it to stop */
        struct timespec ms = {0, 1000000L};
        sig = ptest__os_stop_signal(pid);
        if (!sig)
            nanosleep(&ms, NULL);
    }
    EXPECT_EQ(sig, SIGTTOU);
    EXPECT_EQ(ptest__os_stop_signal(pid), SIGTTOU); /* seen, not consumed */
    kill(pid, SIGCONT);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    EXPECT_TRUE(WIFEXITED(status));
    EXPECT_EQ(ptest__os_stop_signal(pid), 0); /* gone */
    close(up[0]);
    close(go[1]);
#endif
}

/* What a timed-out test's reason adds when a signal had its worker
 * stopped: the signal, and for the terminal's two, why. */
TEST(unit_platform, stopped_reason, MARK(unit))
{
    struct ptest__slot slot;
    struct ptest__buf b = {NULL, 0, 0};
    memset(&slot, 0, sizeof slot);
    ptest__slot_stopped(&slot, &b);
    EXPECT_TRUE(b.len == 0);
#if !defined(_WIN32)
    slot.stopped_by = SIGSTOP;
    ptest__slot_stopped(&slot, &b);
    EXPECT_STR_EQ(b.data, "; it was stopped by SIGSTOP when its time ran out");
    b.len = 0;
    slot.stopped_by = SIGTTOU;
    ptest__slot_stopped(&slot, &b);
    EXPECT_STR_EQ(b.data, "; it was stopped by SIGTTOU when its time ran out: it "
                          "wrote to the terminal or changed its settings, which a "
                          "worker (a background process group) may not");
    ptest__buf_free(&b);
#endif
}

/* What a death test's EXPECT_SIGNAL matches: on Windows, the exceptions
 * standing for each signal, abort()'s status and ptest's status for a
 * raise(); an exit code is no signal, and a signal no exit code. */
TEST(unit_platform, status_signal_and_exit, MARK(unit))
{
#if defined(_WIN32)
    struct ptest__buf b = {NULL, 0, 0};
    EXPECT_EQ(ptest__os_status_signal((int)0xC0000005u), SIGSEGV);
    EXPECT_EQ(ptest__os_status_signal((int)0xC00000FDu), SIGSEGV);
    EXPECT_EQ(ptest__os_status_signal((int)0xC0000094u), SIGFPE);
    EXPECT_EQ(ptest__os_status_signal((int)0xC0000090u), SIGFPE);
    EXPECT_EQ(ptest__os_status_signal((int)0xC000001Du), SIGILL);
    EXPECT_EQ(ptest__os_status_signal((int)0xC0000409u), SIGABRT);
    EXPECT_EQ(ptest__os_status_signal((int)PTEST__WIN_RAISED(SIGTERM)), SIGTERM);
    EXPECT_EQ(ptest__os_status_signal((int)0x80000003u), 0); /* no signal here */
    EXPECT_EQ(ptest__os_status_signal(3), 0);
    EXPECT_EQ(ptest__os_status_exit(3), 3);
    EXPECT_EQ(ptest__os_status_exit((int)0xC0000005u), -1);
    EXPECT_EQ(ptest__os_status_exit((int)PTEST__WIN_RAISED(SIGSEGV)), -1);
    ptest__describe_status(&b, (int)PTEST__WIN_RAISED(SIGTERM));
    EXPECT_STR_EQ(b.data, "was killed by SIGTERM (raise)");
    ptest__buf_free(&b);
    ptest__describe_status(&b, (int)0xC0000094u);
    EXPECT_STR_EQ(b.data, "crashed with EXCEPTION_INT_DIVIDE_BY_ZERO (0xc0000094)");
    ptest__buf_free(&b);
#else
    EXPECT_EQ(ptest__os_status_signal(ut_child_status(ut_die_term)), SIGTERM);
    EXPECT_EQ(ptest__os_status_exit(ut_child_status(ut_die_term)), -1);
    EXPECT_EQ(ptest__os_status_signal(ut_child_status(ut_exit_3)), 0);
    EXPECT_EQ(ptest__os_status_exit(ut_child_status(ut_exit_3)), 3);
#endif
}

/* ------------------------------------------------------------------------
 * Pipes, capture files, shared memory, the clock
 * ------------------------------------------------------------------------ */

TEST(unit_platform, pipe_is_close_on_exec, MARK(unit))
{
    UT_POSIX_ONLY("FD_CLOEXEC and O_NONBLOCK pipes");
#if !defined(_WIN32)
    int fds[2];
    char c = 0;
    ASSERT_EQ(ptest__os_pipe(fds), 0);
    EXPECT_TRUE(fcntl(fds[0], F_GETFD) & FD_CLOEXEC);
    EXPECT_TRUE(fcntl(fds[1], F_GETFD) & FD_CLOEXEC);
    EXPECT_EQ(write(fds[1], "z", 1), 1);
    EXPECT_EQ(read(fds[0], &c, 1), 1);
    EXPECT_EQ(c, 'z');
    ptest__os_nonblock(fds[0]);
    EXPECT_TRUE(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
    EXPECT_EQ(read(fds[0], &c, 1), -1); /* empty, and it does not block */
    close(fds[0]);
    close(fds[1]);
#endif
}

TEST(unit_platform, capture_file, MARK(unit))
{
    int fd = ptest__os_capture_file("unit");
    char *text;
    ASSERT_GE(fd, 0);
#if !defined(_WIN32)
    EXPECT_TRUE(fcntl(fd, F_GETFD) & FD_CLOEXEC);
#endif
    EXPECT_NULL(ptest__read_capture(fd)); /* empty */
    EXPECT_EQ(write(fd, "hello\n", 6), 6);
    text = ptest__read_capture(fd);
    EXPECT_STR_EQ(text, "hello\n");
    free(text);
    ptest__rewind_capture(fd);
    EXPECT_NULL(ptest__read_capture(fd));
    EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 0);
    close(fd);
}

TEST(unit_platform, capture_file_keeps_head_and_tail, MARK(unit))
{
    int fd = ptest__os_capture_file("unit");
    const size_t size = 4 * PTEST__CAPTURE_KEEP;
    char *data = ut_repeat('m', size), *text, *note;
    ASSERT_GE(fd, 0);
    memset(data, 'h', PTEST__CAPTURE_KEEP);
    memset(data + size - PTEST__CAPTURE_KEEP, 't', PTEST__CAPTURE_KEEP);
    ASSERT_EQ(write(fd, data, size), (ssize_t)size);
    text = ptest__read_capture(fd);
    ASSERT_NOT_NULL(text);
    note = ut_fmt("\n[... %lu bytes not shown ...]\n",
                  (unsigned long)(size - 2 * PTEST__CAPTURE_KEEP));
    EXPECT_EQ(strlen(text), 2 * (size_t)PTEST__CAPTURE_KEEP + strlen(note));
    EXPECT_EQ(memcmp(text, data, PTEST__CAPTURE_KEEP), 0);
    EXPECT_EQ(strncmp(text + PTEST__CAPTURE_KEEP, note, strlen(note)), 0);
    EXPECT_EQ(text[strlen(text) - 1], 't');
    EXPECT_NULL(strchr(text, 'm'));
    free(note);
    free(text);
    free(data);
    close(fd);
}

TEST(unit_platform, shared_memory_crosses_fork, MARK(unit))
{
    UT_POSIX_ONLY("fork");
#if !defined(_WIN32)
    int *shared = (int *)ptest__os_shared_alloc(4096);
    int status = 0;
    pid_t pid;
    ASSERT_NOT_NULL(shared);
    EXPECT_EQ(shared[0], 0); /* zeroed */
    EXPECT_EQ(shared[1023], 0);
    fflush(NULL);
    pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        shared[0] = 42;
        _exit(0);
    }
    waitpid(pid, &status, 0);
    EXPECT_EQ(shared[0], 42);
    munmap(shared, 4096);
#endif
}

#if !defined(_WIN32)
/* In a child, unprivileged there (as root, it becomes nobody first): the
 * hygiene's limits check, exiting with a bit for each thing that failed
 * (10: no nobody to become, 11: no limits to read). */
static void ut_limits_put_back(void)
{
    struct ptest__hygiene h;
    struct ptest__buf warn = {NULL, 0, 0};
    struct rlimit fsize, nofile, low, now;
    int bad = 0;
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
        _exit(10);
    memset(&h, 0, sizeof h);
    h.limits_fd = ptest__os_open_limits(); /* Linux: compared in one read */
    if (getrlimit(RLIMIT_FSIZE, &fsize) != 0 || getrlimit(RLIMIT_NOFILE, &nofile) != 0 ||
        nofile.rlim_max <= 16)
        _exit(11);
    ptest__hygiene_save_limits(&h);
    ptest__hygiene_limits(&h, &warn); /* none changed: nothing to say */
    if (warn.len || h.retire)
        bad |= 16;
    low = fsize; /* a soft limit lowered: put back */
    low.rlim_cur = 0;
    setrlimit(RLIMIT_FSIZE, &low);
    ptest__hygiene_limits(&h, &warn);
    if (getrlimit(RLIMIT_FSIZE, &now) != 0 || now.rlim_cur != fsize.rlim_cur)
        bad |= 1;
    if (h.retire || !warn.data ||
        strcmp(warn.data, "changed RLIMIT_FSIZE (setrlimit); ptest put it back\n") != 0)
        bad |= 2;
    warn.len = 0;
    low.rlim_cur = 8; /* a hard limit lowered: as near as it goes */
    low.rlim_max = 16;
    setrlimit(RLIMIT_NOFILE, &low);
    ptest__hygiene_limits(&h, &warn);
    if (getrlimit(RLIMIT_NOFILE, &now) != 0 || now.rlim_max != 16 ||
        now.rlim_cur != (nofile.rlim_cur < 16 ? nofile.rlim_cur : 16))
        bad |= 4;
    if (!h.retire || !warn.data ||
        strcmp(warn.data, "lowered the hard RLIMIT_NOFILE (setrlimit), which only "
                          "a privileged process can raise again\n") != 0)
        bad |= 8;
    warn.len = 0; /* the lowered limit is now the state: no later test is blamed */
    h.retire = 0;
    ptest__hygiene_limits(&h, &warn);
    if (warn.len || h.retire)
        bad |= 32;
    _exit(bad);
}
#endif

/* Resource limits a test changed are put back, each a warning; a hard
 * limit it lowered, which an unprivileged process cannot raise again, has
 * its soft limit put as near as it goes, and the worker retires. */
TEST(unit_platform, hygiene_puts_limits_back, MARK(unit))
{
    UT_POSIX_ONLY("setrlimit");
#if !defined(_WIN32)
    int status = ut_child_status(ut_limits_put_back);
    EXPECT_TRUE_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                    "the child's status: 0x%x (see ut_limits_put_back)", status);
#endif
}

/* The hygiene's shortcut: a process with no child is told so in one call
 * (where that call exists), and asking reaps nothing. */
TEST(unit_platform, childless_asks_without_reaping, MARK(unit))
{
    UT_POSIX_ONLY("fork");
#if !defined(_WIN32)
    int status = 0;
    pid_t pid;
    fflush(NULL);
    pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        siginfo_t info;
        size_t listed = 99;
        long *pids;
        int fresh = ptest__os_childless(), ended, reaped;
        pid_t child = fork();
        if (child == 0)
            _exit(0);
        memset(&info, 0, sizeof info); /* until it has ended, left unreaped */
        waitid(P_PID, (id_t)child, &info, WEXITED | WNOWAIT);
        ended = ptest__os_childless();
        pids = ptest__os_children(&listed);
        reaped = waitpid(child, NULL, 0) == child; /* still there to reap */
        free(pids);
#if defined(__WALL) && defined(WNOWAIT)
        _exit(fresh == 1 && ended == 0 && reaped && listed <= 1 ? 0 : 1);
#else
        _exit(fresh == 0 && ended == 0 && reaped && listed <= 1 ? 0 : 1);
#endif
    }
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* and a process with no child lists none */
    {
        size_t n = 99;
        long *none;
        fflush(NULL);
        pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            none = ptest__os_children(&n);
            _exit(none == NULL && n == 0 ? 0 : 1);
        }
        ASSERT_EQ(waitpid(pid, &status, 0), pid);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
#endif
}

/* ptest__os_rename: the new file in place of an old one (on Linux by an
 * exchange of names, then the old file removed) or of none, nothing left
 * under the temporary name; a directory is never replaced. */
TEST(unit_platform, rename_replaces_files_not_directories, MARK(unit))
{
    char *dir = ut_tempdir(), *path, *tmp, *sub, *inside, *text;
    ASSERT_NOT_NULL(dir);
    path = ut_fmt("%s/out", dir);
    tmp = ut_fmt("%s/out.tmp", dir);
    sub = ut_fmt("%s/sub", dir);
    inside = ut_fmt("%s/sub/keep", dir);
    EXPECT_EQ(ptest__write_atomic(tmp, "first", 5), 0);
    EXPECT_EQ(ptest__os_rename(tmp, path), 0); /* no file there yet */
    EXPECT_EQ(ptest__write_atomic(tmp, "second", 6), 0);
    EXPECT_EQ(ptest__os_rename(tmp, path), 0); /* over the first */
    text = ut_slurp(path);
    EXPECT_STR_EQ(text, "second");
    free(text);
    EXPECT_EQ(access(tmp, F_OK), -1); /* the old file is gone, not left here */
    ASSERT_EQ(ptest__os_mkdir(sub, 0777), 0);
    EXPECT_EQ(ptest__write_atomic(inside, "kept", 4), 0);
    EXPECT_EQ(ptest__write_atomic(tmp, "third", 5), 0);
    EXPECT_EQ(ptest__os_rename(tmp, sub), -1); /* a directory stays */
    text = ut_slurp(inside);
    EXPECT_STR_EQ(text, "kept");
    free(text);
    EXPECT_EQ(unlink(tmp), 0);
    EXPECT_EQ(unlink(inside), 0);
    EXPECT_EQ(ptest__os_rmdir(sub), 0);
    EXPECT_EQ(unlink(path), 0);
    EXPECT_EQ(ptest__os_rmdir(dir), 0); /* nothing else was left */
    free(inside);
    free(sub);
    free(tmp);
    free(path);
    free(dir);
}

TEST(unit_platform, clock_is_monotonic, MARK(unit))
{
    double t0 = ptest__os_now(), t1;
    struct timespec ts = {0, 2000000};
    nanosleep(&ts, NULL);
    t1 = ptest__os_now();
    EXPECT_GT(t0, 0.0);
    EXPECT_GE(t1 - t0, 0.002);
    EXPECT_LT(t1 - t0, 5.0);
}

TEST(unit_platform, worker_identity, MARK(unit))
{
    int id = ptest_worker_id();
    const char *name = ptest_worker_name();
    const char *env = getenv("PTEST_WORKER"), *count = getenv("PTEST_WORKER_COUNT");
    if (id < 0) {
        EXPECT_EQ(id, -1);
        EXPECT_STR_EQ(name, "master");
    } else {
        char want[32];
        snprintf(want, sizeof want, "gw%d", id);
        EXPECT_STR_EQ(name, want);
#if defined(PTEST__HAS_THREADS)
        if (ptest__tworker_self)
            return; /* the thread pool's workers share one environment */
#endif
        EXPECT_STR_EQ(env, want);
        ASSERT_NOT_NULL(count);
        EXPECT_GT(atoi(count), id);
    }
}

/* ------------------------------------------------------------------------
 * Numbers
 * ------------------------------------------------------------------------ */

struct ut_long_case {
    const char *text;
    long min, max;
    int rc;
    long value;
};

static const struct ut_long_case ut_long_cases[] = {
    {"0", 0, 10, 0, 0},
    {"10", 0, 10, 0, 10},
    {"-3", -5, 5, 0, -3},
    {"+7", 0, 10, 0, 7},
    {"007", 0, 10, 0, 7},
    {"11", 0, 10, -1, 0},
    {"-1", 0, 10, -1, 0},
    {"", 0, 10, -1, 0},
    {" 1", 0, 10, -1, 0},
    {"1 ", 0, 10, -1, 0},
    {"1x", 0, 10, -1, 0},
    {"x", 0, 10, -1, 0},
    {"0x10", 0, 100, -1, 0},
    {"1.0", 0, 10, -1, 0},
    {"-", 0, 10, -1, 0},
    {"99999999999999999999999", 0, LONG_MAX, -1, 0},
    {"-99999999999999999999999", LONG_MIN, 0, -1, 0},
#if LONG_MAX > 2147483647L
    {"9223372036854775807", 0, LONG_MAX, 0, LONG_MAX},
#else /* Windows: long has 32 bits */
    {"2147483647", 0, LONG_MAX, 0, LONG_MAX},
#endif
};

TEST_P(unit_platform, parse_long, struct ut_long_case, ut_long_cases, MARK(unit))
{
    long value = -12345;
    int rc = ptest__parse_long(PARAM->text, PARAM->min, PARAM->max, &value);
    EXPECT_EQ_MSG(rc, PARAM->rc, "'%s'", PARAM->text);
    if (PARAM->rc == 0)
        EXPECT_EQ(value, PARAM->value);
    else
        EXPECT_EQ_MSG(value, -12345, "'%s' wrote its output on failure", PARAM->text);
}

TEST(unit_platform, parse_long_null, MARK(unit))
{
    long value = 5;
    EXPECT_EQ(ptest__parse_long(NULL, 0, 10, &value), -1);
    EXPECT_EQ(value, 5);
}

struct ut_seconds_case {
    const char *text;
    int rc;
    double value;
};

static const struct ut_seconds_case ut_seconds_cases[] = {
    {"0", 0, 0.0},
    {"2.5", 0, 2.5},
    {"60", 0, 60.0},
    {".5", 0, 0.5},
    {"1e3", 0, 1000.0},
    {"1e9", 0, 1e9},
    {"0.000001", 0, 0.000001},
    {"-0", 0, 0.0},
    {"1e10", -1, 0},
    {"-1", -1, 0},
    {"-0.5", -1, 0},
    {"nan", -1, 0},
    {"NaN", -1, 0},
    {"inf", -1, 0},
    {"infinity", -1, 0},
    {"", -1, 0},
    {" 1", -1, 0},
    {"1 ", -1, 0},
    {"5s", -1, 0},
    {"abc", -1, 0},
    {"1e999", -1, 0},
};

TEST_P(unit_platform, parse_seconds, struct ut_seconds_case, ut_seconds_cases, MARK(unit))
{
    double value = -7;
    int rc = ptest__parse_seconds(PARAM->text, &value);
    EXPECT_EQ_MSG(rc, PARAM->rc, "'%s'", PARAM->text);
    if (PARAM->rc == 0)
        EXPECT_EQ(value, PARAM->value);
    else
        EXPECT_EQ(value, -7.0);
}

TEST(unit_platform, parse_seconds_null, MARK(unit))
{
    double value = 1;
    EXPECT_EQ(ptest__parse_seconds(NULL, &value), -1);
    EXPECT_EQ(value, 1.0);
}

/* ------------------------------------------------------------------------
 * Strings
 * ------------------------------------------------------------------------ */

struct ut_distance_case {
    const char *a, *b;
    size_t want;
};

static const struct ut_distance_case ut_distance_cases[] = {
    {"", "", 0},
    {"abc", "", 3},
    {"", "abc", 3},
    {"abc", "abc", 0},
    {"kitten", "sitting", 3},
    {"flaw", "lawn", 2},
    {"slow", "slwo", 2},
    {"--maxfial", "--maxfail", 2},
    {"--verbos", "--verbose", 1},
    {"unit", "unti", 2},
    {"a", "b", 1},
    {"abcdef", "azcdxf", 2},
    {"intention", "execution", 5},
};

TEST_P(unit_platform, edit_distance, struct ut_distance_case, ut_distance_cases, MARK(unit))
{
    EXPECT_EQ_MSG(ptest__edit_distance(PARAM->a, PARAM->b), PARAM->want,
                  "'%s' -> '%s'", PARAM->a, PARAM->b);
    EXPECT_EQ_MSG(ptest__edit_distance(PARAM->b, PARAM->a), PARAM->want,
                  "'%s' -> '%s'", PARAM->b, PARAM->a);
}

TEST(unit_platform, edit_distance_long, MARK(unit))
{
    char *a = ut_repeat('a', 2000), *b = ut_repeat('a', 2000);
    b[1000] = 'b';
    EXPECT_EQ(ptest__edit_distance(a, b), 1u);
    b[1999] = '\0';
    EXPECT_EQ(ptest__edit_distance(a, b), 2u);
    free(a);
    free(b);
}

struct ut_icontains_case {
    const char *hay, *needle;
    int want;
};

static const struct ut_icontains_case ut_icontains_cases[] = {
    {"Math.Adds", "add", 1},
    {"math.adds", "ADD", 1},
    {"math.adds", "math.adds", 1},
    {"math.adds", "MATH.ADDS", 1},
    {"math.adds", "s", 1},
    {"math.adds", "math.addss", 0},
    {"math.adds", "sub", 0},
    {"abc", "", 1},
    {"", "", 1},
    {"", "a", 0},
    {"ab", "abc", 0},
    {"aab", "ab", 1},
    {"x[10]", "[1", 1},
    {"caf\xc3\xa9", "CAF\xc3\xa9", 1},
    {"caf\xc3\xa9", "caf\xc3\x89", 0},  /* only ASCII folds */
    {"a_b", "A_B", 1},
    {"@", "`", 0},                      /* no folding outside A-Z */
    {"[", "{", 0},
};

TEST_P(unit_platform, icontains, struct ut_icontains_case, ut_icontains_cases, MARK(unit))
{
    EXPECT_EQ_MSG(ptest__icontains(PARAM->hay, PARAM->needle), PARAM->want,
                  "'%s' in '%s'", PARAM->needle, PARAM->hay);
}

/* ------------------------------------------------------------------------
 * Batches: many trivial tests travel together, slow ones alone.
 * ------------------------------------------------------------------------ */

struct ut_batch_case {
    size_t remaining;
    int workers;
    size_t want;
};

static const struct ut_batch_case ut_batch_cases[] = {
    {1000, 4, 31},              /* an eighth of each worker's share */
    {1000, 0, 1},               /* no workers */
    {1000, -1, 1},
    {10, 4, 1},                 /* the last few, one at a time */
    {0, 4, 1},
    {320, 4, 10},
    {100000, 2, 256},           /* bounded */
    {SIZE_MAX, 1, 256},
    {64, 8, 1},
    {128, 8, 2},
};

TEST_P(unit_platform, batch_count, struct ut_batch_case, ut_batch_cases, MARK(unit))
{
    EXPECT_EQ_MSG(ptest__batch_count(PARAM->remaining, PARAM->workers), PARAM->want,
                  "%lu remaining, %d workers", (unsigned long)PARAM->remaining,
                  PARAM->workers);
}

TEST(unit_platform, batch_count_bounds, MARK(unit))
{
    size_t remaining;
    int workers;
    for (remaining = 0; remaining < 100000; remaining = remaining * 3 + 1)
        for (workers = 1; workers <= 64; workers *= 2) {
            size_t n = ptest__batch_count(remaining, workers);
            EXPECT_GE(n, 1u);
            EXPECT_LE(n, (size_t)PTEST__BATCH_MAX);
        }
}

/* A batch's work: at most PTEST__BATCH_WORK, less near the end. */
TEST(unit_platform, batch_work, MARK(unit))
{
    EXPECT_EQ(ptest__batch_work(100.0, 2), PTEST__BATCH_WORK);
    EXPECT_NEAR(ptest__batch_work(0.016, 2), 0.001, 1e-12);
    EXPECT_EQ(ptest__batch_work(0, 4), 0.0);
    EXPECT_EQ(ptest__batch_work(1.0, 0), 0.0);
    EXPECT_LE(ptest__batch_work(1e9, 1), PTEST__BATCH_WORK);
}

/* The least a batch holds: PTEST__BATCH_FLOOR's worth of cases at the
 * mean duration, one while no duration is known, 256 at most. */
TEST(unit_platform, batch_floor, MARK(unit))
{
    EXPECT_EQ(ptest__batch_floor(0), 1u);
    EXPECT_EQ(ptest__batch_floor(-1), 1u);
    EXPECT_EQ(ptest__batch_floor(PTEST__BATCH_FLOOR / 8), 8u); /* exact: a power of 2 */
    EXPECT_EQ(ptest__batch_floor(PTEST__BATCH_FLOOR), 1u);
    EXPECT_EQ(ptest__batch_floor(1.0), 1u); /* a slow test goes alone */
    EXPECT_EQ(ptest__batch_floor(1e-9), (size_t)PTEST__BATCH_MAX);
}

/* ------------------------------------------------------------------------
 * Huge pages for big blocks
 * ------------------------------------------------------------------------ */

TEST(unit_platform, huge_span_is_the_aligned_inside, MARK(unit))
{
    const uintptr_t mib = (uintptr_t)1 << 20;
    uintptr_t from = 0;
    EXPECT_EQ(ptest__huge_span(4096, 4 * mib, &from), (size_t)(2 * mib));
    EXPECT_EQ(from, 2 * mib); /* not the unaligned first 2 MiB */
    EXPECT_EQ(ptest__huge_span(2 * mib, 4 * mib, &from), (size_t)(4 * mib));
    EXPECT_EQ(from, 2 * mib); /* aligned: the whole block */
    EXPECT_EQ(ptest__huge_span(2 * mib, 4 * mib - 1, &from), (size_t)(2 * mib));
    EXPECT_EQ(ptest__huge_span(2 * mib + 16, 4 * mib, &from), (size_t)(2 * mib));
    EXPECT_EQ(from, 4 * mib);
    EXPECT_EQ(ptest__huge_span(4096, 2 * mib, &from), 0u); /* no whole huge page */
    EXPECT_EQ(ptest__huge_span(2 * mib, 2 * mib - 4096, &from), 0u);
    EXPECT_EQ(ptest__huge_span(4096, 0, &from), 0u);
}

#if defined(__linux__)
/* The VmFlags line of the mapping holding addr, from /proc/self/smaps;
 * "" when there is none. */
static char *ut_vm_flags(uintptr_t addr)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[512];
    int inside = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2) /* a mapping's first line */
            inside = addr >= lo && addr < hi;
        else if (inside && strncmp(line, "VmFlags:", 8) == 0) {
            fclose(f);
            return ut_fmt("%s", line);
        }
    }
    if (f)
        fclose(f);
    return ut_fmt("%s", "");
}
#endif

/* A block of 2 MiB or more gets MADV_HUGEPAGE on its aligned inside (the
 * "hg" flag), where the kernel shows that flag at all (not under qemu). */
TEST(unit_platform, big_blocks_ask_for_huge_pages, MARK(unit))
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const size_t mib = (size_t)1 << 20;
    char *probe = (char *)mmap(NULL, 4 * mib, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *flags, *big;
    uintptr_t from;
    int shown;
    ASSERT_TRUE(probe != MAP_FAILED);
    ptest__huge_span((uintptr_t)probe, 4 * mib, &from);
    shown = madvise((void *)from, 2 * mib, MADV_HUGEPAGE) == 0;
    flags = ut_vm_flags(from);
    shown = shown && strstr(flags, " hg") != NULL;
    free(flags);
    munmap(probe, 4 * mib);
    if (!shown)
        SKIP_TEST("this kernel shows no MADV_HUGEPAGE in /proc/self/smaps");
    big = (char *)ptest__xcalloc(5, mib);
    ASSERT_GT(ptest__huge_span((uintptr_t)big, 5 * mib, &from), 0u);
    flags = ut_vm_flags(from);
    EXPECT_NOT_NULL(strstr(flags, " hg"));
    free(flags);
    EXPECT_EQ(big[0] | big[5 * mib - 1], 0); /* still calloc's zeroes */
    free(big);
#else
    SKIP_TEST("Linux only: MADV_HUGEPAGE");
#endif
}

#if defined(__linux__)
/* How many of the n pages from page-aligned p are resident (mincore). */
static size_t ut_resident_pages(void *p, size_t n)
{
    unsigned char vec[64];
    size_t i, count = 0;
    if (n > sizeof vec || mincore(p, n * (size_t)sysconf(_SC_PAGESIZE), vec) != 0)
        return 0;
    for (i = 0; i < n; i++)
        count += vec[i] & 1;
    return count;
}
#endif

/* A block of 64 KiB or more from ptest__xcalloc has its pages at once,
 * not a fault each later, where the kernel can (MADV_POPULATE_WRITE:
 * Linux 5.14; not under qemu). */
TEST(unit_platform, big_blocks_are_backed_at_once, MARK(unit))
{
#if defined(__linux__)
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *probe = (char *)mmap(NULL, 8 * page, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *big, *inside;
    size_t pages;
    ASSERT_TRUE(probe != MAP_FAILED);
    ASSERT_EQ(ut_resident_pages(probe, 8), 0u); /* nothing touched it yet */
    ptest__os_populate(probe, 8 * page);
    pages = ut_resident_pages(probe, 8);
    munmap(probe, 8 * page);
    if (pages != 8)
        SKIP_TEST("this kernel cannot populate memory (MADV_POPULATE_WRITE)");
    big = (char *)ptest__xcalloc(40, page); /* 160 KiB on x86: malloc maps it */
    inside = (char *)(((uintptr_t)big + page - 1) & ~(uintptr_t)(page - 1));
    EXPECT_EQ(ut_resident_pages(inside, 32), 32u);
    EXPECT_EQ(big[0] | big[40 * page - 1], 0); /* still calloc's zeroes */
    free(big);
#else
    SKIP_TEST("Linux only: MADV_POPULATE_WRITE");
#endif
}

/* ------------------------------------------------------------------------
 * struct ptest__buf
 * ------------------------------------------------------------------------ */

TEST(unit_platform, buf_basics, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    ptest__buf_add(&b, "ab", 2);
    ASSERT_NOT_NULL(b.data);
    EXPECT_EQ(b.len, 2u);
    EXPECT_STR_EQ(b.data, "ab");
    EXPECT_GE(b.cap, 3u);
    ptest__buf_puts(&b, "cd");
    ptest__buf_printf(&b, "-%d-%s", 42, "x");
    EXPECT_STR_EQ(b.data, "abcd-42-x");
    EXPECT_EQ(b.len, 9u);
    ptest__buf_add(&b, "\0z", 2); /* binary data keeps its length */
    EXPECT_EQ(b.len, 11u);
    EXPECT_EQ(b.data[10], 'z');
    EXPECT_EQ(b.data[11], '\0');
    ptest__buf_free(&b);
    EXPECT_NULL(b.data);
    EXPECT_EQ(b.len, 0u);
    EXPECT_EQ(b.cap, 0u);
}

TEST(unit_platform, buf_grows, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    char *big = ut_repeat('q', 100000);
    size_t i;
    for (i = 0; i < 1000; i++)
        ptest__buf_printf(&b, "%03lu,", (unsigned long)(i % 1000));
    EXPECT_EQ(b.len, 4000u);
    EXPECT_EQ(strncmp(b.data + 3996, "999,", 4), 0);
    EXPECT_GT(b.cap, b.len);
    ptest__buf_printf(&b, "%s", big); /* one printf far past the capacity */
    EXPECT_EQ(b.len, 104000u);
    EXPECT_EQ(strlen(b.data), 104000u);
    EXPECT_EQ(b.data[103999], 'q');
    ptest__buf_free(&b);
    free(big);
}

TEST(unit_platform, buf_take, MARK(unit))
{
    struct ptest__buf b = {NULL, 0, 0};
    char *s;
    EXPECT_NULL(ptest__buf_take(&b)); /* empty: NULL */
    ptest__buf_puts(&b, "");
    EXPECT_NULL(ptest__buf_take(&b)); /* allocated but empty: NULL, freed */
    EXPECT_NULL(b.data);
    ptest__buf_puts(&b, "kept");
    s = ptest__buf_take(&b);
    EXPECT_STR_EQ(s, "kept");
    EXPECT_NULL(b.data);
    EXPECT_EQ(b.len, 0u);
    EXPECT_EQ(b.cap, 0u);
    free(s);
    ptest__buf_puts(&b, "again"); /* usable after a take */
    EXPECT_STR_EQ(b.data, "again");
    ptest__buf_free(&b);
}

TEST(unit_platform, strdup_helpers, MARK(unit))
{
    char *a = ptest__xstrdup("hello"), *b = ptest__xstrndup("hello", 3);
    char *c = ptest__xstrndup("a\0b", 3);
    EXPECT_STR_EQ(a, "hello");
    EXPECT_STR_EQ(b, "hel");
    EXPECT_EQ(memcmp(c, "a\0b\0", 4), 0);
    free(a);
    free(b);
    free(c);
}
