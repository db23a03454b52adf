// Deleting all voice data from the Progress page: a confirmation, then the server's verified
// receipt in words, and the recordings are really gone (checked through the API).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, screenshotter } from './lib/browser.mjs';
import { apiAs, signUp, tokenOf, uploadTranscribed } from './lib/flows.mjs';
import { startServer } from './lib/server.mjs';
import { makeSpeechWav, requireSpeechData } from './lib/speech-data.mjs';

const skip = requireSpeechData();
let server;
let browser;
let tmp;
const shot = screenshotter('privacy');

before(async () => {
  if (skip) return;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'echoes-web-privacy-'));
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('"Delete my voice" removes every recording and shows the verified receipt', { skip, timeout: 120000 }, async () => {
  const { page, errors } = browser;
  await signUp(page, server.url, 'Private Reader');
  const token = await tokenOf(page);
  for (const [i, passage] of ['conversational-warmth', 'technical-clarity'].entries()) {
    const wav = makeSpeechWav(path.join(tmp, `take${i}.wav`), { seconds: 12, first: 10 * i });
    const up = await uploadTranscribed(server.url, token, wav.path, passage, '');
    assert.equal(up.status, 201, JSON.stringify(up.json));
  }

  await page.getByRole('link', { name: 'Progress', exact: true }).click();
  const button = page.getByRole('button', { name: 'Delete all my voice data' });
  await button.waitFor();
  // The first time the person changes their mind: nothing is deleted.
  page.once('dialog', (dialog) => dialog.dismiss());
  await button.click();
  assert.equal((await apiAs(server.url, token, 'GET', '/api/voice/recordings')).json.recordings.length, 2);

  page.once('dialog', (dialog) => dialog.accept());
  await button.click();
  const receipt = page.locator('.message.ok').getByText('Your voice data is deleted');
  await receipt.waitFor({ timeout: 15000 });
  assert.match(await page.locator('.message.ok').first().innerText(), /Deleted 2 recordings, 0 voices and 0 consent recordings\. We checked afterwards/);
  await shot(page, 'deleted');
  assert.equal((await apiAs(server.url, token, 'GET', '/api/voice/recordings')).json.recordings.length, 0);
  // With nothing left, the card is gone and the page says to start recording.
  assert.equal(await page.getByRole('button', { name: 'Delete all my voice data' }).count(), 0);
  await page.getByText('You have not recorded anything yet.').waitFor();
  assert.deepEqual(errors, []);
});
