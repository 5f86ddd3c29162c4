"""Small real files for upload tests."""

from demo.files import make_pdf


def demo_pdf(text="Plan d’aménagement de la cuisine – Cantine de Bagnolet"):
    """A small, valid one-page PDF, made on the spot (the demo's own PDF maker)."""
    return make_pdf(text, [])
