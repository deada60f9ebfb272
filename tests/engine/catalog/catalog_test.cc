// Tests for engine/catalog/catalog.h: create/find/drop/list through a real
// storage::Env, table ids and sizes, persistence, the format-version check,
// and the generation-keyed schema cache across processes and aborted
// transactions.
#include "testing/test_util.h"
#include "engine/catalog/catalog.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/status_macros.h"
#include "gtest/gtest.h"

namespace lmddb::catalog {
namespace {

using testing_util::RunInChild;
using testing_util::TempDir;


using T = AttributeValue::Type;


storage::EnvOptions SmallEnv() {
  storage::EnvOptions options;
  options.durability = storage::EnvOptions::Durability::kNoSync;
  options.initial_map_size = size_t{1} << 20;
  options.max_dbs = 64;
  return options;
}

TableDescription Desc(const std::string& name, T hash_type = T::kS,
                      std::optional<T> range_type = std::nullopt) {
  TableDescription d;
  d.table_name = name;
  d.attribute_definitions.push_back({"pk", hash_type});
  d.key_schema.push_back({"pk", KeyType::kHash});
  if (range_type) {
    d.attribute_definitions.push_back({"sk", *range_type});
    d.key_schema.push_back({"sk", KeyType::kRange});
  }
  d.table_status = TableStatus::kActive;
  d.creation_date_time_ms = 1700000000123;
  d.provisioned_throughput.read_capacity_units = 5;
  d.provisioned_throughput.write_capacity_units = 7;
  d.table_arn = "arn:aws:dynamodb:us-east-1:000000000000:table/" + name;
  d.table_id = "00000000-0000-4000-8000-000000000000";
  return d;
}

// An Env and its Catalog on a fresh directory (or a given one).
struct Db {
  std::unique_ptr<storage::Env> env;
  std::unique_ptr<Catalog> catalog;

  static std::optional<Db> Open(const std::string& dir) {
    auto env = storage::Env::Open(dir, SmallEnv());
    if (!env.ok()) {
      ADD_FAILURE() << env.status().ToString();
      return std::nullopt;
    }
    auto catalog = Catalog::Open(env->get());
    if (!catalog.ok()) {
      ADD_FAILURE() << catalog.status().ToString();
      return std::nullopt;
    }
    Db db;
    db.env = std::move(env).value();
    db.catalog = std::move(catalog).value();
    return db;
  }

  // Catalog first: it refers to the Env.
  ~Db() { catalog.reset(); }
  Db() = default;
  Db(Db&&) = default;
  Db& operator=(Db&&) = default;

  StatusOr<std::shared_ptr<const Table>> Create(TableDescription d) {
    std::shared_ptr<const Table> table;
    Status s = env->Write([&](storage::WriteTxn& txn) -> Status {
      LMDDB_ASSIGN_OR_RETURN(table, catalog->Create(txn, d));
      return Status::Ok();
    });
    if (!s.ok()) return s;
    return table;
  }

  Status Drop(const std::string& name) {
    return env->Write([&](storage::WriteTxn& txn) -> Status {
      LMDDB_ASSIGN_OR_RETURN(auto table, catalog->Find(txn, name));
      if (table == nullptr) return Status::ResourceNotFound("no table " + name);
      return catalog->Drop(txn, *table);
    });
  }

  // The table in a fresh read snapshot (nullptr when missing); fails the
  // test on errors.
  std::shared_ptr<const Table> Find(const std::string& name) {
    auto txn = env->BeginRead();
    if (!txn.ok()) {
      ADD_FAILURE() << txn.status().ToString();
      return nullptr;
    }
    auto table = catalog->Find(*txn, name);
    if (!table.ok()) {
      ADD_FAILURE() << table.status().ToString();
      return nullptr;
    }
    return *table;
  }

  std::vector<std::string> List(std::optional<std::string> start, size_t limit) {
    auto txn = env->BeginRead();
    if (!txn.ok()) {
      ADD_FAILURE() << txn.status().ToString();
      return {};
    }
    return catalog->ListNames(*txn, start, limit);
  }

  int64_t Size(uint64_t id) {
    auto txn = env->BeginRead();
    if (!txn.ok()) {
      ADD_FAILURE() << txn.status().ToString();
      return -1;
    }
    return catalog->TableSize(*txn, id);
  }
};


TEST(Catalog, CreateThenFindReturnsTheStoredSchema) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  EXPECT_EQ(db->Find("Music"), nullptr);

