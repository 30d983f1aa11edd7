// `schemagate comment`: post a saved report (--format json) as the pull request's sticky
// comment. The report may come from an untrusted fork's job: it is parsed as data and rendered
// through the same escaping markdown renderer as `check`, never executed or trusted for paths.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/comment_post.h"
#include "github/sticky_comment.h"
#include "report/formats.h"

namespace sg {
namespace {

struct CommentArgs {
  std::string report_path;
  CommentRequest request;
};

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

// The pull request number from the event that started the workflow.
long pr_from_event(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  nlohmann::json event = nlohmann::json::parse(in, nullptr, false);
  if (!in.is_open() || event.is_discarded()) {
    *error = "GITHUB_EVENT_PATH " + path + ": cannot read the event as JSON";
    return 0;
  }
  for (const auto* key : {"pull_request", "issue"}) {
    if (event.contains(key) && event[key].is_object() && event[key].contains("number")) {
      return event[key]["number"].get<long>();
    }
  }
  const auto& run = event.value("workflow_run", nlohmann::json::object());
  const auto& prs = run.value("pull_requests", nlohmann::json::array());
  if (prs.is_array() && !prs.empty() && prs[0].contains("number")) {
    return prs[0]["number"].get<long>();
  }
  *error = "GITHUB_EVENT_PATH " + path + ": not a pull-request event; pass --pr";
  return 0;
}

int run_comment(const CommentArgs& args) {
  std::ifstream in(args.report_path, std::ios::binary);
  if (!in) {
    std::cerr << "error: " << args.report_path << ": cannot read the report\n";
    return kExitError;
  }
  auto report = report_from_json(nlohmann::json::parse(in, nullptr, false));
  if (!report) {
    std::cerr << "error: " << args.report_path
              << ": not a schemagate JSON report (write one with --format json)\n";
    return kExitError;
  }
  return post_comment(*report.value, args.request);
}

}  // namespace

int post_comment(const Report& report, CommentRequest args) {
  if (args.repo.empty()) args.repo = env("GITHUB_REPOSITORY");
  if (args.repo.empty() || args.repo.find('/') == std::string::npos) {
    std::cerr << "error: comment: no repository; pass --repo owner/name or set "
                 "GITHUB_REPOSITORY\n";
    return kExitError;
  }
  if (args.pr <= 0) {
    std::string error = "comment: no pull request; pass --pr or set GITHUB_EVENT_PATH";
    if (!env("GITHUB_EVENT_PATH").empty())
      args.pr = pr_from_event(env("GITHUB_EVENT_PATH"), &error);
    if (args.pr <= 0) {
      std::cerr << "error: " << error << "\n";
      return kExitError;
    }
  }
  GitHubSettings settings;
  settings.token = env("GITHUB_TOKEN");
  if (settings.token.empty()) {
    std::cerr << "error: comment: GITHUB_TOKEN is not set\n";
    return kExitError;
  }
  if (!env("GITHUB_API_URL").empty()) settings.api_url = env("GITHUB_API_URL");
  while (!settings.api_url.empty() && settings.api_url.back() == '/') settings.api_url.pop_back();
  if (!env("SCHEMAGATE_GITHUB_TIMEOUT").empty()) {
    settings.max_total_seconds = std::atof(env("SCHEMAGATE_GITHUB_TIMEOUT").c_str());
  }
  StickyTarget target;
  target.repo = args.repo;
  target.pr = args.pr;
  target.mode = args.mode == "delete"     ? StickyMode::kDelete
                : args.mode == "recreate" ? StickyMode::kRecreate
                                          : StickyMode::kUpsert;
  target.only_if_findings = args.only_on_findings;
  Summary summary = summarize(report);
  target.has_findings = summary.errors + summary.warnings > 0 || !report.errors.empty();
  RestClient client(settings);
  StickyResult result = sync_sticky_comment(client, target, render_markdown(report, {}));
  if (!result.error.empty()) {
    std::cerr << "error: " << result.error << "\n";
    return kExitError;
  }
  std::cout << args.repo << "#" << args.pr << ": comment " << result.action;
  if (result.comment_id != 0) std::cout << " (" << result.comment_id << ")";
  if (!result.url.empty()) std::cout << " " << result.url;
  std::cout << "\n";
  return kExitClean;
}

void add_comment_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CommentArgs>();
  CLI::App* cmd =
      app.add_subcommand("comment", "Post a saved JSON report as the pull request's comment");
  cmd->add_option("--report", args->report_path, "Report written by --format json")->required();
  cmd->add_option("--repo", args->request.repo, "owner/name (default: GITHUB_REPOSITORY)");
  cmd->add_option("--pr", args->request.pr, "Pull request number (default: from GITHUB_EVENT_PATH)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--mode", args->request.mode, "upsert (default), recreate or delete")
      ->check(CLI::IsMember({"upsert", "recreate", "delete"}));
  cmd->add_flag("--only-on-findings", args->request.only_on_findings,
                "Create no comment for a clean report (an existing one is still updated)");
  cmd->callback([args, &exit_code] { exit_code = run_comment(*args); });
}

}  // namespace sg
