// Starts the real `echoes serve` on a free port with a fresh data folder and web/.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './speech-data.mjs';

/** The echoes binary: $ECHOES_BINARY, else build/src/echoes in the repository. */
export function echoesBinary() {
  const bin = process.env.ECHOES_BINARY || path.join(repoRoot, 'build', 'src', 'echoes');
  if (!existsSync(bin)) throw new Error(`echoes binary not found at ${bin}: build it first (scripts/build.sh) or set ECHOES_BINARY`);
  return bin;
}

/** The environment without ECHOES_REQUIRE_CONSENT, so the server uses its default (required). */
function withoutConsentOverride(env) {
  const copy = { ...env };
  delete copy.ECHOES_REQUIRE_CONSENT;
  return copy;
}

/**
 * Starts the server; resolves with { url, dataDir, stop(), log() }.
 * requireConsent: true leaves the default consent gate on (voice building needs the spoken consent).
 * verifyReading: true leaves the default read-along check on (takes must read their passage).
 * The fake microphone plays Kathleen reading CMU ARCTIC prompts, never the passages, so the
 * journeys that need counted takes turn the check off (documented setting verify_reading);
 * read-along.test.mjs keeps it on.
 * env: more environment for the server (configuration keys, e.g. ECHOES_ENGINE).
 */
export async function startServer({ requireConsent = false, verifyReading = false, env = {} } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'echoes-web-'));
  const child = spawn(echoesBinary(), ['serve', '--listen', '127.0.0.1:0', '--data-dir', dataDir,
    '--web-dir', path.join(repoRoot, 'web')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // The browser journey cannot speak the consent statement (no real recording of it
    // exists); the consent flow has its own API test. This is a documented deployment setting.
    // requireConsent keeps the server's default (the gate on) for the consent page's own test.
    env: { ...(requireConsent ? withoutConsentOverride(process.env) : { ...process.env, ECHOES_REQUIRE_CONSENT: 'false' }),
      ECHOES_VERIFY_READING: verifyReading ? 'true' : 'false', ...env },
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`echoes did not start in 30 s:\n${output}`)), 30000);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[0-9.]+:\d+)/.exec(output);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`echoes exited (${code}) before listening:\n${output}`)); });
  });
  child.removeAllListeners('exit');
  return {
    url,
    dataDir,
    log: () => output,
    /** Stops the server and removes its data; safe to call twice. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => { const t = setTimeout(() => { child.kill('SIGKILL'); r(); }, 5000); child.on('exit', () => { clearTimeout(t); r(); }); });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
