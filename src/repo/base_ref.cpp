#include "repo/base_ref.h"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

namespace sg {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

struct Candidates {
  std::string asked;  // what the user or the environment named
  std::vector<std::string> names;
};

// A branch name from CI may exist locally only as the remote-tracking branch.
void add_branch(Candidates& c, const std::string& branch) {
  c.names.push_back("origin/" + branch);
  c.names.push_back(branch);
}

Result<Candidates> candidates(const BaseRefSources& s) {
  Candidates c;
  if (!s.explicit_ref.empty()) {
    c.asked = "--base " + s.explicit_ref;
    c.names.push_back(s.explicit_ref);
    if (s.explicit_ref.rfind("origin/", 0) != 0) c.names.push_back("origin/" + s.explicit_ref);
    return {c, ""};
  }
  if (!s.github_base_ref.empty()) {
    c.asked = "GITHUB_BASE_REF=" + s.github_base_ref;
    add_branch(c, s.github_base_ref);
    return {c, ""};
  }
  if (!s.github_event_path.empty()) {
    std::ifstream in(s.github_event_path);
    nlohmann::json event =
        in.is_open() ? nlohmann::json::parse(in, nullptr, false) : nlohmann::json();
    if (!event.is_object()) {
      return Result<Candidates>::fail(s.github_event_path +
                                         ": cannot read the GitHub event (GITHUB_EVENT_PATH)");
    }
    nlohmann::json::json_pointer where("/pull_request/base");
    const nlohmann::json base = event.contains(where) ? event.at(where) : nlohmann::json();
    auto text = [&base](const char* key) {
      return base.is_object() && base.contains(key) && base[key].is_string()
                 ? base[key].get<std::string>()
                 : std::string();
    };
    std::string ref = text("ref");
    std::string sha = text("sha");
    if (!ref.empty() || !sha.empty()) {
      c.asked = "the pull request's base in " + s.github_event_path;
      if (!ref.empty()) add_branch(c, ref);
      if (!sha.empty()) c.names.push_back(sha);
      return {c, ""};
    }
  }
  c.asked = "the default base";
  add_branch(c, "main");
  return {c, ""};
}

}  // namespace

BaseRefSources base_ref_sources_from_env(const std::string& explicit_ref) {
  return {explicit_ref, env("GITHUB_BASE_REF"), env("GITHUB_EVENT_PATH")};
}

Result<ResolvedRef> resolve_base_ref(const GitRepository& repo, const BaseRefSources& sources) {
  auto c = candidates(sources);
  if (!c) return Result<ResolvedRef>::fail(c.error);
  std::string tried;
  for (const auto& name : c.value->names) {
    auto commit = repo.resolve_commit(name);
    if (commit) return {ResolvedRef{name, *commit.value}, ""};
    tried += (tried.empty() ? "" : ", ") + name;
  }
  std::string message = "base ref not found (" + c.value->asked + "; tried " + tried + ")";
  if (repo.is_shallow()) {
    message +=
        ": this is a shallow clone; fetch the base branch and its history (GitHub "
        "Actions: actions/checkout with `fetch-depth: 0`)";
  } else {
    message += ": pass --base with a branch, tag or commit that exists here";
  }
  return Result<ResolvedRef>::fail(message);
}

}  // namespace sg
