"""`Progbar`: the text progress bar `fit`, `evaluate` and `predict` print.

The output follows tf.keras 2.15 character for character (only the times differ):

* verbose=1 redraws one line. Each redraw starts with as many backspaces as the
  previous line was wide and a carriage return, then
  `  7/313 [>.....] - ETA: 2s - loss: 2.3010 - accuracy: 0.1071`; the last
  update ends with a newline and shows the time per step instead of the ETA.
* verbose=2 prints one line when the target is reached:
  `313/313 - 1s - loss: 0.3371 - 1s/epoch - 2ms/step`.

Everything is written with `sys.stdout.write` and flushed, so a browser console
that streams stdout sees each redraw as it happens.
"""

import sys
import time

import numpy as np


def _write(message):
    sys.stdout.write(message)
    sys.stdout.flush()


def format_duration(seconds, unit_name):
    """` 12ms/step`, ` 3s/epoch`, ` 850us/step`: a duration in the unit Keras picks."""
    if seconds >= 1 or seconds == 0:
        return f" {seconds:.0f}s/{unit_name}"
    if seconds >= 1e-3:
        return f" {seconds * 1e3:.0f}ms/{unit_name}"
    return f" {seconds * 1e6:.0f}us/{unit_name}"


def format_eta(seconds):
    if seconds > 3600:
        return f"{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:{int(seconds % 60):02d}"
    if seconds > 60:
        return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    return f"{int(seconds)}s"


def _format_value(value, positive_only=False):
    # verbose=1 compares |value| with 1e-3, verbose=2 compares the signed value (as Keras).
    small = value <= 1e-3 if positive_only else abs(value) <= 1e-3
    return f" {value:.4e}" if small else f" {value:.4f}"


class Progbar:
    """Displays a progress bar.

    Args:
        target: Total number of steps expected, None if unknown.
        width: Progress bar width on screen.
        verbose: Verbosity mode, 0 (silent), 1 (one redrawn line), 2 (one line at the end).
        interval: Minimum time in seconds between two redraws of the verbose=1 bar.
        stateful_metrics: Names of values shown as they are given; all other values
            are averaged over the steps seen so far.
        unit_name: Name of one step in the timing ("step" or "sample").
    """

    def __init__(
        self, target, width=30, verbose=1, interval=0.05, stateful_metrics=None, unit_name="step"
    ):
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.unit_name = unit_name
        self.stateful_metrics = set(stateful_metrics) if stateful_metrics else set()
        self._total_width = 0
        self._seen_so_far = 0
        self._values = {}  # name -> [weighted sum, count]
        self._values_order = []
        self._start = time.time()
        self._last_update = 0
        self._time_at_epoch_start = self._start
        self._time_at_epoch_end = None
        self._time_after_first_step = None

    def wants_update(self, current, finalize=None):
        """Whether `update(current, ...)` would draw anything.

        Callers with costly values (metric results) ask this first and skip
        computing them for redraws the interval would swallow anyway.
        """
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        if self.verbose == 1:
            return finalize or time.time() - self._last_update >= self.interval
        return self.verbose == 2 and finalize

    def update(self, current, values=None, finalize=None):
        """Updates the progress bar.

        Args:
            current: Index of the current step.
            values: List of `(name, value_for_last_step)` tuples.
            finalize: Whether this is the last update; defaults to `current >= target`.
        """
        if finalize is None:
            finalize = self.target is not None and current >= self.target
        for name, value in values or ():
            if name not in self._values:
                self._values_order.append(name)
            if name in self.stateful_metrics:
                self._values[name] = [value, 1]
            else:
                steps = max(current - self._seen_so_far, 1)
                if name in self._values:
                    self._values[name][0] += value * steps
                    self._values[name][1] += steps
                else:
                    self._values[name] = [value * steps, steps]
        self._seen_so_far = current

        now = time.time()
        if current == self.target:
            self._time_at_epoch_end = now
        if self.verbose == 1:
            if now - self._last_update < self.interval and not finalize:
                return
            self._draw_bar(current, now, finalize)
        elif self.verbose == 2 and finalize:
            self._draw_line(current, now)
        self._last_update = now

    def add(self, n, values=None):
        self.update(self._seen_so_far + n, values)

    def _averages(self):
        for name in self._values_order:
            total, count = self._values[name]
            yield name, float(np.mean(total / max(1, count)))

    def _draw_bar(self, current, now, finalize):
        previous_width = self._total_width
        message = "\b" * previous_width + "\r"
        if self.target is not None:
            digits = int(np.log10(self.target)) + 1
            bar = f"{int(current):{digits}d}/{self.target} ["
            filled = int(self.width * float(current) / self.target)
            if filled > 0:
                bar += "=" * (filled - 1) + (">" if current < self.target else "=")
            bar += "." * (self.width - filled) + "]"
        else:
            bar = f"{int(current):7d}/Unknown"
        self._total_width = len(bar)

        per_step = self._step_duration(current, now)
        if self.target is None or finalize:
            info = f" - {now - self._start:.0f}s" + format_duration(per_step, self.unit_name)
        else:
            info = " - ETA: " + format_eta(per_step * (self.target - current))
        for name, value in self._averages():
            info += f" - {name}:" + _format_value(value)
        self._total_width += len(info)
        if previous_width > self._total_width:
            info += " " * (previous_width - self._total_width)
        if finalize:
            info += "\n"
        _write(message + bar + info)

    def _draw_line(self, current, now):
        digits = int(np.log10(self.target)) + 1
        info = f"{int(current):{digits}d}/{self.target} - {now - self._start:.0f}s"
        for name, value in self._averages():
            info += f" - {name}:" + _format_value(value, positive_only=True)
        if self._time_at_epoch_end:
            epoch_time = self._time_at_epoch_end - self._time_at_epoch_start
            self._time_at_epoch_start = now
            self._time_at_epoch_end = None
            info += " -" + format_duration(epoch_time, "epoch")
            info += " -" + format_duration(epoch_time / self.target, self.unit_name)
            info += "\n"
        _write(info)

    def _step_duration(self, current, now):
        # The first step (graph building, warm-up) is left out of the estimate once
        # later steps exist.
        if not current:
            return 0
        if self._time_after_first_step is not None and current > 1:
            per_step = (now - self._time_after_first_step) / (current - 1)
        else:
            per_step = (now - self._start) / current
        if current == 1:
            self._time_after_first_step = now
        return per_step

    def _update_stateful_metrics(self, stateful_metrics):
        self.stateful_metrics = self.stateful_metrics.union(stateful_metrics)
