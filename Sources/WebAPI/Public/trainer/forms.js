// Small pieces the trainer's people screens share: labelled fields, photo uploads, buttons that
// report failures in the status line, pictures of people and groups.
import { t } from '../shared/i18n.js';
import { api } from '../shared/api.js';
import { el, status } from '../shared/ui.js';
import { peoplePictures } from '../shared/words.js';
import './words.js';

let nextId = 0;
const fresh = (stem) => `${stem}-${++nextId}`;

/** A label and its control, tied by id (the control keeps the id it was given, if any). */
export function field(label, control) {
  control.id ||= fresh('f');
  return el('div', { class: 'field' }, el('label', { for: control.id }, label), control);
}

export const input = (attributes = {}) => el('input', { type: 'text', ...attributes });

/** A checkbox with its label after it. */
export function checkbox(label, attributes = {}) {
  const box = el('input', { type: 'checkbox', id: fresh('c'), ...attributes });
  return el('div', { class: 'check' }, box, el('label', { for: box.id }, label));
}

/** A text button; `action` may be async: a failure shows in the status line. */
export function button(label, action, attributes = {}) {
  return el('button', { type: 'button', class: 'text', ...attributes, onclick: (event) => run(() => action(event)) }, label);
}

/** A form whose submit runs `action` (async), errors in the status line. */
export function form(attributes, action, ...children) {
  return el('form', { ...attributes, onsubmit: (event) => { event.preventDefault(); run(() => action(event)); } }, ...children);
}

let quiet;
/** A confirmation in the status line that goes after a few seconds (errors stay). */
export function say(text) {
  status(text);
  clearTimeout(quiet);
  quiet = setTimeout(() => status(''), 4000);
}

export async function run(action) {
  try { await action(); } catch (error) { clearTimeout(quiet); status(error.message); }
}

/** Sends the photo chosen in `fileInput` as the body of `PUT path`; false when none was chosen. */
export async function uploadPhoto(path, fileInput) {
  const file = fileInput.files[0];
  if (!file) return false;
  await api(path, { method: 'PUT', body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } });
  return true;
}

export const photoInput = () => el('input', { type: 'file', accept: 'image/png,image/jpeg,image/webp' });

/** A person's photo, else their picture key's drawing; alt text only when it is the only name. */
export function avatar(person, alt = '') {
  const source = person.avatarUrl ? `${person.avatarUrl}?v=${Date.now()}` : `/shared/pictures/${person.avatar || 'person'}.svg`;
  return el('img', { class: 'thumb', src: source, alt, onerror: (event) => { event.target.src = '/shared/pictures/person.svg'; } });
}

export function groupPicture(group, alt = '') {
  const source = group.pictureUrl ? `${group.pictureUrl}?v=${Date.now()}` : `/shared/pictures/${group.picture || 'group'}.svg`;
  return el('img', { class: 'thumb', src: source, alt, onerror: (event) => { event.target.src = '/shared/pictures/group.svg'; } });
}

/** The heading of a screen under the people section, with a way back. */
export function heading(title, backHash) {
  return [backHash ? el('p', {}, el('a', { href: backHash }, `← ${t('people.back')}`)) : null, el('h1', {}, title)];
}

/** A `<select>` of `options` ([value, label]) with a first empty choice. */
export function select(options, attributes = {}) {
  return el('select', attributes, el('option', { value: '' }, t('people.choose')), options.map(([value, label]) => el('option', { value }, label)));
}

/**
 * The people pictures as a row of buttons, `current` pressed; a tap presses another and runs
 * `onPick(key)` (which may be async: a failure shows in the status line).
 */
export function picturePicker(current, onPick) {
  const buttons = peoplePictures.map((key) => el('button', { type: 'button', class: 'pic-choice', 'data-picture': key,
    'aria-label': t(key), 'aria-pressed': String(key === current), onclick: () => {
      buttons.forEach((each) => each.setAttribute('aria-pressed', String(each === buttons[peoplePictures.indexOf(key)])));
      run(() => onPick(key));
    } }, el('img', { src: `/shared/pictures/${key}.svg`, alt: '' })));
  return el('div', { class: 'picture-grid', role: 'group' }, buttons);
}
