// The trainer's people screens, hooked into trainer.js: which screen each address (#/groups,
// #/group/ID, #/person/ID, #/group-progress/ID, #/kiosks, #/mentoring) shows, and their links in
// the trainer's navigation.
import { el } from './ui.js';
import { w } from './trainer-text.js';
import { groupScreen, groupsScreen } from './trainer-groups.js';
import { personScreen } from './trainer-person.js';
import { kiosksScreen } from './trainer-kiosks.js';
import { mentoringScreen } from './trainer-mentoring.js';
import { groupProgressScreen } from './trainer-progress.js';

/** Screen name (the first part of the hash) → the function that shows it (given the id). */
export const peopleRoutes = {
  groups: groupsScreen, group: groupScreen, person: personScreen, 'group-progress': groupProgressScreen,
  kiosks: kiosksScreen, mentoring: mentoringScreen,
};

/** Adds the people section's links to the trainer's navigation (made under the header if missing). */
export function addPeopleNav() {
  let nav = document.getElementById('nav');
  if (!nav) {
    nav = el('nav', { id: 'nav', class: 'tnav', 'aria-label': w('nav') }, el('a', { href: '#/' }, w('recordings')));
    document.querySelector('header.bar').after(nav);
  }
  nav.append(...[['groups', '#/groups'], ['kiosks', '#/kiosks'], ['mentoring', '#/mentoring']]
    .map(([key, href]) => el('a', { href, 'data-nav': key }, w(key))));
  const mark = () => nav.querySelectorAll('a').forEach((link) => {
    const here = (location.hash || '#/') === link.getAttribute('href');
    if (here) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  });
  addEventListener('hashchange', mark);
  mark();
}
