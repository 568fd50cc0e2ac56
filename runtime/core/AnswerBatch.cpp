//===- AnswerBatch.cpp - `answer` records, and batches of them on every core =//

#include "runtime/core/AnswerBatch.h"
#include "runtime/core/Progress.h"
#include "runtime/core/Workers.h"
#include "runtime/support/Json.h"

#include <fmt/format.h>

#include <algorithm>
#include <new>

using namespace kq::runtime;

std::string kq::runtime::answerRecord(const kq_view &view, const char *query,
                                      const std::vector<std::string_view> &arguments,
                                      const kq_set &answers) {
  std::vector<std::string_view> splits;
  for (unsigned split = 0; split < 3; ++split)
    if (view.splitMask & (1u << split))
      splits.push_back(kSplitNames[split]);

  JsonObject record;
  record.field("kind", "answer").field("query", query);
  if (!arguments.empty())
    record.field("arguments", arguments);
  record.field("graph", view.graphName)
      .field("splits", splits)
      .field("count", static_cast<long long>(answers.size));
  appendJsonNameArray(record.rawField("answers"), *view.graph, answers.ids, size_t(answers.size));
  return std::move(record).take();
}

void kq::runtime::answerRows(Context &context, kq_view &view, const std::vector<BatchRow> &rows) {
  // What the graph builds on first use is built now, before the workers
  // read it.
  view.graph->domain();
  view.graph->jsonNames();
  view.graph->entitiesByName();
  constexpr size_t kRowsPerTask = 128, kTasksPerRound = 256;
  size_t numTasks = (rows.size() + kRowsPerTask - 1) / kRowsPerTask;
  unsigned numWorkers = unsigned(
      std::min<size_t>(workerCount(context.options().work.threads), std::max<size_t>(numTasks, 1)));
  std::vector<SetStore> stores(numWorkers);
  std::vector<kq_view> views(numWorkers, view);
  for (unsigned worker = 0; worker < numWorkers; ++worker) {
    views[worker].sets = &stores[worker];
    views[worker].bitmap.clear();
  }
  Progress progress("answer", int64_t(rows.size()), "instances", context.options().work.progress);
  for (size_t first = 0; first < numTasks && !context.failed(); first += kTasksPerRound) {
    size_t roundTasks = std::min(kTasksPerRound, numTasks - first);
    std::vector<std::string> output(roundTasks);
    // Exceptions must not unwind into the generated code that called us.
    try {
      forEachInParallel(roundTasks, numWorkers, [&](size_t task, unsigned worker) {
        size_t begin = (first + task) * kRowsPerTask;
        size_t end = std::min(rows.size(), begin + kRowsPerTask);
        for (size_t i = begin; i < end && !context.failed(); ++i) {
          const BatchRow &row = rows[i];
          kq_set *answers = row.instanceOf->function(&views[worker], row.ids.data());
          if (!answers)
            return;
          output[task] += answerRecord(view, row.instanceOf->query.c_str(), row.names, *answers);
          output[task].push_back('\n');
          stores[worker].clear();
          progress.advance(1);
        }
      });
    } catch (const std::bad_alloc &) {
      context.fail("out of memory answering the instances of a batch");
    } catch (const std::exception &failure) {
      context.fail(fmt::format("answering the instances of a batch failed: {}", failure.what()));
    }
    if (context.failed())
      return;
    for (const std::string &records : output)
      context.writeText(records);
  }
}
