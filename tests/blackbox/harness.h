/* harness.h - runs shell commands the way a user would, for the black-box
 * self-tests, and checks what they leave behind.
 *
 * Each command runs under /bin/sh, from the repository root, in a session
 * of its own (setsid), with stdin from /dev/null and stdout and stderr
 * together in one file, and this environment:
 *
 *     NO_COLOR=1 LC_ALL=C
 *     PTEST_JOBS, PTEST_TIMEOUT, PTEST_WORKER, PTEST_WORKER_COUNT,
 *     PTEST_ADDOPTS unset
 *     PTEST_STABLE=1 with BB_STABLE, PTEST_JOBS=2 with BB_TWO_JOBS
 *     PTEST_CACHE_DIR=<a fresh, empty directory, removed afterwards>
 *
 * so that no run depends on what an earlier one left in a cache (test
 * order follows known durations) and none writes into the repository.
 *
 * A command gets an outer timeout: past it, every process of the session
 * is killed and the result says so (a hang is a failure, not a CI stall).
 * After the shell has ended, the session must be empty: any process still
 * in it after a short grace (1 s, for processes already dying) is listed
 * in the result's leftovers and killed. This process becomes a child
 * subreaper, so the orphans of a run are reparented to it and reaped here.
 *
 *     struct bb_result r;
 *     bb_run("tests/progs/crash -j 2", BB_STABLE, 60, &r);
 *     BB_EXPECT_CLEAN(&r);
 *     EXPECT_EQ(r.exit_code, 1);
 *
 * Programs built for another machine (an emulator prefix, as CMake's
 * CMAKE_CROSSCOMPILING_EMULATOR): with any of these variables set,
 *
 *     PTEST_EMULATOR     shell text put before each program under test,
 *                        e.g. "qemu-s390x -L /usr/s390x-linux-gnu" or "wine";
 *                        in it, $argv0 is the path the command named
 *                        (qemu-user: -0 "$argv0" keeps the program's argv[0])
 *     PTEST_EXE_SUFFIX   what the built programs' names end with, e.g. ".exe"
 *     PTEST_PROGRAM_DIR  where they are built (the same relative paths as in
 *                        the repository: DIR/tests/progs/crash), absolute or
 *                        from the root; the root when unset
 *
 * each word of a command that is a relative path to a compiled program
 * (ELF or PE: DIR/WORD+SUFFIX, or a host build at WORD), wherever it
 * stands ("exec tests/progs/x", "A=1 tests/progs/x", "test -x ...", after
 * a pipe, even an argument of echo, and "$OLDPWD/WORD" after a cd), is
 * replaced by a wrapper script in a
 * directory of the command's own (removed with it) that execs
 * PTEST_EMULATOR DIR/WORD+SUFFIX "$@";
 * the pid stays the program's. A program that only the host build holds
 * becomes a path that does not exist: a cross run never runs a host
 * program unannounced. Scripts and system tools (sh, grep) run as they
 * are. With none set, commands run exactly as written.
 *
 * Linux only (it reads /proc). Linked into tests/selftest with golden.c
 * and the other black-box tests.
 */
#ifndef BB_HARNESS_H
#define BB_HARNESS_H

#include <stddef.h>
#include <sys/types.h>

#include "ptest.h"

/* Flags of bb_start and bb_run. */
#define BB_STABLE 1   /* PTEST_STABLE=1: reports in run order, no timings */
#define BB_TWO_JOBS 2 /* PTEST_JOBS=2: the default -j, whatever the CPUs */
#define BB_OWN_GROUP 4 /* a process group of its own in this session, not a
                        * session: Ctrl-Z (SIGTSTP) can stop it, and the
                        * check for leftovers, which looks for the session,
                        * finds nothing; the test checks them itself */

/* How long a process of a finished run may take to disappear. */
#define BB_GRACE 1.0

/* A command started by bb_start and not yet finished. */
struct bb_proc {
    pid_t pid;              /* the shell, leader of its own session */
    int out_fd;             /* its stdout and stderr, an unlinked file */
    double started;
    int reaped;             /* the shell has ended; status holds how */
    int status;
    char cmd[120];          /* the start of the command, for the log */
    char cache[64];         /* its private PTEST_CACHE_DIR */
    char emu[64];           /* its emulator wrappers' directory, or "" */
};

/* What a finished command did. */
struct bb_result {
    char *output;           /* stdout and stderr as written, NUL-ended */
    size_t len;
    int exit_code;          /* the shell's exit status; 128+N if killed by N */
    int timed_out;          /* the outer timeout expired; all was killed */
    char *leftovers;        /* processes left in the session, or NULL */
    double seconds;         /* wall time: for the log, or to size a sleep; never asserted */
};

/* The repository root: two levels above the selftest binary, or the
 * current directory when that does not hold tests/golden. */
const char *bb_root(void);

/* 1 when PTEST_EMULATOR, PTEST_EXE_SUFFIX or PTEST_PROGRAM_DIR is set:
 * programs under test are started through the emulator (above). */
