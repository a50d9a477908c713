#!/usr/bin/python3
"""Keras 3 `.keras` files with SNN parts, written with h5py and numpy in the exact layout Keras 3
writes (Keras itself cannot be installed here: no pip, and Debian packages no Keras), with the
outputs numpy computes for fixed inputs as the independent reference. Run from the repository
root (needs Debian's python3-h5py and python3-numpy):

    /usr/bin/python3 packages/snn-layers/scripts/make-keras-file-fixtures.py
    /usr/bin/python3 packages/snn-layers/scripts/make-keras-file-fixtures.py --read FILE.keras

The second form prints what h5py and zipfile read from a `.keras` file as JSON (the archive's
members, metadata.json, config.json and every dataset of model.weights.h5 with its shape, dtype,
values and the `name` attribute of its group); the tests run it on the files `toKerasFile`
writes when /usr/bin/python3 has h5py.

The layout, as Keras 3.16 writes it (keras/src/saving/saving_lib.py, read at keras-team/keras
3422977a5e, version 3.16.0):
- `_save_model_to_fileobj`: a zip archive (`zipfile.ZipFile(fileobj, "w")`, so ZIP_STORED, no
  compression) whose members are written in the order `metadata.json`, `config.json`,
  `model.weights.h5`; the asset store adds nothing when no layer has assets.
- `_serialize_model_as_json`: metadata.json is `{"keras_version", "date_saved"}` with the date
  as `%Y-%m-%d@%H:%M:%S`; config.json is `serialize_keras_object(model)`.
- `serialize_keras_object` / `get_build_and_compile_config` (serialization_lib.py): an entry is
  `{"module", "class_name", "config", "registered_name"}` plus `"build_config"` for built
  objects; `"compile_config"` only when the model was compiled (these are not).
- `_save_state`: every saveable with a name gets `weights_store.make(inner_path,
  metadata={"name": name})`, which `H5IOStore._create_h5_group` turns into the group
  `<inner_path>/vars` (the root's is `vars`) with the attribute `name`, even when the saveable has
  no variables. The model's layers are visited first (`_walk_saveable` yields `"layers"`), and
  `_save_container_state` names each layer's path by its class, not its name:
  `naming.to_snake_case(type(layer).__name__)`, made unique with `_1`, `_2`, … in the order of
  `model.layers` (`layers/dense`, `layers/alpha_dropout`, `layers/dense_1`).
- `Layer.save_own_variables` (keras/src/layers/layer.py): the datasets `"0"`, `"1"`, … hold
  `self._trainable_variables + self._non_trainable_variables` in creation order (Dense: kernel
  [in, units], bias; BatchNormalization: gamma, beta, moving_mean, moving_variance), as float32.
- `Sequential.layers` omits the leading InputLayer (keras/src/models/sequential.py); a
  functional model's `layers` include its InputLayers.
- Layer configs: `Layer.get_config` writes `name`, `trainable` and `dtype` as the serialized
  `DTypePolicy`; `InputLayer.get_config` writes `batch_shape`, `dtype`, `sparse`, `ragged`,
  `name`, `optional`; `Dense.get_config` adds `quantization_config` (Keras 3.16);
  `BatchNormalization.get_config` adds `synchronized` and the `renorm` fields;
  `Functional.get_config` writes inbound nodes as `{"args": [keras tensors], "kwargs": {}}`.

Writes to packages/snn-layers/src/fixtures/:
- keras3-snn.keras                 Sequential: 12 → Dense(20, selu, LecunNormal) → AlphaDropout(0.1)
                                   → Dense(16) → Activation(selu) → Dense(3)
- keras3-functional-bn.keras       functional: 6 → Dense(10) → BatchNormalization → Activation(selu)
                                   → Dense(2); non-trivial moving statistics
- keras3-file-outputs.json         for each: 5 input rows (seeded normal) and numpy's outputs in
                                   inference mode (alpha dropout is the identity), float64
"""
import datetime
import io
import json
import os
import sys
import zipfile

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..')
FIXTURES = os.path.join(ROOT, 'packages', 'snn-layers', 'src', 'fixtures')
KERAS_VERSION = '3.16.0'
DATE_SAVED = datetime.datetime(2026, 1, 1, 12, 0, 0).strftime('%Y-%m-%d@%H:%M:%S')

# SELU's constants (Klambauer et al. 2017, eq. 14), as Keras' `selu` uses them.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_LAMBDA = 1.0507009873554804934193349852946


