// Trainer screens for scenarios, wiki-style: the list (with the shipped files' problems and
// seed conflicts), the Markdown source with line numbers and the problems next to their lines,
// saving as a new revision (a stale save is refused and shown, never lost), the history with
// authors, an old revision, the difference between two, revert, copy, and a new scenario from a
// template. Reached at #/scenarios and #/scenario/SLUG[/history|/revision/N|/diff/FROM/TO].
import { api } from '../shared/api.js';
import { addWords, language, t } from '../shared/i18n.js';
import { el, show, status } from '../shared/ui.js';

addWords({
  fr: { scenarios: 'Scénarios', recordings: 'Enregistrements', title: 'Titre', picture: 'Image', visibility: 'Visible par', revision: 'Révision', open: 'Ouvrir',
    problems: 'Problèmes dans les fichiers', conflict: 'Le fichier a changé sur le disque après vos modifications',
    conflictSync: 'Modifié aussi sur le serveur jumelé : deux versions existent, enregistrez celle qui doit rester', none: 'Aucun problème',
    group: 'le groupe', network: 'le réseau', public: 'tout le monde', source: 'Texte du scénario (Markdown)', message: 'Ce qui a changé (facultatif)',
    save: 'Enregistrer', saved: 'Enregistré : révision', invalid: 'Le texte a des problèmes, rien n’est enregistré :', line: 'ligne',
    stale: 'Quelqu’un d’autre a changé ce scénario depuis que vous l’avez ouvert (révision {base} → {now}). Votre texte est gardé ici.',
    seeChanges: 'Voir ses changements', reload: 'Recharger (perdre mon texte)', history: 'Historique', back: 'Retour aux scénarios',
    backTo: 'Retour au scénario', who: 'Qui', when: 'Quand', why: 'Message', view: 'Voir', revert: 'Revenir à cette révision',
    reverted: 'Rétabli : révision', from: 'De la révision', to: 'à la révision', compare: 'Voir la différence', added: 'ajoutée(s)',
    removed: 'supprimée(s)', lines: 'ligne(s)', diffOf: 'Différence entre les révisions', copy: 'Copier dans mon groupe', newSlug: 'Nouveau nom (slug)',
    newGroup: 'Groupe', noGroup: '(aucun)', create: 'Nouveau scénario', createIt: 'Créer', preview: 'Essayer dans l’application des apprenants',
    shipped: 'fichier livré', current: 'actuelle', readOnly: 'Révision {n} (lecture seule)', confirmRevert: 'Revenir à la révision {n} ?',
    template: 'Mon nouveau scénario', talk: 'De quoi voulez-vous parler ?', problemAt: 'Aller à la ligne', useFile: 'Reprendre le texte du fichier',
    useOther: 'Reprendre le texte de l’autre serveur' },
  en: { scenarios: 'Scenarios', recordings: 'Recordings', title: 'Title', picture: 'Picture', visibility: 'Seen by', revision: 'Revision', open: 'Open',
    problems: 'Problems in the files', conflict: 'The file changed on disk after your edits',
    conflictSync: 'Also changed on the paired server: two versions exist, save the one that should stay', none: 'No problem',
    group: 'the group', network: 'the network', public: 'everyone', source: 'Scenario text (Markdown)', message: 'What changed (optional)',
    save: 'Save', saved: 'Saved: revision', invalid: 'The text has problems, nothing was saved:', line: 'line',
    stale: 'Someone else changed this scenario since you opened it (revision {base} → {now}). Your text is kept here.',
    seeChanges: 'See their changes', reload: 'Reload (lose my text)', history: 'History', back: 'Back to the scenarios',
    backTo: 'Back to the scenario', who: 'Who', when: 'When', why: 'Message', view: 'View', revert: 'Revert to this revision',
    reverted: 'Reverted: revision', from: 'From revision', to: 'to revision', compare: 'Show the difference', added: 'added',
    removed: 'removed', lines: 'lines', diffOf: 'Difference between revisions', copy: 'Copy into my group', newSlug: 'New name (slug)',
    newGroup: 'Group', noGroup: '(none)', create: 'New scenario', createIt: 'Create', preview: 'Try it in the learners’ app',
    shipped: 'shipped file', current: 'current', readOnly: 'Revision {n} (read only)', confirmRevert: 'Revert to revision {n}?',
    template: 'My new scenario', talk: 'What would you like to talk about?', problemAt: 'Go to line', useFile: 'Take the file’s text',
    useOther: 'Take the other server’s text' },
}, 'scenarios');
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => values[key]);
const base = (slug) => `/api/scenarios/${encodeURIComponent(slug)}`;
const when = (iso) => new Date(iso).toLocaleString(language);

