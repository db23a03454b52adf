// #/studio[/<passageId>] — the recording studio: one passage at a time, a live meter,
// raw PCM capture (AudioWorklet) encoded as 16-bit WAV in the browser, upload, the
// server's analysis with fixes, listen back, retake.

import { api } from '../api.js';
import { analysisCard, issueItem } from '../components/analysis.js';
import { TakeRecorder } from '../components/take-recorder.js';
import { lastRoomTone, roomCheck } from '../components/room-check.js';
import { tierSummary } from '../components/tiers.js';
import { add, announce, clock, h, message, replace } from '../ui.js';
import { takeStatus } from '../verdict.js';

const MAX_TAKE_S = 300;  // stop runaway takes well under the server's 600 s cap

/** Picks the passage to show: the one in the address, else the first not done. */
function choosePassage(passages, done, wanted) {
  return passages.find((p) => p.id === wanted) || passages.find((p) => !done.get(p.id)?.done) || passages[0];
}

/** The passage's state in a few words; `tried` holds passages with a take, counted or not. */
function passageLabel(state, tried) {
  if (state?.done) return `Done ✓ score ${Math.round(state.qualityScore)}`;
  if (state?.takes) return 'Needs a better take';
  return tried ? 'Not counted yet — record again' : 'Not recorded yet';
}

function passageNav(passages, done, current, tried) {
  return h('nav', { 'aria-label': 'Passages' },
    h('ol', { class: 'passage-list' }, ...passages.map((p, i) => {
      const state = done.get(p.id);
      const label = passageLabel(state, tried.has(p.id));
      return h('li', {},
        h('a', { href: `#/studio/${p.id}`, 'aria-current': p.id === current.id ? 'true' : null, 'data-passage': p.id },
          `${i + 1}. ${p.title}`, h('span', { class: `state${state?.done ? ' done' : ''}` }, label)));
    })));
}

export async function render(main, params) {
  main.append(h('h1', {}, 'Recording studio'));
  const loading = h('p', { 'aria-live': 'polite' }, 'Loading your passages…');
  main.append(loading);
  const [{ passages }, status, { recordings }] = await Promise.all([api.passages(), api.status(), api.recordings()]);
  const tried = new Set((recordings || []).map((r) => r.passageId));
  loading.remove();
  const done = new Map((status.set?.passages || []).map((p) => [p.passageId, p]));
  const passage = choosePassage(passages, done, params[0]);
  const index = passages.indexOf(passage);
  const next = passages[(index + 1) % passages.length];

  const navSlot = h('div', {}, passageNav(passages, done, passage, tried));
  const resultSlot = h('div', { 'data-testid': 'take-result' });
  const progressSlot = h('div', { 'data-testid': 'tier-progress' });
  const studio = new Studio(passage, {
    onResult: (result) => {
      const updated = new Map((result.set?.passages || []).map((p) => [p.passageId, p]));
      if (!result.rejected) tried.add(passage.id);
      replace(navSlot, passageNav(passages, updated.size ? updated : done, passage, tried));
      showResult(resultSlot, progressSlot, result, passage, next, studio);
    },
    onBusy: () => { replace(resultSlot); },
  });

  const needsRoomCheck = !lastRoomTone() && !status.hasRecordings;
  const check = needsRoomCheck ? roomCheck(() => studio.enable()) : null;
  add(main,
    h('p', { class: 'lead' }, 'Read each passage aloud in your normal voice. Take your time — you can listen back and try again.'),
    navSlot,
    check ? check.element : null,
    h('section', { class: 'card', 'aria-labelledby': 'passage-title' },
      h('h2', { id: 'passage-title' }, `Passage ${index + 1} of ${passages.length}: ${passage.title}`),
      h('p', {}, passage.purpose),
      h('p', { class: 'pacing' }, h('strong', {}, 'How to read it: '), passage.pacingCue),
      h('p', {}, `Target length: about ${passage.targetDurationSec} seconds.`),
      h('div', { class: 'passage-text', tabindex: '0', 'aria-label': 'Passage to read', 'data-testid': 'passage-text' }, passage.text)),
    studio.element(),
    resultSlot,
    progressSlot);
  if (needsRoomCheck) studio.disable('First do the room check above: it takes three seconds.');
  return () => { studio.dispose(); check?.dispose(); };
}

