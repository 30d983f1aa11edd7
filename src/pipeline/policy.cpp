#include "pipeline/policy.h"

#include <algorithm>
#include <filesystem>
#include <optional>

namespace sg {
namespace {

namespace fs = std::filesystem;

constexpr const char* kConfigName = ".schemagate.toml";

std::string joined(const std::vector<std::string>& errors) {
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : "\n") + e;
  return out;
}

// Where find_config looks, as repository paths: --repo's directory, then each parent up to the
// root of the checkout.
std::vector<std::string> config_candidates(const GitRepository& repo, const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::path at = fs::weakly_canonical(fs::absolute(dir), ec);; at = at.parent_path()) {
    std::optional<std::string> rel = repo.repo_path(at);
    if (!rel) break;
    out.push_back(rel->empty() ? kConfigName : *rel + "/" + kConfigName);
    if (rel->empty() || at == at.parent_path()) break;
  }
  return out;
}

// The config at `path` of `commit`; nullopt when the commit has no such file.
using CommittedConfig = Result<std::optional<Config>>;
CommittedConfig config_at(const GitRepository& repo, const std::string& commit,
                          const std::string& path) {
  auto text = repo.read_file(commit, path);
  if (!text) return CommittedConfig::fail(path + " at the merge base: " + text.error);
  if (!*text.value) return {std::optional<Config>(), ""};
  ConfigResult parsed = parse_config(**text.value, path + " at the merge base");
  // A merge base whose file does not parse still judges: its errors are the run's error.
  if (!parsed.config) return CommittedConfig::fail(joined(parsed.errors));
  return {std::move(parsed.config), ""};
}

}  // namespace

Result<Policy> load_policy(const PolicyInput& in, const GitRepository& repo,
                           const std::string& base_commit) {
  using Out = Result<Policy>;
  Policy policy;
  std::string head_file = in.config_path;
  if (head_file.empty()) {
    if (auto found = find_config(fs::absolute(in.repo_dir).lexically_normal())) {
      head_file = found->string();
    }
  }
  if (!head_file.empty()) {
    ConfigResult head = load_config(head_file);
    if (!head.config) return Out::fail(joined(head.errors));
    policy.config = std::move(*head.config);
  }
  std::string head_path = head_file.empty() ? "" : repo.repo_path(head_file).value_or("");
  bool outside = !in.config_path.empty() && head_path.empty();
  if (!base_commit.empty() && !outside) {
    std::vector<std::string> candidates =
        in.config_path.empty() ? config_candidates(repo, in.repo_dir)
                               : std::vector<std::string>{head_path};
    Config trusted;
    for (const auto& path : candidates) {
      auto base = config_at(repo, base_commit, path);
      if (!base) return Out::fail(base.error);
      if (!*base.value) continue;
      trusted = std::move(**base.value);
      policy.files.push_back(path);
      break;
    }
    policy.config = std::move(trusted);
  }
  if (!head_path.empty() &&
      std::find(policy.files.begin(), policy.files.end(), head_path) == policy.files.end()) {
    policy.files.push_back(head_path);
  }
  std::string fail_on_text = in.fail_on.value_or(policy.config.fail_on);
  auto fail_on = parse_fail_on(fail_on_text);
  if (!fail_on) {
    return Out::fail("--fail-on: expected error, warning, none or risk:LEVEL, got '" +
                     fail_on_text + "'");
  }
  policy.fail_on = *fail_on;
  return {std::move(policy), ""};
}

}  // namespace sg
