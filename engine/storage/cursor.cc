// Cursor and CursorList (cursor.h).
#include "engine/storage/cursor.h"

#include <cstring>
#include <utility>

#include "engine/storage/lmdb_status.h"

namespace lmddb::storage {
namespace internal {

CursorList::~CursorList() { CloseAll(); }

void CursorList::Add(Cursor* cursor) {
  cursor->list_ = this;
  cursor->prev_ = nullptr;
  cursor->next_ = head_;
  if (head_ != nullptr) head_->prev_ = cursor;
  head_ = cursor;
}

void CursorList::Remove(Cursor* cursor) {
  if (cursor->prev_ != nullptr) {
    cursor->prev_->next_ = cursor->next_;
  } else {
    head_ = cursor->next_;
  }
  if (cursor->next_ != nullptr) cursor->next_->prev_ = cursor->prev_;
  cursor->list_ = nullptr;
  cursor->prev_ = cursor->next_ = nullptr;
}

void CursorList::TakeFrom(CursorList& other) {
  head_ = std::exchange(other.head_, nullptr);
  for (Cursor* c = head_; c != nullptr; c = c->next_) c->list_ = this;
}

void CursorList::CloseAll() {
  while (head_ != nullptr) {
    head_->Close("Storage error: cursor used after its transaction ended");
  }
}

}  // namespace internal

namespace {

MDB_val ToVal(std::string_view s) {
  // LMDB never writes through an input key.
  return MDB_val{s.size(), const_cast<char*>(s.data())};
}

std::string_view ToView(const MDB_val& v) {
  return std::string_view(static_cast<const char*>(v.mv_data), v.mv_size);
}

}  // namespace

Cursor::Cursor(MDB_cursor* cursor, internal::CursorList* list)
    : cursor_(cursor) {
  list->Add(this);
}

Cursor::Cursor(Cursor&& other) noexcept { MoveFrom(other); }

Cursor& Cursor::operator=(Cursor&& other) noexcept {
  if (this != &other) {
    Close("");
    MoveFrom(other);
  }
  return *this;
}

Cursor::~Cursor() { Close(""); }

void Cursor::MoveFrom(Cursor& other) {
  internal::CursorList* list = other.list_;
  if (list != nullptr) list->Remove(&other);
  cursor_ = std::exchange(other.cursor_, nullptr);
  key_ = other.key_;
  value_ = other.value_;
  valid_ = std::exchange(other.valid_, false);
  status_ = std::move(other.status_);
  if (list != nullptr) list->Add(this);
}

void Cursor::Close(std::string_view why) {
  if (cursor_ != nullptr) {
    mdb_cursor_close(cursor_);
    cursor_ = nullptr;
  }
  if (list_ != nullptr) list_->Remove(this);
  valid_ = false;
  if (!why.empty()) status_ = Status::Internal(std::string(why));
}

bool Cursor::Finish(int rc, const char* what) {
  if (rc == MDB_SUCCESS) {
    valid_ = true;
    return true;
  }
  valid_ = false;
  if (rc != MDB_NOTFOUND) status_ = LmdbStatus(rc, what);
  return false;
}

bool Cursor::Get(MDB_cursor_op op, MDB_val* key) {
  if (cursor_ == nullptr) {
    valid_ = false;
    if (status_.ok()) status_ = Status::Internal("Storage error: cursor is not open");
    return false;
  }
  if (key != nullptr) key_ = *key;
  return Finish(mdb_cursor_get(cursor_, &key_, &value_, op), "mdb_cursor_get");
}

bool Cursor::First() { return Get(MDB_FIRST, nullptr); }

bool Cursor::Last() { return Get(MDB_LAST, nullptr); }

bool Cursor::Seek(std::string_view key) {
  // lmdb.h documents no empty keys; mdb_cursor_set() rejects them with
  // MDB_BAD_VALSIZE, and every stored key is >= "".
  if (key.empty()) return First();
  MDB_val k = ToVal(key);
  return Get(MDB_SET_RANGE, &k);
}

bool Cursor::SeekForPrev(std::string_view key) {
  if (key.empty()) {
    valid_ = false;
    return false;
  }
  MDB_val k = ToVal(key);
  if (Get(MDB_SET_RANGE, &k)) {
    // Landed on the smallest key >= `key`: keep it if equal, else step back.
    if (Key() == key) return true;
    return Get(MDB_PREV, nullptr);
  }
  if (!status_.ok()) return false;
  // Every key is < `key` (or there are none).
  return Get(MDB_LAST, nullptr);
}

bool Cursor::Next() {
  if (!valid_) return false;
  return Get(MDB_NEXT, nullptr);
}

bool Cursor::Prev() {
  if (!valid_) return false;
  return Get(MDB_PREV, nullptr);
}

std::string_view Cursor::Key() const { return valid_ ? ToView(key_) : std::string_view(); }

std::string_view Cursor::Value() const {
  return valid_ ? ToView(value_) : std::string_view();
}

}  // namespace lmddb::storage
