/* What this machine allows, with no test runner at all: the floor that the
 * bench table sets ptest's figures against.
 *
 *   floor costs             one line: a system call, a page fault, and a
 *                           fork() with its exit and wait, in microseconds
 *   floor sleep N T MS      N forked children share T sleeps of MS ms through
 *                           a counter in shared memory (W2 with nothing but
 *                           fork, nanosleep and exit); prints the wall time
 *
 * Built by bench/Makefile; never part of `make test`. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double floor_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void floor_sleep_ms(long ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0) {
    }
}

/* Median of three timings of fn, in microseconds per call. */
static double floor_best(double (*fn)(void))
{
    double a = fn(), b = fn(), c = fn();
    if (a > b) { double t = a; a = b; b = t; }
    if (b > c) { double t = b; b = c; c = t; }
    if (a > b) { double t = a; a = b; b = t; }
    return b;
}

static double floor_syscall(void)
{
    int i, n = 20000;
    double t0 = floor_now();
    for (i = 0; i < n; i++)
        syscall(SYS_getppid);
    return (floor_now() - t0) * 1e6 / n;
}

static double floor_fault(void)
{
    long i, n = 2000, page = sysconf(_SC_PAGESIZE);
    double t0, t;
    char *m = mmap(NULL, (size_t)(n * page), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return 0;
    t0 = floor_now();
    for (i = 0; i < n; i++)
        m[i * page] = 1;
    t = (floor_now() - t0) * 1e6 / (double)n;
    munmap(m, (size_t)(n * page));
    return t;
}

static double floor_fork(void)
{
    int i, n = 100;
    double t0 = floor_now();
    for (i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        if (pid > 0)
            waitpid(pid, NULL, 0);
    }
    return (floor_now() - t0) * 1e6 / n;
}

static int floor_costs(void)
{
    printf("system call %.2f us, page fault %.1f us, fork+exit+wait %.0f us\n",
           floor_best(floor_syscall), floor_best(floor_fault),
           floor_best(floor_fork));
    return 0;
}

static int floor_sleep(int workers, long tests, long ms)
{
    long *next = mmap(NULL, sizeof *next, PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    double t0 = floor_now();
    int i;
    if (next == MAP_FAILED)
        return 1;
    *next = 0;
    for (i = 0; i < workers; i++) {
        pid_t pid = fork();
        if (pid < 0)
            return 1;
        if (pid == 0) {
            while (__atomic_fetch_add(next, 1, __ATOMIC_RELAXED) < tests)
                floor_sleep_ms(ms);
            _exit(0);
        }
    }
    while (wait(NULL) > 0) {
    }
    printf("%ld sleeps of %ld ms on %d children: %.1f ms\n", tests, ms, workers,
           (floor_now() - t0) * 1e3);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "costs") == 0)
        return floor_costs();
    if (argc == 5 && strcmp(argv[1], "sleep") == 0)
        return floor_sleep(atoi(argv[2]), atol(argv[3]), atol(argv[4]));
    fprintf(stderr, "usage: floor costs | floor sleep WORKERS TESTS MS\n");
    return 2;
}
