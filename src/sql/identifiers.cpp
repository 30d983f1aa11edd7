#include "sql/identifiers.h"

#include <pg_query.h>

#include <cstdint>
#include <optional>

#include "sql/tree.h"

namespace sg {
namespace {

// pg_query's Token enum (pg_query.proto): a plain or double-quoted name. U&"..." names
// (UIDENT) are left out: their escapes would need decoding to count bytes.
constexpr uint64_t kTokenIdent = 258;

class ScanResultOwner {
 public:
  explicit ScanResultOwner(const std::string& sql) : result_(pg_query_scan(sql.c_str())) {}
  ~ScanResultOwner() { pg_query_free_scan_result(result_); }
  ScanResultOwner(const ScanResultOwner&) = delete;
  ScanResultOwner& operator=(const ScanResultOwner&) = delete;
  const PgQueryScanResult& get() const { return result_; }

 private:
  PgQueryScanResult result_;
};

// A reader for the few protobuf wire-format pieces a ScanResult uses, so that the scanner
// needs no protobuf-c headers (libpg_query bundles the library but not its headers).
class WireReader {
 public:
  explicit WireReader(std::string_view bytes) : bytes_(bytes) {}
  bool done() const { return pos_ >= bytes_.size(); }

  std::optional<uint64_t> varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64 && pos_ < bytes_.size(); shift += 7) {
      auto byte = static_cast<uint8_t>(bytes_[pos_++]);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    return std::nullopt;
  }

  // Reads a field's value: a varint for wire type 0, the bytes for wire type 2; skips fixed
  // widths. Returns false on malformed input.
  bool value(uint64_t wire_type, uint64_t& number, std::string_view& bytes) {
    switch (wire_type) {
      case 0: {
        auto v = varint();
        if (!v) return false;
        number = *v;
        return true;
      }
      case 2: {
        auto length = varint();
        if (!length || *length > bytes_.size() - pos_) return false;
        bytes = bytes_.substr(pos_, *length);
        pos_ += *length;
        return true;
      }
      case 1:
        return skip(8);
      case 5:
        return skip(4);
      default:
        return false;
    }
  }

 private:
  bool skip(size_t n) {
    if (n > bytes_.size() - pos_) return false;
    pos_ += n;
    return true;
  }

  std::string_view bytes_;
  size_t pos_ = 0;
};

struct RawToken {
  uint64_t start = 0;
  uint64_t end = 0;
  uint64_t kind = 0;
};

// ScanToken: start = 1, end = 2, token = 4.
std::optional<RawToken> read_token(std::string_view bytes) {
  RawToken token;
  WireReader in(bytes);
  while (!in.done()) {
    auto key = in.varint();
    uint64_t number = 0;
    std::string_view unused;
    if (!key || !in.value(*key & 7, number, unused)) return std::nullopt;
    switch (*key >> 3) {
      case 1:
        token.start = number;
        break;
      case 2:
        token.end = number;
        break;
      case 4:
        token.kind = number;
        break;
      default:
        break;
    }
  }
  return token;
}

// The name a token spells: plain names as written (the server downcases ASCII only, which
// keeps the byte length), quoted ones without quotes and with "" unescaped.
std::string token_name(std::string_view text) {
  if (text.size() < 2 || text.front() != '"') return std::string(text);
  std::string name;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    name += text[i];
    if (text[i] == '"') ++i;  // the second quote of an escaped pair
  }
  return name;
}

}  // namespace

std::vector<IdentifierToken> identifier_tokens(std::string_view sql) {
  std::vector<IdentifierToken> out;
  std::string text(sql);
  ScanResultOwner owner(text);
  const PgQueryScanResult& result = owner.get();
  if (result.error != nullptr || result.pbuf.data == nullptr) return out;
  WireReader in(std::string_view(result.pbuf.data, result.pbuf.len));
  while (!in.done()) {
    auto key = in.varint();
    uint64_t number = 0;
    std::string_view bytes;
    if (!key || !in.value(*key & 7, number, bytes)) break;
    if ((*key >> 3) != 2 || (*key & 7) != 2) continue;  // ScanResult.tokens = 2
    auto token = read_token(bytes);
    if (!token || token->kind != kTokenIdent) continue;
    if (token->end > text.size() || token->start >= token->end) continue;
    std::string_view spelled(text.data() + token->start, token->end - token->start);
    out.push_back({token_name(spelled), static_cast<size_t>(token->start)});
  }
  return out;
}

std::string truncate_identifier(std::string_view name) {
  if (name.size() <= kMaxIdentifierBytes) return std::string(name);
  size_t cut = kMaxIdentifierBytes;
  // Back off over UTF-8 continuation bytes (10xxxxxx) to the start of the cut character.
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return std::string(name.substr(0, cut));
}

std::string qualified_name(const nlohmann::json* names) {
  std::string out;
  for (const auto& part : tree::strings(names)) out += (out.empty() ? "" : ".") + part;
  return out;
}

}  // namespace sg
