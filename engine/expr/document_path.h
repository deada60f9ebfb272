// Resolving a document path (ast.h: `a.b[2].c`) inside an item, either in
// its stored encoding (value/item_codec.h) or decoded.
//
// A path resolves only when every step matches: a name step needs an M
// value holding that key, an index step needs an L value long enough. Any
// other case (a missing attribute, a name step on a list or a scalar, an
// index past the end) resolves to nothing; DynamoDB treats all of them as
// "the attribute does not exist", never as an error.
//
// The encoded resolver skips sibling values without decoding them and
// allocates nothing; the only error it returns is Status::Internal for
// corrupt stored bytes met on the way.
//
// Thread safety: pure functions.
#ifndef LMDDB_ENGINE_EXPR_DOCUMENT_PATH_H_
#define LMDDB_ENGINE_EXPR_DOCUMENT_PATH_H_

#include <optional>

#include "engine/expr/ast.h"
#include "engine/value/item_codec.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace lmddb::expr {

// One step down from `value`: the member `step.name` of an M, or the
// element `step.index` of an L. nullopt when `value` has another type or
// lacks the member or element. REQUIRES: the pointer overload's `value` is
// not null.
StatusOr<std::optional<value::ValueView>> ResolveStep(value::ValueView value,
                                                      const PathElement& step);
const AttributeValue* ResolveStep(const AttributeValue& value, const PathElement& step);
AttributeValue* ResolveStep(AttributeValue* value, const PathElement& step);

// The value `path` names in `item`; nullopt / nullptr when it does not
// resolve (including an empty path, or one that starts with an index).
// Pointers returned from a decoded item stay valid until the item changes;
// the mutable overload lets an update change the value in place.
StatusOr<std::optional<value::ValueView>> ResolvePath(const DocumentPath& path,
                                                      const value::ItemView& item);
const AttributeValue* ResolvePath(const DocumentPath& path, const Item& item);
AttributeValue* ResolvePath(const DocumentPath& path, Item* item);

}  // namespace lmddb::expr

#endif  // LMDDB_ENGINE_EXPR_DOCUMENT_PATH_H_