  auto created = db->Create(Desc("Music", T::kS, T::kN));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ((*created)->schema.id, 1u);
  EXPECT_EQ((*created)->schema.name(), "Music");

  std::shared_ptr<const Table> found = db->Find("Music");
  ASSERT_NE(found, nullptr);
  const TableSchema& s = found->schema;
  EXPECT_EQ(s.id, 1u);
  EXPECT_EQ(s.hash_key.name, "pk");
  EXPECT_EQ(s.hash_key.type, T::kS);
  ASSERT_TRUE(s.range_key.has_value());
  EXPECT_EQ(s.range_key->name, "sk");
  EXPECT_EQ(s.range_key->type, T::kN);
  EXPECT_EQ(s.ItemsDbName(), "t1.items");
  const TableDescription& d = s.description;
  EXPECT_EQ(d.table_name, "Music");
  ASSERT_EQ(d.key_schema.size(), 2u);
  EXPECT_EQ(d.key_schema[0].attribute_name, "pk");
  EXPECT_EQ(d.key_schema[0].key_type, KeyType::kHash);
  EXPECT_EQ(d.key_schema[1].attribute_name, "sk");
  EXPECT_EQ(d.key_schema[1].key_type, KeyType::kRange);
  ASSERT_EQ(d.attribute_definitions.size(), 2u);
  EXPECT_EQ(d.attribute_definitions[1].attribute_name, "sk");
  EXPECT_EQ(d.attribute_definitions[1].attribute_type, T::kN);
  EXPECT_EQ(d.table_status, TableStatus::kActive);
  EXPECT_EQ(d.creation_date_time_ms, 1700000000123);
  EXPECT_EQ(d.provisioned_throughput.read_capacity_units, 5);
  EXPECT_EQ(d.provisioned_throughput.write_capacity_units, 7);
  EXPECT_FALSE(d.billing_mode.has_value());
  EXPECT_EQ(d.table_arn, "arn:aws:dynamodb:us-east-1:000000000000:table/Music");
  EXPECT_EQ(d.table_id, "00000000-0000-4000-8000-000000000000");

  // The items database exists and is usable.
  LMDDB_ASSERT_OK(db->env->Write([&](storage::WriteTxn& txn) { return txn.Put(found->items, "k", "v"); }));
  auto txn = db->env->BeginRead();
  ASSERT_TRUE(txn.ok());
  EXPECT_EQ(txn->Get(found->items, "k"), std::optional<std::string_view>("v"));

  // Names are exact: no prefix or case folding.
  EXPECT_EQ(db->Find("Musi"), nullptr);
  EXPECT_EQ(db->Find("music"), nullptr);
  EXPECT_EQ(db->Find("Music2"), nullptr);
}

TEST(Catalog, BillingModeRoundTrips) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  TableDescription d = Desc("OnDemand", T::kB);
  d.billing_mode = BillingMode::kPayPerRequest;
  d.provisioned_throughput = {};
  ASSERT_TRUE(db->Create(d).ok());
  auto found = db->Find("OnDemand");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->schema.description.billing_mode, BillingMode::kPayPerRequest);
  EXPECT_EQ(found->schema.hash_key.type, T::kB);
  EXPECT_FALSE(found->schema.range_key.has_value());
}

