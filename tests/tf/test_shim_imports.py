"""The shim: `tensorflow` / `keras` imports resolve to pynn (run in subprocesses, so the
aliases never leak into the test session), and `python -m pynn run`."""

import os
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_python(code, *args, cwd=None):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run(
        [sys.executable, *args] if not code else [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_aliases_are_the_same_module_objects():
    result = run_python("""
        import sys
        from pynn import shim
        shim.install()
        import tensorflow as tf
        import tensorflow.math
        import pynn.tf, pynn.keras
        assert tf is pynn.tf, tf
        assert tensorflow.math is pynn.tf.math
        from tensorflow import keras
        import keras as k2
        import tensorflow.keras as k3
        import tensorflow.python.keras as k4
        assert keras is pynn.keras and k2 is keras and k3 is keras and k4 is keras
        assert tf.keras is keras
        from tensorflow.keras.layers import Dense
        from keras.layers import Dense as D2
        assert Dense is D2 is tf.keras.layers.Dense
        assert sys.modules["keras.layers"] is sys.modules["pynn.keras.layers"]
        print("ok", tf.__version__)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok 2.15.1"


def test_unknown_submodule_is_a_normal_import_error():
    result = run_python("""
        from pynn import shim
        shim.install()
        try:
            import tensorflow.no_such_module
        except ModuleNotFoundError as e:
            print(e.name)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "tensorflow.no_such_module"


def test_importing_pynn_does_not_install_the_shim_and_uninstall_removes_it():
    result = run_python("""
        import sys
        import pynn, pynn.tf, pynn.ops
        from pynn import shim
        assert not shim.is_installed()
        try:
            import tensorflow
            print("real tensorflow" if "pynn" not in tensorflow.__name__ else "LEAK")
        except ImportError:
            print("no tensorflow")
        import numpy as np
        shim.install()
        import tensorflow as tf
        assert tf.__name__ == "pynn.tf"
        assert np.geterr()["over"] == "ignore"     # TF prints no overflow warnings
        shim.uninstall()
        assert np.geterr()["over"] == "warn"
        assert not shim.is_installed() and "tensorflow" not in sys.modules
        try:
            import tensorflow
            print("after:", "LEAK" if tensorflow.__name__ == "pynn.tf" else "real")
        except ImportError:
            print("after: none")
    """)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split()
    assert "LEAK" not in lines


def test_python_m_pynn_run(tmp_path):
    script = tmp_path / "tutorial.py"
    script.write_text(
        textwrap.dedent("""\
        import sys
        import tensorflow as tf
        x = tf.constant([[1.0, 2.0]])
        print(x)
        print(sys.argv[1:], __name__)

        def broken():
            raise ValueError("shape mismatch in the student's code")

        if "--fail" in sys.argv:
            broken()
    """)
    )
    ok = run_python(None, "-m", "pynn", "run", str(script), "a", "--flag", cwd=str(tmp_path))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == (
        "tf.Tensor([[1. 2.]], shape=(1, 2), dtype=float32)\n['a', '--flag'] __main__\n"
    )

    bad = run_python(None, "-m", "pynn", "run", str(script), "--fail", cwd=str(tmp_path))
    assert bad.returncode == 1
    assert bad.stderr.startswith(f'Traceback (most recent call last):\n  File "{script}", line 11')
    assert "line 8, in broken" in bad.stderr
    assert "runpy" not in bad.stderr
    assert bad.stderr.rstrip().endswith("ValueError: shape mismatch in the student's code")


def test_python_m_pynn_version_and_missing_script(tmp_path):
    version = run_python(None, "-m", "pynn", "--version")
    assert version.returncode == 0 and version.stdout.startswith("pynn ")
    missing = run_python(None, "-m", "pynn", "run", str(tmp_path / "nope.py"))
    assert missing.returncode == 2 and "can't open file" in missing.stderr
    exit_code = tmp_path / "exit3.py"
    exit_code.write_text("import sys\nsys.exit(3)\n")
    assert run_python(None, "-m", "pynn", "run", str(exit_code)).returncode == 3
