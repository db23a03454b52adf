// Launches Debian's Chromium (never a downloaded browser) through playwright-core, with
// a real speech file as the microphone, and saves numbered screenshots of each step.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './speech-data.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS = process.env.ECHOES_WEB_ARTIFACTS || path.join(repoRoot, 'test-artifacts', 'web');

/**
 * Launches Chromium. micWav: absolute path of a 16-bit WAV fed as the microphone (looped);
 * allowMic: false denies the permission prompt so the page sees a blocked microphone;
 * fakeDevice: false leaves the browser with no microphone.
 * Returns { browser, context, page, close() }.
 */
export async function launch({ micWav = null, allowMic = true, fakeDevice = true, viewport = { width: 1280, height: 900 } } = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'echoes-chromium-'));
  const args = [
    '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  ];
  // Without the fake device a headless machine has no microphone at all.
  if (fakeDevice) args.push('--use-fake-device-for-media-stream');
  if (micWav) args.push(`--use-file-for-fake-audio-capture=${micWav}`);
  if (allowMic) args.push('--use-fake-ui-for-media-stream');
  else args.push('--deny-permission-prompts');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    viewport,
    permissions: allowMic ? ['microphone'] : [],
  });
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves page screenshots as <ARTIFACTS>/<group>/NN-name.png, numbered in call order. */
export function screenshotter(group) {
  const dir = path.join(ARTIFACTS, group);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, name, { fullPage = true } = {}) => {
    n += 1;
    const file = path.join(dir, `${String(n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage });
    return file;
  };
}
