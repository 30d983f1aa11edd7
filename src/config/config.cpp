// Reading .schemagate.toml with toml++. Every toml++ call (and its parse_error) stays here, in
// config_tracks.cpp and in config_dump.cpp.
#include "config/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>
#include <tuple>

#include "config/config_tracks.h"
#include "core/fail_on.h"
#include "core/rule_info.h"
#include "util/did_you_mean.h"

namespace sg {

std::string describe_value(const toml::node& node) {
  if (auto s = node.as_string()) return nlohmann::json(s->get()).dump();
  if (auto i = node.as_integer()) return std::to_string(i->get());
  if (auto f = node.as_floating_point()) return nlohmann::json(f->get()).dump();
  if (auto b = node.as_boolean()) return b->get() ? "true" : "false";
  if (node.is_array()) return "an array";
  if (node.is_table()) return "a table";
  return "a date or time";
}

namespace {

const std::vector<std::string> kTopKeys = {"pg_version", "fail_on", "rules",     "paths",
                                           "risk",       "compliance", "roundtrip", "target",
                                           "gate",       "tracks"};
const std::vector<std::string> kRoundTripKeys = {"rehearse_rows", "setup", "superuser_extensions",
                                                 "migrations_as_superuser"};
constexpr int64_t kMaxRehearseRows = 100000000;
const std::vector<std::string> kGateKeys = {"approvals_file", "approvers"};
const std::vector<std::string> kTargetKeys = {"tracking_table"};
const std::vector<std::string> kPathKeys = {"include", "exclude"};
const std::vector<std::string> kRiskKeys = {"approvals"};
const std::vector<std::string> kApprovalKeys = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};
const std::vector<std::string> kComplianceKeys = {"tables"};
constexpr int kMinPgVersion = 9;
constexpr int kMaxPgVersion = 18;

std::optional<nlohmann::json> to_json(const toml::node& node) {
  if (auto s = node.as_string()) return nlohmann::json(s->get());
  if (auto i = node.as_integer()) return nlohmann::json(i->get());
  if (auto f = node.as_floating_point()) return nlohmann::json(f->get());
  if (auto b = node.as_boolean()) return nlohmann::json(b->get());
  if (auto a = node.as_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : *a) {
      auto value = to_json(item);
      if (!value) return std::nullopt;
      out.push_back(std::move(*value));
    }
    return out;
  }
  if (auto t = node.as_table()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : *t) {
      auto converted = to_json(value);
      if (!converted) return std::nullopt;
      out[std::string(key.str())] = std::move(*converted);
    }
    return out;
  }
  return std::nullopt;
}

// Whether a configured option value has the type of the rule's default, and what it expects.
bool same_type(const nlohmann::json& value, const nlohmann::json& fallback) {
  if (fallback.is_number_float()) return value.is_number();
  if (fallback.is_number_integer()) return value.is_number_integer();
  if (fallback.is_array()) {
    if (!value.is_array()) return false;
    if (fallback.empty()) return true;
    for (const auto& item : value) {
      if (!same_type(item, fallback.front())) return false;
    }
    return true;
  }
  return value.type() == fallback.type();
}

std::string expected_type(const nlohmann::json& fallback) {
  if (fallback.is_boolean()) return "a boolean";
  if (fallback.is_number_integer()) return "an integer";
  if (fallback.is_number()) return "a number";
  if (fallback.is_string()) return "a string";
  if (fallback.is_array()) {
    return fallback.empty() ? "an array" : "an array of " + expected_type(fallback.front());
  }
  return "a table";
}

class Reader {
 public:
  Reader(std::string path, Config& config) : path_(std::move(path)), config_(config) {}

  void top(const toml::table& root) {
    for (const auto& [key, node] : root) {
      std::string k(key.str());
      if (k == "pg_version") {
        pg_version(node);
      } else if (k == "fail_on") {
        fail_on(node);
      } else if (k == "rules") {
        if (auto* rules = table(node, "rules")) read_rules(*rules);
      } else if (k == "paths") {
        if (auto* paths = table(node, "paths")) read_paths(*paths);
      } else if (k == "risk") {
        if (auto* risk = table(node, "risk")) read_risk(*risk);
      } else if (k == "compliance") {
        if (auto* compliance = table(node, "compliance")) read_compliance(*compliance);
      } else if (k == "target") {
        if (auto* target = table(node, "target")) read_target(*target);
      } else if (k == "gate") {
        if (auto* gate = table(node, "gate")) read_gate(*gate);
      } else if (k == "tracks") {
        read_tracks(node, config_.tracks,
                    [this](const toml::source_region& where, const std::string& dotted,
                           const std::string& message) { error(where, dotted, message); });
      } else if (k == "roundtrip") {
        if (auto* roundtrip = table(node, "roundtrip")) read_roundtrip(*roundtrip);
      } else {
        unknown(key, k, "unknown key", k, kTopKeys);
      }
    }
    check_approver_roles();
  }

