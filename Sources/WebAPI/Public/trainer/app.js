// Trainer screens: sign in with a password, then the screens below, each at its own address
// (#/name/…) and, for the main ones, a link in the navigation bar.
import { api, setCsrfToken } from '../shared/api.js';
import { addWords, t } from '../shared/i18n.js';
import { el, show, status } from '../shared/ui.js';
import { setMe } from './me.js';
import { recordingFields } from './recording-fields.js';
import { cardScreen } from './card.js';
import { editorScreen } from './editor.js';
import { labelsScreen } from './labels.js';
import { recordScreen } from './record.js';
import { peopleRoutes } from './people.js';
import { scenarioRoute } from './scenarios.js';
import './words.js';

addWords({
  fr: { name: 'Identifiant', password: 'Mot de passe', signin: 'Se connecter', recordings: 'Enregistrements', upload: 'Envoyer un fichier audio',
    send: 'Envoyer', open: 'Ouvrir', title: 'Titre', duration: 'Durée', nav: 'Écrans formateur', record: 'Enregistrer', labels: 'Étiquettes parlées',
    scenarios: 'Scénarios', signout: 'Se déconnecter', file: 'Fichier audio', group: 'Groupe', heardBy: 'Qui l’entend' },
  en: { name: 'Name', password: 'Password', signin: 'Sign in', recordings: 'Recordings', upload: 'Upload an audio file',
    send: 'Upload', open: 'Open', title: 'Title', duration: 'Length', nav: 'Trainer screens', record: 'Record', labels: 'Spoken labels',
    scenarios: 'Scenarios', signout: 'Sign out', file: 'Audio file', group: 'Group', heardBy: 'Who hears it' },
}, 'app');

/** The scenario screens read their whole address (`#/scenario/SLUG/diff/A/B`…). */
const showScenarios = () => scenarioRoute(location.hash);

/**
 * Every screen: its address (`#/path/arguments…`), its name in the navigation bar (none for
 * screens reached from another), and the function showing it (given the address's arguments).
 */
const screens = [
  { path: '', nav: t('app.recordings'), show: list },
  { path: 'recording', show: editorScreen },
  { path: 'record', nav: t('app.record'), show: recordScreen },
  { path: 'labels', nav: t('app.labels'), show: labelsScreen },
  { path: 'scenarios', nav: t('app.scenarios'), id: 'scenarios-link', show: showScenarios },
  { path: 'scenario', show: showScenarios },
  { path: 'groups', nav: t('people.groups'), show: peopleRoutes.groups },
  { path: 'group', show: peopleRoutes.group },
  { path: 'person', show: peopleRoutes.person },
  { path: 'group-progress', show: peopleRoutes['group-progress'] },
  { path: 'card', show: cardScreen },
  { path: 'kiosks', nav: t('people.kiosks'), show: peopleRoutes.kiosks },
  { path: 'mentoring', nav: t('people.mentoring'), show: peopleRoutes.mentoring },
];

async function start() {
  try {
    signedIn(await api('/api/auth/me'));
  } catch (error) {
    if (error.status !== 401) throw error;
    signInForm();
  }
}

function signInForm() {
  const name = el('input', { type: 'text', id: 'name', autocomplete: 'username' });
  const password = el('input', { type: 'password', id: 'password', autocomplete: 'current-password' });
  const form = el('form', { onsubmit: async (event) => {
    event.preventDefault();
    try {
      signedIn(await api('/api/auth/password', { method: 'POST', body: { name: name.value, password: password.value } }));
    } catch (error) { status(error.message); }
  } }, el('label', { for: 'name' }, t('app.name')), name, el('label', { for: 'password' }, t('app.password')), password,
  el('p', {}, el('button', { class: 'text', type: 'submit' }, t('app.signin'))));
  show(el('h1', {}, t('app.signin')), form);
}

function signedIn(answer) {
  setCsrfToken(answer.csrfToken);
  setMe(answer.person);
  // One's own name opens one's own screen: the picture learners see on one's recordings, one's spoken name.
  document.getElementById('me').replaceChildren(el('a', { href: `#/person/${answer.person.id}`, class: 'me-link' }, answer.person.displayName));
  const out = document.getElementById('signout');
  out.textContent = t('app.signout');
  out.hidden = false;
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('app.nav'));
  nav.replaceChildren(...screens.filter((screen) => screen.nav)
    .map((screen) => el('a', { href: `#/${screen.path}`, 'data-nav': screen.path, id: screen.id }, screen.nav)));
  nav.hidden = false;
  addEventListener('hashchange', route);
  route();
}

/** Signing out ends the session here and shows the sign-in form (a shared computer is left clean). */
async function signOut() {
  await api('/api/auth/signout', { method: 'POST' }).catch(() => {});
  removeEventListener('hashchange', route);
  setMe(null);
  document.getElementById('me').textContent = '';
  document.getElementById('signout').hidden = true;
  document.getElementById('nav').hidden = true;
  history.replaceState(null, '', location.pathname);
  signInForm();
}

function route() {
  const [, path = '', ...rest] = location.hash.split('/');
  const screen = screens.find((candidate) => candidate.path === path) ?? screens[0];
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === `#/${screen.path}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  Promise.resolve().then(() => screen.show(...rest)).catch((error) => status(error.message));
}

async function list() {
  const { recordings } = await api('/api/recordings?limit=200');
  const groups = new Map((await api('/api/groups').catch(() => [])).map((group) => [group.id, group.name]));
  const file = el('input', { type: 'file', id: 'file', accept: 'audio/*', required: true });
  const fields = await recordingFields();
  // The file's name is a first title, in view and editable (a recording never gets a name no one chose).
  file.addEventListener('change', () => {
    const title = fields.element.querySelector('input[name=title]');
    if (!title.value && file.files[0]) title.value = file.files[0].name.replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ');
  });
  const upload = el('form', { class: 'card upload', onsubmit: async (event) => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) return;
    try {
      fields.checkBeforeSending();
      const recording = await api(`/api/recordings?${fields.query()}`, { method: 'POST', body: chosen,
        headers: { 'Content-Type': chosen.type || 'application/octet-stream' } });
      await fields.apply(recording);
      location.hash = `#/recording/${recording.id}`;
    } catch (error) { status(error.message); }
  } }, el('h2', {}, t('app.upload')), el('label', { for: 'file' }, t('app.file')), file, fields.element,
  el('p', {}, el('button', { class: 'text', type: 'submit' }, t('app.send')), ' ', el('a', { href: '#/record', class: 'text' }, t('app.record'))));
  show(el('h1', {}, t('app.recordings')), upload,
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t('app.title')), el('th', {}, t('app.duration')), el('th', {}, t('app.group')),
      el('th', {}, t('app.heardBy')), el('th'))),
      el('tbody', {}, recordings.map((recording) => el('tr', { 'data-recording': recording.id },
        el('td', {}, recording.title || recording.id), el('td', {}, `${(recording.durationMs / 1000).toFixed(1)} s`),
        el('td', {}, groups.get(recording.groupId) ?? ''), el('td', {}, t(recording.visibility === 'group' ? 'fields.groupOnly' : `fields.${recording.visibility}`)),
        el('td', {}, el('a', { href: `#/recording/${recording.id}`, class: 'open' }, t('app.open'))))))));
}

document.getElementById('signout').addEventListener('click', signOut);
start();
