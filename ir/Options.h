//===- Options.h - What the front end and passes ask of option enums ------===//
//
// The option enums of ir/KQOptions.td (mlir-tblgen makes their C++): their
// spellings in code order, for Sema's checks, "expected ..." lists and
// "did you mean" suggestions, so none of them is written out by hand.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_IR_OPTIONS_H
#define KQ_IR_OPTIONS_H

#include "ir/KQDialect.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace mlir::kq {

/// Every spelling of option enum `Enum`, in the order of its codes.
template <typename Enum> llvm::SmallVector<llvm::StringRef> optionNames() {
  llvm::SmallVector<llvm::StringRef> names;
  for (uint32_t code = 0; code < 64; ++code)
    if (llvm::StringRef name = stringifyEnum(static_cast<Enum>(code)); !name.empty())
      names.push_back(name);
  return names;
}

/// The spellings as a sentence: "a, b or c".
template <typename Enum> std::string optionList() {
  llvm::SmallVector<llvm::StringRef> names = optionNames<Enum>();
  std::string text;
  for (size_t i = 0; i < names.size(); ++i)
    text += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i].str();
  return text;
}

/// The code the runtime receives for `value` (KQOptions.h names it).
template <typename Enum> int32_t optionCode(Enum value) { return static_cast<int32_t>(value); }

} // namespace mlir::kq

#endif // KQ_IR_OPTIONS_H
