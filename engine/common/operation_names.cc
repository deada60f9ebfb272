// Wire names of the enums in lmddb/operations.hpp.
#include "lmddb/operations.hpp"

namespace lmddb {

const char* KeyTypeName(KeyType t) { return t == KeyType::kHash ? "HASH" : "RANGE"; }

const char* BillingModeName(BillingMode m) {
  return m == BillingMode::kPayPerRequest ? "PAY_PER_REQUEST" : "PROVISIONED";
}

const char* TableStatusName(TableStatus s) {
  switch (s) {
    case TableStatus::kCreating: return "CREATING";
    case TableStatus::kActive: return "ACTIVE";
    case TableStatus::kDeleting: return "DELETING";
    case TableStatus::kUpdating: return "UPDATING";
  }
  return "ACTIVE";
}

const char* ReturnValueName(ReturnValue r) {
  switch (r) {
    case ReturnValue::kNone: return "NONE";
    case ReturnValue::kAllOld: return "ALL_OLD";
    case ReturnValue::kUpdatedOld: return "UPDATED_OLD";
    case ReturnValue::kAllNew: return "ALL_NEW";
    case ReturnValue::kUpdatedNew: return "UPDATED_NEW";
  }
  return "NONE";
}

const char* ReturnConsumedCapacityName(ReturnConsumedCapacity r) {
  switch (r) {
    case ReturnConsumedCapacity::kNone: return "NONE";
    case ReturnConsumedCapacity::kTotal: return "TOTAL";
    case ReturnConsumedCapacity::kIndexes: return "INDEXES";
  }
  return "NONE";
}

const char* SelectName(Select s) {
  switch (s) {
    case Select::kAllAttributes: return "ALL_ATTRIBUTES";
    case Select::kAllProjectedAttributes: return "ALL_PROJECTED_ATTRIBUTES";
    case Select::kSpecificAttributes: return "SPECIFIC_ATTRIBUTES";
    case Select::kCount: return "COUNT";
  }
  return "ALL_ATTRIBUTES";
}

}  // namespace lmddb
