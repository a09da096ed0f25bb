// The "this page cannot start" panel (#start-problem in index.html), shared by the start
// check (start-check.js, before the app) and the app (main.js, when Python cannot start).
// Text only, never HTML.

export function showStartProblem({ title, text, command = '', status = '' }) {
  const panel = document.getElementById('start-problem');
  if (!panel) return;
  const heading = document.createElement('strong');
  heading.textContent = title;
  const body = document.createElement('p');
  body.textContent = text;
  panel.replaceChildren(heading, body);
  if (command) {
    const code = document.createElement('pre');
    code.className = 'command';
    code.textContent = command;
    panel.appendChild(code);
  }
  panel.hidden = false;
  document.body.dataset.startProblem = 'shown';
  const statusLine = document.getElementById('status');
  if (statusLine && status) statusLine.textContent = status;
}
