/* pause.h - prog_pause(): what a test program waits in when it must never
 * finish on its own. POSIX: pause(), which a caught signal ends (callers
 * loop). Windows has no pause(): Sleep(INFINITE). Brings <unistd.h>. */
#ifndef PROGS_PAUSE_H
#define PROGS_PAUSE_H

#include <unistd.h>
#if defined(_WIN32)
#include <windows.h>
#endif

static void prog_pause(void)
{
#if defined(_WIN32)
    Sleep(INFINITE);
#else
    pause();
#endif
}

#endif
