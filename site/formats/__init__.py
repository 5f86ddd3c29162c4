"""Date formats of the site's languages, where Django's defaults do not suit it."""
