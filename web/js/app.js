// Echoes web app: hash router, session guard, and the app-wide states
// ('server unreachable', 'session expired'). Each view module exports
// render(main, params) which may return a cleanup function (stop the microphone, polling).

import { api, onApiState, session } from './api.js';
import { flash, go } from './nav.js';
import { announce, focusHeading, h, replace } from './ui.js';
import * as auth from './views/auth.js';
import * as setup from './views/setup.js';
import * as studio from './views/studio.js';
import * as progress from './views/progress.js';
import * as training from './views/training.js';
import * as hear from './views/hear.js';
import * as chat from './views/chat.js';
import * as consent from './views/consent.js';

const ROUTES = {
  signin: { view: auth.renderSignIn, title: 'Sign in', public: true },
  signup: { view: auth.renderSignUp, title: 'Create your account', public: true },
  setup: { view: setup.render, title: 'Setup guide' },
  studio: { view: studio.render, title: 'Recording studio' },
  progress: { view: progress.render, title: 'Your progress' },
  training: { view: training.render, title: 'Training' },
  consent: { view: consent.render, title: 'Consent' },
  hear: { view: hear.render, title: 'Hear your voice' },
  chat: { view: chat.render, title: 'Chat with your echo' },
};

const main = document.getElementById('main');
const banner = document.getElementById('banner');
let cleanup = null;
let renders = 0;  // counts route() calls, so a slow page cannot draw over a newer one

function parseHash() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] || '', params: parts.slice(1) };
}

function updateChrome(name) {
  const signedIn = Boolean(session.token);
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('account').hidden = !signedIn;
  document.getElementById('account-name').textContent = signedIn ? `Signed in as ${session.user?.name || session.user?.email || ''}` : '';
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === `#/${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function route() {
  if (cleanup) { try { cleanup(); } catch { /* a failing cleanup must not block navigation */ } cleanup = null; }
  let { name, params } = parseHash();
  if (!name) name = session.token ? 'studio' : 'signin';
  const entry = ROUTES[name];
  if (!entry) {
    replace(main, h('h1', {}, 'Page not found'), h('p', {}, 'There is no page here. ', h('a', { href: '#/' }, 'Go to the start.')));
    return;
  }
  if (!entry.public && !session.token) { go('#/signin'); return; }
  if (entry.public && session.token) { go('#/studio'); return; }
  document.title = `${entry.title} — Echoes`;
  updateChrome(name);
  // Each page draws into its own element: a slow page that finishes after the person moved
  // on draws into a detached element, never over the newer page.
  const view = h('div', { class: 'view' });
  replace(main, view);
  const renderId = ++renders;
  try {
    const result = await entry.view(view, params);
    if (typeof result === 'function') {
      if (renderId === renders) cleanup = result;
      else result();  // the person already moved on while this page was loading
    }
  } catch (err) {
    // A newer page owns <main> now; expired sessions and lost connections have their own notices.
    if (renderId !== renders || err.code === 'session_expired') return;
    view.append(h('div', { class: 'message error', role: 'alert' }, h('p', {}, err.message || String(err))));
  }
  if (renderId !== renders) return;
  focusHeading(view);
  announce(`${entry.title} page`);
}

function showUnreachable() {
  replace(banner,
    'We cannot reach the Echoes server. Your recordings so far are safe; check that Echoes is running and your connection works. ',
    h('button', { type: 'button', class: 'secondary', onclick: () => route() }, 'Try again'));
  banner.dataset.state = 'server-unreachable';
  banner.hidden = false;
}

function hideUnreachable() {
  if (banner.dataset.state === 'server-unreachable') {
    banner.hidden = true;
    banner.dataset.state = '';
  }
}

onApiState({
  unreachable: showUnreachable,
  reachable: hideUnreachable,
  expired: () => {
    flash.text = 'Your session has expired. Please sign in again — your recordings are kept.';
    flash.kind = 'warning';
    updateChrome('');
    go('#/signin');
  },
});

document.getElementById('sign-out').addEventListener('click', async () => {
  try { await api.logout(); } catch { /* signing out locally is what matters */ }
  session.clear();
  flash.text = 'You are signed out.';
  flash.kind = 'info';
  go('#/signin');
});

window.addEventListener('hashchange', route);
route();