  // In file order: toml++ tables iterate by key, not as written.
  std::vector<std::string> take_errors() {
    std::stable_sort(errors_.begin(), errors_.end(), [](const Error& a, const Error& b) {
      return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    std::vector<std::string> out;
    for (auto& e : errors_) out.push_back(std::move(e.message));
    return out;
  }

 private:
  void pg_version(const toml::node& node) {
    auto value = node.value<int64_t>();
    if (!node.is_integer() || *value < kMinPgVersion || *value > kMaxPgVersion) {
      error(node, "pg_version", "expected an integer from 9 to 18, got " + describe_value(node));
      return;
    }
    config_.pg_version = static_cast<int>(*value);
  }

  void fail_on(const toml::node& node) {
    if (node.is_string() && parse_fail_on(node.as_string()->get())) {
      config_.fail_on = node.as_string()->get();
      return;
    }
    error(node, "fail_on",
          "expected one of \"error\", \"warning\", \"none\", \"risk:LOW\", \"risk:MEDIUM\", "
          "\"risk:HIGH\", \"risk:CRITICAL\", got " +
              describe_value(node));
  }

  void read_rules(const toml::table& rules) {
    for (const auto& [key, node] : rules) {
      std::string id(key.str());
      std::string dotted = "rules." + id;
      ConfiguredRule* rule = config_.rules.find(id);
      if (rule == nullptr) {
        error(key.source(), dotted, unknown_rule_message(id));
        continue;
      }
      if (node.is_string()) {  // shorthand: `ban-drop-column = "off"`
        severity(node, dotted, *rule);
        continue;
      }
      const toml::table* settings = table(node, dotted);
      if (settings == nullptr) continue;
      nlohmann::json defaults = rule->info->default_options();
      for (const auto& [option_key, value] : *settings) {
        std::string name(option_key.str());
        if (name == "severity") {
          severity(value, dotted + ".severity", *rule);
        } else if (defaults.contains(name)) {
          option(value, dotted + "." + name, defaults[name], name, *rule);
        } else {
          std::vector<std::string> known = {"severity"};
          for (const auto& item : defaults.items()) known.push_back(item.key());
          unknown(option_key, dotted + "." + name, "unknown option", name, known);
        }
      }
    }
  }

  void severity(const toml::node& node, const std::string& dotted, ConfiguredRule& rule) {
    auto parsed = node.is_string() ? parse_severity(node.as_string()->get()) : std::nullopt;
    if (!parsed) {
      error(node, dotted, "expected one of \"error\", \"warning\", \"off\", got " + describe_value(node));
      return;
    }
    rule.severity = *parsed;
  }

  void option(const toml::node& node, const std::string& dotted, const nlohmann::json& fallback,
              const std::string& name, ConfiguredRule& rule) {
    auto value = to_json(node);
    if (!value || !same_type(*value, fallback)) {
      error(node, dotted, "expected " + expected_type(fallback) + ", got " + describe_value(node));
      return;
    }
    rule.options[name] = std::move(*value);
  }

  void read_paths(const toml::table& paths) {
    for (const auto& [key, node] : paths) {
      std::string k(key.str());
      if (k == "include" || k == "exclude") {
        strings(node, "paths." + k, k == "include" ? config_.include : config_.exclude);
      } else {
        unknown(key, "paths." + k, "unknown key", k, kPathKeys);
      }
    }
  }

  void read_risk(const toml::table& risk) {
    for (const auto& [key, node] : risk) {
      std::string k(key.str());
      if (k != "approvals") {
        unknown(key, "risk." + k, "unknown key", k, kRiskKeys);
        continue;
      }
      const toml::table* approvals = table(node, "risk.approvals");
      if (approvals == nullptr) continue;
      for (const auto& [level_key, who] : *approvals) {
        std::string level(level_key.str());
        std::string dotted = "risk.approvals." + level;
        auto parsed = parse_risk(level);
        if (!parsed) {
          unknown(level_key, dotted, "unknown risk level", level, kApprovalKeys);
          continue;
        }
        strings(who, dotted, config_.risk.approvals[static_cast<size_t>(*parsed)]);
      }
    }
  }

  void read_compliance(const toml::table& compliance) {
    for (const auto& [key, node] : compliance) {
      std::string k(key.str());
      if (k == "tables") {
        strings(node, "compliance.tables", config_.risk.compliance_tables);
      } else {
        unknown(key, "compliance." + k, "unknown key", k, kComplianceKeys);
      }
    }
  }

  void read_target(const toml::table& target) {
    for (const auto& [key, node] : target) {
      std::string k(key.str());
      if (k != "tracking_table") {
        unknown(key, "target." + k, "unknown key", k, kTargetKeys);
      } else if (auto s = node.as_string(); s != nullptr && !s->get().empty()) {
        config_.tracking_table = s->get();
      } else {
        error(node, "target.tracking_table", "expected a table name, got " + describe_value(node));
      }
    }
  }

  void read_gate(const toml::table& gate) {
    for (const auto& [key, node] : gate) {
      std::string k(key.str());
      if (k == "approvals_file") {
        if (node.is_string()) {
          config_.gate.approvals_file = node.as_string()->get();
        } else {
          error(node, "gate.approvals_file", "expected a string, got " + describe_value(node));
        }
      } else if (k == "approvers") {
        const toml::table* approvers = table(node, "gate.approvers");
        if (approvers == nullptr) continue;
        for (const auto& [role_key, logins] : *approvers) {
          std::string role(role_key.str());
          strings(logins, "gate.approvers." + role, config_.gate.approvers[role]);
          approver_keys_.push_back(role_key);
        }
      } else {
        unknown(key, "gate." + k, "unknown key", k, kGateKeys);
      }
    }
  }

  // After the whole file: [risk.approvals] may come later, and toml++ visits keys sorted.
  void check_approver_roles() {
    std::vector<std::string> roles;
    for (const auto& level : config_.risk.approvals) {
      for (const auto& role : level) {
        if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
      }
    }
    for (const auto& key : approver_keys_) {
      std::string role(key.str());
      if (std::find(roles.begin(), roles.end(), role) == roles.end()) {
        unknown(key, "gate.approvers." + role, "no risk level needs this role", role, roles);
      }
    }
  }

  void read_roundtrip(const toml::table& roundtrip) {
    for (const auto& [key, node] : roundtrip) {
      std::string k(key.str());
      if (k == "setup") {
        strings(node, "roundtrip.setup", config_.setup);
        continue;
      }
      if (k == "superuser_extensions") {
        strings(node, "roundtrip.superuser_extensions", config_.superuser_extensions);
        continue;
      }
      if (k == "migrations_as_superuser") {
        if (!node.is_boolean()) {
          error(node, "roundtrip.migrations_as_superuser",
                "expected true or false, got " + describe_value(node));
        } else {
          config_.migrations_as_superuser = node.value_or(false);
        }
        continue;
      }
      if (k != "rehearse_rows") {
        unknown(key, "roundtrip." + k, "unknown key", k, kRoundTripKeys);
        continue;
      }
      auto value = node.value<int64_t>();
      if (!node.is_integer() || *value < 0 || *value > kMaxRehearseRows) {
        error(node, "roundtrip.rehearse_rows",
              "expected an integer from 0 to " + std::to_string(kMaxRehearseRows) + ", got " +
                  describe_value(node));
        continue;
      }
      config_.rehearse_rows = static_cast<int>(*value);
    }
  }

  void strings(const toml::node& node, const std::string& dotted, std::vector<std::string>& out) {
    const toml::array* array = node.as_array();
    bool ok = array != nullptr;
    if (ok) {
      for (const auto& item : *array) ok = ok && item.is_string();
    }
    if (!ok) {
      error(node, dotted, "expected an array of strings, got " + describe_value(node));
      return;
    }
    out.clear();
    for (const auto& item : *array) out.push_back(item.as_string()->get());
  }

  const toml::table* table(const toml::node& node, const std::string& dotted) {
    if (node.is_table()) return node.as_table();
    error(node, dotted, "expected a table, got " + describe_value(node));
    return nullptr;
  }

  void unknown(const toml::key& key, const std::string& dotted, const std::string& what,
               const std::string& name, const std::vector<std::string>& known) {
    error(key.source(), dotted, what + did_you_mean(name, known));
  }

  void error(const toml::node& node, const std::string& dotted, const std::string& message) {
    error(node.source(), dotted, message);
  }

  void error(const toml::source_region& where, const std::string& dotted,
             const std::string& message) {
    std::ostringstream out;
    out << path_ << ":" << where.begin.line << ":" << where.begin.column << ": " << dotted << ": "
        << message;
    errors_.push_back({where.begin.line, where.begin.column, out.str()});
  }

  struct Error {
    toml::source_index line;
    toml::source_index column;
    std::string message;
  };

  std::string path_;
  Config& config_;
  std::vector<Error> errors_;
  std::vector<toml::key> approver_keys_;
};

}  // namespace

ConfigResult parse_config(const std::string& text, const std::string& display_path) {
  ConfigResult result;
  toml::table root;
  try {
    root = toml::parse(text, display_path);
  } catch (const toml::parse_error& e) {
    std::ostringstream out;
    out << display_path << ":" << e.source().begin.line << ":" << e.source().begin.column << ": "
        << e.description();
    result.errors.push_back(out.str());
    return result;
  }
  Config config;
  config.source = display_path;
  Reader reader(display_path, config);
  reader.top(root);
  result.errors = reader.take_errors();
  if (result.errors.empty()) result.config = std::move(config);
  return result;
}

}  // namespace sg
