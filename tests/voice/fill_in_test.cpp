// The parametric fill-in (voice/fill_in.h) on real speech: a Kathleen voice whose
// recordings lack "zh" and "oy" gets units for them from flite's kal16 voice moved toward
// her F0 and spectrum; the moved audio must be measurably closer to her than kal16 is.
#include <cmath>
#include <cstdio>
#include <memory>
#include <set>

#include <gtest/gtest.h>

#include "audio/mfcc.h"
#include "audio/pitch.h"
#include "audio/resample.h"
#include "support/test_data.h"
#include "text/flite_speech.h"
#include "voice/build.h"
#include "voice/fill_in.h"
#include "voice/fill_in_carriers.h"
#include "voice_test_util.h"

namespace echoes::voice {
namespace {

const std::vector<std::string> kLacking = {"zh", "oy"};

/// A voice from about 1.5 minutes of Kathleen prompts that never say "zh" or "oy".
class FillInVoice : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!echoes::testing::speech_data_available()) return;
    const auto entries = testing::kathleen_entries_without(kLacking, 30);
    for (const auto& e : entries) transcripts_.push_back(e.transcript);
    report_ = std::make_unique<BuildReport>();
    voice_ = std::make_unique<VoiceModel>(build_voice(load_training_utterances(entries), BuildOptions{}, {}, report_.get()));
  }
  static void TearDownTestSuite() {
    voice_.reset();
    report_.reset();
  }
  static std::unique_ptr<VoiceModel> voice_;
  static std::unique_ptr<BuildReport> report_;
  static std::vector<std::string> transcripts_;
};
std::unique_ptr<VoiceModel> FillInVoice::voice_;
std::unique_ptr<BuildReport> FillInVoice::report_;
std::vector<std::string> FillInVoice::transcripts_;

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

/// A stretch of audio and the phone spans inside it whose middles are measured.
struct Spans {
  std::vector<std::pair<audio::Audio, std::pair<double, double>>> items;
};

/// Mean MFCC c1..c12 over the middle half of each span (c0, the level, left out).
std::vector<double> mean_mfcc(const Spans& spans, double high_hz) {
  audio::MfccOptions o;
  o.hop_s = 0.005;
  o.coefficients = 13;
  o.high_hz = high_hz;
  std::vector<double> sum(12, 0.0);
  double n = 0;
  for (const auto& [a, span] : spans.items) {
    const auto m = audio::compute_mfcc(a, o);
    const double len = span.second - span.first;
    for (std::size_t f = 0; f < m.frames; ++f) {
      const double t = double(f) * o.hop_s;
      if (t < span.first + 0.25 * len || t > span.second - 0.25 * len) continue;
      for (int k = 1; k <= 12; ++k) sum[k - 1] += m.at(f, k);
      ++n;
    }
  }
  for (double& v : sum) v /= std::max(n, 1.0);
  return sum;
}

double distance(const std::vector<double>& a, const std::vector<double>& b) {
  double d2 = 0.0;
  for (std::size_t k = 0; k < a.size(); ++k) d2 += (a[k] - b[k]) * (a[k] - b[k]);
  return std::sqrt(d2);
}

/// Spans of the voice's phones `phones` (recorded or fill-in units, as asked), padded 50 ms.
Spans voice_spans(const VoiceModel& v, const std::vector<std::string>& phones, bool fill_in) {
  Spans out;
  const int pad = v.rate_hz / 20;
  for (std::size_t i = 0; i + 1 < v.units.size(); ++i) {
    const Unit& l = v.units[i];
    const Unit& r = v.units[i + 1];
    if (l.half != 0 || r.half != 1 || l.phone != r.phone) continue;
    if (((l.flags & unit_flags::kFillIn) != 0) != fill_in || !contains(phones, std::string(phone_name(l.phone)))) continue;
    const int from = std::max(0, l.start_sample - pad), to = std::min(int(v.samples.size()), r.end_sample + pad);
    std::vector<std::int16_t> pcm(std::size_t(to - from));
    v.samples.read(std::size_t(from), pcm);
    audio::Audio a{{}, v.rate_hz};
    for (std::int16_t s : pcm) a.samples.push_back(s / 32768.0f);
    out.items.push_back({std::move(a), {double(l.start_sample - from) / v.rate_hz, double(r.end_sample - from) / v.rate_hz}});
  }
  return out;
}

