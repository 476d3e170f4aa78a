"""``self.compiled_loss`` and ``self.compiled_metrics``: how a custom ``train_step``
used what ``compile`` was given, in Keras 2 (and in the book's chapter 7)::

    class CustomModel(keras.Model):
        def train_step(self, data):
            inputs, targets = data
            with tf.GradientTape() as tape:
                predictions = self(inputs, training=True)
                loss = self.compiled_loss(targets, predictions)
            gradients = tape.gradient(loss, self.trainable_weights)
            self.optimizer.apply_gradients(zip(gradients, self.trainable_weights))
            self.compiled_metrics.update_state(targets, predictions)
            return {m.name: m.result() for m in self.metrics}

Keras 3 keeps both names for such code and warns that they are deprecated; the Keras 3
way is ``loss = self.compute_loss(x=inputs, y=targets, y_pred=predictions)``, then
updating the metrics of ``self.metrics`` yourself (the one named "loss" with the loss,
the others with ``(targets, predictions)``).  Here they warn too, once per place in your
code.

What they do here is what they did in Keras 2: ``compiled_loss`` computes the compiled
loss *and* adds it to the running mean logged as ``loss``; ``compiled_metrics`` updates
the compiled metrics.  (Keras 3.15's ``compiled_metrics.update_state`` instead passes
the predictions to every ``Mean`` in ``self.metrics``, the loss tracker included, so
with this listing it logs the mean of the predictions as ``loss``; teachtensor logs the
loss the book means.)
"""
import warnings

_LOSS_MESSAGE = ("model.compiled_loss(y, y_pred) is the Keras 2 way, deprecated in Keras "
                 "3. Instead use loss = self.compute_loss(x=x, y=y, y_pred=y_pred), and "
                 "update the metric named 'loss' in self.metrics with it.")
_METRICS_MESSAGE = ("model.compiled_metrics.update_state(y, y_pred) is the Keras 2 way, "
                    "deprecated in Keras 3. Instead update each metric of self.metrics: "
                    "metric.update_state(y, y_pred) (the one named 'loss' with the loss).")


class Keras2CompiledLoss:
    """``model.compiled_loss(y_true, y_pred, regularization_losses=None)``: the loss
    compiled into ``model``, plus the sum of ``regularization_losses`` (a list of scalar
    tensors, e.g. ``self.losses``), as a scalar tensor; also counted into the running
    mean that is logged as ``loss``."""

    def __init__(self, model):
        self.model = model

    def __call__(self, y_true, y_pred, sample_weight=None, regularization_losses=None):
        warnings.warn(_LOSS_MESSAGE, UserWarning, stacklevel=2)
        model = self.model
        if model._compile_loss is None:
            raise RuntimeError("model.compiled_loss: the model has not been compiled yet; "
                               "call model.compile(optimizer=..., loss=...) first")
        extras = list(regularization_losses or [])
        for i, extra in enumerate(extras):
            if len(getattr(extra, "shape", ())) != 0:
                raise ValueError(f"regularization_losses must be scalars (one number each), "
                                 f"but item {i} has shape {tuple(extra.shape)}; reduce it "
                                 f"first, e.g. tf.reduce_sum(...)")
        loss = model._compile_loss(y_true, y_pred, sample_weight)
        for extra in extras:
            loss = loss + extra
        model._track_loss(loss, y_pred)
        return loss


class Keras2CompiledMetrics:
    """``model.compiled_metrics.update_state(y_true, y_pred)``: adds a batch to each
    metric given to ``compile(metrics=[...])``."""

    def __init__(self, model):
        self.model = model

    def update_state(self, y_true, y_pred, sample_weight=None):
        warnings.warn(_METRICS_MESSAGE, UserWarning, stacklevel=2)
        if self.model._compile_metrics is None:
            raise RuntimeError("model.compiled_metrics: the model has not been compiled "
                               "yet; call model.compile(optimizer=..., metrics=[...]) first")
        self.model._compile_metrics.update_state(y_true, y_pred, sample_weight)
