"""Demo content of the site shell: accounts of every role, the home page, an about page."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from . import roles
from .models import HomePage, StandardPage

DEMO_PASSWORD = "cantine-demo"

DEMO_ACCOUNTS = [
    # email, first name, last name, group, superuser
    ("admin@example.org", "Camille", "Admin", None, True),
    ("siege@example.org", "Sophie", "Martin", roles.HEAD_OFFICE, False),
    ("formatrice@example.org", "Nadia", "Benali", roles.TRAINER, False),
    ("equipe.bagnolet@example.org", "Karim", "Diallo", roles.TEAM_MEMBER, False),
    ("equipe.senlis@example.org", "Hélène", "Lefèvre", roles.TEAM_MEMBER, False),
]

HOME_INTRO = (
    "Dans nos cantines de quartier, les voisins cuisinent ensemble, partagent un repas et "
    "chacun paie ce qu'il peut. Ce site accompagne les équipes qui ouvrent une nouvelle cantine."
)
HOME_BODY = (
    "<h2>Un réseau qui grandit avec ses voisins</h2>"
    "<p>Depuis la première cantine ouverte à Lyon en 2016, une quinzaine de lieux ont vu le jour, "
    "de Lille à Grenoble en passant par Strasbourg et Paris, et de nombreux projets sont en route. "
    "Chaque cantine naît d'une équipe d'habitants, formée et outillée par la tête de réseau.</p>"
    "<p>Ici, les équipes suivent leur parcours de formation, trouvent les outils dont elles ont "
    "besoin et avancent étape par étape, du premier cercle de voisins jusqu'au jour de "
    "l'ouverture.</p>"
)
ABOUT_BODY = (
    "<p>Une cantine du réseau, c'est une grande cuisine ouverte au pied des immeubles. Les "
    "habitants y préparent le repas avec l'aide d'un ou d'une responsable de cantine, puis "
    "s'attablent ensemble. Le prix est libre : chacun donne selon ses moyens, et ces "
    "contributions couvrent l'essentiel du fonctionnement.</p>"
    "<p>Le but n'est pas seulement de bien manger : c'est de tisser des liens entre des personnes "
    "qui ne se seraient jamais croisées, quel que soit leur âge, leur parcours ou leur origine. "
    "La grande majorité des convives disent s'y sentir accueillis tels qu'ils sont.</p>"
)


def load_accounts(stdout):
    User = get_user_model()
    for email, first_name, last_name, group_name, superuser in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )


def load_pages(stdout):
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="Cantines de quartier, cuisinées par les voisins",
            slug="accueil",
            intro=HOME_INTRO,
            body=HOME_BODY,
            training_text="Deux journées de formation et des modules en ligne, à suivre seul ou "
            "en équipe.",
            toolbox_text="Guides, modèles à remplir et exemples concrets pour chaque étape du "
            "projet.",
            start_text="Vous rêvez d'une cantine près de chez vous ? Dites-le nous, on vous "
            "accompagne.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    elif site.root_page_id != home.id:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Cantines de quartier"
        site.save()
        # Wagtail's placeholder "Welcome" page goes; a real page would be kept.
        if old_root.specific_class is Page and old_root.slug == "home":
            old_root.delete()
    if not StandardPage.objects.filter(slug="le-reseau").exists():
        about = StandardPage(
            title="Le réseau",
            slug="le-reseau",
            intro="Cuisiner ensemble, manger ensemble, payer ce que l'on peut.",
            body=ABOUT_BODY,
            show_in_menus=True,
        )
        home.add_child(instance=about)
        about.save_revision().publish()


def load(stdout):
    load_accounts(stdout)
    load_pages(stdout)
