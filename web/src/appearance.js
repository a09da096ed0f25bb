// How the page looks: a dark theme and a large-text (projector) mode, each a toggle button
// (aria-pressed) whose choice is remembered in this browser. The theme starts from the
// system's preference until the student picks one. Both are attributes on <html>
// (data-theme="dark", data-text="large") that style.css reads; the editor's syntax colours are
// CSS variables too (editor.js), so nothing else has to be redrawn.

const KEYS = Object.freeze({ theme: 'pynn.theme', text: 'pynn.textSize' });

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage blocked: the choice lasts for this page only
  }
}

function remember(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage blocked */
  }
}

export function initialAppearance({ theme, text, prefersDark }) {
  return {
    dark: theme ? theme === 'dark' : Boolean(prefersDark),
    large: text === 'large',
  };
}

function apply(root, { dark, large }, buttons) {
  if (dark) root.dataset.theme = 'dark';
  else delete root.dataset.theme;
  if (large) root.dataset.text = 'large';
  else delete root.dataset.text;
  buttons.theme.setAttribute('aria-pressed', String(dark));
  buttons.text.setAttribute('aria-pressed', String(large));
}

export function initAppearance({ themeButton, textButton, root = document.documentElement }) {
  const prefersDark = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches;
  const state = initialAppearance({
    theme: stored(KEYS.theme),
    text: stored(KEYS.text),
    prefersDark,
  });
  const buttons = { theme: themeButton, text: textButton };
  apply(root, state, buttons);
  themeButton.addEventListener('click', () => {
    state.dark = !state.dark;
    remember(KEYS.theme, state.dark ? 'dark' : 'light');
    apply(root, state, buttons);
  });
  textButton.addEventListener('click', () => {
    state.large = !state.large;
    remember(KEYS.text, state.large ? 'large' : 'normal');
    apply(root, state, buttons);
  });
  return state;
}
