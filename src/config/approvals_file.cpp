// The approvals file: TOML read with toml++ (its parse_error is caught here, as in config.cpp).
#include "config/approvals_file.h"

#include <toml++/toml.h>

#include <cstdio>
#include <sstream>


namespace sg {
namespace {

std::string position(const std::string& path, const toml::source_region& where) {
  return path + ":" + std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column);
}

std::string describe(const toml::node& node) {
  if (auto s = node.as_string()) return "\"" + s->get() + "\"";
  if (auto i = node.as_integer()) return std::to_string(i->get());
  if (node.is_boolean()) return node.as_boolean()->get() ? "true" : "false";
  if (node.is_array()) return "an array";
  if (node.is_table()) return "a table";
  return "a number or time";
}

std::string date_text(const toml::node& node) {
  if (auto s = node.as_string()) return s->get();
  if (auto d = node.as_date()) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d->get().year),
                  static_cast<int>(d->get().month), static_cast<int>(d->get().day));
    return buf;
  }
  return "";
}

// A required field's text, or "" after adding the problem to `problems`.
std::string field(const std::string& path, const toml::table& entry, const std::string& name,
                  std::vector<std::string>& problems) {
  const toml::node* value = entry.get(name);
  if (value == nullptr) {
    problems.push_back(position(path, entry.source()) + ": approval." + name + ": missing");
    return "";
  }
  bool is_date = name == "date";
  std::string text = is_date ? date_text(*value) : value->is_string() ? value->as_string()->get()
                                                                      : "";
  if (text.empty()) {
    problems.push_back(position(path, value->source()) + ": approval." + name + ": expected " +
                       (is_date ? "a date" : "a non-empty string") + ", got " +
                       describe(*value));
  }
  return text;
}

}  // namespace

Result<ApprovalsFile> read_approvals_file(const std::string& path) {
  ApprovalsFile out;
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    std::string what(e.description());
    return Result<ApprovalsFile>::fail(e.source().begin.line == 0
                                           ? path + ": cannot read: " + what
                                           : position(path, e.source()) + ": " + what);
  }
  out.path = path;
  std::vector<std::string> problems;
  for (const auto& [key, node] : root) {
    if (key.str() != "approval") {
      problems.push_back(position(path, key.source()) + ": " + std::string(key.str()) +
                         ": unknown key; expected [[approval]] entries");
      continue;
    }
    const toml::array* entries = node.as_array();
    if (entries == nullptr || !entries->is_array_of_tables()) {
      problems.push_back(position(path, node.source()) +
                         ": approval: expected [[approval]] tables, got " + describe(node));
      continue;
    }
    for (const auto& entry : *entries) {
      const toml::table& t = *entry.as_table();
      Approval a;
      std::string file = field(path, t, "file", problems);
      a.role = field(path, t, "role", problems);
      a.name = field(path, t, "name", problems);
      a.date = field(path, t, "date", problems);
      a.source = path + ":" + std::to_string(t.source().begin.line);
      if (!file.empty() && !a.role.empty() && !a.name.empty() && !a.date.empty()) {
        out.by_file[file].push_back(a);
      }
    }
  }
  if (problems.empty()) return {std::move(out), ""};
  std::ostringstream joined;
  for (size_t i = 0; i < problems.size(); ++i) joined << (i ? "\n" : "") << problems[i];
  return Result<ApprovalsFile>::fail(joined.str());
}

}  // namespace sg
