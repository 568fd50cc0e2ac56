//===- LinkPredKernels.cpp - Generated scoring and ranking kernels --------===//
//
// Scoring functions are those of the RotatE code base (KnowledgeGraphEmbedding),
// written as "query vector q of (anchor, relation)" and "score of q against a
// candidate entity e", with one accumulation a family:
//
//   distmult, complex   acc += q[k] * e[k]                  score = acc
//   transe              acc += |q[k] - e[k]|                score = gamma - acc
//   rotate              acc += |q[k] - e[k]| (complex k)    score = gamma - acc
//
// Every candidate's score is accumulated over k in order, one lane of a
// vector per candidate, so the single-candidate score kernel reproduces the
// rank kernel's value for the true entity bit for bit.
//
//===----------------------------------------------------------------------===//

#include "backend/KQToRuntime/LinkPredKernels.h"
#include "backend/KQToRuntime/KernelBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Approximation.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

using namespace mlir;
using namespace mlir::kq;

namespace {

using Family = ModelFamily;

bool isDistance(Family family) { return family == Family::TransE || family == Family::RotatE; }
/// Families whose rows are complex numbers: real half, then imaginary half.
bool isComplex(Family family) { return family == Family::ComplEx || family == Family::RotatE; }

/// Builds the kernels of one family and element type.
class KernelEmitter : KernelBuilder {
public:
  KernelEmitter(ModuleOp module, Family family, FloatType element, unsigned vectorBits)
      : KernelBuilder(module), family(family), element(element),
        lanes(vectorBits / element.getWidth()), vector(VectorType::get({int64_t(lanes)}, element)) {
  }

  /// Two vectors of candidates a panel; the rows of a register tile are
  /// chosen so the accumulators and operands fit the vector registers.
  int64_t vectorsPerPanel() const { return 2; }
  int64_t panelWidth() const { return vectorsPerPanel() * lanes; }
  int64_t queryBlock() const { return isDistance(family) ? 4 : 6; }

  func::FuncOp emitQueryKernel(StringRef name);
  func::FuncOp emitScoreKernel(StringRef name);
  func::FuncOp emitRankKernel(StringRef name);
  func::FuncOp emitRowsKernel(StringRef name);
  func::FuncOp emitSoftmaxKernel(StringRef name);

private:
  void emitTileLoop(Value queries, Value numQueries, Value panels, Value numPanels, Value dim,
                    Value parameters,
                    llvm::function_ref<void(Value, Value, ArrayRef<Value>)> epilogue);
  Value loadScalar(Value base, Value offset) { return load(element, base, offset, element); }
  Value loadVector(Value base, Value offset) { return load(vector, base, offset, element); }
  void storeScalar(Value value, Value base, Value offset) { store(value, base, offset); }
  /// `scalar` in every lane.
  Value splat(Value scalar) { return builder.create<vector::BroadcastOp>(loc, vector, scalar); }
  Value zeroOf(Type type) {
    return builder.create<arith::ConstantOp>(loc, type, builder.getZeroAttr(type));
  }

  /// a * b + c, rounded once, on scalars and vectors alike (`math.fma`
  /// becomes llvm.intr.fma; `vector.fma` would become llvm.intr.fmuladd,
  /// which may round twice, and the two kernels must agree bit for bit).
  Value fma(Value a, Value b, Value c) { return builder.create<math::FmaOp>(loc, a, b, c); }

  /// One step of a candidate's accumulation. For rotate, `q`/`e` are the
  /// real parts and `qImag`/`eImag` the imaginary ones.
  Value accumulate(Value acc, Value q, Value e, Value qImag = {}, Value eImag = {}) {
    switch (family) {
    case Family::DistMult:
    case Family::ComplEx:
      return fma(q, e, acc);
    case Family::TransE: {
      Value difference = builder.create<arith::SubFOp>(loc, q, e);
      return builder.create<arith::AddFOp>(loc, acc, builder.create<math::AbsFOp>(loc, difference));
    }
    case Family::RotatE: {
      Value real = builder.create<arith::SubFOp>(loc, q, e);
      Value imag = builder.create<arith::SubFOp>(loc, qImag, eImag);
      Value squares = fma(real, real, builder.create<arith::MulFOp>(loc, imag, imag));
      return builder.create<arith::AddFOp>(loc, acc, builder.create<math::SqrtOp>(loc, squares));
    }
    }
    return acc;
  }
  /// The score from the accumulated value.
  Value finish(Value acc, Value gamma) {
    return isDistance(family) ? builder.create<arith::SubFOp>(loc, gamma, acc).getResult() : acc;
  }
  /// How many accumulation steps a row of `dim` values takes.
  Value numSteps(Value dim) {
    return family == Family::RotatE ? builder.create<arith::DivUIOp>(loc, dim, index(2)).getResult()
                                    : dim;
  }

