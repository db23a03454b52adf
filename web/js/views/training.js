// #/training — start building the voice, follow it (polling, once a second) with a
// progress bar and time left, then the result and its quality score.

import { api } from '../api.js';
import { announce, h, message, replace, words } from '../ui.js';

const POLL_MS = 1000;

function resultScore(result) {
  if (!result || typeof result !== 'object') return null;
  const candidates = [result.qualityScore, result.quality?.score, result.quality?.qualityScore, result.score];
  return candidates.find((v) => Number.isFinite(v)) ?? null;
}

function resultDetails(result) {
  if (!result || typeof result !== 'object') return null;
  const rows = Object.entries(result).filter(([, v]) => ['number', 'string', 'boolean'].includes(typeof v));
  if (!rows.length) return null;
  return h('details', {}, h('summary', {}, 'Details'),
    h('dl', { class: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])));
}

function jobView(job) {
  const progress = Math.max(0, Math.min(1, job.progress ?? 0));
  const pct = Math.round(100 * progress);
  const parts = [];
  if (job.state === 'queued') parts.push(message('info', 'Waiting to start', 'Your voice is in the queue; it starts as soon as the builder is free.'));
  if (job.state === 'running' || job.state === 'queued') {
    parts.push(
      h('label', { for: 'train-progress' }, `Building your voice: ${pct}%`),
      h('progress', { id: 'train-progress', max: 100, value: pct, 'aria-valuetext': `${pct} percent` }),
      h('p', { 'data-testid': 'eta' }, Number.isFinite(job.etaSec) && job.etaSec > 0
        ? `About ${words(job.etaSec)} left.` : 'Working out how long this will take…'),
      job.message ? h('p', { class: 'log' }, job.message) : null,
      h('p', { class: 'hint' }, 'You can leave this page; training carries on and you can come back any time.'));
  }
  if (job.state === 'done') {
    const score = resultScore(job.result);
    parts.push(message('ok', 'Your voice is ready',
      score !== null ? h('p', { 'data-testid': 'voice-score' }, `Voice quality score: ${Math.round(score)} / 100`) : null,
      h('p', {}, h('a', { href: '#/hear' }, 'Hear your voice now.'))),
    resultDetails(job.result));
  }
  if (job.state === 'failed') {
    parts.push(message('error', 'Training did not finish', job.message || 'Something went wrong while building your voice.',
      'Your recordings are safe. You can try again; if it fails again, record another take of your weakest passage.'));
  }
  const log = (job.messages || []).filter((m) => m && m !== job.message);
  if (log.length) parts.push(h('details', {}, h('summary', {}, 'What happened so far'), h('ul', { class: 'log' }, ...log.map((m) => h('li', {}, m)))));
  return parts;
}

/** The consent requirement: shown instead of the start button until the consent is recorded. */
function consentNeeded(consentState) {
  return h('div', { class: 'message warning', role: 'status', 'data-kind': 'warning', 'data-testid': 'consent-needed' },
    h('p', {}, h('strong', { class: 'kind' }, 'Before we build your voice, please read the consent statement')),
    h('p', {}, consentState === 'voice_mismatch'
      ? 'Your consent recording does not sound like your other recordings, so please read the statement once more.'
      : 'We only build a voice from the person it belongs to. Reading a short statement aloud takes about ten seconds.'),
    h('p', {}, h('a', { href: '#/consent', class: 'button', id: 'go-consent' }, 'Read the consent statement')));
}

export async function render(main) {
  main.append(h('h1', {}, 'Training'));
  const intro = h('p', { class: 'lead' }, 'When you have recorded enough, Echoes builds a voice from your recordings. You will see how far it has got.');
  const state = h('div', { 'aria-live': 'polite', 'data-testid': 'training-state' });
  const startButton = h('button', { type: 'button', id: 'start-training' }, 'Build my voice');
  const actions = h('div', { class: 'row' }, startButton);
  main.append(intro, h('section', { class: 'card' }, state, actions));

  let timer = 0;
  let stopped = false;
  let lastState = null;

  function show(job) {
    replace(state, ...jobView(job));
    startButton.hidden = job.state === 'queued' || job.state === 'running';
    startButton.textContent = job.state === 'failed' ? 'Try again' : job.state === 'done' ? 'Build again with my latest recordings' : 'Build my voice';
    if (job.state !== lastState) {
      announce(job.state === 'done' ? 'Your voice is ready.' : job.state === 'failed' ? 'Training did not finish.' : job.state === 'running' ? 'Training is running.' : 'Training is queued.');
      lastState = job.state;
    }
  }

  async function poll(jobId) {
    if (stopped) return;
    try {
      const { job } = await api.trainingJob(jobId);
      show(job);
      if (job.state === 'queued' || job.state === 'running') timer = setTimeout(() => poll(jobId), POLL_MS);
    } catch (err) {
      if (err.status === 0) timer = setTimeout(() => poll(jobId), POLL_MS * 3);  // banner is shown; keep trying
      else replace(state, message('error', null, err.message));
    }
  }

  function unavailable() {
    replace(state, message('info', 'Voice training is not available yet', 'This Echoes server cannot build voices yet. Your recordings are kept and will be used as soon as it can.'));
    startButton.hidden = true;
  }

  startButton.addEventListener('click', async () => {
    startButton.disabled = true;
    try {
      const { job } = await api.startTraining();
      show(job);
      poll(job.id);
    } catch (err) {
      if (err.notAvailable) unavailable();  // POST without an id: a 404 means the route is missing
      else if (err.status === 409) {
        const status = await api.status();
        if (status.trainingJob) { show(status.trainingJob); poll(status.trainingJob.id); }
        else replace(state, message('warning', null, err.message));
      } else if (err.status === 403) {
        replace(state, consentNeeded('none'));
        startButton.hidden = true;
      } else replace(state, message('error', 'Training could not start', err.message));
    }
    startButton.disabled = false;
  });

  const status = await api.status();
  const active = ['queued', 'running'].includes(status.trainingJob?.state);
  if (status.consentRequired && !status.consentGiven && !active) {
    // No voice is built without the person's spoken consent: send them there first.
    replace(state, consentNeeded(status.consentState),
      status.hasRecordings ? null : message('info', 'Record first', h('p', {}, 'There is nothing to learn from yet. ', h('a', { href: '#/studio' }, 'Record your first passage.'))));
    startButton.hidden = true;
  } else if (!status.hasRecordings) {
    replace(state, message('info', 'Record first', h('p', {}, 'There is nothing to learn from yet. ', h('a', { href: '#/studio' }, 'Record your first passage.'))));
  } else if (status.trainingJob) {
    show(status.trainingJob);
    if (['queued', 'running'].includes(status.trainingJob.state)) poll(status.trainingJob.id);
  } else {
    const missing = status.tierProgress?.tier === 'none' ? status.tierProgress.missingForNextTier : [];
    replace(state,
      h('p', {}, `Estimated training time: about ${words(status.estimatedTrainingTime || 0)}.`),
      missing?.length ? message('warning', 'Not enough recorded yet for a good voice', h('ul', {}, ...missing.map((m) => h('li', {}, m)))) : null);
  }
  return () => { stopped = true; clearTimeout(timer); };
}