/** Shows the scenario screen the address (#/scenarios…, #/scenario/…) names. */
export function scenarioRoute(hash) {
  const [, screen, slug, view, a, b] = hash.split('/').map(decodeURIComponent);
  if (screen !== 'scenario' || !slug) return slug === 'new' ? newScenario() : list();
  if (view === 'history') return history(slug);
  if (view === 'revision') return revision(slug, Number(a));
  if (view === 'diff') return diff(slug, Number(a), Number(b));
  return editor(slug);
}

async function list() {
  const [{ scenarios }, found] = await Promise.all([api('/api/scenarios'), api('/api/scenarios/problems')]);
  const conflicted = new Map(found.conflicts.map((conflict) => [conflict.slug, conflict]));
  const conflictText = (conflict) => t(conflict.fromSync ? 'scenarios.conflictSync' : 'scenarios.conflict');
  show(el('h1', {}, t('scenarios.scenarios')),
    el('p', {}, el('a', { href: '#/scenarios/new', class: 'button' }, t('scenarios.create'))),
    el('div', { class: 'scroll' }, el('table', { class: 'scenario-list' },
      el('thead', {}, el('tr', {}, el('th', {}, t('scenarios.picture')), el('th', {}, t('scenarios.title')), el('th', {}, t('scenarios.visibility')),
        el('th', {}, t('scenarios.revision')), el('th'))),
      el('tbody', {}, scenarios.map((scenario) => el('tr', { 'data-slug': scenario.slug },
        el('td', {}, scenario.picture ? el('img', { src: scenario.picture, alt: '', class: 'thumb' }) : ''),
        el('td', {}, el('strong', {}, scenario.title), el('br'), el('code', {}, scenario.slug),
          conflicted.has(scenario.slug) ? el('p', { class: 'mark conflict' }, '⚠ ', conflictText(conflicted.get(scenario.slug))) : null),
        el('td', {}, t(`scenarios.${scenario.visibility}`) ?? scenario.visibility, scenario.groupId ? '' : ` (${t('scenarios.shipped')})`),
        el('td', {}, `r${scenario.revision}`),
        el('td', {}, el('a', { href: `#/scenario/${scenario.slug}`, class: 'open', 'aria-label': `${t('scenarios.open')} : ${scenario.title}` }, t('scenarios.open')))))))),
    el('h2', {}, t('scenarios.problems')),
    found.problems.length === 0 ? el('p', {}, t('scenarios.none'))
      : el('ul', { class: 'problems' }, found.problems.map((problem) => el('li', {},
        el('code', {}, `${problem.file}:${problem.line}`), ' ', problem.reason))));
}

/** Line numbers beside the source, each problem's line marked; the textarea does not wrap. */
function sourceEditor(body, readOnly = false) {
  const gutter = el('pre', { class: 'gutter', 'aria-hidden': 'true' });
  const area = el('textarea', { id: 'source', class: 'source', wrap: 'off', spellcheck: 'false', readonly: readOnly || null });
  area.value = body;
  let marked = new Set();
  const number = () => {
    const count = area.value.split('\n').length;
    gutter.replaceChildren(...Array.from({ length: count }, (_, index) =>
      el('span', { class: marked.has(index + 1) ? 'bad' : null }, `${marked.has(index + 1) ? '!' : ''}${index + 1}\n`)));
    gutter.scrollTop = area.scrollTop;
  };
  area.addEventListener('input', number);
  area.addEventListener('scroll', () => { gutter.scrollTop = area.scrollTop; });
  number();
  const goTo = (line) => {
    const lines = area.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((sum, each) => sum + each.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line - 1] ?? '').length);
    area.scrollTop = Math.max(0, (line - 3) * parseFloat(getComputedStyle(area).lineHeight));
  };
  const mark = (lines) => { marked = new Set(lines); number(); };
  return { node: el('div', { class: 'code' }, gutter, area), area, goTo, mark };
}

