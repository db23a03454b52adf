// #/hear — type text, hear it streamed in the cloned voice, download it, rate it
// (1-5, kept server-side for the quality metrics).

import { api } from '../api.js';
import { StreamPlayer } from '../audio/stream-player.js';
import { announce, h, message, replace } from '../ui.js';

const MAX_CHARS = 1000;

function ratingForm(synthesisId) {
  const result = h('div', { 'aria-live': 'polite', 'data-testid': 'rating-result' });
  const labels = ['Not like me at all', 'A little like me', 'Somewhat like me', 'Very like me', 'Just like me'];
  const fieldset = h('fieldset', { class: 'stars' },
    h('legend', {}, 'How much does this sound like you?'),
    ...labels.map((text, i) => h('label', {},
      h('input', { type: 'radio', name: 'rating', value: String(i + 1), required: i === 0 }),
      `${i + 1} — ${text}`)));
  const comment = h('textarea', { id: 'rating-comment', name: 'comment', maxlength: 1000, rows: 2 });
  const send = h('button', { type: 'submit' }, 'Send rating');
  const form = h('form', { class: 'card', 'aria-labelledby': 'rate-title' },
    h('h2', { id: 'rate-title' }, 'Rate this voice'),
    fieldset,
    h('div', { class: 'field' }, h('label', { for: 'rating-comment' }, 'Anything to add? (optional)'), comment),
    send, result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const picked = form.querySelector('input[name="rating"]:checked');
    if (!picked) {
      replace(result, message('error', null, 'Pick a number from 1 to 5 first.'));
      form.querySelector('input[name="rating"]').focus();
      return;
    }
    send.disabled = true;
    try {
      await api.feedback(synthesisId, Number(picked.value), comment.value.trim());
      replace(result, message('ok', null, 'Thank you — your rating is saved. It helps us measure how well your voice is doing.'));
      announce('Rating saved');
    } catch (err) {
      replace(result, message(err.notAvailable ? 'info' : 'error', null,
        err.notAvailable ? 'Saving ratings is not available on this server yet.' : err.message));
      send.disabled = false;
    }
  });
  return form;
}

export async function render(main) {
  main.append(h('h1', {}, 'Hear your voice'));
  const readiness = h('div');
  const text = h('textarea', { id: 'say-text', maxlength: MAX_CHARS, rows: 4, 'aria-describedby': 'say-hint' },
    'Hello, it\'s me. I wanted to tell you how proud I am of you.');
  const quality = h('select', { id: 'say-quality' },
    h('option', { value: 'draft' }, 'Quick draft'),
    h('option', { value: 'standard', selected: true }, 'Standard'),
    h('option', { value: 'high' }, 'Best (slower)'));
  const speedOut = h('output', { for: 'say-speed', id: 'speed-out' }, '1.0×');
  const speed = h('input', { type: 'range', id: 'say-speed', min: '0.7', max: '1.3', step: '0.05', value: '1', 'aria-valuetext': 'normal speed' });
  speed.addEventListener('input', () => {
    speedOut.textContent = `${Number(speed.value).toFixed(2)}×`;
    speed.setAttribute('aria-valuetext', `${Number(speed.value).toFixed(2)} times normal speed`);
  });
  const speak = h('button', { type: 'submit', id: 'speak' }, 'Speak');
  const stopButton = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Stop');
  const status = h('div', { 'aria-live': 'polite', 'data-testid': 'speak-status' });
  const output = h('div', { 'data-testid': 'speak-output' });
  const rating = h('div');
  const form = h('form', { class: 'card' },
    h('div', { class: 'field' },
      h('label', { for: 'say-text' }, 'What should your voice say?'),
      h('p', { class: 'hint', id: 'say-hint' }, `Up to ${MAX_CHARS} characters.`),
      text),
    h('div', { class: 'grid' },
      h('div', { class: 'field' }, h('label', { for: 'say-quality' }, 'Quality'), quality),
      h('div', { class: 'field' }, h('label', { for: 'say-speed' }, 'Speed '), speed, ' ', speedOut)),
    h('div', { class: 'row' }, speak, stopButton),
    status);
  main.append(readiness, form, output, rating);

  let player = null;
  let controller = null;
  stopButton.addEventListener('click', () => { controller?.abort(); player?.stop(); });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const words = text.value.trim();
    if (!words) { replace(status, message('error', null, 'Type something for your voice to say.')); text.focus(); return; }
    player?.stop();
    replace(output);
    replace(rating);
    speak.disabled = true;
    stopButton.hidden = false;
    replace(status, 'Preparing your voice…');
    controller = new AbortController();
    player = new StreamPlayer();
    const started = performance.now();
    player.onStart = () => {
      replace(status, `Playing… (first sound after ${Math.round(performance.now() - started)} ms)`);
      status.dataset.state = 'playing';
    };
    try {
      const res = await api.synthesize(words, quality.value, Number(speed.value), controller.signal);
      const synthesisId = res.headers.get('X-Synthesis-Id');
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        player.feed(value);
      }
      await player.finish();
      const url = URL.createObjectURL(player.wavBlob());
      replace(status, `Done: ${player.durationS().toFixed(1)} seconds of speech.`);
      status.dataset.state = 'done';
      replace(output, h('section', { class: 'card', 'aria-labelledby': 'result-title' },
        h('h2', { id: 'result-title' }, 'Your voice said'),
        h('p', {}, `“${words}”`),
        h('audio', { controls: true, src: url, 'aria-label': 'Your voice', 'data-testid': 'voice-audio' }),
        h('p', {}, h('a', { class: 'button secondary', href: url, download: 'echoes-voice.wav', id: 'download' }, 'Download (WAV)'))));
      if (synthesisId) replace(rating, ratingForm(synthesisId));
      announce('Your voice has finished speaking.');
    } catch (err) {
      if (err.name === 'AbortError') replace(status, 'Stopped.');
      else if (err.notAvailable) replace(status, message('info', 'Speaking in your voice is not available yet', 'This Echoes server cannot speak in cloned voices yet. Your recordings are kept.'));
      else replace(status, message('error', 'Your voice could not speak', err.message));
      player?.stop();
    } finally {
      speak.disabled = false;
      stopButton.hidden = true;
    }
  });

  const state = await api.status();
  if (!state.modelReady) {
    replace(readiness, message('info', 'Your voice is not ready yet',
      h('p', {}, state.trainingStatus === 'running' || state.trainingStatus === 'queued'
        ? 'It is being built right now. ' : 'Finish your recordings and build your voice first. ',
      h('a', { href: '#/training' }, 'See training.'))));
  }
}
