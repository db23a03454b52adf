#include "voice/fill_in.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "audio/resample.h"
#include "voice/fill_in_carriers.h"
#include "voice/pitch_marks.h"
#include "voice/speech_level.h"

namespace echoes::voice {
namespace {

audio::Audio at_rate(const audio::Audio& in, int rate_hz) {
  if (in.rate_hz == rate_hz) return in;
  return {audio::resample(in.samples, in.rate_hz, rate_hz), rate_hz};
}

std::vector<align::AlignedPhone> aligned_phones(const std::vector<text::FliteSegment>& segments) {
  std::vector<align::AlignedPhone> out;
  out.reserve(segments.size());
  for (const auto& s : segments) {
    align::AlignedPhone p;
    p.phone = phone_id(s.phone) == kPause ? std::string(align::kSilencePhone) : s.phone;
    p.word_index = s.word_index;
    p.start_s = s.start_s;
    p.end_s = s.end_s;
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<PhoneLabel> labels_of(const std::vector<text::FliteSegment>& segments) {
  std::vector<PhoneLabel> out;
  out.reserve(segments.size());
  for (const auto& s : segments) {
    const bool speech = phone_id(s.phone) != kPause;
    out.push_back({speech, s.stress, speech && s.syllable_start, s.end_s - s.start_s});
  }
  return out;
}

/// Curve index of the phone sounding at time_s (mapping_curve; the pause curve after the end).
std::size_t curve_at(const std::vector<text::FliteSegment>& segments, double time_s) {
  const auto it = std::upper_bound(segments.begin(), segments.end(), time_s,
                                   [](double t, const text::FliteSegment& s) { return t < s.end_s; });
  return it == segments.end() ? 0 : mapping_curve(phone_id(it->phone));
}

/// Adds the middles of the recorded (not fill-in) phones of `voice` to `speaker`, for phones
/// the source side has frames of.
void add_speaker_phones(const VoiceModel& voice, const PhoneEnvelopes& source, PhoneEnvelopes& speaker,
                        const SpectralMappingOptions& o) {
  const long pad = long(o.envelope.fft_size / 2);
  std::vector<float> buffer;
  std::vector<std::int16_t> pcm;
  for (std::size_t i = 0; i + 1 < voice.units.size(); ++i) {
    const Unit& l = voice.units[i];
    const Unit& r = voice.units[i + 1];
    if (l.half != 0 || r.half != 1 || l.phone != r.phone || (l.flags & unit_flags::kFillIn)) continue;
    if (source.frames(l.phone) < o.min_frames_per_phone || speaker.full(l.phone)) continue;
    const long from = std::max<long>(0, l.start_sample - pad);
    const long to = std::min<long>(long(voice.samples.size()), r.end_sample + pad);
    pcm.resize(std::size_t(to - from));
    voice.samples.read(std::size_t(from), pcm);
    buffer.resize(pcm.size());
    std::transform(pcm.begin(), pcm.end(), buffer.begin(), [](std::int16_t s) { return float(s) / 32768.0f; });
    speaker.add_phone(buffer, voice.rate_hz, l.phone, double(l.start_sample - from) / voice.rate_hz,
                      double(r.end_sample - from) / voice.rate_hz);
  }
}

}  // namespace

std::vector<PhoneId> phones_without_units(const VoiceModel& voice) {
  std::array<std::array<bool, 2>, kPhoneCount> recorded{};
  for (const Unit& u : voice.units) {
    if (u.phone < kPhoneCount && u.half < 2 && !(u.flags & unit_flags::kFillIn)) recorded[u.phone][u.half] = true;
  }
  std::vector<PhoneId> out;
  for (int p = 1; p < kPhoneCount; ++p) {
    if (!recorded[p][0] || !recorded[p][1]) out.push_back(PhoneId(p));
  }
  return out;
}

text::FliteProsody speaker_flite_prosody(const ProsodyModel& prosody) {
  text::FliteProsody out;
  out.f0_mean_hz = std::exp(double(prosody.mean_log_f0));
  out.f0_stddev_hz = out.f0_mean_hz * double(prosody.sd_log_f0);
  return out;
}

SpectralMapping learn_speaker_mapping(const VoiceModel& voice, std::span<const std::string> transcripts,
                                      const text::FliteProsody& prosody, const FillInOptions& options) {
  PhoneEnvelopes source(options.mapping), speaker(options.mapping);
  const std::size_t texts = std::min(transcripts.size(), options.max_calibration_texts);
  for (std::size_t t = 0; t < texts; ++t) {
    try {
      const text::FliteSpeech speech = text::flite_speak(options.flite_voice, transcripts[t], prosody);
      const audio::Audio a = at_rate(speech.audio, voice.rate_hz);
      for (const auto& s : speech.segments) source.add_phone(a.samples, a.rate_hz, phone_id(s.phone), s.start_s, s.end_s);
    } catch (const std::exception&) {
      // A transcript flite cannot speak only means fewer frames.
    }
  }
  add_speaker_phones(voice, source, speaker, options.mapping);
  return estimate_spectral_mapping(source, speaker, voice.rate_hz, options.mapping);
}

AnalysedRecording converted_carrier(std::string_view text, std::span<const PhoneId> wanted, const text::FliteProsody& prosody,
                                    const audio::EnvelopeMapping& mapping, int rate_hz, const FillInOptions& options) {
  const text::FliteSpeech speech = text::flite_speak(options.flite_voice, text, prosody);
  AnalysedRecording rec;
  rec.audio = at_rate(speech.audio, rate_hz);
  rec.audio = audio::apply_envelope_mapping(rec.audio, mapping, [&](double t) { return curve_at(speech.segments, t); },
                                            options.mapping.envelope);
  rec.phones = aligned_phones(speech.segments);
  rec.labels = labels_of(speech.segments);
  if (!trim_and_level(rec.audio, rec.phones, options.margin_s, options.speech_level_dbfs)) return {};
  rec.pitch = audio::track_pitch(rec.audio, options.pitch);
  rec.mfcc = audio::compute_mfcc(rec.audio, options.mfcc);
  rec.marks = find_pitch_marks(rec.audio, rec.pitch);
  rec.usable.assign(rec.phones.size(), 0);
  for (std::size_t i = 0; i < rec.phones.size(); ++i) {
    rec.usable[i] = std::find(wanted.begin(), wanted.end(), phone_id(rec.phones[i].phone)) != wanted.end();
  }
  return rec;
}

FillInResult fill_in_phones(VoiceModel& voice, std::span<const PhoneId> missing, std::span<const std::string> transcripts,
                            const FillInOptions& options) {
  FillInResult result;
  if (missing.empty()) return result;
  const text::FliteProsody prosody = options.convert_f0 ? speaker_flite_prosody(voice.prosody) : text::FliteProsody{};
  if (options.convert_spectrum) result.mapping = learn_speaker_mapping(voice, transcripts, prosody, options);
  for (const PhoneId phone : missing) {
    std::string text;
    for (const std::string& phrase : carrier_texts(phone)) text += phrase + " ";
    const std::size_t first_unit = voice.units.size();
    try {
      const PhoneId wanted[] = {phone};
      const AnalysedRecording rec = converted_carrier(text, wanted, prosody, result.mapping.envelope, voice.rate_hz, options);
      const bool any_unit = std::any_of(rec.usable.begin(), rec.usable.end(), [](char c) { return c != 0; });
      if (!rec.audio.empty() && any_unit) append_recording(voice, rec);
    } catch (const std::exception&) {
      // Left to the substitution table (synth/targets.h).
    }
    for (std::size_t u = first_unit; u < voice.units.size(); ++u) voice.units[u].flags |= unit_flags::kFillIn;
    if (voice.units.size() > first_unit) result.filled.push_back(phone);
  }
  return result;
}

}  // namespace echoes::voice
