"""The region of a French postcode, from its department number."""

from .models import Region

_DEPARTMENTS = {
    Region.AUVERGNE_RHONE_ALPES: "01 03 07 15 26 38 42 43 63 69 73 74",
    Region.BOURGOGNE_FRANCHE_COMTE: "21 25 39 58 70 71 89 90",
    Region.BRETAGNE: "22 29 35 56",
    Region.CENTRE_VAL_DE_LOIRE: "18 28 36 37 41 45",
    Region.CORSE: "20 2A 2B",
    Region.GRAND_EST: "08 10 51 52 54 55 57 67 68 88",
    Region.HAUTS_DE_FRANCE: "02 59 60 62 80",
    Region.ILE_DE_FRANCE: "75 77 78 91 92 93 94 95",
    Region.NORMANDIE: "14 27 50 61 76",
    Region.NOUVELLE_AQUITAINE: "16 17 19 23 24 33 40 47 64 79 86 87",
    Region.OCCITANIE: "09 11 12 30 31 32 34 46 48 65 66 81 82",
    Region.PAYS_DE_LA_LOIRE: "44 49 53 72 85",
    Region.PROVENCE_ALPES_COTE_D_AZUR: "04 05 06 13 83 84",
    Region.OUTRE_MER: "97 98",
}
REGION_OF_DEPARTMENT = {
    department: region for region, codes in _DEPARTMENTS.items() for department in codes.split()
}


def region_for_postcode(postcode):
    """The region code for a postcode, or "" when it is not a French postcode we know."""
    postcode = (postcode or "").replace(" ", "").upper()
    return REGION_OF_DEPARTMENT.get(postcode[:2], "")