TEST(Catalog, CreateExistingNameIsResourceInUseAndChangesNothing) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Create(Desc("Dup")).ok());
  auto again = db->Create(Desc("Dup", T::kN));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().type(), ErrorType::kResourceInUse);
  EXPECT_EQ(again.status().message(), "Table already exists: Dup");
  auto found = db->Find("Dup");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->schema.hash_key.type, T::kS);  // the original
  // The refused create did not use up an id.
  auto next = db->Create(Desc("Next"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ((*next)->schema.id, 2u);
}

TEST(Catalog, IdsAreNeverReused) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Create(Desc("a1x")).ok());
  ASSERT_TRUE(db->Create(Desc("b2x")).ok());
  LMDDB_ASSERT_OK(db->Drop("b2x"));
  LMDDB_ASSERT_OK(db->Drop("a1x"));
  auto c = db->Create(Desc("b2x"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ((*c)->schema.id, 3u);
  EXPECT_EQ((*c)->schema.ItemsDbName(), "t3.items");
}

TEST(Catalog, DropRemovesTableItemsAndSize) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  auto created = db->Create(Desc("Gone"));
  ASSERT_TRUE(created.ok());
  std::shared_ptr<const Table> table = *created;
  LMDDB_ASSERT_OK(db->env->Write([&](storage::WriteTxn& txn) -> Status {
    for (int i = 0; i < 100; ++i) {
      LMDDB_RETURN_IF_ERROR(txn.Put(table->items, "k" + std::to_string(i), std::string(50, 'v')));
    }
    return db->catalog->AddTableSize(txn, table->schema.id, 1234);
  }));
  EXPECT_EQ(db->Size(table->schema.id), 1234);

  LMDDB_ASSERT_OK(db->Drop("Gone"));
  EXPECT_EQ(db->Find("Gone"), nullptr);
  EXPECT_TRUE(db->List(std::nullopt, 100).empty());
  EXPECT_EQ(db->Size(table->schema.id), 0);
  auto dbis = db->env->ListDbis();
  ASSERT_TRUE(dbis.ok());
  EXPECT_EQ(std::count(dbis->begin(), dbis->end(), "t1.items"), 0)
      << "the dropped table's items database still exists";

  // The old handle sees nothing.
  auto txn = db->env->BeginRead();
  ASSERT_TRUE(txn.ok());
  EXPECT_FALSE(txn->Get(table->items, "k1").has_value());
  txn->Release();

  // The same name again: a new, empty table.
  auto again = db->Create(Desc("Gone"));
  ASSERT_TRUE(again.ok());
  EXPECT_NE((*again)->schema.id, table->schema.id);
  EXPECT_EQ(db->Size((*again)->schema.id), 0);
  auto stat = db->env->Stat((*again)->items);
  ASSERT_TRUE(stat.ok());
  EXPECT_EQ(stat->entries, 0u);
}

TEST(Catalog, ListNamesInByteOrderWithExclusiveStartAndLimit) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  // Byte order: '-' < '.' < digits < upper case < '_' < lower case.
  std::vector<std::string> names = {"zeta", "Alpha", "alpha", "_under", "9nine", "a.b", "a-b",
                                    "abc",  "ab",    "B12"};
  for (const std::string& n : names) ASSERT_TRUE(db->Create(Desc(n)).ok()) << n;
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());

  EXPECT_EQ(db->List(std::nullopt, 100), sorted);
  EXPECT_EQ(db->List(std::nullopt, 3), std::vector<std::string>(sorted.begin(), sorted.begin() + 3));
  EXPECT_EQ(db->List(std::nullopt, 0), std::vector<std::string>());
  // Exclusive start: an existing name is skipped.
  EXPECT_EQ(db->List(sorted[2], 2), std::vector<std::string>(sorted.begin() + 3, sorted.begin() + 5));
  // A name that does not exist starts at the next one.
  EXPECT_EQ(db->List(std::string("ab0"), 100),
            std::vector<std::string>(std::upper_bound(sorted.begin(), sorted.end(), "ab0"),
                                     sorted.end()));
  // After the last name, before the first.
  EXPECT_TRUE(db->List(sorted.back(), 100).empty());
  EXPECT_TRUE(db->List(std::string("zzzz"), 100).empty());
  EXPECT_EQ(db->List(std::string("-"), 100), sorted);
  // Size records ("size/<id>") and metadata keys never show up as names.
  auto created = db->Find("abc");
  ASSERT_NE(created, nullptr);
  LMDDB_ASSERT_OK(db->env->Write([&](storage::WriteTxn& txn) {
    return db->catalog->AddTableSize(txn, created->schema.id, 10);
  }));
  EXPECT_EQ(db->List(std::nullopt, 100), sorted);
}