int bb_emulating(void);

/* Starts cmd; 0, or -1 (with errno) when no process could be started. */
int bb_start(struct bb_proc *p, const char *cmd, int flags);

/* Waits until the output contains needle; 1 when it does, 0 on timeout
 * or when the command ended without writing it. */
int bb_wait_output(struct bb_proc *p, const char *needle, double timeout);

/* Sends sig to the session leader (use `exec prog` to make that the
 * runner itself). */
void bb_signal(struct bb_proc *p, int sig);

/* Process pid's state letter in /proc ('T': stopped, 'Z': a zombie), or 0
 * when it is gone. */
char bb_proc_state(pid_t pid);

/* The live processes whose parent is pid (a runner's workers), at most
 * max of them into kids; returns how many. */
int bb_children(pid_t pid, pid_t *kids, int max);

/* Waits up to timeout seconds for the command, checks its session is
 * empty, and fills r. Always ends the command. */
void bb_finish(struct bb_proc *p, double timeout, struct bb_result *r);

/* bb_start + bb_finish. */
void bb_run(const char *cmd, int flags, double timeout, struct bb_result *r);

void bb_result_free(struct bb_result *r);

/* A script whose tool is missing exits BB_SKIP_STATUS, having said so in a
 * line starting "make test: " (tests/optional.sh). */
#define BB_SKIP_STATUS 77

/* 1 under PTEST_CI (set, not empty and not "0"): .ci/run has installed
 * every tool, and nothing may be skipped. */
int bb_ci(void);

/* Skips the test saying why, or under PTEST_CI fails it saying why. */
void bb_skip(const char *why);

/* bb_skip with the "make test: " lines of r's output (a script that
 * exited BB_SKIP_STATUS), after freeing r. */
void bb_skip_result(struct bb_result *r);

/* The platform the programs under test were built for, when it is not
 * the host's: PTEST_GOLDEN_VARIANT ("windows", set by
 * tests/windows/blackbox.sh), or NULL. There, bb_start skips a test whose
 * command runs a program that does not build for it (a list in harness.c,
 * with why), bb_signal skips a test that signals the runner, and
 * bb_not_on skips one that checks what the platform does not have. The
 * skip says why, and is a skip under PTEST_CI too. Under "windows", a
 * result's "\r\n" are read as "\n" (Windows' stdout is in text mode). */
const char *bb_platform(void);
/* Whether the programs run on that platform (bb_platform). */
int bb_on(const char *platform);
#define BB_SIGNAL_WHY "it sends the runner a POSIX signal (kill()); a Windows " \
                      "program has none (Wine does not turn kill() into a console event)"
void bb_not_on(const char *platform, const char *why);

/* Kills every command started and not finished: a TEARDOWN for tests
 * whose assertions may leave between bb_start and bb_finish. */
void bb_cleanup(void);

/* The numbers of the runner's report, -1 where absent: the header's
 * "N tests selected", "Ran N tests", the last line ("ptest: P passed, F
 * failed, S skipped") and, per outcome, the breakdown line above it
 * ("3 passed, 1 crashed, 2 not run"; 0 for an outcome it does not name). */
enum bb_outcome {
    BB_PASSED, BB_FLAKY, BB_FAILED, BB_CRASHED, BB_EXITED, BB_TIMED_OUT,
    BB_XPASSED, BB_SKIPPED, BB_XFAILED, BB_INTERRUPTED, BB_NOT_RUN, BB_OUTCOMES
};
struct bb_counts {
    long selected, ran;
    long passed, failed, skipped;   /* from the last line */
    long outcome[BB_OUTCOMES];      /* from the breakdown line */
    long breakdown_total;           /* its sum; -1 when there is none */
    int unknown_words;              /* breakdown words not in the list */
    long warnings;                  /* "2 warnings" at the breakdown's end */
};
void bb_parse_counts(const char *output, struct bb_counts *c);

/* The last line of text (without its newline), in a static buffer. */
const char *bb_last_line(const char *text);

/* Replaces what varies from run to run with placeholders; a new string.
 *     12.34s, 0.012s      -> N.NNs      (timings)
 *     ptest 0.1.0         -> ptest VERSION
 *     0x7ffd5e1c          -> 0xADDR     (pointer values)
 *     pid 1234            -> pid PID
 * and, under an emulator (bb_emulating), drops what the emulator writes
 * into a dying program's stderr ("qemu: uncaught target signal 6 ...",
 * with the "--- stderr ---" heading it alone caused). */
char *bb_normalize(const char *text);

/* Fails the test (non-fatally) if r timed out or left processes. */
#define BB_EXPECT_CLEAN(r)                                                     \
    do {                                                                       \
        EXPECT_FALSE_MSG((r)->timed_out, "the command hung; output:\n%s",      \
                         (r)->output);                                         \
        EXPECT_TRUE_MSG((r)->leftovers == NULL, "left behind:\n%s",           \
                        (r)->leftovers ? (r)->leftovers : "");                 \
    } while (0)

#endif /* BB_HARNESS_H */
