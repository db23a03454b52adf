#pragma once
// The acceptance experiment's data split over the shared speech corpus (Kathleen and bdl plus the
// six speechocean speakers): which recordings build each voice, which real recordings train
// the speaker-identification model, and which texts are synthesized.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace echoes::eval {

struct CorpusUtterance {
  std::string id;                    ///< file name without extension, e.g. "arctic_a0001"
  std::string text;                  ///< transcript
  std::filesystem::path audio_path;  ///< the FLAC file
};

struct SpeakerCorpus {
  std::string speaker;                       ///< "kathleen" or a speechocean speaker id
  bool native = false;                       ///< native English reader (WER is meaningful)
  std::vector<CorpusUtterance> utterances;   ///< sorted by id
};

/// Reads kathleen/transcripts.tsv and speechocean/speakers.tsv + <speaker>/transcripts.tsv
/// under `speech_dir`. The native speakers come first (Kathleen, bdl), then the speechocean speakers in file order.
/// Throws echoes::Error(not_found) when a listing is missing, invalid_argument when malformed.
std::vector<SpeakerCorpus> load_shared_corpus(const std::filesystem::path& speech_dir);

/// A text to synthesize; `real` is the speaker's own recording of it when there is one.
struct SynthItem {
  std::string id;
  std::string text;
  std::optional<CorpusUtterance> real;
};

struct SpeakerPlan {
  std::string speaker;
  bool native = false;
  std::vector<CorpusUtterance> build;       ///< the voice is built from these
  std::vector<CorpusUtterance> enrollment;  ///< held-out real audio for the speaker-ID model
  std::vector<CorpusUtterance> real_test;   ///< real clips outside the enrollment (ID sanity check)
  std::vector<SynthItem> synth;             ///< texts to synthesize (none in `build`)
};

struct PlanOptions {
  double native_build_s = 180.0;            ///< native speakers: first prompts until this much audio
  std::string native_first_held_out = "arctic_a0500";  ///< native speakers: first synthesized prompt
  std::size_t native_synth_count = 10;      ///< native speakers: prompts synthesized (exact pairs)
  std::string native_first_enrollment = "arctic_a0540";  ///< native speakers: enrollment starts here
  double native_enrollment_s = 60.0;        ///< native speakers: enrollment audio, seconds
  /// Other speakers: the first ceil(2/3) of the utterances build the voice, the rest are
  /// held out (enrollment + synthesized texts with exact pairs).
  std::size_t min_synth_texts = 10;  ///< topped up with the next speaker's held-out texts
};

/// Splits every speaker as documented on PlanOptions. `duration_s` gives an utterance's
/// length (only called for the native speakers' prompts). Throws echoes::Error(invalid_argument) when
/// a speaker has too few utterances for the split.
std::vector<SpeakerPlan> plan_experiment(const std::vector<SpeakerCorpus>& corpus, const PlanOptions& options,
                                         const std::function<double(const CorpusUtterance&)>& duration_s);

}  // namespace echoes::eval
