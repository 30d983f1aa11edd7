#include "db/session.h"

#include <pqxx/pqxx>
#include <regex>

namespace sg {
namespace {

std::string first_line_without_severity(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  static const std::regex kSeverity(R"(^(ERROR|FATAL|PANIC):\s+)");
  return std::regex_replace(line, kSeverity, "");
}

// libpqxx 6 does not expose the error position field, but libpq puts it into the message as
// "LINE n: <text>" and a caret line; both count in the query sent, so the offset comes back.
long query_offset_from_message(const std::string& message, const std::string& query) {
  static const std::regex kLine(R"(\nLINE (\d+): ([^\n]*)\n( *)\^)");
  std::smatch m;
  if (!std::regex_search(message, m, kLine)) return -1;
  int line = std::stoi(m[1].str());
  std::string shown = m[2].str();
  long caret =
      static_cast<long>(m[3].length()) - static_cast<long>(("LINE " + m[1].str() + ": ").size());
  // libpq elides long lines with "..." on either side.
  if (shown.rfind("...", 0) == 0) {
    shown.erase(0, 3);
    caret -= 3;
  }
  if (shown.size() >= 3 && shown.compare(shown.size() - 3, 3, "...") == 0)
    shown.resize(shown.size() - 3);
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    size_t nl = query.find('\n', start);
    if (nl == std::string::npos) return -1;
    start = nl + 1;
  }
  std::string query_line = query.substr(start, query.find('\n', start) - start);
  for (char& c : query_line) {
    if (c == '\t' || c == '\r') c = ' ';  // libpq shows tabs as spaces
  }
  size_t shown_at = query_line.find(shown);
  if (shown_at == std::string::npos || caret < 0) return static_cast<long>(start);
  // The caret counts display columns; walk UTF-8 code points to get bytes.
  size_t byte = shown_at;
  for (long col = 0; col < caret && byte < query_line.size(); ++col) {
    ++byte;
    while (byte < query_line.size() &&
           (static_cast<unsigned char>(query_line[byte]) & 0xC0) == 0x80) {
      ++byte;
    }
  }
  return static_cast<long>(start + byte);
}

// libpqxx 6.4 throws some of its sql_error subclasses without the SQLSTATE (tried:
// insufficient_privilege); the class itself still says which one it was.
std::string sqlstate_of(const pqxx::sql_error& e) {
  if (!e.sqlstate().empty()) return e.sqlstate();
  if (dynamic_cast<const pqxx::insufficient_privilege*>(&e)) return "42501";
  if (dynamic_cast<const pqxx::undefined_table*>(&e)) return "42P01";
  if (dynamic_cast<const pqxx::undefined_column*>(&e)) return "42703";
  if (dynamic_cast<const pqxx::undefined_function*>(&e)) return "42883";
  if (dynamic_cast<const pqxx::syntax_error*>(&e)) return "42601";
  if (dynamic_cast<const pqxx::feature_not_supported*>(&e)) return "0A000";
  if (dynamic_cast<const pqxx::plpgsql_raise*>(&e)) return "P0001";
  return "";
}

DbError to_error(const pqxx::sql_error& e, const std::string& query) {
  return {sqlstate_of(e), first_line_without_severity(e.what()),
          query_offset_from_message(e.what(), query)};
}

}  // namespace

struct Session::Connection {
  explicit Connection(const std::string& conninfo) : conn(conninfo) {}
  pqxx::connection conn;
};

Session::Session() = default;

Result<std::unique_ptr<Session>> Session::connect(const std::string& conninfo) {
  std::unique_ptr<Session> session(new Session());
  try {
    session->conn_ = std::make_unique<Connection>(conninfo);
  } catch (const std::exception& e) {
    std::string error = first_line_without_severity(e.what());
    while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
    return Result<std::unique_ptr<Session>>::fail(error);
  }
  return {std::move(session), {}};
}

Session::~Session() = default;

std::optional<DbError> Session::exec(const std::string& sql) {
  std::vector<Row> ignored;
  return query(sql, ignored);
}

std::optional<DbError> Session::query(const std::string& sql, std::vector<Row>& rows) {
  rows.clear();
  try {
    pqxx::nontransaction work(conn_->conn);
    pqxx::result result = work.exec(sql);
    for (const auto& r : result) {
      Row row;
      for (const auto& field : r) {
        row.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
      }
      rows.push_back(std::move(row));
    }
  } catch (const pqxx::sql_error& e) {
    return to_error(e, sql);
  } catch (const std::exception& e) {
    return DbError{"", first_line_without_severity(e.what()), -1};
  }
  return std::nullopt;
}

int Session::server_version_num() const { return conn_->conn.server_version(); }

std::string Session::server_version() const {
  int v = server_version_num();
  return std::to_string(v / 10000) + "." + std::to_string(v % 10000);
}

std::string with_database(const std::string& url, const std::string& database) {
  for (const char* scheme : {"postgresql://", "postgres://"}) {
    std::string prefix = scheme;
    if (url.rfind(prefix, 0) != 0) continue;
    size_t authority_end = url.find_first_of("/?", prefix.size());
    if (authority_end == std::string::npos) return url + "/" + database;
    size_t path_end = url.find('?', authority_end);
    std::string query = path_end == std::string::npos ? "" : url.substr(path_end);
    return url.substr(0, authority_end) + "/" + database + query;
  }
  return url + " dbname=" + database;
}

std::string quote_ident(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string quote_literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace sg
