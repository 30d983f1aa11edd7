// `schemagate rules --dump-config`: the effective configuration, written back as TOML.
#include <toml++/toml.h>

#include <sstream>

#include "config/config.h"
#include "config/config_tracks.h"

namespace sg {
namespace {

toml::array string_array(const std::vector<std::string>& items) {
  toml::array out;
  for (const auto& item : items) out.push_back(item);
  return out;
}

// Option values are JSON scalars and arrays (rule defaults); objects become inline tables.
void insert_json(toml::table& table, const std::string& key, const nlohmann::json& value);

toml::array json_array(const nlohmann::json& value) {
  toml::array out;
  for (const auto& item : value) {
    toml::table holder;
    insert_json(holder, "v", item);
    if (auto* node = holder.get("v")) out.push_back(*node);
  }
  return out;
}

void insert_json(toml::table& table, const std::string& key, const nlohmann::json& value) {
  if (value.is_boolean()) {
    table.insert_or_assign(key, value.get<bool>());
  } else if (value.is_number_integer()) {
    table.insert_or_assign(key, value.get<int64_t>());
  } else if (value.is_number()) {
    table.insert_or_assign(key, value.get<double>());
  } else if (value.is_string()) {
    table.insert_or_assign(key, value.get<std::string>());
  } else if (value.is_array()) {
    table.insert_or_assign(key, json_array(value));
  } else if (value.is_object()) {
    toml::table inner;
    for (const auto& item : value.items()) insert_json(inner, item.key(), item.value());
    table.insert_or_assign(key, std::move(inner));
  }
}

}  // namespace

std::string dump_config(const Config& config) {
  toml::table root;
  root.insert_or_assign("pg_version", config.pg_version);
  root.insert_or_assign("fail_on", config.fail_on);
  root.insert_or_assign("paths", toml::table{{"include", string_array(config.include)},
                                             {"exclude", string_array(config.exclude)}});
  toml::table approvals;
  for (Risk r : {Risk::kLow, Risk::kMedium, Risk::kHigh, Risk::kCritical}) {
    approvals.insert_or_assign(std::string(to_string(r)),
                               string_array(config.risk.approvals[static_cast<size_t>(r)]));
  }
  root.insert_or_assign("risk", toml::table{{"approvals", std::move(approvals)}});
  root.insert_or_assign("compliance",
                        toml::table{{"tables", string_array(config.risk.compliance_tables)}});
  // Unset means "the tool's default table", which has no TOML spelling: the key is left out.
  if (!config.tracking_table.empty()) {
    root.insert_or_assign("target", toml::table{{"tracking_table", config.tracking_table}});
  }
  toml::table approvers;
  for (const auto& [role, logins] : config.gate.approvers) {
    approvers.insert_or_assign(role, string_array(logins));
  }
  root.insert_or_assign("gate", toml::table{{"approvals_file", config.gate.approvals_file},
                                            {"approvers", std::move(approvers)}});
  root.insert_or_assign("roundtrip",
                        toml::table{{"rehearse_rows", config.rehearse_rows},
                                    {"setup", string_array(config.setup)},
                                    {"superuser_extensions",
                                     string_array(config.superuser_extensions)},
                                    {"migrations_as_superuser", config.migrations_as_superuser}});
  toml::table rules;
  for (const auto& rule : config.rules.rules()) {
    toml::table settings;
    settings.insert_or_assign("severity", std::string(to_string(rule.severity)));
    nlohmann::json options = rule.info->default_options();
    for (const auto& item : rule.options.items()) options[item.key()] = item.value();
    for (const auto& item : options.items()) insert_json(settings, item.key(), item.value());
    rules.insert_or_assign(std::string(rule.info->id), std::move(settings));
  }
  root.insert_or_assign("rules", std::move(rules));
  if (!config.tracks.empty()) root.insert_or_assign("tracks", tracks_to_toml(config.tracks));
  std::ostringstream out;
  out << "# schemagate effective configuration ("
      << (config.source.empty() ? "built-in defaults" : "from " + config.source) << ")\n"
      << toml::toml_formatter(
             root, toml::toml_formatter::default_flags & ~toml::format_flags::indent_sub_tables)
      << "\n";
  return out.str();
}

}  // namespace sg