  Family family;
  FloatType element;
  unsigned lanes;
  VectorType vector;
};

// void query(const T *anchor, const T *relation, T *query, i64 dim, i32 head_side,
//            const T *parameters)
func::FuncOp KernelEmitter::emitQueryKernel(StringRef name) {
  func::FuncOp function = startFunction(name, {ptr, ptr, ptr, i64, builder.getI32Type(), ptr});
  Block &entry = function.front();
  Value anchor = entry.getArgument(0), relation = entry.getArgument(1);
  Value query = entry.getArgument(2), dim = entry.getArgument(3);
  Value headSide =
      builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ne, entry.getArgument(4),
                                    builder.create<arith::ConstantIntOp>(loc, 0, 32));
  Value parameters = entry.getArgument(5);
  auto select = [&](Value head, Value tail) {
    return builder.create<arith::SelectOp>(loc, headSide, head, tail).getResult();
  };
  Value steps =
      isComplex(family) ? builder.create<arith::DivUIOp>(loc, dim, index(2)).getResult() : dim;
  Value rangeOverPi = family == Family::RotatE ? loadScalar(parameters, index(1)) : Value();
  builder.create<scf::ForOp>(
      loc, index(0), steps, index(1), ValueRange{},
      [&](OpBuilder &, Location, Value k, ValueRange) {
        if (!isComplex(family)) {
          Value a = loadScalar(anchor, k), r = loadScalar(relation, k);
          Value q;
          if (family == Family::DistMult) // h * r, or r * t
            q = builder.create<arith::MulFOp>(loc, a, r);
          else // h + r, or t - r: the negation of the code base's r - t
            q = select(builder.create<arith::SubFOp>(loc, a, r),
                       builder.create<arith::AddFOp>(loc, a, r));
          storeScalar(q, query, k);
        } else {
          Value kImag = add(k, steps);
          Value aRe = loadScalar(anchor, k), aIm = loadScalar(anchor, kImag);
          Value rRe, rIm;
          if (family == Family::ComplEx) {
            rRe = loadScalar(relation, k);
            rIm = loadScalar(relation, kImag);
          } else { // a rotation by the phase r / (embedding_range / pi)
            Value phase = builder.create<arith::DivFOp>(loc, loadScalar(relation, k), rangeOverPi);
            rRe = builder.create<math::CosOp>(loc, phase);
            rIm = builder.create<math::SinOp>(loc, phase);
          }
          auto mulf = [&](Value x, Value y) { return builder.create<arith::MulFOp>(loc, x, y); };
          // Ranking tails: h * r. Ranking heads: conj(r) * t.
          Value tailRe = builder.create<arith::SubFOp>(loc, mulf(aRe, rRe), mulf(aIm, rIm));
          Value tailIm = builder.create<arith::AddFOp>(loc, mulf(aRe, rIm), mulf(aIm, rRe));
          Value headRe = builder.create<arith::AddFOp>(loc, mulf(rRe, aRe), mulf(rIm, aIm));
          Value headIm = builder.create<arith::SubFOp>(loc, mulf(rRe, aIm), mulf(rIm, aRe));
          storeScalar(select(headRe, tailRe), query, k);
          storeScalar(select(headIm, tailIm), query, kImag);
        }
        builder.create<scf::YieldOp>(loc);
      });
  builder.create<func::ReturnOp>(loc);
  return function;
}

// void score(const T *query, const T *panel, i64 lane, i64 dim, const T *parameters, T *score)
func::FuncOp KernelEmitter::emitScoreKernel(StringRef name) {
  func::FuncOp function = startFunction(name, {ptr, ptr, i64, i64, ptr, ptr});
  Block &entry = function.front();
  Value query = entry.getArgument(0), panel = entry.getArgument(1);
  Value lane = entry.getArgument(2), dim = entry.getArgument(3);
  Value parameters = entry.getArgument(4), score = entry.getArgument(5);
  Value width = index(panelWidth());
  Value steps = numSteps(dim);
  auto loop = builder.create<scf::ForOp>(
      loc, index(0), steps, index(1), ValueRange{zeroOf(element)},
      [&](OpBuilder &, Location, Value k, ValueRange accs) {
        Value q = loadScalar(query, k);
        Value e = loadScalar(panel, add(mul(k, width), lane));
        Value next;
        if (family == Family::RotatE) {
          Value kImag = add(k, steps);
          next = accumulate(accs[0], q, e, loadScalar(query, kImag),
                            loadScalar(panel, add(mul(kImag, width), lane)));
        } else {
          next = accumulate(accs[0], q, e);
        }
        builder.create<scf::YieldOp>(loc, next);
      });
  Value gamma = isDistance(family) ? loadScalar(parameters, index(0)) : Value();
  storeScalar(finish(loop.getResult(0), gamma), score, index(0));
  builder.create<func::ReturnOp>(loc);
  return function;
}