TEST(Catalog, TableSizeAccumulatesSignedDeltas) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  auto a = db->Create(Desc("sizeA"));
  auto b = db->Create(Desc("sizeB"));
  ASSERT_TRUE(a.ok() && b.ok());
  uint64_t ia = (*a)->schema.id, ib = (*b)->schema.id;
  EXPECT_EQ(db->Size(ia), 0);
  LMDDB_ASSERT_OK(db->env->Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_RETURN_IF_ERROR(db->catalog->AddTableSize(txn, ia, 1000));
    LMDDB_RETURN_IF_ERROR(db->catalog->AddTableSize(txn, ia, -300));
    LMDDB_RETURN_IF_ERROR(db->catalog->AddTableSize(txn, ib, 5));
    return db->catalog->AddTableSize(txn, ia, 0);
  }));
  EXPECT_EQ(db->Size(ia), 700);
  EXPECT_EQ(db->Size(ib), 5);
  LMDDB_ASSERT_OK(db->env->Write([&](storage::WriteTxn& txn) {
    return db->catalog->AddTableSize(txn, ia, -700);
  }));
  EXPECT_EQ(db->Size(ia), 0);
  // An aborted write leaves the size alone.
  Status aborted = db->env->Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_RETURN_IF_ERROR(db->catalog->AddTableSize(txn, ib, 100));
    return Status::Validation("abort");
  });
  EXPECT_EQ(aborted.type(), ErrorType::kValidation);
  EXPECT_EQ(db->Size(ib), 5);
}

TEST(Catalog, TablesIdsAndSizesPersistAcrossReopen) {
  TempDir dir;
  uint64_t id_b = 0;
  {
    auto db = Db::Open(dir.path());
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->Create(Desc("keepA", T::kN)).ok());
    auto b = db->Create(Desc("keepB", T::kS, T::kB));
    ASSERT_TRUE(b.ok());
    id_b = (*b)->schema.id;
    LMDDB_ASSERT_OK(db->env->Write([&](storage::WriteTxn& txn) -> Status {
      LMDDB_RETURN_IF_ERROR(txn.Put((*b)->items, "key", "value"));
      return db->catalog->AddTableSize(txn, id_b, 42);
    }));
    ASSERT_TRUE(db->Create(Desc("dropC")).ok());
    LMDDB_ASSERT_OK(db->Drop("dropC"));
  }
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  EXPECT_EQ(db->List(std::nullopt, 100), (std::vector<std::string>{"keepA", "keepB"}));
  auto a = db->Find("keepA");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->schema.hash_key.type, T::kN);
  auto b = db->Find("keepB");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->schema.id, id_b);
  ASSERT_TRUE(b->schema.range_key.has_value());
  EXPECT_EQ(b->schema.range_key->type, T::kB);
  EXPECT_EQ(db->Size(id_b), 42);
  auto txn = db->env->BeginRead();
  ASSERT_TRUE(txn.ok());
  EXPECT_EQ(txn->Get(b->items, "key"), std::optional<std::string_view>("value"));
  txn->Release();
  EXPECT_EQ(db->Find("dropC"), nullptr);
  auto d = db->Create(Desc("newD"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)->schema.id, 4u);  // ids 1..3 were used before the reopen
}

TEST(Catalog, WriteTxnSeesItsOwnCreateAndDrop) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Create(Desc("before")).ok());
  ASSERT_NE(db->Find("before"), nullptr);  // cached
  LMDDB_ASSERT_OK(db->env->Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(auto created, db->catalog->Create(txn, Desc("inside")));
    LMDDB_ASSIGN_OR_RETURN(auto found, db->catalog->Find(txn, "inside"));
    EXPECT_NE(found, nullptr);
    if (found) {
      EXPECT_EQ(found->schema.id, created->schema.id);
    }
    LMDDB_ASSIGN_OR_RETURN(auto before, db->catalog->Find(txn, "before"));
    EXPECT_NE(before, nullptr);
    if (before) LMDDB_RETURN_IF_ERROR(db->catalog->Drop(txn, *before));
    LMDDB_ASSIGN_OR_RETURN(auto dropped, db->catalog->Find(txn, "before"));
    EXPECT_EQ(dropped, nullptr) << "a table dropped in this transaction is still found";
    return Status::Ok();
  }));
  EXPECT_NE(db->Find("inside"), nullptr);
  EXPECT_EQ(db->Find("before"), nullptr);
}

// A snapshot older than the cache sees the tables of its own time.
TEST(Catalog, OldSnapshotSeesItsOwnTables) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Create(Desc("early")).ok());
  auto old_txn = db->env->BeginRead();
  ASSERT_TRUE(old_txn.ok());
  auto early = db->catalog->Find(*old_txn, "early");
  ASSERT_TRUE(early.ok());
  ASSERT_NE(*early, nullptr);
  ASSERT_TRUE(db->Create(Desc("late")).ok());
  ASSERT_NE(db->Find("late"), nullptr);  // caches the newer generation
  auto late_in_old = db->catalog->Find(*old_txn, "late");
  ASSERT_TRUE(late_in_old.ok());
  EXPECT_EQ(*late_in_old, nullptr) << "an old snapshot sees a table created after it";
  old_txn->Release();
}

