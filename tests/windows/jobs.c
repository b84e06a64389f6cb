/* jobs.c - what tests/windows/run.sh checks under Wine: a test's process
 * and everything it starts die together. Each test starts a grandchild
 * (this program again, "grandchild NAME") that makes a named event and
 * waits forever, then hangs past its timeout or ends as its death test
 * declares. Afterwards "jobs.exe gone NAME..." says whether each event is
 * gone: a named object lives as long as a process holds it, so a live
 * grandchild keeps it. JOBS_TAG keeps the names of one run apart. */
#define PTEST_IMPLEMENTATION
#include "ptest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

/* The event's name for what (the tag of this run after it). */
static void event_name(char *out, size_t size, const char *what)
{
    const char *tag = getenv("JOBS_TAG");
    snprintf(out, size, "ptest-jobs-%s-%s", what, tag ? tag : "untagged");
}

/* Whether the named event exists now. */
static int event_exists(const char *name)
{
    HANDLE h = OpenEventA(SYNCHRONIZE, FALSE, name);
    if (!h)
        return 0;
    CloseHandle(h);
    return 1;
}

/* Starts this program as a grandchild holding the event for what and
 * waits (10 s at most) until it holds it; 0 when it does. */
static int start_grandchild(const char *what)
{
    char exe[MAX_PATH + 1], cmd[MAX_PATH + 300], name[200];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    int i;
    event_name(name, sizeof name, what);
    if (!GetModuleFileNameA(NULL, exe, sizeof exe))
        return -1;
    snprintf(cmd, sizeof cmd, "\"%s\" grandchild %s", exe, name);
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    if (!CreateProcessA(exe, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi))
        return -1;
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    for (i = 0; i < 1000 && !event_exists(name); i++)
        Sleep(10);
    return event_exists(name) ? 0 : -1;
}

static void hang(void)
{
    for (;;)
        Sleep(50);
}

TEST(jobs, timeout_kills_grandchild, TIMEOUT(1))
{
    ASSERT_EQ(start_grandchild("timeout"), 0);
    hang();
}

TEST(jobs, death_child_leaves_grandchild, EXPECT_EXIT(0))
{
    ASSERT_EQ(start_grandchild("death"), 0);
    exit(0);
}

TEST(jobs, death_child_hangs, EXPECT_EXIT(0), TIMEOUT(1))
{
    ASSERT_EQ(start_grandchild("deathhang"), 0);
    hang();
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "grandchild") == 0) {
        HANDLE h = CreateEventA(NULL, TRUE, FALSE, argv[2]);
        (void)h;
        hang();
    }
    if (argc >= 2 && strcmp(argv[1], "gone") == 0) {
        /* the job's kill is asynchronous: up to 20 s for the events to go */
        int i, n, alive = 0;
        char name[200];
        for (n = 2; n < argc; n++) {
            event_name(name, sizeof name, argv[n]);
            for (i = 0; i < 2000 && event_exists(name); i++)
                Sleep(10);
            alive += event_exists(name);
            printf("%s %s\n", event_exists(name) ? "alive" : "gone", argv[n]);
        }
        return alive != 0;
    }
    return ptest_main(argc, argv);
}
