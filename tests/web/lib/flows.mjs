// Steps shared by the browser tests, written as a person would do them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

let counter = 0;

/** Signs up through the form with a fresh address; ends on the setup guide. */
export async function signUp(page, url, name = 'Test Reader') {
  counter += 1;
  await page.goto(url);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email address').fill(`reader${Date.now()}-${counter}@example.com`);
  await page.getByLabel('Password').fill('a long test password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Setup guide' }).waitFor();
}

/** The bearer token the page holds (to ask the API what the UI should be showing). */
export function tokenOf(page) {
  return page.evaluate(() => localStorage.getItem('echoes.token'));
}

/** Calls the API as the signed-in page user from Node. */
export async function apiAs(url, token, method, path, body) {
  const res = await fetch(url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* audio or empty */ }
  return { status: res.status, json };
}

/** Whether a POST endpoint exists on this server (401 without a token, 404 when missing). */
export async function endpointExists(url, path) {
  const res = await fetch(url + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  await res.arrayBuffer();
  return res.status !== 404;
}

/** Runs the room check on the current page and returns the shown result text. */
export async function roomCheck(page) {
  await page.locator('#room-check').click();
  const result = page.locator('[data-testid=room-result] .message');
  await result.waitFor({ timeout: 20000 });
  return result.innerText();
}

/** Turns on the microphone in the studio and waits for the live meter to move. */
export async function microphoneOn(page) {
  await page.locator('#mic-on').click();
  await page.locator('#record:not([disabled])').waitFor({ timeout: 15000 });
  await page.waitForFunction(() => {
    const v = document.querySelector('[data-testid=rms]')?.textContent || '—';
    return v !== '—';
  }, null, { timeout: 10000 });
}

/**
 * Records one take of `seconds` (real time) and waits for the server's analysis.
 * mid(page): called halfway, e.g. to take a screenshot of the live meter.
 */
export async function recordTake(page, seconds, mid = async () => {}) {
  await page.getByRole('button', { name: 'Start recording' }).click();
  await page.waitForTimeout((seconds / 2) * 1000);
  // Bring the controls and the live meter into view for screenshots taken in mid().
  await page.evaluate(() => document.getElementById('record-title')?.scrollIntoView({ block: 'start' }));
  await mid(page);
  await page.waitForTimeout((seconds / 2) * 1000);
  await page.getByRole('button', { name: 'Stop recording' }).click();
  const analysis = page.locator('[data-testid=take-result] [data-testid=analysis], [data-testid=take-result] .message.error');
  await analysis.first().waitFor({ timeout: 60000 });
}

/** Every form control and button on the page has an accessible name. */
export async function assertLabelled(page) {
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button, [role=meter]')]
    .filter((el) => !el.closest('[hidden]') && el.type !== 'hidden')
    .filter((el) => {
      const name = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') ||
        (el.labels && [...el.labels].map((l) => l.textContent).join('').trim()) ||
        (el.tagName === 'BUTTON' && el.textContent.trim());
      return !name;
    })
    .map((el) => el.outerHTML.slice(0, 120)));
  assert.deepEqual(unlabelled, [], 'controls without a label');
}

/** Nothing scrolls sideways (phone-sized screens). */
export async function assertNoSidewaysScroll(page) {
  const { scroll, width, wide } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''} (${Math.round(e.getBoundingClientRect().right)}px)`)
      .slice(0, 6),
  }));
  assert.ok(scroll <= width + 1, `page is ${scroll}px wide in a ${width}px window; too wide: ${wide.join(', ')}`);
}

/**
 * A multipart/form-data body as browsers write it. Node 18's FormData leaves out the CRLF
 * after the closing boundary, which cpp-httplib 0.11 refuses, so the tests write their own.
 */
function multipartBody(fields, file) {
  const boundary = `----echoes-test-${Date.now().toString(16)}`;
  const parts = [];
  const head = (disposition, type) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`);
  parts.push(head(`name="${file.name}"; filename="${file.filename}"`, file.type), file.bytes, Buffer.from('\r\n'));
  for (const [name, value] of Object.entries(fields)) parts.push(head(`name="${name}"`), Buffer.from(`${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a recording with its transcript through the API as the page's user. */
export async function uploadTranscribed(url, token, wavPath, passageId, transcript) {
  const { body, type } = multipartBody({ passageId, transcript },
    { name: 'audio', filename: path.basename(wavPath), type: 'audio/wav', bytes: readFileSync(wavPath) });
  const res = await fetch(url + '/api/voice/upload', {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': type }, body,
  });
  return { status: res.status, json: await res.json() };
}
