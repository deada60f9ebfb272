// lmddb/status.hpp: the result of every lmddb call.
//
// A Status is either OK or carries the DynamoDB error type (the exception
// name a DynamoDB client would see) and DynamoDB's message text. StatusOr<T>
// holds either a value or a non-OK Status.
//
// Thread safety: a Status is a value type; distinct objects may be used from
// different threads freely, one object needs external synchronization.
//
// The public headers do not include abseil, so embedders need no particular
// abseil build to compile against lmddb.
#ifndef LMDDB_STATUS_HPP_
#define LMDDB_STATUS_HPP_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace lmddb {

class AttributeValue;  // lmddb/attribute_value.hpp
using Item = std::map<std::string, AttributeValue, std::less<>>;
struct CancellationReason;  // lmddb/operations.hpp

// The DynamoDB exception a failed call maps to. The numeric values are part
// of the C ABI (api/c result codes): this enum only grows; never renumber.
enum class ErrorType : uint16_t {
  kOk = 0,
  kValidation = 1,                       // ValidationException
  kConditionalCheckFailed = 2,           // ConditionalCheckFailedException
  kResourceNotFound = 3,                 // ResourceNotFoundException
  kResourceInUse = 4,                    // ResourceInUseException
  kTransactionCanceled = 5,              // TransactionCanceledException
  kTransactionConflict = 6,              // TransactionConflictException
  kTransactionInProgress = 7,            // TransactionInProgressException
  kIdempotentParameterMismatch = 8,      // IdempotentParameterMismatchException
  kItemCollectionSizeLimitExceeded = 9,  // ItemCollectionSizeLimitExceededException
  kLimitExceeded = 10,                   // LimitExceededException
  kProvisionedThroughputExceeded = 11,   // ProvisionedThroughputExceededException
  kThrottling = 12,                      // ThrottlingException
  kDuplicateItem = 13,                   // DuplicateItemException
  kSerialization = 14,                   // SerializationException
  kUnknownOperation = 15,                // UnknownOperationException
  kInternalServerError = 16,             // InternalServerError
  kExpiredIterator = 17,                 // ExpiredIteratorException
  kTrimmedDataAccess = 18,               // TrimmedDataAccessException
  kRequestLimitExceeded = 19,            // RequestLimitExceeded
  kAccessDenied = 20,                    // AccessDeniedException
  kUnrecognizedClient = 21,              // UnrecognizedClientException
  kMissingAuthenticationToken = 22,      // MissingAuthenticationTokenException
  kInvalidSignature = 23,                // InvalidSignatureException
  kIncompleteSignature = 24,             // IncompleteSignatureException
};

// The exception name as DynamoDB spells it ("ValidationException");
// "OK" for kOk. Never null; static storage.
const char* ErrorTypeName(ErrorType type);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorType type, std::string message);
  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  ~Status() = default;

  static Status Ok() { return Status(); }
  // Factories named after the wire exception.
  static Status Validation(std::string message) {
    return Status(ErrorType::kValidation, std::move(message));
  }
  static Status ResourceNotFound(std::string message) {
    return Status(ErrorType::kResourceNotFound, std::move(message));
  }
  static Status ResourceInUse(std::string message) {
    return Status(ErrorType::kResourceInUse, std::move(message));
  }
  static Status ConditionalCheckFailed(std::string message) {
    return Status(ErrorType::kConditionalCheckFailed, std::move(message));
  }
  static Status LimitExceeded(std::string message) {
    return Status(ErrorType::kLimitExceeded, std::move(message));
  }
  static Status TransactionCanceled(std::string message) {
    return Status(ErrorType::kTransactionCanceled, std::move(message));
  }
  static Status IdempotentParameterMismatch(std::string message) {
    return Status(ErrorType::kIdempotentParameterMismatch, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(ErrorType::kInternalServerError, std::move(message));
  }

  bool ok() const { return state_ == nullptr; }
  ErrorType type() const { return state_ ? state_->type : ErrorType::kOk; }
  // DynamoDB's message text; empty when OK.
  const std::string& message() const;
  // "ValidationException: <message>", or "OK".
  std::string ToString() const;

  // The item a ConditionalCheckFailedException carries when the request
  // asked for it (ReturnValuesOnConditionCheckFailure ALL_OLD); null when
  // none is attached (also when the condition failed on a missing item).
  const Item* item() const { return state_ ? state_->item.get() : nullptr; }
  // Returns this status with `item` attached. REQUIRES: !ok().
  Status WithItem(Item item) &&;

  // The reasons a TransactionCanceledException carries, one per action of
  // the transaction in request order (lmddb/operations.hpp); null otherwise.
  const std::vector<CancellationReason>* cancellation_reasons() const {
    return state_ ? state_->cancellation_reasons.get() : nullptr;
  }
  // Returns this status with `reasons` attached. REQUIRES: !ok().
  Status WithCancellationReasons(std::vector<CancellationReason> reasons) &&;

  friend bool operator==(const Status& a, const Status& b) {
    return a.type() == b.type() && a.message() == b.message();
  }

 private:
  struct State {
    ErrorType type;
    std::string message;
    std::shared_ptr<const Item> item;  // immutable once attached, so copies share it
    std::shared_ptr<const std::vector<CancellationReason>> cancellation_reasons;  // likewise
  };
  std::unique_ptr<State> state_;  // null when OK: an OK Status costs one pointer
};

// Either a T or a non-OK Status. Accessing value() on an error is a
// programming error (checked by assertion in debug builds).
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : rep_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : rep_(std::move(status)) {  // NOLINT
    if (std::get<Status>(rep_).ok()) {
      rep_ = Status::Internal("StatusOr constructed from an OK status");
    }
  }

  bool ok() const { return std::holds_alternative<T>(rep_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(rep_);
  }
  T& value() & { return std::get<T>(rep_); }
  const T& value() const& { return std::get<T>(rep_); }
  T&& value() && { return std::get<T>(std::move(rep_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<Status, T> rep_;
};

}  // namespace lmddb

#endif  // LMDDB_STATUS_HPP_
