"""Content blocks that several apps' pages use: lessons (courses) and resources (toolbox)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class ParagraphBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "pilcrow"
        label = _("Rich text")
        template = "canteen_site/blocks/paragraph.html"
        preview_value = {
            "text": "<p>Une cantine de quartier, c'est d'abord des voisins qui cuisinent "
            "ensemble.</p>"
        }
        description = _("Paragraphs, lists and links.")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=150)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "canteen_site/blocks/heading.html"
        preview_value = {"text": "Préparer le premier repas", "level": "h2"}
        description = _("A section title inside the page.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("text alternative"),
        required=False,
        max_length=250,
        help_text=_(
            "What the image shows, for people who cannot see it. "
            "Leave empty only if the image is purely decorative."
        ),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=120)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "canteen_site/blocks/image.html"
        preview_value = {"caption": "Le grand plan de travail de la cuisine partagée."}
        description = _("A picture with its text alternative and caption.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("video address"),
        help_text=_("The address of the video page (PeerTube, Vimeo, YouTube...)."),
    )
    title = blocks.CharBlock(label=_("title"), max_length=150)
    transcript = blocks.RichTextBlock(
        label=_("transcript or summary"),
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text=_("A text version for people who cannot watch or hear the video."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "canteen_site/blocks/video.html"
        preview_value = {
            "title": "Visite d'une cantine un jour de repas",
            "transcript": "<p>Une responsable de cantine raconte sa journée.</p>",
        }
        description = _("An embedded video with a text version.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"),
        required=False,
        max_length=150,
        help_text=_("Leave empty to use the document's own title."),
    )
    description = blocks.TextBlock(label=_("what it is for"), required=False, max_length=400)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "canteen_site/blocks/document.html"
        preview_value = {
            "title": "Modèle de plan de maîtrise sanitaire",
            "description": "À adapter à votre cuisine avant la visite des services vétérinaires.",
        }
        description = _("A document to download, from the toolbox or the document library.")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("tip", _("Tip")),
            ("warning", _("Warning")),
            ("canteen", _("At the canteen")),
        ],
        default="tip",
    )
    title = blocks.CharBlock(label=_("title"), required=False, max_length=150)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = _("Callout")
        template = "canteen_site/blocks/callout.html"
        preview_value = {
            "kind": "canteen",
            "title": "À la cantine",
            "text": "<p>Le mardi, l'équipe pèse les restes pour ajuster les quantités.</p>",
        }
        description = _("A tip, a warning or a real example from a canteen.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("testimony"), max_length=1000)
    author = blocks.CharBlock(label=_("who says it"), max_length=120)
    role = blocks.CharBlock(
        label=_("their role"),
        required=False,
        max_length=150,
        help_text=_("For example: volunteer at the Lille canteen."),
    )

    class Meta:
        icon = "openquote"
        label = _("Testimony")
        template = "canteen_site/blocks/quote.html"
        preview_value = {
            "quote": "Ici, personne ne demande d'où tu viens : on te tend un couteau et une "
            "planche.",
            "author": "Fatou",
            "role": "convive devenue bénévole",
        }
        description = _("Words of someone who lives the canteen.")


class BaseContentBlock(blocks.StreamBlock):
    """Content blocks shared by lessons and toolbox resources."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
