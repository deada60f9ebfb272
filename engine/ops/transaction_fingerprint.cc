// TransactWriteItems request fingerprints (transaction_fingerprint.h).
#include "engine/ops/transaction_fingerprint.h"

#include <xxhash.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/value/item_codec.h"

namespace lmddb::ops {
namespace {

// Length-prefixed pieces keep the encoding unambiguous.
class Encoder {
 public:
  void Tag(char tag) { out_.push_back(tag); }
  void Bytes(std::string_view s) {
    Length(s.size());
    out_.append(s);
  }
  void OptionalString(const std::optional<std::string>& s) {
    Tag(s ? '1' : '0');
    if (s) Bytes(*s);
  }
  void ItemValue(const Item& item) {
    std::string encoded;
    value::EncodeItem(item, &encoded);
    Bytes(encoded);
  }
  void Names(const std::optional<ExpressionAttributeNames>& names) {
    Tag(names ? '1' : '0');
    if (!names) return;
    Length(names->size());
    for (const auto& [key, name] : *names) {
      Bytes(key);
      Bytes(name);
    }
  }
  void Values(const std::optional<ExpressionAttributeValues>& values) {
    Tag(values ? '1' : '0');
    if (values) ItemValue(*values);
  }
  void OnFailure(const std::optional<ReturnValuesOnConditionCheckFailure>& v) {
    Tag(v ? static_cast<char>('0' + static_cast<int>(*v)) : '-');
  }
  const std::string& bytes() const { return out_; }

 private:
  void Length(uint64_t n) {
    for (int shift = 56; shift >= 0; shift -= 8) out_.push_back(static_cast<char>(n >> shift));
  }
  std::string out_;
};

template <typename Action>
void EncodeCommon(const Action& a, Encoder* e) {
  e->Bytes(a.table_name);
  e->Names(a.expression_attribute_names);
  e->Values(a.expression_attribute_values);
  e->OnFailure(a.return_values_on_condition_check_failure);
}

}  // namespace

RequestFingerprint FingerprintTransactWrite(const TransactWriteItemsRequest& request) {
  Encoder e;
  for (const TransactWriteItem& item : request.transact_items) {
    // Each action slot is encoded, set or not, so that moving an action to
    // another slot changes the fingerprint.
    if (const auto& c = item.condition_check) {
      e.Tag('C');
      EncodeCommon(*c, &e);
      e.ItemValue(c->key);
      e.Bytes(c->condition_expression);
    }
    if (const auto& p = item.put) {
      e.Tag('P');
      EncodeCommon(*p, &e);
      e.ItemValue(p->item);
      e.OptionalString(p->condition_expression);
    }
    if (const auto& d = item.delete_) {
      e.Tag('D');
      EncodeCommon(*d, &e);
      e.ItemValue(d->key);
      e.OptionalString(d->condition_expression);
    }
    if (const auto& u = item.update) {
      e.Tag('U');
      EncodeCommon(*u, &e);
      e.ItemValue(u->key);
      e.Bytes(u->update_expression);
      e.OptionalString(u->condition_expression);
    }
    e.Tag(';');
  }
  const XXH128_hash_t hash = XXH3_128bits(e.bytes().data(), e.bytes().size());
  return RequestFingerprint{hash.low64, hash.high64};
}

}  // namespace lmddb::ops