/// The register-tiled loop that both the rank and the rows kernel run: for
/// each panel p and each block of `queryBlock()` queries from firstQuery,
/// the tile of scores (rows x vectorsPerPanel() vectors), handed to
/// `epilogue(p, firstQuery, scores)` where scores[i * columns + c] holds
/// query firstQuery + i against lanes c * lanes .. of panel p.
void KernelEmitter::emitTileLoop(Value queries, Value numQueries, Value panels, Value numPanels,
                                 Value dim, Value parameters,
                                 llvm::function_ref<void(Value, Value, ArrayRef<Value>)> epilogue) {
  const int64_t rows = queryBlock(), columns = vectorsPerPanel();
  Value width = index(panelWidth());
  Value steps = numSteps(dim);
  Value gamma = isDistance(family) ? loadScalar(parameters, index(0)) : Value();
  builder.create<scf::ForOp>(
      loc, index(0), numPanels, index(1), ValueRange{},
      [&](OpBuilder &, Location, Value p, ValueRange) {
        Value panel = elementAddress(panels, mul(p, mul(dim, width)), element);
        builder.create<scf::ForOp>(
            loc, index(0), numQueries, index(rows), ValueRange{},
            [&](OpBuilder &, Location, Value firstQuery, ValueRange) {
              SmallVector<Value> rowBase;
              for (int64_t i = 0; i < rows; ++i)
                rowBase.push_back(mul(add(firstQuery, index(i)), dim));
              SmallVector<Value> zeros(rows * columns, zeroOf(vector));
              // The tile: rows x columns vectors of accumulations over k.
              auto tile = builder.create<scf::ForOp>(
                  loc, index(0), steps, index(1), zeros,
                  [&](OpBuilder &, Location, Value k, ValueRange accs) {
                    Value kImag = family == Family::RotatE ? add(k, steps) : Value();
                    SmallVector<Value> e, eImag;
                    for (int64_t c = 0; c < columns; ++c) {
                      e.push_back(loadVector(panel, add(mul(k, width), index(c * lanes))));
                      if (kImag)
                        eImag.push_back(
                            loadVector(panel, add(mul(kImag, width), index(c * lanes))));
                    }
                    SmallVector<Value> next;
                    for (int64_t i = 0; i < rows; ++i) {
                      Value q = splat(loadScalar(queries, add(rowBase[i], k)));
                      Value qImag =
                          kImag ? splat(loadScalar(queries, add(rowBase[i], kImag))) : Value();
                      for (int64_t c = 0; c < columns; ++c)
                        next.push_back(accumulate(accs[i * columns + c], q, e[c], qImag,
                                                  kImag ? eImag[c] : Value()));
                    }
                    builder.create<scf::YieldOp>(loc, next);
                  });
              SmallVector<Value> scores;
              for (Value acc : tile.getResults())
                scores.push_back(finish(acc, gamma ? splat(gamma) : Value()));
              epilogue(p, firstQuery, scores);
              builder.create<scf::YieldOp>(loc);
            });
        builder.create<scf::YieldOp>(loc);
      });
}

