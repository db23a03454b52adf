#include "eval/recognizer.h"
#include "align/pocketsphinx_log.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <pocketsphinx.h>

#include "audio/resample.h"
#include "common/error.h"

namespace echoes::eval {
namespace {

constexpr int kDecoderRateHz = 16000;

std::vector<std::int16_t> to_decoder_pcm(const audio::Audio& input) {
  const std::vector<float> resampled = audio::resample(input.samples, input.rate_hz, kDecoderRateHz);
  std::vector<std::int16_t> pcm(resampled.size());
  for (std::size_t i = 0; i < resampled.size(); ++i) {
    pcm[i] = static_cast<std::int16_t>(std::lrint(std::clamp(resampled[i] * 32767.0f, -32768.0f, 32767.0f)));
  }
  return pcm;
}

void check(bool ok, const char* what) {
  if (!ok) throw Error(error_code::kInternal, std::string("The speech recognizer failed: ") + what + ".");
}

}  // namespace

struct Recognizer::Decoder {
  cmd_ln_t* config = nullptr;
  ps_decoder_t* ps = nullptr;
  ~Decoder() {
    if (ps) ps_free(ps);
    if (config) cmd_ln_free_r(config);
  }
};

Recognizer::Recognizer(RecognizerOptions options) : options_(std::move(options)), decoder_(std::make_unique<Decoder>()) {
  const std::string hmm = options_.model_dir + "/" + options_.acoustic_model;
  const std::string lm = options_.model_dir + "/" + options_.language_model;
  const std::string dict = options_.model_dir + "/" + options_.dictionary;
  align::silence_pocketsphinx_log();
  decoder_->config = cmd_ln_init(nullptr, ps_args(), TRUE, "-hmm", hmm.c_str(), "-lm", lm.c_str(), "-dict",
                                 dict.c_str(), "-remove_noise", "no", "-remove_silence", "no", nullptr);
  if (decoder_->config) decoder_->ps = ps_init(decoder_->config);
  if (!decoder_->ps) {
    throw Error(error_code::kUnavailable, "The speech recognizer model could not be loaded.");
  }
}

Recognizer::~Recognizer() = default;

std::string Recognizer::recognize(const audio::Audio& audio) {
  if (audio.samples.empty()) throw Error(error_code::kEmptyAudio, "The audio has no samples.");
  if (audio.rate_hz <= 0) throw Error(error_code::kInvalidArgument, "The audio has no valid sample rate.");
  if (audio.duration_s() > options_.max_duration_s) {
    throw Error(error_code::kTooLong, "The audio is too long to recognize.");
  }
  const std::vector<std::int16_t> pcm = to_decoder_pcm(audio);
  ps_decoder_t* ps = decoder_->ps;
  check(ps_start_utt(ps) == 0, "cannot start");
  // full_utt = TRUE: the whole clip is known, so cepstral mean normalization uses it all.
  check(ps_process_raw(ps, pcm.data(), pcm.size(), FALSE, TRUE) >= 0, "cannot process audio");
  check(ps_end_utt(ps) == 0, "cannot finish");
  int32 score = 0;
  const char* hyp = ps_get_hyp(ps, &score);
  std::string words;
  for (const std::string& w : scoring_words(hyp ? hyp : "")) words += (words.empty() ? "" : " ") + w;
  return words;
}

WordErrors Recognizer::word_errors(const audio::Audio& audio, std::string_view reference_text) {
  return count_word_errors(reference_text, recognize(audio));
}

}  // namespace echoes::eval
