// Applying an UpdateExpression to an item, with DynamoDB's semantics and
// messages (ValidationException):
//   SET     path = value | value + value | value - value, where a value is a
//           path, an ExpressionAttributeValue, if_not_exists(path, value) or
//           list_append(value, value). + and - take numbers, with exact
//           decimal arithmetic and DynamoDB's overflow errors. Setting
//           list[i] past the end appends. Operands read the item as it was
//           before the update.
//   REMOVE  path; a missing attribute is ignored; removing list[i] shifts
//           later elements (indexes refer to the list before the update).
//   ADD     a number (a missing attribute counts as 0) or a set (union).
//   DELETE  set difference; a set left empty is removed.
//   "The document path provided in the update expression is invalid for update"
//   "The provided expression refers to an attribute that does not exist in the item"
//   "An operand in the update expression has an incorrect data type"
//   and the others DynamoDB gives for the update's values.
//
// Thread safety: pure functions.
#ifndef LMDDB_ENGINE_EXPR_UPDATE_H_
#define LMDDB_ENGINE_EXPR_UPDATE_H_

#include <vector>

#include "engine/expr/ast.h"
#include "lmddb/attribute_value.hpp"
#include "lmddb/status.hpp"

namespace lmddb::expr {

// Applies `update` to *item: the stored item or, when there is none, an
// item holding just the request's key attributes. DynamoDB evaluates an
// update of a missing item against its key (`SET b = if_not_exists(b, a)`,
// a being the partition key, copies the key into b).
//
// Semantics beyond the summary above:
//   - List indexes refer to the list before the update: in one update,
//     `REMOVE a[1] SET a[3] = :v` replaces the old a[3] and drops the old
//     a[1]. Elements written past the end (by SET or ADD) are appended in
//     the order of the indexes written, after all old elements.
//   - REMOVE, ADD and DELETE, like SET, need every step above the target to
//     exist with the right type (a map for a name, a list for an index),
//     else "invalid for update". Only the target itself may be absent.
//     (DynamoDB ignores REMOVE through a missing parent when the whole
//     item is missing; the caller knows that case, this function does not.)
//   - A DELETE that empties a set removes it, from a map or from a list.
//   - ADD and DELETE work on nested targets too; ADD past a list's end
//     appends.
//
// On error *item is left unchanged (every check runs before the first
// write). The result is not validated against item limits (size, nesting):
// the caller does that, as for any written item.
Status ApplyUpdate(const UpdateExpression& update, Item* item);

// The paths the update writes (SET, then REMOVE, ADD and DELETE targets,
// each as written), for ReturnValues UPDATED_OLD / UPDATED_NEW: project
// them from the old or the new item. This matches DynamoDB, whose
// UPDATED_NEW after `SET a[100] = :v` that appended at a[3] returns
// nothing (a[100] does not exist in the new item), and after
// `REMOVE a[1]` returns the element that moved into a[1].
std::vector<DocumentPath> UpdatedPaths(const UpdateExpression& update);

}  // namespace lmddb::expr

#endif  // LMDDB_ENGINE_EXPR_UPDATE_H_
