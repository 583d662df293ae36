// A learner's sign-in card, to print and hand over: their group's picture, their own picture, and
// their three code pictures in order (one, two, three dots), nothing to read. The code is stored
// hashed, so the card is made right after the trainer sets it (the screen keeps it for this tab).
import { api } from '../shared/api.js';
import { addWords, t } from '../shared/i18n.js';
import { el, show } from '../shared/ui.js';
import { avatar, groupPicture, heading } from './forms.js';

addWords({
  fr: { title: 'Carte de connexion de %s', print: 'Imprimer', unknown: 'Le code n’est connu qu’au moment où il est choisi : définissez-le à nouveau pour imprimer la carte.',
    step: 'Étape %s' },
  en: { title: 'Sign-in card of %s', print: 'Print', unknown: 'The code is only known when it is chosen: set it again to print the card.',
    step: 'Step %s' },
}, 'card');

/** Remembers a code just set, for the card (this tab only). */
export function rememberCode(personId, code) {
  try { sessionStorage.setItem(`parlons:card:${personId}`, JSON.stringify(code)); } catch { /* private mode: no card */ }
}

export function knownCode(personId) {
  try { return JSON.parse(sessionStorage.getItem(`parlons:card:${personId}`) ?? 'null'); } catch { return null; }
}

export async function cardScreen(id) {
  const [person, groups, { pictures }] = await Promise.all([api(`/api/people/${id}`), api('/api/groups'), api('/api/signin/pictures')]);
  const members = await Promise.all(groups.map((group) => api(`/api/groups/${group.id}/members`).catch(() => [])));
  const theirs = groups.filter((group, index) => members[index].some((member) => member.id === id));
  const code = knownCode(id);
  const dots = (count) => el('span', { class: 'card-dots', 'aria-hidden': 'true' }, Array.from({ length: count }, () => el('span')));
  // The order to tap in, left to right: the group, oneself, then the code's pictures with one, two, three dots.
  const step = (number, image, count = 0) => el('li', { class: 'card-step', 'aria-label': t('card.step', number) }, image, count ? dots(count) : null);
  show(heading(t('card.title', person.displayName), `#/person/${id}`),
    code ? el('p', { class: 'no-print' }, el('button', { type: 'button', class: 'text', id: 'print', onclick: () => window.print() }, t('card.print')))
      : el('p', { class: 'notice' }, t('card.unknown')),
    code ? el('section', { class: 'signin-card', 'data-person': id },
      el('ol', { class: 'card-steps' },
        step(1, el('span', { class: 'card-pictures' }, theirs.map((group) => groupPicture(group, group.name)))),
        step(2, avatar(person, person.displayName)),
        code.map((index, at) => step(3 + at, el('img', { class: 'thumb', src: `/shared/pictures/${pictures[index]}.svg`,
          alt: t(pictures[index]), 'data-picture': pictures[index] }), at + 1))),
      el('p', { class: 'card-name' }, person.displayName)) : null);
}
