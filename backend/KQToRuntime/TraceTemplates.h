//===- TraceTemplates.h - Traced copies of the templates prompts solve ----===//
//
// A Skills-in-Context prompt shows worked examples solved step by step.
// For each template a kq.prompt_case renders, the conversion makes a traced
// copy, `trace.NAME`: the template's plan with each path split into its
// projections and each complement made a difference from every entity, and
// a kq.trace after every step, which hands the step's set to the runtime.
// The steps are described for the runtime as kq_rt_prompt_case takes them
// (runtime/Runtime.h): which skill each step is, its relation or anchor,
// and the earlier steps it reads.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_BACKEND_KQTORUNTIME_TRACETEMPLATES_H
#define KQ_BACKEND_KQTORUNTIME_TRACETEMPLATES_H

#include "ir/KQOps.h"

#include <string>

namespace mlir::kq {

struct TracedTemplate {
  std::string symbol; // of the traced copy, a kq.query next to the template
  std::string steps;  // each ended by a NUL byte
  int32_t numSteps = 0;
};

/// Makes the traced copy of `query`, or fails (with a diagnostic on the
/// op) when a part of its plan is not a skill's step.
FailureOr<TracedTemplate> traceTemplate(QueryOp query);

/// Whether `query` is a traced copy made by traceTemplate.
bool isTracedTemplate(QueryOp query);

} // namespace mlir::kq

#endif // KQ_BACKEND_KQTORUNTIME_TRACETEMPLATES_H