/// Spans of `phone` in flite speech (resampled to 22,050 Hz).
Spans flite_spans(const text::FliteSpeech& speech, const std::string& phone) {
  Spans out;
  const audio::Audio a{audio::resample(speech.audio.samples, speech.audio.rate_hz, 22050), 22050};
  for (const auto& s : speech.segments) {
    if (phone_id(s.phone) == phone_id(phone)) out.items.push_back({a, {s.start_s, s.end_s}});
  }
  return out;
}

std::string carrier_of(const std::string& phone) {
  std::string text;
  for (const auto& phrase : carrier_texts(phone_id(phone))) text += phrase + " ";
  return text;
}

TEST_F(FillInVoice, MissingPhonesAreFilledInAndFlagged) {
  ECHOES_REQUIRE_SPEECH_DATA();
  for (const auto& p : kLacking) {
    ASSERT_TRUE(contains(report_->missing_phones, p)) << p << ": the subset must lack it";
    EXPECT_TRUE(contains(report_->filled_in_phones, p)) << p;
    EXPECT_TRUE(voice_->has_phone(phone_id(p))) << p;
  }
  EXPECT_EQ(report_->filled_in_phones.size(), report_->missing_phones.size());
  EXPECT_EQ(report_->phones_covered + int(report_->missing_phones.size()), 39);
  // Fill-in units are exactly the missing phones' units.
  for (const Unit& u : voice_->units) {
    const bool missing = contains(report_->missing_phones, std::string(phone_name(u.phone)));
    ASSERT_EQ((u.flags & unit_flags::kFillIn) != 0, missing) << phone_name(u.phone);
  }
  std::set<std::int32_t> fill_in_utterances;
  for (const Unit& u : voice_->units) {
    if (u.flags & unit_flags::kFillIn) fill_in_utterances.insert(u.utterance);
  }
  double fill_in_audio_s = 0.0;
  for (const auto i : fill_in_utterances) fill_in_audio_s += double(voice_->utterances[std::size_t(i)].sample_count) / voice_->rate_hz;
  EXPECT_EQ(fill_in_utterances.size(), report_->filled_in_phones.size());
  EXPECT_LT(fill_in_audio_s, 8.0 * double(fill_in_utterances.size()));
  std::printf("[ fill-in  ] %.1f s of fill-in audio\n", fill_in_audio_s);
  std::printf("[ fill-in  ] missing:");
  for (const auto& p : report_->missing_phones) std::printf(" %s", p.c_str());
  std::printf("; fill-in %.3f s of a %.2f s build (%.1f s of speech)\n", report_->fill_in_s, report_->build_s,
              report_->stored_audio_s);
}

TEST_F(FillInVoice, FillInF0IsTheSpeakersNotKal16s) {
  ECHOES_REQUIRE_SPEECH_DATA();
  const double speaker_hz = std::exp(double(voice_->prosody.mean_log_f0));
  double sum = 0.0;
  int n = 0;
  for (const Unit& u : voice_->units) {
    if (u.phone == phone_id("oy") && u.log_f0 > 0) { sum += u.log_f0; ++n; }
  }
  ASSERT_GT(n, 0);
  const double fill_in_hz = std::exp(sum / n);
  audio::PitchOptions po;
  po.hop_s = 0.005;
  const auto raw = text::flite_speak("kal16", carrier_of("oy"));
  const auto track = audio::track_pitch(raw.audio, po);
  double raw_sum = 0.0;
  int raw_n = 0;
  for (const auto& s : raw.segments) {
    if (s.phone != "oy") continue;
    for (auto f = std::size_t(s.start_s / po.hop_s); f < track.f0_hz.size() && f * po.hop_s < s.end_s; ++f) {
      if (track.f0_hz[f] > 0) { raw_sum += std::log(track.f0_hz[f]); ++raw_n; }
    }
  }
  ASSERT_GT(raw_n, 0);
  const double raw_hz = std::exp(raw_sum / raw_n);
  const double fill_in_st = 12.0 * std::log2(fill_in_hz / speaker_hz);
  const double raw_st = 12.0 * std::log2(raw_hz / speaker_hz);
  std::printf("[ fill-in  ] F0 of \"oy\": speaker mean %.0f Hz, fill-in %.0f Hz (%+.1f st), kal16 %.0f Hz (%+.1f st)\n",
              speaker_hz, fill_in_hz, fill_in_st, raw_hz, raw_st);
  EXPECT_LT(std::abs(fill_in_st), 2.0);
  EXPECT_GT(std::abs(raw_st), 6.0);
}

