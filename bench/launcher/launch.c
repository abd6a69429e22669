/* launch — start one benchmark run and report its cost; used by bench/measure.py.
 *
 * Why not fork from Python: ru_maxrss of a child includes the memory of the process it was
 * forked from (the mm's high-water mark survives exec), so every tool started from the
 * Python harness would show at least the interpreter's ~15 MB. This launcher is a few
 * hundred KB, so its floor is ~1 MB.
 *
 * Runs CMD in its own process group with stdin from /dev/null, stdout and stderr to the
 * given files. Waits at most TIMEOUT_S (pidfd + poll), then SIGTERM to that process group,
 * SIGKILL 2 s later. A SIGINT or SIGTERM to the launcher is passed on to that group. Prints one line:
 *   WALL_S USER_S SYS_S MAXRSS_KB EXIT_CODE TIMED_OUT
 * wall: CLOCK_MONOTONIC from before fork() to after the reaping wait4(); user/sys/maxrss:
 * wait4()'s rusage of CMD, which includes every descendant CMD itself waited for; maxrss is
 * the largest single process, not a sum.
 *
 * Build: cc -O2 -o launch launch.c          (bench/run does this)
 * Usage: launch TIMEOUT_S OUTFILE ERRFILE CMD [ARG...]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t child_pid;

/* SIGINT/SIGTERM to the launcher (Ctrl-C, or bench/run being stopped) end the run too */
static void forward(int sig)
{
    (void)sig;
    if (child_pid > 0)
        killpg(child_pid, SIGTERM);
}

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* 1 when the child has exited within ms (it is not reaped here), 0 on timeout */
static int exited_within(int pidfd, double ms)
{
    double end = mono() + ms / 1e3;
    for (int i = 0; i < 1000000; i++) {   /* bounded: EINTR retries only */
        double left = (end - mono()) * 1e3;
        if (left <= 0)
            return 0;
        struct pollfd p = {pidfd, POLLIN, 0};
        int r = poll(&p, 1, (int)left + 1);
        if (r > 0)
            return 1;
        if (r < 0 && errno != EINTR)
            return 1;   /* cannot wait with a timeout: fall back to a plain wait4 */
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: %s TIMEOUT_S OUTFILE ERRFILE CMD [ARG...]\n", argv[0]);
        return 2;
    }
    double timeout_ms = atof(argv[1]) * 1e3;
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int err = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out < 0 || err < 0 || null < 0) {
        perror("launch: open");
        return 2;
    }

    double t0 = mono();
    pid_t pid = fork();
    if (pid < 0) {
        perror("launch: fork");
        return 2;
    }
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);   /* not inherited as ignored from a background shell */
        signal(SIGTERM, SIG_DFL);
        setpgid(0, 0);
        dup2(null, 0);
        dup2(out, 1);
        dup2(err, 2);
        execvp(argv[4], argv + 4);
        fprintf(stderr, "launch: cannot run %s\n", argv[4]);
        _exit(127);
    }
    setpgid(pid, pid);   /* also here, so killpg works even before the child ran */
    child_pid = pid;
    struct sigaction sa = {0};
    sa.sa_handler = forward;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    int timed_out = 0;
    if (pidfd >= 0 && !exited_within(pidfd, timeout_ms)) {
        timed_out = 1;
        killpg(pid, SIGTERM);
        if (!exited_within(pidfd, 2000))
            killpg(pid, SIGKILL);
    }
    int status = 0;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
    }
    double wall = mono() - t0;
    if (timed_out)
        killpg(pid, SIGKILL);   /* whatever of the group is left */
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    printf("%.6f %.6f %.6f %ld %d %d\n", wall,
           (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6,
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6, ru.ru_maxrss, code,
           timed_out);
    return 0;
}
