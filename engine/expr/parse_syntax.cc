// The syntax pass (parse_syntax.h).
//
// The parser is recursive descent turned inside out: each nesting level
// (a parenthesis, a function's arguments, an IN list) is a Frame on a heap
// stack, and a level's step function reads tokens until it finishes, pushes
// a nested level, or finds an error. When a nested level finishes, its
// result waits in result_ for the next step of the level below.
//
// Inside a level everything is a loop: NOT chains are counted, AND/OR
// chains are collected on scratch_ and built into a right-associated tree
// (as DynamoDB's grammar does) when the level ends.
#include "engine/expr/parse_syntax.h"

#include "engine/common/status_macros.h"
#include "engine/common/strings.h"

namespace lmddb::expr::internal {

enum class SyntaxParser::Level : uint8_t {
  kCondTop,       // a whole condition, up to the end
  kCondParen,     // '(' where a condition starts: a condition or an operand
  kOperandParen,  // '(' where only an operand can stand
  kCall,          // a function's arguments
  kInList,        // IN's list
  kUpdate,        // a whole update expression
  kSetParen,      // '(' where a SET value starts: arithmetic or an operand
};

struct SyntaxParser::Frame {
  Level level = Level::kCondTop;
  uint8_t state = 0;
  bool first = true;       // condition levels: only the first term so far
  uint32_t token = 0;      // kCall: the function name
  uint32_t base = 0;       // scratch_ size when the level started
  uint32_t nots = 0;       // NOTs before the primary being read
  TokenKind op = TokenKind::kEof;  // the comparator, BETWEEN, IN, + or -
  uint32_t op_token = 0;
  Result left;             // the term in hand
  uint32_t aux = 0;        // BETWEEN's lower bound; IN's list base
  Clause clause = Clause::kSet;  // kUpdate: the section being read
  uint32_t path = 0;             // kUpdate: the action's path
};

namespace {

// Condition levels.
constexpr uint8_t kExpectPrimary = 0;
constexpr uint8_t kAfterTerm = 1;
constexpr uint8_t kExpectRight = 2;
constexpr uint8_t kExpectLow = 3;
constexpr uint8_t kExpectAnd = 4;
constexpr uint8_t kExpectHigh = 5;
constexpr uint8_t kExpectInParen = 6;
constexpr uint8_t kAwaitIn = 7;
constexpr uint8_t kAfterPrimary = 8;
// Operand parentheses and lists.
constexpr uint8_t kExpectItem = 0;
constexpr uint8_t kAfterItem = 1;
// The update level.
constexpr uint8_t kExpectSection = 0;
constexpr uint8_t kExpectPath = 1;
constexpr uint8_t kExpectSetValue = 2;
constexpr uint8_t kAfterSetTerm = 3;
constexpr uint8_t kExpectSetRight = 4;
constexpr uint8_t kAfterAction = 5;
// SET parentheses.
constexpr uint8_t kExpectFirst = 0;
constexpr uint8_t kAfterFirst = 1;
constexpr uint8_t kExpectSecond = 2;
constexpr uint8_t kExpectClose = 3;

// AND / OR between the primaries a condition level collects.
constexpr uint32_t kAndMark = 0xFFFFFFFFu;
constexpr uint32_t kOrMark = 0xFFFFFFFEu;
constexpr uint32_t kNoNode = 0xFFFFFFFDu;

bool StartsTerm(TokenKind kind) {
  return kind == TokenKind::kLParen || kind == TokenKind::kId || kind == TokenKind::kNameRef ||
         kind == TokenKind::kValueRef;
}

Clause ClauseOf(TokenKind kind) {
  switch (kind) {
    case TokenKind::kRemove: return Clause::kRemove;
    case TokenKind::kAdd: return Clause::kAdd;
    case TokenKind::kDelete: return Clause::kDelete;
    default: return Clause::kSet;
  }
}

}  // namespace

SyntaxParser::SyntaxParser(const Source& source, Tree* tree) : source_(source), tree_(tree) {
  thread_local std::vector<Frame> frames;
  thread_local std::vector<uint32_t> scratch;
  frames.clear();
  scratch.clear();
  frames_ = &frames;
  scratch_ = &scratch;
  tree_->Clear();
}

const Token& SyntaxParser::Peek(size_t ahead) const {
  const std::vector<Token>& tokens = *source_.tokens;
  const size_t i = pos_ + ahead;
  return tokens[i < tokens.size() ? i : tokens.size() - 1];
}

Status SyntaxParser::SyntaxError(size_t index) const {
  const std::vector<Token>& tokens = *source_.tokens;
  const Token& current = tokens[index];
  const bool eof = current.kind == TokenKind::kEof;
  // "near" runs from the token before (or the start) to the token after,
  // with the whitespace in between; a last token takes the trailing space.
  const size_t start = index > 0 ? tokens[index - 1].begin : 0;
  size_t end = source_.text.size();
  if (!eof && index + 1 < tokens.size() && tokens[index + 1].kind != TokenKind::kEof) {
    end = tokens[index + 1].end;
  }
  const std::string_view token = eof ? std::string_view("<EOF>") : TokenText(source_.text, current);
  return source_.Invalid(StrCat("Syntax error; token: \"", token, "\", near: \"",
                                source_.text.substr(start, end - start), "\""));
}

Status SyntaxParser::RedundantParentheses() const {
  return source_.Invalid("The expression has redundant parentheses;");
}

void SyntaxParser::OpenWindow() {
  window_open_ = true;
  window_owner_ = frames_->size() - 1;
  pending_redundancy_ = false;
}

Status SyntaxParser::ResolveWindow() {
  window_open_ = false;
  if (pending_redundancy_) {
    pending_redundancy_ = false;
    return RedundantParentheses();
  }
  return Status::Ok();
}

Status SyntaxParser::RedundancyFound() {
  if (window_open_) {
    pending_redundancy_ = true;
    return Status::Ok();
  }
  return RedundantParentheses();
}

uint32_t SyntaxParser::NewNode(NodeKind kind, uint32_t token, const uint32_t* children,
                               uint32_t count) {
  Node node;
  node.kind = kind;
  node.token = token;
  node.first = static_cast<uint32_t>(tree_->children.size());
  node.count = count;
  tree_->children.insert(tree_->children.end(), children, children + count);
  tree_->nodes.push_back(node);
  return static_cast<uint32_t>(tree_->nodes.size() - 1);
}

uint32_t SyntaxParser::WrapNots(uint32_t node, uint32_t nots) {
  for (uint32_t i = 0; i < nots; ++i) node = NewNode(NodeKind::kNot, 0, &node, 1);
  return node;
}

// Builds the right-associated tree of the primaries collected on scratch_
// from `base` on, AND binding tighter than OR, and drops them.
uint32_t SyntaxParser::BuildChain(uint32_t base) {
  uint32_t any = kNoNode;
  uint32_t all = kNoNode;
  for (size_t i = scratch_->size(); i-- > base;) {
    const uint32_t item = (*scratch_)[i];
    if (item == kAndMark) continue;
    if (item == kOrMark) {
      if (any == kNoNode) {
        any = all;
      } else {
        const uint32_t kids[2] = {all, any};
        any = NewNode(NodeKind::kOr, 0, kids, 2);
      }
      all = kNoNode;
      continue;
    }
    if (all == kNoNode) {
      all = item;
    } else {
      const uint32_t kids[2] = {item, all};
      all = NewNode(NodeKind::kAnd, 0, kids, 2);
    }
  }
  if (any == kNoNode) {
    any = all;
  } else {
    const uint32_t kids[2] = {all, any};
    any = NewNode(NodeKind::kOr, 0, kids, 2);
  }
  scratch_->resize(base);
  return any;
}

void SyntaxParser::AddAction(Clause clause, uint32_t path, int32_t value) {
  tree_->actions.push_back(Action{clause, path, value});
  ++tree_->sections.back().action_count;
}

void SyntaxParser::PushLevel(Level level, uint8_t state) {
  Frame frame;
  frame.level = level;
  frame.state = state;
  frame.base = static_cast<uint32_t>(scratch_->size());
  frames_->push_back(frame);
}

void SyntaxParser::PushCall() {
  const uint32_t name = static_cast<uint32_t>(pos_);
  pos_ += 2;  // the name and '('
  PushLevel(Level::kCall, kExpectItem);
  frames_->back().token = name;
}

void SyntaxParser::Finish(Result result) {
  frames_->pop_back();
  have_result_ = true;
  result_ = result;
}

SyntaxParser::Result SyntaxParser::TakeResult() {
  have_result_ = false;
  return result_;
}

uint32_t SyntaxParser::ReadValue() {
  const uint32_t node = NewNode(NodeKind::kValue, static_cast<uint32_t>(pos_), nullptr, 0);
  ++pos_;
  return node;
}

StatusOr<uint32_t> SyntaxParser::ReadPath() {
  using Kind = PathElement::Kind;
  const Token& head = Peek();
  if (head.kind != TokenKind::kId && head.kind != TokenKind::kNameRef) return SyntaxError(pos_);
  const uint32_t first_token = static_cast<uint32_t>(pos_);
  const uint32_t first = static_cast<uint32_t>(tree_->elems.size());
  auto add = [&](Kind kind) {
    PathElement e;
    e.kind = kind;
    e.token = static_cast<uint32_t>(pos_);
    if (kind == Kind::kName) e.name = TokenText(source_.text, Peek());
    tree_->elems.push_back(e);
    ++pos_;
  };
  add(head.kind == TokenKind::kId ? Kind::kName : Kind::kNameRef);
  for (;;) {
    const TokenKind kind = Peek().kind;
    if (kind == TokenKind::kDot) {
      ++pos_;
      const TokenKind next = Peek().kind;
      if (next == TokenKind::kId) {
        add(Kind::kName);
      } else if (next == TokenKind::kNameRef) {
        add(Kind::kNameRef);
      } else if (next == TokenKind::kValueRef) {
        add(Kind::kValueRef);  // allowed by the grammar, refused by validation
      } else {
        return SyntaxError(pos_);
      }
    } else if (kind == TokenKind::kLBracket) {
      ++pos_;
      if (Peek().kind != TokenKind::kIndex) return SyntaxError(pos_);
      add(Kind::kIndex);
      if (Peek().kind != TokenKind::kRBracket) return SyntaxError(pos_);
      ++pos_;
    } else {
      break;
    }
  }
  Node node;
  node.kind = NodeKind::kPath;
  node.token = first_token;
  node.first = first;
  node.count = static_cast<uint32_t>(tree_->elems.size()) - first;
  tree_->nodes.push_back(node);
  return static_cast<uint32_t>(tree_->nodes.size() - 1);
}

StatusOr<SyntaxParser::Result> SyntaxParser::ReadPathOrValue() {
  if (Peek().kind == TokenKind::kValueRef) return Result{ReadValue(), Term::kOperand};
  LMDDB_ASSIGN_OR_RETURN(uint32_t path, ReadPath());
  return Result{path, Term::kOperand};
}

StatusOr<bool> SyntaxParser::StartTerm(Level paren, uint8_t state, Result* out) {
  const Token& t = Peek();
  if (!StartsTerm(t.kind)) return SyntaxError(pos_);
  if (t.kind == TokenKind::kLParen) {
    ++pos_;
    PushLevel(paren, state);
    return false;
  }
  if (t.kind == TokenKind::kId && Peek(1).kind == TokenKind::kLParen) {
    PushCall();
    return false;
  }
  LMDDB_ASSIGN_OR_RETURN(*out, ReadPathOrValue());
  return true;
}

Status SyntaxParser::TakeOperator(uint8_t next_state) {
  Frame& f = frames_->back();
  f.op = Peek().kind;
  f.op_token = static_cast<uint32_t>(pos_);
  ++pos_;
  f.state = next_state;
  return Status::Ok();
}

Status SyntaxParser::AddPrimary(uint32_t node) {
  Frame& f = frames_->back();
  scratch_->push_back(WrapNots(node, f.nots));
  f.nots = 0;
  f.state = kAfterPrimary;
  return Status::Ok();
}

uint32_t SyntaxParser::NewArithmetic(uint32_t right) {
  const Frame& f = frames_->back();
  const uint32_t kids[2] = {f.left.node, right};
  return NewNode(f.op == TokenKind::kPlus ? NodeKind::kPlus : NodeKind::kMinus, f.op_token, kids,
                 2);
}

Status SyntaxParser::CloseGroup(Result inner) {
  if (tree_->nodes[inner.node].paren) LMDDB_RETURN_IF_ERROR(RedundancyFound());
  tree_->nodes[inner.node].paren = true;
  ++pos_;
  Finish(inner);
  return Status::Ok();
}

Status SyntaxParser::Run() {
  while (!frames_->empty()) {
    Status status;
    switch (frames_->back().level) {
      case Level::kCondTop:
      case Level::kCondParen: status = StepCondition(); break;
      case Level::kOperandParen: status = StepOperandParen(); break;
      case Level::kCall:
      case Level::kInList: status = StepList(); break;
      case Level::kUpdate: status = StepUpdate(); break;
      case Level::kSetParen: status = StepSetParen(); break;
    }
    LMDDB_RETURN_IF_ERROR(status);
  }
  return Status::Ok();
}

// Reads a term into `var`: from a nested level that just finished, at
// once, or by pushing a level (a '(' opens `paren` in `state`) and
// returning, to come back when that level finishes.
#define LMDDB_READ_TERM(var, paren, state)                                      \
  Result var;                                                                   \
  if (have_result_) {                                                           \
    var = TakeResult();                                                         \
  } else {                                                                      \
    LMDDB_ASSIGN_OR_RETURN(const bool lmddb_now, StartTerm(paren, state, &var)); \
    if (!lmddb_now) return Status::Ok();                                        \
  }
// Reads an operand where only an operand may stand.
#define LMDDB_READ_OPERAND(var) LMDDB_READ_TERM(var, Level::kOperandParen, kExpectItem)

Status SyntaxParser::StepCondition() {
  Frame& f = frames_->back();
  switch (f.state) {
    case kExpectPrimary: {
      if (!have_result_) {
        const TokenKind kind = Peek().kind;
        if (kind == TokenKind::kNot) {
          // NOT only starts a condition: the content of an enclosing
          // parenthesis is now known to be one.
          if (f.first && window_open_) LMDDB_RETURN_IF_ERROR(ResolveWindow());
          f.first = false;
          ++f.nots;
          ++pos_;
          return Status::Ok();
        }
        if (!StartsTerm(kind)) return SyntaxError(pos_);
        if (!window_open_) OpenWindow();
      }
      LMDDB_READ_TERM(term, Level::kCondParen, kExpectPrimary);
      f.left = term;
      f.state = kAfterTerm;
      return Status::Ok();
    }
    case kAfterTerm: {
      const Token& t = Peek();
      const Result term = f.left;
      if (IsComparatorToken(t.kind) || t.kind == TokenKind::kBetween || t.kind == TokenKind::kIn) {
        if (term.term == Term::kCond) return SyntaxError(pos_);
        if (window_open_) LMDDB_RETURN_IF_ERROR(ResolveWindow());
        f.first = false;
        return TakeOperator(t.kind == TokenKind::kBetween ? kExpectLow
                            : t.kind == TokenKind::kIn    ? kExpectInParen
                                                          : kExpectRight);
      }
      // A bare term closing the parenthesis that holds it: "(a)", "(f(x))".
      const bool bare =
          f.level == Level::kCondParen && f.first && f.nots == 0 && t.kind == TokenKind::kRParen;
      switch (term.term) {
        case Term::kOperand:
          if (!bare) return SyntaxError(pos_);
          return CloseGroup(term);
        case Term::kCall: {
          const bool owner = window_open_ && window_owner_ == frames_->size() - 1;
          if (owner || t.kind == TokenKind::kAnd || t.kind == TokenKind::kOr) {
            // Complete as a condition, or followed by AND/OR: the choice
            // between condition and operand is made.
            if (window_open_) LMDDB_RETURN_IF_ERROR(ResolveWindow());
            break;
          }
          if (bare) return CloseGroup(term);  // still undecided
          break;  // no continuation: the level's end reports this token
        }
        case Term::kCond:
          break;
        case Term::kArith:
          return Status::Internal("expression parser: arithmetic in a condition");
      }
      return AddPrimary(term.node);
    }
    case kExpectRight: {
      LMDDB_READ_OPERAND(right);
      const uint32_t kids[2] = {f.left.node, right.node};
      const uint32_t node = NewNode(NodeKind::kCompare, f.op_token, kids, 2);
      tree_->nodes[node].op = f.op;
      return AddPrimary(node);
    }
    case kExpectLow: {
      LMDDB_READ_OPERAND(low);
      f.aux = low.node;
      f.state = kExpectAnd;
      return Status::Ok();
    }
    case kExpectAnd:
      if (Peek().kind != TokenKind::kAnd) return SyntaxError(pos_);
      ++pos_;
      f.state = kExpectHigh;
      return Status::Ok();
    case kExpectHigh: {
      LMDDB_READ_OPERAND(high);
      const uint32_t kids[3] = {f.left.node, f.aux, high.node};
      return AddPrimary(NewNode(NodeKind::kBetween, f.op_token, kids, 3));
    }
    case kExpectInParen:
      if (Peek().kind != TokenKind::kLParen) return SyntaxError(pos_);
      ++pos_;
      f.aux = static_cast<uint32_t>(scratch_->size());
      f.state = kAwaitIn;
      PushLevel(Level::kInList, kExpectItem);
      return Status::Ok();
    case kAwaitIn: {
      TakeResult();  // the list is on scratch_ from f.aux on
      const uint32_t head = f.left.node;
      Node in;
      in.kind = NodeKind::kIn;
      in.token = f.op_token;
      in.first = static_cast<uint32_t>(tree_->children.size());
      in.count = static_cast<uint32_t>(scratch_->size() - f.aux) + 1;
      tree_->children.push_back(head);
      tree_->children.insert(tree_->children.end(), scratch_->begin() + f.aux, scratch_->end());
      tree_->nodes.push_back(in);
      scratch_->resize(f.aux);
      return AddPrimary(static_cast<uint32_t>(tree_->nodes.size() - 1));
    }
    case kAfterPrimary: {
      const Token& t = Peek();
      if (t.kind == TokenKind::kAnd || t.kind == TokenKind::kOr) {
        f.first = false;
        scratch_->push_back(t.kind == TokenKind::kAnd ? kAndMark : kOrMark);
        ++pos_;
        f.state = kExpectPrimary;
        return Status::Ok();
      }
      if (f.level == Level::kCondTop) {
        if (t.kind != TokenKind::kEof) return SyntaxError(pos_);
        tree_->root = BuildChain(f.base);
        frames_->pop_back();
        return Status::Ok();
      }
      if (t.kind != TokenKind::kRParen) return SyntaxError(pos_);
      const bool single = scratch_->size() == static_cast<size_t>(f.base) + 1;
      const uint32_t node = BuildChain(f.base);
      if (single && tree_->nodes[node].paren) LMDDB_RETURN_IF_ERROR(RedundancyFound());
      tree_->nodes[node].paren = true;
      ++pos_;
      Finish(Result{node, Term::kCond});
      return Status::Ok();
    }
    default:
      return Status::Internal("expression parser: bad condition state");
  }
}

Status SyntaxParser::StepOperandParen() {
  Frame& f = frames_->back();
  if (f.state == kExpectItem) {
    LMDDB_READ_OPERAND(inner);
    f.left = inner;
    f.state = kAfterItem;
  }
  if (Peek().kind != TokenKind::kRParen) return SyntaxError(pos_);
  return CloseGroup(f.left);
}

Status SyntaxParser::StepList() {
  Frame& f = frames_->back();
  if (f.state == kExpectItem) {
    LMDDB_READ_OPERAND(item);
    scratch_->push_back(item.node);
    f.state = kAfterItem;
  }
  const Token& t = Peek();
  if (t.kind == TokenKind::kComma) {
    ++pos_;
    f.state = kExpectItem;
    return Status::Ok();
  }
  if (t.kind != TokenKind::kRParen) return SyntaxError(pos_);
  ++pos_;
  if (f.level == Level::kCall) {
    const uint32_t node =
        NewNode(NodeKind::kFunction, f.token, scratch_->data() + f.base,
                static_cast<uint32_t>(scratch_->size() - f.base));
    scratch_->resize(f.base);
    Finish(Result{node, Term::kCall});
  } else {
    Finish(Result{0, Term::kOperand});  // the items stay on scratch_ for the IN
  }
  return Status::Ok();
}

Status SyntaxParser::StepUpdate() {
  Frame& f = frames_->back();
  switch (f.state) {
    case kExpectSection: {
      const Token& t = Peek();
      if (!IsSectionKeywordToken(t.kind)) return SyntaxError(pos_);
      f.clause = ClauseOf(t.kind);
      tree_->sections.push_back(
          Section{f.clause, static_cast<uint32_t>(tree_->actions.size()), 0});
      ++pos_;
      f.state = kExpectPath;
      return Status::Ok();
    }
    case kExpectPath: {
      LMDDB_ASSIGN_OR_RETURN(const uint32_t path, ReadPath());
      f.path = path;
      switch (f.clause) {
        case Clause::kSet:
          if (Peek().kind != TokenKind::kEq) return SyntaxError(pos_);
          ++pos_;
          OpenWindow();
          f.state = kExpectSetValue;
          return Status::Ok();
        case Clause::kRemove:
          AddAction(Clause::kRemove, path, -1);
          f.state = kAfterAction;
          return Status::Ok();
        case Clause::kAdd:
        case Clause::kDelete:
          if (Peek().kind != TokenKind::kValueRef) return SyntaxError(pos_);
          AddAction(f.clause, path, static_cast<int32_t>(ReadValue()));
          f.state = kAfterAction;
          return Status::Ok();
      }
      return Status::Internal("expression parser: bad clause");
    }
    case kExpectSetValue: {
      LMDDB_READ_TERM(term, Level::kSetParen, kExpectFirst);
      f.left = term;
      f.state = kAfterSetTerm;
      return Status::Ok();
    }
    case kAfterSetTerm: {
      // The value's first operand is complete, which settles the choice
      // between a plain operand and arithmetic.
      if (window_open_) LMDDB_RETURN_IF_ERROR(ResolveWindow());
      const Token& t = Peek();
      if (f.left.term != Term::kArith &&
          (t.kind == TokenKind::kPlus || t.kind == TokenKind::kMinus)) {
        return TakeOperator(kExpectSetRight);
      }
      AddAction(Clause::kSet, f.path, static_cast<int32_t>(f.left.node));
      f.state = kAfterAction;
      return Status::Ok();
    }
    case kExpectSetRight: {
      LMDDB_READ_OPERAND(right);
      AddAction(Clause::kSet, f.path, static_cast<int32_t>(NewArithmetic(right.node)));
      f.state = kAfterAction;
      return Status::Ok();
    }
    case kAfterAction: {
      const Token& t = Peek();
      if (t.kind == TokenKind::kComma) {
        ++pos_;
        f.state = kExpectPath;
        return Status::Ok();
      }
      if (IsSectionKeywordToken(t.kind)) {
        f.state = kExpectSection;
        return Status::Ok();
      }
      if (t.kind == TokenKind::kEof) {
        frames_->pop_back();
        return Status::Ok();
      }
      return SyntaxError(pos_);
    }
    default:
      return Status::Internal("expression parser: bad update state");
  }
}

Status SyntaxParser::StepSetParen() {
  Frame& f = frames_->back();
  switch (f.state) {
    case kExpectFirst: {
      LMDDB_READ_TERM(term, Level::kSetParen, kExpectFirst);
      f.left = term;
      f.state = kAfterFirst;
      [[fallthrough]];
    }
    case kAfterFirst: {
      const Token& t = Peek();
      if (t.kind == TokenKind::kPlus || t.kind == TokenKind::kMinus) {
        if (f.left.term == Term::kArith) return SyntaxError(pos_);
        if (window_open_) LMDDB_RETURN_IF_ERROR(ResolveWindow());  // it is arithmetic
        return TakeOperator(kExpectSecond);
      }
      if (t.kind != TokenKind::kRParen) return SyntaxError(pos_);
      return CloseGroup(f.left);
    }
    case kExpectSecond: {
      LMDDB_READ_OPERAND(right);
      f.left = Result{NewArithmetic(right.node), Term::kArith};
      f.state = kExpectClose;
      [[fallthrough]];
    }
    case kExpectClose:
      // A new node: never in parentheses before, so never redundant.
      if (Peek().kind != TokenKind::kRParen) return SyntaxError(pos_);
      return CloseGroup(f.left);
    default:
      return Status::Internal("expression parser: bad SET state");
  }
}

#undef LMDDB_READ_OPERAND
#undef LMDDB_READ_TERM

Status SyntaxParser::ParseCondition() {
  PushLevel(Level::kCondTop, kExpectPrimary);
  return Run();
}

Status SyntaxParser::ParseUpdate() {
  PushLevel(Level::kUpdate, kExpectSection);
  return Run();
}

Status SyntaxParser::ParseProjection() {
  for (;;) {
    LMDDB_ASSIGN_OR_RETURN(const uint32_t path, ReadPath());
    tree_->paths.push_back(path);
    const TokenKind kind = Peek().kind;
    if (kind == TokenKind::kEof) return Status::Ok();
    if (kind != TokenKind::kComma) return SyntaxError(pos_);
    ++pos_;
  }
}

}  // namespace lmddb::expr::internal
