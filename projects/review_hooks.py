"""What other apps do when head office has reviewed a team document in the team space.

An app registers `func(request, deliverable, accepted)` with `register`; the review view calls
each after a saved review (e.g. the toolbox offers to publish an accepted document as an
example). The projects app knows nothing of the apps that plug in here.
"""

_hooks = []


def register(func):
    _hooks.append(func)
    return func


def after_review(request, deliverable, accepted):
    for func in _hooks:
        func(request, deliverable, accepted)
