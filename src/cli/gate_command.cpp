// `schemagate gate`: may the checkout be deployed to the target now? Exit 1 with one line per
// reason when not; otherwise exit 0 and print the deployment plan. Read only on the target.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/gate_options.h"
#include "cli/output.h"
#include "gate/gate.h"
#include "gate/gate_audit.h"
#include "gate/gate_format.h"
#include "gate/plan_evidence.h"

namespace sg {
namespace {

struct GateArgs : TargetArgs {
  std::string environment;
  std::string audit_log;
  EvidenceArgs evidence;
};

std::vector<GateTrack> gate_tracks(const LoadedTarget& loaded) {
  std::vector<GateTrack> out;
  for (const auto& t : loaded.tracks) {
    out.push_back({t.name, t.requirement, t.selected, &t.set, &t.status});
  }
  return out;
}

int run_gate_command(const GateArgs& args) {
  std::vector<std::string> errors;
  auto loaded = load_target(args, errors);
  print_errors(errors);
  if (!loaded) return kExitError;
  for (const auto& note : loaded->notes) std::cerr << "note: " << note << "\n";
  auto evidence = build_gate_evidence(args.evidence, *loaded);
  if (!evidence) {
    std::cerr << "error: " << evidence.error << "\n";
    return kExitError;
  }
  for (const auto& note : evidence.value->notes) std::cerr << "note: " << note << "\n";
  std::vector<GateTrack> tracks = gate_tracks(*loaded);
  GateResult result =
      run_gate(tracks, loaded->config, args.target.database_url, args.environment, *evidence.value);
  static const std::vector<RecordedRoundTrip> kNoRecords;
  const auto& records = evidence.value->records;
  apply_evidence(result.plan, records ? *records : kNoRecords, evidence.value->approval_checks);
  for (const auto& note : result.notes) std::cerr << "note: " << note << "\n";
  if (args.format == "json") {
    nlohmann::json out = to_json(result);
    out["environment"] = args.environment;
    out["status"] = status_json(*loaded);
    std::cout << out.dump(2) << "\n";
  } else if (args.format == "markdown") {
    write_gate_markdown(result, tracks, args.environment, std::cout);
  } else {
    write_gate_text(result, tracks, args.environment, std::cout);
  }
  if (!args.audit_log.empty()) {
    AuditContext context = audit_context_from_environment();
    if (!args.environment.empty()) context.environment = args.environment;
    // Never the URL: it may hold a password.
    context.database = "target";
    std::string error =
        append_audit_log(args.audit_log, {gate_audit_record(result, tracks, context)});
    if (!error.empty()) {
      std::cerr << "error: " << error << "\n";
      return kExitError;
    }
  }
  return result.passed() ? kExitClean : kExitFindings;
}

}  // namespace

void add_gate_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<GateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "gate", "Decide whether the checkout may be deployed to the target, and print the plan");
  add_target_options(cmd, *args);
  cmd->add_option("--environment", args->environment,
                  "Name of the target environment (staging, production, ...), for the plan "
                  "and the audit record");
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  add_evidence_options(cmd, args->evidence);
  cmd->add_option("--audit-log", args->audit_log,
                  "Append the gate's decision as one JSON line (seed 004's audit record) to FILE");
  cmd->callback([args, &exit_code] {
    if (!resolve_target_url(*args, "gate")) {
      exit_code = kExitError;
      return;
    }
    args->evidence.repo = args->repo;
    exit_code = run_gate_command(*args);
  });
}

}  // namespace sg
