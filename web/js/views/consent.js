// #/consent — the spoken consent: the person reads a statement naming them and today's
// date, recorded with the same microphone capture as the studio (AudioWorklet, 16-bit WAV
// in the browser), and sent to POST /api/voice/consent. The server either keeps it (201)
// or refuses it (422 consent_mismatch) with a plain-language reason.

import { api } from '../api.js';
import { TakeRecorder } from '../components/take-recorder.js';
import { announce, clock, h, message, replace } from '../ui.js';

const MAX_TAKE_S = 60;  // the statement takes about 10 seconds to read

/** A recorded-at timestamp as a date in words ("November 25, 2026"); fallback when unreadable. */
function dateInWords(timestamp, fallback) {
  if (!timestamp) return fallback;
  const when = new Date(typeof timestamp === 'number' ? timestamp * 1000 : timestamp);
  if (Number.isNaN(when.getTime())) return fallback;
  return when.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric' });
}

function acceptedMessage(date, trainingJob) {
  return message('ok', `Thank you — your consent is recorded on ${date}.`,
    h('p', {}, 'Echoes can now build your voice from your recordings.'),
    trainingJob
      ? h('p', {}, 'You had already recorded enough, so your voice is being built now. ', h('a', { href: '#/training' }, 'Follow its progress.'))
      : h('p', {}, h('a', { href: '#/training' }, 'Go to Training'), ' when you have recorded enough.'));
}

export async function render(main) {
  main.append(h('h1', {}, 'Consent'));
  const loading = h('p', { 'aria-live': 'polite' }, 'Loading the consent statement…');
  main.append(loading);
  const info = await api.consent();
  loading.remove();

  main.append(
    h('p', { class: 'lead' }, 'We only build a voice from the person it belongs to.'),
    h('p', {}, 'Before Echoes builds your voice, please read the statement below aloud, in your own voice. ' +
      'It says that you agree, and it names you and today\'s date. We keep this short recording as the record of your agreement; ' +
      'deleting your voice data deletes it too.'));

  const state = info.consent?.state || 'none';
  const resultSlot = h('div', { 'data-testid': 'consent-result' });
  if (state === 'accepted') {
    resultSlot.append(acceptedMessage(dateInWords(info.consent.recordedAt, info.date), null));
  } else if (state === 'voice_mismatch') {
    resultSlot.append(message('warning', 'Please read the statement again',
      'Your consent recording does not sound like your other recordings any more. Read the statement again in the same voice and place you recorded the passages.'));
  }
  if (info.consentRequired === false && state !== 'accepted') {
    resultSlot.append(message('info', null, 'This Echoes server does not ask for the spoken consent, but you can still record it.'));
  }

  const recorder = new ConsentRecorder(info, {
    onAccepted: (body) => {
      const date = dateInWords(body.consent?.recordedAt, info.date);
      replace(resultSlot, acceptedMessage(date, body.trainingJob));
      recorder.finish();
      announce(`Thank you. Your consent is recorded on ${date}.`);
      resultSlot.querySelector('strong')?.setAttribute('tabindex', '-1');
      resultSlot.querySelector('strong')?.focus();
    },
    onRefused: (text) => {
      replace(resultSlot, message('error', 'We could not accept this recording', text,
        h('p', {}, 'Press "Try again", then "Start recording", and read the statement exactly as shown.'),
        h('div', { class: 'row' }, h('button', { type: 'button', id: 'consent-retry', onclick: () => { replace(resultSlot); recorder.focusRecord(); } }, 'Try again'))));
      announce(`We could not accept this recording. ${text}`);
    },
    onBusy: () => replace(resultSlot),
  });

  main.append(
    h('section', { class: 'card', 'aria-labelledby': 'statement-title' },
      h('h2', { id: 'statement-title' }, 'Read this aloud'),
      h('blockquote', { class: 'consent-statement', tabindex: '0', 'aria-label': 'Consent statement to read', 'data-testid': 'consent-statement' }, info.statement),
      h('p', { class: 'hint' }, `Your name: ${info.name}. Today's date: ${info.date}. Read it in your normal voice; it takes about ten seconds.`)),
    state === 'accepted' ? null : recorder.element(),
    resultSlot);
  return () => recorder.dispose();
}

/** Microphone, meter, timer, record/stop and upload of the consent statement. */
class ConsentRecorder extends TakeRecorder {
  constructor(info, { onAccepted, onRefused, onBusy }) {
    super({ readWhat: 'statement', statusTestId: 'consent-status', onBusy, timerText: '0:00',
      meterHint: 'Turn on the microphone to see your level.' });
    this.info = info;
    this.onAccepted = onAccepted;
    this.onRefused = onRefused;
    this.section = null;
  }

  element() {
    this.section = h('section', { class: 'card', 'aria-labelledby': 'record-title' },
      h('h2', { id: 'record-title' }, 'Record your consent'),
      h('div', { class: 'row' }, this.micButton, this.recordButton, this.timer),
      this.meterSlot,
      this.status);
    return this.section;
  }

  micReady() {
    replace(this.status, `Microphone ready (${this.mic.label}). Press "Start recording", then read the statement.`);
    this.recordButton.disabled = false;
  }

  tick() {
    const elapsed = (performance.now() - this.startedAt) / 1000;
    this.timer.textContent = clock(elapsed);
    if (elapsed >= MAX_TAKE_S) this.stop();
  }


  async send(wav) {
    try {
      const body = await api.submitConsent(wav, this.info.dateIso);
      replace(this.status);
      this.onAccepted(body);
    } catch (err) {
      if (err.status === 422 || err.code === 'consent_mismatch') {
        replace(this.status);
        this.onRefused(err.message);
      } else {
        replace(this.status, message('error', 'Your recording was not sent', err.message,
          h('p', {}, 'Your recording is kept in this page: press "Try sending again" once the problem is fixed.'),
          h('button', { type: 'button', class: 'secondary', onclick: () => { replace(this.status, 'Sending again…'); this.send(wav); } }, 'Try sending again')));
      }
    } finally {
      if (this.mic) this.recordButton.disabled = false;
    }
  }

  /** After an accepted consent: the microphone is no longer needed. */
  finish() {
    this.dispose();
    if (this.section) this.section.hidden = true;
  }

  dispose() {
    clearInterval(this.timerId);
    this.chunks = null;
    this.meter.stop();
    if (this.mic) this.mic.close();
    this.mic = null;
  }
}
