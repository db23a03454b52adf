#include "synth/render.h"

#include <algorithm>
#include <cmath>

namespace echoes::synth {
namespace {

double unit_time_scale(const voice::Unit& unit, const Target& target, const RenderOptions& o) {
  double scale = 1.0;
  if (unit.phone_duration_s > 0 && target.duration_s > 0) {
    scale = std::pow(target.duration_s / unit.phone_duration_s, o.duration_strength);
    scale = std::clamp(scale, o.min_time_scale, o.max_time_scale);
  }
  return std::clamp(scale / o.speed, 0.3, 3.0);
}

/// The F0 change asked of a voiced unit. Where the movement carries meaning (a question's
/// rise, a final fall) the unit moves toward the target itself. Elsewhere a unit whose place
/// in its recording's phrase is known moves from the speaker's intonation there to the
/// intonation wanted here, keeping its own deviation (accents, liveliness); pulling every
/// unit onto the smooth model contour would flatten the voice.
double unit_f0_shift(const voice::VoiceModel& voice, const voice::Unit& unit, const Target& target, int half,
                     const RenderOptions& o) {
  const double wanted = target.half_log_f0(half);
  if (wanted <= 0 || unit.log_f0 <= 0) return 0.0;
  const bool meaningful = target.f0_meaningful;
  const bool placed = unit.context_log_f0_milli != voice::kNoIntonationContext;
  const double from =
      placed && !meaningful ? voice.prosody.mean_log_f0 + unit.context_log_f0_milli / 1000.0 : unit.log_f0;
  const double shift = (meaningful ? o.meaningful_intonation_strength : o.intonation_strength) * (wanted - from);
  const double limit = meaningful ? o.max_meaningful_shift : o.max_intonation_shift;
  return std::clamp(shift, -limit, limit);
}

void append(std::vector<float>& out, const std::vector<float>& piece) {
  out.insert(out.end(), piece.begin(), piece.end());
}

}  // namespace

audio::Audio render(const voice::VoiceModel& voice, const std::vector<Target>& targets,
                    const std::vector<UnitChoice>& choices, const RenderOptions& options) {
  audio::Audio out;
  out.rate_hz = voice.rate_hz;
  std::vector<PsolaSegment> run;
  const auto flush = [&] {
    if (!run.empty()) append(out.samples, psola_render(voice, run, options.psola));
    run.clear();
  };
  for (const UnitChoice& c : choices) {
    const Target& target = targets[std::size_t(c.target)];
    if (c.unit == UnitChoice::kNoUnit) {
      flush();
      const double pause_s = target.is_pause() ? target.duration_s / options.speed : 0.0;
      out.samples.resize(out.samples.size() + std::size_t(std::lround(pause_s * voice.rate_hz)), 0.0f);
      continue;
    }
    const voice::Unit& unit = voice.units[c.unit];
    run.push_back({unit.start_sample, unit.end_sample, unit_time_scale(unit, target, options),
                   unit_f0_shift(voice, unit, target, c.half, options), target.f0_meaningful});
  }
  flush();
  return out;
}

}  // namespace echoes::synth
