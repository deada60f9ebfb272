// Applying a ProjectionExpression: the part of an item the paths select,
// shaped as DynamoDB returns it. A path into a map keeps the enclosing
// maps ({"a": {"b": ...}}); list elements selected by index are returned
// as a list holding only the selected elements, in index order; a path that
// does not resolve contributes nothing.
//
// Thread safety: pure functions.
#ifndef LMDDB_ENGINE_EXPR_PROJECTION_H_
#define LMDDB_ENGINE_EXPR_PROJECTION_H_

#include <vector>

#include "engine/expr/ast.h"
#include "engine/value/item_codec.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace lmddb::expr {

// From a stored item: decodes only the selected values. Errors only for a
// corrupt stored item (Status::Internal).
StatusOr<Item> Project(const std::vector<DocumentPath>& paths, const value::ItemView& item);

// From a decoded item (UpdateItem's UPDATED_OLD / UPDATED_NEW).
Item Project(const std::vector<DocumentPath>& paths, const Item& item);

}  // namespace lmddb::expr

#endif  // LMDDB_ENGINE_EXPR_PROJECTION_H_
