// Building screens: elements, big pictogram buttons with their spoken labels, the screen swap.
import { t } from './i18n.js';
import { sayLabel } from './sound.js';

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

// Each visit to an address (#/…) is counted (this listener is added before any app's router, as
// this module is evaluated first), so a screen that waited for the network or a sound can tell
// that the learner went elsewhere meanwhile: its late answer must not cover the screen they went to.
let visits = 0;
addEventListener('hashchange', () => { visits += 1; });

/** For a screen that waits: a check that stays true while the learner is still on the visit it was opened for. */
export function stillHere() {
  const visit = visits;
  return () => visit === visits;
}

/** Puts a new screen in place, moves focus to it and says what it is for. */
export function show(...children) {
  const main = screen();
  main.replaceChildren(...children.flat().filter((child) => child != null));
  const back = document.getElementById('back');
  if (back) back.style.visibility = !location.hash || location.hash === '#/' ? 'hidden' : '';
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
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
