// Trainer screen for one person: name, language and photo; the picture they are shown by when
// they have no photo, and their name spoken (both heard and seen on the sign-in screens); a
// learner's picture code set by tapping three of the twelve sign-in pictures, then their sign-in
// card to print; unlock after too many wrong codes; the sign-in attempts; a password (for oneself,
// or by an admin); delete.
import { api } from '../shared/api.js';
import { addWords, t } from '../shared/i18n.js';
import { el, show } from '../shared/ui.js';
import { named, when } from './words.js';
import { avatar, button, field, form, heading, input, photoInput, picturePicker, run, say, uploadPhoto } from './forms.js';
import { captureButton } from './capture.js';
import { knownCode, rememberCode } from './card.js';

addWords({
  fr: { picture: 'Son image (quand il n’y a pas de photo)', name: 'Son prénom, dit à voix haute', recordName: 'Enregistrer le prénom',
    stop: 'Arrêter', hearName: 'Écouter le prénom', noName: 'Pas encore enregistré', card: 'Imprimer sa carte de connexion' },
  en: { picture: 'Their picture (when there is no photo)', name: 'Their name, said aloud', recordName: 'Record the name',
    stop: 'Stop', hearName: 'Hear the name', noName: 'Not recorded yet', card: 'Print their sign-in card' },
}, 'person');

export async function personScreen(id) {
  const [person, me, groups] = await Promise.all([api(`/api/people/${id}`), api('/api/auth/me'), api('/api/groups')]);
  const reload = () => personScreen(id);
  const mine = me.person.id === person.id;
  const manages = me.person.role === 'admin' || (person.role === 'learner' && !mine);
  const back = groups.length === 1 ? `#/group/${groups[0].id}` : '#/groups';
  show(heading(person.displayName, back),
    el('div', { class: 'big-thumb' }, avatar(person, t('people.photoOf', person.displayName))),
    el('p', { class: 'tags' }, `${person.name} · ${t(`people.${person.role}`)}${person.languages.length ? ` · ${person.languages.join(', ')}` : ''}`),
    person.role === 'learner' && manages ? await pictureCodeForm(person, reload) : null,
    manages || mine ? pictureForm(person, reload) : null,
    manages || mine ? spokenName(person, reload) : null,
    manages || mine ? detailsForm(person, reload) : null,
    person.role !== 'learner' && (mine || me.person.role === 'admin') ? passwordForm(person) : null,
    manages || mine ? await attemptsList(person) : null,
    manages && !mine ? el('p', {}, button(t('people.delete'), async () => {
      if (!confirm(t('people.confirmDelete', person.displayName))) return;
      await api(`/api/people/${id}`, { method: 'DELETE' });
      say(t('people.deleted'));
      location.hash = back;
    }, { class: 'text danger', 'aria-label': named(t('people.delete'), person.displayName) })) : null);
}

function detailsForm(person, reload) {
  const displayName = input({ value: person.displayName, required: true, maxlength: 200 });
  const language = input({ value: person.languages[0] ?? '', size: 8, maxlength: 35 });
  const photo = photoInput();
  return form({ class: 'card', 'aria-label': t('people.edit') }, async () => {
    await api(`/api/people/${person.id}`, { method: 'PATCH', body: { displayName: displayName.value,
      languages: language.value.trim() ? [language.value.trim(), ...person.languages.slice(1)] : person.languages.slice(1) } });
    await uploadPhoto(`/api/people/${person.id}/avatar`, photo);
    say(t('people.saved'));
    await reload();
  }, field(t('people.displayName'), displayName), field(t('people.lang'), language), field(t('people.avatar'), photo),
  el('p', {}, el('button', { class: 'text', type: 'submit' }, t('people.save'))));
}

/** The picture they are shown by without a photo: one of the people pictures, each unlike the others. */
function pictureForm(person, reload) {
  return el('section', { class: 'card', 'aria-labelledby': 'picture-title' }, el('h2', { id: 'picture-title' }, t('person.picture')),
    picturePicker(person.avatar, async (key) => {
      await api(`/api/people/${person.id}`, { method: 'PATCH', body: { avatar: key } });
      say(t('people.saved'));
      await reload();
    }));
}

