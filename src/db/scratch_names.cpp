#include "db/scratch_names.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <regex>

namespace sg {

long long epoch_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

RunTag new_run_tag(long long lifetime_s) {
  long long now = epoch_seconds();
  std::random_device rd;
  char hex[9];
  snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(rd()));
  RunTag tag;
  tag.expires = now + lifetime_s;
  tag.text = std::to_string(tag.expires) + "_" + std::to_string(getpid()) + "_" + hex;
  return tag;
}

std::string scratch_name(const std::string& purpose, const RunTag& tag) {
  return "sg_" + purpose + "_" + tag.text;
}

std::optional<long long> expiry_of(const std::string& name) {
  static const std::regex form("^sg_[a-z]+_([0-9]{10,12})_[0-9]+_[0-9a-f]{8}(_[a-z]+)?$");
  std::smatch m;
  if (!std::regex_match(name, m, form)) return std::nullopt;
  return std::stoll(m[1].str());
}

}  // namespace sg
