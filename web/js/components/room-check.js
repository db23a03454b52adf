// The 3-second room-tone check: listens to the room with nobody speaking, measures
// the background noise live, and says in plain words whether the room is quiet enough.

import { openMicrophone } from '../audio/microphone.js';
import { judgeRoomTone, ROOM_TONE_SECONDS } from '../audio/room-tone.js';
import { announce, h, message, replace } from '../ui.js';
import { LevelMeter } from './level-meter.js';

const STORE_KEY = 'echoes.roomTone';

/** The last room-tone result of this browser session, or null. */
export function lastRoomTone() {
  try { return JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null'); } catch { return null; }
}

/** Shows a microphone problem (blocked, missing, busy) with a retry button. */
export function microphoneProblem(err, retry) {
  return h('div', { 'data-mic-error': err.code || 'mic_error' },
    message('error', err.title || 'Microphone problem', err.message,
      retry ? h('button', { type: 'button', class: 'secondary', onclick: retry }, 'Try again') : null));
}

/**
 * Builds the room check card. onResult(result) is called after each check.
 * Returns { element, dispose() } — dispose closes the microphone if a check is running.
 */
export function roomCheck(onResult = () => {}) {
  const status = h('div', { 'aria-live': 'polite', 'data-testid': 'room-status' });
  const meterSlot = h('div');
  const resultSlot = h('div', { 'data-testid': 'room-result' });
  const button = h('button', { type: 'button', id: 'room-check' }, 'Check my room (3 seconds)');
  let mic = null;

  const previous = lastRoomTone();
  if (previous) replace(resultSlot, describe(previous, true));

  async function run() {
    button.disabled = true;
    replace(resultSlot);
    replace(status, 'Starting the microphone…');
    const meter = new LevelMeter({ id: 'room-meter' });
    const levels = [];
    let peak = -100;
    try {
      mic = await openMicrophone((block) => {
        meter.push(block);
        levels.push(block.rmsDbfs);
        peak = Math.max(peak, block.peakDbfs);
      });
    } catch (err) {
      replace(status);
      replace(resultSlot, microphoneProblem(err, run));
      button.disabled = false;
      return;
    }
    replace(meterSlot, meter.element());
    for (let left = ROOM_TONE_SECONDS; left > 0; left--) {
      replace(status, `Stay silent… listening to your room: ${left}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    mic.close();
    mic = null;
    meter.stop();
    replace(meterSlot);
    const result = judgeRoomTone(levels, peak);
    sessionStorage.setItem(STORE_KEY, JSON.stringify(result));
    replace(status);
    replace(resultSlot, describe(result, false));
    announce(`${result.title}. Background noise ${Math.round(result.noiseFloorDbfs)} decibels.`);
    button.disabled = false;
    button.textContent = 'Check again';
    onResult(result);
  }
  button.addEventListener('click', run);

  const element = h('section', { class: 'card', 'aria-labelledby': 'room-check-title' },
    h('h2', { id: 'room-check-title' }, 'Room check'),
    h('p', {}, 'Before your first recording, let us listen to your room for three seconds. ' +
      'Sit where you will record, keep still and stay silent.'),
    button, status, meterSlot, resultSlot);
  return { element, dispose() { if (mic) mic.close(); mic = null; } };
}

function describe(result, earlier) {
  return message(result.kind, result.title,
    `Background noise: ${Math.round(result.noiseFloorDbfs)} dB (it should be −40 dB or lower; −60 dB or lower is ideal).`,
    result.advice,
    earlier ? h('p', { class: 'hint' }, 'This is your last check in this visit.') : null);
}