async function editor(slug) {
  const [revisions, summary] = await Promise.all([api(`${base(slug)}/revisions`), api(base(slug))]);
  const current = await api(`${base(slug)}/revisions/${revisions.current}`);
  let baseRevision = revisions.current;
  const source = sourceEditor(current.body);
  const message = el('input', { type: 'text', id: 'message' });
  const problems = el('div', { class: 'problems', id: 'problems', role: 'alert' });
  const heading = el('h1', {}, summary.scenario.title, ' ', el('span', { class: 'rev', id: 'revision' }, `r${baseRevision}`));

  const showProblems = (list) => {
    source.mark(list.map((problem) => problem.line));
    problems.replaceChildren(el('p', {}, t('scenarios.invalid')), el('ul', {}, list.map((problem) => el('li', {},
      el('button', { type: 'button', class: 'linelink', 'aria-label': `${t('scenarios.problemAt')} ${problem.line} : ${problem.reason}`,
        onclick: () => source.goTo(problem.line) }, `${t('scenarios.line')} ${problem.line}`), ' ', problem.reason))));
  };
  const showStale = async () => {
    const now = (await api(`${base(slug)}/revisions`)).current;
    problems.replaceChildren(el('p', { class: 'stale' }, fill(t('scenarios.stale'), { base: baseRevision, now })),
      el('p', { class: 'actions' },
        el('a', { href: `#/scenario/${slug}/diff/${baseRevision}/${now}`, class: 'button', target: '_blank', rel: 'noopener' }, t('scenarios.seeChanges')),
        el('button', { type: 'button', class: 'text', onclick: () => editor(slug).catch((error) => status(error.message)) }, t('scenarios.reload'))));
  };
  const save = async () => {
    status('');
    problems.replaceChildren();
    source.mark([]);
    try {
      const saved = await api(`${base(slug)}?message=${encodeURIComponent(message.value)}`, { method: 'PUT',
        body: new Blob([source.area.value], { type: 'text/markdown' }),
        headers: { 'Content-Type': 'text/markdown; charset=utf-8', 'If-Match': `"r${baseRevision}"` } });
      baseRevision = saved.scenario.revision;
      document.getElementById('revision').textContent = `r${baseRevision}`;
      message.value = '';
      status(`${t('scenarios.saved')} ${baseRevision}`);
    } catch (error) {
      if (error.status === 422 && error.problems?.length) showProblems(error.problems);
      else if (error.status === 412) await showStale();
      else throw error;
    }
  };
  const conflicts = (await api('/api/scenarios/problems').catch(() => ({ conflicts: [] }))).conflicts.filter((c) => c.slug === slug);
  show(el('p', {}, el('a', { href: '#/scenarios' }, t('scenarios.back'))), heading,
    el('p', { class: 'actions' },
      el('a', { href: `#/scenario/${slug}/history`, class: 'button' }, t('scenarios.history')),
      el('a', { href: `/#/scenario/${slug}`, class: 'button', target: '_blank', rel: 'noopener' }, t('scenarios.preview'))),
    conflicts.map((conflict) => el('div', { class: 'mark conflict' },
      el('p', {}, '⚠ ', conflict.fromSync ? t('scenarios.conflictSync') : [t('scenarios.conflict'), ` (${conflict.file})`]),
      el('button', { type: 'button', class: 'text', onclick: () => { source.area.value = conflict.fileBody; source.area.dispatchEvent(new Event('input')); } },
        t(conflict.fromSync ? 'scenarios.useOther' : 'scenarios.useFile')))),
    el('label', { for: 'source' }, t('scenarios.source')), source.node, problems,
    el('label', { for: 'message' }, t('scenarios.message')), message,
    el('p', { class: 'actions' }, el('button', { type: 'button', class: 'text', id: 'save',
      onclick: () => save().catch((error) => status(error.message)) }, t('scenarios.save'))),
    copyForm(slug));
}

