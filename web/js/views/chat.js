// #/chat — talk with your echo in text, with spoken replies once the voice is ready.

import { api } from '../api.js';
import { announce, h, message, replace } from '../ui.js';

export async function render(main) {
  main.append(h('h1', {}, 'Chat with your echo'));
  const intro = h('p', { class: 'lead' }, 'Ask your echo anything. It answers the way you would, and in your voice when your voice is ready.');
  const log = h('ol', { class: 'chat-log', 'aria-live': 'polite', 'aria-label': 'Conversation', 'data-testid': 'chat-log' });
  const input = h('input', { type: 'text', id: 'chat-message', maxlength: 2000, autocomplete: 'off' });
  const withVoice = h('input', { type: 'checkbox', id: 'chat-voice' });
  const send = h('button', { type: 'submit' }, 'Send');
  const status = h('div', { 'data-testid': 'chat-status' });
  const form = h('form', { class: 'card' },
    h('div', { class: 'field' }, h('label', { for: 'chat-message' }, 'Your message'), input),
    h('div', { class: 'field row' }, withVoice, h('label', { for: 'chat-voice', style: 'margin:0' }, 'Answer with my voice')),
    send, status);
  main.append(intro, log, form);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { input.focus(); return; }
    log.append(h('li', { class: 'me' }, h('span', { class: 'visually-hidden' }, 'You: '), text));
    input.value = '';
    send.disabled = true;
    replace(status, 'Your echo is thinking…');
    try {
      const reply = await api.chat(text, withVoice.checked);
      const item = h('li', { class: 'echo' }, h('span', { class: 'visually-hidden' }, 'Echo: '), reply.response || '');
      log.append(item);
      replace(status);
      if (reply.voice?.audioUrl) {
        const url = reply.voice.audioUrl.startsWith('/api/') ? await api.audioUrl(reply.voice.audioUrl) : reply.voice.audioUrl;
        item.append(h('audio', { controls: true, autoplay: true, src: url, 'aria-label': 'Spoken reply' }));
      }
    } catch (err) {
      replace(status, err.notAvailable
        ? message('info', 'Chat is not available yet', 'This Echoes server cannot chat yet.')
        : message('error', null, err.message));
      announce(err.notAvailable ? 'Chat is not available yet' : err.message);
    }
    send.disabled = false;
    input.focus();
  });

  const state = await api.status();
  if (!state.modelReady) {
    withVoice.disabled = true;
    form.querySelector('label[for="chat-voice"]').textContent = 'Answer with my voice (once your voice is ready)';
  }
}
