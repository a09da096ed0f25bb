// The bundled example programs (web/examples/*.py and the seeds' notebook texts, listed in
// site.config.json), each in English and Korean.
import { EXAMPLES, DEFAULT_EXAMPLE } from 'virtual:examples';
import { t, language, onLanguageChange } from './i18n.js';

export { DEFAULT_EXAMPLE };

// An example in the page's language: { name, title, code, files, active } (Korean comments
// in the Korean UI; `files` and `active`: its tabs, see tabs-format.js).
function localized(example) {
  const lang = language();
  return {
    name: example.name,
    title: example.title[lang] || example.title.en,
    ...(example.variants[lang] || example.variants.en),
  };
}

export function findExample(name) {
  const example = EXAMPLES.find((candidate) => candidate.name === name);
  return example ? localized(example) : null;
}

export function fillExamplesMenu(select) {
  const placeholder = document.createElement('option');
  placeholder.value = '';
  placeholder.textContent = t('examples.choose');
  select.appendChild(placeholder);
  onLanguageChange(() => {
    placeholder.textContent = t('examples.choose');
  });
  const options = EXAMPLES.map((example) => {
    const option = document.createElement('option');
    option.value = example.name;
    select.appendChild(option);
    return option;
  });
  const fillTitles = () =>
    EXAMPLES.forEach((example, i) => {
      options[i].textContent = localized(example).title;
    });
  fillTitles();
  onLanguageChange(fillTitles);
}
