// The app's trouble states, each in plain words: microphone blocked, no microphone,
// server unreachable, session expired.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, screenshotter } from './lib/browser.mjs';
import { signUp } from './lib/flows.mjs';
import { startServer } from './lib/server.mjs';

let server;
const shot = screenshotter('states');

before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

async function expectMicError(page, code, title) {
  const box = page.locator(`[data-mic-error="${code}"]`);
  await box.waitFor({ timeout: 15000 });
  assert.match(await box.innerText(), new RegExp(title));
  assert.ok(await box.getByRole('button', { name: 'Try again' }).isVisible());
}

test('a blocked microphone says how to allow it', { timeout: 120000 }, async () => {
  const browser = await launch({ allowMic: false });
  try {
    const { page } = browser;
    await signUp(page, server.url);
    await page.locator('#room-check').click();
    await expectMicError(page, 'mic_blocked', 'Microphone blocked');
    await shot(page, 'mic-blocked-setup');
    await page.getByRole('link', { name: 'Record', exact: true }).click();
    await page.locator('#mic-on').click();
    await expectMicError(page, 'mic_blocked', 'Microphone blocked');
    await page.locator('[data-mic-error]').scrollIntoViewIfNeeded();
    await shot(page, 'mic-blocked-studio', { fullPage: false });
  } finally {
    await browser.close();
  }
});

test('no microphone says to plug one in', { timeout: 120000 }, async () => {
  const browser = await launch({ fakeDevice: false });
  try {
    const { page } = browser;
    await signUp(page, server.url);
    await page.locator('#room-check').click();
    await expectMicError(page, 'no_mic', 'No microphone found');
    await shot(page, 'no-microphone');
  } finally {
    await browser.close();
  }
});

test('session expired and server unreachable', { timeout: 120000 }, async () => {
  const browser = await launch();
  try {
    const { page } = browser;
    await signUp(page, server.url);
    // A token the server no longer knows: the next call answers 401.
    await page.evaluate(() => localStorage.setItem('echoes.token', 'expired-token'));
    await page.goto(`${server.url}/#/progress`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByText('Your session has expired').waitFor();
    await shot(page, 'session-expired');

    await page.getByLabel('Email address').fill('nobody@example.com');
    await page.getByLabel('Password').fill('wrong password');
    await server.stop();
    await page.getByRole('button', { name: 'Sign in' }).click();
    const banner = page.locator('#banner');
    await banner.waitFor({ state: 'visible' });
    assert.match(await banner.innerText(), /cannot reach the Echoes server/);
    assert.ok(await banner.getByRole('button', { name: 'Try again' }).isVisible());
    await shot(page, 'server-unreachable');
  } finally {
    await browser.close();
  }
});