// The cache must not remember what a write transaction saw if that
// transaction aborts: its generation number is later reused by another
// commit with different content.
TEST(Catalog, AbortedCreateIsNotServedFromCache) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  Status aborted = db->env->Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(auto created, db->catalog->Create(txn, Desc("ghost")));
    LMDDB_ASSIGN_OR_RETURN(auto found, db->catalog->Find(txn, "ghost"));
    EXPECT_NE(found, nullptr);
    return Status::Validation("later step failed");  // aborts the transaction
  });
  EXPECT_EQ(aborted.type(), ErrorType::kValidation);
  // Another commit brings the generation to the number the aborted
  // transaction had.
  ASSERT_TRUE(db->Create(Desc("real")).ok());
  EXPECT_TRUE(db->Find("ghost") == nullptr) << "a table of an aborted transaction is visible";
  EXPECT_EQ(db->List(std::nullopt, 100), std::vector<std::string>{"real"});
}

TEST(Catalog, AbortedLookupAfterDropDoesNotHideLaterDrop) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Create(Desc("keep")).ok());
  ASSERT_TRUE(db->Create(Desc("other")).ok());
  // Drop "other" and look up "keep" in the same transaction, then abort.
  Status aborted = db->env->Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(auto other, db->catalog->Find(txn, "other"));
    if (other) LMDDB_RETURN_IF_ERROR(db->catalog->Drop(txn, *other));
    LMDDB_ASSIGN_OR_RETURN(auto keep, db->catalog->Find(txn, "keep"));
    EXPECT_NE(keep, nullptr);
    return Status::Validation("abort");
  });
  EXPECT_EQ(aborted.type(), ErrorType::kValidation);
  ASSERT_NE(db->Find("other"), nullptr);
  // Now really drop "keep": same generation number as the aborted txn.
  LMDDB_ASSERT_OK(db->Drop("keep"));
  EXPECT_TRUE(db->Find("keep") == nullptr) << "a dropped table is still served from the cache";
}

TEST(CatalogMultiProcess, SeesTablesCreatedAndDroppedByAnotherProcess) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->Create(Desc("parentT")).ok());
  ASSERT_TRUE(db->Create(Desc("swapped", T::kS)).ok());
  // Prime the cache with the current generation, and a miss for "childT".
  ASSERT_NE(db->Find("parentT"), nullptr);
  auto swapped_before = db->Find("swapped");
  ASSERT_NE(swapped_before, nullptr);
  EXPECT_EQ(db->Find("childT"), nullptr);

  ASSERT_EQ(RunInChild([&] {
              auto child = Db::Open(dir.path());
              if (!child) return false;
              if (!child->Create(Desc("childT", T::kN)).ok()) return false;
              // Drop and re-create with another key type.
              if (!child->Drop("swapped").ok()) return false;
              auto again = child->Create(Desc("swapped", T::kB));
              if (!again.ok()) return false;
              return child->env->Write([&](storage::WriteTxn& txn) {
                       return txn.Put((*again)->items, "child-key", "child-value");
                     })
                  .ok();
            }),
            0);

  auto child_table = db->Find("childT");
  ASSERT_NE(child_table, nullptr) << "table created by another process is not seen";
  EXPECT_EQ(child_table->schema.hash_key.type, T::kN);
  EXPECT_NE(db->Find("parentT"), nullptr);
  auto swapped = db->Find("swapped");
  ASSERT_NE(swapped, nullptr);
  EXPECT_NE(swapped->schema.id, swapped_before->schema.id);
  EXPECT_EQ(swapped->schema.hash_key.type, T::kB);
  auto txn = db->env->BeginRead();
  ASSERT_TRUE(txn.ok());
  EXPECT_EQ(txn->Get(swapped->items, "child-key"), std::optional<std::string_view>("child-value"));
  txn->Release();
  EXPECT_EQ(db->List(std::nullopt, 100),
            (std::vector<std::string>{"childT", "parentT", "swapped"}));

  // And the other way: the parent drops a table, a new child sees it gone.
  LMDDB_ASSERT_OK(db->Drop("childT"));
  ASSERT_EQ(RunInChild([&] {
              auto child = Db::Open(dir.path());
              if (!child) return false;
              auto txn = child->env->BeginRead();
              if (!txn.ok()) return false;
              auto t = child->catalog->Find(*txn, "childT");
              return t.ok() && *t == nullptr;
            }),
            0);
}

