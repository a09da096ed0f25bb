"""`print_summary` (the text of `model.summary()`, byte-identical to tf.keras 2.15),
`count_params` and the memory-size formatting it uses."""

import re

import numpy as np


def count_params(weights):
    """Number of scalars in `weights` (each variable counted once)."""
    unique = {id(w): w for w in weights}.values()
    total = 0
    for w in unique:
        dims = w.shape.as_list() if hasattr(w.shape, "as_list") else list(w.shape)
        total += int(np.prod([0 if d is None else d for d in dims]))
    return int(total)


def weight_memory_size(weights):
    """Bytes taken by `weights` (each variable counted once)."""
    unique = {id(w): w for w in weights}.values()
    total = 0
    for w in unique:
        dims = w.shape.as_list() if hasattr(w.shape, "as_list") else list(w.shape)
        if None in dims:
            continue
        total += int(np.prod(dims)) * w.dtype.size
    return total


def readable_memory_size(size):
    """`201472` -> `'196.75 KB'` (powers of 1024, two decimals)."""
    for unit in ["Byte", "KB", "MB", "GB", "TB", "PB"]:
        if size / 1024 < 1:
            return f"{size:.2f} {unit}"
        size /= 1024
    return "{:.2f} {}".format(size, "PB")


def get_layer_index_bound_by_layer_name(model, layer_range=None):
    """`[first, last + 1]` indices of `model.layers` matched by two name regexes."""
    if layer_range is None:
        return [0, len(model.layers)]
    if len(layer_range) != 2:
        raise ValueError(
            "layer_range must be a list or tuple of length 2. Received: "
            f"layer_range = {layer_range} of length {len(layer_range)}"
        )
    if not isinstance(layer_range[0], str) or not isinstance(layer_range[1], str):
        raise ValueError(f"layer_range should contain string type only. Received: {layer_range}")
    lower = [i for i, layer in enumerate(model.layers) if re.match(layer_range[0], layer.name)]
    upper = [i for i, layer in enumerate(model.layers) if re.match(layer_range[1], layer.name)]
    if not lower or not upper:
        raise ValueError(
            f"Passed layer_names do not match the layer names in the model. Received: {layer_range}"
        )
    if min(lower) > max(upper):
        return [min(upper), max(lower) + 1]
    return [min(lower), max(upper) + 1]


def _is_sequential_like(model):
    if type(model).__name__ == "Sequential" or not getattr(model, "_is_graph_network", False):
        return True
    nodes = []
    for group in model._nodes_by_depth.values():
        if len(group) > 1 or (len(group) == 1 and len(group[0].keras_inputs) > 1):
            return False
        nodes += group
    for layer in model.layers:
        seen_one = False
        for node in layer._inbound_nodes:
            if any(node is n for n in nodes):
                if seen_one:
                    return False
                seen_one = True
    return True


def _wrap_row(fields, positions, nested_level):
    """The lines of one table row; long cells continue on the next lines as 2.15 wraps them."""
    left = [str(x) for x in fields]
    lines = []
    while any(left):
        line = ""
        for col in range(len(left)):
            start = positions[col - 1] if col > 0 else 0
            end = positions[col]
            last = col == len(positions) - 1
            space = 0 if last else 2
            cutoff = end - start - space
            if not last:
                cutoff -= 1
            if col == 0:
                cutoff -= nested_level
            chunk = left[col][:cutoff]
            # Break after the end of a tuple/list/dict item when one appears in the chunk.
            breaks = [
                chunk.find(t) + len(t) for t in ("),", "},", "],", "',") if chunk.find(t) >= 0
            ]
            if breaks:
                cutoff = min(breaks)
                chunk = chunk[:cutoff]
            if col == 0:
                line += "|" * nested_level + " "
            line += chunk
            line += " " * space
            left[col] = left[col][cutoff:]
            if nested_level and last:
                line += " " * (positions[col] - len(line) - nested_level)
            else:
                line += " " * (positions[col] - len(line))
        line += "|" * nested_level
        lines.append(line)
    return lines


