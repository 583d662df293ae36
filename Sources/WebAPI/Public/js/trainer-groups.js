// Trainer screens for groups: the list (create, delete), and one group (rename, its picture, open
// sign-in, its members: add, remove, create a learner in it).
import { api } from './api.js';
import { el, show } from './ui.js';
import { named, w } from './trainer-text.js';
import { avatar, button, checkbox, field, form, groupPicture, heading, input, photoInput, say, select, uploadPhoto } from './trainer-forms.js';

export async function groupsScreen() {
  const groups = await api('/api/groups');
  const name = input({ required: true, maxlength: 200 });
  const open = checkbox(w('openSignIn'));
  const photo = photoInput();
  const create = form({ class: 'card', 'aria-label': w('newGroup') }, async () => {
    const group = await api('/api/groups', { method: 'POST', body: { name: name.value, openSignIn: open.querySelector('input').checked } });
    await uploadPhoto(`/api/groups/${group.id}/picture`, photo);
    say(w('created'));
    location.hash = `#/group/${group.id}`;
  }, el('h2', {}, w('newGroup')), field(w('groupName'), name), field(w('uploadPicture'), photo), open,
  el('p', {}, el('button', { class: 'text', type: 'submit' }, w('create'))));
  show(heading(w('groups')), el('ul', { class: 'cards', 'aria-label': w('groups') }, groups.length ? groups.map((group) => el('li', { class: 'card' },
    groupPicture(group), el('a', { href: `#/group/${group.id}`, class: 'name' }, group.name),
    el('span', { class: 'actions' }, el('a', { href: `#/group-progress/${group.id}`, 'aria-label': named(w('progress'), group.name) }, w('progress')),
      button(w('delete'), async () => {
        if (!confirm(w('confirmDelete', group.name))) return;
        await api(`/api/groups/${group.id}`, { method: 'DELETE' });
        say(w('deleted'));
        await groupsScreen();
      }, { 'aria-label': named(w('delete'), group.name) })))) : el('li', {}, w('nothing'))), create);
}

export async function groupScreen(id) {
  const [group, members, me] = await Promise.all([api(`/api/groups/${id}`), api(`/api/groups/${id}/members`), api('/api/auth/me')]);
  const reload = () => groupScreen(id);
  const name = input({ value: group.name, required: true, maxlength: 200 });
  const open = checkbox(w('openSignIn'), { checked: group.openSignIn });
  const settings = form({ class: 'card', 'aria-label': w('rename') }, async () => {
    await api(`/api/groups/${id}`, { method: 'PATCH', body: { name: name.value, openSignIn: open.querySelector('input').checked } });
    say(w('saved'));
    await reload();
  }, field(w('groupName'), name), open, el('p', {}, el('button', { class: 'text', type: 'submit' }, w('save'))));
  const photo = photoInput();
  const pictureForm = form({ class: 'card', 'aria-label': w('picture') }, async () => {
    if (await uploadPhoto(`/api/groups/${id}/picture`, photo)) { say(w('saved')); await reload(); }
  }, el('h2', {}, w('picture')), el('div', { class: 'big-thumb' }, groupPicture(group, w('pictureOf', group.name))),
  field(w('uploadPicture'), photo), el('p', {}, el('button', { class: 'text', type: 'submit' }, w('send'))));
  show(heading(group.name, '#/groups'), el('p', {}, el('a', { href: `#/group-progress/${id}` }, w('progress'))),
    settings, pictureForm, membersList(group, members, reload), await addMemberForm(group, members, reload),
    newLearnerForm(group, me.person, reload));
}

function membersList(group, members, reload) {
  return el('section', { 'aria-labelledby': 'members-title' }, el('h2', { id: 'members-title' }, w('members')),
    el('ul', { class: 'cards' }, members.length ? members.map((person) => el('li', { class: 'card' }, avatar(person),
      el('a', { href: `#/person/${person.id}`, class: 'name' }, person.displayName),
      el('span', { class: 'tags' }, w(person.role), person.role === 'learner' ? ` · ${person.hasPictureCode ? w('codeSet') : w('noCode')}` : '',
        person.locked ? el('strong', { class: 'locked' }, ` · ${w('locked')}`) : ''),
      el('span', { class: 'actions' }, button(w('remove'), async () => {
        if (!confirm(w('confirmRemove', person.displayName))) return;
        await api(`/api/groups/${group.id}/members/${person.id}`, { method: 'DELETE' });
        await reload();
      }, { 'aria-label': named(w('remove'), person.displayName) })))) : el('li', {}, w('noMembers'))));
}

async function addMemberForm(group, members, reload) {
  const inGroup = new Set(members.map((person) => person.id));
  const people = (await api('/api/people')).filter((person) => !inGroup.has(person.id));
  if (!people.length) return null;
  const who = select(people.map((person) => [person.id, `${person.displayName} (${w(person.role)})`]), { required: true });
  return form({ class: 'card', 'aria-label': w('addMember') }, async () => {
    await api(`/api/groups/${group.id}/members`, { method: 'POST', body: { personId: who.value } });
    await reload();
  }, field(w('addMember'), who), el('p', {}, el('button', { class: 'text', type: 'submit' }, w('add'))));
}

/** A new learner in this group (admins may make trainers and admins too, who need a password). */
function newLearnerForm(group, me, reload) {
  const name = input({ required: true, autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', maxlength: 64 });
  const displayName = input({ required: true, maxlength: 200 });
  const language = input({ value: document.documentElement.lang, size: 8, maxlength: 35 });
  const photo = photoInput();
  const role = me.role === 'admin' ? select(['learner', 'trainer', 'admin'].map((key) => [key, w(key)])) : null;
  if (role) role.value = 'learner';
  const password = el('input', { type: 'password', autocomplete: 'new-password', minlength: 8 });
  const passwordField = field(w('password'), password);
  passwordField.hidden = true;
  role?.addEventListener('change', () => { passwordField.hidden = role.value === 'learner'; });
  return form({ class: 'card', 'aria-label': w('newLearner') }, async () => {
    const body = { name: name.value, displayName: displayName.value || name.value, role: role?.value || 'learner',
      languages: language.value.trim() ? [language.value.trim()] : [], groupIds: [group.id] };
    if (body.role !== 'learner') body.password = password.value;
    const person = await api('/api/people', { method: 'POST', body });
    await uploadPhoto(`/api/people/${person.id}/avatar`, photo);
    say(w('created'));
    location.hash = `#/person/${person.id}`;
  }, el('h2', {}, w('newLearner')), field(w('signInName'), name), field(w('displayName'), displayName),
  field(w('lang'), language), field(w('avatar'), photo), role ? field(w('role'), role) : null, passwordField,
  el('p', {}, el('button', { class: 'text', type: 'submit' }, w('create'))));
}
