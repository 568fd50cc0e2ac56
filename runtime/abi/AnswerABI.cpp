//===- AnswerABI.cpp - `answer` records, one by one and in batches ------===//
//
// A query's answers as a record, and batches of template instances, whose
// rows are decoded and resolved here and answered by core/AnswerBatch.
//
//===----------------------------------------------------------------------===//

#include "runtime/abi/Adapters.h"
#include "runtime/core/AnswerBatch.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

using namespace kq::runtime;

extern "C" {

void kq_rt_emit_answer(kq_context *ctx, kq_view *view, const char *query, int32_t num_arguments,
                       const char *arguments, kq_set *answers) {
  Context &context = Context::from(ctx);
  if (context.failed() || !view || !answers)
    return;
  context.writeRecord(answerRecord(*view, query, unpackNames(num_arguments, arguments), *answers));
}

void kq_rt_batch_template(kq_context *ctx, int32_t index, const char *query,
                          kq_template_function function, const char *kinds) {
  Context &context = Context::from(ctx);
  std::vector<BatchTemplate> &batch = context.batchTemplates();
  if (batch.size() <= size_t(index))
    batch.resize(index + 1);
  batch[index] = {query, function, kinds};
}

void kq_rt_answer_batch(kq_context *ctx, kq_view *view, int32_t num_rows, const char *rows) {
  Context &context = Context::from(ctx);
  std::vector<BatchTemplate> templates = std::move(context.batchTemplates());
  context.batchTemplates().clear();
  if (context.failed() || !view)
    return;
  // Every row's arguments are resolved first, here: an unknown name stops
  // the batch before anything is computed.
  std::vector<BatchRow> parsed(size_t(std::max(num_rows, 0)));
  for (BatchRow &row : parsed) {
    row.instanceOf = &templates[std::strtoul(rows, nullptr, 10)];
    rows += std::strlen(rows) + 1;
    size_t numParameters = row.instanceOf->kinds.size();
    row.names = unpackNames(int32_t(numParameters), rows);
    for (std::string_view name : row.names)
      rows += name.size() + 1;
    for (size_t i = 0; i < numParameters; ++i) {
      bool relation = row.instanceOf->kinds[i] == 'r';
      auto id = lookupName(view, relation ? view->graph->relations() : view->graph->entities(),
                           row.names[i], relation ? "relation" : "entity");
      if (!id)
        return;
      row.ids.push_back(int32_t(*id));
    }
  }
  answerRows(context, *view, parsed);
}

} // extern "C"
