// A read-only SQL query as the tracking readers (layouts/<tool>.cpp) need it, so that they sit
// below db/: db/session.h's Session is the one implementation.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sg {

struct DbError {
  std::string sqlstate;  // "42P07"; empty when the connection itself failed
  std::string message;   // the server's primary message, without "ERROR:"
  // Byte offset in the query text sent where the server points (its error position), or -1.
  long query_offset = -1;
};

using Row = std::vector<std::optional<std::string>>;

class Queryable {
 public:
  virtual ~Queryable() = default;
  // Runs `sql` and returns its rows (NULL as nullopt), or the server's error.
  virtual std::optional<DbError> query(const std::string& sql, std::vector<Row>& rows) = 0;
};

}  // namespace sg
