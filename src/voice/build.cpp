#include "voice/build.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "audio/frames.h"
#include "audio/resample.h"
#include "common/error.h"
#include "text/flite_front_end.h"
#include "voice/fill_in.h"
#include "voice/intonation_fit.h"
#include "voice/intonation_model.h"
#include "voice/phone_labels.h"
#include "voice/prosody_model.h"
#include "voice/speech_level.h"
#include "voice/unit_cutter.h"

namespace echoes::voice {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

audio::Audio at_rate(const audio::Audio& in, int rate_hz) {
  if (in.rate_hz == rate_hz) return in;
  return {audio::resample(in.samples, in.rate_hz, rate_hz), rate_hz};
}

/// For a recording the aligner rejected only for extra speech (its match score and word
/// timing are fine): which phones belong to words that sound like the text. Empty when the
/// recording cannot be used even in part.
std::vector<char> partly_usable_phones(const align::Alignment& a, const BuildOptions& options) {
  const auto& match = options.aligner.match;
  if (a.words.empty() || a.match_score < match.min_match_score ||
      a.implausible_word_fraction > match.max_implausible_word_fraction) {
    return {};
  }
  std::vector<char> usable(a.phones.size(), 0);
  bool any = false;
  for (const auto& w : a.words) {
    if (w.implausible_duration || w.match_per_frame < options.partial_word_min_match) continue;
    for (int k = w.first_phone; k < w.first_phone + w.phone_count && k < int(usable.size()); ++k) {
      usable[std::size_t(k)] = 1;
      any = true;
    }
  }
  return any ? usable : std::vector<char>{};
}

bool is_question(const std::string& transcript) {
  const auto last = transcript.find_last_not_of(" \t\r\n\"')");
  return last != std::string::npos && transcript[last] == '?';
}

void accumulate_prosody(const AnalysedRecording& rec, const std::vector<PhoneContext>& contexts,
                        ProsodyAccumulator& prosody) {
  for (float f0 : rec.pitch.f0_hz) prosody.add_f0(f0);
  prosody.add_vowels(vowel_pitches(rec, contexts));
  double first_s = -1.0, last_s = 0.0;
  for (std::size_t i = 0; i < rec.phones.size(); ++i) {
    const auto& p = rec.phones[i];
    if (is_speech_phone(p)) {
      if (!rec.usable.empty() && !rec.usable[i]) continue;
      prosody.add_phone(phone_id(p.phone), p.end_s - p.start_s,
                        rec.labels[i].matched ? rec.labels[i].flite_duration_s : 0.0);
      if (first_s < 0) first_s = p.start_s;
      last_s = p.end_s;
    } else if (i > 0 && i + 1 < rec.phones.size() && p.end_s - p.start_s >= 0.08) {
      prosody.add_pause(p.end_s - p.start_s);
    }
  }
  if (first_s >= 0) prosody.add_speech_time(last_s - first_s);
}

/// Where each recorded unit sat in its phrase: each used recording's phone contexts and, per
/// unit, the recording and phone it came from. Once the intonation model is fitted, every
/// unit gets the model's value at its original place (Unit::context_log_f0_milli).
class UnitPlaces {
 public:
  void add(std::vector<PhoneContext> contexts, const std::vector<std::uint32_t>& unit_phones) {
    for (std::uint32_t phone : unit_phones) unit_phone_.emplace_back(std::uint32_t(contexts_.size()), phone);
    contexts_.push_back(std::move(contexts));
  }

  /// Sets context_log_f0_milli of the first units (those added here, in order).
  void apply(VoiceModel& voice) const {
    std::vector<std::vector<double>> offsets;
    offsets.reserve(contexts_.size());
    for (const auto& c : contexts_) offsets.push_back(modelled_offsets(c, voice.prosody));
    for (std::size_t u = 0; u < unit_phone_.size() && u < voice.units.size(); ++u) {
      const auto [recording, phone] = unit_phone_[u];
      const double milli = std::clamp(offsets[recording][phone] * 1000.0, -30000.0, 30000.0);
      voice.units[u].context_log_f0_milli = std::int16_t(std::lround(milli));
    }
  }

