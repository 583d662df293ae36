// The trainer's people screens, hooked into trainer.js: which screen each address (#/groups,
// #/group/ID, #/person/ID, #/group-progress/ID, #/kiosks, #/mentoring) shows; trainer.js lists them.
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
