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

#include <cstdint>
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
    out_->append(std::to_string(v));
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
  void AppendQuoted(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_->push_back('"');
    for (char c : s) {
      const auto u = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        out_->push_back('\\');
        out_->push_back(c);
      } else if (u < 0x20) {
        switch (c) {
          case '\n': out_->append("\\n"); break;
          case '\r': out_->append("\\r"); break;
          case '\t': out_->append("\\t"); break;
          case '\b': out_->append("\\b"); break;
          case '\f': out_->append("\\f"); break;
          default:
            out_->append("\\u00");
            out_->push_back(kHex[u >> 4]);
            out_->push_back(kHex[u & 0xF]);
        }
      } else {
        out_->push_back(c);
      }
    }
    out_->push_back('"');
  }

  std::string* out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_JSON_WRITER_H_
