//===- SetKernels.cpp - Generated kernels of the Boolean set operations ---===//
//
// scf loops over the runtime's arrays, through LLVM pointers (see
// SetKernels.h for what each kernel computes). Ids are unsigned 32-bit,
// positions 64-bit. Loops that could run past an array test their bound
// before they load; the merges store unconditionally and advance the output
// position by the comparison, so their bodies have no branches.
//
//===----------------------------------------------------------------------===//

#include "backend/KQToRuntime/SetKernels.h"
#include "backend/KQToRuntime/KernelBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"

#include <array>
#include <cstdint>

using namespace mlir;
using namespace mlir::kq;
using namespace mlir::kq::set_kernels;

namespace {

constexpr llvm::StringLiteral kLowerBound = "kq.kernel.set.lower_bound";

class SetKernelEmitter : KernelBuilder {
public:
  explicit SetKernelEmitter(ModuleOp module)
      : KernelBuilder(module), b(builder), i1(b.getI1Type()), i32(b.getI32Type()),
        setStruct(LLVM::LLVMStructType::getLiteral(module.getContext(), {ptr, i64})),
        adjacencyStruct(
            LLVM::LLVMStructType::getLiteral(module.getContext(), {ptr, ptr, ptr, i64})) {}

  void emitAll() {
    emitLowerBound();
    emitMerge(kIntersect);
    emitMerge(kUnion);
    emitMerge(kDifference);
    emitProject();
    emitSelfLoops();
    emitGuard();
  }

private:
  Value zero() { return index(0); }
  Value one() { return index(1); }
  Value compare(arith::CmpIPredicate predicate, Value x, Value y) {
    return b.create<arith::CmpIOp>(loc, predicate, x, y);
  }
  Value select(Value condition, Value x, Value y) {
    return b.create<arith::SelectOp>(loc, condition, x, y);
  }
  /// 1 when `condition` holds, else 0, as an i64.
  Value count(Value condition) { return b.create<arith::ExtUIOp>(loc, i64, condition); }
  Value both(Value x, Value y) { return b.create<arith::AndIOp>(loc, x, y); }

  Value setIds(Value set) { return loadField(set, setStruct, 0, ptr); }
  Value setSize(Value set) { return loadField(set, setStruct, 1, i64); }
  void storeSize(Value set, Value size) {
    b.create<LLVM::StoreOp>(loc, size, fieldAddress(set, setStruct, 1));
  }

  /// Element `offset` of an array of `type` at `base`.
  Value load(Value base, Value offset, Type type) {
    return builder.create<LLVM::LoadOp>(loc, type, elementAddress(base, offset, type));
  }

  /// The fields of a kq_adjacency: sources, offsets, targets, num_rows.
  std::array<Value, 4> loadAdjacency(Value adjacency) {
    return {loadField(adjacency, adjacencyStruct, 0, ptr),
            loadField(adjacency, adjacencyStruct, 1, ptr),
            loadField(adjacency, adjacencyStruct, 2, ptr),
            loadField(adjacency, adjacencyStruct, 3, i64)};
  }

  Value newSet(Value view, Value capacity) {
    return call("kq_rt_new_set", {ptr}, {view, capacity});
  }

  /// Copies ids[from .. to) to out[k ..] and returns the new k.
  Value copyTail(Value ids, Value from, Value to, Value out, Value k) {
    auto loop = b.create<scf::ForOp>(loc, from, to, one(), ValueRange{k});
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value position = loop.getRegionIterArgs()[0];
    store(load(ids, loop.getInductionVar(), i32), out, position);
    b.create<scf::YieldOp>(loc, add(position, one()));
    return loop.getResult(0);
  }

  /// lower_bound(ids, lo, hi, x): the first position in [lo, hi) whose id
  /// is not below x (ids sorted), or hi.
  void emitLowerBound() {
    func::FuncOp function = startFunction(kLowerBound, {ptr, i64, i64, i32}, {i64});
    Value ids = function.getArgument(0), x = function.getArgument(3);
    auto loop = b.create<scf::WhileOp>(
        loc, TypeRange{i64, i64}, ValueRange{function.getArgument(1), function.getArgument(2)},
        [&](OpBuilder &, Location, ValueRange bounds) {
          b.create<scf::ConditionOp>(loc, compare(arith::CmpIPredicate::slt, bounds[0], bounds[1]),
                                     bounds);
        },
        [&](OpBuilder &, Location, ValueRange bounds) {
          Value lo = bounds[0], hi = bounds[1];
          Value mid = add(lo, b.create<arith::ShRUIOp>(loc, sub(hi, lo), one()));
          Value below = compare(arith::CmpIPredicate::ult, load(ids, mid, i32), x);
          b.create<scf::YieldOp>(
              loc, ValueRange{select(below, add(mid, one()), lo), select(below, hi, mid)});
        });
    b.create<func::ReturnOp>(loc, loop.getResult(0));
  }

