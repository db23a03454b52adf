// Shows the server's analysis of one take in plain words: score, the key figures, and
// every issue with how to fix it.

import { h, scoreClass } from '../ui.js';

const SEVERITY = {
  error: { kind: 'error', label: 'Needs fixing' },
  warning: { kind: 'warning', label: 'Worth improving' },
  info: { kind: 'info', label: 'Tip' },
};

function db(value, unit = 'dB') {
  return Number.isFinite(value) ? `${Math.round(value)} ${unit}` : '—';
}

function verdict(analysis) {
  const issues = analysis.issues || [];
  if (!analysis.speechFound) return 'We could not hear speech in this recording.';
  if (issues.some((i) => i.severity === 'error')) return 'This take has a problem that will make your voice worse. Please fix it and record again.';
  if (issues.some((i) => i.severity === 'warning')) return 'Usable, but it could be better. See the suggestions below.';
  return 'Great recording — nothing to fix.';
}

/** One issue: what is wrong, then how to fix it. */
export function issueItem(issue) {
  const sev = SEVERITY[issue.severity] || SEVERITY.info;
  return h('li', { class: `message ${sev.kind}`, 'data-issue': issue.code },
    h('p', {}, h('strong', {}, `${sev.label}: `), issue.message),
    issue.fix ? h('p', {}, h('strong', {}, 'How to fix: '), issue.fix) : null);
}

/** The analysis card of a take. analysis: the server's analysis object. */
export function analysisCard(analysis, { heading = 'How this take sounds' } = {}) {
  const issues = analysis.issues || [];
  const score = Math.round(analysis.qualityScore ?? 0);
  return h('section', { class: 'card analysis', 'aria-labelledby': 'analysis-title', 'data-testid': 'analysis' },
    h('h2', { id: 'analysis-title' }, heading),
    h('p', {}, 'Quality score: ',
      h('span', { class: `score ${scoreClass(score)}`, 'data-testid': 'take-score' }, String(score)), ' / 100'),
    h('p', { 'data-testid': 'verdict' }, verdict(analysis)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Length'), h('dd', {}, `${(analysis.durationSec ?? 0).toFixed(1)} s (speech ${(analysis.speechDurationSec ?? 0).toFixed(1)} s)`),
      h('dt', {}, 'Voice level'), h('dd', {}, `${db(analysis.rmsDbfs, 'dBFS')} (aim for −23 to −18)`),
      h('dt', {}, 'Loudest peak'), h('dd', {}, `${db(analysis.peakDbfs, 'dBFS')} (keep below −3)`),
      h('dt', {}, 'Background noise'), h('dd', {}, `${db(analysis.noiseFloorDbfs, 'dBFS')} (−40 or lower)`),
      h('dt', {}, 'Voice above noise'), h('dd', {}, `${db(analysis.snrDb)} (25 or more)`)),
    issues.length
      ? [h('h3', {}, issues.length === 1 ? 'One thing to look at' : `${issues.length} things to look at`),
        h('ul', { class: 'issues' }, ...issues.map(issueItem))]
      : null);
}
