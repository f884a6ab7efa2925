/* Running a helper program (git) without a shell, capturing its output. */
/* SPDX-License-Identifier: MIT */
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static const pf_span none = {0, 0};

// Largest output kept from a helper; more is an error, not a silent cut.
#define PROC_OUT_MAX (64u * 1024u * 1024u)

static void close_pair(int fd[2])
{
  if (fd[0] >= 0)
    close(fd[0]);
  if (fd[1] >= 0)
    close(fd[1]);
}

pf_code pf_proc_run(const char *const *argv, const char *dir, pf_buf *out,
                    pf_buf *errout, int *status, pf_error *err)
{
  int po[2] = {-1, -1}, pe[2] = {-1, -1};
  *status = -1;
  if (pipe(po) != 0 || pipe(pe) != 0) {
    pf_error_set(err, PF_IO, NULL, none, "%s: cannot create a pipe: %s",
                 argv[0], strerror(errno));
    close_pair(po);
    close_pair(pe);
    return PF_IO;
  }
  // Our ends must not leak into other children (or the helper itself).
  fcntl(po[0], F_SETFD, FD_CLOEXEC);
  fcntl(pe[0], F_SETFD, FD_CLOEXEC);
  pid_t pid = fork();
  if (pid < 0) {
    pf_error_set(err, PF_IO, NULL, none, "%s: cannot fork: %s", argv[0],
                 strerror(errno));
    close_pair(po);
    close_pair(pe);
    return PF_IO;
  }
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0)
      dup2(devnull, STDIN_FILENO);
    dup2(po[1], STDOUT_FILENO);
    dup2(pe[1], STDERR_FILENO);
    if (dir && chdir(dir) != 0)
      _exit(126);
    execvp(argv[0], (char *const *)argv);
    // 127, as a shell reports a command it could not run.
    _exit(127);
  }
  close(po[1]);
  close(pe[1]);
  struct pollfd fds[2] = {{po[0], POLLIN, 0}, {pe[0], POLLIN, 0}};
  pf_buf *bufs[2] = {out, errout};
  pf_buf discard = PF_BUF_INIT;
  int open_fds = 2;
  bool too_big = false;
  while (open_fds > 0) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (int i = 0; i < 2; i++) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      char chunk[16384];
      ssize_t n = read(fds[i].fd, chunk, sizeof(chunk));
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        open_fds--;
        continue;
      }
      pf_buf *b = bufs[i] ? bufs[i] : &discard;
      if (b->len + (size_t)n > PROC_OUT_MAX) {
        too_big = true;
        b = &discard;
      }
      pf_buf_append(b, chunk, (size_t)n);
      if (b == &discard)
        pf_buf_reset(&discard);
    }
  }
  pf_buf_clear(&discard);
  for (int i = 0; i < 2; i++) {
    if (fds[i].fd >= 0)
      close(fds[i].fd);
  }
  int ws = 0;
  while (waitpid(pid, &ws, 0) < 0) {
    if (errno != EINTR) {
      pf_error_set(err, PF_IO, NULL, none, "%s: %s", argv[0], strerror(errno));
      return PF_IO;
    }
  }
  if (WIFEXITED(ws) && WEXITSTATUS(ws) == 127) {
    pf_error_set(err, PF_IO, NULL, none,
                 "cannot run \"%s\": not found (is it installed and on PATH?)",
                 argv[0]);
    return PF_IO;
  }
  if (too_big) {
    pf_error_set(err, PF_IO, NULL, none, "%s: output larger than %u MiB",
                 argv[0], PROC_OUT_MAX >> 20);
    return PF_IO;
  }
  *status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
  return PF_OK;
}