  Value lowerBound(Value ids, Value lo, Value hi, Value x) {
    return call(kLowerBound, {i64}, {ids, lo, hi, x});
  }

  /// The merge of two sorted id arrays: while both have ids, stores the
  /// id the operation keeps (unconditionally), advances the output by
  /// whether it keeps it, and each input by whether its id was the
  /// smaller or equal. Returns (i, j, k).
  SmallVector<Value, 3> mergeLoop(StringRef kernel, Value a, Value na, Value bIds, Value nb,
                                  Value out) {
    auto loop = b.create<scf::WhileOp>(
        loc, TypeRange{i64, i64, i64}, ValueRange{zero(), zero(), zero()},
        [&](OpBuilder &, Location, ValueRange state) {
          Value more = both(compare(arith::CmpIPredicate::slt, state[0], na),
                            compare(arith::CmpIPredicate::slt, state[1], nb));
          b.create<scf::ConditionOp>(loc, more, state);
        },
        [&](OpBuilder &, Location, ValueRange state) {
          Value i = state[0], j = state[1], k = state[2];
          Value x = load(a, i, i32), y = load(bIds, j, i32);
          Value xFirst = compare(arith::CmpIPredicate::ule, x, y);
          Value yFirst = compare(arith::CmpIPredicate::ule, y, x);
          Value kept, keep;
          if (kernel == kIntersect) {
            kept = x;
            keep = compare(arith::CmpIPredicate::eq, x, y);
          } else if (kernel == kUnion) {
            kept = b.create<arith::MinUIOp>(loc, x, y);
            keep = constant(1, i1);
          } else { // difference: the ids of a below the next of b
            kept = x;
            keep = compare(arith::CmpIPredicate::ult, x, y);
          }
          store(kept, out, k);
          b.create<scf::YieldOp>(
              loc, ValueRange{add(i, count(xFirst)), add(j, count(yFirst)), add(k, count(keep))});
        });
    return {loop.getResult(0), loop.getResult(1), loop.getResult(2)};
  }

  /// intersect, union, difference (view, a, b) -> set.
  void emitMerge(StringRef kernel) {
    func::FuncOp function = startFunction(kernel, {ptr, ptr, ptr}, {ptr});
    Value view = function.getArgument(0);
    Value first = function.getArgument(1), second = function.getArgument(2);
    Value a = setIds(first), na = setSize(first);
    Value bIds = setIds(second), nb = setSize(second);
    if (kernel == kIntersect) {
      // The smaller set first: it bounds the result, and is searched for.
      Value swap = compare(arith::CmpIPredicate::sgt, na, nb);
      Value small = select(swap, bIds, a), nSmall = select(swap, nb, na);
      Value large = select(swap, a, bIds), nLarge = select(swap, na, nb);
      Value out = newSet(view, nSmall);
      Value outIds = setIds(out);
      Value lopsided = compare(arith::CmpIPredicate::slt,
                               b.create<arith::MulIOp>(loc, nSmall, constant(32, i64)), nLarge);
      auto branch = b.create<scf::IfOp>(loc, TypeRange{i64}, lopsided, /*withElse=*/true);
      {
        // Each id of the small set by binary search in the large one
        // (not empty here), from where the last search ended.
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(&branch.getThenRegion().front());
        auto loop = b.create<scf::ForOp>(loc, zero(), nSmall, one(), ValueRange{zero(), zero()});
        b.setInsertionPointToStart(loop.getBody());
        Value k = loop.getRegionIterArgs()[0], lo = loop.getRegionIterArgs()[1];
        Value x = load(small, loop.getInductionVar(), i32);
        Value at = lowerBound(large, lo, nLarge, x);
        Value inside = compare(arith::CmpIPredicate::slt, at, nLarge);
        Value probe = select(inside, at, sub(nLarge, one()));
        Value found = both(inside, compare(arith::CmpIPredicate::eq, load(large, probe, i32), x));
        store(x, outIds, k);
        b.create<scf::YieldOp>(loc, ValueRange{add(k, count(found)), at});
        b.setInsertionPointAfter(loop);
        b.create<scf::YieldOp>(loc, loop.getResult(0));
      }
      {
        OpBuilder::InsertionGuard guard(b);
        b.setInsertionPointToStart(&branch.getElseRegion().front());
        Value k = mergeLoop(kernel, small, nSmall, large, nLarge, outIds)[2];
        b.create<scf::YieldOp>(loc, k);
      }
      storeSize(out, branch.getResult(0));
      b.create<func::ReturnOp>(loc, out);
      return;
    }
    Value capacity = kernel == kUnion ? add(na, nb) : na;
    Value out = newSet(view, capacity);
    Value outIds = setIds(out);
    SmallVector<Value, 3> state = mergeLoop(kernel, a, na, bIds, nb, outIds);
    Value k = copyTail(a, state[0], na, outIds, state[2]);
    if (kernel == kUnion)
      k = copyTail(bIds, state[1], nb, outIds, k);
    storeSize(out, k);
    b.create<func::ReturnOp>(loc, out);
  }

