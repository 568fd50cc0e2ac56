//===- KQDialect.h - The kq dialect ---------------------------------------===//
#ifndef KQ_IR_KQDIALECT_H
#define KQ_IR_KQDIALECT_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/Dialect.h"

#include "ir/KQOpsDialect.h.inc"
#include "ir/KQOpsEnums.h.inc"

#define GET_TYPEDEF_CLASSES
#include "ir/KQOpsTypes.h.inc"

#define GET_ATTRDEF_CLASSES
#include "ir/KQOpsAttrs.h.inc"

#endif // KQ_IR_KQDIALECT_H
