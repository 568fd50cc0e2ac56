//===- Evaluation.h - `eval`: answering a benchmark with a link predictor -===//
//
// The driver of `eval`: each instance of a benchmark is answered by its
// template's compiled fuzzy twin on a worker of its own, every core busy,
// with the atoms' truth from one shared row cache (AtomTruth), or its scores
// are read from a .npy; its hard answers are ranked (HardAnswerRanks) and
// the means written as records, one a type, then the seen and unseen types'
// and all types'.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_NEURAL_EVALUATION_H
#define KQ_RUNTIME_NEURAL_EVALUATION_H

#include "runtime/core/Context.h"
#include "runtime/linkpred/LinkPrediction.h"
#include "runtime/neural/AtomTruth.h"
#include "runtime/neural/FuzzyWorker.h"

#include <string>

namespace kq::runtime {

/// What one `eval` statement asks for.
struct EvalRequest {
  std::string source; // the model's name, or the scores file as written
  std::string scores; // the scores file, resolved; empty for a model
  std::string bench, seen, ranks;
  Logic logic = Logic::product;
  double threshold = 0;
  int64_t beam = 0;
  TiePolicy ties = TiePolicy::Realistic;
  LinkPredKernels f32Kernels, f64Kernels;
};

/// Runs `request` with the twins the program registered in `context`
/// (Context::evalTemplates, emptied); failures go to the context.
void evaluate(Context &context, const EvalRequest &request);

} // namespace kq::runtime

#endif // KQ_RUNTIME_NEURAL_EVALUATION_H
