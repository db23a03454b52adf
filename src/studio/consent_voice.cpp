#include "studio/consent_voice.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "quality/prosody_json.h"

namespace echoes::studio {
namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// The median over signatures of one field, picked by `get`.
template <class Get>
double median_of(const std::vector<const quality::VoiceSignature*>& signatures, Get get) {
  std::vector<double> values;
  for (const auto* s : signatures) values.push_back(get(*s));
  return median(std::move(values));
}

}  // namespace

std::optional<quality::VoiceSignature> median_voice_signature(const std::vector<quality::VoiceSignature>& signatures) {
  std::vector<const quality::VoiceSignature*> voiced;
  for (const auto& s : signatures) {
    if (s.voiced_frames > 0) voiced.push_back(&s);
  }
  if (voiced.empty()) return std::nullopt;
  quality::VoiceSignature centre;
  for (int k = 0; k < quality::kSignatureCoefficients; ++k) {
    centre.mfcc_mean[k] = median_of(voiced, [k](const auto& s) { return s.mfcc_mean[k]; });
    centre.mfcc_stdev[k] = median_of(voiced, [k](const auto& s) { return s.mfcc_stdev[k]; });
  }
  centre.f0_median_hz = median_of(voiced, [](const auto& s) { return s.f0_median_hz; });
  centre.voiced_frames = static_cast<int>(median_of(voiced, [](const auto& s) { return double(s.voiced_frames); }));
  return centre;
}

std::vector<quality::VoiceSignature> stored_voice_signatures(const std::vector<store::RecordingRecord>& recordings) {
  std::vector<quality::VoiceSignature> signatures;
  for (const auto& record : recordings) {
    if (record.files_missing) continue;
    const auto stored = nlohmann::json::parse(record.analysis_json, nullptr, /*allow_exceptions=*/false);
    if (!stored.is_object() || !stored.contains("voiceSignature")) continue;
    try {
      signatures.push_back(quality::voice_signature_from_json(stored["voiceSignature"]));
    } catch (const Error&) {
      // a malformed stored signature (older rows) is as good as none
    }
  }
  return signatures;
}

std::optional<double> distance_to_recordings(const quality::VoiceSignature& consent,
                                             const std::vector<store::RecordingRecord>& recordings) {
  if (consent.voiced_frames <= 0) return std::nullopt;
  const auto centre = median_voice_signature(stored_voice_signatures(recordings));
  if (!centre) return std::nullopt;
  return quality::voice_distance(consent, *centre);
}

}  // namespace echoes::studio
