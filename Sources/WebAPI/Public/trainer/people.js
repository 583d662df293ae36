// The trainer's people screens, hooked into trainer.js: which screen each address (#/groups,
// #/group/ID, #/person/ID, #/group-progress/ID, #/kiosks, #/mentoring) shows; trainer.js lists them.
import { groupScreen, groupsScreen } from './groups.js';
import { personScreen } from './person.js';
import { kiosksScreen } from './kiosks.js';
import { mentoringScreen } from './mentoring.js';
import { groupProgressScreen } from './progress.js';

/** Screen name (the first part of the hash) → the function that shows it (given the id). */
export const peopleRoutes = {
  groups: groupsScreen, group: groupScreen, person: personScreen, 'group-progress': groupProgressScreen,
  kiosks: kiosksScreen, mentoring: mentoringScreen,
};