def print_summary(
    model,
    line_length=None,
    positions=None,
    print_fn=None,
    expand_nested=False,
    show_trainable=False,
    layer_range=None,
):
    """Prints the summary table of `model` (see `Model.summary`)."""
    if print_fn is None:
        print_fn = print

    sequential_like = _is_sequential_like(model)
    if sequential_like:
        line_length = line_length or 65
        positions = positions or [0.45, 0.85, 1.0]
        headers = ["Layer (type)", "Output Shape", "Param #"]
    else:
        line_length = line_length or 98
        positions = positions or [0.3, 0.6, 0.70, 1.0]
        headers = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
        relevant_nodes = []
        for group in model._nodes_by_depth.values():
            relevant_nodes += group
    if positions[-1] <= 1:
        positions = [int(line_length * p) for p in positions]
    else:
        positions = list(positions)
    if show_trainable:
        line_length += 11
        positions.append(line_length)
        headers.append("Trainable")

    bounds = get_layer_index_bound_by_layer_name(model, layer_range)

    def print_row(fields, nested_level=0):
        for line in _wrap_row(fields, positions, nested_level):
            print_fn(line)

    print_fn(f'Model: "{model.name}"')
    print_fn("_" * line_length)
    print_row(headers)
    print_fn("=" * line_length)

    def output_shape_of(layer):
        try:
            return layer.output_shape
        except AttributeError:
            return "multiple"
        except RuntimeError:
            return "?"

    def layer_fields(layer):
        name_type = layer.name + " (" + type(layer).__name__ + ")"
        if sequential_like:
            if not layer.built and not getattr(layer, "_is_graph_network", False):
                params = "0 (unused)"
            else:
                params = layer.count_params()
            fields = [name_type, output_shape_of(layer), params]
        else:
            connections = []
            for node in layer._inbound_nodes:
                if relevant_nodes and not any(node is n for n in relevant_nodes):
                    continue
                for inbound_layer, node_index, tensor_index, _ in node.iterate_inbound():
                    connections.append(f"{inbound_layer.name}[{node_index}][{tensor_index}]")
            fields = [name_type, output_shape_of(layer), layer.count_params(), connections]
        if show_trainable:
            fields.append("Y" if layer.trainable else "N")
        return fields

    def print_layer(layer, nested_level=0, is_nested_last=False):
        print_row(layer_fields(layer), nested_level)
        sublayers = getattr(layer, "layers", None) if expand_nested else None
        if sublayers:
            print_fn(
                "|" * (nested_level + 1)
                + "¯" * (line_length - 2 * nested_level - 2)
                + "|" * (nested_level + 1)
            )
            for i, sub in enumerate(sublayers):
                print_layer(sub, nested_level + 1, i == len(sublayers) - 1)
            print_fn(
                "|" * nested_level + "¯" * (line_length - 2 * nested_level) + "|" * nested_level
            )
            is_nested_last = True  # tf.keras 2.15 prints no blank row after an expanded model
        if not is_nested_last:
            print_fn(
                "|" * nested_level + " " * (line_length - 2 * nested_level) + "|" * nested_level
            )

    for layer in model.layers[bounds[0] : bounds[1]]:
        print_layer(layer)
    print_fn("=" * line_length)

    trainable = model.trainable_weights
    non_trainable = model.non_trainable_weights
    trainable_count = count_params(trainable)
    non_trainable_count = count_params(non_trainable)
    trainable_size = weight_memory_size(trainable)
    non_trainable_size = weight_memory_size(non_trainable)
    print_fn(
        f"Total params: {trainable_count + non_trainable_count} "
        f"({readable_memory_size(trainable_size + non_trainable_size)})"
    )
    print_fn(f"Trainable params: {trainable_count} ({readable_memory_size(trainable_size)})")
    print_fn(
        f"Non-trainable params: {non_trainable_count} ({readable_memory_size(non_trainable_size)})"
    )
    print_fn("_" * line_length)


def get_source_inputs(tensor, layer=None, node_index=None):
    """The `keras.Input` tensors `tensor` was computed from."""
    if not hasattr(tensor, "_keras_history"):
        return tensor
    if layer is None or node_index:
        layer, node_index, _ = tensor._keras_history
    node = layer._inbound_nodes[node_index]
    if node.is_input:
        return [tensor]
    sources = []
    for x in node.keras_inputs:
        for source in get_source_inputs(x):
            if all(source is not s for s in sources):
                sources.append(source)
    return sources
