"""What every optimizer shares: the learning rate, the step counter, slots, clipping,
and the machinery of a step (``optimizers.py`` has the update rules themselves).

Around each rule's ``update_step`` two things happen:

* **A step is all or nothing.**  Everything is checked before anything changes, and
  every write goes through ``self.assign`` (or ``assign_add`` / ``assign_sub``), which
  notes the array it replaces.  If anything fails in the middle of a step — an error,
  or Ctrl-C — every weight, slot and the step counter get those arrays back: the step
  never happened (``optimizer_step.py``).
* **A fast path.**  Written with operations, one RMSprop step sweeps the weight's
  memory about eight times (``g * g``, ``rho * v``, ``+``, ``sqrt``, ``/``...), each
  sweep making a temporary array.  A backend may offer the same update as one fused
  kernel (``backend.fused_update``: read each element once, compute in registers,
  write the new weight and slots), and the Numba backend does.  It computes exactly
  what ``update_step`` computes; the tests check the two against each other.

  Speed trick, *double buffering*: the fused kernel writes into the array that the
  variable held before its previous step (kept as a "spare"), not into a new one.
  A new array of a megabyte or more comes from the operating system as fresh pages,
  and touching each page the first time costs a page fault: that made the fused
  step six times slower.  A spare is reused only when nobody else was given it (the
  variable's ``_shared`` flag was not set), so no tensor read earlier ever changes.
"""
import inspect
import warnings

import numpy as np

from ..ops.arithmetic import maximum, minimum
from ..ops.functions import sqrt, square
from ..ops.reductions import reduce_sum
from ..ops.selection import cast, clip_by_value, where
from ..recording import arrays_held
from ..tensor import Tensor, convert_to_tensor
from ..variable import Variable, variable_label
from .layers.naming import snake_case, unique_name
from .name_scope import name_scope, path_of
from .variable import Variable as KerasVariable
from .optimizer_step import Step, not_recorded
from .suggestions import did_you_mean
from .weight_decay import apply_weight_decay, checked_weight_decay