 private:
  std::vector<std::vector<PhoneContext>> contexts_;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> unit_phone_;
};

/// Gives the phones the recordings lack fill-in units (fill_in.h), analysed like the
/// recordings; lists them in the report.
void fill_in_missing(VoiceModel& voice, const std::vector<PhoneId>& missing, const std::vector<std::string>& transcripts,
                     const BuildOptions& options, const audio::PitchOptions& pitch, const audio::MfccOptions& mfcc,
                     BuildReport& report) {
  const auto t0 = std::chrono::steady_clock::now();
  FillInOptions fill_in;
  fill_in.margin_s = options.margin_s;
  fill_in.speech_level_dbfs = options.speech_level_dbfs;
  fill_in.pitch = pitch;
  fill_in.mfcc = mfcc;
  for (const PhoneId p : fill_in_phones(voice, missing, transcripts, fill_in).filled) {
    report.filled_in_phones.emplace_back(phone_name(p));
  }
  report.fill_in_s = seconds_since(t0);
}

void fill_coverage(const VoiceModel& voice, const std::vector<PhoneId>& missing,
                   const std::set<std::pair<int, int>>& diphones, BuildReport& report) {
  report.units = int(voice.units.size());
  report.phones_covered = kPhoneCount - 1 - int(missing.size());
  report.missing_phones.clear();
  for (const PhoneId p : missing) report.missing_phones.emplace_back(phone_name(p));
  report.diphones_covered = int(diphones.size());
}

}  // namespace

