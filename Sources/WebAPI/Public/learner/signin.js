// Sign-in without reading: the group's picture, then one's own, then three of twelve pictures.
import { api } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { chime, sayLabel, softTone } from '../shared/sound.js';
import { bigButton, el, picture, show, status } from '../shared/ui.js';

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
  sayLabel('group');
  show(el('h1', { class: 'sr', id: 'title' }, t('group')),
    el('div', { class: 'grid', role: 'list', 'aria-labelledby': 'title' }, groups.map((group) => el('div', { role: 'listitem' },
      bigButton({ label: 'group', name: group.name, className: 'pic', image: picture(group.picture || 'group', group.pictureUrl),
        onClick: () => chooseLearner(group, onSignedIn, true) })))));
}

async function chooseLearner(group, onSignedIn, canGoBack) {
  const learners = await kept(`/api/signin/groups/${group.id}/learners`);
  sayLabel('who');
  show(el('h1', { class: 'sr', id: 'title' }, t('who')),
    canGoBack ? backButton(() => signIn(onSignedIn)) : null,
    el('div', { class: 'grid', role: 'list', 'aria-labelledby': 'title' }, learners.map((learner) => el('div', { role: 'listitem' },
      bigButton({ label: 'who', name: learner.displayName, className: 'pic', image: picture(learner.avatar, learner.avatarUrl),
        onClick: () => enterCode(learner, group, onSignedIn) })))));
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
      sayLabel('again');
    }
  }
  grid.append(...pictures.map((key, index) => bigButton({ label: key, className: 'pic', image: picture(key),
    onClick: (event) => tap(index, event.currentTarget) })));
  sayLabel('code');
  show(el('h1', { class: 'sr', id: 'title' }, t('code')), backButton(() => chooseLearner(group, onSignedIn, true)),
    el('div', { class: 'row' }, el('div', { class: 'who' }, picture(learner.avatar, learner.avatarUrl))), dots, grid);
}

function backButton(onClick) {
  return el('div', { class: 'row' }, el('button', { type: 'button', class: 'back', 'aria-label': t('back'), onclick: onClick },
    el('img', { src: '/shared/icons/back.svg', alt: '' })));
}
