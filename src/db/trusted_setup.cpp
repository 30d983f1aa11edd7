#include "db/trusted_setup.h"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace sg {

namespace fs = std::filesystem;

Result<RoundTripSetup> trusted_setup(const TrustedSetupInput& in,
                                        std::vector<std::string>& notes) {
  using Out = Result<RoundTripSetup>;
  std::string source_commit = in.base_commit.empty() ? in.head_commit : in.base_commit;
  RoundTripSetup setup;
  setup.superuser_extensions = in.config->superuser_extensions;
  setup.migrations_as_superuser = in.config->migrations_as_superuser;
  for (const auto& path : in.config->setup) {
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
