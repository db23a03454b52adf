#include "synth/psola.h"

#include <algorithm>
#include <cmath>

namespace echoes::synth {
namespace {

/// A pitch mark on the virtual time line.
struct Mark {
  std::int32_t src = 0;   ///< sample index in the voice audio
  double virt = 0.0;      ///< position on the concatenated (unscaled) time line, samples
  double out = 0.0;       ///< position in the output at natural pitch, samples
  double left = 0.0;      ///< window half-length before the mark, samples
  double right = 0.0;     ///< window half-length after the mark (= step to the next mark)
  double period = 0.0;    ///< source period around the mark, samples (voiced marks)
  bool voiced = false;
  double log_f0_shift = 0.0;  ///< the segment's requested F0 change, natural log
  bool wide_f0_range = false;
  double f0_ratio = 1.0;
  std::size_t segment = 0;  ///< index of the segment the mark comes from
  std::size_t stretch = 0;  ///< marks of one stretch come from one continuous piece of a recording
  /// Near a voiced join, the grain is mixed with the other side's recording continued across
  /// the join: partner_weight of the grain at partner_src (read from partner_segment's source).
  double partner_weight = 0.0;
  std::int32_t partner_src = 0;
  std::size_t partner_segment = 0;
};

/// Decoded voice audio: samples [start, start + samples.size()).
struct Source {
  long start = 0;
  std::span<const std::int16_t> samples;