// void rank(const T *queries, i64 num_queries, const T *panels, i64 num_panels, i64 dim,
//           const T *parameters, const T *true_scores, const u8 *excluded,
//           i64 *greater, i64 *equal)
func::FuncOp KernelEmitter::emitRankKernel(StringRef name) {
  func::FuncOp function = startFunction(name, {ptr, i64, ptr, i64, i64, ptr, ptr, ptr, ptr, ptr});
  Block &entry = function.front();
  Value queries = entry.getArgument(0), numQueries = entry.getArgument(1);
  Value panels = entry.getArgument(2), numPanels = entry.getArgument(3);
  Value dim = entry.getArgument(4), parameters = entry.getArgument(5);
  Value trueScores = entry.getArgument(6), excluded = entry.getArgument(7);
  Value greater = entry.getArgument(8), equal = entry.getArgument(9);

  const int64_t rows = queryBlock(), columns = vectorsPerPanel();
  Value width = index(panelWidth());
  Value rowBytes = mul(numPanels, width);
  Type i8 = builder.getI8Type(), i32 = builder.getI32Type();
  auto maskType = VectorType::get({int64_t(lanes)}, i8);
  auto countType = VectorType::get({int64_t(lanes)}, i32);
  // The epilogue: compare with the true score under the filter.
  emitTileLoop(
      queries, numQueries, panels, numPanels, dim, parameters,
      [&](Value p, Value firstQuery, ArrayRef<Value> scores) {
        for (int64_t i = 0; i < rows; ++i) {
          Value query = add(firstQuery, index(i));
          Value truth = splat(loadScalar(trueScores, query));
          Value above = zeroOf(countType), same = zeroOf(countType);
          for (int64_t c = 0; c < columns; ++c) {
            Value score = scores[i * columns + c];
            Value slot = add(add(mul(query, rowBytes), mul(p, width)), index(c * lanes));
            Value skip = load(maskType, excluded, slot, i8);
            Value counted = builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::eq, skip,
                                                          zeroOf(maskType));
            auto count = [&](arith::CmpFPredicate predicate, Value total) {
              Value hit = builder.create<arith::CmpFOp>(loc, predicate, score, truth);
              Value kept = builder.create<arith::AndIOp>(loc, hit, counted);
              return builder.create<arith::AddIOp>(
                  loc, total, builder.create<arith::ExtUIOp>(loc, countType, kept));
            };
            above = count(arith::CmpFPredicate::OGT, above);
            same = count(arith::CmpFPredicate::OEQ, same);
          }
          for (auto [total, counts] : {std::pair{above, greater}, std::pair{same, equal}}) {
            Value sum = builder.create<vector::ReductionOp>(loc, vector::CombiningKind::ADD, total);
            Value wide = builder.create<arith::ExtUIOp>(loc, i64, sum);
            Value old = load(i64, counts, query, i64);
            storeScalar(add(old, wide), counts, query);
          }
        }
      });
  builder.create<func::ReturnOp>(loc);
  return function;
}

// void rows(const T *queries, i64 num_queries, const T *panels, i64 num_panels, i64 dim,
//           const T *parameters, T *scores)
func::FuncOp KernelEmitter::emitRowsKernel(StringRef name) {
  func::FuncOp function = startFunction(name, {ptr, i64, ptr, i64, i64, ptr, ptr});
  Block &entry = function.front();
  Value queries = entry.getArgument(0), numQueries = entry.getArgument(1);
  Value panels = entry.getArgument(2), numPanels = entry.getArgument(3);
  Value dim = entry.getArgument(4), parameters = entry.getArgument(5);
  Value out = entry.getArgument(6);
  const int64_t rows = queryBlock(), columns = vectorsPerPanel();
  Value width = index(panelWidth());
  Value rowLength = mul(numPanels, width);
  // The epilogue: the tile's scores stored in their rows.
  emitTileLoop(queries, numQueries, panels, numPanels, dim, parameters,
               [&](Value p, Value firstQuery, ArrayRef<Value> scores) {
                 for (int64_t i = 0; i < rows; ++i) {
                   Value rowStart = mul(add(firstQuery, index(i)), rowLength);
                   for (int64_t c = 0; c < columns; ++c) {
                     Value slot = add(rowStart, add(mul(p, width), index(c * lanes)));
                     builder.create<LLVM::StoreOp>(loc, scores[i * columns + c],
                                                   elementAddress(out, slot, element),
                                                   element.getWidth() / 8);
                   }
                 }
               });
  builder.create<func::ReturnOp>(loc);
  return function;
}

