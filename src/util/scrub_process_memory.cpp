#include "util/scrub_process_memory.h"

#include <cstdlib>
#include <cstring>

#include "util/redact.h"

extern char** environ;

namespace sg {
namespace {

// Overwrites the string at `text` (of its own length) with `replacement`, NUL-padded.
void overwrite(char* text, const std::string& replacement) {
  size_t length = std::strlen(text);
  size_t keep = std::min(length, replacement.size());
  std::memcpy(text, replacement.data(), keep);
  std::memset(text + keep, 0, length - keep);
}

}  // namespace

std::vector<std::string> scrub_secrets_from_process_memory(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  for (int i = 1; i < argc; ++i) {
    std::string redacted = redact(argv[i]);
    if (redacted != argv[i]) overwrite(argv[i], redacted);
  }
  std::vector<char*> originals;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    if (redact(*entry) != *entry) originals.push_back(*entry);
  }
  for (char* entry : originals) {
    const char* eq = std::strchr(entry, '=');
    if (eq == nullptr) continue;
    std::string name(static_cast<const char*>(entry), eq);
    std::string value = eq + 1;
    setenv(name.c_str(), value.c_str(), 1);  // environ now points at a copy
    overwrite(entry, redact(entry));
  }
  return args;
}

}  // namespace sg
