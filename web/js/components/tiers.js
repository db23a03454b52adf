// Progress toward a voice: the three tiers (Minimum / Recommended / Optimal), what is
// still missing for the next one, and the headline numbers.

import { h, words } from '../ui.js';

export const TIERS = [
  { name: 'minimum', title: 'Minimum', seconds: 120, passages: 3, score: 60,
    meaning: 'Enough to build a voice that sounds like you.' },
  { name: 'recommended', title: 'Recommended', seconds: 180, passages: 4, score: 80,
    meaning: 'A natural voice for everyday use.' },
  { name: 'optimal', title: 'Optimal', seconds: 240, passages: 4, score: 90,
    meaning: 'The best Echoes can do: extra takes add detail.' },
];

function tierIndex(name) {
  return TIERS.findIndex((t) => t.name === name);
}

/** Title of a tier name ("none" -> "Not yet"). */
export function tierTitle(name) {
  return TIERS.find((t) => t.name === name)?.title || 'Not yet';
}

/** Three tier cards with the reached one(s) marked and the next one's missing steps. */
export function tierCards(progress) {
  const reached = tierIndex(progress.tier);
  return h('div', { class: 'tiers' }, ...TIERS.map((tier, i) => {
    const isReached = i <= reached;
    const isNext = i === reached + 1;
    return h('section', { class: `tier${isReached ? ' reached' : ''}${isNext ? ' next' : ''}`, 'data-tier': tier.name, 'aria-label': `${tier.title} tier` },
      h('h3', {}, tier.title),
      h('p', { class: 'badge' }, isReached ? 'Reached ✓' : isNext ? 'Next goal' : 'Later'),
      h('p', {}, tier.meaning),
      h('p', { class: 'hint' }, `${words(tier.seconds)} of speech, ${tier.passages} passages, quality ${tier.score} or better.`),
      isNext && progress.missingForNextTier?.length
        ? [h('p', {}, h('strong', {}, 'Still missing:')),
          h('ul', { 'data-testid': 'missing' }, ...progress.missingForNextTier.map((m) => h('li', {}, m)))]
        : null);
  }));
}

/** Headline numbers: total seconds, passages done, quality score. */
export function tierNumbers(progress) {
  return h('dl', { class: 'facts', 'data-testid': 'tier-numbers' },
    h('dt', {}, 'Level reached'), h('dd', { 'data-testid': 'tier-name' }, tierTitle(progress.tier)),
    h('dt', {}, 'Recorded'), h('dd', { 'data-testid': 'total-seconds' }, `${Math.round(progress.totalSec)} seconds (${words(progress.totalSec)})`),
    h('dt', {}, 'Passages done'), h('dd', { 'data-testid': 'passages-done' }, `${progress.passagesDone} of ${progress.passagesTotal}`),
    h('dt', {}, 'Quality score'), h('dd', { 'data-testid': 'set-score' }, `${Math.round(progress.qualityScore)} / 100`));
}

/** The compact summary under a take in the studio. */
export function tierSummary(progress, set) {
  if (!progress) return null;
  const flags = set?.consistency || [];
  return h('section', { class: 'card', 'aria-labelledby': 'tier-title' },
    h('h2', { id: 'tier-title' }, 'Your progress toward a voice'),
    tierNumbers(progress),
    tierCards(progress),
    flags.length ? consistencyWarnings(flags) : null,
    h('p', {}, h('a', { href: '#/progress' }, 'See all your progress')));
}

/** Consistency warnings ("this take is quieter than your others"). */
export function consistencyWarnings(flags) {
  return h('div', { 'data-testid': 'consistency' },
    h('h3', {}, 'Keep your recordings alike'),
    h('ul', { class: 'issues' }, ...flags.map((f) =>
      h('li', { class: 'message warning', 'data-kind': f.kind }, f.message))));
}
