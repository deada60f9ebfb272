// Dbi: a handle to one named LMDB database of an Env, and its statistics.
//
// A Dbi is a small value: copy it freely. It is valid from the commit of the
// write transaction that opened it (inside that transaction, at once) until
// the database is dropped. From the drop's commit on, operations on the old
// value fail (Get returns nothing, writes and cursors report
// kResourceNotFound), also in read transactions that began earlier, and even
// when LMDB reuses the handle number for another database: the generation
// tells them apart.
//
// Thread safety: value type.
#ifndef LMDDB_ENGINE_STORAGE_DBI_H_
#define LMDDB_ENGINE_STORAGE_DBI_H_

#include <lmdb.h>

#include <cstdint>

namespace lmddb::storage {

struct Dbi {
  MDB_dbi handle = 0;
  uint32_t generation = 0;  // 0 never names a live database

  friend bool operator==(const Dbi& a, const Dbi& b) {
    return a.handle == b.handle && a.generation == b.generation;
  }
};

// mdb_stat() of one database.
struct DbiStat {
  uint64_t entries = 0;
  uint32_t depth = 0;
  uint64_t branch_pages = 0;
  uint64_t leaf_pages = 0;
  uint64_t overflow_pages = 0;
  uint32_t page_size = 0;
};

}  // namespace lmddb::storage

#endif  // LMDDB_ENGINE_STORAGE_DBI_H_
