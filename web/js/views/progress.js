// #/progress — tiers with what is still missing, totals, phonetic coverage, emotional
// range, consistency warnings, every take with listen / delete, and deleting all voice data.

import { api } from '../api.js';
import { issueItem } from '../components/analysis.js';
import { consistencyWarnings, tierCards, tierNumbers } from '../components/tiers.js';
import { announce, h, message, percent, replace, scoreClass } from '../ui.js';
import { takeStatus } from '../verdict.js';

function coverageCard(set) {
  const c = set.coverage || {};
  const r = set.emotionalRange || {};
  return h('section', { class: 'card', 'aria-labelledby': 'coverage-title' },
    h('h2', { id: 'coverage-title' }, 'What your recordings cover'),
    h('h3', {}, 'Sounds of English (phonetic coverage)'),
    h('p', {}, 'Your voice is built from the sounds you have read. More passages cover more sound combinations.'),
    h('dl', { class: 'facts', 'data-testid': 'coverage' },
      h('dt', {}, 'Speech sounds'), h('dd', {}, `${c.phonesPresent ?? 0} of ${c.phonesTotal ?? 40} (${percent(c.phoneCoverage)})`),
      h('dt', {}, 'Sound pairs in everyday speech'), h('dd', {}, percent(c.weightedDiphoneCoverage))),
    h('label', { for: 'coverage-bar' }, 'Everyday sound pairs covered'),
    h('progress', { id: 'coverage-bar', max: 1, value: c.weightedDiphoneCoverage || 0 }),
    h('h3', {}, 'Emotional range'),
    h('p', { 'data-testid': 'emotional-range' },
      `Score ${Math.round(r.score ?? 0)} / 100${r.summary ? ` — ${r.summary.replace(/\.\s*$/, '')}` : ''}. `,
      (r.passagesMeasured ?? 0) < 2 ? 'Record more passages to show how your voice changes with feeling.' :
        'Reading each passage in its own mood (warm, lively, thoughtful, clear) widens the range.'));
}

function recordingsTable(recordings, passages, onDelete) {
  if (!recordings.length) return h('p', {}, 'No recordings yet. ', h('a', { href: '#/studio' }, 'Start recording.'));
  const title = (id) => passages.find((p) => p.id === id)?.title || id;
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', { class: 'visually-hidden' }, 'Your recordings'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Passage'), h('th', { scope: 'col' }, 'Length'),
      h('th', { scope: 'col' }, 'Score'), h('th', { scope: 'col' }, 'Notes'), h('th', { scope: 'col' }, 'Actions'))),
    h('tbody', {}, ...recordings.map((rec) => {
      const a = rec.analysis || {};
      const score = Math.round(a.qualityScore ?? 0);
      const status = takeStatus(a);
      const notCounted = status.counted ? null
        : h('p', { class: 'message error not-counted', 'data-testid': 'not-counted' }, h('strong', {}, 'Not counted: '), status.reason);
      const player = h('div');
      const listen = h('button', { type: 'button', class: 'secondary', 'aria-label': `Listen to ${title(rec.passageId)}` }, 'Listen');
      listen.addEventListener('click', async () => {
        listen.disabled = true;
        try {
          const url = await api.audioUrl(rec.audioUrl);
          replace(player, h('audio', { controls: true, autoplay: true, src: url, 'aria-label': `Recording of ${title(rec.passageId)}` }));
        } catch (err) {
          replace(player, message('error', null, err.message));
        }
        listen.disabled = false;
      });
      const del = h('button', { type: 'button', class: 'secondary', 'aria-label': `Delete recording of ${title(rec.passageId)}` }, 'Delete');
      del.addEventListener('click', () => onDelete(rec, title(rec.passageId)));
      return h('tr', { 'data-recording': rec.id, 'data-counted': String(status.counted) },
        h('td', { 'data-label': 'Passage' }, title(rec.passageId)),
        h('td', { 'data-label': 'Length' }, `${(rec.durationSec ?? 0).toFixed(0)} s`),
        h('td', { 'data-label': 'Score' }, h('span', { class: `score-inline ${scoreClass(score)}` }, String(score))),
        h('td', { 'data-label': 'Notes' }, notCounted,
          (a.issues || []).length ? h('ul', { class: 'issues' }, ...(a.issues || []).map(issueItem)) : notCounted ? null : 'No problems found'),
        h('td', {}, h('div', { class: 'row' }, listen, del), player));
    }))));
}

