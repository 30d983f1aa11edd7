// What `ps` and /proc/<pid>/cmdline and /environ show of a process is its own memory: the
// original argv and environment strings. Once the secrets are registered, each argument and
// each variable holding one is overwritten there with its redacted form (padded with NULs),
// so other users of the machine cannot read a password that came on the command line or in
// $SCHEMAGATE_DATABASE_URL. The program keeps working on copies: the returned arguments, and
// each variable set again (a heap copy that getenv reads).
#pragma once

#include <string>
#include <vector>

namespace sg {

std::vector<std::string> scrub_secrets_from_process_memory(int argc, char** argv);

}  // namespace sg
