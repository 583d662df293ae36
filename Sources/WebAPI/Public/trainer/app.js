// Trainer screens: sign in with a password, then the screens below, each at its own address
// (#/name/…) and, for the main ones, a link in the navigation bar.
import { api, setCsrfToken } from '../shared/api.js';
import { addWords, t } from '../shared/i18n.js';
import { el, show, status } from '../shared/ui.js';
import { editorScreen } from './editor.js';
import { labelsScreen } from './labels.js';
import { recordScreen } from './record.js';
import { peopleRoutes } from './people.js';
import { scenarioRoute } from './scenarios.js';
import './words.js';

addWords({
  fr: { name: 'Identifiant', password: 'Mot de passe', signin: 'Se connecter', recordings: 'Enregistrements', upload: 'Envoyer un fichier audio',
    send: 'Envoyer', open: 'Ouvrir', title: 'Titre', duration: 'Durée', nav: 'Écrans formateur', record: 'Enregistrer', labels: 'Étiquettes parlées',
    scenarios: 'Scénarios' },
  en: { name: 'Name', password: 'Password', signin: 'Sign in', recordings: 'Recordings', upload: 'Upload an audio file',
    send: 'Upload', open: 'Open', title: 'Title', duration: 'Length', nav: 'Trainer screens', record: 'Record', labels: 'Spoken labels',
    scenarios: 'Scenarios' },
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
  document.getElementById('me').textContent = answer.person.displayName;
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('app.nav'));
  nav.replaceChildren(...screens.filter((screen) => screen.nav)
    .map((screen) => el('a', { href: `#/${screen.path}`, 'data-nav': screen.path, id: screen.id }, screen.nav)));
  nav.hidden = false;
  addEventListener('hashchange', route);
  route();
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
  const file = el('input', { type: 'file', id: 'file', accept: 'audio/*' });
  const upload = el('form', { onsubmit: async (event) => {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) return;
    const recording = await api(`/api/recordings?title=${encodeURIComponent(chosen.name)}`, { method: 'POST', body: chosen,
      headers: { 'Content-Type': chosen.type || 'application/octet-stream' } });
    location.hash = `#/recording/${recording.id}`;
  } }, el('label', { for: 'file' }, t('app.upload')), file, ' ', el('button', { class: 'text', type: 'submit' }, t('app.send')),
  ' ', el('a', { href: '#/record', class: 'text' }, t('app.record')));
  show(el('h1', {}, t('app.recordings')), upload,
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, t('app.title')), el('th', {}, t('app.duration')), el('th'))),
      el('tbody', {}, recordings.map((recording) => el('tr', {},
        el('td', {}, recording.title || recording.id), el('td', {}, `${(recording.durationMs / 1000).toFixed(1)} s`),
        el('td', {}, el('a', { href: `#/recording/${recording.id}`, class: 'open' }, t('app.open'))))))));
}

start();
