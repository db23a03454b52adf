// The official OpenAI SDK (npm openai 4) against the real echoes server: audio.speech.create
// with OpenAI's default format (mp3) and every format Echoes offers, and aac refused with a
// 415 APIError. The voice speaks through the remote engine (ECHOES_ENGINE=remote), served
// here by a tone server, so no voice has to be built: the voice row is written into the
// server's database with the sqlite3 tool, as the C++ API tests write it with the repository.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';
import OpenAI from 'openai';
import { startServer } from './lib/server.mjs';

const TONE_RATE_HZ = 22050;
const TONE_S = 0.6;

/** A 16-bit mono WAV of a 220 Hz tone: what the stand-in remote engine says to every request. */
function toneWav() {
  const samples = Math.round(TONE_RATE_HZ * TONE_S);
  const wav = Buffer.alloc(44 + 2 * samples);
  wav.write('RIFF', 0); wav.writeUInt32LE(36 + 2 * samples, 4); wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16); wav.writeUInt16LE(1, 20); wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(TONE_RATE_HZ, 24); wav.writeUInt32LE(2 * TONE_RATE_HZ, 28);
  wav.writeUInt16LE(2, 32); wav.writeUInt16LE(16, 34); wav.write('data', 36); wav.writeUInt32LE(2 * samples, 40);
  for (let n = 0; n < samples; n += 1) {
    wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 220 * n) / TONE_RATE_HZ)), 44 + 2 * n);
  }
  return wav;
}

/** An OpenAI-compatible /v1/audio/speech server answering every request with the tone. */
async function startToneServer() {
  const wav = toneWav();
  const tone = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(200, { 'Content-Type': 'audio/wav' }); res.end(wav); });
  });
  await new Promise((resolve) => tone.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${tone.address().port}/v1`, close: () => new Promise((r) => tone.close(r)) };
}

function sqliteAvailable() {
  try { execFileSync('sqlite3', ['-version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

/** Registers a user and gives them a ready voice (row + folder); returns the token and voice id. */
async function userWithVoice(server) {
  const register = await fetch(`${server.url}/api/auth/register`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: `sdk${Date.now()}@example.com`, password: 'a long test password', name: 'Ann' }),
  });
  assert.equal(register.status, 201, await register.clone().text());
  const { token, user: { id: userId } } = await register.json();
  const voiceId = randomBytes(16).toString('hex');
  const voicePath = `voices/${userId}/${voiceId}`;
  mkdirSync(path.join(server.dataDir, voicePath), { recursive: true });
  execFileSync('sqlite3', ['-cmd', '.timeout 5000', path.join(server.dataDir, 'echoes.db'),
    `INSERT INTO voices (id, user_id, status, path, quality_json, created_at, updated_at)
     VALUES ('${voiceId}', '${userId}', 'ready', '${voicePath}', '{}', unixepoch(), unixepoch());`]);
  return { token, voiceId };
}

const isMp3 = (b) => b.subarray(0, 3).toString('latin1') === 'ID3' || (b[0] === 0xff && (b[1] & 0xe0) === 0xe0);
const startsWith = (b, magic) => b.subarray(0, magic.length).toString('latin1') === magic;

const skip = sqliteAvailable() ? false : 'the sqlite3 tool is not installed (apt-get install sqlite3)';
let toneServer;
let server;
let client;
let voiceId;

before(async () => {
  if (skip) return;
  toneServer = await startToneServer();
  server = await startServer({ env: { ECHOES_ENGINE: 'remote', ECHOES_REMOTE_TTS_URL: toneServer.url } });
  const user = await userWithVoice(server);
  voiceId = user.voiceId;
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: user.token, maxRetries: 0 });
});
after(async () => { await server?.stop(); await toneServer?.close(); });

async function speak(params) {
  const response = await client.audio.speech.create({ model: 'tts-1', input: 'Hello from Echoes.', ...params });
  return { type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

test('a client that names no format gets mp3, as from OpenAI', { skip, timeout: 60000 }, async () => {
  const { type, bytes } = await speak({ voice: 'alloy' });
  assert.equal(type, 'audio/mpeg');
  assert.ok(isMp3(bytes), `not MP3: ${bytes.subarray(0, 4).toString('hex')}`);
  assert.ok(bytes.length > 1000, `${bytes.length} bytes`);
});

test('every format Echoes offers comes back in its container', { skip, timeout: 60000 }, async () => {
  const mp3 = await speak({ voice: voiceId, response_format: 'mp3' });
  assert.ok(isMp3(mp3.bytes));
  const opus = await speak({ voice: voiceId, response_format: 'opus' });
  assert.ok(startsWith(opus.bytes, 'OggS'), opus.bytes.subarray(0, 4).toString('hex'));
  assert.ok(opus.bytes.includes(Buffer.from('OpusHead')));
  const wav = await speak({ voice: 'alloy', response_format: 'wav' });
  assert.ok(startsWith(wav.bytes, 'RIFF') && wav.bytes.subarray(8, 12).toString('latin1') === 'WAVE');
  const flac = await speak({ voice: 'alloy', response_format: 'flac' });
  assert.ok(startsWith(flac.bytes, 'fLaC'));
  // pcm: headerless 16-bit samples at OpenAI's 24 kHz, as long as the spoken tone.
  const pcm = await speak({ voice: 'alloy', response_format: 'pcm' });
  assert.equal(pcm.bytes.length, 2 * Math.round(24000 * TONE_S));
});

test('aac is refused with a 415 APIError carrying the JSON error', { skip, timeout: 60000 }, async () => {
  await assert.rejects(speak({ voice: 'alloy', response_format: 'aac' }), (err) => {
    assert.ok(err instanceof OpenAI.APIError, String(err));
    assert.equal(err.status, 415);
    assert.equal(err.code, 'unsupported_format');
    assert.match(err.message, /mp3/);
    return true;
  });
});
