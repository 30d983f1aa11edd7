// Helpers shared by tests: temp dirs that clean up, running the built binary, reading files.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace sg::test {

// The connection or server in `r`, or nullptr with the reason in `error` (for ASSERT_NE).
template <typename T>
std::unique_ptr<T> take(Result<std::unique_ptr<T>> r, std::string& error) {
  if (!r) {
    error = r.error;
    return nullptr;
  }
  return std::move(*r.value);
}

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to `relative` (creating parent directories) and returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the schemagate binary with `args` (no shell), `stdin_text` on its standard input.
CommandResult run_schemagate(const std::vector<std::string>& args, const std::string& stdin_text = "",
                             const std::string& cwd = "");
// Runs any program the same way.
CommandResult run_program(const std::vector<std::string>& argv, const std::string& stdin_text = "",
                          const std::string& cwd = "");

std::string read_file(const std::filesystem::path& path);

}  // namespace sg::test
