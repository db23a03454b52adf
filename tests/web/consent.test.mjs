// The spoken consent: with the server's default consent gate on, Training asks for the
// consent statement first; a recording that does not say it (Kathleen reading ARCTIC
// sentences) is refused with the server's reason and a "Try again".

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, screenshotter } from './lib/browser.mjs';
import { assertLabelled, signUp } from './lib/flows.mjs';
import { startServer } from './lib/server.mjs';
import { makeSpeechWav, requireSpeechData } from './lib/speech-data.mjs';

const skip = requireSpeechData();
let server;
let browser;
let tmp;
const shot = screenshotter('consent');

before(async () => {
  if (skip) return;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'echoes-web-consent-'));
  const speech = makeSpeechWav(path.join(tmp, 'speech.wav'), { seconds: 12, first: 40 });
  server = await startServer({ requireConsent: true });
  browser = await launch({ micWav: speech.path });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('training asks for the consent; speech that is not the statement is refused', { skip, timeout: 180000 }, async () => {
  const { page, errors } = browser;
  await signUp(page, server.url, 'Kathleen Reader');

  await page.getByRole('link', { name: 'Training', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
  const needed = page.getByTestId('consent-needed');
  await needed.waitFor();
  assert.match(await needed.innerText(), /Before we build your voice, please read the consent statement/);
  assert.equal(await page.locator('#start-training').isVisible(), false, 'no Build button without the consent');
  await shot(page, 'training-needs-consent');

  // Keyboard: the link to the consent page is reachable and works with Enter.
  await page.locator('#go-consent').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Consent' }).waitFor();
  const statement = page.getByTestId('consent-statement');
  assert.match(await statement.innerText(), /Kathleen Reader/);
  assert.match(await page.locator('.lead').innerText(), /We only build a voice from the person it belongs to/);
  await assertLabelled(page);
  await shot(page, 'consent-page');

  await page.getByRole('button', { name: 'Turn on microphone' }).click();
  await page.locator('#record:not([disabled])').waitFor({ timeout: 15000 });
  await page.getByRole('button', { name: 'Start recording' }).click();
  await page.waitForTimeout(4000);
  await page.getByRole('button', { name: 'Stop recording' }).click();

  const refusal = page.locator('[data-testid=consent-result] .message.error');
  await refusal.waitFor({ timeout: 60000 });
  const text = await refusal.innerText();
  assert.match(text, /could not|does not sound/i, text);
  const retry = refusal.getByRole('button', { name: 'Try again' });
  assert.ok(await retry.isVisible());
  await refusal.scrollIntoViewIfNeeded();
  await shot(page, 'consent-refused');

  await retry.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'record', 'Try again moves to the record button');
  assert.deepEqual(errors.filter((e) => !/422|Unprocessable/i.test(e)), [], 'no page errors');
});
