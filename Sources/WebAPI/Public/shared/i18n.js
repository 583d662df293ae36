// The one translation helper of the client: every screen's words, by key, in French and English;
// the language is the one asked for (`?lang=en`), else the browser's. A screen adds its own words
// (under a prefix when they would clash with another screen's) and looks them up with `t`.
import { sharedWords } from './words.js';

const wanted = new URLSearchParams(location.search).get('lang') || navigator.languages?.[0] || navigator.language || 'fr';
export const language = wanted.toLowerCase().startsWith('en') ? 'en' : 'fr';
document.documentElement.lang = language;

const words = { fr: {}, en: {} };

/** Adds words (`{ fr: { key: … }, en: { … } }`), as `prefix.key` when a prefix is given. */
export function addWords(table, prefix = '') {
  for (const lang of Object.keys(words)) {
    for (const [key, word] of Object.entries(table[lang] ?? {})) words[lang][prefix ? `${prefix}.${key}` : key] = word;
  }
}
addWords(sharedWords);

/**
 * The word for `key` in the screen's language (the French one when English has none, else the
 * key itself). `values` fills it in: a plain value replaces `%s`, an object replaces `{name}`.
 */
export function t(key, values) {
  const word = words[language][key] ?? words.fr[key] ?? key;
  if (values == null) return word;
  if (typeof values !== 'object') return word.replace('%s', values);
  return word.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? '');
}
