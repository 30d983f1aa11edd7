#include "util/live_reapers.h"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

namespace sg {
namespace {

// Reapers alive in this process, for the signal handler (which may only use these fields).
struct LiveReaper {
  volatile sig_atomic_t control_fd;
  volatile sig_atomic_t pid;
};
constexpr int kMaxLive = 8;
LiveReaper g_live[kMaxLive] = {};

void stop_all_and_reraise(int sig) {
  for (auto& live : g_live) {
    if (live.pid <= 0) continue;
    close(live.control_fd);
    waitpid(static_cast<pid_t>(live.pid), nullptr, 0);
    live.pid = 0;
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

void install_handler_once() {
  static bool installed = false;
  if (installed) return;
  struct sigaction action {};
  action.sa_handler = &stop_all_and_reraise;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  installed = true;
}

}  // namespace

void register_reaper(int control_fd, pid_t pid) {
  install_handler_once();
  for (auto& live : g_live) {
    if (live.pid > 0) continue;
    live.control_fd = control_fd;
    live.pid = pid;
    return;
  }
}

void stop_reaper(int control_fd, pid_t pid) {
  if (pid <= 0) return;
  for (auto& live : g_live) {
    if (live.pid == pid) live.pid = 0;
  }
  close(control_fd);
  waitpid(pid, nullptr, 0);
}

void detach_reaper() {
  setpgid(0, 0);
  signal(SIGINT, SIG_IGN);
  signal(SIGTERM, SIG_IGN);
  signal(SIGPIPE, SIG_IGN);
}

bool control_closed(int control_fd, int wait_ms) {
  pollfd p{control_fd, POLLIN, 0};
  return poll(&p, 1, wait_ms) > 0;  // EOF (or anything): schemagate is done or gone
}

}  // namespace sg