# --- reading (the check the tests run) ------------------------------------------------------
def read(path):
    import h5py
    out = {}
    with zipfile.ZipFile(path) as zf:
        out['members'] = zf.namelist()
        out['compression'] = sorted({info.compress_type for info in zf.infolist()})
        out['metadata'] = json.loads(zf.read('metadata.json'))
        out['config'] = json.loads(zf.read('config.json'))
        datasets = {}
        groups = {}
        with h5py.File(io.BytesIO(zf.read('model.weights.h5')), 'r') as f:
            def visit(name, obj):
                if isinstance(obj, h5py.Dataset):
                    datasets[name] = {'shape': list(obj.shape), 'dtype': obj.dtype.str,
                                      'values': obj[()].astype(np.float64).ravel().tolist()}
                elif 'name' in obj.attrs:
                    value = obj.attrs['name']
                    groups[name] = value.decode() if isinstance(value, bytes) else str(value)
            f.visititems(visit)
        out['datasets'] = datasets
        out['group_names'] = groups
    return out


if len(sys.argv) == 3 and sys.argv[1] == '--read':
    json.dump(read(sys.argv[2]), sys.stdout)
    sys.exit(0)


# --- Keras 3 config entries -----------------------------------------------------------------
def policy():
    return {'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': 'float32'},
            'registered_name': None}


def entry(class_name, config, module='keras.layers', input_shape=None):
    e = {'module': module, 'class_name': class_name, 'config': config, 'registered_name': None}
    if input_shape is not None:
        e['build_config'] = {'input_shape': input_shape}
    return e


def initializer(class_name, config=None):
    return entry(class_name, {'seed': None} if config is None else config, 'keras.initializers')


def base(name):
    return {'name': name, 'trainable': True, 'dtype': policy()}


def input_layer(features, name='input_layer'):
    return entry('InputLayer', {'batch_shape': [None, features], 'dtype': 'float32',
                                'sparse': False, 'ragged': False, 'name': name,
                                'optional': False})


def dense(name, units, fan_in, activation, kernel='LecunNormal'):
    return entry('Dense', {
        **base(name), 'units': units, 'activation': activation, 'use_bias': True,
        'kernel_initializer': initializer(kernel), 'bias_initializer': initializer('Zeros', {}),
        'kernel_regularizer': None, 'bias_regularizer': None, 'kernel_constraint': None,
        'bias_constraint': None, 'quantization_config': None}, input_shape=[None, fan_in])


def alpha_dropout(name, rate, width):
    return entry('AlphaDropout', {**base(name), 'rate': rate, 'seed': None, 'noise_shape': None},
                 input_shape=[None, width])


def activation(name, fn, width):
    return entry('Activation', {**base(name), 'activation': fn}, input_shape=[None, width])


def batch_norm(name, width):
    ones, zeros = initializer('Ones', {}), initializer('Zeros', {})
    return entry('BatchNormalization', {
        **base(name), 'axis': -1, 'momentum': 0.99, 'epsilon': 0.001, 'center': True,
        'scale': True, 'beta_initializer': zeros, 'gamma_initializer': ones,
        'moving_mean_initializer': zeros, 'moving_variance_initializer': ones,
        'beta_regularizer': None, 'gamma_regularizer': None, 'beta_constraint': None,
        'gamma_constraint': None, 'synchronized': False, 'renorm': False,
        'renorm_clipping': None, 'renorm_momentum': 0.99}, input_shape=[None, width])


def to_snake_case(name):
    """keras/src/utils/naming.py `to_snake_case`."""
    import re
    name = re.sub(r'\W+', '', name)
    name = re.sub('(.)([A-Z][a-z]+)', r'\1_\2', name)
    return re.sub('([a-z])([A-Z])', r'\1_\2', name).lower()


def write_keras(path, config, model_name, layers, variables):
    """`layers`: the entries of `model.layers`; `variables[name]`: that layer's arrays in order."""
    weights = io.BytesIO()
    import h5py
    with h5py.File(weights, 'w') as f:
        f.create_group('vars').attrs['name'] = model_name
        used = {}
        for layer in layers:
            snake = to_snake_case(layer['class_name'])
            if snake in used:
                used[snake] += 1
                snake = f'{snake}_{used[snake]}'
            else:
                used[snake] = 0
            group = f.create_group(f'layers/{snake}').create_group('vars')
            group.attrs['name'] = layer['config']['name']
            for i, value in enumerate(variables.get(layer['config']['name'], [])):
                group[str(i)] = value.astype(np.float32)
    members = [('metadata.json', json.dumps({'keras_version': KERAS_VERSION,
                                             'date_saved': DATE_SAVED}).encode()),
               ('config.json', json.dumps(config).encode()),
               ('model.weights.h5', weights.getvalue())]
    with zipfile.ZipFile(path, 'w') as zf:  # ZIP_STORED, as Keras
        for name, data in members:
            # A fixed timestamp (Keras stamps the time of saving) keeps the fixture reproducible.
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 12, 0, 0)), data)
    print('wrote', os.path.relpath(path, ROOT))


