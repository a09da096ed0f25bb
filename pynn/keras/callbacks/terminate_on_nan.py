"""`TerminateOnNaN`."""

import numpy as np

from pynn.keras.callbacks.callback import Callback, print_line


class TerminateOnNaN(Callback):
    """Stops training as soon as a batch's loss is NaN or infinite."""

    def on_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is not None:
            loss = float(np.asarray(loss))
            if np.isnan(loss) or np.isinf(loss):
                print_line(f"Batch {batch}: Invalid loss, terminating training")
                self.model.stop_training = True
