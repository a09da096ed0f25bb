"""`keras.layers`: every layer, one import line each.

Layer families live in sub-packages (`core/`, `activation/`, `merging/`, ...),
one layer per file. Engineers adding a layer append its import line below.
"""

# ruff: noqa: F401  (this module re-exports)

from pynn.keras.engine.base_layer import Layer
from pynn.keras.engine.input_layer import Input, InputLayer
from pynn.keras.engine.input_spec import InputSpec
from pynn.keras.layers.activation.elu import ELU
from pynn.keras.layers.activation.leaky_relu import LeakyReLU
from pynn.keras.layers.activation.prelu import PReLU
from pynn.keras.layers.activation.relu import ReLU
from pynn.keras.layers.activation.softmax import Softmax
from pynn.keras.layers.activation.thresholded_relu import ThresholdedReLU
from pynn.keras.layers.attention.additive_attention import AdditiveAttention
from pynn.keras.layers.attention.attention import Attention
from pynn.keras.layers.attention.multi_head_attention import MultiHeadAttention
from pynn.keras.layers.convolutional.conv1d import Conv1D, Convolution1D
from pynn.keras.layers.convolutional.conv2d import Conv2D, Convolution2D
from pynn.keras.layers.convolutional.conv2d_transpose import (
    Conv2DTranspose,
    Convolution2DTranspose,
)
from pynn.keras.layers.convolutional.depthwise_conv2d import DepthwiseConv2D
from pynn.keras.layers.convolutional.separable_conv2d import (
    SeparableConv2D,
    SeparableConvolution2D,
)
from pynn.keras.layers.core.activation import Activation
from pynn.keras.layers.core.dense import Dense
from pynn.keras.layers.core.einsum_dense import EinsumDense
from pynn.keras.layers.core.embedding import Embedding
from pynn.keras.layers.core.identity import Identity
from pynn.keras.layers.core.lambda_layer import Lambda
from pynn.keras.layers.core.masking import Masking
from pynn.keras.layers.merging.add import Add, add
from pynn.keras.layers.merging.average import Average, average
from pynn.keras.layers.merging.concatenate import Concatenate, concatenate
from pynn.keras.layers.merging.dot import Dot, dot
from pynn.keras.layers.merging.maximum import Maximum, maximum
from pynn.keras.layers.merging.minimum import Minimum, minimum
from pynn.keras.layers.merging.multiply import Multiply, multiply
from pynn.keras.layers.merging.subtract import Subtract, subtract
from pynn.keras.layers.normalization.batch_normalization import BatchNormalization
from pynn.keras.layers.normalization.layer_normalization import LayerNormalization
from pynn.keras.layers.pooling.average_pooling1d import AveragePooling1D, AvgPool1D
from pynn.keras.layers.pooling.average_pooling2d import AveragePooling2D, AvgPool2D
from pynn.keras.layers.pooling.global_average_pooling1d import (
    GlobalAveragePooling1D,
    GlobalAvgPool1D,
)
from pynn.keras.layers.pooling.global_average_pooling2d import (
    GlobalAveragePooling2D,
    GlobalAvgPool2D,
)
from pynn.keras.layers.pooling.global_max_pooling1d import GlobalMaxPool1D, GlobalMaxPooling1D
from pynn.keras.layers.pooling.global_max_pooling2d import GlobalMaxPool2D, GlobalMaxPooling2D
from pynn.keras.layers.pooling.max_pooling1d import MaxPool1D, MaxPooling1D
from pynn.keras.layers.pooling.max_pooling2d import MaxPool2D, MaxPooling2D
from pynn.keras.layers.preprocessing.category_encoding import CategoryEncoding
from pynn.keras.layers.preprocessing.center_crop import CenterCrop
from pynn.keras.layers.preprocessing.discretization import Discretization
from pynn.keras.layers.preprocessing.hashing import Hashing
from pynn.keras.layers.preprocessing.integer_lookup import IntegerLookup
from pynn.keras.layers.preprocessing.normalization import Normalization
from pynn.keras.layers.preprocessing.random_contrast import RandomContrast
from pynn.keras.layers.preprocessing.random_flip import RandomFlip
from pynn.keras.layers.preprocessing.random_rotation import RandomRotation
from pynn.keras.layers.preprocessing.random_translation import RandomTranslation
from pynn.keras.layers.preprocessing.random_zoom import RandomZoom
from pynn.keras.layers.preprocessing.rescaling import Rescaling
from pynn.keras.layers.preprocessing.resizing import Resizing
from pynn.keras.layers.preprocessing.string_lookup import StringLookup
from pynn.keras.layers.preprocessing.text_vectorization import TextVectorization
from pynn.keras.layers.regularization.activity_regularization import ActivityRegularization
from pynn.keras.layers.regularization.alpha_dropout import AlphaDropout
from pynn.keras.layers.regularization.dropout import Dropout
from pynn.keras.layers.regularization.gaussian_dropout import GaussianDropout
from pynn.keras.layers.regularization.gaussian_noise import GaussianNoise
from pynn.keras.layers.regularization.spatial_dropout1d import SpatialDropout1D
from pynn.keras.layers.regularization.spatial_dropout2d import SpatialDropout2D
from pynn.keras.layers.reshaping.cropping1d import Cropping1D
from pynn.keras.layers.reshaping.cropping2d import Cropping2D
from pynn.keras.layers.reshaping.flatten import Flatten
from pynn.keras.layers.reshaping.permute import Permute
from pynn.keras.layers.reshaping.repeat_vector import RepeatVector
from pynn.keras.layers.reshaping.reshape import Reshape
from pynn.keras.layers.reshaping.up_sampling1d import UpSampling1D
from pynn.keras.layers.reshaping.up_sampling2d import UpSampling2D
from pynn.keras.layers.reshaping.zero_padding1d import ZeroPadding1D
from pynn.keras.layers.reshaping.zero_padding2d import ZeroPadding2D
from pynn.keras.layers.rnn.base_rnn import RNN
from pynn.keras.layers.rnn.bidirectional import Bidirectional
from pynn.keras.layers.rnn.gru import GRU, GRUCell
from pynn.keras.layers.rnn.lstm import LSTM, LSTMCell
from pynn.keras.layers.rnn.simple_rnn import SimpleRNN, SimpleRNNCell
from pynn.keras.layers.rnn.time_distributed import TimeDistributed
from pynn.keras.layers.serialization import deserialize, serialize
