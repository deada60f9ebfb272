// Cursor: ordered iteration over one database inside a ReadTxn or WriteTxn.
//
// Keys sort as unsigned bytes, shorter first on a common prefix (LMDB's
// default comparison). A cursor is positioned by First/Last/Seek/SeekForPrev
// and moved by Next/Prev; each returns valid(). When a move finds nothing,
// valid() is false and status() is OK; when LMDB reports an error, valid() is
// false and status() says why.
//
//   LMDDB_ASSIGN_OR_RETURN(Cursor c, txn.OpenCursor(dbi));
//   for (c.Seek(start); c.valid(); c.Next()) Use(c.Key(), c.Value());
//   LMDDB_RETURN_IF_ERROR(c.status());
//
// Lifetime: a cursor belongs to the transaction that opened it. When the
// transaction ends the cursor is closed and becomes invalid with an error
// status (lmdb.h, mdb_cursor_open(): "A cursor cannot be used when its
// database handle is closed. Nor when its transaction has ended"); destroying
// it afterwards is harmless. Key() and Value() point into the memory map and
// stay valid until the cursor moves, the transaction writes, or it ends.
// While a WriteTxn has an active Nested() child, the parent's cursors must not
// be used (lmdb.h, mdb_txn_begin(): "A parent transaction and its cursors may
// not issue any other operations than mdb_txn_commit and mdb_txn_abort while
// it has active child transactions").
//
// Thread safety: a cursor is used by the thread that uses its transaction.
#ifndef LMDDB_ENGINE_STORAGE_CURSOR_H_
#define LMDDB_ENGINE_STORAGE_CURSOR_H_

#include <lmdb.h>

#include <string_view>

#include "lmddb/status.hpp"

namespace lmddb::storage {

class Cursor;
class ReadTxn;
class WriteTxn;

namespace internal {

// The cursors open in one transaction, so that ending the transaction can
// close them first (lmdb.h, mdb_cursor_close(): "A cursor in a write-
// transaction can be closed before its transaction ends, and will otherwise be
// closed when its transaction ends").
class CursorList {
 public:
  CursorList() = default;
  CursorList(const CursorList&) = delete;
  CursorList& operator=(const CursorList&) = delete;
  ~CursorList();

  // Moves all cursors of `other` to this (empty) list.
  void TakeFrom(CursorList& other);
  // Closes every cursor: they become invalid with an error status.
  void CloseAll();

 private:
  friend class lmddb::storage::Cursor;
  void Add(Cursor* cursor);
  void Remove(Cursor* cursor);

  Cursor* head_ = nullptr;
};

}  // namespace internal

class Cursor {
 public:
  // An unopened cursor: invalid, every move returns false.
  Cursor() = default;
  Cursor(Cursor&& other) noexcept;
  Cursor& operator=(Cursor&& other) noexcept;
  ~Cursor();

  // Smallest key.
  bool First();
  // Largest key.
  bool Last();
  // Smallest key >= `key` (MDB_SET_RANGE). An empty `key` is First().
  bool Seek(std::string_view key);
  // Largest key <= `key`: the start of a reverse scan. An empty `key` finds
  // nothing (LMDB keys are never empty).
  bool SeekForPrev(std::string_view key);
  // Next / previous key. REQUIRES: valid(); otherwise returns false.
  bool Next();
  bool Prev();

  bool valid() const { return valid_; }
  // REQUIRES: valid(). Views into the memory map; see "Lifetime" above.
  std::string_view Key() const;
  std::string_view Value() const;
  // OK unless an LMDB error (or use after the transaction ended) stopped it.
  const Status& status() const { return status_; }

 private:
  friend class ReadTxn;
  friend class WriteTxn;
  friend class internal::CursorList;

  Cursor(MDB_cursor* cursor, internal::CursorList* list);

  // Runs mdb_cursor_get(op) with `key` as input (for MDB_SET_RANGE) and
  // records the outcome.
  bool Get(MDB_cursor_op op, MDB_val* key);
  // Records rc of a positioning call whose result is in key_ / value_.
  bool Finish(int rc, const char* what);
  // mdb_cursor_close() and detach; `why` becomes status() when not empty.
  void Close(std::string_view why);
  void MoveFrom(Cursor& other);

  MDB_cursor* cursor_ = nullptr;
  internal::CursorList* list_ = nullptr;
  Cursor* prev_ = nullptr;
  Cursor* next_ = nullptr;
  MDB_val key_{0, nullptr};
  MDB_val value_{0, nullptr};
  bool valid_ = false;
  Status status_;
};

}  // namespace lmddb::storage

#endif  // LMDDB_ENGINE_STORAGE_CURSOR_H_