/** Their name, recorded here (by them or their trainer), played beside their picture on sign-in. */
function spokenName(person, reload) {
  const words = { record: `${t('person.recordName')} : ${person.displayName}`, stop: `${t('person.stop')} : ${person.displayName}` };
  const recorder = captureButton({ names: words, label: { record: t('person.recordName'), stop: t('person.stop') }, onRecorded: async (blob) => {
    await run(async () => {
      await api(`/api/people/${person.id}/name`, { method: 'PUT', body: blob, headers: { 'Content-Type': blob.type || 'application/octet-stream' } });
      say(t('people.saved'));
      await reload();
    });
  } });
  const player = new Audio();
  return el('section', { class: 'card', 'aria-labelledby': 'name-title' }, el('h2', { id: 'name-title' }, t('person.name')),
    el('p', { class: 'buttons' }, person.nameUrl
      ? button(t('person.hearName'), () => { player.src = `${person.nameUrl}?v=${Date.now()}`; return player.play(); }, { class: 'text plain hear-name' })
      : el('span', { class: 'tags' }, t('person.noName')), recorder));
}

/** The twelve pictures of the sign-in screen; three taps in order make the code. */
async function pictureCodeForm(person, reload) {
  const { pictures } = await api('/api/signin/pictures');
  const code = [];
  const chosen = el('ol', { class: 'chosen-code', 'aria-label': t('people.code'), 'aria-live': 'polite' });
  const buttons = pictures.map((key, index) => el('button', { type: 'button', class: 'pic-choice', 'data-picture': key,
    'aria-label': t(key), 'aria-pressed': 'false', onclick: () => {
      if (code.length >= 3) return;
      code.push(index);
      buttons[index].setAttribute('aria-pressed', 'true');
      chosen.append(el('li', {}, el('img', { src: `/shared/pictures/${key}.svg`, alt: t(key) })));
      save.disabled = code.length < 3;
    } }, el('img', { src: `/shared/pictures/${key}.svg`, alt: '' })));
  const save = button(t('people.saveCode'), async () => {
    await api(`/api/people/${person.id}/picture-code`, { method: 'PUT', body: { code } });
    rememberCode(person.id, [...code]);
    say(t('people.saved'));
    await reload();
  }, { disabled: true, class: 'text save-code' });
  const clear = button(t('people.clearCode'), () => {
    code.length = 0;
    chosen.replaceChildren();
    buttons.forEach((each) => each.setAttribute('aria-pressed', 'false'));
    save.disabled = true;
  });
  const state = [person.hasPictureCode ? t('people.codeSet') : t('people.noCode'), person.locked ? el('strong', { class: 'locked' }, ` · ${t('people.locked')}`) : ''];
  return el('section', { class: 'card', 'aria-labelledby': 'code-title' }, el('h2', { id: 'code-title' }, t('people.code')),
    el('p', { class: 'code-state' }, state, ' ', person.locked ? button(t('people.unlock'), async () => {
      await api(`/api/people/${person.id}/unlock`, { method: 'POST' });
      say(t('people.saved'));
      await reload();
    }, { class: 'text unlock' }) : null),
    el('p', {}, t('people.codeHelp')), el('div', { class: 'code-grid', role: 'group', 'aria-label': t('people.code') }, buttons),
    chosen, el('p', { class: 'buttons' }, save, clear,
      knownCode(person.id) ? el('a', { href: `#/card/${person.id}`, class: 'text print-card' }, t('person.card')) : null));
}

function passwordForm(person) {
  const password = el('input', { type: 'password', autocomplete: 'new-password', minlength: 8, required: true });
  return form({ class: 'card', 'aria-label': t('people.setPassword') }, async () => {
    await api(`/api/people/${person.id}/password`, { method: 'PUT', body: { password: password.value } });
    password.value = '';
    say(t('people.saved'));
  }, el('h2', {}, t('people.setPassword')), field(t('people.password'), password), el('p', {}, el('button', { class: 'text', type: 'submit' }, t('people.save'))));
}

async function attemptsList(person) {
  let attempts = [];
  await run(async () => { attempts = await api(`/api/people/${person.id}/sign-in-attempts`); });
  return el('section', { 'aria-labelledby': 'attempts-title' }, el('h2', { id: 'attempts-title' }, t('people.attempts')),
    el('ul', { class: 'plain attempts' }, attempts.length ? attempts.slice(0, 30).map((attempt) => el('li', { class: attempt.succeeded ? '' : 'failed' },
      `${when(attempt.at)} · ${attempt.method} · ${attempt.succeeded ? t('people.ok') : t('people.failed')} · ${attempt.clientAddress}`)) : el('li', {}, t('people.none'))));
}
