// Small DOM helpers shared by every view: element builder, announcements, messages.

/**
 * Builds an element. attrs: plain attributes, plus `on<event>` handlers, `text`, `html` is
 * deliberately not supported (server text is never parsed as HTML).
 * children: strings, nodes, arrays, null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'text') {
      el.textContent = value;
    } else if (key === 'class') {
      el.className = value;
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  appendChildren(el, children);
  return el;
}

function appendChildren(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) appendChildren(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Appends children (strings, nodes, arrays; null/false skipped) to `el`. */
export function add(el, ...children) {
  appendChildren(el, children);
  return el;
}

/** Replaces the children of `el` with `children`. */
export function replace(el, ...children) {
  el.replaceChildren();
  appendChildren(el, children);
  return el;
}

/** Says `text` to screen-reader users through the page's polite live region. */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick makes screen readers repeat identical messages.
  setTimeout(() => { region.textContent = text; }, 30);
}

/**
 * A message box. kind: 'error' | 'warning' | 'ok' | 'info'.
 * Errors use role="alert" so they are read out at once.
 */
export function message(kind, title, ...body) {
  return h('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-kind': kind },
    title ? h('p', {}, h('strong', { class: 'kind' }, title)) : null,
    ...body.map((b) => (typeof b === 'string' ? h('p', {}, b) : b)));
}

/** Formats seconds as m:ss. */
export function clock(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Formats a duration in seconds in plain words: "45 seconds", "3 minutes 5 seconds". */
export function words(seconds) {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return `${m} minute${m === 1 ? '' : 's'}${rest ? ` ${rest} second${rest === 1 ? '' : 's'}` : ''}`;
}

/** Percent text from a 0..1 fraction. */
export function percent(fraction, digits = 0) {
  return `${(100 * (Number(fraction) || 0)).toFixed(digits)}%`;
}

/** CSS class for a 0..100 score: good (>= 80), fair (>= 60) or poor. */
export function scoreClass(score) {
  return score >= 80 ? 'good' : score >= 60 ? 'fair' : 'poor';
}

/** Moves keyboard focus to the page's first heading so keyboard and screen-reader users start there. */
export function focusHeading(root) {
  const heading = root.querySelector('h1');
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: false });
}

/** Clickable-in-place link to a route. */
export function routeLink(hash, text, attrs = {}) {
  return h('a', { href: hash, ...attrs }, text);
}