// void softmax(const T *scores, i64 n, T *exps, f64 *sum)
//   exps[t] = exp(scores[t] - max), *sum = the sum of exps (in f64): the
//   softmax of a row, the first step of calibrating it. float32's exp is
//   MLIR's polynomial approximation, vectorised; float64's is libm's.
func::FuncOp KernelEmitter::emitSoftmaxKernel(StringRef name) {
  func::FuncOp function = startFunction(name, {ptr, i64, ptr, ptr});
  Block &entry = function.front();
  Value scores = entry.getArgument(0), n = entry.getArgument(1);
  Value exps = entry.getArgument(2), sumOut = entry.getArgument(3);
  Type f64 = builder.getF64Type();
  auto wide = VectorType::get({int64_t(lanes)}, f64);
  Value vectorEnd = mul(builder.create<arith::DivUIOp>(loc, n, index(lanes)), index(lanes));
  APFloat minusInfinity = APFloat::getInf(element.getFloatSemantics(), /*Negative=*/true);
  Value lowestScalar = builder.create<arith::ConstantFloatOp>(loc, minusInfinity, element);
  // The maximum: lanes over the vector part, then the tail.
  auto vmax = builder.create<scf::ForOp>(
      loc, index(0), vectorEnd, index(lanes), ValueRange{splat(lowestScalar)},
      [&](OpBuilder &, Location, Value i, ValueRange acc) {
        builder.create<scf::YieldOp>(
            loc, ValueRange{builder.create<arith::MaximumFOp>(loc, acc[0], loadVector(scores, i))});
      });
  Value reduced =
      builder.create<vector::ReductionOp>(loc, vector::CombiningKind::MAXIMUMF, vmax.getResult(0));
  auto smax = builder.create<scf::ForOp>(
      loc, vectorEnd, n, index(1), ValueRange{reduced},
      [&](OpBuilder &, Location, Value i, ValueRange acc) {
        builder.create<scf::YieldOp>(
            loc, ValueRange{builder.create<arith::MaximumFOp>(loc, acc[0], loadScalar(scores, i))});
      });
  Value highest = smax.getResult(0);
  // The exponentials, stored, and their sum in float64.
  auto vsum = builder.create<scf::ForOp>(
      loc, index(0), vectorEnd, index(lanes), ValueRange{zeroOf(wide)},
      [&](OpBuilder &, Location, Value i, ValueRange acc) {
        Value shifted = builder.create<arith::SubFOp>(loc, loadVector(scores, i), splat(highest));
        Value e = builder.create<math::ExpOp>(loc, shifted);
        builder.create<LLVM::StoreOp>(loc, e, elementAddress(exps, i, element),
                                      element.getWidth() / 8);
        Value widened =
            element == f64 ? e : builder.create<arith::ExtFOp>(loc, wide, e).getResult();
        builder.create<scf::YieldOp>(
            loc, ValueRange{builder.create<arith::AddFOp>(loc, acc[0], widened)});
      });
  Value total =
      builder.create<vector::ReductionOp>(loc, vector::CombiningKind::ADD, vsum.getResult(0));
  auto ssum = builder.create<scf::ForOp>(
      loc, vectorEnd, n, index(1), ValueRange{total},
      [&](OpBuilder &, Location, Value i, ValueRange acc) {
        Value e = builder.create<math::ExpOp>(
            loc, builder.create<arith::SubFOp>(loc, loadScalar(scores, i), highest));
        storeScalar(e, exps, i);
        Value widened = element == f64 ? e : builder.create<arith::ExtFOp>(loc, f64, e).getResult();
        builder.create<scf::YieldOp>(
            loc, ValueRange{builder.create<arith::AddFOp>(loc, acc[0], widened)});
      });
  builder.create<LLVM::StoreOp>(loc, ssum.getResult(0), sumOut, 8);
  builder.create<func::ReturnOp>(loc);
  if (element.isF32()) {
    RewritePatternSet patterns(builder.getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    (void)applyPatternsAndFoldGreedily(function, std::move(patterns));
  }
  return function;
}

} // namespace

std::array<LinkPredKernelSet, 2>
mlir::kq::getOrCreateLinkPredKernels(ModuleOp module, ModelFamily family, unsigned vectorBits) {
  std::array<LinkPredKernelSet, 2> sets;
  MLIRContext *context = module.getContext();
  FloatType types[] = {Float32Type::get(context), Float64Type::get(context)};
  for (unsigned t = 0; t < 2; ++t) {
    KernelEmitter emitter(module, family, types[t], vectorBits);
    std::string prefix =
        ("kq.kernel." + stringifyEnum(family) + (t == 0 ? ".f32." : ".f64.")).str();
    LinkPredKernelSet &set = sets[t];
    set.panelWidth = emitter.panelWidth();
    set.queryBlock = emitter.queryBlock();
    auto getOrEmit = [&](StringRef suffix, auto emit) {
      std::string name = prefix + suffix.str();
      if (auto existing = module.lookupSymbol<func::FuncOp>(name))
        return existing;
      return (emitter.*emit)(name);
    };
    set.query = getOrEmit("query", &KernelEmitter::emitQueryKernel);
    set.score = getOrEmit("score", &KernelEmitter::emitScoreKernel);
    set.rank = getOrEmit("rank", &KernelEmitter::emitRankKernel);
    set.rows = getOrEmit("rows", &KernelEmitter::emitRowsKernel);
    set.softmax = getOrEmit("softmax", &KernelEmitter::emitSoftmaxKernel);
  }
  return sets;
}
