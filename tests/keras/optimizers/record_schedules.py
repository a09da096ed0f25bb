"""Record learning-rate schedules from tf.keras 2.15 into `schedule_values.py`.

Run with the reference install (CI never needs TensorFlow):
    ~/.cache/reftf/bin/python tests/keras/optimizers/record_schedules.py
"""

import os
import pprint

STEPS = [0, 1, 2, 5, 9, 10, 11, 25, 37, 100, 250]

# Constructor text evaluated against `keras.optimizers.schedules` on both sides.
SCHEDULES = {
    "exponential": "ExponentialDecay(0.1, decay_steps=10, decay_rate=0.5)",
    "exponential_staircase": "ExponentialDecay(0.1, 10, 0.5, staircase=True)",
    "piecewise": "PiecewiseConstantDecay([5, 25], [1.0, 0.5, 0.1])",
    "polynomial": "PolynomialDecay(0.1, decay_steps=25)",
    "polynomial_power_cycle": "PolynomialDecay(0.1, 25, end_learning_rate=0.01, power=2.0, "
    "cycle=True)",
    "inverse_time": "InverseTimeDecay(0.1, decay_steps=10, decay_rate=0.5)",
    "inverse_time_staircase": "InverseTimeDecay(0.1, 10, 0.5, staircase=True)",
    "cosine": "CosineDecay(0.1, decay_steps=100)",
    "cosine_alpha": "CosineDecay(0.1, 100, alpha=0.1)",
    "cosine_warmup": "CosineDecay(0.0, 100, warmup_target=0.1, warmup_steps=10)",
    "cosine_restarts": "CosineDecayRestarts(0.1, first_decay_steps=10)",
    "cosine_restarts_mul": "CosineDecayRestarts(0.1, 10, t_mul=1.0, m_mul=0.5, alpha=0.01)",
}


def main():
    from tensorflow import keras

    namespace = dict(vars(keras.optimizers.schedules))
    results = {
        key: [float(eval(spec, namespace)(step)) for step in STEPS]
        for key, spec in SCHEDULES.items()
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schedule_values.py")
    with open(path, "w") as f:
        f.write('"""Recorded by record_schedules.py from tf.keras 2.15; do not edit."""\n\n')
        f.write("SCHEDULE_VALUES = ")
        f.write(pprint.pformat(results, width=100, sort_dicts=False))
        f.write("\n")


if __name__ == "__main__":
    main()
