// Trainer screen for mentoring pairs (parrainage): the pairs, a new pair, ending or deleting one.
import { t } from '../shared/i18n.js';
import { api } from '../shared/api.js';
import { el, show } from '../shared/ui.js';
import { named, when } from './words.js';
import { button, field, form, heading, say, select } from './forms.js';

export async function mentoringScreen() {
  const [pairs, people] = await Promise.all([api('/api/mentoring-pairs'), api('/api/people')]);
  const byId = new Map(people.map((person) => [person.id, person]));
  const nameOf = (id) => byId.get(id)?.displayName ?? '…';
  const reload = () => mentoringScreen();
  const mentor = select(people.map((person) => [person.id, `${person.displayName} (${t(`people.${person.role}`)})`]), { required: true });
  const newcomer = select(people.filter((person) => person.role === 'learner').map((person) => [person.id, person.displayName]), { required: true });
  const ends = el('input', { type: 'date' });
  const create = form({ class: 'card', 'aria-label': t('people.newPair') }, async () => {
    const body = { mentorId: mentor.value, newcomerId: newcomer.value };
    if (ends.value) body.endsAt = new Date(`${ends.value}T23:59:59`).toISOString();
    await api('/api/mentoring-pairs', { method: 'POST', body });
    say(t('people.created'));
    await reload();
  }, el('h2', {}, t('people.newPair')), field(t('people.mentor'), mentor), field(t('people.newcomer'), newcomer), field(t('people.endsAt'), ends),
  el('p', {}, el('button', { class: 'text', type: 'submit' }, t('people.create'))));
  show(heading(t('people.mentoring')), el('ul', { class: 'cards', 'aria-label': t('people.mentoring') }, pairs.length ? pairs.map((pair) => {
    const label = `${nameOf(pair.mentorId)} → ${nameOf(pair.newcomerId)}`;
    return el('li', { class: 'card' }, el('span', { class: 'name' }, label),
      el('span', { class: 'tags' }, `${pair.active ? t('people.active') : t('people.ended')} · ${t('people.since')} ${when(pair.startsAt)}${pair.endsAt ? ` · ${t('people.until')} ${when(pair.endsAt)}` : ''}`),
      el('span', { class: 'actions' },
        pair.active ? button(t('people.end'), async () => {
          await api(`/api/mentoring-pairs/${pair.id}`, { method: 'PATCH', body: { endsAt: new Date(Math.max(Date.now(), Date.parse(pair.startsAt) + 1)).toISOString() } });
          await reload();
        }, { 'aria-label': named(t('people.end'), label) }) : null,
        button(t('people.delete'), async () => {
          if (!confirm(t('people.confirmDelete', label))) return;
          await api(`/api/mentoring-pairs/${pair.id}`, { method: 'DELETE' });
          await reload();
        }, { 'aria-label': named(t('people.delete'), label) })));
  }) : el('li', {}, t('people.nothing'))), create);
}
