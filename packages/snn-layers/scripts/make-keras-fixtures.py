#!/usr/bin/python3
"""Keras model files with SNN parts, written without Keras (which is not installed here) in the
exact formats Keras' own serialization code defines. Run from the repository root:

    /usr/bin/python3 packages/snn-layers/scripts/make-keras-fixtures.py

Where each format comes from (Keras source, read at the tags named):
- Keras 2.15 (tf.keras in TensorFlow 2.15), `Model.to_json()`: `{"class_name", "config",
  "keras_version", "backend"}`; `Sequential.get_config()` serializes every layer (InputLayer
  included) with `saving.serialization_lib.serialize_keras_object`, i.e. `{"module",
  "class_name", "config", "registered_name"}` plus `"build_config": {"input_shape"}` for built
  layers. Layer configs start with `name`, `trainable`, `dtype` (a string) and, on the first layer,
  `batch_input_shape`; `AlphaDropout.get_config()` is `{rate, seed}`; initializers serialize as
  `{"module": "keras.initializers", "class_name": "LecunNormal", "config": {"seed": null}, ...}`.
  The TensorFlow.js converter (`keras_h5_conversion` + `write_artifacts`, tfjs 4.22) embeds that
  topology as `modelTopology = {keras_version, backend, model_config: {class_name, config}}` next
  to `format: "layers-model"`, `generatedBy`, `convertedBy` and the `weightsManifest`.
- Keras 3 (`keras/src/saving/saving_lib.py`: `config.json` of a `.keras` zip is
  `serialize_keras_object(model)`): the model itself is an entry with `"module": "keras"`, a
  `build_config`, and `config.layers`; `Layer.get_config()` writes `dtype` as the serialized
  `DTypePolicy` entry; `InputLayer.get_config()` writes `batch_shape`, `dtype`, `sparse`,
  `ragged`, `name`, `optional`; `Sequential.get_config()` adds `build_input_shape`.

Writes:
- packages/snn-layers/src/fixtures/keras2-snn-model.json   tfjs-converter model.json (Keras 2.15)
- packages/snn-layers/src/fixtures/keras3-snn-config.json  config.json of a .keras file (Keras 3)
- packages/snn-layers/src/fixtures/keras3-functional-snn-config.json  the same SNN built with the
  functional API (Keras 3: `Functional.get_config()` adds `name` and `inbound_nodes` to each layer
  entry, a node being `{"args": [keras tensors], "kwargs": {}}` with each tensor serialized as
  `{"class_name": "__keras_tensor__", "config": {shape, dtype, keras_history}}`, and lists the
  model's `input_layers` / `output_layers` as `[name, node_index, tensor_index]` triples)
- packages/experiments/examples/keras-two-mistakes/{model.json,group1-shard1of1.bin}
  a Keras 2.15 SNN with two classic mistakes (He initialization, plain Dropout after SELU), with
  weights drawn as Keras' HeNormal draws them (numpy), for `snn doctor`'s README example.
"""
import json
import os

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..')
FIXTURES = os.path.join(ROOT, 'packages', 'snn-layers', 'src', 'fixtures')
EXAMPLE = os.path.join(ROOT, 'packages', 'experiments', 'examples', 'keras-two-mistakes')
KERAS2_VERSION = '2.15.0'
CONVERTER = 'TensorFlow.js Converter v4.22.0'

# Keras' truncated-normal correction: std of a unit normal cut at ±2 (VarianceScaling).
TRUNCATED_STD = 0.87962566103423978


