// The bundled example programs (web/examples/*.py, listed in site.config.json).
import { EXAMPLES, DEFAULT_EXAMPLE } from 'virtual:examples';
import { t, onLanguageChange } from './i18n.js';

export { EXAMPLES, DEFAULT_EXAMPLE };

export function findExample(name) {
  return EXAMPLES.find((example) => example.name === name) || null;
}

export function fillExamplesMenu(select) {
  const placeholder = document.createElement('option');
  placeholder.value = '';
  placeholder.textContent = t('examples.choose');
  select.appendChild(placeholder);
  onLanguageChange(() => {
    placeholder.textContent = t('examples.choose');
  });
  for (const example of EXAMPLES) {
    const option = document.createElement('option');
    option.value = example.name;
    option.textContent = example.title;
    select.appendChild(option);
  }
}