function showResult(resultSlot, progressSlot, result, passage, next, studio) {
  if (result.rejected) {
    replace(resultSlot,
      message('error', 'We could not use this take', result.error?.message || 'No speech was found.'),
      h('ul', { class: 'issues' }, ...(result.issues || []).map(issueItem)),
      h('div', { class: 'row' }, h('button', { type: 'button', onclick: () => studio.focusRecord() }, 'Record again')));
    announce('We could not use this take. Please record again.');
    return;
  }
  const listen = h('audio', { controls: true, src: studio.lastTakeUrl, 'aria-label': 'Listen back to your take', 'data-testid': 'listen-back' });
  // A failed or incomplete take says so, and its first action is to record it again.
  const status = takeStatus(result.analysis);
  const retry = status.kind !== 'ok';
  const again = h('button', { type: 'button', class: retry ? null : 'secondary', id: 'retake', onclick: () => studio.focusRecord() },
    retry ? 'Record again' : 'Record this passage again');
  const onward = h('a', { class: retry ? 'button secondary' : 'button', href: `#/studio/${next.id}`, id: 'next-passage' }, `Next: ${next.title}`);
  replace(resultSlot,
    retry ? message('error', status.counted ? 'This take has a problem' : 'This take is not counted', status.reason,
      h('div', { class: 'row' }, again)) : null,
    analysisCard(result.analysis),
    h('section', { class: 'card', 'aria-labelledby': 'listen-title' },
      h('h2', { id: 'listen-title' }, 'Listen back'),
      h('p', {}, 'Does it sound like you, clear and close? If not, record it again.'),
      listen,
      h('div', { class: 'row' }, retry ? null : again, onward)));
  replace(progressSlot, tierSummary(result.tierProgress, result.set));
  if (result.trainingJob) {
    progressSlot.append(message('ok', 'You have recorded enough to build your voice',
      h('p', {}, 'Training has been queued. ', h('a', { href: '#/training' }, 'Follow its progress.'))));
  }
  announce(retry ? `${status.counted ? 'This take has a problem' : 'This take is not counted'}: ${status.reason} Record again.`
    : `Your take scored ${Math.round(result.analysis.qualityScore)} out of 100. ${(result.issues || []).length} things to look at.`);
  resultSlot.querySelector('h2')?.setAttribute('tabindex', '-1');
  resultSlot.querySelector('h2')?.focus();
}

/** The recording controls of one passage: microphone, meter, timer, record/stop, upload. */
class Studio extends TakeRecorder {
  constructor(passage, { onResult, onBusy }) {
    super({ readWhat: 'passage', statusTestId: 'studio-status', onBusy,
      timerText: `0:00 / ${clock(passage.targetDurationSec)}`,
      meterHint: 'Turn on the microphone to see your level. Speak a few words to test it.' });
    this.passage = passage;
    this.onResult = onResult;
    this.lastTakeUrl = null;
    this.timeBar = h('progress', { max: passage.targetDurationSec, value: 0, 'aria-label': 'Time recorded against the target length' });
    this.timeHint = h('p', { class: 'hint', 'data-testid': 'time-hint' });
    this.blocked = null;
  }

  element() {
    return h('section', { class: 'card', 'aria-labelledby': 'record-title' },
      h('h2', { id: 'record-title' }, 'Record'),
      h('div', { class: 'row' }, this.micButton, this.recordButton, this.timer),
      this.timeBar, this.timeHint,
      this.meterSlot,
      this.status);
  }

  disable(reason) {
    this.blocked = reason;
    this.recordButton.disabled = true;
    replace(this.status, message('info', null, reason));
  }

  enable() {
    this.blocked = null;
    replace(this.status);
    if (this.mic) this.recordButton.disabled = false;
  }

  micReady() {
    replace(this.status, this.blocked ? message('info', null, this.blocked) : `Microphone ready (${this.mic.label}).`);
    if (!this.blocked) this.recordButton.disabled = false;
  }

  tick() {
    const elapsed = (performance.now() - this.startedAt) / 1000;
    const target = this.passage.targetDurationSec;
    this.timer.textContent = `${clock(elapsed)} / ${clock(target)}`;
    this.timeBar.value = Math.min(target, elapsed);
    this.timeHint.textContent = elapsed < target * 0.8 ? 'Keep reading at a relaxed pace.'
      : elapsed <= target * 1.3 ? 'You are around the target length: finish the passage, then press Stop.'
        : 'Longer than the target is fine — finish the passage, then press Stop.';
    if (elapsed >= MAX_TAKE_S) this.stop();
  }

  async send(wav) {
    if (this.lastTakeUrl) URL.revokeObjectURL(this.lastTakeUrl);
    this.lastTakeUrl = URL.createObjectURL(wav);
    try {
      const result = await api.upload(wav, this.passage.id);
      replace(this.status, result.rejected ? '' : 'Saved. Here is what we heard.');
      this.onResult(result);
    } catch (err) {
      replace(this.status, message('error', 'Your take was not saved', err.message,
        h('p', {}, 'Your take is kept in this page: press "Try uploading again" once the problem is fixed.'),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.retryUpload(wav) }, 'Try uploading again')));
    } finally {
      this.recordButton.disabled = Boolean(this.blocked);
    }
  }

  async retryUpload(wav) {
    replace(this.status, 'Uploading again…');
    try {
      const result = await api.upload(wav, this.passage.id);
      replace(this.status, 'Saved. Here is what we heard.');
      this.onResult(result);
    } catch (err) {
      replace(this.status, message('error', 'Your take was not saved', err.message,
        h('button', { type: 'button', class: 'secondary', onclick: () => this.retryUpload(wav) }, 'Try uploading again')));
    }
  }

  dispose() {
    clearInterval(this.timerId);
    this.meter.stop();
    if (this.mic) this.mic.close();
    this.mic = null;
  }
}
