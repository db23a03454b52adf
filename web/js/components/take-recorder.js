// What the studio and the consent page share: microphone controls, the level meter, the
// take buffer, and start/stop of a take. Subclasses add what is read and what happens
// to the finished take (send(wav), tick(), micReady()).
import { openMicrophone } from '../audio/microphone.js';
import { concatChunks, encodeWav } from '../audio/wav.js';
import { LevelMeter } from './level-meter.js';
import { microphoneProblem } from './room-check.js';
import { announce, h, replace } from '../ui.js';

export class TakeRecorder {
  /** `readWhat` names the text in prompts ("passage", "statement"); `statusTestId` labels the status line. */
  constructor({ readWhat, statusTestId, onBusy, timerText, meterHint }) {
    this.readWhat = readWhat;
    this.onBusy = onBusy;
    this.mic = null;
    this.meter = new LevelMeter();
    this.chunks = null;       // Float32Array blocks while recording, else null
    this.startedAt = 0;
    this.timerId = 0;
    this.status = h('div', { 'aria-live': 'polite', 'data-testid': statusTestId });
    this.micButton = h('button', { type: 'button', id: 'mic-on', class: 'secondary', onclick: () => this.openMic() }, 'Turn on microphone');
    this.recordButton = h('button', { type: 'button', id: 'record', class: 'record', disabled: true, onclick: () => this.toggle() }, 'Start recording');
    this.timer = h('span', { class: 'timer', 'data-testid': 'timer', role: 'timer', 'aria-live': 'off' }, timerText);
    this.meterSlot = h('div', {}, h('p', { class: 'hint' }, meterHint));
  }

  /** Turns the microphone on (once); micReady() then says what comes next. False when it failed. */
  async openMic() {
    if (this.mic) return true;
    this.micButton.disabled = true;
    replace(this.status, 'Starting the microphone…');
    try {
      this.mic = await openMicrophone((block) => this.onBlock(block));
    } catch (err) {
      this.micButton.disabled = false;
      replace(this.status, microphoneProblem(err, () => this.openMic()));
      announce(err.title);
      return false;
    }
    replace(this.meterSlot, this.meter.element());
    this.micButton.textContent = 'Microphone on';
    this.micReady();
    return true;
  }

  onBlock(block) {
    this.meter.push(block);
    if (this.chunks) this.chunks.push(block.samples);
  }

  focusRecord() {
    this.recordButton.scrollIntoView({ block: 'center' });
    this.recordButton.focus();
  }

  toggle() {
    if (this.chunks) this.stop();
    else this.start();
  }

  start() {
    if (!this.mic) return;
    this.chunks = [];
    this.meter.reset();
    this.startedAt = performance.now();
    this.recordButton.textContent = 'Stop recording';
    this.recordButton.setAttribute('aria-pressed', 'true');
    this.onBusy();
    replace(this.status, h('strong', {}, `Recording… read the ${this.readWhat} now. Press "Stop recording" when you finish.`));
    announce('Recording started');
    this.timerId = setInterval(() => this.tick(), 250);
  }

  /** Ends the take: resets the record button, encodes the take as WAV and hands it to send(wav). */
  async stop() {
    clearInterval(this.timerId);
    const chunks = this.chunks;
    this.chunks = null;
    this.recordButton.textContent = 'Start recording';
    this.recordButton.removeAttribute('aria-pressed');
    this.recordButton.disabled = true;
    const samples = concatChunks(chunks);
    const wav = encodeWav(samples, this.mic.rateHz);
    replace(this.status, `Checking your recording (${(samples.length / this.mic.rateHz).toFixed(1)} seconds)…`);
    announce('Recording stopped. Checking your recording.');
    await this.send(wav);
  }
}