async function groupChoice(id) {
  const groups = await api('/api/groups').catch(() => []);
  return el('select', { id }, el('option', { value: '' }, t('scenarios.noGroup')),
    groups.map((group, index) => el('option', { value: group.id, selected: index === 0 || null }, group.name)));
}

function copyForm(slug) {
  const name = el('input', { type: 'text', id: 'copy-slug', pattern: '[a-z0-9-]+', required: true, value: `${slug}-2` });
  const form = el('form', { class: 'copy', onsubmit: async (event) => {
    event.preventDefault();
    const group = form.querySelector('select').value;
    try {
      const copied = await api(`${base(slug)}/copy`, { method: 'POST', body: { slug: name.value, group: group || undefined } });
      location.hash = `#/scenario/${copied.scenario.slug}`;
    } catch (error) { status(error.message); }
  } }, el('h2', {}, t('scenarios.copy')), el('label', { for: 'copy-slug' }, t('scenarios.newSlug')), name);
  groupChoice('copy-group').then((select) => form.append(el('label', { for: 'copy-group' }, t('scenarios.newGroup')), select,
    el('p', {}, el('button', { type: 'submit', class: 'text' }, t('scenarios.copy')))));
  return form;
}

/** Who wrote each revision, by name where the caller may see the person. */
async function names() {
  const people = await api('/api/people').catch(() => []);
  return new Map(people.map((person) => [person.id, person.displayName]));
}

async function history(slug) {
  const [revisions, people] = await Promise.all([api(`${base(slug)}/revisions`), names()]);
  const numbers = revisions.revisions.map((each) => each.number);
  const choose = (id, chosen) => el('select', { id }, numbers.map((n) => el('option', { value: n, selected: n === chosen || null }, `r${n}`)));
  const from = choose('diff-from', Math.max(1, revisions.current - 1)), to = choose('diff-to', revisions.current);
  const revert = async (number) => {
    if (!confirm(fill(t('scenarios.confirmRevert'), { n: number }))) return;
    const done = await api(`${base(slug)}/revert`, { method: 'POST', body: { revision: number },
      headers: { 'If-Match': `"r${revisions.current}"` } });
    status(`${t('scenarios.reverted')} ${done.scenario.revision}`);
    await history(slug);
  };
  show(el('p', {}, el('a', { href: `#/scenario/${slug}` }, t('scenarios.backTo'))), el('h1', {}, `${t('scenarios.history')} — ${slug}`),
    el('form', { class: 'compare', onsubmit: (event) => { event.preventDefault(); location.hash = `#/scenario/${slug}/diff/${from.value}/${to.value}`; } },
      el('label', { for: 'diff-from' }, t('scenarios.from')), from, el('label', { for: 'diff-to' }, t('scenarios.to')), to,
      el('button', { type: 'submit', class: 'text' }, t('scenarios.compare'))),
    el('div', { class: 'scroll' }, el('table', { class: 'revisions' },
      el('thead', {}, el('tr', {}, el('th', {}, t('scenarios.revision')), el('th', {}, t('scenarios.who')), el('th', {}, t('scenarios.when')), el('th', {}, t('scenarios.why')), el('th'))),
      el('tbody', {}, [...revisions.revisions].reverse().map((each) => el('tr', { 'data-revision': each.number },
        el('td', {}, `r${each.number}`, each.number === revisions.current ? ` (${t('scenarios.current')})` : ''),
        el('td', {}, each.authorId ? people.get(each.authorId) ?? each.authorId : t('scenarios.shipped')),
        el('td', {}, el('time', { datetime: each.createdAt }, when(each.createdAt))),
        el('td', {}, each.message),
        el('td', { class: 'actions' },
          el('a', { href: `#/scenario/${slug}/revision/${each.number}`, class: 'button', 'aria-label': `${t('scenarios.view')} r${each.number}` }, t('scenarios.view')),
          each.number === revisions.current ? null : el('button', { type: 'button', class: 'text revert', 'aria-label': `${t('scenarios.revert')} r${each.number}`,
            onclick: () => revert(each.number).catch((error) => status(error.message)) }, t('scenarios.revert')))))))));
}

