/* subreaper.c - runs a command as a child subreaper (Linux): make cross
 * starts qemu-user through it. qemu-user 7.2 refuses the guest's
 * prctl(PR_SET_CHILD_SUBREAPER) (EINVAL), so an emulated ptest runner
 * could not adopt the daemon a test leaves; the attribute set here, on
 * the host, survives the execve of the emulator. The runner of the
 * program under test is then a subreaper, as on real hardware; its fork
 * workers are not (qemu refuses them), so a daemon started in one goes
 * to the runner, which kills it at the end of the run, instead of to
 * init (docs/platforms.md).
 *
 *     subreaper PROGRAM [ARG...]
 */
#define _GNU_SOURCE 1
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: subreaper PROGRAM [ARG...]\n", stderr);
        return 2;
    }
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
        fprintf(stderr, "subreaper: prctl: %s\n", strerror(errno));
        return 126;
    }
    execvp(argv[1], argv + 1);
    fprintf(stderr, "subreaper: %s: %s\n", argv[1], strerror(errno));
    return 127;
}
