//===- KQDialect.cpp - The kq dialect -------------------------------------===//

#include "ir/KQDialect.h"
#include "ir/KQOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::kq;

#include "ir/KQOpsDialect.cpp.inc"
#include "ir/KQOpsEnums.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "ir/KQOpsTypes.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "ir/KQOpsAttrs.cpp.inc"

void KQDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "ir/KQOps.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "ir/KQOpsTypes.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "ir/KQOpsAttrs.cpp.inc"
      >();
}
