//===- AnswerBatch.h - `answer` records, and batches of them on every core -===//
//
// A batch of template instances is answered in tasks of consecutive rows
// on every core, each worker with a view of its own (its sets, its bitmap),
// and the records are written in row order, so the output does not depend
// on the number of workers.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_CORE_ANSWERBATCH_H
#define KQ_RUNTIME_CORE_ANSWERBATCH_H

#include "runtime/core/Context.h"

#include <string>
#include <string_view>
#include <vector>

namespace kq::runtime {

/// An `answer` record, without its newline: the answers' names sorted by
/// UTF-8 bytes.
std::string answerRecord(const kq_view &view, const char *query,
                         const std::vector<std::string_view> &arguments, const kq_set &answers);

/// One instance of a batch: its template, its arguments' names and ids.
struct BatchRow {
  const BatchTemplate *instanceOf = nullptr;
  std::vector<std::string_view> names;
  std::vector<int32_t> ids;
};

/// Answers every row on `view`, writing one record a row in row order.
/// Failures (memory, a worker's exception) fail the context.
void answerRows(Context &context, kq_view &view, const std::vector<BatchRow> &rows);

} // namespace kq::runtime

#endif // KQ_RUNTIME_CORE_ANSWERBATCH_H
