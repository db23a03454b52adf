// Plays a chunked 16-bit PCM WAV stream while it downloads (Web Audio, buffers
// scheduled back to back), and keeps the samples to offer the whole file afterwards.

import { parseWavHeader, writeHeader } from './wav.js';

const MIN_BUFFER_S = 0.12;  // batch small network chunks so buffer joins are rare

export class StreamPlayer {
  constructor() {
    this.context = new AudioContext();
    this.pending = new Uint8Array(0);
    this.format = null;
    this.pcm = [];            // Int16Array chunks, for the final WAV
    this.nextTime = 0;
    this.sources = [];
    this.startedPlaying = false;
    this.onStart = () => {};
  }

  /** Takes the next bytes of the stream. */
  feed(bytes) {
    this.pending = concat(this.pending, bytes);
    if (!this.format) {
      const header = parseWavHeader(this.pending);
      if (!header) return;
      if (header.bitsPerSample !== 16) throw new Error('The voice audio is not 16-bit PCM.');
      this.format = header;
      this.pending = this.pending.slice(header.dataOffset);
    }
    this.flush(false);
  }

  /** Schedules the complete frames held; `all` forces out a short tail. */
  flush(all) {
    const frameBytes = 2 * this.format.channels;
    const frames = Math.floor(this.pending.length / frameBytes);
    if (frames === 0 || (!all && frames < MIN_BUFFER_S * this.format.rateHz)) return;
    const bytes = this.pending.slice(0, frames * frameBytes);
    this.pending = this.pending.slice(frames * frameBytes);
    const samples = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
    this.pcm.push(samples);
    this.schedule(samples);
  }

  schedule(samples) {
    const { channels, rateHz } = this.format;
    const frames = samples.length / channels;
    const buffer = this.context.createBuffer(channels, frames, rateHz);
    for (let c = 0; c < channels; c++) {
      const out = buffer.getChannelData(c);
      for (let i = 0; i < frames; i++) out[i] = samples[i * channels + c] / 32768;
    }
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.context.destination);
    const now = this.context.currentTime;
    if (this.nextTime < now + 0.05) this.nextTime = now + 0.05;  // underrun: restart shortly
    source.start(this.nextTime);
    this.nextTime += buffer.duration;
    this.sources.push(source);
    if (!this.startedPlaying) { this.startedPlaying = true; this.onStart(); }
  }

  /** Ends the stream; resolves when the last buffer has played. */
  async finish() {
    if (!this.format) throw new Error('The voice audio stream was empty.');
    this.flush(true);
    const last = this.sources[this.sources.length - 1];
    if (!last) return;
    await new Promise((resolve) => { last.onended = resolve; });
  }

  /** Seconds of audio received. */
  durationS() {
    if (!this.format) return 0;
    return this.pcm.reduce((n, c) => n + c.length, 0) / this.format.channels / this.format.rateHz;
  }

  /** The whole audio as a WAV Blob (only meaningful after finish()). */
  wavBlob() {
    const dataBytes = this.pcm.reduce((n, c) => n + c.byteLength, 0);
    const header = new DataView(new ArrayBuffer(44));
    writeHeader(header, this.format.rateHz, dataBytes);
    if (this.format.channels !== 1) {
      header.setUint16(22, this.format.channels, true);
      header.setUint32(28, this.format.rateHz * 2 * this.format.channels, true);
      header.setUint16(32, 2 * this.format.channels, true);
    }
    return new Blob([header.buffer, ...this.pcm], { type: 'audio/wav' });
  }

  stop() {
    for (const s of this.sources) { try { s.stop(); } catch { /* not started */ } }
    this.context.close().catch(() => {});
  }
}

function concat(a, b) {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
