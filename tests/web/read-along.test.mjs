// Read-along verification and one verdict everywhere, in a real browser with the server's
// read-along check on (its default). The fake microphone plays Kathleen reading CMU ARCTIC
// prompts quietly (peak -20 dBFS, speech near -38 dBFS), never the passage: so a take in
// the studio is an incomplete take (none of the passage's sentences read) of a quiet voice.
// Checks: the live meter never says "Good level" below the target; the take says it is not
// counted, shows the passage with the missed sentences highlighted and offers "Record again"
// first; Progress labels it "not counted" with the reason, while a take that reads all of
// its (transcribed) text is counted. Screenshots go to test-artifacts/web/read-along/.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, screenshotter } from './lib/browser.mjs';
import { apiAs, microphoneOn, recordTake, roomCheck, signUp, tokenOf, uploadTranscribed } from './lib/flows.mjs';
import { startServer } from './lib/server.mjs';
import { makeSpeechWav, makeTranscribedWav, requireSpeechData } from './lib/speech-data.mjs';

const TAKE_S = 8;
const skip = requireSpeechData();

let server;
let browser;
let tmp;
let shot;

before(async () => {
  if (skip) return;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'echoes-web-read-'));
  const mic = makeSpeechWav(path.join(tmp, 'quiet.wav'), { seconds: 30, first: 40, peakDbfs: -20 });
  server = await startServer({ verifyReading: true });
  browser = await launch({ micWav: mic.path });
  shot = screenshotter('read-along');
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the shared verdict never says "Good level" below the target nor "nothing to fix" with a tip', { skip }, async () => {
  const { page } = browser;
  await page.goto(server.url);
  const verdicts = await page.evaluate(async () => {
    const v = await import('/js/verdict.js');
    const tip = { severity: 'info', code: 'too_quiet', message: 'Your voice is quiet' };
    return {
      levels: [-47, -44, -38, -29, -24].map((db) => v.levelVerdict(db).text),
      good: v.levelVerdict(-20).text,
      withTip: v.takeVerdict({ speechFound: true, qualityScore: 90, issues: [tip] }).text,
      clean: v.takeVerdict({ speechFound: true, qualityScore: 90, issues: [] }).text,
      incomplete: v.takeStatus({ speechFound: true, qualityScore: 90, issues: [],
        readAlong: { checked: true, complete: false, sentencesRead: 1, sentenceCount: 9 } }),
      lowScore: v.takeStatus({ speechFound: true, qualityScore: 13, issues: [] }).counted,
    };
  });
  for (const text of verdicts.levels) assert.notEqual(text, 'Good level.');
  assert.equal(verdicts.good, 'Good level.');
  assert.doesNotMatch(verdicts.withTip, /nothing to fix/);
  assert.match(verdicts.clean, /nothing to fix/);
  assert.equal(verdicts.incomplete.counted, false);
  assert.equal(verdicts.incomplete.reason, 'Incomplete — 1 of 9 sentences read.');
  assert.equal(verdicts.lowScore, false);
});

test('an incomplete take says so, offers "Record again" and is not counted', { skip, timeout: 240000 }, async (t) => {
  const { page } = browser;
  await signUp(page, server.url, 'Quiet Reader');
  await roomCheck(page);
  await page.getByRole('link', { name: 'Go to the recording studio' }).click();
  const { passages } = await (await fetch(`${server.url}/api/voice/passages`)).json();
  const passage = passages[0];
  await page.getByRole('heading', { level: 2, name: `Passage 1 of 4: ${passage.title}` }).waitFor();
  await microphoneOn(page);

  let liveAdvice = '';
  let liveLevel = '';
  await recordTake(page, TAKE_S, async () => {
    await page.waitForTimeout(1500);
    liveAdvice = await page.getByTestId('level-advice').innerText();
    liveLevel = await page.getByTestId('rms').innerText();
    await shot(page, 'live-meter', { fullPage: false });
  });
  // The quiet voice (about -38 dBFS) is below the -23 dBFS target: never "Good level".
  assert.notEqual(liveAdvice.trim(), 'Good level.', `live meter at ${liveLevel}`);
  assert.match(liveAdvice, /quiet/i);

  const result = page.getByTestId('take-result');
  const verdict = await result.getByTestId('verdict').innerText();
  assert.match(verdict, /^Incomplete — \d+ of \d+ sentences read\./);
  assert.doesNotMatch(await result.innerText(), /nothing to fix/);
  assert.match(await result.locator('.message.error').first().innerText(), /not counted/);
  // The first action is to record again; moving on is secondary.
  const again = result.locator('#retake');
  assert.equal((await again.innerText()).trim(), 'Record again');
  assert.equal(await again.evaluate((b) => b.classList.contains('secondary')), false);
  assert.equal(await result.locator('#next-passage').evaluate((a) => a.classList.contains('secondary')), true);
  // The passage as heard, the missed sentences highlighted.
  const sentences = result.locator('[data-testid=read-along] .sentence');
  const count = await sentences.count();
  assert.ok(count >= 3, `${count} sentences shown`);
  const missed = await result.locator('[data-testid=read-along] .sentence:not(.read)').count();
  const [, read, total] = /(\d+) of (\d+)/.exec(verdict).map(Number);
  assert.equal(total, count);
  assert.equal(missed, count - read);
  assert.ok(missed >= count * 0.8, `${missed} of ${count} highlighted`);
  assert.match(await page.locator(`[data-passage="${passage.id}"]`).innerText(), /Not counted yet — record again/);
  await result.scrollIntoViewIfNeeded();
  await shot(page, 'incomplete-take');

  await t.test('Progress labels it "not counted" with the reason; a complete take counts', async () => {
    const token = await tokenOf(page);
    const wav = makeTranscribedWav(path.join(tmp, 'complete.wav'), { first: 200, count: 8 });
    const uploaded = await uploadTranscribed(server.url, token, wav.path, passages[1].id, wav.transcript);
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.json));
    const readAlong = uploaded.json.analysis.readAlong;
    assert.equal(readAlong.checked, true);
    assert.equal(readAlong.complete, true, JSON.stringify(readAlong));
    const status = (await apiAs(server.url, token, 'GET', '/api/voice/status')).json;
    assert.equal(status.tierProgress.passagesDone, 1);

    await page.getByRole('link', { name: 'Progress', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Your recordings', exact: true }).waitFor();
    const skipped = page.locator('tr[data-counted=false]');
    assert.equal(await skipped.count(), 1);
    assert.match(await skipped.getByTestId('not-counted').innerText(), /^Not counted: Incomplete — \d+ of \d+ sentences read\./);
    assert.equal(await page.locator('tr[data-counted=true]').count(), 1);
    await shot(page, 'progress-not-counted');
  });
});
