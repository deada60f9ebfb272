// JsonWriter: appends compact JSON to a string, for response bodies.
// Strings are escaped as RFC 8259 requires (quote, backslash, control
// characters); other bytes, UTF-8 included, are copied as they are.
//
// Usage: BeginObject(); Key("a"); Int(1); EndObject();  ->  {"a":1}
// Commas are inserted automatically between members and elements.
//
// Thread safety: one writer per thread.
#ifndef LMDDB_API_JSON_JSON_WRITER_H_
#define LMDDB_API_JSON_JSON_WRITER_H_

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace lmddb::json {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view key) {
    Separate();
    AppendQuoted(key);
    out_->push_back(':');
    after_key_ = true;
  }
  void String(std::string_view s) {
    Separate();
    AppendQuoted(s);
  }
  void Int(int64_t v) {
    Separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof(digits), v).ptr;
    out_->append(digits, static_cast<size_t>(end - digits));
  }
  void Bool(bool v) {
    Separate();
    out_->append(v ? "true" : "false");
  }
  // A number already in JSON form (e.g. a formatted double).
  void Raw(std::string_view json) {
    Separate();
    out_->append(json);
  }

 private:
  void Open(char c) {
    Separate();
    out_->push_back(c);
    first_.push_back(true);
  }
  void Close(char c) {
    out_->push_back(c);
    if (!first_.empty()) first_.pop_back();
  }
  // A comma before every member or element but the first of its container.
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (first_.empty()) return;
    if (!first_.back()) out_->push_back(',');
    first_.back() = false;
  }
  // The first index from `i` on whose byte needs escaping (a control
  // character, quote or backslash), or s.size(). Tests eight bytes at a time:
  // a word has such a byte iff one of the three zero-byte tests below fires.
  static size_t SkipPlain(std::string_view s, size_t i) {
    constexpr uint64_t kOnes = 0x0101010101010101;
    constexpr uint64_t kHighs = 0x8080808080808080;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, sizeof(word));
      const uint64_t quote = word ^ (kOnes * '"');
      const uint64_t backslash = word ^ (kOnes * '\\');
      const uint64_t hits = ((word - kOnes * 0x20) & ~word) |
                            ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash);
      if ((hits & kHighs) != 0) break;
    }
    for (; i < s.size(); ++i) {
      const auto u = static_cast<unsigned char>(s[i]);
      if (u < 0x20 || u == '"' || u == '\\') break;
    }
    return i;
  }
  // Copies runs that need no escaping in one append: item values are mostly
  // plain text, and a byte-at-a-time copy dominated large responses.
  void AppendQuoted(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_->push_back('"');
    size_t run = 0;  // start of the bytes not yet copied
    for (size_t i = 0; i < s.size(); ++i) {
      i = SkipPlain(s, i);
      if (i == s.size()) break;
      const auto u = static_cast<unsigned char>(s[i]);
      out_->append(s.data() + run, i - run);
      run = i + 1;
      switch (u) {
        case '"': out_->append("\\\""); break;
        case '\\': out_->append("\\\\"); break;
        case '\n': out_->append("\\n"); break;
        case '\r': out_->append("\\r"); break;
        case '\t': out_->append("\\t"); break;
        case '\b': out_->append("\\b"); break;
        case '\f': out_->append("\\f"); break;
        default: {
          const char escaped[] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 0xF]};
          out_->append(escaped, sizeof(escaped));
        }
      }
    }
    out_->append(s.data() + run, s.size() - run);
    out_->push_back('"');
  }

  std::string* out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_JSON_WRITER_H_