namespace {

/// What the analysis of one recording gave: a recording ready to cut into units, or why
/// it was left out.
struct RecordingAnalysis {
  bool used = false;
  std::string excluded_reason;      ///< when not used
  std::string partly_used_reason;   ///< when used in part
  AnalysedRecording rec;
  std::vector<PhoneContext> contexts;
  double match_score = 0.0;
  double alignment_s = 0.0;
};

/// Aligns and analyses one recording (everything that does not touch the voice), so
/// recordings can be analysed in parallel and merged in order.
RecordingAnalysis analyse_recording(const TrainingUtterance& utt, align::ForcedAligner& aligner,
                                    const text::FliteFrontEnd& front_end, const BuildOptions& options,
                                    const audio::PitchOptions& pitch_options, const audio::MfccOptions& mfcc_options) {
  RecordingAnalysis out;
  if (!utt.load_error.empty()) {
    out.excluded_reason = utt.load_error;
    return out;
  }
  try {
    AnalysedRecording& rec = out.rec;
    rec.audio = at_rate(utt.audio, audio::kWorkingRateHz);
    const auto ta = std::chrono::steady_clock::now();
    const align::Alignment alignment = aligner.align(rec.audio, utt.transcript);
    out.alignment_s = seconds_since(ta);
    if (!alignment.matches) {
      rec.usable = partly_usable_phones(alignment, options);
      const std::string reason =
          alignment.reason.empty() ? std::string("The recording does not match its transcript.") : alignment.reason;
      if (rec.usable.empty()) {
        out.excluded_reason = reason;
        return out;
      }
      out.partly_used_reason = reason;
    }
    rec.phones = alignment.phones;
    rec.labels = label_aligned_phones(alignment, front_end.analyze(utt.transcript));
    if (!trim_and_level(rec.audio, rec.phones, options.margin_s, options.speech_level_dbfs)) {
      out.excluded_reason = "No speech was found in the recording.";
      return out;
    }
    rec.pitch = audio::track_pitch(rec.audio, pitch_options);
    rec.mfcc = audio::compute_mfcc(rec.audio, mfcc_options);
    rec.marks = find_pitch_marks(rec.audio, rec.pitch);
    out.contexts = phone_contexts(rec, is_question(utt.transcript));
    out.match_score = alignment.match_score;
    out.used = true;
  } catch (const Error& e) {
    out.excluded_reason = e.what();
  }
  return out;
}

/// Analyses every recording on up to `threads` threads, each with its own aligner (a
/// pocketsphinx decoder serves one thread). `on_done` is called, one call at a time, as
/// each recording finishes.
std::vector<RecordingAnalysis> analyse_recordings(const std::vector<TrainingUtterance>& utterances,
                                                  const BuildOptions& options, const audio::PitchOptions& pitch,
                                                  const audio::MfccOptions& mfcc,
                                                  const std::function<void(const TrainingUtterance&)>& on_done) {
  std::vector<RecordingAnalysis> results(utterances.size());
  const int hardware = int(std::max(1u, std::thread::hardware_concurrency()));
  const int threads =
      std::clamp(options.threads > 0 ? options.threads : hardware, 1, int(std::max<std::size_t>(1, utterances.size())));
  // Decoders are made one after another before any thread starts: pocketsphinx's set-up
  // swaps a process-wide log file, which a decoder being set up next to a running one
  // closes under it (seen as a hang).
  std::vector<std::unique_ptr<align::ForcedAligner>> aligners;
  for (int t = 0; t < threads; ++t) aligners.push_back(std::make_unique<align::ForcedAligner>(options.aligner));
  std::atomic<std::size_t> next{0};
  std::mutex done_mutex;
  std::exception_ptr failure;
  const auto work = [&](align::ForcedAligner& aligner) {
    try {
      const text::FliteFrontEnd front_end;
      for (std::size_t u = next++; u < utterances.size(); u = next++) {
        results[u] = analyse_recording(utterances[u], aligner, front_end, options, pitch, mfcc);
        const std::lock_guard<std::mutex> lock(done_mutex);
        on_done(utterances[u]);
      }
    } catch (...) {
      const std::lock_guard<std::mutex> lock(done_mutex);
      if (!failure) failure = std::current_exception();
      next = utterances.size();
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(work, std::ref(*aligners[std::size_t(t)]));
  work(*aligners[0]);
  for (auto& w : workers) w.join();
  if (failure) std::rethrow_exception(failure);
  return results;
}

}  // namespace

VoiceModel build_voice(const std::vector<TrainingUtterance>& utterances, const BuildOptions& options,
                       const ProgressCallback& progress, BuildReport* report_out) {
  const auto t0 = std::chrono::steady_clock::now();
  BuildReport report;
  report.utterances_offered = int(utterances.size());
  const auto say = [&](double fraction, const std::string& message) {
    if (progress) progress(fraction, message);
  };
  say(0.0, "loading the alignment model");

  VoiceModel voice;
  voice.name = options.name;
  voice.rate_hz = audio::kWorkingRateHz;
  ProsodyAccumulator prosody;
  std::set<std::pair<int, int>> diphones;
  double match_sum = 0.0;
  std::vector<std::string> used_transcripts;
  UnitPlaces places;
  audio::PitchOptions pitch_options;
  pitch_options.hop_s = options.pitch_hop_s;
  pitch_options.min_f0_hz = options.min_f0_hz;
  pitch_options.max_f0_hz = options.max_f0_hz;
  audio::MfccOptions mfcc_options;
  mfcc_options.hop_s = options.pitch_hop_s;
  mfcc_options.coefficients = kJoinMfccDims + 1;

  std::size_t analysed = 0;
  std::vector<RecordingAnalysis> analyses =
      analyse_recordings(utterances, options, pitch_options, mfcc_options, [&](const TrainingUtterance& utt) {
        ++analysed;
        say(0.05 + 0.9 * double(analysed) / double(utterances.size()), "analysed " + utt.id);
      });
  for (std::size_t u = 0; u < utterances.size(); ++u) {  // merged in order: the same voice whatever the threads
    const auto& utt = utterances[u];
    RecordingAnalysis& a = analyses[u];
    report.offered_audio_s += utt.audio.duration_s();
    report.alignment_s += a.alignment_s;
    if (!a.used) {
      report.excluded.push_back({utt.id, a.excluded_reason});
      continue;
    }
    if (!a.partly_used_reason.empty()) report.partly_used.push_back({utt.id, a.partly_used_reason});
    std::vector<std::uint32_t> unit_phones;
    append_recording(voice, a.rec, &unit_phones);
    accumulate_prosody(a.rec, a.contexts, prosody);
    places.add(std::move(a.contexts), unit_phones);
    for (std::size_t i = 0; i + 1 < a.rec.phones.size(); ++i) {
      diphones.insert({phone_id(a.rec.phones[i].phone), phone_id(a.rec.phones[i + 1].phone)});
    }
    match_sum += a.match_score;
    report.used_audio_s += utt.audio.duration_s();
    ++report.utterances_used;
    used_transcripts.push_back(utt.transcript);
    a.rec = {};  // the voice holds the audio now
  }
  if (report.utterances_used == 0) {
    const std::string why = report.excluded.empty() ? "" : " First problem: " + report.excluded.front().reason;
    throw Error(error_code::kInvalidArgument, "None of the recordings could be used to build a voice." + why);
  }
  say(0.96, "indexing units");
  voice.prosody = prosody.finish(options.speech_level_dbfs);
  places.apply(voice);
  const std::vector<PhoneId> missing = phones_without_units(voice);
  report.stored_audio_s = voice.audio_duration_s();  // recordings only, before any fill-in
  if (options.fill_in_missing_phones && !missing.empty()) {
    say(0.96, "filling in missing phones");
    fill_in_missing(voice, missing, used_transcripts, options, pitch_options, mfcc_options, report);
  }
  scale_join_features(voice);
  index_units(voice);
  report.mean_match_score = match_sum / report.utterances_used;
  fill_coverage(voice, missing, diphones, report);
  report.build_s = seconds_since(t0);
  say(1.0, "done");
  if (report_out) *report_out = std::move(report);
  return voice;
}

}  // namespace echoes::voice
