#include "pipeline/policy.h"

#include <filesystem>

namespace sg {
namespace {

namespace fs = std::filesystem;

constexpr const char* kConfigName = ".schemagate.toml";

std::string joined(const std::vector<std::string>& errors) {
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : "\n") + e;
  return out;
}

fs::path root_of(const GitRepository& repo) {
  std::error_code ec;
  // workdir() ends in '/': its parent_path() is the directory itself.
  return fs::weakly_canonical(fs::path(repo.workdir()).parent_path(), ec);
}

// `path` inside the checkout as a repository path, or "" when it lies outside.
std::string repo_relative(const GitRepository& repo, const fs::path& path) {
  std::error_code ec;
  fs::path rel = fs::weakly_canonical(path, ec).lexically_relative(root_of(repo));
  if (rel.empty() || *rel.begin() == "..") return "";
  return rel == "." ? "" : rel.generic_string();
}

// Where find_config looks, as repository paths: --repo's directory, then each parent up to the
// root of the checkout.
std::vector<std::string> config_candidates(const GitRepository& repo, const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::path root = root_of(repo);
  for (fs::path at = fs::weakly_canonical(fs::absolute(dir), ec);; at = at.parent_path()) {
    fs::path rel = at.lexically_relative(root);
    if (rel.empty() || *rel.begin() == "..") break;
    out.push_back(rel == "." ? kConfigName : (rel / kConfigName).generic_string());
    if (at == root || at == at.parent_path()) break;
  }
  return out;
}

Result<Config> config_at(const GitRepository& repo, const std::string& commit,
                         const std::string& path, bool* found) {
  auto text = repo.read_file(commit, path);
  if (!text) return Result<Config>::fail(path + " at the merge base: " + text.error);
  *found = text.value->has_value();
  if (!*found) return {Config(), ""};
  ConfigResult parsed = parse_config(**text.value, path + " at the merge base");
  // A merge base whose file does not parse still judges: its errors are the run's error.
  if (!parsed.config) return Result<Config>::fail(joined(parsed.errors));
  return {std::move(*parsed.config), ""};
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
  std::string head_path = head_file.empty() ? "" : repo_relative(repo, head_file);
  bool outside = !in.config_path.empty() && head_path.empty();
  if (!base_commit.empty() && !outside) {
    std::vector<std::string> candidates =
        in.config_path.empty() ? config_candidates(repo, in.repo_dir)
                               : std::vector<std::string>{head_path};
    Config trusted;
    for (const auto& path : candidates) {
      bool found = false;
      auto base = config_at(repo, base_commit, path, &found);
      if (!base) return Out::fail(base.error);
      if (!found) continue;
      trusted = std::move(*base.value);
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
