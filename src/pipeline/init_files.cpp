#include "pipeline/init_files.h"

#include "layouts/discover.h"
#include "layouts/work_tree.h"
#include "util/join.h"

namespace sg {
namespace {

// {{NAME}} -> value, for every pair.
std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& vars) {
  for (const auto& [name, value] : vars) {
    const std::string key = "{{" + name + "}}";
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

// The pull-request check. It runs the pull request's SQL, so it gets a read-only token (also
// what a fork's pull request gets) and hands the report to the comment workflow as an artifact.
constexpr const char* kCheckWorkflow = R"text(# schemagate: lints, round-trips and risk-rates the migrations each pull request changes.
# Written by `schemagate init` (schemagate {{VERSION}}); edit freely.
# Detected: {{LAYOUT}} migrations in {{DIRS}}.
name: schemagate

on:
  pull_request:
  push:
    branches: [main]

# The check runs the pull request's SQL: it never holds a writable token. The comment is
# posted by schemagate-comment.yml, which runs no code of the pull request.
permissions:
  contents: read

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the merge base must be in the clone
      - uses: {{ACTION}}
        id: schemagate
        with:
          path: "{{PATH}}"
          layout: "{{LAYOUT_INPUT}}"
          fail-on: error
          comment: "false"
      - name: Keep the report for the comment workflow
        if: always() && github.event_name == 'pull_request'
        run: echo "${{ github.event.pull_request.number }}" > .schemagate/pr-number
      - uses: actions/upload-artifact@v4
        if: always() && github.event_name == 'pull_request'
        with:
          name: schemagate-report
          path: .schemagate/
          retention-days: 7

  # Deploys: gate the release against the target database (read only). Uncomment, name the
  # environment and keep the target's URL in a secret.
  # gate:
  #   if: github.event_name == 'push'
  #   needs: check
  #   runs-on: ubuntu-latest
  #   environment: production
  #   steps:
  #     - uses: actions/checkout@v4
  #       with:
  #         fetch-depth: 0
  #     - uses: {{ACTION}}
  #       with:
  #         command: gate
  #         path: "{{PATH}}"
  #         layout: "{{LAYOUT_INPUT}}"
  #         database-url: ${{ secrets.PRODUCTION_DATABASE_URL }}
  #         environment: production
)text";

// Runs on the base repository's code with a token that may write the comment; it only reads
// the artifact (untrusted data, rendered through schemagate's escaping) and the number beside it.
constexpr const char* kCommentWorkflow = R"text(# schemagate: posts the check's report as one sticky pull-request comment.
# Written by `schemagate init` (schemagate {{VERSION}}). It runs after schemagate.yml, on the
# base repository's code, so a fork's pull request gets its comment without the check ever
# holding a writable token.
name: schemagate comment

on:
  workflow_run:
    workflows: [schemagate]
    types: [completed]

permissions:
  contents: read
  pull-requests: write
  actions: read

jobs:
  comment:
    if: github.event.workflow_run.event == 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@v4
        with:
          name: schemagate-report
          path: .schemagate
          run-id: ${{ github.event.workflow_run.id }}
          github-token: ${{ github.token }}
      - name: Read the pull request number
        id: pr
        run: |
          number="$(head -c 20 .schemagate/pr-number | tr -cd '0-9')"
          test -n "$number"
          echo "number=$number" >> "$GITHUB_OUTPUT"
      - uses: {{ACTION}}
        with:
          command: comment
          report: .schemagate/report.json
          pr: ${{ steps.pr.outputs.number }}
)text";

constexpr const char* kConfig = R"text(# schemagate's policy for this repository. Written by `schemagate init` (schemagate {{VERSION}}).
# A pull request that changes this file gets a policy-change finding; its change applies once
# merged (the check always reads the merge base's copy). `schemagate rules --dump-config`
# prints every rule and option; `schemagate explain <rule-id>` explains one.
# Detected: {{LAYOUT}} migrations in {{DIRS}}.

# The PostgreSQL major version production runs (9..18).
pg_version = 15

# What fails the check: error | warning | none | risk:LOW|MEDIUM|HIGH|CRITICAL
fail_on = "error"

# [rules]
# prefer-text-field = "off"          # a rule's severity: error | warning | off

# [paths]                              # which migration files are checked
# exclude = ["{{FIRST_DIR}}/legacy/**"]

# [risk.approvals]                     # who approves each risk level (default: seed 003)
# HIGH = ["Tech Lead", "DBA"]

# [compliance]                         # touching these tables asks for a compliance review
# tables = ["patients"]

# [roundtrip]                          # the rollback proof on an ephemeral PostgreSQL
# setup = ["db/init.sql"]              # roles and schemas production has before the history
# superuser_extensions = ["postgis"]   # extensions only a superuser may create
# rehearse_rows = 10000                # rows per table for the data rehearsal
)text";

}  // namespace

std::string action_reference() { return std::string("schemagate/schemagate@v") + SG_VERSION; }
std::string image_reference() { return std::string("ghcr.io/schemagate/schemagate:") + SG_VERSION; }

Result<InitPlan> plan_init(const InitRequest& request) {
  std::vector<std::string> dirs;
  if (!request.dir.empty()) dirs.push_back(request.dir);
  std::vector<std::string> errors;
  Snapshot files = work_tree_snapshot(request.repo_root, dirs, errors);
  if (!errors.empty()) return Result<InitPlan>::fail(errors.front());
  DiscoverOptions options;
  options.dirs = dirs;
  options.layout = request.layout;
  MigrationSet set = discover_snapshots(files, nullptr, {}, options);
  if (set.layout.empty()) {
    return Result<InitPlan>::fail(
        (request.dir.empty() ? "no migrations found in " + request.repo_root
                             : request.dir + " holds no migrations" +
                                   (request.layout == "auto" ? "" : " of layout " + request.layout)) +
        "; name the directory with --dir and the tool with --layout");
  }
  if (set.layout.find(',') != std::string::npos) {
    return Result<InitPlan>::fail("several layouts found (" + set.layout + " in " +
                                  join(set.directories, ", ") +
                                  "); name one directory with --dir and its tool with --layout");
  }
  InitPlan plan;
  plan.layout = set.layout;
  plan.directories = set.directories;
  plan.migrations = set.migrations.size();
  // One directory goes in the action's `path`; several of one layout are left to detection.
  std::string path = set.directories.size() == 1 ? set.directories.front() : "";
  std::vector<std::string> shown;
  for (const auto& d : set.directories) shown.push_back(d.empty() ? "." : d);
  std::string dir_list = shown.empty() ? "." : join(shown, ", ");
  plan.where = dir_list;
  std::vector<std::pair<std::string, std::string>> vars{
      {"VERSION", SG_VERSION},
      {"ACTION", action_reference()},
      {"LAYOUT", set.layout},
      {"LAYOUT_INPUT", request.layout == "auto" && path.empty() ? "" : set.layout},
      {"PATH", path},
      {"DIRS", dir_list},
      {"FIRST_DIR", set.directories.empty() ? "migrations" : set.directories.front()},
  };
  plan.files.push_back({".github/workflows/schemagate.yml", fill(kCheckWorkflow, vars)});
  plan.files.push_back({".github/workflows/schemagate-comment.yml", fill(kCommentWorkflow, vars)});
  plan.files.push_back({".schemagate.toml", fill(kConfig, vars)});
  return {std::move(plan), ""};
}

}  // namespace sg
