// The environment of every process schemagate starts (the embedded PostgreSQL, initdb, the
// Node runner): an allowlist, so no token, password or CI variable of the caller's reaches code
// that a pull request controls.
#pragma once

#include <string>
#include <vector>

namespace sg {

// PATH, LANG, LANGUAGE, LC_* and TZ of this process, plus `extra` ("NAME=value").
std::vector<std::string> scrubbed_environment(const std::vector<std::string>& extra = {});

// Holds the strings and the NULL-terminated array execve() wants; build it before fork().
class ChildEnvironment {
 public:
  explicit ChildEnvironment(std::vector<std::string> entries);
  char* const* envp() const { return pointers_.data(); }

 private:
  std::vector<std::string> entries_;
  std::vector<char*> pointers_;
};

}  // namespace sg
