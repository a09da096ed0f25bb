# Sources: TensorFlow tutorials "Convolutional Neural Network (CNN)"
# (tensorflow.org/tutorials/images/cnn; CIFAR-10 swapped for random images of its layout) and
# "Text classification with an RNN" (tensorflow.org/tutorials/text/text_classification_rnn;
# IMDB + TextVectorization swapped for random token ids), plus the Keras RNN guide's
# LSTM/GRU/Bidirectional models (tensorflow.org/guide/keras/working_with_rnns).
import numpy as np
import tensorflow as tf
from tensorflow.keras import datasets, layers, models  # noqa: F401 - the tutorial's import line

tf.keras.utils.set_random_seed(0)

# --- CNN
train_images = np.random.randint(0, 256, (64, 32, 32, 3)).astype("uint8")
train_labels = np.random.randint(0, 10, (64, 1)).astype("uint8")
train_images = train_images / 255.0
model = models.Sequential()
model.add(layers.Conv2D(32, (3, 3), activation='relu', input_shape=(32, 32, 3)))
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Conv2D(64, (3, 3), activation='relu'))
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Conv2D(64, (3, 3), activation='relu'))
model.summary()
model.add(layers.Flatten())
model.add(layers.Dense(64, activation='relu'))
model.add(layers.Dense(10))
model.summary()
model.compile(optimizer='adam',
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=['accuracy'])
history = model.fit(train_images, train_labels, epochs=3, batch_size=32, verbose=0,
                    validation_data=(train_images[:16], train_labels[:16]))
print("CHECK cnn history", sorted(history.history))
print("CHECK cnn loss falls", history.history['loss'][-1] < history.history['loss'][0])

# --- MNIST CNN with BatchNormalization and Dropout (the classic beginner model)
(x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
x_train = x_train[:512, ..., np.newaxis].astype("float32") / 255.0
y_train = tf.keras.utils.to_categorical(y_train[:512], 10)
model = tf.keras.Sequential([
    layers.Conv2D(16, 3, padding="same", activation="relu", input_shape=(28, 28, 1)),
    layers.BatchNormalization(),
    layers.MaxPool2D(),
    layers.Conv2D(32, 3, padding="same", activation="relu"),
    layers.MaxPool2D(),
    layers.Dropout(0.25),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
model.summary()
model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x_train, y_train, epochs=3, batch_size=64, validation_split=0.25, verbose=0)
print("CHECK mnist cnn falls", history.history['loss'][-1] < history.history['loss'][0])
print("CHECK mnist cnn learns", history.history['accuracy'][-1] > 0.5)
print("CHECK non-trainable", [w.name for w in model.non_trainable_weights])

# --- Text classification with an RNN
VOCAB_SIZE = 1000
train_x = np.random.randint(1, VOCAB_SIZE, (64, 20))
train_x[:, 15:] = 0   # padding
train_y = (train_x[:, 0] > VOCAB_SIZE // 2).astype("float32")
model = tf.keras.Sequential([
    tf.keras.layers.Embedding(input_dim=VOCAB_SIZE, output_dim=64, mask_zero=True),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(64)),
    tf.keras.layers.Dense(64, activation='relu'),
    tf.keras.layers.Dense(1)
])
print([layer.supports_masking for layer in model.layers])
predictions = model.predict(train_x[:1], verbose=0)
print("CHECK prediction", predictions.shape)
model.compile(loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
              optimizer=tf.keras.optimizers.Adam(1e-4), metrics=['accuracy'])
model.summary()
history = model.fit(train_x, train_y, epochs=2, batch_size=32, verbose=0)
print("CHECK rnn history", sorted(history.history))
model = tf.keras.Sequential([
    tf.keras.layers.Embedding(VOCAB_SIZE, 64, mask_zero=True),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(64, return_sequences=True)),
    tf.keras.layers.Bidirectional(tf.keras.layers.LSTM(32)),
    tf.keras.layers.Dense(64, activation='relu'),
    tf.keras.layers.Dropout(0.5),
    tf.keras.layers.Dense(1)
])
model.compile(loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
              optimizer=tf.keras.optimizers.Adam(1e-3), metrics=['accuracy'])
history = model.fit(train_x, train_y, epochs=3, batch_size=32, verbose=0)
print("CHECK stacked rnn falls", history.history['loss'][-1] < history.history['loss'][0])
model.summary()

# --- Working with RNNs (Keras guide)
model = tf.keras.Sequential()
model.add(layers.Embedding(input_dim=1000, output_dim=64))
model.add(layers.LSTM(128))
model.add(layers.Dense(10))
model.build((None, None))
model.summary()
model = tf.keras.Sequential()
model.add(layers.Embedding(input_dim=1000, output_dim=64))
model.add(layers.GRU(256, return_sequences=True))
model.add(layers.SimpleRNN(128))
model.add(layers.Dense(10))
model.build((None, None))
model.summary()
encoder_vocab = 1000
decoder_vocab = 2000
encoder_input = layers.Input(shape=(None,))
encoder_embedded = layers.Embedding(input_dim=encoder_vocab, output_dim=64)(encoder_input)
output, state_h, state_c = layers.LSTM(64, return_state=True, name="encoder")(encoder_embedded)
encoder_state = [state_h, state_c]
decoder_input = layers.Input(shape=(None,))
decoder_embedded = layers.Embedding(input_dim=decoder_vocab, output_dim=64)(decoder_input)
decoder_output = layers.LSTM(64, name="decoder")(decoder_embedded, initial_state=encoder_state)
output = layers.Dense(10)(decoder_output)
model = tf.keras.Model([encoder_input, decoder_input], output)
model.summary()
paragraph1 = np.random.random((20, 10, 50)).astype(np.float32)
lstm_layer = layers.LSTM(64, stateful=True)
output = lstm_layer(paragraph1)
print("CHECK stateful", output.shape, [tuple(np.shape(s)) for s in lstm_layer.states])
lstm_layer.reset_states()
model = tf.keras.Sequential()
model.add(layers.Bidirectional(layers.LSTM(64, return_sequences=True), input_shape=(5, 10)))
model.add(layers.Bidirectional(layers.LSTM(32)))
model.add(layers.Dense(10))
model.summary()
model = tf.keras.Sequential([
    layers.TimeDistributed(layers.Dense(8), input_shape=(5, 10)),
    layers.GlobalAveragePooling1D(),
])
model.summary()
