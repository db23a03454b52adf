#pragma once
// The four guided passages people read aloud to build their voice.
//
// Written for Echoes: warm, plain English an older reader can read at sight, with
// words chosen so the four together cover many English diphones (docs/passages.md).
#include <string>
#include <string_view>
#include <vector>

namespace echoes::text {

struct Passage {
  std::string id;            ///< stable id: "conversational-warmth", "emotional-expression", ...
  std::string title;         ///< shown to the reader, e.g. "Conversational Warmth"
  std::string purpose;       ///< one line: what this passage captures
  std::string text;          ///< what to read aloud
  double target_duration_s;  ///< expected reading time at a relaxed pace, seconds
  std::string pacing_cue;    ///< how to read it, e.g. "Speak as if to a grandchild ..."
};

/// The passages in reading order: conversational-warmth, emotional-expression,
/// wisdom-legacy, technical-clarity.
const std::vector<Passage>& passages();

/// The passage with this id, or nullptr.
const Passage* find_passage(std::string_view id);

}  // namespace echoes::text