class Optimizer:
    """What every optimizer shares: the learning rate, the step counter, clipping, slots.

    Arguments:
        learning_rate: a float, or a callable ``schedule(step) -> float`` evaluated at
            every step (step = ``iterations``, starting at 0).
        clipnorm: rescale each gradient so that its L2 norm is at most this.
        clipvalue: clip each gradient element to ``[-clipvalue, clipvalue]``.
        global_clipnorm: rescale all gradients together so that the norm of all of
            them, concatenated, is at most this.  (Set at most one of the three.)

    Subclasses list their slot names in ``slot_names()`` and implement
    ``update_step(gradient, variable, learning_rate)`` with ``self.assign`` & co.

    Example::

        >>> opt = keras.optimizers.SGD(learning_rate=0.1)
        >>> print(isinstance(opt, keras.optimizers.Optimizer), opt.learning_rate.numpy())
        True 0.1
    """

    fused_rule = None  # the name of this rule for backend.fused_update, if it has one

    def __init__(self, learning_rate=0.001, name=None, clipnorm=None, clipvalue=None,
                 global_clipnorm=None, weight_decay=None, use_ema=False, ema_momentum=0.99,
                 ema_overwrite_frequency=None, loss_scale_factor=None,
                 gradient_accumulation_steps=None, **unknown):
        if unknown:
            raise ValueError(_not_recognized(type(self), unknown))
        for option, value, unused in [("use_ema", use_ema, False),
                                      ("ema_momentum", ema_momentum, 0.99),
                                      ("ema_overwrite_frequency", ema_overwrite_frequency, None),
                                      ("loss_scale_factor", loss_scale_factor, None),
                                      ("gradient_accumulation_steps",
                                       gradient_accumulation_steps, None)]:
            if value != unused:  # Keras options teachtensor does not have: refused, not ignored
                raise ValueError(f"{type(self).__name__}: teachtensor has no {option} (only "
                                 f"{option}={unused!r}); got {option}={value!r}")
        if sum(c is not None for c in (clipnorm, clipvalue, global_clipnorm)) > 1:
            raise ValueError(f"Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can "
                             f"be set. Received: clipnorm={clipnorm}, clipvalue={clipvalue}, "
                             f"global_clipnorm={global_clipnorm}")
        # Keras 3's default names: "sgd", "sgd_1", ...; RMSprop's is "rm_sprop" (the
        # snake_case of its class name, as layers get theirs)
        self.name = name or unique_name(snake_case(type(self).__name__))
        # Its variables (the step count, the rate, the slots) are keras.Variables with
        # paths under the optimizer's: "adam/iteration", "adam/dense_kernel_momentum"
        self._path = path_of(self.name)
        self.clipnorm = clipnorm
        self.clipvalue = clipvalue
        self.global_clipnorm = global_clipnorm
        self.weight_decay = checked_weight_decay(weight_decay)  # (weight_decay.py)
        self._decay_excluded_variables, self._decay_excluded_names = [], []
        with name_scope(self._path):
            self.iterations = KerasVariable(np.int64(0), trainable=False, name="iteration")
            self._learning_rate = KerasVariable(np.float32(0), trainable=False,
                                                name="learning_rate")
        self._schedule = None
        self.learning_rate = learning_rate
        self._slots = {}  # id(variable) -> (variable, {slot name: slot Variable})
        self._built_for = {}  # id(variable) -> variable: the variables it is for (_remember)
        self._journal = None  # during a step: [(variable, its array before the step)]
        self._spares = {}     # id(variable or slot) -> an array to write its next values in
        self._steps_here = 0  # steps taken in this process (iterations may be restored)

    # -- the learning rate -----------------------------------------------------------
    @property
    def learning_rate(self):
        """The current learning rate (a float32 Variable; assign to it, or set it)."""
        if self._schedule is not None:  # this step's rate, as a float32 tensor (Keras)
            rate = self._schedule(int(self.iterations.numpy()))
            return convert_to_tensor(np.float32(rate), like=self._learning_rate)
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value):
        if callable(value) and not isinstance(value, Tensor):
            self._schedule = value
            return
        if self._schedule is not None:
            raise TypeError("this optimizer was created with a learning-rate schedule (a "
                            "callable), so its learning rate cannot be set to a number")
        try:
            self._learning_rate.assign(np.float32(float(value)))
        except (TypeError, ValueError):
            raise TypeError(f"learning_rate must be a number or a callable schedule(step), "
                            f"got {type(value).__name__} {value!r}") from None

    # -- the public entry points -----------------------------------------------------
    def apply_gradients(self, grads_and_vars):
        """One step: move each variable using its gradient.  ``grads_and_vars`` is an
        iterable of ``(gradient, variable)`` pairs (``zip(grads, variables)``); pairs
        whose gradient is None are skipped.  Returns ``iterations`` (the step count)."""
        pairs = list(grads_and_vars)
        for pair in pairs:
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2):
                raise TypeError(f"apply_gradients takes (gradient, variable) pairs, e.g. "
                                f"zip(grads, model.trainable_weights); got {pair!r}")
        return self.apply([g for g, _ in pairs], [v for _, v in pairs])

    def apply(self, grads, trainable_variables=None):
        """Like ``apply_gradients(zip(grads, trainable_variables))``."""
        gradients, variables = self._checked(grads, trainable_variables)  # changes nothing
        learning_rate = self.learning_rate  # the Variable (on the device), or a schedule's float
        hyperparameters = self.fused_hyperparameters(_raw(learning_rate))  # the same for all
        rule = self._rule_for_this_step(variables)
        with not_recorded(), self._all_or_nothing():
            gradients = self._clip(gradients)
            if self.weight_decay is not None:  # w -= w * weight_decay * lr first (Keras)
                apply_weight_decay(self, variables, learning_rate)
            for gradient, variable in zip(gradients, variables):
                self._update(gradient, variable, learning_rate, hyperparameters, rule)
            self.assign_add(self.iterations, 1)
        if not self._built_for:  # the first step: these are this optimizer's variables
            self._remember(trainable_variables)
        self._steps_here += 1
        return self.iterations

    def build(self, variables):
        """Create the slots of ``variables`` now (otherwise: at their first update)."""
        self._remember(variables)
        for v in variables:
            self._slots_of(v)

    def _remember(self, variables):
        """The variables this optimizer is for, as Keras 3 builds it: those of its first
        step (with or without a gradient) or of ``build``. A step with any other
        variable is refused (``_checked``): an optimizer passed to a second model would
        go on counting steps, and Adam's bias correction with them, as if nothing changed."""
        self._built_for.update((id(v), v) for v in variables or [] if isinstance(v, Variable))

    def exclude_from_weight_decay(self, var_list=None, var_names=None):
        """Leave these variables out of the weight decay: ``var_list`` by object,
        ``var_names`` by any part of their names (``["bias"]``), as in Keras."""
        self._decay_excluded_variables.extend(var_list or [])
        self._decay_excluded_names.extend(var_names or [])

    @property
    def variables(self):
        """The optimizer's own state: iterations, learning rate, then every slot."""
        slots = [s for _, named in self._slots.values() for s in named.values()]
        return [self.iterations, self._learning_rate] + slots

    def get_config(self):
        """The arguments that rebuild this optimizer: ``type(opt)(**opt.get_config())``."""
        if self._schedule is not None:  # as Keras writes a schedule: a JSON-ready dict
            from .saving.serialization import serialize_keras_object
            lr = serialize_keras_object(self._schedule)
        else:
            lr = float(self._learning_rate)
        return {"name": self.name, "learning_rate": lr, "weight_decay": self.weight_decay,
                "clipnorm": self.clipnorm, "clipvalue": self.clipvalue,
                "global_clipnorm": self.global_clipnorm}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):  # a schedule, as a file holds it
            from .saving.serialization import deserialize_keras_object
            config["learning_rate"] = deserialize_keras_object(config["learning_rate"],
                                                               custom_objects)
        return cls(**config)

    def __repr__(self):
        return f"<{type(self).__name__} learning_rate={float(self.learning_rate):g}>"

    # -- what subclasses provide -------------------------------------------------------
    def slot_names(self):
        """The names of the per-variable slots this optimizer keeps (in its options)."""
        return []

    def slot_groups(self):
        """How Keras orders the slots in a saved file: for each group, the group's slots
        of every variable in turn (``saving/weight_layout.py``).  One group per slot
        unless a rule creates several together (Adam)."""
        return [[name] for name in self.slot_names()]

    def slot_initial_value(self, name):
        return 0.0

    def update_step(self, gradient, variable, learning_rate):
        """Move ``variable`` using ``gradient`` (a tensor of its shape and dtype) and
        ``learning_rate`` (a scalar tensor of its dtype), writing with ``self.assign``."""
        raise NotImplementedError(f"{type(self).__name__} must implement update_step")

    def fused_hyperparameters(self, learning_rate):
        """The numbers ``backend.fused_update`` needs for this rule (a dict).  Values
        that live on the device — the learning rate, the step counter — are given as
        the backend's 0-d arrays, so that no number is copied to the host at each step."""
        return {"learning_rate": learning_rate}

    # -- writing, for update_step: every write can be undone until the step ends --------
    def slot(self, variable, name):
        """The slot ``name`` of ``variable`` (a non-trainable Variable of its shape)."""
        return self._slots_of(variable)[name]

    def assign(self, variable, value):
        """variable = value, as part of this step."""
        self._note(variable)
        variable.assign(value)

    def assign_add(self, variable, value):
        """variable = variable + value, as part of this step."""
        self._note(variable)
        variable.assign_add(value)

    def assign_sub(self, variable, value):
        """variable = variable - value, as part of this step."""
        self._note(variable)
        variable.assign_sub(value)

    def _note(self, variable):
        """Remember ``variable``'s array before the step's first write to it."""
        if self._journal is not None:
            self._journal.append((variable, variable._data, variable._shared))

    # -- the step, inside ---------------------------------------------------------------
    def _checked(self, grads, variables):
        """(gradients as tensors of their variables' dtypes, variables), None pairs
        dropped; raises, before anything changes, when a pair does not fit."""
        grads = list(grads)
        variables = list(variables or [])
        if len(grads) != len(variables):
            raise ValueError(f"got {len(grads)} gradients for {len(variables)} variables; "
                             f"give one gradient per variable (None where there is none)")
        checked_grads, checked_vars = [], []
        for gradient, variable in zip(grads, variables):
            if gradient is None:
                continue
            if not isinstance(variable, Variable):
                raise TypeError(f"optimizers update tf.Variable objects, got "
                                f"{type(variable).__name__}; only Variables can be assigned to")
            data = variable._data
            if data.dtype.kind != "f":
                raise TypeError(f"cannot train the {variable.dtype.name} variable "
                                f"'{variable_label(variable)}': only floating-point variables have "
                                f"gradients")
            if not isinstance(gradient, Tensor):
                gradient = convert_to_tensor(gradient, dtype=variable.dtype)
            if gradient._data.dtype != data.dtype:
                raise TypeError(f"the {gradient.dtype.name} gradient does not fit the "
                                f"{variable.dtype.name} variable '{variable_label(variable)}'; cast it "
                                f"with "
                                f"tf.cast(gradient, tf.{variable.dtype.name})")
            if gradient._data.shape != data.shape:
                raise ValueError(f"the gradient of shape {tuple(gradient.shape)} does not fit "
                                 f"the variable '{variable_label(variable)}' of shape "
                                 f"{tuple(variable.shape)}; pair each gradient with its own "
                                 f"variable")
            if gradient._backend is not variable._backend and \
                    gradient._backend.device != variable._backend.device:
                raise ValueError(f"the gradient of '{variable_label(variable)}' is on {gradient.device}, "
                                 f"the variable on {variable.device}; they must share a device")
            checked_grads.append(gradient)
            checked_vars.append(variable)
        unknown = [v for v in checked_vars if id(v) not in self._built_for]
        if unknown and self._built_for:
            raise ValueError(
                f"Unknown variable: '{unknown[0].name}'. This {type(self).__name__} was built "
                f"for other variables (another model's, or before some layers were "
                f"unfrozen): its step count ({int(self.iterations)}) and slots belong to "
                f"them. Make a new optimizer for each model, e.g. "
                f"compile(optimizer=keras.optimizers.{type(self).__name__}(...)) or "
                f"optimizer='{type(self).__name__.lower()}', as Keras 3 requires.")
        if not checked_vars:
            names = [getattr(v, "name", repr(v)) for v in variables]
            raise ValueError(f"No gradients provided for any variable: {names}. Were the "
                             f"losses computed inside the GradientTape, from these variables?")
        missing = [getattr(v, "name", repr(v)) for g, v in zip(grads, variables) if g is None]
        if missing:  # Keras's warning, from the line that called apply_gradients
            warnings.warn(f"Gradients do not exist for variables {missing} when minimizing "
                          f"the loss. If using `model.compile()`, did you forget to provide "
                          f"a `loss` argument?", stacklevel=4)
        return checked_grads, checked_vars

    def _rule_for_this_step(self, variables):
        """The rule to offer ``backend.fused_update`` this step, or None for
        ``update_step``: None when this optimizer has no fused rule, or when the backend
        would rather not compile a kernel yet for work this small (``numba_cpu.py``: a
        small model's first steps run the operations, a long training the kernel)."""
        rule = _fused_rule(self)
        if rule is None:
            return None
        largest = max(v._data.size for v in variables)
        wanted = variables[0]._backend.wants_fused_update(largest, self._steps_here)
        return rule if wanted else None

    def _update(self, gradient, variable, learning_rate, hyperparameters, rule):
        """One variable's update: the backend's fused kernel for ``rule`` if it has
        one, else ``update_step`` (the same equations, as operations)."""
        if rule is not None:
            slots = self._slots_of(variable)
            offered = (self._spares.pop(id(variable), None),
                       {name: self._spares.pop(id(s), None) for name, s in slots.items()})
            result = variable._backend.fused_update(
                rule, variable._data, gradient._data,
                {name: s._data for name, s in slots.items()}, hyperparameters, offered)
            if result is not None:
                new_weight, new_slots = result
                for name, slot in slots.items():
                    self._note(slot)
                    slot._replace_data(new_slots[name])
                self._note(variable)
                variable._replace_data(new_weight)
                return
        if not isinstance(learning_rate, Tensor):
            learning_rate = convert_to_tensor(learning_rate, like=variable)  # a schedule's value
        self.update_step(gradient, variable, cast(learning_rate, variable.dtype))

    def _keep_spares(self, journal):
        """After a step that worked: each replaced array that nobody else was given
        becomes its variable's spare (double buffering).  None does while a tape may
        still compute a gradient from the arrays its operations read (a persistent
        tape kept alive, ``recording.arrays_held``): the next step would write into
        them."""
        if arrays_held():
            return
        first = {}
        for variable, data, shared in journal:
            if variable is not None and id(variable) not in first:
                first[id(variable)] = (data, shared)
        for key, (data, shared) in first.items():
            if not shared:
                self._spares[key] = data

    def _all_or_nothing(self):
        return Step(self)

    def _clip(self, grads):
        """Apply clipnorm / global_clipnorm / clipvalue (Keras's formulas)."""
        if self.clipnorm:          # g * c / max(|g|, c)
            return [_clip_by_norm(g, self.clipnorm) for g in grads]
        if self.global_clipnorm:   # all g * c * min(1/|all g|, 1/c)
            c = self.global_clipnorm
            norm = sqrt(sum(reduce_sum(square(g)) for g in grads))
            scale = c * minimum(1.0 / norm, 1.0 / c)
            return [g * cast(scale, g.dtype) for g in grads]
        if self.clipvalue:         # g limited to [-c, c]
            return [clip_by_value(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads

    def _slots_of(self, variable):
        """This variable's slots, created on its first update (filled with their start
        value).  Created during a step, they are removed again if the step fails."""
        entry = self._slots.get(id(variable))
        if entry is None:  # the entry holds the variable, so its id stays unique
            backend = variable._backend
            with name_scope(self._path):
                named = {name: KerasVariable(
                             Tensor(backend.full(variable._data.shape,
                                                 self.slot_initial_value(name),
                                                 variable._data.dtype), backend),
                             trainable=False, name=f"{_slot_prefix(variable)}_{name}")
                         for name in self.slot_names()}
            entry = self._slots[id(variable)] = (variable, named)
            if self._journal is not None:
                self._journal.append((None, id(variable), None))  # undo: forget them
        return entry[1]


def _not_recognized(cls, unknown):
    """Keras's message for unknown arguments, and what was probably meant."""
    message = f"Argument(s) not recognized: {unknown}. "
    if "lr" in unknown:
        return message + (f"The learning rate is called learning_rate (lr was its name in "
                          f"Keras 2): {cls.__name__}(learning_rate={unknown['lr']!r})")
    known = _argument_names(cls)
    return (message + did_you_mean(next(iter(unknown)), known) +
            f"{cls.__name__} takes {', '.join(known)}.")


def _argument_names(cls):
    """The keyword arguments an optimizer class takes: its own and Optimizer's."""
    names = set()
    for klass in cls.__mro__:
        if klass is not object and "__init__" in vars(klass):
            for name, p in inspect.signature(klass.__init__).parameters.items():
                if name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                    names.add(name)
    return sorted(names)


def _raw(value):
    """A tensor's backend array (for backend.fused_update), or a number as it is."""
    return value._data if isinstance(value, Tensor) else value


def _fused_rule(optimizer):
    """The rule ``backend.fused_update`` may run for ``optimizer``: its ``fused_rule``,
    but only while ``update_step`` is the one that rule fuses (a subclass that writes
    its own ``update_step`` gets that, not the kernel of its parent)."""
    rule = optimizer.fused_rule
    if rule is None or "fused_rule" in vars(optimizer):
        return rule
    for cls in type(optimizer).__mro__:
        if "update_step" in vars(cls):
            return rule if vars(cls).get("fused_rule") == rule else None
    return None


def _clip_by_norm(g, clip_norm):
    """g * c / max(|g|, c), with |g| = sqrt(sum(g^2)) (0 stays 0), as Keras writes it."""
    l2sum = reduce_sum(square(g))
    positive = l2sum > 0
    l2norm = where(positive, sqrt(where(positive, l2sum, 1)), l2sum)
    return g * clip_norm / maximum(l2norm, clip_norm)


def _slot_prefix(variable):
    """A slot's name starts with its variable's path, '/' made '_', as in Keras 3:
    ``sequential_dense_kernel_velocity`` (a tf.Variable has no path: its name, ':'
    made '_' too: ``w_0_velocity`` for ``w:0``)."""
    where = getattr(variable, "path", None) or variable.name.replace(":", "_")
    return where.replace("/", "_")
