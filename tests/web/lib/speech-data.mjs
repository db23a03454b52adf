// Locates the shared speech corpus and builds the fake-microphone WAVs from it at test
// time (never committed). Chromium loops the file as its microphone; it must be 16-bit
// PCM (24-bit files are captured as silence).

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..', '..');

/** The speech corpus folder: $ECHOES_SPEECH_DIR or ../shared/data/speech beside the repo. */
export function speechDir() {
  return process.env.ECHOES_SPEECH_DIR || path.resolve(repoRoot, '..', 'shared', 'data', 'speech');
}

export function speechDataAvailable() {
  const root = speechDir();
  return existsSync(path.join(root, 'kathleen', 'audio')) && existsSync(path.join(root, 'noise'));
}

/**
 * Skip reason for node:test, or throws when the data is missing in CI (CI=true): a test
 * that needs real speech must fail there, not pass silently.
 */
export function requireSpeechData() {
  if (speechDataAvailable()) return false;
  const message = `shared speech data not found at ${speechDir()} (set ECHOES_SPEECH_DIR)`;
  if (process.env.CI === 'true') throw new Error(message);
  return message;
}

function sox(args) {
  execFileSync('sox', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** One figure of `sox FILE -n stat` (printed on stderr), e.g. 'RMS     amplitude'. */
function soxStat(file, name) {
  let text;
  try {
    text = execFileSync('sh', ['-c', `sox "${file}" -n stat 2>&1`], { encoding: 'utf8' });
  } catch (err) {
    text = String(err.stdout || '');
  }
  const line = text.split('\n').find((l) => l.startsWith(name));
  if (!line) throw new Error(`sox stat gave no "${name}" for ${file}`);
  return Number(line.split(':')[1]);
}

/**
 * Concatenates Kathleen's utterances, from the `first`-th file on, until at least
 * `seconds` of audio, normalised so the peak is -4 dBFS (speech around -22 dBFS RMS,
 * inside the server's recommended -23..-18 band; peakDbfs -20 puts it near -38, quiet).
 * Writes 16-bit mono WAV to `out`.
 */
export function makeSpeechWav(out, { seconds = 50, first = 0, peakDbfs = -4 } = {}) {
  const dir = path.join(speechDir(), 'kathleen', 'audio');
  const files = readdirSync(dir).filter((f) => f.endsWith('.flac')).sort();
  const picked = [];
  let total = 0;
  for (let i = first; i < files.length && total < seconds; i++) {
    const file = path.join(dir, files[i]);
    picked.push(file);
    total += soxStat(file, 'Length (seconds)');
  }
  sox([...picked, '-b', '16', '-c', '1', out, 'gain', '-n', String(peakDbfs)]);
  return { path: out, seconds: total };
}

/**
 * Mixes the speech WAV with a noise clip (looped to length) so the speech-to-noise
 * ratio over the whole file is `snrDb`. Writes 16-bit mono WAV to `out`.
 */
export function makeNoisyWav(speechWav, out, { noise = 'running_tap.flac', snrDb = 5, tmpDir }) {
  const speechRms = soxStat(speechWav, 'RMS     amplitude');
  const length = soxStat(speechWav, 'Length (seconds)');
  const rate = String(Math.round(soxStat(speechWav, 'Samples read') / length));
  const noiseSrc = path.join(speechDir(), 'noise', noise);
  const noiseLong = path.join(tmpDir, 'noise-long.wav');
  const noiseLen = soxStat(noiseSrc, 'Length (seconds)');
  const repeats = Math.max(0, Math.ceil(length / noiseLen) - 1);
  sox([noiseSrc, '-b', '16', '-c', '1', '-r', rate, noiseLong, 'repeat', String(repeats), 'trim', '0', String(length)]);
  const noiseRms = soxStat(noiseLong, 'RMS     amplitude');
  const noiseGain = speechRms / (noiseRms * 10 ** (snrDb / 20));
  sox(['-m', '-v', '1', speechWav, '-v', noiseGain.toFixed(4), noiseLong, '-b', '16', out]);
  return { path: out, noiseGain };
}

/**
 * Kathleen's prompts `first`..`first + count - 1` (0-based, in file order) as one 16-bit WAV
 * with the joined transcript of what she says: real speech of known text, which the voice
 * build can align (the browser takes read other sentences than the passages).
 */
export function makeTranscribedWav(out, { first = 0, count = 18 } = {}) {
  const dir = path.join(speechDir(), 'kathleen', 'audio');
  const files = readdirSync(dir).filter((f) => f.endsWith('.flac')).sort().slice(first, first + count);
  const texts = new Map(readFileSync(path.join(speechDir(), 'kathleen', 'transcripts.tsv'), 'utf8')
    .split('\n').filter(Boolean).map((line) => line.split('\t')));
  sox([...files.map((f) => path.join(dir, f)), '-b', '16', '-c', '1', out]);
  return { path: out, transcript: files.map((f) => texts.get(f.replace('.flac', ''))).join(' ') };
}
