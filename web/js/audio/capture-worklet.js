// AudioWorklet processor: hands the raw microphone samples (mono, float, at the
// AudioContext's rate) to the page in blocks of about 46 ms, with each block's
// RMS, peak and clipped-sample count so the page can draw meters without re-scanning.
// Raw PCM on purpose: MediaRecorder would give compressed WebM the server cannot use.

const BLOCK_FRAMES = 2048;
const CLIP_LEVEL = 0.999;  // fraction of full scale, as the server's clipping check

class EchoesCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.block = new Float32Array(BLOCK_FRAMES);
    this.filled = 0;
  }

  process(inputs) {
    const input = inputs[0];
    if (!input || input.length === 0) return true;
    const frames = input[0].length;
    for (let i = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < input.length; c++) sum += input[c][i];
      this.block[this.filled++] = sum / input.length;
      if (this.filled === BLOCK_FRAMES) this.flush();
    }
    return true;
  }

  flush() {
    const samples = this.block;
    let energy = 0;
    let peak = 0;
    let clipped = 0;
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i];
      const a = x < 0 ? -x : x;
      energy += x * x;
      if (a > peak) peak = a;
      if (a >= CLIP_LEVEL) clipped++;
    }
    this.port.postMessage({ samples, rms: Math.sqrt(energy / samples.length), peak, clipped }, [samples.buffer]);
    this.block = new Float32Array(BLOCK_FRAMES);
    this.filled = 0;
  }
}

registerProcessor('echoes-capture', EchoesCapture);