TEST_F(FillInVoice, ConvertedSpectrumIsCloserToTheSpeakerThanKal16) {
  ECHOES_REQUIRE_SPEECH_DATA();
  // Missing phones: fill-in units against the speaker's nearest recorded phones.
  const std::vector<std::pair<std::string, std::vector<std::string>>> kin = {{"oy", {"ao", "iy", "ih"}}, {"zh", {"sh", "z"}}};
  for (double high_hz : {7600.0, 0.0}) {
    for (const auto& [phone, near] : kin) {
      const auto speaker = mean_mfcc(voice_spans(*voice_, near, false), high_hz);
      const double converted = distance(mean_mfcc(voice_spans(*voice_, {phone}, true), high_hz), speaker);
      const double raw = distance(mean_mfcc(flite_spans(text::flite_speak("kal16", carrier_of(phone)), phone), high_hz), speaker);
      std::printf("[ fill-in  ] MFCC distance to the speaker's %s%s, \"%s\" (<= %.0f Hz): converted %.2f, kal16 %.2f\n",
                  near[0].c_str(), near.size() > 1 ? "..." : "", phone.c_str(), high_hz > 0 ? high_hz : 11025.0, converted, raw);
      EXPECT_LT(converted, raw) << phone;
    }
  }
}

TEST_F(FillInVoice, ConversionMovesRecordedPhonesTowardTheSpeaker) {
  ECHOES_REQUIRE_SPEECH_DATA();
  // Phones she did record: kal16 saying them, converted or not, against her own.
  FillInOptions options;
  const auto prosody = speaker_flite_prosody(voice_->prosody);
  const SpectralMapping mapping = learn_speaker_mapping(*voice_, transcripts_, prosody, options);
  std::printf("[ fill-in  ] mapping: warp %.2f, %d vowels compared, residual %.2f dB (unwarped %.2f dB)\n",
              mapping.envelope.warp, mapping.phones_compared, mapping.residual_db, mapping.residual_unwarped_db);
  EXPECT_GT(mapping.envelope.warp, 1.02) << "kal16 is a man: her formants are higher";
  EXPECT_LT(mapping.residual_db, mapping.residual_unwarped_db);
  const auto carrier_spans = [&](const std::string& phone, const audio::EnvelopeMapping& m) {
    const PhoneId wanted[] = {phone_id(phone)};
    const auto rec = converted_carrier(carrier_of(phone), wanted, prosody, m, voice_->rate_hz, options);
    Spans out;
    for (std::size_t i = 0; i < rec.phones.size(); ++i) {
      if (rec.usable[i]) out.items.push_back({rec.audio, {rec.phones[i].start_s, rec.phones[i].end_s}});
    }
    return out;
  };
  for (double high_hz : {7600.0, 0.0}) {
    double converted_sum = 0.0, f0_only_sum = 0.0, raw_sum = 0.0;
    for (const std::string phone : {"aa", "iy", "eh", "uw", "ae", "s", "sh", "n", "l", "f"}) {
      const auto speaker = mean_mfcc(voice_spans(*voice_, {phone}, false), high_hz);
      const double converted = distance(mean_mfcc(carrier_spans(phone, mapping.envelope), high_hz), speaker);
      const double f0_only = distance(mean_mfcc(carrier_spans(phone, {}), high_hz), speaker);
      const double raw = distance(mean_mfcc(flite_spans(text::flite_speak("kal16", carrier_of(phone)), phone), high_hz), speaker);
      std::printf("[ fill-in  ] \"%s\" (<= %.0f Hz): MFCC distance to hers, converted %.2f, her F0 only %.2f, kal16 %.2f\n",
                  phone.c_str(), high_hz > 0 ? high_hz : 11025.0, converted, f0_only, raw);
      converted_sum += converted;
      f0_only_sum += f0_only;
      raw_sum += raw;
    }
    std::printf("[ fill-in  ] sum over 10 phones: converted %.1f, her F0 only %.1f, kal16 %.1f\n", converted_sum, f0_only_sum, raw_sum);
    EXPECT_LT(converted_sum, 0.7 * raw_sum);
    EXPECT_LT(converted_sum, 0.8 * f0_only_sum);
  }
}

TEST(FillIn, EveryPhoneHasCarriersThatSayIt) {
  const text::FliteFrontEnd front_end;
  for (int p = 1; p < kPhoneCount; ++p) {
    const auto& texts = carrier_texts(PhoneId(p));
    ASSERT_GE(texts.size(), 2u) << phone_name(PhoneId(p));
    int occurrences = 0;
    for (const auto& t : texts) {
      for (const auto& ph : front_end.analyze(t).phones) occurrences += phone_id(ph.name) == PhoneId(p);
    }
    EXPECT_GE(occurrences, 3) << phone_name(PhoneId(p));
  }
}

}  // namespace
}  // namespace echoes::voice
