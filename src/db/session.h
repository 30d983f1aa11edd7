// A connection to PostgreSQL: the one place that uses libpqxx. Errors are values, never throws.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/query.h"
#include "core/result.h"

namespace sg {

class Session : public Queryable {
 public:
  // `conninfo`: a libpq URL or key=value string. The error is libpq's reason (never the
  // connection string, which may hold a password).
  static Result<std::unique_ptr<Session>> connect(const std::string& conninfo);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Sends `sql` in one call (simple query protocol): several statements run as one implicit
  // transaction, exactly as a migration tool that sends a whole file does.
  std::optional<DbError> exec(const std::string& sql);
  // Runs a query and returns its rows as text (nullopt for NULL).
  std::optional<DbError> query(const std::string& sql, std::vector<Row>& rows) override;

  int server_version_num() const;      // 150004
  std::string server_version() const;  // "15.4"

 private:
  struct Connection;  // libpqxx stays out of this header
  Session();
  std::unique_ptr<Connection> conn_;
};

// `url` with its database replaced by `database`: URLs get a new path, key=value strings a
// trailing dbname= (libpq keeps the last one).
std::string with_database(const std::string& url, const std::string& database);
// Quotes an identifier for SQL ("a""b").
std::string quote_ident(const std::string& name);
std::string quote_literal(const std::string& text);

}  // namespace sg
