#pragma once
// Takes for measuring the read-along check on real speech (docs/studio-read-along.md):
// a "passage" is a speaker's consecutive one-sentence prompts, its recording their clips
// joined with short pauses. Takes read it all, stop early (cut to a share of the audio),
// leave sentences out, or read another sentence in place of one. Each take knows which
// sentences it says in full, so the check's verdict can be scored.
#include <string>
#include <vector>

#include "audio/audio.h"

namespace echoes::testing {

struct ReadingPassage {
  std::string speaker;
  std::vector<std::string> sentences;  ///< one prompt each, ending in punctuation
  std::vector<audio::Audio> clips;     ///< the speaker reading each sentence
  std::string text() const;            ///< the sentences joined with spaces
};

/// `count` prompts of `speaker` ("kathleen" or "bdl") from prompt `first` (0-based, in
/// transcript order), skipping prompts that are not exactly one sentence.
ReadingPassage reading_passage(const std::string& speaker, int first, int count);

struct ReadingTake {
  std::string kind;            ///< "complete", "cut 10%", "dropped 3", "swapped 1", ...
  audio::Audio audio;
  std::vector<bool> read;      ///< per passage sentence: said in full
  int sentences_read() const;
};

/// Every sentence, 0.3 s of silence between clips.
ReadingTake complete_take(const ReadingPassage& passage);
/// The complete take cut after `fraction` of its duration (a sentence cut mid-way is not read).
ReadingTake cut_take(const ReadingPassage& passage, double fraction);
/// The complete take without the sentences at `dropped` (indices).
ReadingTake dropped_take(const ReadingPassage& passage, const std::vector<int>& dropped);
/// The complete take with the sentences at `swapped` replaced by `other`'s clips (another
/// text read in their place).
ReadingTake swapped_take(const ReadingPassage& passage, const std::vector<int>& swapped, const ReadingPassage& other);

}  // namespace echoes::testing
