#include "db/trusted_setup.h"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace sg {
namespace {

namespace fs = std::filesystem;

struct SetupSettings {
  std::vector<std::string> scripts;
  std::vector<std::string> extensions;
  bool as_superuser = false;
  bool operator==(const SetupSettings& o) const {
    return scripts == o.scripts && extensions == o.extensions && as_superuser == o.as_superuser;
  }
};

SetupSettings settings_of(const Config& c) {
  return {c.setup, c.superuser_extensions, c.migrations_as_superuser};
}

// The config's path inside the repository, or "" when it lies outside (then it is the
// workflow's own file, not the pull request's, and is trusted as it is).
std::string repo_relative(const GitRepository& repo, const std::string& config_path) {
  if (config_path.empty()) return ".schemagate.toml";
  std::error_code ec;
  fs::path root = fs::weakly_canonical(fs::path(repo.workdir()).parent_path(), ec);
  fs::path file = fs::weakly_canonical(config_path, ec);
  fs::path rel = file.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return "";
  return rel.generic_string();
}

}  // namespace

Result<RoundTripSetup> trusted_setup(const TrustedSetupInput& in,
                                        std::vector<std::string>& notes) {
  using Out = Result<RoundTripSetup>;
  SetupSettings head = settings_of(*in.config);
  SetupSettings trusted = head;
  std::string source_commit = in.base_commit.empty() ? in.head_commit : in.base_commit;
  std::string rel = repo_relative(*in.repo, in.config_path);
  if (!in.base_commit.empty() && !rel.empty()) {
    auto text = in.repo->read_file(in.base_commit, rel);
    if (!text) return Out::fail(text.error);
    trusted = SetupSettings{};
    if (*text.value) {
      ConfigResult base = parse_config(**text.value, rel + " at the merge base");
      if (base.config) trusted = settings_of(*base.config);
    }
    if (!(trusted == head)) {
      notes.push_back("[roundtrip] setup, superuser_extensions or migrations_as_superuser differ "
                      "in this change's " + rel + ": the merge base's settings apply (superuser "
                      "settings take effect once merged)");
    }
  }
  RoundTripSetup setup;
  setup.superuser_extensions = trusted.extensions;
  setup.migrations_as_superuser = trusted.as_superuser;
  for (const auto& path : trusted.scripts) {
    std::string clean = fs::path(path).lexically_normal().generic_string();
    auto text = in.repo->read_file(source_commit, clean);
    if (!text) return Out::fail("[roundtrip] setup " + path + ": " + text.error);
    if (!*text.value) {
      return Out::fail("[roundtrip] setup " + path + ": not in the repository at " +
                          source_commit.substr(0, 12) +
                          " (setup scripts are read from git, at the merge base)");
    }
    if (!in.base_commit.empty()) {
      auto now = in.repo->read_file(in.head_commit, clean);
      if (now && *now.value != *text.value) {
        notes.push_back("[roundtrip] setup " + path + " differs in this change: the merge "
                        "base's version ran (a setup script runs as superuser; it takes effect "
                        "once merged)");
      }
    }
    Script script;
    script.path = clean;
    script.text = std::move(**text.value);
    setup.scripts.push_back(std::move(script));
  }
  return {std::move(setup), ""};
}

Result<RoundTripSetup> setup_from_work_tree(const Config& config, const std::string& root) {
  RoundTripSetup setup;
  setup.superuser_extensions = config.superuser_extensions;
  setup.migrations_as_superuser = config.migrations_as_superuser;
  for (const auto& path : config.setup) {
    std::ifstream in(fs::path(root) / path, std::ios::binary);
    if (!in) {
      return Result<RoundTripSetup>::fail("[roundtrip] setup " + path + ": cannot read " +
                                             (fs::path(root) / path).string());
    }
    Script script;
    script.path = fs::path(path).lexically_normal().generic_string();
    script.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    setup.scripts.push_back(std::move(script));
  }
  return {std::move(setup), ""};
}

}  // namespace sg