def dump(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(obj, f, indent=1)
        f.write('\n')
    print('wrote', os.path.relpath(path, ROOT))


# --- Keras 2.15 ----------------------------------------------------------------------------
def k2_entry(class_name, config, module='keras.layers', input_shape=None):
    entry = {'module': module, 'class_name': class_name, 'config': config, 'registered_name': None}
    if input_shape is not None:
        entry['build_config'] = {'input_shape': input_shape}
    return entry


def k2_initializer(class_name, config=None):
    return k2_entry(class_name, {'seed': None} if config is None else config, 'keras.initializers')


def k2_input(features, name):
    return k2_entry('InputLayer', {'batch_input_shape': [None, features], 'dtype': 'float32',
                                   'sparse': False, 'ragged': False, 'name': name})


def k2_dense(name, units, fan_in, activation, kernel_initializer, first=False):
    config = {'name': name, 'trainable': True, 'dtype': 'float32'}
    if first:
        config['batch_input_shape'] = [None, fan_in]
    config.update({
        'units': units, 'activation': activation, 'use_bias': True,
        'kernel_initializer': kernel_initializer,
        'bias_initializer': k2_entry('Zeros', {}, 'keras.initializers'),
        'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None,
        'kernel_constraint': None, 'bias_constraint': None})
    return k2_entry('Dense', config, input_shape=[None, fan_in])


def k2_alpha_dropout(name, rate, width):
    return k2_entry('AlphaDropout', {'name': name, 'trainable': True, 'dtype': 'float32',
                                     'rate': rate, 'seed': None}, input_shape=[None, width])


def k2_dropout(name, rate, width):
    return k2_entry('Dropout', {'name': name, 'trainable': True, 'dtype': 'float32', 'rate': rate,
                                'noise_shape': None, 'seed': None}, input_shape=[None, width])


def k2_sequential(layers):
    """`model.to_json()` of a Sequential model, parsed."""
    return {'class_name': 'Sequential', 'config': {'name': 'sequential', 'layers': layers},
            'keras_version': KERAS2_VERSION, 'backend': 'tensorflow'}


def tfjs_model_json(to_json, weights, shard):
    """The converter's model.json around a Keras 2 `to_json()` topology."""
    return {
        'format': 'layers-model',
        'generatedBy': 'keras v' + to_json['keras_version'],
        'convertedBy': CONVERTER,
        'modelTopology': {
            'keras_version': to_json['keras_version'],
            'backend': to_json['backend'],
            'model_config': {'class_name': to_json['class_name'], 'config': to_json['config']},
        },
        'weightsManifest': [{'paths': [shard], 'weights': [
            {'name': name, 'shape': list(value.shape), 'dtype': 'float32'}
            for name, value in weights]}],
    }


# The SNN of the tests: 128 → Dense(256, LecunNormal) → AlphaDropout(0.1) → Dense(256,
# LecunUniform) → Dense(10, softmax, LecunNormal). Wide enough that Var(w)·fan_in is measured to
# ±0.01 from one kernel. The tests load the topology only, so the initializers draw the weights.
WIDTH, FEATURES, CLASSES = 256, 128, 10
keras2 = k2_sequential([
    k2_input(FEATURES, 'dense_input'),
    k2_dense('dense', WIDTH, FEATURES, 'selu', k2_initializer('LecunNormal'), first=True),
    k2_alpha_dropout('alpha_dropout', 0.1, WIDTH),
    k2_dense('dense_1', WIDTH, WIDTH, 'selu', k2_initializer('LecunUniform')),
    k2_dense('dense_2', CLASSES, WIDTH, 'softmax', k2_initializer('LecunNormal')),
])
shapes = [('dense', FEATURES, WIDTH), ('dense_1', WIDTH, WIDTH), ('dense_2', WIDTH, CLASSES)]
manifest = []
for name, fan_in, units in shapes:
    manifest += [(f'{name}/kernel', np.zeros((fan_in, units), np.float32)),
                 (f'{name}/bias', np.zeros((units,), np.float32))]
dump(os.path.join(FIXTURES, 'keras2-snn-model.json'),
     tfjs_model_json(keras2, manifest, 'group1-shard1of1.bin'))


# --- Keras 3 -------------------------------------------------------------------------------
def k3_policy():
    return {'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': 'float32'},
            'registered_name': None}


def k3_entry(class_name, config, module='keras.layers', input_shape=None):
    return k2_entry(class_name, config, module, input_shape)


def k3_initializer(class_name):
    return k3_entry(class_name, {'seed': None}, 'keras.initializers')


def k3_dense(name, units, fan_in, activation, kernel_initializer):
    return k3_entry('Dense', {
        'name': name, 'trainable': True, 'dtype': k3_policy(), 'units': units,
        'activation': activation, 'use_bias': True, 'kernel_initializer': kernel_initializer,
        'bias_initializer': k3_entry('Zeros', {}, 'keras.initializers'),
        'kernel_regularizer': None, 'bias_regularizer': None, 'kernel_constraint': None,
        'bias_constraint': None}, input_shape=[None, fan_in])


