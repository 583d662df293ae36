// Trainer screens for groups: the list (create, delete), and one group (rename, its picture, open
// sign-in, its members: add, remove, create a learner in it).
import { t } from '../shared/i18n.js';
import { api } from '../shared/api.js';
import { el, show } from '../shared/ui.js';
import { named } from './words.js';
import { avatar, button, checkbox, field, form, groupPicture, heading, input, photoInput, picturePicker, say, select, uploadPhoto } from './forms.js';
import { peoplePictures } from '../shared/words.js';
import { joinPairingForm, pairingCard } from './pairing.js';

export async function groupsScreen() {
  const [groups, me] = await Promise.all([api('/api/groups'), api('/api/auth/me')]);
  const name = input({ required: true, maxlength: 200 });
  const open = checkbox(t('people.openSignIn'));
  const photo = photoInput();
  const create = form({ class: 'card', 'aria-label': t('people.newGroup') }, async () => {
    const group = await api('/api/groups', { method: 'POST', body: { name: name.value, openSignIn: open.querySelector('input').checked } });
    await uploadPhoto(`/api/groups/${group.id}/picture`, photo);
    say(t('people.created'));
    location.hash = `#/group/${group.id}`;
  }, el('h2', {}, t('people.newGroup')), field(t('people.groupName'), name), field(t('people.uploadPicture'), photo), open,
  el('p', {}, el('button', { class: 'text', type: 'submit' }, t('people.create'))));
  show(heading(t('people.groups')), el('ul', { class: 'cards', 'aria-label': t('people.groups') }, groups.length ? groups.map((group) => el('li', { class: 'card' },
    groupPicture(group), el('a', { href: `#/group/${group.id}`, class: 'name' }, group.name),
    el('span', { class: 'actions' }, el('a', { href: `#/group-progress/${group.id}`, 'aria-label': named(t('people.progress'), group.name) }, t('people.progress')),
      button(t('people.delete'), async () => {
        if (!confirm(t('people.confirmDelete', group.name))) return;
        await api(`/api/groups/${group.id}`, { method: 'DELETE' });
        say(t('people.deleted'));
        await groupsScreen();
      }, { 'aria-label': named(t('people.delete'), group.name) })))) : el('li', {}, t('people.nothing'))), create,
    me.person.role === 'admin' ? joinPairingForm() : null);
}

export async function groupScreen(id) {
  const [group, members, me] = await Promise.all([api(`/api/groups/${id}`), api(`/api/groups/${id}/members`), api('/api/auth/me')]);
  const reload = () => groupScreen(id);
  const name = input({ value: group.name, required: true, maxlength: 200 });
  const open = checkbox(t('people.openSignIn'), { checked: group.openSignIn });
  const settings = form({ class: 'card', 'aria-label': t('people.rename') }, async () => {
    await api(`/api/groups/${id}`, { method: 'PATCH', body: { name: name.value, openSignIn: open.querySelector('input').checked } });
    say(t('people.saved'));
    await reload();
  }, field(t('people.groupName'), name), open, el('p', {}, el('button', { class: 'text', type: 'submit' }, t('people.save'))));
  const photo = photoInput();
  const pictureForm = form({ class: 'card', 'aria-label': t('people.picture') }, async () => {
    if (await uploadPhoto(`/api/groups/${id}/picture`, photo)) { say(t('people.saved')); await reload(); }
  }, el('h2', {}, t('people.picture')), el('div', { class: 'big-thumb' }, groupPicture(group, t('people.pictureOf', group.name))),
  field(t('people.uploadPicture'), photo), el('p', {}, el('button', { class: 'text', type: 'submit' }, t('people.send'))));
  show(heading(group.name, '#/groups'), el('p', {}, el('a', { href: `#/group-progress/${id}` }, t('people.progress'))),
    settings, pictureForm, await pairingCard(group), membersList(group, members, reload), await addMemberForm(group, members, reload),
    newLearnerForm(group, members, me.person, reload));
}

