"""Pages built from panels that several apps contribute.

"My space" (every user) and the team space (a project team) are assembled from panels: an app
registers `panel(request, **context) -> dict | None`, the dict naming a `template` and holding
its context. The page that shows the panels knows nothing of the apps that provide them. Each
panel must keep its own SQL query count constant (no query per row).
"""


class PanelRegistry:
    def __init__(self):
        self._panels = []

    def register(self, order):
        def decorator(func):
            self._panels.append((order, func))
            self._panels.sort(key=lambda item: item[0])
            return func

        return decorator

    def render_context(self, request, **context):
        panels = []
        for _order, func in self._panels:
            panel = func(request, **context)
            if panel:
                panels.append(panel)
        return panels


my_space = PanelRegistry()
team_space = PanelRegistry()


def shared(store, key, build):
    """`build()` once per page: the team space hands its panels and its "what to do now"
    providers one dict, `shared`, so that those reading the same rows (e.g. the team's required
    courses) run the queries once. Without a store (`None`), `build()` is simply called."""
    if store is None:
        return build()
    if key not in store:
        store[key] = build()
    return store[key]