# --- numpy's reference forward pass ----------------------------------------------------------
def selu(x):
    return SELU_LAMBDA * np.where(x > 0, x, SELU_ALPHA * np.expm1(np.minimum(x, 0)))


rng = np.random.default_rng(2017)


def lecun(fan_in, units):
    return rng.standard_normal((fan_in, units)) / np.sqrt(fan_in)


outputs = {}

# Sequential SNN.
w = {'dense': [lecun(12, 20), 0.1 * rng.standard_normal(20)],
     'dense_1': [lecun(20, 16), 0.1 * rng.standard_normal(16)],
     'dense_2': [lecun(16, 3), 0.1 * rng.standard_normal(3)]}
w = {k: [v.astype(np.float32) for v in vs] for k, vs in w.items()}
layers = [dense('dense', 20, 12, 'selu'), alpha_dropout('alpha_dropout', 0.1, 20),
          dense('dense_1', 16, 20, 'linear'), activation('activation', 'selu', 16),
          dense('dense_2', 3, 16, 'linear')]
sequential = {
    'module': 'keras', 'class_name': 'Sequential',
    'config': {'name': 'sequential', 'trainable': True, 'dtype': policy(),
               'layers': [input_layer(12)] + layers, 'build_input_shape': [None, 12]},
    'registered_name': None, 'build_config': {'input_shape': [None, 12]},
}
write_keras(os.path.join(FIXTURES, 'keras3-snn.keras'), sequential, 'sequential', layers, w)
x = rng.standard_normal((5, 12)).astype(np.float32)
f64 = {k: [v.astype(np.float64) for v in vs] for k, vs in w.items()}
h = selu(x @ f64['dense'][0] + f64['dense'][1])  # AlphaDropout: the identity at inference
h = selu(h @ f64['dense_1'][0] + f64['dense_1'][1])
y = h @ f64['dense_2'][0] + f64['dense_2'][1]
outputs['keras3-snn.keras'] = {'inputs': x.tolist(), 'outputs': y.tolist()}

# Functional with batch normalization.
w = {'dense': [lecun(6, 10), 0.1 * rng.standard_normal(10)],
     'batch_normalization': [1 + 0.2 * rng.standard_normal(10), 0.1 * rng.standard_normal(10),
                             0.3 * rng.standard_normal(10), rng.uniform(0.5, 2.0, 10)],
     'dense_1': [lecun(10, 2), 0.1 * rng.standard_normal(2)]}
w = {k: [v.astype(np.float32) for v in vs] for k, vs in w.items()}


def tensor(shape, layer):
    return {'class_name': '__keras_tensor__',
            'config': {'shape': shape, 'dtype': 'float32', 'keras_history': [layer, 0, 0]}}


chain = [input_layer(6), dense('dense', 10, 6, 'linear'), batch_norm('batch_normalization', 10),
         activation('activation', 'selu', 10), dense('dense_1', 2, 10, 'linear')]
functional_layers = []
for i, layer in enumerate(chain):
    layer = dict(layer, name=layer['config']['name'])
    layer['inbound_nodes'] = [] if i == 0 else [{'args': [tensor(
        layer['build_config']['input_shape'], chain[i - 1]['config']['name'])], 'kwargs': {}}]
    functional_layers.append(layer)
functional = {
    'module': 'keras.src.models.functional', 'class_name': 'Functional',
    'config': {'name': 'functional', 'trainable': True, 'layers': functional_layers,
               'input_layers': [['input_layer', 0, 0]], 'output_layers': [['dense_1', 0, 0]]},
    'registered_name': 'Functional', 'build_config': {'input_shape': None},
}
write_keras(os.path.join(FIXTURES, 'keras3-functional-bn.keras'), functional, 'functional',
            chain, w)
x = rng.standard_normal((5, 6)).astype(np.float32)
f64 = {k: [v.astype(np.float64) for v in vs] for k, vs in w.items()}
gamma, beta, mean, variance = f64['batch_normalization']
h = x @ f64['dense'][0] + f64['dense'][1]
h = selu(gamma * (h - mean) / np.sqrt(variance + 0.001) + beta)
y = h @ f64['dense_1'][0] + f64['dense_1'][1]
outputs['keras3-functional-bn.keras'] = {'inputs': x.tolist(), 'outputs': y.tolist()}

with open(os.path.join(FIXTURES, 'keras3-file-outputs.json'), 'w') as f:
    json.dump(outputs, f, indent=1)
    f.write('\n')
print('wrote', os.path.relpath(os.path.join(FIXTURES, 'keras3-file-outputs.json'), ROOT))
