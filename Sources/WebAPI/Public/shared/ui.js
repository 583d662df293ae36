// Building screens: elements, big pictogram buttons with their spoken labels, the screen swap.
import { t } from './i18n.js';
import { sayLabel, tick } from './sound.js';

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    // Through the CSSOM: the Content-Security-Policy refuses inline style attributes.
    else if (name === 'style') node.style.cssText = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.flat().filter((child) => child != null));
  return node;
}

export const icon = (name) => el('img', { src: `/shared/icons/${name}.svg`, alt: '' });

/** The picture of a key of our set (people, groups, code pictures), or a photo when there is one. */
export function picture(key, photoURL) {
  return el('img', { src: photoURL || `/shared/pictures/${key || 'person'}.svg`, alt: '',
    onerror: (event) => { event.target.src = '/shared/pictures/person.svg'; } });
}

/** Long-press anywhere on `button` speaks its label without pressing it. */
function speakOnLongPress(button, speak) {
  let timer, spoke = false;
  button.addEventListener('pointerdown', () => { spoke = false; timer = setTimeout(() => { spoke = true; speak(); }, 600); });
  for (const end of ['pointerup', 'pointerleave', 'pointercancel']) button.addEventListener(end, () => clearTimeout(timer));
  button.addEventListener('click', (event) => { if (spoke) { event.stopImmediatePropagation(); event.preventDefault(); } }, true);
  button.addEventListener('contextmenu', (event) => event.preventDefault());
}

/**
 * A large pictogram button: its accessible name is the meaning of the picture, it speaks that
 * meaning (the label clip, or `speak`: a scenario's spoken title, a person's name) on long-press
 * and through the speaker in its corner (left out with `speaker: false`, where tiles are small).
 */
export function bigButton({ label, name = t(label), image, className = '', onClick, caption = false, speak = () => sayLabel(label),
  speaker = true, extra = null }) {
  const button = el('button', { type: 'button', class: `big ${className}`, 'aria-label': name, 'data-label': label, onclick: onClick }, image);
  speakOnLongPress(button, speak);
  const say = speaker ? el('button', { type: 'button', class: 'say', 'aria-label': `${t('hear')} : ${name}`, onclick: speak }, icon('speaker')) : null;
  return el('div', { class: 'tile' }, button, say, extra, caption ? el('span', { class: 'caption', 'aria-hidden': 'true' }, name) : null);
}

/** A round button of a row (play, keep, redo…): a picture, its name, its spoken label. */
export function roundButton(label, iconName, className, onClick) {
  const button = el('button', { type: 'button', class: className, 'aria-label': t(label), 'data-label': label, onclick: onClick }, icon(iconName));
  speakOnLongPress(button, () => sayLabel(label));
  return button;
}

/** The row of what to do next, kept in view at the bottom of the screen however long the screen. */
export function actions(...buttons) {
  return el('div', { class: 'row actions' }, ...buttons);
}

const screen = () => document.getElementById('screen');

// Visits (#/…, counted before any router hears of them) and screens shown: a late answer must
// not cover where the learner went.
let visits = 0, shows = 0;
addEventListener('hashchange', () => { visits += 1; });

/** For a screen that waits: true while the learner stays on the visit it was asked on. */
export function stillHere() {
  const visit = visits;
  return () => visit === visits;
}

/** Puts a new screen in place, moves focus to it and says what it is for. */
export function show(...children) {
  shows += 1;
  draw(children);
}

function draw(children, busy = false) {
  const main = screen();
  main.replaceChildren(...children.flat().filter((child) => child != null));
  main.toggleAttribute('aria-busy', busy);
  const back = document.getElementById('back');
  if (back) back.style.visibility = !location.hash || location.hash === '#/' ? 'hidden' : '';
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

/** A screen on its way (a slow link): after 300 ms a turning hourglass, a tick each second. */
export function markWaiting() {
  const here = stillHere(), shown = shows;
  const after = (delay) => setTimeout(() => {
    if (!here() || shows !== shown) return;
    if (!screen().querySelector('.coming')) {
      draw([el('div', { class: 'row done-all' }, el('span', { class: 'done-mark coming', 'aria-hidden': 'true' }, icon('hourglass')))], true);
    }
    tick();
    after(1000);
  }, delay);
  after(300);
}

export function status(text) { document.getElementById('status').textContent = text; }

/**
 * What a learner sees when something did not work: the same few words the sound says, in their
 * language; the server's message (English, meant for trainers) goes to the console only.
 */
export function failureStatus(error) {
  if (error) console.warn(error?.message ?? String(error));
  status(t('error'));
}

// Words and gaps are spans with role=button: Enter and Space press them as they would a button.
document.addEventListener('keydown', (event) => {
  const target = event.target;
  if ((event.key === 'Enter' || event.key === ' ') && target.getAttribute?.('role') === 'button' && target.tagName !== 'BUTTON') {
    event.preventDefault();
    target.click();
  }
});