async function revision(slug, number) {
  const old = await api(`${base(slug)}/revisions/${number}`);
  const source = sourceEditor(old.body, true);
  show(el('p', {}, el('a', { href: `#/scenario/${slug}/history` }, t('scenarios.history'))),
    el('h1', {}, `${slug} — ${fill(t('scenarios.readOnly'), { n: number })}`), el('p', {}, old.message, ' · ', when(old.createdAt)),
    el('label', { for: 'source' }, t('scenarios.source')), source.node);
}

async function diff(slug, from, to) {
  const answer = await api(`${base(slug)}/diff?from=${from}&to=${to}`);
  const sign = { added: '+', removed: '−', same: ' ' };
  const tag = { added: 'ins', removed: 'del', same: 'span' };
  show(el('p', {}, el('a', { href: `#/scenario/${slug}/history` }, t('scenarios.history'))),
    el('h1', {}, `${t('scenarios.diffOf')} r${answer.from} → r${answer.to}`),
    el('p', { class: 'summary' }, el('span', { class: 'd-added' }, `+${answer.added} ${t('scenarios.lines')} ${t('scenarios.added')}`), ' · ',
      el('span', { class: 'd-removed' }, `−${answer.removed} ${t('scenarios.lines')} ${t('scenarios.removed')}`)),
    el('pre', { class: 'diff', tabindex: '0', 'aria-label': `${t('scenarios.diffOf')} r${answer.from} → r${answer.to}` },
      answer.lines.map((line) => el('span', { class: `d-${line.change}` },
        el('span', { class: 'n', 'aria-hidden': 'true' }, String(line.oldLine ?? '')), el('span', { class: 'n', 'aria-hidden': 'true' }, String(line.newLine ?? '')),
        el(tag[line.change], {}, `${sign[line.change]} ${line.text}`), '\n'))));
}

async function newScenario() {
  const template = `---\nslug: mon-scenario\ntitle: ${t('scenarios.template')}\nlanguages: [${language}]\nthemes: []\nlevel: 1\nsteps:\n  - kind: talk\n    text: ${t('scenarios.talk')}\n---\n`;
  const source = sourceEditor(template);
  const problems = el('div', { class: 'problems', role: 'alert' });
  const visibility = el('select', { id: 'new-visibility' }, ['group', 'network', 'public'].map((v) => el('option', { value: v }, t(`scenarios.${v}`))));
  const group = await groupChoice('new-group');
  const create = async () => {
    problems.replaceChildren();
    try {
      const made = await api(`/api/scenarios?visibility=${visibility.value}${group.value ? `&group=${encodeURIComponent(group.value)}` : ''}`,
        { method: 'POST', body: new Blob([source.area.value], { type: 'text/markdown' }), headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
      location.hash = `#/scenario/${made.scenario.slug}`;
    } catch (error) {
      if (error.status !== 422 || !error.problems?.length) throw error;
      source.mark(error.problems.map((problem) => problem.line));
      problems.replaceChildren(el('p', {}, t('scenarios.invalid')), el('ul', {}, error.problems.map((problem) => el('li', {}, `${t('scenarios.line')} ${problem.line} : ${problem.reason}`))));
    }
  };
  show(el('p', {}, el('a', { href: '#/scenarios' }, t('scenarios.back'))), el('h1', {}, t('scenarios.create')),
    el('label', { for: 'source' }, t('scenarios.source')), source.node, problems,
    el('label', { for: 'new-group' }, t('scenarios.newGroup')), group, el('label', { for: 'new-visibility' }, t('scenarios.visibility')), visibility,
    el('p', {}, el('button', { type: 'button', class: 'text', id: 'create', onclick: () => create().catch((error) => status(error.message)) }, t('scenarios.createIt'))));
}