  /// project(view, input, adjacency) -> set.
  void emitProject() {
    func::FuncOp function = startFunction(kProject, {ptr, ptr, ptr}, {ptr});
    Value view = function.getArgument(0), input = function.getArgument(1);
    Value adjacency = function.getArgument(2);
    Value ids = setIds(input), n = setSize(input);
    auto [sources, offsets, targets, rows] = loadAdjacency(adjacency);
    Value bitmap = call("kq_rt_bitmap", {ptr}, {view});
    Value six = constant(6, i32), lowBits = constant(63, i32);

    // Mark the targets of every input entity's row, counting new bits and
    // keeping the lowest and highest word marked: the marks are (count,
    // first word, last word), with no word marked as (0, INT64_MAX, -1).
    SmallVector<Type, 3> markTypes{i64, i64, i64};
    auto inputs = b.create<scf::ForOp>(
        loc, zero(), n, one(),
        ValueRange{zero(), zero(), constant(INT64_MAX, i64), constant(-1, i64)});
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(inputs.getBody());
      Value lo = inputs.getRegionIterArgs()[0];
      ValueRange marks = inputs.getRegionIterArgs().drop_front();
      Value x = load(ids, inputs.getInductionVar(), i32);
      Value row = lowerBound(sources, lo, rows, x);
      Value inside = compare(arith::CmpIPredicate::slt, row, rows);
      auto hasRow = b.create<scf::IfOp>(loc, markTypes, inside, /*withElse=*/true);
      {
        OpBuilder::InsertionGuard inner(b);
        b.setInsertionPointToStart(&hasRow.getThenRegion().front());
        Value isRow = compare(arith::CmpIPredicate::eq, load(sources, row, i32), x);
        auto expand = b.create<scf::IfOp>(loc, markTypes, isRow, /*withElse=*/true);
        {
          OpBuilder::InsertionGuard edges(b);
          b.setInsertionPointToStart(&expand.getThenRegion().front());
          Value begin = b.create<arith::ExtUIOp>(loc, i64, load(offsets, row, i32));
          Value end = b.create<arith::ExtUIOp>(loc, i64, load(offsets, add(row, one()), i32));
          auto loop = b.create<scf::ForOp>(loc, begin, end, one(), marks);
          b.setInsertionPointToStart(loop.getBody());
          Value target = load(targets, loop.getInductionVar(), i32);
          Value word =
              b.create<arith::ExtUIOp>(loc, i64, b.create<arith::ShRUIOp>(loc, target, six));
          Value bit = b.create<arith::ShLIOp>(
              loc, constant(1, i64),
              b.create<arith::ExtUIOp>(loc, i64, b.create<arith::AndIOp>(loc, target, lowBits)));
          Value old = load(bitmap, word, i64);
          store(b.create<arith::OrIOp>(loc, old, bit), bitmap, word);
          Value fresh =
              compare(arith::CmpIPredicate::eq, b.create<arith::AndIOp>(loc, old, bit), zero());
          ValueRange state = loop.getRegionIterArgs();
          b.create<scf::YieldOp>(
              loc, ValueRange{add(state[0], count(fresh)),
                              b.create<arith::MinSIOp>(loc, state[1], word).getResult(),
                              b.create<arith::MaxSIOp>(loc, state[2], word).getResult()});
          b.setInsertionPointAfter(loop);
          b.create<scf::YieldOp>(loc, loop.getResults());
        }
        b.setInsertionPointToStart(&expand.getElseRegion().front());
        b.create<scf::YieldOp>(loc, marks);
        b.setInsertionPointAfter(expand);
        b.create<scf::YieldOp>(loc, expand.getResults());
      }
      b.setInsertionPointToStart(&hasRow.getElseRegion().front());
      b.create<scf::YieldOp>(loc, marks);
      b.setInsertionPointAfter(hasRow);
      SmallVector<Value, 4> next{row};
      llvm::append_range(next, hasRow.getResults());
      b.create<scf::YieldOp>(loc, next);
    }

