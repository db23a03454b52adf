// A recording made over running water (speech mixed with a real tap recording at about
// 5 dB SNR) must be called noisy: by the room check, the live meter and the server's analysis.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, screenshotter } from './lib/browser.mjs';
import { microphoneOn, recordTake, signUp } from './lib/flows.mjs';
import { startServer } from './lib/server.mjs';
import { makeNoisyWav, makeSpeechWav, requireSpeechData } from './lib/speech-data.mjs';

const skip = requireSpeechData();
let server;
let browser;
let tmp;

before(async () => {
  if (skip) return;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'echoes-web-noise-'));
  const speech = makeSpeechWav(path.join(tmp, 'speech.wav'), { seconds: 30, first: 100 });
  const noisy = makeNoisyWav(speech.path, path.join(tmp, 'noisy.wav'), { snrDb: 5, tmpDir: tmp });
  server = await startServer();
  browser = await launch({ micWav: noisy.path });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('a noisy recording shows the noise warning with its fix', { skip, timeout: 180000 }, async () => {
  const shot = screenshotter('noise');
  const { page } = browser;
  await signUp(page, server.url, 'Noisy Kitchen');
  // Straight to the studio: before the first take it asks for the room check itself.
  await page.getByRole('link', { name: 'Record', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Room check' }).waitFor();
  assert.ok(await page.locator('#record').isDisabled(), 'recording waits for the room check');
  await page.locator('#room-check').click();
  const room = page.locator('[data-testid=room-result] .message');
  await room.waitFor({ timeout: 20000 });
  assert.notEqual(await room.getAttribute('data-kind'), 'ok', await room.innerText());
  await shot(page, 'room-check');

  await microphoneOn(page);
  await recordTake(page, 20, async () => {
    const live = page.getByTestId('live-noise');
    assert.ok(['warning', 'error'].includes(await live.getAttribute('data-kind')), `live: ${await live.innerText()}`);
    await shot(page, 'recording', { fullPage: false });
  });
  const issues = page.locator('[data-testid=take-result] [data-issue]');
  const codes = await issues.evaluateAll((els) => els.map((e) => e.dataset.issue));
  assert.ok(codes.includes('snr_low') || codes.includes('noise_floor_high'), `issues: ${codes}`);
  const noiseIssue = page.locator('[data-testid=take-result] [data-issue="snr_low"], [data-testid=take-result] [data-issue="noise_floor_high"]').first();
  assert.match(await noiseIssue.innerText(), /How to fix: /);
  await noiseIssue.scrollIntoViewIfNeeded();
  await shot(page, 'analysis');
});
