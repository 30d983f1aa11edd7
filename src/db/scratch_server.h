// Where the round trip and the drift replay run: an embedded server, or scratch databases on a
// server the user named (--database-url). Whatever it created it drops again, and an embedded
// server it started it stops, so no database or process outlives the run.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/ephemeral_server.h"
#include "db/session.h"

namespace sg {

class ScratchServer {
 public:
  ScratchServer() = default;
  ~ScratchServer() { close(); }
  ScratchServer(const ScratchServer&) = delete;
  ScratchServer& operator=(const ScratchServer&) = delete;

  // `database_url` empty: start an embedded server from `postgres_bin`. Returns false with
  // "embedded PostgreSQL: ..." or "--database-url: cannot connect: ..." in `error`.
  bool open(const std::string& database_url, const std::string& postgres_bin, std::string& error);
  // Drops every database created here, then stops the embedded server. Idempotent.
  void close();

  // CREATE DATABASE `name` TEMPLATE `from`; nullopt when created (it is dropped by close()).
  std::optional<DbError> create(const std::string& name, const std::string& from);
  std::optional<DbError> drop(const std::string& name);
  // A session on `name` with lock_timeout and statement_timeout set, so a hanging script is an
  // error instead of a stuck job. Returns nullptr with `error` ("cannot connect to X: ...").
  std::unique_ptr<Session> connect(const std::string& name, int lock_timeout_ms,
                                   int statement_timeout_ms, std::string& error) const;

  // "<what>: " for messages: "embedded PostgreSQL" or "--database-url".
  const std::string& what() const { return what_; }
  // The URL of database `name` on this server (for a second connection).
  std::string url_of(const std::string& name) const;
  std::string server_version() const { return admin_ ? admin_->server_version() : ""; }
  double startup_ms() const { return server_ ? server_->startup_ms() : 0; }

 private:
  std::string what_;
  std::unique_ptr<EphemeralServer> server_;
  std::string base_url_;
  std::unique_ptr<Session> admin_;
  std::vector<std::string> created_;
};

// A database name no other run picks: "<prefix>_<pid>_<random hex>".
std::string unique_database_name(const std::string& prefix);

}  // namespace sg
