"""What the playground's matplotlib does not have says so, naming the function."""


class _Unsupported:
    """Stands for a matplotlib function the playground lacks: calling it raises."""

    def __init__(self, qualname):
        self.qualname = qualname

    def __call__(self, *args, **kwargs):
        raise NotImplementedError(
            f"{self.qualname}() is not available in the playground's matplotlib (it draws "
            "plots, images, bars, histograms, scatter and contour plots; see the web/README). "
            "Run the program on a computer with real matplotlib for the rest."
        )

    def __getattr__(self, name):
        # plt.style.use(...): the attribute of a missing name is missing too, and says so.
        if name.startswith("_"):
            raise AttributeError(name)
        return _Unsupported(f"{self.qualname}.{name}")

    def __repr__(self):
        return f"<unsupported {self.qualname}>"


def unsupported_getattr(module_name):
    """A module __getattr__: a missing public name is a function that raises when called."""

    def __getattr__(name):
        if name.startswith("_"):
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}")
        return _Unsupported(f"{module_name}.{name}")

    return __getattr__


def unsupported_method(owner, name):
    return _Unsupported(f"{owner}.{name}")


def reject_unknown(kwargs, owner, error=AttributeError):
    """Keyword arguments left over after a function took its own: matplotlib's error."""
    if kwargs:
        raise error(f"{owner} got an unexpected keyword argument {next(iter(kwargs))!r}")