// A table another process created is found in any snapshot that contains
// it. LMDB fixes a read transaction's handle table when it begins, so the
// snapshot in which this process first opened the table's database may not
// see that database (ReadTxn::Sees); a newer one does, and then finds the
// same table from the cache (the pattern ops::BeginReadOfTable relies on).
TEST(CatalogMultiProcess, TableFromAnotherProcessIsReadableInANewerSnapshot) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  ASSERT_EQ(RunInChild([&] {
              auto child = Db::Open(dir.path());
              if (!child) return false;
              auto t = child->Create(Desc("fromChild"));
              if (!t.ok()) return false;
              return child->env->Write([&](storage::WriteTxn& txn) {
                       return txn.Put((*t)->items, "k", "v");
                     })
                  .ok();
            }),
            0);
  uint64_t id = 0;
  {
    auto txn = db->env->BeginRead();
    ASSERT_TRUE(txn.ok());
    auto table = db->catalog->Find(*txn, "fromChild");
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    ASSERT_NE(*table, nullptr);
    id = (*table)->schema.id;
    if (txn->Sees((*table)->items)) {
      EXPECT_EQ(txn->Get((*table)->items, "k"), std::optional<std::string_view>("v"));
    }
  }
  auto txn = db->env->BeginRead();
  ASSERT_TRUE(txn.ok());
  auto table = db->catalog->Find(*txn, "fromChild");
  ASSERT_TRUE(table.ok());
  ASSERT_NE(*table, nullptr);
  EXPECT_EQ((*table)->schema.id, id);
  EXPECT_TRUE(txn->Sees((*table)->items));
  EXPECT_EQ(txn->Get((*table)->items, "k"), std::optional<std::string_view>("v"));
  auto stat = txn->Stat((*table)->items);
  ASSERT_TRUE(stat.ok()) << stat.status().ToString();
  EXPECT_EQ(stat->entries, 1u);
}

// A failed write transaction that looked up a table of another process (and
// so opened its database inside that transaction) must not leave the table
// cached: the abort closes the handle, and LMDB may give its slot to the
// next database opened.
TEST(CatalogMultiProcess, LookupInAbortedWriteDoesNotCacheItsHandle) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  ASSERT_EQ(RunInChild([&] {
              auto child = Db::Open(dir.path());
              if (!child) return false;
              auto a = child->Create(Desc("alpha"));
              auto b = child->Create(Desc("beta"));
              if (!a.ok() || !b.ok()) return false;
              return child->env->Write([&](storage::WriteTxn& txn) -> Status {
                       LMDDB_RETURN_IF_ERROR(txn.Put((*a)->items, "a", "alpha's"));
                       return txn.Put((*b)->items, "b", "beta's");
                     })
                  .ok();
            }),
            0);
  Status aborted = db->env->Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(auto alpha, db->catalog->Find(txn, "alpha"));
    EXPECT_NE(alpha, nullptr);
    return Status::Validation("the write fails after the lookup");
  });
  EXPECT_EQ(aborted.type(), ErrorType::kValidation);
  // Opening beta may take the slot the abort freed.
  for (int i = 0; i < 2; ++i) {  // the first snapshot may not see beta yet
    auto txn = db->env->BeginRead();
    ASSERT_TRUE(txn.ok());
    auto beta = db->catalog->Find(*txn, "beta");
    ASSERT_TRUE(beta.ok());
    ASSERT_NE(*beta, nullptr);
  }
  for (int i = 0; i < 2; ++i) {
    auto txn = db->env->BeginRead();
    ASSERT_TRUE(txn.ok());
    auto alpha = db->catalog->Find(*txn, "alpha");
    ASSERT_TRUE(alpha.ok());
    ASSERT_NE(*alpha, nullptr);
    if (i == 0 && !txn->Sees((*alpha)->items)) continue;
    EXPECT_TRUE(txn->Sees((*alpha)->items));
    EXPECT_EQ(txn->Get((*alpha)->items, "a"), std::optional<std::string_view>("alpha's"));
    EXPECT_FALSE(txn->Get((*alpha)->items, "b").has_value()) << "alpha reads beta's database";
    break;
  }
}

