// Trainer screens: sign in with a password, then the screens below, each at its own address
// (#/name/…) and, for the main ones, a link in the navigation bar.
import { api, setCsrfToken } from './api.js';
import { language } from './i18n.js';
import { el, show, status } from './ui.js';
import { editorScreen } from './trainer-editor.js';
import { labelsScreen } from './trainer-labels.js';
import { recordScreen } from './trainer-record.js';

const text = {
  fr: { name: 'Identifiant', password: 'Mot de passe', signin: 'Se connecter', recordings: 'Enregistrements', upload: 'Envoyer un fichier audio',
    send: 'Envoyer', open: 'Ouvrir', title: 'Titre', duration: 'Durée', nav: 'Écrans formateur', record: 'Enregistrer', labels: 'Étiquettes parlées' },
  en: { name: 'Name', password: 'Password', signin: 'Sign in', recordings: 'Recordings', upload: 'Upload an audio file',
    send: 'Upload', open: 'Open', title: 'Title', duration: 'Length', nav: 'Trainer screens', record: 'Record', labels: 'Spoken labels' },
}[language];

/**
 * Every screen: its address (`#/path/arguments…`), its name in the navigation bar (none for
 * screens reached from another), and the function showing it (given the address's arguments).
 */
const screens = [
  { path: '', nav: text.recordings, show: list },
  { path: 'recording', show: editorScreen },
  { path: 'record', nav: text.record, show: recordScreen },
  { path: 'labels', nav: text.labels, show: labelsScreen },
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
  } }, el('label', { for: 'name' }, text.name), name, el('label', { for: 'password' }, text.password), password,
  el('p', {}, el('button', { class: 'text', type: 'submit' }, text.signin)));
  show(el('h1', {}, text.signin), form);
}

function signedIn(answer) {
  setCsrfToken(answer.csrfToken);
  document.getElementById('me').textContent = answer.person.displayName;
  document.getElementById('nav').replaceChildren(el('nav', { 'aria-label': text.nav },
    screens.filter((screen) => screen.nav).map((screen) => el('a', { href: `#/${screen.path}` }, screen.nav))));
  addEventListener('hashchange', route);
  route();
}

function route() {
  const [, path = '', ...rest] = location.hash.split('/');
  const screen = screens.find((candidate) => candidate.path === path) ?? screens[0];
  for (const link of document.querySelectorAll('#nav a')) {
    link.toggleAttribute('aria-current', link.getAttribute('href') === `#/${screen.path}`);
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
  } }, el('label', { for: 'file' }, text.upload), file, ' ', el('button', { class: 'text', type: 'submit' }, text.send),
  ' ', el('a', { href: '#/record', class: 'text' }, text.record));
  show(el('h1', {}, text.recordings), upload,
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, text.title), el('th', {}, text.duration), el('th'))),
      el('tbody', {}, recordings.map((recording) => el('tr', {},
        el('td', {}, recording.title || recording.id), el('td', {}, `${(recording.durationMs / 1000).toFixed(1)} s`),
        el('td', {}, el('a', { href: `#/recording/${recording.id}`, class: 'open' }, text.open)))))));
}

start();
