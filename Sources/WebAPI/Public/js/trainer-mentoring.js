// Trainer screen for mentoring pairs (parrainage): the pairs, a new pair, ending or deleting one.
import { api } from './api.js';
import { el, show } from './ui.js';
import { named, w, when } from './trainer-text.js';
import { button, field, form, heading, say, select } from './trainer-forms.js';

export async function mentoringScreen() {
  const [pairs, people] = await Promise.all([api('/api/mentoring-pairs'), api('/api/people')]);
  const byId = new Map(people.map((person) => [person.id, person]));
  const nameOf = (id) => byId.get(id)?.displayName ?? '…';
  const reload = () => mentoringScreen();
  const mentor = select(people.map((person) => [person.id, `${person.displayName} (${w(person.role)})`]), { required: true });
  const newcomer = select(people.filter((person) => person.role === 'learner').map((person) => [person.id, person.displayName]), { required: true });
  const ends = el('input', { type: 'date' });
  const create = form({ class: 'card', 'aria-label': w('newPair') }, async () => {
    const body = { mentorId: mentor.value, newcomerId: newcomer.value };
    if (ends.value) body.endsAt = new Date(`${ends.value}T23:59:59`).toISOString();
    await api('/api/mentoring-pairs', { method: 'POST', body });
    say(w('created'));
    await reload();
  }, el('h2', {}, w('newPair')), field(w('mentor'), mentor), field(w('newcomer'), newcomer), field(w('endsAt'), ends),
  el('p', {}, el('button', { class: 'text', type: 'submit' }, w('create'))));
  show(heading(w('mentoring')), el('ul', { class: 'cards', 'aria-label': w('mentoring') }, pairs.length ? pairs.map((pair) => {
    const label = `${nameOf(pair.mentorId)} → ${nameOf(pair.newcomerId)}`;
    return el('li', { class: 'card' }, el('span', { class: 'name' }, label),
      el('span', { class: 'tags' }, `${pair.active ? w('active') : w('ended')} · ${w('since')} ${when(pair.startsAt)}${pair.endsAt ? ` · ${w('until')} ${when(pair.endsAt)}` : ''}`),
      el('span', { class: 'actions' },
        pair.active ? button(w('end'), async () => {
          await api(`/api/mentoring-pairs/${pair.id}`, { method: 'PATCH', body: { endsAt: new Date(Math.max(Date.now(), Date.parse(pair.startsAt) + 1)).toISOString() } });
          await reload();
        }, { 'aria-label': named(w('end'), label) }) : null,
        button(w('delete'), async () => {
          if (!confirm(w('confirmDelete', label))) return;
          await api(`/api/mentoring-pairs/${pair.id}`, { method: 'DELETE' });
          await reload();
        }, { 'aria-label': named(w('delete'), label) })));
  }) : el('li', {}, w('nothing'))), create);
}
