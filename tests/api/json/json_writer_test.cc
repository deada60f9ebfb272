// Tests for api/json/json_writer.h: separators, escaping of every byte that
// JSON requires escaped (and nothing else), integers at their extremes.
#include "api/json/json_writer.h"

#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "simdjson.h"

namespace lmddb::json {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  JsonWriter w(&out);
  w.String(s);
  return out;
}

TEST(JsonWriterTest, Separators) {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a");
  w.Int(1);
  w.Key("b");
  w.BeginArray();
  w.Bool(true);
  w.Raw("2.5");
  w.BeginObject();
  w.EndObject();
  w.String("x");
  w.EndArray();
  w.EndObject();
  EXPECT_EQ(out, R"({"a":1,"b":[true,2.5,{},"x"]})");
}

TEST(JsonWriterTest, EscapesOnlyWhatJsonRequires) {
  EXPECT_EQ(Quoted(""), R"("")");
  EXPECT_EQ(Quoted("plain text"), R"("plain text")");
  EXPECT_EQ(Quoted("\"q\" and \\"), R"("\"q\" and \\")");
  EXPECT_EQ(Quoted("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(Quoted(std::string("a\0b", 3)), R"("a\u0000b")");
  EXPECT_EQ(Quoted("\x1f\x7f"), "\"\\u001f\x7f\"");
  EXPECT_EQ(Quoted("caf\xc3\xa9 \xe2\x82\xac"), "\"caf\xc3\xa9 \xe2\x82\xac\"");
  EXPECT_EQ(Quoted("\"start"), R"("\"start")");
  EXPECT_EQ(Quoted("end\\"), R"("end\\")");
}

TEST(JsonWriterTest, EveryByteRoundTripsThroughAParser) {
  std::string all;
  for (int c = 1; c < 0x80; ++c) all.push_back(static_cast<char>(c));
  for (int repeat = 0; repeat < 3; ++repeat) all += all;
  const std::string json = Quoted(all);
  simdjson::dom::parser parser;
  simdjson::padded_string padded(json);
  std::string_view parsed;
  ASSERT_EQ(parser.parse(padded).get_string().get(parsed), simdjson::SUCCESS) << json;
  EXPECT_EQ(parsed, all);
}

// What the writer must produce, one byte at a time.
std::string ReferenceQuoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      static const char* const kShort[] = {nullptr, "b", "t", "n", nullptr, "f", "r"};
      const char* escape = (u >= 8 && u <= 13) ? kShort[u - 7] : nullptr;
      char buffer[8];
      std::snprintf(buffer, sizeof(buffer), "\\u%04x", u);
      out += escape != nullptr ? std::string("\\") + escape : std::string(buffer);
    } else {
      out += c;
    }
  }
  return out + "\"";
}

TEST(JsonWriterTest, MatchesAByteAtATimeEscaperOnRandomBytes) {
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string s(random() % 40, '\0');
    // Mostly plain bytes (incl. >= 0x80), sometimes a byte that needs escaping.
    for (char& c : s) {
      const uint32_t r = random();
      c = static_cast<char>(r % 16 == 0 ? "\"\\\n\x01\x1f"[r / 16 % 5] : 0x20 + r / 16 % 224);
    }
    ASSERT_EQ(Quoted(s), ReferenceQuoted(s)) << round;
  }
}

TEST(JsonWriterTest, IntegersAtTheirExtremes) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  w.Int(0);
  w.Int(-7);
  w.Int(std::numeric_limits<int64_t>::max());
  w.Int(std::numeric_limits<int64_t>::min());
  w.EndArray();
  EXPECT_EQ(out, "[0,-7,9223372036854775807,-9223372036854775808]");
}

}  // namespace
}  // namespace lmddb::json