  /// Sample n of the voice audio, 0 outside what was decoded.
  double at(long n) const {
    const long k = n - start;
    return k >= 0 && k < long(samples.size()) ? double(samples[std::size_t(k)]) : 0.0;
  }
};

/// The gap (output samples from mark `a_mark` of source `a` to mark `b_mark` of source `b`)
/// at which the speech after a's mark and the speech before b's mark line up best: the
/// highest normalised correlation over one period, within +-25 % of `period`. Joins of
/// voiced units then overlap-add cycles in phase, whatever the marks' placement.
double aligned_gap(const Source& a, long a_mark, const Source& b, long b_mark, double period) {
  const long length = std::max(8L, std::lround(period));
  const long lo = std::max(2L, std::lround(0.75 * period)), hi = std::max(lo, std::lround(1.25 * period));
  double a_energy = 0.0;
  for (long k = 0; k < length; ++k) a_energy += a.at(a_mark + k) * a.at(a_mark + k);
  double best_score = -2.0;
  long best_gap = std::lround(period);
  for (long gap = lo; gap <= hi; ++gap) {
    double dot = 0.0, b_energy = 0.0;
    for (long k = 0; k < length; ++k) {
      const double y = b.at(b_mark - gap + k);
      dot += a.at(a_mark + k) * y;
      b_energy += y * y;
    }
    const double score = dot / std::sqrt(std::max(a_energy * b_energy, 1e-9));
    if (score > best_score) {
      best_score = score;
      best_gap = gap;
    }
  }
  return double(best_gap);
}

double source_spacing(const voice::VoiceModel& v, std::size_t i, int direction, double fallback) {
  if (direction > 0) return i + 1 < v.marks.size() ? double(v.marks[i + 1] - v.marks[i]) : fallback;
  return i > 0 ? double(v.marks[i] - v.marks[i - 1]) : fallback;
}

template <typename SourceOf>
std::vector<Mark> collect_marks(const voice::VoiceModel& v, std::span<const PsolaSegment> segments,
                                SourceOf&& source_of) {
  std::vector<Mark> marks;
  const double min_len = v.rate_hz / 1000.0, max_len = v.rate_hz / 40.0;
  const double fallback = v.rate_hz * 0.005;
  std::int32_t previous_end = -1;
  for (std::size_t g = 0; g < segments.size(); ++g) {
    const PsolaSegment& seg = segments[g];
    if (seg.end_sample <= seg.start_sample) continue;
    auto it = std::lower_bound(v.marks.begin(), v.marks.end(), seg.start_sample);
    std::vector<Mark> here;
    for (; it != v.marks.end() && *it < seg.end_sample; ++it) {
      const auto i = std::size_t(it - v.marks.begin());
      Mark m;
      m.src = *it;
      m.voiced = v.mark_voiced[i] != 0;
      const double l = source_spacing(v, i, -1, fallback), r = source_spacing(v, i, +1, fallback);
      m.period = 0.5 * (l + r);
      m.left = l;
      m.right = r;
      here.push_back(m);
    }
    if (here.empty()) {  // a segment shorter than a mark spacing still contributes a grain
      Mark m;
      m.src = (seg.start_sample + seg.end_sample) / 2;
      m.left = m.right = m.period = std::max(min_len, double(seg.end_sample - seg.start_sample));
      here.push_back(m);
    }
    const bool contiguous = seg.start_sample == previous_end;
    const std::size_t stretch = marks.empty() ? 0 : marks.back().stretch + (contiguous ? 0 : 1);
    for (std::size_t k = 0; k < here.size(); ++k) {
      Mark m = here[k];
      m.log_f0_shift = seg.log_f0_shift;
      m.wide_f0_range = seg.wide_f0_range;
      m.segment = g;
      m.stretch = stretch;
      if (marks.empty()) {
        m.virt = 0.0;
        m.out = 0.0;
      } else {
        const Mark& p = marks.back();
        double gap = double(m.src - p.src);
        if (k == 0 && !contiguous) {
          const double period = 0.5 * (p.right + m.left);
          if (p.voiced && m.voiced) {
            gap = aligned_gap(source_of(p.segment), p.src, source_of(g), m.src, period);
          } else {  // natural distance across the join, kept within the periods on both sides
            const double natural = double((previous_end - p.src) + (m.src - seg.start_sample));
            gap = std::clamp(natural, 0.6 * period, 1.4 * period);
          }
        }
        m.virt = p.virt + gap;
        m.out = p.out + gap * seg.time_scale;
        marks.back().right = gap;
        m.left = gap;
      }
      marks.push_back(m);
    }
    previous_end = seg.end_sample;
  }
  for (Mark& m : marks) {
    m.left = std::clamp(m.left, min_len, max_len);
    m.right = std::clamp(m.right, min_len, max_len);
  }
  return marks;
}

/// Triangular-window mean of `values` over the voiced marks [first, last) that `same` accepts,
/// by output position; `half_window` samples (<= 0: the value itself).
template <typename Same>
double smoothed_at(const std::vector<Mark>& marks, const std::vector<double>& values, std::size_t i,
                   std::size_t first, std::size_t last, double half_window, Same&& same) {
  if (half_window <= 0.0) return values[i];
  double sum = 0.0, weight = 0.0;
  const auto add = [&](std::size_t k) {  // false once k is outside the window (marks are in output order)
    const double d = std::abs(marks[k].out - marks[i].out);
    if (d >= half_window) return false;
    if (same(k)) {
      const double w = 1.0 - d / half_window;
      sum += w * values[k];
      weight += w;
    }
    return true;
  };
  for (std::size_t k = i; k < last && add(k); ++k) {}
  for (std::size_t k = i; k-- > first && add(k);) {}
  return weight > 0 ? sum / weight : values[i];
}

/// Plans each voiced mark's F0 ratio (output F0 / source F0) so that a recording is changed
/// only where it must be. Two changes add up, in log F0:
/// - the segments' requested shifts (intonation), smoothed across segments over
///   f0_smoothing_s so that steps between them become glides;
/// - at a join between two stretches of recordings, half the F0 step across the join taken
///   off each side, fading to nothing half_window away, so the contour meets without a jump.
///   The step is read from the source contour smoothed within each stretch (the mark spacing
///   carries the marks' placement errors).
/// Elsewhere the ratio is exactly one and the source's cycles are copied as they are (their
/// natural jitter and shimmer kept).
void plan_f0(std::vector<Mark>& marks, int rate_hz, const PsolaOptions& o) {
  const double half_window = 0.5 * o.f0_smoothing_s * rate_hz;
  std::vector<double> log_f0(marks.size(), 0.0), shift(marks.size(), 0.0);
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (marks[i].voiced) log_f0[i] = std::log(rate_hz / std::max(1.0, marks[i].period));
    shift[i] = marks[i].log_f0_shift;
  }
  std::vector<double> change;  // per mark of the voiced run, log F0 change
  std::size_t run_start = 0;
  while (run_start < marks.size()) {
    if (!marks[run_start].voiced) { ++run_start; continue; }
    std::size_t run_end = run_start;
    while (run_end < marks.size() && marks[run_end].voiced) ++run_end;
    change.assign(run_end - run_start, 0.0);
    for (std::size_t i = run_start; i < run_end; ++i)
      change[i - run_start] = smoothed_at(marks, shift, i, run_start, run_end, half_window, [](std::size_t) { return true; });
    for (std::size_t q = run_start + 1; q < run_end && half_window > 0; ++q) {
      const std::size_t p = q - 1;
      if (marks[q].stretch == marks[p].stretch) continue;
      const auto edge = [&](std::size_t i) {
        return smoothed_at(marks, log_f0, i, run_start, run_end, half_window,
                           [&](std::size_t k) { return marks[k].stretch == marks[i].stretch; });
      };
      const double step = edge(q) - edge(p), middle = 0.5 * (marks[p].out + marks[q].out);
      const auto correct = [&](std::size_t k, double sign) {
        const double distance = std::abs(marks[k].out - middle);
        if (distance >= half_window) return false;
        change[k - run_start] += sign * 0.5 * step * (1.0 - distance / half_window);
        return true;
      };
      for (std::size_t k = q; k-- > run_start && correct(k, +1.0);) {}
      for (std::size_t k = q; k < run_end && correct(k, -1.0); ++k) {}
    }
    for (std::size_t i = run_start; i < run_end; ++i) {
      double ratio = std::exp(change[i - run_start]) * o.f0_scale;
      if (std::abs(std::log(ratio)) < o.unchanged_log_f0) ratio = 1.0;
      const bool wide = marks[i].wide_f0_range;
      marks[i].f0_ratio = std::clamp(ratio, wide ? o.wide_min_f0_ratio : o.min_f0_ratio,
                                     wide ? o.wide_max_f0_ratio : o.max_f0_ratio);
    }
    run_start = run_end;
  }
}

/// Whether the voice's mark nearest `src` is voiced.
bool voiced_near(const voice::VoiceModel& v, long src) {
  const auto it = std::lower_bound(v.marks.begin(), v.marks.end(), src);
  std::size_t i = std::size_t(it - v.marks.begin());
  if (i == v.marks.size() || (i > 0 && src - v.marks[i - 1] < *it - src)) --i;
  return i < v.marks.size() && v.mark_voiced[i] != 0;
}

/// Gives the voiced marks within half_window_s of each join between two voiced stretches a
/// partner: the same place in the other side's recording, continued across the join (the
/// recordings go on beyond the units). The partner's weight rises to one half at the join,
/// so the waveform changes from one recording to the other over a few cycles instead of at
/// one grain.
void plan_crossfades(std::vector<Mark>& marks, const voice::VoiceModel& v, double half_window_s) {
  const double window = half_window_s * v.rate_hz;
  if (window <= 0.0) return;
  for (std::size_t q = 1; q < marks.size(); ++q) {
    const std::size_t p = q - 1;
    if (marks[q].stretch == marks[p].stretch || !marks[p].voiced || !marks[q].voiced) continue;
    const double middle = 0.5 * (marks[p].virt + marks[q].virt);
    // B's recording at (A's mark + offset) lines up with A's mark, as the join's gap was chosen.
    const double offset = double(marks[q].src) - (marks[q].virt - marks[p].virt) - double(marks[p].src);
    const auto pair = [&](std::size_t k, std::size_t other, double direction) {
      Mark& m = marks[k];
      const double weight = 0.5 * (1.0 - std::abs(middle - m.virt) / window);
      const long partner = std::lround(double(m.src) + direction * offset);
      if (!m.voiced || weight <= m.partner_weight || !voiced_near(v, partner)) return;
      m.partner_weight = weight;
      m.partner_src = std::int32_t(partner);
      m.partner_segment = marks[other].segment;
    };
    for (std::size_t k = p + 1; k-- > 0 && marks[k].stretch == marks[p].stretch && middle - marks[k].virt < window;)
      pair(k, q, +1.0);
    for (std::size_t k = q; k < marks.size() && marks[k].stretch == marks[q].stretch && marks[k].virt - middle < window; ++k)
      pair(k, p, -1.0);
  }
}

/// Adds `gain` x the Hann-windowed source around `src` (window `left` before, `right` after)
/// to `out` centred at output sample `at`.
void add_grain(const Source& source, long src, double left_len, double right_len, double gain, long at,
               std::vector<float>& out) {
  const long left = std::lround(left_len), right = std::lround(right_len);
  const long src_end = source.start + long(source.samples.size());
  const double scale = gain / 32768.0;
  for (long k = -left; k <= right; ++k) {
    const long s = src + k, o = at + k;
    if (s < source.start || s >= src_end || o < 0 || o >= long(out.size())) continue;
    const double w = k < 0 ? 0.5 * (1.0 + std::cos(M_PI * double(k) / double(left)))
                           : 0.5 * (1.0 + std::cos(M_PI * double(k) / double(std::max(1L, right))));
    out[std::size_t(o)] += float(w * source.samples[std::size_t(s - source.start)] * scale);
  }
}

/// Per segment, the stretch of the voice's audio its grains and join alignment read, decoded
/// once: from three mark spacings before its first mark to three after its last (a grain
/// reaches one spacing, the join alignment up to 2.25 periods), widened by the join cross-fade
/// (its partners read the recording beyond the segment). SampleReader decodes blocks shared
/// by neighbouring segments once.
struct DecodedSources {
  std::vector<std::vector<std::int16_t>> buffers;  ///< the decoded samples
  std::vector<Source> sources;                     ///< per segment, viewing buffers
};

DecodedSources decode_sources(const voice::VoiceModel& voice, std::span<const PsolaSegment> segments,
                              const PsolaOptions& options) {
  const long n = long(voice.samples.size());
  const double min_len = voice.rate_hz / 1000.0, max_len = voice.rate_hz / 40.0;
  const auto spacing = [&](std::size_t i, int direction) {
    return std::clamp(source_spacing(voice, i, direction, max_len), min_len, max_len);
  };
  audio::SampleReader reader(voice.samples);
  DecodedSources out{std::vector<std::vector<std::int16_t>>(segments.size()), std::vector<Source>(segments.size())};
  for (std::size_t g = 0; g < segments.size(); ++g) {
    const auto& seg = segments[g];
    long first = long(seg.start_sample) - long(max_len), last = long(seg.end_sample) + long(max_len);
    const auto lo = std::lower_bound(voice.marks.begin(), voice.marks.end(), seg.start_sample);
    const auto hi = std::lower_bound(voice.marks.begin(), voice.marks.end(), seg.end_sample);
    if (lo != hi) {
      const auto i0 = std::size_t(lo - voice.marks.begin()), i1 = std::size_t(hi - voice.marks.begin()) - 1;
      // Cross-fade partners reach the join window plus one grain past the segment.
      const double crossfade = options.join_crossfade_s > 0 ? options.join_crossfade_s * voice.rate_hz + max_len : 0.0;
      first = std::min(long(seg.start_sample), long(voice.marks[i0] - 3.0 * spacing(i0, -1) - crossfade));
      last = std::max(long(seg.end_sample), long(voice.marks[i1] + 3.0 * spacing(i1, +1) + crossfade));
    }
    first = std::max(0L, first);
    last = std::min(n - 1, last);
    if (last < first) continue;
    auto& buffer = out.buffers[g];
    buffer.resize(std::size_t(last - first + 1));
    reader.read(std::size_t(first), buffer);
    out.sources[g] = {first, buffer};
  }
  return out;
}

/// Overlap-adds the grains of `marks` (collected and planned), reading each mark's source
/// from source_of(mark).
template <typename SourceOf>
std::vector<float> render_marks(const std::vector<Mark>& marks, SourceOf&& source_of) {
  const double offset = marks.front().left;  // the first grain's window starts at sample 0
  const double last = marks.back().out;
  std::vector<float> out(std::size_t(std::ceil(offset + last + marks.back().right)) + 1, 0.0f);
  std::size_t j = 0;
  double t = 0.0;
  while (t <= last + 0.5) {
    while (j + 1 < marks.size() && std::abs(marks[j + 1].out - t) <= std::abs(marks[j].out - t)) ++j;
    const Mark& m = marks[j];
    const long at = std::lround(offset + t);
    add_grain(source_of(m.segment), m.src, m.left, m.right, 1.0 - m.partner_weight, at, out);
    if (m.partner_weight > 0.0)
      add_grain(source_of(m.partner_segment), m.partner_src, m.left, m.right, m.partner_weight, at, out);
    const double step = m.voiced ? m.right / m.f0_ratio : m.right;
    t += std::max(1.0, step);
  }
  return out;
}

template <typename SourceOf>
std::vector<float> render_segments(const voice::VoiceModel& voice, std::span<const PsolaSegment> segments,
                                   const PsolaOptions& options, SourceOf&& source_of) {
  std::vector<Mark> marks = collect_marks(voice, segments, source_of);
  if (marks.empty()) return {};
  plan_f0(marks, voice.rate_hz, options);
  plan_crossfades(marks, voice, options.join_crossfade_s);
  return render_marks(marks, source_of);
}

}  // namespace

std::vector<float> psola_render(const voice::VoiceModel& voice, std::span<const PsolaSegment> segments,
                                const PsolaOptions& options) {
  const DecodedSources decoded = decode_sources(voice, segments, options);
  return render_segments(voice, segments, options,
                         [&](std::size_t segment) -> const Source& { return decoded.sources[segment]; });
}

std::vector<float> psola_render(const voice::VoiceModel& voice, std::span<const std::int16_t> decoded,
                                std::span<const PsolaSegment> segments, const PsolaOptions& options) {
  const Source all{0, decoded};
  return render_segments(voice, segments, options, [&](std::size_t) -> const Source& { return all; });
}

}  // namespace echoes::synth