    // Compact the marked bits in id order, clearing each word read; only
    // the words from the first to the last marked one are read.
    Value out = newSet(view, inputs.getResult(1));
    Value outIds = setIds(out);
    Value firstWord = inputs.getResult(2), lastWord = inputs.getResult(3);
    auto scan =
        b.create<scf::ForOp>(loc, firstWord, add(lastWord, one()), one(), ValueRange{zero()});
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(scan.getBody());
      Value word = scan.getInductionVar(), k = scan.getRegionIterArgs()[0];
      Value bits = load(bitmap, word, i64);
      auto any =
          b.create<scf::IfOp>(loc, TypeRange{i64}, compare(arith::CmpIPredicate::ne, bits, zero()),
                              /*withElse=*/true);
      {
        OpBuilder::InsertionGuard inner(b);
        b.setInsertionPointToStart(&any.getThenRegion().front());
        store(zero(), bitmap, word);
        Value base = b.create<arith::ShLIOp>(loc, word, constant(6, i64));
        auto each = b.create<scf::WhileOp>(
            loc, TypeRange{i64, i64}, ValueRange{bits, k},
            [&](OpBuilder &, Location, ValueRange state) {
              b.create<scf::ConditionOp>(loc, compare(arith::CmpIPredicate::ne, state[0], zero()),
                                         state);
            },
            [&](OpBuilder &, Location, ValueRange state) {
              Value rest = state[0], position = state[1];
              Value low = b.create<math::CountTrailingZerosOp>(loc, rest);
              store(b.create<arith::TruncIOp>(loc, i32, add(base, low)), outIds, position);
              Value cleared = b.create<arith::AndIOp>(loc, rest, sub(rest, one()));
              b.create<scf::YieldOp>(loc, ValueRange{cleared, add(position, one())});
            });
        b.create<scf::YieldOp>(loc, each.getResult(1));
      }
      b.setInsertionPointToStart(&any.getElseRegion().front());
      b.create<scf::YieldOp>(loc, k);
      b.setInsertionPointAfter(any);
      b.create<scf::YieldOp>(loc, any.getResult(0));
    }
    storeSize(out, scan.getResult(0));
    b.create<func::ReturnOp>(loc, out);
  }

  /// self_loops(view, adjacency) -> set: every row has an edge, so a
  /// search that runs off its row's end can probe the row's last target.
  void emitSelfLoops() {
    func::FuncOp function = startFunction(kSelfLoops, {ptr, ptr}, {ptr});
    Value view = function.getArgument(0), adjacency = function.getArgument(1);
    auto [sources, offsets, targets, rows] = loadAdjacency(adjacency);
    Value out = newSet(view, rows);
    Value outIds = setIds(out);
    auto loop = b.create<scf::ForOp>(loc, zero(), rows, one(), ValueRange{zero()});
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(loop.getBody());
      Value row = loop.getInductionVar(), k = loop.getRegionIterArgs()[0];
      Value source = load(sources, row, i32);
      Value begin = b.create<arith::ExtUIOp>(loc, i64, load(offsets, row, i32));
      Value end = b.create<arith::ExtUIOp>(loc, i64, load(offsets, add(row, one()), i32));
      Value at = lowerBound(targets, begin, end, source);
      Value inside = compare(arith::CmpIPredicate::slt, at, end);
      Value probe = select(inside, at, sub(end, one()));
      Value found =
          both(inside, compare(arith::CmpIPredicate::eq, load(targets, probe, i32), source));
      store(source, outIds, k);
      b.create<scf::YieldOp>(loc, add(k, count(found)));
    }
    storeSize(out, loop.getResult(0));
    b.create<func::ReturnOp>(loc, out);
  }

  /// guard(view, value, condition) -> value, or an empty set.
  void emitGuard() {
    func::FuncOp function = startFunction(kGuard, {ptr, ptr, ptr}, {ptr});
    Value view = function.getArgument(0), value = function.getArgument(1);
    Value empty = compare(arith::CmpIPredicate::eq, setSize(function.getArgument(2)), zero());
    auto branch = b.create<scf::IfOp>(loc, TypeRange{ptr}, empty, /*withElse=*/true);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&branch.getThenRegion().front());
      b.create<scf::YieldOp>(loc, call("kq_rt_empty", {ptr}, {view}));
      b.setInsertionPointToStart(&branch.getElseRegion().front());
      b.create<scf::YieldOp>(loc, value);
    }
    b.create<func::ReturnOp>(loc, branch.getResult(0));
  }

  OpBuilder &b; // the kernels' builder, by its short name here
  Type i1, i32;
  Type setStruct, adjacencyStruct;
};

} // namespace

void mlir::kq::createSetKernels(ModuleOp module) {
  if (module.lookupSymbol(kIntersect))
    return;
  SetKernelEmitter(module).emitAll();
}
