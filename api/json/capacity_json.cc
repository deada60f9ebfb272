// ConsumedCapacity in responses (capacity_json.h).
#include "api/json/capacity_json.h"

#include "api/json/request_members.h"

namespace lmddb::json {
namespace {

void WriteCapacityUnits(double total, const std::optional<double>& read,
                        const std::optional<double>& write, JsonWriter* w) {
  w->Key("CapacityUnits");
  w->Raw(JavaDouble(total));
  if (read) {
    w->Key("ReadCapacityUnits");
    w->Raw(JavaDouble(*read));
  }
  if (write) {
    w->Key("WriteCapacityUnits");
    w->Raw(JavaDouble(*write));
  }
}

void WriteIndexCapacities(std::string_view key, const std::map<std::string, Capacity>& indexes,
                          JsonWriter* w) {
  if (indexes.empty()) return;
  w->Key(key);
  w->BeginObject();
  for (const auto& [name, c] : indexes) {
    w->Key(name);
    w->BeginObject();
    WriteCapacityUnits(c.capacity_units, c.read_capacity_units, c.write_capacity_units, w);
    w->EndObject();
  }
  w->EndObject();
}

}  // namespace

void WriteConsumedCapacity(const ConsumedCapacity& c, JsonWriter* w) {
  w->BeginObject();
  WriteCapacityUnits(c.capacity_units, c.read_capacity_units, c.write_capacity_units, w);
  WriteIndexCapacities("GlobalSecondaryIndexes", c.global_secondary_indexes, w);
  WriteIndexCapacities("LocalSecondaryIndexes", c.local_secondary_indexes, w);
  if (c.table) {
    w->Key("Table");
    w->BeginObject();
    WriteCapacityUnits(c.table->capacity_units, c.table->read_capacity_units,
                       c.table->write_capacity_units, w);
    w->EndObject();
  }
  w->Key("TableName");
  w->String(c.table_name);
  w->EndObject();
}

void WriteConsumedCapacityList(const std::vector<ConsumedCapacity>& capacities, JsonWriter* w) {
  w->BeginArray();
  for (const ConsumedCapacity& c : capacities) WriteConsumedCapacity(c, w);
  w->EndArray();
}

}  // namespace lmddb::json
