// Secrets never reach an output. Every byte schemagate writes (stdout, stderr, report files,
// $GITHUB_OUTPUT, the job summary, the audit log and store, a posted comment) passes through
// redact(), which replaces each registered secret with "***". Pull-request SQL can put anything
// into an error message, so the outputs are filtered, not the places that build messages.
#pragma once

#include <nlohmann/json.hpp>
#include <fstream>
#include <memory>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

namespace sg {

// Registers a secret value (and, for URL passwords, its percent-encoded form). Values shorter
// than 3 characters are ignored: they would blank out ordinary words.
void add_secret(const std::string& value);
// The password of a libpq URL ("postgresql://u:pw@h/db") or key=value string ("password=pw").
void add_connection_secret(const std::string& conninfo);
// GITHUB_TOKEN and the like, URL passwords in DATABASE_URL-style variables, and any variable
// whose name says TOKEN, PASSWORD, SECRET or PASSWD (values of 8 characters or more).
void add_secrets_from_environment();
// Every argument that holds a connection string with a password (--database-url and friends).
void add_secrets_from_arguments(int argc, char** argv);
// Forgets every secret (for tests).
void clear_secrets();

std::string redact(std::string_view text);
// Every string inside `value`, keys included.
void redact_json(nlohmann::json& value);

// A streambuf that hands whole lines, redacted, to `sink`; a secret never spans two writes, as
// tokens and passwords hold no newline. finish() writes what is left without a newline.
class RedactingStreambuf : public std::streambuf {
 public:
  explicit RedactingStreambuf(std::streambuf* sink) : sink_(sink) {}
  ~RedactingStreambuf() override { finish(); }
  // Writes what is pending; false when any write to the sink so far came up short.
  bool finish();

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  void write_complete_lines();
  void write_out(const std::string& text);
  std::streambuf* sink_;
  std::string pending_;
  bool failed_ = false;
};

// std::cout and std::cerr write through a RedactingStreambuf from here on (main() calls it
// first); finish_redacted_standard_streams() flushes what is pending (main() calls it last).
void redact_standard_streams();
void finish_redacted_standard_streams();

// An output file whose every write is redacted: use it wherever std::ofstream would be.
class RedactedFile : public std::ostream {
 public:
  RedactedFile(const std::string& path, std::ios::openmode mode);
  ~RedactedFile() override;
  // Writes what is pending and closes the file: false when opening, any write or the close
  // failed (a full disk), so no report is lost silently.
  bool close();

 private:
  std::filebuf file_;
  RedactingStreambuf filter_;
};

}  // namespace sg
