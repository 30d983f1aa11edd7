#include "lint/finding_sink.h"

namespace sg {

Finding& FindingSink::report(const std::string& file, Position at, std::string message,
                             std::string help) {
  Finding f;
  f.rule_id = std::string(rule_.info->id);
  f.severity = rule_.severity;
  f.risk = rule_.info->risk;
  f.file = file;
  f.line = at.line;
  f.column = at.column;
  f.message = std::move(message);
  f.help = std::move(help);
  out_.push_back(std::move(f));
  return out_.back();
}

nlohmann::json FindingSink::option(const std::string& key) const {
  auto set = rule_.options.find(key);
  if (set != rule_.options.end()) return *set;
  nlohmann::json defaults = rule_.info->default_options();
  auto fallback = defaults.find(key);
  return fallback != defaults.end() ? *fallback : nlohmann::json();
}

}  // namespace sg