TEST(Catalog, TableFoundAfterReopenIsReadable) {
  TempDir dir;
  {
    auto db = Db::Open(dir.path());
    ASSERT_TRUE(db);
    auto t = db->Create(Desc("persisted"));
    ASSERT_TRUE(t.ok());
    LMDDB_ASSERT_OK(db->env->Write([&](storage::WriteTxn& txn) { return txn.Put((*t)->items, "k", "v"); }));
  }
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  for (int i = 0; i < 2; ++i) {
    auto txn = db->env->BeginRead();
    ASSERT_TRUE(txn.ok());
    auto table = db->catalog->Find(*txn, "persisted");
    ASSERT_TRUE(table.ok());
    ASSERT_NE(*table, nullptr);
    if (i == 0 && !txn->Sees((*table)->items)) continue;
    EXPECT_EQ(txn->Get((*table)->items, "k"), std::optional<std::string_view>("v"));
    break;
  }
}

TEST(CatalogFormat, OpenRejectsAnotherFormatVersion) {
  TempDir dir;
  {
    auto db = Db::Open(dir.path());
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->Create(Desc("Existing")).ok());
  }
  auto env = storage::Env::Open(dir.path(), SmallEnv());
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  LMDDB_ASSERT_OK((*env)->Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(storage::Dbi dbi, (*env)->OpenDbi(txn, "catalog", /*create=*/false));
    return txn.Put(dbi, "format", "2");
  }));
  auto catalog = Catalog::Open(env->get());
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().type(), ErrorType::kInternalServerError);
  EXPECT_EQ(catalog.status().message(),
            "Unsupported database format version 2 (this build reads version 1)");

  // The refused open wrote nothing: the value is still "2" and there is
  // still exactly one table record.
  LMDDB_ASSERT_OK((*env)->Write([&](storage::WriteTxn& w) -> Status {
    LMDDB_ASSIGN_OR_RETURN(storage::Dbi dbi, (*env)->OpenDbi(w, "catalog", false));
    EXPECT_EQ(w.Get(dbi, "format"), std::optional<std::string_view>("2"));
    EXPECT_TRUE(w.Get(dbi, "table/Existing").has_value());
    return Status::Ok();
  }));

  // Restoring "1" makes it readable again.
  LMDDB_ASSERT_OK((*env)->Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(storage::Dbi dbi, (*env)->OpenDbi(txn, "catalog", false));
    return txn.Put(dbi, "format", "1");
  }));
  auto ok = Catalog::Open(env->get());
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  auto read = (*env)->BeginRead();
  ASSERT_TRUE(read.ok());
  auto existing = (*ok)->Find(*read, "Existing");
  ASSERT_TRUE(existing.ok());
  EXPECT_NE(*existing, nullptr);
}

TEST(CatalogFormat, OpenRejectsUnknownFormatInAFreshCatalogDatabase) {
  TempDir dir;
  auto env = storage::Env::Open(dir.path(), SmallEnv());
  ASSERT_TRUE(env.ok());
  LMDDB_ASSERT_OK((*env)->Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(storage::Dbi dbi, (*env)->OpenDbi(txn, "catalog", /*create=*/true));
    return txn.Put(dbi, "format", "0");
  }));
  auto catalog = Catalog::Open(env->get());
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().type(), ErrorType::kInternalServerError);
  EXPECT_EQ(catalog.status().message(),
            "Unsupported database format version 0 (this build reads version 1)");
}

TEST(CatalogFormat, NewCatalogWritesFormatOne) {
  TempDir dir;
  auto db = Db::Open(dir.path());
  ASSERT_TRUE(db);
  LMDDB_ASSERT_OK(db->env->Write([&](storage::WriteTxn& txn) -> Status {
    LMDDB_ASSIGN_OR_RETURN(storage::Dbi dbi, db->env->OpenDbi(txn, "catalog", false));
    EXPECT_EQ(txn.Get(dbi, "format"), std::optional<std::string_view>(Catalog::kFormatVersion));
    return Status::Ok();
  }));
  EXPECT_EQ(Catalog::kFormatVersion, "1");
}

}  // namespace
}  // namespace lmddb::catalog