keras3 = {
    'module': 'keras',
    'class_name': 'Sequential',
    'config': {
        'name': 'sequential', 'trainable': True, 'dtype': k3_policy(),
        'layers': [
            k3_entry('InputLayer', {'batch_shape': [None, FEATURES], 'dtype': 'float32',
                                    'sparse': False, 'ragged': False, 'name': 'input_layer',
                                    'optional': False}),
            k3_dense('dense', WIDTH, FEATURES, 'selu', k3_initializer('LecunNormal')),
            k3_entry('AlphaDropout', {'name': 'alpha_dropout', 'trainable': True,
                                      'dtype': k3_policy(), 'rate': 0.1, 'seed': None,
                                      'noise_shape': None}, input_shape=[None, WIDTH]),
            k3_dense('dense_1', WIDTH, WIDTH, 'selu', k3_initializer('LecunUniform')),
            k3_dense('dense_2', CLASSES, WIDTH, 'softmax', k3_initializer('LecunNormal')),
        ],
        'build_input_shape': [None, FEATURES],
    },
    'registered_name': None,
    'build_config': {'input_shape': [None, FEATURES]},
}
dump(os.path.join(FIXTURES, 'keras3-snn-config.json'), keras3)


def k3_tensor(shape, layer):
    return {'class_name': '__keras_tensor__',
            'config': {'shape': shape, 'dtype': 'float32', 'keras_history': [layer, 0, 0]}}


functional_layers = []
previous = None
for entry in keras3['config']['layers']:
    entry = json.loads(json.dumps(entry))
    name = entry['config']['name']
    entry['name'] = name
    entry['inbound_nodes'] = [] if previous is None else [
        {'args': [k3_tensor(entry['build_config']['input_shape'], previous)], 'kwargs': {}}]
    functional_layers.append(entry)
    previous = name
keras3_functional = {
    'module': 'keras.src.models.functional',
    'class_name': 'Functional',
    'config': {
        'name': 'functional', 'trainable': True, 'layers': functional_layers,
        'input_layers': [['input_layer', 0, 0]], 'output_layers': [['dense_2', 0, 0]],
    },
    'registered_name': 'Functional',
    'build_config': {'input_shape': None},
}
dump(os.path.join(FIXTURES, 'keras3-functional-snn-config.json'), keras3_functional)


# --- snn doctor's example: a Keras 2.15 SNN with two mistakes --------------------------------
# 16 standardized features → 3 × [Dense(64, selu, HeNormal) → Dropout(0.1)] → Dense(1, sigmoid).
# Mistake 1: HeNormal (Var 2/fan_in) instead of LecunNormal. Mistake 2: plain Dropout after SELU.
# Weights are drawn as Keras' HeNormal draws them: a normal cut at ±2σ′, σ′ = √(2/fan_in)/0.8796.
rng = np.random.default_rng(1706)


def keras_truncated_normal(shape, variance):
    std = np.sqrt(variance) / TRUNCATED_STD
    out = rng.standard_normal(shape)
    bad = np.abs(out) > 2
    while bad.any():
        out[bad] = rng.standard_normal(bad.sum())
        bad = np.abs(out) > 2
    return (out * std).astype(np.float32)


layers = [k2_input(16, 'dense_input')]
weights = []
fan_in = 16
for i in range(3):
    name = 'dense' if i == 0 else f'dense_{i}'
    layers.append(k2_dense(name, 64, fan_in, 'selu', k2_initializer('HeNormal'), first=i == 0))
    layers.append(k2_dropout('dropout' if i == 0 else f'dropout_{i}', 0.1, 64))
    weights += [(f'{name}/kernel', keras_truncated_normal((fan_in, 64), 2 / fan_in)),
                (f'{name}/bias', np.zeros((64,), np.float32))]
    fan_in = 64
layers.append(k2_dense('dense_3', 1, 64, 'sigmoid', k2_initializer('GlorotUniform')))
limit = np.sqrt(6 / (64 + 1))
weights += [('dense_3/kernel', rng.uniform(-limit, limit, (64, 1)).astype(np.float32)),
            ('dense_3/bias', np.zeros((1,), np.float32))]
dump(os.path.join(EXAMPLE, 'model.json'),
     tfjs_model_json(k2_sequential(layers), weights, 'group1-shard1of1.bin'))
with open(os.path.join(EXAMPLE, 'group1-shard1of1.bin'), 'wb') as f:
    for _, value in weights:
        f.write(value.astype('<f4').tobytes())
print('wrote', os.path.relpath(os.path.join(EXAMPLE, 'group1-shard1of1.bin'), ROOT))
