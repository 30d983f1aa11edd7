#include "report/audit_store.h"

#include <cstdlib>
#include <set>

#include "db/script_runner.h"
#include "db/session.h"
#include "report/own_migrations.h"
#include "util/redact.h"

namespace sg {
namespace {

const std::string kContext = "--audit-database-url: ";

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

std::string literal_or_null(const nlohmann::json& j) {
  if (j.is_null()) return "NULL";
  return quote_literal(j.is_string() ? j.get<std::string>() : j.dump());
}

std::string text_array(const nlohmann::json& list) {
  std::string out = "ARRAY[";
  bool first = true;
  for (const auto& item : list) {
    if (!item.is_string()) continue;
    out += (first ? "" : ", ") + quote_literal(item.get<std::string>());
    first = false;
  }
  return out + "]::text[]";
}

// Applies the embedded migrations the store has not recorded, each with the runner the round
// trip uses (plain layout: statement by statement, its own BEGIN/COMMIT).
std::string migrate_store(Session& session) {
  std::vector<Row> rows;
  if (auto error = session.query("SELECT to_regclass('schemagate.schema_metadata') IS NOT NULL",
                                 rows)) {
    return error->message;
  }
  std::set<std::string> applied;
  if (!rows.empty() && rows[0][0] == std::optional<std::string>("t")) {
    rows.clear();
    if (auto error = session.query("SELECT version FROM schemagate.schema_metadata", rows)) {
      return error->message;
    }
    for (const auto& row : rows) applied.insert(row[0].value_or(""));
  }
  for (const auto& m : own_migrations()) {
    if (applied.count(std::string(m.version)) > 0) continue;
    Script script;
    script.path = std::string(m.path);
    script.text = std::string(m.sql);
    script.transaction_mode = TransactionMode::kStatementByStatement;
    ScriptRun result = run_script(session, script);
    if (result.failure) return std::string(m.path) + ": " + result.failure->message;
  }
  return "";
}

}  // namespace

std::string store_audit_records(const std::string& url, const AuditRun& run,
                                std::vector<nlohmann::json> records) {
  for (auto& r : records) redact_json(r);  // the store is an output like any other
  auto connected = Session::connect(url);
  if (!connected) return kContext + connected.error;
  auto& session = *connected.value;
  std::string error = migrate_store(*session);
  if (!error.empty()) return kContext + "cannot migrate the audit store: " + error;

  nlohmann::json first = records.empty() ? nlohmann::json::object() : records.front();
  double seconds = 0;
  for (const auto& r : records) seconds += r.value("duration_seconds", 0.0);
  std::string pr = env("GITHUB_REF");  // refs/pull/<n>/merge
  std::string pr_number = "NULL";
  if (pr.rfind("refs/pull/", 0) == 0) {
    pr_number = quote_literal(pr.substr(10, pr.find('/', 10) - 10)) + "::bigint";
  }
  std::string sql =
      "BEGIN;\n"
      "WITH run AS (INSERT INTO schemagate.check_runs (started_at, executor, command, repository, "
      "commit_sha, base_ref, pull_request, environment, database_name, justification, "
      "tool_version, duration_seconds, status) VALUES (" +
      literal_or_null(first.value("timestamp", nlohmann::json())) + "::timestamptz, " +
      literal_or_null(first.value("executor", nlohmann::json("unknown"))) + ", " +
      quote_literal(run.command) + ", " + literal_or_null(env("GITHUB_REPOSITORY")) + ", " +
      literal_or_null(env("GITHUB_SHA")) + ", " + literal_or_null(env("GITHUB_BASE_REF")) + ", " +
      pr_number + ", " + literal_or_null(first.value("environment", nlohmann::json())) + ", " +
      literal_or_null(first.value("database", nlohmann::json())) + ", " +
      literal_or_null(first.value("justification", nlohmann::json())) + ", " +
      quote_literal(SG_VERSION) + ", " + std::to_string(seconds) + ", " +
      quote_literal(run.status) + ") RETURNING id)\n";
  if (records.empty()) {
    sql += "SELECT id FROM run;\n";
  } else {
    sql +=
        "INSERT INTO schemagate.migration_checks (run_id, migration, up_sha256, down_sha256, risk, "
        "tables_affected, status, verification_status, rollback_tested, findings) ";
    bool first_row = true;
    for (const auto& r : records) {
      sql += first_row ? "SELECT id, " : " UNION ALL SELECT id, ";
      first_row = false;
      sql += literal_or_null(r.value("migration", nlohmann::json(""))) + ", " +
             literal_or_null(r.value("up_sha256", nlohmann::json())) + ", " +
             literal_or_null(r.value("down_sha256", nlohmann::json())) + ", " +
             quote_literal(r.value("risk", "LOW")) + ", " +
             text_array(r.value("tables_affected", nlohmann::json::array())) + ", " +
             quote_literal(r.value("status", "success")) + ", " +
             literal_or_null(r.value("verification_status", nlohmann::json("not_run"))) + ", " +
             (r.value("rollback_tested", false) ? "true" : "false") + ", " +
             quote_literal(r.dump()) + "::jsonb FROM run";
    }
    sql += ";\n";
  }
  sql += "COMMIT;";
  if (auto failed = session->exec(sql)) {
    session->exec("ROLLBACK");
    return kContext + "cannot record the run: " + failed->message;
  }
  return "";
}

}  // namespace sg
