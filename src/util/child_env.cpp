#include "util/child_env.h"

#include <cstring>

extern char** environ;

namespace sg {
namespace {

bool allowed(const std::string& name) {
  return name == "PATH" || name == "LANG" || name == "LANGUAGE" || name == "TZ" ||
         name.rfind("LC_", 0) == 0;
}

}  // namespace

std::vector<std::string> scrubbed_environment(const std::vector<std::string>& extra) {
  std::vector<std::string> out;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const char* eq = std::strchr(*entry, '=');
    if (eq != nullptr && allowed(std::string(static_cast<const char*>(*entry), eq))) out.emplace_back(*entry);
  }
  out.insert(out.end(), extra.begin(), extra.end());
  return out;
}

ChildEnvironment::ChildEnvironment(std::vector<std::string> entries)
    : entries_(std::move(entries)) {
  for (auto& e : entries_) pointers_.push_back(e.data());
  pointers_.push_back(nullptr);
}

}  // namespace sg