function membersList(group, members, reload) {
  return el('section', { 'aria-labelledby': 'members-title' }, el('h2', { id: 'members-title' }, t('people.members')),
    el('ul', { class: 'cards' }, members.length ? members.map((person) => el('li', { class: 'card' }, avatar(person),
      el('a', { href: `#/person/${person.id}`, class: 'name' }, person.displayName),
      el('span', { class: 'tags' }, t(`people.${person.role}`), person.role === 'learner' ? ` · ${person.hasPictureCode ? t('people.codeSet') : t('people.noCode')}` : '',
        person.locked ? el('strong', { class: 'locked' }, ` · ${t('people.locked')}`) : ''),
      el('span', { class: 'actions' }, button(t('people.remove'), async () => {
        if (!confirm(t('people.confirmRemove', person.displayName))) return;
        await api(`/api/groups/${group.id}/members/${person.id}`, { method: 'DELETE' });
        await reload();
      }, { 'aria-label': named(t('people.remove'), person.displayName) })))) : el('li', {}, t('people.noMembers'))));
}

async function addMemberForm(group, members, reload) {
  const inGroup = new Set(members.map((person) => person.id));
  const people = (await api('/api/people')).filter((person) => !inGroup.has(person.id));
  if (!people.length) return null;
  const who = select(people.map((person) => [person.id, `${person.displayName} (${t(`people.${person.role}`)})`]), { required: true });
  return form({ class: 'card', 'aria-label': t('people.addMember') }, async () => {
    await api(`/api/groups/${group.id}/members`, { method: 'POST', body: { personId: who.value } });
    await reload();
  }, field(t('people.addMember'), who), el('p', {}, el('button', { class: 'text', type: 'submit' }, t('people.add'))));
}

/** A new learner in this group (admins may make trainers and admins too, who need a password). */
function newLearnerForm(group, members, me, reload) {
  const name = input({ required: true, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: 64 });
  const displayName = input({ required: true, maxlength: 200 });
  const language = input({ value: me.languages?.[0] ?? 'fr', size: 8, maxlength: 35 });
  const photo = photoInput();
  // A picture no one in the group has yet: with no photo, the learner is found by it.
  const taken = new Set(members.map((person) => person.avatar));
  let picture = peoplePictures.find((key) => !taken.has(key)) ?? peoplePictures[0];
  const pictures = picturePicker(picture, (key) => { picture = key; });
  const role = me.role === 'admin' ? select(['learner', 'trainer', 'admin'].map((key) => [key, t(`people.${key}`)])) : null;
  if (role) role.value = 'learner';
  const password = el('input', { type: 'password', autocomplete: 'new-password', minlength: 8 });
  const passwordField = field(t('people.password'), password);
  passwordField.hidden = true;
  role?.addEventListener('change', () => { passwordField.hidden = role.value === 'learner'; });
  return form({ class: 'card', 'aria-label': t('people.newLearner') }, async () => {
    const body = { name: name.value, displayName: displayName.value || name.value, role: role?.value || 'learner',
      languages: language.value.trim() ? [language.value.trim()] : [], groupIds: [group.id], avatar: picture };
    if (body.role !== 'learner') body.password = password.value;
    const person = await api('/api/people', { method: 'POST', body });
    await uploadPhoto(`/api/people/${person.id}/avatar`, photo);
    say(t('people.created'));
    location.hash = `#/person/${person.id}`;
  }, el('h2', {}, t('people.newLearner')), field(t('people.signInName'), name), field(t('people.displayName'), displayName),
  field(t('people.lang'), language), el('fieldset', {}, el('legend', {}, t('people.pictureKey')), pictures), field(t('people.avatar'), photo),
  role ? field(t('people.role'), role) : null, passwordField,
  el('p', {}, el('button', { class: 'text', type: 'submit' }, t('people.create'))));
}
