"""Sections of "my space", contributed by the apps (projects, courses, ...).

An app registers a callable `section(request) -> dict | None`; the dict holds a `template`
and its context. Keeping the registry here lets `site/` stay ignorant of the apps.
"""

_sections = []


def register(order):
    def decorator(func):
        _sections.append((order, func))
        _sections.sort(key=lambda item: item[0])
        return func

    return decorator


def sections_for(request):
    result = []
    for _order, func in _sections:
        section = func(request)
        if section:
            result.append(section)
    return result
