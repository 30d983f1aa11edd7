#include "layouts/dialect.h"

#include <cctype>
#include <set>

#include "sql/parser.h"

namespace sg {
namespace {

// Engines whose SQL PostgreSQL does not run. (CockroachDB and YugabyteDB speak PostgreSQL's
// dialect and stay.)
const std::set<std::string>& other_engines() {
  static const std::set<std::string> kEngines = {
      "mysql", "mariadb",  "sqlite", "sqlite3", "mssql",  "sqlserver", "clickhouse",
      "oracle", "h2",      "hsqldb", "derby",   "db2",    "tidb",      "snowflake",
      "bigquery", "cassandra", "duckdb"};
  return kEngines;
}

// "src/db/migration/mysql" -> "mysql"; "db/mysql-migrations" -> "mysql"; "" when none.
std::string engine_in_path(const std::string& dir) {
  std::string word;
  for (size_t i = 0; i <= dir.size(); ++i) {
    char c = i < dir.size() ? dir[i] : '/';
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      continue;
    }
    if (other_engines().count(word) > 0) return word;
    word.clear();
  }
  return "";
}

constexpr size_t kFilesRead = 20;  // enough to tell; a history of thousands stays cheap

}  // namespace

std::string other_dialect(const Snapshot& files, const std::string& dir) {
  std::string engine = engine_in_path(dir);
  if (!engine.empty()) return "folder name " + engine;
  size_t read = 0;
  size_t failed = 0;
  std::string example;
  for (const auto& name : files.files_in(dir, true)) {
    if (name.size() < 4 || name.compare(name.size() - 4, 4, ".sql") != 0) continue;
    if (read == kFilesRead) break;
    ++read;
    SourceFile source(join_path(dir, name), files.read(join_path(dir, name)));
    if (source.problem()) continue;
    ParsedFile parsed = parse_sql(source);
    if (!parsed.syntax_error) continue;
    ++failed;
    if (example.empty()) {
      example = name + ":" + std::to_string(parsed.syntax_error->position.line) + ":" +
                std::to_string(parsed.syntax_error->position.column) + ": " +
                parsed.syntax_error->message;
    }
  }
  if (read == 0 || failed * 2 <= read) return "";
  return std::to_string(failed) + " of " + std::to_string(read) +
         " .sql files do not parse as PostgreSQL, e.g. " + example;
}

}  // namespace sg
