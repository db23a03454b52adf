// Live input meter: RMS bar with peak marker and the target band, a clipping light,
// and readouts of level, peak, background noise and SNR. Fed one capture block at a time;
// the DOM is updated at most once per animation frame.

import { LevelTracker, SILENCE_DBFS } from '../audio/levels.js';
import { h } from '../ui.js';
import { LEVEL, levelVerdict, noiseVerdict } from '../verdict.js';

const FLOOR_DBFS = -60;          // left end of the bar
const CLIP_HOLD_MS = 1500;       // the light stays on long enough to be seen

function position(db) {
  return `${Math.max(0, Math.min(100, (100 * (db - FLOOR_DBFS)) / -FLOOR_DBFS)).toFixed(1)}%`;
}

function fmt(db) {
  return db <= SILENCE_DBFS ? '—' : `${Math.round(db)} dB`;
}

/** Advice for the current speech level (verdict.js, the server's cut-offs), or null while there is nothing to judge. */
function levelAdvice(est) {
  if (!est.enough || est.speechRmsDbfs < -70) return null;
  return levelVerdict(est.speechRmsDbfs).text;
}

/** Advice for background noise / SNR, or null while there is nothing to judge. */
function noiseAdvice(est) {
  if (!est.enough) return null;
  return noiseVerdict(est.noiseFloorDbfs, est.snrDb);
}

/** The target band on the bar, placed from the shared thresholds (CSSOM: no inline style attribute). */
function targetBand() {
  const band = h('div', { class: 'meter-target', title: 'Aim for speech around here' });
  band.style.left = position(LEVEL.targetMinDbfs);
  band.style.width = `calc(${position(LEVEL.targetMaxDbfs)} - ${position(LEVEL.targetMinDbfs)})`;
  return band;
}

export class LevelMeter {
  constructor({ id = 'meter' } = {}) {
    this.tracker = new LevelTracker();
    this.clipUntil = 0;
    this.clipCount = 0;
    this.last = { rmsDbfs: SILENCE_DBFS, peakDbfs: SILENCE_DBFS };
    this.peakHold = SILENCE_DBFS;
    this.frame = 0;
    this.rms = h('div', { class: 'meter-rms' });
    this.peak = h('div', { class: 'meter-peak' });
    this.bar = h('div', {
      class: 'meter-bar', id, role: 'meter', 'aria-label': 'Microphone level',
      'aria-valuemin': FLOOR_DBFS, 'aria-valuemax': 0, 'aria-valuenow': FLOOR_DBFS,
    }, this.rms, this.peak, targetBand());
    this.clipLight = h('div', { class: 'clip-light', 'data-testid': 'clip-light' },
      h('span', { class: 'lamp', 'aria-hidden': 'true' }), h('span', { class: 'clip-text' }, 'No clipping'));
    this.values = {
      rms: h('span', { class: 'value', 'data-testid': 'rms' }, '—'),
      peak: h('span', { class: 'value', 'data-testid': 'peak' }, '—'),
      noise: h('span', { class: 'value', 'data-testid': 'noise' }, '—'),
      snr: h('span', { class: 'value', 'data-testid': 'snr' }, '—'),
    };
    this.advice = h('p', { class: 'level-advice', 'aria-live': 'polite', 'data-testid': 'level-advice' });
    this.noise = h('div', { 'aria-live': 'polite', 'data-testid': 'live-noise' });
    this.lastAdvice = '';
    this.lastNoise = '';
  }

  /** The meter's DOM. */
  element() {
    const readout = (label, value) => h('div', { class: 'readout' }, h('span', { class: 'label' }, label), value);
    return h('div', { class: 'level-meter' },
      h('div', { class: 'meters' },
        h('div', {},
          this.bar,
          h('div', { class: 'meter-scale', 'aria-hidden': 'true' },
            h('span', {}, '-60 dB'), h('span', {}, `target ${LEVEL.targetMinDbfs} to ${LEVEL.targetMaxDbfs}`.replaceAll('-', '−')), h('span', {}, '0 dB'))),
        this.clipLight),
      h('div', { class: 'readouts' },
        readout('Level (RMS)', this.values.rms),
        readout('Peak', this.values.peak),
        readout('Background noise', this.values.noise),
        readout('Voice above noise (SNR)', this.values.snr)),
      this.advice,
      this.noise);
  }

  /** Resets the noise/SNR estimate and clip count (a new take). */
  reset() {
    this.tracker.reset();
    this.clipCount = 0;
  }

  /** Takes one capture block {rmsDbfs, peakDbfs, clipped}. */
  push(block) {
    this.tracker.push(block.rmsDbfs);
    this.last = block;
    this.peakHold = Math.max(this.peakHold - 1.5, block.peakDbfs);
    if (block.clipped > 0) {
      this.clipUntil = performance.now() + CLIP_HOLD_MS;
      this.clipCount += 1;
    }
    if (!this.frame) this.frame = requestAnimationFrame(() => this.draw());
  }

  draw() {
    this.frame = 0;
    const { rmsDbfs } = this.last;
    // The fill is the full-width gradient, uncovered from the left: colours stay put.
    this.rms.style.clipPath = `inset(0 calc(100% - ${position(rmsDbfs)}) 0 0)`;
    this.peak.style.left = position(this.peakHold);
    this.bar.setAttribute('aria-valuenow', String(Math.round(Math.max(FLOOR_DBFS, rmsDbfs))));
    this.bar.setAttribute('aria-valuetext', `${fmt(rmsDbfs)}`);
    const clipping = performance.now() < this.clipUntil;
    this.clipLight.classList.toggle('on', clipping);
    this.clipLight.querySelector('.clip-text').textContent = clipping ? 'CLIPPING — too loud' : 'No clipping';
    this.values.rms.textContent = fmt(rmsDbfs);
    this.values.peak.textContent = fmt(this.peakHold);
    const est = this.tracker.estimate();
    if (est.enough) {
      this.values.noise.textContent = fmt(est.noiseFloorDbfs);
      this.values.snr.textContent = `${Math.round(est.snrDb)} dB`;
    }
    const advice = clipping ? 'Too loud — the sound is distorting. Lower the input volume or move back.' : levelAdvice(est);
    if (advice && advice !== this.lastAdvice) { this.advice.textContent = advice; this.lastAdvice = advice; }
    const noise = noiseAdvice(est);
    if (noise && noise.text !== this.lastNoise) {
      this.noise.className = `message ${noise.kind}`;
      this.noise.dataset.kind = noise.kind;
      this.noise.textContent = noise.text;
      this.lastNoise = noise.text;
    }
  }

  /** Current estimate {noiseFloorDbfs, speechDbfs, snrDb, enough}. */
  estimate() { return this.tracker.estimate(); }

  stop() { if (this.frame) cancelAnimationFrame(this.frame); this.frame = 0; }
}
