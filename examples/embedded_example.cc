// A small program that embeds lmddb: opens a database directory, creates a
// table if needed, writes, reads, queries and deletes items (singly, in a
// transaction and in a batch), and reports what it saw.
//
//   embedded_example [DIR]      (DIR defaults to ./data)
//
// Exits non-zero if anything does not behave as DynamoDB would.
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "lmddb/lmddb.hpp"

namespace {

using lmddb::AttributeValue;

int Fail(const char* what, const lmddb::Status& status) {
  std::fprintf(stderr, "%s failed: %s\n", what, status.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : "./data";
  auto db = lmddb::Database::Open(dir);
  if (!db.ok()) return Fail("Open", db.status());

  lmddb::CreateTableRequest create;
  create.table_name = "Music";
  create.attribute_definitions = {{"Artist", AttributeValue::Type::kS},
                                  {"SongTitle", AttributeValue::Type::kS}};
  create.key_schema = {{"Artist", lmddb::KeyType::kHash}, {"SongTitle", lmddb::KeyType::kRange}};
  create.billing_mode = lmddb::BillingMode::kPayPerRequest;
  auto created = (*db)->CreateTable(create);
  if (created.ok()) {
    std::printf("created table %s\n", created->table_description.table_arn.c_str());
  } else if (created.status().type() == lmddb::ErrorType::kResourceInUse) {
    std::printf("table Music already exists\n");
  } else {
    return Fail("CreateTable", created.status());
  }

  lmddb::Table music = (*db)->table("Music");
  auto number = [](const char* text) { return AttributeValue::ParseN(text).value(); };
  lmddb::Item song = {{"Artist", AttributeValue::S("No One You Know")},
                      {"SongTitle", AttributeValue::S("Call Me Today")},
                      {"Year", number("2015")},
                      {"Price", number("1.990")},  // stored exactly, returned as 1.99
                      {"Genres", AttributeValue::SS({"Country", "Folk"})}};
  if (auto s = music.PutItem(song); !s.ok()) return Fail("PutItem", s);

  lmddb::Item key = {{"Artist", AttributeValue::S("No One You Know")},
                     {"SongTitle", AttributeValue::S("Call Me Today")}};
  auto got = music.GetItem(key);
  if (!got.ok()) return Fail("GetItem", got.status());
  if (!got->has_value() || !(**got == song)) {
    std::fprintf(stderr, "GetItem returned a different item\n");
    return 1;
  }
  std::printf("read back: Price=%s Year=%s\n", (**got)["Price"].n().ToString().c_str(),
              (**got)["Year"].n().ToString().c_str());

  // An update expression with exact decimal arithmetic, and a conditional
  // write that refuses to overwrite a song that already exists.
  if (auto s = music.UpdateItem(key, "SET Price = Price + :rise, Plays = if_not_exists(Plays, :zero) + :one",
                                {{":rise", number("0.01")}, {":zero", number("0")}, {":one", number("1")}});
      !s.ok()) {
    return Fail("UpdateItem", s);
  }
  got = music.GetItem(key);
  if (!got.ok() || !got->has_value()) return Fail("GetItem after UpdateItem", got.status());
  std::printf("after update: Price=%s Plays=%s\n", (**got)["Price"].n().ToString().c_str(),
              (**got)["Plays"].n().ToString().c_str());
  lmddb::PutItemRequest put_new;
  put_new.table_name = "Music";
  put_new.item = song;
  put_new.condition_expression = "attribute_not_exists(Artist)";
  auto conditional = (*db)->PutItem(put_new);
  std::printf("conditional put of an existing song: %s\n", conditional.status().ToString().c_str());
  if (conditional.status().type() != lmddb::ErrorType::kConditionalCheckFailed) return 1;

  // DynamoDB's validation: a missing key attribute is refused with its message.
  auto bad = music.PutItem({{"Artist", AttributeValue::S("x")}});
  std::printf("invalid put: %s\n", bad.ToString().c_str());
  if (bad.type() != lmddb::ErrorType::kValidation) return 1;

  // Two more songs in one transaction (all or nothing), then the artist's
  // songs read back with Query, one page per song, and removed with one
  // BatchWriteItem so that the next run starts from the same state.
  lmddb::TransactWriteItemsRequest transaction;
  for (const char* title : {"Happy Day", "Rainy Night"}) {
    lmddb::TransactWriteItem action;
    action.put.emplace();
    action.put->table_name = "Music";
    action.put->item = {{"Artist", AttributeValue::S("No One You Know")},
                        {"SongTitle", AttributeValue::S(title)}};
    action.put->condition_expression = "attribute_not_exists(SongTitle)";
    transaction.transact_items.push_back(std::move(action));
  }
  if (auto t = (*db)->TransactWriteItems(transaction); !t.ok()) {
    return Fail("TransactWriteItems", t.status());
  }
  lmddb::QueryRequest query;
  query.table_name = "Music";
  query.key_condition_expression = "Artist = :a";
  query.expression_attribute_values = lmddb::Item{{":a", AttributeValue::S("No One You Know")}};
  query.limit = 1;
  lmddb::BatchWriteItemRequest cleanup;
  int songs = 0;
  do {
    auto page = (*db)->Query(query);
    if (!page.ok()) return Fail("Query", page.status());
    for (const lmddb::Item& item : page->items) {
      std::printf("query page: %s\n", item.at("SongTitle").s().c_str());
      if (item.at("SongTitle").s() == "Call Me Today") continue;
      cleanup.request_items["Music"].push_back(
          {std::nullopt, lmddb::DeleteRequest{{{"Artist", item.at("Artist")},
                                               {"SongTitle", item.at("SongTitle")}}}});
      ++songs;
    }
    query.exclusive_start_key = std::move(page->last_evaluated_key);
  } while (query.exclusive_start_key);
  if (songs != 2) {
    std::fprintf(stderr, "Query found %d of the 2 transaction's songs\n", songs);
    return 1;
  }
  if (auto b = (*db)->BatchWriteItem(cleanup); !b.ok()) return Fail("BatchWriteItem", b.status());

  auto described = music.Describe();
  if (!described.ok()) return Fail("DescribeTable", described.status());
  std::printf("table %s: %lld item(s), %lld bytes\n", described->table_name.c_str(),
              static_cast<long long>(described->item_count),
              static_cast<long long>(described->table_size_bytes));

  if (auto s = music.DeleteItem(key); !s.ok()) return Fail("DeleteItem", s);
  got = music.GetItem(key);
  if (!got.ok() || got->has_value()) {
    std::fprintf(stderr, "item still present after DeleteItem\n");
    return 1;
  }
  std::printf("ok\n");
  return 0;
}