/** How many takes are not counted, and why (the reasons are on each take below). */
function notCountedSummary(recordings) {
  const skipped = recordings.filter((rec) => !takeStatus(rec.analysis).counted);
  if (!skipped.length) return null;
  const incomplete = skipped.filter((rec) => takeStatus(rec.analysis).kind === 'incomplete').length;
  const why = [incomplete ? `${incomplete} did not read enough of the passage` : null,
    skipped.length - incomplete ? `${skipped.length - incomplete} scored too low to use` : null].filter(Boolean).join(', ');
  return message('warning', null, `${plural(skipped.length, 'take')} ${skipped.length === 1 ? 'is' : 'are'} not counted (${why}). ` +
    'Each one says why below: record those passages again.');
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** What a deletion receipt (DELETE /api/voice) says, in words. */
function receiptMessage(receipt) {
  const d = receipt.deleted || {};
  const what = `${plural(d.recordings ?? 0, 'recording')}, ${plural(d.voices ?? 0, 'voice')} and ${plural(d.consents ?? 0, 'consent recording')}`;
  return receipt.verified
    ? message('ok', 'Your voice data is deleted', `Deleted ${what}. We checked afterwards: nothing of it is left on the server.`)
    : message('warning', 'Deletion not confirmed', `Deleted ${what}, but the check afterwards still found some of it. Please try again, or contact the person who runs this Echoes server.`);
}

/** The "delete everything" card: asks for confirmation, then shows the server's receipt. */
function deleteAllCard(onDone) {
  const slot = h('div', { 'aria-live': 'polite', 'data-testid': 'delete-all-result' });
  const button = h('button', { type: 'button', id: 'delete-all', class: 'danger' }, 'Delete all my voice data');
  button.addEventListener('click', async () => {
    if (!window.confirm('Delete all your recordings, your built voice and your consent recording? This cannot be undone.')) return;
    button.disabled = true;
    replace(slot, 'Deleting…');
    try {
      const receipt = await api.deleteAllVoiceData();
      announce(receipt.verified ? 'Your voice data is deleted.' : 'Deletion could not be confirmed.');
      await onDone(receiptMessage(receipt));
    } catch (err) {
      button.disabled = false;
      const text = err.status === 409 ? 'Your voice is being built right now. Wait until it finishes, then delete.' : err.message;
      replace(slot, message('error', 'Nothing was deleted', text));
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'delete-all-title' },
    h('h2', { id: 'delete-all-title' }, 'Delete my voice'),
    h('p', {}, 'Removes every recording, the voice built from them and your consent recording from this server. Your account and your chats stay.'),
    h('p', { class: 'row' }, button), slot);
}

export async function render(main) {
  main.append(h('h1', {}, 'Your progress'));
  const body = h('div', { 'aria-busy': 'true' }, h('p', {}, 'Loading…'));
  main.append(body);
  const draw = async () => {
    const [status, { recordings }, { passages }] = await Promise.all([api.status(), api.recordings(), api.passages()]);
    const progress = status.tierProgress;
    const set = status.set || {};
    body.removeAttribute('aria-busy');
    replace(body,
      h('p', { class: 'lead' }, status.hasRecordings
        ? 'Every take you keep brings your voice closer. Here is where you stand.'
        : 'You have not recorded anything yet. Start with the setup guide, then read the first passage.'),
      h('section', { class: 'card', 'aria-labelledby': 'tiers-title' },
        h('h2', { id: 'tiers-title' }, 'Levels'),
        tierNumbers(progress),
        tierCards(progress)),
      set.consistency?.length ? h('section', { class: 'card' }, consistencyWarnings(set.consistency)) : null,
      notCountedSummary(recordings),
      coverageCard(set),
      h('section', { class: 'card', 'aria-labelledby': 'takes-title' },
        h('h2', { id: 'takes-title' }, 'Your recordings'),
        recordingsTable(recordings, passages, remove)),
      h('p', { class: 'row' },
        h('a', { class: 'button', href: '#/studio' }, 'Record'),
        status.recordingsComplete ? h('a', { class: 'button secondary', href: '#/training' }, 'Build my voice') : null),
      status.hasRecordings || status.modelReady ? deleteAllCard(async (done) => { await draw(); body.prepend(done); }) : null);
  };
  async function remove(rec, title) {
    if (!window.confirm(`Delete this recording of "${title}"? This cannot be undone.`)) return;
    try {
      await api.deleteRecording(rec.id);
      announce('Recording deleted');
      await draw();
    } catch (err) {
      body.prepend(message('error', null, err.message));
    }
  }
  await draw();
}
