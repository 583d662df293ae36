// Sign-in without reading: the group's picture, then one's own, then three of twelve pictures.
// Each person is a picture no one else on the screen has (their photo, the picture their trainer
// or they chose, else one of the people pictures nobody else shows), and the speaker beside it
// says their name, spoken by them or their trainer.
import { api } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { peoplePictures } from '../shared/words.js';
import { chime, playClip, sayLabel, softTone, tick } from '../shared/sound.js';
import { bigButton, el, icon, picture, show, status } from '../shared/ui.js';

/**
 * On a kiosk, under the sign-in tiles: when it last exchanged with the centre. Loaded only there
 * (a learner's phone never needs it), in place of an empty slot.
 */
function kioskExchange() {
  if (!document.body.classList.contains('kiosk')) return null;
  const slot = el('div', { class: 'exchange-slot' });
  import('./exchange.js').then(({ exchangePicture }) => slot.replaceWith(exchangePicture()));
  return slot;
}

/**
 * Asks again for the photos and spoken names on screen once the offline shell runs, so it keeps
 * them: a kiosk that loses the network still shows each learner by their own face.
 */
function keepPhotos(urls) {
  const worker = navigator.serviceWorker;
  if (!worker || !urls.length) return;
  const fetchAll = () => urls.forEach((url) => fetch(url).catch(() => {}));
  if (worker.controller) fetchAll(); else worker.addEventListener('controllerchange', fetchAll, { once: true });
}

/** A sign-in list, kept on this device so the screens still show while the network is down. */
async function kept(path) {
  try {
    const answer = await api(path);
    try { localStorage.setItem(`parlons:${path}`, JSON.stringify(answer)); } catch {}
    return answer;
  } catch (error) {
    const copy = !error.status && localStorage.getItem(`parlons:${path}`);
    if (!copy) throw error;
    return JSON.parse(copy);
  }
}

export async function signIn(onSignedIn) {
  const groups = await kept('/api/signin/groups');
  if (groups.length === 1) return chooseLearner(groups[0], onSignedIn, false);
  show(el('h1', { class: 'sr', id: 'title' }, t('group')),
    el('div', { class: 'grid', role: 'list', 'aria-labelledby': 'title' }, groups.map((group) => el('div', { role: 'listitem' },
      bigButton({ label: 'group', name: group.name, className: 'pic', image: picture(group.picture || 'group', group.pictureUrl),
        onClick: () => chooseLearner(group, onSignedIn, true) })))),
    kioskExchange());
  keepPhotos(groups.map((group) => group.pictureUrl).filter(Boolean));
  // A kiosk keeps every one of its groups' learners (the list, their photos and spoken names), not
  // only those of a group someone opened while the network was up: offline, each still finds themselves.
  if (document.body.classList.contains('kiosk')) {
    for (const group of groups) {
      kept(`/api/signin/groups/${group.id}/learners`).then((learners) => keepPhotos(faces(learners))).catch(() => {});
    }
  }
  sayLabel('group');
}

/** The photos and spoken names of `learners`, to keep on this device. */
const faces = (learners) => learners.flatMap((learner) => [learner.avatarUrl, learner.nameUrl]).filter(Boolean);

/** Each learner's picture key: theirs, else a people picture no other learner of the list shows. */
export function distinctPictures(learners) {
  const taken = new Set(learners.map((learner) => learner.avatar).filter(Boolean));
  const free = peoplePictures.filter((key) => !taken.has(key));
  let next = 0;
  return new Map(learners.map((learner) => [learner.id, learner.avatar || free[next++ % Math.max(1, free.length)] || 'person']));
}

/** The speaker beside a person: their spoken name, else the screen's label. */
export function sayName(person, fallback = 'who') {
  return () => (person.nameUrl ? playClip(person.nameUrl) : sayLabel(fallback));
}

async function chooseLearner(group, onSignedIn, canGoBack) {
  const learners = await kept(`/api/signin/groups/${group.id}/learners`);
  const pictures = distinctPictures(learners);
  show(el('h1', { class: 'sr', id: 'title' }, t('who')),
    canGoBack ? el('div', { class: 'row' }, backButton(() => signIn(onSignedIn))) : null,
    el('div', { class: 'grid people', role: 'list', 'aria-labelledby': 'title' }, learners.map((learner) => el('div', { role: 'listitem' },
      bigButton({ label: 'who', name: learner.displayName, className: `pic person ${learner.avatarUrl ? 'photo' : ''}`,
        image: picture(pictures.get(learner.id), learner.avatarUrl), speak: sayName(learner),
        onClick: () => enterCode({ ...learner, avatar: pictures.get(learner.id) }, group, onSignedIn) })))),
    kioskExchange());
  keepPhotos([group.pictureUrl, ...faces(learners)].filter(Boolean));
  sayLabel('who');
}

async function enterCode(learner, group, onSignedIn) {
  const { pictures } = await kept('/api/signin/pictures');
  const code = [];
  const dots = el('div', { class: 'dots', 'aria-hidden': 'true' }, el('span'), el('span'), el('span'));
  const grid = el('div', { class: 'grid code', role: 'group', 'aria-labelledby': 'title' });
  const showDots = () => [...dots.children].forEach((dot, index) => dot.classList.toggle('on', index < code.length));
  async function tap(index, button) {
    if (code.length >= 3) return;
    code.push(index);
    button.classList.add('chosen');
    tick();
    showDots();
    if (code.length < 3) return;
    try {
      const answer = await api('/api/auth/picture', { method: 'POST', body: { personId: learner.id, code } });
      chime();
      onSignedIn(answer);
    } catch (error) {
      softTone();
      status(error.status === 429 ? '⏳' : t('again'));
      grid.classList.add('shake');
      setTimeout(() => { grid.classList.remove('shake'); status(''); }, 900);
      code.length = 0;
      grid.querySelectorAll('.chosen').forEach((chosen) => chosen.classList.remove('chosen'));
      showDots();
      sayLabel(error.status === 429 ? 'waiting' : error.status ? 'again' : 'error');
    }
  }
  // No speaker in the corners: twelve pictures must fit a phone's screen, and a code said aloud
  // would be heard by others. A long press still names a picture.
  grid.append(...pictures.map((key, index) => bigButton({ label: key, className: 'pic', image: picture(key), speaker: false,
    onClick: (event) => tap(index, event.currentTarget) })));
  show(el('h1', { class: 'sr', id: 'title' }, t('code')),
    el('div', { class: 'row code-head' }, backButton(() => chooseLearner(group, onSignedIn, true)),
      el('div', { class: 'who' }, picture(learner.avatar, learner.avatarUrl)), dots),
    grid);
  sayLabel('code');
}

function backButton(onClick) {
  return el('button', { type: 'button', class: 'back', 'aria-label': t('back'), 'data-label': 'back', onclick: onClick }, icon('back'));
}
