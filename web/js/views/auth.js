// Sign up and sign in (the server's accounts; the token is kept in localStorage).

import { api, session } from '../api.js';
import { go, takeFlash } from '../nav.js';
import { h, message, replace } from '../ui.js';

function field(id, label, type, attrs = {}, hint = null) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    h('input', { id, name: id, type, required: true, 'aria-describedby': hint ? `${id}-hint` : null, ...attrs }));
}

function authForm({ title, intro, fields, submitText, onSubmit, footer }) {
  const errorBox = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit' }, submitText);
  const form = h('form', { novalidate: true }, ...fields, errorBox, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(errorBox);
    const invalid = [...form.elements].find((el) => el.willValidate && !el.checkValidity());
    if (invalid) {
      const label = form.querySelector(`label[for="${invalid.id}"]`)?.textContent || 'This field';
      replace(errorBox, message('error', null, `${label}: ${invalid.validationMessage}`));
      invalid.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Please wait…';
    try {
      const result = await onSubmit(Object.fromEntries(new FormData(form)));
      session.save(result.token, result.user);
      go('#/setup');
    } catch (err) {
      replace(errorBox, message('error', null, err.message));
      submit.disabled = false;
      submit.textContent = submitText;
    }
  });
  const notice = takeFlash();
  return [h('h1', {}, title),
    notice ? message(notice.kind, null, notice.text) : null,
    h('p', { class: 'lead' }, intro),
    h('div', { class: 'card' }, form),
    footer];
}

/** #/signin */
export function renderSignIn(main) {
  main.append(...authForm({
    title: 'Sign in',
    intro: 'Welcome back. Sign in to carry on recording and hear your voice.',
    fields: [
      field('email', 'Email address', 'email', { autocomplete: 'email' }),
      field('password', 'Password', 'password', { autocomplete: 'current-password' }),
    ],
    submitText: 'Sign in',
    onSubmit: (v) => api.login(v.email, v.password),
    footer: h('p', {}, 'New to Echoes? ', h('a', { href: '#/signup' }, 'Create an account')),
  }).filter(Boolean));
}

/** #/signup */
export function renderSignUp(main) {
  main.append(...authForm({
    title: 'Create your account',
    intro: 'Echoes keeps your voice. You will read four short passages aloud; ' +
      'we check each recording and tell you in plain words if anything needs fixing.',
    fields: [
      field('name', 'Your name', 'text', { autocomplete: 'name', maxlength: 100 }),
      field('email', 'Email address', 'email', { autocomplete: 'email' }),
      field('password', 'Password', 'password', { autocomplete: 'new-password', minlength: 8 },
        'At least 8 characters.'),
    ],
    submitText: 'Create account',
    onSubmit: (v) => api.register(v.email, v.password, v.name),
    footer: h('p', {}, 'Already have an account? ', h('a', { href: '#/signin' }, 'Sign in')),
  }).filter(Boolean));
}
