// #/setup — what matters when recording at home, and the room-tone check.

import { roomCheck } from '../components/room-check.js';
import { h } from '../ui.js';

const TIPS = [
  ['A quiet room', 'Switch off fans, heaters, the TV and anything that hums. Close windows and doors. ' +
    'Record when the house is calm — early morning or evening is often best.'],
  ['Soft furnishings', 'Curtains, carpets, a sofa, a bed or a wardrobe full of clothes soak up echo. ' +
    'Avoid kitchens, bathrooms and empty rooms: hard walls make your voice sound far away.'],
  ['Microphone distance', 'Keep the microphone about a hand\'s span (15–20 cm) from your mouth, a little ' +
    'to the side so your breath does not pop. Keep the same distance for every passage.'],
  ['Levels', 'Speak in your normal voice. While you talk the meter should dance around the dashed ' +
    'box; the red clipping light must stay off. If it lights up, lower the microphone volume or sit back a little.'],
  ['Your microphone', 'A headset or USB microphone is best, but a laptop microphone works in a quiet room. ' +
    'Use the same one for every recording.'],
  ['Yourself', 'Sit comfortably, have a glass of water nearby, and take a break whenever you like. ' +
    'Mistakes are fine: you can listen back and record a passage again.'],
];

/** Renders the guide. Returns a cleanup that closes the microphone. */
export function render(main) {
  const check = roomCheck();
  main.append(
    h('h1', {}, 'Setup guide'),
    h('p', { class: 'lead' }, 'A good recording makes a good voice. These few things matter most at home — no special equipment needed.'),
    h('div', { class: 'grid' }, ...TIPS.map(([title, text]) =>
      h('section', { class: 'card', 'aria-label': title }, h('h2', {}, title), h('p', {}, text)))),
    check.element,
    h('p', {}, h('a', { class: 'button', href: '#/studio', id: 'to-studio' }, 'Go to the recording studio')),
  );
  return () => check.dispose();
}
