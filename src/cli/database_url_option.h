// --database-url with two ways to keep the password off argv (where `ps` shows it to every
// user of the machine): the environment variable SCHEMAGATE_DATABASE_URL and
// --database-url-file FILE (a mounted secret). The action passes the variable.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace sg {

constexpr const char* kDatabaseUrlVariable = "SCHEMAGATE_DATABASE_URL";

// Adds --database-url (falling back to $SCHEMAGATE_DATABASE_URL) and --database-url-file.
void add_database_url_option(CLI::App* cmd, std::string& url, std::string& file,
                             const std::string& help);
// Reads `file` (--database-url-file; "" for none) into `url`: its first line, trimmed, its
// password registered as a secret. Returns "" or the error: "--database-url-file F: cannot
// read it", "--database-url-file F: empty", "--database-url-file F: give either it or
// --database-url / $SCHEMAGATE_DATABASE_URL".
std::string resolve_database_url(std::string& url, const std::string& file);
// The same for commands where the URL is optional: false after printing "error: <why>".
bool take_database_url(std::string& url, const std::string& file);

}  // namespace sg
