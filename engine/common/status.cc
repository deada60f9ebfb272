// Status and ErrorType names (lmddb/status.hpp).
#include "lmddb/status.hpp"

namespace lmddb {

const char* ErrorTypeName(ErrorType type) {
  switch (type) {
    case ErrorType::kOk: return "OK";
    case ErrorType::kValidation: return "ValidationException";
    case ErrorType::kConditionalCheckFailed: return "ConditionalCheckFailedException";
    case ErrorType::kResourceNotFound: return "ResourceNotFoundException";
    case ErrorType::kResourceInUse: return "ResourceInUseException";
    case ErrorType::kTransactionCanceled: return "TransactionCanceledException";
    case ErrorType::kTransactionConflict: return "TransactionConflictException";
    case ErrorType::kTransactionInProgress: return "TransactionInProgressException";
    case ErrorType::kIdempotentParameterMismatch: return "IdempotentParameterMismatchException";
    case ErrorType::kItemCollectionSizeLimitExceeded: return "ItemCollectionSizeLimitExceededException";
    case ErrorType::kLimitExceeded: return "LimitExceededException";
    case ErrorType::kProvisionedThroughputExceeded: return "ProvisionedThroughputExceededException";
    case ErrorType::kThrottling: return "ThrottlingException";
    case ErrorType::kDuplicateItem: return "DuplicateItemException";
    case ErrorType::kSerialization: return "SerializationException";
    case ErrorType::kUnknownOperation: return "UnknownOperationException";
    case ErrorType::kInternalServerError: return "InternalServerError";
    case ErrorType::kExpiredIterator: return "ExpiredIteratorException";
    case ErrorType::kTrimmedDataAccess: return "TrimmedDataAccessException";
    case ErrorType::kRequestLimitExceeded: return "RequestLimitExceeded";
    case ErrorType::kAccessDenied: return "AccessDeniedException";
    case ErrorType::kUnrecognizedClient: return "UnrecognizedClientException";
    case ErrorType::kMissingAuthenticationToken: return "MissingAuthenticationTokenException";
    case ErrorType::kInvalidSignature: return "InvalidSignatureException";
    case ErrorType::kIncompleteSignature: return "IncompleteSignatureException";
  }
  return "InternalServerError";
}

Status::Status(ErrorType type, std::string message) {
  // An "error" of type kOk would be indistinguishable from success; treat it
  // as an internal fault rather than silently succeeding.
  if (type == ErrorType::kOk) type = ErrorType::kInternalServerError;
  state_ = std::make_unique<State>(State{type, std::move(message), nullptr, nullptr});
}

Status::Status(const Status& other)
    : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
  return *this;
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(ErrorTypeName(state_->type)) + ": " + state_->message;
}

}  // namespace lmddb
