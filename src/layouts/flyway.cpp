// Flyway: versioned `V<ver>__<desc>.sql`, undo `U<ver>__<desc>.sql`, repeatable
// `R__<desc>.sql`. Each file runs in its own transaction unless the file says
// `-- flyway:executeInTransaction=false` or its `<file>.sql.conf` sets executeInTransaction=false,
// or (Flyway's own detection, PostgreSQLParser) its statements cannot run in one: a script of
// only such statements (CREATE INDEX CONCURRENTLY, VACUUM, ...) runs without a transaction; a
// mix is refused unless `mixed=true` (flyway.conf / flyway.toml), which runs the whole script
// without one.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <regex>

#include "layouts/layout.h"
#include "sql/parser.h"

namespace sg {
namespace {

const std::regex kVersioned(R"(^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$)");
const std::regex kRepeatable(R"(^R__(.+)\.sql$)");

std::string normalize_version(std::string v) {
  for (char& c : v) {
    if (c == '_') c = '.';
  }
  return v;
}

// Flyway's detectCanExecuteInTransaction(): these statements (uppercased, whitespace folded)
// cannot run in a transaction. Its `ALTER TYPE ... ADD VALUE` entry applies only before
// PostgreSQL 12, older than any server schemagate replays on.
const std::regex kNonTransactional(
    R"(^((CREATE|DROP) (DATABASE|TABLESPACE|SUBSCRIPTION)|ALTER SYSTEM|(CREATE|DROP)( UNIQUE)? )"
    R"(INDEX CONCURRENTLY|REINDEX( VERBOSE)? (SCHEMA|DATABASE|SYSTEM)|VACUUM|DISCARD ALL)\b)");

std::string simplified(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

// How many of the script's statements can and cannot run in a transaction, as Flyway sees it.
struct StatementKinds {
  int transactional = 0;
  int non_transactional = 0;
};

// The words every non-transactional statement starts with: a script without any of them (almost
// every script) needs no parse to be transactional. Discovery scans every file of the history,
// at head and at the merge base.
const std::regex kNonTransactionalWord(
    R"(\b(CONCURRENTLY|DATABASE|TABLESPACE|SUBSCRIPTION|SYSTEM|VACUUM|DISCARD)\b)",
    std::regex::icase);

StatementKinds statement_kinds(const std::string& path, const std::string& text) {
  StatementKinds out;
  if (!std::regex_search(text, kNonTransactionalWord)) return out;
  SourceFile source(path, text);
  if (source.problem()) return out;
  ParsedFile parsed = parse_sql(source);
  if (parsed.syntax_error) return out;  // the syntax-error is the finding; Flyway's default holds
  for (const auto& stmt : parsed.statements) {
    if (stmt.from_plpgsql) continue;
    std::string head = simplified(text.substr(stmt.begin, std::min<size_t>(stmt.end - stmt.begin, 200)));
    ++(std::regex_search(head, kNonTransactional) ? out.non_transactional : out.transactional);
  }
  return out;
}

// flyway.mixed=true (flyway.conf) or `mixed = true` (flyway.toml), in the migrations' folder
// or any folder above it.
bool mixed_allowed(const Snapshot& files, const std::string& dir) {
  static const std::regex kMixed(R"((^|\n)\s*(flyway\.)?mixed\s*=\s*true\b)", std::regex::icase);
  std::string at = dir;
  while (true) {
    for (const char* name : {"flyway.conf", "flyway.toml", "conf/flyway.conf"}) {
      std::string path = join_path(at, name);
      if (files.has(path) && std::regex_search(files.read(path), kMixed)) return true;
    }
    if (at.empty()) return false;
    size_t slash = at.rfind('/');
    at = slash == std::string::npos ? "" : at.substr(0, slash);
  }
}

// executeInTransaction as the script (`-- flyway:executeInTransaction=...`) or its
// `<file>.sql.conf` declares it; nullopt when neither does.
std::optional<bool> declared_in_transaction(const Snapshot& files, const std::string& path,
                                            const std::string& text) {
  static const std::regex kScript(R"(flyway:executeInTransaction\s*=\s*(true|false))",
                                  std::regex::icase);
  static const std::regex kConf(R"((^|\n)\s*executeInTransaction\s*=\s*(true|false))",
                                std::regex::icase);
  std::smatch m;
  std::optional<bool> script;
  if (std::regex_search(text, m, kScript)) script = std::tolower(m[1].str()[0]) == 't';
  if (script == false) return false;  // the script's "false" wins over its .conf
  std::string conf = files.has(path + ".conf") ? files.read(path + ".conf") : "";
  if (std::regex_search(conf, m, kConf)) return std::tolower(m[2].str()[0]) == 't';
  return script;
}

TransactionMode mode_of(const Snapshot& files, const std::string& dir, const std::string& path,
                        const std::string& text) {
  // Declared in a transaction, Flyway runs it in one (and a CONCURRENTLY in it fails there).
  if (auto declared = declared_in_transaction(files, path, text)) {
    return *declared ? TransactionMode::kWrappedByTool : TransactionMode::kStatementByStatement;
  }
  StatementKinds kinds = statement_kinds(path, text);
  if (kinds.non_transactional == 0) return TransactionMode::kWrappedByTool;
  if (kinds.transactional == 0 || mixed_allowed(files, dir)) {
    return TransactionMode::kStatementByStatement;
  }
  // A mix without mixed=true: Flyway refuses the script ("Detected both transactional and
  // non-transactional statements within the same migration"). Judged in its transaction, the
  // non-transactional statement fails lint and the round trip at its line, as the deploy would.
  return TransactionMode::kWrappedByTool;
}

}  // namespace

bool claims_flyway(const Snapshot& files, const std::string& dir) {
  for (const auto& name : files.files_in(dir)) {
    std::smatch m;
    if ((std::regex_match(name, m, kVersioned) && m[1] == "V") ||
        std::regex_match(name, kRepeatable)) {
      return true;
    }
  }
  return false;
}

LayoutScan scan_flyway(const Snapshot& files, const std::string& dir) {
  LayoutScan out;
  std::vector<Migration> versioned;
  std::vector<Migration> repeatable;
  std::map<std::string, std::string> undos;  // version -> path
  for (const auto& name : files.files_in(dir)) {
    if (!ends_with(name, ".sql")) continue;
    std::string path = join_path(dir, name);
    std::smatch m;
    Migration mig;
    mig.layout = "flyway";
    mig.scope = dir;
    mig.id = name.substr(0, name.size() - 4);
    if (std::regex_match(name, m, kVersioned)) {
      if (m[1] == "U") {
        undos[normalize_version(m[2])] = path;
        continue;
      }
      mig.version = normalize_version(m[2]);
      mig.name = m[3];
    } else if (std::regex_match(name, m, kRepeatable)) {
      mig.name = m[1];
      mig.repeatable = true;
      mig.expects_rollback = false;
    } else {
      out.unrecognized_files.push_back(path);
      continue;
    }
    std::string text = files.read(path);
    TransactionMode mode = mode_of(files, dir, path, text);
    mig.up = make_script(path, std::move(text), mode);
    (mig.repeatable ? repeatable : versioned).push_back(std::move(mig));
  }
  std::stable_sort(versioned.begin(), versioned.end(), [](const Migration& a, const Migration& b) {
    return version_less(a.version, b.version);
  });
  // Undo scripts are a paid Flyway feature: expect them only where the team writes them.
  bool keeps_undo = !undos.empty();
  for (auto& mig : versioned) {
    mig.expects_rollback = keeps_undo;
    auto it = undos.find(mig.version);
    if (it == undos.end()) continue;
    std::string text = files.read(it->second);
    TransactionMode mode = mode_of(files, dir, it->second, text);
    mig.down = make_script(it->second, std::move(text), mode);
  }
  for (const auto& [version, path] : undos) {
    bool paired = false;
    for (const auto& mig : versioned) paired = paired || mig.version == version;
    if (!paired) out.orphan_rollbacks.push_back(path);
  }
  // Flyway runs repeatable migrations after every versioned one.
  out.migrations = std::move(versioned);
  for (auto& mig : repeatable) out.migrations.push_back(std::move(mig));
  return out;
}

std::string expected_rollback_flyway(const Migration& m) {
  return up_dir(m) + "U" + m.version + "__" + m.name + ".sql";
}

// The tracking table, for `status` and `gate`.
// Flyway's flyway_schema_history (or flyway.table): one row per run, with the CRC-32 of the
// file it ran (checksum.h) and whether it succeeded.
namespace {

std::string file_name(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Repeatable migrations have no version: Flyway knows them by their script.
std::string flyway_key(const Migration& m) {
  if (m.repeatable) return "R:" + file_name(m.up ? m.up->path : m.id);
  return canonical_version(m.version);
}

std::optional<DbError> read_flyway(Queryable& session, const std::string& table,
                                   std::vector<AppliedRow>& out) {
  std::vector<Row> rows;
  auto error = session.query(
      "SELECT version, script, checksum::text, success, installed_on::text FROM " + table +
          " WHERE type <> 'SCHEMA' ORDER BY installed_rank",
      rows);
  if (error) return error;
  for (const auto& row : rows) {
    AppliedRow r;
    std::string script = row[1].value_or("");
    r.key = row[0] ? canonical_version(*row[0]) : "R:" + file_name(script);
    r.label = row[0].value_or(script);
    r.checksum = row[2].value_or("");
    r.applied_at = row[4].value_or("");
    if (row[3].value_or("t") != "t") {
      r.state = RowState::kFailed;
      r.why = "success = false";
    }
    out.push_back(std::move(r));
  }
  return std::nullopt;
}

}  // namespace

extern const TrackingReader tracking_flyway;
const TrackingReader tracking_flyway = {
    "flyway",    "flyway_schema_history", true, ChecksumKind::kFlywayCrc32, false,
    &flyway_key, &read_flyway,
};

}  // namespace sg
