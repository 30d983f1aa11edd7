// Reaper processes that clean up after schemagate (the embedded server's, a shared server's
// scratch databases). Each waits on a pipe whose write end only schemagate holds: it reads EOF
// when schemagate closes the pipe, when the SIGINT/SIGTERM handler installed here runs, and when
// the kernel closes it after a SIGKILL. Then the reaper cleans up and exits.
#pragma once

#include <sys/types.h>

namespace sg {

// Remembers a reaper (`control_fd`: the pipe's write end) for the signal handler, which closes
// every registered pipe, waits for each reaper, then re-raises the signal.
void register_reaper(int control_fd, pid_t pid);
// Closes the pipe and waits until the reaper finished its cleanup. Idempotent per pid.
void stop_reaper(int control_fd, pid_t pid);

// In a freshly forked reaper: its own process group (a terminal's Ctrl-C reaches schemagate
// only; schemagate decides when to stop) with SIGINT, SIGTERM and SIGPIPE ignored.
void detach_reaper();
// Whether the pipe's read end reported EOF (or an error) within `wait_ms` (-1: wait forever).
bool control_closed(int control_fd, int wait_ms);

}  // namespace sg
