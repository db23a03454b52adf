// 16-bit PCM WAV: encoding a take for upload, and reading the header of a streamed WAV.

/** Concatenates Float32Array chunks into one array. */
export function concatChunks(chunks) {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const c of chunks) { out.set(c, offset); offset += c.length; }
  return out;
}

/**
 * Encodes mono float samples (-1..1) at rateHz as a 16-bit PCM WAV Blob.
 * Values outside -1..1 are clamped (that is clipping, which the server reports).
 */
export function encodeWav(samples, rateHz) {
  const dataBytes = samples.length * 2;
  const buffer = new ArrayBuffer(44 + dataBytes);
  const view = new DataView(buffer);
  writeHeader(view, rateHz, dataBytes);
  for (let i = 0; i < samples.length; i++) {
    const x = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + 2 * i, x < 0 ? Math.round(x * 32768) : Math.round(x * 32767), true);
  }
  return new Blob([buffer], { type: 'audio/wav' });
}

/** Writes a canonical 44-byte header for mono 16-bit PCM into view (offset 0). */
export function writeHeader(view, rateHz, dataBytes) {
  const ascii = (offset, text) => { for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i)); };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);          // PCM
  view.setUint16(22, 1, true);          // mono
  view.setUint32(24, rateHz, true);
  view.setUint32(28, rateHz * 2, true); // bytes per second
  view.setUint16(32, 2, true);          // block align
  view.setUint16(34, 16, true);         // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
}

/**
 * Parses a WAV header at the start of bytes (Uint8Array). Returns
 * { rateHz, channels, bitsPerSample, dataOffset } or null when more bytes are needed.
 * Streamed WAVs may carry a placeholder data size, so the size is not used.
 */
export function parseWavHeader(bytes) {
  if (bytes.length < 12) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o) => String.fromCharCode(bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]);
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('The voice audio is not a WAV stream.');
  let offset = 12;
  let format = null;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === 'data') {
      if (!format) throw new Error('The voice audio has no format block.');
      return { ...format, dataOffset: offset + 8 };
    }
    if (offset + 8 + size > bytes.length) return null;
    if (id === 'fmt ') {
      format = {
        channels: view.getUint16(offset + 10, true),
        rateHz: view.getUint32(offset + 12, true),
        bitsPerSample: view.getUint16(offset + 22, true),
      };
    }
    offset += 8 + size + (size & 1);
  }
  return null;
}
