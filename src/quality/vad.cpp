#include "quality/vad.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "quality/percentile.h"

namespace echoes::quality {
namespace {

bool voiced_frame(const FrameFeatures& f, std::size_t i, double floor_db, const VadOptions& o) {
  return f.level_db[i] >= floor_db + o.voiced_margin_db && f.level_db[i] >= o.min_level_dbfs &&
         f.periodicity[i] >= o.min_periodicity && f.f0_hz[i] >= o.f0_min_hz &&
         f.f0_hz[i] <= o.f0_max_hz;
}

// Runs of voiced frames, bridging gaps of up to bridge_frames.
std::vector<FrameRun> voiced_runs(const std::vector<std::uint8_t>& voiced, const VadOptions& o) {
  std::vector<FrameRun> runs;
  const int n = static_cast<int>(voiced.size());
  for (int i = 0; i < n; ++i) {
    if (!voiced[i]) continue;
    if (!runs.empty() && i - runs.back().end <= o.bridge_frames) {
      runs.back().end = i + 1;
    } else {
      runs.push_back({i, i + 1});
    }
  }
  return runs;
}

// A voice glides: most frame-to-frame F0 steps inside a nucleus are small.
bool f0_is_smooth(const FrameFeatures& f, const FrameRun& run, const VadOptions& o) {
  int steps = 0, smooth = 0;
  float previous = 0.0f;
  for (int i = run.begin; i < run.end; ++i) {
    if (f.f0_hz[i] <= 0.0f || f.periodicity[i] < o.min_periodicity) continue;
    if (previous > 0.0f) {
      ++steps;
      if (std::fabs(std::log2(f.f0_hz[i] / previous)) <= o.max_f0_jump_octaves) ++smooth;
    }
    previous = f.f0_hz[i];
  }
  return steps > 0 && smooth >= o.min_smooth_fraction * steps;
}

double f0_range_semitones(const FrameFeatures& f, std::span<const FrameRun> nuclei, const VadOptions& o) {
  std::vector<float> semitones;
  for (const FrameRun& run : nuclei) {
    for (int i = run.begin; i < run.end; ++i) {
      if (f.f0_hz[i] > 0.0f && f.periodicity[i] >= o.min_periodicity) {
        semitones.push_back(12.0f * std::log2(f.f0_hz[i] / 100.0f));
      }
    }
  }
  return percentile(semitones, 0.9) - percentile(semitones, 0.1);
}

std::vector<FrameRun> speech_nuclei(const FrameFeatures& f, const std::vector<std::uint8_t>& voiced,
                               const VadOptions& o) {
  std::vector<FrameRun> nuclei;
  for (const FrameRun& run : voiced_runs(voiced, o)) {
    const double length_s = (run.end - run.begin) * f.hop_s;
    if (length_s < o.min_nucleus_s || !f0_is_smooth(f, run, o)) continue;
    if (length_s >= o.flat_check_s &&
        f0_range_semitones(f, std::span<const FrameRun>(&run, 1), o) < o.min_nucleus_f0_range_semitones) {
      continue;
    }
    nuclei.push_back(run);
  }
  return nuclei;
}

// Grows each nucleus into neighbouring active frames (consonants, onsets, decays),
// stepping over quiet gaps of up to max_closure_s, then merges segments separated by
// short pauses.
std::vector<FrameRun> grow_and_merge(const FrameFeatures& f, const std::vector<FrameRun>& nuclei,
                                double floor_db, double full_floor_db, const VadOptions& o) {
  const int n = static_cast<int>(f.level_db.size());
  const int max_grow = static_cast<int>(std::lround(o.max_extension_s / f.hop_s));
  const int merge_gap = static_cast<int>(std::lround(o.merge_gap_s / f.hop_s));
  // Either band will do: /s/ and /sh/ live mostly above the 3.8 kHz speech band.
  auto active = [&](int i) {
    return (f.level_db[i] >= floor_db + o.active_margin_db && f.level_db[i] >= o.min_level_dbfs) ||
           (f.full_level_db[i] >= full_floor_db + o.active_margin_db &&
            f.full_level_db[i] >= o.min_level_dbfs);
  };
  const int closure = static_cast<int>(std::lround(o.max_closure_s / f.hop_s));
  // The first active frame within `closure` frames from i (stepping by `step`), or -1.
  auto next_active = [&](int i, int step) {
    for (int k = 0; k <= closure; ++k, i += step) {
      if (i < 0 || i >= n) return -1;
      if (active(i)) return i;
    }
    return -1;
  };
  std::vector<FrameRun> merged;
  for (FrameRun run : nuclei) {
    const FrameRun nucleus = run;
    while (nucleus.begin - run.begin < max_grow) {
      const int j = next_active(run.begin - 1, -1);
      if (j < 0) break;
      run.begin = j;
    }
    while (run.end - nucleus.end < max_grow) {
      const int j = next_active(run.end, +1);
      if (j < 0) break;
      run.end = j + 1;
    }
    if (!merged.empty() && run.begin - merged.back().end <= merge_gap) {
      merged.back().end = std::max(merged.back().end, run.end);
    } else {
      merged.push_back(run);
    }
  }
  return merged;
}

}  // namespace

VadResult detect_speech(const FrameFeatures& features, const VadOptions& options) {
  VadResult result;
  result.hop_s = features.hop_s;
  const std::size_t n = features.level_db.size();
  result.speech.assign(n, 0);
  if (n == 0) {
    result.reason = "the recording is empty";
    return result;
  }
  const double floor_db = percentile(features.level_db, options.noise_percentile);
  result.noise_level_db = floor_db;

  result.voiced.resize(n);
  for (std::size_t i = 0; i < n; ++i) result.voiced[i] = voiced_frame(features, i, floor_db, options);
  result.nuclei = speech_nuclei(features, result.voiced, options);
  const std::vector<FrameRun>& nuclei = result.nuclei;
  for (const FrameRun& run : nuclei) result.voiced_s += (run.end - run.begin) * features.hop_s;
  result.f0_range_semitones = f0_range_semitones(features, nuclei, options);

  if (static_cast<int>(nuclei.size()) < options.min_nuclei || result.voiced_s < options.min_voiced_s) {
    result.reason = "no voiced, syllable-like sound was found";
    return result;
  }
  if (result.f0_range_semitones < options.min_f0_range_semitones) {
    result.reason = "the sound has a steady pitch, like a tone or hum, not a voice";
    return result;
  }
  result.speech_found = true;
  result.full_noise_level_db = percentile(features.full_level_db, options.noise_percentile);
  for (const FrameRun& run : grow_and_merge(features, nuclei, floor_db, result.full_noise_level_db, options)) {
    std::fill(result.speech.begin() + run.begin, result.speech.begin() + run.end, 1);
    result.segments.push_back({run.begin * features.hop_s,
                               std::min(run.end * features.hop_s, n * features.hop_s)});
  }
  return result;
}

std::vector<std::uint8_t> grow_speech(const FrameFeatures& features, const VadResult& result,
                                      const VadOptions& options) {
  std::vector<std::uint8_t> speech(result.speech.size(), 0);
  if (!result.speech_found) return speech;
  for (const FrameRun& run :
       grow_and_merge(features, result.nuclei, result.noise_level_db, result.full_noise_level_db, options)) {
    std::fill(speech.begin() + run.begin, speech.begin() + run.end, 1);
  }
  return speech;
}

}  // namespace echoes::quality
