// Shows the server's analysis of one take in plain words: the verdict (verdict.js, the
// same words as the live meter and room check), score, the key figures, every issue with
// how to fix it, and which sentences of the passage were heard read.

import { h, scoreClass } from '../ui.js';
import { LEVEL, NOISE, takeVerdict } from '../verdict.js';

const SEVERITY = {
  error: { kind: 'error', label: 'Needs fixing' },
  warning: { kind: 'warning', label: 'Worth improving' },
  info: { kind: 'info', label: 'Tip' },
};

function db(value, unit = 'dB') {
  return Number.isFinite(value) ? `${Math.round(value)} ${unit}` : '—';
}

/** One issue: what is wrong, then how to fix it. */
export function issueItem(issue) {
  const sev = SEVERITY[issue.severity] || SEVERITY.info;
  return h('li', { class: `message ${sev.kind}`, 'data-issue': issue.code },
    h('p', {}, h('strong', {}, `${sev.label}: `), issue.message),
    issue.fix ? h('p', {}, h('strong', {}, 'How to fix: '), issue.fix) : null);
}

const READ_LABEL = { read: 'read', misread: 'not clearly read', skipped: 'missed' };

/** The passage as read: every sentence, the missed and unclear ones highlighted. */
export function readAlongPassage(readAlong) {
  if (!readAlong?.checked || !readAlong.sentences?.length) return null;
  const missed = readAlong.sentences.filter((s) => s.status !== 'read').length;
  return h('div', { class: 'read-along', 'data-testid': 'read-along' },
    h('h3', {}, missed ? `What we heard: ${readAlong.sentencesRead} of ${readAlong.sentenceCount} sentences` : 'What we heard: every sentence'),
    missed ? h('p', { class: 'hint' }, 'Highlighted sentences were missed or not clearly read; only the sentences read count.') : null,
    h('p', { class: 'read-along-text' }, ...readAlong.sentences.map((s) => [
      h('span', { class: `sentence ${s.status}`, 'data-status': s.status, title: READ_LABEL[s.status] || s.status },
        s.text, s.status !== 'read' ? h('span', { class: 'visually-hidden' }, ` (${READ_LABEL[s.status] || s.status})`) : null),
      ' '])));
}

/** The analysis card of a take. analysis: the server's analysis object. */
export function analysisCard(analysis, { heading = 'How this take sounds' } = {}) {
  const issues = analysis.issues || [];
  const score = Math.round(analysis.qualityScore ?? 0);
  return h('section', { class: 'card analysis', 'aria-labelledby': 'analysis-title', 'data-testid': 'analysis' },
    h('h2', { id: 'analysis-title' }, heading),
    h('p', {}, 'Quality score: ',
      h('span', { class: `score ${scoreClass(score)}`, 'data-testid': 'take-score' }, String(score)), ' / 100'),
    (() => { const v = takeVerdict(analysis); return h('p', { class: `verdict ${v.kind}`, 'data-testid': 'verdict', 'data-kind': v.kind }, v.text); })(),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Length'), h('dd', {}, `${(analysis.durationSec ?? 0).toFixed(1)} s (speech ${(analysis.speechDurationSec ?? 0).toFixed(1)} s)`),
      h('dt', {}, 'Voice level'), h('dd', {}, `${db(analysis.rmsDbfs, 'dBFS')} (aim for ${LEVEL.targetMinDbfs} to ${LEVEL.targetMaxDbfs})`),
      h('dt', {}, 'Loudest peak'), h('dd', {}, `${db(analysis.peakDbfs, 'dBFS')} (keep below −3)`),
      h('dt', {}, 'Background noise'), h('dd', {}, `${db(analysis.noiseFloorDbfs, 'dBFS')} (${NOISE.maxFloorDbfs} or lower)`),
      h('dt', {}, 'Voice above noise'), h('dd', {}, `${db(analysis.snrDb)} (${NOISE.minSnrDb} or more)`)),
    issues.length
      ? [h('h3', {}, issues.length === 1 ? 'One thing to look at' : `${issues.length} things to look at`),
        h('ul', { class: 'issues' }, ...issues.map(issueItem))]
      : null,
    readAlongPassage(analysis.readAlong));
}
