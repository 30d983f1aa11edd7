#include "db/scratch_server.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <random>

namespace sg {

bool ScratchServer::open(const std::string& database_url, const std::string& postgres_bin,
                         std::string& error) {
  what_ = database_url.empty() ? "embedded PostgreSQL" : "--database-url";
  if (database_url.empty()) {
    server_ = EphemeralServer::start(postgres_bin, error);
    if (!server_) return false;
    base_url_ = server_->url();
  } else {
    base_url_ = database_url;
  }
  std::string why;
  admin_ = Session::connect(base_url_, why);
  if (!admin_) {
    error = what_ + ": cannot connect: " + why;
    return false;
  }
  return true;
}

void ScratchServer::close() {
  if (admin_) {
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
      admin_->exec("DROP DATABASE IF EXISTS " + quote_ident(*it));
    }
  }
  created_.clear();
  admin_.reset();
  if (server_) server_->stop();
}

// PostgreSQL 15 copies a template through the WAL by default; for the small databases of a
// round trip a file copy is several times faster (and durability is off anyway).
std::optional<DbError> ScratchServer::create(const std::string& name, const std::string& from) {
  bool file_copy = admin_->server_version_num() >= 150000;
  auto failure = admin_->exec("CREATE DATABASE " + quote_ident(name) + " TEMPLATE " +
                              quote_ident(from) + (file_copy ? " STRATEGY = FILE_COPY" : ""));
  if (!failure && std::find(created_.begin(), created_.end(), name) == created_.end()) {
    created_.push_back(name);
  }
  return failure;
}

std::optional<DbError> ScratchServer::drop(const std::string& name) {
  auto failure = admin_->exec("DROP DATABASE IF EXISTS " + quote_ident(name));
  if (!failure) created_.erase(std::remove(created_.begin(), created_.end(), name), created_.end());
  return failure;
}

std::unique_ptr<Session> ScratchServer::connect(const std::string& name, int lock_timeout_ms,
                                                int statement_timeout_ms,
                                                std::string& error) const {
  std::string why;
  auto session = Session::connect(with_database(base_url_, name), why);
  if (!session) {
    error = "cannot connect to " + name + ": " + why;
    return nullptr;
  }
  if (auto e = session->exec("SET lock_timeout = " + std::to_string(lock_timeout_ms) +
                             "; SET statement_timeout = " + std::to_string(statement_timeout_ms))) {
    error = e->message;
    return nullptr;
  }
  return session;
}

std::string unique_database_name(const std::string& prefix) {
  std::random_device rd;
  std::mt19937_64 gen(rd());
  char hex[17];
  snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(gen()));
  return prefix + "_" + std::to_string(getpid()) + "_" + hex;
}

std::string ScratchServer::url_of(const std::string& name) const {
  return with_database(base_url_, name);
}

}  // namespace sg
