//===- GraphABI.cpp - Graphs, views, sets and adjacencies ---------------===//
//
// Loading graphs and labels, the views statements compute on, and what the
// generated set kernels ask the runtime for: new sets, anchors, the universe,
// adjacencies, scratch bitmaps, and the checkpoints of foreach loops.
//
//===----------------------------------------------------------------------===//

#include "runtime/abi/Adapters.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>

using namespace kq::runtime;

namespace {

/// The adjacency of relation `id` in `view`, or an empty one.
const kq_adjacency *adjacencyOf(kq_view *view, std::optional<uint32_t> id, int32_t inverse) {
  static const kq_adjacency none{nullptr, nullptr, nullptr, 0};
  if (!id)
    return &none;
  const std::vector<kq_adjacency> &table =
      inverse ? view->index->backwardTable : view->index->forwardTable;
  return &table[*id];
}

} // namespace

extern "C" {

void kq_rt_load_graph(kq_context *ctx, const char *name, const char *path) {
  Context &context = Context::from(ctx);
  if (!context.failed())
    context.loadGraph(name, path);
}

void kq_rt_declare_inputs(kq_context *ctx, int32_t num_graphs, const char *graph_folders,
                          int32_t num_files, const char *files, int32_t num_models,
                          const char *model_folders) {
  Context &context = Context::from(ctx);
  std::vector<std::string> inputs;
  auto add = [&](const std::vector<std::string> &paths) {
    inputs.insert(inputs.end(), paths.begin(), paths.end());
  };
  for (std::string_view folder : unpackNames(num_graphs, graph_folders))
    add(Context::graphFiles(std::string(folder)));
  for (std::string_view file : unpackNames(num_files, files))
    inputs.emplace_back(file);
  for (std::string_view folder : unpackNames(num_models, model_folders))
    add(Context::modelFiles(std::string(folder)));
  if (!context.failed())
    context.addInputs(inputs);
}

void kq_rt_load_labels(kq_context *ctx, const char *name, const char *path) {
  Context &context = Context::from(ctx);
  if (!context.failed())
    context.loadLabels(name, path);
}

kq_view *kq_rt_graph_view(kq_context *ctx, const char *name, int32_t split_mask) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return context.failedView();
  return context.newView(name, static_cast<unsigned>(split_mask));
}

kq_set *kq_rt_new_set(kq_view *view, int64_t capacity) {
  // Allocated even after a failure: the caller writes up to `capacity` ids.
  if (!view || capacity < 0)
    capacity = 0;
  return view ? view->sets->allocate(size_t(capacity)) : nullptr;
}

kq_set *kq_rt_entity(kq_view *view, const char *name) {
  if (!usable(view))
    return view ? view->context->emptySet() : nullptr;
  auto id = lookupName(view, view->graph->entities(), name, "entity");
  if (!id)
    return view->context->emptySet();
  EntityId entity = *id;
  return view->sets->copyOf(&entity, 1);
}

kq_set *kq_rt_entity_id(kq_view *view, int32_t id) {
  if (!usable(view))
    return view ? view->context->emptySet() : nullptr;
  if (id < 0 || size_t(id) >= view->graph->entities().size()) {
    view->context->fail(fmt::format("graph '{}' has no entity with id {}", view->graphName, id));
    return view->context->emptySet();
  }
  EntityId entity = EntityId(id);
  return view->sets->copyOf(&entity, 1);
}

kq_set *kq_rt_universe(kq_view *view) {
  if (!usable(view))
    return view ? view->context->emptySet() : nullptr;
  const std::vector<EntityId> &domain = view->graph->domain();
  return view->sets->borrow(domain.data(), domain.size());
}

kq_set *kq_rt_empty(kq_view *view) { return view ? view->sets->allocate(0) : nullptr; }

kq_set *kq_rt_accumulate(kq_view *view, kq_set *accumulator, kq_set *value) {
  if (!usable(view) || !accumulator || !value || value->size == 0 ||
      accumulator == view->context->emptySet())
    return accumulator;
  view->sets->append(accumulator, value->ids, size_t(value->size));
  return accumulator;
}

kq_set *kq_rt_accumulated(kq_view *view, kq_set *accumulator) {
  if (!usable(view) || !accumulator || accumulator == view->context->emptySet())
    return accumulator;
  view->sets->makeSet(accumulator, kq_rt_bitmap(view));
  return accumulator;
}

const kq_adjacency *kq_rt_adjacency(kq_view *view, const char *relation, int32_t inverse) {
  if (!usable(view))
    return adjacencyOf(view, std::nullopt, inverse);
  return adjacencyOf(view, lookupName(view, view->graph->relations(), relation, "relation"),
                     inverse);
}

const kq_adjacency *kq_rt_adjacency_id(kq_view *view, int32_t relation, int32_t inverse) {
  if (!usable(view))
    return adjacencyOf(view, std::nullopt, inverse);
  if (relation < 0 || size_t(relation) >= view->graph->relations().size()) {
    view->context->fail(
        fmt::format("graph '{}' has no relation with id {}", view->graphName, relation));
    return adjacencyOf(view, std::nullopt, inverse);
  }
  return adjacencyOf(view, uint32_t(relation), inverse);
}

uint64_t *kq_rt_bitmap(kq_view *view) {
  if (!view)
    return nullptr;
  // A word past the graph's entities, so even the failed view's bitmap
  // (no graph) is not empty and is allocated only once.
  if (view->bitmap.empty())
    view->bitmap.assign((view->graph ? view->graph->entities().size() + 63 : 0) / 64 + 1, 0);
  return view->bitmap.data();
}

int64_t kq_rt_checkpoint(kq_view *view) {
  return view ? static_cast<int64_t>(view->sets->count()) : 0;
}

void kq_rt_release(kq_view *view, int64_t checkpoint) {
  if (view)
    view->sets->releaseAfter(static_cast<size_t>(checkpoint));
}

int64_t kq_rt_set_size(kq_set *set) { return set ? set->size : 0; }

kq_set *kq_rt_set_element(kq_view *view, kq_set *set, int64_t index) {
  if (!usable(view) || !set || index < 0 || index >= set->size)
    return view ? view->context->emptySet() : nullptr;
  return view->sets->copyOf(set->ids + index, 1);
}

void kq_rt_end_statement(kq_context *ctx) { Context::from(ctx).endStatement(); }

} // extern "C"
