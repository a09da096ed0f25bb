// The page's languages: every piece of UI text goes through `t(key, vars)`.
// English and Korean tables live in strings/en.js and strings/ko.js (same keys).
// The language comes from ?lang=ko|en (forces it for this page load), else the choice made
// with the language menu (remembered in localStorage), else the browser's languages, else
// English. <html lang> follows. Elements in index.html carry `data-i18n="key"` for their text
// and `data-i18n-attr="attribute:key;…"` for attributes (title, aria-label, placeholder).
import { EN } from './strings/en.js';
import { KO } from './strings/ko.js';

export const TABLES = Object.freeze({ en: EN, ko: KO });
export const LANGUAGES = Object.freeze(Object.keys(TABLES));
const STORAGE_KEY = 'pynn.playground.lang';

let current = 'en';
const listeners = new Set();

// Pure: the language for a query string, a remembered choice and navigator.languages.
export function chooseLanguage({ search = '', stored = null, browser = [] } = {}) {
  const forced = new URLSearchParams(search).get('lang');
  if (forced && LANGUAGES.includes(forced.toLowerCase())) return forced.toLowerCase();
  if (stored && LANGUAGES.includes(stored)) return stored;
  for (const tag of browser) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(primary)) return primary;
  }
  return 'en';
}

// "Hello {name}" + {name: 'x'} -> "Hello x". A key missing from the current table falls back
// to English; a key missing from both is returned as it is (so it shows up, and tests catch it).
export function t(key, vars) {
  const text = TABLES[current][key] ?? EN[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

export function has(key) {
  return key in EN;
}

export function language() {
  return current;
}

// Fills every [data-i18n] / [data-i18n-attr] element under root.
export function translatePage(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attribute, key] = pair.split(':').map((part) => part.trim());
      if (attribute && key) el.setAttribute(attribute, t(key));
    }
  }
}

function apply(lang) {
  current = lang;
  document.documentElement.lang = lang;
  translatePage();
  for (const listener of listeners) listener(lang);
}

// The user's choice from the language menu: applied and remembered.
export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) return;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // storage disabled: the choice holds for this page load
  }
  apply(lang);
}

// Called when the language changes (to redraw text that is not in index.html).
export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function storedLanguage() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

// Picks the language at start-up and translates the page; then the menu switches it.
export function initLanguage(select) {
  apply(
    chooseLanguage({
      search: location.search,
      stored: storedLanguage(),
      browser: navigator.languages || [navigator.language],
    }),
  );
  if (!select) return;
  select.replaceChildren(
    ...LANGUAGES.map((lang) => {
      const option = document.createElement('option');
      option.value = lang;
      option.textContent = TABLES[lang]['language.name'];
      option.lang = lang;
      return option;
    }),
  );
  select.value = current;
  select.addEventListener('change', () => setLanguage(select.value));
  onLanguageChange((lang) => {
    select.value = lang;
  });
}
