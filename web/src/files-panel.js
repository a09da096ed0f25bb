// The Files panel: the program's working folder, as the page keeps it. After each run the
// worker sends every new or changed file (workdir_file, with its bytes) and every removed one
// (workdir_removed); the page keeps the bytes, offers them as downloads, and puts them back
// into a new worker after a restart, so files last as long as the page. Upload puts files into
// the working folder (workdir_put); Delete removes them (workdir_delete).
//
// File names come from user code (and from the student's disk): they are shown as text only,
// and the name offered for download is cleaned (downloadName).
import { MSG } from './protocol.js';
import { t, onLanguageChange } from './i18n.js';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

// A name safe to offer as a download on any system: the file's own name (folders joined
// with '_'), no control or reserved characters, no leading dots, at most 120 characters.
export function downloadName(name) {
  let clean = String(name)
    .replace(/[\\/]+/g, '_')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_') // eslint-disable-line no-control-regex
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (clean.length > 120) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 12 ? clean.slice(dot) : '';
    clean = clean.slice(0, 120 - ext.length) + ext;
  }
  return clean || 'file';
}

export function formatSize(bytes) {
  if (bytes < 1024) return t('files.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('files.kb', { n: (bytes / 1024).toFixed(1) });
  return t('files.mb', { n: (bytes / (1024 * 1024)).toFixed(1) });
}

// createFilesPanel(section, {send(message, transfer), canChange() -> bool, showMessage(text)})
export function createFilesPanel(section, { send, canChange, showMessage }) {
  const files = new Map(); // name -> { size, bytes: ArrayBuffer | null, url | null }
  const list = section.querySelector('.files-list');
  const empty = section.querySelector('.files-empty');
  const input = section.querySelector('input[type=file]');

  function render() {
    list.replaceChildren();
    for (const name of [...files.keys()].sort()) {
      const file = files.get(name);
      const item = document.createElement('li');
      const link = document.createElement(file.url ? 'a' : 'span');
      link.className = 'file-name';
      link.textContent = name;
      if (file.url) {
        link.href = file.url;
        link.download = downloadName(name);
        link.title = t('files.download', { name });
      }
      const size = document.createElement('span');
      size.className = 'file-size';
      size.textContent = file.url
        ? formatSize(file.size)
        : t('files.tooLarge', { size: formatSize(file.size) });
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'file-delete';
      remove.textContent = t('files.delete');
      remove.setAttribute('aria-label', t('files.deleteName', { name }));
      remove.addEventListener('click', () => removeFile(name));
      item.append(link, size, remove);
      list.append(item);
    }
    empty.hidden = files.size > 0;
  }

  function keep(name, size, bytes) {
    const old = files.get(name);
    if (old && old.url) URL.revokeObjectURL(old.url);
    files.set(name, { size, bytes, url: bytes ? URL.createObjectURL(new Blob([bytes])) : null });
  }

  function forget(name) {
    const old = files.get(name);
    if (old && old.url) URL.revokeObjectURL(old.url);
    files.delete(name);
  }

  function removeFile(name) {
    if (!canChange()) {
      showMessage(t('files.busy'));
      return;
    }
    forget(name);
    send({ type: MSG.workdirDelete, name });
    render();
  }

  async function upload(chosen) {
    if (!canChange()) {
      showMessage(t('files.busy'));
      return;
    }
    for (const file of chosen) {
      if (file.size > MAX_UPLOAD_BYTES) {
        showMessage(
          t('files.uploadTooLarge', {
            name: file.name,
            size: formatSize(file.size),
            limit: formatSize(MAX_UPLOAD_BYTES),
          }),
        );
        continue;
      }
      const name = downloadName(file.name);
      const bytes = await file.arrayBuffer();
      keep(name, bytes.byteLength, bytes);
      const copy = bytes.slice(0);
      send({ type: MSG.workdirPut, name, bytes: copy }, [copy]);
    }
    render();
  }

  input.addEventListener('change', () => {
    upload([...input.files]).finally(() => {
      input.value = '';
    });
  });
  onLanguageChange(render);
  render();

  return {
    // A workdir_file / workdir_removed message from the worker.
    receive(message) {
      if (message.type === MSG.workdirFile) keep(message.name, message.size, message.bytes || null);
      else if (message.type === MSG.workdirRemoved) forget(message.name);
      render();
    },
    // A new worker started: give it the files the page keeps (before any program runs).
    restore() {
      for (const [name, file] of files) {
        if (!file.bytes) continue;
        const copy = file.bytes.slice(0);
        send({ type: MSG.workdirPut, name, bytes: copy }, [copy]);
      }
    },
  };
}
