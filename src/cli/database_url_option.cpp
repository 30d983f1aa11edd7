#include "cli/database_url_option.h"

#include <fstream>
#include <iostream>

#include "util/redact.h"

namespace sg {

void add_database_url_option(CLI::App* cmd, std::string& url, std::string& file,
                             const std::string& help) {
  cmd->add_option("--database-url", url,
                  help + " (also $" + kDatabaseUrlVariable + ", which keeps the password off "
                  "the command line)")
      ->envname(kDatabaseUrlVariable);
  cmd->add_option("--database-url-file", file,
                  "Read --database-url from this file (its first line)");
}

std::string resolve_database_url(std::string& url, const std::string& file) {
  if (file.empty()) return "";
  const std::string what = "--database-url-file " + file;
  if (!url.empty()) {
    return what + ": give either it or --database-url / $" + kDatabaseUrlVariable;
  }
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line)) return what + ": cannot read it";
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.pop_back();
  }
  size_t start = line.find_first_not_of(" \t");
  line = start == std::string::npos ? "" : line.substr(start);
  if (line.empty()) return what + ": empty";
  add_connection_secret(line);
  url = line;
  return "";
}

bool take_database_url(std::string& url, const std::string& file) {
  std::string error = resolve_database_url(url, file);
  if (error.empty()) return true;
  std::cerr << "error: " << error << "\n";
  return false;
}

}  // namespace sg
