// ConsumedCapacity as DynamoDB writes it in responses: CapacityUnits (and
// Read/WriteCapacityUnits when set) as Java doubles, the Table share and
// per-index shares for ReturnConsumedCapacity INDEXES, and TableName.
//
// Thread safety: pure functions.
#ifndef LMDDB_API_JSON_CAPACITY_JSON_H_
#define LMDDB_API_JSON_CAPACITY_JSON_H_

#include <vector>

#include "api/json/json_writer.h"
#include "lmddb/operations.hpp"

namespace lmddb::json {

void WriteConsumedCapacity(const ConsumedCapacity& capacity, JsonWriter* w);
// The per-table list the multi-table operations (batches, transactions)
// return: [{...}, ...] in the order given.
void WriteConsumedCapacityList(const std::vector<ConsumedCapacity>& capacities, JsonWriter* w);

}  // namespace lmddb::json

#endif  // LMDDB_API_JSON_CAPACITY_JSON_H_
