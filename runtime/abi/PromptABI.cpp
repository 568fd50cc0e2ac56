//===- PromptABI.cpp - `quiz`, skills and `prompt` ----------------------===//
//
// KGQuiz items (prompts/Quiz), skills and their worked examples, and the
// Skills-in-Context prompts of a benchmark (prompts/Prompts).
//
//===----------------------------------------------------------------------===//

#include "runtime/abi/Adapters.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>

using namespace kq::runtime;

extern "C" {

void kq_rt_quiz(kq_context *ctx, const char *name, const char *graph_name, int32_t split_mask,
                int32_t num_formats, const char *formats, int64_t count, int64_t seed,
                int32_t distractors, int32_t keys) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  Graph *graph = context.findGraph(graph_name);
  if (!graph) {
    context.fail(fmt::format("graph '{}' is not loaded", graph_name));
    return;
  }
  QuizRequest request;
  request.name = name;
  request.splitMask = unsigned(split_mask);
  for (int32_t i = 0; i < num_formats; ++i)
    request.formats.push_back(static_cast<QuizFormat>(formats[i]));
  request.count = count;
  request.seed = uint64_t(seed);
  request.distractors = static_cast<Distractors>(distractors);
  request.keys = static_cast<kq::options::QuizKeys>(keys);
  Quiz quiz;
  std::string error;
  if (!drawQuiz(request, *graph, context.labelsOf(graph_name), quiz, error)) {
    context.fail(error);
    return;
  }
  quiz.graphName = graph_name;
  context.quizzes()[name] = std::move(quiz);
}

void kq_rt_trace(kq_trace *trace, int32_t step, kq_set *set) {
  if (trace && step >= 0 && size_t(step) < trace->steps.size())
    trace->steps[size_t(step)] = set;
}

void kq_rt_skill(kq_context *ctx, const char *name, int32_t teaches, const char *step,
                 int32_t example) {
  Context &context = Context::from(ctx);
  if (!context.failed())
    context.skills()[name] = Skill{name, static_cast<kq::options::SkillOperation>(teaches), step,
                                   static_cast<kq::options::SkillExample>(example)};
}

void kq_rt_skill_block(kq_context *ctx, const char *name, const char *skill_name,
                       const char *graph_name, int32_t split_mask, int64_t seed,
                       int64_t max_shown) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  Graph *graph = context.findGraph(graph_name);
  auto skill = context.skills().find(skill_name);
  if (!graph || skill == context.skills().end()) {
    context.fail(fmt::format("skill block {}: graph '{}' or skill '{}' is not declared", name,
                             graph_name, skill_name));
    return;
  }
  context.skillBlocks()[name] =
      drawSkillExample(skill->second, *graph, context.labelsOf(graph_name), unsigned(split_mask),
                       uint64_t(seed), size_t(std::max<int64_t>(max_shown, 1)));
}

void kq_rt_prompt_case(kq_context *ctx, const char *prompt, const char *template_name,
                       kq_traced_function traced, int32_t num_steps, const char *steps,
                       const char *question, int32_t num_pieces, const char *pieces,
                       const char *skills) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  PromptCase promptCase;
  promptCase.templateName = template_name;
  promptCase.traced = traced;
  promptCase.question = question;
  for (std::string_view packed : unpackNames(num_steps, steps))
    promptCase.steps.push_back(TraceStep::decode(packed));
  for (std::string_view packed : unpackNames(num_pieces, pieces))
    if (!packed.empty())
      promptCase.pieces.push_back({packed[0], std::string(packed.substr(1))});
  for (std::string_view skill : unpackNames(5, skills))
    promptCase.skills.emplace_back(skill);
  context.casesOf(prompt).push_back(std::move(promptCase));
}

void kq_rt_prompt(kq_context *ctx, const char *prompt, const char *bench, int64_t examples,
                  int64_t seed, int64_t max_shown) {
  Context &context = Context::from(ctx);
  if (context.failed())
    return;
  auto found = context.benchmarks().find(bench);
  if (found == context.benchmarks().end()) {
    context.fail(fmt::format("prompt {}: benchmark '{}' is not drawn", prompt, bench));
    return;
  }
  PromptRequest request{prompt, examples, uint64_t(seed), size_t(std::max<int64_t>(max_shown, 1))};
  std::vector<PromptCase> cases = std::move(context.casesOf(prompt));
  Quiz rendered;
  std::string error;
  if (!renderPrompts(context, request, found->second, cases, context.skills(),
                     context.skillBlocks(), rendered, error)) {
    context.fail(error);
    return;
  }
  rendered.graphName = found->second.graphName;
  context.promptSets()[prompt] = std::move(rendered);
}

} // extern "C"
